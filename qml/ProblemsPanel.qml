// Every diagnostic, with its location; clicking one shows the source around it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chainscope.Models

ListView {
    id: list
    required property ChainDocument document
    objectName: "problemsList"
    clip: true
    model: document.diagnostics
    Accessible.name: qsTr("Problems")
    Accessible.role: Accessible.List
    ScrollBar.vertical: ScrollBar { }

    Label {
        anchors.centerIn: parent
        visible: list.count === 0
        text: qsTr("No problems found.")
        color: Theme.textMuted
    }

    delegate: ItemDelegate {
        id: row
        required property string severity
        required property string code
        required property string message
        required property string field
        required property string file
        required property int line
        required property string location
        width: ListView.view.width
        Accessible.name: severity + " " + code + ": " + message + " at " + location
        onClicked: list.document.showSource(file, line)
        contentItem: RowLayout {
            spacing: Theme.spacing
            Rectangle {
                Layout.preferredWidth: 8
                Layout.preferredHeight: 8
                radius: 4
                color: Theme.severityColor(row.severity)
            }
            Label {
                text: row.code
                color: Theme.textMuted
                font.family: Theme.monoFont
                font.pixelSize: Theme.smallFont
            }
            Label {
                Layout.fillWidth: true
                text: (row.field.length ? row.field + ": " : "") + row.message
                elide: Text.ElideRight
                color: Theme.text
            }
            Label {
                text: row.location
                color: Theme.selection
                font.pixelSize: Theme.smallFont
            }
        }
    }
}
