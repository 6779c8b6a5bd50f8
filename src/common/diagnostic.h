// Problems found anywhere in the pipeline, as plain data.
#pragma once

#include "common/sourcelocation.h"

#include <QList>
#include <QString>

#include <optional>

namespace chainscope {

enum class Severity { Error, Warning, Note };

/** One problem. code is a stable "CS####" string (see diagnosticcodes.h); message is Consul's own text
 *  where Consul has one; field is the path of the offending field, e.g.
 *  `Failover["*"].Targets[1].Service` (Consul form) or `spec.failover.namespace` (Kubernetes form). */
struct Diagnostic {
    Severity severity = Severity::Error;
    QString code;
    QString message;
    SourceSpan where;
    QString field;
    /** Optional extra locations (e.g. the other definition of a duplicate entry). */
    QList<SourceSpan> related;

    /** `file:line:column: error: field: message` (parts that are unknown are left out). */
    [[nodiscard]] QString format() const;
    friend bool operator==(const Diagnostic &, const Diagnostic &) = default;
};

using Diagnostics = QList<Diagnostic>;

[[nodiscard]] QString severityName(Severity s);
[[nodiscard]] bool hasErrors(const Diagnostics &diags);

/** A value or the diagnostics that explain why there is none (hotspot's idea, generalised).
 *  Warnings may accompany a value. */
template<class T>
struct Result {
    std::optional<T> value;
    Diagnostics diagnostics;

    explicit operator bool() const { return value.has_value(); }
    const T &operator*() const { return *value; }
    T &operator*() { return *value; }
    const T *operator->() const { return &*value; }
    T *operator->() { return &*value; }
};

QDebug operator<<(QDebug dbg, const Diagnostic &d);

} // namespace chainscope
