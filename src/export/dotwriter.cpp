// DOT text for a diagram. Graphviz conventions: points (1/72 in), y up, node sizes in inches.
#include "export/dotwriter.h"

#include "export/diagrampainter.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <cmath>

namespace chainscope::exporter {

namespace m = layout::metrics;

namespace {

constexpr double kPointsPerPixel = 72.0 / 96.0;
const QString kFontName = QStringLiteral("Helvetica,Arial,sans-serif");

/** A DOT double-quoted string: quotes and backslashes escaped, line breaks kept as \n escapes. */
QString quoted(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        if (c == u'\n') {
            out += QStringLiteral("\\n");
            continue;
        }
        if (c == u'\r')
            continue;
        out += c;
    }
    out += u'"';
    return out;
}

/** Text inside an HTML-like label. */
QString html(const QString &text)
{
    QString out = text.toHtmlEscaped();
    out.replace(u'\n', QStringLiteral("<BR/>"));
    return out;
}

QString number(double value)
{
    // Two decimals are plenty for points and keep the output stable across platforms.
    if (!std::isfinite(value))
        value = 0.0;
    QString s = QString::number(value, 'f', 2);
    while (s.contains(u'.') && (s.endsWith(u'0') || s.endsWith(u'.')))
        s.chop(1);
    if (s == u"-0")
        s = QStringLiteral("0");
    return s;
}

QString point(const QPointF &p)
{
    return number(p.x()) + u',' + number(p.y());
}

QString attributes(const QList<std::pair<QString, QString>> &attrs)
{
    QStringList parts;
    for (const auto &[key, value] : attrs)
        parts << key + u'=' + value;
    return u'[' + parts.join(QStringLiteral(", ")) + u']';
}

/** A FONT element around text; nothing for empty text (Graphviz rejects an empty FONT element). */
QString font(const QString &text, const QString &colorHex, double pointSize = 0.0)
{
    if (text.isEmpty())
        return QString();
    QString open = QStringLiteral("<FONT COLOR=\"%1\"").arg(colorHex);
    if (pointSize > 0.0)
        open += QStringLiteral(" POINT-SIZE=\"%1\"").arg(number(pointSize));
    return open + u'>' + html(text) + QStringLiteral("</FONT>");
}

QString cell(const QString &attrs, const QString &content)
{
    return QStringLiteral("<TD ") + attrs + u'>' + content + QStringLiteral("</TD>");
}

QString nodeLabel(const layout::SceneNode &node, const layout::NodeStyle &style, const layout::NodeOverlay &overlay,
                  const layout::Palette &p)
{
    // Built by concatenation, never QString::arg() chains: user text may contain "%1".
    const QString muted = p.textMuted;
    const QString header = QStringLiteral("BGCOLOR=\"") + style.headerFill + u'"';
    QString figures = overlay.healthText;
    if (overlay.traffic >= 0.0 && node.kind != layout::NodeKind::Router && node.kind != layout::NodeKind::Splitter) {
        const QString share = layout::formatShare(overlay.traffic);
        figures = figures.isEmpty() ? share : figures + QStringLiteral(" · ") + share;
    }
    const double subtitlePoints = m::subtitlePixelSize * kPointsPerPixel;
    QString out = QStringLiteral("<<TABLE BORDER=\"") + (style.borderWidth >= 2.0 ? u'2' : u'1')
        + QStringLiteral("\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"4\" STYLE=\"rounded\" COLOR=\"") + style.border
        + QStringLiteral("\" BGCOLOR=\"") + style.fill + QStringLiteral("\">");
    out += QStringLiteral("<TR>") + cell(QStringLiteral("ALIGN=\"LEFT\" ") + header, node.title.isEmpty() ? QString() : QStringLiteral("<B>") + html(node.title) + QStringLiteral("</B>"))
        + cell(QStringLiteral("ALIGN=\"RIGHT\" ") + header, font(style.stateColor.isEmpty() ? QString() : QStringLiteral("●"), style.stateColor))
        + QStringLiteral("</TR>");
    out += QStringLiteral("<TR>") + cell(QStringLiteral("ALIGN=\"LEFT\" ") + header, font(node.subtitle, muted, subtitlePoints))
        + cell(QStringLiteral("ALIGN=\"RIGHT\" ") + header, font(figures, style.stateColor.isEmpty() ? muted : style.stateColor, subtitlePoints))
        + QStringLiteral("</TR>");
    const QString rowAttrs = QStringLiteral("SIDES=\"T\" COLOR=\"") + p.grid + u'"';
    for (qsizetype r = 0; r < node.rows.size(); ++r) {
        const layout::SceneRow &row = node.rows.at(r);
        // The port sits on the right-hand cell so that `:e` is the row's right edge, where the screen's edges leave.
        out += QStringLiteral("<TR>") + cell(QStringLiteral("ALIGN=\"LEFT\" ") + rowAttrs, html(row.text))
            + cell(QStringLiteral("PORT=\"r") + QString::number(r) + QStringLiteral("\" ALIGN=\"RIGHT\" ") + rowAttrs, font(row.detail, muted))
            + QStringLiteral("</TR>");
    }
    out += QStringLiteral("</TABLE>>");
    return out;
}

} // namespace

