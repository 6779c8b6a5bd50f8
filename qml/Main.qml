// The chainscope window: services on the left, the routing tab in the middle, details on the right,
// problems and instances below; File menu with open/recent/reload/export, Edit ▸ Copy Image (also as buttons
// beside the Routing tab); drag and drop of files and folders. Export and copy results show in a notice at
// the bottom; failures also in a dialog.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Chainscope.Models

ApplicationWindow {
    id: window
    readonly property ChainDocument document: AppContext.document
    readonly property alias routing: routingTab
    readonly property alias exporter: exporter
    readonly property alias exportMenu: exportMenu
    readonly property alias exportDialog: exportDialog
    readonly property alias openFilesDialog: fileDialog
    readonly property alias openFolderDialog: folderDialog
    readonly property alias copyImageAction: copyImageAction
    readonly property alias notice: notice

    width: 1480
    height: 900
    visible: true
    title: document.service.length ? document.service + " · " + document.title : document.title
    color: Theme.background

    Binding {
        target: window.document
        property: "dark"
        value: Theme.dark
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Open config entries")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Consul config (*.hcl *.json *.yaml *.yml)"), qsTr("All files (*)")]
        onAccepted: window.document.open(selectedFiles)
    }
    FolderDialog {
        id: folderDialog
        title: qsTr("Open a folder of config entries")
        onAccepted: window.document.open([selectedFolder])
    }

    DiagramExporter {
        id: exporter
        document: window.document
        onExported: (path, format) => notice.show(qsTr("Exported %1").arg(path), false)
        onCopied: notice.show(qsTr("Copied the routing view to the clipboard (PNG at 2× and SVG)"), false)
        onFailed: (message) => {
            notice.show(message, true)
            if (!AppContext.automated) {
                exportErrorDialog.message = message
                exportErrorDialog.open()
            }
        }
    }

    /** Opens the save dialog for a format ("svg", "png", "pdf", "dot", "json") in the last export folder. */
    function exportAs(format) {
        exportDialog.format = format
        exportDialog.currentFolder = exporter.folder
        exportDialog.selectedFile = exporter.suggestedExportUrl(format)
        exportDialog.open()
    }

    FileDialog {
        id: exportDialog
        objectName: "exportDialog"
        property string format: "svg"
        readonly property var filters: ({
            svg: qsTr("SVG image (*.svg)"),
            png: qsTr("PNG image (*.png)"),
            pdf: qsTr("PDF document (*.pdf)"),
            dot: qsTr("Graphviz DOT (*.dot *.gv)"),
            json: qsTr("Discovery chain JSON (*.json)")
        })
        title: qsTr("Export %1").arg(window.document.service)
        fileMode: FileDialog.SaveFile
        defaultSuffix: format
        nameFilters: [filters[format], qsTr("All files (*)")]
        onAccepted: exporter.exportView(selectedFile, format)
    }
    Dialog {
        id: exportErrorDialog
        property string message
        objectName: "exportErrorDialog"
        title: qsTr("Export failed")
        anchors.centerIn: Overlay.overlay
        modal: false
        standardButtons: Dialog.Ok
        width: Math.min(520, window.width - 48)
        contentItem: Label {
            text: exportErrorDialog.message
            wrapMode: Text.Wrap
            color: Theme.text
        }
    }

    Action {
        id: exportSvgAction
        text: qsTr("&SVG…")
        shortcut: "Ctrl+E"
        enabled: exporter.available
        onTriggered: window.exportAs("svg")
    }
    Action {
        id: copyImageAction
        text: qsTr("&Copy Image")
        shortcut: "Ctrl+Shift+C"
        enabled: exporter.available
        onTriggered: exporter.copyImage()
    }

    menuBar: MenuBar {
        Menu {
            title: qsTr("&File")
            Action { text: qsTr("&Open Files…"); shortcut: StandardKey.Open; onTriggered: fileDialog.open() }
            Action { text: qsTr("Open &Folder…"); shortcut: "Ctrl+Shift+O"; onTriggered: folderDialog.open() }
            Menu {
                id: recentMenu
                title: qsTr("Open &Recent")
                enabled: window.document.recentPaths.length > 0
                Instantiator {
                    model: window.document.recentPaths
                    delegate: MenuItem {
                        required property string modelData
                        text: modelData.split("\n").join(", ")
                        onTriggered: window.document.open(modelData.split("\n"))
                    }
                    onObjectAdded: (index, object) => recentMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => recentMenu.removeItem(object)
                }
                MenuSeparator { }
                Action { text: qsTr("Clear"); onTriggered: window.document.clearRecentPaths() }
            }
            Action { text: qsTr("Re&load"); shortcut: StandardKey.Refresh; onTriggered: window.document.reload() }
            MenuSeparator { }
            Menu {
                id: exportMenu
                title: qsTr("&Export")
                MenuItem { action: exportSvgAction }
                Action { text: qsTr("&PNG (2×)…"); enabled: exporter.available; onTriggered: window.exportAs("png") }
                Action { text: qsTr("P&DF…"); enabled: exporter.available; onTriggered: window.exportAs("pdf") }
                Action { text: qsTr("D&OT…"); enabled: exporter.available; onTriggered: window.exportAs("dot") }
                Action { text: qsTr("Chain &JSON…"); enabled: exporter.available; onTriggered: window.exportAs("json") }
            }
            MenuSeparator { }
            Action { text: qsTr("&Quit"); shortcut: StandardKey.Quit; onTriggered: Qt.quit() }
        }
        Menu {
            title: qsTr("&Edit")
            MenuItem { action: copyImageAction }
        }
        Menu {
            title: qsTr("&View")
            Action { text: qsTr("&Fit to Window"); shortcut: "Ctrl+0"; onTriggered: routingTab.graph.fit() }
            Action { text: qsTr("Zoom &In"); shortcut: StandardKey.ZoomIn; onTriggered: routingTab.graph.zoomAt(1.2, routingTab.graph.width / 2, routingTab.graph.height / 2) }
            Action { text: qsTr("Zoom &Out"); shortcut: StandardKey.ZoomOut; onTriggered: routingTab.graph.zoomAt(1 / 1.2, routingTab.graph.width / 2, routingTab.graph.height / 2) }
            MenuSeparator { }
            Action { text: qsTr("&Dark Theme"); checkable: true; checked: Theme.dark; onTriggered: { Theme.forceDark = checked; Theme.forceLight = !checked } }
            Action { text: qsTr("Reset &Health"); onTriggered: window.document.simulation.resetHealth() }
        }
    }

    DropArea {
        id: drop
        anchors.fill: parent
        keys: ["text/uri-list"]
        onDropped: (event) => {
            if (event.hasUrls) {
                window.document.open(event.urls)
                event.acceptProposedAction()
            }
        }
        Rectangle {
            anchors.fill: parent
            visible: drop.containsDrag
            color: Qt.rgba(Theme.selection.r, Theme.selection.g, Theme.selection.b, 0.12)
            border.color: Theme.selection
            border.width: 2
            z: 10
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Horizontal

        ServiceList {
            SplitView.preferredWidth: 220
            SplitView.minimumWidth: 150
            document: window.document
        }

        SplitView {
            SplitView.fillWidth: true
            orientation: Qt.Vertical

            ColumnLayout {
                SplitView.fillHeight: true
                spacing: 0
                // The tab row doubles as the routing view's toolbar for export and copy (the request bar below
                // has no room left).
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    TabBar {
                        id: mainTabs
                        Layout.fillWidth: true
                        TabButton { text: qsTr("Routing"); width: implicitWidth + 24 }
                    }
                    ToolButton {
                        id: exportButton
                        objectName: "exportButton"
                        text: qsTr("Export ▾")
                        enabled: exporter.available
                        Accessible.name: qsTr("Export the routing view")
                        Accessible.description: qsTr("Save it as SVG, PNG, PDF or DOT, or the chain as JSON")
                        onClicked: exportFormats.open()
                        Menu {
                            id: exportFormats
                            y: exportButton.height
                            MenuItem { text: qsTr("SVG…"); onTriggered: window.exportAs("svg") }
                            MenuItem { text: qsTr("PNG (2×)…"); onTriggered: window.exportAs("png") }
                            MenuItem { text: qsTr("PDF…"); onTriggered: window.exportAs("pdf") }
                            MenuItem { text: qsTr("DOT…"); onTriggered: window.exportAs("dot") }
                            MenuItem { text: qsTr("Chain JSON…"); onTriggered: window.exportAs("json") }
                        }
                    }
                    ToolButton {
                        objectName: "copyImageButton"
                        text: qsTr("Copy Image")
                        enabled: exporter.available
                        Accessible.name: qsTr("Copy the routing view to the clipboard as an image")
                        onClicked: exporter.copyImage()
                    }
                }
                RoutingTab {
                    id: routingTab
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    document: window.document
                }
                Legend {
                    Layout.fillWidth: true
                    Layout.margins: 6
                }
            }

            ColumnLayout {
                SplitView.preferredHeight: 200
                SplitView.minimumHeight: 90
                spacing: 0
                TabBar {
                    id: bottomTabs
                    Layout.fillWidth: true
                    TabButton {
                        text: window.document.diagnostics.count > 0 ? qsTr("Problems (%1)").arg(window.document.diagnostics.count) : qsTr("Problems")
                        width: implicitWidth + 24
                    }
                    TabButton {
                        text: qsTr("Instances (%1)").arg(window.document.instances.count)
                        width: implicitWidth + 24
                    }
                }
                StackLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    currentIndex: bottomTabs.currentIndex
                    ProblemsPanel { document: window.document }
                    InstancesPanel { document: window.document }
                }
            }
        }

        DetailsPanel {
            SplitView.preferredWidth: 340
            SplitView.minimumWidth: 200
            document: window.document
        }
    }

    // Export and copy results: non-modal, bottom centre, gone after a few seconds (errors stay longer).
    Rectangle {
        id: notice
        objectName: "exportNotice"
        property bool error: false
        property alias text: noticeLabel.text
        function show(message, isError) {
            text = message
            error = isError
            visible = true
            noticeTimer.interval = isError ? 10000 : 4000
            noticeTimer.restart()
        }
        visible: false
        z: 20
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 24
        width: Math.min(noticeLabel.implicitWidth + 2 * Theme.spacing + 24, parent.width - 48)
        height: noticeLabel.implicitHeight + 2 * Theme.spacing
        radius: 4
        color: Theme.panel
        border.color: error ? Theme.error : Theme.border
        Accessible.role: Accessible.AlertMessage
        Accessible.name: text
        Label {
            id: noticeLabel
            anchors.fill: parent
            anchors.margins: Theme.spacing
            anchors.rightMargin: Theme.spacing + 24
            wrapMode: Text.Wrap
            verticalAlignment: Text.AlignVCenter
            color: notice.error ? Theme.error : Theme.text
        }
        ToolButton {
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            width: 24
            height: 24
            text: "×"
            Accessible.name: qsTr("Dismiss")
            onClicked: notice.visible = false
        }
        Timer {
            id: noticeTimer
            onTriggered: notice.visible = false
        }
    }
}
