#include "chaindocument.h"

#include "chain/compiler.h"
#include "layout/graphlayout.h"
#include "layout/scenebuilder.h"
#include "sim/simulation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSettings>

Q_LOGGING_CATEGORY(lcDocument, "chainscope.model")

namespace chainscope::model {

namespace {

constexpr int MaxRecentPaths = 8;
constexpr int ReloadDelayMs = 250; // editors write files in several steps; reload once they are done
constexpr int MaxSourceLines = 200;

const QString s_recentKey = QStringLiteral("recentPaths");

/** The service an entry (or a diagnostic inside it) belongs to. */
QString serviceOf(const config::Entry &e)
{
    return e.kind == config::EntryKind::ProxyDefaults ? QString() : e.name;
}

bool spanContains(const SourceSpan &outer, const SourceSpan &inner)
{
    if (outer.file != inner.file || !outer.isValid() || !inner.isValid())
        return false;
    const int last = outer.end.isValid() ? outer.end.line : outer.begin.line;
    return inner.begin.line >= outer.begin.line && inner.begin.line <= last;
}

QString kindShortName(config::EntryKind kind)
{
    switch (kind) {
    case config::EntryKind::ServiceRouter:
        return QStringLiteral("router");
    case config::EntryKind::ServiceSplitter:
        return QStringLiteral("splitter");
    case config::EntryKind::ServiceResolver:
        return QStringLiteral("resolver");
    case config::EntryKind::ServiceIntentions:
        return QStringLiteral("intentions");
    case config::EntryKind::ServiceDefaults:
        return QStringLiteral("defaults");
    case config::EntryKind::ProxyDefaults:
        return QStringLiteral("proxy-defaults");
    }
    return QString();
}

} // namespace

ChainDocument::ChainDocument(QObject *parent)
    : QObject(parent)
    , m_services(new ServiceListModel(this))
    , m_nodes(new NodeModel(this))
    , m_edges(new EdgeModel(this))
    , m_diagnostics(new DiagnosticsModel(this))
    , m_instances(new InstancesModel(this))
    , m_simulation(new SimulationController(this))
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(ReloadDelayMs);
    connect(&m_reloadTimer, &QTimer::timeout, this, &ChainDocument::reload);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] { m_reloadTimer.start(); });
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_reloadTimer.start(); });
    connect(m_simulation, &SimulationController::scenarioChanged, this, &ChainDocument::runSimulation);
}

ChainDocument::~ChainDocument() = default;

void ChainDocument::setPaths(const QStringList &paths)
{
    if (paths == m_paths)
        return;
    m_paths = paths;
    Q_EMIT pathsChanged();
    load();
}

void ChainDocument::setCatalogPath(const QString &path)
{
    if (path == m_catalogPath)
        return;
    m_catalogPath = path;
    Q_EMIT catalogPathChanged();
    if (!m_paths.isEmpty())
        load();
}

QString ChainDocument::localPath(const QVariant &pathOrUrl)
{
    const QUrl url = pathOrUrl.toUrl();
    if (pathOrUrl.userType() == QMetaType::QUrl || (url.isValid() && url.scheme() == u"file"))
        return url.toLocalFile();
    return pathOrUrl.toString();
}

void ChainDocument::open(const QVariantList &pathsOrUrls)
{
    QStringList paths;
    for (const QVariant &v : pathsOrUrls) {
        const QString p = localPath(v);
        if (!p.isEmpty())
            paths << QFileInfo(p).absoluteFilePath();
    }
    if (paths.isEmpty())
        return;
    rememberRecent(paths);
    if (paths == m_paths) {
        reload();
        return;
    }
    setPaths(paths);
}

void ChainDocument::reload()
{
    load();
}

QString ChainDocument::rootDir() const
{
    if (m_paths.size() != 1)
        return QString();
    const QFileInfo info(m_paths.first());
    return info.isDir() ? info.absoluteFilePath() : info.absolutePath();
}

