// go-bexpr v0.1.2 grammar as a packrat PEG parser.
//
// The rules below mirror go-bexpr v0.1.2's grammar.peg (runtime.md §1.2) one to one, and the primitive
// matchers reproduce the behaviour of the parser generator go-bexpr uses (pigeon): the farthest failure
// position with the set of things expected there (inverted inside `!` predicates, "!." reported as EOF),
// errors from semantic predicates/actions prefixed with the innermost rule's display name, and all
// recorded errors making the parse fail even when the grammar matched. Results are memoised per
// (rule, offset, inversion), which does not change any observable result but keeps nested parentheses
// linear instead of exponential. Expectations stay static text until an error is reported.
//
// checkFilterSyntax first runs QuickRecogniser, the same grammar without memo, expectation sets or
// allocations, which can only say "valid" (the full parser then is not needed) or "not sure".
#include "config/filterexpr.h"
#include "config/syntax_p.h"

#include <QHash>

#include <algorithm>
#include <array>

namespace chainscope::config {

QString filterOpName(FilterOp op)
{
    switch (op) {
    case FilterOp::Equal: return QStringLiteral("Equal");
    case FilterOp::NotEqual: return QStringLiteral("Not Equal");
    case FilterOp::In: return QStringLiteral("In");
    case FilterOp::NotIn: return QStringLiteral("Not In");
    case FilterOp::IsEmpty: return QStringLiteral("Is Empty");
    case FilterOp::IsNotEmpty: return QStringLiteral("Is Not Empty");
    case FilterOp::Matches: return QStringLiteral("Matches");
    case FilterOp::NotMatches: return QStringLiteral("Not Matches");
    }
    return {};
}

namespace {

constexpr char32_t kRuneError = 0xFFFD;

/** Decodes one code point the way Go's utf8.DecodeRune does: invalid input gives (RuneError, 1), the
 *  end of input (RuneError, 0). */
std::pair<char32_t, int> decodeRune(const QByteArray &data, int offset)
{
    const int n = int(data.size()) - offset;
    if (n <= 0)
        return {kRuneError, 0};
    const auto b0 = uchar(data[offset]);
    if (b0 < 0x80)
        return {b0, 1};
    auto cont = [&](int i) { return i < n && (uchar(data[offset + i]) & 0xC0) == 0x80; };
    auto at = [&](int i) { return char32_t(uchar(data[offset + i]) & 0x3F); };
    if (b0 >= 0xC2 && b0 <= 0xDF && cont(1))
        return {(char32_t(b0 & 0x1F) << 6) | at(1), 2};
    if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) && cont(2)) {
        const char32_t r = (char32_t(b0 & 0x0F) << 12) | (at(1) << 6) | at(2);
        if (r >= 0x800 && (r < 0xD800 || r > 0xDFFF))
            return {r, 3};
    }
    if (b0 >= 0xF0 && b0 <= 0xF4 && cont(1) && cont(2) && cont(3)) {
        const char32_t r = (char32_t(b0 & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3);
        if (r >= 0x10000 && r <= 0x10FFFF)
            return {r, 4};
    }
    return {kRuneError, 1};
}

/** Go's strconv.Unquote for the two string forms the grammar lexes. */
std::optional<QByteArray> goUnquote(const QByteArray &s)
{
    if (s.size() < 2 || s.front() != s.back())
        return std::nullopt;
    const char quote = s.front();
    QByteArray body = s.mid(1, s.size() - 2);
    if (quote == '`') {
        if (body.contains('`'))
            return std::nullopt;
        body.replace("\r", "");
        return body;
    }
    if (quote != '"' || body.contains('\n'))
        return std::nullopt;
    QByteArray out;
    out.reserve(body.size());
    int i = 0;
    const int n = int(body.size());
    auto hexValue = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    auto appendRune = [&out](char32_t r) {
        const QString str = QString::fromUcs4(&r, 1);
        out.append(str.toUtf8());
    };
    while (i < n) {
        const char c = body[i];
        if (c == quote)
            return std::nullopt;
        if (c != '\\') {
            if (uchar(c) >= 0x80) {
                // Go decodes the rune; invalid bytes become U+FFFD.
                const auto [r, w] = decodeRune(body, i);
                appendRune(r);
                i += w;
            } else {
                out.append(c);
                ++i;
            }
            continue;
        }
        if (i + 1 >= n)
            return std::nullopt;
        const char e = body[i + 1];
        i += 2;
        if (const char control = detail::controlEscape(e)) {
            out.append(control);
            continue;
        }
        switch (e) {
        case '\\': out.append('\\'); break;
        case '"': out.append('"'); break;
        case 'x':
        case 'u':
        case 'U': {
            const int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            if (n - i < digits)
                return std::nullopt;
            char32_t v = 0;
            for (int k = 0; k < digits; ++k) {
                const int h = hexValue(body[i + k]);
                if (h < 0)
                    return std::nullopt;
                v = (v << 4) | char32_t(h);
            }
            i += digits;
            if (e == 'x') {
                out.append(char(v)); // a single byte, as Go does
                break;
            }
            if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
                return std::nullopt;
            appendRune(v);
            break;
        }
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            int v = e - '0';
            if (n - i < 2)
                return std::nullopt;
            for (int k = 0; k < 2; ++k) {
                const int d = body[i + k] - '0';
                if (d < 0 || d > 7)
                    return std::nullopt;
                v = (v << 3) | d;
            }
            if (v > 255)
                return std::nullopt;
            i += 2;
            out.append(char(v));
            break;
        }
        default:
            return std::nullopt;
        }
    }
    return out;
}

struct Pos {
    int offset = 0;
    int line = 1;
    int col = 0;
};

struct Point {
    Pos pos;
    char32_t rn = kRuneError;
    int w = 0;
};

