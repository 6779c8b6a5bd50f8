// YAML through yaml-cpp 0.7 (the only place that includes it). Documents are parsed one at a time so one
// broken document does not hide the others; plain scalars are typed by the YAML 1.2 core schema.

#include "config/reader.h"
#include "config/syntax_p.h"
#include "config/syntaxcodes.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <QRegularExpression>

#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

namespace chainscope::config {

namespace {

// One "---"-delimited part of the file, parsed on its own; positions are shifted back by its start.
struct Chunk {
    qsizetype begin = 0;
    qsizetype end = 0;
    int firstLine = 0; ///< 0-based line of begin
};

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

class YamlConverter
{
public:
    YamlConverter(QByteArrayView text, const QString &file, const ReadLimits &limits, const detail::LineIndex &lines)
        : m_text(text)
        , m_file(file)
        , m_limits(limits)
        , m_lines(lines)
    {
    }

    Chunk chunk;
    std::optional<Diagnostic> error;

    qsizetype offsetOf(const YAML::Mark &m) const
    {
        if (m.is_null())
            return chunk.begin;
        return std::clamp<qsizetype>(chunk.begin + qsizetype(m.pos), 0, m_text.size());
    }

    void fail(QLatin1StringView code, const QString &message, qsizetype offset)
    {
        if (!error)
            error = detail::makeError(code, message, SourceSpan{m_file, m_lines.pos(offset), m_lines.pos(std::min<qsizetype>(offset + 1, m_text.size()))});
    }

    // The expanded size of a node, with aliases counted every time they are used: computed from the
    // shared nodes (memoised by position and shape), so a billion-laughs file is measured without being
    // expanded.
    qint64 expandedSize(const YAML::Node &n, int depth)
    {
        if (depth > m_limits.maxDepth)
            return std::numeric_limits<qint64>::max() / 4;
        if (!n.IsSequence() && !n.IsMap())
            return 1;
        const auto key = std::make_tuple(n.Mark().pos, int(n.Type()), qsizetype(n.size()));
        if (const auto it = m_sizes.find(key); it != m_sizes.end())
            return it->second;
        qint64 total = 1;
        for (auto it = n.begin(); it != n.end() && total <= m_limits.maxNodes; ++it) {
            if (n.IsMap())
                total += expandedSize(it->first, depth + 1) + expandedSize(it->second, depth + 1);
            else
                total += expandedSize(*it, depth + 1);
        }
        m_sizes.emplace(key, total);
        return total;
    }

    SourceSpan scalarSpan(qsizetype begin, const YAML::Node &n) const
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
        } else {
            const std::string &s = n.Scalar();
            if (m_text.sliced(begin).startsWith(QByteArrayView(s.data(), qsizetype(s.size()))))
                end = begin + qsizetype(s.size());
            else {
                const qsizetype eol = m_text.sliced(begin).indexOf('\n');
                end = eol < 0 ? m_text.size() : begin + eol;
            }
        }
        end = std::min(end, m_text.size());
        return SourceSpan{m_file, m_lines.pos(begin), m_lines.pos(end)};
    }

