#include "config/decoder.h"

#include "config/decodecodes.h"
#include "config/schema.h"
#include "config/schema_p.h"

#include <QLocale>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <tuple>

using namespace Qt::StringLiterals;

namespace chainscope::config {
namespace {

using schema::Field;
using schema::Kind;
using schema::Struct;
using schema::Type;

/** Consul (CLI/HTTP decode: aliases, case folding, weak typing) or consul-k8s (exact camelCase, strict
 *  JSON types checked the way the API server's OpenAPI schema does). */
enum class Mode { Consul, Kube };

/** A path through the document, linked through the stack and rendered only when a diagnostic needs it. */
struct Path {
    const Path *parent = nullptr;
    const Field *field = nullptr; ///< a struct field
    QStringView key;              ///< a map key (when field is null and index < 0)
    qsizetype index = -1;         ///< a list index
};

enum class PathStyle { Go, Canonical, Kube };

QString renderPath(const Path *path, PathStyle style)
{
    QVarLengthArray<const Path *, 16> chain;
    for (const Path *p = path; p; p = p->parent) {
        if (p->field || p->index >= 0 || !p->key.isNull())
            chain.append(p);
    }
    QString out = style == PathStyle::Kube ? u"spec"_s : QString();
    for (qsizetype i = chain.size() - 1; i >= 0; --i) {
        const Path *p = chain[i];
        if (p->field) {
            if (!out.isEmpty())
                out += u'.';
            out += style == PathStyle::Kube ? schema::crdKey(*p->field) : schema::fieldKey(*p->field);
        } else if (p->index >= 0) {
            out += u'[' + QString::number(p->index) + u']';
        } else if (style == PathStyle::Canonical) {
            out += u'[' + schema::goQuote(p->key) + u']';
        } else {
            out += u'[' + p->key + u']';
        }
    }
    return out;
}

QString appendKey(const QString &parent, QStringView key, PathStyle style)
{
    if (style == PathStyle::Kube || style == PathStyle::Go || !parent.isEmpty())
        return parent.isEmpty() ? key.toString() : parent + u'.' + key;
    return key.toString();
}

/** Levenshtein distance, case-insensitive (a typo in case alone is distance 0 and handled elsewhere). */
int editDistance(QStringView a, QStringView b)
{
    QVarLengthArray<int, 64> prev(b.size() + 1), cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        const QChar ca = a[i - 1].toLower();
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = ca == b[j - 1].toLower() ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/** Go's %v of a decoded generic value (for mapstructure's "value: '%v'"). */
QString goValueText(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return u"<nil>"_s;
    case Value::Type::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case Value::Type::Int:
        return QString::number(v.toInt());
    case Value::Type::Float:
        return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    case Value::Type::String:
        return v.toString();
    case Value::Type::List: {
        QStringList parts;
        for (const Value &item : v.items())
            parts << goValueText(item);
        return u'[' + parts.join(u' ') + u']';
    }
    case Value::Type::Map: {
        QList<const Value::Member *> sorted;
        for (const auto &m : v.members())
            sorted << &m;
        std::sort(sorted.begin(), sorted.end(), [](auto *a, auto *b) { return a->key < b->key; });
        QStringList parts;
        for (const auto *m : sorted)
            parts << m->key + u':' + goValueText(m->value);
        return u"map["_s + parts.join(u' ') + u']';
    }
    }
    Q_UNREACHABLE();
}

/** The Go type name of a generic value as mapstructure prints it ("got unconvertible type '...'"). */
QString goTypeName(const Value &v)
{
    switch (v.type()) {
    case Value::Type::List:
        return u"[]interface {}"_s;
    case Value::Type::Map:
        return u"map[string]interface {}"_s;
    default:
        return v.typeName();
    }
}

QString goTargetName(Kind k)
{
    switch (k) {
    case Kind::String:
        return u"string"_s;
    case Kind::Bool:
        return u"bool"_s;
    case Kind::Int:
        return u"int"_s;
    case Kind::Uint32:
        return u"uint32"_s;
    case Kind::Uint64:
        return u"uint64"_s;
    case Kind::Float32:
        return u"float32"_s;
    case Kind::Duration:
        return u"time.Duration"_s;
    default:
        return u"interface {}"_s;
    }
}

/** JSON-schema type name of a value, as the Kubernetes API server names it. */
QString jsonTypeName(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        return u"null"_s;
    case Value::Type::Bool:
        return u"boolean"_s;
    case Value::Type::Int:
        return u"integer"_s;
    case Value::Type::Float:
        return u"number"_s;
    case Value::Type::String:
        return u"string"_s;
    case Value::Type::List:
        return u"array"_s;
    case Value::Type::Map:
        return u"object"_s;
    }
    Q_UNREACHABLE();
}

// Go strconv.ParseBool.
std::optional<bool> goParseBool(QStringView s)
{
    if (s == u"1" || s == u"t" || s == u"T" || s == u"TRUE" || s == u"true" || s == u"True")
        return true;
    if (s == u"0" || s == u"f" || s == u"F" || s == u"FALSE" || s == u"false" || s == u"False")
        return false;
    return std::nullopt;
}

/** A plain (unquoted) YAML scalar resolved as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) resolves it, in place:
 *  v is replaced only when it resolves to something other than a string. */
void resolveYamlScalar(Value &v)
{
    if (!v.isString() || v.isQuoted())
        return;
    const QString &s = v.toString();
    if (s.isEmpty() || s == u"~" || s == u"null" || s == u"Null" || s == u"NULL") {
        v = Value::null(v.span());
        return;
    }
    static const QStringList yes{u"y"_s, u"Y"_s, u"yes"_s, u"Yes"_s, u"YES"_s, u"on"_s, u"On"_s, u"ON"_s,
                                 u"true"_s, u"True"_s, u"TRUE"_s};
    static const QStringList no{u"n"_s, u"N"_s, u"no"_s, u"No"_s, u"NO"_s, u"off"_s, u"Off"_s, u"OFF"_s,
                                u"false"_s, u"False"_s, u"FALSE"_s};
    if (s.size() <= 5) { // the longest of them, "FALSE"
        if (yes.contains(s)) {
            v = Value::boolean(true, v.span());
            return;
        }
        if (no.contains(s)) {
            v = Value::boolean(false, v.span());
            return;
        }
    }
    const QChar c0 = s[0];
    if (!(c0.isDigit() || c0 == u'-' || c0 == u'+' || c0 == u'.'))
        return;
    QString digits = s;
    digits.remove(u'_');
    bool ok = false;
    const qint64 i = digits.toLongLong(&ok, 0);
    if (ok) {
        v = Value::integer(i, v.span());
        return;
    }
    if (s == u".inf" || s == u".Inf" || s == u".INF" || s == u"+.inf") {
        v = Value::floating(std::numeric_limits<double>::infinity(), v.span());
        return;
    }
    if (s == u"-.inf" || s == u"-.Inf" || s == u"-.INF") {
        v = Value::floating(-std::numeric_limits<double>::infinity(), v.span());
        return;
    }
    if (s == u".nan" || s == u".NaN" || s == u".NAN") {
        v = Value::floating(std::numeric_limits<double>::quiet_NaN(), v.span());
        return;
    }
    bool hasDigit = false;
    for (QChar c : digits) {
        if (c.isDigit())
            hasDigit = true;
        else if (!(c == u'.' || c == u'e' || c == u'E' || c == u'-' || c == u'+'))
            return;
    }
    const double d = hasDigit ? digits.toDouble(&ok) : 0.0;
    if (ok)
        v = Value::floating(d, v.span());
}

/** resolveYamlScalar() of a copy, for values the decoder only looks at. */
Value resolvedYamlScalar(Value v)
{
    resolveYamlScalar(v);
    return v;
}

/** One-element lists replaced by their element, recursively through maps: the "any" quirk of
 *  HookWeakDecodeFromSlice (config.md §2.5). Integral floats become ints so HCL and JSON agree. In place. */
void normaliseAny(Value &v, Mode mode)
{
    if (mode == Mode::Kube)
        resolveYamlScalar(v);
    if (v.isList()) {
        if (v.items().size() == 1) {
            v.replaceByOnlyItem();
            normaliseAny(v, mode);
            return;
        }
        for (Value &item : v.items())
            normaliseAny(item, mode);
        return;
    }
    if (v.isMap()) {
        for (auto &m : v.members())
            normaliseAny(m.value, mode);
        return;
    }
    if (v.isFloat()) {
        const double d = v.toDouble();
        if (std::isfinite(d) && d == std::trunc(d) && std::abs(d) < 9.0e15)
            v = Value::integer(qint64(d), v.span());
    }
}

/** The n UTF-16 code units at x and y are the same, compared 8 bytes at a time (the last 8 bytes overlapping
 *  the ones before when n is not a multiple of 4: no code unit by code unit tail). */
Q_ALWAYS_INLINE bool sameChars(const QChar *x, const QChar *y, qsizetype n)
{
    const auto load = [](const QChar *p) {
        quint64 v;
        std::memcpy(&v, p, sizeof v);
        return v;
    };
    if (n < 4) {
        for (qsizetype i = 0; i < n; ++i) {
            if (x[i] != y[i])
                return false;
        }
        return true;
    }
    for (qsizetype i = 0; i + 4 < n; i += 4) {
        if (load(x + i) != load(y + i))
            return false;
    }
    return load(x + n - 4) == load(y + n - 4);
}

/** a == b, for keys compared with the schema's key texts: texts of another length (most of them) are
 *  rejected here, the same text (a key set from the schema) at once, others compared by sameChars(). */
Q_ALWAYS_INLINE bool sameText(const QString &a, const QString &b)
{
    const qsizetype n = a.size();
    return n == b.size() && (a.constData() == b.constData() || sameChars(a.constData(), b.constData(), n));
}

/** Scratch indices for one map or struct: on the stack, or on the heap for unusually big ones. */
class Indices
{
public:
    Q_ALWAYS_INLINE explicit Indices(qsizetype n)
        : m_data(n <= qsizetype(std::size(m_stack)) ? m_stack : (m_heap = std::make_unique_for_overwrite<qsizetype[]>(n)).get())
    {
    }
    Indices(const Indices &) = delete;
    Indices &operator=(const Indices &) = delete;

