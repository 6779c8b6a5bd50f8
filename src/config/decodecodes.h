// Stable diagnostic codes of typed decoding (CS20xx). Codes are never renumbered; new ones are appended.
#pragma once

#include <QLatin1StringView>

namespace chainscope::config::codes {

inline constexpr QLatin1StringView KindMissing{"CS2001"};      ///< no kind/Kind key at the top level
inline constexpr QLatin1StringView KindNotString{"CS2002"};    ///< Kind is not a string
inline constexpr QLatin1StringView KindUnknown{"CS2003"};      ///< not one of the six kinds
inline constexpr QLatin1StringView UnknownKey{"CS2004"};       ///< `invalid config key "X"` (with a suggestion)
inline constexpr QLatin1StringView EnterpriseKey{"CS2005"};    ///< a Consul Enterprise key decoded by a CE server
inline constexpr QLatin1StringView ExpectedShape{"CS2006"};    ///< `'X' expected a map, got 'slice'` and unconvertible types
inline constexpr QLatin1StringView ScalarParse{"CS2007"};      ///< `cannot parse 'X' as bool: ...` (weak scalar coercion)
inline constexpr QLatin1StringView BadDuration{"CS2008"};      ///< `error decoding 'X': time: ...`
inline constexpr QLatin1StringView NotConsulResource{"CS2009"}; ///< YAML document that is not a supported consul.hashicorp.com CRD
inline constexpr QLatin1StringView CrdSchema{"CS2010"};        ///< API-server schema: wrong JSON type (`must be of type string`)
inline constexpr QLatin1StringView CrdRequired{"CS2011"};      ///< API-server schema: `Required value` (metadata.name, header name)
inline constexpr QLatin1StringView CrdUnknownField{"CS2012"};  ///< strict field validation: `unknown field "spec.x"`
inline constexpr QLatin1StringView ProxyProtocol{"CS2013"};    ///< proxy-defaults Config.protocol cannot be weak-decoded to a string
inline constexpr QLatin1StringView NotAnObject{"CS2014"};      ///< a document whose root is not an object

} // namespace chainscope::config::codes
