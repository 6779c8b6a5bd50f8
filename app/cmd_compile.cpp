// `chainscope compile`: the discovery chain of a service, as GET /v1/discovery-chain/:service returns it.
#include "command.h"

#include "chain/chainjson.h"
#include "chain/compiler.h"
#include "config/configset.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

namespace chainscope::app {
namespace {

void printDiagnostics(const Diagnostics &diags, QTextStream &err)
{
    for (const Diagnostic &d : diags)
        err << d.format() << "\n";
}

// The key a chain gets in --all output: the service name, qualified only outside the default namespace/partition.
QString chainKey(const config::Entry &e, bool ce)
{
    if (ce || (config::orDefault(e.namespace_) == u"default" && config::orDefault(e.partition) == u"default"))
        return e.name;
    return config::orDefault(e.partition) + u'/' + config::orDefault(e.namespace_) + u'/' + e.name;
}

int runCompile(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compile the discovery chain of a service from config entries (HCL, JSON or Kubernetes YAML files or directories)\n"
        "and print it as Consul's API does: {\"Chain\": {...}}. With --all, print one object mapping every service that has a\n"
        "resolver, router, splitter or service-defaults entry to its chain (the object inside \"Chain\"); services outside the\n"
        "default namespace/partition are keyed \"partition/namespace/name\".\n")
        + QStringLiteral("The default trust domain is ") + chain::kDefaultTrustDomain.toString()
        + QStringLiteral(", standing in for Consul's \"<cluster id>.consul\"."));
    const QCommandLineOption serviceOption(QStringLiteral("service"), QStringLiteral("Service whose chain to compile."), QStringLiteral("NAME"));
    const QCommandLineOption dcOption(QStringLiteral("datacenter"), QStringLiteral("Datacenter to evaluate in."), QStringLiteral("DC"), QStringLiteral("dc1"));
    const QCommandLineOption nsOption(QStringLiteral("namespace"), QStringLiteral("Namespace to evaluate in (Enterprise)."), QStringLiteral("NS"), QStringLiteral("default"));
    const QCommandLineOption apOption(QStringLiteral("partition"), QStringLiteral("Admin partition to evaluate in (Enterprise)."), QStringLiteral("AP"), QStringLiteral("default"));
    const QCommandLineOption tdOption(QStringLiteral("trust-domain"), QStringLiteral("Trust domain used in SNI names."), QStringLiteral("TD"), chain::kDefaultTrustDomain.toString());
    const QCommandLineOption protoOption(QStringLiteral("override-protocol"), QStringLiteral("OverrideProtocol of the request."), QStringLiteral("P"));
    const QCommandLineOption ctOption(QStringLiteral("override-connect-timeout"), QStringLiteral("OverrideConnectTimeout of the request (Go duration, e.g. 5s)."),
                                      QStringLiteral("DURATION"));
    const QCommandLineOption mgOption(QStringLiteral("override-mesh-gateway"), QStringLiteral("OverrideMeshGateway mode: none, local or remote."), QStringLiteral("MODE"));
    const QCommandLineOption editionOption(QStringLiteral("edition"), QStringLiteral("enterprise (namespaces and partitions) or ce."), QStringLiteral("EDITION"),
                                           QStringLiteral("enterprise"));
    const QCommandLineOption allOption(QStringLiteral("all"), QStringLiteral("Compile every service's chain."));
    const QCommandLineOption provenanceOption(QStringLiteral("provenance"),
                                              QStringLiteral("Add where every node, route, split and target came from, under \"chainscope\" keys."));
    parser.addOptions({serviceOption, dcOption, nsOption, apOption, tdOption, protoOption, ctOption, mgOption, editionOption, allOption, provenanceOption});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Config entry files or directories."), QStringLiteral("PATH..."));
    parser.addHelpOption();

