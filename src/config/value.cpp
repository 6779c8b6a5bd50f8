#include "config/value.h"

namespace chainscope::config {

const Value *Value::find(QStringView key) const
{
    for (const auto &m : m_members) {
        if (m.key == key)
            return &m.value;
    }
    return nullptr;
}

const Value *Value::findCaseInsensitive(QStringView key) const
{
    for (const auto &m : m_members) {
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
        return m_bool == other.m_bool;
    case Type::Int:
        return m_int == other.m_int;
    case Type::Float:
        return m_float == other.m_float;
    case Type::String:
        return m_string == other.m_string;
    case Type::List:
        if (m_items.size() != other.m_items.size())
            return false;
        for (qsizetype i = 0; i < m_items.size(); ++i) {
            if (!m_items[i].sameAs(other.m_items[i]))
                return false;
        }
        return true;
    case Type::Map:
        if (m_members.size() != other.m_members.size())
            return false;
        for (qsizetype i = 0; i < m_members.size(); ++i) {
            if (m_members[i].key != other.m_members[i].key || !m_members[i].value.sameAs(other.m_members[i].value))
                return false;
        }
        return true;
    }
    Q_UNREACHABLE();
}

} // namespace chainscope::config
