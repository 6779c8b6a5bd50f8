// QPainter rendering of a laid-out discovery chain, styled by layout/palette.h like the routing view.
#include "export/diagrampainter.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace chainscope::exporter {

namespace m = layout::metrics;

namespace {

constexpr double kTitlePixelSize = 20.0;
constexpr double kInfoPixelSize = 11.0;
constexpr double kLegendPixelSize = 11.0;
constexpr double kLineGap = 4.0;
constexpr double kMinPageWidth = 560.0;
constexpr double kLegendSwatch = 14.0;
constexpr double kLegendItemGap = 18.0;
constexpr double kLegendRowHeight = 22.0;
constexpr double kAccentStripe = 3.0;
constexpr double kStateDotRadius = 5.0;

QFont makeFont(double pixelSize, bool bold = false)
{
    QFont font = QGuiApplication::font();
    font.setPixelSize(std::max(1, qRound(pixelSize)));
    font.setBold(bold);
    font.setKerning(true);
    return font;
}

QColor color(const QString &hex, double alpha = 1.0)
{
    QColor c(hex);
    if (!c.isValid())
        c = QColor(Qt::black);
    c.setAlphaF(static_cast<float>(std::clamp(alpha, 0.0, 1.0)));
    return c;
}

/** Draws text into rect. Text a little too wide (the layout sizes boxes from an estimate, fonts differ) is
 *  drawn up to 20 % smaller so that it stays whole; only beyond that is it elided on the right. */
void drawText(QPainter &painter, const QRectF &rect, int flags, const QString &text)
{
    if (text.isEmpty() || rect.width() <= 0.0)
        return;
    const QFont original = painter.font();
    const double advance = QFontMetricsF(original).horizontalAdvance(text);
    if (advance <= rect.width() + 0.5) {
        painter.drawText(rect, flags | Qt::TextSingleLine, text);
        return;
    }
    QFont smaller = original;
    const int minimum = std::max(1, qFloor(original.pixelSize() * 0.8));
    smaller.setPixelSize(std::max(minimum, qFloor(original.pixelSize() * rect.width() / advance)));
    const QFontMetricsF fm(smaller);
    const QString shown = fm.horizontalAdvance(text) <= rect.width() + 0.5 ? text : fm.elidedText(text, Qt::ElideRight, rect.width());
    painter.setFont(smaller);
    painter.drawText(rect, flags | Qt::TextSingleLine, shown);
    painter.setFont(original);
}

const layout::NodeOverlay &nodeOverlay(const Diagram &d, qsizetype i)
{
    static const layout::NodeOverlay none;
    return i < d.overlay.nodes.size() ? d.overlay.nodes.at(i) : none;
}

const layout::EdgeOverlay &edgeOverlay(const Diagram &d, qsizetype i)
{
    static const layout::EdgeOverlay none;
    return i < d.overlay.edges.size() ? d.overlay.edges.at(i) : none;
}

bool hasSimulation(const Diagram &d)
{
    return std::any_of(d.overlay.nodes.cbegin(), d.overlay.nodes.cend(),
                       [](const layout::NodeOverlay &o) { return o.state != layout::NodeState::Unknown || o.traffic >= 0.0; });
}

// ---- title block ---------------------------------------------------------------------------------

struct TitleLine {
    QString text;
    double pixelSize;
    bool bold;
    bool muted;
};

QList<TitleLine> titleLines(const Diagram &d)
{
    QList<TitleLine> lines;
    QString heading = d.info.service.isEmpty() ? d.scene.service : d.info.service;
    QStringList where;
    if (!d.info.datacenter.isEmpty())
        where << d.info.datacenter;
    if (!d.info.namespace_.isEmpty() && d.info.namespace_ != u"default")
        where << QStringLiteral("namespace ") + d.info.namespace_;
    lines.append({heading, kTitlePixelSize, true, false});
    lines.append({QStringLiteral("Discovery chain") + (where.isEmpty() ? QString() : QStringLiteral(" · ") + where.join(QStringLiteral(" · "))),
                  kInfoPixelSize + 1.0, false, false});
    if (!d.info.sources.isEmpty())
        lines.append({QStringLiteral("Sources: ") + d.info.sources.join(QStringLiteral(", ")), kInfoPixelSize, false, true});
    if (!d.info.scenario.isEmpty())
        lines.append({QStringLiteral("Simulation: ") + d.info.scenario, kInfoPixelSize, false, true});
    if (d.info.timestamp.isValid()) {
        const QString when = d.info.timestamp.toTimeZone(QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        const QString by = QStringLiteral("chainscope");
        const QString version = QCoreApplication::applicationVersion();
        lines.append({QStringLiteral("Exported ") + when + QStringLiteral(" by ") + by + (version.isEmpty() ? QString() : u' ' + version),
                      kInfoPixelSize, false, true});
    }
    return lines;
}

double lineHeight(const TitleLine &line)
{
    return QFontMetricsF(makeFont(line.pixelSize, line.bold)).height();
}

// ---- legend --------------------------------------------------------------------------------------

enum class SwatchKind { Box, Line, Dot };

struct LegendItem {
    SwatchKind kind;
    QString colorHex;
    QString label;
    bool dashed = false;
    double width = 1.5;
};

QList<LegendItem> legendItems(const Diagram &d)
{
    // Only what the drawing uses: a legend entry for something absent is noise.
    const layout::Palette &p = layout::palette(d.scheme);
    const auto hasNode = [&](layout::NodeKind kind) {
        return std::any_of(d.scene.nodes.cbegin(), d.scene.nodes.cend(), [kind](const layout::SceneNode &n) { return n.kind == kind; });
    };
    const auto hasEdge = [&](layout::EdgeKind kind) {
        return std::any_of(d.scene.edges.cbegin(), d.scene.edges.cend(), [kind](const layout::SceneEdge &e) { return e.kind == kind; });
    };
    QList<LegendItem> items;
    const auto addKind = [&](layout::NodeKind kind, const QString &label) {
        if (hasNode(kind))
            items.append({SwatchKind::Box, layout::kindAccent(p, kind), label});
    };
    addKind(layout::NodeKind::Router, QStringLiteral("router"));
    addKind(layout::NodeKind::Splitter, QStringLiteral("splitter"));
    addKind(layout::NodeKind::Resolver, QStringLiteral("resolver"));
    addKind(layout::NodeKind::Target, QStringLiteral("target"));
    const layout::EdgeStyle plain = layout::edgeStyle(p, layout::EdgeKind::Resolve);
    const layout::EdgeStyle redirect = layout::edgeStyle(p, layout::EdgeKind::Redirect);
    const layout::EdgeStyle failover = layout::edgeStyle(p, layout::EdgeKind::Failover);
    if (hasEdge(layout::EdgeKind::Route) || hasEdge(layout::EdgeKind::Split) || hasEdge(layout::EdgeKind::Resolve))
        items.append({SwatchKind::Line, plain.color, QStringLiteral("route / split / resolve"), plain.dashed, plain.width});
    if (hasEdge(layout::EdgeKind::Redirect))
        items.append({SwatchKind::Line, redirect.color, QStringLiteral("redirect"), redirect.dashed, redirect.width});
    if (hasEdge(layout::EdgeKind::Failover))
        items.append({SwatchKind::Line, failover.color, QStringLiteral("failover"), failover.dashed, failover.width});
    if (hasSimulation(d)) {
        const bool engagedShown = std::any_of(d.overlay.edges.cbegin(), d.overlay.edges.cend(), [](const layout::EdgeOverlay &o) { return o.emphasised; });
        const bool deniedShown = std::any_of(d.overlay.edges.cbegin(), d.overlay.edges.cend(), [](const layout::EdgeOverlay &o) { return o.denied; })
            || std::any_of(d.overlay.nodes.cbegin(), d.overlay.nodes.cend(), [](const layout::NodeOverlay &o) { return o.denied; });
        if (engagedShown) {
            layout::EdgeOverlay engaged;
            engaged.emphasised = true;
            const layout::EdgeStyle e = layout::edgeStyle(p, layout::EdgeKind::Failover, engaged);
            items.append({SwatchKind::Line, e.color, QStringLiteral("failover taking traffic"), e.dashed, e.width});
        }
        if (deniedShown) {
            layout::EdgeOverlay denied;
            denied.denied = true;
            const layout::EdgeStyle x = layout::edgeStyle(p, layout::EdgeKind::Resolve, denied);
            items.append({SwatchKind::Line, x.color, QStringLiteral("denied by intentions"), x.dashed, x.width});
        }
        items.append({SwatchKind::Dot, p.active, QStringLiteral("active")});
        items.append({SwatchKind::Dot, p.standby, QStringLiteral("standby")});
        items.append({SwatchKind::Dot, p.dead, QStringLiteral("no healthy instance")});
    }
    return items;
}

double legendItemWidth(const LegendItem &item, const QFontMetricsF &fm)
{
    const double swatch = item.kind == SwatchKind::Line ? 2.0 * kLegendSwatch : kLegendSwatch;
    return swatch + 6.0 + fm.horizontalAdvance(item.label);
}

/** Positions of the legend items (top-left of each item) flowing left to right within width. */
QList<QPointF> legendPositions(const QList<LegendItem> &items, double width, double *height)
{
    const QFontMetricsF fm(makeFont(kLegendPixelSize));
    QList<QPointF> positions;
    double x = 0.0;
    double y = 0.0;
    for (const LegendItem &item : items) {
        const double w = legendItemWidth(item, fm);
        if (x > 0.0 && x + w > width) {
            x = 0.0;
            y += kLegendRowHeight;
        }
        positions.append(QPointF(x, y));
        x += w + kLegendItemGap;
    }
    *height = items.isEmpty() ? 0.0 : y + kLegendRowHeight;
    return positions;
}

void paintLegend(QPainter &painter, const Diagram &d, const QRectF &area)
{
    const layout::Palette &p = layout::palette(d.scheme);
    const QList<LegendItem> items = legendItems(d);
    double height = 0.0;
    const QList<QPointF> positions = legendPositions(items, area.width(), &height);
    painter.setFont(makeFont(kLegendPixelSize));
    const QFontMetricsF fm(painter.font());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const LegendItem &item = items.at(i);
        const QPointF at = area.topLeft() + positions.at(i);
        const double midY = at.y() + kLegendRowHeight / 2.0;
        double textX = at.x() + kLegendSwatch + 6.0;
        switch (item.kind) {
        case SwatchKind::Box: {
            const QRectF box(at.x(), midY - kLegendSwatch / 2.0, kLegendSwatch, kLegendSwatch);
            painter.setPen(QPen(color(p.border), 1.0));
            painter.setBrush(color(p.surface));
            painter.drawRoundedRect(box, 3.0, 3.0);
            painter.setPen(Qt::NoPen);
            painter.setBrush(color(item.colorHex));
            painter.drawRect(QRectF(box.left(), box.top(), box.width(), kAccentStripe + 1.0));
            break;
        }
        case SwatchKind::Line: {
            QPen pen(color(item.colorHex), item.width);
            pen.setCapStyle(Qt::FlatCap);
            if (item.dashed)
                pen.setDashPattern({4.0, 3.0});
            painter.setPen(pen);
            painter.drawLine(QPointF(at.x(), midY), QPointF(at.x() + 2.0 * kLegendSwatch, midY));
            textX = at.x() + 2.0 * kLegendSwatch + 6.0;
            break;
        }
        case SwatchKind::Dot:
            painter.setPen(Qt::NoPen);
            painter.setBrush(color(item.colorHex));
            painter.drawEllipse(QPointF(at.x() + kLegendSwatch / 2.0, midY), kStateDotRadius, kStateDotRadius);
            break;
        }
        painter.setPen(color(p.textMuted));
        painter.setBrush(Qt::NoBrush);
        painter.drawText(QRectF(textX, at.y(), fm.horizontalAdvance(item.label) + 2.0, kLegendRowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, item.label);
    }
}

// ---- nodes and edges -----------------------------------------------------------------------------

void paintNode(QPainter &painter, const Diagram &d, qsizetype index)
{
    const layout::Palette &p = layout::palette(d.scheme);
    const layout::SceneNode &node = d.scene.nodes.at(index);
    const layout::NodeGeometry &g = d.geometry.nodes.at(index);
    const layout::NodeOverlay &overlay = nodeOverlay(d, index);
    const layout::NodeStyle style = layout::nodeStyle(p, node.kind, overlay);

    painter.save();
    painter.setOpacity(style.opacity);

    QPainterPath shape;
    shape.addRoundedRect(g.rect, m::cornerRadius, m::cornerRadius);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color(style.fill));
    painter.drawPath(shape);

    // Header band: the neutral header fill with a tint of the kind accent, and the accent stripe on top.
    painter.save();
    painter.setClipPath(shape);
    const QRectF header = g.header.isNull() ? QRectF(g.rect.left(), g.rect.top(), g.rect.width(), m::headerHeight) : g.header;
    painter.setBrush(color(style.headerFill));
    painter.drawRect(header);
    painter.setBrush(color(style.accent, 0.10));
    painter.drawRect(header);
    painter.setBrush(color(style.accent));
    painter.drawRect(QRectF(g.rect.left(), g.rect.top(), g.rect.width(), kAccentStripe));
    // Row separators.
    painter.setPen(QPen(color(p.grid), 1.0));
    for (qsizetype r = 1; r < g.rows.size(); ++r)
        painter.drawLine(QLineF(g.rect.left(), g.rows.at(r).top(), g.rect.right(), g.rows.at(r).top()));
    if (!g.rows.isEmpty()) {
        painter.setPen(QPen(color(p.border), 1.0));
        painter.drawLine(QLineF(g.rect.left(), header.bottom(), g.rect.right(), header.bottom()));
    }
    painter.restore();

    painter.setPen(QPen(color(style.border), style.borderWidth));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(shape);

    // Header text: title (bold) with the simulation figures and state dot on its right, subtitle (muted) below.
    const double innerLeft = header.left() + m::paddingX;
    double innerRight = header.right() - m::paddingX;
    const double titleTop = header.top() + kAccentStripe + 3.0;
    const double titleHeight = m::titlePixelSize * 1.45;
    const double subtitleTop = titleTop + titleHeight;
    const double subtitleHeight = std::max(0.0, header.bottom() - subtitleTop - 2.0);
    if (!style.stateColor.isEmpty()) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(color(style.stateColor));
        painter.drawEllipse(QPointF(innerRight - kStateDotRadius, titleTop + titleHeight / 2.0), kStateDotRadius, kStateDotRadius);
        painter.setBrush(Qt::NoBrush);
        innerRight -= 2.0 * kStateDotRadius + 6.0;
    }
    // Traffic share beside the title, health ("2/3 healthy") beside the subtitle: boxes are sized for the
    // titles, and this spreads the figures over the two lines.
    const QString share = overlay.traffic >= 0.0 && node.kind != layout::NodeKind::Router && node.kind != layout::NodeKind::Splitter
        ? layout::formatShare(overlay.traffic)
        : QString();
    const QString figureColor = style.stateColor.isEmpty() ? p.textMuted : style.stateColor;
    const auto drawLine = [&](const QFont &mainFont, const QString &mainColor, const QString &text, double top, double height, double right,
                              const QString &figure) {
        const QFont figureFont = makeFont(m::subtitlePixelSize);
        if (!figure.isEmpty()) {
            // The scene's own text keeps its width; the figure gets what is left (shrunk or elided if it
            // must be), and is left out when not even a few characters would fit.
            const double available = std::max(0.0, right - innerLeft);
            const double mainWidth = QFontMetricsF(mainFont).horizontalAdvance(text);
            const double room = std::max(0.0, available - std::min(mainWidth, available) - m::detailGap / 2.0);
            const double advance = QFontMetricsF(figureFont).horizontalAdvance(figure);
            const double figureWidth = std::min(advance, room);
            if (figureWidth >= std::min(advance, 3.0 * m::subtitlePixelSize)) {
                painter.setFont(figureFont);
                painter.setPen(color(figureColor));
                drawText(painter, QRectF(right - figureWidth, top, figureWidth, height), Qt::AlignRight | Qt::AlignVCenter, figure);
                right -= figureWidth + m::detailGap / 2.0;
            }
        }
        painter.setFont(mainFont);
        painter.setPen(color(mainColor));
        drawText(painter, QRectF(innerLeft, top, std::max(0.0, right - innerLeft), height), Qt::AlignLeft | Qt::AlignVCenter, text);
    };
    drawLine(makeFont(m::titlePixelSize, true), p.text, node.title, titleTop, titleHeight, innerRight, share);
    drawLine(makeFont(m::subtitlePixelSize), p.textMuted, node.subtitle, subtitleTop, subtitleHeight, header.right() - m::paddingX,
             overlay.healthText);

