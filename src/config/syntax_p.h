// Private helpers shared by the three readers: byte offsets to line/column, UTF-8 decoding, diagnostics.
#pragma once

#include "common/diagnostic.h"
#include "config/reader.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <iterator>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace chainscope::config::detail {

/** Maps byte offsets of one text to 1-based line/column positions (column = UTF-8 bytes + 1). */
class LineIndex
{
public:
    explicit LineIndex(QByteArrayView text)
        : m_text(text)
    {
        m_starts.reserve(1 + text.size() / 32); // config text: a line every 20 to 40 bytes
        m_starts.append(0);
        const char *const begin = text.data();
        const char *const end = begin + text.size();
        for (const char *p = begin; p < end;) {
            p = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            if (!p)
                break;
            ++p;
            m_starts.append(p - begin);
        }
    }

    [[nodiscard]] SourcePos pos(qint64 offset) const
    {
        offset = std::clamp<qint64>(offset, 0, m_text.size());
        // Parsers ask in text order: the line of the previous answer, or the next one, usually holds it.
        qsizetype line = m_lastLine; // 0-based
        const auto holds = [this](qsizetype l, qint64 o) { return m_starts[l] <= o && (l + 1 == m_starts.size() || o < m_starts[l + 1]); };
        if (!holds(line, offset)) {
            if (line + 1 < m_starts.size() && holds(line + 1, offset))
                ++line;
            else
                line = qsizetype(std::upper_bound(m_starts.cbegin(), m_starts.cend(), offset) - m_starts.cbegin()) - 1;
            m_lastLine = line;
        }
        return SourcePos{int(line + 1), int(offset - m_starts[line] + 1), offset};
    }

    /** Column as Go counts it (runes, 1-based), for messages that quote Go's "line:col". */
    [[nodiscard]] int runeColumn(qint64 offset) const
    {
        const SourcePos p = pos(offset);
        const qint64 start = offset - (p.column - 1);
        int column = 1;
        for (qint64 i = start; i < p.offset; ++i) {
            if ((uchar(m_text[i]) & 0xC0) != 0x80)
                ++column;
        }
        return column;
    }

    [[nodiscard]] QByteArrayView text() const { return m_text; }

private:
    QByteArrayView m_text;
    QList<qint64> m_starts;
    mutable qsizetype m_lastLine = 0; ///< a hint only: one index belongs to one parse on one thread
};

/**
 * The children of the containers a parser is building, on one stack (nested containers' children above
 * their parents'). When a container closes, takeTail() gives it its children in one exact allocation,
 * instead of a QList growing element by element, which allocates and moves several times.
 *
 * T must be relocatable (Q_RELOCATABLE_TYPE): elements move between the stack and the lists by memcpy,
 * and a moved element is not destroyed where it was. Values and map members are mostly moved, rarely
 * dropped, so this saves a move constructor and a destructor per element.
 */
