// The routing graph: pan (drag, scroll bars), zoom (wheel with Ctrl or pinch, keyboard + / - / 0),
// fit to window, arrow-key navigation between nodes, hover tooltips with provenance, and selection that
// highlights every path through the selected node. Everything is drawn natively from the models.
import QtQuick
import QtQuick.Controls
import Chainscope.Models

FocusScope {
    id: view

    required property ChainDocument document
    property real zoom: 1.0
    readonly property real minZoom: 0.2
    readonly property real maxZoom: 3.0
    readonly property bool empty: view.document.nodes.count === 0
    property string hoveredEdge: ""

    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Routing graph of %1").arg(view.document.service)

    function clampZoom(z) { return Math.max(minZoom, Math.min(maxZoom, z)) }

    /** Zooms about a point given in view coordinates. */
    function zoomAt(factor, px, py) {
        const next = clampZoom(zoom * factor)
        if (next === zoom)
            return
        const cx = (flick.contentX + px) / zoom
        const cy = (flick.contentY + py) / zoom
        zoom = next
        flick.contentX = Math.max(0, cx * zoom - px)
        flick.contentY = Math.max(0, cy * zoom - py)
        flick.returnToBounds()
    }

    function fit() {
        if (document.graphWidth <= 0 || width <= 0 || height <= 0)
            return
        zoom = clampZoom(Math.min(1.25, Math.min(width / document.graphWidth, height / document.graphHeight)))
        flick.contentX = 0
        flick.contentY = 0
    }

    function ensureVisible(key) {
        const row = nodeRepeater.indexOfKey(key)
        if (row < 0)
            return
        const item = nodeRepeater.itemAt(row)
        const x0 = item.x * zoom, y0 = item.y * zoom, x1 = (item.x + item.width) * zoom, y1 = (item.y + item.height) * zoom
        if (x0 < flick.contentX) flick.contentX = Math.max(0, x0 - 20)
        else if (x1 > flick.contentX + flick.width) flick.contentX = x1 - flick.width + 20
        if (y0 < flick.contentY) flick.contentY = Math.max(0, y0 - 20)
        else if (y1 > flick.contentY + flick.height) flick.contentY = y1 - flick.height + 20
    }

    function move(direction) {
        const next = document.neighbour(document.selectedKey, direction)
        if (next.length > 0) {
            document.selectedKey = next
            ensureVisible(next)
        }
    }

    Connections {
        target: view.document
        function onGeometryChanged() { Qt.callLater(view.fit) }
    }
    onWidthChanged: if (zoom === 1.0) Qt.callLater(fit)

    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Left) { move("left"); event.accepted = true }
        else if (event.key === Qt.Key_Right) { move("right"); event.accepted = true }
        else if (event.key === Qt.Key_Up) { move("up"); event.accepted = true }
        else if (event.key === Qt.Key_Down) { move("down"); event.accepted = true }
        else if (event.key === Qt.Key_Escape) { document.selectedKey = ""; event.accepted = true }
        else if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal) { zoomAt(1.2, width / 2, height / 2); event.accepted = true }
        else if (event.key === Qt.Key_Minus) { zoomAt(1 / 1.2, width / 2, height / 2); event.accepted = true }
        else if (event.key === Qt.Key_0) { fit(); event.accepted = true }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    Flickable {
        id: flick
        objectName: "graphFlickable"
        anchors.fill: parent
        clip: true
        contentWidth: Math.max(width, view.document.graphWidth * view.zoom)
        contentHeight: Math.max(height, view.document.graphHeight * view.zoom)
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { }
        ScrollBar.horizontal: ScrollBar { }

        Item {
            id: canvas
            objectName: "graphCanvas"
            width: view.document.graphWidth
            height: view.document.graphHeight
            transformOrigin: Item.TopLeft
            scale: view.zoom
            // Centre a drawing smaller than the view.
            x: Math.max(0, (flick.width - width * view.zoom) / 2)
            y: Math.max(0, (flick.height - height * view.zoom) / 2)

            TapHandler {
                onTapped: view.document.selectedKey = ""
            }
            HoverHandler {
                id: canvasHover
                onPointChanged: view.hoveredEdge = view.document.edgeAt(point.position.x, point.position.y)
            }

            Repeater {
                id: edgeRepeater
                model: view.document.edges
                delegate: EdgeItem {
                    width: canvas.width
                    height: canvas.height
                    dimmed: view.document.selectedKey.length > 0
                    hovered: view.hoveredEdge === key
                }
            }

            Repeater {
                id: nodeRepeater
                model: view.document.nodes
                function indexOfKey(k) {
                    for (let i = 0; i < count; ++i) {
                        const it = itemAt(i)
                        if (it && it.key === k)
                            return i
                    }
                    return -1
                }
                delegate: NodeDelegate {
                    dimmed: view.document.selectedKey.length > 0
                    onClicked: {
                        view.forceActiveFocus()
                        view.document.selectedKey = key
                    }
                    ToolTip.visible: hovered
                    ToolTip.delay: 500
                    ToolTip.text: provenance + (note.length ? "\n" + note : "")
                }
            }
        }
    }

    ToolTip {
        id: edgeTip
        visible: view.hoveredEdge.length > 0 && text.length > 0
        delay: 400
        x: canvasHover.point.position.x * view.zoom + canvas.x - flick.contentX + 12
        y: canvasHover.point.position.y * view.zoom + canvas.y - flick.contentY + 12
        text: {
            for (let i = 0; i < edgeRepeater.count; ++i) {
                const e = edgeRepeater.itemAt(i)
                if (e && e.key === view.hoveredEdge)
                    return e.provenance + (e.note.length ? "\n" + e.note : "")
            }
            return ""
        }
    }

    WheelHandler {
        target: null
        acceptedModifiers: Qt.ControlModifier
        onWheel: (event) => view.zoomAt(event.angleDelta.y > 0 ? 1.15 : 1 / 1.15, point.position.x, point.position.y)
    }
    PinchHandler {
        target: null
        onScaleChanged: (delta) => view.zoomAt(delta, centroid.position.x, centroid.position.y)
    }

    Column {
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 12
        spacing: 4
        visible: !view.empty
        RoundButton {
            text: "+"
            Accessible.name: qsTr("Zoom in")
            onClicked: view.zoomAt(1.2, view.width / 2, view.height / 2)
        }
        RoundButton {
            text: "−"
            Accessible.name: qsTr("Zoom out")
            onClicked: view.zoomAt(1 / 1.2, view.width / 2, view.height / 2)
        }
        RoundButton {
            text: "⤢"
            Accessible.name: qsTr("Fit to window")
            onClicked: view.fit()
        }
    }

    Label {
        anchors.centerIn: parent
        width: Math.min(parent.width - 40, 520)
        visible: view.empty
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        color: view.document.chainError.length ? Theme.error : Theme.textMuted
        text: view.document.chainError.length ? qsTr("No chain for %1:\n%2").arg(view.document.service).arg(view.document.chainError)
              : view.document.paths.length ? qsTr("Pick a service on the left.") : qsTr("Open a folder of Consul config entries (File ▸ Open) or drop files here.")
    }
}
