// go-bexpr v0.1.2 filter expressions (resolver subset filters, /v1/health ?filter=): parser and AST.
//
// Consul pins go-bexpr v0.1.2 (runtime.md §1). This is our own PEG parser for that grammar; it follows
// the generated parser's backtracking and failure tracking closely enough that syntax errors carry the
// same text and positions as Consul prints them, e.g.
//   `1:8 (7): no match found, expected: "!=", "==", "contains", "in", "is", "matches", "not" or [ \t\r\n]`
//   `1:19 (18): rule "match": Invalid selector`
// Only syntax is handled here; selector/operator/value checks need a schema and live in sim/filter.h.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>
#include <optional>

namespace chainscope::config {

/** A syntax error as go-bexpr reports it. message is the library's full text including its
 *  `line:column (offset): ` prefix (what Consul appends to "... is not a valid expression: ").
 *  offset is the 0-based UTF-8 byte offset into the expression, line is 1-based, column counts code
 *  points and is 1-based, except that go-bexpr gives a newline character itself column 0 of the next
 *  line; both are reproduced as the library computes them. */
struct FilterParseError {
    QString message;
    int offset = 0;
    int line = 1;
    int column = 1;
    friend bool operator==(const FilterParseError &, const FilterParseError &) = default;
};

/** The match operators of v0.1.2. `contains` parses to In and `not contains` to NotIn, as in go-bexpr. */
enum class FilterOp { Equal, NotEqual, In, NotIn, IsEmpty, IsNotEmpty, Matches, NotMatches };

/** go-bexpr's name of an operator as it appears in validation messages ("Equal", "Not Equal", "In",
 *  "Not In", "Is Empty", "Is Not Empty", "Matches", "Not Matches"). */
[[nodiscard]] QString filterOpName(FilterOp op);

/** A half-open byte range [begin, end) in the UTF-8 text of the expression. */
struct FilterRange {
    int begin = 0;
    int end = 0;
    friend bool operator==(const FilterRange &, const FilterRange &) = default;
};

/** A selector such as `Service.Meta["k8s-namespace"]`: its path segments (index keys unquoted). */
struct FilterSelector {
    QStringList path;
    QList<FilterRange> segments; ///< one range per path element
    FilterRange range;
    /** The path joined with "." (go-bexpr's Selector.String() in v0.1.2). */
    [[nodiscard]] QString toString() const { return path.join(QLatin1Char('.')); }
};

/** The raw value text of a match: a bare word (a selector-shaped word, joined with "."), a number
 *  literal's text, or an unquoted string. Coercion to the field's type happens later (sim/filter.h). */
struct FilterValue {
    QString raw;
    FilterRange range;
};

struct FilterNode;
using FilterNodePtr = std::shared_ptr<const FilterNode>;

/** One node of the expression tree. */
struct FilterNode {
    enum class Kind { Or, And, Not, Match };
    Kind kind = Kind::Match;
    FilterNodePtr left;  ///< Or/And: left operand; Not: the operand
    FilterNodePtr right; ///< Or/And: right operand
    FilterSelector selector;           ///< Match only
    FilterOp op = FilterOp::Equal;     ///< Match only
    std::optional<FilterValue> value;  ///< Match only; absent for is (not) empty
    FilterRange range;
};

/** A parsed expression: a tree, or the error go-bexpr would report. */
struct FilterParseResult {
    FilterNodePtr root;
    std::optional<FilterParseError> error;
    [[nodiscard]] bool ok() const { return root != nullptr && !error; }
};

/** Longest expression accepted (bytes of UTF-8); longer input is refused with an error instead of being
 *  parsed, and so is nesting deeper than kMaxFilterNesting rule levels (about 90 levels of
 *  parentheses or 400 `not`s). Consul has no such limits; they
 *  keep hostile input from exhausting memory or the stack. */
inline constexpr int kMaxFilterBytes = 64 * 1024;
inline constexpr int kMaxFilterNesting = 400;

/** Parses a go-bexpr v0.1.2 expression. An empty expression is a syntax error, as in go-bexpr (Consul
 *  itself treats an empty Filter as "no filter" before ever parsing it). */
[[nodiscard]] FilterParseResult parseFilter(const QString &expression);

/** Syntax check only: nullopt when the expression parses. Used by config validation for
 *  `Filter for subset %q is not a valid expression: <message>`. Common expressions are accepted by
 *  filterSyntaxSurelyValid without building a tree; everything else goes through parseFilter. */
[[nodiscard]] std::optional<FilterParseError> checkFilterSyntax(const QString &expression);

/** A quick, allocation-free recogniser for the same grammar: true only when parseFilter accepts the
 *  expression. false means "not sure" (a syntax error, or a string with escapes, deep nesting, ...),
 *  never "invalid"; checkFilterSyntax then asks the full parser, which has the error text. */
[[nodiscard]] bool filterSyntaxSurelyValid(QStringView expression);

/** A readable rendering of the tree, e.g. `(or (== Service.Meta.version "v1") (not (is-empty Checks)))`;
 *  for tests and debugging. */
[[nodiscard]] QString dumpFilter(const FilterNodePtr &node);

} // namespace chainscope::config
