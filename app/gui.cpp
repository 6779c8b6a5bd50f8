// The desktop application: `chainscope [PATH...] [--service NAME] [--catalog FILE] [--screenshot FILE.png]`,
// plus `--self-test` (load the UI on the demo mesh, fail on any warning) and `--bench-startup` (print the
// time to the first frame). Without paths it opens the bundled demo mesh.
#include "gui.h"

#include "command.h"

#ifdef CHAINSCOPE_HAVE_UI
#include "appcontext.h"
#include "chaindocument.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>
#endif

#include <QCoreApplication>
#include <QTextStream>

#include <atomic>

namespace chainscope::app {

#ifdef CHAINSCOPE_HAVE_UI
namespace {

std::atomic<int> s_warnings{0};
QtMessageHandler s_previousHandler = nullptr;

/** Whether a message comes from QML/QtQuick: a binding error, a type error, a failed import, a Controls or
 *  Shapes complaint. Environment noise (XDG_RUNTIME_DIR, fonts) is not the UI's fault. */
bool isUiMessage(const QMessageLogContext &context)
{
    const QLatin1StringView category(context.category ? context.category : "");
    const QLatin1StringView file(context.file ? context.file : "");
    return file.endsWith(QLatin1StringView(".qml")) || file.startsWith(QLatin1StringView("qrc:")) || category == QLatin1StringView("qml")
        || category == QLatin1StringView("js") || category.startsWith(QLatin1StringView("qt.qml"))
        || category.startsWith(QLatin1StringView("qt.quick")) || category.startsWith(QLatin1StringView("chainscope"));
}

/** In automated runs every QML warning counts as a failure (itinerary's self-test passes on a
 *  ReferenceError; ours must not, style.md §3.19). */
void countingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if ((type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg) && isUiMessage(context))
        ++s_warnings;
    if (s_previousHandler)
        s_previousHandler(type, context, message);
}

bool wantsOffscreen(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--self-test" || a == "--screenshot" || a.startsWith("--screenshot=") || a == "--bench-startup")
            return true;
    }
    return false;
}

/** The demo mesh: the source tree's copy, else <prefix>/share/chainscope/demo next to an installed binary. */
QString demoDir()
{
    const QString source = QStringLiteral(CHAINSCOPE_DEMO_DIR);
    if (QFileInfo::exists(source + QStringLiteral("/mesh")))
        return source;
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../share/chainscope/demo"));
}

} // namespace

