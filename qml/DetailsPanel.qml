// The selected node: what it is, where it comes from, and the source text of its entry.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chainscope.Models

Pane {
    id: pane
    required property ChainDocument document
    background: Rectangle { color: Theme.panel }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            text: pane.document.selectedTitle.length ? pane.document.selectedTitle : qsTr("Details")
            font.bold: true
            font.pixelSize: 15
            elide: Text.ElideRight
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: pane.document.selectedProvenance
            wrapMode: Text.Wrap
            color: Theme.textMuted
        }
        Label {
            Layout.fillWidth: true
            visible: pane.document.sourceLocation.length > 0
            text: pane.document.sourceLocation
            color: Theme.selection
            font.pixelSize: Theme.smallFont
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            TextArea {
                objectName: "sourceText"
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.NoWrap
                textFormat: TextEdit.PlainText
                font.family: Theme.monoFont
                font.pixelSize: 12
                color: Theme.text
                Accessible.name: qsTr("Source of the selected entry")
                text: {
                    if (pane.document.sourceText.length === 0)
                        return qsTr("Select a node to see the entry it comes from, or click a problem.")
                    const lines = pane.document.sourceText.split("\n")
                    const first = pane.document.sourceFirstLine
                    const width = String(first + lines.length).length
                    return lines.map((l, i) => String(first + i).padStart(width, " ") + (first + i === pane.document.sourceHighlightLine ? " ▸ " : "   ") + l).join("\n")
                }
                background: Rectangle { color: Theme.surface; border.color: Theme.border; radius: 4 }
            }
        }
    }
}
