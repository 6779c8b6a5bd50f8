// HCL1, the way `consul config write` reads it: hashicorp/hcl v1.0.0's scanner (hcl/scanner/scanner.go),
// parser (hcl/parser/parser.go) and the shapes its decoder (decoder.go, decodeInterface/decodeMap) builds
// when Consul decodes into map[string]interface{}. The structure follows the library closely on purpose:
// error texts and the odd corners (which error wins, what a stray '}' does) come from that structure.

#include "config/hclparser_p.h"
#include "config/reader.h"
#include "config/syntax_p.h"
#include "config/syntaxcodes.h"

#include <QChar>
#include <QSet>

#include <QtEndian>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace chainscope::config {

using detail::isAsciiLetter;
using detail::isBoolWord;
using detail::isDecimal;
using detail::kIdentStart;
using detail::kIdentTail;

namespace {

enum class Tk { Illegal, Eof, Comment, Number, Float, Bool, String, Heredoc, Ident, LBrack, LBrace, Comma, Period, RBrack, RBrace, Assign, Add, Sub };

QString tokenName(Tk t)
{
    static const char *const names[] = {"ILLEGAL", "EOF",    "COMMENT", "NUMBER", "FLOAT", "BOOL",   "STRING", "HEREDOC", "IDENT",
                                        "LBRACK",  "LBRACE", "COMMA",   "PERIOD", "RBRACK", "RBRACE", "ASSIGN", "ADD",     "SUB"};
    return QString::fromLatin1(names[int(t)]);
}

struct Token {
    Tk type = Tk::Illegal;
    int decoded = -1; ///< STRING / HEREDOC: index of its value in Lexer::decoded(), or -1 when the value is
                      ///< the text between the quotes as it stands
    qsizetype begin = 0;
    qsizetype end = 0;
    SourcePos from; ///< begin and end as positions
    SourcePos to;
};

struct ScanError {
    qsizetype offset = 0;
    QString message;
};

// The one-byte tokens, Tk::Illegal for every other byte.
constexpr auto kPunctuation = [] {
    std::array<Tk, 256> table{};
    table.fill(Tk::Illegal);
    table['['] = Tk::LBrack;
    table[']'] = Tk::RBrack;
    table['{'] = Tk::LBrace;
    table['}'] = Tk::RBrace;
    table[','] = Tk::Comma;
    table['='] = Tk::Assign;
    table['+'] = Tk::Add;
    return table;
}();

int digitVal(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 16;
}

// The scanner. Invalid UTF-8 and NUL bytes are rejected before scanning (parseHcl), so every multi-byte
// sequence here decodes.
class Lexer
{
public:
    explicit Lexer(QByteArrayView text)
        : m_text(text)
    {
    }

    [[nodiscard]] const std::optional<ScanError> &error() const { return m_error; }
    [[nodiscard]] const QString &decoded(int index) const { return m_decoded[index]; }

    /** Scans the next token into t (in place: tokens are scanned often). */
    void next(Token &t)
    {
        do {
            scanOne(t);
        } while (t.type == Tk::Comment);
    }

private:
    [[nodiscard]] qsizetype size() const { return m_text.size(); }
    [[nodiscard]] char at(qsizetype i) const { return i < m_text.size() ? m_text[i] : '\0'; }

    // Go: the scanner keeps going after an error and the parser reports the last one it saw.
    void err(qsizetype offset, const char *message) { m_error = ScanError{offset, QString::fromLatin1(message)}; }

    char32_t codePoint(qsizetype i, int *len) const
    {
        char32_t cp = 0;
        *len = detail::decodeUtf8(m_text, i, &cp);
        if (*len == 0) {
            *len = 1;
            return 0xFFFD;
        }
        return cp;
    }

    bool isLetterAt(qsizetype i, int *len) const
    {
        if (i >= size())
            return false;
        const char32_t cp = codePoint(i, len);
        return isAsciiLetter(cp) || (cp >= 0x80 && QChar::isLetter(cp));
    }

    bool isDigitAt(qsizetype i, int *len) const
    {
        if (i >= size())
            return false;
        const char32_t cp = codePoint(i, len);
        return (cp >= '0' && cp <= '9') || (cp >= 0x80 && QChar::isDigit(cp));
    }

    // The lexer counts lines as it goes: white space here, and the few tokens that can hold a line
    // break (block comments, heredocs, strings that are not one plain slice) afterwards.
    [[nodiscard]] SourcePos here() const { return SourcePos{m_line, int(m_pos - m_lineStart + 1), m_pos}; }

    void countLines(qsizetype from, qsizetype to)
    {
        const char *const data = m_text.data();
        for (const char *p = data + from; (p = static_cast<const char *>(std::memchr(p, '\n', size_t(to - (p - data))))); ++p) {
            ++m_line;
            m_lineStart = (p - data) + 1;
        }
    }

