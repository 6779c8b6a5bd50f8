// Reading inputs: format by extension (plus Consul's JSON sniffing for .hcl), directory walks, file
// limits, and splitting files into entry-sized documents.

#include "config/reader.h"

#include "common/filenames.h"
#include "common/prefetch.h"
#include "config/batchread_p.h"
#include "config/syntax_p.h"
#include "config/syntaxcodes.h"

#include <QChar>
#include <QFile>
#include <QScopeGuard>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <dirent.h>
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

/** "dir/name" the way the operator would write it: no doubled '/' after a path that already ends in one. */
QString joinPath(const QString &dir, const QString &name)
{
    if (dir.endsWith(u'/'))
        return dir + name;
    return dir + u'/' + name;
}

Diagnostic directoryError(const QString &dirPath)
{
    return fileError(codes::LoadUnreadable, QStringLiteral("cannot read directory: %1").arg(qt_error_string(errno)), dirPath);
}

class Walker
{
public:
    Walker(ReadResult &out, const ReadLimits &limits, const DocumentSink *sink)
        : m_out(out)
        , m_limits(limits)
        , m_sink(sink)
    {
    }

    void path(const QString &p)
    {
        flush(); // the files of earlier paths come first
        const QByteArray native = QFile::encodeName(p);
        struct stat st {};
        if (::stat(native.constData(), &st) != 0) {
            const int error = errno;
            const bool missing = error == ENOENT || error == ENOTDIR;
            m_out.diagnostics.append(missing ? fileError(codes::LoadPathNotFound, QStringLiteral("no such file or directory"), p)
                                             : fileError(codes::LoadUnreadable, qt_error_string(error), p));
            FileReport report;
            report.file = p;
            report.failed = true;
            m_out.files.append(report);
            return;
        }
        if (S_ISDIR(st.st_mode))
            walk(AT_FDCWD, native.constData(), p);
        else
            file(AT_FDCWD, native.constData(), p);
    }

    /** Parses the files still waiting in the batch: call once the last path is walked. */
    void finish() { flush(); }

private:
    struct FileId {
        quint64 dev, ino;
        friend bool operator==(const FileId &, const FileId &) = default;
    };
    /** The files or directories seen, by identity: open addressing in one array, so the insert per file of
     *  a walk costs a probe or two, not a node allocation. */
    class FileIdSet
    {
    public:
        /** Starts loading the slot where insert(id) will look. */
        void prefetch(const FileId &id) const noexcept
        {
            if (m_slots.empty())
                return;
            prefetchForRead(m_slots.data() + start(m_slots, id));
        }

        /** False when `id` was there already. */
        bool insert(const FileId &id)
        {
            if (size_t(m_count + 1) * 2 > m_slots.size())
                grow();
            const size_t i = probe(m_slots, id);
            if (m_slots[i] == id)
                return false;
            m_slots[i] = id;
            ++m_count;
            return true;
        }

    private:
        // No file system gives a device number of all ones: such a slot is free.
        static constexpr FileId kFree{~quint64(0), ~quint64(0)};
        static size_t start(const std::vector<FileId> &slots, const FileId &id)
        {
            const quint64 h = (id.ino ^ (id.dev << 32 | id.dev >> 32)) * 0x9E3779B97F4A7C15ull;
            return size_t(h >> 20) & (slots.size() - 1);
        }
        static size_t probe(const std::vector<FileId> &slots, const FileId &id)
        {
            const size_t mask = slots.size() - 1;
            for (size_t i = start(slots, id);; i = (i + 1) & mask) {
                if (slots[i] == id || slots[i] == kFree)
                    return i;
            }
        }
        void grow()
        {
            std::vector<FileId> old = std::exchange(m_slots, std::vector<FileId>(std::max<size_t>(64, m_slots.size() * 2), kFree));
            for (const FileId &id : old) {
                if (!(id == kFree))
                    m_slots[probe(m_slots, id)] = id;
            }
        }
        std::vector<FileId> m_slots; ///< a power of two in size, at most half full
        qsizetype m_count = 0;
    };

    /** One name of a directory listing. Names live in one buffer per listing (NUL-terminated, for
     *  openat); sortKey holds the first 8 bytes of the name as it sorts (see walk()), big-endian, so most
     *  comparisons of the sort are one integer comparison. */
    struct DirEntry {
        quint64 sortKey = 0;
        qsizetype offset = 0; ///< of the name in the listing's buffer
        qsizetype size = 0;
        bool isDir = false;
        std::optional<FileId> regular; ///< readdir said "regular file": its identity, without a stat
    };