    [[nodiscard]] qsizetype *data() { return m_data; }
    [[nodiscard]] qsizetype &operator[](qsizetype i) { return m_data[i]; }

private:
    qsizetype m_stack[48];
    std::unique_ptr<qsizetype[]> m_heap;
    qsizetype *m_data;
};

/** Keeps, in order, the elements for which keep(element, index) is true (it may change them), moving
 *  each down to its place in the same list. */
template<class T, class Keep>
void keepWhere(QList<T> &list, Keep &&keep)
{
    T *raw = list.data();
    const qsizetype n = list.size();
    qsizetype kept = 0;
    for (qsizetype i = 0; i < n; ++i) {
        if (!keep(raw[i], i))
            continue;
        if (kept != i)
            raw[kept] = std::move(raw[i]);
        ++kept;
    }
    if (kept < n)
        list.resize(kept);
}

/** Leaves in members exactly the members at the indices in order, in that order (each index at most once): the
 *  list is reused, nothing is copied. Members are relocatable (value.h), so out of order they are moved as bytes
 *  through a scratch buffer, the dropped ones destroyed, instead of being swapped into place one by one. */
void keepInOrder(QList<Value::Member> &members, const qsizetype *order, qsizetype count)
{
    const qsizetype n = members.size();
    Value::Member *m = members.data();
    if (std::is_sorted(order, order + count)) {
        // Already in this order (members written in field order, maps in key order): close the gaps.
        for (qsizetype k = 0; k < count; ++k) {
            if (order[k] != k)
                m[k] = std::move(m[order[k]]);
        }
        if (count < n)
            members.resize(count);
        return;
    }
    struct alignas(Value::Member) Bytes {
        std::byte b[sizeof(Value::Member)];
    };
    QVarLengthArray<Bytes, 16> scratch(count);
    QVarLengthArray<bool, 48> kept(n, false);
    for (qsizetype k = 0; k < count; ++k) {
        std::memcpy(static_cast<void *>(&scratch[k]), static_cast<const void *>(m + order[k]), sizeof(Value::Member));
        kept[order[k]] = true;
    }
    for (qsizetype i = 0; i < n; ++i) {
        if (!kept[i])
            m[i].~Member();
    }
    std::memcpy(static_cast<void *>(m), static_cast<const void *>(scratch.data()), size_t(count) * sizeof(Value::Member));
    // The places after the kept members hold stale bytes: empty members in their place, for resize() to destroy.
    for (qsizetype i = count; i < n; ++i)
        new (m + i) Value::Member;
    if (count < n)
        members.resize(count);
}

class Decoder
{
public:
    Decoder(const SourceDocument &doc, Mode mode, Edition edition, Diagnostics &diags)
        : m_file(doc.file), m_format(doc.format), m_mode(mode), m_edition(edition), m_diags(diags)
    {
    }

    [[nodiscard]] bool failed() const { return m_failed; }

    // The decoders consume the raw value v and leave the canonical value in its place: strings, spans,
    // member lists and items are moved or reused, never copied. They return false when there is no value:
    // null (the field stays unset) or an error (diagnosed); v is then left unspecified.
    bool decode(Value &v, const Type &type, const Path &path);
    /** decode() of a value that is already resolved (Kubernetes: plain YAML scalars typed). */
    bool decodeResolved(Value &v, const Type &type, const Path &path);
    bool decodeStruct(Value &v, const Struct &s, const Path &path, bool topLevel);
    bool decodeInOrder(QList<Value::Member> &members, const Struct &s, const qsizetype *fieldOf, const Path &path);
    Q_ALWAYS_INLINE bool decodeMember(Value::Member &member, const Struct &s, const QString *keys, qsizetype fi,
                                      const Path &path);

    void error(QLatin1StringView code, QString message, const SourceSpan &where, QString field)
    {
        m_failed = true;
        Diagnostic d;
        d.severity = Severity::Error;
        d.code = code;
        d.message = std::move(message);
        d.where = where.isValid() ? where : SourceSpan{m_file, {}, {}};
        d.field = std::move(field);
        m_diags.append(std::move(d));
    }

private:
    [[nodiscard]] QString fieldPath(const Path &path) const
    {
        return renderPath(&path, m_mode == Mode::Kube ? PathStyle::Kube : PathStyle::Canonical);
    }
    [[nodiscard]] QString goPath(const Path &path) const { return renderPath(&path, PathStyle::Go); }

    /** HookWeakDecodeFromSlice: a one-element list stands for its element (Consul only). */
    void unwrapOne(Value &v) const
    {
        if (m_mode == Mode::Consul && v.isList() && v.items().size() == 1)
            v.replaceByOnlyItem();
    }

    void shapeError(const Value &v, const QString &expectedJson, const Path &path)
    {
        if (m_mode == Mode::Kube) {
            kubeTypeError(v, expectedJson, path);
            return;
        }
        error(codes::ExpectedShape, u'\'' + goPath(path) + u"' expected a map, got '"_s + v.typeName() + u'\'', v.span(),
              fieldPath(path));
    }

    void kubeTypeError(const Value &v, const QString &expected, const Path &path)
    {
        const QString p = fieldPath(path);
        const QString got = jsonTypeName(v);
        error(codes::CrdSchema,
              u"Invalid value: \""_s + got + u"\": "_s + p + u" in body must be of type "_s + expected + u": \""_s + got + u'"',
              v.span(), p);
    }

    /** The common cases, checked where the value is met (most fields are strings): a string where a string
     *  is expected (a plain YAML scalar is resolved first, it may turn out to be something else), a bool where
     *  a bool is. decode() then has nothing to do. */
    [[nodiscard]] Q_ALWAYS_INLINE bool canonicalAlready(const Value &v, const Type &type) const
    {
        return (type.kind == Kind::String && v.isString() && (m_mode == Mode::Consul || v.isQuoted()))
            || (type.kind == Kind::Bool && v.isBool());
    }

    /** decode() of a struct member, list item or map value: the ready cases and a map (or HCL's list of one
     *  block) where a struct is expected, the most common calls, go straight where decode() would send them. */
    Q_ALWAYS_INLINE bool decodeChild(Value &v, const Type &type, const Path &path)
    {
        if (canonicalAlready(v, type))
            return true;
        if (type.kind == Kind::Object && (v.isMap() || v.isList()))
            return decodeStruct(v, *type.object, path, false);
        return decode(v, type, path);
    }

    void unknownKey(const Value::Member &m, const Struct &s, const Path &path, const Field *duplicateOf);
    bool decodeScalar(Value &v, const Type &type, const Path &path);
    bool decodeKubeScalar(Value &v, const Type &type, const Path &path);

