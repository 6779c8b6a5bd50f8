// The Graphviz wrapper: Scene → cgraph graph → dot → Geometry. Everything Graphviz-specific (handles,
// char* signatures, units, y direction, the locale and the global error hook) stays in this file.
#include "layout/graphlayout.h"

#include "layout/layoutcodes.h"
#include "layout/palette.h"

#include <QDir>
#include <QLoggingCategory>
#include <QMutex>
#include <QSet>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <clocale>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

// The dot engine is linked (libgvplugin_dot_layout), not discovered through Graphviz's plugin config file,
// so packaged builds (AppImage, Flatpak, odd prefixes) lay out without `dot -c` having been run.
extern "C" {
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
}

Q_LOGGING_CATEGORY(lcLayout, "chainscope.layout")

namespace chainscope::layout {

namespace {

// Graphviz works in points (1/72 in) and inches; chainscope in pixels at 96 dpi.
constexpr double PointsPerInch = 72.0;
constexpr double PixelsPerInch = 96.0;
constexpr double PixelsPerPoint = PixelsPerInch / PointsPerInch;

[[nodiscard]] double toPoints(double px)
{
    return px / PixelsPerPoint;
}

struct ContextDeleter {
    void operator()(GVC_t *c) const noexcept { gvFreeContext(c); }
};
struct GraphDeleter {
    void operator()(Agraph_t *g) const noexcept { agclose(g); }
};
using ContextPtr = std::unique_ptr<GVC_t, ContextDeleter>;
using GraphPtr = std::unique_ptr<Agraph_t, GraphDeleter>;

/** gvLayout() paired with gvFreeLayout(). Declared after the GraphPtr so it is destroyed first. */
class LayoutGuard
{
public:
    LayoutGuard(GVC_t *context, Agraph_t *graph, const char *engine)
        : m_context(context)
        , m_graph(graph)
        , m_ok(gvLayout(context, graph, engine) == 0)
    {
    }
    ~LayoutGuard()
    {
        if (m_ok)
            gvFreeLayout(m_context, m_graph);
    }
    LayoutGuard(const LayoutGuard &) = delete;
    LayoutGuard &operator=(const LayoutGuard &) = delete;
    explicit operator bool() const { return m_ok; }

private:
    GVC_t *m_context;
    Agraph_t *m_graph;
    bool m_ok;
};

/** Forces LC_NUMERIC=C for the whole build → layout → read-back sequence: Graphviz converts attribute
 *  strings with atof()/sprintf(), which follow the process locale (a "0,5" nodesep under de_DE). */
class NumericLocaleGuard
{
public:
    NumericLocaleGuard()
    {
        if (const char *current = std::setlocale(LC_NUMERIC, nullptr))
            m_previous = current; // copied: the returned buffer may be overwritten by the next call
        std::setlocale(LC_NUMERIC, "C");
    }
    ~NumericLocaleGuard()
    {
        if (!m_previous.empty())
            std::setlocale(LC_NUMERIC, m_previous.c_str());
    }
    NumericLocaleGuard(const NumericLocaleGuard &) = delete;
    NumericLocaleGuard &operator=(const NumericLocaleGuard &) = delete;

private:
    std::string m_previous;
};

// Graphviz keeps its error hook, error level and much else in globals and is not re-entrant
// (KGraphViewer serialises gvLayout for the same reason): one layout at a time, process-wide.
QMutex s_graphvizMutex;
QString s_graphvizMessages; // guarded by s_graphvizMutex

int captureGraphvizMessage(char *message)
{
    s_graphvizMessages += QString::fromUtf8(message);
    return 0;
}

/** Installs captureGraphvizMessage for the lifetime of the guard. */
class ErrorHookGuard
{
public:
    ErrorHookGuard()
        : m_previous(agseterrf(&captureGraphvizMessage))
    {
        s_graphvizMessages.clear();
    }
    ~ErrorHookGuard()
    {
        agseterrf(m_previous);
        agreseterrors();
    }
    ErrorHookGuard(const ErrorHookGuard &) = delete;
    ErrorHookGuard &operator=(const ErrorHookGuard &) = delete;

private:
    agusererrf m_previous;
};

// Graphviz 2.4x takes char* everywhere; these wrappers keep the casts in one place.
char *mutableText(const char *text)
{
    return const_cast<char *>(text);
}

Agsym_t *declare(Agraph_t *g, int kind, const char *name, const char *defaultValue)
{
    return agattr(g, kind, mutableText(name), mutableText(defaultValue));
}

void setHtml(Agraph_t *g, void *object, Agsym_t *sym, const QByteArray &html)
{
    char *value = agstrdup_html(g, mutableText(html.constData()));
    agxset(object, sym, value);
    agstrfree(g, value);
}

void set(void *object, Agsym_t *sym, const QByteArray &value)
{
    agxset(object, sym, mutableText(value.constData()));
}

QByteArray inches(double px)
{
    return QByteArray::number(px / PixelsPerInch, 'f', 4);
}

/** An HTML table of empty fixed-size cells: the header and one cell per row, each with a PORT, so edges
 *  can leave a given row and the box has exactly the size we measured (no Graphviz text estimation). */
QByteArray nodeTable(int widthPt, int headerPt, int rowPt, qsizetype rows)
{
    QByteArray html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">";
    const QByteArray w = QByteArray::number(widthPt);
    html += "<TR><TD PORT=\"h\" FIXEDSIZE=\"TRUE\" WIDTH=\"" + w + "\" HEIGHT=\"" + QByteArray::number(headerPt)
        + "\"></TD></TR>";
    for (qsizetype i = 0; i < rows; ++i) {
        html += "<TR><TD PORT=\"r" + QByteArray::number(i) + "\" FIXEDSIZE=\"TRUE\" WIDTH=\"" + w + "\" HEIGHT=\""
            + QByteArray::number(rowPt) + "\"></TD></TR>";
    }
    html += "</TABLE>";
    return html;
}

QByteArray labelTable(int widthPt, int heightPt)
{
    return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR><TD FIXEDSIZE=\"TRUE\" WIDTH=\""
        + QByteArray::number(widthPt) + "\" HEIGHT=\"" + QByteArray::number(heightPt) + "\"></TD></TR></TABLE>";
}

/** Rounds a pixel length up to a multiple of 4 px (= 3 pt), so point and pixel sizes are both integral. */
double snapUp(double px)
{
    return std::ceil(px / 4.0) * 4.0;
}

int pointsOf(double snappedPx)
{
    return static_cast<int>(std::lround(toPoints(snappedPx)));
}

/** Leaves a debugging copy of the laid-out graph in $CHAINSCOPE_DEBUG_LAYOUT/<service>.gv (style.md §3.8). */
void writeDebugCopy(Agraph_t *g, const QString &service)
{
    const QString dir = qEnvironmentVariable("CHAINSCOPE_DEBUG_LAYOUT");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QString name = service.isEmpty() ? QStringLiteral("chain") : service;
    name.replace(u'/', u'_');
    const QByteArray path = QDir(dir).filePath(name + u".gv").toLocal8Bit();
    if (FILE *f = std::fopen(path.constData(), "w")) {
        attach_attrs(g);
        agwrite(g, f);
        std::fclose(f);
        qCDebug(lcLayout) << "wrote" << path;
    }
}

} // namespace

double nodeWidth(const SceneNode &node)
{
    using namespace metrics;
    double content = estimateTextWidth(node.title, titlePixelSize, true) + 20.0; // + state dot
    content = std::max(content, estimateTextWidth(node.subtitle, subtitlePixelSize));
    for (const SceneRow &row : node.rows) {
        double w = estimateTextWidth(row.text, rowPixelSize);
        if (!row.detail.isEmpty())
            w += detailGap + estimateTextWidth(row.detail, rowPixelSize);
        content = std::max(content, w);
    }
    return snapUp(std::clamp(content + 2 * paddingX, minNodeWidth, maxNodeWidth));
}

double nodeHeight(const SceneNode &node)
{
    return metrics::headerHeight + metrics::rowHeight * static_cast<double>(node.rows.size());
}

QSizeF edgeLabelSize(const SceneEdge &edge)
{
    using namespace metrics;
    // Room for "label · 100%" whether or not a simulation runs, so a health toggle never needs a relayout.
    const double traffic = estimateTextWidth(u"100.0%", labelPixelSize, true);
    double w = traffic + 2 * labelPaddingX;
    if (!edge.label.isEmpty())
        w += estimateTextWidth(edge.label, labelPixelSize) + estimateTextWidth(u" · ", labelPixelSize);
    return QSizeF(snapUp(w), labelHeight);
}

Result<Geometry> layoutScene(const Scene &scene, const LayoutOptions &options)
{
    Result<Geometry> result;
    if (scene.nodes.isEmpty()) {
        result.value = Geometry{};
        return result;
    }

    QHash<QString, qsizetype> index;
    index.reserve(scene.nodes.size());
    for (qsizetype i = 0; i < scene.nodes.size(); ++i) {
        if (index.contains(scene.nodes.at(i).key)) {
            result.diagnostics.append(Diagnostic{Severity::Error, codes::DuplicateNode,
                                                 QStringLiteral("scene has two nodes named \"%1\"").arg(scene.nodes.at(i).key),
                                                 scene.nodes.at(i).source, QString(), {}});
            return result;
        }
        index.insert(scene.nodes.at(i).key, i);
    }
    for (const SceneEdge &e : scene.edges) {
        if (!index.contains(e.from) || !index.contains(e.to)) {
            result.diagnostics.append(Diagnostic{Severity::Error, codes::UnknownEndpoint,
                                                 QStringLiteral("edge \"%1\" connects a node that is not in the scene").arg(e.key),
                                                 e.source, QString(), {}});
            return result;
        }
    }

    QMutexLocker lock(&s_graphvizMutex);
    NumericLocaleGuard locale;
    ErrorHookGuard errors;

    static const lt_symlist_t builtins[] = {
        {"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
        {nullptr, nullptr},
    };
    ContextPtr context(gvContextPlugins(builtins, 0));
    if (!context) {
        result.diagnostics.append(Diagnostic{Severity::Error, codes::GraphvizFailed,
                                             QStringLiteral("Graphviz could not create a layout context"), {}, QString(), {}});
        return result;
    }
    GraphPtr graph(agopen(mutableText("chain"), Agdirected, nullptr));
    Agraph_t *g = graph.get();

    declare(g, AGRAPH, "rankdir", "LR");
    // No ordering=out: Graphviz 2.43 leaks in its ordered-edge mincross (LSan), and the row ports already
    // make mincross keep route/split rows and their destinations in the same order (routeRowsKeepTheirOrder).
    declare(g, AGRAPH, "nodesep", inches(options.nodeSeparation).constData());
    declare(g, AGRAPH, "ranksep", inches(options.rankSeparation).constData());
    declare(g, AGRAPH, "margin", "0");
    Agsym_t *shape = declare(g, AGNODE, "shape", "box");
    Agsym_t *fixedsize = declare(g, AGNODE, "fixedsize", "true");
    Agsym_t *width = declare(g, AGNODE, "width", "1");
    Agsym_t *height = declare(g, AGNODE, "height", "1");
    Agsym_t *nodeLabel = declare(g, AGNODE, "label", "");
    declare(g, AGNODE, "margin", "0");
    Agsym_t *tailport = declare(g, AGEDGE, "tailport", "");
    Agsym_t *headport = declare(g, AGEDGE, "headport", "");
    Agsym_t *edgeLabel = declare(g, AGEDGE, "label", "");
    Agsym_t *weight = declare(g, AGEDGE, "weight", "1");
    // Graphviz's normal arrowhead is 10 pt long at arrowsize 1: leave exactly metrics::arrowLength.
    declare(g, AGEDGE, "arrowsize", QByteArray::number(toPoints(metrics::arrowLength) / 10.0, 'f', 3).constData());
    Q_UNUSED(shape)
    Q_UNUSED(fixedsize)

    QList<Agnode_t *> nodes(scene.nodes.size(), nullptr);
    for (qsizetype i = 0; i < scene.nodes.size(); ++i) {
        const SceneNode &n = scene.nodes.at(i);
        const QByteArray name = "n" + QByteArray::number(i);
        Agnode_t *node = agnode(g, mutableText(name.constData()), 1);
        nodes[i] = node;
        const double w = nodeWidth(n);
        const double h = nodeHeight(n);
        set(node, width, inches(w));
        set(node, height, inches(h));
        setHtml(g, node, nodeLabel,
                nodeTable(pointsOf(w), pointsOf(metrics::headerHeight), pointsOf(metrics::rowHeight), n.rows.size()));
    }

    QList<Agedge_t *> edges(scene.edges.size(), nullptr);
    for (qsizetype i = 0; i < scene.edges.size(); ++i) {
        const SceneEdge &e = scene.edges.at(i);
        const QByteArray name = "e" + QByteArray::number(i);
        Agedge_t *edge = agedge(g, nodes.at(index.value(e.from)), nodes.at(index.value(e.to)), mutableText(name.constData()), 1);
        edges[i] = edge;
        const qsizetype rows = scene.nodes.at(index.value(e.from)).rows.size();
        if (e.fromRow >= 0 && e.fromRow < rows)
            set(edge, tailport, "r" + QByteArray::number(e.fromRow) + ":e");
        else
            set(edge, tailport, "h:e");
        set(edge, headport, "h:w");
        const QSizeF label = edgeLabelSize(e);
        setHtml(g, edge, edgeLabel, labelTable(pointsOf(label.width()), pointsOf(label.height())));
        // Primary paths pull straighter than failover and redirect alternatives.
        if (e.kind == EdgeKind::Failover || e.kind == EdgeKind::Redirect)
            set(edge, weight, "1");
        else
            set(edge, weight, "4");
    }

    LayoutGuard laidOut(context.get(), g, "dot");
    if (!laidOut) {
        result.diagnostics.append(Diagnostic{Severity::Error, codes::GraphvizFailed,
                                             QStringLiteral("Graphviz could not lay out the chain: %1")
                                                 .arg(s_graphvizMessages.trimmed().isEmpty() ? QStringLiteral("unknown error")
                                                                                            : s_graphvizMessages.trimmed()),
                                             {}, QString(), {}});
        return result;
    }
    if (!s_graphvizMessages.trimmed().isEmpty())
        qCDebug(lcLayout) << "graphviz:" << s_graphvizMessages.trimmed();
    writeDebugCopy(g, scene.service);

    // Convert once: points → pixels, y flipped so the origin is the top-left corner, plus a margin.
    const boxf bb = GD_bb(g);
    const double m = metrics::margin;
    const auto toPixels = [&](pointf p) {
        return QPointF((p.x - bb.LL.x) * PixelsPerPoint + m, (bb.UR.y - p.y) * PixelsPerPoint + m);
    };

    Geometry geometry;
    geometry.bounds = QRectF(0, 0, (bb.UR.x - bb.LL.x) * PixelsPerPoint + 2 * m, (bb.UR.y - bb.LL.y) * PixelsPerPoint + 2 * m);
    geometry.nodes.reserve(scene.nodes.size());
    for (qsizetype i = 0; i < scene.nodes.size(); ++i) {
        Agnode_t *node = nodes.at(i);
        const QPointF centre = toPixels(ND_coord(node));
        const double w = ND_width(node) * PixelsPerInch;
        const double h = ND_height(node) * PixelsPerInch;
        NodeGeometry ng;
        ng.key = scene.nodes.at(i).key;
        ng.rect = QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h);
        ng.header = QRectF(ng.rect.left(), ng.rect.top(), w, metrics::headerHeight);
        for (qsizetype r = 0; r < scene.nodes.at(i).rows.size(); ++r) {
            ng.rows.append(QRectF(ng.rect.left(), ng.rect.top() + metrics::headerHeight + metrics::rowHeight * static_cast<double>(r),
                                  w, metrics::rowHeight));
        }
        geometry.nodes.append(ng);
    }

    geometry.edges.reserve(scene.edges.size());
    for (qsizetype i = 0; i < scene.edges.size(); ++i) {
        Agedge_t *edge = edges.at(i);
        EdgeGeometry eg;
        eg.key = scene.edges.at(i).key;
        const splines *spl = ED_spl(edge);
        if (spl && spl->size > 0) {
            for (decltype(spl->size) b = 0; b < spl->size; ++b) {
                const bezier &bz = spl->list[b];
                for (decltype(bz.size) k = 0; k < bz.size; ++k) {
                    // Consecutive beziers share their joint point; keep it once.
                    if (b > 0 && k == 0)
                        continue;
                    eg.points.append(toPixels(bz.list[k]));
                }
            }
            const bezier &last = spl->list[spl->size - 1];
            eg.arrowTip = last.eflag ? toPixels(last.ep) : eg.points.last();
        }
        if (const textlabel_t *label = ED_label(edge); label && label->set) {
            const QPointF c = toPixels(label->pos);
            const double lw = label->dimen.x * PixelsPerPoint;
            const double lh = label->dimen.y * PixelsPerPoint;
            eg.labelRect = QRectF(c.x() - lw / 2, c.y() - lh / 2, lw, lh);
        }
        geometry.edges.append(eg);
    }
    result.value = std::move(geometry);
    return result;
}

} // namespace chainscope::layout
