#include "instancesmodel.h"

#include "layout/scene.h"

namespace chainscope::model {

InstancesModel::InstancesModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int InstancesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> InstancesModel::roleNames() const
{
    return {{IdRole, "instanceId"},   {NodeRole, "node"},           {TargetRole, "target"},
            {LocationRole, "location"}, {HealthyRole, "healthy"},   {ForcedDownRole, "forcedDown"},
            {ShareRole, "share"},       {ShareTextRole, "shareText"}, {ChecksRole, "checks"}};
}

QVariant InstancesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &i = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case IdRole:
        return i.id;
    case NodeRole:
        return i.node;
    case TargetRole:
        return i.target;
    case LocationRole:
        return i.location;
    case HealthyRole:
        return i.healthy;
    case ForcedDownRole:
        return i.forcedDown;
    case ShareRole:
        return i.share;
    case ShareTextRole:
        return layout::formatShare(i.share);
    case ChecksRole: {
        QVariantList checks;
        for (const Check &c : i.checks)
            checks.append(QVariantMap{{QStringLiteral("id"), c.id}, {QStringLiteral("name"), c.name}, {QStringLiteral("status"), c.status}});
        return checks;
    }
    default:
        return {};
    }
}

int InstancesModel::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).id == id)
            return static_cast<int>(i);
    }
    return -1;
}

void InstancesModel::setItems(const QList<Item> &items)
{
    const bool sameRows = items.size() == m_items.size()
        && std::equal(items.cbegin(), items.cend(), m_items.cbegin(),
                      [](const Item &a, const Item &b) { return a.id == b.id && a.target == b.target; });
    if (!sameRows) {
        const int before = count();
        beginResetModel();
        m_items = items;
        endResetModel();
        if (before != count())
            Q_EMIT countChanged();
        return;
    }
    for (qsizetype r = 0; r < items.size(); ++r) {
        const Item &a = m_items.at(r);
        const Item &b = items.at(r);
        QList<int> roles;
        if (a.healthy != b.healthy)
            roles << HealthyRole;
        if (a.forcedDown != b.forcedDown)
            roles << ForcedDownRole;
        if (a.share != b.share)
            roles << ShareRole << ShareTextRole;
        if (a.checks != b.checks)
            roles << ChecksRole;
        if (a.node != b.node || a.location != b.location)
            roles << NodeRole << LocationRole;
        if (roles.isEmpty())
            continue;
        m_items[r] = b;
        const QModelIndex idx = index(static_cast<int>(r));
        Q_EMIT dataChanged(idx, idx, roles);
    }
}

} // namespace chainscope::model
