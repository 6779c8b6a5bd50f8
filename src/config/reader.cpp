// Reading inputs: format by extension (plus Consul's JSON sniffing for .hcl), directory walks, file
// limits, and splitting files into entry-sized documents.

#include "config/reader.h"
#include "config/syntax_p.h"
#include "config/syntaxcodes.h"

#include <QChar>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chainscope::config {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype binarySniffBytes = 8 * 1024;

Diagnostic fileError(QLatin1StringView code, const QString &message, const QString &file, SourcePos pos = {})
{
    SourceSpan where{file, pos, pos};
    return detail::makeError(code, message, std::move(where));
}

QString sizeText(qint64 bytes)
{
    constexpr qint64 mib = 1024 * 1024;
    if (bytes >= mib && bytes % mib == 0)
        return QStringLiteral("%1 MiB").arg(bytes / mib);
    return QStringLiteral("%1 bytes").arg(bytes);
}

// Consul's sniffing (command/helpers/helpers.go): skip leading Unicode white space; '{' means JSON.
bool looksLikeJson(QByteArrayView text)
{
    char32_t cp = 0;
    for (qsizetype i = 0; i < text.size();) {
        const int len = detail::decodeUtf8(text, i, &cp);
        if (len == 0)
            return false;
        if (!QChar::isSpace(cp))
            return cp == '{';
        i += len;
    }
    return false;
}

// What Go's encoding/json says when a non-object lands where Consul expects map[string]interface{}.
QString goTypeName(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Bool:
        return QStringLiteral("bool");
    case Value::Type::Int:
    case Value::Type::Float:
        return QStringLiteral("number");
    case Value::Type::String:
        return QStringLiteral("string");
    case Value::Type::List:
        return QStringLiteral("array");
    case Value::Type::Map:
        return QStringLiteral("object");
    case Value::Type::Null:
        break;
    }
    return QStringLiteral("null");
}

void addJsonDocument(ReadResult &out, FileReport &report, Value v, int index)
{
    if (v.isNull()) {
        // json.Unmarshal of null into a map leaves it empty: the entry then simply has no keys.
        v = Value::map({}, v.span());
    }
    if (!v.isMap()) {
        Diagnostic d = detail::makeError(codes::JsonNotObject,
                                         QStringLiteral("json: cannot unmarshal %1 into Go value of type map[string]interface {}").arg(goTypeName(v)), v.span());
        out.diagnostics.append(d);
        report.failed = true;
        return;
    }
    out.documents.append(SourceDocument{report.file, DocumentFormat::Json, std::move(v), index});
    ++report.documents;
}

Diagnostic tooLargeError(qint64 bytes, const ReadLimits &limits, const QString &file)
{
    return fileError(codes::LoadTooLarge, QStringLiteral("file is %1 bytes, more than the %2 limit").arg(bytes).arg(sizeText(limits.maxFileBytes)), file);
}

void readInto(ReadResult &out, FileReport &report, QByteArrayView text, DocumentFormat format, const ReadLimits &limits)
{
    const QString &file = report.file;
    if (text.size() > limits.maxFileBytes) {
        out.diagnostics.append(tooLargeError(text.size(), limits, file));
        report.failed = true;
        return;
    }
    if (format == DocumentFormat::Hcl && looksLikeJson(text))
        format = DocumentFormat::Json;
    report.format = format;

    switch (format) {
    case DocumentFormat::Json: {
        Result<Value> r = parseJson(text, file, limits);
        out.diagnostics.append(r.diagnostics);
        if (!r) {
            report.failed = true;
            return;
        }
        if (r->isList()) {
            // A top-level array holds several entries; each element is one document.
            QList<Value> items = std::move(r->items());
            for (qsizetype i = 0; i < items.size(); ++i)
                addJsonDocument(out, report, std::move(items[i]), int(i));
        } else {
            addJsonDocument(out, report, std::move(*r), 0);
        }
        return;
    }
    case DocumentFormat::Hcl: {
        Result<Value> r = parseHcl(text, file, limits);
        out.diagnostics.append(r.diagnostics);
        if (!r) {
            report.failed = true;
            return;
        }
        out.documents.append(SourceDocument{file, DocumentFormat::Hcl, std::move(*r), 0});
        ++report.documents;
        return;
    }
    case DocumentFormat::Yaml: {
        Result<QList<Value>> r = parseYaml(text, file, limits);
        out.diagnostics.append(r.diagnostics);
        if (hasErrors(r.diagnostics))
            report.failed = true;
        if (!r)
            return;
        int index = 0;
        for (Value &v : *r)
            out.documents.append(SourceDocument{file, DocumentFormat::Yaml, std::move(v), index++});
        report.documents += int(r->size());
        return;
    }
    }
}

class Walker
{
public:
    Walker(ReadResult &out, const ReadLimits &limits)
        : m_out(out)
        , m_limits(limits)
    {
    }