template<class T, qsizetype Inline = 16>
class ChildStack
{
    static_assert(QTypeInfo<T>::isRelocatable, "ChildStack moves its elements with memcpy");

public:
    ChildStack() = default;
    ~ChildStack()
    {
        std::destroy_n(m_data, m_size);
        if (m_data != inlineData())
            std::free(m_data);
    }
    ChildStack(const ChildStack &) = delete;
    ChildStack &operator=(const ChildStack &) = delete;

    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] T &operator[](qsizetype i) { return m_data[i]; }
    [[nodiscard]] const T &operator[](qsizetype i) const { return m_data[i]; }
    [[nodiscard]] T &back() { return m_data[m_size - 1]; }

    void push_back(T &&v)
    {
        if (m_size == m_capacity)
            grow();
        new (m_data + m_size) T(std::move(v));
        ++m_size;
    }
    /** Moves *v onto the stack by memcpy. *v is left raw: it must not be used or destroyed afterwards
     *  (build it in a detail::Raw<T>). Saves the move constructor and the destructor of the source. */
    void relocate_back(T *v)
    {
        if (m_size == m_capacity)
            grow();
        std::memcpy(static_cast<void *>(m_data + m_size), static_cast<const void *>(v), sizeof(T));
        ++m_size;
    }
    /** Room for one more element on top, not counted yet: build the element there, then commit_back().
     *  Nothing may be pushed in between (the stack moves when it grows). */
    [[nodiscard]] void *reserve_back()
    {
        if (m_size == m_capacity)
            grow();
        return m_data + m_size;
    }
    void commit_back() { ++m_size; }
    void pop_back() { m_data[--m_size].~T(); }
    /** Destroys the elements from `size` on. */
    void truncate(qsizetype size)
    {
        if (size >= m_size)
            return;
        std::destroy(m_data + size, m_data + m_size);
        m_size = size;
    }

    /** Moves stack[base..] into a QList of exactly that size; the stack keeps stack[..base). */
    [[nodiscard]] QList<T> takeTail(qsizetype base)
    {
        const qsizetype n = m_size - base;
        if (n <= 0)
            return {};
        auto [header, data] = QTypedArrayData<T>::allocate(n);
        Q_CHECK_PTR(data);
        std::memcpy(static_cast<void *>(data), static_cast<const void *>(m_data + base), size_t(n) * sizeof(T));
        m_size = base;
        return QList<T>(QArrayDataPointer<T>(header, data, n));
    }

private:
    // The first Inline elements live in the object (a parser's stacks rarely hold more), the rest on the heap.
    T *inlineData() { return reinterpret_cast<T *>(m_inline); }

    Q_NEVER_INLINE void grow()
    {
        const qsizetype capacity = m_capacity * 2;
        auto *bigger = static_cast<T *>(std::malloc(size_t(capacity) * sizeof(T)));
        Q_CHECK_PTR(bigger);
        std::memcpy(static_cast<void *>(bigger), static_cast<const void *>(m_data), size_t(m_size) * sizeof(T));
        if (m_data != inlineData())
            std::free(m_data);
        m_data = bigger;
        m_capacity = capacity;
    }

    alignas(T) std::byte m_inline[Inline * sizeof(T)];
    T *m_data = inlineData();
    qsizetype m_size = 0;
    qsizetype m_capacity = Inline;
};

/** Storage for one T that is built in place and then either relocated (ChildStack::relocate_back) or
 *  destroyed by hand: no destructor runs when it goes out of scope. */
template<class T>
class Raw
{
public:
    Raw() = default;
    Raw(const Raw &) = delete;
    Raw &operator=(const Raw &) = delete;
    [[nodiscard]] void *storage() { return m_bytes; }

private:
    alignas(T) std::byte m_bytes[sizeof(T)];
};

/** Steps over [p, end) sixteen (SSE2) or eight bytes at a time while a whole block holds none of the
 *  bytes a string scanner must look at: '"', '\\', control characters, and '$' (StopAtDollar, HCL
 *  interpolation) or bytes of 0x80 and above (StopAtNonAscii, UTF-8 to validate). Returns the first such
 *  byte, or where fewer than eight bytes remain: the caller's byte loop goes on from there. (In the
 *  eight-byte loop the subtractions can flag bytes above a true hit, never below one, so the lowest
 *  flagged byte is a true hit.) */
template<bool StopAtDollar, bool StopAtNonAscii>
[[nodiscard]] inline const char *skipPlainWords(const char *p, const char *end)
{
#ifdef __SSE2__
    // Sixteen bytes at a time first: one compare per kind of byte, exact (no false hits).
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        if constexpr (StopAtNonAscii) // signed: bytes of 0x80 and above are negative, below 0x20 too
            hits = _mm_or_si128(hits, _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
        else // unsigned v <= 0x1F
            hits = _mm_or_si128(hits, _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F)));
        if constexpr (StopAtDollar)
            hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8('$')));
        if (const int mask = _mm_movemask_epi8(hits))
            return p + qCountTrailingZeroBits(uint(mask));
        p += 16;
    }