QString ChainDocument::resolveCatalogPath() const
{
    if (!m_catalogPath.isEmpty())
        return m_catalogPath;
    // The demo layout (and a common repository layout): config under mesh/, catalog.json beside it.
    for (const QString &p : m_paths) {
        const QFileInfo info(p);
        const QDir dir = info.isDir() ? QDir(info.absoluteFilePath()) : info.absoluteDir();
        for (const QString &candidate : {dir.filePath(QStringLiteral("catalog.json")), dir.filePath(QStringLiteral("../catalog.json"))}) {
            if (QFileInfo::exists(candidate))
                return QDir::cleanPath(candidate);
        }
    }
    return QString();
}

void ChainDocument::load()
{
    config::LoadOptions options;
    m_config = config::loadConfig(m_paths, options);
    // A catalog.json inside a loaded folder is catalog data, not a config entry.
    m_catalog.reset();
    m_catalogDiagnostics.clear();
    const QString catalogFile = resolveCatalogPath();
    m_catalogFile = catalogFile;
    if (!catalogFile.isEmpty()) {
        auto catalog = sim::loadCatalog(catalogFile);
        m_catalogDiagnostics = catalog.diagnostics;
        if (catalog)
            m_catalog = std::move(*catalog);
        const QString canonical = QFileInfo(catalogFile).canonicalFilePath();
        m_config.diagnostics.erase(std::remove_if(m_config.diagnostics.begin(), m_config.diagnostics.end(),
                                                  [&](const Diagnostic &d) {
                                                      return !d.where.file.isEmpty()
                                                          && QFileInfo(d.where.file).canonicalFilePath() == canonical;
                                                  }),
                                   m_config.diagnostics.end());
    }
    m_simulation->setLocations(m_catalog ? m_catalog->locations() : QStringList());

    // Services: every entry name but proxy-defaults; compile each chain once for its problem badge.
    QMap<QString, QStringList> kinds;
    for (const config::Entry &e : m_config.entries) {
        const QString s = serviceOf(e);
        if (s.isEmpty())
            continue;
        QStringList &k = kinds[s];
        const QString kind = kindShortName(e.kind);
        if (!k.contains(kind))
            k << kind;
    }
    m_chainDiagnostics.clear();
    m_compiler = std::make_unique<chain::ChainCompiler>(m_config.entries);
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it) {
        const auto compiled = m_compiler->compile(chain::CompileRequest::forService(it.key()));
        Diagnostics problems;
        for (const Diagnostic &d : compiled.diagnostics) {
            if (d.severity != Severity::Note)
                problems << d;
        }
        m_chainDiagnostics.insert(it.key(), problems);
    }

    QHash<QString, ServiceListModel::Service> services;
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
        services.insert(it.key(), ServiceListModel::Service{it.key(), 0, 0, it.value()});
    QList<DiagnosticsModel::Item> items;
    const auto count = [&](const QString &service, Severity severity) {
        auto it = services.find(service);
        if (it == services.end())
            return;
        if (severity == Severity::Error)
            ++it->errors;
        else if (severity == Severity::Warning)
            ++it->warnings;
    };
    for (const Diagnostic &d : m_config.diagnostics) {
        QString service;
        for (const config::Entry &e : m_config.entries) {
            if (spanContains(e.span, d.where)) {
                service = serviceOf(e);
                break;
            }
        }
        count(service, d.severity);
        items.append({d, service});
    }
    for (const Diagnostic &d : m_catalogDiagnostics)
        items.append({d, QString()});
    for (auto it = m_chainDiagnostics.cbegin(); it != m_chainDiagnostics.cend(); ++it) {
        for (const Diagnostic &d : it.value()) {
            // A graph error already reported for another service's chain is listed once.
            const bool seen = std::any_of(items.cbegin(), items.cend(), [&](const DiagnosticsModel::Item &i) { return i.diagnostic == d; });
            count(it.key(), d.severity);
            if (!seen)
                items.append({d, it.key()});
        }
    }
    m_services->setServices(services.values());
    m_diagnostics->setItems(items, rootDir());

    if (m_service.isEmpty() || !kinds.contains(m_service)) {
        // Prefer a service with routing to show something worth looking at.
        QString pick;
        for (const QString &kind : {QStringLiteral("router"), QStringLiteral("splitter"), QStringLiteral("resolver")}) {
            for (auto it = kinds.cbegin(); it != kinds.cend() && pick.isEmpty(); ++it) {
                if (it.value().contains(kind))
                    pick = it.key();
            }
            if (!pick.isEmpty())
                break;
        }
        if (pick.isEmpty() && !kinds.isEmpty())
            pick = kinds.firstKey();
        if (!m_service.isEmpty() && !kinds.contains(m_service))
            qCDebug(lcDocument) << "service" << m_service << "no longer defined; showing" << pick;
        if (pick != m_service) {
            m_service = pick;
            Q_EMIT serviceChanged();
        }
    }
    rebuildChain();
    rewatch();
    Q_EMIT loaded();
}