enum class Rule {
    Input, Or, And, Not, Paren, Match, MatchSelectorOpValue, MatchSelectorOp, MatchValueOpSelector,
    MatchEqual, MatchNotEqual, MatchIsEmpty, MatchIsNotEmpty, MatchIn, MatchNotIn, MatchContains,
    MatchNotContains, MatchMatches, MatchNotMatches, Selector, Identifier, SelectorOrIndex, Index, Value,
    Number, AfterNumbers, IntegerOrFloat, String, RawStringChar, DoubleStringChar, Ws, Eof, Count
};

/** The name pigeon prints in `rule ...:` error prefixes: the display name (quoted) if the grammar gives
 *  one, else the rule name. Only rules that can raise errors matter, but all are listed. */
QString ruleDisplayName(Rule r)
{
    switch (r) {
    case Rule::Input: return QStringLiteral("Input");
    case Rule::Or: return QStringLiteral("OrExpression");
    case Rule::And: return QStringLiteral("AndExpression");
    case Rule::Not: return QStringLiteral("NotExpression");
    case Rule::Paren: return QStringLiteral("\"grouping\"");
    case Rule::Match:
    case Rule::MatchSelectorOpValue:
    case Rule::MatchSelectorOp:
    case Rule::MatchValueOpSelector: return QStringLiteral("\"match\"");
    case Rule::MatchEqual: return QStringLiteral("MatchEqual");
    case Rule::MatchNotEqual: return QStringLiteral("MatchNotEqual");
    case Rule::MatchIsEmpty: return QStringLiteral("MatchIsEmpty");
    case Rule::MatchIsNotEmpty: return QStringLiteral("MatchIsNotEmpty");
    case Rule::MatchIn: return QStringLiteral("MatchIn");
    case Rule::MatchNotIn: return QStringLiteral("MatchNotIn");
    case Rule::MatchContains: return QStringLiteral("MatchContains");
    case Rule::MatchNotContains: return QStringLiteral("MatchNotContains");
    case Rule::MatchMatches: return QStringLiteral("MatchMatches");
    case Rule::MatchNotMatches: return QStringLiteral("MatchNotMatches");
    case Rule::Selector: return QStringLiteral("\"selector\"");
    case Rule::Identifier: return QStringLiteral("Identifier");
    case Rule::SelectorOrIndex: return QStringLiteral("SelectorOrIndex");
    case Rule::Index: return QStringLiteral("\"index\"");
    case Rule::Value: return QStringLiteral("\"value\"");
    case Rule::Number: return QStringLiteral("\"number\"");
    case Rule::AfterNumbers: return QStringLiteral("AfterNumbers");
    case Rule::IntegerOrFloat: return QStringLiteral("IntegerOrFloat");
    case Rule::String: return QStringLiteral("\"string\"");
    case Rule::RawStringChar: return QStringLiteral("RawStringChar");
    case Rule::DoubleStringChar: return QStringLiteral("DoubleStringChar");
    case Rule::Ws: return QStringLiteral("\"whitespace\"");
    case Rule::Eof: return QStringLiteral("EOF");
    case Rule::Count: break;
    }
    return {};
}

/** The semantic value a rule produces. */
struct Sem {
    FilterNodePtr node;
    FilterSelector selector;
    FilterValue value;
    QString text;
    FilterOp op = FilterOp::Equal;
    FilterRange range;
};

struct MemoEntry {
    bool ok = false;
    Point end;
    Sem sem;
};

/** One entry of pigeon's "expected" set, kept as static text until an error is actually reported: a
 *  literal (shown as Go's %q of it) or a character class / "." (shown as written), inverted inside `!`. */
struct Expectation {
    const char *text = nullptr;
    bool literal = false;
    bool inverted = false;

    [[nodiscard]] QString toString() const
    {
        QString out;
        if (inverted)
            out += QLatin1Char('!');
        if (!literal)
            return out + QLatin1String(text);
        out += QLatin1Char('"');
        for (const char *c = text; *c; ++c) {
            if (*c == '"' || *c == '\\')
                out += QLatin1Char('\\');
            out += QLatin1Char(*c);
        }
        return out + QLatin1Char('"');
    }
};

struct RecordedError {
    QString message;
    Pos pos;
};

class Parser
{
public:
    explicit Parser(QByteArray data)
        : m_data(std::move(data))
    {
        m_maxFail.col = 1;
        read();
    }

    FilterParseResult run()
    {
        Sem sem;
        const bool ok = input(sem);
        FilterParseResult result;
        if (m_tooDeep) {
            result.error = FilterParseError{QStringLiteral("expression is nested more than %1 levels deep").arg(kMaxFilterNesting), 0, 1, 1};
            return result;
        }
        if (!ok && m_errors.isEmpty())
            addNoMatchError();
        if (!m_errors.isEmpty()) {
            QStringList seen;
            QStringList lines;
            Pos first = m_errors.front().pos;
            for (const RecordedError &e : std::as_const(m_errors)) {
                if (seen.contains(e.message))
                    continue;
                seen.append(e.message);
                lines.append(e.message);
            }
            result.error = FilterParseError{lines.join(QLatin1Char('\n')), first.offset, first.line, first.col};
            return result;
        }
        result.root = sem.node;
        return result;
    }

private:
    // ---- primitives (pigeon semantics) ----

    void read()
    {
        m_pt.pos.offset += m_pt.w;
        const auto [rn, w] = decodeRune(m_data, m_pt.pos.offset);
        m_pt.rn = rn;
        m_pt.w = w;
        ++m_pt.pos.col;
        if (rn == U'\n') {
            ++m_pt.pos.line;
            m_pt.pos.col = 0;
        }
        if (rn == kRuneError && w == 1)
            addErrAt(QStringLiteral("invalid encoding"), m_pt.pos);
    }

    [[nodiscard]] bool atEof() const { return m_pt.rn == kRuneError && m_pt.w == 0; }

