// One arrow: the Graphviz spline as a Shape path, its arrowhead, and a label with the static text
// ("50%", "1st failover") plus the simulated traffic share. Denied edges are red and name the deciding
// intention; engaged failover edges are drawn heavier in the engaged colour.
import QtQuick
import QtQuick.Shapes

Item {
    id: edge

    required property string key
    required property string kind
    required property string path
    required property string arrowPath
    required property string label
    required property string trafficText
    required property real labelX
    required property real labelY
    required property real labelWidth
    required property real labelHeight
    required property color strokeColor
    required property real strokeWidth
    required property bool dashed
    required property real edgeOpacity
    required property bool emphasised
    required property bool denied
    required property string note
    required property string provenance
    required property bool onPath
    /** Something is selected: edges off the selected paths step back. */
    property bool dimmed: false
    property bool hovered: false

    objectName: "edge:" + key
    // "1st failover · 40%"; a split whose share equals its weight shows the figure once.
    readonly property string labelText: label.length > 0 && trafficText.length > 0 && label !== trafficText ? label + " · " + trafficText
                                        : (label.length > 0 ? label : trafficText)

    opacity: dimmed && !onPath ? 0.25 : edgeOpacity
    Accessible.role: Accessible.Graphic
    Accessible.name: kind + " edge " + labelText + (denied ? ", denied: " + note : "")

    Shape {
        anchors.fill: parent
        ShapePath {
            strokeColor: edge.strokeColor
            strokeWidth: edge.onPath || edge.hovered ? edge.strokeWidth + 1 : edge.strokeWidth
            fillColor: "transparent"
            strokeStyle: edge.dashed ? ShapePath.DashLine : ShapePath.SolidLine
            dashPattern: [5, 4]
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathSvg { path: edge.path }
        }
        ShapePath {
            strokeColor: edge.strokeColor
            strokeWidth: 1
            fillColor: edge.strokeColor
            joinStyle: ShapePath.MiterJoin
            PathSvg { path: edge.arrowPath }
        }
    }

    Rectangle {
        id: labelBox
        visible: edge.labelText.length > 0
        x: edge.labelX + (edge.labelWidth - width) / 2
        y: edge.labelY + (edge.labelHeight - height) / 2
        width: Math.min(edge.labelWidth, labelTextItem.implicitWidth + 2 * Theme.metrics.labelPaddingX)
        height: edge.labelHeight
        radius: height / 2
        color: Theme.colors.labelFill
        border.color: edge.strokeColor
        border.width: edge.emphasised || edge.denied ? 1.5 : 1

        Text {
            id: labelTextItem
            objectName: "edgeLabel:" + edge.key
            anchors.centerIn: parent
            width: Math.min(implicitWidth, edge.labelWidth - 2 * Theme.metrics.labelPaddingX)
            text: edge.labelText
            elide: Text.ElideRight
            color: edge.denied ? Theme.colors.denied : (edge.emphasised ? Theme.colors.engaged : Theme.text)
            font.pixelSize: Theme.metrics.labelPixelSize
            font.bold: edge.emphasised || edge.denied
        }
    }
}
