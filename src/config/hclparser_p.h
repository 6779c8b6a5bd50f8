// Private to the HCL reader and its tests: the two ways an HCL file is read. parseHcl tries the fast
// reader (hclfast.cpp, the subset operators and emitHcl write) and falls back to the faithful parser
// (hclparser.cpp, hashicorp/hcl v1's structure) whenever the fast reader declines; both give exactly the
// same Value.
#pragma once

#include "config/reader.h"

#include <array>
#include <cstring>
#include <optional>

namespace chainscope::config::detail {

/** Reads text without the faithful parser. Gives exactly the Value parseHcl's faithful parser gives
 *  (types, keys, member order, reshaped repeated keys, quoted flags, every span), or nullopt when the
 *  text leaves the subset this reader handles, would be any error, nests deeper than limits.maxDepth or
 *  holds more than limits.maxNodes values: it never reports an error, the caller then reads the text
 *  with the faithful parser, which words every diagnostic. The text must have passed parseHcl's NUL and
 *  UTF-8 checks. */
[[nodiscard]] std::optional<Value> parseHclFast(QByteArrayView text, const QString &file, const ReadLimits &limits);

/** Which reader parseHclWith uses. */
enum class HclPath {
    Auto,         ///< what parseHcl does: the fast reader, the faithful parser where it declines
    FaithfulOnly, ///< the faithful parser only
    FastOnly,     ///< the fast reader only; nullopt when it declines or the text fails a pre-check
};

/** parseHcl with the reader chosen, for the differential test and the fuzzer. */
[[nodiscard]] std::optional<Result<Value>> parseHclWith(QByteArrayView text, const QString &file, const ReadLimits &limits, HclPath path);

// hcl's scanner, byte by byte, as both readers use it.

/** An ASCII letter or '_' (hcl's isLetter below 0x80). */
constexpr bool isAsciiLetter(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

constexpr bool isDecimal(char c)
{
    return c >= '0' && c <= '9';
}

/** The ASCII bytes that start an identifier: letters and '_'. */
inline constexpr auto kIdentStart = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 128; ++c)
        table[size_t(c)] = isAsciiLetter(char32_t(c));
    return table;
}();

/** The ASCII bytes that continue an identifier: letters, '_', digits, '-' and '.'. */
inline constexpr auto kIdentTail = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 128; ++c)
        table[size_t(c)] = isAsciiLetter(char32_t(c)) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    return table;
}();

/** "true" or "false" (BOOL tokens, not identifiers). Most identifiers have another length; memcmp of a
 *  constant size compiles to a compare of the bytes in place (QByteArrayView's == calls out of line). */
inline bool isBoolWord(QByteArrayView word)
{
    return (word.size() == 4 && std::memcmp(word.data(), "true", 4) == 0) || (word.size() == 5 && std::memcmp(word.data(), "false", 5) == 0);
}

/** A list of exactly one value, allocated once. */
[[nodiscard]] inline Value listOfOne(Value &&v, SourceSpan &&span)
{
    auto [header, data] = QTypedArrayData<Value>::allocate(1);
    Q_CHECK_PTR(data);
    new (data) Value(std::move(v));
    return Value::list(QList<Value>(QArrayDataPointer<Value>(header, data, 1)), std::move(span));
}

/** An object as the value of a key: a one-element list with the object's span (HCL1's decoder shape). */
[[nodiscard]] inline Value wrapInList(Value &&map)
{
    SourceSpan where = map.span();
    return listOfOne(std::move(map), std::move(where));
}

/** A repeated key whose value is a list (decoder.go decodeSlice): hcl appends value's items to the
 *  slice already stored under the key. True when the last of members with this key holds a list, which
 *  now has value's items too and ends where value ends; false when there is none or it is no list. */
inline bool appendToEarlier(QList<Value::Member> &members, const QString &key, Value &value)
{
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
        if (it->key != key)
            continue;
        if (!it->value.isList())
            return false;
        Value &existing = it->value;
        existing.items().reserve(existing.items().size() + value.items().size());
        for (Value &v : value.items())
            existing.items().append(std::move(v));
        SourceSpan s = existing.span();
        s.end = value.span().end;
        existing.setSpan(std::move(s));
        return true;
    }
    return false;
}

} // namespace chainscope::config::detail