    const QString &m_file;
    DocumentFormat m_format;
    Mode m_mode;
    Edition m_edition;
    Diagnostics &m_diags;
    bool m_failed = false;
};

void Decoder::unknownKey(const Value::Member &m, const Struct &s, const Path &path, const Field *duplicateOf)
{
    if (m_mode == Mode::Kube) {
        const QString p = appendKey(renderPath(&path, PathStyle::Kube), m.key, PathStyle::Kube);
        QString message = u"unknown field "_s + schema::goQuote(p);
        int best = std::numeric_limits<int>::max();
        QString suggestion;
        for (const Field &f : s) {
            if (f.has(schema::NotInCrd))
                continue;
            const int d = editDistance(m.key, schema::crdKey(f));
            if (d < best) {
                best = d;
                suggestion = schema::crdKey(f);
            }
        }
        if (!suggestion.isEmpty() && best <= std::max<qsizetype>(2, m.key.size() / 3))
            message += u" (did you mean "_s + schema::goQuote(suggestion) + u"?)"_s;
        error(codes::CrdUnknownField, message, m.keySpan, p);
        return;
    }

    const QString go = appendKey(goPath(path), m.key, PathStyle::Go);
    const QString canonicalParent = fieldPath(path);
    const QString field = canonicalParent.isEmpty() ? m.key : canonicalParent + u'.' + m.key;
    QString message = u"invalid config key "_s + schema::goQuote(go);
    if (m_edition == Edition::CE) {
        // Consul CE server, validateUnusedKeys (agent/structs/config_entry_ce.go).
        const QString lower = m.key.toLower();
        if (lower.endsWith(u"namespace")) {
            error(codes::EnterpriseKey, message + u", namespaces are a consul enterprise feature"_s, m.keySpan, field);
            return;
        }
        if (lower.contains(u"jwt")) {
            error(codes::EnterpriseKey, message + u", api-gateway jwt validation is a consul enterprise feature"_s,
                  m.keySpan, field);
            return;
        }
    }
    if (duplicateOf) {
        message += u" (" + schema::goQuote(schema::fieldKey(*duplicateOf)) + u" is already set by another spelling)"_s;
    } else {
        int best = std::numeric_limits<int>::max();
        QString suggestion;
        for (const Field &f : s) {
            if (f.has(schema::CrdOnly) || f.has(schema::ReadOnly))
                continue;
            if (m_edition == Edition::CE && f.has(schema::Enterprise))
                continue;
            const QString alias = f.alias;
            for (const QString *candidate : {&schema::fieldKey(f), &alias}) {
                if (candidate->isEmpty())
                    continue;
                const int d = editDistance(m.key, *candidate);
                if (d < best) {
                    best = d;
                    suggestion = *candidate;
                }
            }
        }
        if (!suggestion.isEmpty() && best <= std::max<qsizetype>(2, m.key.size() / 3))
            message += u" (did you mean "_s + schema::goQuote(suggestion) + u"?)"_s;
    }
    error(codes::UnknownKey, message, m.keySpan, field);
}

bool Decoder::decodeStruct(Value &v, const Struct &s, const Path &path, bool topLevel)
{
    unwrapOne(v);
    if (!v.isMap()) {
        shapeError(v, u"object"_s, path);
        return false;
    }

    // The raw members become the canonical ones: matched to fields by index, decoded in place, renamed,
    // and moved into field order in the same list.
    QList<Value::Member> &members = v.members();
    Value::Member *raw = members.data();
    const qsizetype n = members.size();
    const bool ce = m_edition == Edition::CE && m_mode == Mode::Consul;
    const auto usable = [&](const Field &f) {
        if (m_mode == Mode::Consul)
            return !f.has(schema::CrdOnly) && !(ce && f.has(schema::Enterprise));
        return !f.has(schema::NotInCrd);
    };

    // Pass 1: exact names win (config.md §2.4 step 2). At most one field has a given name (and CRD name), so
    // only the fields whose name has the key's length are tried.
    const QString *keys = schema::fieldKeys(s);
    const qint8 *byLength = schema::fieldsByLength(s);
    Indices fieldOf(n); // per member: the usable field with exactly its name, or -1
    bool inOrder = true; // every member has such a field, each after the one before
    for (qsizetype i = 0, last = -1; i < n; ++i) {
        const QString &key = raw[i].key;
        const qsizetype length = key.size();
        qsizetype match = -1;
        for (qsizetype fi = length < schema::kNameLengths ? byLength[length] : -1; fi >= 0;
             fi = byLength[schema::kNameLengths + fi]) {
            const Field &f = s.fields[fi];
            if ((m_mode == Mode::Kube ? f.matchesCrd(key) : sameText(key, keys[fi])) && usable(f)) {
                match = fi;
                break;
            }
        }
        fieldOf[i] = match;
        inOrder = inOrder && match > last;
        last = match;
    }
    if (inOrder)
        return decodeInOrder(members, s, fieldOf.data(), path);

    Indices slots(s.count); // per field: the index of the member that sets it, or -1
    std::fill_n(slots.data(), s.count, qsizetype(-1));
    qsizetype assigned = 0; // fields with a member
    QVarLengthArray<qsizetype, 16> pending;

    const auto assign = [&](const Field *f, qsizetype index) -> bool {
        qsizetype &slot = slots[f - s.begin()];
        if (slot < 0) {
            slot = index;
            ++assigned;
            return true;
        }
        Value::Member &set = raw[slot];
        Value::Member &again = raw[index];
        if (set.key != again.key)
            return false; // another spelling of a field that is already set
        // The same key twice. HCL1 appends repeated blocks to one list; JSON and YAML keep the last value.
        if (m_format == DocumentFormat::Hcl && again.value.isList() && set.value.isList())
            set.value.items().append(std::move(again.value.items()));
        else
            slot = index;
        return true;
    };

    for (qsizetype i = 0; i < n; ++i) {
        if (fieldOf[i] < 0 || !assign(&s.fields[fieldOf[i]], i))
            pending.append(i);
    }

    // Pass 2 (Consul only): aliases, then case-insensitive names; left-overs are unused keys.
    for (const qsizetype i : pending) {
        const QString &key = raw[i].key;
        const Field *match = nullptr;
        if (m_mode == Mode::Consul) {
            for (const Field &f : s) {
                if (usable(f) && !f.alias.isEmpty() && key.compare(f.alias, Qt::CaseInsensitive) == 0) {
                    match = &f;
                    break;
                }
            }
            if (!match) {
                for (const Field &f : s) {
                    if (usable(f) && key.compare(f.name, Qt::CaseInsensitive) == 0) {
                        match = &f;
                        break;
                    }
                }
            }
            if (topLevel && (key == u"kind" || key == u"Kind") && (!match || slots[match - s.begin()] >= 0))
                continue; // Consul skips kind/Kind when reporting unused keys
        }
        if (match && assign(match, i))
            continue;
        unknownKey(raw[i], s, path, match);
    }

    qsizetype kept = 0; // slots is overwritten with the kept members' indices, in field order
    bool inPlace = true; // each kept member already at its position
    for (qsizetype i = 0, seen = 0; seen < assigned; ++i) { // up to the last field that has a member
        const qsizetype index = slots[i];
        if (index < 0)
            continue;
        ++seen;
        if (!decodeMember(raw[index], s, keys, i, path))
            continue;
        inPlace = inPlace && index == kept;
        slots[kept++] = index;
    }
    if (!inPlace || kept < members.size()) // most structs are written in field order, every member kept
        keepInOrder(members, slots.data(), kept);
    return true;
}

/** The member that sets field fi of s decoded in place and given the field's canonical name (keys: s's
 *  fieldKeys()); false when it is dropped (a read-only field, or no value). */
bool Decoder::decodeMember(Value::Member &member, const Struct &s, const QString *keys, qsizetype fi, const Path &path)
{
    const Field &f = s.fields[fi];
    if (f.has(schema::ReadOnly))
        return false;
    const Path child{&path, &f, {}, -1};
    if (!decodeChild(member.value, *f.type, child))
        return false;
    if (member.key.constData() != keys[fi].constData())
        member.key = QString(keys[fi]); // a copy moved in: no call into QtCore
    return true;
}

/** decodeStruct() of a struct whose members all have exact names of usable fields, in field order without
 *  repeats (most of them): each member is decoded and renamed where it is, those without a value dropped. */
bool Decoder::decodeInOrder(QList<Value::Member> &members, const Struct &s, const qsizetype *fieldOf, const Path &path)
{
    const QString *keys = schema::fieldKeys(s);
    keepWhere(members, [&](Value::Member &member, qsizetype i) { return decodeMember(member, s, keys, fieldOf[i], path); });
    return true;
}

bool Decoder::decode(Value &v, const Type &type, const Path &path)
{
    if (canonicalAlready(v, type))
        return true;
    if (m_mode == Mode::Kube && v.isString() && !v.isQuoted())
        resolveYamlScalar(v);
    return decodeResolved(v, type, path);
}

bool Decoder::decodeResolved(Value &v, const Type &type, const Path &path)
{
    if (v.isNull())
        return false; // null decodes to the zero value: the field stays unset

    switch (type.kind) {
    case Kind::Object:
        return decodeStruct(v, *type.object, path, false);

    case Kind::Map: {
        unwrapOne(v);
        if (m_mode == Mode::Consul && v.isList()) {
            // Weak typing: several maps where a map is expected are merged, later keys winning.
            for (const Value &item : std::as_const(v.items())) {
                if (!item.isMap()) {
                    shapeError(v, u"object"_s, path);
                    return false;
                }
            }
            QList<Value::Member> merged;
            for (Value &item : v.items()) {
                if (merged.isEmpty())
                    merged = std::move(item.members());
                else
                    merged.append(std::move(item.members()));
            }
            v = Value::map(std::move(merged), v.span());
        }
        if (!v.isMap()) {
            shapeError(v, u"object"_s, path);
            return false;
        }
        // Keys are never translated or folded; a repeated key keeps its last value; output is sorted.
        QList<Value::Member> &members = v.members();
        Value::Member *raw = members.data();
        const qsizetype n = members.size();
        Indices order(n);
        bool sorted = true;
        for (qsizetype i = 0; i < n; ++i) {
            order[i] = i;
            sorted = sorted && (i == 0 || raw[i - 1].key < raw[i].key);
        }
        if (!sorted)
            std::stable_sort(order.data(), order.data() + n, [raw](qsizetype a, qsizetype b) { return raw[a].key < raw[b].key; });
        qsizetype kept = 0;
        for (qsizetype k = 0; k < n; ++k) {
            Value::Member &m = raw[order[k]];
            if (k + 1 < n && sameText(raw[order[k + 1]].key, m.key))
                continue;
            const Path child{&path, nullptr, m.key, -1};
            if (decodeChild(m.value, *type.element, child))
                order[kept++] = order[k];
            else if (type.element->kind == Kind::Any) {
                m.value = Value::null(m.value.span()); // only a null fails to decode as Any; its span is kept
                order[kept++] = order[k];
            }
        }
        if (!sorted || kept < n) // otherwise order is 0..n-1: nothing moves
            keepInOrder(members, order.data(), kept);
        return true;
    }

    case Kind::List: {
        if (!v.isList()) {
            if (m_mode == Mode::Kube) {
                kubeTypeError(v, u"array"_s, path);
                return false;
            }
            // Weak typing: a single value where a list is expected is a list of one.
            Value item = std::move(v);
            v = Value::list({}, item.span());
            const Path child{&path, nullptr, {}, 0};
            if (decode(item, *type.element, child))
                v.items().append(std::move(item));
            return true;
        }
        keepWhere(v.items(), [&](Value &item, qsizetype i) {
            const Path child{&path, nullptr, {}, i};
            return decodeChild(item, *type.element, child);
        });
        return true;
    }

    case Kind::Any:
        normaliseAny(v, m_mode);
        return true;

    default:
        if (m_mode == Mode::Kube)
            return decodeKubeScalar(v, type, path);
        unwrapOne(v);
        return decodeScalar(v, type, path);
    }
}

/** v (a duration's source value) replaced by the duration in its canonical form; a string that already is
 *  that form is kept. */
void setDuration(Value &v, const Type &type, qint64 ns)
{
    if (type.durationForm == schema::DurationForm::GoString) {
        // The text is only made a string when the value is not already it.
        if (!v.isString() || !v.isQuoted() || !schema::isGoDurationString(v.toString(), Duration{ns}))
            v = Value::string(schema::goDurationString(Duration{ns}), v.span());
    } else if (!v.isInt() || v.toInt() != ns) {
        v = Value::integer(ns, v.span());
    }
}

/** v replaced by an Int holding n, unless it is that Int already. */
void setInteger(Value &v, qint64 n)
{
    if (!v.isInt() || v.toInt() != n)
        v = Value::integer(n, v.span());
}

/** v replaced by a Float holding d, unless it is that Float already (bit for bit). */
void setFloating(Value &v, double d)
{
    if (!v.isFloat() || !(v.toDouble() == d && std::signbit(v.toDouble()) == std::signbit(d)))
        v = Value::floating(d, v.span());
}

// mapstructure (WeaklyTypedInput) scalar conversions, with its error texts (config.md §2.5).
bool Decoder::decodeScalar(Value &v, const Type &type, const Path &path)
{
    const auto unconvertible = [&] {
        error(codes::ExpectedShape,
              u'\'' + goPath(path) + u"' expected type '"_s + goTargetName(type.kind) + u"', got unconvertible type '"_s
                  + goTypeName(v) + u"', value: '"_s + goValueText(v) + u'\'',
              v.span(), fieldPath(path));
        return false;
    };
    const auto cannotParse = [&](const QString &as, const QString &func, const QString &reason) {
        error(codes::ScalarParse,
              u"cannot parse '"_s + goPath(path) + u"' as "_s + as + u": strconv."_s + func + u": parsing "_s
                  + schema::goQuote(v.toString()) + u": "_s + reason,
              v.span(), fieldPath(path));
        return false;
    };
    if (v.isList() || v.isMap())
        return unconvertible();

    switch (type.kind) {
    case Kind::String:
        switch (v.type()) {
        case Value::Type::String:
            return true;
        case Value::Type::Bool:
            v = Value::string(v.toBool() ? u"1"_s : u"0"_s, v.span());
            return true;
        case Value::Type::Int:
            v = Value::string(QString::number(v.toInt()), v.span());
            return true;
        case Value::Type::Float:
            v = Value::string(QString::number(v.toDouble(), 'f', QLocale::FloatingPointShortest), v.span());
            return true;
        default:
            return unconvertible();
        }
    case Kind::Bool:
        switch (v.type()) {
        case Value::Type::Bool:
            return true;
        case Value::Type::Int:
        case Value::Type::Float:
            v = Value::boolean(v.toDouble() != 0.0, v.span());
            return true;
        case Value::Type::String: {
            if (const auto b = goParseBool(v.toString())) {
                v = Value::boolean(*b, v.span());
                return true;
            }
            if (v.toString().isEmpty()) {
                v = Value::boolean(false, v.span());
                return true;
            }
            return cannotParse(u"bool"_s, u"ParseBool"_s, u"invalid syntax"_s);
        }
        default:
            return unconvertible();
        }
    case Kind::Int:
    case Kind::Uint32:
    case Kind::Uint64:
    case Kind::Duration: {
        const bool isUnsigned = type.kind == Kind::Uint32 || type.kind == Kind::Uint64;
        qint64 n = 0;
        switch (v.type()) {
        case Value::Type::Bool:
            n = v.toBool() ? 1 : 0;
            break;
        case Value::Type::Int:
            n = v.toInt();
            break;
        case Value::Type::Float: {
            const double d = v.toDouble();
            if (isUnsigned && d >= 9.2e18 && d < 18446744073709551616.0)
                n = qint64(quint64(d)); // above int64: kept in the tree's two's complement, printed unsigned
            else
                n = std::isfinite(d) && std::abs(d) < 9.2e18 ? qint64(d) : 0;
            break;
        }
        case Value::Type::String: {
            const QString &s = v.toString();
            if (type.kind == Kind::Duration) {
                // StringToTimeDurationHookFunc: Go ParseDuration, wrapped by mapstructure.
                const schema::ParsedDuration parsed = schema::parseGoDuration(s);
                if (!parsed.error.isEmpty()) {
                    error(codes::BadDuration, u"error decoding '"_s + goPath(path) + u"': "_s + parsed.error, v.span(),
                          fieldPath(path));
                    return false;
                }
                setDuration(v, type, parsed.value.count());
                return true;
            }
            if (s.isEmpty())
                break;
            bool ok = false;
            if (isUnsigned) {
                const quint64 u = s.toULongLong(&ok, 0);
                const bool fits = ok && (type.kind == Kind::Uint64 || u <= std::numeric_limits<quint32>::max());
                if (!fits) {
                    bool digits = !s.isEmpty();
                    for (QChar c : s)
                        digits = digits && c.isDigit();
                    return cannotParse(u"uint"_s, u"ParseUint"_s, digits ? u"value out of range"_s : u"invalid syntax"_s);
                }
                n = qint64(u);
            } else {
                n = s.toLongLong(&ok, 0);
                if (!ok) {
                    bool digits = !s.isEmpty();
                    for (qsizetype i = 0; i < s.size(); ++i)
                        digits = digits && (s[i].isDigit() || (i == 0 && (s[i] == u'-' || s[i] == u'+')));
                    return cannotParse(u"int"_s, u"ParseInt"_s, digits ? u"value out of range"_s : u"invalid syntax"_s);
                }
            }
            break;
        }
        default:
            return unconvertible();
        }
        if (type.kind == Kind::Duration) {
            setDuration(v, type, n);
            return true;
        }
        if (type.kind == Kind::Uint32)
            n = qint64(quint32(quint64(n))); // reflect.SetUint truncates; negative numbers wrap
        setInteger(v, n);
        return true;
    }
    case Kind::Float32: {
        double d = 0.0;
        switch (v.type()) {
        case Value::Type::Bool:
            d = v.toBool() ? 1.0 : 0.0;
            break;
        case Value::Type::Int:
        case Value::Type::Float:
            d = v.toDouble();
            break;
        case Value::Type::String: {
            if (v.toString().isEmpty())
                break;
            bool ok = false;
            d = v.toString().toDouble(&ok);
            if (!ok)
                return cannotParse(u"float"_s, u"ParseFloat"_s, u"invalid syntax"_s);
            if (std::isfinite(d) && std::abs(d) > double(std::numeric_limits<float>::max()))
                return cannotParse(u"float"_s, u"ParseFloat"_s, u"value out of range"_s);
            break;
        }
        default:
            return unconvertible();
        }
        setFloating(v, double(float(d)));
        return true;
    }
    default:
        break;
    }
    Q_UNREACHABLE();
    return false;
}

// consul-k8s: plain JSON decoding after the API server's OpenAPI type check (config.md §2.3).
bool Decoder::decodeKubeScalar(Value &v, const Type &type, const Path &path)
{
    switch (type.kind) {
    case Kind::String:
        if (!v.isString()) {
            kubeTypeError(v, u"string"_s, path);
            return false;
        }
        return true;
    case Kind::Duration: {
        if (!v.isString()) {
            kubeTypeError(v, u"string"_s, path);
            return false;
        }
        const schema::ParsedDuration parsed = schema::parseGoDuration(v.toString());
        if (!parsed.error.isEmpty()) {
            const QString p = fieldPath(path);
            error(codes::BadDuration, parsed.error, v.span(), p);
            return false;
        }
        setDuration(v, type, parsed.value.count());
        return true;
    }
    case Kind::Bool:
        if (!v.isBool()) {
            kubeTypeError(v, u"boolean"_s, path);
            return false;
        }
        return true;
    case Kind::Int:
    case Kind::Uint32:
    case Kind::Uint64: {
        const bool integral = v.isInt() || (v.isFloat() && v.toDouble() == std::trunc(v.toDouble()) && std::abs(v.toDouble()) < 9.2e18);
        if (!integral) {
            kubeTypeError(v, u"integer"_s, path);
            return false;
        }
        qint64 n = v.toInt();
        if (type.kind == Kind::Uint32)
            n = qint64(quint32(quint64(n)));
        setInteger(v, n);
        return true;
    }
    case Kind::Float32:
        if (!v.isNumber()) {
            kubeTypeError(v, u"number"_s, path);
            return false;
        }
        setFloating(v, double(float(v.toDouble())));
        return true;
    default:
        break;
    }
    Q_UNREACHABLE();
    return false;
}

// ---- tree helpers --------------------------------------------------------------------------------

// Keys here are field names of the canonical tree, written as Latin-1 literals: their length is known at
// compile time and schema::sameName() rejects most members on length alone, without a call into QtCore.

const Value *child(const Value &map, QLatin1StringView key)
{
    if (!map.isMap())
        return nullptr;
    for (const auto &m : map.members()) {
        if (schema::sameName(m.key, key))
            return &m.value;
    }
    return nullptr;
}

Value *childMut(Value &map, QLatin1StringView key)
{
    if (!map.isMap())
        return nullptr;
    for (auto &m : map.members()) {
        if (schema::sameName(m.key, key))
            return &m.value;
    }
    return nullptr;
}

Q_ALWAYS_INLINE QString textOf(const Value *v)
{
    return v && v->isString() ? v->toString() : QString();
}

QString text(const Value &map, QLatin1StringView key)
{
    return textOf(child(map, key));
}

Q_ALWAYS_INLINE bool flagOf(const Value *v)
{
    return v && v->isBool() && v->toBool();
}

Q_ALWAYS_INLINE qint64 integerOf(const Value *v)
{
    return v && v->isNumber() ? v->toInt() : 0;
}

Duration durationOf(const Value *v)
{
    if (!v)
        return Duration{0};
    if (v->isString())
        return schema::parseGoDuration(v->toString()).value;
    return Duration{v->toInt()};
}

QStringList textsOf(const Value *v)
{
    QStringList out;
    if (v && v->isList()) {
        out.reserve(v->items().size());
        for (const Value &item : v->items())
            out.append(item.toString());
    }
    return out;
}

/** A QMap filled from a canonical map's members, sorted by key without repeats: each node is built in place at
 *  the end of a std::map, which the QMap then takes over (QMap's own insert() copies the value it is given and
 *  detaches on every call). fill(out, member) fills the node's value. */
template<class T, class Fill>
QMap<QString, T> sortedMap(const Value &map, Fill fill)
{
    std::map<QString, T> nodes;
    for (const auto &m : map.members()) {
        T &out = nodes.emplace_hint(nodes.end(), std::piecewise_construct, std::forward_as_tuple(m.key), std::tuple<>())->second;
        fill(out, m);
    }
    return QMap<QString, T>(std::move(nodes));
}

QMap<QString, QString> textMapOf(const Value *v)
{
    if (!v || !v->isMap() || v->members().isEmpty())
        return {};
    return sortedMap<QString>(*v, [](QString &out, const Value::Member &m) { out = m.value.toString(); });
}

/**
 * The members of a canonical map of struct S by field position, found in one pass instead of one key scan per
 * field read. Canonical members are in field order and carry the key texts of schema::fieldKeys(S), so a member
 * mostly matches the first field tried, by identity; any other order or key text (the Kubernetes head, built
 * here) is still found. Fields are named by string literals whose positions are computed at compile time.
 */
template<const Struct &S, class V = const Value>
class Members
{
public:
    /** A field of S by name (a name S does not have does not compile). */
    struct Name {
        consteval Name(const char *name) // NOLINT(google-explicit-constructor): reads name fields as literals
            : index(schema::fieldIndex(S, name))
        {
        }
        qsizetype index;
    };

