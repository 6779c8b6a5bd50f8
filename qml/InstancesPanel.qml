// The instances behind the chain's targets: toggle one down (or back up) to see failover react; the share
// each receives under the current scenario; check statuses.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chainscope.Models

ListView {
    id: list
    required property ChainDocument document
    objectName: "instancesList"
    clip: true
    model: document.instances
    Accessible.name: qsTr("Instances")
    Accessible.role: Accessible.List
    ScrollBar.vertical: ScrollBar { }

    Label {
        anchors.centerIn: parent
        visible: list.count === 0
        text: list.document.simulation.available ? qsTr("No instances behind this chain.") : qsTr("No catalog loaded: health simulation is off.")
        color: Theme.textMuted
    }

    delegate: ItemDelegate {
        id: row
        required property string instanceId
        required property string node
        required property string target
        required property string location
        required property bool healthy
        required property bool forcedDown
        required property string shareText
        required property var checks
        width: ListView.view.width
        Accessible.name: instanceId + (healthy ? qsTr(", healthy") : qsTr(", unhealthy")) + ", " + shareText
        contentItem: RowLayout {
            spacing: Theme.spacing
            Switch {
                objectName: "instanceSwitch:" + row.instanceId
                checked: !row.forcedDown
                Accessible.name: qsTr("%1 up").arg(row.instanceId)
                onToggled: list.document.simulation.setInstanceDown(row.instanceId, !checked)
            }
            Rectangle {
                Layout.preferredWidth: 8
                Layout.preferredHeight: 8
                radius: 4
                color: row.healthy ? Theme.ok : Theme.error
            }
            Label {
                Layout.preferredWidth: 170
                text: row.instanceId
                elide: Text.ElideRight
                color: Theme.text
                font.bold: true
            }
            Label {
                Layout.preferredWidth: 90
                text: row.location
                color: Theme.textMuted
            }
            Label {
                Layout.fillWidth: true
                text: row.target
                elide: Text.ElideMiddle
                color: Theme.textMuted
                font.pixelSize: Theme.smallFont
            }
            Repeater {
                model: row.checks
                delegate: Label {
                    required property var modelData
                    text: modelData.name + ": " + modelData.status
                    color: modelData.status === "passing" ? Theme.ok : modelData.status === "warning" ? Theme.warning : Theme.error
                    font.pixelSize: Theme.smallFont
                }
            }
            Label {
                Layout.preferredWidth: 54
                horizontalAlignment: Text.AlignRight
                text: row.shareText
                color: Theme.text
                font.bold: true
            }
        }
    }
}
