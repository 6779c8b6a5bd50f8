// A small synchronous client for the `consul agent -dev` the differential tests run against (agent.sh).
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QString>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace chainscope::difftest {

/** One HTTP exchange with the agent. status 0 means the request never got an answer (see error). */
struct HttpReply {
    int status = 0;
    QByteArray body;
    QString error;

    [[nodiscard]] bool ok() const { return status >= 200 && status < 300; }
    [[nodiscard]] QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    /** The body as text without trailing white space: the agent's error message on failures. */
    [[nodiscard]] QString text() const { return QString::fromUtf8(body).trimmed(); }
};

/**
 * Where the fixture's agent is, or why there is none. agent.sh (FIXTURES_SETUP) writes `address` or
 * `unavailable` into the state directory; the tests read it here.
 */
struct AgentLocation {
    QUrl address;      ///< empty when unavailable
    QString unavailableReason;
    /** True when the agent is missing but the test may skip (CI is not "true"). */
    bool maySkip = false;
};

[[nodiscard]] AgentLocation locateAgent(const QString &stateDir);

/** Blocking HTTP calls (each with a timeout) on the agent's API. Not thread-safe; one per test. */
class ConsulAgent
{
public:
    explicit ConsulAgent(QUrl address, int timeoutMs = 20000);
    ~ConsulAgent();
    ConsulAgent(const ConsulAgent &) = delete;
    ConsulAgent &operator=(const ConsulAgent &) = delete;

    [[nodiscard]] const QUrl &address() const { return m_address; }

    /** path is relative to the agent, e.g. "/v1/config/service-resolver"; query is already encoded. */
    [[nodiscard]] HttpReply get(const QString &path, const QString &query = {});
    [[nodiscard]] HttpReply put(const QString &path, const QByteArray &body);
    [[nodiscard]] HttpReply post(const QString &path, const QString &query, const QByteArray &body);
    [[nodiscard]] HttpReply del(const QString &path);

    /** The cluster's SPIFFE trust domain (`<cluster id>.consul`) from /v1/connect/ca/roots. */
    [[nodiscard]] QString trustDomain();

private:
    [[nodiscard]] HttpReply send(const QByteArray &verb, const QString &path, const QString &query, const QByteArray &body);

    QUrl m_address;
    int m_timeoutMs;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace chainscope::difftest
