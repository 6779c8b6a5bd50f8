// `chainscope --screenshot` over the demo's web chain: the PNG exists, has the window's size, and is not
// blank (many distinct colours, plenty of non-background pixels). The image stays in the build directory.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTest>

class TestScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void webChainScreenshotHasContent()
    {
        const QString dir = QStringLiteral(CHAINSCOPE_BINARY_DIR) + QStringLiteral("/screenshots");
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/web.png");
        QFile::remove(file);
        QProcess app;
        app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app.start(QStringLiteral(CHAINSCOPE_EXE),
                  {QStringLiteral("--service"), QStringLiteral("web"), QStringLiteral("--size"), QStringLiteral("1480x900"),
                   QStringLiteral("--screenshot"), file});
        QVERIFY(app.waitForFinished(120000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);

        const QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file));
        QVERIFY(image.width() >= 1000 && image.height() >= 600);
        QHash<QRgb, int> histogram;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                ++histogram[image.pixel(x, y)];
        }
        int background = 0;
        for (int n : std::as_const(histogram))
            background = std::max(background, n);
        const int total = ((image.width() + 1) / 2) * ((image.height() + 1) / 2);
        qInfo("screenshot %s: %d distinct colours, %.1f%% not the dominant colour", qPrintable(file), int(histogram.size()),
              100.0 * (total - background) / total);
        QVERIFY2(histogram.size() > 200, "text, boxes and antialiased edges give many colours");
        QVERIFY2(total - background > total / 10, "at least 10% of the window is drawn content");
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