void ChainDocument::setService(const QString &service)
{
    if (service == m_service)
        return;
    m_service = service;
    Q_EMIT serviceChanged();
    m_selectedKey.clear();
    rebuildChain();
    Q_EMIT selectionChanged();
}

void ChainDocument::rebuildChain()
{
    m_simulator.reset();
    m_chain.reset();
    m_scene = {};
    m_geometry = {};
    m_overlay = {};
    m_chainError.clear();

    if (!m_service.isEmpty() && m_compiler) {
        auto compiled = m_compiler->compile(chain::CompileRequest::forService(m_service));
        if (!compiled) {
            QStringList messages;
            for (const Diagnostic &d : compiled.diagnostics) {
                if (d.severity == Severity::Error)
                    messages << d.message;
            }
            m_chainError = messages.isEmpty() ? QStringLiteral("the chain could not be compiled") : messages.join(u'\n');
        } else {
            m_chain = *compiled;
            m_scene = layout::buildScene(*compiled, m_config.entries);
            auto laidOut = layout::layoutScene(m_scene);
            ++m_layoutRuns;
            if (!laidOut) {
                m_chainError = laidOut.diagnostics.value(0).message;
                m_scene = {};
            } else {
                m_geometry = std::move(*laidOut);
                if (m_catalog) {
                    QList<config::Entry> intentions;
                    for (const config::Entry &e : m_config.entries) {
                        if (e.kind == config::EntryKind::ServiceIntentions)
                            intentions << e;
                    }
                    m_simulator = std::make_unique<sim::Simulator>(*compiled, *m_catalog, intentions);
                }
            }
        }
    }

    if (!m_simulator)
        m_simulation->setResult(false, QString(), 0.0);
    // The new chain arrives as a reset without overlay; runSimulation() then fills the overlay in.
    m_nodes->setScene(m_scene.nodes, m_geometry.nodes, m_overlay.nodes);
    m_edges->setScene(m_scene.edges, m_geometry.edges, m_overlay.edges);
    runSimulation();
    if (!m_selectedKey.isEmpty() && m_scene.indexOfNode(m_selectedKey) < 0)
        m_selectedKey.clear();
    updateHighlight();
    updateSourceForSelection();
    Q_EMIT geometryChanged();
    Q_EMIT chainChanged();
    Q_EMIT selectionChanged();
}

void ChainDocument::runSimulation()
{
    if (!m_simulator) {
        m_instances->setItems({});
        return;
    }
    const sim::SimulationResult result = m_simulator->run(m_simulation->scenario());
    ++m_simulationRuns;
    m_overlay = layout::buildOverlay(m_scene, result);
    m_nodes->setOverlay(m_overlay.nodes);
    m_edges->setOverlay(m_overlay.edges);

    // Instances: the outcome of every instance behind the chain's targets, with its catalog checks.
    QHash<QString, const sim::Instance *> byId;
    if (m_catalog) {
        for (const sim::Instance &i : m_catalog->all())
            byId.insert(i.service.id, &i);
    }
    const sim::HealthOverrides &health = m_simulation->scenario().health;
    QList<InstancesModel::Item> items;
    items.reserve(result.instances.size());
    for (const sim::InstanceOutcome &o : result.instances) {
        InstancesModel::Item item;
        item.id = o.id;
        item.node = o.node;
        item.target = o.target;
        item.healthy = o.healthy;
        item.share = o.share;
        item.forcedDown = health.downInstances.contains(o.id);
        if (const sim::Instance *inst = byId.value(o.id)) {
            item.location = inst->location;
            for (const sim::CatalogCheck &c : inst->checks) {
                const QString status = health.checkStatus.value(c.checkId, c.status);
                item.checks.append({c.checkId, c.name.isEmpty() ? c.checkId : c.name, status});
            }
        }
        items.append(item);
    }
    m_instances->setItems(items);
    m_simulation->setResult(true, result.summary, result.failed);
    Q_EMIT simulated();
}

