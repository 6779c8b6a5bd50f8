#include "config/schema.h"

#include "config/schema_p.h"
#include "config/syntax_p.h"

#include <QHash>
#include <QVarLengthArray>

#include <charconv>
#include <cmath>
#include <iterator>

using namespace Qt::StringLiterals;

namespace chainscope::config::schema {
namespace {

constexpr Duration::rep kSecond = 1'000'000'000;

} // namespace

QString Field::crdName() const
{
    QString out = name;
    for (qsizetype i = 0; i < crdLower; ++i)
        out[i] = out[i].toLower();
    return out;
}

const Field *Struct::field(QStringView canonicalName) const
{
    for (const Field &f : *this) {
        if (sameName(canonicalName, f.name))
            return &f;
    }
    return nullptr;
}

const Field *Struct::field(QLatin1StringView canonicalName) const
{
    for (const Field &f : *this) {
        if (canonicalName == f.name)
            return &f;
    }
    return nullptr;
}

const Field *Struct::crdField(QStringView key) const
{
    for (const Field &f : *this) {
        if (!f.has(NotInCrd) && f.matchesCrd(key))
            return &f;
    }
    return nullptr;
}

const Struct &entryStruct(EntryKind kind)
{
    switch (kind) {
    case EntryKind::ServiceResolver:
        return tables::Resolver;
    case EntryKind::ServiceRouter:
        return tables::Router;
    case EntryKind::ServiceSplitter:
        return tables::Splitter;
    case EntryKind::ServiceIntentions:
        return tables::Intentions;
    case EntryKind::ServiceDefaults:
        return tables::ServiceDefaults;
    case EntryKind::ProxyDefaults:
        return tables::ProxyDefaults;
    }
    Q_UNREACHABLE();
}

QLatin1StringView crdKind(EntryKind kind)
{
    switch (kind) {
    case EntryKind::ServiceResolver:
        return "ServiceResolver"_L1;
    case EntryKind::ServiceRouter:
        return "ServiceRouter"_L1;
    case EntryKind::ServiceSplitter:
        return "ServiceSplitter"_L1;
    case EntryKind::ServiceIntentions:
        return "ServiceIntentions"_L1;
    case EntryKind::ServiceDefaults:
        return "ServiceDefaults"_L1;
    case EntryKind::ProxyDefaults:
        return "ProxyDefaults"_L1;
    }
    Q_UNREACHABLE();
}

std::optional<EntryKind> kindFromCrdKind(QStringView name)
{
    for (EntryKind k : {EntryKind::ServiceResolver, EntryKind::ServiceRouter, EntryKind::ServiceSplitter,
                        EntryKind::ServiceIntentions, EntryKind::ServiceDefaults, EntryKind::ProxyDefaults}) {
        if (name == crdKind(k))
            return k;
    }
    return std::nullopt;
}

// ---- Go value texts ------------------------------------------------------------------------------

QString goQuote(QStringView s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += u'"';
    for (QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += u"\\\"";
            break;
        case '\\':
            out += u"\\\\";
            break;
        case '\n':
            out += u"\\n";
            break;
        case '\t':
            out += u"\\t";
            break;
        case '\r':
            out += u"\\r";
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

namespace {

/** The one-number durations Consul entries hold (`5s`, `250ms`, `2h`): up to six ASCII digits and a unit
 *  other than µs, which cannot overflow. Their nanoseconds, number and unit length; a unit length of 0 when
 *  text has another form (the general parser reads it). */
struct SimpleDuration {
    qint64 ns = 0;
    qsizetype unitLength = 0;
    qint64 number = 0;
};
SimpleDuration simpleDuration(QStringView text)
{
    qsizetype digits = 0;
    qint64 number = 0;
    while (digits < text.size() && digits < 7 && text[digits] >= u'0' && text[digits] <= u'9')
        number = number * 10 + (text[digits++].unicode() - u'0');
    const QStringView unit = text.sliced(digits);
    if (digits == 0 || digits > 6 || unit.isEmpty() || unit.size() > 2)
        return {};
    qint64 scale = 0;
    if (unit.size() == 1)
        scale = unit[0] == u's' ? kSecond : unit[0] == u'm' ? 60 * kSecond : unit[0] == u'h' ? 3600 * kSecond : 0;
    else if (unit[1] == u's')
        scale = unit[0] == u'n' ? 1 : unit[0] == u'u' ? 1'000 : unit[0] == u'm' ? 1'000'000 : 0;
    return scale ? SimpleDuration{number * scale, unit.size(), number} : SimpleDuration{};
}

} // namespace

bool isGoDurationString(QStringView text, Duration d)
{
    // Duration.String() writes a whole number of seconds under a minute as `<n>s`, and a whole number of
    // milliseconds or nanoseconds under the next unit as `<n>ms`, `<n>ns`, without leading zeros.
    const SimpleDuration simple = simpleDuration(text);
    if (simple.unitLength && simple.ns == d.count() && (text[0] != u'0' || text.size() == 2)) {
        const QChar unit = text[text.size() - simple.unitLength];
        if (simple.unitLength == 1 && unit == u's')
            return simple.number < 60;
        if (simple.unitLength == 2 && (unit == u'm' || unit == u'n'))
            return simple.number >= 1 && simple.number < 1'000;
    }
    DurationText buffer;
    return text == goDurationText(d, buffer);
}

// Go: time.ParseDuration (src/time/format.go). Works on UTF-8 bytes as Go does, so "µs" is two bytes.
ParsedDuration parseGoDuration(QStringView text)
{
    if (const SimpleDuration simple = simpleDuration(text); simple.unitLength)
        return {Duration{simple.ns}, {}};
    // ASCII text (every duration Consul writes) is narrowed on the stack; anything else goes through UTF-8.
    QVarLengthArray<char, 32> ascii;
    QByteArray wide;
    for (QChar c : text) {
        if (c.unicode() >= 0x80) {
            wide = text.toUtf8();
            break;
        }
        ascii.append(char(c.unicode()));
    }
    const QByteArrayView utf8 = wide.isNull() ? QByteArrayView(ascii.data(), ascii.size()) : QByteArrayView(wide);
    const auto invalid = [&] { return ParsedDuration{Duration{0}, u"time: invalid duration "_s + goQuote(text)}; };
    qsizetype i = 0;
    const qsizetype n = utf8.size();
    bool negative = false;
    if (i < n && (utf8[i] == '-' || utf8[i] == '+')) {
        negative = utf8[i] == '-';
        ++i;
    }
    if (n - i == 1 && utf8[i] == '0')
        return {};
    if (i == n)
        return invalid();
    constexpr quint64 kMax = quint64(1) << 63;
    quint64 total = 0;
    while (i < n) {
        const char c0 = utf8[i];
        if (!(c0 == '.' || (c0 >= '0' && c0 <= '9')))
            return invalid();
        quint64 v = 0;
        const qsizetype intStart = i;
        while (i < n && utf8[i] >= '0' && utf8[i] <= '9') {
            if (v > (kMax - 1) / 10)
                return invalid();
            v = v * 10 + quint64(utf8[i] - '0');
            if (v > kMax - 1)
                return invalid();
            ++i;
        }
        const bool pre = i != intStart;
        bool post = false;
        quint64 frac = 0;
        double scale = 1.0;
        if (i < n && utf8[i] == '.') {
            ++i;
            const qsizetype fracStart = i;
            bool overflow = false;
            while (i < n && utf8[i] >= '0' && utf8[i] <= '9') {
                if (!overflow) {
                    if (frac > (kMax - 1) / 10) {
                        overflow = true; // Go drops further digits once the fraction overflows
                    } else {
                        const quint64 next = frac * 10 + quint64(utf8[i] - '0');
                        if (next > kMax - 1) {
                            overflow = true;
                        } else {
                            frac = next;
                            scale *= 10;
                        }
                    }
                }
                ++i;
            }
            post = i != fracStart;
        }
        if (!pre && !post)
            return invalid();
        const qsizetype unitStart = i;
        while (i < n && utf8[i] != '.' && !(utf8[i] >= '0' && utf8[i] <= '9'))
            ++i;
        if (i == unitStart)
            return {Duration{0}, u"time: missing unit in duration "_s + goQuote(text)};
        const QByteArrayView unitText = utf8.sliced(unitStart, i - unitStart);
        quint64 unit = 0;
        if (unitText == "ns")
            unit = 1;
        else if (unitText == "us" || unitText == "\xC2\xB5s" || unitText == "\xCE\xBCs")
            unit = 1'000;
        else if (unitText == "ms")
            unit = 1'000'000;
        else if (unitText == "s")
            unit = kSecond;
        else if (unitText == "m")
            unit = 60 * kSecond;
        else if (unitText == "h")
            unit = 3600 * kSecond;
        if (unit == 0) {
            return {Duration{0}, u"time: unknown unit "_s + goQuote(QString::fromUtf8(unitText)) + u" in duration "_s
                                     + goQuote(text)};
        }
        if (v > kMax / unit)
            return invalid();
        v *= unit;
        if (frac > 0) {
            v += quint64(double(frac) * (double(unit) / scale));
            if (v > kMax)
                return invalid();
        }
        total += v;
        if (total > kMax)
            return invalid();
    }
    if (negative) // in unsigned arithmetic: the most negative duration, -2^63 ns, has no positive twin
        return {Duration{qint64(quint64(0) - total)}, {}};
    if (total > kMax - 1)
        return invalid();
    return {Duration{qint64(total)}, {}};
}

// Go: time.Duration.String() (src/time/time.go), including its µ (U+00B5) for microseconds. Written backwards
// from the end of the buffer, as Go does.
QStringView goDurationText(Duration d, DurationText &buffer)
{
    char16_t *const end = std::end(buffer.chars);
    char16_t *w = end;
    const qint64 ns = d.count();
    if (ns == 0) {
        *--w = u's';
        *--w = u'0';
        return QStringView(w, end);
    }
    quint64 u = ns < 0 ? quint64(0) - quint64(ns) : quint64(ns);
    const auto fmtFrac = [&](int precision) {
        bool print = false;
        for (int i = 0; i < precision; ++i) {
            const auto digit = char16_t(u % 10);
            print = print || digit != 0;
            if (print)
                *--w = char16_t(u'0' + digit);
            u /= 10;
        }
        if (print)
            *--w = u'.';
    };
    const auto fmtInt = [&](quint64 v) {
        do {
            *--w = char16_t(u'0' + v % 10);
            v /= 10;
        } while (v > 0);
    };
    *--w = u's';
    if (u < quint64(kSecond)) {
        int precision = 0;
        if (u < 1'000) {
            *--w = u'n';
        } else if (u < 1'000'000) {
            precision = 3;
            *--w = u'\u00B5';
        } else {
            precision = 6;
            *--w = u'm';
        }
        fmtFrac(precision);
        fmtInt(u);
    } else {
        fmtFrac(9);
        fmtInt(u % 60);
        u /= 60;
        if (u > 0) {
            *--w = u'm';
            fmtInt(u % 60);
            u /= 60;
            if (u > 0) {
                *--w = u'h';
                fmtInt(u);
            }
        }
    }
    if (ns < 0)
        *--w = u'-';
    return QStringView(w, end);
}

QString goDurationString(Duration d)
{
    if (d.count() == 0)
        return u"0s"_s;
    DurationText buffer;
    return goDurationText(d, buffer).toString();
}

QString float32Text(float f)
{
    if (std::isnan(f))
        return u"NaN"_s;
    if (std::isinf(f))
        return f > 0 ? u"+Inf"_s : u"-Inf"_s;
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, f);
    return QString::fromLatin1(buf, r.ptr - buf);
}

} // namespace chainscope::config::schema

namespace chainscope::config::schema {
namespace {

struct KeyCache {
    QHash<const Field *, QString> canonical;
    QHash<const Field *, QString> crd;
    QHash<const Struct *, QList<QString>> structs; ///< canonical names in field order
    QHash<const Struct *, QList<qint8>> lengths;   ///< fieldsByLength()