    if (!parser.parse(QStringList{QStringLiteral("chainscope compile")} + args)) {
        err << "compile: " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        err << "compile: at least one PATH is required\n";
        return ExitUsage;
    }
    const bool all = parser.isSet(allOption);
    if (all == parser.isSet(serviceOption)) {
        err << "compile: give either --service NAME or --all\n";
        return ExitUsage;
    }
    const QString edition = parser.value(editionOption);
    if (edition != u"enterprise" && edition != u"ce") {
        err << "compile: --edition must be enterprise or ce\n";
        return ExitUsage;
    }
    chain::CompileRequest request;
    request.serviceName = parser.value(serviceOption);
    request.evaluateInDatacenter = parser.value(dcOption);
    request.evaluateInNamespace = parser.value(nsOption);
    request.evaluateInPartition = parser.value(apOption);
    request.evaluateInTrustDomain = parser.value(tdOption);
    request.overrideProtocol = parser.value(protoOption).toLower();
    request.edition = edition == u"ce" ? config::Edition::CE : config::Edition::Enterprise;
    if (parser.isSet(ctOption)) {
        const auto d = chain::parseGoDuration(parser.value(ctOption));
        if (!d || d->count() < 0) {
            err << "compile: --override-connect-timeout: time: invalid duration \"" << parser.value(ctOption) << "\"\n";
            return ExitUsage;
        }
        request.overrideConnectTimeout = *d;
    }
    if (parser.isSet(mgOption)) {
        const QString mode = parser.value(mgOption);
        if (mode != u"none" && mode != u"local" && mode != u"remote" && !mode.isEmpty()) {
            err << "compile: --override-mesh-gateway must be none, local or remote\n";
            return ExitUsage;
        }
        request.overrideMeshGateway.mode = mode;
    }
    if (request.evaluateInDatacenter.isEmpty() || request.evaluateInNamespace.isEmpty() || request.evaluateInPartition.isEmpty()
        || request.evaluateInTrustDomain.isEmpty()) {
        err << "compile: --datacenter, --namespace, --partition and --trust-domain must not be empty\n";
        return ExitUsage;
    }

    config::LoadOptions loadOptions;
    loadOptions.edition = request.edition;
    const config::ConfigSet set = config::loadConfig(paths, loadOptions);
    printDiagnostics(set.diagnostics, err);
    if (hasErrors(set.diagnostics))
        return ExitProblems;

    const chain::ChainJsonOptions jsonOptions{parser.isSet(provenanceOption)};
    const chain::ChainCompiler compiler(set.entries);
    if (!all) {
        const Result<chain::CompiledChain> compiled = compiler.compile(request);
        printDiagnostics(compiled.diagnostics, err);
        if (!compiled)
            return ExitProblems;
        out << QString::fromUtf8(chain::chainResponseJson(*compiled, jsonOptions));
        return ExitOk;
    }

    const bool ce = request.edition == config::Edition::CE;
    QMap<QString, const config::Entry *> services;
    for (const config::Entry &e : set.entries) {
        if (e.kind == config::EntryKind::ServiceIntentions || e.kind == config::EntryKind::ProxyDefaults || e.name == u"*")
            continue;
        const QString key = chainKey(e, ce);
        if (!services.contains(key))
            services.insert(key, &e);
    }
    QJsonObject chains;
    bool failed = false;
    for (auto it = services.cbegin(); it != services.cend(); ++it) {
        chain::CompileRequest r = request;
        r.serviceName = it.value()->name;
        if (!ce) {
            r.evaluateInNamespace = config::orDefault(it.value()->namespace_);
            r.evaluateInPartition = config::orDefault(it.value()->partition);
        }
        const Result<chain::CompiledChain> compiled = compiler.compile(r);
        if (!compiled) {
            failed = true;
            for (const Diagnostic &d : compiled.diagnostics)
                err << it.key() << ": " << d.format() << "\n";
            continue;
        }
        chains.insert(it.key(), chain::chainToJson(*compiled, jsonOptions));
    }
    out << QString::fromUtf8(QJsonDocument(chains).toJson(QJsonDocument::Indented));
    return failed ? ExitProblems : ExitOk;
}

} // namespace

CHAINSCOPE_REGISTER_COMMAND(Command{QStringLiteral("compile"), QStringLiteral("Compile a service's discovery chain to Consul's JSON"), runCompile, false})

} // namespace chainscope::app
