// YAML through yaml-cpp 0.7 (the only place that includes it). "---" parts are parsed one at a time so one
// broken document does not hide the others; yaml-cpp's parser events become config::Values in that single
// pass (no YAML::Node tree); plain scalars are typed by the YAML 1.2 core schema.

#include "config/reader.h"
#include "config/syntax_p.h"
#include "config/syntaxcodes.h"
#include "config/yamlparser_p.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace chainscope::config {

namespace {

// One "---"-delimited part of the file, parsed on its own; positions are shifted back by its start.
using Chunk = detail::YamlChunk;

bool isDocumentMarker(QByteArrayView line, const char *marker)
{
    return line.startsWith(marker) && (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
}

QList<Chunk> splitDocuments(QByteArrayView text)
{
    QList<Chunk> chunks;
    Chunk current;
    bool hasContent = false;
    int line = 0;
    for (qsizetype pos = 0; pos < text.size(); ++line) {
        qsizetype eol = text.sliced(pos).indexOf('\n');
        eol = eol < 0 ? text.size() : pos + eol;
        const QByteArrayView l = text.sliced(pos, eol - pos);
        const bool directive = l.startsWith('%');
        if ((isDocumentMarker(l, "---") || directive) && hasContent) {
            current.end = pos;
            chunks.append(current);
            current = Chunk{pos, 0, line};
            hasContent = false;
        }
        const QByteArrayView trimmed = l.trimmed();
        if (!directive && !trimmed.isEmpty() && !trimmed.startsWith('#'))
            hasContent = true;
        pos = eol + 1;
    }
    current.end = text.size();
    chunks.append(current);
    return chunks;
}

struct PrecheckIssue {
    qsizetype offset = -1;
    bool flowEntry = false; ///< a ',' outside flow collections (else: nesting too deep)
};

// Guards in front of yaml-cpp 0.7, which overflows the stack on deep nesting and loops forever on a
// flow entry ',' in block context (for example a bare "," or "{},"; found by fuzz_yaml).
// Nesting is estimated conservatively (block indentation levels plus flow brackets); a ',' that starts
// a token outside any flow collection is invalid YAML anyway and is refused here.
PrecheckIssue precheck(QByteArrayView text, int maxDepth)
{
    QList<qsizetype> blocks;
    int flow = 0;
    char quote = 0;
    qsizetype blockScalarIndent = -1;
    for (qsizetype pos = 0; pos < text.size();) {
        qsizetype eol = text.sliced(pos).indexOf('\n');
        eol = eol < 0 ? text.size() : pos + eol;
        qsizetype i = pos;
        while (i < eol && text[i] == ' ')
            ++i;
        const qsizetype indent = i - pos;
        const bool blank = i == eol || text[i] == '#' || text[i] == '\r';
        if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
            pos = eol + 1;
            continue;
        }
        blockScalarIndent = -1;
        if (blank && quote == 0) {
            pos = eol + 1;
            continue;
        }
        if (flow == 0 && quote == 0) {
            while (!blocks.isEmpty() && blocks.last() > indent)
                blocks.removeLast();
            if (blocks.isEmpty() || blocks.last() < indent)
                blocks.append(indent);
            // "- - - x" and "- key: v" open a collection per indicator on one line.
            while (i + 1 < eol && (text[i] == '-' || text[i] == '?') && (text[i + 1] == ' ' || text[i + 1] == '\t')) {
                i += 2;
                while (i < eol && (text[i] == ' ' || text[i] == '\t'))
                    ++i;
                blocks.append(i - pos);
            }
            if (blocks.size() > maxDepth)
                return PrecheckIssue{i, false};
        }
        char previous = 0; // last significant character on this line
        bool plain = false; // inside a block-context plain scalar
        // Content may follow a document marker on its line ("--- value").
        if (quote == 0 && indent == 0 && (isDocumentMarker(text.sliced(pos, eol - pos), "---") || isDocumentMarker(text.sliced(pos, eol - pos), "...")))
            i = pos + 3;
        for (; i < eol; ++i) {
            const char c = text[i];
            if (quote != 0) {
                if (quote == '"' && c == '\\') {
                    ++i;
                } else if (c == quote) {
                    if (quote == '\'' && i + 1 < eol && text[i + 1] == '\'')
                        ++i;
                    else
                        quote = 0;
                }
                continue;
            }
            const bool tokenStart = previous == 0 || previous == ':' || previous == '-' || previous == ',' || previous == '[' || previous == '{' || previous == '?';
            if (c == ' ' || c == '\t' || c == '\r')
                continue;
            if (c == '#' && (i == pos || text[i - 1] == ' ' || text[i - 1] == '\t'))
                break;
            if (flow == 0 && quote == 0) {
                const char next = i + 1 < eol ? text[i + 1] : ' ';
                const bool nextIsSpace = next == ' ' || next == '\t' || next == '\r';
                if (plain) {
                    if (c == ':' && nextIsSpace)
                        plain = false;
                    previous = c;
                    continue;
                }
                if (c == ',')
                    return PrecheckIssue{i, true};
                if ((c == '&' || c == '!') && tokenStart) {
                    while (i + 1 < eol && text[i + 1] != ' ' && text[i + 1] != '\t')
                        ++i;
                    continue;
                }
                const bool indicator = QByteArrayView("-?:,[]{}#&*!|>'\"%@`").contains(c);
                if (tokenStart && (!indicator || ((c == '-' || c == '?' || c == ':') && !nextIsSpace))) {
                    plain = true;
                    previous = c;
                    continue;
                }
            }
            if ((c == '"' || c == '\'') && tokenStart) {
                quote = c;
            } else if ((c == '[' || c == '{') && (flow > 0 || tokenStart)) {
                ++flow;
                if (flow + blocks.size() > maxDepth)
                    return PrecheckIssue{i, false};
            } else if ((c == ']' || c == '}') && flow > 0) {
                --flow;
            } else if ((c == '|' || c == '>') && flow == 0 && (previous == ':' || previous == '-' || previous == 0)) {
                blockScalarIndent = indent;
                break;
            }
            previous = c;
        }
        pos = eol + 1;
    }
    return {};
}

// The YAML 1.2 core schema's resolution of a plain scalar (https://yaml.org/spec/1.2.2/#1032-tag-resolution),
// matched on the UTF-8 bytes: every pattern is ASCII, so a byte match is a match of the decoded text. As a
// regular expression's "$" would, a single trailing line feed is allowed after a number.
class CoreSchema
{
public:
    static Value resolve(QByteArrayView s, const SourceSpan &where)
    {
        if (detail::isYamlNullWord(s))
            return Value::null(where);
        if (s == "true" || s == "True" || s == "TRUE")
            return Value::boolean(true, where);
        if (s == "false" || s == "False" || s == "FALSE")
            return Value::boolean(false, where);
        const QByteArrayView core = s.endsWith('\n') ? s.chopped(1) : s;
        bool ok = false;
        if (isDecimal(core)) {
            const QString text = QString::fromUtf8(s);
            const qint64 i = text.toLongLong(&ok, 10);
            if (ok)
                return Value::integer(i, where);
            return Value::floating(text.toDouble(), where);
        }
        if (isRadix(core, 'o', 8)) {
            const qint64 i = QString::fromUtf8(s).mid(2).toLongLong(&ok, 8);
            if (ok)
                return Value::integer(i, where);
        }
        if (isRadix(core, 'x', 16)) {
            const qint64 i = QString::fromUtf8(s).mid(2).toLongLong(&ok, 16);
            if (ok)
                return Value::integer(i, where);
        }
        if (isFloat(core))
            return Value::floating(QString::fromUtf8(s).toDouble(), where);
        if (equalsAsciiLower(s, ".inf") || equalsAsciiLower(s, "+.inf"))
            return Value::floating(std::numeric_limits<double>::infinity(), where);
        if (equalsAsciiLower(s, "-.inf"))
            return Value::floating(-std::numeric_limits<double>::infinity(), where);
        if (equalsAsciiLower(s, ".nan"))
            return Value::floating(std::numeric_limits<double>::quiet_NaN(), where);
        return Value::string(detail::sharedString(s), where, false);
    }

private:
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    /** Skips [0-9]* from i; returns how many were skipped. */
    static qsizetype digits(QByteArrayView s, qsizetype &i)
    {
        const qsizetype from = i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        return i - from;
    }

