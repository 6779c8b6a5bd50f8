// Out-of-line helpers of syntax_p.h.
#include "config/syntax_p.h"

#include <QtEndian>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <locale.h>

namespace chainscope::config::detail {

SharedStrings::SharedStrings()
{
    thread_local std::unique_ptr<Slot[]> table; // per thread, so parsers may run on several threads
    if (!table)
        table = std::make_unique<Slot[]>(kSlots);
    m_table = table.get();
}

namespace {

// QString::fromUtf8, with a cheaper path for the common all-ASCII string: ASCII is Latin-1 too, and
// widening Latin-1 skips the UTF-8 decoder's per-call setup.
QString fromUtf8(QByteArrayView utf8)
{
    const char *p = utf8.data();
    const char *const end = p + utf8.size();
    quint64 high = 0;
    for (; end - p >= 8; p += 8)
        high |= qFromLittleEndian<quint64>(p);
    for (; p < end; ++p)
        high |= uchar(*p);
    if (utf8.isEmpty() || (high & 0x8080808080808080ull) != 0)
        return QString::fromUtf8(utf8); // (null or empty as fromUtf8 makes them)
    return QString::fromLatin1(utf8);
}

} // namespace

QString SharedStrings::decode(Slot *slot, QByteArrayView utf8, quint64 head, quint64 tail) const
{
    if (!slot)
        return fromUtf8(utf8);
    const qsizetype n = utf8.size();
    slot->text = fromUtf8(utf8);
    slot->size = quint8(n);
    slot->head = head;
    slot->tail = tail;
    std::memcpy(slot->bytes, utf8.data(), size_t(n));
    return slot->text;
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
