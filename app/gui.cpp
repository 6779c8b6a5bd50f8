#include "command.h"
#include "gui.h"

#include <QCoreApplication>
#include <QTextStream>

namespace chainscope::app {

// TODO(issue-5): replaced by the QtQuick routing tab. Until then, opening the app validates the paths given
// (or the bundled demo mesh), as issue 2 allows.
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

} // namespace chainscope::app
