#include "sim/catalog.h"

#include "config/reader.h"
#include "config/value.h"
#include "sim/simcodes.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace chainscope::sim {

void Catalog::add(Instance instance)
{
    m_index[instance.location][instance.serviceName].append(int(m_instances.size()));
    m_instances.append(std::move(instance));
}

QStringList Catalog::locations() const
{
    QStringList out = m_index.keys();
    std::sort(out.begin(), out.end());
    return out;
}

QStringList Catalog::services(const QString &location) const
{
    QStringList out = m_index.value(location).keys();
    std::sort(out.begin(), out.end());
    return out;
}

QList<Instance> Catalog::instances(const QString &location, const QString &service) const
{
    QList<Instance> out;
    const auto loc = m_index.constFind(location);
    if (loc == m_index.constEnd())
        return out;
    const auto svc = loc->constFind(service);
    if (svc == loc->constEnd())
        return out;
    out.reserve(svc->size());
    for (int i : *svc)
        out.append(m_instances.at(i));
    return out;
}

QList<Instance> Catalog::endpoints(const QString &location, const QString &service) const
{
    const QList<Instance> all = instances(location, service);
    QList<Instance> connect;
    for (const Instance &in : all) {
        // Consul's connect query returns the proxies for the service and its connect-native instances
        // (agent/consul/state/catalog.go, connect service index).
        if (in.isSidecar() || (in.service.connectNative && in.service.service == service))
            connect.append(in);
    }
    return connect.isEmpty() ? all : connect;
}

namespace {

using config::Value;

const Value *member(const Value &obj, const char *key)
{
    return obj.find(QString::fromLatin1(key));
}

class Decoder
{
public:
    Decoder(QString file, Diagnostics &diags)
        : m_file(std::move(file))
        , m_diags(diags)
    {
    }

    void report(Severity severity, QLatin1StringView code, const SourceSpan &where, const QString &field, const QString &message)
    {
        Diagnostic d;
        d.severity = severity;
        d.code = QString(code);
        d.message = message;
        d.where = where;
        if (d.where.file.isEmpty())
            d.where.file = m_file;
        d.field = field;
        m_diags.append(d);
    }

    static QString jsonType(const Value &v)
    {
        switch (v.type()) {
        case Value::Type::Null: return QStringLiteral("null");
        case Value::Type::Bool: return QStringLiteral("a boolean");
        case Value::Type::Int:
        case Value::Type::Float: return QStringLiteral("a number");
        case Value::Type::String: return QStringLiteral("a string");
        case Value::Type::List: return QStringLiteral("an array");
        case Value::Type::Map: return QStringLiteral("an object");
        }
        return {};
    }

    void wrongType(const Value &v, const QString &path, const QString &expected)
    {
        report(Severity::Error, codes::CatalogType, v.span(), path, QStringLiteral("expected %1, got %2").arg(expected, jsonType(v)));
    }

    // Each reader leaves the target untouched for null/absent values (Go's zero value / catalog default).
    void readString(const Value &obj, const char *key, const QString &path, QString &out)
    {
        const Value *v = member(obj, key);
        if (!v || v->isNull())
            return;
        if (!v->isString()) {
            wrongType(*v, join(path, key), QStringLiteral("a string"));
            return;
        }
        out = v->toString();
    }

    void readInt(const Value &obj, const char *key, const QString &path, qint64 &out)
    {
        const Value *v = member(obj, key);
        if (!v || v->isNull())
            return;
        if (!v->isNumber()) {
            wrongType(*v, join(path, key), QStringLiteral("a number"));
            return;
        }
        const double d = v->toDouble();
        if (v->isFloat() && (std::trunc(d) != d || std::fabs(d) > 9.0e15)) {
            report(Severity::Error, codes::CatalogBadValue, v->span(), join(path, key), QStringLiteral("expected an integer, got %1").arg(d));
            return;
        }
        out = v->toInt();
    }

    void readBool(const Value &obj, const char *key, const QString &path, bool &out)
    {
        const Value *v = member(obj, key);
        if (!v || v->isNull())
            return;
        if (!v->isBool()) {
            wrongType(*v, join(path, key), QStringLiteral("a boolean"));
            return;
        }
        out = v->toBool();
    }

