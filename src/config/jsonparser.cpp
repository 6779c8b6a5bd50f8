// Strict RFC 8259 JSON with positions. Error texts are those of Go's encoding/json scanner, which is what
// `consul config write` and the HTTP API use (encoding/json scanner.go), so messages match Consul's.

#include "config/reader.h"
#include "config/syntax_p.h"
#include "config/syntaxcodes.h"

#include <QChar>
#include <QtEndian>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace chainscope::config {

namespace {

// Go's quoteChar: how encoding/json names the offending byte in "invalid character ..." messages.
QString quoteChar(uchar c)
{
    if (c == '\'')
        return QStringLiteral("'\\''");
    if (c == '"')
        return QStringLiteral("'\"'");
    QString inner;
    switch (c) {
    case '\a':
        inner = QStringLiteral("\\a");
        break;
    case '\b':
        inner = QStringLiteral("\\b");
        break;
    case '\f':
        inner = QStringLiteral("\\f");
        break;
    case '\n':
        inner = QStringLiteral("\\n");
        break;
    case '\r':
        inner = QStringLiteral("\\r");
        break;
    case '\t':
        inner = QStringLiteral("\\t");
        break;
    case '\v':
        inner = QStringLiteral("\\v");
        break;
    case '\\':
        inner = QStringLiteral("\\\\");
        break;
    default:
        if (c < 0x20 || c == 0x7F)
            inner = QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else if (c >= 0x80 && !QChar(char16_t(c)).isPrint())
            inner = QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        else
            inner = QChar(char16_t(c));
    }
    return QLatin1Char('\'') + inner + QLatin1Char('\'');
}

class JsonParser
{
public:
    JsonParser(QByteArrayView text, const QString &file, const ReadLimits &limits)
        : m_text(text)
        , m_file(file)
        , m_limits(limits)
    {
    }

    Result<Value> run()
    {
        Result<Value> result;
        Value root = parseValue(0);
        if (!m_failed) {
            skipSpace();
            if (m_pos < m_text.size())
                failAt(m_pos, QStringLiteral("invalid character %1 after top-level value").arg(quoteChar(byteAt(m_pos))));
        }
        if (m_failed) {
            result.diagnostics.append(std::move(*m_error));
            return result;
        }
        result.value = std::move(root);
        return result;
    }

private:
    [[nodiscard]] uchar byteAt(qsizetype i) const { return uchar(m_text[i]); }
    [[nodiscard]] bool atEnd() const { return m_pos >= m_text.size(); }

    // JSON breaks lines only between tokens (a raw line feed inside a string is an error), so skipSpace()
    // keeps the current line and where it starts, and a position on that line follows from its offset.
    [[nodiscard]] SourcePos here(qsizetype offset) const { return SourcePos{m_line, int(offset - m_columnOrigin), offset}; }
    [[nodiscard]] SourceSpan span(const SourcePos &begin, qsizetype end) const { return SourceSpan{m_file, begin, here(end)}; }
    [[nodiscard]] SourceSpan span(qsizetype begin, qsizetype end) const { return SourceSpan{m_file, here(begin), here(end)}; }

    void failAt(qsizetype offset, QString message, QLatin1StringView code = codes::JsonSyntax)
    {
        if (m_failed)
            return;
        m_failed = true;
        // An error may sit on a line feed or at the end of the text: index the lines once, only here.
        const detail::LineIndex lines(m_text);
        m_error = detail::makeError(code, std::move(message),
                                    SourceSpan{m_file, lines.pos(offset), lines.pos(std::min<qsizetype>(offset + 1, m_text.size()))});
    }

    void failEnd() { failAt(m_text.size(), QStringLiteral("unexpected end of JSON input")); }

    void failChar(const char *context)
    {
        failAt(m_pos, QStringLiteral("invalid character %1 %2").arg(quoteChar(byteAt(m_pos)), QLatin1StringView(context)));
    }

    void skipSpace()
    {
        if (m_pos < m_text.size() && uchar(m_text[m_pos]) > ' ') // mostly: already at a token
            return;
        const char *const data = m_text.data();
        const char *const end = data + m_text.size();
        const char *p = data + m_pos;
        for (; p < end; ++p) {
            const char c = *p;
            if (c == '\n') {
                ++m_line;
                m_columnOrigin = p - data; // the next line starts at p + 1, in column 1
            } else if (c != ' ' && c != '\t' && c != '\r') {
                break;
            }
        }
        m_pos = p - data;
    }

    bool countNode()
    {
        if (--m_nodesLeft < 0) {
            failAt(m_pos, detail::nodesMessage(m_limits.maxNodes), codes::LimitNodes);
            return false;
        }
        return true;
    }

