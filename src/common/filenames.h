// File names that every source span of a load can share without reference counting.
#pragma once

#include <QString>

namespace chainscope {

/**
 * The same file name as `path`, sharing one stored copy kept for the rest of the process.
 *
 * A load gives every value and key a SourceSpan holding its file name: tens of copies per config entry,
 * each an atomic reference-count increment and, when the entry goes, a decrement. The returned string
 * refers to the stored copy without owning it (QString::fromRawData), so copying and destroying it
 * touch no counter. File names are few and reused (a reload of the same tree finds them stored), so the
 * store stays as small as the set of files the process has read. Past a cap on that set (a process that
 * walks ever new trees), `path` is returned as it is. Thread-safe.
 */
[[nodiscard]] QString sharedFileName(const QString &path);
/** The same for a name that is not yet a QString (a path being built): no allocation when it is stored. */
[[nodiscard]] QString sharedFileName(QStringView path);

/** A hint that sharedFileName(path) follows soon: starts loading from memory where its lookup begins, so a
 *  walk can overlap the lookups of the next few files with the work on this one. */
void prefetchSharedFileName(QStringView path) noexcept;

/** Names stored so far (tests and diagnostics). */
[[nodiscard]] qsizetype sharedFileNameCount();

} // namespace chainscope