    void readStringList(const Value &obj, const char *key, const QString &path, QStringList &out)
    {
        const Value *v = member(obj, key);
        if (!v || v->isNull())
            return;
        const QString p = join(path, key);
        if (!v->isList()) {
            wrongType(*v, p, QStringLiteral("an array of strings"));
            return;
        }
        int i = 0;
        for (const Value &item : v->items()) {
            if (item.isString())
                out.append(item.toString());
            else
                wrongType(item, QStringLiteral("%1[%2]").arg(p).arg(i), QStringLiteral("a string"));
            ++i;
        }
    }

    void readStringMap(const Value &obj, const char *key, const QString &path, QMap<QString, QString> &out)
    {
        const Value *v = member(obj, key);
        if (!v || v->isNull())
            return;
        const QString p = join(path, key);
        if (!v->isMap()) {
            wrongType(*v, p, QStringLiteral("an object of strings"));
            return;
        }
        for (const Value::Member &m : v->members()) {
            if (m.value.isString())
                out.insert(m.key, m.value.toString());
            else
                wrongType(m.value, indexPath(p, m.key), QStringLiteral("a string"));
        }
    }

    /** The object under key, or nullptr (absent, null, or reported as the wrong type). */
    const Value *object(const Value &obj, const char *key, const QString &path)
    {
        const Value *v = member(obj, key);
        if (!v || v->isNull())
            return nullptr;
        if (!v->isMap()) {
            wrongType(*v, join(path, key), QStringLiteral("an object"));
            return nullptr;
        }
        return v;
    }

    const Value *array(const Value &obj, const char *key, const QString &path)
    {
        const Value *v = member(obj, key);
        if (!v || v->isNull())
            return nullptr;
        if (!v->isList()) {
            wrongType(*v, join(path, key), QStringLiteral("an array"));
            return nullptr;
        }
        return v;
    }

    static QString join(const QString &path, const char *key)
    {
        return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key);
    }