    void scanOne(Token &t)
    {
        const char *const data = m_text.data();
        const char *const textEnd = data + m_text.size();
        // Mostly the token starts right here or after one space, or a line starts with indentation.
        const char *p = data + m_pos;
        while (p != textEnd) {
            const char ch = *p;
            if (ch == ' ' || ch == '\t' || ch == '\r') {
                ++p;
            } else if (ch == '\n') {
                ++p;
                ++m_line;
                m_lineStart = p - data;
                // Indentation: runs of spaces eight at a time (the lowest non-zero byte of w ^ spaces is
                // the first other byte).
                constexpr quint64 spaces = 0x2020202020202020ull;
                while (textEnd - p >= 8) {
                    const quint64 other = qFromLittleEndian<quint64>(p) ^ spaces;
                    if (other) {
                        p += qCountTrailingZeroBits(other) / 8;
                        break;
                    }
                    p += 8;
                }
            } else {
                break;
            }
        }
        m_pos = p - data;
        t.decoded = -1; // every other field is set below
        t.begin = m_pos;
        t.from = here();
        if (m_pos >= size()) {
            t.type = Tk::Eof;
            t.end = m_pos;
            t.to = t.from;
            return;
        }
        const char c = data[m_pos];
        if (const Tk punctuation = kPunctuation[uchar(c)]; punctuation != Tk::Illegal) {
            t.type = punctuation;
            t.end = ++m_pos;
            t.to = SourcePos{t.from.line, t.from.column + 1, m_pos};
            return;
        }
        if (kIdentStart[uchar(c)]) {
            // An ASCII identifier, mostly all of it.
            p = data + m_pos + 1;
            while (p < textEnd && kIdentTail[uchar(*p)])
                ++p;
            m_pos = p - data;
            if (p < textEnd && uchar(*p) >= 0x80)
                scanIdentifierTail();
            const QByteArrayView word = m_text.sliced(t.begin, m_pos - t.begin);
            t.type = isBoolWord(word) ? Tk::Bool : Tk::Ident;
        } else if (c == '"') {
            t.type = Tk::String;
            t.decoded = scanString();
        } else {
            scanOther(t, c);
        }
        t.end = m_pos;
        if (t.decoded >= 0 || t.type == Tk::Comment) [[unlikely]]
            countLines(t.begin, t.end);
        t.to = here();
    }

    // The rest of an identifier from m_pos, where letters and digits beyond ASCII may continue it.
    Q_NEVER_INLINE void scanIdentifierTail()
    {
        int len = 1;
        for (;;) {
            const char *const data = m_text.data();
            const char *const textEnd = data + m_text.size();
            const char *p = data + m_pos; // ASCII needs no decoding
            while (p < textEnd && kIdentTail[uchar(*p)])
                ++p;
            m_pos = p - data;
            if (p < textEnd && uchar(*p) >= 0x80 && (isLetterAt(m_pos, &len) || isDigitAt(m_pos, &len)))
                m_pos += len;
            else
                break;
        }
    }

    // The tokens scanOne() leaves to this: identifiers that start beyond ASCII, numbers, comments,
    // heredocs, '.', '-' and illegal characters. Sets t.type (and t.decoded) and moves m_pos past it.
    Q_NEVER_INLINE void scanOther(Token &t, char c)
    {
        int len = 1;
        if (uchar(c) >= 0x80 && isLetterAt(m_pos, &len)) {
            m_pos += len;
            scanIdentifierTail();
            t.type = Tk::Ident; // "true" and "false" are ASCII
        } else if (isDecimal(c)) {
            t.type = scanNumber();
        } else {
            switch (c) {
            case '#':
            case '/':
                t.type = Tk::Comment;
                scanComment();
                break;
            case '.':
                ++m_pos;
                t.type = Tk::Period;
                if (isDecimal(at(m_pos))) {
                    t.type = Tk::Float;
                    scanMantissa();
                    scanExponent();
                }
                break;
            case '<':
                t.type = Tk::Heredoc;
                m_decoded.append(scanHeredoc());
                t.decoded = int(m_decoded.size() - 1);
                break;
            case '-':
                ++m_pos;
                if (isDecimal(at(m_pos))) {
                    t.type = scanNumber();
                } else {
                    t.type = Tk::Sub;
                }
                break;
            default:
                codePoint(m_pos, &len);
                err(m_pos, "illegal char");
                m_pos += len;
                t.type = Tk::Illegal;
            }
        }
    }

    void scanMantissa()
    {
        while (isDecimal(at(m_pos)))
            ++m_pos;
    }

    void scanExponent()
    {
        if (at(m_pos) == 'e' || at(m_pos) == 'E') {
            ++m_pos;
            if (at(m_pos) == '-' || at(m_pos) == '+')
                ++m_pos;
            scanMantissa();
        }
    }

    // At a decimal digit. Hex (0x..), octal (leading 0), decimal and floats (fraction and/or exponent).
    Q_NEVER_INLINE Tk scanNumber()
    {
        if (at(m_pos) == '0') {
            ++m_pos;
            if (at(m_pos) == 'x' || at(m_pos) == 'X') {
                ++m_pos;
                const qsizetype digits = m_pos;
                while (m_pos < size() && digitVal(at(m_pos)) < 16)
                    ++m_pos;
                if (m_pos == digits)
                    err(m_pos, "illegal hexadecimal number");
                return Tk::Number;
            }
            bool illegalOctal = false;
            while (isDecimal(at(m_pos))) {
                if (at(m_pos) == '8' || at(m_pos) == '9')
                    illegalOctal = true;
                ++m_pos;
            }
            if (at(m_pos) == 'e' || at(m_pos) == 'E') {
                scanExponent();
                return Tk::Float;
            }
            if (at(m_pos) == '.') {
                ++m_pos;
                scanMantissa();
                scanExponent();
                return Tk::Float;
            }
            if (illegalOctal)
                err(m_pos, "illegal octal number");
            return Tk::Number;
        }
        scanMantissa();
        if (at(m_pos) == 'e' || at(m_pos) == 'E') {
            scanExponent();
            return Tk::Float;
        }
        if (at(m_pos) == '.') {
            ++m_pos;
            scanMantissa();
            scanExponent();
            return Tk::Float;
        }
        return Tk::Number;
    }

    Q_NEVER_INLINE void scanComment()
    {
        const char c = at(m_pos);
        if (c == '#' || (c == '/' && at(m_pos + 1) == '/')) {
            while (m_pos < size() && at(m_pos) != '\n')
                ++m_pos;
            return;
        }
        if (at(m_pos + 1) != '*') {
            err(m_pos, "expected '/' for comment");
            ++m_pos;
            return;
        }
        const qsizetype close = m_text.sliced(m_pos + 2).indexOf(QByteArrayView("*/"));
        if (close < 0) {
            m_pos = size();
            err(m_pos, "comment not terminated");
            return;
        }
        m_pos += 2 + close + 2;
    }

