// The fast HCL reader: the HCL1 subset operators and emitHcl write (`key = value` items, `key { }` and
// `key "name" { }` blocks, objects, lists, strings with the common escapes, decimal integers and plain
// decimal floats, booleans, the three kinds of comment, optional commas), read in one pass over the bytes
// straight into config::Values. It gives exactly what the faithful parser (hclparser.cpp) gives: the
// decoder's shapes (object values wrapped in one-element lists, repeated list keys appended, multi-key
// blocks gathered under their first key) and the same spans. Anything else (heredocs, interpolation,
// octal, hex and exponent numbers, other escapes, identifiers beyond ASCII, any syntax error, the
// reshapings that hcl turns into errors or odd shapes, the limits) makes it decline, and parseHcl reads
// the text with the faithful parser.

#include "config/hclparser_p.h"
#include "config/syntax_p.h"

#include <QVarLengthArray>
#include <QtEndian>

#include <array>
#include <charconv>
#include <cstring>

namespace chainscope::config::detail {

namespace {

/** Thrown when the text leaves the subset; caught once per text. */
struct Declined {
};

enum class Space : quint8 { Token, Blank, LineFeed, Comment };

// What skipSpace does at each byte: stop at a token, step over a blank, count a line, skip a comment.
constexpr auto kSpaceClass = [] {
    std::array<Space, 256> table{};
    table.fill(Space::Token);
    table[' '] = table['\t'] = table['\r'] = Space::Blank;
    table['\n'] = Space::LineFeed;
    table['#'] = table['/'] = Space::Comment;
    return table;
}();

class FastHclReader
{
public:
    FastHclReader(QByteArrayView text, const QString &file, const ReadLimits &limits)
        : m_begin(text.data())
        , m_end(text.data() + text.size())
        , m_p(text.data())
        , m_lineStart(text.data())
        , m_file(file)
        , m_maxDepth(limits.maxDepth)
        , m_maxNodes(limits.maxNodes)
    {
    }

    /** The file's root object; throws Declined. */
    Value read()
    {
        readItems(false);
        QList<Value::Member> members = closeObject(0);
        return Value::map(std::move(members), SourceSpan{m_file, SourcePos{1, 1, 0}, here()});
    }

private:
    struct Key {
        QString text;
        SourceSpan span;
    };

    [[noreturn]] static void decline() { throw Declined{}; }

    /** The position of m_p; tokens never span lines here, so a token's end is on its start's line. */
    [[nodiscard]] SourcePos here() const { return SourcePos{m_line, int(m_p - m_lineStart + 1), m_p - m_begin}; }
    [[nodiscard]] SourceSpan spanTo(const SourcePos &from) const { return SourceSpan{m_file, from, here()}; }

    void countNode()
    {
        if (++m_nodes > m_maxNodes)
            decline();
    }

    /** Into an object or list: the faithful parser's depth guard and node count. */
    void enter()
    {
        if (++m_depth > m_maxDepth)
            decline();
        countNode();
    }

    /** Skips white space and comments; m_p is then at a token or the end. */
    void skipSpace()
    {
        const char *p = m_p; // a local: stores through char pointers would make the compiler reload a member
        for (; p != m_end; ++p) {
            switch (kSpaceClass[uchar(*p)]) {
            case Space::Token:
                m_p = p;
                return;
            case Space::Blank:
                continue;
            case Space::LineFeed:
                ++m_line;
                m_lineStart = p + 1;
                // Indentation: runs of spaces eight at a time (the lowest non-zero byte of w ^ spaces is
                // the first other byte); the loop's ++p steps onto the last space.
                for (constexpr quint64 spaces = 0x2020202020202020ull; m_end - p > 8;) {
                    const quint64 other = qFromLittleEndian<quint64>(p + 1) ^ spaces;
                    if (other) {
                        p += qCountTrailingZeroBits(other) / 8;
                        break;
                    }
                    p += 8;
                }
                continue;
            case Space::Comment:
                m_p = p;
                skipComment();
                p = m_p - 1;
                continue;
            }
        }
        m_p = p;
    }

