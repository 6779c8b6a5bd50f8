// The routing graph over the demo mesh: boxes and arrows drawn from the models, selection, keyboard
// navigation, and a health toggle changing a target's state and an edge label without a relayout.
import QtQuick
import QtTest
import Chainscope.Models
import Chainscope.Ui

TestCase {
    id: tc
    name: "GraphView"
    when: windowShown
    width: 1300
    height: 800
    visible: true

    Component {
        id: documentComponent
        ChainDocument { }
    }
    Component {
        id: viewComponent
        GraphView {
            width: 1300
            height: 800
        }
    }

    function openWeb() {
        // Documents outlive the (temporary) views that use them, as in the application.
        const doc = documentComponent.createObject(tc, { watching: false, catalogPath: demoDir + "/catalog.json" })
        doc.paths = [demoDir + "/mesh"]
        doc.service = "web"
        const view = createTemporaryObject(viewComponent, tc, { document: doc })
        waitForRendering(view)
        return { doc: doc, view: view }
    }

    function test_drawsEveryNodeAndEdge() {
        const t = openWeb()
        verify(t.doc.nodes.count >= 4, "web has a resolver and several targets")
        verify(t.doc.edges.count >= 3)
        const resolver = findChild(t.view, "node:resolver:v1.web.default.default.dc1")
        verify(resolver !== null)
        verify(resolver.width > 100 && resolver.height > 40)
        compare(resolver.kind, "resolver")
        const failover = findChild(t.view, "edge:resolver:v1.web.default.default.dc1->target:v1.web.default.default.dc3#failover1")
        verify(failover !== null)
        compare(failover.label, "1st failover")
        verify(failover.dashed, "a failover path not in use is dashed")
    }

    function test_selectionHighlightsPathsAndShowsSource() {
        const t = openWeb()
        t.doc.selectedKey = "target:v1.web.default.default.dc1"
        const target = findChild(t.view, "node:target:v1.web.default.default.dc1")
        tryCompare(target, "selected", true)
        verify(findChild(t.view, "node:resolver:v1.web.default.default.dc1").onPath)
        verify(t.doc.sourceText.indexOf("service-resolver") >= 0, "details show the resolver entry text")
        t.view.forceActiveFocus()
        keyClick(Qt.Key_Left)
        compare(t.doc.selectedKey, "resolver:v1.web.default.default.dc1")
        keyClick(Qt.Key_Escape)
        compare(t.doc.selectedKey, "")
    }

    function test_healthToggleChangesStateAndLabelsWithoutRelayout() {
        const t = openWeb()
        const layouts = t.doc.layoutRuns
        const primary = findChild(t.view, "node:target:v1.web.default.default.dc1")
        compare(primary.nodeState, "active")
        const label = findChild(t.view, "edgeLabel:resolver:v1.web.default.default.dc1->target:v1.web.default.default.dc3#failover1")
        verify(label !== null)
        const before = label.text
        for (const id of ["web-v1-a", "web-v1-b", "web-v1-c"])
            t.doc.simulation.setInstanceDown(id, true)
        tryCompare(primary, "nodeState", "dead")
        const failover = findChild(t.view, "edge:resolver:v1.web.default.default.dc1->target:v1.web.default.default.dc3#failover1")
        tryCompare(failover, "emphasised", true)
        verify(!failover.dashed)
        verify(label.text !== before, "the failover label now shows its share: " + label.text)
        verify(label.text.indexOf("%") > 0)
        compare(t.doc.layoutRuns, layouts, "a health toggle never re-runs the layout")
        waitForRendering(t.view)
    }

    function test_zoomAndFit() {
        const t = openWeb()
        t.view.zoomAt(2.0, 10, 10)
        verify(t.view.zoom > 1.0)
        t.view.fit()
        verify(t.view.zoom <= 1.25)
        verify(t.doc.graphWidth * t.view.zoom <= t.view.width + 1)
    }
}
