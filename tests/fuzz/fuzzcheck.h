// Shared by the reader fuzzers: run one reader on the input and check the invariants every result must
// keep (positions inside the text, 1-based lines/columns, errors always explained).
#pragma once

#include "config/reader.h"

#include <cstdint>
#include <cstdlib>

namespace chainscope::fuzz {

inline void check(bool ok)
{
    if (!ok)
        std::abort();
}

inline void checkSpan(const SourceSpan &s, qsizetype size)
{
    if (!s.isValid())
        return;
    check(s.begin.line >= 1 && s.begin.column >= 1);
    check(s.begin.offset >= 0 && s.begin.offset <= size);
    check(s.end.offset >= s.begin.offset || !s.end.isValid());
    check(s.end.offset <= size);
}

inline void checkValue(const config::Value &v, qsizetype size, int depth)
{
    check(depth <= 2 * config::ReadLimits{}.maxDepth + 4); // HCL wraps every object in a list
    checkSpan(v.span(), size);
    for (const config::Value &i : v.items())
        checkValue(i, size, depth + 1);
    for (const config::Value::Member &m : v.members()) {
        checkSpan(m.keySpan, size);
        checkValue(m.value, size, depth + 1);
    }
}

/** Reads data as a file of the given format and checks the result. */
inline int run(const uint8_t *data, size_t size, config::DocumentFormat format, const QString &file)
{
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    config::ReadLimits limits;
    limits.maxNodes = 200'000; // keeps each run fast; the limit's own behaviour is part of what is fuzzed
    const config::ReadResult r = config::readText(text, file, format, limits);
    check(r.files.size() == 1);
    check(r.files.first().failed == hasErrors(r.diagnostics));
    for (const Diagnostic &d : r.diagnostics) {
        check(!d.code.isEmpty() && !d.message.isEmpty());
        check(d.where.file == file);
        checkSpan(d.where, qsizetype(size));
    }
    for (const config::SourceDocument &doc : r.documents)
        checkValue(doc.root, qsizetype(size), 0);
    return 0;
}

} // namespace chainscope::fuzz
