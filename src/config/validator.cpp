// Entry validation: dispatch per kind, the rules shared by every kind, duplicates across files, and the
// text helpers the per-kind files share.
#include "config/validator.h"

#include "config/decoder.h"
#include "config/validatecodes.h"
#include "config/validator_p.h"

#include <QHash>

#include <charconv>
#include <cmath>

namespace chainscope::config {
namespace detail {

// ---- EntryReport ---------------------------------------------------------------------------------

EntryReport::EntryReport(const Entry &entry, const ValidateOptions &options, Diagnostics &out)
    : m_entry(entry)
    , m_options(options)
    , m_out(out)
{
}

void EntryReport::error(QLatin1StringView code, QStringView canonicalPath, const QString &message)
{
    errorAt(code, m_entry.spanOf(canonicalPath), canonicalPath, message);
}

void EntryReport::errorAt(QLatin1StringView code, const SourceSpan &span, QStringView canonicalPath, const QString &message)
{
    Diagnostic d;
    d.severity = Severity::Error;
    d.code = code;
    d.message = message;
    d.where = span.isValid() || !span.file.isEmpty() ? span : m_entry.span;
    d.field = displayFieldPath(m_entry, canonicalPath);
    m_out.append(std::move(d));
    ++m_count;
}

void EntryReport::k8s(QLatin1StringView code, QStringView canonicalPath, const QString &k8sPath, const QString &message)
{
    k8sAt(code, m_entry.spanOf(canonicalPath), k8sPath, message);
}

void EntryReport::k8sAt(QLatin1StringView code, const SourceSpan &span, const QString &k8sPath, const QString &message)
{
    Diagnostic d;
    d.severity = Severity::Error;
    d.code = code;
    d.message = message;
    d.where = span.isValid() || !span.file.isEmpty() ? span : m_entry.span;
    d.field = k8sPath;
    m_out.append(std::move(d));
    ++m_count;
}

namespace {

/** The tree value under `key` (map) or `index` (list), or nullptr. */
const Value *step(const Value *v, QStringView key, qsizetype index)
{
    if (index >= 0)
        return v->isList() && index < v->items().size() ? &v->items()[index] : nullptr;
    return v->isMap() ? v->find(key) : nullptr;
}

} // namespace

const Value *EntryReport::treeAt(QStringView canonicalPath) const
{
    // Walks the tree while reading the path (`A.B["k"].C[2]`); a malformed path finds nothing. Only a
    // quoted key with escapes is copied.
    const QStringView path = canonicalPath;
    const qsizetype n = path.size();
    const Value *v = &m_entry.tree;
    qsizetype i = 0;
    while (i < n && v) {
        if (path[i] == u'.') {
            ++i;
            continue;
        }
        if (path[i] != u'[') {
            const qsizetype start = i;
            while (i < n && path[i] != u'.' && path[i] != u'[')
                ++i;
            v = step(v, path.mid(start, i - start), -1);
            continue;
        }
        ++i;
        if (i < n && path[i] == u'"') {
            const qsizetype start = ++i;
            bool escaped = false;
            while (i < n && path[i] != u'"') {
                if (path[i] == u'\\' && i + 1 < n) {
                    escaped = true;
                    ++i;
                }
                ++i;
            }
            if (i + 1 >= n || path[i + 1] != u']')
                return nullptr;
            const QStringView quoted = path.mid(start, i - start);
            i += 2;
            if (!escaped) {
                v = step(v, quoted, -1);
                continue;
            }
            QString key;
            for (qsizetype k = 0; k < quoted.size(); ++k) {
                if (quoted[k] == u'\\' && k + 1 < quoted.size())
                    ++k;
                key += quoted[k];
            }
            v = step(v, key, -1);
            continue;
        }
        const qsizetype start = i;
        while (i < n && path[i] != u']')
            ++i;
        bool ok = false;
        const qsizetype index = path.mid(start, i - start).toLongLong(&ok);
        if (!ok || i >= n || index < 0)
            return nullptr;
        ++i;
        v = step(v, QStringView(), index);
    }
    return v;
}

// ---- text helpers --------------------------------------------------------------------------------

QString goQuote(QStringView s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    const QList<uint> codePoints = s.toUcs4();
    for (const uint c : codePoints) {
        switch (c) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\a':
            out += QLatin1String("\\a");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case '\f':
            out += QLatin1String("\\f");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\v':
            out += QLatin1String("\\v");
            break;
        default:
            // strconv.Quote keeps printable runes and escapes control characters.
            if (c < 0x20 || c == 0x7f)
                out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
            else if ((c >= 0x80 && c < 0xa0) || c == 0xfffd)
                out += QStringLiteral("\\u%1").arg(c, 4, 16, QLatin1Char('0'));
            else
                out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&c), 1);
        }
    }
    out += u'"';
    return out;
}

