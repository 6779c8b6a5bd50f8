#include "command.h"

#include <QTextStream>

#include <algorithm>
#include <vector>

namespace chainscope::app {

namespace {
std::vector<Command> &registry()
{
    static std::vector<Command> s_commands;
    return s_commands;
}
} // namespace

bool registerCommand(Command command)
{
    registry().push_back(std::move(command));
    return true;
}

const Command *findCommand(const QString &name)
{
    const auto &r = registry();
    auto it = std::find_if(r.begin(), r.end(), [&](const Command &c) { return c.name == name; });
    return it == r.end() ? nullptr : &*it;
}

QList<Command> commands()
{
    QList<Command> out(registry().begin(), registry().end());
    std::sort(out.begin(), out.end(), [](const Command &a, const Command &b) { return a.name < b.name; });
    return out;
}

} // namespace chainscope::app