    // Rows: text on the left, detail muted and right-aligned.
    const qsizetype rows = std::min(node.rows.size(), g.rows.size());
    const QFont rowFont = makeFont(m::rowPixelSize);
    const QFontMetricsF rowMetrics(rowFont);
    painter.setFont(rowFont);
    for (qsizetype r = 0; r < rows; ++r) {
        const layout::SceneRow &row = node.rows.at(r);
        const QRectF rr = g.rows.at(r).adjusted(m::paddingX, 0.0, -m::paddingX, 0.0);
        double detailWidth = 0.0;
        if (!row.detail.isEmpty()) {
            // The detail gets its width unless that would leave the main text less than half the row.
            const double textWidth = rowMetrics.horizontalAdvance(row.text);
            detailWidth = std::min(rowMetrics.horizontalAdvance(row.detail), std::max(rr.width() / 2.0, rr.width() - m::detailGap - textWidth));
            painter.setPen(color(p.textMuted));
            drawText(painter, QRectF(rr.right() - detailWidth, rr.top(), detailWidth, rr.height()), Qt::AlignRight | Qt::AlignVCenter,
                     row.detail);
            detailWidth += m::detailGap;
        }
        painter.setPen(color(p.text));
        drawText(painter, QRectF(rr.left(), rr.top(), std::max(0.0, rr.width() - detailWidth), rr.height()), Qt::AlignLeft | Qt::AlignVCenter,
                 row.text);
    }
    painter.restore();
}

