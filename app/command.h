// The `chainscope <command>` registry: each command lives in its own cmd_*.cpp and registers itself.
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace chainscope::app {

/** Exit codes shared by every command: 0 ok, 1 problems found, 2 usage error. */
enum ExitCode { ExitOk = 0, ExitProblems = 1, ExitUsage = 2 };

struct Command {
    QString name;
    QString summary;
    /** Runs the command. args excludes the program name and the command name. Output goes to the given
     *  streams (stdout/stderr in the real binary, buffers in tests). Returns an ExitCode. */
    std::function<int(const QStringList &args, QTextStream &out, QTextStream &err)> run;
    /** Whether the command needs a QGuiApplication (rendering); headless commands use QCoreApplication. */
    bool needsGui = false;
};

/** Registers a command at static-initialisation time. Use via CHAINSCOPE_REGISTER_COMMAND. */
bool registerCommand(Command command);
[[nodiscard]] const Command *findCommand(const QString &name);
[[nodiscard]] QList<Command> commands();

} // namespace chainscope::app

#define CHAINSCOPE_CONCAT2(a, b) a##b
#define CHAINSCOPE_CONCAT(a, b) CHAINSCOPE_CONCAT2(a, b)
#define CHAINSCOPE_REGISTER_COMMAND(...)                                                                              \
    namespace {                                                                                                        \
    const bool CHAINSCOPE_CONCAT(s_registered_, __LINE__) = ::chainscope::app::registerCommand(__VA_ARGS__);          \
    }