    /** `path.key` for identifier-like keys, `path["key"]` otherwise. */
    static QString indexPath(const QString &path, const QString &key)
    {
        bool plain = !key.isEmpty() && key.front().isLetter();
        for (const QChar c : key)
            plain = plain && (c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-'));
        if (plain)
            return path.isEmpty() ? key : path + QLatin1Char('.') + key;
        QString escaped = key;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
        return path + QStringLiteral("[\"") + escaped + QStringLiteral("\"]");
    }

    void readNode(const Value &v, const QString &path, CatalogNode &n)
    {
        readString(v, "ID", path, n.id);
        readString(v, "Node", path, n.node);
        readString(v, "Address", path, n.address);
        readString(v, "Datacenter", path, n.datacenter);
        readString(v, "Partition", path, n.partition);
        readString(v, "PeerName", path, n.peerName);
        readStringMap(v, "TaggedAddresses", path, n.taggedAddresses);
        readStringMap(v, "Meta", path, n.meta);
    }

    void readService(const Value &v, const QString &path, CatalogService &s)
    {
        readString(v, "Kind", path, s.kind);
        readString(v, "ID", path, s.id);
        readString(v, "Service", path, s.service);
        readString(v, "Address", path, s.address);
        readString(v, "SocketPath", path, s.socketPath);
        readString(v, "PeerName", path, s.peerName);
        readStringList(v, "Tags", path, s.tags);
        readStringMap(v, "Meta", path, s.meta);
        readInt(v, "Port", path, s.port);
        readBool(v, "EnableTagOverride", path, s.enableTagOverride);
        if (const Value *ta = object(v, "TaggedAddresses", path)) {
            const QString p = join(path, "TaggedAddresses");
            for (const Value::Member &m : ta->members()) {
                const QString mp = indexPath(p, m.key);
                if (!m.value.isMap()) {
                    wrongType(m.value, mp, QStringLiteral("an object"));
                    continue;
                }
                ServiceAddress a;
                readString(m.value, "Address", mp, a.address);
                readInt(m.value, "Port", mp, a.port);
                s.taggedAddresses.insert(m.key, a);
            }
        }
        if (const Value *w = object(v, "Weights", path)) {
            const QString p = join(path, "Weights");
            readInt(*w, "Passing", p, s.weightsPassing);
            readInt(*w, "Warning", p, s.weightsWarning);
        }
        if (const Value *c = object(v, "Connect", path))
            readBool(*c, "Native", join(path, "Connect"), s.connectNative);
        if (const Value *px = object(v, "Proxy", path))
            readProxy(*px, join(path, "Proxy"), s.proxy);
    }

    void readProxy(const Value &v, const QString &path, ProxyConfig &p)
    {
        readString(v, "DestinationServiceName", path, p.destinationServiceName);
        readString(v, "DestinationServiceID", path, p.destinationServiceId);
        readString(v, "LocalServiceAddress", path, p.localServiceAddress);
        readString(v, "LocalServiceSocketPath", path, p.localServiceSocketPath);
        readString(v, "Mode", path, p.mode);
        readInt(v, "LocalServicePort", path, p.localServicePort);
        if (const Value *mg = object(v, "MeshGateway", path))
            readString(*mg, "Mode", join(path, "MeshGateway"), p.meshGatewayMode);
        if (const Value *tp = object(v, "TransparentProxy", path)) {
            const QString tpp = join(path, "TransparentProxy");
            readInt(*tp, "OutboundListenerPort", tpp, p.transparentOutboundListenerPort);
            readBool(*tp, "DialedDirectly", tpp, p.transparentDialedDirectly);
        }
        if (const Value *ups = array(v, "Upstreams", path)) {
            int i = 0;
            for (const Value &u : ups->items()) {
                const QString up = QStringLiteral("%1.Upstreams[%2]").arg(path).arg(i++);
                if (!u.isMap()) {
                    wrongType(u, up, QStringLiteral("an object"));
                    continue;
                }
                ProxyUpstream x;
                readString(u, "DestinationType", up, x.destinationType);
                readString(u, "DestinationNamespace", up, x.destinationNamespace);
                readString(u, "DestinationPartition", up, x.destinationPartition);
                readString(u, "DestinationPeer", up, x.destinationPeer);
                readString(u, "DestinationName", up, x.destinationName);
                readString(u, "Datacenter", up, x.datacenter);
                readString(u, "LocalBindAddress", up, x.localBindAddress);
                readString(u, "LocalBindSocketPath", up, x.localBindSocketPath);
                readString(u, "LocalBindSocketMode", up, x.localBindSocketMode);
                readInt(u, "LocalBindPort", up, x.localBindPort);
                if (const Value *mg = object(u, "MeshGateway", up))
                    readString(*mg, "Mode", join(up, "MeshGateway"), x.meshGatewayMode);
                p.upstreams.append(x);
            }
        }
        if (const Value *ex = object(v, "Expose", path)) {
            const QString ep = join(path, "Expose");
            readBool(*ex, "Checks", ep, p.exposeChecks);
            if (const Value *paths = array(*ex, "Paths", ep)) {
                int i = 0;
                for (const Value &e : paths->items()) {
                    const QString pp = QStringLiteral("%1.Paths[%2]").arg(ep).arg(i++);
                    if (!e.isMap()) {
                        wrongType(e, pp, QStringLiteral("an object"));
                        continue;
                    }
                    ExposePath x;
                    readInt(e, "ListenerPort", pp, x.listenerPort);
                    readInt(e, "LocalPathPort", pp, x.localPathPort);
                    readString(e, "Path", pp, x.path);
                    readString(e, "Protocol", pp, x.protocol);
                    readBool(e, "ParsedFromCheck", pp, x.parsedFromCheck);
                    p.exposePaths.append(x);
                }
            }
        }
    }

    void readCheck(const Value &v, const QString &path, CatalogCheck &c)
    {
        readString(v, "Node", path, c.node);
        readString(v, "CheckID", path, c.checkId);
        readString(v, "Name", path, c.name);
        readString(v, "Status", path, c.status);
        readString(v, "Notes", path, c.notes);
        readString(v, "Output", path, c.output);
        readString(v, "ServiceID", path, c.serviceId);
        readString(v, "ServiceName", path, c.serviceName);
        readStringList(v, "ServiceTags", path, c.serviceTags);
        readString(v, "Type", path, c.type);
        readString(v, "Interval", path, c.interval);
        readString(v, "Timeout", path, c.timeout);
        readString(v, "PeerName", path, c.peerName);
        readInt(v, "ExposedPort", path, c.exposedPort);
        static const QStringList statuses = {QStringLiteral("passing"), QStringLiteral("warning"), QStringLiteral("critical")};
        if (!statuses.contains(c.status)) {
            const Value *s = member(v, "Status");
            report(Severity::Error, codes::CatalogBadStatus, s ? s->span() : v.span(), join(path, "Status"),
                   QStringLiteral("check status must be \"passing\", \"warning\" or \"critical\", got \"%1\"").arg(c.status));
        }
    }

    /** Decodes one {Node, Service, Checks}; false if it is unusable. */
    bool readInstance(const Value &v, const QString &path, Instance &in)
    {
        if (!v.isMap()) {
            wrongType(v, path, QStringLiteral("an object with Node, Service and Checks"));
            return false;
        }
        const qsizetype before = m_diags.size();
        const Value *node = object(v, "Node", path);
        const Value *svc = object(v, "Service", path);
        if (!node && !member(v, "Node"))
            report(Severity::Error, codes::CatalogMissingField, v.span(), join(path, "Node"), QStringLiteral("Node is required"));
        if (!svc && !member(v, "Service"))
            report(Severity::Error, codes::CatalogMissingField, v.span(), join(path, "Service"), QStringLiteral("Service is required"));
        if (node)
            readNode(*node, join(path, "Node"), in.node);
        if (svc) {
            readService(*svc, join(path, "Service"), in.service);
            if (in.service.service.isEmpty())
                report(Severity::Error, codes::CatalogMissingField, svc->span(), join(path, "Service.Service"), QStringLiteral("Service.Service is required"));
        }
        if (const Value *checks = array(v, "Checks", path)) {
            int i = 0;
            for (const Value &c : checks->items()) {
                const QString cp = QStringLiteral("%1.Checks[%2]").arg(path).arg(i++);
                if (!c.isMap()) {
                    wrongType(c, cp, QStringLiteral("an object"));
                    continue;
                }
                CatalogCheck check;
                readCheck(c, cp, check);
                in.checks.append(check);
            }
        }
        in.span = v.span();
        in.serviceName = in.isSidecar() && !in.service.proxy.destinationServiceName.isEmpty() ? in.service.proxy.destinationServiceName
                                                                                             : in.service.service;
        return node && svc && !hasErrors(m_diags.mid(before));
    }

    /** One instance array listed under (location, service) of the keyed form, or the whole health answer. */
    void readArray(const Value &list, const QString &path, const QString &location, const QString &service, Catalog &out)
    {
        int i = 0;
        for (const Value &item : list.items()) {
            const QString ip = QStringLiteral("%1[%2]").arg(path).arg(i++);
            Instance in;
            if (!readInstance(item, ip, in))
                continue;
            if (location.isEmpty()) {
                in.location = in.node.datacenter.isEmpty() ? m_defaultDatacenter : in.node.datacenter;
                if (!in.node.peerName.isEmpty())
                    in.location = Catalog::peerLocation(in.node.peerName);
            } else {
                in.location = location;
                if (!location.startsWith(QLatin1String("peer:")) && !in.node.datacenter.isEmpty() && in.node.datacenter != location)
                    report(Severity::Warning, codes::CatalogDatacenterMismatch, item.span(), ip + QStringLiteral(".Node.Datacenter"),
                           QStringLiteral("Node.Datacenter is \"%1\" but the instance is listed under \"%2\"").arg(in.node.datacenter, location));
            }
            if (!service.isEmpty() && in.serviceName != service && in.service.service != service) {
                report(Severity::Error, codes::CatalogServiceMismatch, item.span(), ip + QStringLiteral(".Service.Service"),
                       QStringLiteral("instance of \"%1\" listed under service \"%2\"").arg(in.serviceName, service));
                continue;
            }
            const QString dupKey = in.location + QLatin1Char('\n') + in.node.node + QLatin1Char('\n') + in.service.id;
            if (m_seen.contains(dupKey)) {
                report(Severity::Warning, codes::CatalogDuplicateInstance, item.span(), ip + QStringLiteral(".Service.ID"),
                       QStringLiteral("instance \"%1\" on node \"%2\" is listed twice").arg(in.service.id, in.node.node));
                continue;
            }
            m_seen.insert(dupKey);
            out.add(std::move(in));
        }
    }

    QString m_defaultDatacenter;

private:
    QString m_file;
    Diagnostics &m_diags;
    QSet<QString> m_seen;
};

} // namespace

