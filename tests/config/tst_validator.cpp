// Consul's Validate rules, the CE gates, the consul-k8s webhook rules and duplicates (config.md §3): one
// row per rule with the exact message, the field as the operator wrote it, and the line it points at.
#include "config/configset.h"
#include "config/validatecodes.h"
#include "config/validator_p.h"

#include <QTest>

using namespace chainscope;
using namespace chainscope::config;

namespace {

DocumentFormat formatOf(const QString &file)
{
    if (file.endsWith(QLatin1String(".json")))
        return DocumentFormat::Json;
    if (file.endsWith(QLatin1String(".yaml")))
        return DocumentFormat::Yaml;
    return DocumentFormat::Hcl;
}

ConfigSet load(const QString &text, const QString &file, Edition edition)
{
    LoadOptions options;
    options.edition = edition;
    return loadDocuments(readText(text.toUtf8(), file, formatOf(file)), options);
}

/** The problems of the validator's ranges (CS21xx-CS24xx). */
Diagnostics validationProblems(const Diagnostics &all)
{
    Diagnostics out;
    for (const Diagnostic &d : all) {
        if (d.code.startsWith(QLatin1String("CS21")) || d.code.startsWith(QLatin1String("CS22")) || d.code.startsWith(QLatin1String("CS23"))
            || d.code.startsWith(QLatin1String("CS24")))
            out.append(d);
    }
    return out;
}

QString dump(const Diagnostics &diags)
{
    QStringList lines;
    for (const Diagnostic &d : diags)
        lines.append(d.format() + QStringLiteral(" [") + d.code + u']');
    return lines.join(u'\n');
}

const QString resolverHead = QStringLiteral("Kind = \"service-resolver\"\nName = \"web\"\n");
const QString routerHead = QStringLiteral("Kind = \"service-router\"\nName = \"web\"\n");
const QString splitterHead = QStringLiteral("Kind = \"service-splitter\"\nName = \"web\"\n");
const QString intentionsHead = QStringLiteral("Kind = \"service-intentions\"\nName = \"web\"\n");

const QString k8sHead(const char *kind, const char *name = "web")
{
    return QStringLiteral("apiVersion: consul.hashicorp.com/v1alpha1\nkind: %1\nmetadata:\n  name: %2\nspec:\n").arg(QLatin1String(kind), QLatin1String(name));
}

} // namespace

class TestValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data();
    void rules();
    void validInputs_data();
    void validInputs();
    void duplicates();
    void k8sUniqueNamesUnderCe();
    void secondProxyDefaults();
    void duplicatesInEntryOrder_data();
    void duplicatesInEntryOrder();
    void splitWithModifiersIsNoDuplicate();
    void k8sGathersEveryError();
    void goTexts();
    void streamingLoadEqualsBatch();
};

