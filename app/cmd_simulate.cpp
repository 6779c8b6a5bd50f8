// `chainscope simulate`: where requests to a service go, per target and instance, and whether they are allowed.
#include "command.h"
#include "simflags.h"

#include "chain/compiler.h"
#include "config/configset.h"
#include "sim/catalog.h"
#include "sim/simulation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace chainscope::app {
namespace {

/** Shares printed to 10 decimals: exact enough to compare, free of binary noise like 0.30000000000000004. */
double tidy(double v)
{
    return std::round(v * 1e10) / 1e10;
}

QString percent(double v)
{
    return QString::number(v * 100.0, 'f', 1) + QStringLiteral(" %");
}

QString stateName(sim::TargetState s)
{
    switch (s) {
    case sim::TargetState::Active:
        return QStringLiteral("active");
    case sim::TargetState::Standby:
        return QStringLiteral("standby");
    case sim::TargetState::Dead:
        return QStringLiteral("dead");
    }
    return {};
}

void printTable(const QList<QStringList> &rows, QTextStream &out)
{
    if (rows.isEmpty())
        return;
    QList<qsizetype> widths(rows.front().size(), 0);
    for (const QStringList &row : rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        out << line.trimmed() << "\n";
    }
}

QJsonObject toJson(const sim::SimulationResult &r, const chain::CompiledChain &chain, const sim::Scenario &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("service"), chain.serviceName);
    o.insert(QStringLiteral("datacenter"), chain.datacenter);
    o.insert(QStringLiteral("protocol"), chain.protocol);
    QJsonObject request{{QStringLiteral("method"), s.request.method}, {QStringLiteral("path"), s.request.path}};
    QJsonObject headers;
    for (const auto &[name, value] : s.request.headers)
        headers.insert(name, value);
    request.insert(QStringLiteral("headers"), headers);
    o.insert(QStringLiteral("request"), request);
    if (!s.sourceService.isEmpty())
        o.insert(QStringLiteral("source"), s.sourceService);
    o.insert(QStringLiteral("failed"), tidy(r.failed));
    o.insert(QStringLiteral("summary"), r.summary);
    o.insert(QStringLiteral("addresses"), QJsonArray::fromStringList(r.addresses));

    QJsonArray routes;
    for (const sim::RouteShare &rs : r.routes)
        routes.append(QJsonObject{{QStringLiteral("index"), rs.index}, {QStringLiteral("share"), tidy(rs.share)}});
    o.insert(QStringLiteral("routes"), routes);
    QJsonArray splits;
    for (const sim::SplitShare &ss : r.splits)
        splits.append(QJsonObject{{QStringLiteral("node"), ss.node}, {QStringLiteral("index"), ss.index}, {QStringLiteral("share"), tidy(ss.share)}});
    o.insert(QStringLiteral("splits"), splits);

    QJsonArray targets;
    for (const sim::TargetOutcome &t : r.targets) {
        QJsonObject j{{QStringLiteral("id"), t.id},
                      {QStringLiteral("level"), t.level},
                      {QStringLiteral("share"), tidy(t.share)},
                      {QStringLiteral("delivered"), tidy(t.delivered)},
                      {QStringLiteral("state"), stateName(t.state)},
                      {QStringLiteral("allowed"), t.allowed},
                      {QStringLiteral("healthyInstances"), t.healthyInstances},
                      {QStringLiteral("totalInstances"), t.totalInstances},
                      {QStringLiteral("viaMeshGateway"), t.viaMeshGateway},
                      {QStringLiteral("explanation"), t.explanation}};
        if (const chain::ChainTarget *ct = chain.target(t.id))
            j.insert(QStringLiteral("service"), ct->service);
        if (!t.decidingIntention.isEmpty())
            j.insert(QStringLiteral("decidingIntention"), t.decidingIntention);
        if (t.decidingSpan.isValid())
            j.insert(QStringLiteral("decidingLocation"), t.decidingSpan.toString());
        targets.append(j);
    }
    o.insert(QStringLiteral("targets"), targets);

