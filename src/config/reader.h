// Reading files into neutral trees: format detection, the three parsers, directory walking, limits.
#pragma once

#include "common/diagnostic.h"
#include "config/value.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace chainscope::config {

enum class DocumentFormat { Hcl, Json, Yaml };

/** Hard limits that keep hostile input from crashing, hanging or exhausting memory. Hitting one is an
 *  error diagnostic (code CS1301..), never a crash. */
struct ReadLimits {
    qint64 maxFileBytes = 16 * 1024 * 1024; ///< bigger files are refused unread
    int maxDepth = 256;                     ///< nesting of maps/lists
    qint64 maxNodes = 4'000'000;            ///< values per file (YAML aliases count each expansion)
    int maxFiles = 100'000;                 ///< files per directory walk
};

/** One entry-sized document: a whole HCL file, a JSON object (or one element of a top-level JSON
 *  array), or one YAML document. */
struct SourceDocument {
    QString file;
    DocumentFormat format = DocumentFormat::Hcl;
    Value root;
    int index = 0; ///< position within its file (array element / YAML document), 0-based
};

/** What happened to one input file. */
struct FileReport {
    QString file;
    std::optional<DocumentFormat> format; ///< unset when skipped
    int documents = 0;
    QString skippedReason; ///< non-empty: the file was skipped (e.g. "not a .hcl, .json, .yaml or .yml file")
    bool failed = false;   ///< a syntax error or limit stopped this file
};

struct ReadResult {
    QList<SourceDocument> documents;
    QList<FileReport> files;
    Diagnostics diagnostics;
};

} // namespace chainscope::config

// A document and a file report are pointers and plain data: the lists of a load grow by memcpy.
Q_DECLARE_TYPEINFO(chainscope::config::SourceDocument, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(chainscope::config::FileReport, Q_RELOCATABLE_TYPE);

namespace chainscope::config {

/** Format by extension: .hcl → Hcl (but Consul's sniffing rule applies: a body whose first non-space
 *  character is '{' is parsed as JSON), .json → Json, .yaml/.yml → Yaml; anything else → nullopt. */
[[nodiscard]] std::optional<DocumentFormat> formatForPath(const QString &path);

/** Reads files and directories (recursively, sorted, deterministic). Hidden entries (names starting
 *  with '.') are not walked; a directory reached again through a symlink is read once; a top-level JSON
 *  array gives one document per element. */
[[nodiscard]] ReadResult readPaths(const QStringList &paths, const ReadLimits &limits = {});

/** Receives the documents of one file as soon as that file is read, in walk order. */
using DocumentSink = std::function<void(QList<SourceDocument> &&documents)>;
/** readPaths handing each file's documents to sink instead of collecting them: the loader decodes a file
 *  while its tree is still in the processor's cache. The result's documents stay empty. */
[[nodiscard]] ReadResult readPaths(const QStringList &paths, const ReadLimits &limits, const DocumentSink &sink);

/** Parses in-memory text as if it were the named file (tests, fuzzers, the editor later). */
[[nodiscard]] ReadResult readText(QByteArrayView text, const QString &file, DocumentFormat format, const ReadLimits &limits = {});

/** The individual parsers. Each returns the raw tree of its format (see value.h) or syntax diagnostics.
 *
 *  parseHcl gives the shapes hashicorp/hcl v1 decodes into map[string]interface{}: object values outside
 *  lists become one-element lists of maps; a repeated block (or list) key appends to the first member's
 *  list; `k "a" { }` blocks gather under their first key as `k: [ {a: [ {..} ]}, ... ]`; a repeated
 *  scalar key keeps every member in source order and the decoder must take the LAST one (HCL's "last
 *  wins"). Errors carry hcl's own text, e.g. `At 1:8: Unknown token: 1:8 IDENT service-resolver` (Go
 *  counts the column in runes; the diagnostic span counts UTF-8 bytes).
 *
 *  parseJson follows Go encoding/json (error texts included); integers that fit in int64 become Int,
 *  other numbers Float; duplicate keys are kept in order (Go keeps the last).
 *
 *  parseYaml returns one Value per non-empty document. When some documents are broken it still returns
 *  the good ones, with error diagnostics for the others. */
[[nodiscard]] Result<Value> parseHcl(QByteArrayView text, const QString &file, const ReadLimits &limits = {});
[[nodiscard]] Result<Value> parseJson(QByteArrayView text, const QString &file, const ReadLimits &limits = {});
[[nodiscard]] Result<QList<Value>> parseYaml(QByteArrayView text, const QString &file, const ReadLimits &limits = {});

} // namespace chainscope::config