void TestValidator::rules_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ce");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    const auto row = [](const char *name, const char *file, bool ce, const QString &text, QLatin1StringView code, const char *field, int line,
                        const QString &message) {
        QTest::newRow(name) << QString::fromLatin1(file) << ce << text << QString(code) << QString::fromUtf8(field) << line << message;
    };

    // ---- common ----
    row("name-required", "r.hcl", true, QStringLiteral("Kind = \"service-resolver\"\nConnectTimeout = \"5s\"\n"), codes::NameRequired, "Name", 1,
        QStringLiteral("Name is required"));
    row("meta-key-too-long", "r.hcl", false, resolverHead + QStringLiteral("Meta {\n  \"%1\" = \"x\"\n}\n").arg(QString(129, u'k')), codes::MetaInvalid,
        "", 4, QStringLiteral("Meta key \"%1\" exceeds maximum length 128").arg(QString(129, u'k')));
    row("meta-value-too-long", "r.hcl", false, resolverHead + QStringLiteral("Meta {\n  k = \"%1\"\n}\n").arg(QString(513, u'v')), codes::MetaInvalid, "",
        4, QStringLiteral("Meta value for key \"k\" exceeds maximum length 512"));

    // ---- service-resolver ----
    row("subset-uppercase", "r.hcl", true, resolverHead + QStringLiteral("Subsets = {\n  \"V1\" = { Filter = \"Service.Meta.version == v1\" }\n}\n"),
        codes::SubsetName, "Subsets[\"V1\"]", 4,
        QStringLiteral("Subset \"V1\" is invalid: must be 63 characters or fewer, begin or end with lower case alphanumeric characters, and contain "
                       "lower case alphanumeric characters or '-' in between"));
    row("subset-too-long", "r.hcl", true, resolverHead + QStringLiteral("Subsets = {\n  \"%1\" = {}\n}\n").arg(QString(64, u'a')), codes::SubsetName, "", 4,
        QStringLiteral("Subset \"%1\" is invalid: must be non-empty and 63 characters or fewer").arg(QString(64, u'a')));
    row("subset-filter", "r.hcl", true, resolverHead + QStringLiteral("Subsets = {\n  v1 = {\n    Filter = \"random string\"\n  }\n}\n"),
        codes::SubsetFilter, "Subsets[\"v1\"].Filter", 5, QStringLiteral("Filter for subset \"v1\" is not a valid expression: 1:8 (7): no match found"));
    row("default-subset", "r.hcl", true, resolverHead + QStringLiteral("DefaultSubset = \"v3\"\nSubsets = { v1 = {} }\n"), codes::DefaultSubsetUnknown,
        "DefaultSubset", 3, QStringLiteral("DefaultSubset \"v3\" is not a valid subset"));
    row("pbl-ce", "r.hcl", true, resolverHead + QStringLiteral("PrioritizeByLocality {\n  Mode = \"failover\"\n}\n"), codes::EnterprisePrioritizeByLocality,
        "PrioritizeByLocality.Mode", 4, QStringLiteral("Prioritize-by-locality requires Consul Enterprise "));
    row("redirect-empty", "r.hcl", true, resolverHead + QStringLiteral("Redirect {}\n"), codes::RedirectInvalid, "Redirect", 3,
        QStringLiteral("Redirect is empty"));
    row("redirect-and-failover", "r.hcl", true,
        resolverHead + QStringLiteral("Redirect { Service = \"b\" }\nFailover = {\n  \"*\" = { Datacenters = [\"dc2\"] }\n}\n"), codes::RedirectInvalid,
        "Redirect", 3, QStringLiteral("Redirect and Failover cannot both be set"));
    row("redirect-subset-without-service", "r.hcl", true, resolverHead + QStringLiteral("Redirect {\n  ServiceSubset = \"v1\"\n}\n"),
        codes::RedirectInvalid, "Redirect.ServiceSubset", 4, QStringLiteral("Redirect.ServiceSubset defined without Redirect.Service"));
    row("redirect-peer-datacenter", "r.hcl", true,
        resolverHead + QStringLiteral("Redirect {\n  Service = \"b\"\n  Peer = \"p1\"\n  Datacenter = \"dc2\"\n}\n"), codes::RedirectInvalid,
        "Redirect.Peer", 5, QStringLiteral("Redirect.Peer cannot be set with Redirect.Datacenter"));
    row("redirect-namespace-ce", "r.hcl", true, resolverHead + QStringLiteral("Redirect {\n  Service = \"b\"\n  Namespace = \"ns1\"\n}\n"),
        codes::EnterpriseNamespace, "Redirect.Namespace", 5, QStringLiteral("Redirect: Setting Namespace requires Consul Enterprise"));
    row("redirect-partition-ce", "r.hcl", true, resolverHead + QStringLiteral("Redirect {\n  Service = \"b\"\n  Partition = \"p\"\n}\n"),
        codes::EnterprisePartition, "Redirect.Partition", 5, QStringLiteral("Redirect: Setting Partition requires Consul Enterprise"));
    row("redirect-own-subset", "r.hcl", false, resolverHead + QStringLiteral("Redirect {\n  Service = \"web\"\n  ServiceSubset = \"v9\"\n}\n"),
        codes::RedirectInvalid, "Redirect.ServiceSubset", 5, QStringLiteral("Redirect.ServiceSubset \"v9\" is not a valid subset of \"web\""));
    row("failover-unknown-subset", "r.hcl", true, resolverHead + QStringLiteral("Failover = {\n  \"v9\" = {\n    Datacenters = [\"dc2\"]\n  }\n}\n"),
        codes::FailoverInvalid, "Failover[\"v9\"]", 4, QStringLiteral("Bad Failover[\"v9\"]: not a valid subset subset"));
    row("failover-empty", "r.hcl", true, resolverHead + QStringLiteral("Failover = {\n  \"*\" = {}\n}\n"), codes::FailoverInvalid, "Failover[\"*\"]", 4,
        QStringLiteral("Bad Failover[\"*\"]: one of Service, ServiceSubset, Namespace, Targets, SamenessGroup, or Datacenters is required"));
    row("failover-policy-ce", "r.hcl", true,
        resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    Datacenters = [\"dc2\"]\n    Policy { Mode = \"sequential\" }\n  }\n}\n"),
        codes::EnterpriseFailoverPolicy, "Failover[\"*\"].Policy", 6, QStringLiteral("Bad Failover[\"*\"]: Setting failover policies requires Consul Enterprise"));
    row("failover-policy-mode-ent", "r.hcl", false,
        resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    Datacenters = [\"dc2\"]\n    Policy { Mode = \"random\" }\n  }\n}\n"),
        codes::FailoverInvalid, "Failover[\"*\"].Policy.Mode", 6,
        QStringLiteral("Bad Failover[\"*\"]: Failover-policy mode must be one of '', 'sequential', or 'order-by-locality'"));
    row("failover-namespace-ce", "r.hcl", true, resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    Namespace = \"other\"\n  }\n}\n"),
        codes::EnterpriseNamespace, "Failover[\"*\"].Namespace", 5, QStringLiteral("Bad Failover[\"*\"]: Setting Namespace requires Consul Enterprise"));
    row("failover-subset-of-empty-service", "r.hcl", true, resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    ServiceSubset = \"v2\"\n  }\n}\n"),
        codes::FailoverInvalid, "Failover[\"*\"].ServiceSubset", 5, QStringLiteral("Bad Failover[\"*\"]: ServiceSubset \"v2\" is not a valid subset of \"\""));
    row("failover-empty-dc", "r.hcl", true,
        resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    Service = \"backup\"\n    Datacenters = [\"\", \"dc2\"]\n  }\n}\n"),
        codes::FailoverInvalid, "Failover[\"*\"].Datacenters[0]", 6, QStringLiteral("Bad Failover[\"*\"].Datacenters: found empty datacenter"));
    row("failover-targets-datacenters", "r.hcl", true,
        resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    Datacenters = [\"a\"]\n    Targets = [{ Peer = \"p\" }]\n  }\n}\n"),
        codes::FailoverInvalid, "Failover[\"*\"].Targets", 6, QStringLiteral("Bad Failover[\"*\"]: Targets cannot be set with Datacenters"));
    row("failover-target-subset", "r.hcl", true,
        resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    Targets = [\n      { ServiceSubset = \"nope\" }\n    ]\n  }\n}\n"),
        codes::FailoverInvalid, "Failover[\"*\"].Targets[0].ServiceSubset", 6,
        QStringLiteral("Bad Failover[\"*\"].Targets[0]: ServiceSubset \"nope\" is not a valid subset of \"web\""));
    row("failover-target-partition-ce", "r.hcl", true,
        resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    Targets = [\n      { Partition = \"p2\" }\n    ]\n  }\n}\n"),
        codes::EnterprisePartition, "Failover[\"*\"].Targets[0].Partition", 6,
        QStringLiteral("Bad Failover[\"*\"].Targets[0]: Setting Partition requires Consul Enterprise"));
    row("failover-target-peer-datacenter", "r.hcl", false,
        resolverHead + QStringLiteral("Failover = {\n  \"*\" = {\n    Targets = [\n      { Peer = \"p\", Datacenter = \"dc2\" }\n    ]\n  }\n}\n"),
        codes::FailoverInvalid, "Failover[\"*\"].Targets[0].Peer", 6, QStringLiteral("Bad Failover[\"*\"].Targets[0]: Peer cannot be set with Datacenter"));
    row("connect-timeout-negative", "r.hcl", true, resolverHead + QStringLiteral("ConnectTimeout = \"-1s\"\n"), codes::TimeoutNegative, "ConnectTimeout", 3,
        QStringLiteral("Bad ConnectTimeout '-1s', must be >= 0"));
    row("request-timeout-negative", "r.hcl", true, resolverHead + QStringLiteral("RequestTimeout = \"-1m30s\"\n"), codes::TimeoutNegative,
        "RequestTimeout", 3, QStringLiteral("Bad RequestTimeout '-1m30s', must be >= 0"));
    row("lb-policy", "r.hcl", true, resolverHead + QStringLiteral("LoadBalancer {\n  Policy = \"roundrobin\"\n}\n"), codes::LoadBalancerInvalid,
        "LoadBalancer.Policy", 4, QStringLiteral("Bad LoadBalancer policy: \"roundrobin\" is not supported"));
    row("lb-ring-hash-config", "r.hcl", true,
        resolverHead + QStringLiteral("LoadBalancer {\n  Policy = \"least_request\"\n  RingHashConfig {\n    MinimumRingSize = 1024\n  }\n}\n"),
        codes::LoadBalancerInvalid, "LoadBalancer.RingHashConfig", 5,
        QStringLiteral("Bad LoadBalancer configuration. RingHashConfig specified for incompatible load balancing policy \"least_request\""));
    row("lb-hash-policies-non-hash", "r.hcl", true,
        resolverHead + QStringLiteral("LoadBalancer {\n  Policy = \"round_robin\"\n  HashPolicies = [{ SourceIP = true }]\n}\n"),
        codes::LoadBalancerInvalid, "LoadBalancer.HashPolicies", 5,
        QStringLiteral("Bad LoadBalancer configuration: HashPolicies specified for non-hash-based Policy: \"round_robin\""));
    row("lb-field-without-value", "r.hcl", true,
        resolverHead + QStringLiteral("LoadBalancer {\n  Policy = \"maglev\"\n  HashPolicies = [\n    { Field = \"header\" }\n  ]\n}\n"),
        codes::LoadBalancerInvalid, "LoadBalancer.HashPolicies[0].Field", 6,
        QStringLiteral("Bad LoadBalancer HashPolicy[0]: Field \"header\" was specified without a FieldValue"));
    row("lb-session-ttl", "r.hcl", true,
        resolverHead
            + QStringLiteral("LoadBalancer {\n  Policy = \"maglev\"\n  HashPolicies = [\n    {\n      Field = \"cookie\"\n      FieldValue = \"c\"\n"
                             "      CookieConfig {\n        Session = true\n        TTL = \"10s\"\n      }\n    }\n  ]\n}\n"),
        codes::LoadBalancerInvalid, "LoadBalancer.HashPolicies[0].CookieConfig.TTL", 11,
        QStringLiteral("Bad LoadBalancer HashPolicy[0]: a session cookie cannot have an associated TTL"));

    // ---- service-router ----
    row("route-path-exact", "rt.hcl", true, routerHead + QStringLiteral("Routes = [\n  {\n    Match { HTTP { PathExact = \"api\" } }\n  }\n]\n"),
        codes::RouteMatchInvalid, "Routes[0].Match.HTTP.PathExact", 5, QStringLiteral("Route[0] PathExact doesn't start with '/': \"api\""));
    row("route-two-paths", "rt.hcl", true,
        routerHead + QStringLiteral("Routes = [\n  {\n    Match { HTTP {\n      PathExact = \"/a\"\n      PathPrefix = \"/b\"\n    } }\n  }\n]\n"),
        codes::RouteMatchInvalid, "Routes[0].Match.HTTP", 5,
        QStringLiteral("Route[0] should only contain at most one of PathExact, PathPrefix, or PathRegex"));
    row("route-header-name", "rt.hcl", true,
        routerHead + QStringLiteral("Routes = [\n  {\n    Match { HTTP {\n      Header = [{ Present = true }]\n    } }\n  }\n]\n"), codes::RouteMatchInvalid,
        "Routes[0].Match.HTTP.Header[0]", 6, QStringLiteral("Route[0] Header[0] missing required Name field"));
    row("route-header-two-matchers", "rt.hcl", true,
        routerHead + QStringLiteral("Routes = [\n  {\n    Match { HTTP {\n      Header = [{ Name = \"x\", Present = true, Exact = \"1\" }]\n    } }\n  }\n]\n"),
        codes::RouteMatchInvalid, "Routes[0].Match.HTTP.Header[0]", 6,
        QStringLiteral("Route[0] Header[0] should only contain one of Present, Exact, Prefix, Suffix, or Regex"));
    row("route-query-param", "rt.hcl", true,
        routerHead + QStringLiteral("Routes = [\n  {\n    Match { HTTP {\n      QueryParam = [{ Name = \"q\" }]\n    } }\n  }\n]\n"),
        codes::RouteMatchInvalid, "Routes[0].Match.HTTP.QueryParam[0]", 6,
        QStringLiteral("Route[0] QueryParam[0] should only contain one of Present, Exact, or Regex"));
    row("route-method-twice", "rt.hcl", true,
        routerHead + QStringLiteral("Routes = [\n  {\n    Match { HTTP {\n      Methods = [\"GET\", \"get\"]\n    } }\n  }\n]\n"), codes::RouteMatchInvalid,
        "Routes[0].Match.HTTP.Methods[1]", 6, QStringLiteral("Route[0] Methods contains \"GET\" more than once"));
    row("route-method-invalid", "rt.hcl", true,
        routerHead + QStringLiteral("Routes = [\n  {\n    Match { HTTP {\n      Methods = [\"FETCH\"]\n    } }\n  }\n]\n"), codes::RouteMatchInvalid,
        "Routes[0].Match.HTTP.Methods[0]", 6, QStringLiteral("Route[0] Methods contains an invalid method \"FETCH\""));
    row("route-prefix-rewrite", "rt.hcl", true,
        routerHead + QStringLiteral("Routes = [\n  {\n    Destination {\n      Service = \"b\"\n      PrefixRewrite = \"/x\"\n    }\n  }\n]\n"),
        codes::RouteDestinationInvalid, "Routes[0].Destination.PrefixRewrite", 7,
        QStringLiteral("Route[0] cannot make use of PrefixRewrite without configuring either PathExact or PathPrefix"));
    row("route-retry-on", "rt.hcl", true,
        routerHead + QStringLiteral("Routes = [\n  {\n    Destination {\n      RetryOn = [\"retriable-headers\"]\n    }\n  }\n]\n"),
        codes::RouteDestinationInvalid, "Routes[0].Destination.RetryOn[0]", 6, QStringLiteral("Route[0] contains an invalid retry condition: \"retriable-headers\""));

    // ---- service-splitter ----
    row("splits-empty", "s.hcl", true, splitterHead + QStringLiteral("Splits = []\n"), codes::SplitsEmpty, "Splits", 3, QStringLiteral("no splits configured"));
    row("splits-sum", "s.hcl", true,
        splitterHead + QStringLiteral("Splits = [\n  { Weight = 70, ServiceSubset = \"v1\" },\n  { Weight = 20, ServiceSubset = \"v2\" },\n]\n"),
        codes::SplitWeightSum, "Splits", 3, QStringLiteral("the sum of all split weights must be 100, not 90.000000"));
    row("splits-sum-rounded", "s.hcl", true,
        splitterHead
            + QStringLiteral("Splits = [\n  { Weight = 33.333, ServiceSubset = \"v1\" },\n  { Weight = 33.333, ServiceSubset = \"v2\" },\n"
                             "  { Weight = 33.333, ServiceSubset = \"v3\" },\n]\n"),
        codes::SplitWeightSum, "Splits", 3, QStringLiteral("the sum of all split weights must be 100, not 99.989998"));
    row("splits-duplicate", "s.json", true,
        QStringLiteral("{\"Kind\":\"service-splitter\",\"Name\":\"web\",\n\"Splits\":[{\"Weight\":50,\"ServiceSubset\":\"v1\"},\n"
                       "{\"Weight\":50,\"ServiceSubset\":\"v1\"}]}\n"),
        codes::SplitDuplicate, "Splits[1]", 3, QStringLiteral("split destination occurs more than once: service=\"web\", subset=\"v1\", namespace=\"\", partition=\"\""));

    // ---- service-intentions ----
    row("intentions-no-sources", "i.hcl", true, intentionsHead + QStringLiteral("Sources = []\n"), codes::IntentionSources, "Sources", 3,
        QStringLiteral("At least one source is required"));
    row("intentions-action", "i.hcl", true, intentionsHead + QStringLiteral("Sources = [\n  {\n    Name = \"api\"\n  }\n]\n"), codes::IntentionSource,
        "Sources[0].Action", 4, QStringLiteral("Sources[0].Action must be set to 'allow' or 'deny'"));
    row("intentions-action-and-permissions", "i.hcl", true,
        intentionsHead
            + QStringLiteral("Sources = [\n  {\n    Name = \"api\"\n    Action = \"allow\"\n    Permissions = [\n      { Action = \"deny\", HTTP { PathPrefix = \"/x\" } }\n"
                             "    ]\n  }\n]\n"),
        codes::IntentionSource, "Sources[0].Action", 6, QStringLiteral("Sources[0].Action must be omitted if Permissions are specified"));
    row("intentions-duplicate", "i.hcl", true,
        intentionsHead + QStringLiteral("Sources = [\n  { Name = \"api\", Action = \"allow\" },\n  { Name = \"api\", Action = \"deny\" },\n]\n"),
        codes::IntentionDuplicate, "Sources[1]", 5, QStringLiteral("Sources[1] defines \"api\" more than once"));
    row("intentions-partial-wildcard", "i.hcl", true,
        intentionsHead + QStringLiteral("Sources = [\n  {\n    Name = \"ap*\"\n    Action = \"allow\"\n  }\n]\n"), codes::IntentionWildcard,
        "Sources[0].Name", 5, QStringLiteral("Sources[0].Name: wildcard character '*' cannot be used with partial values"));
    row("intentions-http-required", "i.hcl", true,
        intentionsHead + QStringLiteral("Sources = [\n  {\n    Name = \"api\"\n    Permissions = [\n      { Action = \"allow\" }\n    ]\n  }\n]\n"),
        codes::IntentionPermission, "Sources[0].Permissions[0]", 7, QStringLiteral("Sources[0].Permissions[0].HTTP is required"));
    row("intentions-http-empty", "i.hcl", true,
        intentionsHead + QStringLiteral("Sources = [\n  {\n    Name = \"api\"\n    Permissions = [\n      { Action = \"allow\", HTTP {} }\n    ]\n  }\n]\n"),
        codes::IntentionPermission, "Sources[0].Permissions[0].HTTP", 7, QStringLiteral("Sources[0].Permissions[0].HTTP should not be empty"));
    row("intentions-sameness-ce", "i.hcl", true,
        intentionsHead + QStringLiteral("Sources = [\n  {\n    Name = \"api\"\n    SamenessGroup = \"g\"\n    Action = \"allow\"\n  }\n]\n"),
        codes::EnterpriseSamenessGroup, "Sources[0].SamenessGroup", 6,
        QStringLiteral("Sources[0].SamenessGroup: Sameness groups are a Consul Enterprise feature. "));

    // ---- service-defaults / proxy-defaults ----
    row("service-defaults-wildcard", "d.hcl", true, QStringLiteral("Kind = \"service-defaults\"\nName = \"*\"\n"), codes::ServiceDefaultsName, "Name", 2,
        QStringLiteral("service-defaults name must be the name of a service, and not a wildcard"));
    row("service-defaults-mtls", "d.hcl", true, QStringLiteral("Kind = \"service-defaults\"\nName = \"web\"\nMutualTLSMode = \"loose\"\n"), codes::MutualTlsMode,
        "MutualTLSMode", 3, QStringLiteral("Invalid MutualTLSMode \"loose\". Must be one of \"\", \"strict\", or \"permissive\"."));
    row("service-defaults-destination-port", "d.hcl", true,
        QStringLiteral("Kind = \"service-defaults\"\nName = \"web\"\nDestination {\n  Addresses = [\"example.com\"]\n  Port = 70000\n}\n"),
        codes::ServiceDefaultsField, "Destination.Port", 5, QStringLiteral("Invalid Port number 70000"));
    row("proxy-defaults-name", "p.hcl", true, QStringLiteral("Kind = \"proxy-defaults\"\nName = \"foo\"\n"), codes::ProxyDefaultsName, "Name", 2,
        QStringLiteral("invalid name (\"foo\"), only \"global\" is supported"));
    row("proxy-defaults-failover-policy", "p.hcl", false,
        QStringLiteral("Kind = \"proxy-defaults\"\nName = \"global\"\nFailoverPolicy {\n  Mode = \"nearest\"\n}\n"), codes::FailoverPolicyMode,
        "FailoverPolicy.Mode", 4, QStringLiteral("Failover-policy mode must be one of '', 'sequential', or 'order-by-locality'"));
    row("proxy-defaults-access-logs", "p.hcl", true,
        QStringLiteral("Kind = \"proxy-defaults\"\nName = \"global\"\nAccessLogs {\n  Enabled = true\n  Type = \"file\"\n}\n"), codes::AccessLogsInvalid,
        "AccessLogs.Path", 3, QStringLiteral("path must be specified when using file type access logs"));

    // ---- Kubernetes webhook ----
    row("k8s-split-sum", "s.yaml", true,
        k8sHead("ServiceSplitter") + QStringLiteral("  splits:\n    - weight: 60\n      serviceSubset: v1\n    - weight: 30\n      serviceSubset: v2\n"),
        codes::K8sSplitter, "spec.splits", 7,
        QStringLiteral("Invalid value: \"[{\\\"weight\\\":60,\\\"serviceSubset\\\":\\\"v1\\\"},{\\\"weight\\\":30,\\\"serviceSubset\\\":\\\"v2\\\"}]\": the sum of "
                       "weights across all splits must add up to 100 percent, but adds up to 90.000000"));
    row("k8s-route-path-prefix", "rt.yaml", true,
        k8sHead("ServiceRouter") + QStringLiteral("  routes:\n    - match:\n        http:\n          pathPrefix: api\n"), codes::K8sRouter,
        "spec.routes[0].match.http.pathPrefix", 9, QStringLiteral("Invalid value: \"api\": must begin with a '/'"));
    row("k8s-route-header-name-required", "rt.yaml", true,
        k8sHead("ServiceRouter") + QStringLiteral("  routes:\n    - match:\n        http:\n          header:\n            - present: true\n"), codes::K8sRequired,
        "spec.routes[0].match.http.header[0].name", 10, QStringLiteral("Required value"));
    row("k8s-hash-policy-field", "r.yaml", true,
        k8sHead("ServiceResolver") + QStringLiteral("  loadBalancer:\n    policy: maglev\n    hashPolicies:\n      - field: foo\n        fieldValue: x\n"),
        codes::K8sResolver, "spec.loadBalancer.hashPolicies[0].field", 9,
        QStringLiteral("Invalid value: \"foo\": must be one of \"header\", \"cookie\", \"query_parameter\""));
    row("k8s-subset-name", "r.yaml", true,
        k8sHead("ServiceResolver") + QStringLiteral("  subsets:\n    V1:\n      filter: \"Service.Meta.version == v1\"\n"), codes::K8sResolver, "spec.subsets[V1]", 8,
        QStringLiteral("Invalid value: \"V1\": subset name must begin or end with lower case alphanumeric characters, and contain lower case alphanumeric "
                       "characters or '-' in between"));
    row("k8s-failover-namespace-ce", "r.yaml", true,
        k8sHead("ServiceResolver") + QStringLiteral("  failover:\n    v2:\n      namespace: other\n  subsets:\n    v2:\n      filter: \"Service.Meta.v == 2\"\n"),
        codes::EnterpriseNamespace, "spec.failover[v2].namespace", 8,
        QStringLiteral("Invalid value: \"other\": Consul Enterprise namespaces must be enabled to set failover.namespace"));
    row("k8s-service-defaults-protocol", "d.yaml", true, k8sHead("ServiceDefaults") + QStringLiteral("  protocol: udp\n"), codes::K8sServiceDefaults,
        "spec.protocol", 6, QStringLiteral("Invalid value: \"udp\": must be one of \"tcp\", \"http\", \"http2\", \"grpc\""));
    row("k8s-proxy-defaults-name", "p.yaml", true, k8sHead("ProxyDefaults", "foo") + QStringLiteral("  config:\n    protocol: http\n"),
        codes::K8sProxyDefaults, "metadata.name", 4, QStringLiteral("proxydefaults resource name must be \"global\""));
    row("k8s-intentions-action-and-permissions", "i.yaml", true,
        QStringLiteral("apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceIntentions\nmetadata:\n  name: web-intentions\nspec:\n  destination:\n"
                       "    name: web\n  sources:\n    - name: api\n      action: deny\n      permissions:\n        - action: allow\n"
                       "          http:\n            pathPrefix: /x\n"),
        codes::K8sIntentions, "spec.sources[0]", 9,
        QStringLiteral("\": action and permissions are mutually exclusive and only one of them can be specified"));
    row("k8s-then-consul-rule", "r.yaml", true, k8sHead("ServiceResolver") + QStringLiteral("  defaultSubset: v3\n"), codes::DefaultSubsetUnknown,
        "spec.defaultSubset", 6, QStringLiteral("DefaultSubset \"v3\" is not a valid subset"));
}

void TestValidator::rules()
{
    QFETCH(QString, file);
    QFETCH(bool, ce);
    QFETCH(QString, text);
    QFETCH(QString, code);
    QFETCH(QString, field);
    QFETCH(int, line);
    QFETCH(QString, message);

    const ConfigSet set = load(text, file, ce ? Edition::CE : Edition::Enterprise);
    const Diagnostics problems = validationProblems(set.diagnostics);
    QVERIFY2(!hasErrors(set.diagnostics) || !problems.isEmpty(), qPrintable(QStringLiteral("only non-validation problems:\n") + dump(set.diagnostics)));
    QVERIFY2(problems.size() == 1, qPrintable(QStringLiteral("expected exactly one validation problem:\n") + dump(set.diagnostics)));
    const Diagnostic &d = problems.front();
    QCOMPARE(d.code, code);
    QVERIFY2(d.message.contains(message), qPrintable(d.message));
    if (!field.isEmpty())
        QCOMPARE(d.field, field);
    QCOMPARE(d.where.file, file);
    QCOMPARE(d.where.begin.line, line);
    QVERIFY(d.where.begin.column >= 1);
    QCOMPARE(d.severity, Severity::Error);
}

void TestValidator::validInputs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("ce");
    QTest::addColumn<QString>("text");

    QTest::newRow("resolver-full") << QStringLiteral("r.hcl") << true
                                   << resolverHead
            + QStringLiteral("DefaultSubset = \"v1\"\nSubsets = {\n  v1 = { Filter = \"Service.Meta.version == v1\" }\n  v2 = { OnlyPassing = true }\n}\n"
                             "Failover = {\n  v2 = { Datacenters = [\"dc2\"] }\n  \"*\" = { Targets = [{ Datacenter = \"dc3\" }, { Peer = \"p1\" }] }\n}\n"
                             "ConnectTimeout = \"15s\"\nLoadBalancer {\n  Policy = \"ring_hash\"\n  RingHashConfig { MinimumRingSize = 1024 }\n"
                             "  HashPolicies = [{ SourceIP = true }, { Field = \"cookie\", FieldValue = \"id\", CookieConfig { TTL = \"10s\" } }]\n}\n");
    QTest::newRow("enterprise-namespace-failover") << QStringLiteral("r.hcl") << false
                                                   << resolverHead + QStringLiteral("Failover = {\n  \"*\" = { Namespace = \"other\", Policy { Mode = \"sequential\" } }\n}\n");
    QTest::newRow("router") << QStringLiteral("rt.hcl") << true
                            << routerHead
            + QStringLiteral("Routes = [\n  {\n    Match { HTTP { PathPrefix = \"/api\", Methods = [\"get\", \"POST\"], Header = [{ Name = \"x\", Exact = \"1\" }] } }\n"
                             "    Destination { Service = \"api\", PrefixRewrite = \"/\", RetryOn = [\"5xx\", \"reset\"] }\n  }\n]\n");
    QTest::newRow("splitter-rounding") << QStringLiteral("s.hcl") << true
                                       << splitterHead
            + QStringLiteral("Splits = [\n  { Weight = 33.34, ServiceSubset = \"v1\" },\n  { Weight = 33.33, ServiceSubset = \"v2\" },\n"
                             "  { Weight = 33.329999, ServiceSubset = \"v3\" },\n]\n");
    QTest::newRow("splitter-negative-weights-accepted") << QStringLiteral("s.hcl") << true
                                                        << splitterHead
            + QStringLiteral("Splits = [\n  { Weight = 101, ServiceSubset = \"v1\" },\n  { Weight = -1, ServiceSubset = \"v2\" },\n]\n");
    QTest::newRow("intentions") << QStringLiteral("i.hcl") << true
                                << intentionsHead
            + QStringLiteral("Sources = [\n  { Name = \"*\", Action = \"deny\" },\n  { Name = \"api\", Permissions = [{ Action = \"allow\", HTTP { PathPrefix = \"/v1\" } }] },\n]\n");
    QTest::newRow("service-defaults-udp") << QStringLiteral("d.hcl") << true << QStringLiteral("Kind = \"service-defaults\"\nName = \"web\"\nProtocol = \"udp\"\n");
    QTest::newRow("proxy-defaults-default-name") << QStringLiteral("p.hcl") << true
                                                 << QStringLiteral("Kind = \"proxy-defaults\"\nConfig {\n  protocol = \"http\"\n}\n");
    QTest::newRow("k8s-redirect-datacenter") << QStringLiteral("r.yaml") << true
                                             << k8sHead("ServiceResolver") + QStringLiteral("  redirect:\n    service: web\n    datacenter: dc2\n");
}