    QJsonArray instances;
    for (const sim::InstanceOutcome &i : r.instances) {
        instances.append(QJsonObject{{QStringLiteral("target"), i.target},
                                     {QStringLiteral("id"), i.id},
                                     {QStringLiteral("node"), i.node},
                                     {QStringLiteral("healthy"), i.healthy},
                                     {QStringLiteral("share"), tidy(i.share)},
                                     {QStringLiteral("routed"), tidy(i.routed)},
                                     {QStringLiteral("weight"), i.weight},
                                     {QStringLiteral("gateway"), i.gateway}});
    }
    o.insert(QStringLiteral("instances"), instances);

    QJsonArray problems;
    for (const Diagnostic &d : r.problems) {
        QJsonObject p{{QStringLiteral("code"), d.code}, {QStringLiteral("severity"), severityName(d.severity)}, {QStringLiteral("message"), d.message}};
        if (d.where.isValid()) {
            p.insert(QStringLiteral("file"), d.where.file);
            p.insert(QStringLiteral("line"), d.where.begin.line);
            p.insert(QStringLiteral("column"), d.where.begin.column);
        }
        if (!d.field.isEmpty())
            p.insert(QStringLiteral("field"), d.field);
        problems.append(p);
    }
    o.insert(QStringLiteral("problems"), problems);
    return o;
}

void printText(const sim::SimulationResult &r, QTextStream &out)
{
    out << r.summary << "\n\n";
    QList<QStringList> rows{{QStringLiteral("TARGET"), QStringLiteral("LEVEL"), QStringLiteral("STATE"), QStringLiteral("SHARE"), QStringLiteral("HEALTHY"),
                             QStringLiteral("ALLOWED")}};
    for (const sim::TargetOutcome &t : r.targets) {
        rows.append({t.id, QString::number(t.level), stateName(t.state), percent(t.share),
                     QStringLiteral("%1/%2").arg(t.healthyInstances).arg(t.totalInstances), t.allowed ? QStringLiteral("yes") : QStringLiteral("no")});
    }
    printTable(rows, out);
    out << "\n";
    for (const sim::TargetOutcome &t : r.targets)
        out << t.id << ": " << t.explanation << "\n";
    out << "\n";
    rows = {{QStringLiteral("TARGET"), QStringLiteral("INSTANCE"), QStringLiteral("NODE"), QStringLiteral("HEALTHY"), QStringLiteral("SHARE")}};
    for (const sim::InstanceOutcome &i : r.instances) {
        rows.append({i.target, i.gateway ? i.id + QStringLiteral(" (gateway)") : i.id, i.node, i.healthy ? QStringLiteral("yes") : QStringLiteral("no"),
                     percent(i.share)});
    }
    printTable(rows, out);
    out << "\nfailed: " << percent(r.failed) << "\n";
    if (!r.addresses.isEmpty())
        out << "call it as: " << r.addresses.join(QStringLiteral(", ")) << "\n";
    for (const Diagnostic &d : r.problems)
        out << d.format() << " [" << d.code << "]\n";
}