QPainterPath edgePath(const layout::EdgeGeometry &g)
{
    QPainterPath path;
    if (g.points.isEmpty())
        return path;
    path.moveTo(g.points.first());
    qsizetype i = 1;
    for (; i + 2 < g.points.size(); i += 3)
        path.cubicTo(g.points.at(i), g.points.at(i + 1), g.points.at(i + 2));
    // A malformed tail (not a multiple of three) is drawn as straight lines rather than dropped.
    for (; i < g.points.size(); ++i)
        path.lineTo(g.points.at(i));
    return path;
}

void paintEdge(QPainter &painter, const Diagram &d, qsizetype index)
{
    const layout::Palette &p = layout::palette(d.scheme);
    const layout::SceneEdge &edge = d.scene.edges.at(index);
    const layout::EdgeGeometry &g = d.geometry.edges.at(index);
    const layout::EdgeOverlay &overlay = edgeOverlay(d, index);
    const layout::EdgeStyle style = layout::edgeStyle(p, edge.kind, overlay);
    if (g.points.isEmpty())
        return;

    painter.save();
    painter.setOpacity(style.opacity);
    QPen pen(color(style.color), style.width);
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::RoundJoin);
    if (style.dashed)
        pen.setDashPattern({5.0, 4.0});
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(edgePath(g));

    // Arrowhead from the end of the path (its base) to the tip on the target's border.
    const QPointF base = g.points.last();
    QPointF tip = g.arrowTip;
    QLineF axis(base, tip);
    if (axis.length() < 0.5) {
        const QPointF before = g.points.size() > 1 ? g.points.at(g.points.size() - 2) : base - QPointF(1.0, 0.0);
        axis = QLineF(before, base);
        axis.setLength(m::arrowLength);
        axis.translate(base - axis.p1());
        tip = axis.p2();
    }
    const QLineF normal = axis.normalVector();
    const QPointF half = (normal.p2() - normal.p1()) * (m::arrowWidth / 2.0 / std::max(axis.length(), 0.001));
    painter.setPen(Qt::NoPen);
    painter.setBrush(color(style.color));
    painter.drawPolygon(QPolygonF({tip, base + half, base - half}));

    // Label: the static text and, under a simulation, the traffic share; room for both was reserved.
    const QString text = edgeLabelText(edge, overlay);
    if (!text.isEmpty() && !g.labelRect.isNull()) {
        painter.setOpacity(1.0);
        painter.setPen(QPen(color(style.color, overlay.emphasised || overlay.denied ? 1.0 : 0.45), 1.0));
        painter.setBrush(color(p.labelFill));
        painter.drawRoundedRect(g.labelRect, 4.0, 4.0);
        painter.setFont(makeFont(m::labelPixelSize, overlay.emphasised || overlay.denied));
        painter.setPen(color(overlay.emphasised || overlay.denied ? style.color : p.textMuted));
        drawText(painter, g.labelRect.adjusted(m::labelPaddingX / 2.0, 0.0, -m::labelPaddingX / 2.0, 0.0), Qt::AlignCenter, text);
    }
    painter.restore();
}

} // namespace