    static Value plainScalar(const std::string &raw, const SourceSpan &where)
    {
        // YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
        const QString s = QString::fromStdString(raw);
        if (s.isEmpty() || s == u"~" || s == u"null" || s == u"Null" || s == u"NULL")
            return Value::null(where);
        if (s == u"true" || s == u"True" || s == u"TRUE")
            return Value::boolean(true, where);
        if (s == u"false" || s == u"False" || s == u"FALSE")
            return Value::boolean(false, where);
        static const QRegularExpression decimal(QStringLiteral("^[-+]?[0-9]+$"));
        static const QRegularExpression octal(QStringLiteral("^0o[0-7]+$"));
        static const QRegularExpression hex(QStringLiteral("^0x[0-9a-fA-F]+$"));
        static const QRegularExpression floating(QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
        bool ok = false;
        if (decimal.match(s).hasMatch()) {
            const qint64 i = s.toLongLong(&ok, 10);
            if (ok)
                return Value::integer(i, where);
            return Value::floating(s.toDouble(), where);
        }
        if (octal.match(s).hasMatch()) {
            const qint64 i = s.mid(2).toLongLong(&ok, 8);
            if (ok)
                return Value::integer(i, where);
        }
        if (hex.match(s).hasMatch()) {
            const qint64 i = s.mid(2).toLongLong(&ok, 16);
            if (ok)
                return Value::integer(i, where);
        }
        if (floating.match(s).hasMatch())
            return Value::floating(s.toDouble(), where);
        const QString lower = s.toLower();
        if (lower == u".inf" || lower == u"+.inf")
            return Value::floating(std::numeric_limits<double>::infinity(), where);
        if (lower == u"-.inf")
            return Value::floating(-std::numeric_limits<double>::infinity(), where);
        if (lower == u".nan")
            return Value::floating(std::numeric_limits<double>::quiet_NaN(), where);
        return Value::string(s, where, false);
    }

    Value convert(const YAML::Node &n, int depth)
    {
        if (error)
            return {};
        if (++m_nodes > m_limits.maxNodes) {
            fail(codes::LimitNodes, detail::nodesMessage(m_limits.maxNodes), offsetOf(n.Mark()));
            return {};
        }
        if (depth > m_limits.maxDepth) {
            fail(codes::LimitDepth, detail::depthMessage(m_limits.maxDepth), offsetOf(n.Mark()));
            return {};
        }
        const qsizetype begin = offsetOf(n.Mark());
        switch (n.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return Value::null(SourceSpan{m_file, m_lines.pos(begin), m_lines.pos(begin)});
        case YAML::NodeType::Scalar: {
            const SourceSpan where = scalarSpan(begin, n);
            const std::string &tag = n.Tag();
            if (tag == "?")
                return plainScalar(n.Scalar(), where);
            if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:bool"
                || tag == "tag:yaml.org,2002:null") {
                Value v = plainScalar(n.Scalar(), where);
                if (!v.isString())
                    return v;
            }
            // "!" marks a quoted or block scalar; !!str and unknown tags keep the text.
            return Value::string(QString::fromStdString(n.Scalar()), where, true);
        }
        case YAML::NodeType::Sequence: {
            QList<Value> items;
            SourcePos end = m_lines.pos(begin);
            for (const YAML::Node &child : n) {
                Value v = convert(child, depth + 1);
                if (error)
                    return {};
                if (v.span().end.offset > end.offset)
                    end = v.span().end;
                items.append(std::move(v));
            }
            return Value::list(std::move(items), SourceSpan{m_file, m_lines.pos(begin), end});
        }
        case YAML::NodeType::Map: {
            QList<Value::Member> members;
            SourcePos end = m_lines.pos(begin);
            for (auto it = n.begin(); it != n.end(); ++it) {
                // The iterator yields proxies by value: copy the (cheap, shared) node handles.
                const YAML::Node k = it->first;
                const YAML::Node value = it->second;
                if (!k.IsScalar() && !k.IsNull()) {
                    fail(codes::YamlUnsupported, QStringLiteral("only scalar mapping keys are supported"), offsetOf(k.Mark()));
                    return {};
                }
                const qsizetype keyBegin = offsetOf(k.Mark());
                const SourceSpan keySpan = k.IsScalar() ? scalarSpan(keyBegin, k) : SourceSpan{m_file, m_lines.pos(keyBegin), m_lines.pos(keyBegin)};
                Value v = convert(value, depth + 1);
                if (error)
                    return {};
                if (v.span().end.offset > end.offset)
                    end = v.span().end;
                members.append(Value::Member{k.IsScalar() ? QString::fromStdString(k.Scalar()) : QString(), keySpan, std::move(v)});
            }
            return Value::map(std::move(members), SourceSpan{m_file, m_lines.pos(begin), end});
        }
        }
        return {};
    }

private:
    QByteArrayView m_text;
    const QString &m_file;
    const ReadLimits &m_limits;
    const detail::LineIndex &m_lines;
    qint64 m_nodes = 0;
    std::map<std::tuple<int, int, qsizetype>, qint64> m_sizes;
};

// yaml-cpp 0.7 loops forever on some malformed flow collections (found by fuzz_yaml), emitting node events
// without end. A well-formed stream emits at most a few events per input byte, so a first pass that only
// counts events, and gives up past that bound, turns every such loop into an error before LoadAll runs.
class EventBudget final : public YAML::EventHandler
{
public:
    explicit EventBudget(qint64 limit)
        : m_limit(limit)
    {
    }
    struct Exceeded : std::runtime_error {
        explicit Exceeded(YAML::Mark m)
            : std::runtime_error("event budget exceeded")
            , mark(m)
        {
        }
        YAML::Mark mark;
    };
    void OnDocumentStart(const YAML::Mark &m) override { bump(m); }
    void OnDocumentEnd() override { bump({}); }
    void OnNull(const YAML::Mark &m, YAML::anchor_t) override { bump(m); }
    void OnAlias(const YAML::Mark &m, YAML::anchor_t) override { bump(m); }
    void OnScalar(const YAML::Mark &m, const std::string &, YAML::anchor_t, const std::string &) override { bump(m); }
    void OnSequenceStart(const YAML::Mark &m, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override { bump(m); }
    void OnSequenceEnd() override { bump({}); }
    void OnMapStart(const YAML::Mark &m, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override { bump(m); }
    void OnMapEnd() override { bump({}); }

private:
    void bump(const YAML::Mark &m)
    {
        if (m.pos >= 0)
            m_last = m;
        if (++m_count > m_limit)
            throw Exceeded(m_last);
    }
    qint64 m_limit;
    qint64 m_count = 0;
    YAML::Mark m_last = YAML::Mark::null_mark();
};

/** True when yaml-cpp finishes the text within the event budget; otherwise sets offset (within part). */
bool terminatesWithinBudget(const std::string &part, qsizetype &offset)
{
    std::istringstream in(part);
    EventBudget budget(qint64(part.size()) * 4 + 64);
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(budget)) {
        }
    } catch (const EventBudget::Exceeded &e) {
        offset = e.mark.is_null() ? 0 : qsizetype(e.mark.pos);
        return false;
    } catch (const std::exception &) {
        // Ordinary syntax errors are reported by the real parse below, with yaml-cpp's message.
    }
    return true;
}

} // namespace

