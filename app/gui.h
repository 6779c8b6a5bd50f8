// Entry point of the desktop application (no subcommand given).
#pragma once

namespace chainscope::app {
int runGui(int argc, char *argv[]);
}
