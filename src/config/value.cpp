#include "config/value.h"

#include <cstring>

namespace chainscope::config {

namespace detail {
const QString emptyString;
const QList<Value> emptyItems;
const QList<Value::Member> emptyMembers;

// Each call hands out the list empty again: nothing written to a value of another type survives.
QList<Value> &droppedItems()
{
    thread_local QList<Value> dropped;
    dropped.clear();
    return dropped;
}

QList<Value::Member> &droppedMembers()
{
    thread_local QList<Value::Member> dropped;
    dropped.clear();
    return dropped;
}
} // namespace detail

const Value *Value::find(QStringView key) const
{
    // Lengths first, inline: most members differ in length from the key looked for.
    const size_t bytes = size_t(key.size()) * sizeof(QChar);
    for (const auto &m : members()) {
        if (m.key.size() == key.size() && std::memcmp(m.key.constData(), key.data(), bytes) == 0)
            return &m.value;
    }
    return nullptr;
}

const Value *Value::findCaseInsensitive(QStringView key) const
{
    for (const auto &m : members()) {
        if (m.key.compare(key, Qt::CaseInsensitive) == 0)
            return &m.value;
    }
    return nullptr;
}

QString Value::typeName() const
{
    switch (m_type) {
    case Type::Null:
        return QStringLiteral("nil");
    case Type::Bool:
        return QStringLiteral("bool");
    case Type::Int:
        return QStringLiteral("int");
    case Type::Float:
        return QStringLiteral("float64");
    case Type::String:
        return QStringLiteral("string");
    case Type::List:
        return QStringLiteral("slice");
    case Type::Map:
        return QStringLiteral("map");
    }
    Q_UNREACHABLE();
}

bool Value::sameAs(const Value &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::Bool:
        return m_payload.boolean == other.m_payload.boolean;
    case Type::Int:
        return m_payload.integer == other.m_payload.integer;
    case Type::Float:
        return m_payload.floating == other.m_payload.floating;
    case Type::String:
        return m_payload.string == other.m_payload.string;
    case Type::List: {
        const QList<Value> &a = m_payload.items, &b = other.m_payload.items;
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].sameAs(b[i]))
                return false;
        }
        return true;
    }
    case Type::Map: {
        const QList<Member> &a = m_payload.members, &b = other.m_payload.members;
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a[i].key != b[i].key || !a[i].value.sameAs(b[i].value))
                return false;
        }
        return true;
    }
    }
    Q_UNREACHABLE();
}

} // namespace chainscope::config