    // Reads up to n digits of base; fewer is "illegal char escape" at the first non-digit.
    bool scanDigits(int base, int n, quint32 *value)
    {
        *value = 0;
        for (int k = 0; k < n; ++k) {
            if (m_pos >= size() || digitVal(at(m_pos)) >= base) {
                err(m_pos, "illegal char escape");
                return false;
            }
            *value = *value * quint32(base) + quint32(digitVal(at(m_pos)));
            ++m_pos;
        }
        return true;
    }

    // At '\\'. Validates like the scanner (scanEscape) and decodes like hcl's strconv.Unquote.
    void scanEscape(QByteArray &out, bool verbatim)
    {
        const qsizetype start = m_pos;
        ++m_pos;
        if (m_pos >= size()) {
            err(m_pos, "illegal char escape");
            return;
        }
        const char e = at(m_pos);
        quint32 v = 0;
        bool ok = true;
        switch (e) {
        case 'a':
            v = '\a';
            ++m_pos;
            break;
        case 'b':
            v = '\b';
            ++m_pos;
            break;
        case 'f':
            v = '\f';
            ++m_pos;
            break;
        case 'n':
            v = '\n';
            ++m_pos;
            break;
        case 'r':
            v = '\r';
            ++m_pos;
            break;
        case 't':
            v = '\t';
            ++m_pos;
            break;
        case 'v':
            v = '\v';
            ++m_pos;
            break;
        case '\\':
        case '"':
            v = quint32(e);
            ++m_pos;
            break;
        case '0':
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
        case '6':
        case '7':
            ok = scanDigits(8, 3, &v);
            // Go's Unquote refuses octal escapes above \377.
            if (ok && v > 255) {
                err(m_pos - 1, "illegal char escape");
                ok = false;
            }
            break;
        case 'x':
            ++m_pos;
            ok = scanDigits(16, 2, &v);
            break;
        case 'u':
        case 'U': {
            ++m_pos;
            ok = scanDigits(16, e == 'u' ? 4 : 8, &v);
            if (ok && (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))) {
                err(m_pos - 1, "illegal char escape");
                ok = false;
            }
            if (ok && !verbatim) {
                detail::appendUtf8(out, char32_t(v));
                return;
            }
            break;
        }
        default: {
            int len = 1;
            codePoint(m_pos, &len);
            err(m_pos, "illegal char escape");
            m_pos += len;
            ok = false;
        }
        }
        if (verbatim) {
            out.append(m_text.sliced(start, m_pos - start));
        } else if (ok) {
            // \NNN and \xHH give one raw byte, exactly as Go's Unquote does.
            out.append(char(v));
        }
    }

    // The index of the decoded value in m_decoded, or -1 when the value is the text between the quotes.
    int scanString()
    {
        ++m_pos; // opening quote
        // Most strings hold no escape, interpolation or CR: take them as one slice of the text.
        const char *const first = m_text.data() + m_pos;
        const char *const end = m_text.data() + m_text.size();
        // Up to the first byte that may need a look: '"', '\\', '$' or a control character (the loop below
        // decides what it is).
        const char *p = detail::skipPlainWords<true, false>(first, end);
        for (; p < end; ++p) {
            const char c = *p;
            if (c == '"') {
                m_pos += p - first + 1;
                return -1;
            }
            if (c == '\\' || c == '\n' || c == '\r' || c == '$')
                break;
        }
        return scanStringSlowly();
    }

    // The rest of scanString(), m_pos just after the opening quote; kept apart so the common case above
    // stays small.
    Q_NEVER_INLINE int scanStringSlowly()
    {
        QByteArray out;
        int braces = 0;
        for (;;) {
            if (m_pos >= size()) {
                err(m_pos, "literal not terminated");
                break;
            }
            const char c = at(m_pos);
            if (c == '\n' && braces == 0) {
                err(m_pos, "literal not terminated");
                ++m_pos;
                break;
            }
            if (c == '"' && braces == 0) {
                ++m_pos;
                break;
            }
            if (braces == 0 && c == '$' && at(m_pos + 1) == '{') {
                // ${...} is interpolation syntax: kept verbatim, quotes inside do not end the string.
                braces = 1;
                out.append("${");
                m_pos += 2;
                continue;
            }
            if (braces > 0 && c == '{')
                ++braces;
            if (braces > 0 && c == '}')
                --braces;
            if (c == '\\') {
                scanEscape(out, braces > 0);
                continue;
            }
            if (c == '\r' && at(m_pos + 1) == '\n') {
                ++m_pos; // hcl.Parse normalises CRLF to LF first
                continue;
            }
            out.append(c);
            ++m_pos;
        }
        m_decoded.append(QString::fromUtf8(out));
        return int(m_decoded.size() - 1);
    }

    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

