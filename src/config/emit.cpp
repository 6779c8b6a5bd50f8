#include "config/emit.h"

#include "config/schema.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace chainscope::config {
namespace {

using schema::Field;
using schema::Kind;
using schema::Struct;
using schema::Type;

/** The type of a struct member, or nullptr for keys the schema does not know (never in decoded trees). */
const Type *memberType(const Struct *s, QStringView key)
{
    if (!s)
        return nullptr;
    const Field *f = s->field(key);
    return f ? f->type : nullptr;
}

const Field *memberField(const Struct *s, QStringView key)
{
    return s ? s->field(key) : nullptr;
}

QString jsonString(QStringView s)
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
        case '\r':
            out += u"\\r";
            break;
        case '\t':
            out += u"\\t";
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() == 0x2028 || c.unicode() == 0x2029)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
    return out;
}

/** A number as text, by the schema type it was decoded into. */
QString numberText(const Value &v, const Type *type)
{
    if (v.isInt()) {
        if (type && type->kind == Kind::Uint64)
            return QString::number(quint64(v.toInt()));
        return QString::number(v.toInt());
    }
    const double d = v.toDouble();
    if (type && type->kind == Kind::Float32)
        return schema::float32Text(float(d));
    if (!std::isfinite(d))
        return u"0"_s;
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

// ---- JSON ----------------------------------------------------------------------------------------

void writeJson(QString &out, const Value &v, const Type *type, int indent)
{
    const QString pad(indent, u' ');
    const QString inner(indent + 2, u' ');
    switch (v.type()) {
    case Value::Type::Null:
        out += u"null";
        return;
    case Value::Type::Bool:
        out += v.toBool() ? u"true" : u"false";
        return;
    case Value::Type::Int:
    case Value::Type::Float:
        if (v.isFloat() && !std::isfinite(v.toDouble()))
            out += u"null";
        else
            out += numberText(v, type);
        return;
    case Value::Type::String:
        out += jsonString(v.toString());
        return;
    case Value::Type::List: {
        if (v.items().isEmpty()) {
            out += u"[]";
            return;
        }
        const Type *elem = type ? type->element : nullptr;
        out += u"[\n";
        for (qsizetype i = 0; i < v.items().size(); ++i) {
            out += inner;
            writeJson(out, v.items()[i], elem, indent + 2);
            out += i + 1 < v.items().size() ? u",\n" : u"\n";
        }
        out += pad + u']';
        return;
    }
    case Value::Type::Map: {
        if (v.members().isEmpty()) {
            out += u"{}";
            return;
        }
        const Struct *s = type ? type->object : nullptr;
        const bool isMapType = type && type->kind == Kind::Map;
        out += u"{\n";
        for (qsizetype i = 0; i < v.members().size(); ++i) {
            const auto &m = v.members()[i];
            out += inner + jsonString(m.key) + u": ";
            writeJson(out, m.value, isMapType ? type->element : memberType(s, m.key), indent + 2);
            out += i + 1 < v.members().size() ? u",\n" : u"\n";
        }
        out += pad + u'}';
        return;
    }
    }
}

// ---- HCL -----------------------------------------------------------------------------------------

QString hclString(QStringView s)
{
    // HCL1 string escapes are Go's; JSON's escaping is a subset of them.
    return jsonString(s);
}

bool hasContent(const Value &v)
{
    return !v.isNull();
}

void writeHcl(QString &out, const Value &v, const Type *type, int indent);

void writeHclMembers(QString &out, const Value &v, const Type *type, int indent)
{
    const QString pad(indent, u' ');
    const Struct *s = type ? type->object : nullptr;
    const bool isMapType = !type || type->kind == Kind::Map || type->kind == Kind::Any;
    for (const auto &m : v.members()) {
        if (!hasContent(m.value))
            continue; // HCL has no null
        // Struct fields are identifiers; map keys (subset names, "*", header names) are always quoted.
        out += pad + (isMapType ? hclString(m.key) : m.key) + u" = ";
        const Type *child = isMapType ? (type && type->element ? type->element : nullptr) : memberType(s, m.key);
        writeHcl(out, m.value, child, indent);
        out += u'\n';
    }
}

void writeHcl(QString &out, const Value &v, const Type *type, int indent)
{
    const QString pad(indent, u' ');
    switch (v.type()) {
    case Value::Type::Null:
        out += u"\"\"";
        return;
    case Value::Type::Bool:
        out += v.toBool() ? u"true" : u"false";
        return;
    case Value::Type::Int:
    case Value::Type::Float: {
        QString n = numberText(v, type);
        if (v.isFloat() && type && type->kind == Kind::Any && !n.contains(u'.') && !n.contains(u'e'))
            n += u".0"; // keep an untyped float a float
        out += n;
        return;
    }
    case Value::Type::String:
        out += hclString(v.toString());
        return;
    case Value::Type::List: {
        const Type *elem = type ? type->element : nullptr;
        bool simple = true;
        for (const Value &item : v.items())
            simple = simple && item.isScalar();
        if (simple) {
            out += u'[';
            for (qsizetype i = 0; i < v.items().size(); ++i) {
                if (i)
                    out += u", ";
                writeHcl(out, v.items()[i], elem, indent);
            }
            out += u']';
            return;
        }
        out += u"[\n";
        for (const Value &item : v.items()) {
            out += pad + u"  ";
            writeHcl(out, item, elem, indent + 2);
            out += u",\n";
        }
        out += pad + u']';
        return;
    }
    case Value::Type::Map:
        if (v.members().isEmpty()) {
            out += u"{}";
            return;
        }
        out += u"{\n";
        writeHclMembers(out, v, type, indent + 2);
        out += pad + u'}';
        return;
    }
}

// ---- YAML ----------------------------------------------------------------------------------------

QString yamlKey(const QString &key)
{
    static const QRegularExpression plain(u"^[A-Za-z_][A-Za-z0-9_.-]*$"_s);
    static const QStringList special{u"y"_s,   u"Y"_s,   u"yes"_s,  u"Yes"_s,   u"YES"_s,  u"n"_s,     u"N"_s,
                                     u"no"_s,  u"No"_s,  u"NO"_s,   u"on"_s,    u"On"_s,   u"ON"_s,    u"off"_s,
                                     u"Off"_s, u"OFF"_s, u"true"_s, u"True"_s,  u"TRUE"_s, u"false"_s, u"False"_s,
                                     u"FALSE"_s, u"null"_s, u"Null"_s, u"NULL"_s};
    if (plain.match(key).hasMatch() && !special.contains(key))
        return key;
    return jsonString(key);
}

QString yamlScalar(const Value &v, const Type *type)
{
    switch (v.type()) {
    case Value::Type::Null:
        return u"null"_s;
    case Value::Type::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case Value::Type::Int:
        // metav1.Duration is a Go duration string in every CRD, TTL and health-check times included.
        if (type && type->kind == Kind::Duration)
            return jsonString(schema::goDurationString(Duration{v.toInt()}));
        return numberText(v, type);
    case Value::Type::Float:
        if (!std::isfinite(v.toDouble()))
            return std::isnan(v.toDouble()) ? u".nan"_s : v.toDouble() > 0 ? u".inf"_s : u"-.inf"_s;
        return numberText(v, type);
    case Value::Type::String:
        return jsonString(v.toString());
    case Value::Type::List:
        return u"[]"_s;
    case Value::Type::Map:
        return u"{}"_s;
    }
    Q_UNREACHABLE();
}

bool yamlInline(const Value &v)
{
    return v.isScalar() || (v.isList() && v.items().isEmpty()) || (v.isMap() && v.members().isEmpty());
}


QString crdKeyName(const Field *field, const QString &key)
{
    return field ? schema::crdKey(*field) : key;
}

void writeYamlMap(QString &out, const Value &v, const Type *type, int indent, const QString &firstPrefix);

void writeYamlList(QString &out, const Value &v, const Type *type, int indent)
{
    const QString pad(indent, u' ');
    const Type *elem = type ? type->element : nullptr;
    for (const Value &item : v.items()) {
        if (yamlInline(item)) {
            out += pad + u"- " + yamlScalar(item, elem) + u'\n';
        } else if (item.isMap()) {
            writeYamlMap(out, item, elem, indent + 2, pad + u"- ");
        } else {
            out += pad + u"-\n";
            writeYamlList(out, item, elem, indent + 2);
        }
    }
}

/** A block map at indent; the first line starts with firstPrefix instead of the indentation (list items). */
void writeYamlMap(QString &out, const Value &v, const Type *type, int indent, const QString &firstPrefix)
{
    const QString pad(indent, u' ');
    const bool isMapType = !type || type->kind == Kind::Map || type->kind == Kind::Any;
    const Struct *s = type ? type->object : nullptr;
    bool first = true;
    for (const auto &m : v.members()) {
        const Field *f = isMapType ? nullptr : memberField(s, m.key);
        if (f && f->has(schema::NotInCrd))
            continue;
        const Type *child = isMapType ? (type ? type->element : nullptr) : (f ? f->type : nullptr);
        out += (first ? firstPrefix : pad) + (isMapType ? yamlKey(m.key) : crdKeyName(f, m.key)) + u':';
        first = false;
        if (yamlInline(m.value)) {
            out += u' ' + yamlScalar(m.value, child) + u'\n';
        } else if (m.value.isMap()) {
            out += u'\n';
            writeYamlMap(out, m.value, child, indent + 2, QString(indent + 2, u' '));
        } else {
            out += u'\n';
            writeYamlList(out, m.value, child, indent + 2);
        }
    }
    if (first)
        out += firstPrefix + u"{}\n";
}

/** metadata.name must be a DNS-1123 subdomain; intentions names may be `*`. */
QString kubeObjectName(const QString &name)
{
    QString out;
    for (QChar c : name.toLower()) {
        if (c == u'*')
            out += u"wildcard";
        else if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.')
            out += c;
        else
            out += u'-';
    }
    return out.isEmpty() ? u"unnamed"_s : out;
}

} // namespace