QString keySegment(QStringView key)
{
    return u'[' + goQuote(key) + u']';
}

QString indexSegment(qsizetype i)
{
    return u'[' + QString::number(i) + u']';
}

namespace {

/** Go's fmtFrac/fmtInt pair: v/10^prec with trailing zeros of the fraction dropped. */
QString fractionText(quint64 v, int prec, quint64 &rest)
{
    QString digits;
    bool print = false;
    for (int i = 0; i < prec; ++i) {
        const quint64 digit = v % 10;
        print = print || digit != 0;
        if (print)
            digits.prepend(QChar(u'0' + int(digit)));
        v /= 10;
    }
    rest = v;
    return print ? u'.' + digits : QString();
}

} // namespace

QString goDuration(Duration d)
{
    // time.Duration.String(): h/m/s with a fractional second, or ms/µs/ns below one second.
    const qint64 ns = d.count();
    if (ns == 0)
        return QStringLiteral("0s");
    const bool negative = ns < 0;
    quint64 u = negative ? quint64(0) - quint64(ns) : quint64(ns);
    QString out;
    if (u < 1'000'000'000ULL) {
        quint64 rest = 0;
        QString frac;
        QString unit;
        if (u < 1'000ULL) {
            out = QString::number(u) + QStringLiteral("ns");
        } else if (u < 1'000'000ULL) {
            frac = fractionText(u, 3, rest);
            unit = QStringLiteral("µs");
            out = QString::number(rest) + frac + unit;
        } else {
            frac = fractionText(u, 6, rest);
            unit = QStringLiteral("ms");
            out = QString::number(rest) + frac + unit;
        }
    } else {
        quint64 rest = 0;
        const QString frac = fractionText(u, 9, rest);
        u = rest;
        out = QString::number(u % 60) + frac + u's';
        u /= 60;
        if (u > 0) {
            out.prepend(QString::number(u % 60) + u'm');
            u /= 60;
            if (u > 0)
                out.prepend(QString::number(u) + u'h');
        }
    }
    return negative ? u'-' + out : out;
}

QString goFloat32(float f)
{
    if (std::isnan(f))
        return QStringLiteral("NaN");
    if (std::isinf(f))
        return f > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    // %v of a float32 is strconv.FormatFloat(f, 'g', -1, 32): shortest digits, exponent when < -4 or >= 21.
    char buf[64];
    const auto sci = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
    const QString text = QString::fromLatin1(buf, sci.ptr - buf);
    const qsizetype ePos = text.indexOf(u'e');
    const int exponent = text.mid(ePos + 1).toInt();
    if (exponent < -4 || exponent >= 21) {
        QString mantissa = text.left(ePos);
        const QString sign = exponent < 0 ? QStringLiteral("-") : QStringLiteral("+");
        const int absExp = std::abs(exponent);
        return mantissa + u'e' + sign + (absExp < 10 ? u'0' + QString::number(absExp) : QString::number(absExp));
    }
    const auto fixed = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
    return QString::fromLatin1(buf, fixed.ptr - buf);
}

QString jsonFloat32(float f)
{
    const float a = std::fabs(f);
    char buf[64];
    if (a != 0.0f && (a < 1e-6f || a >= 1e21f)) {
        const auto r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
        QString text = QString::fromLatin1(buf, r.ptr - buf);
        // encoding/json writes e-07 as e-7.
        text.replace(QLatin1String("e-0"), QLatin1String("e-"));
        text.replace(QLatin1String("e+0"), QLatin1String("e+"));
        return text;
    }
    const auto r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed);
    return QString::fromLatin1(buf, r.ptr - buf);
}