    void add(const Struct &s)
    {
        if (structs.contains(&s))
            return;
        QList<QString> names;
        names.reserve(s.count);
        // The texts parsers share (config::detail::sharedString) on this thread: a key the parser read from a file
        // is then this very string, and the decoder keeps it instead of renaming the member.
        for (const Field &f : s)
            names.append(config::detail::sharedString(QByteArrayView(f.name.data(), f.name.size())));
        structs.insert(&s, names);
        *s.keys = names.constData(); // names' data is shared with structs[&s], which keeps it alive
        QList<qint8> chains(kNameLengths + s.count, -1);
        for (qsizetype i = s.count - 1; i >= 0; --i) { // backwards, so that each chain is in field order
            const qsizetype n = s.fields[i].name.size();
            Q_ASSERT(n < kNameLengths && s.count <= 127);
            chains[kNameLengths + i] = chains[n];
            chains[n] = qint8(i);
        }
        lengths.insert(&s, chains);
        *s.byLength = chains.constData(); // shared with lengths[&s]
        for (qsizetype i = 0; i < s.count; ++i) {
            const Field &f = s.fields[i];
            if (canonical.contains(&f))
                continue;
            canonical.insert(&f, names.at(i)); // the same text as fieldKeys(s)[i]: keys compare by identity
            crd.insert(&f, f.crdName());
            const Type *t = f.type;
            while (t->element)
                t = t->element;
            if (t->object)
                add(*t->object);
        }
    }
};

const KeyCache &keyCache()
{
    static const KeyCache cache = [] {
        KeyCache c;
        for (EntryKind k : {EntryKind::ServiceResolver, EntryKind::ServiceRouter, EntryKind::ServiceSplitter,
                            EntryKind::ServiceIntentions, EntryKind::ServiceDefaults, EntryKind::ProxyDefaults})
            c.add(entryStruct(k));
        return c;
    }();
    return cache;
}

} // namespace

const QString &fieldKey(const Field &field)
{
    const auto &c = keyCache().canonical;
    const auto it = c.constFind(&field);
    Q_ASSERT(it != c.cend());
    return *it;
}

void detail::fillKeySlots()
{
    keyCache(); // fills every struct's key and length slots
}

const QString &crdKey(const Field &field)
{
    const auto &c = keyCache().crd;
    const auto it = c.constFind(&field);
    Q_ASSERT(it != c.cend());
    return *it;
}

QList<PathSegment> parseFieldPath(QStringView path)
{
    QList<PathSegment> out;
    qsizetype i = 0;
    const qsizetype n = path.size();
    while (i < n) {
        if (path[i] == u'.') {
            ++i;
            continue;
        }
        if (path[i] == u'[') {
            ++i;
            if (i < n && path[i] == u'"') {
                // A Go-quoted key: read up to the closing quote, undoing \" and \\ escapes.
                ++i;
                QString key;
                while (i < n && path[i] != u'"') {
                    if (path[i] == u'\\' && i + 1 < n)
                        ++i;
                    key += path[i++];
                }
                i = std::min(n, i + 1);
                if (i < n && path[i] == u']')
                    ++i;
                out.append({key, -1, true});
                continue;
            }
            const qsizetype close = path.indexOf(u']', i);
            const QStringView inner = path.mid(i, (close < 0 ? n : close) - i);
            bool ok = false;
            const qsizetype index = inner.toLongLong(&ok);
            if (ok && index >= 0)
                out.append({QString(), index, false});
            else
                out.append({inner.toString(), -1, true});
            i = close < 0 ? n : close + 1;
            continue;
        }
        qsizetype end = i;
        while (end < n && path[end] != u'.' && path[end] != u'[')
            ++end;
        out.append({path.mid(i, end - i).toString(), -1, false});
        i = end;
    }
    return out;
}

} // namespace chainscope::config::schema