    Q_NEVER_INLINE QString scanHeredoc()
    {
        const qsizetype start = m_pos;
        ++m_pos; // first '<'
        if (at(m_pos) != '<') {
            err(m_pos, "heredoc expected second '<', didn't see it");
            if (m_pos < size())
                ++m_pos;
            return {};
        }
        ++m_pos;
        const qsizetype anchorStart = m_pos;
        if (at(m_pos) == '-')
            ++m_pos;
        int len = 1;
        while (isLetterAt(m_pos, &len) || isDigitAt(m_pos, &len))
            m_pos += len;
        if (m_pos >= size()) {
            err(m_pos, "heredoc not terminated");
            return {};
        }
        qsizetype anchorEnd = m_pos;
        if (at(m_pos) == '\r' && at(m_pos + 1) == '\n')
            ++m_pos;
        if (at(m_pos) != '\n') {
            err(m_pos, "invalid characters in heredoc anchor");
            codePoint(m_pos, &len);
            m_pos += len;
            return {};
        }
        ++m_pos;
        QByteArrayView anchor = m_text.sliced(anchorStart, anchorEnd - anchorStart);
        if (anchor.isEmpty() || anchor == "-") {
            err(m_pos - 1, "zero-length heredoc anchor");
            return {};
        }
        const bool indented = anchor.front() == '-';
        if (indented)
            anchor = anchor.sliced(1);

        // Token text with CRLF normalised, as the library sees it after hcl.Parse's replacement.
        QByteArray text = m_text.sliced(start, anchorStart - start).toByteArray();
        text.append(indented ? "-" : "").append(anchor).append('\n');
        qsizetype lineStart = m_pos;
        for (;;) {
            if (m_pos >= size()) {
                err(m_pos, "heredoc not terminated");
                return {};
            }
            if (at(m_pos) != '\n') {
                ++m_pos;
                continue;
            }
            QByteArrayView line = m_text.sliced(lineStart, m_pos - lineStart);
            ++m_pos;
            while (!line.isEmpty() && line.back() == '\r')
                line.chop(1);
            text.append(line).append('\n');
            // The terminator: optional leading white space, the anchor, optional CRs (scanner.go regexp).
            qsizetype k = 0;
            while (k < line.size() && isSpace(line[k]))
                ++k;
            if (line.sliced(k) == anchor)
                break;
            lineStart = m_pos;
        }
        return QString::fromUtf8(unindentHeredoc(text));
    }

    // token.go unindentHeredoc, on the normalised token text.
    static QByteArray unindentHeredoc(const QByteArray &heredoc)
    {
        const qsizetype idx = heredoc.indexOf('\n');
        const qsizetype n = heredoc.size();
        const auto slice = [&](qsizetype from, qsizetype to) {
            from = std::clamp<qsizetype>(from, 0, n);
            to = std::clamp<qsizetype>(to, from, n);
            return heredoc.sliced(from, to - from);
        };
        const bool unindent = heredoc.size() > 2 && heredoc[2] == '-';
        if (!unindent)
            return slice(idx + 1, n - idx + 1);
        const QList<QByteArray> lines = slice(idx + 1, n - idx + 2).split('\n');
        const QByteArray prefix = lines.last();
        bool isIndented = true;
        for (const QByteArray &l : lines) {
            if (!l.startsWith(prefix)) {
                isIndented = false;
                break;
            }
        }
        if (!isIndented) {
            QByteArray s = slice(idx + 1, n - idx + 1);
            while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
                s.chop(1);
            return s;
        }
        QByteArray out;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0)
                out.append('\n');
            if (i + 1 < lines.size())
                out.append(lines[i].sliced(prefix.size()));
        }
        return out;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    int m_line = 1;            ///< line of m_pos (1-based)
    qsizetype m_lineStart = 0; ///< where that line starts
    std::optional<ScanError> m_error;
    QList<QString> m_decoded; ///< values of the tokens whose text needed decoding
};

struct ParseError {
    bool eof = false;   ///< Go's errEofToken: not an error at the places that expect it
    bool fatal = false; ///< a ReadLimits limit: ends parsing at once
    qsizetype offset = 0;
    QString text; ///< Go's Error() text, "At l:c: msg"
    QLatin1StringView code = codes::HclSyntax;
};
using MaybeError = std::optional<ParseError>;

// The parser builds Values as it goes, in the shapes the decoder gives them (decoder.go decodeMap /
// decodeSlice). An object's shape rules look at all of its items at once (multi-key blocks gather every
// item with the same first key, a repeated key looks back at the earlier ones), so the items of the
// objects being parsed wait on a parser-wide stack, their keys as tokens on another, and an object
// builds its members when it closes. An item waits as the member it becomes in the common case (its
// first key and its value, objects already wrapped in their one-element list) with its keys beside it.
//
// The decoder reports the first conversion error (ParseInt, ParseFloat, "map must have string keys") in
// the order it walks the tree, and only for a text that parsed. Each value carries the first error of
// its own walk (an index into m_convertErrors, or -1); an object passes on the first one of its walk.
// Parse functions return the value and leave an error in their MaybeError argument.
struct ItemKeys {
    qsizetype first = 0; ///< index of the item's first key in Parser::m_keys
    qsizetype count = 0;
    int error = -1; ///< the first conversion error of its value, or -1
};

class Parser
{
public:
    Parser(QByteArrayView text, const QString &file, const ReadLimits &limits)
        : m_text(text)
        , m_file(file)
        , m_limits(limits)
        , m_lexer(text)
    {
    }

    Result<Value> run()
    {
        Result<Value> result;
        const MaybeError e = objectList(false);
        if (e && e->fatal) {
            result.diagnostics.append(diag(*e));
        } else if (m_lexer.error()) {
            // Parse() returns the scanner's error before the parser's (parser.go).
            const ScanError &s = *m_lexer.error();
            result.diagnostics.append(diag(ParseError{false, false, s.offset, at(s.offset, s.message), codes::HclLexical}));
        } else if (e) {
            result.diagnostics.append(diag(*e));
        }
        if (!result.diagnostics.isEmpty())
            return result;

        int error = -1;
        QList<Value::Member> members = closeObject(0, 0, &error);
        if (error >= 0) {
            result.diagnostics.append(m_convertErrors[error]);
            return result;
        }
        // The last token scanned is EOF, at the end of the text.
        result.value = Value::map(std::move(members), SourceSpan{m_file, SourcePos{1, 1, 0}, m_tok.type == Tk::Eof ? m_tok.to : lines().pos(m_text.size())});
        return result;
    }

private:
    SourceSpan span(const SourcePos &begin, const SourcePos &end) const { return SourceSpan{m_file, begin, end}; }
    // Errors only: positions of any offset.
    SourceSpan span(qsizetype begin, qsizetype end) const { return SourceSpan{m_file, lines().pos(begin), lines().pos(end)}; }