void TestValidator::validInputs()
{
    QFETCH(QString, file);
    QFETCH(bool, ce);
    QFETCH(QString, text);
    const ConfigSet set = load(text, file, ce ? Edition::CE : Edition::Enterprise);
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(dump(set.diagnostics)));
    QCOMPARE(set.entries.size(), 1);
}

void TestValidator::duplicates()
{
    ReadResult read = readText(QByteArrayLiteral("Kind = \"service-resolver\"\nName = \"web\"\n"), QStringLiteral("a.hcl"), DocumentFormat::Hcl);
    const ReadResult second = readText(QByteArrayLiteral("{\n  \"Kind\": \"service-resolver\",\n  \"Name\": \"web\"\n}\n"), QStringLiteral("b.json"),
                                       DocumentFormat::Json);
    read.documents += second.documents;
    read.files += second.files;
    const ConfigSet set = loadDocuments(read, {});
    const Diagnostics problems = validationProblems(set.diagnostics);
    QCOMPARE(problems.size(), 1);
    const Diagnostic &d = problems.front();
    QCOMPARE(d.code, QString(codes::DuplicateEntry));
    QCOMPARE(d.where.file, QStringLiteral("b.json"));
    QCOMPARE(d.related.size(), 1);
    QCOMPARE(d.related.front().file, QStringLiteral("a.hcl"));
    QVERIFY2(d.message.contains(QStringLiteral("service-resolver/web")), qPrintable(d.message));
    QVERIFY2(d.message.contains(QStringLiteral("also defined at a.hcl:1:1")), qPrintable(d.message));

    // Different kinds, or a different name, are no duplicates.
    ReadResult other = readText(QByteArrayLiteral("Kind = \"service-resolver\"\nName = \"web\"\n"), QStringLiteral("a.hcl"), DocumentFormat::Hcl);
    other.documents += readText(QByteArrayLiteral("Kind = \"service-defaults\"\nName = \"web\"\n"), QStringLiteral("c.hcl"), DocumentFormat::Hcl).documents;
    other.documents += readText(QByteArrayLiteral("Kind = \"service-resolver\"\nName = \"api\"\n"), QStringLiteral("d.hcl"), DocumentFormat::Hcl).documents;
    QVERIFY(validationProblems(loadDocuments(other, {}).diagnostics).isEmpty());
}

