// The neutral tree every parser (HCL1, JSON, YAML) produces, with a source span on every value.
#pragma once

#include "common/sourcelocation.h"

#include <QList>
#include <QString>

namespace chainscope::config {

/**
 * A parsed value with its source span. Maps keep their members in source order and keep duplicate
 * keys (HCL repeats block keys; the decoder decides what a repeat means), each with the key's own span.
 *
 * Parsers produce the *raw* shape of their format: HCL1 wraps every object value in a one-element
 * list (`k { }` and `k = { }` both give `[ { } ]`), JSON numbers are Float unless written as integers,
 * YAML scalars keep their plain/quoted distinction in `quoted`. The decoder normalises shapes.
 */
class Value
{
public:
    enum class Type { Null, Bool, Int, Float, String, List, Map };

    struct Member;

    Value() = default;
    static Value null(SourceSpan span = {});
    static Value boolean(bool b, SourceSpan span = {});
    static Value integer(qint64 i, SourceSpan span = {});
    static Value floating(double d, SourceSpan span = {});
    static Value string(QString s, SourceSpan span = {}, bool quoted = true);
    static Value list(QList<Value> items = {}, SourceSpan span = {});
    static Value map(QList<Member> members = {}, SourceSpan span = {});

    [[nodiscard]] Type type() const { return m_type; }
    [[nodiscard]] bool isNull() const { return m_type == Type::Null; }
    [[nodiscard]] bool isBool() const { return m_type == Type::Bool; }
    [[nodiscard]] bool isInt() const { return m_type == Type::Int; }
    [[nodiscard]] bool isFloat() const { return m_type == Type::Float; }
    [[nodiscard]] bool isNumber() const { return m_type == Type::Int || m_type == Type::Float; }
    [[nodiscard]] bool isString() const { return m_type == Type::String; }
    [[nodiscard]] bool isList() const { return m_type == Type::List; }
    [[nodiscard]] bool isMap() const { return m_type == Type::Map; }
    [[nodiscard]] bool isScalar() const { return !isList() && !isMap(); }

    [[nodiscard]] bool toBool() const { return m_bool; }
    [[nodiscard]] qint64 toInt() const { return m_type == Type::Float ? qint64(m_float) : m_int; }
    [[nodiscard]] double toDouble() const { return m_type == Type::Int ? double(m_int) : m_float; }
    [[nodiscard]] const QString &toString() const { return m_string; }
    /** For strings: whether the source quoted it (YAML/HCL); always true for JSON strings. */
    [[nodiscard]] bool isQuoted() const { return m_quoted; }

    [[nodiscard]] const QList<Value> &items() const { return m_items; }
    [[nodiscard]] QList<Value> &items() { return m_items; }
    [[nodiscard]] const QList<Member> &members() const { return m_members; }
    [[nodiscard]] QList<Member> &members() { return m_members; }

    /** First member with exactly this key, or nullptr. */
    [[nodiscard]] const Value *find(QStringView key) const;
    /** First member whose key equals this one case-insensitively, or nullptr. */
    [[nodiscard]] const Value *findCaseInsensitive(QStringView key) const;

    [[nodiscard]] const SourceSpan &span() const { return m_span; }
    void setSpan(SourceSpan span) { m_span = std::move(span); }

    /** Human name of the type as Go's mapstructure would say it: "string", "bool", "int", "float64",
     *  "slice", "map". */
    [[nodiscard]] QString typeName() const;

    /** Structural equality; spans are ignored. */
    [[nodiscard]] bool sameAs(const Value &other) const;

private:
    Value(Type type, SourceSpan &&span)
        : m_type(type)
        , m_span(std::move(span))
    {
    }

    Type m_type = Type::Null;
    bool m_bool = false;
    bool m_quoted = true;
    qint64 m_int = 0;
    double m_float = 0.0;
    QString m_string;
    QList<Value> m_items;
    QList<Member> m_members;
    SourceSpan m_span;
};

struct Value::Member {
    QString key;
    SourceSpan keySpan;
    Value value;
};

} // namespace chainscope::config

// A value is its members' pointers and plain data: containers may move it with memcpy.
Q_DECLARE_TYPEINFO(chainscope::config::Value, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(chainscope::config::Value::Member, Q_RELOCATABLE_TYPE);

namespace chainscope::config {

// The factories are inline: parsers and the decoder make a value per scalar, and built in place (NRVO)
// a value costs its members' moves and nothing more.

inline Value Value::null(SourceSpan span)
{
    return Value(Type::Null, std::move(span));
}

inline Value Value::boolean(bool b, SourceSpan span)
{
    Value v(Type::Bool, std::move(span));
    v.m_bool = b;
    return v;
}

inline Value Value::integer(qint64 i, SourceSpan span)
{
    Value v(Type::Int, std::move(span));
    v.m_int = i;
    return v;
}

inline Value Value::floating(double d, SourceSpan span)
{
    Value v(Type::Float, std::move(span));
    v.m_float = d;
    return v;
}

inline Value Value::string(QString s, SourceSpan span, bool quoted)
{
    Value v(Type::String, std::move(span));
    v.m_string = std::move(s);
    v.m_quoted = quoted;
    return v;
}

inline Value Value::list(QList<Value> items, SourceSpan span)
{
    Value v(Type::List, std::move(span));
    v.m_items = std::move(items);
    return v;
}

inline Value Value::map(QList<Member> members, SourceSpan span)
{
    Value v(Type::Map, std::move(span));
    v.m_members = std::move(members);
    return v;
}

} // namespace chainscope::config
