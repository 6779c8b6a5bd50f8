// Out-of-line helpers of syntax_p.h.
#include "config/syntax_p.h"

#include <algorithm>
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
    // The slot comes from the length and the first and last eight bytes (where keys and names differ);
    // strings that differ only in the middle share a slot and take turns, which costs a decode, never a
    // wrong answer.
    const size_t edge = size_t(std::min<qsizetype>(n, 8));
    quint64 head = 0;
    quint64 tail = 0;
    std::memcpy(&head, utf8.data(), edge);
    std::memcpy(&tail, utf8.data() + n - qsizetype(edge), edge);
    const quint64 mixed = (head * 0x9E3779B97F4A7C15ull) ^ (tail * 0xC2B2AE3D27D4EB4Full) ^ quint64(n);
    const auto hash = quint32(mixed >> 32) ^ quint32(mixed);

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
