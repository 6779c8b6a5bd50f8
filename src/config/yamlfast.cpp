// The fast YAML reader: the block-style subset operators' Kubernetes manifests use (block mappings and
// sequences, "- key: v" compact nesting, sequences at their parent key's indent, one-line plain and quoted
// scalars, comments, one-line flow sequences of scalars and empty flow maps), read in one pass straight
// into config::Values. It gives exactly what the yaml-cpp path gives, including its marks: a value's span
// starts where yaml-cpp's event mark is, a scalar's ends after its text, a collection's ends where its last
// value ends, and an empty value is a zero-length null at the next token. Anything else (anchors, tags,
// block scalars, multi-line scalars, tabs, odd line breaks, anything invalid) makes it decline, and
// parseYaml reads that chunk with yaml-cpp.

#include "config/yamlparser_p.h"

#include <charconv>

namespace chainscope::config::detail {

namespace {

/** Thrown when the text leaves the subset; caught once per chunk. */
struct Declined {
};

class FastYamlReader
{
public:
    FastYamlReader(QByteArrayView text, const YamlChunk &chunk, const QString &file, const ReadLimits &limits)
        : m_text(text.data())
        , m_end(chunk.end)
        , m_file(file)
        , m_maxDepth(limits.maxDepth)
        , m_lineStart(chunk.begin)
        , m_line(chunk.firstLine + 1)
    {
        m_cur = chunk.begin;
    }

    /** The chunk's document, if it has one; throws Declined. */
    std::optional<YamlDocument> read()
    {
        checkCharacters();
        skipToContent();
        if (m_cur < m_end && m_col == 0 && isMarkerLine("---")) {
            m_markerSeen = true;
            finishLine(m_cur + 3);
        }
        if (m_cur == m_end)
            return std::nullopt; // no document, or an empty one: yaml-cpp gives none either
        YamlDocument doc;
        if (isSeqEntry(m_cur))
            doc.root = readSequence(0);
        else if (std::optional<Key> key = keyAt(m_cur))
            doc.root = readMap(0, std::move(*key));
        else
            decline(); // a scalar or flow document
        if (m_cur != m_end)
            decline();
        doc.size = m_size;
        return doc;
    }

private:
    struct Key {
        QString text;
        SourceSpan span;
        qsizetype valueFrom = 0; ///< just after the ':'
    };

    [[noreturn]] static void decline() { throw Declined{}; }

    [[nodiscard]] char at(qsizetype i) const { return i < m_end ? m_text[i] : '\n'; }
    [[nodiscard]] bool isBlankOrEnd(qsizetype i) const { return i >= m_end || m_text[i] == ' ' || m_text[i] == '\n'; }
    [[nodiscard]] SourcePos posAt(qsizetype offset) const { return SourcePos{m_line, int(offset - m_lineStart + 1), offset}; }
    [[nodiscard]] SourceSpan spanOn(qsizetype begin, qsizetype end) const { return SourceSpan{m_file, posAt(begin), posAt(end)}; }

    /** Refuses characters whose YAML meaning this reader does not model: tabs, CR, other C0 controls and
     *  DEL, the BOM, NEL and the Unicode line and paragraph separators. */
    void checkCharacters() const
    {
        for (qsizetype i = m_cur; i < m_end; ++i) {
            const auto c = uchar(m_text[i]);
            if (c < 0x80) {
                if ((c < 0x20 && c != '\n') || c == 0x7F)
                    decline();
                continue;
            }
            const auto next = i + 1 < m_end ? uchar(m_text[i + 1]) : 0;
            const auto third = i + 2 < m_end ? uchar(m_text[i + 2]) : 0;
            if ((c == 0xC2 && next == 0x85) || (c == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9)) || (c == 0xEF && next == 0xBB && third == 0xBF))
                decline();
        }
    }

    /** Whether the line at m_cur (column 0) is the marker followed by nothing but a comment. */
    [[nodiscard]] bool isMarkerLine(const char *marker) const
    {
        if (m_end - m_cur < 3 || m_text[m_cur] != marker[0] || m_text[m_cur + 1] != marker[1] || m_text[m_cur + 2] != marker[2])
            return false;
        if (!isBlankOrEnd(m_cur + 3))
            return false;
        return true;
    }