    /** ^[-+]?[0-9]+$ */
    static bool isDecimal(QByteArrayView s)
    {
        qsizetype i = !s.isEmpty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        return digits(s, i) > 0 && i == s.size();
    }

    /** ^0o[0-7]+$ (radix 8) or ^0x[0-9a-fA-F]+$ (radix 16) */
    static bool isRadix(QByteArrayView s, char marker, int radix)
    {
        if (s.size() < 3 || s[0] != '0' || s[1] != marker)
            return false;
        for (qsizetype i = 2; i < s.size(); ++i) {
            const char c = s[i];
            const bool ok = radix == 8 ? (c >= '0' && c <= '7') : (isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
            if (!ok)
                return false;
        }
        return true;
    }

    /** ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
    static bool isFloat(QByteArrayView s)
    {
        qsizetype i = !s.isEmpty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (i < s.size() && s[i] == '.') {
            ++i;
            if (digits(s, i) == 0)
                return false;
        } else {
            if (digits(s, i) == 0)
                return false;
            if (i < s.size() && s[i] == '.') {
                ++i;
                digits(s, i);
            }
        }
        if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
            ++i;
            if (i < s.size() && (s[i] == '-' || s[i] == '+'))
                ++i;
            if (digits(s, i) == 0)
                return false;
        }
        return i == s.size();
    }

    /** s equals the lower-case ASCII word once upper-case ASCII letters are lowered. */
    static bool equalsAsciiLower(QByteArrayView s, QByteArrayView word)
    {
        if (s.size() != word.size())
            return false;
        for (qsizetype i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if ((c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c) != word[i])
                return false;
        }
        return true;
    }
};

// Builds config::Value trees straight from yaml-cpp's parser events: no YAML::Node tree, one parse.
//
// It also keeps the two guards that need the whole stream:
// - yaml-cpp 0.7 loops forever on some malformed flow collections (found by fuzz_yaml), emitting node
//   events without end. A well-formed stream emits at most a few events per input byte, so past that bound
//   the parse is abandoned (TooManyEvents) and the chunk is refused.
// - Aliases are expanded by sharing the anchored value, and every document's expanded size (aliases counted
//   each time they are used, keys included) is measured as it is built, so a billion-laughs file is refused
//   without being expanded.
class ValueBuilder final : public YAML::EventHandler
{
public:
    /** Thrown out of the parser when the event budget is spent; offset is within the chunk. */
    struct TooManyEvents {
        qsizetype offset = 0;
    };

