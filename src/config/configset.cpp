#include "config/configset.h"

#include <algorithm>

namespace chainscope::config {

ConfigAssembler::ConfigAssembler(const LoadOptions &options)
    : m_decode{options.edition}
    , m_validate{options.edition}
{
}

void ConfigAssembler::add(const SourceDocument &doc)
{
    add(SourceDocument(doc));
}

void ConfigAssembler::add(SourceDocument &&doc)
{
    const qsizetype firstNew = m_set.entries.size();
    decode(std::move(doc));
    validateFrom(firstNew);
}

void ConfigAssembler::add(QList<SourceDocument> &&documents)
{
    const qsizetype firstNew = m_set.entries.size();
    for (SourceDocument &doc : documents)
        decode(std::move(doc));
    validateFrom(firstNew);
}

void ConfigAssembler::decode(SourceDocument &&doc)
{
    decodeDocument(std::move(doc), m_decode, m_set.entries, m_set.diagnostics);
}

void ConfigAssembler::validateFrom(qsizetype first)
{
    for (qsizetype i = first; i < m_set.entries.size(); ++i) {
        if (Diagnostics problems = validateEntry(m_set.entries.at(i), m_validate); !problems.isEmpty())
            m_set.diagnostics.append(std::move(problems));
    }
}

ConfigSet ConfigAssembler::finish(const ReadResult &read)
{
    ReadResult reports;
    reports.files = read.files;
    reports.diagnostics = read.diagnostics;
    return finish(std::move(reports));
}

ConfigSet ConfigAssembler::finish(ReadResult &&read)
{
    m_set.files = std::move(read.files);
    Diagnostics found = std::move(read.diagnostics); // the reading's problems first, as they were found
    found.append(std::move(m_set.diagnostics));
    m_set.diagnostics = std::move(found);
    if (Diagnostics duplicates = checkDuplicates(m_set.entries, m_validate); !duplicates.isEmpty())
        m_set.diagnostics.append(std::move(duplicates));
    ConfigSet set = std::exchange(m_set, {});
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

ConfigSet loadConfig(const QStringList &paths, const LoadOptions &options)
{
    // Each file's documents are decoded as soon as it is read, while its tree is still in cache, and
    // then dropped: the raw trees of all files never exist at once.
    ConfigAssembler assembler(options);
    ReadResult read = readPaths(paths, options.limits, [&assembler](QList<SourceDocument> &&documents) {
        assembler.add(std::move(documents));
    });
    return assembler.finish(std::move(read));
}

ConfigSet loadDocuments(const ReadResult &read, const LoadOptions &options)
{
    ConfigAssembler assembler(options);
    for (const SourceDocument &doc : read.documents)
        assembler.add(doc);
    return assembler.finish(read);
}

} // namespace chainscope::config