    /** Walk order is the order of the whole paths, byte by byte (Unicode code point order for UTF-8 names):
     *  a directory sorts as if its name ended in '/'. (A name holds neither '/' nor NUL, so the zero
     *  padding of a short sort key orders a name before every longer name it begins.) */
    static quint64 sortKeyOf(const char *name, qsizetype size, bool isDir)
    {
        quint64 key = 0;
        for (qsizetype i = 0; i < 8; ++i) {
            const uchar byte = i < size ? uchar(name[i]) : i == size && isDir ? uchar('/') : uchar(0);
            key = (key << 8) | byte;
        }
        return key;
    }
    static bool walkOrder(const DirEntry &a, const DirEntry &b, const char *names)
    {
        if (a.sortKey != b.sortKey)
            return a.sortKey < b.sortKey;
        const qsizetype common = std::min(a.size, b.size);
        if (const int c = std::memcmp(names + a.offset, names + b.offset, size_t(common)); c != 0)
            return c < 0;
        const auto next = [common, names](const DirEntry &e) {
            return e.size > common ? uchar(names[e.offset + common]) : e.isDir ? uchar('/') : uchar(0);
        };
        return next(a) < next(b);
    }

    /** dir + '/' + the file system's name, decoded as UTF-8 (Qt's local 8-bit encoding on Unix), as the
     *  stored shared name (sharedFileName): an ASCII path is built in a scratch buffer, so a name already
     *  stored, as on every reload, costs no allocation. */
    QString childPath(const QString &dir, const char *name, qsizetype size)
    {
        if (const QStringView path = asciiChildPath(dir, name, size, m_pathScratch); !path.isNull())
            return sharedFileName(path);
        return sharedFileName(joinPath(dir, QString::fromUtf8(name, size)));
    }

    /** dir + '/' + name built in `scratch` when the name is ASCII (most are); a null view otherwise. */
    static QStringView asciiChildPath(const QString &dir, const char *name, qsizetype size, std::vector<char16_t> &scratch)
    {
        for (qsizetype i = 0; i < size; ++i) {
            if (uchar(name[i]) >= 0x80)
                return {};
        }
        const qsizetype dirSize = dir.size();
        const bool slash = !dir.endsWith(u'/');
        const qsizetype pathSize = dirSize + (slash ? 1 : 0) + size;
        if (qsizetype(scratch.size()) < pathSize)
            scratch.resize(size_t(pathSize));
        char16_t *out = scratch.data();
        // constData, not utf16(): the directory's name is itself a stored name, raw data that utf16()
        // would copy to add a terminator.
        std::copy_n(reinterpret_cast<const char16_t *>(dir.constData()), dirSize, out);
        out += dirSize;
        if (slash)
            *out++ = u'/';
        for (qsizetype i = 0; i < size; ++i)
            out[i] = char16_t(uchar(name[i]));
        return QStringView(scratch.data(), pathSize);
    }

    /** Starts the memory loads that the name and identity lookups of `e` will wait for. */
    void prefetchLookups(const QString &dir, const DirEntry &e, const char *names)
    {
        if (const QStringView path = asciiChildPath(dir, names + e.offset, e.size, m_aheadScratch); !path.isNull())
            prefetchSharedFileName(path);
        if (e.regular)
            m_readFiles.prefetch(*e.regular);
    }

