// The picture exporters: well-formed SVG holding every label, PNG at twice the page, a PDF pdfinfo opens,
// DOT that Graphviz parses back with our positions, and refusals for diagrams that cannot be drawn.
#include "export/diagramexport.h"
#include "export/diagrampainter.h"
#include "export/dotwriter.h"
#include "export/exportcodes.h"
#include "exportchecks.h"
#include "testdiagram.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace chainscope;
using namespace chainscope::exporter;
using chainscope::exporter::testing::ProcessResult;
using chainscope::exporter::testing::runTool;
using chainscope::exporter::testing::xmlTexts;
using chainscope::exporter::testing::expectedLabels;

namespace {

/** Leaves a copy of what a test rendered under the build tree, for people to look at. */
void keepArtifact(const QString &name, const QByteArray &bytes)
{
    const QString dir = QStringLiteral(CHAINSCOPE_BINARY_DIR "/export-artifacts");
    QDir().mkpath(dir);
    QFile file(dir + u'/' + name);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

} // namespace

class TestDiagramExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const Diagram d = testing::sampleDiagram();
        QVERIFY2(!d.geometry.isEmpty(), "layout::layoutScene failed on the sample scene");
        QVERIFY(checkDiagram(d).isEmpty());
    }

    void formatNames_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("isPath");
        QTest::addColumn<int>("expected"); // -1 = none
        QTest::newRow("svg") << "svg" << false << int(Format::Svg);
        QTest::newRow("PNG upper") << "PNG" << false << int(Format::Png);
        QTest::newRow("gv alias") << "gv" << false << int(Format::Dot);
        QTest::newRow("json") << "json" << false << int(Format::Json);
        QTest::newRow("unknown") << "jpeg" << false << -1;
        QTest::newRow("path pdf") << "/tmp/out/web.pdf" << true << int(Format::Pdf);
        QTest::newRow("path dot") << "chain.DOT" << true << int(Format::Dot);
        QTest::newRow("path no suffix") << "/tmp/out" << true << -1;
    }

    void formatNames()
    {
        QFETCH(QString, input);
        QFETCH(bool, isPath);
        QFETCH(int, expected);
        const std::optional<Format> f = isPath ? formatForPath(input) : formatFromName(input);
        QCOMPARE(f.has_value(), expected >= 0);
        if (f) {
            QCOMPARE(int(*f), expected);
            QCOMPARE(formatFromName(formatName(*f)), f);
        }
    }

    void svgIsWellFormedAndHoldsEveryLabel_data()
    {
        QTest::addColumn<bool>("overlay");
        QTest::newRow("plain") << false;
        QTest::newRow("simulated") << true;
    }

    void svgIsWellFormedAndHoldsEveryLabel()
    {
        QFETCH(bool, overlay);
        const Diagram d = testing::sampleDiagram(overlay);
        const Result<QByteArray> svg = renderSvg(d);
        QVERIFY2(svg, qPrintable(svg.diagnostics.value(0).message));
        keepArtifact(overlay ? QStringLiteral("sample-simulated.svg") : QStringLiteral("sample.svg"), *svg);
        QString error;
        const QStringList texts = xmlTexts(*svg, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QSet<QString> textSet(texts.cbegin(), texts.cend());
        // Plain: every label is a text element of its own. Simulated: edge labels gain the traffic share.
        const QString all = texts.join(u'\n');
        for (const QString &label : expectedLabels(d))
            QVERIFY2(overlay ? all.contains(label) : textSet.contains(label), qPrintable(QStringLiteral("label \"%1\" is not in the SVG").arg(label)));
        // The title block.
        QVERIFY(textSet.contains(QStringLiteral("web")));
        QVERIFY(texts.join(u'\n').contains(QStringLiteral("resources/demo/mesh")));
        QVERIFY(texts.join(u'\n').contains(QStringLiteral("2024-05-01 12:30:00 UTC")));
        if (overlay) {
            // Traffic figures and health from the simulation overlay.
            QVERIFY(texts.join(u'\n').contains(QStringLiteral("1st failover · 90%")));
            QVERIFY(texts.join(u'\n').contains(QStringLiteral("0/3 healthy")));
            QVERIFY(texts.join(u'\n').contains(QStringLiteral("denied")));
            QVERIFY(textSet.contains(QStringLiteral("denied by intentions"))); // legend
        } else {
            QVERIFY(!textSet.contains(QStringLiteral("denied by intentions")));
        }
    }

    void svgCarriesPageSizeAndPalette()
    {
        Diagram d = testing::sampleDiagram();
        const PageLayout page = pageLayout(d);
        QVERIFY(page.size.width() >= d.geometry.bounds.width());
        QVERIFY(page.size.height() > d.geometry.bounds.height());
        const Result<QByteArray> svg = renderSvg(d);
        QVERIFY(svg);
        QXmlStreamReader reader(*svg);
        while (reader.readNextStartElement()) {
            if (reader.name() == u"svg")
                break;
        }
        QCOMPARE(reader.name(), u"svg");
        const QStringList viewBox = reader.attributes().value(QStringLiteral("viewBox")).toString().split(u' ');
        QCOMPARE(viewBox.size(), 4);
        QCOMPARE(viewBox.at(2).toDouble(), page.size.width());
        QCOMPARE(viewBox.at(3).toDouble(), page.size.height());
        QVERIFY(svg->contains(layout::palette(layout::ColorScheme::Light).resolver.toLatin1()));

        d.scheme = layout::ColorScheme::Dark;
        const Result<QByteArray> dark = renderSvg(d);
        QVERIFY(dark);
        QVERIFY(dark->contains(layout::palette(layout::ColorScheme::Dark).background.toLatin1()));
        QVERIFY(!dark->contains(layout::palette(layout::ColorScheme::Light).background.toLatin1()));
    }

    void pngIsTwiceThePage()
    {
        const Diagram d = testing::sampleDiagram(true);
        const PageLayout page = pageLayout(d);
        const Result<QByteArray> png = renderPng(d);
        QVERIFY(png);
        QVERIFY(png->startsWith("\x89PNG"));
        keepArtifact(QStringLiteral("sample-simulated.png"), *png);
        const QImage image = QImage::fromData(*png, "png");
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), qCeil(page.size.width() * 2.0));
        QCOMPARE(image.height(), qCeil(page.size.height() * 2.0));
        QCOMPARE(image.text(QStringLiteral("Title")), QStringLiteral("Discovery chain web (dc1)"));
        // Not blank: background, surfaces, accents, state colours and text all show up.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        // The drawing is where the page says: the centre of the first node is node surface, not background.
        const QPointF centre = d.geometry.nodes.at(0).rect.center() + page.drawingOrigin + QPointF(0, 10);
        QVERIFY(image.pixelColor((centre * 2.0).toPoint()) != QColor(layout::palette(layout::ColorScheme::Light).background));

        const Result<QImage> one = renderImage(d, 1.0);
        QVERIFY(one);
        QCOMPARE(one->size(), page.size.toSize());
    }

    void pdfOpensInPdfinfo()
    {
        const QString pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
        if (pdfinfo.isEmpty())
            QSKIP("pdfinfo (poppler-utils) is not installed");
        const Diagram d = testing::sampleDiagram(true);
        const Result<QByteArray> pdf = renderPdf(d);
        QVERIFY(pdf);
        QVERIFY(pdf->startsWith("%PDF-"));
        keepArtifact(QStringLiteral("sample-simulated.pdf"), *pdf);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("web.pdf"));
        QVERIFY(writeFile(path, *pdf).isEmpty());
        const ProcessResult info = runTool(pdfinfo, {path}, {});
        QVERIFY2(info.exitCode == 0, info.err.constData());
        const QString text = QString::fromUtf8(info.out);
        QVERIFY2(text.contains(QRegularExpression(QStringLiteral("Pages:\\s+1\\n"))), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Discovery chain web (dc1)")));
        const QRegularExpressionMatch size = QRegularExpression(QStringLiteral("Page size:\\s+([0-9.]+) x ([0-9.]+) pts")).match(text);
        QVERIFY(size.hasMatch());
        const PageLayout page = pageLayout(d);
        QVERIFY(qAbs(size.captured(1).toDouble() - page.size.width() * 0.75) < 1.0);
        QVERIFY(qAbs(size.captured(2).toDouble() - page.size.height() * 0.75) < 1.0);
        // pdftotext shows the labels are real text, not outlines.
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (!pdftotext.isEmpty()) {
            const ProcessResult txt = runTool(pdftotext, {path, QStringLiteral("-")}, {});
            QCOMPARE(txt.exitCode, 0);
            QVERIFY(QString::fromUtf8(txt.out).contains(QStringLiteral("1st failover")));
        }
    }

    void dotParsesBackWithGraphviz_data()
    {
        QTest::addColumn<bool>("overlay");
        QTest::newRow("plain") << false;
        QTest::newRow("simulated") << true;
    }

    void dotParsesBackWithGraphviz()
    {
        QFETCH(bool, overlay);
        const QString dot = QStandardPaths::findExecutable(QStringLiteral("dot"));
        QVERIFY2(!dot.isEmpty(), "Graphviz `dot` is required (scripts/install-deps.sh installs it)");
        const Diagram d = testing::sampleDiagram(overlay);
        const Result<QByteArray> text = renderDot(d);
        QVERIFY(text);
        QCOMPARE(*renderDot(d), *text); // deterministic
        keepArtifact(overlay ? QStringLiteral("sample-simulated.dot") : QStringLiteral("sample.dot"), *text);

        const ProcessResult canon = runTool(dot, {QStringLiteral("-Tcanon")}, *text);
        QVERIFY2(canon.exitCode == 0, canon.err.constData());
        QVERIFY2(canon.err.isEmpty(), canon.err.constData()); // no warnings either (ports, HTML labels, attributes)
        const QString back = QString::fromUtf8(canon.out);
        for (const layout::SceneNode &n : d.scene.nodes)
            QVERIFY2(back.contains(u'"' + n.key + u'"'), qPrintable(n.key));
        // -Tcanon keeps our input positions: the first node's centre in Graphviz points (y up).
        const QPointF centre = toGraphvizPoint(d.geometry.nodes.first().rect.center(), d.geometry.bounds.bottom());
        const QRegularExpression posRe(QRegularExpression::escape(u'"' + d.scene.nodes.first().key + u'"')
                                       + QStringLiteral("[\\s\\S]*?\\bpos=\"([-0-9.]+),([-0-9.]+)\""));
        const QRegularExpressionMatch pos = posRe.match(back);
        QVERIFY2(pos.hasMatch(), qPrintable(back.left(2000)));
        QVERIFY(qAbs(pos.captured(1).toDouble() - centre.x()) < 0.01);
        QVERIFY(qAbs(pos.captured(2).toDouble() - centre.y()) < 0.01);
        QCOMPARE(back.count(QStringLiteral(" -> ")), d.scene.edges.size());
        if (overlay) {
            QVERIFY(back.contains(QStringLiteral("chainscope_state=dead")) || back.contains(QStringLiteral("chainscope_state=\"dead\"")));
        }

        // neato -n2 keeps our node and edge positions and renders them.
        const QString neato = QStandardPaths::findExecutable(QStringLiteral("neato"));
        if (!neato.isEmpty()) {
            const ProcessResult svg = runTool(neato, {QStringLiteral("-n2"), QStringLiteral("-Tsvg")}, *text);
            QVERIFY2(svg.exitCode == 0, svg.err.constData());
            QString error;
            xmlTexts(svg.out, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
    }

    void dotEscapesHostileText()
    {
        Diagram d = testing::sampleDiagram();
        d.scene.service = QStringLiteral("we\"b\\x");
        d.scene.nodes[0].title = QStringLiteral("<b>\"quoted\"</b> & \\ \n second line");
        d.scene.edges[3].label = QStringLiteral("\"50%\" \\");
        const QByteArray text = writeDot(d);
        const ProcessResult canon = runTool(QStringLiteral("dot"), {QStringLiteral("-Tcanon")}, text);
        QVERIFY2(canon.exitCode == 0, canon.err.constData());
        QVERIFY(canon.out.contains("&lt;b&gt;"));
    }

    void refusesDiagramsItCannotDraw()
    {
        Diagram empty;
        empty.scene.service = QStringLiteral("nothing");
        const Result<QByteArray> svg = renderSvg(empty);
        QVERIFY(!svg);
        QCOMPARE(svg.diagnostics.first().code, codes::EmptyDiagram);

        Diagram misaligned = testing::sampleDiagram();
        misaligned.geometry.edges.removeLast();
        for (Format f : {Format::Svg, Format::Png, Format::Pdf, Format::Dot}) {
            const Result<QByteArray> r = renderPicture(misaligned, f);
            QVERIFY(!r);
            QCOMPARE(r.diagnostics.first().code, codes::SceneMismatch);
        }

        Diagram badOverlay = testing::sampleDiagram(true);
        badOverlay.overlay.nodes.removeFirst();
        QCOMPARE(checkDiagram(badOverlay).value(0).code, codes::SceneMismatch);

        const Result<QByteArray> json = renderPicture(testing::sampleDiagram(), Format::Json);
        QVERIFY(!json);
        QCOMPARE(json.diagnostics.first().code, codes::UnknownFormat);

        const Result<QImage> huge = renderImage(testing::sampleDiagram(), 100.0);
        QVERIFY(!huge);
        QCOMPARE(huge.diagnostics.first().code, codes::RenderFailed);
    }

    void writeFileReportsFailure()
    {
        const Diagnostics problems = writeFile(QStringLiteral("/nonexistent-dir/sub/web.svg"), QByteArrayLiteral("x"));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().code, codes::WriteFailed);
        QVERIFY(problems.first().message.contains(QStringLiteral("/nonexistent-dir/sub/web.svg")));
    }
};

QTEST_MAIN(TestDiagramExport)
#include "tst_diagramexport.moc"