void TestValidator::k8sUniqueNamesUnderCe()
{
    const QByteArray one = "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceResolver\nmetadata:\n  name: web\n  namespace: team-a\nspec:\n"
                           "  connectTimeout: 5s\n";
    const QByteArray two = "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceResolver\nmetadata:\n  name: web\n  namespace: team-b\nspec:\n"
                           "  connectTimeout: 5s\n";
    ReadResult read = readText(one, QStringLiteral("a.yaml"), DocumentFormat::Yaml);
    read.documents += readText(two, QStringLiteral("b.yaml"), DocumentFormat::Yaml).documents;
    LoadOptions ce;
    ce.edition = Edition::CE;
    const Diagnostics problems = validationProblems(loadDocuments(read, ce).diagnostics);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.front().code, QString(codes::K8sNameAcrossNamespaces));
    QVERIFY2(problems.front().message.startsWith(
                 QStringLiteral("serviceresolver resource with name \"web\" is already defined \u2013 all serviceresolver resources must have unique names "
                                "across namespaces")),
             qPrintable(problems.front().message));
    QCOMPARE(problems.front().where.file, QStringLiteral("b.yaml"));
    QCOMPARE(problems.front().related.front().file, QStringLiteral("a.yaml"));
}

void TestValidator::secondProxyDefaults()
{
    const QByteArray doc = "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ProxyDefaults\nmetadata:\n  name: global\nspec:\n  config:\n    protocol: http\n";
    ReadResult read = readText(doc, QStringLiteral("a.yaml"), DocumentFormat::Yaml);
    read.documents += readText(doc, QStringLiteral("b.yaml"), DocumentFormat::Yaml).documents;
    const Diagnostics problems = validationProblems(loadDocuments(read, {}).diagnostics);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.front().code, QString(codes::K8sSecondProxyDefaults));
    QVERIFY(problems.front().message.startsWith(QStringLiteral("proxydefaults resource already defined - only one global entry is supported")));
}

