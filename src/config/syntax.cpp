// Out-of-line helpers of syntax_p.h.
#include "config/syntax_p.h"

#include <QtEndian>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <locale.h>

namespace chainscope::config::detail {

namespace {

constexpr qsizetype kMaxSharedBytes = 40;
constexpr quint32 kSlots = 2048; // a power of two

// Bytes p[0..n) (1 <= n <= 8) as a little-endian word, byte i at bits 8i, with fixed-size loads only.
quint64 loadWord(const char *p, qsizetype n)
{
    if (n >= 4) {
        const auto low = qFromLittleEndian<quint32>(p);
        const auto high = qFromLittleEndian<quint32>(p + n - 4); // overlaps low below n = 8; the shared bytes agree
        return quint64(low) | (quint64(high) << (8 * (n - 4)));
    }
    return quint64(uchar(p[0])) | (quint64(uchar(p[n / 2])) << (8 * (n / 2))) | (quint64(uchar(p[n - 1])) << (8 * (n - 1)));
}

} // namespace

struct SharedStrings::Slot {
    // A string of up to 16 bytes is all in head and tail (they overlap below 16); a longer one also
    // compares the bytes between them.
    quint64 head = 0;
    quint64 tail = 0;
    quint8 size = 0;
    char bytes[kMaxSharedBytes];
    QString text; ///< null while the slot is empty
};

SharedStrings::SharedStrings()
{
    thread_local std::unique_ptr<Slot[]> table; // per thread, so parsers may run on several threads
    if (!table)
        table = std::make_unique<Slot[]>(kSlots);
    m_table = table.get();
}

QString SharedStrings::operator()(QByteArrayView utf8) const
{
    const qsizetype n = utf8.size();
    if (n == 0 || n > kMaxSharedBytes)
        return QString::fromUtf8(utf8);
    // The slot comes from the length and the first and last eight bytes (where keys and names differ);
    // strings that differ only in the middle share a slot and take turns, which costs a decode, never a
    // wrong answer.
    const quint64 head = loadWord(utf8.data(), std::min<qsizetype>(n, 8));
    const quint64 tail = n > 8 ? loadWord(utf8.data() + n - 8, 8) : head;
    const quint64 mixed = (head * 0x9E3779B97F4A7C15ull) ^ (tail * 0xC2B2AE3D27D4EB4Full) ^ quint64(n);
    const auto hash = quint32(mixed >> 32) ^ quint32(mixed);

    Slot &slot = m_table[hash & (kSlots - 1)];
    if (slot.size == n && slot.head == head && slot.tail == tail && !slot.text.isNull()
        && (n <= 16 || std::memcmp(slot.bytes + 8, utf8.data() + 8, size_t(n - 16)) == 0))
        return slot.text;
    slot.text = QString::fromUtf8(utf8);
    slot.size = quint8(n);
    slot.head = head;
    slot.tail = tail;
    std::memcpy(slot.bytes, utf8.data(), size_t(n));
    return slot.text;
}

double strtodC(const char *text, char **end)
{
    static const locale_t c = newlocale(LC_ALL_MASK, "C", locale_t(nullptr)); // "C" always exists
    return strtod_l(text, end, c);
}

QString sharedString(QByteArrayView utf8)
{
    return SharedStrings()(utf8);
}

} // namespace chainscope::config::detail
