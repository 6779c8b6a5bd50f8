// `chainscope validate [--format text|json] [--edition enterprise|ce] PATH...`: load config entries from
// files and directories and report every problem, the way `consul config write` and the consul-k8s webhook
// would refuse them, located at the offending field.
#include "command.h"

#include "chain/compiler.h"
#include "config/configset.h"

#include <QCommandLineParser>
#include <algorithm>
#include <tuple>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chainscope::app {
namespace {

QString plural(qsizetype n, const char *one, const char *many)
{
    return QString::number(n) + u' ' + QLatin1String(n == 1 ? one : many);
}

QString formatName(const std::optional<config::DocumentFormat> &format)
{
    if (!format)
        return QString();
    switch (*format) {
    case config::DocumentFormat::Hcl:
        return QStringLiteral("hcl");
    case config::DocumentFormat::Json:
        return QStringLiteral("json");
    case config::DocumentFormat::Yaml:
        return QStringLiteral("yaml");
    }
    Q_UNREACHABLE();
}

/** What one file contributed: its entries and the problems located in it. */
struct FileSummary {
    config::FileReport report;
    qsizetype entries = 0;
    qsizetype errors = 0;
    qsizetype warnings = 0;
};

QList<FileSummary> summarise(const config::ConfigSet &set, const Diagnostics &problems)
{
    QList<FileSummary> files;
    QHash<QString, qsizetype> byFile;
    for (const config::FileReport &report : set.files) {
        byFile.insert(report.file, files.size());
        files.append({report, 0, 0, 0});
    }
    for (const config::Entry &entry : set.entries) {
        if (const auto it = byFile.constFind(entry.span.file); it != byFile.cend())
            ++files[*it].entries;
    }
    for (const Diagnostic &d : problems) {
        const auto it = byFile.constFind(d.where.file);
        if (it == byFile.cend())
            continue;
        if (d.severity == Severity::Error)
            ++files[*it].errors;
        else if (d.severity == Severity::Warning)
            ++files[*it].warnings;
    }
    return files;
}

QString summaryLine(const FileSummary &f)
{
    if (!f.report.skippedReason.isEmpty())
        return f.report.file + QStringLiteral(": skipped (") + f.report.skippedReason + u')';
    QString line = f.report.file + QStringLiteral(": ") + plural(f.entries, "entry", "entries");
    if (f.errors == 0 && f.warnings == 0)
        return line + QStringLiteral(", ok");
    if (f.errors > 0)
        line += QStringLiteral(", ") + plural(f.errors, "error", "errors");
    if (f.warnings > 0)
        line += QStringLiteral(", ") + plural(f.warnings, "warning", "warnings");
    return line;
}

QJsonObject problemJson(const Diagnostic &d)
{
    QJsonObject o;
    o.insert(QStringLiteral("code"), d.code);
    o.insert(QStringLiteral("severity"), severityName(d.severity));
    o.insert(QStringLiteral("file"), d.where.file);
    o.insert(QStringLiteral("line"), d.where.begin.line);
    o.insert(QStringLiteral("column"), d.where.begin.column);
    o.insert(QStringLiteral("field"), d.field);
    o.insert(QStringLiteral("message"), d.message);
    if (!d.related.isEmpty()) {
        QJsonArray related;
        for (const SourceSpan &span : d.related)
            related.append(QJsonObject{{QStringLiteral("file"), span.file},
                                       {QStringLiteral("line"), span.begin.line},
                                       {QStringLiteral("column"), span.begin.column}});
        o.insert(QStringLiteral("related"), related);
    }
    return o;
}

int runValidate(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Check Consul config entries (HCL, JSON, Kubernetes YAML) the way Consul and consul-k8s would."));
    const QCommandLineOption formatOption(QStringLiteral("format"), QStringLiteral("text (summary on stdout, problems on stderr) or json."),
                                          QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption editionOption(QStringLiteral("edition"), QStringLiteral("enterprise (default) or ce: which Consul's rules apply."),
                                           QStringLiteral("EDITION"), QStringLiteral("enterprise"));
    parser.addOptions({formatOption, editionOption});
    parser.addPositionalArgument(QStringLiteral("paths"), QStringLiteral("Files or directories to check."), QStringLiteral("PATH..."));
    parser.addHelpOption();

    if (!parser.parse(QStringList{QStringLiteral("chainscope validate")} + args)) {
        err << "validate: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    const QString format = parser.value(formatOption);
    if (format != u"text" && format != u"json") {
        err << "validate: --format must be text or json\n";
        return ExitUsage;
    }
    const QString edition = parser.value(editionOption).toLower();
    if (edition != u"enterprise" && edition != u"ce") {
        err << "validate: --edition must be enterprise or ce\n";
        return ExitUsage;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        err << "validate: at least one PATH is required\n" << parser.helpText();
        return ExitUsage;
    }

    config::LoadOptions options;
    options.edition = edition == u"ce" ? config::Edition::CE : config::Edition::Enterprise;
    const config::ConfigSet set = config::loadConfig(paths, options);
    Diagnostics problems = set.diagnostics;

    // Consul also compiles the discovery chain of every service an entry touches (config.md §4) before it
    // stores the entry; those graph errors are located at the entry that causes them.
    chain::CheckOptions graphOptions;
    graphOptions.edition = options.edition;
    // An entry refused by validation is never stored, so chains compile without it (as Consul's would).
    QList<config::Entry> stored;
    stored.reserve(set.entries.size());
    for (const config::Entry &entry : set.entries) {
        const bool refused = std::any_of(set.diagnostics.cbegin(), set.diagnostics.cend(), [&](const Diagnostic &d) {
            return d.severity == Severity::Error && d.where.file == entry.span.file && d.where.begin.line >= entry.span.begin.line
                && (!entry.span.end.isValid() || d.where.begin.line <= entry.span.end.line);
        });
        if (!refused)
            stored.append(entry);
    }
    problems += chain::checkGraph(stored, graphOptions);
    std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::tie(a.where.file, a.where.begin.line, a.where.begin.column)
            < std::tie(b.where.file, b.where.begin.line, b.where.begin.column);
    });

    const QList<FileSummary> files = summarise(set, problems);
    qsizetype errors = 0;
    qsizetype warnings = 0;
    for (const Diagnostic &d : std::as_const(problems)) {
        if (d.severity == Severity::Error)
            ++errors;
        else if (d.severity == Severity::Warning)
            ++warnings;
    }

    if (format == u"json") {
        QJsonArray fileArray;
        qsizetype skipped = 0;
        for (const FileSummary &f : files) {
            QJsonObject o;
            o.insert(QStringLiteral("file"), f.report.file);
            if (!f.report.skippedReason.isEmpty()) {
                ++skipped;
                o.insert(QStringLiteral("status"), QStringLiteral("skipped"));
                o.insert(QStringLiteral("reason"), f.report.skippedReason);
            } else {
                o.insert(QStringLiteral("status"), f.errors > 0 ? QStringLiteral("problems") : QStringLiteral("ok"));
                o.insert(QStringLiteral("format"), formatName(f.report.format));
                o.insert(QStringLiteral("entries"), f.entries);
                o.insert(QStringLiteral("errors"), f.errors);
                o.insert(QStringLiteral("warnings"), f.warnings);
            }
            fileArray.append(o);
        }
        QJsonArray problemArray;
        for (const Diagnostic &d : std::as_const(problems))
            problemArray.append(problemJson(d));
        QJsonObject summary{{QStringLiteral("files"), files.size()},
                            {QStringLiteral("skipped"), skipped},
                            {QStringLiteral("entries"), set.entries.size()},
                            {QStringLiteral("errors"), errors},
                            {QStringLiteral("warnings"), warnings},
                            {QStringLiteral("edition"), edition}};
        const QJsonObject root{{QStringLiteral("files"), fileArray}, {QStringLiteral("problems"), problemArray}, {QStringLiteral("summary"), summary}};
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        for (const FileSummary &f : files)
            out << summaryLine(f) << "\n";
        for (const Diagnostic &d : std::as_const(problems))
            err << d.format() << "\n";
    }
    return errors > 0 ? ExitProblems : ExitOk;
}

} // namespace

CHAINSCOPE_REGISTER_COMMAND({QStringLiteral("validate"), QStringLiteral("Check config entries and report every problem, located at its field."),
                             runValidate, false})

} // namespace chainscope::app
