#include "servicelistmodel.h"

namespace chainscope::model {

ServiceListModel::ServiceListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int ServiceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> ServiceListModel::roleNames() const
{
    return {{NameRole, "name"}, {ProblemCountRole, "problemCount"}, {ErrorCountRole, "errorCount"}, {KindsRole, "kinds"}};
}

QVariant ServiceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Service &s = m_all.at(m_visible.at(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return s.name;
    case ProblemCountRole:
        return s.errors + s.warnings;
    case ErrorCountRole:
        return s.errors;
    case KindsRole:
        return s.kinds.join(QStringLiteral(" · "));
    default:
        return {};
    }
}

void ServiceListModel::setFilter(const QString &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    rebuild();
    Q_EMIT filterChanged();
}

void ServiceListModel::setServices(const QList<Service> &services)
{
    QList<Service> sorted = services;
    std::sort(sorted.begin(), sorted.end(), [](const Service &a, const Service &b) { return a.name < b.name; });
    if (sorted == m_all)
        return;
    const bool sameNames = sorted.size() == m_all.size()
        && std::equal(sorted.cbegin(), sorted.cend(), m_all.cbegin(), [](const Service &a, const Service &b) { return a.name == b.name; });
    if (sameNames) {
        // Only badges or kinds changed (a file was edited): keep the rows, update their data.
        m_all = sorted;
        for (qsizetype i = 0; i < m_visible.size(); ++i) {
            const QModelIndex idx = index(static_cast<int>(i));
            Q_EMIT dataChanged(idx, idx, {ProblemCountRole, ErrorCountRole, KindsRole});
        }
        return;
    }
    m_all = sorted;
    rebuild();
}

void ServiceListModel::rebuild()
{
    const int before = count();
    beginResetModel();
    m_visible.clear();
    const QString needle = m_filter.trimmed();
    for (qsizetype i = 0; i < m_all.size(); ++i) {
        if (needle.isEmpty() || m_all.at(i).name.contains(needle, Qt::CaseInsensitive))
            m_visible.append(static_cast<int>(i));
    }
    endResetModel();
    if (before != count())
        Q_EMIT countChanged();
}

int ServiceListModel::indexOf(const QString &name) const
{
    for (qsizetype i = 0; i < m_visible.size(); ++i) {
        if (m_all.at(m_visible.at(i)).name == name)
            return static_cast<int>(i);
    }
    return -1;
}

QString ServiceListModel::nameAt(int row) const
{
    return row >= 0 && row < m_visible.size() ? m_all.at(m_visible.at(row)).name : QString();
}

} // namespace chainscope::model