    explicit Members(V *map)
    {
        std::fill_n(m_at, S.count, nullptr);
        if (!map || !map->isMap())
            return;
        static const QString *const keys = schema::fieldKeys(S);
        qsizetype next = 0; // the field after the last one found: where the next member's field mostly is
        for (auto &m : map->members()) {
            qsizetype at = next;
            while (at < S.count && !sameText(m.key, keys[at]))
                ++at;
            if (at == S.count) { // out of field order: the fields before
                at = 0;
                while (at < next && !sameText(m.key, keys[at]))
                    ++at;
                if (at == next)
                    continue; // no field of that name
            }
            if (!m_at[at])
                m_at[at] = &m.value; // the first member of a name, as Value::find()
            next = at + 1;
        }
    }
    explicit Members(V &map)
        : Members(&map)
    {
    }

    /** The member's value (mutable when V is Value), or nullptr. */
    [[nodiscard]] V *operator[](Name field) const { return m_at[field.index]; }
    [[nodiscard]] QString text(Name field) const { return textOf(m_at[field.index]); }
    [[nodiscard]] bool flag(Name field) const { return flagOf(m_at[field.index]); }
    [[nodiscard]] qint64 integer(Name field) const { return integerOf(m_at[field.index]); }
    [[nodiscard]] Duration duration(Name field) const { return durationOf(m_at[field.index]); }
    [[nodiscard]] QStringList texts(Name field) const { return textsOf(m_at[field.index]); }
    [[nodiscard]] QMap<QString, QString> textMap(Name field) const { return textMapOf(m_at[field.index]); }

private:
    V *m_at[S.count];
};

namespace st = schema::tables;

/** Sets key in a canonical map, keeping the struct's field order. */
void setMember(Value &map, const Struct &s, QLatin1StringView key, Value value, const SourceSpan &keySpan = {})
{
    if (Value *existing = childMut(map, key)) {
        *existing = std::move(value);
        return;
    }
    const Field *target = s.field(key);
    Q_ASSERT(target);
    qsizetype pos = 0;
    auto &members = map.members();
    while (pos < members.size()) {
        const Field *f = s.field(members[pos].key);
        if (f && f > target)
            break;
        ++pos;
    }
    members.insert(pos, Value::Member{schema::fieldKey(*target), keySpan, std::move(value)});
}

void removeMember(Value &map, QLatin1StringView key)
{
    auto &members = map.members();
    members.removeIf([key](const Value::Member &m) { return schema::sameName(m.key, key); });
}

/** A string value lower-cased (a quoted one that already is stays as it is). */
void lowerCase(Value *v)
{
    if (!v || !v->isString())
        return;
    QString lower = v->toString().toLower();
    if (v->isQuoted() && lower.constData() == v->toString().constData())
        return; // toLower() shared the text: nothing to change
    *v = Value::string(std::move(lower), v->span());
}

/** Whether s is ASCII without lower-case letters (toUpper() would give it back unchanged). */
bool isUpperAscii(const QString &s)
{
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.unicode() < 0x80 && !(c >= u'a' && c <= u'z'); });
}