Result<Catalog> parseCatalog(QByteArrayView json, const QString &file, const CatalogOptions &options)
{
    Result<Catalog> result;
    config::ReadLimits limits;
    limits.maxFileBytes = options.maxFileBytes;
    Result<Value> parsed = config::parseJson(json, file, limits);
    for (Diagnostic d : parsed.diagnostics) {
        if (d.code.isEmpty())
            d.code = QString(codes::CatalogSyntax);
        result.diagnostics.append(d);
    }
    if (!parsed)
        return result;
    Catalog catalog;
    Decoder dec(file, result.diagnostics);
    dec.m_defaultDatacenter = options.defaultDatacenter;
    const Value &root = *parsed;
    if (root.isList()) {
        dec.readArray(root, QString(), QString(), QString(), catalog);
    } else if (root.isMap()) {
        for (const Value::Member &loc : root.members()) {
            const QString locPath = Decoder::indexPath(QString(), loc.key);
            if (loc.key.isEmpty() || loc.key == QLatin1String("peer:")) {
                dec.report(Severity::Error, codes::CatalogBadLocation, loc.keySpan, locPath,
                           QStringLiteral("a catalog key must be a datacenter name or \"peer:NAME\""));
                continue;
            }
            if (!loc.value.isMap()) {
                dec.wrongType(loc.value, locPath, QStringLiteral("an object mapping service names to instance arrays"));
                continue;
            }
            for (const Value::Member &svc : loc.value.members()) {
                const QString svcPath = Decoder::indexPath(locPath, svc.key);
                if (!svc.value.isList()) {
                    dec.wrongType(svc.value, svcPath, QStringLiteral("an array of instances"));
                    continue;
                }
                dec.readArray(svc.value, svcPath, loc.key, svc.key, catalog);
            }
        }
    } else {
        Diagnostic d;
        d.code = QString(codes::CatalogShape);
        d.message = QStringLiteral("a catalog is an array of {Node, Service, Checks} or an object keyed by datacenter");
        d.where = root.span();
        if (d.where.file.isEmpty())
            d.where.file = file;
        result.diagnostics.append(d);
        return result;
    }
    result.value = std::move(catalog);
    return result;
}

Result<Catalog> loadCatalog(const QString &path, const CatalogOptions &options)
{
    Result<Catalog> result;
    auto fail = [&](const QString &message) {
        Diagnostic d;
        d.code = QString(codes::CatalogUnreadable);
        d.message = message;
        d.where.file = path;
        result.diagnostics.append(d);
        return result;
    };
    QFile f(path);
    if (!QFileInfo(path).isFile())
        return fail(QStringLiteral("catalog file not found"));
    if (f.size() > options.maxFileBytes)
        return fail(QStringLiteral("catalog file is larger than %1 bytes").arg(options.maxFileBytes));
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read catalog file: %1").arg(f.errorString()));
    const QByteArray data = f.read(options.maxFileBytes + 1);
    if (data.size() > options.maxFileBytes)
        return fail(QStringLiteral("catalog file is larger than %1 bytes").arg(options.maxFileBytes));
    return parseCatalog(data, path, options);
}

} // namespace chainscope::sim