QString jsonString(QStringView s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        default:
            if (u < 0x20 || u == u'<' || u == u'>' || u == u'&' || u == 0x2028 || u == 0x2029)
                out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

qsizetype byteLength(QStringView s)
{
    qsizetype bytes = 0;
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (QChar::isSurrogate(u))
            return s.toUtf8().size(); // pairs and lone halves: count them the way the encoder writes them
        bytes += u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
    }
    return bytes;
}

bool isHttpMethod(QStringView method)
{
    static const QStringList methods = {QStringLiteral("GET"),    QStringLiteral("HEAD"),    QStringLiteral("POST"),
                                        QStringLiteral("PUT"),    QStringLiteral("PATCH"),   QStringLiteral("DELETE"),
                                        QStringLiteral("CONNECT"), QStringLiteral("OPTIONS"), QStringLiteral("TRACE")};
    for (const QString &m : methods) {
        if (method == m)
            return true;
    }
    return false;
}

bool matchesDnsLabelPattern(QStringView name)
{
    // Consul's validateServiceSubset regex ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$, spelled out.
    if (name.isEmpty())
        return false;
    const auto alnum = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'); };
    if (!alnum(name.front()) || !alnum(name.back()))
        return false;
    for (const QChar c : name) {
        if (!alnum(c) && c != u'-')
            return false;
    }
    return true;
}

// ---- rules shared by every kind ------------------------------------------------------------------

void validateMeta(EntryReport &report)
{
    // agent/structs/config_entry.go validateConfigEntryMeta: all three limits, aggregated.
    const QMap<QString, QString> &meta = report.entry().meta;
    if (meta.size() > 64)
        report.error(codes::MetaInvalid, u"Meta", QStringLiteral("Meta exceeds maximum element count 64"));
    for (auto it = meta.cbegin(); it != meta.cend(); ++it) {
        if (byteLength(it.key()) > 128)
            report.error(codes::MetaInvalid, QString(QStringLiteral("Meta") + keySegment(it.key())),
                         QStringLiteral("Meta key %1 exceeds maximum length 128").arg(goQuote(it.key())));
        if (byteLength(it.value()) > 512)
            report.error(codes::MetaInvalid, QString(QStringLiteral("Meta") + keySegment(it.key())),
                         QStringLiteral("Meta value for key %1 exceeds maximum length 512").arg(goQuote(it.key())));
    }
}

void validateCommon(EntryReport &report)
{
    if (report.entry().kind != EntryKind::ProxyDefaults && report.entry().name.isEmpty())
        report.error(codes::NameRequired, u"Name", QStringLiteral("Name is required"));
}

} // namespace detail

Diagnostics validateEntry(const Entry &entry, const ValidateOptions &options)
{
    Diagnostics out;
    detail::EntryReport report(entry, options, out);

    // Kubernetes: the API server and the consul-k8s webhook run first; an object they refuse is never
    // synced, so Consul's own rules only apply to admitted objects (config.md §2.3).
    if (report.isKubernetes() && detail::validateKubernetes(report) > 0)
        return out;

    std::visit(
        [&report](const auto &body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, ServiceResolver>)
                detail::validateResolver(report, body);
            else if constexpr (std::is_same_v<T, ServiceRouter>)
                detail::validateRouter(report, body);
            else if constexpr (std::is_same_v<T, ServiceSplitter>)
                detail::validateSplitter(report, body);
            else if constexpr (std::is_same_v<T, ServiceIntentions>)
                detail::validateIntentions(report, body);
            else if constexpr (std::is_same_v<T, ServiceDefaults>)
                detail::validateServiceDefaults(report, body);
            else
                detail::validateProxyDefaults(report, body);
        },
        entry.body);
    return out;
}

