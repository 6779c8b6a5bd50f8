// The light and dark palettes and the style rules shared by screen and export.
#include "layout/palette.h"

#include <algorithm>

namespace chainscope::layout {

const Palette &palette(ColorScheme scheme)
{
    // Colours chosen for contrast on both schemes (text ≥ 7:1, accents ≥ 3:1 against the node surface);
    // kind accents and state colours are kept apart so "orange = resolver" never reads as "standby".
    static const Palette light{
        .background = QStringLiteral("#f5f6f8"),
        .surface = QStringLiteral("#ffffff"),
        .headerFill = QStringLiteral("#f0f2f5"),
        .border = QStringLiteral("#c6ccd5"),
        .text = QStringLiteral("#1c2128"),
        .textMuted = QStringLiteral("#5c6773"),
        .grid = QStringLiteral("#e7eaee"),
        .router = QStringLiteral("#8250df"),
        .splitter = QStringLiteral("#0a7ea4"),
        .resolver = QStringLiteral("#b35900"),
        .target = QStringLiteral("#3b5bdb"),
        .edge = QStringLiteral("#848d97"),
        .redirect = QStringLiteral("#8250df"),
        .failover = QStringLiteral("#a0781e"),
        .engaged = QStringLiteral("#e8590c"),
        .denied = QStringLiteral("#cf222e"),
        .active = QStringLiteral("#1a7f37"),
        .standby = QStringLiteral("#9a6700"),
        .dead = QStringLiteral("#cf222e"),
        .selection = QStringLiteral("#0969da"),
        .labelFill = QStringLiteral("#ffffff"),
    };
    static const Palette dark{
        .background = QStringLiteral("#14171c"),
        .surface = QStringLiteral("#1e232b"),
        .headerFill = QStringLiteral("#252b34"),
        .border = QStringLiteral("#3a424e"),
        .text = QStringLiteral("#e6edf3"),
        .textMuted = QStringLiteral("#9ba6b2"),
        .grid = QStringLiteral("#2c333c"),
        .router = QStringLiteral("#b392f0"),
        .splitter = QStringLiteral("#39c5cf"),
        .resolver = QStringLiteral("#f0883e"),
        .target = QStringLiteral("#7c9dff"),
        .edge = QStringLiteral("#6e7782"),
        .redirect = QStringLiteral("#b392f0"),
        .failover = QStringLiteral("#c9a13b"),
        .engaged = QStringLiteral("#ff8c42"),
        .denied = QStringLiteral("#ff6b6b"),
        .active = QStringLiteral("#3fb950"),
        .standby = QStringLiteral("#d29922"),
        .dead = QStringLiteral("#f85149"),
        .selection = QStringLiteral("#58a6ff"),
        .labelFill = QStringLiteral("#1e232b"),
    };
    return scheme == ColorScheme::Dark ? dark : light;
}

QString kindAccent(const Palette &p, NodeKind kind)
{
    switch (kind) {
    case NodeKind::Router:
        return p.router;
    case NodeKind::Splitter:
        return p.splitter;
    case NodeKind::Resolver:
        return p.resolver;
    case NodeKind::Target:
        return p.target;
    }
    Q_UNREACHABLE();
    return p.border;
}

QString stateColor(const Palette &p, NodeState state)
{
    switch (state) {
    case NodeState::Unknown:
        return QString();
    case NodeState::Active:
        return p.active;
    case NodeState::Standby:
        return p.standby;
    case NodeState::Dead:
        return p.dead;
    }
    Q_UNREACHABLE();
    return QString();
}

NodeStyle nodeStyle(const Palette &p, NodeKind kind, const NodeOverlay &overlay)
{
    NodeStyle s;
    s.fill = p.surface;
    s.headerFill = p.headerFill;
    s.accent = kindAccent(p, kind);
    s.stateColor = stateColor(p, overlay.state);
    s.border = p.border;
    if (overlay.denied) {
        s.border = p.denied;
        s.borderWidth = 2.0;
    } else if (overlay.emphasised) {
        s.border = p.engaged;
        s.borderWidth = 2.0;
    } else if (overlay.state == NodeState::Dead) {
        s.border = p.dead;
    }
    if (overlay.state == NodeState::Standby)
        s.opacity = 0.85;
    else if (overlay.state == NodeState::Dead)
        s.opacity = 0.75;
    return s;
}

EdgeStyle edgeStyle(const Palette &p, EdgeKind kind, const EdgeOverlay &overlay)
{
    EdgeStyle s;
    s.color = p.edge;
    switch (kind) {
    case EdgeKind::Route:
    case EdgeKind::Split:
    case EdgeKind::Resolve:
        break;
    case EdgeKind::Redirect:
        s.color = p.redirect;
        s.dashed = true;
        break;
    case EdgeKind::Failover:
        s.color = p.failover;
        s.dashed = true;
        break;
    }
    if (overlay.traffic >= 0.0) {
        // Under a simulation the line weight carries the share, and idle paths step back.
        s.width = 1.5 + 2.5 * std::clamp(overlay.traffic, 0.0, 1.0);
        if (overlay.traffic <= 0.0 && !overlay.emphasised && !overlay.denied)
            s.opacity = 0.45;
    }
    if (overlay.emphasised) {
        s.color = p.engaged;
        s.dashed = false;
        s.width = std::max(s.width, 3.0);
    }
    if (overlay.denied) {
        s.color = p.denied;
        s.dashed = false;
        s.width = std::max(s.width, 2.0);
        s.opacity = 1.0;
    }
    return s;
}

double estimateTextWidth(QStringView text, double pixelSize, bool bold)
{
    // Advance widths in em of a typical UI sans (DejaVu Sans / Noto Sans), rounded up per class.
    double em = 0.0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (c.isLowSurrogate())
            continue;
        if (u == u' ' || u == u'.' || u == u',' || u == u':' || u == u';' || u == u'\'' || u == u'|' || u == u'!'
            || u == u'i' || u == u'l' || u == u'j' || u == u'I' || u == u'(' || u == u')' || u == u'[' || u == u']'
            || u == u'{' || u == u'}' || u == u'f' || u == u't' || u == u'r' || u == u'/')
            em += 0.36;
        else if (u == u'm' || u == u'w' || u == u'M' || u == u'W' || u == u'@' || u == u'%')
            em += 0.96;
        else if (u >= u'A' && u <= u'Z')
            em += 0.74;
        else if (u >= u'0' && u <= u'9')
            em += 0.64;
        else if (u < 0x80)
            em += 0.62;
        else if (c.isHighSurrogate() || u >= 0x2E80)
            em += 1.05; // CJK and astral symbols are about one em wide
        else
            em += 0.7;
    }
    return em * pixelSize * (bold ? 1.08 : 1.0);
}

} // namespace chainscope::layout
