// The services of the loaded configuration: search field, one row per service with its entry kinds and a
// problem badge (errors red, warnings amber).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chainscope.Models

Pane {
    id: pane
    required property ChainDocument document
    padding: 0

    background: Rectangle { color: Theme.panel }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TextField {
            id: search
            objectName: "serviceSearch"
            Layout.fillWidth: true
            Layout.margins: Theme.spacing
            placeholderText: qsTr("Search services")
            Accessible.name: qsTr("Search services")
            text: pane.document.services.filter
            onTextEdited: pane.document.services.filter = text
            Keys.onDownPressed: list.forceActiveFocus()
        }

        ListView {
            id: list
            objectName: "serviceList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: pane.document.services
            currentIndex: pane.document.services.indexOf(pane.document.service)
            keyNavigationEnabled: true
            Accessible.name: qsTr("Services")
            Accessible.role: Accessible.List
            onCurrentIndexChanged: if (activeFocus && currentIndex >= 0) pane.document.service = pane.document.services.nameAt(currentIndex)
            ScrollBar.vertical: ScrollBar { }

            delegate: ItemDelegate {
                id: row
                required property int index
                required property string name
                required property int problemCount
                required property int errorCount
                required property string kinds
                width: ListView.view.width
                highlighted: name === pane.document.service
                Accessible.name: name + (problemCount > 0 ? qsTr(", %n problem(s)", "", problemCount) : "")
                onClicked: pane.document.service = name

                contentItem: RowLayout {
                    spacing: Theme.spacing
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        Label {
                            Layout.fillWidth: true
                            text: row.name
                            elide: Text.ElideRight
                            font.bold: row.highlighted
                            color: row.highlighted ? row.palette.highlightedText : Theme.text
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.kinds
                            elide: Text.ElideRight
                            color: row.highlighted ? row.palette.highlightedText : Theme.textMuted
                            font.pixelSize: Theme.smallFont
                        }
                    }
                    Rectangle {
                        objectName: "problemBadge:" + row.name
                        visible: row.problemCount > 0
                        Layout.preferredHeight: 18
                        Layout.preferredWidth: Math.max(18, badgeText.implicitWidth + 10)
                        radius: 9
                        color: row.errorCount > 0 ? Theme.error : Theme.warning
                        Label {
                            id: badgeText
                            anchors.centerIn: parent
                            text: row.problemCount
                            color: "white"
                            font.pixelSize: Theme.smallFont
                            font.bold: true
                        }
                    }
                }
            }
        }
    }
}
