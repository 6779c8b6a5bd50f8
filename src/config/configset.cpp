#include "config/configset.h"

#include <algorithm>

namespace chainscope::config {

ConfigSet loadConfig(const QStringList &paths, const LoadOptions &options)
{
    return loadDocuments(readPaths(paths, options.limits), options);
}

ConfigSet loadDocuments(const ReadResult &read, const LoadOptions &options)
{
    ConfigSet set;
    set.files = read.files;
    set.diagnostics = read.diagnostics;
    const DecodeOptions decodeOptions{options.edition};
    const ValidateOptions validateOptions{options.edition};
    set.entries.reserve(read.documents.size());
    for (const SourceDocument &doc : read.documents) {
        DecodeResult decoded = decodeDocument(doc, decodeOptions);
        if (!decoded.diagnostics.isEmpty())
            set.diagnostics.append(std::move(decoded.diagnostics));
        for (Entry &entry : decoded.entries) {
            if (Diagnostics problems = validateEntry(entry, validateOptions); !problems.isEmpty())
                set.diagnostics.append(std::move(problems));
            set.entries.append(std::move(entry));
        }
    }
    if (Diagnostics duplicates = checkDuplicates(set.entries, validateOptions); !duplicates.isEmpty())
        set.diagnostics.append(std::move(duplicates));
    if (set.diagnostics.size() < 2)
        return set;
    // Stable: problems at the same place keep the order the pipeline found them in.
    std::stable_sort(set.diagnostics.begin(), set.diagnostics.end(), [](const Diagnostic &a, const Diagnostic &b) {
        if (a.where.file != b.where.file)
            return a.where.file < b.where.file;
        if (a.where.begin.line != b.where.begin.line)
            return a.where.begin.line < b.where.begin.line;
        return a.where.begin.column < b.where.begin.column;
    });
    return set;
}

} // namespace chainscope::config