    /** Records text (a literal if literal, else a class) as expected at pos, as pigeon does. */
    void failAt(bool matched, const Pos &pos, const char *text, bool literal)
    {
        if (matched != m_invert)
            return;
        if (pos.offset < m_maxFail.offset)
            return;
        if (pos.offset > m_maxFail.offset) {
            m_maxFail = pos;
            m_expected.clear();
        }
        m_expected.append(Expectation{text, literal, m_invert});
    }

    void addErrAt(const QString &message, const Pos &pos)
    {
        QString prefix = QStringLiteral("%1:%2 (%3)").arg(pos.line).arg(pos.col).arg(pos.offset);
        if (!m_rstack.isEmpty())
            prefix += QStringLiteral(": rule ") + ruleDisplayName(m_rstack.back());
        m_errors.append(RecordedError{prefix + QStringLiteral(": ") + message, pos});
    }

    void addErr(const QString &message) { addErrAt(message, m_pt.pos); }

    void addNoMatchError()
    {
        QStringList expected;
        bool eof = false;
        for (const Expectation &expectation : std::as_const(m_expected)) {
            const QString e = expectation.toString();
            if (e == QLatin1String("!.")) {
                eof = true;
                continue;
            }
            if (!expected.contains(e))
                expected.append(e);
        }
        // Go's sort.Strings: byte order of the UTF-8 text (all ASCII here).
        std::sort(expected.begin(), expected.end(), [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });
        if (eof)
            expected.append(QStringLiteral("EOF"));
        QString list;
        if (expected.size() == 1) {
            list = expected.front();
        } else if (expected.size() > 1) {
            list = expected.mid(0, expected.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + expected.back();
        }
        addErrAt(QStringLiteral("no match found, expected: ") + list, m_maxFail);
        // The end-of-parse error carries no rule name (the rule stack is empty by then).
    }

    /** A literal (all literals of this grammar are ASCII; text must be a string literal, as it is kept). */
    bool lit(const char *text)
    {
        const Point start = m_pt;
        for (const char *c = text; *c; ++c) {
            if (m_pt.rn != char32_t(uchar(*c))) {
                failAt(false, start.pos, text, true);
                m_pt = start;
                return false;
            }
            read();
        }
        failAt(true, start.pos, text, true);
        return true;
    }

    /** One character of a class; want is the class as pigeon prints it (a string literal, as it is kept). */
    template<class Pred>
    bool charClass(Pred pred, const char *want)
    {
        const Point start = m_pt;
        if (atEof()) {
            failAt(false, start.pos, want, false);
            return false;
        }
        if (pred(m_pt.rn)) {
            read();
            failAt(true, start.pos, want, false);
            return true;
        }
        failAt(false, start.pos, want, false);
        return false;
    }

    bool any()
    {
        if (atEof()) {
            failAt(false, m_pt.pos, ".", false);
            return false;
        }
        const Point start = m_pt;
        read();
        failAt(true, start.pos, ".", false);
        return true;
    }

    template<class F>
    bool notAhead(F &&f)
    {
        const Point start = m_pt;
        m_invert = !m_invert;
        const bool ok = f();
        m_invert = !m_invert;
        m_pt = start;
        return !ok;
    }

    template<class F>
    bool andAhead(F &&f)
    {
        const Point start = m_pt;
        const bool ok = f();
        m_pt = start;
        return ok;
    }

    /** Runs a rule body with memoisation, the rule stack and the nesting limit. */
    template<class F>
    bool rule(Rule id, Sem &out, F &&body)
    {
        if (m_tooDeep)
            return false;
        if (m_depth >= kMaxFilterNesting) {
            m_tooDeep = true;
            return false;
        }
        const bool memoise = isMemoised(id);
        const quint64 key = (quint64(id) << 40) | (quint64(quint32(m_pt.pos.offset)) << 1) | (m_invert ? 1U : 0U);
        if (const auto it = memoise ? m_memo.constFind(key) : m_memo.constEnd(); it != m_memo.constEnd()) {
            if (it->ok) {
                m_pt = it->end;
                out = it->sem;
            }
            return it->ok;
        }
        const Point start = m_pt;
        m_rstack.append(id);
        ++m_depth;
        Sem sem;
        const bool ok = body(sem);
        --m_depth;
        m_rstack.removeLast();
        if (!ok)
            m_pt = start;
        if (m_tooDeep)
            return false;
        if (!memoise) {
            if (ok)
                out = std::move(sem);
            return ok;
        }
        if (ok)
            out = sem;
        m_memo.insert(key, MemoEntry{ok, m_pt, ok ? std::move(sem) : Sem{}});
        return ok;
    }

    /** Leaf rules are not memoised: each runs once per caller that is memoised itself, or is cheaper to
     *  run again than to look up. Running one again records the same expectations and errors, which the
     *  reports de-duplicate; AfterNumbers, the only one with sub-rules, runs once per number, offset and
     *  inversion, so the nesting limit is met exactly where it would be with the memo. */
    static constexpr bool isMemoised(Rule id)
    {
        switch (id) {
        case Rule::Identifier:
        case Rule::AfterNumbers:
        case Rule::IntegerOrFloat:
        case Rule::RawStringChar:
        case Rule::DoubleStringChar:
        case Rule::Ws:
        case Rule::Eof: return false;
        default: return true;
        }
    }

    template<class F>
    bool rule(Rule id, F &&body)
    {
        Sem ignored;
        return rule(id, ignored, [&](Sem &) { return body(); });
    }

    // ---- grammar rules (go-bexpr v0.1.2 grammar.peg) ----

    // _ "whitespace" <- [ \t\r\n]+
    bool ws()
    {
        return rule(Rule::Ws, [this] {
            auto isWs = [](char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n'; };
            const char *want = "[ \\t\\r\\n]";
            if (!charClass(isWs, want))
                return false;
            while (charClass(isWs, want)) {
            }
            return true;
        });
    }

    void wsOpt() { ws(); }

    // EOF <- !.
    bool eof()
    {
        return rule(Rule::Eof, [this] { return notAhead([this] { return any(); }); });
    }

    // Input <- _? "(" _? expr:OrExpression _? ")" _? EOF / _? expr:OrExpression _? EOF
    bool input(Sem &out)
    {
        return rule(Rule::Input, out, [this](Sem &s) {
            const Point start = m_pt;
            wsOpt();
            if (lit("(")) {
                wsOpt();
                Sem e;
                if (orExpr(e)) {
                    wsOpt();
                    if (lit(")")) {
                        wsOpt();
                        if (eof()) {
                            s = e;
                            return true;
                        }
                    }
                }
            }
            m_pt = start;
            wsOpt();
            Sem e;
            if (orExpr(e)) {
                wsOpt();
                if (eof()) {
                    s = e;
                    return true;
                }
            }
            m_pt = start;
            return false;
        });
    }

    static FilterNodePtr binary(FilterNode::Kind kind, const Sem &l, const Sem &r)
    {
        auto n = std::make_shared<FilterNode>();
        n->kind = kind;
        n->left = l.node;
        n->right = r.node;
        n->range = {l.node->range.begin, r.node->range.end};
        return n;
    }

    // OrExpression <- left:AndExpression _ "or" _ right:OrExpression / expr:AndExpression
    bool orExpr(Sem &out)
    {
        return rule(Rule::Or, out, [this](Sem &s) {
            const Point start = m_pt;
            Sem l;
            Sem r;
            if (andExpr(l) && ws() && lit("or") && ws() && orExpr(r)) {
                s.node = binary(FilterNode::Kind::Or, l, r);
                return true;
            }
            m_pt = start;
            return andExpr(s);
        });
    }

    // AndExpression <- left:NotExpression _ "and" _ right:AndExpression / expr:NotExpression
    bool andExpr(Sem &out)
    {
        return rule(Rule::And, out, [this](Sem &s) {
            const Point start = m_pt;
            Sem l;
            Sem r;
            if (notExpr(l) && ws() && lit("and") && ws() && andExpr(r)) {
                s.node = binary(FilterNode::Kind::And, l, r);
                return true;
            }
            m_pt = start;
            return notExpr(s);
        });
    }

    // NotExpression <- "not" _ expr:NotExpression / expr:ParenthesizedExpression   ("not not X" is X)
    bool notExpr(Sem &out)
    {
        return rule(Rule::Not, out, [this](Sem &s) {
            const Point start = m_pt;
            Sem e;
            if (lit("not") && ws() && notExpr(e)) {
                if (e.node->kind == FilterNode::Kind::Not) {
                    s.node = e.node->left;
                } else {
                    auto n = std::make_shared<FilterNode>();
                    n->kind = FilterNode::Kind::Not;
                    n->left = e.node;
                    n->range = {start.pos.offset, e.node->range.end};
                    s.node = n;
                }
                return true;
            }
            m_pt = start;
            return parenExpr(s);
        });
    }

    // ParenthesizedExpression "grouping" <- "(" _? expr:OrExpression _? ")" / expr:MatchExpression
    //     / "(" _? OrExpression _? !")" &{ "Unmatched parentheses" }
    bool parenExpr(Sem &out)
    {
        return rule(Rule::Paren, out, [this](Sem &s) {
            const Point start = m_pt;
            if (lit("(")) {
                wsOpt();
                Sem e;
                if (orExpr(e)) {
                    wsOpt();
                    if (lit(")")) {
                        s = e;
                        return true;
                    }
                }
            }
            m_pt = start;
            if (matchExpr(s))
                return true;
            m_pt = start;
            if (lit("(")) {
                wsOpt();
                Sem e;
                if (orExpr(e)) {
                    wsOpt();
                    if (notAhead([this] { return lit(")"); }))
                        addErr(QStringLiteral("Unmatched parentheses"));
                }
            }
            m_pt = start;
            return false;
        });
    }

    // MatchExpression "match" <- MatchSelectorOpValue / MatchSelectorOp / MatchValueOpSelector
    bool matchExpr(Sem &out)
    {
        return rule(Rule::Match, out, [this](Sem &s) {
            return matchSelectorOpValue(s) || matchSelectorOp(s) || matchValueOpSelector(s);
        });
    }

    static FilterNodePtr matchNode(const Sem &selector, FilterOp op, const Sem *value, int begin, int end)
    {
        auto n = std::make_shared<FilterNode>();
        n->kind = FilterNode::Kind::Match;
        n->selector = selector.selector;
        n->op = op;
        if (value)
            n->value = value->value;
        n->range = {begin, end};
        return n;
    }

    template<class F>
    bool opRule(Rule id, FilterOp op, Sem &out, F &&body)
    {
        return rule(id, out, [&](Sem &s) {
            if (!body())
                return false;
            s.op = op;
            return true;
        });
    }

    // MatchEqual <- _? "==" _?   MatchNotEqual <- _? "!=" _?   MatchContains <- _ "contains" _ (In)
    // MatchNotContains <- _ "not" _ "contains" _ (NotIn)   MatchMatches <- _ "matches" _
    // MatchNotMatches <- _ "not" _ "matches" _
    bool selectorValueOperator(Sem &s)
    {
        return opRule(Rule::MatchEqual, FilterOp::Equal, s, [this] { wsOpt(); if (!lit("==")) return false; wsOpt(); return true; })
            || opRule(Rule::MatchNotEqual, FilterOp::NotEqual, s, [this] { wsOpt(); if (!lit("!=")) return false; wsOpt(); return true; })
            || opRule(Rule::MatchContains, FilterOp::In, s, [this] { return ws() && lit("contains") && ws(); })
            || opRule(Rule::MatchNotContains, FilterOp::NotIn, s, [this] { return ws() && lit("not") && ws() && lit("contains") && ws(); })
            || opRule(Rule::MatchMatches, FilterOp::Matches, s, [this] { return ws() && lit("matches") && ws(); })
            || opRule(Rule::MatchNotMatches, FilterOp::NotMatches, s, [this] { return ws() && lit("not") && ws() && lit("matches") && ws(); });
    }

    // MatchIsEmpty <- _ "is" _ "empty"   MatchIsNotEmpty <- _ "is" _ "not" _ "empty"
    bool selectorOperator(Sem &s)
    {
        return opRule(Rule::MatchIsEmpty, FilterOp::IsEmpty, s, [this] { return ws() && lit("is") && ws() && lit("empty"); })
            || opRule(Rule::MatchIsNotEmpty, FilterOp::IsNotEmpty, s, [this] { return ws() && lit("is") && ws() && lit("not") && ws() && lit("empty"); });
    }

    // MatchIn <- _ "in" _   MatchNotIn <- _ "not" _ "in" _
    bool valueSelectorOperator(Sem &s)
    {
        return opRule(Rule::MatchIn, FilterOp::In, s, [this] { return ws() && lit("in") && ws(); })
            || opRule(Rule::MatchNotIn, FilterOp::NotIn, s, [this] { return ws() && lit("not") && ws() && lit("in") && ws(); });
    }

    // MatchSelectorOpValue "match" <- Selector (MatchEqual / ... / MatchNotMatches) Value
    bool matchSelectorOpValue(Sem &out)
    {
        return rule(Rule::MatchSelectorOpValue, out, [this](Sem &s) {
            const int begin = m_pt.pos.offset;
            Sem sel;
            Sem op;
            Sem val;
            if (selector(sel) && selectorValueOperator(op) && value(val)) {
                s.node = matchNode(sel, op.op, &val, begin, m_pt.pos.offset);
                return true;
            }
            return false;
        });
    }

    // MatchSelectorOp "match" <- Selector (MatchIsEmpty / MatchIsNotEmpty)
    bool matchSelectorOp(Sem &out)
    {
        return rule(Rule::MatchSelectorOp, out, [this](Sem &s) {
            const int begin = m_pt.pos.offset;
            Sem sel;
            Sem op;
            if (selector(sel) && selectorOperator(op)) {
                s.node = matchNode(sel, op.op, nullptr, begin, m_pt.pos.offset);
                return true;
            }
            return false;
        });
    }

    // MatchValueOpSelector "match" <- Value (MatchIn / MatchNotIn) Selector
    //     / Value (MatchIn / MatchNotIn) !Selector &{ "Invalid selector" }
    bool matchValueOpSelector(Sem &out)
    {
        return rule(Rule::MatchValueOpSelector, out, [this](Sem &s) {
            const Point start = m_pt;
            const int begin = start.pos.offset;
            Sem val;
            Sem op;
            Sem sel;
            if (value(val) && valueSelectorOperator(op) && selector(sel)) {
                s.node = matchNode(sel, op.op, &val, begin, m_pt.pos.offset);
                return true;
            }
            m_pt = start;
            if (value(val) && valueSelectorOperator(op) && notAhead([this] { Sem ignored; return selector(ignored); }))
                addErr(QStringLiteral("Invalid selector"));
            m_pt = start;
            return false;
        });
    }

    // Selector "selector" <- Identifier SelectorOrIndex*
    bool selector(Sem &out)
    {
        return rule(Rule::Selector, out, [this](Sem &s) {
            const int begin = m_pt.pos.offset;
            Sem first;
            if (!identifier(first))
                return false;
            s.selector.path.append(first.text);
            s.selector.segments.append(first.range);
            Sem next;
            while (selectorOrIndex(next)) {
                s.selector.path.append(next.text);
                s.selector.segments.append(next.range);
            }
            s.selector.range = {begin, m_pt.pos.offset};
            return true;
        });
    }

    // Identifier <- [a-zA-Z] [a-zA-Z0-9_]*
    bool identifier(Sem &out)
    {
        return rule(Rule::Identifier, out, [this](Sem &s) {
            const int begin = m_pt.pos.offset;
            auto alpha = [](char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); };
            auto alnum = [alpha](char32_t c) { return alpha(c) || (c >= U'0' && c <= U'9') || c == U'_'; };
            if (!charClass(alpha, "[a-zA-Z]"))
                return false;
            while (charClass(alnum, "[a-zA-Z0-9_]")) {
            }
            s.text = QString::fromUtf8(m_data.mid(begin, m_pt.pos.offset - begin));
            s.range = {begin, m_pt.pos.offset};
            return true;
        });
    }

    // SelectorOrIndex <- "." Identifier / IndexExpression
    bool selectorOrIndex(Sem &out)
    {
        return rule(Rule::SelectorOrIndex, out, [this](Sem &s) {
            const Point start = m_pt;
            if (lit(".") && identifier(s))
                return true;
            m_pt = start;
            return indexExpr(s);
        });
    }

    // IndexExpression "index" <- "[" _? StringLiteral _? "]" / "[" _? !StringLiteral &{ "Invalid index" }
    //     / "[" _? StringLiteral _? !"]" &{ "Unclosed index expression" }
    bool indexExpr(Sem &out)
    {
        return rule(Rule::Index, out, [this](Sem &s) {
            const Point start = m_pt;
            Sem str;
            if (lit("[")) {
                wsOpt();
                if (stringLiteral(str)) {
                    wsOpt();
                    if (lit("]")) {
                        s.text = str.text;
                        s.range = str.range;
                        return true;
                    }
                }
            }
            m_pt = start;
            if (lit("[")) {
                wsOpt();
                if (notAhead([this] { Sem ignored; return stringLiteral(ignored); }))
                    addErr(QStringLiteral("Invalid index"));
            }
            m_pt = start;
            if (lit("[")) {
                wsOpt();
                if (stringLiteral(str)) {
                    wsOpt();
                    if (notAhead([this] { return lit("]"); }))
                        addErr(QStringLiteral("Unclosed index expression"));
                }
            }
            m_pt = start;
            return false;
        });
    }

    // Value "value" <- Selector / NumberLiteral / StringLiteral
    bool value(Sem &out)
    {
        return rule(Rule::Value, out, [this](Sem &s) {
            const int begin = m_pt.pos.offset;
            Sem v;
            if (selector(v)) {
                s.value = FilterValue{v.selector.toString(), {begin, m_pt.pos.offset}};
                return true;
            }
            if (numberLiteral(v) || stringLiteral(v)) {
                s.value = FilterValue{v.text, {begin, m_pt.pos.offset}};
                return true;
            }
            return false;
        });
    }

    // NumberLiteral "number" <- "-"? IntegerOrFloat &AfterNumbers
    //     / "-"? IntegerOrFloat !AfterNumbers &{ "Invalid number literal" }
    bool numberLiteral(Sem &out)
    {
        return rule(Rule::Number, out, [this](Sem &s) {
            const Point start = m_pt;
            lit("-");
            if (integerOrFloat() && andAhead([this] { return afterNumbers(); })) {
                s.text = QString::fromUtf8(m_data.mid(start.pos.offset, m_pt.pos.offset - start.pos.offset));
                return true;
            }
            m_pt = start;
            lit("-");
            if (integerOrFloat() && notAhead([this] { return afterNumbers(); }))
                addErr(QStringLiteral("Invalid number literal"));
            m_pt = start;
            return false;
        });
    }

    // AfterNumbers <- &(_ / EOF / ")")
    bool afterNumbers()
    {
        return rule(Rule::AfterNumbers, [this] { return andAhead([this] { return ws() || eof() || lit(")"); }); });
    }

    // IntegerOrFloat <- ("0" / [1-9][0-9]*) ("." [0-9]+)?
    bool integerOrFloat()
    {
        return rule(Rule::IntegerOrFloat, [this] {
            auto nonZero = [](char32_t c) { return c >= U'1' && c <= U'9'; };
            auto digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
            if (!lit("0")) {
                if (!charClass(nonZero, "[1-9]"))
                    return false;
                while (charClass(digit, "[0-9]")) {
                }
            }
            const Point beforeFraction = m_pt;
            if (lit(".") && charClass(digit, "[0-9]")) {
                while (charClass(digit, "[0-9]")) {
                }
            } else {
                m_pt = beforeFraction;
            }
            return true;
        });
    }

    // StringLiteral "string" <- ('`' RawStringChar* '`' / '"' DoubleStringChar* '"') { strconv.Unquote }
    //     / ('`' RawStringChar* / '"' DoubleStringChar*) EOF &{ "Unterminated string literal" }
    bool stringLiteral(Sem &out)
    {
        return rule(Rule::String, out, [this](Sem &s) {
            const Point start = m_pt;
            auto body = [this](bool closed) {
                const Point b = m_pt;
                if (lit("`")) {
                    while (rule(Rule::RawStringChar, [this] { return notAhead([this] { return lit("`"); }) && any(); })) {
                    }
                    if (!closed || lit("`"))
                        return true;
                }
                m_pt = b;
                if (lit("\"")) {
                    while (rule(Rule::DoubleStringChar, [this] { return notAhead([this] { return lit("\""); }) && any(); })) {
                    }
                    if (!closed || lit("\""))
                        return true;
                }
                m_pt = b;
                return false;
            };
            if (body(true)) {
                const QByteArray text = m_data.mid(start.pos.offset, m_pt.pos.offset - start.pos.offset);
                const std::optional<QByteArray> unquoted = goUnquote(text);
                if (unquoted)
                    s.text = QString::fromUtf8(*unquoted);
                else
                    addErrAt(QStringLiteral("invalid syntax"), start.pos);
                s.range = {start.pos.offset, m_pt.pos.offset};
                return true;
            }
            m_pt = start;
            if (body(false) && eof())
                addErr(QStringLiteral("Unterminated string literal"));
            m_pt = start;
            return false;
        });
    }

    QByteArray m_data;
    Point m_pt;
    bool m_invert = false;
    Pos m_maxFail;
    QList<Expectation> m_expected;
    QList<RecordedError> m_errors;
    QList<Rule> m_rstack;
    int m_depth = 0;
    bool m_tooDeep = false;
    QHash<quint64, MemoEntry> m_memo;
};

/**
 * The common shapes without the machinery: the same PEG as Parser, run on the UTF-16 text without
 * memoisation, expectation sets or allocations. Every rule returns the offset where its match ends, or -1
 * when it does not match, exactly as the full parser would decide. Wherever the full parser would record
 * an error (which fails the whole parse even when the grammar matched) or the answer depends on
 * something not modelled here (escapes in strings, surrogates, deep nesting, very long text),
 * m_unsure is set and the caller runs the full parser instead, so this can only ever say "valid".
 *
 * Three shortcuts, each exact because the rules are deterministic and the paths skipped can only record
 * errors the paths taken record too:
 * - Input: its first alternative `_? "(" _? Or _? ")" _? EOF` explores the same inner Or as the second
 *   alternative's ParenthesizedExpression at the same offset, and matches only when the second does.
 * - Or/And: the second alternative re-runs the first one's left operand at the same offset.
 * - Parenthesized: after "(" and a failed Or, MatchExpression cannot start with "(" and the third
 *   alternative fails on the same Or; after a matched Or without ")", the third alternative records
 *   "Unmatched parentheses".
 */
class QuickRecogniser
{
public:
    explicit QuickRecogniser(QStringView text)
        : m_text(text.utf16())
        , m_size(int(text.size()))
    {
    }

