// `chainscope export`: a service's discovery chain as SVG, PNG, PDF, DOT or JSON, headless.
#include "command.h"
#include "simflags.h"

#include "chain/compiler.h"
#include "config/configset.h"
#include "export/chaindiagram.h"
#include "export/diagramexport.h"
#include "sim/catalog.h"
#include "sim/scenariotext.h"
#include "sim/simulation.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace chainscope::app {
namespace {

struct ExportOptions {
    exporter::Format format = exporter::Format::Svg;
    QString output;       ///< "" = a file named after the service in the current directory; "-" = stdout
    bool outputIsDir = false;
    bool all = false;
    QStringList paths;
    chain::CompileRequest request;
    layout::ColorScheme scheme = layout::ColorScheme::Light;
    QDateTime timestamp;
    std::optional<sim::Catalog> catalog; ///< set: draw the simulation overlay
    sim::Scenario scenario;
    QString scenarioText;                ///< the title block's "Simulation:" line
};

void printDiagnostics(const Diagnostics &diagnostics, QTextStream &err)
{
    for (const Diagnostic &d : diagnostics)
        err << d.format() << '\n';
}

/** Where one service's export goes. */
QString outputPath(const ExportOptions &o, const exporter::ServiceRef &service)
{
    const QString name = exporter::pictureFileName(service, o.format);
    if (o.output.isEmpty())
        return name;
    if (o.outputIsDir)
        return QDir(o.output).filePath(name);
    return o.output;
}

/** JSON is exactly what `chainscope compile` prints: run that command in-process. */
int exportJson(const ExportOptions &o, const exporter::ServiceRef &service, const QString &target, QTextStream &out, QTextStream &err)
{
    const Command *compile = findCommand(QStringLiteral("compile"));
    if (!compile) {
        err << "chainscope export: JSON export needs the compile command, which this build lacks\n";
        return ExitProblems;
    }
    QStringList args{QStringLiteral("--service"), service.name, QStringLiteral("--datacenter"), o.request.evaluateInDatacenter,
                     QStringLiteral("--namespace"), service.namespace_.isEmpty() ? o.request.evaluateInNamespace : service.namespace_,
                     QStringLiteral("--partition"), service.partition.isEmpty() ? o.request.evaluateInPartition : service.partition,
                     QStringLiteral("--edition"), o.request.edition == config::Edition::CE ? QStringLiteral("ce") : QStringLiteral("enterprise")};
    args << QStringLiteral("--") << o.paths;
    QString json;
    QTextStream jsonStream(&json);
    const int rc = compile->run(args, jsonStream, err);
    jsonStream.flush();
    if (rc != ExitOk)
        return rc;
    if (target == u"-") {
        out << json;
        return ExitOk;
    }
    const Diagnostics written = exporter::writeFile(target, json.toUtf8());
    printDiagnostics(written, err);
    if (!written.isEmpty())
        return ExitProblems;
    out << "wrote " << QDir::toNativeSeparators(target) << '\n';
    return ExitOk;
}

int exportPicture(const ExportOptions &o, const chain::ChainCompiler &compiler, const exporter::ServiceRef &service, const QString &target,
                  QTextStream &out, QTextStream &err)
{
    chain::CompileRequest request = o.request;
    request.serviceName = service.name;
    if (!service.namespace_.isEmpty())
        request.evaluateInNamespace = service.namespace_;
    if (!service.partition.isEmpty())
        request.evaluateInPartition = service.partition;
    const Result<chain::CompiledChain> compiled = compiler.compile(request);
    printDiagnostics(compiled.diagnostics, err);
    if (!compiled)
        return ExitProblems;

    exporter::DiagramInfo info;
    info.service = service.name;
    info.datacenter = request.evaluateInDatacenter;
    info.namespace_ = request.evaluateInNamespace;
    info.sources = o.paths;
    info.timestamp = o.timestamp;
    std::optional<sim::SimulationResult> simulation;
    if (o.catalog) {
        info.scenario = o.scenarioText;
        const sim::Simulator simulator(*compiled, *o.catalog, compiler.entries());
        simulation = simulator.run(o.scenario);
        printDiagnostics(simulation->problems, err);
    }
    const Result<exporter::Diagram> diagram = exporter::diagramForChain(*compiled, compiler.entries(), info, simulation, o.scheme);
    printDiagnostics(diagram.diagnostics, err);
    if (!diagram)
        return ExitProblems;
    const Result<QByteArray> bytes = exporter::renderPicture(*diagram, o.format);
    printDiagnostics(bytes.diagnostics, err);
    if (!bytes)
        return ExitProblems;
    if (target == u"-") {
        out << QString::fromUtf8(*bytes);
        return ExitOk;
    }
    const Diagnostics written = exporter::writeFile(target, *bytes);
    printDiagnostics(written, err);
    if (!written.isEmpty())
        return ExitProblems;
    out << "wrote " << QDir::toNativeSeparators(target) << '\n';
    return ExitOk;
}

int runExport(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export a service's discovery chain as a picture (svg, png at 2x, pdf), as Graphviz DOT with our layout, or as the JSON "
        "`chainscope compile` prints. Works without a display."));
    const QCommandLineOption serviceOption(QStringLiteral("service"), QStringLiteral("The service whose chain to export."), QStringLiteral("NAME"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
                                          QStringLiteral("svg, png, pdf, dot or json (default: from -o's extension, else svg)."),
                                          QStringLiteral("FORMAT"));
    const QCommandLineOption outputOption(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                          QStringLiteral("Output file, or directory (with --all, or when it exists); - for standard output. "
                                                         "Default: <service>.<format> in the current directory."),
                                          QStringLiteral("FILE|DIR"));
    const QCommandLineOption allOption(QStringLiteral("all"), QStringLiteral("Export every service (one file each) into the -o directory."));
    const QCommandLineOption dcOption(QStringLiteral("datacenter"), QStringLiteral("Compile for this datacenter (default dc1)."), QStringLiteral("DC"),
                                      QStringLiteral("dc1"));
    const QCommandLineOption nsOption(QStringLiteral("namespace"), QStringLiteral("Namespace of the service (default: default)."),
                                      QStringLiteral("NS"), QStringLiteral("default"));
    const QCommandLineOption partitionOption(QStringLiteral("partition"), QStringLiteral("Partition of the service (default: default)."),
                                             QStringLiteral("AP"), QStringLiteral("default"));
    const QCommandLineOption editionOption(QStringLiteral("edition"), QStringLiteral("enterprise (default) or ce."), QStringLiteral("EDITION"),
                                           QStringLiteral("enterprise"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("light (default) or dark."), QStringLiteral("THEME"),
                                         QStringLiteral("light"));
    const QCommandLineOption catalogOption(QStringLiteral("catalog"),
                                           QStringLiteral("Catalog JSON (health API answer or datacenter map): draw traffic, health and "
                                                          "intentions as `chainscope simulate` computes them."),
                                           QStringLiteral("FILE"));
    parser.addOptions({serviceOption, formatOption, outputOption, allOption, dcOption, nsOption, partitionOption, editionOption, themeOption,
                       catalogOption});
    addSimulationOptions(parser);
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Config files or directories (HCL, JSON, Kubernetes YAML)."),
                                 QStringLiteral("PATH..."));

    if (!parser.parse(QStringList{QStringLiteral("chainscope export")} + args)) {
        err << "chainscope export: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }

    ExportOptions o;
    o.paths = parser.positionalArguments();
    o.all = parser.isSet(allOption);
    o.output = parser.value(outputOption);
    o.timestamp = exporter::exportTimestamp();
    const auto usage = [&](const QString &message) {
        err << "chainscope export: " << message << "\n(see `chainscope export --help`)\n";
        return ExitUsage;
    };
    if (o.paths.isEmpty())
        return usage(QStringLiteral("no configuration PATH given"));
    if (!o.all && !parser.isSet(serviceOption))
        return usage(QStringLiteral("--service NAME or --all is required"));
    if (o.all && parser.isSet(serviceOption))
        return usage(QStringLiteral("--service and --all exclude each other"));

    if (parser.isSet(formatOption)) {
        const std::optional<exporter::Format> f = exporter::formatFromName(parser.value(formatOption));
        if (!f)
            return usage(QStringLiteral("unknown format \"%1\" (svg, png, pdf, dot, json)").arg(parser.value(formatOption)));
        o.format = *f;
    } else if (!o.output.isEmpty() && o.output != u"-" && !o.all && !QFileInfo(o.output).isDir()) {
        if (const std::optional<exporter::Format> f = exporter::formatForPath(o.output))
            o.format = *f;
    }

    if (o.all) {
        if (o.output.isEmpty() || o.output == u"-")
            return usage(QStringLiteral("--all needs -o DIR"));
        if (!QDir().mkpath(o.output)) {
            err << "chainscope export: cannot create directory " << o.output << '\n';
            return ExitProblems;
        }
        o.outputIsDir = true;
    } else if (!o.output.isEmpty() && o.output != u"-" && QFileInfo(o.output).isDir()) {
        o.outputIsDir = true;
    }
    if (o.output == u"-" && (o.format == exporter::Format::Png || o.format == exporter::Format::Pdf))
        return usage(QStringLiteral("%1 cannot go to standard output; use -o FILE").arg(exporter::formatName(o.format).toUpper()));

    const QString edition = parser.value(editionOption).toLower();
    if (edition != u"enterprise" && edition != u"ce")
        return usage(QStringLiteral("--edition must be enterprise or ce"));
    const QString theme = parser.value(themeOption).toLower();
    if (theme != u"light" && theme != u"dark")
        return usage(QStringLiteral("--theme must be light or dark"));
    o.scheme = theme == u"dark" ? layout::ColorScheme::Dark : layout::ColorScheme::Light;
    o.request.edition = edition == u"ce" ? config::Edition::CE : config::Edition::Enterprise;
    o.request.evaluateInDatacenter = parser.value(dcOption);
    o.request.evaluateInNamespace = parser.value(nsOption);
    o.request.evaluateInPartition = parser.value(partitionOption);

    QString flagError;
    if (!parseSimulationFlags(parser, o.scenario, flagError))
        return usage(flagError);
    o.scenario.edition = o.request.edition;
    static const char *const simulationFlags[] = {"source", "down", "down-dc", "down-peer", "down-subset", "check", "request", "header",
                                                  "default-intention", "consul-era", "explicit-upstreams"};
    if (!parser.isSet(catalogOption)) {
        for (const char *flag : simulationFlags) {
            if (parser.isSet(QString::fromLatin1(flag)))
                return usage(QStringLiteral("--%1 simulates: it needs --catalog FILE").arg(QString::fromLatin1(flag)));
        }
    }

    config::LoadOptions loadOptions;
    loadOptions.edition = o.request.edition;
    const config::ConfigSet set = config::loadConfig(o.paths, loadOptions);
    printDiagnostics(set.diagnostics, err);
    if (hasErrors(set.diagnostics)) {
        err << "chainscope export: the configuration has errors; nothing exported\n";
        return ExitProblems;
    }

    if (parser.isSet(catalogOption) && o.format != exporter::Format::Json) {
        sim::CatalogOptions catalogOptions;
        catalogOptions.defaultDatacenter = o.request.evaluateInDatacenter;
        Result<sim::Catalog> catalog = sim::loadCatalog(parser.value(catalogOption), catalogOptions);
        printDiagnostics(catalog.diagnostics, err);
        if (!catalog || hasErrors(catalog.diagnostics)) {
            err << "chainscope export: the catalog has errors; nothing exported\n";
            return ExitProblems;
        }
        o.catalog = std::move(*catalog);
        o.scenarioText = sim::describeScenario(o.scenario, parser.value(catalogOption));
    }

    QList<exporter::ServiceRef> services;
    if (o.all) {
        services = exporter::chainServices(set.entries);
        if (services.isEmpty()) {
            err << "chainscope export: no service is named by the configuration\n";
            return ExitProblems;
        }
    } else {
        services.append({parser.value(serviceOption), o.request.evaluateInNamespace == u"default" ? QString() : o.request.evaluateInNamespace,
                         o.request.evaluateInPartition == u"default" ? QString() : o.request.evaluateInPartition});
    }

    const chain::ChainCompiler compiler(set.entries);
    int rc = ExitOk;
    for (const exporter::ServiceRef &service : services) {
        const QString target = o.output == u"-" ? o.output : outputPath(o, service);
        const int one = o.format == exporter::Format::Json ? exportJson(o, service, target, out, err)
                                                           : exportPicture(o, compiler, service, target, out, err);
        rc = std::max(rc, one);
    }
    return rc;
}

} // namespace

CHAINSCOPE_REGISTER_COMMAND(Command{QStringLiteral("export"), QStringLiteral("Export a chain as SVG, PNG, PDF, DOT or JSON"), runExport, true})

} // namespace chainscope::app