void upperCaseList(Value *list)
{
    if (!list || !list->isList())
        return;
    for (Value &item : list->items()) {
        if (!item.isString() || (item.isQuoted() && isUpperAscii(item.toString())))
            continue;
        QString upper = item.toString().toUpper();
        if (item.isQuoted() && upper.constData() == item.toString().constData())
            continue; // already upper-case: toUpper() shared the text, the value stays as it is
        item = Value::string(std::move(upper), item.span());
    }
}

/** out (empty) filled from a canonical HTTPHeaderModifiers map, when there is one. */
void readHeaderModifiers(HttpHeaderModifiers &out, const Value *v)
{
    if (!v)
        return;
    const Members<st::HeaderModifiers> m(v);
    out.add = m.textMap("Add");
    out.set = m.textMap("Set");
    out.remove = m.texts("Remove");
}

std::optional<FailoverPolicy> failoverPolicy(const Value *v)
{
    if (!v)
        return std::nullopt;
    const Members<st::FailoverPolicy> m(v);
    return FailoverPolicy{m.text("Mode"), m.texts("Regions")};
}

std::optional<PrioritizeByLocality> locality(const Value *v)
{
    if (!v)
        return std::nullopt;
    return PrioritizeByLocality{Members<st::Locality>(v).text("Mode")};
}

MeshGatewayConfig meshGateway(const Value *v)
{
    return MeshGatewayConfig{v ? Members<st::MeshGateway>(v).text("Mode") : QString()};
}

/** The entry's Name, Namespace, Partition and Meta, read from its top-level members. */
template<const Struct &S, class V>
void readHead(Entry &e, const Members<S, V> &top)
{
    e.name = top.text("Name");
    e.namespace_ = top.text("Namespace");
    e.partition = top.text("Partition");
    e.meta = top.textMap("Meta");
}

// ---- Normalize (config.md §3) and typed bodies ---------------------------------------------------

// Consul: ServiceSplitter.Normalize → NormalizeServiceSplitWeight: float32 scale, float64 round.
float roundWeight(float w)
{
    const int scaled = int(std::round(double(w * 100.0f)));
    return float(scaled) / 100.0f;
}

// Each body is built in place in the entry, from members found in one pass per map (Members above).

/** The entry's body as a T. An entry starts with an empty ServiceResolver: a resolver's body is filled in it,
 *  any other replaces it. */
template<class T>
T &makeBody(Entry &e)
{
    if (T *body = std::get_if<T>(&e.body))
        return *body;
    return e.body.emplace<T>();
}