    [[nodiscard]] bool accepts()
    {
        // UTF-8 needs at most 3 bytes per UTF-16 code unit (surrogates are refused below).
        if (m_size > kMaxFilterBytes / 3)
            return false;
        int p = orExpr(wsOpt(0));
        if (p >= 0)
            p = wsOpt(p);
        return !m_unsure && p == m_size;
    }

private:
    /** Rule levels one and/or/not costs in Parser (a parenthesis costs four: grouping, Or, And, Not).
     *  Beyond the budget the nesting limit might apply: the full parser decides. */
    static constexpr int kBudget = 64;

    /** The code unit at p, -1 at the end (or for p = -1, a failed match). A surrogate makes the answer unsure (the UTF-8 conversion of a
     *  lone one is not modelled here); it then matches nothing, so every loop still ends. */
    [[nodiscard]] int at(int p)
    {
        if (uint(p) >= uint(m_size))
            return -1;
        const char16_t c = m_text[p];
        if (QChar::isSurrogate(c))
            m_unsure = true;
        return c;
    }

    static bool isWs(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
    static bool isAlpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    static bool isDigit(int c) { return c >= '0' && c <= '9'; }
    static bool isIdentChar(int c) { return isAlpha(c) || isDigit(c) || c == '_'; }

    bool spend(int cost)
    {
        m_spent += cost;
        if (m_spent > kBudget)
            m_unsure = true;
        return !m_unsure;
    }

    int unsure()
    {
        m_unsure = true;
        return -1;
    }

    // _ <- [ \t\r\n]+
    int ws(int p)
    {
        if (p < 0 || !isWs(at(p)))
            return -1;
        while (isWs(at(p)))
            ++p;
        return p;
    }

    int wsOpt(int p)
    {
        while (isWs(at(p)))
            ++p;
        return p;
    }

    int lit(int p, const char *text)
    {
        if (p < 0)
            return -1;
        for (; *text; ++text, ++p) {
            if (at(p) != *text)
                return -1;
        }
        return p;
    }

    // OrExpression <- AndExpression _ "or" _ OrExpression / AndExpression
    int orExpr(int p) { return operatorChain(p, "or", &QuickRecogniser::andExpr); }

    // AndExpression <- NotExpression _ "and" _ AndExpression / NotExpression
    int andExpr(int p) { return operatorChain(p, "and", &QuickRecogniser::notExpr); }

    /** Self <- Operand _ keyword _ Self / Operand */
    int operatorChain(int p, const char *keyword, int (QuickRecogniser::*operand)(int))
    {
        const int left = (this->*operand)(p);
        if (left < 0)
            return -1;
        const int q = ws(lit(ws(left), keyword));
        if (q >= 0 && spend(1)) {
            if (const int r = operatorChain(q, keyword, operand); r >= 0)
                return r;
        }
        return left;
    }

    // NotExpression <- "not" _ NotExpression / ParenthesizedExpression
    int notExpr(int p)
    {
        const int q = ws(lit(p, "not"));
        if (q >= 0 && spend(1)) {
            if (const int r = notExpr(q); r >= 0)
                return r;
        }
        return parenExpr(p);
    }

    // ParenthesizedExpression <- "(" _? OrExpression _? ")" / MatchExpression / "(" _? OrExpression _? !")" &{...}
    int parenExpr(int p)
    {
        if (at(p) != '(')
            return matchExpr(p);
        if (!spend(4))
            return -1;
        const int inner = orExpr(wsOpt(p + 1));
        if (inner < 0)
            return -1;
        const int close = wsOpt(inner);
        if (at(close) == ')')
            return close + 1;
        return unsure(); // "Unmatched parentheses"
    }

    // MatchExpression <- Selector SelectorValueOp Value / Selector (MatchIsEmpty / MatchIsNotEmpty)
    //     / Value (MatchIn / MatchNotIn) Selector / Value (MatchIn / MatchNotIn) !Selector &{...}
    int matchExpr(int p)
    {
        const int sel = selector(p);
        if (sel >= 0) {
            if (const int op = selectorValueOp(sel); op >= 0) {
                if (const int v = value(op); v >= 0)
                    return v;
            }
            if (const int op = selectorOp(sel); op >= 0)
                return op;
        }
        const int v = sel >= 0 ? sel : value(p); // Value tries Selector first
        if (v < 0)
            return -1;
        const int op = valueSelectorOp(v);
        if (op < 0)
            return -1;
        if (const int s = selector(op); s >= 0)
            return s;
        return unsure(); // "Invalid selector"
    }

    // MatchEqual <- _? "==" _?  MatchNotEqual <- _? "!=" _?  MatchContains <- _ "contains" _
    // MatchNotContains <- _ "not" _ "contains" _  MatchMatches <- _ "matches" _
    // MatchNotMatches <- _ "not" _ "matches" _
    int selectorValueOp(int p)
    {
        if (const int q = lit(wsOpt(p), "=="); q >= 0)
            return wsOpt(q);
        if (const int q = lit(wsOpt(p), "!="); q >= 0)
            return wsOpt(q);
        const int w = ws(p);
        if (w < 0)
            return -1;
        if (const int q = ws(lit(w, "contains")); q >= 0)
            return q;
        const int notWs = ws(lit(w, "not"));
        if (const int q = ws(lit(notWs, "contains")); q >= 0)
            return q;
        if (const int q = ws(lit(w, "matches")); q >= 0)
            return q;
        return ws(lit(notWs, "matches"));
    }

    // MatchIsEmpty <- _ "is" _ "empty"  MatchIsNotEmpty <- _ "is" _ "not" _ "empty"
    int selectorOp(int p)
    {
        const int is = ws(lit(ws(p), "is"));
        if (const int q = lit(is, "empty"); q >= 0)
            return q;
        return lit(ws(lit(is, "not")), "empty");
    }

    // MatchIn <- _ "in" _  MatchNotIn <- _ "not" _ "in" _
    int valueSelectorOp(int p)
    {
        const int w = ws(p);
        if (const int q = ws(lit(w, "in")); q >= 0)
            return q;
        return ws(lit(ws(lit(w, "not")), "in"));
    }

    // Selector <- Identifier SelectorOrIndex*   SelectorOrIndex <- "." Identifier / IndexExpression
    int selector(int p)
    {
        p = identifier(p);
        while (p >= 0) {
            const int c = at(p);
            int next = -1;
            if (c == '.')
                next = identifier(p + 1); // IndexExpression cannot start with "."
            else if (c == '[')
                next = index(p);
            if (next < 0)
                break;
            p = next;
        }
        return p;
    }

    // Identifier <- [a-zA-Z] [a-zA-Z0-9_]*
    int identifier(int p)
    {
        if (!isAlpha(at(p)))
            return -1;
        ++p;
        while (isIdentChar(at(p)))
            ++p;
        return p;
    }

    // IndexExpression <- "[" _? StringLiteral _? "]" / "[" _? !StringLiteral &{ "Invalid index" }
    //     / "[" _? StringLiteral _? !"]" &{ "Unclosed index expression" }
    int index(int p)
    {
        const int str = stringLiteral(wsOpt(p + 1));
        if (str < 0)
            return unsure();
        const int close = wsOpt(str);
        if (at(close) == ']')
            return close + 1;
        return unsure();
    }

    // Value <- Selector / NumberLiteral / StringLiteral
    int value(int p)
    {
        if (const int s = selector(p); s >= 0)
            return s;
        if (const int n = numberLiteral(p); n >= 0)
            return n;
        return stringLiteral(p);
    }

    // NumberLiteral <- "-"? IntegerOrFloat &AfterNumbers / "-"? IntegerOrFloat !AfterNumbers &{ "Invalid number literal" }
    // IntegerOrFloat <- ("0" / [1-9][0-9]*) ("." [0-9]+)?   AfterNumbers <- &(_ / EOF / ")")
    int numberLiteral(int p)
    {
        if (at(p) == '-')
            ++p;
        const int first = at(p);
        if (!isDigit(first))
            return -1;
        ++p;
        if (first != '0') {
            while (isDigit(at(p)))
                ++p;
        }
        if (at(p) == '.' && isDigit(at(p + 1))) {
            p += 2;
            while (isDigit(at(p)))
                ++p;
        }
        const int after = at(p);
        if (after == -1 || after == ')' || isWs(after))
            return p;
        return unsure();
    }

    // StringLiteral <- ('`' RawStringChar* '`' / '"' DoubleStringChar* '"') { strconv.Unquote }
    //     / ('`' RawStringChar* / '"' DoubleStringChar*) EOF &{ "Unterminated string literal" }
    // A raw string always unquotes; a double-quoted one without backslash or newline does.
    int stringLiteral(int p)
    {
        const int quote = at(p);
        if (quote != '`' && quote != '"')
            return -1;
        for (++p;; ++p) {
            const int c = at(p);
            if (c == quote)
                return p + 1;
            if (c == -1 || (quote == '"' && (c == '\\' || c == '\n')))
                return unsure();
        }
    }

    const char16_t *m_text;
    int m_size;
    int m_spent = 0;
    bool m_unsure = false;
};

QString quoteForDump(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += c;
    }
    return out + QLatin1Char('"');
}

} // namespace

