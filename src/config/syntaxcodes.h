// Stable diagnostic codes of the readers: HCL (CS10xx), JSON (CS11xx), YAML (CS12xx), loading and
// limits (CS13xx). Codes are never renumbered; new ones are appended.
#pragma once

#include <QLatin1StringView>

namespace chainscope::config::codes {

// HCL1 (hashicorp/hcl v1.0.0 scanner and parser texts)
inline constexpr QLatin1StringView HclSyntax{"CS1001"};  ///< parser error ("At l:c: ...")
inline constexpr QLatin1StringView HclLexical{"CS1002"}; ///< scanner error (strings, comments, numbers, heredocs)
inline constexpr QLatin1StringView HclNumber{"CS1003"};  ///< a number literal the decoder cannot convert

// JSON (Go encoding/json texts)
inline constexpr QLatin1StringView JsonSyntax{"CS1101"};      ///< syntax error
inline constexpr QLatin1StringView JsonInvalidUtf8{"CS1102"}; ///< invalid UTF-8 inside a string
inline constexpr QLatin1StringView JsonNotObject{"CS1103"};   ///< a top-level value (or array element) is not an object

// YAML (yaml-cpp)
inline constexpr QLatin1StringView YamlSyntax{"CS1201"};      ///< yaml-cpp parser error
inline constexpr QLatin1StringView YamlUnsupported{"CS1202"}; ///< valid YAML chainscope cannot represent (complex keys)
inline constexpr QLatin1StringView YamlInvalidUtf8{"CS1203"}; ///< invalid UTF-8 in the text

// Loading and limits
inline constexpr QLatin1StringView LoadPathNotFound{"CS1301"};  ///< a path given to readPaths does not exist
inline constexpr QLatin1StringView LoadUnreadable{"CS1302"}; ///< open/read failed
inline constexpr QLatin1StringView LoadTooLarge{"CS1303"};  ///< bigger than ReadLimits::maxFileBytes
inline constexpr QLatin1StringView LoadBinaryFile{"CS1304"};    ///< NUL bytes in the first 8 KiB
inline constexpr QLatin1StringView LimitDepth{"CS1305"};       ///< nesting deeper than ReadLimits::maxDepth
inline constexpr QLatin1StringView LimitNodes{"CS1306"};  ///< more values than ReadLimits::maxNodes
inline constexpr QLatin1StringView LimitFiles{"CS1307"};  ///< a walk found more than ReadLimits::maxFiles
inline constexpr QLatin1StringView LoadInvalidUtf8{"CS1308"};   ///< invalid UTF-8 outside strings (HCL)
inline constexpr QLatin1StringView LoadNulByte{"CS1309"};       ///< a NUL byte in text input
inline constexpr QLatin1StringView LoadSymlinkLoop{"CS1310"};   ///< a directory reached again through a symlink (warning)

} // namespace chainscope::config::codes