void resolverBody(Entry &e, const Value &tree)
{
    const Members<st::Resolver> top(tree);
    readHead(e, top);
    ServiceResolver &r = makeBody<ServiceResolver>(e);
    r.defaultSubset = top.text("DefaultSubset");
    if (const Value *subsets = top["Subsets"]) {
        r.subsets = sortedMap<ResolverSubset>(*subsets, [](ResolverSubset &out, const Value::Member &m) {
            const Members<st::Subset> s(m.value);
            out.filter = s.text("Filter");
            out.onlyPassing = s.flag("OnlyPassing");
            out.span = m.value.span();
        });
    }
    if (const Value *v = top["Redirect"]) {
        const Members<st::Redirect> m(v);
        r.redirect = ResolverRedirect{m.text("Service"), m.text("ServiceSubset"), m.text("Namespace"), m.text("Partition"),
                                      m.text("Datacenter"), m.text("Peer"), m.text("SamenessGroup"), v->span()};
    }
    if (const Value *failover = top["Failover"]) {
        r.failover = sortedMap<ResolverFailover>(*failover, [](ResolverFailover &out, const Value::Member &m) {
            const Value &f = m.value;
            const Members<st::Failover> fm(f);
            out.service = fm.text("Service");
            out.serviceSubset = fm.text("ServiceSubset");
            out.namespace_ = fm.text("Namespace");
            out.datacenters = fm.texts("Datacenters");
            if (const Value *targets = fm["Targets"]) {
                out.targets.reserve(targets->items().size());
                for (const Value &t : targets->items()) {
                    const Members<st::FailoverTarget> tm(t);
                    out.targets.append(FailoverTarget{tm.text("Service"), tm.text("ServiceSubset"), tm.text("Partition"),
                                                      tm.text("Namespace"), tm.text("Datacenter"), tm.text("Peer"), t.span()});
                }
            }
            out.policy = failoverPolicy(fm["Policy"]);
            out.samenessGroup = fm.text("SamenessGroup");
            out.span = f.span();
        });
    }
    r.connectTimeout = top.duration("ConnectTimeout");
    r.requestTimeout = top.duration("RequestTimeout");
    if (const Value *lb = top["LoadBalancer"]) {
        const Members<st::LoadBalancer> lbm(lb);
        LoadBalancer &out = r.loadBalancer.emplace();
        out.policy = lbm.text("Policy");
        if (const Value *ring = lbm["RingHashConfig"]) {
            const Members<st::RingHash> rm(ring);
            out.hasRingHashConfig = true;
            if (rm["MinimumRingSize"])
                out.ringMinimumSize = quint64(rm.integer("MinimumRingSize"));
            if (rm["MaximumRingSize"])
                out.ringMaximumSize = quint64(rm.integer("MaximumRingSize"));
        }
        if (const Value *least = lbm["LeastRequestConfig"]) {
            const Members<st::LeastRequest> lm(least);
            out.hasLeastRequestConfig = true;
            if (lm["ChoiceCount"])
                out.leastRequestChoiceCount = quint32(lm.integer("ChoiceCount"));
        }
        if (const Value *policies = lbm["HashPolicies"]) {
            out.hashPolicies.reserve(policies->items().size());
            for (const Value &p : policies->items()) {
                const Members<st::HashPolicy> pm(p);
                HashPolicy &hp = out.hashPolicies.emplaceBack();
                hp.field = pm.text("Field");
                hp.fieldValue = pm.text("FieldValue");
                if (const Value *cookie = pm["CookieConfig"]) {
                    const Members<st::CookieConfig> cm(cookie);
                    hp.cookieConfig = CookieConfig{cm.flag("Session"), cm.duration("TTL"), cm.text("Path")};
                }
                hp.sourceIP = pm.flag("SourceIP");
                hp.terminal = pm.flag("Terminal");
            }
        }
        out.span = lb->span();
    }
    r.prioritizeByLocality = locality(top["PrioritizeByLocality"]);
}

void routerBody(Entry &e, Value &tree)
{
    const Members<st::Router, Value> top(tree);
    readHead(e, top);
    ServiceRouter &r = makeBody<ServiceRouter>(e);
    Value *routes = top["Routes"];
    if (!routes)
        return;
    r.routes.reserve(routes->items().size());
    for (Value &route : routes->items()) {
        ServiceRoute &out = r.routes.emplaceBack();
        out.span = route.span();
        const Members<st::Route, Value> rm(route);
        Value *match = rm["Match"];
        Value *http = match ? Members<st::RouteMatch, Value>(match)["HTTP"] : nullptr;
        Value *dest = rm["Destination"];
        const Members<st::HttpMatch, Value> hm(http);
        if (http) {
            // Consul: ServiceRouterConfigEntry.Normalize upper-cases methods and fills the destination's
            // namespace/partition from the entry, only for routes with an HTTP match.
            upperCaseList(hm["Methods"]);
            if (dest && !e.namespace_.isEmpty() && text(*dest, "Namespace"_L1).isEmpty())
                setMember(*dest, st::RouteDestination, "Namespace"_L1, Value::string(e.namespace_, dest->span()));
            if (dest && !e.partition.isEmpty() && text(*dest, "Partition"_L1).isEmpty())
                setMember(*dest, st::RouteDestination, "Partition"_L1, Value::string(e.partition, dest->span()));
        }
        if (match) {
            RouteMatch &routeMatch = out.match.emplace();
            if (http) {
                HttpRouteMatch &h = routeMatch.http.emplace();
                h.pathExact = hm.text("PathExact");
                h.pathPrefix = hm.text("PathPrefix");
                h.pathRegex = hm.text("PathRegex");
                h.caseInsensitive = hm.flag("CaseInsensitive");
                if (const Value *headers = hm["Header"]) {
                    h.header.reserve(headers->items().size());
                    for (const Value &hv : headers->items()) {
                        const Members<st::HeaderMatch> m(hv);
                        h.header.append(HeaderMatch{m.text("Name"), m.flag("Present"), m.text("Exact"), m.text("Prefix"),
                                                    m.text("Suffix"), m.text("Regex"), m.flag("Invert")});
                    }
                }
                if (const Value *params = hm["QueryParam"]) {
                    h.queryParam.reserve(params->items().size());
                    for (const Value &q : params->items()) {
                        const Members<st::QueryMatch> m(q);
                        h.queryParam.append(QueryParamMatch{m.text("Name"), m.flag("Present"), m.text("Exact"), m.text("Regex")});
                    }
                }
                h.methods = hm.texts("Methods");
            }
        }
        if (dest) {
            const Members<st::RouteDestination> dm(dest);
            RouteDestination &d = out.destination.emplace();
            d.service = dm.text("Service");
            d.serviceSubset = dm.text("ServiceSubset");
            d.namespace_ = dm.text("Namespace");
            d.partition = dm.text("Partition");
            d.prefixRewrite = dm.text("PrefixRewrite");
            d.requestTimeout = dm.duration("RequestTimeout");
            d.idleTimeout = dm.duration("IdleTimeout");
            d.numRetries = quint32(dm.integer("NumRetries"));
            d.retryOnConnectFailure = dm.flag("RetryOnConnectFailure");
            d.retryOn = dm.texts("RetryOn");
            if (const Value *codes = dm["RetryOnStatusCodes"]) {
                d.retryOnStatusCodes.reserve(codes->items().size());
                for (const Value &c : codes->items())
                    d.retryOnStatusCodes.append(quint32(c.toInt()));
            }
            readHeaderModifiers(d.requestHeaders, dm["RequestHeaders"]);
            readHeaderModifiers(d.responseHeaders, dm["ResponseHeaders"]);
        }
    }
}

void splitterBody(Entry &e, Value &tree)
{
    const Members<st::Splitter, Value> top(tree);
    readHead(e, top);
    ServiceSplitter &s = makeBody<ServiceSplitter>(e);
    Value *splits = top["Splits"];
    if (!splits)
        return;
    s.splits.reserve(splits->items().size());
    for (Value &split : splits->items()) {
        ServiceSplit &out = s.splits.emplaceBack();
        const Members<st::Split, Value> m(split);
        if (Value *w = m["Weight"]) {
            out.weight = roundWeight(float(w->toDouble()));
            setFloating(*w, double(out.weight));
        }
        out.service = m.text("Service");
        out.serviceSubset = m.text("ServiceSubset");
        out.namespace_ = m.text("Namespace");
        out.partition = m.text("Partition");
        readHeaderModifiers(out.requestHeaders, m["RequestHeaders"]);
        readHeaderModifiers(out.responseHeaders, m["ResponseHeaders"]);
        out.span = split.span();
    }
}

bool isWildcard(const QString &s)
{
    return s == u"*";
}