    Value parseValue(int depth)
    {
        skipSpace();
        if (atEnd()) {
            failEnd();
            return {};
        }
        if (!countNode())
            return {};
        const char c = m_text[m_pos];
        switch (c) {
        case '{':
        case '[':
            if (depth >= m_limits.maxDepth) {
                failAt(m_pos, detail::depthMessage(m_limits.maxDepth), codes::LimitDepth);
                return {};
            }
            return c == '{' ? parseObject(depth + 1) : parseArray(depth + 1);
        case '"': {
            const qsizetype begin = m_pos;
            QString s = parseString();
            return Value::string(std::move(s), span(begin, m_pos), true);
        }
        case 't':
            return parseLiteral("true") ? Value::boolean(true, span(m_pos - 4, m_pos)) : Value();
        case 'f':
            return parseLiteral("false") ? Value::boolean(false, span(m_pos - 5, m_pos)) : Value();
        case 'n':
            return parseLiteral("null") ? Value::null(span(m_pos - 4, m_pos)) : Value();
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return parseNumber();
            failChar("looking for beginning of value");
            return {};
        }
    }

    // Steps over the literal word at m_pos; false when the text differs (reported).
    bool parseLiteral(const char *word)
    {
        const qsizetype begin = m_pos;
        const QByteArrayView w(word);
        for (qsizetype k = 1; k < w.size(); ++k) {
            const qsizetype at = begin + k;
            if (at >= m_text.size()) {
                failEnd();
                return false;
            }
            if (m_text[at] != w[k]) {
                m_pos = at;
                failAt(at,
                       QStringLiteral("invalid character %1 in literal %2 (expecting %3)")
                           .arg(quoteChar(byteAt(at)), QLatin1StringView(word), quoteChar(uchar(w[k]))));
                return false;
            }
        }
        m_pos = begin + w.size();
        return true;
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    Value parseNumber()
    {
        const qsizetype begin = m_pos;
        {
            // Most numbers are short integers: their digits are summed as they are scanned. Anything else
            // (a fraction, an exponent, 19 digits or more, a '-' without digits) takes the general path.
            const char *const data = m_text.data();
            const char *const end = data + m_text.size();
            const bool negative = data[m_pos] == '-';
            const char *const digits = data + m_pos + (negative ? 1 : 0);
            const char *p = digits;
            qint64 value = 0;
            if (p < end && *p == '0') {
                ++p; // a leading zero is the whole integer; what follows is the caller's to judge
            } else {
                for (; p < end && isDigit(*p) && p - digits < 18; ++p)
                    value = value * 10 + (*p - '0');
            }
            if (p > digits && (p == end || ((*digits == '0' || !isDigit(*p)) && *p != '.' && *p != 'e' && *p != 'E'))) {
                m_pos = p - data;
                return Value::integer(negative ? -value : value, span(begin, m_pos));
            }
        }
        bool integral = true;
        if (m_text[m_pos] == '-') {
            ++m_pos;
            if (atEnd()) {
                failEnd();
                return {};
            }
            if (!isDigit(m_text[m_pos])) {
                failChar("in numeric literal");
                return {};
            }
        }
        if (m_text[m_pos] == '0') {
            ++m_pos;
        } else {
            while (!atEnd() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        if (!atEnd() && m_text[m_pos] == '.') {
            integral = false;
            ++m_pos;
            if (atEnd()) {
                failEnd();
                return {};
            }
            if (!isDigit(m_text[m_pos])) {
                failChar("after decimal point in numeric literal");
                return {};
            }
            while (!atEnd() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        if (!atEnd() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            integral = false;
            ++m_pos;
            if (!atEnd() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                ++m_pos;
            if (atEnd()) {
                failEnd();
                return {};
            }
            if (!isDigit(m_text[m_pos])) {
                failChar("in exponent of numeric literal");
                return {};
            }
            while (!atEnd() && isDigit(m_text[m_pos]))
                ++m_pos;
        }
        const SourceSpan where = span(begin, m_pos);
        const char *first = m_text.data() + begin;
        const char *last = m_text.data() + m_pos;
        if (integral) {
            qint64 i = 0;
            const auto [ptr, ec] = std::from_chars(first, last, i);
            if (ec == std::errc() && ptr == last)
                return Value::integer(i, where);
        }
        // strtod's rounding and range (Go's ParseFloat agrees), in the "C" locale whatever LC_NUMERIC the
        // application took from the environment; it needs a terminated copy.
        const std::string copy(first, last);
        const double d = detail::strtodC(copy.c_str(), nullptr);
        return Value::floating(d, where);
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    // Reads \uXXXX at m_pos (pointing at 'u'); -1 on error (already reported).
    int readHex4()
    {
        ++m_pos; // 'u'
        int value = 0;
        for (int k = 0; k < 4; ++k) {
            if (atEnd()) {
                failEnd();
                return -1;
            }
            const int h = hexValue(m_text[m_pos]);
            if (h < 0) {
                failChar("in \\u hexadecimal character escape");
                return -1;
            }
            value = value * 16 + h;
            ++m_pos;
        }
        return value;
    }

    Q_ALWAYS_INLINE QString parseString()
    {
        ++m_pos; // opening quote
        {
            // Most strings are plain ASCII without escapes: one tight scan to the closing quote, then one
            // slice of the text. Anything else (escapes, control characters, UTF-8 to validate) takes the
            // full loop below from the start of the string.
            const char *const first = m_text.data() + m_pos;
            const char *const end = m_text.data() + m_text.size();
            const char *p = detail::skipPlainWords<false, true>(first, end);
            if (end - p < 8) {
                while (p < end && *p != '"' && *p != '\\' && uchar(*p) >= 0x20 && uchar(*p) < 0x80)
                    ++p;
            }
            if (p < end && *p == '"') {
                m_pos += (p - first) + 1;
                return m_strings(QByteArrayView(first, p - first), end);
            }
        }
        return parseStringSlowly();
    }

    // The rest of parseString(), m_pos just after the opening quote; kept apart so the common case above
    // stays small.
    Q_NEVER_INLINE QString parseStringSlowly()
    {
        QByteArray out; // only used once an escape is met: most strings are one slice of the text
        bool escaped = false;
        qsizetype runStart = m_pos;
        while (true) {
            if (atEnd()) {
                failEnd();
                return {};
            }
            const uchar c = byteAt(m_pos);
            if (c == '"') {
                if (!escaped) {
                    ++m_pos;
                    return m_strings(m_text.sliced(runStart, m_pos - 1 - runStart));
                }
                out.append(m_text.sliced(runStart, m_pos - runStart));
                ++m_pos;
                break;
            }
            if (c < 0x20) {
                failChar("in string literal");
                return {};
            }
            if (c == '\\') {
                escaped = true;
                out.append(m_text.sliced(runStart, m_pos - runStart));
                ++m_pos;
                if (atEnd()) {
                    failEnd();
                    return {};
                }
                const char e = m_text[m_pos];
                switch (e) {
                case '"':
                case '\\':
                case '/':
                    out.append(e);
                    ++m_pos;
                    break;
                case 'b':
                    out.append('\b');
                    ++m_pos;
                    break;
                case 'f':
                    out.append('\f');
                    ++m_pos;
                    break;
                case 'n':
                    out.append('\n');
                    ++m_pos;
                    break;
                case 'r':
                    out.append('\r');
                    ++m_pos;
                    break;
                case 't':
                    out.append('\t');
                    ++m_pos;
                    break;
                case 'u': {
                    int cp = readHex4();
                    if (cp < 0)
                        return {};
                    // Go (encoding/json decode.go unquote): a high surrogate followed by an escaped low
                    // surrogate combines; any other lone surrogate becomes U+FFFD.
                    if (cp >= 0xD800 && cp < 0xDC00) {
                        if (m_pos + 1 < m_text.size() && m_text[m_pos] == '\\' && m_text[m_pos + 1] == 'u') {
                            const qsizetype save = m_pos;
                            ++m_pos;
                            const int low = readHex4();
                            if (low < 0)
                                return {};
                            if (low >= 0xDC00 && low < 0xE000) {
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            } else {
                                cp = 0xFFFD;
                                m_pos = save; // the second escape is decoded on its own
                            }
                        } else {
                            cp = 0xFFFD;
                        }
                    } else if (cp >= 0xDC00 && cp < 0xE000) {
                        cp = 0xFFFD;
                    }
                    detail::appendUtf8(out, char32_t(cp));
                    break;
                }
                default:
                    failChar("in string escape code");
                    return {};
                }
                runStart = m_pos;
                continue;
            }
            if (c >= 0x80) {
                char32_t cp = 0;
                const int len = detail::decodeUtf8(m_text, m_pos, &cp);
                if (len == 0) {
                    failAt(m_pos, QStringLiteral("invalid UTF-8 byte 0x%1 in string literal").arg(uint(c), 2, 16, QLatin1Char('0')),
                           codes::JsonInvalidUtf8);
                    return {};
                }
                m_pos += len;
                continue;
            }
            ++m_pos;
        }
        return QString::fromUtf8(out);
    }

    Value parseObject(int depth)
    {
        const SourcePos begin = here(m_pos);
        ++m_pos; // '{'
        skipSpace();
        if (atEnd()) {
            failEnd();
            return {};
        }
        if (m_text[m_pos] == '}') {
            ++m_pos;
            return Value::map({}, span(begin, m_pos));
        }
        const qsizetype base = m_members.size();
        while (true) {
            skipSpace();
            if (atEnd()) {
                failEnd();
                return {};
            }
            if (m_text[m_pos] != '"') {
                failChar("looking for beginning of object key string");
                return {};
            }
            const SourcePos keyBegin = here(m_pos);
            QString key = parseString();
            if (m_failed)
                return {};
            const SourcePos keyEnd = here(m_pos);
            skipSpace();
            if (atEnd()) {
                failEnd();
                return {};
            }
            if (m_text[m_pos] != ':') {
                failChar("after object key");
                return {};
            }
            ++m_pos;
            skipSpace();
            if (!atEnd() && m_text[m_pos] == '"') {
                // A string value, the most common, is read here without a call, and the member is built
                // right on top of the stack (reading a string does not touch the stacks).
                if (!countNode())
                    return {};
                const qsizetype valueBegin = m_pos;
                QString value = parseString();
                if (m_failed)
                    return {};
                new (m_members.reserve_back())
                    Value::Member{std::move(key), SourceSpan{m_file, keyBegin, keyEnd}, Value::string(std::move(value), span(valueBegin, m_pos), true)};
                m_members.commit_back();
            } else {
                // The value is built where it waits (a container's children go onto the stacks first, which
                // may move them), then the member on top of the stack around a null value, and the value
                // copied over that byte for byte (a null value holds nothing to release).
                detail::Raw<Value> raw;
                auto *value = new (raw.storage()) Value(parseValue(depth));
                if (m_failed) {
                    value->~Value();
                    return {};
                }
                auto *member = new (m_members.reserve_back()) Value::Member{std::move(key), SourceSpan{m_file, keyBegin, keyEnd}, Value()};
                std::memcpy(static_cast<void *>(&member->value), static_cast<const void *>(value), sizeof(Value));
                m_members.commit_back();
            }
            skipSpace();
            if (atEnd()) {
                failEnd();
                return {};
            }
            const char c = m_text[m_pos];
            if (c == ',') {
                ++m_pos;
                continue;
            }
            if (c == '}') {
                ++m_pos;
                return Value::map(m_members.takeTail(base), span(begin, m_pos));
            }
            failChar("after object key:value pair");
            return {};
        }
    }

    Value parseArray(int depth)
    {
        const SourcePos begin = here(m_pos);
        ++m_pos; // '['
        skipSpace();
        if (atEnd()) {
            failEnd();
            return {};
        }
        if (m_text[m_pos] == ']') {
            ++m_pos;
            return Value::list({}, span(begin, m_pos));
        }
        const qsizetype base = m_items.size();
        while (true) {
            detail::Raw<Value> raw;
            auto *item = new (raw.storage()) Value(parseValue(depth));
            if (m_failed) {
                item->~Value();
                return {};
            }
            m_items.relocate_back(item);
            skipSpace();
            if (atEnd()) {
                failEnd();
                return {};
            }
            const char c = m_text[m_pos];
            if (c == ',') {
                ++m_pos;
                continue;
            }
            if (c == ']') {
                ++m_pos;
                return Value::list(m_items.takeTail(base), span(begin, m_pos));
            }
            failChar("after array element");
            return {};
        }
    }

    QByteArrayView m_text;
    const QString &m_file;
    const ReadLimits &m_limits;
    qsizetype m_pos = 0;
    int m_line = 1; ///< line of m_pos (1-based), kept by skipSpace()
    qsizetype m_columnOrigin = -1; ///< where that line starts, minus one: a column is offset - m_columnOrigin
    qint64 m_nodesLeft = std::max<qint64>(m_limits.maxNodes, 0); ///< values this text may still hold
    bool m_failed = false;
    const detail::SharedStrings m_strings;
    // Members and items of the objects and arrays being parsed.
    detail::ChildStack<Value::Member> m_members;
    detail::ChildStack<Value> m_items;
    std::optional<Diagnostic> m_error; ///< set with m_failed (most parses never make one)
};

} // namespace

Result<Value> parseJson(QByteArrayView text, const QString &file, const ReadLimits &limits)
{
    return JsonParser(text, file, limits).run();
}

} // namespace chainscope::config