    const detail::LineIndex &lines() const
    {
        if (!m_lines)
            m_lines.emplace(m_text);
        return *m_lines;
    }

    QString at(qsizetype offset, const QString &message) const
    {
        return QStringLiteral("At %1:%2: %3").arg(lines().pos(offset).line).arg(lines().runeColumn(offset)).arg(message);
    }

    ParseError posError(qsizetype offset, const QString &message) const { return ParseError{false, false, offset, at(offset, message)}; }

    Diagnostic diag(const ParseError &e) const
    {
        return detail::makeError(e.code, e.text, span(e.offset, std::min<qsizetype>(e.offset + 1, m_text.size())));
    }

    QString tokenString(const Token &t) const
    {
        return QStringLiteral("%1:%2 %3 %4")
            .arg(t.from.line)
            .arg(lines().runeColumn(t.begin))
            .arg(tokenName(t.type), QString::fromUtf8(m_text.sliced(t.begin, t.end - t.begin)));
    }

    QString tokenText(const Token &t) const { return m_strings(m_text.sliced(t.begin, t.end - t.begin)); }

    /** The next token (m_tok; valid until the next scan). */
    const Token &scan()
    {
        if (m_unscanned) {
            m_unscanned = false;
            return m_tok;
        }
        m_lexer.next(m_tok);
        return m_tok;
    }
    void unscan() { m_unscanned = true; }

    MaybeError countNode()
    {
        if (++m_nodes > m_limits.maxNodes) [[unlikely]]
            return nodeLimit();
        return std::nullopt;
    }
    Q_NEVER_INLINE ParseError nodeLimit() const
    {
        return ParseError{false, true, m_tok.begin, detail::nodesMessage(m_limits.maxNodes), codes::LimitNodes};
    }

    // The items, keys and list elements that a failed object or list leaves on the stacks are dropped
    // when its parse returns, however it returns (after a close has taken them, there is nothing left).
    class StackMark
    {
    public:
        explicit StackMark(Parser &p)
            : m_parser(p)
            , m_items(p.m_members.size())
            , m_keys(p.m_keys.size())
            , m_elements(p.m_elements.size())
        {
        }
        ~StackMark()
        {
            dropAbove(m_parser.m_members, m_items);
            dropAbove(m_parser.m_itemKeys, m_items);
            dropAbove(m_parser.m_keys, m_keys);
            dropAbove(m_parser.m_elements, m_elements);
        }
        StackMark(const StackMark &) = delete;
        StackMark &operator=(const StackMark &) = delete;

        [[nodiscard]] qsizetype items() const { return m_items; }
        [[nodiscard]] qsizetype keys() const { return m_keys; }
        [[nodiscard]] qsizetype elements() const { return m_elements; }

    private:
        Parser &m_parser;
        qsizetype m_items;
        qsizetype m_keys;
        qsizetype m_elements;
    };

    template<class Stack>
    static void dropAbove(Stack &stack, qsizetype size)
    {
        stack.truncate(size);
    }

    MaybeError objectList(bool obj)
    {
        for (;;) {
            if (obj) {
                const Tk next = scan().type;
                unscan();
                if (next == Tk::RBrace)
                    break;
            }
            MaybeError e = objectItem();
            if (e && e->eof)
                break;
            if (e)
                return e;
            if (scan().type != Tk::Comma)
                unscan();
        }
        return {};
    }

    // Parses one item onto m_members and m_itemKeys; when it fails, the keys it left on m_keys are for
    // the caller's StackMark to drop.
    MaybeError objectItem()
    {
        const qsizetype firstKey = m_keys.size();
        MaybeError e = objectKey(firstKey);
        const qsizetype keyCount = m_keys.size() - firstKey;
        if (keyCount > 0 && e && e->eof)
            e.reset();
        if (keyCount > 0 && e && !e->fatal && m_tok.type == Tk::RBrace) {
            // parser.go: keys without a value right before '}' report the missing value instead.
            e.reset();
            m_tok.type = Tk::Eof;
        }
        if (e)
            return e;
        if (auto limit = countNode())
            return limit;
        if (m_tok.type != Tk::Assign && m_tok.type != Tk::LBrace) {
            QStringList texts;
            for (qsizetype k = firstKey; k < m_keys.size(); ++k)
                texts.append(tokenText(m_keys[k]));
            return posError(m_tok.begin, QStringLiteral("key '%1' expected start of object ('{') or assignment ('=')").arg(texts.join(QLatin1Char(' '))));
        }
        // The value is parsed straight into its member (the key is read first: parsing may grow m_keys).
        QString key = keyValue(m_keys[firstKey]);
        SourceSpan keySpan = span(m_keys[firstKey].from, m_keys[firstKey].to);
        int error = -1;
        m_members.push_back(Value::Member{std::move(key), std::move(keySpan),
                                          m_tok.type == Tk::Assign ? object(&error, e) : wrapObject(objectType(&error, e))});
        if (e) {
            m_members.pop_back();
            return e;
        }
        m_itemKeys.push_back(ItemKeys{firstKey, keyCount, error});
        scan(); // parser.go looks ahead for a line comment here
        unscan();
        return {};
    }

