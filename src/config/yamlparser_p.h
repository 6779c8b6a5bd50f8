// Private to the YAML reader and its tests: the two ways a "---" part of a YAML file is read. parseYaml
// tries the fast reader (yamlfast.cpp, the block-style subset Kubernetes manifests use) and falls back to
// yaml-cpp (yamlparser.cpp) for any part the fast reader declines; both give exactly the same Values.
#pragma once

#include "config/reader.h"
#include "config/syntax_p.h"

#include <optional>

namespace chainscope::config::detail {

/** One "---"-delimited part of a YAML file, read on its own; begin and end are file offsets. */
struct YamlChunk {
    qsizetype begin = 0;
    qsizetype end = 0;
    int firstLine = 0; ///< 0-based line of begin
};

/** A document's root and how many values it holds (keys included), as the node limit counts them. */
struct YamlDocument {
    Value root;
    qint64 size = 0;
};

/** A plain (untagged, unquoted) scalar typed by the YAML 1.2 core schema; the null spellings ("", "~",
 *  "null", "Null", "NULL") give Null, as yaml-cpp reports them. */
[[nodiscard]] Value resolvePlainScalar(QByteArrayView raw, SourceSpan where);

/** yaml-cpp's null spellings of a plain scalar, for which it reports a null event (with a zero-length
 *  span) instead of a scalar. */
[[nodiscard]] inline bool isYamlNullWord(QByteArrayView s)
{
    return s.isEmpty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

/** Reads one chunk of text (the whole file's text; the chunk gives the part) without yaml-cpp. Gives
 *  the chunk's non-empty documents exactly as the yaml-cpp path would (values, types, quoted flags, key
 *  and value spans), or nullopt when the chunk leaves the subset this reader handles, nests deeper than
 *  limits.maxDepth or holds more than budget values: it never reports an error, the caller then reads
 *  the chunk with yaml-cpp, which words every diagnostic. The chunk must have passed parseYaml's NUL,
 *  UTF-8 and nesting checks. */
[[nodiscard]] std::optional<QList<YamlDocument>> parseYamlChunkFast(QByteArrayView text, const YamlChunk &chunk, const QString &file, const ReadLimits &limits,
                                                                    qint64 budget);

/** Which reader parseYamlWith uses for each chunk. */
enum class YamlPath {
    Auto, ///< what parseYaml does: the fast reader, yaml-cpp where it declines
    YamlCppOnly, ///< yaml-cpp for every chunk
    FastOnly, ///< the fast reader only; nullopt when it declines any chunk or the text fails a pre-check
};

/** parseYaml with the reader chosen, for the differential test and the fuzzer. */
[[nodiscard]] std::optional<Result<QList<Value>>> parseYamlWith(QByteArrayView text, const QString &file, const ReadLimits &limits, YamlPath path);

} // namespace chainscope::config::detail