namespace {

/** consul-k8s' lower-case kube kind (`serviceresolver`). */
QString kubeKind(EntryKind kind)
{
    switch (kind) {
    case EntryKind::ServiceResolver:
        return QStringLiteral("serviceresolver");
    case EntryKind::ServiceRouter:
        return QStringLiteral("servicerouter");
    case EntryKind::ServiceSplitter:
        return QStringLiteral("servicesplitter");
    case EntryKind::ServiceIntentions:
        return QStringLiteral("serviceintentions");
    case EntryKind::ServiceDefaults:
        return QStringLiteral("servicedefaults");
    case EntryKind::ProxyDefaults:
        return QStringLiteral("proxydefaults");
    }
    Q_UNREACHABLE();
}

/** What makes two entries the same one; views into the entries being checked. */
struct EntryIdentity {
    EntryKind kind;
    QStringView name;
    QStringView namespace_;
    QStringView partition;
    friend bool operator==(const EntryIdentity &a, const EntryIdentity &b)
    {
        return a.kind == b.kind && a.name == b.name && a.namespace_ == b.namespace_ && a.partition == b.partition;
    }
};

size_t qHash(const EntryIdentity &k, size_t seed = 0)
{
    // Namespaces and partitions rarely tell same-named entries apart: equality checks them.
    return qHashMulti(seed, int(k.kind), k.name);
}

} // namespace

Diagnostics checkDuplicates(const QList<Entry> &entries, const ValidateOptions &options)
{
    Diagnostics out;
    static constexpr QStringView defaultScope = u"default";
    const auto scope = [](const QString &s) { return s.isEmpty() ? defaultScope : QStringView(s); };
    QHash<EntryIdentity, qsizetype> first; ///< 1 + the index of the first entry with that identity
    first.reserve(entries.size());
    qsizetype firstK8sProxyDefaults = -1;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        const bool k8s = e.format == SourceFormat::KubernetesYaml;

        // consul-k8s proxydefaults_webhook.go: one ProxyDefaults resource per cluster, whatever its name.
        if (k8s && e.kind == EntryKind::ProxyDefaults) {
            if (firstK8sProxyDefaults < 0) {
                firstK8sProxyDefaults = i;
            } else {
                const Entry &other = entries[firstK8sProxyDefaults];
                Diagnostic d;
                d.code = codes::K8sSecondProxyDefaults;
                d.where = e.span;
                d.field = QStringLiteral("metadata.name");
                d.related = {other.span};
                d.message = QStringLiteral("proxydefaults resource already defined - only one global entry is supported (also defined at %1)")
                                .arg(other.span.toString());
                out.append(std::move(d));
                continue;
            }
        }

        // Consul CE has one namespace and one partition: whatever a CRD's metadata.namespace says, all of
        // them land in default/default.
        const bool ce = options.edition == Edition::CE;
        const EntryIdentity key{e.kind, e.name, ce ? defaultScope : scope(e.namespace_), ce ? defaultScope : scope(e.partition)};
        qsizetype &firstIndex = first[key];
        if (firstIndex == 0) {
            firstIndex = i + 1;
            continue;
        }
        const Entry &other = entries[firstIndex - 1];
        if (k8s && e.kind == EntryKind::ProxyDefaults && other.format == SourceFormat::KubernetesYaml)
            continue; // already reported above
        Diagnostic d;
        d.where = e.span;
        d.related = {other.span};
        if (options.edition == Edition::CE && k8s && other.format == SourceFormat::KubernetesYaml) {
            // consul-k8s configentry_webhook.go: in CE every CRD of a kind maps to one Consul namespace.
            const QString kind = kubeKind(e.kind);
            d.code = codes::K8sNameAcrossNamespaces;
            d.field = QStringLiteral("metadata.name");
            d.message = QStringLiteral("%1 resource with name %2 is already defined \u2013 all %1 resources must have unique names across "
                                       "namespaces (also defined at %3)")
                            .arg(kind, detail::goQuote(e.name), other.span.toString());
        } else {
            d.code = codes::DuplicateEntry;
            d.field = k8s ? QStringLiteral("metadata.name") : QStringLiteral("Name");
            d.message = QStringLiteral("config entry %1 is defined more than once: also defined at %2").arg(e.displayName(), other.span.toString());
        }
        out.append(std::move(d));
    }
    return out;
}

} // namespace chainscope::config