    // Walks one directory in path order with POSIX calls only: readdir's file types spare a stat per
    // entry, and files are opened relative to their directory, so the kernel does not walk the whole path
    // again for each one. Hidden names (starting with '.') are not walked.
    void walk(int atFd, const char *name, const QString &dirPath)
    {
        const int fd = ::openat(atFd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            m_out.diagnostics.append(directoryError(dirPath));
            return;
        }
        DIR *dir = ::fdopendir(fd);
        if (!dir) {
            m_out.diagnostics.append(directoryError(dirPath));
            ::close(fd);
            return;
        }
        const auto closeDir = qScopeGuard([dir] { ::closedir(dir); });

        // A directory reached twice (a symlink back up the tree) is walked once.
        struct stat st {};
        if (::fstat(fd, &st) == 0 && !m_visitedDirs.insert(FileId{quint64(st.st_dev), quint64(st.st_ino)})) {
            Diagnostic d = fileError(codes::LoadSymlinkLoop, QStringLiteral("directory already read through another path; not read again"), dirPath);
            d.severity = Severity::Warning;
            m_out.diagnostics.append(d);
            return;
        }

        const quint64 dirDevice = quint64(st.st_dev);
        std::vector<DirEntry> entries;
        std::vector<char> names; // every name, NUL-terminated
        for (;;) {
            errno = 0; // readdir reports its errors only through errno
            const dirent *e = ::readdir(dir);
            if (!e) {
                if (errno != 0)
                    m_out.diagnostics.append(directoryError(dirPath));
                break;
            }
            if (e->d_name[0] == '.')
                continue;
            DirEntry entry;
            entry.offset = qsizetype(names.size());
            entry.size = qsizetype(std::strlen(e->d_name));
            names.insert(names.end(), e->d_name, e->d_name + entry.size + 1);
            entry.isDir = e->d_type == DT_DIR;
            if (e->d_type == DT_REG)
                entry.regular = FileId{dirDevice, quint64(e->d_ino)};
            if (e->d_type == DT_LNK || e->d_type == DT_UNKNOWN) {
                // Follow symlinks to see whether they lead to a directory; a dangling one stays a file,
                // whose open then says what is wrong.
                struct stat target {};
                entry.isDir = ::fstatat(fd, e->d_name, &target, 0) == 0 && S_ISDIR(target.st_mode);
            }
            entry.sortKey = sortKeyOf(e->d_name, entry.size, entry.isDir);
            entries.push_back(entry);
        }
        // Sorted as small (sort key, index) pairs: most comparisons end at the key, and a swap moves 16
        // bytes instead of a whole entry.
        struct Order {
            quint64 key;
            size_t index;
        };
        std::vector<Order> order(entries.size());
        for (size_t i = 0; i < entries.size(); ++i)
            order[i] = Order{entries[i].sortKey, i};
        std::sort(order.begin(), order.end(), [&entries, &names](const Order &a, const Order &b) {
            return a.key != b.key ? a.key < b.key : walkOrder(entries[a.index], entries[b.index], names.data());
        });
        // Then the entries and their names are laid out in that order while they are still in the caches:
        // the walk below takes them one by one between the batches' parsing, which evicts them, and in the
        // listing's own (hash) order every one was a miss to memory.
        {
            std::vector<DirEntry> sorted;
            sorted.reserve(entries.size());
            std::vector<char> sortedNames;
            sortedNames.reserve(names.size());
            for (const Order &o : order) {
                const char *text = names.data() + entries[o.index].offset;
                DirEntry &e = sorted.emplace_back(entries[o.index]);
                e.offset = qsizetype(sortedNames.size());
                sortedNames.insert(sortedNames.end(), text, text + e.size + 1);
            }
            entries = std::move(sorted);
            names = std::move(sortedNames);
        }

        // Files queued for reading refer to these names and this directory: they are read before either
        // goes, however this walk ends.
        const auto readLeft = qScopeGuard([this] { readQueued(); });
        const char *nameData = names.data();
        // Each file's name lookup (sharedFileName) and identity lookup (m_readFiles) wait for a load from
        // memory, the batches' parsing in between having evicted those tables: they are started a few files
        // ahead, so they overlap with the work on the files before.
        constexpr size_t kLookAhead = 8;
        for (size_t i = 0; i < std::min(kLookAhead, entries.size()); ++i)
            prefetchLookups(dirPath, entries[i], nameData);
        for (size_t index = 0; index < entries.size(); ++index) {
            const DirEntry &e = entries[index];
            if (m_limitHit)
                return;
            if (index + kLookAhead < entries.size())
                prefetchLookups(dirPath, entries[index + kLookAhead], nameData);
            const char *entryName = nameData + e.offset;
            const QString path = childPath(dirPath, entryName, e.size);
            if (e.isDir) {
                flush(); // what the subdirectory reports comes after the files before it
                walk(fd, entryName, path);
                continue;
            }
            if (++m_found > m_limits.maxFiles) {
                flush();
                m_limitHit = true;
                m_out.diagnostics.append(fileError(codes::LimitFiles,
                                                   QStringLiteral("more than %1 files under this directory; the rest were not read").arg(m_limits.maxFiles),
                                                   dirPath));
                return;
            }
            file(fd, entryName, path, e.regular);
        }
    }