    Q_NEVER_INLINE void skipComment()
    {
        if (*m_p == '#' || (m_end - m_p > 1 && m_p[1] == '/')) {
            const void *lf = std::memchr(m_p, '\n', size_t(m_end - m_p));
            m_p = lf ? static_cast<const char *>(lf) : m_end;
            return;
        }
        skipBlockComment();
    }

    Q_NEVER_INLINE void skipBlockComment()
    {
        if (m_end - m_p < 2 || m_p[1] != '*')
            decline(); // a lone '/'
        const qsizetype close = QByteArrayView(m_p + 2, m_end).indexOf(QByteArrayView("*/"));
        if (close < 0)
            decline();
        const char *const after = m_p + 2 + close + 2;
        for (const char *p = m_p; (p = static_cast<const char *>(std::memchr(p, '\n', size_t(after - p)))); ++p) {
            ++m_line;
            m_lineStart = p + 1;
        }
        m_p = after;
    }

    /** At an identifier's first byte: its end. Declines where hcl's scanner would go on with a letter or
     *  digit beyond ASCII. */
    [[nodiscard]] const char *identEnd() const
    {
        const char *p = m_p + 1;
        while (p != m_end && kIdentTail[uchar(*p)])
            ++p;
        if (p != m_end && uchar(*p) >= 0x80)
            decline();
        return p;
    }

    /** An item's key, an identifier or a string (not "true" or "false": those are BOOL tokens); m_p
     *  moves past it. */
    QString readKey()
    {
        const char c = *m_p;
        if (kIdentStart[uchar(c)]) {
            const char *const end = identEnd();
            const QByteArrayView word(m_p, end - m_p);
            if (isBoolWord(word))
                decline();
            m_p = end;
            return m_strings(word, m_end);
        }
        if (c != '"')
            decline();
        return readString();
    }

    /** A further key of a multi-key block. */
    Key readSpannedKey()
    {
        const SourcePos from = here();
        QString text = readKey();
        return Key{std::move(text), spanTo(from)};
    }

    /** At '"': the string's value, m_p past its closing quote. */
    QString readString()
    {
        const char *const first = m_p + 1;
        // Most strings hold no escape: one slice of the text (skipPlainWords stops at '$', '\\', '"'
        // and control characters, the loop decides).
        for (const char *p = skipPlainWords<true, false>(first, m_end); p != m_end; ++p) {
            const char c = *p;
            if (c == '"') {
                m_p = p + 1;
                return m_strings(QByteArrayView(first, p - first), m_end);
            }
            if (c == '\\' || c == '\n' || c == '\r' || c == '$')
                break;
        }
        return readEscapedString(first);
    }

    /** readString's rest: escapes (the one-letter ones, \" \\ and \uXXXX), a lone '$'. Interpolation,
     *  line breaks and other escapes decline. */
    Q_NEVER_INLINE QString readEscapedString(const char *p)
    {
        QByteArray out;
        for (;;) {
            if (p == m_end)
                decline();
            const char c = *p;
            if (c == '"')
                break;
            if (c == '\n' || c == '\r' || (c == '$' && p + 1 != m_end && p[1] == '{'))
                decline();
            ++p;
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (p == m_end)
                decline();
            const char e = *p++;
            if (const char control = controlEscape(e)) {
                out.append(control);
            } else if (e == '"' || e == '\\') {
                out.append(e);
            } else if (e == 'u' && m_end - p >= 4) {
                quint32 cp = 0;
                const auto [stop, error] = std::from_chars(p, p + 4, cp, 16);
                if (error != std::errc() || stop != p + 4 || (cp >= 0xD800 && cp <= 0xDFFF))
                    decline();
                appendUtf8(out, char32_t(cp));
                p += 4;
            } else {
                decline();
            }
        }
        m_p = p + 1;
        return QString::fromUtf8(out);
    }

