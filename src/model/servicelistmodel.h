// The services of the loaded configuration, filtered by a search string, with a problem badge each.
#pragma once

#include <QAbstractListModel>
#include <QQmlEngine>

namespace chainscope::model {

class ServiceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ChainDocument")
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        ProblemCountRole, ///< errors + warnings attributed to the service's entries and its chain
        ErrorCountRole,
        KindsRole,        ///< "router · splitter · resolver" (the chain entries it has)
    };
    Q_ENUM(Role)

    struct Service {
        QString name;
        int errors = 0;
        int warnings = 0;
        QStringList kinds;
        friend bool operator==(const Service &, const Service &) = default;
    };

    explicit ServiceListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    [[nodiscard]] int count() const { return static_cast<int>(m_visible.size()); }

    /** Replaces the services (sorted by name). Unchanged lists emit nothing; changed counts only dataChanged. */
    void setServices(const QList<Service> &services);
    /** Row of a service in the filtered list, or -1. */
    Q_INVOKABLE int indexOf(const QString &name) const;
    Q_INVOKABLE QString nameAt(int row) const;

Q_SIGNALS:
    void filterChanged();
    void countChanged();

private:
    void rebuild();

    QList<Service> m_all;
    QList<int> m_visible; ///< indexes into m_all
    QString m_filter;
};

} // namespace chainscope::model
