// Colours and sizes for every view: the C++ palette (shared with the exporters), light or dark following
// the system palette, plus the metrics the layout sized the boxes with.
pragma Singleton
import QtQuick
import Chainscope.Models

QtObject {
    id: theme

    readonly property SystemPalette system: SystemPalette { colorGroup: SystemPalette.Active }
    /** Dark when the system window colour is dark; can be forced (View ▸ Dark). */
    property bool forceDark: false
    property bool forceLight: false
    readonly property bool dark: forceDark || (!forceLight && system.window.hslLightness < 0.5)
    readonly property var colors: dark ? Style.dark : Style.light
    readonly property var metrics: Style.metrics

    readonly property color background: colors.background
    readonly property color surface: colors.surface
    readonly property color border: colors.border
    readonly property color text: colors.text
    readonly property color textMuted: colors.textMuted
    readonly property color selection: colors.selection
    readonly property color panel: dark ? Qt.lighter(colors.background, 1.25) : Qt.darker(colors.background, 1.02)
    readonly property color error: colors.dead
    readonly property color warning: colors.standby
    readonly property color ok: colors.active

    readonly property string monoFont: "DejaVu Sans Mono"
    readonly property int spacing: 8
    readonly property int smallFont: 11
    readonly property int bodyFont: 13

    function kindColor(kind) {
        switch (kind) {
        case "router": return colors.router
        case "splitter": return colors.splitter
        case "resolver": return colors.resolver
        default: return colors.target
        }
    }
    function severityColor(severity) {
        return severity === "error" ? colors.dead : severity === "warning" ? colors.standby : colors.textMuted
    }
}
