// Every problem found while loading and compiling, one row each, with the location to jump to.
#pragma once

#include "common/diagnostic.h"

#include <QAbstractListModel>
#include <QQmlEngine>

namespace chainscope::model {

class DiagnosticsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ChainDocument")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY countChanged)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY countChanged)

public:
    enum Role {
        SeverityRole = Qt::UserRole + 1, ///< "error" | "warning" | "note"
        CodeRole,
        MessageRole,
        FieldRole,
        FileRole,     ///< absolute path
        FileNameRole, ///< path shown to the user (relative to the loaded root when possible)
        LineRole,
        ColumnRole,
        LocationRole, ///< "file:line:column"
        ServiceRole,  ///< the service whose entry the problem is in, "" if unknown
        TextRole,     ///< Diagnostic::format()
    };
    Q_ENUM(Role)

    explicit DiagnosticsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return static_cast<int>(m_items.size()); }
    [[nodiscard]] int errorCount() const;
    [[nodiscard]] int warningCount() const;

    struct Item {
        Diagnostic diagnostic;
        QString service;
    };
    /** Replaces the list if it differs (a reload with the same problems keeps the view as it is). */
    void setItems(const QList<Item> &items, const QString &root);
    [[nodiscard]] const QList<Item> &items() const { return m_items; }

Q_SIGNALS:
    void countChanged();

private:
    QList<Item> m_items;
    QString m_root;
};

} // namespace chainscope::model
