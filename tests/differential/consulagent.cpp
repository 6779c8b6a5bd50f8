#include "consulagent.h"

#include <QBuffer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace chainscope::difftest {

namespace {

QString readTrimmed(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace

AgentLocation locateAgent(const QString &stateDir)
{
    AgentLocation location;
    location.maySkip = qEnvironmentVariable("CI") != u"true";
    const QString address = readTrimmed(stateDir + u"/address");
    if (!address.isEmpty()) {
        location.address = QUrl(address);
        return location;
    }
    location.unavailableReason = readTrimmed(stateDir + u"/unavailable");
    if (location.unavailableReason.isEmpty())
        location.unavailableReason = QStringLiteral("no consul agent: %1/address is missing (run the test through ctest so "
                                                    "that the 'consul' fixture starts one)")
                                         .arg(stateDir);
    return location;
}

ConsulAgent::ConsulAgent(QUrl address, int timeoutMs)
    : m_address(std::move(address))
    , m_timeoutMs(timeoutMs)
    , m_network(std::make_unique<QNetworkAccessManager>())
{
}

ConsulAgent::~ConsulAgent() = default;

HttpReply ConsulAgent::get(const QString &path, const QString &query)
{
    return send("GET", path, query, {});
}

HttpReply ConsulAgent::put(const QString &path, const QByteArray &body)
{
    return send("PUT", path, {}, body);
}

HttpReply ConsulAgent::post(const QString &path, const QString &query, const QByteArray &body)
{
    return send("POST", path, query, body);
}

HttpReply ConsulAgent::del(const QString &path)
{
    return send("DELETE", path, {}, {});
}

QString ConsulAgent::trustDomain()
{
    const HttpReply reply = get(QStringLiteral("/v1/connect/ca/roots"));
    return reply.ok() ? reply.json().object().value(u"TrustDomain").toString() : QString();
}

HttpReply ConsulAgent::send(const QByteArray &verb, const QString &path, const QString &query, const QByteArray &body)
{
    QUrl url = m_address;
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(query, QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);

    QBuffer upload;
    upload.setData(body);
    upload.open(QIODevice::ReadOnly);
    std::unique_ptr<QNetworkReply> reply(m_network->sendCustomRequest(request, verb, body.isEmpty() ? nullptr : &upload));

    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();

    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (result.status == 0)
        result.error = reply->errorString();
    return result;
}

} // namespace chainscope::difftest