void TestValidator::duplicatesInEntryOrder_data()
{
    QTest::addColumn<bool>("ce");
    QTest::addColumn<QStringList>("expected");

    // Entry order: a web(team-a), b web(team-b), c api, d.json [web(team-a), api], e f g Kubernetes proxy-defaults,
    // h i Kubernetes api (team-1, team-2), j k Kubernetes db (team-1, team-2). CE drops the HCL/JSON
    // entries that set a namespace and folds every Kubernetes namespace into default.
    QTest::newRow("enterprise") << false
                                << QStringList{
                                       QStringLiteral("d.json:2:1: error: Name: config entry service-resolver/web (namespace=team-a) is defined more than "
                                                      "once: also defined at a.hcl:1:1 [CS2401] related a.hcl:1:1"),
                                       QStringLiteral("d.json:3:1: error: Name: config entry service-resolver/api is defined more than once: also "
                                                      "defined at c.hcl:1:1 [CS2401] related c.hcl:1:1"),
                                       QStringLiteral("f.yaml:1:1: error: metadata.name: proxydefaults resource already defined - only one global entry "
                                                      "is supported (also defined at e.yaml:1:1) [CS2403] related e.yaml:1:1"),
                                       QStringLiteral("g.yaml:1:1: error: metadata.name: proxydefaults resource already defined - only one global entry "
                                                      "is supported (also defined at e.yaml:1:1) [CS2403] related e.yaml:1:1"),
                                   };
    QTest::newRow("ce") << true
                        << QStringList{
                               QStringLiteral("d.json:3:1: error: Name: config entry service-resolver/api is defined more than once: also defined at "
                                              "c.hcl:1:1 [CS2401] related c.hcl:1:1"),
                               QStringLiteral("f.yaml:1:1: error: metadata.name: proxydefaults resource already defined - only one global entry is "
                                              "supported (also defined at e.yaml:1:1) [CS2403] related e.yaml:1:1"),
                               QStringLiteral("g.yaml:1:1: error: metadata.name: proxydefaults resource already defined - only one global entry is "
                                              "supported (also defined at e.yaml:1:1) [CS2403] related e.yaml:1:1"),
                               QStringLiteral("h.yaml:1:1: error: metadata.name: config entry service-resolver/api is defined more than once: also "
                                              "defined at c.hcl:1:1 [CS2401] related c.hcl:1:1"),
                               QStringLiteral("i.yaml:1:1: error: metadata.name: config entry service-resolver/api is defined more than once: also "
                                              "defined at c.hcl:1:1 [CS2401] related c.hcl:1:1"),
                               QStringLiteral("k.yaml:1:1: error: metadata.name: serviceresolver resource with name \"db\" is already defined \u2013 "
                                              "all serviceresolver resources must have unique names across namespaces (also defined at j.yaml:1:1) "
                                              "[CS2402] related j.yaml:1:1"),
                           };
}

