// `chainscope entries [--format json|hcl|yaml] [--edition enterprise|ce] PATH...`: load config entries and
// print them normalised, as Consul API JSON, Consul HCL or Kubernetes CRD YAML.
#include "command.h"

#include "config/configset.h"
#include "config/emit.h"

#include <QCommandLineParser>

namespace chainscope::app {
namespace {

int runEntries(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the config entries found in files and directories, decoded and "
                                                    "normalised the way Consul stores them."));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("json (Consul API form, default), hcl, or yaml (Kubernetes CRDs)."),
                                          QStringLiteral("FORMAT"), QStringLiteral("json"));
    const QCommandLineOption editionOption(QStringLiteral("edition"),
                                           QStringLiteral("enterprise (default) or ce: which Consul decodes the entries."),
                                           QStringLiteral("EDITION"), QStringLiteral("enterprise"));
    parser.addOptions({formatOption, editionOption});
    parser.addPositionalArgument(QStringLiteral("paths"), QStringLiteral("Files or directories to read."), QStringLiteral("PATH..."));
    parser.addHelpOption();

    if (!parser.parse(QStringList{QStringLiteral("chainscope entries")} + args)) {
        err << "entries: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("json") && format != QLatin1String("hcl") && format != QLatin1String("yaml")) {
        err << "entries: --format must be json, hcl or yaml\n";
        return ExitUsage;
    }
    const QString edition = parser.value(editionOption);
    if (edition != QLatin1String("enterprise") && edition != QLatin1String("ce")) {
        err << "entries: --edition must be enterprise or ce\n";
        return ExitUsage;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        err << "entries: no PATH given\n";
        return ExitUsage;
    }

    config::LoadOptions options;
    options.edition = edition == QLatin1String("ce") ? config::Edition::CE : config::Edition::Enterprise;
    const config::ConfigSet set = config::loadConfig(paths, options);

    // Entries that loaded are printed even when others failed, so the output shows what Consul would keep.
    if (format == QLatin1String("hcl"))
        out << config::emitHcl(set.entries);
    else if (format == QLatin1String("yaml"))
        out << config::emitYaml(set.entries);
    else
        out << config::emitJson(set.entries);

    for (const Diagnostic &d : set.diagnostics)
        err << d.format() << "\n";
    return hasErrors(set.diagnostics) ? ExitProblems : ExitOk;
}

} // namespace

CHAINSCOPE_REGISTER_COMMAND(Command{QStringLiteral("entries"),
                                    QStringLiteral("Print the loaded config entries as Consul JSON, HCL or Kubernetes YAML."),
                                    runEntries})

} // namespace chainscope::app