QString edgeLabelText(const layout::SceneEdge &edge, const layout::EdgeOverlay &overlay)
{
    QString extra;
    if (overlay.denied)
        extra = QStringLiteral("denied");
    else if (overlay.traffic >= 0.0 && edge.kind != layout::EdgeKind::Redirect)
        extra = layout::formatShare(overlay.traffic);
    if (extra.isEmpty())
        return edge.label;
    return edge.label.isEmpty() ? extra : edge.label + QStringLiteral(" · ") + extra;
}

PageLayout pageLayout(const Diagram &d)
{
    PageLayout page;
    const QRectF bounds = d.geometry.bounds;
    double width = std::max(kMinPageWidth, bounds.width());

    double titleHeight = m::margin;
    for (const TitleLine &line : titleLines(d))
        titleHeight += lineHeight(line) + kLineGap;
    titleHeight += m::margin / 2.0;

    double legendHeight = 0.0;
    legendPositions(legendItems(d), width - 2.0 * m::margin, &legendHeight);

    page.titleBlock = QRectF(m::margin, m::margin, width - 2.0 * m::margin, titleHeight - m::margin);
    page.drawingOrigin = QPointF(std::max(0.0, (width - bounds.width()) / 2.0) - bounds.left(), titleHeight - bounds.top());
    page.legend = QRectF(m::margin, titleHeight + bounds.height() + m::margin / 2.0, width - 2.0 * m::margin, legendHeight);
    page.size = QSizeF(std::ceil(width), std::ceil(page.legend.bottom() + m::margin));
    return page;
}

