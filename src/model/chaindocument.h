// The open configuration: loads paths, compiles the selected service's chain, lays it out once, and runs
// the simulation on every scenario change (health toggles never re-run the compiler or the layout).
// Watches the files and reloads in place, keeping the service, the selection and the scenario.
#pragma once

#include "diagnosticsmodel.h"
#include "edgemodel.h"
#include "instancesmodel.h"
#include "nodemodel.h"
#include "servicelistmodel.h"
#include "simulationcontroller.h"

#include "chain/compiledchain.h"
#include "config/configset.h"
#include "layout/scene.h"
#include "sim/catalog.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QQmlEngine>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

namespace chainscope::sim {
class Simulator;
}
namespace chainscope::chain {
class ChainCompiler;
}

namespace chainscope::model {

class ChainDocument : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList paths READ paths WRITE setPaths NOTIFY pathsChanged)
    /** Catalog JSON for the simulation; "" = look for catalog.json beside (or one level above) the paths. */
    Q_PROPERTY(QString catalogPath READ catalogPath WRITE setCatalogPath NOTIFY catalogPathChanged)
    Q_PROPERTY(QString service READ service WRITE setService NOTIFY serviceChanged)
    Q_PROPERTY(QString selectedKey READ selectedKey WRITE setSelectedKey NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedTitle READ selectedTitle NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedProvenance READ selectedProvenance NOTIFY selectionChanged)
    /** The source text of the selected node's entry (or of the diagnostic last opened). */
    Q_PROPERTY(QString sourceText READ sourceText NOTIFY sourceChanged)
    Q_PROPERTY(QString sourceLocation READ sourceLocation NOTIFY sourceChanged)
    Q_PROPERTY(int sourceFirstLine READ sourceFirstLine NOTIFY sourceChanged)
    Q_PROPERTY(int sourceHighlightLine READ sourceHighlightLine NOTIFY sourceChanged)
    Q_PROPERTY(double graphWidth READ graphWidth NOTIFY geometryChanged)
    Q_PROPERTY(double graphHeight READ graphHeight NOTIFY geometryChanged)
    /** Why there is no graph for the service (compile errors), "" otherwise. */
    Q_PROPERTY(QString chainError READ chainError NOTIFY chainChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    Q_PROPERTY(QStringList recentPaths READ recentPaths NOTIFY recentPathsChanged)
    Q_PROPERTY(QString title READ title NOTIFY pathsChanged)
    /** Number of Graphviz layouts run so far (tests and the status line). */
    Q_PROPERTY(int layoutRuns READ layoutRuns NOTIFY geometryChanged)
    Q_PROPERTY(int simulationRuns READ simulationRuns NOTIFY simulated)
    Q_PROPERTY(ServiceListModel *services READ services CONSTANT)
    Q_PROPERTY(NodeModel *nodes READ nodes CONSTANT)
    Q_PROPERTY(EdgeModel *edges READ edges CONSTANT)
    Q_PROPERTY(DiagnosticsModel *diagnostics READ diagnostics CONSTANT)
    Q_PROPERTY(InstancesModel *instances READ instances CONSTANT)
    Q_PROPERTY(SimulationController *simulation READ simulation CONSTANT)
    Q_PROPERTY(bool watching READ watching WRITE setWatching NOTIFY watchingChanged)

public:
    explicit ChainDocument(QObject *parent = nullptr);
    ~ChainDocument() override;

    [[nodiscard]] QStringList paths() const { return m_paths; }
    void setPaths(const QStringList &paths);
    [[nodiscard]] QString catalogPath() const { return m_catalogPath; }
    void setCatalogPath(const QString &path);
    [[nodiscard]] QString service() const { return m_service; }
    void setService(const QString &service);
    [[nodiscard]] QString selectedKey() const { return m_selectedKey; }
    void setSelectedKey(const QString &key);
    [[nodiscard]] QString selectedTitle() const;
    [[nodiscard]] QString selectedProvenance() const;
    [[nodiscard]] QString sourceText() const { return m_sourceText; }
    [[nodiscard]] QString sourceLocation() const { return m_sourceLocation; }
    [[nodiscard]] int sourceFirstLine() const { return m_sourceFirstLine; }
    [[nodiscard]] int sourceHighlightLine() const { return m_sourceHighlightLine; }
    [[nodiscard]] double graphWidth() const { return m_geometry.bounds.width(); }
    [[nodiscard]] double graphHeight() const { return m_geometry.bounds.height(); }
    [[nodiscard]] QString chainError() const { return m_chainError; }
    [[nodiscard]] bool dark() const { return m_dark; }
    void setDark(bool dark);
    [[nodiscard]] QStringList recentPaths() const;
    [[nodiscard]] QString title() const;
    [[nodiscard]] int layoutRuns() const { return m_layoutRuns; }
    [[nodiscard]] int simulationRuns() const { return m_simulationRuns; }
    [[nodiscard]] bool watching() const { return m_watching; }
    void setWatching(bool on);

    [[nodiscard]] ServiceListModel *services() const { return m_services; }
    [[nodiscard]] NodeModel *nodes() const { return m_nodes; }
    [[nodiscard]] EdgeModel *edges() const { return m_edges; }
    [[nodiscard]] DiagnosticsModel *diagnostics() const { return m_diagnostics; }
    [[nodiscard]] InstancesModel *instances() const { return m_instances; }
    [[nodiscard]] SimulationController *simulation() const { return m_simulation; }

    [[nodiscard]] const layout::Scene &scene() const { return m_scene; }
    [[nodiscard]] const layout::Geometry &geometry() const { return m_geometry; }
    [[nodiscard]] const layout::SceneOverlay &overlay() const { return m_overlay; }
    /** The selected service's compiled chain, null when it did not compile (or nothing is selected). */
    [[nodiscard]] const chain::CompiledChain *compiledChain() const { return m_chain ? &*m_chain : nullptr; }
    /** The catalog file the simulation runs over, "" when none was loaded. */
    [[nodiscard]] QString catalogFile() const { return m_catalog ? m_catalogFile : QString(); }

    /** A local path from a file: URL (drag and drop, file dialogs) or a plain path; "" for other URLs. */
    [[nodiscard]] static QString localPath(const QVariant &pathOrUrl);

    /** Loads files/folders (local paths or file: URLs from drag and drop), and remembers them as recent. */
    Q_INVOKABLE void open(const QVariantList &pathsOrUrls);
    Q_INVOKABLE void reload();
    /** Shows the lines around file:line in the source panel (diagnostic clicks). */
    Q_INVOKABLE void showSource(const QString &file, int line);
    /** The neighbouring node in a direction ("left", "right", "up", "down") for keyboard navigation. */
    Q_INVOKABLE QString neighbour(const QString &key, const QString &direction) const;
    /** Edge key under a point in graph coordinates, "" if none. */
    Q_INVOKABLE QString edgeAt(double x, double y) const;
    Q_INVOKABLE void clearRecentPaths();

Q_SIGNALS:
    void pathsChanged();
    void catalogPathChanged();
    void serviceChanged();
    void selectionChanged();
    void sourceChanged();
    void geometryChanged();
    void chainChanged();
    void darkChanged();
    void recentPathsChanged();
    void watchingChanged();
    /** A load finished (initial or reload). */
    void loaded();
    /** The simulation ran and the overlay was applied. */
    void simulated();

private:
    void load();
    void rebuildChain();
    void runSimulation();
    void updateHighlight();
    void updateSourceForSelection();
    void setSource(const QString &file, int firstLine, int lastLine, int highlightLine);
    void rewatch();
    void rememberRecent(const QStringList &paths);
    [[nodiscard]] QString resolveCatalogPath() const;
    [[nodiscard]] QString rootDir() const;

    QStringList m_paths;
    QString m_catalogPath;
    QString m_service;
    QString m_selectedKey;
    QString m_sourceText;
    QString m_sourceLocation;
    int m_sourceFirstLine = 0;
    int m_sourceHighlightLine = 0;
    QString m_chainError;
    bool m_dark = false;
    bool m_watching = true;
    int m_layoutRuns = 0;
    int m_simulationRuns = 0;

    config::ConfigSet m_config;
    std::optional<sim::Catalog> m_catalog;
    QString m_catalogFile;
    Diagnostics m_catalogDiagnostics;
    QHash<QString, Diagnostics> m_chainDiagnostics; ///< service → compile problems
    std::optional<chain::CompiledChain> m_chain;
    layout::Scene m_scene;
    layout::Geometry m_geometry;
    layout::SceneOverlay m_overlay;
    std::unique_ptr<chain::ChainCompiler> m_compiler;
    std::unique_ptr<sim::Simulator> m_simulator;

    ServiceListModel *m_services;
    NodeModel *m_nodes;
    EdgeModel *m_edges;
    DiagnosticsModel *m_diagnostics;
    InstancesModel *m_instances;
    SimulationController *m_simulation;
    QFileSystemWatcher m_watcher;
    QTimer m_reloadTimer;
};

} // namespace chainscope::model