int runGui(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    const bool automated = wantsOffscreen(argc, argv);
    if (automated && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));

    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chainscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAINSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Consul discovery chains, compiled, simulated and drawn."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"), QStringLiteral("Config entry files or folders (default: the demo mesh)."),
                                 QStringLiteral("[PATH...]"));
    const QCommandLineOption serviceOption(QStringLiteral("service"), QStringLiteral("Service whose chain to show."), QStringLiteral("NAME"));
    const QCommandLineOption catalogOption(QStringLiteral("catalog"), QStringLiteral("Catalog JSON for the health simulation."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              QStringLiteral("Render the window offscreen, save it as PNG and exit."), QStringLiteral("FILE.png"));
    const QCommandLineOption selfTestOption(QStringLiteral("self-test"), QStringLiteral("Load the UI on the demo mesh; exit 1 on any warning."));
    const QCommandLineOption benchOption(QStringLiteral("bench-startup"), QStringLiteral("Print milliseconds to the first frame and exit."));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size for --screenshot."), QStringLiteral("WxH"),
                                        QStringLiteral("1480x900"));
    parser.addOptions({serviceOption, catalogOption, screenshotOption, selfTestOption, benchOption, sizeOption});
    parser.process(app);

    QTextStream err(stderr);
    QTextStream out(stdout);
    const bool selfTest = parser.isSet(selfTestOption);
    if (automated)
        s_previousHandler = qInstallMessageHandler(countingHandler);

    QStringList paths = parser.positionalArguments();
    QString catalog = parser.value(catalogOption);
    if (paths.isEmpty() || selfTest) {
        const QString demo = demoDir();
        paths = {demo + QStringLiteral("/mesh")};
        if (catalog.isEmpty())
            catalog = demo + QStringLiteral("/catalog.json");
    }
    for (QString &p : paths)
        p = QFileInfo(p).absoluteFilePath();

    model::ChainDocument document;
    document.setWatching(!automated);
    if (!catalog.isEmpty())
        document.setCatalogPath(QFileInfo(catalog).absoluteFilePath());
    document.setPaths(paths);
    if (parser.isSet(serviceOption)) {
        const QString service = parser.value(serviceOption);
        document.setService(service);
        if (document.services()->indexOf(service) < 0 && automated) {
            err << "chainscope: no service \"" << service << "\" in the loaded configuration\n";
            return ExitUsage;
        }
    }

    model::AppContext context(&document, automated);
    model::AppContext::setInstance(&context);

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QObject::connect(&engine, &QQmlEngine::warnings, &app, [](const QList<QQmlError> &warnings) { s_warnings += static_cast<int>(warnings.size()); });
    engine.load(QUrl(QStringLiteral("qrc:/qt/qml/Chainscope/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        err << "chainscope: the user interface failed to load\n";
        return ExitProblems;
    }
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        err << "chainscope: Main.qml is not a window\n";
        return ExitProblems;
    }
    if (!automated)
        return app.exec();

    const QStringList size = parser.value(sizeOption).split(u'x');
    if (size.size() == 2 && size.at(0).toInt() > 0 && size.at(1).toInt() > 0)
        window->resize(size.at(0).toInt(), size.at(1).toInt());

    int rc = ExitOk;
    // Act once the scene is on screen: the first swapped frame, then a short settle for the fit-to-window
    // relayout queued with Qt.callLater, then one more frame.
    QObject::connect(
        window, &QQuickWindow::frameSwapped, &app,
        [&] {
            static bool done = false;
            if (done)
                return;
            done = true;
            if (parser.isSet(benchOption)) {
                out << "first frame after " << sinceStart.elapsed() << " ms\n";
                out.flush();
                QTimer::singleShot(0, &app, [&] { app.exit(ExitOk); });
                return;
            }
            QTimer::singleShot(150, &app, [&] {
                if (parser.isSet(screenshotOption)) {
                    const QImage image = window->grabWindow();
                    const QString file = parser.value(screenshotOption);
                    if (image.isNull() || !image.save(file)) {
                        err << "chainscope: could not save the screenshot to " << file << '\n';
                        rc = ExitProblems;
                    }
                }
                if (selfTest) {
                    if (document.nodes()->count() == 0) {
                        err << "chainscope: self-test: the demo chain has no nodes (" << document.chainError() << ")\n";
                        rc = ExitProblems;
                    }
                    if (s_warnings > 0) {
                        err << "chainscope: self-test: " << s_warnings.load() << " warning(s)\n";
                        rc = ExitProblems;
                    }
                }
                app.exit(rc);
            });
        },
        Qt::QueuedConnection);
    window->show();
    QTimer::singleShot(20000, &app, [&] {
        err << "chainscope: no frame rendered within 20 s\n";
        app.exit(ExitProblems);
    });
    const int result = app.exec();
    qInstallMessageHandler(s_previousHandler);
    return result;
}

#else

// Built without the QtQuick UI (Chainscope.Models not available yet): opening the app validates the paths
// given (or the bundled demo mesh), as issue 2 allows.
int runGui(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty())
        args << QStringLiteral(CHAINSCOPE_DEMO_DIR);
    const Command *validate = findCommand(QStringLiteral("validate"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!validate) {
        err << "chainscope: the desktop application is not built yet\n";
        return ExitUsage;
    }
    return validate->run(args, out, err);
}

#endif

} // namespace chainscope::app