QString emitJson(const QList<Entry> &entries)
{
    QString out = u"["_s;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        const Type top{Kind::Object, nullptr, &schema::entryStruct(e.kind)};
        out += u"\n  ";
        writeJson(out, e.tree, &top, 2);
        if (i + 1 < entries.size())
            out += u',';
    }
    out += entries.isEmpty() ? u"]\n"_s : u"\n]\n"_s;
    return out;
}

QString emitHcl(const QList<Entry> &entries)
{
    QString out;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        if (entries.size() > 1)
            out += (i ? u"\n"_s : QString()) + u"# ---- "_s + e.displayName() + u'\n';
        const Type top{Kind::Object, nullptr, &schema::entryStruct(e.kind)};
        writeHclMembers(out, e.tree, &top, 0);
    }
    return out;
}

QString emitYaml(const QList<Entry> &entries)
{
    QString out;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        if (i)
            out += u"---\n";
        QStringList dropped;
        if (!e.meta.isEmpty())
            dropped << u"Meta"_s;
        if (!e.partition.isEmpty())
            dropped << u"Partition "_s + e.partition;
        if (!dropped.isEmpty())
            out += u"# not expressible in a CRD (the controller sets them), left out: "_s + dropped.join(u", "_s) + u'\n';
        out += u"apiVersion: "_s + schema::CrdApiVersion + u'\n';
        out += u"kind: "_s + schema::crdKind(e.kind) + u'\n';
        out += u"metadata:\n  name: "_s + jsonString(kubeObjectName(e.name)) + u'\n';
        const bool intentions = e.kind == EntryKind::ServiceIntentions;
        if (!e.namespace_.isEmpty() && !intentions)
            out += u"  namespace: "_s + jsonString(e.namespace_) + u'\n';
        const Type top{Kind::Object, nullptr, &schema::entryStruct(e.kind)};
        QString spec;
        if (intentions) {
            spec += u"  destination:\n    name: "_s + jsonString(e.name) + u'\n';
            if (!e.namespace_.isEmpty())
                spec += u"    namespace: "_s + jsonString(e.namespace_) + u'\n';
        }
        QString body;
        writeYamlMap(body, e.tree, &top, 2, u"  "_s);
        if (body != u"  {}\n")
            spec += body;
        out += spec.isEmpty() ? u"spec: {}\n"_s : u"spec:\n"_s + spec;
    }
    return out;
}

} // namespace chainscope::config