    /** One non-empty document of the chunk. */
    struct Document {
        Value root;
        qint64 size = 0; ///< expanded values, keys included; kHuge when nested deeper than the limit
        qsizetype offset = 0; ///< where the root starts
        std::optional<Diagnostic> error; ///< the first problem in document order, if any
    };

    ValueBuilder(QByteArrayView text, const QString &file, const ReadLimits &limits, const detail::LineIndex &lines, const Chunk &chunk)
        : m_text(text)
        , m_file(file)
        , m_limits(limits)
        , m_lines(lines)
        , m_chunk(chunk)
        , m_eventLimit(qint64(chunk.end - chunk.begin) * 4 + 64)
    {
    }

    [[nodiscard]] QList<Document> &documents() { return m_documents; }

    void OnDocumentStart(const YAML::Mark &m) override
    {
        bump(m);
        m_stack.clear();
        m_anchors.clear(); // yaml-cpp numbers anchors per document
        m_root.reset();
        m_error.reset();
    }

    void OnDocumentEnd() override
    {
        bumpEnd();
        if (!m_root || m_root->kind == Kind::Null)
            return; // an empty document
        m_documents.append(Document{std::move(m_root->value), m_root->size, m_root->offset, std::move(m_error)});
    }

    void OnNull(const YAML::Mark &m, YAML::anchor_t anchor) override
    {
        bump(m);
        const qsizetype offset = offsetOf(m);
        const SourcePos at = m_lines.pos(offset);
        Node n{Kind::Null, Value::null(SourceSpan{m_file, at, at}), QString(), offset, sizeAt(childDepth()), 0};
        remember(anchor, n);
        add(std::move(n));
    }

    void OnScalar(const YAML::Mark &m, const std::string &tag, YAML::anchor_t anchor, const std::string &value) override
    {
        bump(m);
        const qsizetype offset = offsetOf(m);
        SourceSpan where = scalarSpan(offset, value);
        Node n{Kind::Scalar, Value(), QString(), offset, sizeAt(childDepth()), 0};
        const bool asKey = expectingKey();
        if (asKey || anchor != YAML::NullAnchor)
            n.key = QString::fromStdString(value);
        if (asKey)
            n.value.setSpan(std::move(where)); // keys keep their raw text and only need the span
        else
            n.value = scalarValue(tag, value, std::move(where));
        if (anchor != YAML::NullAnchor) {
            if (asKey)
                n.value = scalarValue(tag, value, n.value.span());
            remember(anchor, n);
        }
        add(std::move(n));
    }