Result<QList<Value>> parseYaml(QByteArrayView text, const QString &file, const ReadLimits &limits)
{
    Result<QList<Value>> result;
    const detail::LineIndex lines(text);
    const auto errorAt = [&](QLatin1StringView code, const QString &message, qsizetype offset) {
        result.diagnostics.append(detail::makeError(code, message, SourceSpan{file, lines.pos(offset), lines.pos(std::min<qsizetype>(offset + 1, text.size()))}));
    };
    if (const qsizetype nul = text.indexOf('\0'); nul >= 0) {
        errorAt(codes::LoadNulByte, QStringLiteral("unexpected null character (0x00)"), nul);
        return result;
    }
    if (const qsizetype bad = detail::firstInvalidUtf8(text); bad >= 0) {
        errorAt(codes::YamlInvalidUtf8, QStringLiteral("invalid UTF-8 byte 0x%1").arg(uint(uchar(text[bad])), 2, 16, QLatin1Char('0')), bad);
        return result;
    }

    QList<Value> documents;
    YamlConverter converter(text, file, limits, lines);
    qint64 budget = limits.maxNodes;
    for (const Chunk &chunk : splitDocuments(text)) {
        const QByteArrayView part = text.sliced(chunk.begin, chunk.end - chunk.begin);
        if (const PrecheckIssue issue = precheck(part, limits.maxDepth); issue.offset >= 0) {
            if (issue.flowEntry)
                errorAt(codes::YamlSyntax, QStringLiteral("unexpected ',' outside a flow collection"), chunk.begin + issue.offset);
            else
                errorAt(codes::LimitDepth, detail::depthMessage(limits.maxDepth), chunk.begin + issue.offset);
            continue;
        }
        std::vector<YAML::Node> nodes;
        const std::string partText(part.data(), size_t(part.size()));
        if (qsizetype stuck = 0; !terminatesWithinBudget(partText, stuck)) {
            errorAt(codes::YamlSyntax, QStringLiteral("malformed YAML: the parser does not terminate on this text (check flow collections and quotes)"),
                    std::clamp<qsizetype>(chunk.begin + stuck, 0, text.size()));
            continue;
        }
        try {
            nodes = YAML::LoadAll(partText);
        } catch (const YAML::Exception &e) {
            const qsizetype offset = e.mark.is_null() ? chunk.begin : std::clamp<qsizetype>(chunk.begin + e.mark.pos, 0, text.size());
            errorAt(codes::YamlSyntax, QString::fromStdString(e.msg), offset);
            continue;
        } catch (const std::exception &e) {
            errorAt(codes::YamlSyntax, QString::fromUtf8(e.what()), chunk.begin);
            continue;
        }
        converter.chunk = chunk;
        for (const YAML::Node &node : nodes) {
            if (node.IsNull() || !node.IsDefined())
                continue; // an empty document
            converter.error.reset();
            try {
                const qint64 size = converter.expandedSize(node, 0);
                if (size > budget) {
                    errorAt(codes::LimitNodes, detail::nodesMessage(limits.maxNodes), converter.offsetOf(node.Mark()));
                    continue;
                }
                budget -= size;
                Value v = converter.convert(node, 0);
                if (converter.error) {
                    result.diagnostics.append(*converter.error);
                    continue;
                }
                documents.append(std::move(v));
            } catch (const YAML::Exception &e) {
                errorAt(codes::YamlSyntax, QString::fromStdString(e.msg), converter.offsetOf(e.mark));
            }
        }
    }
    if (!hasErrors(result.diagnostics) || !documents.isEmpty())
        result.value = std::move(documents);
    return result;
}

} // namespace chainscope::config
