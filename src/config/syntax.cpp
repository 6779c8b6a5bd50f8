// Out-of-line helpers of syntax_p.h.
#include "config/syntax_p.h"

#include <cstring>
#include <memory>

namespace chainscope::config::detail {

namespace {

constexpr qsizetype kMaxSharedBytes = 40;
constexpr quint32 kSlots = 2048; // a power of two

struct Slot {
    quint8 size = 0;
    char bytes[kMaxSharedBytes];
    QString text; ///< null while the slot is empty
};

} // namespace

QString sharedString(QByteArrayView utf8)
{
    const qsizetype n = utf8.size();
    if (n == 0 || n > kMaxSharedBytes)
        return QString::fromUtf8(utf8);
    // FNV-1a over the bytes: a few instructions per byte, and these strings are short.
    quint32 hash = 2166136261u;
    for (const char c : utf8)
        hash = (hash ^ uchar(c)) * 16777619u;

    thread_local std::unique_ptr<Slot[]> table; // per thread, so parsers may run on several threads
    if (!table)
        table = std::make_unique<Slot[]>(kSlots);
    Slot &slot = table[hash & (kSlots - 1)];
    if (slot.size == n && !slot.text.isNull() && std::memcmp(slot.bytes, utf8.data(), size_t(n)) == 0)
        return slot.text;
    slot.text = QString::fromUtf8(utf8);
    slot.size = quint8(n);
    std::memcpy(slot.bytes, utf8.data(), size_t(n));
    return slot.text;
}

} // namespace chainscope::config::detail
