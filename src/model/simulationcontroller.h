// The what-if knobs of the routing tab: health toggles (instances, checks, subsets, datacenters, peers),
// the request (method, path, headers, query), the source service and the Consul era. Changing any of them
// emits scenarioChanged(); the document then re-runs only the simulation, never the compiler or layout.
#pragma once

#include "sim/simulation.h"

#include <QObject>
#include <QQmlEngine>
#include <QStringList>

namespace chainscope::model {

class SimulationController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by ChainDocument")
    Q_PROPERTY(QString method READ method WRITE setMethod NOTIFY scenarioChanged)
    Q_PROPERTY(QString path READ path WRITE setPath NOTIFY scenarioChanged)
    /** One "Name: value" per line. */
    Q_PROPERTY(QString headers READ headers WRITE setHeaders NOTIFY scenarioChanged)
    /** "a=1&b=2". */
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY scenarioChanged)
    Q_PROPERTY(QString sourceService READ sourceService WRITE setSourceService NOTIFY scenarioChanged)
    /** "current" | "legacy" (runtime.md §3.2 / §3.3). */
    Q_PROPERTY(QString era READ era WRITE setEra NOTIFY scenarioChanged)
    /** "allow" | "deny": the default intention when none matches. */
    Q_PROPERTY(QString defaultIntention READ defaultIntention WRITE setDefaultIntention NOTIFY scenarioChanged)
    Q_PROPERTY(QStringList downInstances READ downInstances NOTIFY scenarioChanged)
    Q_PROPERTY(QStringList downDatacenters READ downDatacenters NOTIFY scenarioChanged)
    Q_PROPERTY(QStringList downPeers READ downPeers NOTIFY scenarioChanged)
    Q_PROPERTY(QStringList downSubsets READ downSubsets NOTIFY scenarioChanged)
    /** Datacenters and peers of the catalog ("peer:NAME" entries are listed under peers). */
    Q_PROPERTY(QStringList datacenters READ datacenters NOTIFY locationsChanged)
    Q_PROPERTY(QStringList peers READ peers NOTIFY locationsChanged)
    /** Results of the last run, for the status line. */
    Q_PROPERTY(QString summary READ summary NOTIFY resultChanged)
    Q_PROPERTY(double failed READ failed NOTIFY resultChanged)
    Q_PROPERTY(bool available READ available NOTIFY resultChanged)

public:
    explicit SimulationController(QObject *parent = nullptr);

    [[nodiscard]] const sim::Scenario &scenario() const { return m_scenario; }
    /** Replaces the whole scenario (a reload keeps the previous one); emits scenarioChanged if it differs. */
    void setScenario(const sim::Scenario &scenario);

    [[nodiscard]] QString method() const { return m_scenario.request.method; }
    void setMethod(const QString &method);
    [[nodiscard]] QString path() const { return m_scenario.request.path; }
    void setPath(const QString &path);
    [[nodiscard]] QString headers() const;
    void setHeaders(const QString &text);
    [[nodiscard]] QString query() const;
    void setQuery(const QString &text);
    [[nodiscard]] QString sourceService() const { return m_scenario.sourceService; }
    void setSourceService(const QString &service);
    [[nodiscard]] QString era() const;
    void setEra(const QString &era);
    [[nodiscard]] QString defaultIntention() const { return m_scenario.defaultIntention; }
    void setDefaultIntention(const QString &action);

    [[nodiscard]] QStringList downInstances() const;
    [[nodiscard]] QStringList downDatacenters() const;
    [[nodiscard]] QStringList downPeers() const;
    [[nodiscard]] QStringList downSubsets() const;

    Q_INVOKABLE void setInstanceDown(const QString &id, bool down);
    Q_INVOKABLE void toggleInstance(const QString &id);
    Q_INVOKABLE void setDatacenterDown(const QString &datacenter, bool down);
    Q_INVOKABLE void setPeerDown(const QString &peer, bool down);
    /** targetId: every instance of that target is forced critical. */
    Q_INVOKABLE void setSubsetDown(const QString &targetId, bool down);
    /** status: "passing" | "warning" | "critical" | "maintenance"; "" removes the override. */
    Q_INVOKABLE void setCheckStatus(const QString &checkId, const QString &status);
    /** Clears every health override (the request and source stay). */
    Q_INVOKABLE void resetHealth();

    [[nodiscard]] QStringList datacenters() const { return m_datacenters; }
    [[nodiscard]] QStringList peers() const { return m_peers; }
    void setLocations(const QStringList &locations);

    [[nodiscard]] QString summary() const { return m_summary; }
    [[nodiscard]] double failed() const { return m_failed; }
    [[nodiscard]] bool available() const { return m_available; }
    void setResult(bool available, const QString &summary, double failed);

Q_SIGNALS:
    void scenarioChanged();
    void locationsChanged();
    void resultChanged();

private:
    void toggle(QSet<QString> &set, const QString &value, bool on);

    sim::Scenario m_scenario;
    QStringList m_datacenters;
    QStringList m_peers;
    QString m_summary;
    double m_failed = 0.0;
    bool m_available = false;
};

} // namespace chainscope::model
