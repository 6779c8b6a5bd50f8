// The routing tab: the request being simulated (method, path, headers, source service, era) above the
// graph, the simulation summary below it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chainscope.Models

ColumnLayout {
    id: tab
    required property ChainDocument document
    readonly property alias graph: graphView
    spacing: 0

    Pane {
        Layout.fillWidth: true
        padding: 6
        background: Rectangle { color: Theme.panel }
        RowLayout {
            width: parent.width
            spacing: Theme.spacing
            ComboBox {
                id: method
                model: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
                currentIndex: Math.max(0, model.indexOf(tab.document.simulation.method))
                Accessible.name: qsTr("Request method")
                onActivated: tab.document.simulation.method = currentText
            }
            TextField {
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                text: tab.document.simulation.path
                placeholderText: qsTr("/path")
                Accessible.name: qsTr("Request path")
                onEditingFinished: tab.document.simulation.path = text
            }
            TextField {
                Layout.fillWidth: true
                Layout.preferredWidth: 2
                text: tab.document.simulation.headers.replace(/\n/g, "; ")
                placeholderText: qsTr("Header: value; …")
                Accessible.name: qsTr("Request headers")
                onEditingFinished: tab.document.simulation.headers = text.split(";").join("\n")
            }
            TextField {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: tab.document.simulation.sourceService
                placeholderText: qsTr("source service")
                Accessible.name: qsTr("Source service for intentions")
                onEditingFinished: tab.document.simulation.sourceService = text
            }
            ComboBox {
                model: [qsTr("Consul current"), qsTr("Consul legacy")]
                currentIndex: tab.document.simulation.era === "legacy" ? 1 : 0
                Accessible.name: qsTr("Consul version behaviour")
                onActivated: tab.document.simulation.era = currentIndex === 1 ? "legacy" : "current"
            }
            Repeater {
                model: tab.document.simulation.datacenters
                delegate: CheckBox {
                    required property string modelData
                    text: modelData
                    checked: tab.document.simulation.downDatacenters.indexOf(modelData) < 0
                    Accessible.name: qsTr("Datacenter %1 up").arg(modelData)
                    onToggled: tab.document.simulation.setDatacenterDown(modelData, !checked)
                }
            }
            Repeater {
                model: tab.document.simulation.peers
                delegate: CheckBox {
                    required property string modelData
                    text: modelData
                    checked: tab.document.simulation.downPeers.indexOf(modelData) < 0
                    Accessible.name: qsTr("Peer %1 up").arg(modelData)
                    onToggled: tab.document.simulation.setPeerDown(modelData, !checked)
                }
            }
        }
    }

    GraphView {
        id: graphView
        objectName: "graphView"
        Layout.fillWidth: true
        Layout.fillHeight: true
        document: tab.document
        focus: true
    }

    Pane {
        Layout.fillWidth: true
        padding: 6
        visible: tab.document.simulation.available
        background: Rectangle { color: Theme.panel }
        Label {
            objectName: "simulationSummary"
            width: parent.width
            text: tab.document.simulation.summary
            wrapMode: Text.Wrap
            color: tab.document.simulation.failed > 0 ? Theme.error : Theme.text
        }
    }
}