    void OnAlias(const YAML::Mark &m, YAML::anchor_t anchor) override
    {
        bump(m);
        const int depth = childDepth();
        const Anchor *target = anchor < m_anchors.size() ? &m_anchors[anchor] : nullptr;
        if (!target || !target->complete) {
            // An alias inside its own anchor: the expansion never ends.
            Node n{Kind::Collection, Value(), QString(), target ? target->node.offset : offsetOf(m), kHuge, 0};
            add(std::move(n));
            return;
        }
        Node n = target->node; // shares the anchored value
        n.size = depth > m_limits.maxDepth ? kHuge : target->node.size;
        if (!expectingKey() && depth <= m_limits.maxDepth && depth + n.height > m_limits.maxDepth) {
            // The anchored value fits where it was written but not here.
            const Value *tooDeep = firstAtDepth(n.value, m_limits.maxDepth - depth + 1);
            fail(codes::LimitDepth, detail::depthMessage(m_limits.maxDepth), tooDeep ? tooDeep->span().begin.offset : n.offset);
        }
        add(std::move(n));
    }

    void OnSequenceStart(const YAML::Mark &m, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        startCollection(m, anchor, false);
    }
    void OnSequenceEnd() override { endCollection(); }
    void OnMapStart(const YAML::Mark &m, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        startCollection(m, anchor, true);
    }
    void OnMapEnd() override { endCollection(); }

    static constexpr qint64 kHuge = std::numeric_limits<qint64>::max() / 4;

private:
    enum class Kind { Null, Scalar, Collection };

    /** A finished node, as its parent or an alias to it needs it. */
    struct Node {
        Kind kind = Kind::Null;
        Value value; ///< as a value (plain scalars typed by the core schema); for keys only its span is set
        QString key; ///< scalar text, when the node is (or may be used as) a mapping key
        qsizetype offset = 0; ///< yaml-cpp's mark, as a file offset
        qint64 size = 1;
        int height = 0; ///< levels of nesting below the node
    };

    struct Frame {
        bool isMap = false;
        int depth = 0;
        YAML::anchor_t anchor = YAML::NullAnchor;
        qsizetype offset = 0;
        SourcePos begin;
        SourcePos end;
        qint64 size = 1;
        int height = 0;
        QList<Value> items;
        QList<Value::Member> members;
        bool keyPending = false; ///< maps: a key was read, its value comes next
        QString key;
        SourceSpan keySpan;
    };

    struct Anchor {
        bool complete = false;
        Node node;
    };

    qsizetype offsetOf(const YAML::Mark &m) const
    {
        if (m.is_null())
            return m_chunk.begin;
        return std::clamp<qsizetype>(m_chunk.begin + qsizetype(m.pos), 0, m_text.size());
    }

    void bump(const YAML::Mark &m)
    {
        if (m.pos >= 0)
            m_lastEvent = m.pos;
        if (++m_events > m_eventLimit)
            throw TooManyEvents{m_lastEvent};
    }
    // End events carry no mark; the first pass this replaces counted them at position 0.
    void bumpEnd() { bump(YAML::Mark()); }

    [[nodiscard]] int childDepth() const { return m_stack.empty() ? 0 : m_stack.back().depth + 1; }
    [[nodiscard]] qint64 sizeAt(int depth) const { return depth > m_limits.maxDepth ? kHuge : 1; }
    [[nodiscard]] bool expectingKey() const { return !m_stack.empty() && m_stack.back().isMap && !m_stack.back().keyPending; }

    void fail(QLatin1StringView code, const QString &message, qsizetype offset)
    {
        if (!m_error)
            m_error = detail::makeError(code, message, SourceSpan{m_file, m_lines.pos(offset), m_lines.pos(std::min<qsizetype>(offset + 1, m_text.size()))});
    }

    void remember(YAML::anchor_t anchor, const Node &n)
    {
        if (anchor == YAML::NullAnchor)
            return;
        if (m_anchors.size() <= anchor)
            m_anchors.resize(anchor + 1);
        m_anchors[anchor] = Anchor{true, n};
    }

    static const Value *firstAtDepth(const Value &v, int depth)
    {
        if (depth == 0)
            return &v;
        for (const Value &item : v.items()) {
            if (const Value *found = firstAtDepth(item, depth - 1))
                return found;
        }
        for (const Value::Member &member : v.members()) {
            if (const Value *found = firstAtDepth(member.value, depth - 1))
                return found;
        }
        return nullptr;
    }

