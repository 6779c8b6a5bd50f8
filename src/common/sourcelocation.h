// Where a loaded value came from: file plus a line/column span.
#pragma once

#include <QDebug>
#include <QString>

namespace chainscope {

/** A position in a source text. line and column are 1-based (column counts UTF-8 bytes + 1),
 *  offset is the 0-based byte offset; 0 / -1 mean "unknown". */
struct SourcePos {
    int line = 0;
    int column = 0;
    qint64 offset = -1;

    [[nodiscard]] bool isValid() const { return line > 0; }
    friend bool operator==(const SourcePos &, const SourcePos &) = default;
};

/** A half-open span [begin, end) in one file. Kept on every loaded value so later work can show
 *  provenance and write edits back into the original text. */
struct SourceSpan {
    QString file;
    SourcePos begin;
    SourcePos end;

    [[nodiscard]] bool isValid() const { return begin.isValid(); }
    /** "file:line:column", or just "file" when the position is unknown. */
    [[nodiscard]] QString toString() const;
    friend bool operator==(const SourceSpan &, const SourceSpan &) = default;
};

QDebug operator<<(QDebug dbg, const SourceSpan &span);

} // namespace chainscope

Q_DECLARE_TYPEINFO(chainscope::SourcePos, Q_PRIMITIVE_TYPE);
Q_DECLARE_TYPEINFO(chainscope::SourceSpan, Q_RELOCATABLE_TYPE);
