// The neutral tree every parser (HCL1, JSON, YAML) produces, with a source span on every value.
#pragma once

#include "common/sourcelocation.h"

#include <QList>
#include <QString>

#include <cstring>

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

    Value() noexcept { }
    Value(const Value &other);
    Value(Value &&other) noexcept;
    Value &operator=(const Value &other);
    Value &operator=(Value &&other) noexcept;
    ~Value();

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

    /** The scalar of that type; false, 0, 0.0 or "" for a value of another type (numbers convert). */
    [[nodiscard]] bool toBool() const { return m_type == Type::Bool && m_payload.boolean; }
    [[nodiscard]] qint64 toInt() const;
    [[nodiscard]] double toDouble() const;
    [[nodiscard]] const QString &toString() const;
    /** For strings: whether the source quoted it (YAML/HCL); always true for JSON strings. */
    [[nodiscard]] bool isQuoted() const { return m_quoted; }

    /** A list's items and a map's members; empty for a value of another type (and for one of another type,
     *  what is added through the non-const accessors is dropped). */
    [[nodiscard]] const QList<Value> &items() const;
    [[nodiscard]] QList<Value> &items();
    [[nodiscard]] const QList<Member> &members() const;
    [[nodiscard]] QList<Member> &members();

    /** First member with exactly this key, or nullptr. */
    [[nodiscard]] const Value *find(QStringView key) const;
    /** First member whose key equals this one case-insensitively, or nullptr. */
    [[nodiscard]] const Value *findCaseInsensitive(QStringView key) const;

    /** This one-element list becomes its element, span and all (the list's own span is dropped): the
     *  element is moved out as bytes and the list freed, without a temporary. No-op for anything else. */
    void replaceByOnlyItem();

    [[nodiscard]] const SourceSpan &span() const { return m_span; }
    void setSpan(SourceSpan span) { m_span = std::move(span); }

    /** Human name of the type as Go's mapstructure would say it: "string", "bool", "int", "float64",
     *  "slice", "map". */
    [[nodiscard]] QString typeName() const;

    /** Structural equality; spans are ignored. */
    [[nodiscard]] bool sameAs(const Value &other) const;

private:
    // The payload is constructed by the factories for String, List and Map; other types keep a plain scalar.
    Value(Type type, SourceSpan &&span) noexcept
        : m_type(type)
        , m_span(std::move(span))
    {
    }
    void constructFrom(const Value &other);
    void constructFrom(Value &&other) noexcept;
    void destroyPayload() noexcept;

    // One payload per type: a tree holds tens of values per entry, and a value is 88 bytes instead of the
    // 152 of one member per kind (less to initialise, move, and touch again when the tree is freed).
    union Payload {
        Payload() noexcept
            : integer(0)
        {
        }
        ~Payload() { }
        bool boolean;
        qint64 integer;
        double floating;
        QString string;
        QList<Value> items;
        QList<Member> members;
    };

    Type m_type = Type::Null;
    bool m_quoted = true;
    Payload m_payload;
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
    v.m_payload.boolean = b;
    return v;
}

inline Value Value::integer(qint64 i, SourceSpan span)
{
    Value v(Type::Int, std::move(span));
    v.m_payload.integer = i;
    return v;
}

inline Value Value::floating(double d, SourceSpan span)
{
    Value v(Type::Float, std::move(span));
    v.m_payload.floating = d;
    return v;
}

inline Value Value::string(QString s, SourceSpan span, bool quoted)
{
    Value v(Type::String, std::move(span));
    new (&v.m_payload.string) QString(std::move(s));
    v.m_quoted = quoted;
    return v;
}

inline Value Value::list(QList<Value> items, SourceSpan span)
{
    Value v(Type::List, std::move(span));
    new (&v.m_payload.items) QList<Value>(std::move(items));
    return v;
}

inline Value Value::map(QList<Member> members, SourceSpan span)
{
    Value v(Type::Map, std::move(span));
    new (&v.m_payload.members) QList<Member>(std::move(members));
    return v;
}

inline void Value::destroyPayload() noexcept
{
    switch (m_type) {
    case Type::String:
        m_payload.string.~QString();
        break;
    case Type::List:
        m_payload.items.~QList<Value>();
        break;
    case Type::Map:
        m_payload.members.~QList<Member>();
        break;
    default:
        break;
    }
}

