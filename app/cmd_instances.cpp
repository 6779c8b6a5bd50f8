// `chainscope instances`: the catalog instances of a service that a go-bexpr filter selects.
#include "command.h"

#include "sim/catalog.h"
#include "sim/filter.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace chainscope::app {
namespace {

/** Worst check status, as Consul's aggregated views rank them (runtime.md §2.1); no checks = passing. */
QString aggregatedStatus(const sim::Instance &in)
{
    int worst = 0;
    for (const sim::CatalogCheck &c : in.checks) {
        if (c.status == QLatin1String("critical"))
            worst = std::max(worst, 2);
        else if (c.status == QLatin1String("warning"))
            worst = std::max(worst, 1);
    }
    static const QString names[] = {QStringLiteral("passing"), QStringLiteral("warning"), QStringLiteral("critical")};
    return names[worst];
}

/** The expression with a caret under the byte offset of an error. */
QString caretLine(const QString &expression, int byteOffset)
{
    const QByteArray utf8 = expression.toUtf8();
    const int chars = int(QString::fromUtf8(utf8.left(std::clamp(byteOffset, 0, int(utf8.size())))).size());
    return QStringLiteral("  ") + expression + QStringLiteral("\n  ") + QString(chars, QLatin1Char(' ')) + QLatin1Char('^');
}

int runInstances(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the catalog instances of a service a filter selects."));
    const QCommandLineOption catalogOption(QStringLiteral("catalog"), QStringLiteral("Catalog JSON (health API answer or datacenter map)."), QStringLiteral("FILE"));
    const QCommandLineOption serviceOption(QStringLiteral("service"), QStringLiteral("Service name."), QStringLiteral("NAME"));
    const QCommandLineOption dcOption(QStringLiteral("datacenter"), QStringLiteral("Only this datacenter (or peer:NAME); also the datacenter of instances whose node names none."), QStringLiteral("DC"));
    const QCommandLineOption filterOption(QStringLiteral("filter"), QStringLiteral("go-bexpr filter expression, as a resolver subset's Filter."), QStringLiteral("EXPR"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QStringLiteral("text (a table) or json (an array of Service.ID)."), QStringLiteral("FORMAT"), QStringLiteral("text"));
    parser.addOptions({catalogOption, serviceOption, dcOption, filterOption, formatOption});
    parser.addHelpOption();

    if (!parser.parse(QStringList{QStringLiteral("chainscope instances")} + args)) {
        err << "instances: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << "instances: unexpected argument " << parser.positionalArguments().front() << "\n";
        return ExitUsage;
    }
    if (!parser.isSet(catalogOption) || !parser.isSet(serviceOption)) {
        err << "instances: --catalog FILE and --service NAME are required\n";
        return ExitUsage;
    }
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("text") && format != QLatin1String("json")) {
        err << "instances: --format must be text or json\n";
        return ExitUsage;
    }

    const QString expression = parser.value(filterOption);
    const sim::Filter filter = sim::Filter::compile(expression);
    if (!filter.isValid()) {
        const sim::FilterError &e = *filter.error();
        // Consul's own wording for a bad ?filter= (agent/http.go wraps go-bexpr's message this way).
        err << "instances: --filter: Failed to create boolean expression evaluator: " << e.message << "\n"
            << caretLine(expression, e.range.begin) << "\n";
        return ExitProblems;
    }

    sim::CatalogOptions options;
    if (parser.isSet(dcOption) && !parser.value(dcOption).startsWith(QLatin1String("peer:")))
        options.defaultDatacenter = parser.value(dcOption);
    const Result<sim::Catalog> catalog = sim::loadCatalog(parser.value(catalogOption), options);
    for (const Diagnostic &d : catalog.diagnostics)
        err << d.format() << "\n";
    if (!catalog || hasErrors(catalog.diagnostics))
        return ExitProblems;

    const QString service = parser.value(serviceOption);
    const QStringList locations = parser.isSet(dcOption) ? QStringList{parser.value(dcOption)} : catalog->locations();
    QList<sim::Instance> selected;
    for (const QString &location : locations)
        selected += sim::filterInstances(filter, catalog->endpoints(location, service));

    if (format == QLatin1String("json")) {
        QJsonArray ids;
        for (const sim::Instance &in : std::as_const(selected))
            ids.append(in.service.id);
        out << QJsonDocument(ids).toJson(QJsonDocument::Indented);
        return ExitOk;
    }

    const QStringList header = {QStringLiteral("DATACENTER"), QStringLiteral("SERVICE.ID"), QStringLiteral("SERVICE"), QStringLiteral("NODE"),
                                QStringLiteral("ADDRESS"), QStringLiteral("STATUS"), QStringLiteral("TAGS")};
    QList<QStringList> rows{header};
    for (const sim::Instance &in : std::as_const(selected)) {
        const QString address = in.service.address.isEmpty() ? in.node.address : in.service.address;
        rows.append({in.location, in.service.id, in.service.service, in.node.node,
                     address + QLatin1Char(':') + QString::number(in.service.port), aggregatedStatus(in), in.service.tags.join(QLatin1Char(','))});
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : std::as_const(rows))
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        out << line.trimmed() << "\n";
    }
    if (selected.isEmpty())
        err << "instances: no instance of " << service << " matches\n";
    return ExitOk;
}

} // namespace

CHAINSCOPE_REGISTER_COMMAND(Command{QStringLiteral("instances"),
                                    QStringLiteral("List a service's catalog instances that a filter expression selects"),
                                    runInstances, false})

} // namespace chainscope::app
