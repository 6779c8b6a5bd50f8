// `chainscope report`: every service's picture and failover table, as Markdown (SVGs beside it) or HTML.
#include "command.h"

#include "chain/compiler.h"
#include "config/configset.h"
#include "export/chaindiagram.h"
#include "export/diagramexport.h"
#include "export/report.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

namespace chainscope::app {
namespace {

QDateTime reportTimestamp()
{
    bool ok = false;
    const qint64 epoch = qEnvironmentVariableIntValue("SOURCE_DATE_EPOCH", &ok);
    if (ok && qEnvironmentVariableIsSet("SOURCE_DATE_EPOCH"))
        return QDateTime::fromSecsSinceEpoch(epoch, QTimeZone::utc());
    return QDateTime::currentDateTimeUtc();
}

int runReport(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write a report of every service's discovery chain: its picture and a failover table (primary, ordered failover targets, "
        "and whether each source service named by intentions may reach each target). FILE.md writes the pictures as SVG files "
        "beside it; FILE.html inlines them."));
    const QCommandLineOption outputOption(QStringList{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("FILE.md or FILE.html."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption dcOption(QStringLiteral("datacenter"), QStringLiteral("Compile for this datacenter (default dc1)."), QStringLiteral("DC"),
                                      QStringLiteral("dc1"));
    const QCommandLineOption editionOption(QStringLiteral("edition"), QStringLiteral("enterprise (default) or ce."), QStringLiteral("EDITION"),
                                           QStringLiteral("enterprise"));
    const QCommandLineOption titleOption(QStringLiteral("title"), QStringLiteral("Report title (default: Service mesh report)."), QStringLiteral("TEXT"),
                                         QStringLiteral("Service mesh report"));
    const QCommandLineOption defaultIntentionOption(QStringLiteral("default-intention"),
                                                    QStringLiteral("What applies when no intention matches: allow (default) or deny (ACL default policy)."),
                                                    QStringLiteral("allow|deny"), QStringLiteral("allow"));
    parser.addOptions({outputOption, dcOption, editionOption, titleOption, defaultIntentionOption});
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Config files or directories (HCL, JSON, Kubernetes YAML)."),
                                 QStringLiteral("PATH..."));
    if (!parser.parse(QStringList{QStringLiteral("chainscope report")} + args)) {
        err << "chainscope report: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    const auto usage = [&](const QString &message) {
        err << "chainscope report: " << message << "\n(see `chainscope report --help`)\n";
        return ExitUsage;
    };
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty())
        return usage(QStringLiteral("no configuration PATH given"));
    const QString output = parser.value(outputOption);
    const QString suffix = QFileInfo(output).suffix().toLower();
    const bool html = suffix == u"html" || suffix == u"htm";
    if (output.isEmpty() || (!html && suffix != u"md" && suffix != u"markdown"))
        return usage(QStringLiteral("-o FILE.md or -o FILE.html is required"));
    const QString edition = parser.value(editionOption).toLower();
    if (edition != u"enterprise" && edition != u"ce")
        return usage(QStringLiteral("--edition must be enterprise or ce"));

    const QString defaultIntention = parser.value(defaultIntentionOption).toLower();
    if (defaultIntention != u"allow" && defaultIntention != u"deny")
        return usage(QStringLiteral("--default-intention must be allow or deny"));

    config::LoadOptions loadOptions;
    loadOptions.edition = edition == u"ce" ? config::Edition::CE : config::Edition::Enterprise;
    const config::ConfigSet set = config::loadConfig(paths, loadOptions);
    for (const Diagnostic &d : set.diagnostics)
        err << d.format() << '\n';

    exporter::Report report;
    report.title = parser.value(titleOption);
    report.sources = paths;
    report.datacenter = parser.value(dcOption);
    report.timestamp = reportTimestamp();
    report.sourceServices = exporter::intentionSources(set.entries);
    for (const Diagnostic &d : set.diagnostics) {
        if (d.severity == Severity::Error)
            report.configProblems.append(d);
    }

    const QFileInfo reportFile(output);
    if (!QDir().mkpath(reportFile.absolutePath())) {
        err << "chainscope report: cannot create directory " << reportFile.absolutePath() << '\n';
        return ExitProblems;
    }
    const chain::ChainCompiler compiler(set.entries);
    bool problems = hasErrors(set.diagnostics);
    for (const exporter::ServiceRef &service : exporter::chainServices(set.entries)) {
        exporter::ReportChain section;
        section.service = service.name;
        section.namespace_ = service.namespace_;
        chain::CompileRequest request;
        request.serviceName = service.name;
        request.edition = loadOptions.edition;
        request.evaluateInDatacenter = report.datacenter;
        if (!service.namespace_.isEmpty())
            request.evaluateInNamespace = service.namespace_;
        if (!service.partition.isEmpty())
            request.evaluateInPartition = service.partition;
        const Result<chain::CompiledChain> compiled = compiler.compile(request);
        section.problems = compiled.diagnostics;
        if (!compiled) {
            problems = true;
            report.chains.append(section);
            continue;
        }
        section.protocol = compiled->protocol;
        section.targets = exporter::failoverTable(*compiled);
        exporter::fillAccess(section.targets, *compiled, set.entries, report.sourceServices, defaultIntention == u"allow");

        exporter::DiagramInfo info;
        info.service = service.name;
        info.datacenter = report.datacenter;
        info.namespace_ = request.evaluateInNamespace;
        info.sources = paths;
        info.timestamp = report.timestamp;
        const Result<exporter::Diagram> diagram = exporter::diagramForChain(*compiled, set.entries, info);
        section.problems += diagram.diagnostics;
        const Result<QByteArray> svg = diagram ? exporter::renderSvg(*diagram) : Result<QByteArray>{};
        section.problems += svg.diagnostics;
        if (svg) {
            if (html) {
                section.svg = *svg;
            } else {
                section.pictureFile = exporter::pictureFileName(service, exporter::Format::Svg);
                const Diagnostics written = exporter::writeFile(reportFile.dir().filePath(section.pictureFile), *svg);
                section.problems += written;
                if (!written.isEmpty())
                    section.pictureFile.clear();
            }
        }
        if (hasErrors(section.problems))
            problems = true;
        report.chains.append(section);
    }

    const QByteArray bytes = html ? exporter::renderHtml(report) : exporter::renderMarkdown(report).toUtf8();
    const Diagnostics written = exporter::writeFile(output, bytes);
    for (const Diagnostic &d : written)
        err << d.format() << '\n';
    if (!written.isEmpty())
        return ExitProblems;
    out << "wrote " << QDir::toNativeSeparators(output) << " (" << report.chains.size() << " services)\n";
    return problems ? ExitProblems : ExitOk;
}

} // namespace

CHAINSCOPE_REGISTER_COMMAND(Command{QStringLiteral("report"), QStringLiteral("Write a Markdown/HTML report of every chain"), runReport, true})

} // namespace chainscope::app