int runSimulate(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Simulate where requests to a service go (health, failover, routes, load balancing) and "
                                                    "whether intentions allow them. Exit code 1 when a problem of severity error is found."));
    const QCommandLineOption serviceOption(QStringLiteral("service"), QStringLiteral("Service whose chain is simulated."), QStringLiteral("NAME"));
    const QCommandLineOption catalogOption(QStringLiteral("catalog"), QStringLiteral("Catalog JSON (health API answer or datacenter map)."), QStringLiteral("FILE"));
    const QCommandLineOption dcOption(QStringLiteral("datacenter"), QStringLiteral("Datacenter the chain is compiled in (default dc1)."), QStringLiteral("DC"),
                                      QStringLiteral("dc1"));
    const QCommandLineOption nsOption(QStringLiteral("namespace"), QStringLiteral("Namespace of the service (default: default)."), QStringLiteral("NS"),
                                      QStringLiteral("default"));
    const QCommandLineOption partitionOption(QStringLiteral("partition"), QStringLiteral("Admin partition of the service (default: default)."),
                                             QStringLiteral("AP"), QStringLiteral("default"));
    const QCommandLineOption editionOption(QStringLiteral("edition"), QStringLiteral("enterprise (default) or ce."), QStringLiteral("EDITION"),
                                           QStringLiteral("enterprise"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QStringLiteral("text (default) or json."), QStringLiteral("FORMAT"), QStringLiteral("text"));
    parser.addOptions({serviceOption, catalogOption, dcOption, nsOption, partitionOption, editionOption, formatOption});
    addSimulationOptions(parser);
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Config entry files or folders."), QStringLiteral("PATH..."));
    parser.addHelpOption();

    if (!parser.parse(QStringList{QStringLiteral("chainscope simulate")} + args)) {
        err << "simulate: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    if (!parser.isSet(serviceOption) || !parser.isSet(catalogOption) || parser.positionalArguments().isEmpty()) {
        err << "simulate: --service NAME, --catalog FILE and at least one PATH are required\n";
        return ExitUsage;
    }
    const QString format = parser.value(formatOption);
    if (format != u"text" && format != u"json") {
        err << "simulate: --format must be text or json\n";
        return ExitUsage;
    }
    const QString edition = parser.value(editionOption);
    if (edition != u"enterprise" && edition != u"ce") {
        err << "simulate: --edition must be enterprise or ce\n";
        return ExitUsage;
    }
    sim::Scenario scenario;
    QString flagError;
    if (!parseSimulationFlags(parser, scenario, flagError)) {
        err << "simulate: " << flagError << "\n";
        return ExitUsage;
    }
    scenario.edition = edition == u"ce" ? config::Edition::CE : config::Edition::Enterprise;

    config::LoadOptions loadOptions;
    loadOptions.edition = scenario.edition;
    const config::ConfigSet set = config::loadConfig(parser.positionalArguments(), loadOptions);
    for (const Diagnostic &d : set.diagnostics)
        err << d.format() << "\n";
    if (hasErrors(set.diagnostics))
        return ExitProblems;

    chain::CompileRequest request = chain::CompileRequest::forService(parser.value(serviceOption));
    request.evaluateInDatacenter = parser.value(dcOption);
    request.evaluateInNamespace = parser.value(nsOption);
    request.evaluateInPartition = parser.value(partitionOption);
    request.edition = scenario.edition;
    Result<chain::CompiledChain> compiled = chain::compile(set.entries, request);
    for (const Diagnostic &d : compiled.diagnostics)
        err << d.format() << "\n";
    if (!compiled)
        return ExitProblems;

    sim::CatalogOptions catalogOptions;
    catalogOptions.defaultDatacenter = request.evaluateInDatacenter;
    Result<sim::Catalog> catalog = sim::loadCatalog(parser.value(catalogOption), catalogOptions);
    for (const Diagnostic &d : catalog.diagnostics)
        err << d.format() << "\n";
    if (!catalog || hasErrors(catalog.diagnostics))
        return ExitProblems;

    const chain::CompiledChain chainCopy = *compiled;
    const sim::Simulator simulator(std::move(*compiled), std::move(*catalog), set.entries);
    const sim::SimulationResult result = simulator.run(scenario);
    if (format == u"json")
        out << QJsonDocument(toJson(result, chainCopy, scenario)).toJson(QJsonDocument::Indented);
    else
        printText(result, out);
    return hasErrors(result.problems) ? ExitProblems : ExitOk;
}

} // namespace

CHAINSCOPE_REGISTER_COMMAND(Command{QStringLiteral("simulate"),
                                    QStringLiteral("Simulate health, failover, routing and intentions for one service's chain"),
                                    runSimulate, false})

} // namespace chainscope::app
