// Internals of the validator: the per-entry reporting context and the Go/Kubernetes text helpers.
#pragma once

#include "config/validator.h"

#include <QLatin1StringView>
#include <QString>
#include <QStringView>

namespace chainscope::config::detail {

/** Collects the diagnostics of one entry. Consul rules are located by canonical field path; the field
 *  is shown the way the operator wrote it (CRD path for Kubernetes entries). */
class EntryReport
{
public:
    EntryReport(const Entry &entry, const ValidateOptions &options, Diagnostics &out);

    [[nodiscard]] const Entry &entry() const { return m_entry; }
    [[nodiscard]] bool isCe() const { return m_options.edition == Edition::CE; }
    [[nodiscard]] bool isKubernetes() const { return m_entry.format == SourceFormat::KubernetesYaml; }
    /** Errors added through this report so far. */
    [[nodiscard]] int count() const { return m_count; }

    /** A Consul rule failed at canonicalPath (e.g. `Failover["*"].Targets[0]`). */
    void error(QLatin1StringView code, QStringView canonicalPath, const QString &message);
    /** Same, located at an explicit span (typed structs whose tree index differs, e.g. sorted sources). */
    void errorAt(QLatin1StringView code, const SourceSpan &span, QStringView canonicalPath, const QString &message);
    /** A Kubernetes field error: `k8sPath` is the CRD path (`spec.routes[0].match.http.pathPrefix`),
     *  located at canonicalPath; message is the error body (`Invalid value: "api": must begin ...`). */
    void k8s(QLatin1StringView code, QStringView canonicalPath, const QString &k8sPath, const QString &message);
    void k8sAt(QLatin1StringView code, const SourceSpan &span, const QString &k8sPath, const QString &message);

    /** The tree value at a canonical path, or nullptr (no fall-back to enclosing values). */
    [[nodiscard]] const Value *treeAt(QStringView canonicalPath) const;

private:
    const Entry &m_entry;
    const ValidateOptions &m_options;
    Diagnostics &m_out;
    int m_count = 0;
};

// ---- per kind (validator_*.cpp) ------------------------------------------------------------------

void validateCommon(EntryReport &report);
void validateResolver(EntryReport &report, const ServiceResolver &resolver);
void validateRouter(EntryReport &report, const ServiceRouter &router);
void validateSplitter(EntryReport &report, const ServiceSplitter &splitter);
void validateIntentions(EntryReport &report, const ServiceIntentions &intentions);
void validateServiceDefaults(EntryReport &report, const ServiceDefaults &defaults);
void validateProxyDefaults(EntryReport &report, const ProxyDefaults &defaults);
/** The consul-k8s webhook (and API-server "required") rules of §3.7; returns the number of errors. */
int validateKubernetes(EntryReport &report);

/** Meta count/key/value limits (validateConfigEntryMeta); `Meta` paths. */
void validateMeta(EntryReport &report);

// ---- text helpers --------------------------------------------------------------------------------

/** Go's %q. */
[[nodiscard]] QString goQuote(QStringView s);
/** `["key"]`: a canonical map-key path segment. */
[[nodiscard]] QString keySegment(QStringView key);
/** `[i]` */
[[nodiscard]] QString indexSegment(qsizetype i);
/** Go time.Duration.String(). */
[[nodiscard]] QString goDuration(Duration d);
/** Go's %v of a float32 (strconv 'g', shortest). */
[[nodiscard]] QString goFloat32(float f);
/** encoding/json's text of a float32 ('f' shortest, 'e' outside [1e-6, 1e21)). */
[[nodiscard]] QString jsonFloat32(float f);
/** A JSON string literal as Go's encoding/json writes it (HTML characters escaped). */
[[nodiscard]] QString jsonString(QStringView s);
/** Length in UTF-8 bytes (Go's len()). */
[[nodiscard]] qsizetype byteLength(QStringView s);
/** Consul's HTTP method set (GET HEAD POST PUT PATCH DELETE CONNECT OPTIONS TRACE). */
[[nodiscard]] bool isHttpMethod(QStringView method);
/** The subset-name regex `^[a-z0-9]([a-z0-9-]*[a-z0-9])?$` without the length limit. */
[[nodiscard]] bool matchesDnsLabelPattern(QStringView name);

} // namespace chainscope::config::detail
