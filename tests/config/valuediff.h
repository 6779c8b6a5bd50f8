// Helpers of the tests that hold one reader against another (the fast HCL and YAML readers against the
// faithful ones, batch against file-by-file reading) and of fuzz_hcl / fuzz_yaml: a span-aware comparison
// of config::Values (unlike Value::sameAs it also compares value and key spans, quoted flags and null versus
// empty keys), of diagnostics, and the project's files of a kind.
#pragma once

#include "common/diagnostic.h"
#include "config/value.h"

#include <QDirIterator>
#include <QFile>
#include <QStringList>

#include <algorithm>
#include <memory>

#include <cmath>

namespace chainscope::config::test {

inline QString describe(const SourcePos &p)
{
    return QStringLiteral("%1:%2@%3").arg(p.line).arg(p.column).arg(p.offset);
}

inline QString describe(const SourceSpan &s)
{
    return QStringLiteral("%1[%2-%3]").arg(s.file, describe(s.begin), describe(s.end));
}

/** The first difference between two values, spans, keys and quoted flags included; empty when equal. */
inline QString valueDifference(const Value &a, const Value &b, const QString &path)
{
    if (a.type() != b.type())
        return QStringLiteral("%1: type %2 vs %3").arg(path, a.typeName(), b.typeName());
    if (!(a.span() == b.span()))
        return QStringLiteral("%1: span %2 vs %3").arg(path, describe(a.span()), describe(b.span()));
    switch (a.type()) {
    case Value::Type::Null:
        break;
    case Value::Type::Bool:
        if (a.toBool() != b.toBool())
            return QStringLiteral("%1: bool differs").arg(path);
        break;
    case Value::Type::Int:
        if (a.toInt() != b.toInt())
            return QStringLiteral("%1: int %2 vs %3").arg(path).arg(a.toInt()).arg(b.toInt());
        break;
    case Value::Type::Float: {
        const double x = a.toDouble(), y = b.toDouble();
        if (!(x == y && std::signbit(x) == std::signbit(y)) && !(std::isnan(x) && std::isnan(y)))
            return QStringLiteral("%1: float %2 vs %3").arg(path).arg(x).arg(y);
        break;
    }
    case Value::Type::String:
        if (a.toString() != b.toString() || a.isQuoted() != b.isQuoted())
            return QStringLiteral("%1: string '%2'%3 vs '%4'%5").arg(path, a.toString(), a.isQuoted() ? QStringLiteral(" quoted") : QString(), b.toString(),
                                                         b.isQuoted() ? QStringLiteral(" quoted") : QString());
        break;
    case Value::Type::List:
        if (a.items().size() != b.items().size())
            return QStringLiteral("%1: %2 vs %3 items").arg(path).arg(a.items().size()).arg(b.items().size());
        for (qsizetype i = 0; i < a.items().size(); ++i) {
            if (QString d = valueDifference(a.items()[i], b.items()[i], QStringLiteral("%1[%2]").arg(path).arg(i)); !d.isEmpty())
                return d;
        }
        break;
    case Value::Type::Map:
        if (a.members().size() != b.members().size())
            return QStringLiteral("%1: %2 vs %3 members").arg(path).arg(a.members().size()).arg(b.members().size());
        for (qsizetype i = 0; i < a.members().size(); ++i) {
            const Value::Member &m = a.members()[i];
            const Value::Member &n = b.members()[i];
            const QString at = QStringLiteral("%1.%2").arg(path, m.key);
            if (m.key != n.key || m.key.isNull() != n.key.isNull())
                return QStringLiteral("%1: key '%2' vs '%3'").arg(path, m.key, n.key);
            if (!(m.keySpan == n.keySpan))
                return QStringLiteral("%1: key span %2 vs %3").arg(at, describe(m.keySpan), describe(n.keySpan));
            if (QString d = valueDifference(m.value, n.value, at); !d.isEmpty())
                return d;
        }
        break;
    }
    return {};
}

/** The first difference between two lists of diagnostics (code, message, place); empty when equal. */
inline QString diagnosticsDifference(const Diagnostics &a, const Diagnostics &b)
{
    if (a.size() != b.size())
        return QStringLiteral("%1 diagnostics vs %2").arg(a.size()).arg(b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].code != b[i].code || a[i].message != b[i].message || !(a[i].where == b[i].where))
            return QStringLiteral("diagnostic '%1' vs '%2'").arg(a[i].format(), b[i].format());
    }
    return {};
}

/** Every file under dir whose name matches (recursively), sorted. */
inline QStringList filesUnder(const QString &dir, const QStringList &patterns)
{
    QStringList out;
    QDirIterator it(dir, patterns, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

/** Calls f(prefix) for every prefix of text, the empty one and the whole text included, each copied into a
 *  heap block of exactly its size: in the ASan build, a reader that looks one byte past its text fails. */
template<class F>
void forEachExactPrefix(const QByteArray &text, F f)
{
    for (qsizetype n = 0; n <= text.size(); ++n) {
        const auto copy = std::make_unique_for_overwrite<char[]>(size_t(n));
        std::copy_n(text.constData(), n, copy.get());
        f(QByteArrayView(copy.get(), n));
    }
}

/** The file's bytes; empty when it cannot be read. */
inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace chainscope::config::test