inline void Value::constructFrom(Value &&other) noexcept
{
    switch (m_type) {
    case Type::String:
        new (&m_payload.string) QString(std::move(other.m_payload.string));
        break;
    case Type::List:
        new (&m_payload.items) QList<Value>(std::move(other.m_payload.items));
        break;
    case Type::Map:
        new (&m_payload.members) QList<Member>(std::move(other.m_payload.members));
        break;
    default:
        m_payload.integer = other.m_payload.integer; // the scalar's eight bytes, whichever it is
        break;
    }
}

inline void Value::constructFrom(const Value &other)
{
    switch (m_type) {
    case Type::String:
        new (&m_payload.string) QString(other.m_payload.string);
        break;
    case Type::List:
        new (&m_payload.items) QList<Value>(other.m_payload.items);
        break;
    case Type::Map:
        new (&m_payload.members) QList<Member>(other.m_payload.members);
        break;
    default:
        m_payload.integer = other.m_payload.integer;
        break;
    }
}

inline Value::Value(const Value &other)
    : m_type(other.m_type)
    , m_quoted(other.m_quoted)
    , m_span(other.m_span)
{
    constructFrom(other);
}

// A moved-from value keeps its type with an empty payload, as a moved-from container would be.
inline Value::Value(Value &&other) noexcept
    : m_type(other.m_type)
    , m_quoted(other.m_quoted)
    , m_span(std::move(other.m_span))
{
    constructFrom(std::move(other));
}

inline Value &Value::operator=(Value &&other) noexcept
{
    if (this != &other) {
        Value taken(std::move(other)); // other may live inside this value's own payload (v = std::move(v.items()[0]))
        destroyPayload();
        m_type = taken.m_type;
        m_quoted = taken.m_quoted;
        constructFrom(std::move(taken));
        m_span = std::move(taken.m_span);
    }
    return *this;
}

inline void Value::replaceByOnlyItem()
{
    if (m_type != Type::List || m_payload.items.size() != 1)
        return;
    if (m_payload.items.isDetached()) {
        // The list is this value's alone: its element's bytes become this value (a value is relocatable),
        // a null value takes their place, and the list goes with that.
        QList<Value> list = std::move(m_payload.items);
        m_payload.items.~QList<Value>();
        Value *item = list.data();
        m_span.~SourceSpan();
        std::memcpy(static_cast<void *>(this), static_cast<const void *>(item), sizeof(Value));
        new (item) Value();
        return;
    }
    *this = Value(m_payload.items.constFirst()); // shared with a copy: copy the element
}

inline Value &Value::operator=(const Value &other)
{
    if (this != &other) {
        Value copy(other); // other may live inside this value's own payload
        *this = std::move(copy);
    }
    return *this;
}

inline Value::~Value()
{
    destroyPayload();
}

inline qint64 Value::toInt() const
{
    if (m_type == Type::Int)
        return m_payload.integer;
    return m_type == Type::Float ? qint64(m_payload.floating) : 0;
}

inline double Value::toDouble() const
{
    if (m_type == Type::Float)
        return m_payload.floating;
    return m_type == Type::Int ? double(m_payload.integer) : 0.0;
}

namespace detail {
// What the accessors give for a value of another type.
extern const QString emptyString;
extern const QList<Value> emptyItems;
extern const QList<Value::Member> emptyMembers;
QList<Value> &droppedItems();
QList<Value::Member> &droppedMembers();
} // namespace detail

inline const QString &Value::toString() const
{
    return m_type == Type::String ? m_payload.string : detail::emptyString;
}

inline const QList<Value> &Value::items() const
{
    return m_type == Type::List ? m_payload.items : detail::emptyItems;
}

inline QList<Value> &Value::items()
{
    return m_type == Type::List ? m_payload.items : detail::droppedItems();
}

inline const QList<Value::Member> &Value::members() const
{
    return m_type == Type::Map ? m_payload.members : detail::emptyMembers;
}

inline QList<Value::Member> &Value::members()
{
    return m_type == Type::Map ? m_payload.members : detail::droppedMembers();
}

} // namespace chainscope::config