    /** From the start of a line: skips blank and comment lines; m_cur is then the first character of the
     *  next content line (m_col its column) or the chunk's end. Directives and "---"/"..." lines are left
     *  to yaml-cpp, except a document marker opening the chunk (read() handles it). */
    void skipToContent()
    {
        while (m_cur < m_end) {
            qsizetype i = m_cur;
            while (i < m_end && m_text[i] == ' ')
                ++i;
            if (i < m_end && m_text[i] != '\n' && m_text[i] != '#') {
                m_col = int(i - m_lineStart);
                m_cur = i;
                if (m_col == 0) {
                    const QByteArrayView head(m_text + i, std::min<qsizetype>(3, m_end - i));
                    const bool opening = m_size == 0 && !m_markerSeen && isMarkerLine("---");
                    if (head.startsWith('%') || ((head == "---" || head == "...") && !opening))
                        decline();
                }
                return;
            }
            while (i < m_end && m_text[i] != '\n')
                ++i;
            if (i == m_end)
                break;
            m_cur = i + 1;
            m_lineStart = m_cur;
            ++m_line;
        }
        m_cur = m_end;
        m_col = -1;
    }

    /** After a token that ends at i: the rest of its line must be spaces and perhaps a comment. Moves to
     *  the next content line. */
    void finishLine(qsizetype i)
    {
        const qsizetype from = i;
        while (i < m_end && m_text[i] == ' ')
            ++i;
        if (i < m_end && m_text[i] != '\n') {
            if (m_text[i] != '#' || i == from)
                decline();
            while (i < m_end && m_text[i] != '\n')
                ++i;
        }
        if (i == m_end) {
            m_cur = m_end;
            m_col = -1;
            return;
        }
        m_cur = i + 1;
        m_lineStart = m_cur;
        ++m_line;
        skipToContent();
    }

    [[nodiscard]] bool isSeqEntry(qsizetype i) const { return m_text[i] == '-' && isBlankOrEnd(i + 1); }

    /** Whether a plain scalar may start at i (block context); indicators other than "-x" are left to
     *  yaml-cpp. */
    [[nodiscard]] bool plainStart(qsizetype i) const
    {
        const char c = m_text[i];
        if (c == '-')
            return !isBlankOrEnd(i + 1);
        return !QByteArrayView("?:,[]{}#&*!|>'\"%@`").contains(c);
    }

    /** The end of a quoted scalar opened at i (just past its closing quote), on the same line. */
    [[nodiscard]] qsizetype quotedEnd(qsizetype i) const
    {
        const char quote = m_text[i];
        for (qsizetype j = i + 1; j < m_end && m_text[j] != '\n'; ++j) {
            if (quote == '"' && m_text[j] == '\\') {
                ++j;
                continue;
            }
            if (m_text[j] == quote) {
                if (quote == '\'' && j + 1 < m_end && m_text[j + 1] == '\'') {
                    ++j;
                    continue;
                }
                return j + 1;
            }
        }
        decline(); // unterminated on this line: multi-line or broken
    }

    static bool isAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

