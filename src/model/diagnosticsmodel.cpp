#include "diagnosticsmodel.h"

#include <QDir>

namespace chainscope::model {

DiagnosticsModel::DiagnosticsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int DiagnosticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> DiagnosticsModel::roleNames() const
{
    return {{SeverityRole, "severity"}, {CodeRole, "code"},         {MessageRole, "message"},   {FieldRole, "field"},
            {FileRole, "file"},         {FileNameRole, "fileName"}, {LineRole, "line"},         {ColumnRole, "column"},
            {LocationRole, "location"}, {ServiceRole, "service"},   {TextRole, "text"}};
}

int DiagnosticsModel::errorCount() const
{
    return static_cast<int>(std::count_if(m_items.cbegin(), m_items.cend(),
                                          [](const Item &i) { return i.diagnostic.severity == Severity::Error; }));
}

int DiagnosticsModel::warningCount() const
{
    return static_cast<int>(std::count_if(m_items.cbegin(), m_items.cend(),
                                          [](const Item &i) { return i.diagnostic.severity == Severity::Warning; }));
}

QVariant DiagnosticsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    const Diagnostic &d = item.diagnostic;
    const auto shownFile = [&] {
        if (d.where.file.isEmpty() || m_root.isEmpty())
            return d.where.file;
        const QString rel = QDir(m_root).relativeFilePath(d.where.file);
        return rel.startsWith(QLatin1String("..")) ? d.where.file : rel;
    };
    switch (role) {
    case SeverityRole:
        return severityName(d.severity);
    case CodeRole:
        return d.code;
    case Qt::DisplayRole:
    case MessageRole:
        return d.message;
    case FieldRole:
        return d.field;
    case FileRole:
        return d.where.file;
    case FileNameRole:
        return shownFile();
    case LineRole:
        return d.where.begin.line;
    case ColumnRole:
        return d.where.begin.column;
    case LocationRole: {
        QString loc = shownFile();
        if (d.where.begin.isValid())
            loc += u':' + QString::number(d.where.begin.line) + u':' + QString::number(d.where.begin.column);
        return loc;
    }
    case ServiceRole:
        return item.service;
    case TextRole:
        return d.format();
    default:
        return {};
    }
}

void DiagnosticsModel::setItems(const QList<Item> &items, const QString &root)
{
    const bool same = root == m_root && items.size() == m_items.size()
        && std::equal(items.cbegin(), items.cend(), m_items.cbegin(), [](const Item &a, const Item &b) {
               return a.diagnostic == b.diagnostic && a.service == b.service;
           });
    if (same)
        return;
    const int before = count();
    beginResetModel();
    m_items = items;
    m_root = root;
    endResetModel();
    Q_UNUSED(before)
    Q_EMIT countChanged();
}

} // namespace chainscope::model