    // A directory's files are read a batch at a time, then parsed: the system calls of a batch run back to
    // back, and so do the parser and decoder, each with its code and data in the caches, instead of the two
    // taking turns for every small file. A file's reports, problems and documents still come out in walk
    // order, as if each file were read and parsed alone.
    struct PendingFile {
        FileReport report;
        std::optional<Diagnostic> problem; ///< set: reading failed (report.failed)
        qsizetype textBegin = -1;          ///< where its text is in m_batchText (or m_ringText); -1: nothing to parse
        qsizetype textSize = 0;
        bool inRing = false;               ///< its text is in m_ringText
        // Waiting for readQueued(): the name (relative to queuedAt) and identity of a regular file.
        const char *queuedName = nullptr;
        int queuedAt = -1;
        FileId queuedId{};
    };
    static constexpr qsizetype kBatchFiles = 32;
    static constexpr qsizetype kBatchBytes = 512 * 1024; ///< a batch is parsed once its texts pass this size
    static constexpr qsizetype kRingSlotBytes = 64 * 1024; ///< per file read through the ring; longer ones are read again
    static constexpr qsizetype kMinRingFiles = 4;          ///< fewer queued files are read one by one until a ring exists

    /** Reads the file `name` (relative to atFd) known to the operator as `path` into the batch; parsing
     *  waits for flush(). `regular` is its identity when the directory listing already said it is a
     *  regular file: such files are queued and read together by readQueued(). */
    void file(int atFd, const char *name, const QString &path, std::optional<FileId> regular = std::nullopt)
    {
        if (m_batch.size() >= kBatchFiles || m_batchUsed >= kBatchBytes)
            flush();
        PendingFile &pending = m_batch.emplace_back();
        if (!admit(pending, path, regular))
            return;
        if (regular && m_ringUsable) {
            pending.queuedName = name;
            pending.queuedAt = atFd;
            pending.queuedId = *regular;
            ++m_queued;
            return;
        }
        read(pending, atFd, name, path, regular);
    }

    /** Parses the files read so far, in order. */
    void flush()
    {
        readQueued();
        for (PendingFile &pending : m_batch) {
            if (pending.problem)
                m_out.diagnostics.append(std::move(*pending.problem));
            if (pending.textBegin >= 0) {
                const char *const texts = pending.inRing ? m_ringText.get() : m_batchText.constData();
                readInto(m_out, pending.report, QByteArrayView(texts + pending.textBegin, pending.textSize), *pending.report.format, m_limits);
            }
            m_out.files.append(std::move(pending.report));
        }
        if (m_sink && !m_out.documents.isEmpty()) {
            (*m_sink)(std::exchange(m_out.documents, {}));
            m_out.documents.reserve(kBatchFiles); // the next batch's, mostly one per file
        }
        m_batch.clear();
        m_batchUsed = 0;
        m_ringSlotsUsed = 0;
    }

    /** The report's file and format; false when there is nothing to read (not a config file name, or a
     *  file already read). `regular`, when known, is the file's identity. */
    bool admit(PendingFile &pending, const QString &path, const std::optional<FileId> &regular)
    {
        FileReport &report = pending.report;
        report.file = sharedFileName(path);
        const std::optional<DocumentFormat> format = formatForPath(path);
        if (!format) {
            report.skippedReason = QStringLiteral("not a .hcl, .json, .yaml or .yml file");
            return false;
        }
        report.format = *format;
        if (regular && !m_readFiles.insert(*regular)) {
            report.skippedReason = QStringLiteral("already read");
            return false;
        }
        return true;
    }