void TestValidator::duplicatesInEntryOrder()
{
    QFETCH(bool, ce);
    QFETCH(QStringList, expected);
    const auto resolver = [](const char *name, const char *ns) -> QByteArray {
        return QByteArray("Kind = \"service-resolver\"\nName = \"") + name + "\"\n" + (ns ? QByteArray("Namespace = \"") + ns + "\"\n" : QByteArray());
    };
    const QByteArray proxyDefaults = "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ProxyDefaults\nmetadata:\n  name: global\nspec:\n  mode: \"\"\n";
    const QByteArray k8sResolver = "apiVersion: consul.hashicorp.com/v1alpha1\nkind: ServiceResolver\nmetadata:\n  name: %1\n  namespace: %2\nspec:\n"
                                   "  connectTimeout: 5s\n";
    ReadResult read;
    const auto add = [&read](const QByteArray &text, const char *file, DocumentFormat format) {
        read.documents += readText(text, QString::fromLatin1(file), format).documents;
    };
    add(resolver("web", "team-a"), "a.hcl", DocumentFormat::Hcl);
    add(resolver("web", "team-b"), "b.hcl", DocumentFormat::Hcl);
    add(resolver("api", nullptr), "c.hcl", DocumentFormat::Hcl);
    add("[\n{\"Kind\": \"service-resolver\", \"Name\": \"web\", \"Namespace\": \"team-a\"},\n{\"Kind\": \"service-resolver\", \"Name\": \"api\"}\n]\n",
        "d.json", DocumentFormat::Json);
    add(proxyDefaults, "e.yaml", DocumentFormat::Yaml);
    add(proxyDefaults, "f.yaml", DocumentFormat::Yaml);
    add(proxyDefaults, "g.yaml", DocumentFormat::Yaml);
    add(QString::fromLatin1(k8sResolver).arg(u"api", u"team-1").toUtf8(), "h.yaml", DocumentFormat::Yaml);
    add(QString::fromLatin1(k8sResolver).arg(u"api", u"team-2").toUtf8(), "i.yaml", DocumentFormat::Yaml);
    add(QString::fromLatin1(k8sResolver).arg(u"db", u"team-1").toUtf8(), "j.yaml", DocumentFormat::Yaml);
    add(QString::fromLatin1(k8sResolver).arg(u"db", u"team-2").toUtf8(), "k.yaml", DocumentFormat::Yaml);

    ValidateOptions options;
    options.edition = ce ? Edition::CE : Edition::Enterprise;
    QList<Entry> entries;
    for (const SourceDocument &doc : std::as_const(read.documents))
        entries += decodeDocument(doc, DecodeOptions{options.edition}).entries;
    QStringList actual;
    for (const Diagnostic &d : checkDuplicates(entries, options)) {
        QStringList related;
        for (const SourceSpan &r : d.related)
            related.append(r.toString());
        actual.append(d.format() + QStringLiteral(" [") + d.code + QStringLiteral("] related ") + related.join(u','));
    }
    QCOMPARE(actual.join(u'\n'), expected.join(u'\n'));
}