    /** The text of the quoted scalar [begin, end) with its escapes resolved. */
    [[nodiscard]] QString unquote(qsizetype begin, qsizetype end) const
    {
        const char quote = m_text[begin];
        const QByteArrayView body(m_text + begin + 1, end - begin - 2);
        if (!body.contains(quote == '"' ? '\\' : '\''))
            return sharedString(body);
        QByteArray out;
        out.reserve(body.size());
        for (qsizetype i = 0; i < body.size(); ++i) {
            const char c = body[i];
            if (quote == '\'') {
                out.append(c);
                if (c == '\'')
                    ++i; // '' is one quote
                continue;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            const char e = body[++i];
            if (const char control = controlEscape(e)) {
                out.append(control);
                continue;
            }
            int digits = 0;
            switch (e) {
            case '0': out.append('\0'); break;
            case 'e': out.append('\x1b'); break;
            case ' ': case '"': case '\'': case '\\': case '/': out.append(e); break;
            case 'x': digits = 2; break;
            case 'u': digits = 4; break;
            case 'U': digits = 8; break;
            default: decline(); // \N, \_, \L, \P and anything invalid
            }
            if (digits == 0)
                continue;
            if (i + digits >= body.size())
                decline();
            const char *first = body.data() + i + 1;
            const char *last = first + digits;
            quint32 cp = 0;
            const auto [stop, error] = std::from_chars(first, last, cp, 16);
            if (error != std::errc() || stop != last)
                decline();
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
                decline();
            appendUtf8(out, char32_t(cp));
            i += digits;
        }
        return QString::fromUtf8(out);
    }

    /** A mapping key at i ("key:", "'key' :", "\"key\":" followed by a space or the line's end). */
    [[nodiscard]] std::optional<Key> keyAt(qsizetype i) const
    {
        qsizetype textEnd = i;
        qsizetype colon = i;
        const char c = m_text[i];
        if (c == '"' || c == '\'') {
            textEnd = quotedEnd(i);
            colon = textEnd;
            while (colon < m_end && m_text[colon] == ' ')
                ++colon;
            if (colon >= m_end || m_text[colon] != ':' || !isBlankOrEnd(colon + 1))
                return std::nullopt;
            return Key{unquote(i, textEnd), spanOn(i, textEnd), colon + 1};
        }
        if (!plainStart(i))
            return std::nullopt;
        for (colon = i; colon < m_end && m_text[colon] != '\n'; ++colon) {
            if (m_text[colon] == ':' && isBlankOrEnd(colon + 1))
                break;
            if (m_text[colon] == '#' && m_text[colon - 1] == ' ')
                return std::nullopt;
        }
        if (colon >= m_end || m_text[colon] != ':')
            return std::nullopt;
        textEnd = colon;
        while (m_text[textEnd - 1] == ' ')
            --textEnd;
        if (textEnd - i > 1000)
            decline(); // yaml-cpp's simple keys are limited in length
        const QByteArrayView raw(m_text + i, textEnd - i);
        if (isYamlNullWord(raw))
            return Key{QString(), spanOn(i, i), colon + 1}; // yaml-cpp reports a null key
        return Key{sharedString(raw), spanOn(i, textEnd), colon + 1};
    }

    void count(int depth)
    {
        if (depth > m_maxDepth)
            decline();
        ++m_size;
    }

    static void extend(SourcePos &end, const Value &v)
    {
        if (v.span().end.offset > end.offset)
            end = v.span().end;
    }

    /** A block mapping whose first key (already read) is at m_cur (column m_col). Returns with m_cur at
     *  the next content line outside it. */
    Value readMap(int depth, Key first)
    {
        count(depth);
        const int column = m_col;
        const SourcePos begin = posAt(m_cur);
        SourcePos end = begin;
        QList<Value::Member> members;
        std::optional<Key> key = std::move(first);
        for (;;) {
            count(depth + 1);
            Value v = readValue(key->valueFrom, column, depth + 1, true);
            extend(end, v);
            members.append(Value::Member{std::move(key->text), std::move(key->span), std::move(v)});
            if (m_cur == m_end || m_col < column)
                break;
            if (m_col > column || !(key = keyAt(m_cur)))
                decline();
        }
        return Value::map(std::move(members), SourceSpan{m_file, begin, end});
    }

    /** A block sequence whose first "-" is at m_cur (column m_col). */
    Value readSequence(int depth)
    {
        count(depth);
        const int column = m_col;
        const SourcePos begin = posAt(m_cur);
        SourcePos end = begin;
        QList<Value> items;
        for (;;) {
            Value v = readValue(m_cur + 1, column, depth + 1, false);
            extend(end, v);
            items.append(std::move(v));
            if (m_cur == m_end || m_col < column)
                break;
            if (m_col > column)
                decline();
            if (!isSeqEntry(m_cur))
                break; // a sequence at its parent key's indent ends at the next key
        }
        return Value::list(std::move(items), SourceSpan{m_file, begin, end});
    }

    /** The value after a "key:" or "-" indicator that ends just before i, in a collection at column
     *  `column`. */
    Value readValue(qsizetype i, int column, int depth, bool inMap)
    {
        const qsizetype from = i;
        while (i < m_end && m_text[i] == ' ')
            ++i;
        if (i >= m_end || m_text[i] == '\n' || (m_text[i] == '#' && i > from)) {
            finishLine(from);
            if (m_cur < m_end && m_col > column)
                return readBlockNode(column, depth);
            if (inMap && m_cur < m_end && m_col == column && isSeqEntry(m_cur))
                return readSequence(depth); // k8s style: the list at its key's indent
            count(depth);
            const SourcePos here = m_cur < m_end ? posAt(m_cur) : endPos();
            return Value::null(SourceSpan{m_file, here, here});
        }
        if (!inMap) {
            // "- - x" and "- key: v" nest a collection on the entry's line.
            if (isSeqEntry(i)) {
                m_cur = i;
                m_col = int(i - m_lineStart);
                return readSequence(depth);
            }
            if (std::optional<Key> key = keyAt(i)) {
                m_cur = i;
                m_col = int(i - m_lineStart);
                return readMap(depth, std::move(*key));
            }
        }
        return readInline(i, column, depth);
    }

    /** A node starting a line of its own, indented deeper than its parent's column. */
    Value readBlockNode(int parentColumn, int depth)
    {
        if (isSeqEntry(m_cur))
            return readSequence(depth);
        if (std::optional<Key> key = keyAt(m_cur))
            return readMap(depth, std::move(*key));
        return readInline(m_cur, parentColumn, depth);
    }

    /** A scalar or flow collection at i that must end its line; the next content line must not be
     *  deeper than the parent's column (else yaml-cpp would continue the scalar or fail). */
    Value readInline(qsizetype i, int parentColumn, int depth)
    {
        qsizetype end = i;
        Value v = m_text[i] == '[' || m_text[i] == '{' ? readFlow(i, depth, end) : readScalar(i, depth, false, end);
        finishLine(end);
        if (m_cur < m_end && m_col > parentColumn)
            decline();
        return v;
    }

    /** A plain or quoted scalar at i; end is set past it. In flow context a plain scalar stops before
     *  ',', ']' and '}' and may only use a conservative set of characters. */
    Value readScalar(qsizetype i, int depth, bool flow, qsizetype &end)
    {
        count(depth);
        if (i >= m_end || m_text[i] == '\n')
            decline(); // "[" or "key: [" at the end of the text or line: nothing to read here
        const char c = m_text[i];
        if (c == '"' || c == '\'') {
            end = quotedEnd(i);
            return Value::string(unquote(i, end), spanOn(i, end), true);
        }
        if (!plainStart(i) || (flow && (c == '-' || c == '+') && !isAsciiAlnum(at(i + 1))))
            decline();
        qsizetype j = i;
        if (flow) {
            while (j < m_end) {
                const char d = m_text[j];
                const bool safe = isAsciiAlnum(d) || d == '-' || d == '_' || d == '.' || d == '/' || d == '+' || d == '~' || uchar(d) >= 0x80;
                if (!safe)
                    break;
                ++j;
            }
            end = j;
        } else {
            for (; j < m_end && m_text[j] != '\n'; ++j) {
                if (m_text[j] == ':' && isBlankOrEnd(j + 1))
                    decline(); // "a: b: c"
                if (m_text[j] == '#' && m_text[j - 1] == ' ')
                    break;
            }
            end = j;
            while (m_text[end - 1] == ' ')
                --end;
        }
        return resolvePlainScalar(QByteArrayView(m_text + i, end - i), spanOn(i, end));
    }

    /** "[a, 'b', 3]" of scalars or "{}" on one line. */
    Value readFlow(qsizetype i, int depth, qsizetype &end)
    {
        count(depth);
        const bool isMap = m_text[i] == '{';
        const char close = isMap ? '}' : ']';
        const SourcePos begin = posAt(i);
        SourcePos last = begin;
        QList<Value> items;
        qsizetype j = i + 1;
        const auto skipSpaces = [&] {
            while (j < m_end && m_text[j] == ' ')
                ++j;
        };
        skipSpaces();
        if (at(j) != close) {
            if (isMap)
                decline();
            for (;;) {
                qsizetype itemEnd = j;
                Value v = readScalar(j, depth + 1, true, itemEnd);
                if (itemEnd == j)
                    decline();
                extend(last, v);
                items.append(std::move(v));
                j = itemEnd;
                skipSpaces();
                if (at(j) == close)
                    break;
                if (at(j) != ',')
                    decline();
                ++j;
                skipSpaces();
                if (at(j) == close)
                    decline(); // a trailing ','
            }
        }
        end = j + 1;
        const SourceSpan span{m_file, begin, last};
        return isMap ? Value::map({}, span) : Value::list(std::move(items), span);
    }

    [[nodiscard]] SourcePos endPos() const { return posAt(m_end); }

    const char *m_text;
    const qsizetype m_end;
    const QString &m_file;
    const int m_maxDepth;
    qsizetype m_lineStart; ///< start of the line m_cur is on
    int m_line; ///< 1-based line of m_lineStart
    qsizetype m_cur = 0;
    int m_col = 0;
    qint64 m_size = 0;
    bool m_markerSeen = false;
};

} // namespace

std::optional<QList<YamlDocument>> parseYamlChunkFast(QByteArrayView text, const YamlChunk &chunk, const QString &file, const ReadLimits &limits, qint64 budget)
{
    QList<YamlDocument> documents;
    try {
        FastYamlReader reader(text, chunk, file, limits);
        if (std::optional<YamlDocument> doc = reader.read()) {
            if (doc->size > budget)
                return std::nullopt;
            documents.append(std::move(*doc));
        }
    } catch (const Declined &) {
        return std::nullopt;
    }
    return documents;
}

} // namespace chainscope::config::detail