    static qint64 addSizes(qint64 a, qint64 b) { return std::min(a + b, kHuge); }

    void startCollection(const YAML::Mark &m, YAML::anchor_t anchor, bool isMap)
    {
        bump(m);
        const qsizetype offset = offsetOf(m);
        if (expectingKey())
            fail(codes::YamlUnsupported, QStringLiteral("only scalar mapping keys are supported"), offset);
        if (anchor != YAML::NullAnchor) {
            if (m_anchors.size() <= anchor)
                m_anchors.resize(anchor + 1);
            m_anchors[anchor] = Anchor{false, Node{Kind::Collection, Value(), QString(), offset, kHuge, 0}};
        }
        Frame f;
        f.isMap = isMap;
        f.depth = childDepth();
        f.anchor = anchor;
        f.offset = offset;
        f.begin = m_lines.pos(offset);
        f.end = f.begin;
        f.size = sizeAt(f.depth);
        m_stack.push_back(std::move(f));
    }

    void endCollection()
    {
        bumpEnd();
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        const SourceSpan span{m_file, f.begin, f.end};
        Node n{Kind::Collection, f.isMap ? Value::map(std::move(f.members), span) : Value::list(std::move(f.items), span), QString(), f.offset, f.size, f.height};
        remember(f.anchor, n);
        add(std::move(n));
    }

    void add(Node &&n)
    {
        if (m_stack.empty()) {
            m_root = std::move(n);
            return;
        }
        Frame &parent = m_stack.back();
        parent.size = addSizes(parent.size, n.size);
        parent.height = std::max(parent.height, n.height + 1);
        if (parent.isMap && !parent.keyPending) {
            if (n.kind == Kind::Collection)
                fail(codes::YamlUnsupported, QStringLiteral("only scalar mapping keys are supported"), n.offset);
            parent.key = std::move(n.key);
            parent.keySpan = n.value.span();
            parent.keyPending = true;
            return;
        }
        if (n.value.span().end.offset > parent.end.offset)
            parent.end = n.value.span().end;
        if (parent.isMap) {
            parent.members.append(Value::Member{std::move(parent.key), std::move(parent.keySpan), std::move(n.value)});
            parent.key = QString();
            parent.keySpan = SourceSpan();
            parent.keyPending = false;
        } else {
            parent.items.append(std::move(n.value));
        }
    }

    static Value scalarValue(const std::string &tag, const std::string &value, SourceSpan where)
    {
        if (tag == "?")
            return CoreSchema::resolve(QByteArrayView(value.data(), qsizetype(value.size())), where);
        if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
            Value v = CoreSchema::resolve(QByteArrayView(value.data(), qsizetype(value.size())), where);
            if (!v.isString())
                return v;
        }
        // "!" marks a quoted or block scalar; !!str and unknown tags keep the text.
        return Value::string(QString::fromStdString(value), std::move(where), true);
    }

    SourceSpan scalarSpan(qsizetype begin, const std::string &s) const
    {
        // yaml-cpp keeps no end marks: measure the token in the source text.
        qsizetype end = begin;
        const char first = begin < m_text.size() ? m_text[begin] : '\0';
        if (first == '"' || first == '\'') {
            end = begin + 1;
            while (end < m_text.size()) {
                const char c = m_text[end];
                if (first == '"' && c == '\\') {
                    end += 2;
                    continue;
                }
                if (c == first) {
                    if (first == '\'' && end + 1 < m_text.size() && m_text[end + 1] == '\'') {
                        end += 2;
                        continue;
                    }
                    ++end;
                    break;
                }
                ++end;
            }
        } else if (m_text.sliced(begin).startsWith(QByteArrayView(s.data(), qsizetype(s.size())))) {
            end = begin + qsizetype(s.size());
        } else {
            const qsizetype eol = m_text.sliced(begin).indexOf('\n');
            end = eol < 0 ? m_text.size() : begin + eol;
        }
        end = std::min(end, m_text.size());
        return SourceSpan{m_file, m_lines.pos(begin), m_lines.pos(end)};
    }

    QByteArrayView m_text;
    const QString &m_file;
    const ReadLimits &m_limits;
    const detail::LineIndex &m_lines;
    Chunk m_chunk;
    qint64 m_eventLimit;
    qint64 m_events = 0;
    qsizetype m_lastEvent = 0;
    std::vector<Frame> m_stack;
    std::vector<Anchor> m_anchors;
    std::optional<Node> m_root;
    std::optional<Diagnostic> m_error;
    QList<Document> m_documents;
};

} // namespace