void intentionsBody(Entry &e, Value &tree)
{
    readHead(e, Members<st::Intentions>(tree));
    ServiceIntentions &out = makeBody<ServiceIntentions>(e);
    Value *sources = childMut(tree, "Sources"_L1);
    if (!sources)
        return;

    // Consul: ServiceIntentionsConfigEntry.Normalize (agent/structs/config_entry_intentions.go).
    const QString destNs = orDefault(e.namespace_);
    const int base = !isWildcard(destNs) && !isWildcard(e.name) ? 9 : !isWildcard(destNs) ? 6 : 3;
    for (Value &src : sources->items()) {
        if (!src.isMap())
            continue;
        if (text(src, "Type"_L1).isEmpty())
            setMember(src, st::Source, "Type"_L1, Value::string(u"consul"_s, src.span()));
        if (text(src, "Peer"_L1).isEmpty() && text(src, "SamenessGroup"_L1).isEmpty()) {
            if (!e.namespace_.isEmpty() && text(src, "Namespace"_L1).isEmpty())
                setMember(src, st::Source, "Namespace"_L1, Value::string(e.namespace_, src.span()));
            if (!e.partition.isEmpty() && text(src, "Partition"_L1).isEmpty())
                setMember(src, st::Source, "Partition"_L1, Value::string(e.partition, src.span()));
        }
        const QString srcNs = orDefault(text(src, "Namespace"_L1));
        const QString srcName = text(src, "Name"_L1);
        const int adjust = isWildcard(srcNs) ? -2 : isWildcard(srcName) ? -1 : 0;
        setMember(src, st::Source, "Precedence"_L1, Value::integer(base + adjust, src.span()));
        removeMember(src, "LegacyID"_L1);
        removeMember(src, "LegacyCreateTime"_L1);
        removeMember(src, "LegacyUpdateTime"_L1);
        if (Value *perms = childMut(src, "Permissions"_L1)) {
            for (Value &perm : perms->items()) {
                if (Value *http = childMut(perm, "HTTP"_L1))
                    upperCaseList(childMut(*http, "Methods"_L1));
            }
        }
    }
    std::stable_sort(sources->items().begin(), sources->items().end(), [](const Value &a, const Value &b) {
        return integerOf(child(a, "Precedence"_L1)) > integerOf(child(b, "Precedence"_L1));
    });

    out.sources.reserve(sources->items().size());
    for (const Value &src : std::as_const(sources->items())) {
        const Members<st::Source> sm(src);
        SourceIntention &s = out.sources.emplaceBack();
        s.name = sm.text("Name");
        s.peer = sm.text("Peer");
        s.partition = sm.text("Partition");
        s.namespace_ = sm.text("Namespace");
        s.samenessGroup = sm.text("SamenessGroup");
        s.action = sm.text("Action");
        if (const Value *perms = sm["Permissions"]) {
            s.permissions.reserve(perms->items().size());
            for (const Value &perm : perms->items()) {
                const Members<st::Permission> pm(perm);
                IntentionPermission &p = s.permissions.emplaceBack();
                p.action = pm.text("Action");
                if (const Value *http = pm["HTTP"]) {
                    const Members<st::HttpPermission> hm(http);
                    IntentionHttpPermission &h = p.http.emplace();
                    h.pathExact = hm.text("PathExact");
                    h.pathPrefix = hm.text("PathPrefix");
                    h.pathRegex = hm.text("PathRegex");
                    if (const Value *headers = hm["Header"]) {
                        h.header.reserve(headers->items().size());
                        for (const Value &hv : headers->items()) {
                            const Members<st::HeaderPermission> m(hv);
                            h.header.append(IntentionHeaderPermission{m.text("Name"), m.flag("Present"), m.text("Exact"),
                                                                      m.text("Prefix"), m.text("Suffix"), m.text("Contains"),
                                                                      m.text("Regex"), m.flag("Invert"), m.flag("IgnoreCase")});
                        }
                    }
                    h.methods = hm.texts("Methods");
                }
                p.span = perm.span();
            }
        }
        s.precedence = int(sm.integer("Precedence"));
        s.type = sm.text("Type");
        s.description = sm.text("Description");
        s.span = src.span();
    }
}

void serviceDefaultsBody(Entry &e, Value &tree)
{
    // Consul: ServiceConfigEntry.Normalize lower-cases Protocol, also in upstream overrides/defaults, and
    // clamps a negative ConnectTimeoutMs to 0.
    const Members<st::ServiceDefaults, Value> top(tree);
    lowerCase(top["Protocol"]);
    if (Value *upstreams = top["UpstreamConfig"]) {
        const auto fix = [](Value &u) {
            lowerCase(childMut(u, "Protocol"_L1));
            if (Value *t = childMut(u, "ConnectTimeoutMs"_L1); t && t->toInt() < 0)
                *t = Value::integer(0, t->span());
        };
        if (Value *overrides = childMut(*upstreams, "Overrides"_L1)) {
            for (Value &u : overrides->items())
                fix(u);
        }
        if (Value *defaults = childMut(*upstreams, "Defaults"_L1))
            fix(*defaults);
    }
    readHead(e, top);
    ServiceDefaults &d = makeBody<ServiceDefaults>(e);
    d.protocol = top.text("Protocol");
    d.mode = top.text("Mode");
    d.meshGateway = meshGateway(top["MeshGateway"]);
    d.externalSNI = top.text("ExternalSNI");
    d.mutualTLSMode = top.text("MutualTLSMode");
}

void proxyDefaultsBody(Entry &e, const Value &tree, Decoder &decoder)
{
    const Members<st::ProxyDefaults> top(tree);
    readHead(e, top);
    ProxyDefaults &p = makeBody<ProxyDefaults>(e);
    const Value *config = top["Config"];
    p.config = config ? *config : Value::map();
    if (config) {
        // Consul: ProxyConfigEntry.Normalize computes the protocol by weak-decoding Config["protocol"]
        // into a string (mapstructure matches the key case-insensitively, exact spelling first).
        const Value *proto = config->find(u"protocol");
        if (!proto)
            proto = config->findCaseInsensitive(u"protocol");
        if (proto) {
            switch (proto->type()) {
            case Value::Type::String:
                p.protocol = proto->toString();
                break;
            case Value::Type::Bool:
                p.protocol = proto->toBool() ? u"1"_s : u"0"_s;
                break;
            case Value::Type::Int:
                p.protocol = QString::number(proto->toInt());
                break;
            case Value::Type::Float:
                p.protocol = QString::number(proto->toDouble(), 'f', QLocale::FloatingPointShortest);
                break;
            case Value::Type::Null:
                break;
            default:
                decoder.error(codes::ProxyProtocol,
                              u"'protocol' expected type 'string', got unconvertible type '"_s + goTypeName(*proto)
                                  + u"', value: '"_s + goValueText(*proto) + u'\'',
                              proto->span(), u"Config[\"protocol\"]"_s);
            }
        }
    }
    p.mode = top.text("Mode");
    p.meshGateway = meshGateway(top["MeshGateway"]);
    p.failoverPolicy = failoverPolicy(top["FailoverPolicy"]);
    p.prioritizeByLocality = locality(top["PrioritizeByLocality"]);
}

/** Everything after the tree is decoded: Normalize, the typed body, the entry, built in place at the end of
 *  entries (and taken out again if the body fails to decode). */
void finishEntry(EntryKind kind, Value tree, SourceSpan span, SourceFormat format, Decoder &decoder, QList<Entry> &entries)
{
    const Struct &s = schema::entryStruct(kind);
    // Room first in a new list: QList::emplaceBack() into a full list builds the Entry aside and moves it in
    // (a document decodes to at most one entry). A list that collects a whole load's entries is left to
    // emplaceBack(), which grows it geometrically by moving the entries' bytes; reserve() would copy each
    // entry and free the old ones.
    if (entries.capacity() == 0)
        entries.reserve(1);
    Entry &e = entries.emplaceBack();
    e.kind = kind;
    e.format = format;
    e.span = std::move(span);

    // Normalize: Kind canonical (a Kind already written that way stays as it is).
    const Value *kindValue = child(tree, "Kind"_L1);
    const QString canonicalKind = kindName(kind);
    if (!kindValue || !kindValue->isString() || !kindValue->isQuoted() || kindValue->toString() != canonicalKind)
        setMember(tree, s, "Kind"_L1, Value::string(canonicalKind, kindValue ? kindValue->span() : e.span));
    if (kind == EntryKind::ProxyDefaults && text(tree, "Name"_L1).isEmpty()) {
        const Value *nameValue = child(tree, "Name"_L1);
        setMember(tree, s, "Name"_L1, Value::string(u"global"_s, nameValue ? nameValue->span() : e.span));
    }

    // Each body reads the entry's Name, Namespace, Partition and Meta with its own fields.
    switch (kind) {
    case EntryKind::ServiceResolver:
        resolverBody(e, tree);
        break;
    case EntryKind::ServiceRouter:
        routerBody(e, tree);
        break;
    case EntryKind::ServiceSplitter:
        splitterBody(e, tree);
        break;
    case EntryKind::ServiceIntentions:
        intentionsBody(e, tree);
        break;
    case EntryKind::ServiceDefaults:
        serviceDefaultsBody(e, tree);
        break;
    case EntryKind::ProxyDefaults:
        proxyDefaultsBody(e, tree, decoder);
        break;
    }
    if (decoder.failed()) {
        entries.removeLast();
        return;
    }
    e.tree = std::move(tree);
}

// ---- HCL / JSON ----------------------------------------------------------------------------------

/** The span of a whole document: its root's, with the file filled in. */
SourceSpan documentSpan(const SourceDocument &doc)
{
    SourceSpan span = doc.root.span();
    if (span.file.isEmpty())
        span.file = doc.file;
    return span;
}

void decodeConsul(SourceDocument &doc, const DecodeOptions &options, QList<Entry> &entries, Diagnostics &diagnostics)
{
    Decoder decoder(doc, Mode::Consul, options.edition, diagnostics);
    Value &root = doc.root;
    if (!root.isMap()) {
        decoder.error(codes::NotAnObject, u"config entry must be an object, got "_s + root.typeName(), root.span(), {});
        return;
    }
    // Consul: command/helpers decodeConfigEntry / structs.DecodeConfigEntry kind detection.
    const Value *kindValue = child(root, "Kind"_L1);
    if (!kindValue)
        kindValue = child(root, "kind"_L1);
    if (!kindValue) {
        decoder.error(codes::KindMissing, u"Payload does not contain a kind/Kind key at the top level"_s, root.span(), {});
        return;
    }
    if (!kindValue->isString()) {
        decoder.error(codes::KindNotString, u"Kind value in payload is not a string"_s, kindValue->span(), u"Kind"_s);
        return;
    }
    const std::optional<EntryKind> kind = kindFromName(kindValue->toString());
    if (!kind) {
        decoder.error(codes::KindUnknown, u"invalid config entry kind: "_s + kindValue->toString(), kindValue->span(), u"Kind"_s);
        return;
    }
    const EntryKind entryKind = *kind; // kindValue points into root, which decoding consumes
    SourceSpan span = documentSpan(doc);
    const Path root_{};
    if (!decoder.decodeStruct(root, schema::entryStruct(entryKind), root_, true) || decoder.failed())
        return;
    const SourceFormat format = doc.format == DocumentFormat::Json ? SourceFormat::Json : SourceFormat::Hcl;
    finishEntry(entryKind, std::move(root), std::move(span), format, decoder, entries);
}

