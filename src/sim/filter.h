// Evaluating go-bexpr v0.1.2 filters against catalog instances (runtime.md §1.3-§1.6).
#pragma once

#include "config/filterexpr.h"
#include "sim/catalog.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace chainscope::sim {

/** Which Consul's structs define the selectable fields (runtime.md §1.6: the table follows the version). */
enum class FilterSchema {
    Current,   ///< Consul 1.14+ (partitions, peers, transparent proxy, socket paths, ...)
    Consul1_8, ///< Consul 1.8.x, as the differential tests' 1.8.7 agent accepts
};

/** Why a filter cannot be used. message is what Consul prints after "Failed to create boolean
 *  expression evaluator: " (go-bexpr's text), e.g. `Invalid match operator "Equal" for selector
 *  "Service.Tags"`; range locates the offending match (or the syntax error) in the expression's UTF-8. */
struct FilterError {
    QString message;
    config::FilterRange range;
    std::optional<config::FilterParseError> syntax; ///< set for syntax errors
};

/**
 * A compiled filter: parsed, type-checked against the schema, values coerced and regexes compiled once,
 * so matches() is cheap and can be called for many instances. An empty expression matches everything
 * (Consul skips filtering then). An invalid filter matches nothing (runtime.md §1.1: the target gets no
 * instances) and carries its error. Copies share the compiled form.
 */
class Filter
{
public:
    Filter();
    ~Filter();
    Filter(const Filter &);
    Filter &operator=(const Filter &);
    Filter(Filter &&) noexcept;
    Filter &operator=(Filter &&) noexcept;

    [[nodiscard]] static Filter compile(const QString &expression, FilterSchema schema = FilterSchema::Current);

    [[nodiscard]] const QString &expression() const;
    [[nodiscard]] bool isEmpty() const;
    [[nodiscard]] bool isValid() const;
    [[nodiscard]] const std::optional<FilterError> &error() const;

    /** Whether the CheckServiceNode matches (v0.1.2 semantics: ANY over lists of structs, the missing-key
     *  rules, case-sensitive). */
    [[nodiscard]] bool matches(const Instance &instance) const;

private:
    struct Private;
    std::shared_ptr<const Private> d;
};

/** matches() for each instance, in order: evaluate once, cache the result. */
[[nodiscard]] QList<bool> matchAll(const Filter &filter, const QList<Instance> &instances);

/** The instances the filter keeps, in order. */
[[nodiscard]] QList<Instance> filterInstances(const Filter &filter, const QList<Instance> &instances);

/** Every selector the schema accepts, with its type name ("string", "int", "bool", "[]string",
 *  "map[string]string", "map[string]ServiceAddress", "[]struct"); map keys shown as `<key>`. For editors
 *  and documentation. */
[[nodiscard]] QList<QPair<QString, QString>> filterSelectors(FilterSchema schema = FilterSchema::Current);

/** Go's strconv.Quote of a string, as go-bexpr's messages print values and selectors. */
[[nodiscard]] QString goQuote(const QString &s);

} // namespace chainscope::sim
