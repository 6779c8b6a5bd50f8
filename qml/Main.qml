// The chainscope window: services on the left, the routing tab in the middle, details on the right,
// problems and instances below; File menu with open/recent/reload; drag and drop of files and folders.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Chainscope.Models

ApplicationWindow {
    id: window
    readonly property ChainDocument document: AppContext.document
    readonly property alias routing: routingTab

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
            Action { text: qsTr("&Quit"); shortcut: StandardKey.Quit; onTriggered: Qt.quit() }
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
                TabBar {
                    id: mainTabs
                    Layout.fillWidth: true
                    TabButton { text: qsTr("Routing"); width: implicitWidth + 24 }
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
}