void TestValidator::splitWithModifiersIsNoDuplicate()
{
    // A split that writes RequestHeaders or ResponseHeaders (even empty ones) is never a duplicate; the
    // third split repeats the first without modifiers and is.
    const QString text = splitterHead
        + QStringLiteral("Splits = [\n  { Weight = 25, ServiceSubset = \"v1\" },\n  { Weight = 25, ServiceSubset = \"v1\", RequestHeaders {} },\n"
                         "  { Weight = 25, ServiceSubset = \"v1\", ResponseHeaders { Set { x = \"1\" } } },\n  { Weight = 25, ServiceSubset = \"v1\" },\n]\n");
    const Diagnostics problems = validationProblems(load(text, QStringLiteral("s.hcl"), Edition::CE).diagnostics);
    QCOMPARE(dump(problems), QStringLiteral("s.hcl:7:3: error: Splits[3]: split destination occurs more than once: service=\"web\", subset=\"v1\", "
                                            "namespace=\"\", partition=\"\" [CS2113]"));
}

void TestValidator::k8sGathersEveryError()
{
    // config.md §5 case 59: the webhook reports both weights; Consul itself would accept them (sum 100).
    const QString text = k8sHead("ServiceSplitter") + QStringLiteral("  splits:\n    - weight: 101\n      serviceSubset: v1\n    - weight: -1\n      serviceSubset: v2\n");
    const Diagnostics problems = validationProblems(load(text, QStringLiteral("s.yaml"), Edition::CE).diagnostics);
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems[0].format(), QStringLiteral("s.yaml:7:15: error: spec.splits[0].weight: Invalid value: 101: weight must be a percentage between 0.01 and 100"));
    QCOMPARE(problems[1].format(), QStringLiteral("s.yaml:9:15: error: spec.splits[1].weight: Invalid value: -1: weight must be a percentage between 0.01 and 100"));
}