    /** Reads the queued files of the batch through io_uring (all the opens, then all the reads), when the
     *  kernel allows it. A file the ring could not read whole (an error, or longer than its slot) is read
     *  again the ordinary way, which also words any error. */
    void readQueued()
    {
        if (m_queued == 0)
            return;
        // A ring and its buffers pay off for many files, not for the one file of a small reload.
        if (!m_ring && m_ringUsable && m_queued >= kMinRingFiles) {
            m_ring = detail::BatchReader::create(int(kBatchFiles));
            m_ringUsable = m_ring != nullptr;
            if (m_ring && !m_ringText)
                m_ringText = std::make_unique_for_overwrite<char[]>(size_t(kBatchFiles * kRingSlotBytes));
        }
        std::vector<PendingFile *> queued;
        queued.reserve(size_t(m_queued));
        for (PendingFile &p : m_batch) {
            if (p.queuedName)
                queued.push_back(&p);
        }
        m_queued = 0;
        // A batch's files can be queued and read in several rounds (a walk ends, the batch goes on with the
        // next directory): each round takes the next free slots, until flush() parses the batch.
        const qsizetype firstSlot = std::exchange(m_ringSlotsUsed, m_ringSlotsUsed + qsizetype(queued.size()));
        Q_ASSERT(m_ringSlotsUsed <= kBatchFiles);
        const auto slotOffset = [firstSlot](size_t i) { return (firstSlot + qsizetype(i)) * kRingSlotBytes; };
        const qsizetype slot = std::min<qsizetype>(kRingSlotBytes, m_limits.maxFileBytes + 1);
        std::vector<detail::BatchReader::Outcome> outcomes(queued.size());
        bool ringRead = false;
        if (m_ring) {
            std::vector<detail::BatchReader::Request> requests(queued.size());
            for (size_t i = 0; i < queued.size(); ++i)
                requests[i] = {queued[i]->queuedAt, queued[i]->queuedName, m_ringText.get() + slotOffset(i), slot};
            ringRead = m_ring->read(requests, outcomes);
            if (!ringRead) {
                m_ring.reset();
                m_ringUsable = false;
            }
        }
        for (size_t i = 0; i < queued.size(); ++i) {
            PendingFile &p = *queued[i];
            const char *name = std::exchange(p.queuedName, nullptr);
            const detail::BatchReader::Outcome &o = outcomes[i];
            if (ringRead && o.error == 0 && o.size < slot) {
                // A short read of a regular file is its end.
                p.inRing = true;
                accept(p, QByteArrayView(m_ringText.get() + slotOffset(i), o.size), slotOffset(i));
            } else {
                read(p, p.queuedAt, name, p.report.file, p.queuedId);
            }
        }
    }