void ChainDocument::setSelectedKey(const QString &key)
{
    if (key == m_selectedKey)
        return;
    if (!key.isEmpty() && m_scene.indexOfNode(key) < 0)
        return;
    m_selectedKey = key;
    updateHighlight();
    updateSourceForSelection();
    Q_EMIT selectionChanged();
}

QString ChainDocument::selectedTitle() const
{
    const int row = m_nodes->indexOf(m_selectedKey);
    const layout::SceneNode *n = m_nodes->node(row);
    return n ? n->title + u" — " + n->subtitle : QString();
}

QString ChainDocument::selectedProvenance() const
{
    const layout::SceneNode *n = m_nodes->node(m_nodes->indexOf(m_selectedKey));
    return n ? n->provenance : QString();
}

void ChainDocument::updateHighlight()
{
    // Paths through the selection: everything upstream that reaches it and everything it reaches.
    QSet<QString> nodes;
    QSet<QString> edges;
    if (!m_selectedKey.isEmpty()) {
        const auto walk = [&](bool forward) {
            QList<QString> queue{m_selectedKey};
            QSet<QString> seen{m_selectedKey};
            while (!queue.isEmpty()) {
                const QString current = queue.takeFirst();
                for (const layout::SceneEdge &e : m_scene.edges) {
                    const QString &here = forward ? e.from : e.to;
                    const QString &there = forward ? e.to : e.from;
                    if (here != current)
                        continue;
                    edges.insert(e.key);
                    if (!seen.contains(there)) {
                        seen.insert(there);
                        queue.append(there);
                    }
                }
            }
            nodes.unite(seen);
        };
        walk(true);
        walk(false);
    }
    m_nodes->setHighlight(m_selectedKey, nodes);
    m_edges->setHighlight(edges);
}

void ChainDocument::updateSourceForSelection()
{
    const layout::SceneNode *n = m_nodes->node(m_nodes->indexOf(m_selectedKey));
    if (!n || !n->source.isValid()) {
        setSource(QString(), 0, 0, 0);
        return;
    }
    const int last = n->source.end.isValid() ? n->source.end.line : n->source.begin.line + 40;
    setSource(n->source.file, n->source.begin.line, last, n->source.begin.line);
}

void ChainDocument::showSource(const QString &file, int line)
{
    if (file.isEmpty())
        return;
    // The whole entry the line is in, if any; otherwise a window around the line.
    SourceSpan at{file, SourcePos{std::max(line, 1), 1, -1}, {}};
    for (const config::Entry &e : m_config.entries) {
        if (spanContains(e.span, at)) {
            setSource(file, e.span.begin.line, e.span.end.isValid() ? e.span.end.line : line + 20, line);
            return;
        }
    }
    setSource(file, std::max(1, line - 10), line + 20, line);
}

void ChainDocument::setSource(const QString &file, int firstLine, int lastLine, int highlightLine)
{
    QString text;
    QString location;
    if (!file.isEmpty() && firstLine > 0) {
        QFile f(file);
        if (f.open(QIODevice::ReadOnly)) {
            const QStringList lines = QString::fromUtf8(f.read(8 * 1024 * 1024)).split(u'\n');
            const int first = std::min(firstLine, static_cast<int>(lines.size()));
            const int last = std::clamp(lastLine, first, std::min(static_cast<int>(lines.size()), first + MaxSourceLines));
            text = lines.mid(first - 1, last - first + 1).join(u'\n');
            firstLine = first;
        }
        const QString root = rootDir();
        QString shown = root.isEmpty() ? file : QDir(root).relativeFilePath(file);
        if (shown.startsWith(QLatin1String("..")))
            shown = file;
        location = shown + u':' + QString::number(highlightLine);
    }
    if (text == m_sourceText && location == m_sourceLocation && firstLine == m_sourceFirstLine && highlightLine == m_sourceHighlightLine)
        return;
    m_sourceText = text;
    m_sourceLocation = location;
    m_sourceFirstLine = text.isEmpty() ? 0 : firstLine;
    m_sourceHighlightLine = text.isEmpty() ? 0 : highlightLine;
    Q_EMIT sourceChanged();
}