    MaybeError objectKey(qsizetype firstKey)
    {
        for (;;) {
            const Token &t = scan();
            const qsizetype count = m_keys.size() - firstKey;
            switch (t.type) {
            case Tk::Eof:
                return ParseError{true, false, t.begin, {}};
            case Tk::Assign:
                if (count > 1) {
                    m_keys.truncate(firstKey);
                    return posError(t.begin, QStringLiteral("nested object expected: LBRACE got: ASSIGN"));
                }
                if (count == 0)
                    return posError(t.begin, QStringLiteral("no object keys found!"));
                return {};
            case Tk::LBrace:
                if (count == 0)
                    return posError(t.begin, QStringLiteral("expected: IDENT | STRING got: LBRACE"));
                return {};
            case Tk::Ident:
            case Tk::String:
                m_keys.push_back(Token(t));
                break;
            case Tk::Illegal:
                return posError(t.begin, QStringLiteral("illegal character"));
            default:
                return posError(t.begin, QStringLiteral("expected: IDENT | STRING | ASSIGN | LBRACE got: %1").arg(tokenName(t.type)));
            }
        }
    }

    Value literal(const Token &t, int *error, MaybeError &e)
    {
        e = countNode();
        if (e)
            return {};
        return convertLiteral(t, error);
    }

    // The value after '=', as a member value.
    Value object(int *error, MaybeError &e)
    {
        const Token &t = scan();
        switch (t.type) {
        case Tk::Number:
        case Tk::Float:
        case Tk::Bool:
        case Tk::String:
        case Tk::Heredoc:
            return literal(t, error, e);
        case Tk::LBrace:
            return wrapObject(objectType(error, e));
        case Tk::LBrack:
            return listType(error, e);
        case Tk::Eof:
            e = ParseError{true, false, t.begin, {}};
            return {};
        default:
            e = posError(t.begin, QStringLiteral("Unknown token: %1").arg(tokenString(t)));
            return {};
        }
    }

    // An object as the value of a key: a one-element list with the object's span.
    static Value wrapObject(Value map)
    {
        if (!map.isMap()) // failed
            return {};
        return detail::wrapInList(std::move(map));
    }

    // Nesting guard for objectType/listType: the parser recurses, so the depth limit bounds the stack.
    struct DepthGuard {
        explicit DepthGuard(int &depth)
            : m_depthRef(depth)
        {
            ++m_depthRef;
        }
        ~DepthGuard() { --m_depthRef; }
        DepthGuard(const DepthGuard &) = delete;
        DepthGuard &operator=(const DepthGuard &) = delete;
        int &m_depthRef;
    };

    MaybeError enter()
    {
        if (m_depth > m_limits.maxDepth) [[unlikely]]
            return depthLimit();
        return countNode();
    }
    Q_NEVER_INLINE ParseError depthLimit() const
    {
        return ParseError{false, true, m_tok.begin, detail::depthMessage(m_limits.maxDepth), codes::LimitDepth};
    }

    // At '{'. The object as a plain map (inside a list); objectItem and object() wrap it.
    Value objectType(int *error, MaybeError &e)
    {
        const SourcePos begin = m_tok.from;
        const StackMark mark(*this);
        const DepthGuard guard(m_depth);
        e = enter();
        if (e)
            return {};
        e = objectList(true);
        // An error that leaves the parser on '}' ends the object's items, not the object (parser.go).
        if (e && (e->fatal || m_tok.type != Tk::RBrace))
            return {};
        e.reset();
        const Token &t = scan();
        if (t.type != Tk::RBrace) {
            e = posError(t.begin, QStringLiteral("object expected closing RBRACE got: %1").arg(tokenName(t.type)));
            return {};
        }
        const SourcePos end = t.to;
        return Value::map(closeObject(mark.items(), mark.keys(), error), span(begin, end));
    }

    Value listType(int *error, MaybeError &e)
    {
        const SourcePos begin = m_tok.from;
        const StackMark mark(*this);
        const DepthGuard guard(m_depth);
        e = enter();
        if (e)
            return {};
        bool needComma = false;
        for (;;) {
            const Token t = scan();
            if (needComma && t.type != Tk::Comma && t.type != Tk::RBrack) {
                e = posError(t.begin, QStringLiteral("error parsing list, expected comma or list end, got: %1").arg(tokenName(t.type)));
                return {};
            }
            int elementError = -1;
            switch (t.type) {
            case Tk::Bool:
            case Tk::Number:
            case Tk::Float:
            case Tk::String:
            case Tk::Heredoc:
                m_elements.push_back(literal(t, &elementError, e));
                if (e)
                    return {};
                needComma = true;
                break;
            case Tk::Comma:
                scan();
                unscan();
                needComma = false;
                continue;
            case Tk::LBrace:
                m_elements.push_back(objectType(&elementError, e));
                if (e) {
                    if (!e->fatal)
                        e = posError(t.begin, QStringLiteral("error while trying to parse object within list: %1").arg(e->text));
                    return {};
                }
                needComma = true;
                break;
            case Tk::LBrack:
                m_elements.push_back(listType(&elementError, e));
                if (e) {
                    if (!e->fatal)
                        e = posError(t.begin, QStringLiteral("error while trying to parse list within list: %1").arg(e->text));
                    return {};
                }
                break;
            case Tk::RBrack:
                return Value::list(m_elements.takeTail(mark.elements()), span(begin, t.to));
            default:
                e = posError(t.begin, QStringLiteral("unexpected token while parsing list: %1").arg(tokenName(t.type)));
                return {};
            }
            if (*error < 0)
                *error = elementError;
        }
    }

    // ---- the decoder's shapes (decoder.go decodeInterface / decodeMap / decodeSlice) ----

