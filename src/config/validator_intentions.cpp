// service-intentions: Consul's ServiceIntentionsConfigEntry.Validate (config.md §3.5). Sources arrive
// sorted by precedence (Normalize), so message indices are Consul's sorted ones; each diagnostic is still
// located at the source as written, found through its span.
#include "config/validatecodes.h"
#include "config/validator_p.h"

#include <QSet>

namespace chainscope::config::detail {
namespace {

/** The index of a sorted source in the written Sources list (matched by span), or `sorted`. */
qsizetype writtenIndex(const EntryReport &report, const SourceIntention &source, qsizetype sorted)
{
    if (const Value *list = report.treeAt(u"Sources"); list && list->isList() && source.span.isValid()) {
        for (qsizetype k = 0; k < list->items().size(); ++k) {
            if (list->items()[k].span().begin == source.span.begin)
                return k;
        }
    }
    return sorted;
}

/** validateIntentionWildcards: the first violated rule, or an empty string. */
QString wildcardProblem(const QString &name, const QString &ns, const QString &partition, const QString &peer, const QString &samenessGroup)
{
    const bool wildNs = ns == u"*";
    const bool wildName = name == u"*";
    if (ns.contains(u'*') && !wildNs)
        return QStringLiteral("Namespace: wildcard character '*' cannot be used with partial values");
    if (name.contains(u'*') && !wildName)
        return QStringLiteral("Name: wildcard character '*' cannot be used with partial values");
    if (wildNs && !wildName)
        return QStringLiteral("Name: exact value cannot follow wildcard namespace");
    if (partition.contains(u'*'))
        return QStringLiteral("Partition: cannot use wildcard '*' in partition");
    if (peer.contains(u'*'))
        return QStringLiteral("Peer: cannot use wildcard '*' in peer");
    if (samenessGroup.contains(u'*'))
        return QStringLiteral("SamenessGroup: cannot use wildcard '*' in sameness group");
    return QString();
}

void validateJwtProviders(EntryReport &report, const QString &jwtPath)
{
    const Value *providers = report.treeAt(QString(jwtPath + QStringLiteral(".Providers")));
    if (!providers || !providers->isList())
        return;
    for (qsizetype k = 0; k < providers->items().size(); ++k) {
        const Value &p = providers->items()[k];
        const Value *name = p.isMap() ? p.find(u"Name") : nullptr;
        if (!name || (name->isString() && name->toString().isEmpty()))
            report.error(codes::IntentionJwt, QString(jwtPath + QStringLiteral(".Providers") + indexSegment(k)),
                         QStringLiteral("JWT provider name is required"));
    }
}

/** One permission; Consul returns at the first failure. */
void validatePermission(EntryReport &report, const QString &path, const QString &prefix, const IntentionPermission &perm)
{
    if (perm.action != u"allow" && perm.action != u"deny") {
        report.error(codes::IntentionPermission, QString(path + QStringLiteral(".Action")), prefix + QStringLiteral(".Action must be set to 'allow' or 'deny'"));
        return;
    }
    const QString hpath = path + QStringLiteral(".HTTP");
    const QString hprefix = prefix + QStringLiteral(".HTTP");
    if (!perm.http) {
        if (report.treeAt(QString(path + QStringLiteral(".JWT"))))
            validateJwtProviders(report, path + QStringLiteral(".JWT"));
        else
            report.error(codes::IntentionPermission, path, hprefix + QStringLiteral(" is required"));
        return;
    }
    const IntentionHttpPermission &http = *perm.http;
    const auto fail = [&](const QString &field, const QString &message) {
        report.error(codes::IntentionPermission, field.isEmpty() ? hpath : hpath + u'.' + field, hprefix + message);
    };
    int pathParts = 0;
    if (!http.pathExact.isEmpty()) {
        ++pathParts;
        if (!http.pathExact.startsWith(u'/'))
            return fail(QStringLiteral("PathExact"), QStringLiteral(".PathExact doesn't start with '/': %1").arg(goQuote(http.pathExact)));
    }
    if (!http.pathPrefix.isEmpty()) {
        ++pathParts;
        if (!http.pathPrefix.startsWith(u'/'))
            return fail(QStringLiteral("PathPrefix"), QStringLiteral(".PathPrefix doesn't start with '/': %1").arg(goQuote(http.pathPrefix)));
    }
    if (!http.pathRegex.isEmpty())
        ++pathParts;
    if (pathParts > 1)
        return fail(QString(), QStringLiteral(" should only contain at most one of PathExact, PathPrefix, or PathRegex"));

    int permParts = pathParts;
    for (qsizetype k = 0; k < http.header.size(); ++k) {
        const IntentionHeaderPermission &h = http.header[k];
        const QString field = QStringLiteral("Header") + indexSegment(k);
        if (h.name.isEmpty())
            return fail(field, QStringLiteral(".Header[%1] missing required Name field").arg(k));
        const int matchers = int(h.present) + int(!h.exact.isEmpty()) + int(!h.regex.isEmpty()) + int(!h.prefix.isEmpty())
            + int(!h.suffix.isEmpty()) + int(!h.contains.isEmpty());
        if (matchers != 1)
            return fail(field, QStringLiteral(".Header[%1] should only contain one of Present, Exact, Prefix, Suffix, Contains, or Regex").arg(k));
        if (h.ignoreCase && (h.present || !h.regex.isEmpty()))
            return fail(field, QStringLiteral(".Header[%1] should set one of Exact, Prefix, Suffix, or Contains when using IgnoreCase").arg(k));
        ++permParts;
    }
    if (!http.methods.isEmpty()) {
        QSet<QString> seen;
        for (qsizetype k = 0; k < http.methods.size(); ++k) {
            const QString method = http.methods[k].toUpper();
            const QString field = QStringLiteral("Methods") + indexSegment(k);
            if (!isHttpMethod(method))
                return fail(field, QStringLiteral(".Methods contains an invalid method %1").arg(goQuote(method)));
            if (seen.contains(method))
                return fail(field, QStringLiteral(".Methods contains %1 more than once").arg(goQuote(method)));
            seen.insert(method);
        }
        ++permParts;
    }
    if (permParts == 0)
        return fail(QString(), QStringLiteral(" should not be empty"));
    validateJwtProviders(report, path + QStringLiteral(".JWT"));
}

/** Rules 1-12 of one source (§3.5 step 6); returns whether they passed. */
bool validateSourceFields(EntryReport &report, const SourceIntention &src, const QString &path, const QString &prefix)
{
    const Entry &entry = report.entry();
    const auto fail = [&](QLatin1StringView code, const QString &field, const QString &message) {
        report.errorAt(code, field.isEmpty() ? src.span : entry.spanOf(QString(path + u'.' + field)),
                       field.isEmpty() ? path : path + u'.' + field, message);
        return false;
    };
    if (src.name.isEmpty())
        return fail(codes::IntentionSource, QStringLiteral("Name"), prefix + QStringLiteral(".Name is required"));
    if (report.isCe() && !src.samenessGroup.isEmpty())
        return fail(codes::EnterpriseSamenessGroup, QStringLiteral("SamenessGroup"),
                    prefix + QStringLiteral(".SamenessGroup: Sameness groups are a Consul Enterprise feature. "));
    if (const QString w = wildcardProblem(src.name, src.namespace_, src.partition, src.peer, src.samenessGroup); !w.isEmpty())
        return fail(codes::IntentionWildcard, w.left(w.indexOf(u':')), prefix + u'.' + w);
    if (!src.peer.isEmpty() && !src.partition.isEmpty())
        return fail(codes::IntentionSource, QStringLiteral("Peer"), prefix + QStringLiteral(".Peer: cannot set Peer and Partition at the same time."));
    if (!src.samenessGroup.isEmpty() && !src.partition.isEmpty())
        return fail(codes::IntentionSource, QStringLiteral("SamenessGroup"),
                    prefix + QStringLiteral(".SamenessGroup: cannot set SamenessGroup and Partition at the same time"));
    if (!src.samenessGroup.isEmpty() && !src.peer.isEmpty())
        return fail(codes::IntentionSource, QStringLiteral("SamenessGroup"),
                    prefix + QStringLiteral(".SamenessGroup: cannot set SamenessGroup and Peer at the same time"));
    if (byteLength(src.description) > 512)
        return fail(codes::IntentionSource, QStringLiteral("Description"), prefix + QStringLiteral(".Description exceeds maximum length 512"));
    if (const Value *legacyMeta = report.treeAt(QString(path + QStringLiteral(".LegacyMeta")));
        legacyMeta && legacyMeta->isMap() && !legacyMeta->members().isEmpty())
        return fail(codes::IntentionSource, QStringLiteral("LegacyMeta"), prefix + QStringLiteral(".LegacyMeta must be omitted"));
    const bool validAction = src.action == u"allow" || src.action == u"deny";
    if (src.permissions.isEmpty() && !validAction)
        return fail(codes::IntentionSource, QStringLiteral("Action"), prefix + QStringLiteral(".Action must be set to 'allow' or 'deny'"));
    if (!src.permissions.isEmpty() && !src.action.isEmpty())
        return fail(codes::IntentionSource, QStringLiteral("Action"), prefix + QStringLiteral(".Action must be omitted if Permissions are specified"));
    if (entry.name == u"*" && !src.permissions.isEmpty())
        return fail(codes::IntentionSource, QStringLiteral("Permissions"),
                    prefix + QStringLiteral(".Permissions cannot be specified on intentions with wildcarded destinations"));
    if (!src.type.isEmpty() && src.type != u"consul")
        return fail(codes::IntentionSource, QStringLiteral("Type"), prefix + QStringLiteral(".Type must be set to 'consul'"));
    return true;
}

} // namespace

void validateIntentions(EntryReport &report, const ServiceIntentions &intentions)
{
    const Entry &entry = report.entry();
    validateCommon(report);
    if (const QString w = wildcardProblem(entry.name, entry.namespace_, entry.partition, QString(), QString()); !w.isEmpty())
        report.error(codes::IntentionWildcard, w.left(w.indexOf(u':')), w);
    validateJwtProviders(report, QStringLiteral("JWT"));
    if (!report.isKubernetes())
        validateMeta(report);
    if (intentions.sources.isEmpty()) {
        report.error(codes::IntentionSources, u"Sources", QStringLiteral("At least one source is required"));
        return;
    }

    QSet<QString> seen;
    for (qsizetype i = 0; i < intentions.sources.size(); ++i) {
        const SourceIntention &src = intentions.sources[i];
        const QString path = QStringLiteral("Sources") + indexSegment(writtenIndex(report, src, i));
        const QString prefix = QStringLiteral("Sources[%1]").arg(i);
        if (validateSourceFields(report, src, path, prefix)) {
            for (qsizetype j = 0; j < src.permissions.size(); ++j)
                validatePermission(report, path + QStringLiteral(".Permissions") + indexSegment(j), prefix + QStringLiteral(".Permissions[%1]").arg(j),
                                   src.permissions[j]);
        }

        // The duplicate key: peer, sameness group, and the source service (CE: its name).
        const QString key = src.peer + u'\x1f' + src.samenessGroup + u'\x1f' + orDefault(src.namespace_) + u'\x1f' + orDefault(src.partition)
            + u'\x1f' + src.name;
        if (seen.contains(key)) {
            QString message;
            if (!src.peer.isEmpty())
                message = QStringLiteral("%1 defines peer(%2) %3 more than once").arg(prefix, goQuote(src.peer), goQuote(src.name));
            else if (!src.samenessGroup.isEmpty())
                message = QStringLiteral("%1 defines sameness-group(%2) %3 more than once").arg(prefix, goQuote(src.samenessGroup), goQuote(src.name));
            else
                message = QStringLiteral("%1 defines %2 more than once").arg(prefix, goQuote(src.name));
            report.errorAt(codes::IntentionDuplicate, src.span, path, message);
        }
        seen.insert(key);
    }
}

} // namespace chainscope::config::detail