QString ChainDocument::neighbour(const QString &key, const QString &direction) const
{
    const qsizetype from = m_scene.indexOfNode(key);
    if (m_geometry.nodes.isEmpty())
        return QString();
    if (from < 0)
        return m_geometry.nodes.first().key;
    const QPointF c = m_geometry.nodes.at(from).rect.center();
    QPointF dir;
    if (direction == u"left")
        dir = {-1, 0};
    else if (direction == u"right")
        dir = {1, 0};
    else if (direction == u"up")
        dir = {0, -1};
    else if (direction == u"down")
        dir = {0, 1};
    else
        return key;
    // Nearest node in the half-plane of the direction, favouring alignment with the axis.
    QString best;
    double bestScore = std::numeric_limits<double>::max();
    for (const layout::NodeGeometry &n : m_geometry.nodes) {
        if (n.key == key)
            continue;
        const QPointF d = n.rect.center() - c;
        const double along = d.x() * dir.x() + d.y() * dir.y();
        if (along <= 1.0)
            continue;
        const double across = std::abs(d.x() * dir.y() - d.y() * dir.x());
        const double score = along + 2.0 * across;
        if (score < bestScore) {
            bestScore = score;
            best = n.key;
        }
    }
    return best.isEmpty() ? key : best;
}

QString ChainDocument::edgeAt(double x, double y) const
{
    return m_edges->edgeAt(QPointF(x, y));
}

void ChainDocument::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    const auto scheme = dark ? layout::ColorScheme::Dark : layout::ColorScheme::Light;
    m_nodes->setColorScheme(scheme);
    m_edges->setColorScheme(scheme);
    Q_EMIT darkChanged();
}

QStringList ChainDocument::recentPaths() const
{
    return QSettings().value(s_recentKey).toStringList();
}

void ChainDocument::rememberRecent(const QStringList &paths)
{
    QStringList recent = recentPaths();
    const QString entry = paths.join(u'\n');
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > MaxRecentPaths)
        recent.removeLast();
    QSettings().setValue(s_recentKey, recent);
    Q_EMIT recentPathsChanged();
}

void ChainDocument::clearRecentPaths()
{
    QSettings().remove(s_recentKey);
    Q_EMIT recentPathsChanged();
}

QString ChainDocument::title() const
{
    if (m_paths.isEmpty())
        return QStringLiteral("chainscope");
    if (m_paths.size() == 1)
        return QFileInfo(m_paths.first()).fileName() + QStringLiteral(" — chainscope");
    return QStringLiteral("%1 paths — chainscope").arg(m_paths.size());
}

void ChainDocument::setWatching(bool on)
{
    if (on == m_watching)
        return;
    m_watching = on;
    rewatch();
    Q_EMIT watchingChanged();
}

void ChainDocument::rewatch()
{
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    if (!m_watching)
        return;
    QStringList watch;
    for (const config::FileReport &f : m_config.files)
        watch << f.file;
    for (const QString &p : m_paths) {
        const QFileInfo info(p);
        if (!info.exists())
            continue;
        // Directories too, so new and replaced files (editors save by rename) trigger a reload.
        watch << info.absoluteFilePath();
        if (info.isDir()) {
            QDir dir(info.absoluteFilePath());
            for (const QFileInfo &sub : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
                watch << sub.absoluteFilePath();
        }
    }
    const QString catalog = resolveCatalogPath();
    if (!catalog.isEmpty())
        watch << catalog;
    watch.removeDuplicates();
    if (!watch.isEmpty())
        m_watcher.addPaths(watch);
}

} // namespace chainscope::model