FilterParseResult parseFilter(const QString &expression)
{
    const QByteArray utf8 = expression.toUtf8();
    if (utf8.size() > kMaxFilterBytes) {
        FilterParseResult result;
        result.error = FilterParseError{QStringLiteral("expression is longer than %1 bytes").arg(kMaxFilterBytes), 0, 1, 1};
        return result;
    }
    Parser parser(utf8);
    return parser.run();
}

bool filterSyntaxSurelyValid(QStringView expression)
{
    return QuickRecogniser(expression).accepts();
}

std::optional<FilterParseError> checkFilterSyntax(const QString &expression)
{
    // A mesh repeats its filters ("Service.Meta.version == v1" in every service's resolver): the last few
    // texts found valid are kept per thread, so a repeat costs a comparison or two instead of a parse.
    constexpr size_t kKnown = 8;
    thread_local std::array<QString, kKnown> known;
    thread_local size_t nextKnown = 0;
    for (const QString &k : known) {
        if (k.size() == expression.size() && !k.isNull() && k == expression)
            return std::nullopt;
    }
    if (filterSyntaxSurelyValid(expression)) {
        known[nextKnown++ % kKnown] = expression;
        return std::nullopt;
    }
    return parseFilter(expression).error;
}

QString dumpFilter(const FilterNodePtr &node)
{
    if (!node)
        return QStringLiteral("<null>");
    switch (node->kind) {
    case FilterNode::Kind::Or:
        return QStringLiteral("(or %1 %2)").arg(dumpFilter(node->left), dumpFilter(node->right));
    case FilterNode::Kind::And:
        return QStringLiteral("(and %1 %2)").arg(dumpFilter(node->left), dumpFilter(node->right));
    case FilterNode::Kind::Not:
        return QStringLiteral("(not %1)").arg(dumpFilter(node->left));
    case FilterNode::Kind::Match:
        break;
    }
    QString op;
    switch (node->op) {
    case FilterOp::Equal: op = QStringLiteral("=="); break;
    case FilterOp::NotEqual: op = QStringLiteral("!="); break;
    case FilterOp::In: op = QStringLiteral("in"); break;
    case FilterOp::NotIn: op = QStringLiteral("not-in"); break;
    case FilterOp::IsEmpty: op = QStringLiteral("is-empty"); break;
    case FilterOp::IsNotEmpty: op = QStringLiteral("is-not-empty"); break;
    case FilterOp::Matches: op = QStringLiteral("matches"); break;
    case FilterOp::NotMatches: op = QStringLiteral("not-matches"); break;
    }
    QString out = QStringLiteral("(") + op + QLatin1Char(' ') + node->selector.toString();
    if (node->value)
        out += QLatin1Char(' ') + quoteForDump(node->value->raw);
    return out + QLatin1Char(')');
}

} // namespace chainscope::config