QPointF toGraphvizPoint(const QPointF &pixels, double drawingHeight)
{
    return QPointF(pixels.x() * kPointsPerPixel, (drawingHeight - pixels.y()) * kPointsPerPixel);
}

QByteArray writeDot(const Diagram &d)
{
    const layout::Palette &p = layout::palette(d.scheme);
    const double height = d.geometry.bounds.bottom();
    const double width = d.geometry.bounds.right();
    QString out;
    QTextStream s(&out);

    s << "// Discovery chain " << d.scene.service;
    if (!d.info.datacenter.isEmpty())
        s << " (" << d.info.datacenter << ')';
    s << ", laid out by chainscope";
    const QString version = QCoreApplication::applicationVersion();
    if (!version.isEmpty())
        s << ' ' << version;
    s << ".\n";
    for (const QString &source : d.info.sources)
        s << "// source: " << source << '\n';
    if (!d.info.scenario.isEmpty())
        s << "// simulation: " << d.info.scenario << '\n';
    if (d.info.timestamp.isValid())
        s << "// exported: " << d.info.timestamp.toTimeZone(QTimeZone::utc()).toString(Qt::ISODate) << '\n';
    s << "// Positions are chainscope's own layout: redraw it with `neato -n2 -Tsvg`, or let `dot` lay it out afresh.\n";

    s << "digraph " << quoted(d.scene.service) << " {\n";
    s << "  graph " << attributes({
        {QStringLiteral("rankdir"), QStringLiteral("LR")},
        {QStringLiteral("bb"), quoted(QStringLiteral("0,0,") + number(width * kPointsPerPixel) + u',' + number(height * kPointsPerPixel))},
        {QStringLiteral("bgcolor"), quoted(p.background)},
        {QStringLiteral("splines"), QStringLiteral("true")},
        {QStringLiteral("ranksep"), number(56.0 / 96.0)},
        {QStringLiteral("nodesep"), number(18.0 / 96.0)},
        {QStringLiteral("fontname"), quoted(kFontName)},
        {QStringLiteral("fontcolor"), quoted(p.text)},
        {QStringLiteral("label"), quoted(d.info.service.isEmpty() ? d.scene.service : d.info.service)},
        {QStringLiteral("labelloc"), QStringLiteral("t")},
        {QStringLiteral("labeljust"), QStringLiteral("l")},
    }) << ";\n";
    s << "  node " << attributes({
        {QStringLiteral("shape"), QStringLiteral("plain")},
        {QStringLiteral("fontname"), quoted(kFontName)},
        {QStringLiteral("fontsize"), number(m::rowPixelSize * kPointsPerPixel)},
        {QStringLiteral("fontcolor"), quoted(p.text)},
    }) << ";\n";
    s << "  edge " << attributes({
        {QStringLiteral("fontname"), quoted(kFontName)},
        {QStringLiteral("fontsize"), number(m::labelPixelSize * kPointsPerPixel)},
        {QStringLiteral("fontcolor"), quoted(p.textMuted)},
        {QStringLiteral("arrowsize"), number(m::arrowLength / 10.0)},
    }) << ";\n";

    static const layout::NodeOverlay noNode;
    static const layout::EdgeOverlay noEdge;
    for (qsizetype i = 0; i < d.scene.nodes.size(); ++i) {
        const layout::SceneNode &node = d.scene.nodes.at(i);
        const layout::NodeOverlay &overlay = i < d.overlay.nodes.size() ? d.overlay.nodes.at(i) : noNode;
        const layout::NodeStyle style = layout::nodeStyle(p, node.kind, overlay);
        QList<std::pair<QString, QString>> attrs;
        if (i < d.geometry.nodes.size()) {
            const QRectF rect = d.geometry.nodes.at(i).rect;
            attrs.append({QStringLiteral("pos"), quoted(point(toGraphvizPoint(rect.center(), height)))});
            attrs.append({QStringLiteral("width"), number(rect.width() / 96.0)});
            attrs.append({QStringLiteral("height"), number(rect.height() / 96.0)});
        }
        attrs.append({QStringLiteral("label"), nodeLabel(node, style, overlay, p)});
        attrs.append({QStringLiteral("id"), quoted(node.key)});
        attrs.append({QStringLiteral("class"), quoted(layout::nodeKindName(node.kind))});
        if (!node.provenance.isEmpty())
            attrs.append({QStringLiteral("tooltip"), quoted(node.provenance)});
        if (overlay.state != layout::NodeState::Unknown)
            attrs.append({QStringLiteral("chainscope_state"), quoted(layout::nodeStateName(overlay.state))});
        if (overlay.traffic >= 0.0)
            attrs.append({QStringLiteral("chainscope_traffic"), quoted(number(overlay.traffic * 100.0))});
        if (overlay.denied)
            attrs.append({QStringLiteral("chainscope_denied"), QStringLiteral("true")});
        if (!overlay.note.isEmpty())
            attrs.append({QStringLiteral("chainscope_note"), quoted(overlay.note)});
        s << "  " << quoted(node.key) << ' ' << attributes(attrs) << ";\n";
    }

    for (qsizetype i = 0; i < d.scene.edges.size(); ++i) {
        const layout::SceneEdge &edge = d.scene.edges.at(i);
        const layout::EdgeOverlay &overlay = i < d.overlay.edges.size() ? d.overlay.edges.at(i) : noEdge;
        const layout::EdgeStyle style = layout::edgeStyle(p, edge.kind, overlay);
        QList<std::pair<QString, QString>> attrs;
        if (i < d.geometry.edges.size()) {
            const layout::EdgeGeometry &g = d.geometry.edges.at(i);
            // Graphviz spline: "e,<arrow tip>" then 3n+1 control points; the path ends at the arrowhead's base.
            if (!g.points.isEmpty() && (g.points.size() - 1) % 3 == 0) {
                QStringList pts;
                pts << QStringLiteral("e,") + point(toGraphvizPoint(g.arrowTip, height));
                for (const QPointF &pt : g.points)
                    pts << point(toGraphvizPoint(pt, height));
                attrs.append({QStringLiteral("pos"), quoted(pts.join(u' '))});
            }
            if (!g.labelRect.isNull())
                attrs.append({QStringLiteral("lp"), quoted(point(toGraphvizPoint(g.labelRect.center(), height)))});
        }
        const QString label = edgeLabelText(edge, overlay);
        if (!label.isEmpty())
            attrs.append({QStringLiteral("label"), quoted(label)});
        attrs.append({QStringLiteral("id"), quoted(edge.key)});
        attrs.append({QStringLiteral("class"), quoted(layout::edgeKindName(edge.kind))});
        attrs.append({QStringLiteral("color"), quoted(style.color)});
        attrs.append({QStringLiteral("penwidth"), number(style.width * kPointsPerPixel)});
        if (style.dashed)
            attrs.append({QStringLiteral("style"), QStringLiteral("dashed")});
        if (overlay.emphasised || overlay.denied)
            attrs.append({QStringLiteral("fontcolor"), quoted(style.color)});
        if (style.opacity < 1.0)
            attrs.append({QStringLiteral("chainscope_opacity"), quoted(number(style.opacity))});
        if (edge.order > 0)
            attrs.append({QStringLiteral("chainscope_order"), QString::number(edge.order)});
        if (overlay.traffic >= 0.0)
            attrs.append({QStringLiteral("chainscope_traffic"), quoted(number(overlay.traffic * 100.0))});
        if (overlay.denied)
            attrs.append({QStringLiteral("chainscope_denied"), QStringLiteral("true")});
        if (!overlay.note.isEmpty())
            attrs.append({QStringLiteral("chainscope_note"), quoted(overlay.note)});
        if (!edge.provenance.isEmpty())
            attrs.append({QStringLiteral("tooltip"), quoted(edge.provenance)});
        s << "  " << quoted(edge.from);
        const qsizetype fromIndex = d.scene.indexOfNode(edge.from);
        if (edge.fromRow >= 0 && fromIndex >= 0 && edge.fromRow < d.scene.nodes.at(fromIndex).rows.size())
            s << ":r" << edge.fromRow << ":e";
        s << " -> " << quoted(edge.to) << ' ' << attributes(attrs) << ";\n";
    }
    s << "}\n";
    s.flush();
    return out.toUtf8();
}

} // namespace chainscope::exporter