void TestValidator::goTexts()
{
    using namespace std::chrono_literals;
    QCOMPARE(detail::goDuration(-1s), QStringLiteral("-1s"));
    QCOMPARE(detail::goDuration(90s), QStringLiteral("1m30s"));
    QCOMPARE(detail::goDuration(1h), QStringLiteral("1h0m0s"));
    QCOMPARE(detail::goDuration(-500ms), QStringLiteral("-500ms"));
    QCOMPARE(detail::goDuration(1500ns), QStringLiteral("1.5µs"));
    QCOMPARE(detail::goDuration(-5ns), QStringLiteral("-5ns"));
    QCOMPARE(detail::goDuration(1s + 250ms), QStringLiteral("1.25s"));
    QCOMPARE(detail::goFloat32(101.0f), QStringLiteral("101"));
    QCOMPARE(detail::goFloat32(-1.0f), QStringLiteral("-1"));
    QCOMPARE(detail::goFloat32(0.001f), QStringLiteral("0.001"));
    QCOMPARE(detail::goFloat32(1e-05f), QStringLiteral("1e-05"));
    QCOMPARE(detail::goFloat32(33.3f), QStringLiteral("33.3"));
    QCOMPARE(detail::jsonFloat32(60.0f), QStringLiteral("60"));
    QCOMPARE(detail::goQuote(u"a\"b\\c\n"), QStringLiteral("\"a\\\"b\\\\c\\n\""));
    QCOMPARE(detail::jsonString(u"<a&b>"), QStringLiteral("\"\\u003ca\\u0026b\\u003e\""));
    QVERIFY(detail::matchesDnsLabelPattern(u"a--a"));
    QVERIFY(detail::matchesDnsLabelPattern(u"0-0"));
    QVERIFY(!detail::matchesDnsLabelPattern(u"-a"));
    QVERIFY(!detail::matchesDnsLabelPattern(u"a_a"));
    QVERIFY(!detail::matchesDnsLabelPattern(u"a.a"));
    QVERIFY(!detail::matchesDnsLabelPattern(u" a"));
}

// loadConfig decodes each file as the walk reads it; loading everything read beforehand must give the same
// entries and the same problems in the same order, good and bad inputs alike (all three formats, CE too).
void TestValidator::streamingLoadEqualsBatch()
{
    const QStringList paths = {QStringLiteral(CHAINSCOPE_SHARED_DIR "/seed-examples"), QStringLiteral(CHAINSCOPE_SHARED_DIR "/consul-compile"),
                               QStringLiteral(CHAINSCOPE_TESTS_DIR "/config/data"), QStringLiteral(CHAINSCOPE_SOURCE_DIR "/resources")};
    for (const Edition edition : {Edition::Enterprise, Edition::CE}) {
        LoadOptions options;
        options.edition = edition;
        const ConfigSet streamed = loadConfig(paths, options);
        const ConfigSet batch = loadDocuments(readPaths(paths, options.limits), options);
        QVERIFY(streamed.entries.size() > 50);
        QVERIFY(!streamed.diagnostics.isEmpty());
        QCOMPARE(streamed.entries.size(), batch.entries.size());
        for (qsizetype i = 0; i < streamed.entries.size(); ++i) {
            QVERIFY2(streamed.entries[i].sameContent(batch.entries[i]), qPrintable(streamed.entries[i].displayName()));
            QCOMPARE(streamed.entries[i].span, batch.entries[i].span);
        }
        QCOMPARE(streamed.diagnostics, batch.diagnostics);
        QCOMPARE(streamed.files.size(), batch.files.size());
        for (qsizetype i = 0; i < streamed.files.size(); ++i) {
            QCOMPARE(streamed.files[i].file, batch.files[i].file);
            QCOMPARE(streamed.files[i].documents, batch.files[i].documents);
            QCOMPARE(streamed.files[i].failed, batch.files[i].failed);
        }
    }
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
