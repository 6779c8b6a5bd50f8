// service-defaults and proxy-defaults: Consul's ServiceConfigEntry.Validate and ProxyConfigEntry.Validate
// (config.md §3.6). Fields the typed body does not carry are read from the canonical tree.
#include "config/reader.h"
#include "config/validatecodes.h"
#include "config/validator_p.h"

#include <QSet>

namespace chainscope::config::detail {
namespace {

QString treeString(const EntryReport &report, QStringView path)
{
    const Value *v = report.treeAt(path);
    return v && v->isString() ? v->toString() : QString();
}

std::optional<qint64> treeInt(const EntryReport &report, QStringView path)
{
    const Value *v = report.treeAt(path);
    if (v && v->isNumber())
        return v->toInt();
    return std::nullopt;
}

/** A duration stored as nanoseconds or as a Go duration string: is it below zero? */
bool treeDurationNegative(const EntryReport &report, QStringView path)
{
    const Value *v = report.treeAt(path);
    if (!v)
        return false;
    if (v->isNumber())
        return v->toDouble() < 0;
    if (!v->isString() || !v->toString().startsWith(u'-'))
        return false;
    for (const QChar c : v->toString()) {
        if (c >= u'1' && c <= u'9')
            return true;
    }
    return false;
}

void validateMutualTlsMode(EntryReport &report, const QString &mode)
{
    if (!mode.isEmpty() && mode != u"strict" && mode != u"permissive")
        report.error(codes::MutualTlsMode, u"MutualTLSMode",
                     QStringLiteral("Invalid MutualTLSMode %1. Must be one of \"\", \"strict\", or \"permissive\".").arg(goQuote(mode)));
}

/** UpstreamConfig.validate(named): inner messages, each wrapped by the caller's prefix. */
void validateUpstream(EntryReport &report, const QString &path, bool named, const QString &wrap)
{
    const Value *upstream = report.treeAt(path);
    if (!upstream || !upstream->isMap())
        return;
    const auto fail = [&](const QString &field, const QString &inner) {
        report.error(codes::ServiceDefaultsField, field.isEmpty() ? path : path + u'.' + field, wrap + inner);
    };
    const QString name = treeString(report, QString(path + QStringLiteral(".Name")));
    if (named) {
        if (name.isEmpty())
            return fail(QStringLiteral("Name"), QStringLiteral("Name is required"));
        if (name == u"*")
            return fail(QStringLiteral("Name"), QStringLiteral("Wildcard name is not supported"));
        if (treeString(report, QString(path + QStringLiteral(".Namespace"))) == u"*")
            return fail(QStringLiteral("Namespace"), QStringLiteral("Wildcard namespace is not supported"));
    } else {
        if (!name.isEmpty())
            return fail(QStringLiteral("Name"), QStringLiteral("Name must be empty"));
        if (!treeString(report, QString(path + QStringLiteral(".Namespace"))).isEmpty())
            return fail(QStringLiteral("Namespace"), QStringLiteral("Namespace must be empty"));
        if (!treeString(report, QString(path + QStringLiteral(".Partition"))).isEmpty())
            return fail(QStringLiteral("Partition"), QStringLiteral("Partition must be empty"));
    }

    // The remaining checks are aggregated (multierror) in Consul.
    const QString phc = path + QStringLiteral(".PassiveHealthCheck");
    if (report.treeAt(phc)) {
        if (treeDurationNegative(report, QString(phc + QStringLiteral(".Interval"))))
            fail(QStringLiteral("PassiveHealthCheck.Interval"), QStringLiteral("passive health check interval cannot be negative"));
        if (const auto v = treeInt(report, QString(phc + QStringLiteral(".EnforcingConsecutive5xx"))); v && (*v < 0 || *v > 100))
            fail(QStringLiteral("PassiveHealthCheck.EnforcingConsecutive5xx"),
                 QStringLiteral("passive health check enforcing_consecutive_5xx must be a percentage between 0 and 100"));
        if (const auto v = treeInt(report, QString(phc + QStringLiteral(".MaxEjectionPercent"))); v && (*v < 0 || *v > 100))
            fail(QStringLiteral("PassiveHealthCheck.MaxEjectionPercent"),
                 QStringLiteral("passive health check max_ejection_percent must be a percentage between 0 and 100"));
        if (treeDurationNegative(report, QString(phc + QStringLiteral(".BaseEjectionTime"))))
            fail(QStringLiteral("PassiveHealthCheck.BaseEjectionTime"), QStringLiteral("passive health check base_ejection_time cannot be negative"));
    }
    const QString limits = path + QStringLiteral(".Limits");
    const struct {
        const char *field;
        const char *message;
    } limitChecks[] = {{"MaxConnections", "max connections cannot be negative"},
                       {"MaxPendingRequests", "max pending requests cannot be negative"},
                       {"MaxConcurrentRequests", "max concurrent requests cannot be negative"}};
    for (const auto &c : limitChecks) {
        if (const auto v = treeInt(report, QString(limits + u'.' + QLatin1String(c.field))); v && *v < 0)
            fail(QStringLiteral("Limits.") + QLatin1String(c.field), QLatin1String(c.message));
    }
    const QString balance = treeString(report, QString(path + QStringLiteral(".BalanceOutboundConnections")));
    if (!balance.isEmpty() && balance != u"exact_balance")
        fail(QStringLiteral("BalanceOutboundConnections"), QStringLiteral("invalid value for balance_outbound_connections: %1").arg(balance));
}

/** An IPv4 dotted quad of four 0..255 numbers without leading zeros (net.ParseIP since Go 1.17). */
bool isIpv4(QStringView s)
{
    const QList<QStringView> parts = s.split(u'.');
    if (parts.size() != 4)
        return false;
    for (const QStringView p : parts) {
        if (p.isEmpty() || p.size() > 3)
            return false;
        for (const QChar c : p) {
            if (!c.isDigit() || c.unicode() > 127)
                return false;
        }
        if (p.size() > 1 && p.front() == u'0')
            return false;
        if (p.toInt() > 255)
            return false;
    }
    return true;
}

/** Hex groups separated by ':' (each 1..4 hex digits); counts them. An empty text has none. */
bool hexGroups(QStringView text, int &count)
{
    if (text.isEmpty())
        return true;
    for (const QStringView group : text.split(u':')) {
        if (group.isEmpty() || group.size() > 4)
            return false;
        for (const QChar c : group) {
            const char16_t u = c.unicode();
            if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
                return false;
        }
        ++count;
    }
    return true;
}

/** An IPv6 address as net.ParseIP reads it: eight groups, one "::" elision, an optional IPv4 tail. */
bool isIpv6(QStringView s)
{
    QString text = s.toString();
    const qsizetype lastColon = text.lastIndexOf(u':');
    if (lastColon < 0)
        return false;
    if (text.mid(lastColon + 1).contains(u'.')) {
        if (!isIpv4(QStringView(text).mid(lastColon + 1)))
            return false;
        text = text.left(lastColon + 1) + QStringLiteral("0:0");
    }
    int count = 0;
    const qsizetype elision = text.indexOf(QStringLiteral("::"));
    if (elision < 0)
        return hexGroups(text, count) && count == 8;
    if (text.indexOf(QStringLiteral("::"), elision + 1) >= 0)
        return false;
    return hexGroups(QStringView(text).left(elision), count) && hexGroups(QStringView(text).mid(elision + 2), count) && count < 8;
}

/** miekg/dns IsDomainName: labels of 1..63 bytes, at most 255 bytes in wire form (lenient otherwise). */
bool isDomainName(QStringView s)
{
    if (s.isEmpty())
        return false;
    if (s == u".")
        return true;
    QStringView name = s;
    if (name.endsWith(u'.'))
        name.chop(1);
    const QList<QStringView> labels = name.split(u'.');
    qsizetype wire = 1;
    for (const QStringView label : labels) {
        const qsizetype bytes = byteLength(label);
        if (bytes == 0 || bytes > 63)
            return false;
        wire += bytes + 1;
    }
    return wire <= 255;
}

} // namespace

void validateServiceDefaults(EntryReport &report, const ServiceDefaults &defaults)
{
    const Entry &entry = report.entry();
    // Name problems are returned on their own.
    if (entry.name.isEmpty()) {
        report.error(codes::NameRequired, u"Name", QStringLiteral("Name is required"));
        return;
    }
    if (entry.name == u"*") {
        report.error(codes::ServiceDefaultsName, u"Name", QStringLiteral("service-defaults name must be the name of a service, and not a wildcard"));
        return;
    }
    if (!report.isKubernetes())
        validateMeta(report);

    const QString balance = treeString(report, u"BalanceInboundConnections");
    if (!balance.isEmpty() && balance != u"exact_balance")
        report.error(codes::ServiceDefaultsField, u"BalanceInboundConnections",
                     QStringLiteral("invalid value for balance_inbound_connections: %1").arg(balance));

    const Value *upstreamConfig = report.treeAt(u"UpstreamConfig");
    const Value *destination = report.treeAt(u"Destination");
    if (upstreamConfig && destination) {
        report.error(codes::ServiceDefaultsField, u"Destination",
                     QStringLiteral("UpstreamConfig and Destination are mutually exclusive for service defaults"));
    } else if (upstreamConfig) { // without it there are no overrides or defaults to look up
        if (const Value *overrides = report.treeAt(u"UpstreamConfig.Overrides"); overrides && overrides->isList()) {
            for (qsizetype i = 0; i < overrides->items().size(); ++i) {
                const QString path = QStringLiteral("UpstreamConfig.Overrides") + indexSegment(i);
                const QString name = treeString(report, QString(path + QStringLiteral(".Name")));
                const QString peer = treeString(report, QString(path + QStringLiteral(".Peer")));
                // PeeredServiceName.String(): "peer:<peer>/<name>" for peered upstreams.
                const QString shown = peer.isEmpty() ? name : QStringLiteral("peer:%1/%2").arg(peer, name);
                validateUpstream(report, path, true, QStringLiteral("error in upstream override for %1: ").arg(shown));
            }
        }
        validateUpstream(report, QStringLiteral("UpstreamConfig.Defaults"), false, QStringLiteral("error in upstream defaults: "));
    } else if (destination) {
        const Value *addresses = report.treeAt(u"Destination.Addresses");
        if (!addresses || !addresses->isList() || addresses->items().isEmpty())
            report.error(codes::ServiceDefaultsField, u"Destination.Addresses", QStringLiteral("Destination must contain at least one valid address"));
        if (addresses && addresses->isList()) {
            QSet<QString> seen;
            for (qsizetype i = 0; i < addresses->items().size(); ++i) {
                const Value &a = addresses->items()[i];
                const QString address = a.isString() ? a.toString() : QString();
                const QString path = QStringLiteral("Destination.Addresses") + indexSegment(i);
                if (seen.contains(address)) {
                    report.error(codes::ServiceDefaultsField, path, QStringLiteral("Duplicate address '%1' is not allowed").arg(address));
                    continue;
                }
                seen.insert(address);
                const bool valid = isIpv4(address) || isIpv6(address) || (isDomainName(address) && !address.contains(u'*'));
                if (!valid)
                    report.error(codes::ServiceDefaultsField, path,
                                 QStringLiteral("Destination address '%1' is invalid Could not validate address %1 as an IP or Hostname").arg(address));
            }
        }
        const qint64 port = treeInt(report, u"Destination.Port").value_or(0);
        if (port < 1 || port > 65535)
            report.error(codes::ServiceDefaultsField, u"Destination.Port", QStringLiteral("Invalid Port number %1").arg(port));
    }
    validateMutualTlsMode(report, defaults.mutualTLSMode);
}

void validateProxyDefaults(EntryReport &report, const ProxyDefaults &defaults)
{
    const Entry &entry = report.entry();
    const QString name = entry.name.isEmpty() ? QStringLiteral("global") : entry.name;
    if (name != u"global") {
        report.error(codes::ProxyDefaultsName, u"Name", QStringLiteral("invalid name (%1), only \"global\" is supported").arg(goQuote(name)));
        return;
    }

    // AccessLogsConfig.Validate: each check returns.
    if (report.treeAt(u"AccessLogs")) {
        const QString type = treeString(report, u"AccessLogs.Type");
        const QString path = treeString(report, u"AccessLogs.Path");
        const QString jsonFormat = treeString(report, u"AccessLogs.JSONFormat");
        const QString textFormat = treeString(report, u"AccessLogs.TextFormat");
        if (type == u"file" && path.isEmpty()) {
            report.error(codes::AccessLogsInvalid, u"AccessLogs.Path", QStringLiteral("path must be specified when using file type access logs"));
        } else if (type != u"file" && type != u"stdout" && type != u"stderr" && !type.isEmpty()) {
            report.error(codes::AccessLogsInvalid, u"AccessLogs.Type", QStringLiteral("invalid access log type: %1").arg(type));
        } else if (!jsonFormat.isEmpty() && !textFormat.isEmpty()) {
            report.error(codes::AccessLogsInvalid, u"AccessLogs.TextFormat", QStringLiteral("cannot specify both access log JSONFormat and TextFormat"));
        } else if (type != u"file" && !path.isEmpty()) {
            report.error(codes::AccessLogsInvalid, u"AccessLogs.Path", QStringLiteral("path is only valid for file type access logs"));
        } else if (!jsonFormat.isEmpty()) {
            // json.Unmarshal into map[string]interface{}: Go's own error texts come from our JSON reader.
            const QByteArray text = jsonFormat.toUtf8();
            const Result<Value> parsed = parseJson(text, entry.span.file);
            QString problem;
            if (!parsed || !parsed.diagnostics.isEmpty())
                problem = parsed.diagnostics.isEmpty() ? QStringLiteral("unexpected end of JSON input") : parsed.diagnostics.front().message;
            else if (!parsed->isMap() && !parsed->isNull())
                problem = QStringLiteral("json: cannot unmarshal %1 into Go value of type map[string]interface {}")
                              .arg(parsed->isList() ? QStringLiteral("array") : parsed->isString() ? QStringLiteral("string")
                                                                                 : parsed->isBool() ? QStringLiteral("bool")
                                                                                                    : QStringLiteral("number"));
            if (!problem.isEmpty())
                report.error(codes::AccessLogsInvalid, u"AccessLogs.JSONFormat", QStringLiteral("invalid access log json for JSON format: %1").arg(problem));
        }
    }
    if (!report.isKubernetes())
        validateMeta(report);

    if (defaults.config.isMap()) {
        if (const Value *dir = defaults.config.find(u"envoy_hcp_metrics_bind_socket_dir"); dir && dir->isString() && byteLength(dir->toString()) > 70)
            report.error(codes::ProxyConfigInvalid, u"Config.envoy_hcp_metrics_bind_socket_dir",
                         QStringLiteral("Config: envoy_hcp_metrics_bind_socket_dir length %1 exceeds max %2").arg(byteLength(dir->toString())).arg(70));
    }
    if (defaults.failoverPolicy && !defaults.failoverPolicy->mode.isEmpty() && defaults.failoverPolicy->mode != u"sequential"
        && defaults.failoverPolicy->mode != u"order-by-locality")
        report.error(codes::FailoverPolicyMode, u"FailoverPolicy.Mode",
                     QStringLiteral("Failover-policy mode must be one of '', 'sequential', or 'order-by-locality'"));
    if (report.isCe() && defaults.prioritizeByLocality && !defaults.prioritizeByLocality->mode.isEmpty())
        report.error(codes::EnterprisePrioritizeByLocality, u"PrioritizeByLocality.Mode", QStringLiteral("Prioritize-by-locality requires Consul Enterprise "));
    validateMutualTlsMode(report, treeString(report, u"MutualTLSMode"));
}

} // namespace chainscope::config::detail
