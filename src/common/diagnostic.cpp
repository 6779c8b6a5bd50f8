#include "common/diagnostic.h"

namespace chainscope {

QString SourceSpan::toString() const
{
    if (!begin.isValid())
        return file;
    return file + u':' + QString::number(begin.line) + u':' + QString::number(begin.column);
}

QDebug operator<<(QDebug dbg, const SourceSpan &span)
{
    QDebugStateSaver saver(dbg);
    dbg.nospace() << "SourceSpan(" << span.toString() << ")";
    return dbg;
}

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Note:
        return QStringLiteral("note");
    }
    Q_UNREACHABLE();
}

QString Diagnostic::format() const
{
    QString out;
    const QString loc = where.toString();
    if (!loc.isEmpty())
        out += loc + QStringLiteral(": ");
    out += severityName(severity) + QStringLiteral(": ");
    if (!field.isEmpty())
        out += field + QStringLiteral(": ");
    out += message;
    return out;
}

bool hasErrors(const Diagnostics &diags)
{
    for (const auto &d : diags) {
        if (d.severity == Severity::Error)
            return true;
    }
    return false;
}

QDebug operator<<(QDebug dbg, const Diagnostic &d)
{
    QDebugStateSaver saver(dbg);
    dbg.noquote().nospace() << d.format() << " [" << d.code << "]";
    return dbg;
}

} // namespace chainscope