#endif
    constexpr quint64 ones = 0x0101010101010101ull;
    constexpr quint64 highs = 0x8080808080808080ull;
    const auto has = [](quint64 w, char c) {
        const quint64 x = w ^ (ones * uchar(c));
        return (x - ones) & ~x;
    };
    while (end - p >= 8) {
        const auto w = qFromLittleEndian<quint64>(p); // byte i at bits 8i
        quint64 hits = has(w, '"') | has(w, '\\') | ((w - ones * 0x20) & ~w);
        if constexpr (StopAtDollar)
            hits |= has(w, '$');
        if constexpr (StopAtNonAscii)
            hits |= w;
        hits &= highs;
        if (hits)
            return p + qCountTrailingZeroBits(hits) / 8;
        p += 8;
    }
    return p;
}

/** Decodes one UTF-8 sequence at text[i]. Returns its length (1-4) and stores the code point, or 0 when
 *  the bytes there are not valid UTF-8 (overlong forms, surrogates and values above U+10FFFF included). */
[[nodiscard]] inline int decodeUtf8(QByteArrayView text, qsizetype i, char32_t *cp)
{
    const auto n = text.size();
    const auto b0 = uchar(text[i]);
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    int len = 0;
    char32_t value = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        value = b0 & 0x1F;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        value = b0 & 0x0F;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        value = b0 & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > n)
        return 0;
    for (int k = 1; k < len; ++k) {
        const auto b = uchar(text[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (b & 0x3F);
    }
    if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    *cp = value;
    return len;
}

/** Offset of the first invalid UTF-8 byte, or -1. */
[[nodiscard]] inline qsizetype firstInvalidUtf8(QByteArrayView text)
{
    char32_t cp = 0;
    for (qsizetype i = 0; i < text.size();) {
        if (i + 8 <= text.size()) { // eight ASCII bytes at a time
            quint64 word = 0;
            std::memcpy(&word, text.data() + i, sizeof word);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        if (uchar(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const int len = decodeUtf8(text, i, &cp);
        if (len == 0)
            return i;
        i += len;
    }
    return -1;
}

/** The control character of a one-letter C escape (\a \b \f \n \r \t \v), or 0 for any other letter.
 *  Go strings (filter expressions) and YAML double-quoted scalars share these seven; each adds its own. */
constexpr char controlEscape(char e)
{
    switch (e) {
    case 'a': return '\a';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    case 'v': return '\v';
    default: return 0;
    }
}

inline void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

/** QString::fromUtf8 for the short strings config files repeat endlessly (keys such as "Name" or
 *  "Datacenters", values such as "http" or "v1"): each is decoded once per thread and then shared, so a
 *  parser does not allocate and convert it again for every entry. The cache is a fixed-size,
 *  direct-mapped table (a collision replaces the older string), so it never grows and is never slower
 *  than a hash plus a short compare. Longer strings are decoded as usual.
 *
 *  A parser keeps one SharedStrings for its whole run: it finds this thread's table once instead of for
 *  every string. */
class SharedStrings
{
public:
    SharedStrings();
    [[nodiscard]] Q_ALWAYS_INLINE QString operator()(QByteArrayView utf8) const { return lookup(utf8, false); }
    /** The same, for a string inside a text that may be read up to readableEnd (a parser's whole text):
     *  a string shorter than eight bytes is then loaded with one eight-byte read. */
    [[nodiscard]] Q_ALWAYS_INLINE QString operator()(QByteArrayView utf8, const char *readableEnd) const
    {
        return lookup(utf8, readableEnd - utf8.data() >= 8);
    }

private:
    static constexpr qsizetype kMaxBytes = 40;
    static constexpr int kSlotBits = 11;
    static constexpr quint32 kSlots = 1u << kSlotBits;

    struct Slot {
        // A string of up to 16 bytes is all in head and tail (they overlap below 16); a longer one also
        // compares the bytes between them.
        quint64 head = 0;
        quint64 tail = 0;
        quint8 size = 0;
        char bytes[kMaxBytes];
        QString text; ///< null while the slot is empty (size 0)
    };

    // Bytes p[0..n) (1 <= n <= 8) as a little-endian word, byte i at bits 8i, with fixed-size loads only.
    static quint64 loadWord(const char *p, qsizetype n)
    {
        if (n >= 4) {
            const auto low = qFromLittleEndian<quint32>(p);
            const auto high = qFromLittleEndian<quint32>(p + n - 4); // overlaps low below n = 8; the shared bytes agree
            return quint64(low) | (quint64(high) << (8 * (n - 4)));
        }
        return quint64(uchar(p[0])) | (quint64(uchar(p[n / 2])) << (8 * (n / 2))) | (quint64(uchar(p[n - 1])) << (8 * (n - 1)));
    }

    [[nodiscard]] QString lookup(QByteArrayView utf8, bool eightReadable) const;

    /** A miss (or a string too long or empty to share): decodes utf8, and keeps it in slot if given. */
    Q_NEVER_INLINE QString decode(Slot *slot, QByteArrayView utf8, quint64 head, quint64 tail) const;

    Slot *m_table;
};

// The lookup is inline: parsers call it for every key and most short values, and a hit is a few loads and
// compares.
Q_ALWAYS_INLINE QString SharedStrings::lookup(QByteArrayView utf8, bool eightReadable) const
{
    const qsizetype n = utf8.size();
    if (size_t(n - 1) >= size_t(kMaxBytes)) // empty, or longer than a slot holds
        return decode(nullptr, utf8, 0, 0);
    // The slot comes from the length and the first and last eight bytes (where keys and names differ);
    // strings that differ only in the middle share a slot and take turns, which costs a decode, never a
    // wrong answer.
    const char *const p = utf8.data();
    quint64 head;
    quint64 tail;
    if (n >= 8) {
        head = qFromLittleEndian<quint64>(p);
        tail = qFromLittleEndian<quint64>(p + n - 8);
    } else if (eightReadable) { // the word loadWord() makes: the bytes past the string masked off
        head = qFromLittleEndian<quint64>(p) & (~quint64(0) >> (64 - 8 * n));
        tail = head;
    } else {
        head = loadWord(p, n);
        tail = head;
    }
    const quint64 mixed = (head ^ std::rotl(tail, 29) ^ quint64(n)) * 0x9E3779B97F4A7C15ull;
    Slot &slot = m_table[mixed >> (64 - kSlotBits)]; // the product's high bits mix all of its input

    // (An empty slot has size 0, and n is at least 1.)
    if (slot.size == n && slot.head == head && slot.tail == tail && (n <= 16 || std::memcmp(slot.bytes + 8, p + 8, size_t(n - 16)) == 0))
        return slot.text;
    return decode(&slot, utf8, head, tail);
}

/** SharedStrings()(utf8), for callers that look up a few strings only. */
[[nodiscard]] QString sharedString(QByteArrayView utf8);

/** std::strtod of a NUL-terminated number in the "C" locale, whatever the process's LC_NUMERIC says:
 *  Qt applications take their locale from the environment, and under de_DE plain strtod reads "50.5" as 50
 *  (stopping at the '.'). Sets errno like strtod (ERANGE). */
[[nodiscard]] double strtodC(const char *text, char **end);

[[nodiscard]] inline Diagnostic makeError(QLatin1StringView code, QString message, SourceSpan where)
{
    Diagnostic d;
    d.severity = Severity::Error;
    d.code = QString(code);
    d.message = std::move(message);
    d.where = std::move(where);
    return d;
}

[[nodiscard]] inline QString depthMessage(int maxDepth)
{
    return QStringLiteral("nesting is deeper than the limit of %1 levels").arg(maxDepth);
}

[[nodiscard]] inline QString nodesMessage(qint64 maxNodes)
{
    return QStringLiteral("more than %1 values in one file").arg(maxNodes);
}

} // namespace chainscope::config::detail
