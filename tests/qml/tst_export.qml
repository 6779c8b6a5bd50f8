// File ▸ Export and Edit ▸ Copy Image in the main window: the five export entries follow whether there is a
// graph, the save dialog opens on the suggested name and accepting it writes the file, failures and copies
// show in the notice.
import QtQuick
import QtTest
import Chainscope.Models
import Chainscope.Ui

TestCase {
    id: tc
    name: "Export"
    when: windowShown

    Component {
        id: mainComponent
        Main { }
    }

    function openWindow() {
        const window = createTemporaryObject(mainComponent, tc)
        verify(window !== null, "Main.qml loads")
        window.document.watching = false
        window.document.paths = []
        return window
    }

    function openDemo(window) {
        window.document.catalogPath = demoDir + "/catalog.json"
        window.document.paths = [demoDir + "/mesh"]
        window.document.service = "web"
        verify(window.document.nodes.count > 0, window.document.chainError)
    }

    function test_exportEntriesFollowTheGraph() {
        const window = openWindow()
        const menu = window.exportMenu
        compare(menu.count, 5)
        const texts = []
        for (let i = 0; i < menu.count; ++i)
            texts.push(menu.itemAt(i).text)
        compare(texts, ["&SVG…", "&PNG (2×)…", "P&DF…", "D&OT…", "Chain &JSON…"])
        const exportButton = findChild(window.contentItem, "exportButton")
        const copyButton = findChild(window.contentItem, "copyImageButton")
        verify(exportButton !== null && copyButton !== null)

        // No graph: everything is disabled.
        for (let i = 0; i < menu.count; ++i)
            verify(!menu.itemAt(i).enabled, texts[i] + " is disabled without a graph")
        verify(!window.copyImageAction.enabled)
        verify(!exportButton.enabled)
        verify(!copyButton.enabled)

        openDemo(window)
        for (let i = 0; i < menu.count; ++i)
            verify(menu.itemAt(i).enabled, texts[i] + " is enabled with a graph")
        verify(window.copyImageAction.enabled)
        compare(window.copyImageAction.shortcut, "Ctrl+Shift+C")
        compare(menu.itemAt(0).action.shortcut, "Ctrl+E")
        verify(exportButton.enabled)
        verify(copyButton.enabled)

        window.document.paths = []
        verify(!menu.itemAt(0).enabled)
        verify(!window.copyImageAction.enabled)
    }

    function test_exportFromTheMenuWritesTheFile() {
        const window = openWindow()
        openDemo(window)
        window.document.simulation.setDatacenterDown("dc1", true)
        const layouts = window.document.layoutRuns
        const dir = testFiles.newDir()
        verify(dir.toString().length > 0)

        // File ▸ Export ▸ PDF… prepares the save dialog: format, filters, suggested name in the last folder.
        window.exportMenu.itemAt(2).action.trigger()
        const dialog = window.exportDialog
        compare(dialog.format, "pdf")
        compare(dialog.defaultSuffix, "pdf")
        verify(dialog.selectedFile.toString().endsWith("/web.pdf"), dialog.selectedFile)
        verify(dialog.nameFilters[0].indexOf("*.pdf") > 0)

        // The dialog really shows (with no native dialog, Qt Quick's own one needs Qt.labs.folderlistmodel,
        // which scripts/install-deps.sh installs). The operator picks a file and accepts.
        dialog.open()
        tryCompare(dialog, "visible", true)
        const target = dir + "/exported.pdf"
        dialog.selectedFile = target
        dialog.close()
        dialog.accepted()
        tryCompare(window.notice, "visible", true)
        verify(!window.notice.error, window.notice.text)
        verify(window.notice.text.indexOf("exported.pdf") >= 0, window.notice.text)
        compare(testFiles.head(target, 5), "%PDF-")
        compare(testFiles.list(dir), ["exported.pdf"])
        compare(window.document.layoutRuns, layouts, "export draws the current layout")
        compare(window.exporter.folder, dir, "the next export starts in the same folder")

        // The QML-facing API directly: the format follows the extension.
        verify(window.exporter.exportView(dir + "/chain.json", "svg"))
        const head = testFiles.head(dir + "/chain.json", 10)
        verify(head.indexOf("{") === 0, head)
    }

    function test_openDialogsShow() {
        const window = openWindow()
        for (const name of ["openFilesDialog", "openFolderDialog"]) {
            const dialog = window[name]
            verify(dialog !== undefined && dialog !== null, name)
            dialog.open()
            tryCompare(dialog, "visible", true)
            dialog.reject()
            tryCompare(dialog, "visible", false)
        }
    }

    function test_failureAndCopyShowInTheNotice() {
        const window = openWindow()
        openDemo(window)
        const dir = testFiles.newDir()
        const target = dir + "/missing/web.svg"
        verify(!window.exporter.exportView(target, "svg"))
        tryCompare(window.notice, "visible", true)
        verify(window.notice.error)
        verify(window.notice.text.indexOf("missing/web.svg") >= 0, window.notice.text)
        compare(testFiles.list(dir), [])

        window.copyImageAction.trigger()
        verify(!window.notice.error, window.notice.text)
        verify(window.notice.text.indexOf("clipboard") >= 0, window.notice.text)
    }
}
