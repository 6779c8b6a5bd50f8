// chainscope: `chainscope <command> ...` runs a headless command; no command opens the desktop app.
#include "command.h"
#include "gui.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

using namespace chainscope::app;

int main(int argc, char *argv[])
{
    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const Command *command = first.startsWith(u'-') ? nullptr : findCommand(first);

    if (!command) {
        if (first == u"help" || first == u"--help" || first == u"-h") {
            QTextStream out(stdout);
            out << "Usage: chainscope [PATH...] [--service NAME] [--screenshot FILE.png]\n"
                   "       chainscope <command> [options] PATH...\n\nCommands:\n";
            for (const auto &c : commands())
                out << "  " << c.name.leftJustified(10) << c.summary << '\n';
            out << "\nRun `chainscope <command> --help` for a command's options.\n";
            return ExitOk;
        }
        if (!first.isEmpty() && !first.startsWith(u'-') && argc == 2 && first.indexOf(u'/') < 0 && first.indexOf(u'.') < 0) {
            // A bare word that is neither a command nor a path is most likely a mistyped command.
            QTextStream err(stderr);
            err << "chainscope: unknown command \"" << first << "\" (try `chainscope help`)\n";
            return ExitUsage;
        }
        return runGui(argc, argv);
    }

    std::unique_ptr<QCoreApplication> app;
    if (command->needsGui) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
            && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("chainscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("chainscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHAINSCOPE_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.remove(0, 2); // program name and command name
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int rc = command->run(args, out, err);
    out.flush();
    err.flush();
    return rc;
}
