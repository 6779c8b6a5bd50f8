// The whole loading pipeline: read paths → decode → validate → duplicates.
#pragma once

#include "config/decoder.h"
#include "config/reader.h"
#include "config/validator.h"

namespace chainscope::config {

struct LoadOptions {
    Edition edition = Edition::Enterprise;
    ReadLimits limits;
};

/** Everything loaded from a set of paths. Entries that failed to decode are absent; entries that decoded
 *  but failed validation are present (so the UI can still show them) and their problems are in
 *  diagnostics. */
struct ConfigSet {
    QList<Entry> entries;
    Diagnostics diagnostics;
    QList<FileReport> files;
};

/** The pipeline a document at a time: decode and validate each as it arrives, then the checks across
 *  entries. loadConfig feeds it file by file as the walk reads them; other sources can do the same. */
class ConfigAssembler
{
public:
    explicit ConfigAssembler(const LoadOptions &options = {});
    void add(const SourceDocument &document);
    /** add() consuming the document: its raw tree becomes the entry's tree (see decodeDocument). */
    void add(SourceDocument &&document);
    /** add() for several documents at once: all are decoded, then all their entries validated (each phase's
     *  code stays in cache across the documents). Entries and problems come out as one add() per document
     *  in order would give them. */
    void add(QList<SourceDocument> &&documents);
    /** The set, with the reading's files and problems (its documents are not looked at); the assembler
     *  is empty again afterwards. */
    [[nodiscard]] ConfigSet finish(const ReadResult &read);
    /** finish() taking the reading's file reports and problems instead of copying them. */
    [[nodiscard]] ConfigSet finish(ReadResult &&read);

private:
    void decode(SourceDocument &&document);  ///< its entries and problems appended to the set
    void validateFrom(qsizetype firstEntry); ///< the set's entries from firstEntry on

    DecodeOptions m_decode;
    ValidateOptions m_validate;
    ConfigSet m_set;
};

[[nodiscard]] ConfigSet loadConfig(const QStringList &paths, const LoadOptions &options = {});
/** Same pipeline on documents already read (tests, in-memory sources). */
[[nodiscard]] ConfigSet loadDocuments(const ReadResult &read, const LoadOptions &options = {});

} // namespace chainscope::config