// ---- Kubernetes CRD YAML -------------------------------------------------------------------------

void decodeKube(SourceDocument &doc, const DecodeOptions &options, QList<Entry> &entries, Diagnostics &diagnostics)
{
    Decoder decoder(doc, Mode::Kube, options.edition, diagnostics);
    Value &root = doc.root;
    if (root.isNull())
        return; // an empty YAML document (e.g. a trailing `---`) holds nothing
    if (!root.isMap()) {
        decoder.error(codes::NotAnObject, u"YAML document must be a Kubernetes object, got "_s + jsonTypeName(root),
                      root.span(), {});
        return;
    }
    const Value *rawApiVersion = root.find(u"apiVersion");
    const Value *rawKind = root.find(u"kind");
    const Value apiVersion = resolvedYamlScalar(rawApiVersion ? *rawApiVersion : Value());
    const Value kindValue = resolvedYamlScalar(rawKind ? *rawKind : Value());
    const QString apiText = apiVersion.isString() ? apiVersion.toString() : QString();
    const QString kindText = kindValue.isString() ? kindValue.toString() : QString();
    const std::optional<EntryKind> kind = schema::kindFromCrdKind(kindText);
    if (apiText != schema::CrdApiVersion || !kind) {
        const auto describe = [](const Value &v, const QString &s) {
            return v.isNull() ? u"(none)"_s : v.isString() ? schema::goQuote(s) : goValueText(v);
        };
        decoder.error(codes::NotConsulResource,
                      u"not a Consul config entry resource: apiVersion "_s + describe(apiVersion, apiText) + u", kind "_s
                          + describe(kindValue, kindText)
                          + u"; expected apiVersion consul.hashicorp.com/v1alpha1 and kind ServiceResolver, ServiceRouter, "
                            u"ServiceSplitter, ServiceIntentions, ServiceDefaults or ProxyDefaults"_s,
                      kindValue.span().isValid() ? kindValue.span() : root.span(), {});
        return;
    }

    QString name, k8sNamespace;
    SourceSpan nameSpan, namespaceSpan;
    Value *spec = nullptr;
    for (auto &m : root.members()) {
        if (schema::sameName(m.key, "apiVersion"_L1) || schema::sameName(m.key, "kind"_L1) || schema::sameName(m.key, "status"_L1))
            continue;
        if (schema::sameName(m.key, "metadata"_L1)) {
            if (!m.value.isMap()) {
                decoder.error(codes::CrdSchema, u"Invalid value: \""_s + jsonTypeName(m.value)
                                  + u"\": metadata in body must be of type object: \""_s + jsonTypeName(m.value) + u'"',
                              m.value.span(), u"metadata"_s);
                continue;
            }
            for (const auto &mm : m.value.members()) {
                if (!schema::sameName(mm.key, "name"_L1) && !schema::sameName(mm.key, "namespace"_L1))
                    continue; // labels, annotations, ...: ObjectMeta the controller does not map
                const Value v = resolvedYamlScalar(mm.value);
                if (!v.isString() && !v.isNull()) {
                    decoder.error(codes::CrdSchema,
                                  u"Invalid value: \""_s + jsonTypeName(v) + u"\": metadata."_s + mm.key
                                      + u" in body must be of type string: \""_s + jsonTypeName(v) + u'"',
                                  v.span(), u"metadata."_s + mm.key);
                } else if (schema::sameName(mm.key, "name"_L1)) {
                    name = v.toString();
                    nameSpan = v.span();
                } else {
                    k8sNamespace = v.toString();
                    namespaceSpan = v.span();
                }
            }
            continue;
        }
        if (schema::sameName(m.key, "spec"_L1)) {
            spec = &m.value;
            continue;
        }
        decoder.error(codes::CrdUnknownField, u"unknown field "_s + schema::goQuote(m.key), m.keySpan, m.key);
    }
    if (name.isEmpty()) {
        decoder.error(codes::CrdRequired, u"Required value: name or generateName is required"_s,
                      nameSpan.isValid() ? nameSpan : root.span(), u"metadata.name"_s);
    }

    const Struct &s = schema::entryStruct(*kind);
    const Path specPath{};
    Value body;
    if (spec)
        resolveYamlScalar(*spec);
    if (!spec || spec->isNull())
        body = Value::map({}, root.span());
    else if (!decoder.decodeStruct(*spec, s, specPath, true))
        return;
    else
        body = std::move(*spec);
    if (decoder.failed())
        return;

    // consul-k8s ToConsul: Name from metadata.name (ServiceIntentions: spec.destination.name); under
    // Enterprise the Kubernetes namespace is the Consul namespace (namespace mirroring), unless an
    // intentions destination names its own.
    QList<Value::Member> members;
    members.reserve(3 + body.members().size());
    members.append({u"Kind"_s, kindValue.span(), Value::string(kindName(*kind), kindValue.span())});
    QString consulName = name;
    SourceSpan consulNameSpan = nameSpan;
    QString consulNamespace = options.edition == Edition::Enterprise ? k8sNamespace : QString();
    SourceSpan consulNamespaceSpan = namespaceSpan;
    if (*kind == EntryKind::ServiceIntentions) {
        const Value *dest = body.find(u"Destination");
        consulName = dest ? text(*dest, "Name"_L1) : QString();
        consulNameSpan = dest && dest->find(u"Name") ? dest->find(u"Name")->span() : body.span();
        if (dest && !text(*dest, "Namespace"_L1).isEmpty()) {
            consulNamespace = text(*dest, "Namespace"_L1);
            consulNamespaceSpan = dest->find(u"Namespace")->span();
        }
    }
    members.append({u"Name"_s, consulNameSpan, Value::string(consulName, consulNameSpan)});
    if (!consulNamespace.isEmpty())
        members.append({u"Namespace"_s, consulNamespaceSpan, Value::string(consulNamespace, consulNamespaceSpan)});
    // The decoded body's members are in field order under the schema's key texts: one walk along the fields.
    const QString *keys = schema::fieldKeys(s);
    qsizetype fi = 0;
    for (auto &m : body.members()) {
        while (fi < s.count && !sameText(m.key, keys[fi]))
            ++fi;
        const Field *f = fi < s.count ? &s.fields[fi] : s.field(m.key);
        if (f && !f->has(schema::CrdOnly))
            members.append(std::move(m));
    }
    Value tree = Value::map(std::move(members), body.span());
    finishEntry(*kind, std::move(tree), documentSpan(doc), SourceFormat::KubernetesYaml, decoder, entries);
}

} // namespace

void decodeDocument(SourceDocument &&document, const DecodeOptions &options, QList<Entry> &entries, Diagnostics &diagnostics)
{
    if (document.format == DocumentFormat::Yaml)
        decodeKube(document, options, entries, diagnostics);
    else
        decodeConsul(document, options, entries, diagnostics);
}

DecodeResult decodeDocument(SourceDocument &&document, const DecodeOptions &options)
{
    DecodeResult result;
    decodeDocument(std::move(document), options, result.entries, result.diagnostics);
    return result;
}

DecodeResult decodeDocument(const SourceDocument &document, const DecodeOptions &options)
{
    return decodeDocument(SourceDocument(document), options);
}

QString displayFieldPath(const Entry &entry, QStringView canonicalPath)
{
    if (entry.format != SourceFormat::KubernetesYaml)
        return canonicalPath.toString();
    const QList<schema::PathSegment> segments = schema::parseFieldPath(canonicalPath);
    if (segments.isEmpty())
        return canonicalPath.toString();
    const Struct &top = schema::entryStruct(entry.kind);
    const QString &first = segments.front().name;
    QString out;
    if (first == u"Kind")
        return u"kind"_s;
    if (first == u"Name")
        return entry.kind == EntryKind::ServiceIntentions ? u"spec.destination.name"_s : u"metadata.name"_s;
    if (first == u"Namespace")
        return entry.kind == EntryKind::ServiceIntentions ? u"spec.destination.namespace"_s : u"metadata.namespace"_s;
    out = u"spec"_s;
    const Struct *current = &top;
    const Type *pendingContainer = nullptr; // the List/Map type whose element the next index/key selects
    for (const schema::PathSegment &seg : segments) {
        if (seg.index >= 0 || seg.isKey) {
            out += u'[' + (seg.index >= 0 ? QString::number(seg.index) : seg.name) + u']';
            if (pendingContainer && pendingContainer->element) {
                const Type *elem = pendingContainer->element;
                current = elem->object;
                pendingContainer = elem->element ? elem : nullptr;
            }
            continue;
        }
        const Field *f = current ? current->field(seg.name) : nullptr;
        out += u'.';
        if (f) {
            out += schema::crdKey(*f);
            const Type *t = f->type;
            current = t->object;
            pendingContainer = t->element ? t : nullptr;
        } else {
            QString n = seg.name;
            if (!n.isEmpty())
                n[0] = n[0].toLower();
            out += n;
            current = nullptr;
            pendingContainer = nullptr;
        }
    }
    return out;
}

} // namespace chainscope::config