    int convertError(qsizetype offset, const QString &message)
    {
        m_convertErrors.append(detail::makeError(codes::HclNumber, message, span(offset, std::min<qsizetype>(offset + 1, m_text.size()))));
        return int(m_convertErrors.size() - 1);
    }

    Value convertLiteral(const Token &t, int *error)
    {
        const QByteArrayView text = m_text.sliced(t.begin, t.end - t.begin);
        switch (t.type) {
        case Tk::Bool:
            return Value::boolean(text.size() == 4, span(t.from, t.to)); // a BOOL token is "true" or "false"
        case Tk::String:
        case Tk::Heredoc:
            return Value::string(tokenValue(t), span(t.from, t.to), true);
        case Tk::Number: {
            // strconv.ParseInt(text, 0, 0): 0x.. hex, leading 0 octal, optional '-'.
            QByteArrayView digits = text;
            const bool negative = digits.startsWith('-');
            if (negative)
                digits = digits.sliced(1);
            int base = 10;
            if (digits.size() > 1 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
                base = 16;
                digits = digits.sliced(2);
            } else if (digits.size() > 1 && digits[0] == '0') {
                base = 8;
                digits = digits.sliced(1);
            }
            bool ok = !digits.isEmpty();
            quint64 magnitude = 0;
            for (const char c : digits) {
                const int d = digitVal(c);
                if (d >= base) {
                    ok = false;
                    break;
                }
                if (magnitude > (std::numeric_limits<quint64>::max() - quint64(d)) / quint64(base)) {
                    *error = convertError(t.begin, QStringLiteral("strconv.ParseInt: parsing \"%1\": value out of range").arg(QString::fromUtf8(text)));
                    return {};
                }
                magnitude = magnitude * quint64(base) + quint64(d);
            }
            if (!ok) {
                *error = convertError(t.begin, QStringLiteral("strconv.ParseInt: parsing \"%1\": invalid syntax").arg(QString::fromUtf8(text)));
                return {};
            }
            const quint64 limit = negative ? quint64(std::numeric_limits<qint64>::max()) + 1 : quint64(std::numeric_limits<qint64>::max());
            if (magnitude > limit) {
                *error = convertError(t.begin, QStringLiteral("strconv.ParseInt: parsing \"%1\": value out of range").arg(QString::fromUtf8(text)));
                return {};
            }
            const qint64 v = negative ? qint64(0 - magnitude) : qint64(magnitude);
            return Value::integer(v, span(t.from, t.to));
        }
        case Tk::Float: {
            const std::string copy(text.data(), size_t(text.size()));
            char *end = nullptr;
            errno = 0;
            const double d = detail::strtodC(copy.c_str(), &end); // not LC_NUMERIC's decimal point
            if (end != copy.c_str() + copy.size()) {
                *error = convertError(t.begin, QStringLiteral("strconv.ParseFloat: parsing \"%1\": invalid syntax").arg(QString::fromUtf8(text)));
                return {};
            }
            if (errno == ERANGE && (d > 1.0 || d < -1.0)) {
                *error = convertError(t.begin, QStringLiteral("strconv.ParseFloat: parsing \"%1\": value out of range").arg(QString::fromUtf8(text)));
                return {};
            }
            return Value::floating(d, span(t.from, t.to));
        }
        default:
            return {};
        }
    }

    QString tokenValue(const Token &t) const
    {
        return t.decoded >= 0 ? m_lexer.decoded(t.decoded) : m_strings(m_text.sliced(t.begin + 1, t.end - t.begin - 2));
    }

    QString keyValue(const Token &k) const { return k.type == Tk::String ? tokenValue(k) : m_strings(m_text.sliced(k.begin, k.end - k.begin)); }

    // The members of the object whose items are m_members[itemBase..] (keys from m_keys[keyBase..]), taken
    // off both stacks: decodeMap. Object values are wrapped in a one-element list; a repeated key whose
    // old and new values are both lists appends; multi-key blocks gather under their first key.
    QList<Value::Member> closeObject(qsizetype itemBase, qsizetype keyBase, int *error)
    {
        const qsizetype itemEnd = m_members.size();
        // Mostly every item has one key and no list value repeats a key: the members are the items.
        bool simple = true;
        for (qsizetype i = itemBase; i < itemEnd && simple; ++i) {
            if (*error < 0)
                *error = m_itemKeys[i].error;
            if (m_itemKeys[i].count > 1) {
                simple = false;
            } else if (m_members[i].value.isList()) {
                for (qsizetype j = itemBase; j < i; ++j) {
                    if (m_members[j].key == m_members[i].key) {
                        simple = false;
                        break;
                    }
                }
            }
        }
        if (simple) {
            dropAbove(m_itemKeys, itemBase);
            dropAbove(m_keys, keyBase);
            return m_members.takeTail(itemBase);
        }
        *error = -1;

        QList<Value::Member> members;
        members.reserve(itemEnd - itemBase);
        QSet<QString> gathered;
        for (qsizetype i = itemBase; i < itemEnd; ++i) {
            Value::Member &item = m_members[i];
            const ItemKeys &keys = m_itemKeys[i];
            if (keys.count > 1) {
                if (gathered.contains(item.key))
                    continue;
                gathered.insert(item.key);
                // ObjectList.Filter matches the first key case-insensitively and strips it.
                QList<Value> maps;
                SourcePos end = item.value.span().end;
                for (qsizetype j = itemBase; j < itemEnd; ++j) {
                    const Value::Member &other = m_members[j];
                    if (other.key.compare(item.key, Qt::CaseInsensitive) != 0)
                        continue;
                    if (m_itemKeys[j].count == 1) {
                        if (*error < 0) {
                            const qsizetype offset = m_keys[m_itemKeys[j].first].begin;
                            *error = convertError(offset, at(offset, QStringLiteral("root.%1: map must have string keys").arg(item.key)));
                        }
                        continue;
                    }
                    if (*error < 0)
                        *error = m_itemKeys[j].error;
                    maps.append(gatheredMap(other.value, m_itemKeys[j], 1));
                    if (other.value.span().end.offset > end.offset)
                        end = other.value.span().end;
                }
                members.append(Value::Member{item.key, item.keySpan, Value::list(std::move(maps), SourceSpan{m_file, item.keySpan.begin, end})});
                continue;
            }
            if (*error < 0)
                *error = keys.error;
            if (item.value.isList() && !gathered.contains(item.key) && detail::appendToEarlier(members, item.key, item.value))
                continue;
            // The key stays: later multi-key items compare the first keys of all items.
            members.append(Value::Member{item.key, std::move(item.keySpan), std::move(item.value)});
        }
        dropAbove(m_members, itemBase);
        dropAbove(m_itemKeys, itemBase);
        dropAbove(m_keys, keyBase);
        return members;
    }