    /** At '-' or a digit: a decimal integer that fits in 18 digits, or a float written d.d (no
     *  exponent). Octal, hex, exponents and "1." decline. */
    Value readNumber(const SourcePos &from)
    {
        const char *p = m_p;
        if (*p == '-')
            ++p;
        const char *const digits = p;
        while (p != m_end && isDecimal(*p))
            ++p;
        const qsizetype count = p - digits;
        if (count == 0 || (count > 1 && *digits == '0'))
            decline();
        bool isFloat = false;
        if (p != m_end && *p == '.') {
            const char *const fraction = ++p;
            while (p != m_end && isDecimal(*p))
                ++p;
            if (p == fraction)
                decline();
            isFloat = true;
        }
        if (p != m_end && (*p == 'e' || *p == 'E' || *p == 'x' || *p == 'X'))
            decline();
        const char *const first = m_p;
        m_p = p;
        if (isFloat) {
            double d = 0;
            const auto [stop, error] = std::from_chars(first, p, d);
            if (error != std::errc() || stop != p)
                decline();
            return Value::floating(d, spanTo(from));
        }
        if (count > 18)
            decline();
        qint64 v = 0;
        for (const char *d = digits; d != p; ++d)
            v = v * 10 + (*d - '0');
        return Value::integer(*first == '-' ? -v : v, spanTo(from));
    }

    /** A string, number or boolean. */
    Value readLiteral()
    {
        countNode();
        const SourcePos from = here();
        const char c = *m_p;
        if (c == '"') {
            QString s = readString();
            return Value::string(std::move(s), spanTo(from), true);
        }
        if (c == '-' || isDecimal(c))
            return readNumber(from);
        if (c == 't' || c == 'f') {
            const char *const end = identEnd();
            const QByteArrayView word(m_p, end - m_p);
            if (!isBoolWord(word))
                decline();
            m_p = end;
            return Value::boolean(word.size() == 4, spanTo(from));
        }
        decline();
    }

    /** The value after '='. */
    Value readValue()
    {
        skipSpace();
        if (m_p == m_end)
            decline();
        if (*m_p == '{')
            return wrapInList(readObject());
        if (*m_p == '[')
            return readList();
        return readLiteral();
    }

    /** At '{': the object as a plain map. */
    Value readObject()
    {
        enter();
        const SourcePos from = here();
        const qsizetype base = m_members.size();
        ++m_p;
        readItems(true);
        ++m_p; // '}'
        --m_depth;
        QList<Value::Member> members = closeObject(base);
        return Value::map(std::move(members), spanTo(from));
    }

    /** At '['. Elements are separated by single commas; one trailing comma may follow the last. */
    Value readList()
    {
        enter();
        const SourcePos from = here();
        const qsizetype base = m_elements.size();
        ++m_p;
        for (;;) {
            skipSpace();
            if (m_p == m_end)
                decline();
            if (*m_p == ']')
                break;
            m_elements.push_back(*m_p == '{' ? readObject() : *m_p == '[' ? readList() : readLiteral());
            skipSpace();
            if (m_p == m_end)
                decline();
            if (*m_p == ']')
                break;
            if (*m_p != ',')
                decline();
            ++m_p;
        }
        ++m_p; // ']'
        --m_depth;
        QList<Value> items = m_elements.takeTail(base);
        return Value::list(std::move(items), spanTo(from));
    }

    /** The items of an object (nested: up to its '}', which m_p is then at) or of the file. */
    void readItems(bool nested)
    {
        skipSpace();
        for (;;) {
            if (m_p == m_end) {
                if (nested)
                    decline();
                return;
            }
            if (*m_p == '}') {
                if (!nested)
                    decline();
                return;
            }
            // The member's parts are read in order (a braced list's order) straight into it.
            const SourcePos from = here();
            m_members.push_back(Value::Member{readKey(), spanTo(from), readItemValue()});
            skipSpace();
            if (m_p != m_end && *m_p == ',') {
                ++m_p;
                skipSpace();
            }
        }
    }

    /** What follows an item's first key: "= value", a block, or further keys and a block. */
    Value readItemValue()
    {
        countNode();
        if (m_end - m_p > 3 && std::memcmp(m_p, " = ", 3) == 0 && m_p[3] != ' ') {
            m_p += 3; // the usual spelling: no white space to look at
            return readValue();
        }
        skipSpace();
        if (m_p == m_end)
            decline();
        if (*m_p == '=') {
            ++m_p;
            return readValue();
        }
        if (*m_p == '{')
            return wrapInList(readObject());
        return readKeyedBlock();
    }