    /** Reads the file in the ordinary way: open, read, close. `regular` is its identity when known. */
    void read(PendingFile &pending, int atFd, const char *name, const QString &path, std::optional<FileId> regular)
    {
        FileReport &report = pending.report;
        const auto refuse = [&](Diagnostic d) {
            pending.problem = std::move(d);
            report.failed = true;
        };

        // open + read + close and nothing else for the usual small file of a walk: per-file system calls
        // were most of the load time for one-entry files. Non-blocking, so a FIFO named *.json cannot hang
        // the load. The same file reached twice (a symlink, a path given twice, a hard link) is recognised
        // by device and inode: from the directory listing when it has them (admit()), else from fstat.
        // (On an overlay file system a listing's inode may differ from stat's; the worst case is a file
        // read twice, which the duplicate-entry check then reports with both paths.)
        const int fd = ::openat(atFd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            refuse(fileError(codes::LoadUnreadable, qt_error_string(errno), path));
            return;
        }
        const auto closeFd = qScopeGuard([fd] { ::close(fd); });
        std::optional<qint64> size; // known once fstat ran
        const auto statFile = [&]() -> bool {
            struct stat st {};
            if (::fstat(fd, &st) != 0) {
                refuse(fileError(codes::LoadUnreadable, qt_error_string(errno), path));
                return false;
            }
            if (!S_ISREG(st.st_mode)) {
                refuse(fileError(codes::LoadUnreadable, QStringLiteral("not a regular file"), path));
                return false;
            }
            size = qint64(st.st_size);
            if (!regular)
                regular = FileId{quint64(st.st_dev), quint64(st.st_ino)};
            return true;
        };
        if (!regular) {
            if (!statFile())
                return;
            if (!m_readFiles.insert(*regular)) {
                report.skippedReason = QStringLiteral("already read");
                return;
            }
        }

        // Appended to the batch's text buffer, which is kept for the whole walk. A file that fills the
        // first read is measured, so one over the limit is refused unread; then at most one byte over the
        // limit is read (it may still grow). A short read of a regular file is its end.
        const qint64 cap = m_limits.maxFileBytes + 1;
        const auto tooLarge = [&](qint64 bytes) {
            if (bytes <= m_limits.maxFileBytes)
                return false;
            refuse(tooLargeError(bytes, m_limits, path));
            return true;
        };
        if (size && tooLarge(*size))
            return;
        const qsizetype base = m_batchUsed;
        qsizetype room = std::min<qint64>(size ? *size + 1 : kFirstRead, cap); // this file's room in the buffer
        const auto makeRoom = [&] {
            if (m_batchText.size() < base + room)
                m_batchText.resize(std::max<qsizetype>(base + room, m_batchText.size() * 2));
        };
        makeRoom();
        qsizetype total = 0;
        for (;;) {
            const ssize_t n = ::read(fd, m_batchText.data() + base + total, size_t(room - total));
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                refuse(fileError(codes::LoadUnreadable, qt_error_string(errno), path));
                return;
            }
            const qsizetype wanted = room - total;
            total += n;
            if (n == 0 || n < wanted || room == cap)
                break;
            if (!size) {
                if (!statFile() || tooLarge(*size))
                    return;
            }
            room = std::min<qint64>(std::max<qint64>(qint64(room) * 2, *size + 1), cap);
            makeRoom();
        }
        if (tooLarge(total))
            return;
        if (accept(pending, QByteArrayView(m_batchText.constData() + base, total), base))
            m_batchUsed = base + total;
    }

    /** Takes a file's text, found at `offset` in its buffer, for parsing: false for a binary file. */
    bool accept(PendingFile &pending, QByteArrayView text, qsizetype offset)
    {
        if (const qsizetype nul = text.first(std::min(text.size(), binarySniffBytes)).indexOf('\0'); nul >= 0) {
            const detail::LineIndex lines(text);
            pending.problem = fileError(codes::LoadBinaryFile, QStringLiteral("binary file"), pending.report.file, lines.pos(nul));
            pending.report.failed = true;
            return false;
        }
        pending.textBegin = offset;
        pending.textSize = text.size();
        return true;
    }

    ReadResult &m_out;
    const ReadLimits &m_limits;
    const DocumentSink *m_sink = nullptr; ///< set: documents go there file by file
    FileIdSet m_visitedDirs;
    FileIdSet m_readFiles;
    std::vector<char16_t> m_pathScratch; ///< childPath()'s buffer
    std::vector<char16_t> m_aheadScratch; ///< prefetchLookups()'s
    std::vector<PendingFile> m_batch; ///< read, not yet parsed
    QByteArray m_batchText;           ///< their texts, one after another; reused from batch to batch
    qsizetype m_batchUsed = 0;
    static constexpr qint64 kFirstRead = 64 * 1024;
    std::unique_ptr<detail::BatchReader> m_ring; ///< made at the first batch with files queued
    bool m_ringUsable = true;                    ///< false once making or using the ring failed
    std::unique_ptr<char[]> m_ringText;          ///< kBatchFiles slots of kRingSlotBytes
    qsizetype m_queued = 0;                      ///< files of the batch waiting for readQueued()
    qsizetype m_ringSlotsUsed = 0;               ///< slots of m_ringText holding texts of the batch
    int m_found = 0;
    bool m_limitHit = false;
};

} // namespace

std::optional<DocumentFormat> formatForPath(const QString &path)
{
    // QFileInfo::suffix without building a QFileInfo: what follows the last '.' of the file name, found by
    // one scan back from the end that stops at the name's start.
    qsizetype dot = path.size() - 1;
    while (dot >= 0 && path[dot] != u'.' && path[dot] != u'/')
        --dot;
    if (dot < 0 || path[dot] != u'.')
        return std::nullopt;
    const QStringView suffix = QStringView(path).sliced(dot + 1);
    // ASCII letters in either case; any other character means another extension.
    const auto is = [&](QLatin1StringView ext) {
        if (suffix.size() != ext.size())
            return false;
        for (qsizetype i = 0; i < ext.size(); ++i) {
            const char16_t c = suffix[i].unicode();
            if ((c >= u'A' && c <= u'Z' ? c + 32 : c) != char16_t(ext[i].unicode()))
                return false;
        }
        return true;
    };
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
    return readPaths(paths, limits, {});
}

ReadResult readPaths(const QStringList &paths, const ReadLimits &limits, const DocumentSink &sink)
{
    ReadResult out;
    Walker walker(out, limits, sink ? &sink : nullptr);
    for (const QString &p : paths)
        walker.path(p);
    walker.finish();
    return out;
}

ReadResult readText(QByteArrayView text, const QString &file, DocumentFormat format, const ReadLimits &limits)
{
    ReadResult out;
    FileReport report;
    report.file = sharedFileName(file);
    report.format = format;
    readInto(out, report, text, format, limits);
    out.files.append(report);
    return out;
}

} // namespace chainscope::config