    void path(const QString &p)
    {
        const QFileInfo info(p);
        if (!info.exists()) {
            m_out.diagnostics.append(fileError(codes::LoadPathNotFound, QStringLiteral("no such file or directory"), p));
            FileReport report;
            report.file = p;
            report.failed = true;
            m_out.files.append(report);
            return;
        }
        if (info.isDir()) {
            QStringList files;
            collect(info, files);
            std::sort(files.begin(), files.end());
            for (const QString &f : files)
                file(f);
            return;
        }
        file(p);
    }

private:
    void collect(const QFileInfo &dirInfo, QStringList &files)
    {
        // A directory reached twice (a symlink back up the tree) is walked once.
        const QString canonical = dirInfo.canonicalFilePath();
        if (m_visitedDirs.contains(canonical)) {
            Diagnostic d = fileError(codes::LoadSymlinkLoop, QStringLiteral("directory already read through another path; not read again"), dirInfo.filePath());
            d.severity = Severity::Warning;
            m_out.diagnostics.append(d);
            return;
        }
        m_visitedDirs.insert(canonical);
        const QDir dir(dirInfo.filePath());
        const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::System, QDir::Name);
        for (const QFileInfo &e : entries) {
            if (m_limitHit)
                return;
            if (e.isDir()) {
                collect(e, files);
                continue;
            }
            if (++m_found > m_limits.maxFiles) {
                m_limitHit = true;
                m_out.diagnostics.append(fileError(codes::LimitFiles,
                                                   QStringLiteral("more than %1 files under this directory; the rest were not read").arg(m_limits.maxFiles),
                                                   dirInfo.filePath()));
                return;
            }
            files.append(e.filePath());
        }
    }

    void file(const QString &path)
    {
        FileReport report;
        report.file = path;
        const std::optional<DocumentFormat> format = formatForPath(path);
        if (!format) {
            report.skippedReason = QStringLiteral("not a .hcl, .json, .yaml or .yml file");
            m_out.files.append(report);
            return;
        }
        report.format = *format;
        const auto refuse = [&](Diagnostic d) {
            m_out.diagnostics.append(std::move(d));
            report.failed = true;
            m_out.files.append(report);
        };

        // open + fstat + read + close and nothing else: per-file system calls were most of the load time
        // for one-entry files. Non-blocking, so a FIFO named *.json cannot hang the load; the same file
        // reached twice (a symlink, a path given twice) is recognised by device and inode.
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            refuse(fileError(codes::LoadUnreadable, qt_error_string(errno), path));
            return;
        }
        const auto closeFd = qScopeGuard([fd] { ::close(fd); });
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            refuse(fileError(codes::LoadUnreadable, qt_error_string(errno), path));
            return;
        }
        if (!S_ISREG(st.st_mode)) {
            refuse(fileError(codes::LoadUnreadable, QStringLiteral("not a regular file"), path));
            return;
        }
        if (!m_readFiles.insert(FileId{quint64(st.st_dev), quint64(st.st_ino)}).second) {
            report.skippedReason = QStringLiteral("already read");
            m_out.files.append(report);
            return;
        }
        if (qint64(st.st_size) > m_limits.maxFileBytes) {
            refuse(tooLargeError(qint64(st.st_size), m_limits, path));
            return;
        }
        // Read at most one byte over the limit: the file may have grown since it was measured. A short
        // read of a regular file is its end.
        const qint64 cap = m_limits.maxFileBytes + 1;
        QByteArray text(std::min<qint64>(qint64(st.st_size) + 1, cap), Qt::Uninitialized);
        qsizetype total = 0;
        for (;;) {
            const ssize_t n = ::read(fd, text.data() + total, size_t(text.size() - total));
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                refuse(fileError(codes::LoadUnreadable, qt_error_string(errno), path));
                return;
            }
            const qsizetype wanted = text.size() - total;
            total += n;
            if (n == 0 || n < wanted)
                break;
            if (text.size() == cap)
                break;
            text.resize(std::min<qint64>(qint64(text.size()) * 2, cap)); // it grew while we read
        }
        text.truncate(total);
        if (total > m_limits.maxFileBytes) {
            refuse(tooLargeError(total, m_limits, path));
            return;
        }
        if (const qsizetype nul = QByteArrayView(text).first(std::min(text.size(), binarySniffBytes)).indexOf('\0'); nul >= 0) {
            const detail::LineIndex lines(text);
            refuse(fileError(codes::LoadBinaryFile, QStringLiteral("binary file"), path, lines.pos(nul)));
            return;
        }
        readInto(m_out, report, text, *format, m_limits);
        m_out.files.append(report);
    }

    struct FileId {
        quint64 dev, ino;
        friend bool operator<(const FileId &a, const FileId &b) { return std::tie(a.dev, a.ino) < std::tie(b.dev, b.ino); }
    };

    ReadResult &m_out;
    const ReadLimits &m_limits;
    QSet<QString> m_visitedDirs;
    std::set<FileId> m_readFiles;
    int m_found = 0;
    bool m_limitHit = false;
};

} // namespace

std::optional<DocumentFormat> formatForPath(const QString &path)
{
    // QFileInfo::suffix without building a QFileInfo: what follows the last '.' of the file name.
    const qsizetype slash = path.lastIndexOf(u'/');
    const qsizetype dot = path.lastIndexOf(u'.');
    if (dot < 0 || dot < slash)
        return std::nullopt;
    const QStringView suffix = QStringView(path).sliced(dot + 1);
    const auto is = [&](QLatin1StringView ext) { return suffix.compare(ext, Qt::CaseInsensitive) == 0; };
    if (is("hcl"_L1))
        return DocumentFormat::Hcl;
    if (is("json"_L1))
        return DocumentFormat::Json;
    if (is("yaml"_L1) || is("yml"_L1))
        return DocumentFormat::Yaml;
    return std::nullopt;
}

ReadResult readPaths(const QStringList &paths, const ReadLimits &limits)
{
    ReadResult out;
    Walker walker(out, limits);
    for (const QString &p : paths)
        walker.path(p);
    return out;
}

ReadResult readText(QByteArrayView text, const QString &file, DocumentFormat format, const ReadLimits &limits)
{
    ReadResult out;
    FileReport report;
    report.file = file;
    report.format = format;
    readInto(out, report, text, format, limits);
    out.files.append(report);
    return out;
}

} // namespace chainscope::config
