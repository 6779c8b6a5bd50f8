#include "common/filenames.h"

#include <QMutex>

#include <cstring>
#include <unordered_set>

namespace chainscope {

namespace {

// Eight bytes at a time, multiply and fold: paths share long prefixes (the directory), so every byte
// counts, and qHash's general-purpose hash costs several times more for a path's length.
struct NameHash {
    size_t operator()(const QString &s) const noexcept
    {
        const auto *p = reinterpret_cast<const uchar *>(s.constData());
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
        return size_t(h);
    }
};

struct Store {
    QMutex mutex;
    std::unordered_set<QString, NameHash> names; ///< node-based: a stored string never moves
    qsizetype chars = 0;
};

// Enough for every config file of any real mesh many times over; past it names are not stored.
constexpr qsizetype kMaxNames = 1 << 20;
constexpr qsizetype kMaxChars = qsizetype(64) << 20;

Store &store()
{
    static Store *const s = new Store; // never destroyed: spans may outlive static destruction
    return *s;
}

} // namespace

QString sharedFileName(const QString &path)
{
    if (!path.data_ptr().isMutable())
        return path; // null, a literal or raw data (such as a name from here): copies count nothing already
    Store &s = store();
    const QMutexLocker lock(&s.mutex);
    auto it = s.names.find(path);
    if (it == s.names.end()) {
        if (qsizetype(s.names.size()) >= kMaxNames || s.chars + path.size() > kMaxChars)
            return path;
        it = s.names.insert(path).first;
        s.chars += path.size();
    }
    return QString::fromRawData(it->constData(), it->size());
}

qsizetype sharedFileNameCount()
{
    Store &s = store();
    const QMutexLocker lock(&s.mutex);
    return qsizetype(s.names.size());
}

} // namespace chainscope
