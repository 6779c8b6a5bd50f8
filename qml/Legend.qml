// What the colours and line styles mean.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Flow {
    id: legend
    spacing: 14
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Legend")

    component Swatch: Row {
        property color swatch
        property string caption
        property bool dashed: false
        property bool line: false
        spacing: 5
        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            width: parent.line ? 18 : 10
            height: parent.line ? 3 : 10
            radius: parent.line ? 0 : 2
            color: parent.dashed ? "transparent" : parent.swatch
            border.color: parent.swatch
            border.width: parent.dashed ? 1 : 0
        }
        Label {
            text: parent.caption
            color: Theme.textMuted
            font.pixelSize: Theme.smallFont
        }
    }

    Swatch { swatch: Theme.colors.router; caption: qsTr("router") }
    Swatch { swatch: Theme.colors.splitter; caption: qsTr("splitter") }
    Swatch { swatch: Theme.colors.resolver; caption: qsTr("resolver") }
    Swatch { swatch: Theme.colors.target; caption: qsTr("target") }
    Swatch { swatch: Theme.colors.active; caption: qsTr("active") }
    Swatch { swatch: Theme.colors.standby; caption: qsTr("standby") }
    Swatch { swatch: Theme.colors.dead; caption: qsTr("no healthy instance") }
    Swatch { swatch: Theme.colors.failover; caption: qsTr("failover"); line: true; dashed: true }
    Swatch { swatch: Theme.colors.engaged; caption: qsTr("failover in use"); line: true }
    Swatch { swatch: Theme.colors.redirect; caption: qsTr("redirect"); line: true; dashed: true }
    Swatch { swatch: Theme.colors.denied; caption: qsTr("denied by intentions"); line: true }
}