    // The map a multi-key item gives under its key number k: `k0 k1 k2 { }` gathers under k0 as
    // {k1: [{k2: [{ }]}]}, each map spanning from its key to the end of the value.
    Value gatheredMap(const Value &value, const ItemKeys &keys, qsizetype k) const
    {
        const Token &key = m_keys[keys.first + k];
        const SourcePos &end = value.span().end;
        Value inner;
        if (k + 1 == keys.count) {
            inner = value;
        } else {
            QList<Value> one;
            one.reserve(1);
            one.append(gatheredMap(value, keys, k + 1));
            inner = Value::list(std::move(one), span(key.from, end));
        }
        QList<Value::Member> member;
        member.reserve(1);
        member.append(Value::Member{keyValue(key), span(key.from, key.to), std::move(inner)});
        return Value::map(std::move(member), span(key.from, end));
    }

    QByteArrayView m_text;
    const QString &m_file;
    const ReadLimits &m_limits;
    mutable std::optional<detail::LineIndex> m_lines; ///< built for the first error message
    Lexer m_lexer;
    detail::ChildStack<Value::Member> m_members; ///< items of the objects being parsed, innermost last
    detail::ChildStack<ItemKeys> m_itemKeys; ///< their keys (m_members[i] has m_itemKeys[i])
    detail::ChildStack<Token> m_keys;
    detail::ChildStack<Value> m_elements;    ///< elements of the lists being parsed
    Token m_tok;
    bool m_unscanned = false;
    int m_depth = 0;
    qint64 m_nodes = 0;
    QList<Diagnostic> m_convertErrors; ///< see ItemKeys
    const detail::SharedStrings m_strings;
};

// How many leading bytes of text are plain: ASCII and not NUL (checked sixteen bytes at a time, so the
// answer may stop short of the first byte that is not). The checks below start there.
qsizetype plainPrefix(QByteArrayView text)
{
    constexpr quint64 ones = 0x0101010101010101ull;
    constexpr quint64 highs = 0x8080808080808080ull;
    // A byte's high bit is set in (w - ones) & ~w when it is 0 (or possibly when a lower byte is):
    // with w's own high bits, a block without either is plain.
    const auto unplain = [](quint64 w) { return (w | ((w - ones) & ~w)) & highs; };
    const char *const begin = text.data();
    const char *p = begin;
    for (const char *const end = begin + text.size(); end - p >= 16; p += 16) {
        if (unplain(qFromUnaligned<quint64>(p)) | unplain(qFromUnaligned<quint64>(p + 8)))
            break;
    }
    return p - begin;
}

} // namespace

std::optional<Result<Value>> detail::parseHclWith(QByteArrayView text, const QString &file, const ReadLimits &limits, HclPath path)
{
    // The scanner rejects NUL bytes and invalid UTF-8 wherever it meets them; checking up front keeps
    // every later step on valid text.
    const qsizetype plain = plainPrefix(text);
    const QByteArrayView rest = text.sliced(plain);
    if (const qsizetype restNul = rest.indexOf('\0'); restNul >= 0) {
        if (path == HclPath::FastOnly)
            return std::nullopt;
        const qsizetype nul = plain + restNul;
        const detail::LineIndex lines(text);
        Result<Value> r;
        r.diagnostics.append(detail::makeError(codes::LoadNulByte,
                                               QStringLiteral("At %1:%2: unexpected null character (0x00)").arg(lines.pos(nul).line).arg(lines.runeColumn(nul)),
                                               SourceSpan{file, lines.pos(nul), lines.pos(nul + 1)}));
        return r;
    }
    if (const qsizetype restBad = detail::firstInvalidUtf8(rest); restBad >= 0) {
        if (path == HclPath::FastOnly)
            return std::nullopt;
        const qsizetype bad = plain + restBad;
        const detail::LineIndex lines(text);
        Result<Value> r;
        r.diagnostics.append(detail::makeError(codes::LoadInvalidUtf8,
                                               QStringLiteral("At %1:%2: illegal UTF-8 encoding").arg(lines.pos(bad).line).arg(lines.runeColumn(bad)),
                                               SourceSpan{file, lines.pos(bad), lines.pos(bad + 1)}));
        return r;
    }
    if (path != HclPath::FaithfulOnly) {
        if (std::optional<Value> fast = parseHclFast(text, file, limits)) {
            Result<Value> r;
            r.value = std::move(*fast);
            return r;
        }
        if (path == HclPath::FastOnly)
            return std::nullopt;
    }
    return Parser(text, file, limits).run();
}

Result<Value> parseHcl(QByteArrayView text, const QString &file, const ReadLimits &limits)
{
    return *detail::parseHclWith(text, file, limits, detail::HclPath::Auto);
}

} // namespace chainscope::config