void paintDrawing(QPainter &painter, const Diagram &d)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    // Edges first so arrowheads tuck under node borders, as on screen; labels are part of each edge.
    for (qsizetype i = 0; i < d.scene.edges.size() && i < d.geometry.edges.size(); ++i)
        paintEdge(painter, d, i);
    for (qsizetype i = 0; i < d.scene.nodes.size() && i < d.geometry.nodes.size(); ++i)
        paintNode(painter, d, i);
    painter.restore();
}

void paintDiagram(QPainter &painter, const Diagram &d)
{
    const layout::Palette &p = layout::palette(d.scheme);
    const PageLayout page = pageLayout(d);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(QRectF(QPointF(0.0, 0.0), page.size), color(p.background));

    double y = page.titleBlock.top();
    for (const TitleLine &line : titleLines(d)) {
        painter.setFont(makeFont(line.pixelSize, line.bold));
        painter.setPen(color(line.muted ? p.textMuted : p.text));
        const double h = lineHeight(line);
        drawText(painter, QRectF(page.titleBlock.left(), y, page.titleBlock.width(), h), Qt::AlignLeft | Qt::AlignVCenter, line.text);
        y += h + kLineGap;
    }
    painter.setPen(QPen(color(p.grid), 1.0));
    painter.drawLine(QLineF(page.titleBlock.left(), page.titleBlock.bottom() + 2.0, page.titleBlock.right(), page.titleBlock.bottom() + 2.0));

    painter.save();
    painter.translate(page.drawingOrigin);
    paintDrawing(painter, d);
    painter.restore();

    paintLegend(painter, d, page.legend);
    painter.restore();
}

} // namespace chainscope::exporter
