// The catalog instances behind the current chain's targets, with their simulated health and share.
#pragma once

#include <QAbstractListModel>
#include <QQmlEngine>

namespace chainscope::model {

class InstancesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ChainDocument")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< Service.ID
        NodeRole,      ///< Node.Node
        TargetRole,    ///< target ID
        LocationRole,  ///< datacenter or "peer:NAME"
        HealthyRole,   ///< healthy under the current scenario
        ForcedDownRole,///< toggled down by the operator
        ShareRole,     ///< fraction of all requests
        ShareTextRole,
        ChecksRole,    ///< list of {id, name, status}
    };
    Q_ENUM(Role)

    struct Check {
        QString id, name, status;
        friend bool operator==(const Check &, const Check &) = default;
    };
    struct Item {
        QString id, node, target, location;
        bool healthy = false;
        bool forcedDown = false;
        double share = 0.0;
        QList<Check> checks;
        friend bool operator==(const Item &, const Item &) = default;
    };

    explicit InstancesModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return static_cast<int>(m_items.size()); }

    /** Same instances (ids, in order) as before → dataChanged on the changed rows/roles; otherwise a reset. */
    void setItems(const QList<Item> &items);
    [[nodiscard]] const QList<Item> &items() const { return m_items; }
    Q_INVOKABLE int indexOf(const QString &id) const;

Q_SIGNALS:
    void countChanged();

private:
    QList<Item> m_items;
};

} // namespace chainscope::model