    /** `k0 k1 .. kn { }` after k0: the block under its further keys as hcl gathers it under k0,
     *  {k1: [{k2: .. [{ }]}]}, each map and inner list spanning from its key to the block's end. A map
     *  is a member value no other item gives, so closeObject knows these items by it. */
    Q_NEVER_INLINE Value readKeyedBlock()
    {
        QVarLengthArray<Key, 4> keys;
        while (*m_p != '{') {
            keys.append(readSpannedKey());
            skipSpace();
            if (m_p == m_end)
                decline();
        }
        Value value = wrapInList(readObject());
        const SourcePos end = value.span().end;
        for (qsizetype k = keys.size() - 1;; --k) {
            const SourcePos from = keys[k].span.begin;
            QList<Value::Member> member;
            member.reserve(1);
            member.append(Value::Member{std::move(keys[k].text), std::move(keys[k].span), std::move(value)});
            Value map = Value::map(std::move(member), SourceSpan{m_file, from, end});
            if (k == 0)
                return map;
            value = listOfOne(std::move(map), SourceSpan{m_file, keys[k - 1].span.begin, end});
        }
    }

    /** The members of the object whose items are m_members[base..], taken off the stack (decoder.go
     *  decodeMap): mostly the items as they are. */
    QList<Value::Member> closeObject(qsizetype base)
    {
        const qsizetype end = m_members.size();
        for (qsizetype i = base; i < end; ++i) {
            const Value &v = m_members[i].value;
            if (v.isMap())
                return reshape(base);
            if (v.isList()) {
                for (qsizetype j = base; j < i; ++j) {
                    if (m_members[j].key == m_members[i].key)
                        return reshape(base);
                }
            }
        }
        return m_members.takeTail(base);
    }

    /** closeObject when a list key repeats (its items append to the earlier list) or multi-key blocks
     *  gather under their first key. Declines where hcl reports "map must have string keys" (a
     *  single-key item beside multi-key ones with the same first key) and where first keys differ only
     *  in case (hcl then gathers the same blocks under each spelling). */
    Q_NEVER_INLINE QList<Value::Member> reshape(qsizetype base)
    {
        const qsizetype end = m_members.size();
        for (qsizetype i = base; i < end; ++i) {
            if (!m_members[i].value.isMap())
                continue;
            for (qsizetype j = base; j < end; ++j) {
                const Value::Member &other = m_members[j];
                if (other.key.compare(m_members[i].key, Qt::CaseInsensitive) == 0 && (!other.value.isMap() || other.key != m_members[i].key))
                    decline();
            }
        }
        QList<Value::Member> members;
        members.reserve(end - base);
        QVarLengthArray<QString, 4> gathered;
        for (qsizetype i = base; i < end; ++i) {
            Value::Member &item = m_members[i];
            if (!item.value.isMap()) {
                if (!item.value.isList() || !appendToEarlier(members, item.key, item.value))
                    members.append(std::move(item));
                continue;
            }
            if (gathered.contains(item.key))
                continue;
            gathered.append(item.key);
            QList<Value> maps;
            SourcePos last = item.value.span().end;
            for (qsizetype j = base; j < end; ++j) {
                Value::Member &other = m_members[j];
                if (!other.value.isMap() || other.key != item.key)
                    continue;
                if (other.value.span().end.offset > last.offset)
                    last = other.value.span().end;
                maps.append(std::move(other.value)); // a moved map stays a map: the later items are skipped
            }
            members.append(Value::Member{item.key, item.keySpan, Value::list(std::move(maps), SourceSpan{m_file, item.keySpan.begin, last})});
        }
        m_members.truncate(base);
        return members;
    }

    const char *const m_begin;
    const char *const m_end;
    const char *m_p;
    const char *m_lineStart; ///< start of m_p's line
    int m_line = 1;
    const QString &m_file;
    const int m_maxDepth;
    const qint64 m_maxNodes;
    int m_depth = 0;
    qint64 m_nodes = 0;
    ChildStack<Value::Member> m_members; ///< items of the objects being read, innermost last
    ChildStack<Value> m_elements;        ///< elements of the lists being read
    const SharedStrings m_strings;
};

} // namespace

std::optional<Value> parseHclFast(QByteArrayView text, const QString &file, const ReadLimits &limits)
{
    try {
        FastHclReader reader(text, file, limits);
        return reader.read();
    } catch (const Declined &) {
        return std::nullopt;
    }
}

} // namespace chainscope::config::detail