Value detail::resolvePlainScalar(QByteArrayView raw, SourceSpan where)
{
    if (detail::isYamlNullWord(raw)) {
        where.end = where.begin;
        return Value::null(std::move(where));
    }
    return CoreSchema::resolve(raw, where);
}

std::optional<Result<QList<Value>>> detail::parseYamlWith(QByteArrayView text, const QString &file, const ReadLimits &limits, YamlPath path)
{
    Result<QList<Value>> result;
    const detail::LineIndex lines(text);
    const auto errorAt = [&](QLatin1StringView code, const QString &message, qsizetype offset) {
        result.diagnostics.append(detail::makeError(code, message, SourceSpan{file, lines.pos(offset), lines.pos(std::min<qsizetype>(offset + 1, text.size()))}));
    };
    const bool fastOnly = path == YamlPath::FastOnly;
    if (const qsizetype nul = text.indexOf('\0'); nul >= 0) {
        if (fastOnly)
            return std::nullopt;
        errorAt(codes::LoadNulByte, QStringLiteral("unexpected null character (0x00)"), nul);
        return result;
    }
    if (const qsizetype bad = detail::firstInvalidUtf8(text); bad >= 0) {
        if (fastOnly)
            return std::nullopt;
        errorAt(codes::YamlInvalidUtf8, QStringLiteral("invalid UTF-8 byte 0x%1").arg(uint(uchar(text[bad])), 2, 16, QLatin1Char('0')), bad);
        return result;
    }

    QList<Value> documents;
    qint64 budget = limits.maxNodes;
    for (const Chunk &chunk : splitDocuments(text)) {
        const QByteArrayView part = text.sliced(chunk.begin, chunk.end - chunk.begin);
        if (const PrecheckIssue issue = precheck(part, limits.maxDepth); issue.offset >= 0) {
            if (fastOnly)
                return std::nullopt;
            if (issue.flowEntry)
                errorAt(codes::YamlSyntax, QStringLiteral("unexpected ',' outside a flow collection"), chunk.begin + issue.offset);
            else
                errorAt(codes::LimitDepth, detail::depthMessage(limits.maxDepth), chunk.begin + issue.offset);
            continue;
        }
        if (path != YamlPath::YamlCppOnly) {
            if (std::optional<QList<YamlDocument>> fast = parseYamlChunkFast(text, chunk, file, limits, budget)) {
                for (YamlDocument &doc : *fast) {
                    budget -= doc.size;
                    documents.append(std::move(doc.root));
                }
                continue;
            }
            if (fastOnly)
                return std::nullopt;
        }
        // A chunk is all or nothing: a syntax error anywhere in it drops its earlier documents too.
        ValueBuilder builder(text, file, limits, lines, chunk);
        try {
            std::istringstream in(std::string(part.data(), size_t(part.size())));
            YAML::Parser parser(in);
            while (parser.HandleNextDocument(builder)) {
            }
        } catch (const ValueBuilder::TooManyEvents &e) {
            errorAt(codes::YamlSyntax, QStringLiteral("malformed YAML: the parser does not terminate on this text (check flow collections and quotes)"),
                    std::clamp<qsizetype>(chunk.begin + e.offset, 0, text.size()));
            continue;
        } catch (const YAML::Exception &e) {
            const qsizetype offset = e.mark.is_null() ? chunk.begin : std::clamp<qsizetype>(chunk.begin + e.mark.pos, 0, text.size());
            errorAt(codes::YamlSyntax, QString::fromStdString(e.msg), offset);
            continue;
        } catch (const std::exception &e) {
            errorAt(codes::YamlSyntax, QString::fromUtf8(e.what()), chunk.begin);
            continue;
        }
        for (ValueBuilder::Document &doc : builder.documents()) {
            if (doc.size > budget) {
                errorAt(codes::LimitNodes, detail::nodesMessage(limits.maxNodes), doc.offset);
                continue;
            }
            budget -= doc.size;
            if (doc.error) {
                result.diagnostics.append(*doc.error);
                continue;
            }
            documents.append(std::move(doc.root));
        }
    }
    if (!hasErrors(result.diagnostics) || !documents.isEmpty())
        result.value = std::move(documents);
    return result;
}

Result<QList<Value>> parseYaml(QByteArrayView text, const QString &file, const ReadLimits &limits)
{
    return *detail::parseYamlWith(text, file, limits, detail::YamlPath::Auto);
}

} // namespace chainscope::config
