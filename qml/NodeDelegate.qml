// One box of the chain: a header band tinted with the kind colour (title, subtitle, state dot, traffic),
// then one row per route / split leg / resolver or target property. Geometry comes from the layout.
import QtQuick

Item {
    id: box

    required property int index
    required property string key
    required property string kind
    required property string title
    required property string subtitle
    required property var rows
    required property real boxX
    required property real boxY
    required property real boxWidth
    required property real boxHeight
    required property string provenance
    required property string nodeState
    required property string trafficText
    required property bool emphasised
    required property bool denied
    required property string note
    required property string healthText
    required property color fillColor
    required property color headerColor
    required property color borderColor
    required property color accentColor
    required property string stateColor
    required property real borderWidth
    required property real nodeOpacity
    required property bool onPath
    required property bool selected
    property bool dimmed: false
    readonly property bool hovered: hover.hovered

    signal clicked()

    objectName: "node:" + key
    x: boxX
    y: boxY
    width: boxWidth
    height: boxHeight
    opacity: dimmed && !onPath ? 0.35 : nodeOpacity

    Accessible.role: Accessible.Button
    Accessible.name: kind + " " + title + (nodeState !== "unknown" ? ", " + nodeState : "")
                     + (trafficText.length ? ", " + trafficText + " of traffic" : "")
    Accessible.description: provenance

    // Focus / selection ring outside the box.
    Rectangle {
        anchors.fill: parent
        anchors.margins: -4
        radius: Theme.metrics.cornerRadius + 3
        color: "transparent"
        border.color: Theme.selection
        border.width: 2
        visible: box.selected
    }

    Rectangle {
        id: frame
        anchors.fill: parent
        radius: Theme.metrics.cornerRadius
        color: box.fillColor
        border.color: box.hovered && !box.selected ? Theme.selection : box.borderColor
        border.width: box.borderWidth
        clip: true

        Rectangle {
            id: header
            x: frame.border.width
            y: frame.border.width
            width: parent.width - 2 * frame.border.width
            height: Theme.metrics.headerHeight - frame.border.width
            radius: Theme.metrics.cornerRadius - 1
            color: Qt.tint(box.headerColor, Qt.rgba(box.accentColor.r, box.accentColor.g, box.accentColor.b, 0.12))
            // Square off the header's bottom corners.
            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: parent.radius
                color: parent.color
            }
            Rectangle {
                width: 4
                height: parent.height
                color: box.accentColor
                radius: 1
            }
        }

        Rectangle {
            id: stateDot
            visible: box.stateColor.length > 0
            x: Theme.metrics.paddingX
            y: 9
            width: 9
            height: 9
            radius: 4.5
            color: box.stateColor.length > 0 ? box.stateColor : "transparent"
        }

        Text {
            id: titleText
            x: Theme.metrics.paddingX + (stateDot.visible ? 15 : 0)
            y: 4
            width: box.width - x - Theme.metrics.paddingX - (trafficBadge.visible ? trafficBadge.width + 6 : 0)
            text: box.title
            elide: Text.ElideMiddle
            color: Theme.text
            font.pixelSize: Theme.metrics.titlePixelSize
            font.bold: true
        }
        Text {
            x: Theme.metrics.paddingX
            y: 4 + titleText.height
            width: box.width - 2 * Theme.metrics.paddingX
            text: box.healthText.length > 0 ? box.subtitle + "  ·  " + box.healthText : box.subtitle
            elide: Text.ElideRight
            color: Theme.textMuted
            font.pixelSize: Theme.metrics.subtitlePixelSize
        }
        Text {
            id: trafficBadge
            objectName: "nodeTraffic:" + box.key
            visible: box.trafficText.length > 0
            anchors.right: parent.right
            anchors.rightMargin: Theme.metrics.paddingX
            y: 5
            text: box.trafficText
            color: box.denied ? Theme.colors.denied : Theme.text
            font.pixelSize: Theme.metrics.subtitlePixelSize
            font.bold: true
        }

        Repeater {
            model: box.rows
            delegate: Item {
                required property var modelData
                required property int index
                x: 0
                y: modelData.y
                width: box.width
                height: modelData.height
                Rectangle {
                    width: parent.width
                    height: 1
                    color: Theme.colors.grid
                }
                Text {
                    id: rowText
                    x: Theme.metrics.paddingX
                    anchors.verticalCenter: parent.verticalCenter
                    width: Math.min(implicitWidth, parent.width - 2 * Theme.metrics.paddingX - (detailText.text.length ? Math.min(detailText.implicitWidth, parent.width / 3) + 8 : 0))
                    text: parent.modelData.text
                    elide: Text.ElideRight
                    color: Theme.text
                    font.pixelSize: Theme.metrics.rowPixelSize
                }
                Text {
                    id: detailText
                    anchors.right: parent.right
                    anchors.rightMargin: Theme.metrics.paddingX
                    anchors.verticalCenter: parent.verticalCenter
                    width: Math.min(implicitWidth, parent.width - rowText.width - 2 * Theme.metrics.paddingX - 8)
                    horizontalAlignment: Text.AlignRight
                    text: parent.modelData.detail
                    elide: Text.ElideLeft
                    color: Theme.textMuted
                    font.pixelSize: Theme.metrics.rowPixelSize
                }
            }
        }
    }

    HoverHandler {
        id: hover
    }
    TapHandler {
        onTapped: box.clicked()
    }
}
