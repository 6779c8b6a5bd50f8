#include "common/filenames.h"
#include "common/prefetch.h"

#include <QMutex>

#include <atomic>
#include <cstring>
#include <memory>
#include <vector>

namespace chainscope {

namespace {

// Eight bytes at a time, multiply and fold: paths share long prefixes (the directory), so every byte
// counts, and qHash's general-purpose hash costs several times more for a path's length.
quint64 hashName(QStringView s) noexcept
{
    const auto *p = reinterpret_cast<const uchar *>(s.data());
    qsizetype n = s.size() * qsizetype(sizeof(QChar));
    quint64 h = 0x9E3779B97F4A7C15ull ^ quint64(n);
    const auto mix = [&h](quint64 w) {
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    };
    for (; n >= 8; p += 8, n -= 8) {
        quint64 w;
        std::memcpy(&w, p, 8);
        mix(w);
    }
    quint64 tail = 0;
    std::memcpy(&tail, p, size_t(n));
    mix(tail);
    return h;
}

// Enough for every config file of any real mesh many times over; past it names are not stored.
constexpr qsizetype kMaxNames = 1 << 20;
constexpr qsizetype kMaxChars = qsizetype(64) << 20;

/** The stored names: texts packed into chunks that never move or go, found through an open-addressing
 *  table of (hash, text) slots. A lookup reads one slot and, only when the whole hash matches, the stored
 *  text: the cache misses of a node-based set (bucket, node, string header, text) were most of what a
 *  lookup cost when a walk asks for ten thousand names. */
class Store
{
public:
    QString find(QStringView path)
    {
        const quint64 hash = hashName(path);
        const QMutexLocker lock(&m_mutex);
        if (!m_slots.empty()) {
            for (size_t i = size_t(hash) & m_mask;; i = (i + 1) & m_mask) {
                const Slot &slot = m_slots[i];
                if (!slot.text)
                    break;
                if (slot.hash == hash && slot.size == path.size()
                    && std::memcmp(slot.text, path.data(), size_t(path.size()) * sizeof(char16_t)) == 0)
                    return QString::fromRawData(reinterpret_cast<const QChar *>(slot.text), slot.size);
            }
        }
        if (m_count >= kMaxNames || m_chars + path.size() > kMaxChars)
            return path.toString();
        const char16_t *text = keep(path);
        insert(Slot{hash, text, path.size()});
        return QString::fromRawData(reinterpret_cast<const QChar *>(text), path.size());
    }

    /** Starts loading the slot where find(path) will begin, without taking the lock: the table's address
     *  and mask are read atomically, and a table replaced meanwhile only makes the hint useless (a prefetch
     *  never faults). */
    void prefetch(QStringView path) const noexcept
    {
        const Slot *slots = m_table.load(std::memory_order_relaxed);
        if (!slots)
            return;
        const size_t mask = m_tableMask.load(std::memory_order_relaxed);
        prefetchForRead(slots + (size_t(hashName(path)) & mask));
    }

    qsizetype count()
    {
        const QMutexLocker lock(&m_mutex);
        return m_count;
    }

private:
    struct Slot {
        quint64 hash = 0;
        const char16_t *text = nullptr; ///< null: a free slot
        qsizetype size = 0;
    };
    static constexpr qsizetype kChunkChars = 32 * 1024;

    /** A NUL-terminated copy of `path` in the chunks. */
    const char16_t *keep(QStringView path)
    {
        const qsizetype need = path.size() + 1;
        if (need > m_chunkLeft) {
            const qsizetype size = std::max(need, kChunkChars);
            m_chunks.push_back(std::make_unique_for_overwrite<char16_t[]>(size_t(size)));
            m_chunkFree = m_chunks.back().get();
            m_chunkLeft = size;
        }
        char16_t *text = m_chunkFree;
        std::memcpy(text, path.data(), size_t(path.size()) * sizeof(char16_t));
        text[path.size()] = u'\0';
        m_chunkFree += need;
        m_chunkLeft -= need;
        m_chars += path.size();
        return text;
    }

    void insert(const Slot &slot)
    {
        if (size_t(m_count + 1) * 2 > m_slots.size()) { // at most half full: probes stay short
            std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(std::max<size_t>(1024, m_slots.size() * 2)));
            m_mask = m_slots.size() - 1;
            for (const Slot &s : old) {
                if (s.text)
                    place(s);
            }
            m_table.store(m_slots.data(), std::memory_order_relaxed);
            m_tableMask.store(m_mask, std::memory_order_relaxed);
        }
        place(slot);
        ++m_count;
    }

    void place(const Slot &slot)
    {
        size_t i = size_t(slot.hash) & m_mask;
        while (m_slots[i].text)
            i = (i + 1) & m_mask;
        m_slots[i] = slot;
    }

    QMutex m_mutex;
    std::vector<Slot> m_slots; ///< a power of two in size, or empty
    size_t m_mask = 0;
    // The same two for prefetch(), which reads them without the lock.
    std::atomic<const Slot *> m_table{nullptr};
    std::atomic<size_t> m_tableMask{0};
    std::vector<std::unique_ptr<char16_t[]>> m_chunks;
    char16_t *m_chunkFree = nullptr;
    qsizetype m_chunkLeft = 0;
    qsizetype m_count = 0;
    qsizetype m_chars = 0;
};

Store &store()
{
    static Store *const s = new Store; // never destroyed: spans may outlive static destruction
    return *s;
}

} // namespace

QString sharedFileName(QStringView path)
{
    if (path.isNull())
        return QString();
    return store().find(path);
}

QString sharedFileName(const QString &path)
{
    if (!path.data_ptr().isMutable())
        return path; // null, a literal or raw data (such as a name from here): copies count nothing already
    return store().find(path);
}

void prefetchSharedFileName(QStringView path) noexcept
{
    if (path.isEmpty())
        return; // (a null view's data is null, which hashName's memcpy must not be given)
    store().prefetch(path);
}

qsizetype sharedFileNameCount()
{
    return store().count();
}

} // namespace chainscope
