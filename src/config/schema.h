// The field tables of the six config entry kinds (config.md §1; the tables themselves are in schema_p.h) and
// the Go value texts the decoder and the emitters share (time.ParseDuration, Duration.String(), float32
// formatting).
#pragma once

#include "config/entries.h"

#include <QLatin1StringView>
#include <QString>
#include <QStringView>

#include <optional>

namespace chainscope::config::schema {

/** What a field holds. Durations decode from Go duration strings or from numbers (nanoseconds). */
enum class Kind : quint8 { String, Bool, Int, Uint32, Uint64, Float32, Duration, List, Map, Object, Any };

/** How a duration appears in Consul's API JSON: resolver/route timeouts as `Duration.String()`, every
 *  other time.Duration (CookieConfig.TTL, PassiveHealthCheck) as integer nanoseconds (config.md §2.6). */
enum class DurationForm : quint8 { GoString, Nanoseconds };

struct Struct;

/** A field type. `element` is the element type of List and Map, `object` the struct of Object. */
struct Type {
    Kind kind = Kind::String;
    const Type *element = nullptr;
    const Struct *object = nullptr;
    DurationForm durationForm = DurationForm::GoString;
};

enum FieldFlag : quint8 {
    NoFlags = 0,
    Enterprise = 1, ///< part of Consul's EnterpriseMeta: an unknown key in the CE server (config.md §2.4 step 3)
    NotInCrd = 2,   ///< not settable under a CRD's spec (Kind, Name, Meta, computed fields)
    CrdOnly = 4,    ///< only exists in the CRD (ServiceIntentions spec.destination)
    ReadOnly = 8,   ///< accepted and dropped (CreateIndex, ModifyIndex)
};

/** How many leading letters of a field name its CRD name lower-cases: the whole leading upper-case run when
 *  the name is nothing else (`HTTP` → `http`, `TTL` → `ttl`), else all of the run but its last letter
 *  (`JSONFormat` → `jsonFormat`, `ConnectTimeout` → `connectTimeout`). Names are ASCII Go identifiers. */
constexpr quint8 crdLowerPrefix(QLatin1StringView name)
{
    qsizetype upper = 0;
    while (upper < name.size() && name.data()[upper] >= 'A' && name.data()[upper] <= 'Z')
        ++upper;
    if (upper == name.size())
        return quint8(upper);
    return quint8(upper > 1 ? upper - 1 : upper);
}

/** One struct field: canonical API name, HCL snake_case alias, CRD camelCase name (derived when empty). */
struct Field {
    constexpr Field(QLatin1StringView n, QLatin1StringView a, const Type *t, quint8 f = NoFlags)
        : name(n), alias(a), type(t), flags(f), crdLower(crdLowerPrefix(n))
    {
    }

    QLatin1StringView name;
    QLatin1StringView alias;
    const Type *type = nullptr;
    quint8 flags = NoFlags;
    quint8 crdLower = 0; ///< crdLowerPrefix(name)

    [[nodiscard]] bool has(FieldFlag f) const { return (flags & f) != 0; }
    /** The consul-k8s name: `ConnectTimeout` → `connectTimeout`, `HTTP` → `http`, `TTL` → `ttl`. */
    [[nodiscard]] QString crdName() const;
    /** Whether key is exactly the CRD name (no allocation; keys of another length are rejected first). */
    [[nodiscard]] bool matchesCrd(QStringView key) const
    {
        if (key.size() != name.size())
            return false;
        for (qsizetype i = 0; i < key.size(); ++i) {
            const char c = name.data()[i];
            const char16_t expected = i < crdLower ? char16_t(c | 0x20) : char16_t(uchar(c)); // 'A' | 0x20 == 'a'
            if (key[i].unicode() != expected)
                return false;
        }
        return true;
    }
};

/** key == name, for keys compared with schema names: keys of another length (most of them) are rejected
 *  without a call into QtCore. */
[[nodiscard]] inline bool sameName(QStringView key, QLatin1StringView name)
{
    if (key.size() != name.size())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        if (key[i].unicode() != uchar(name[i].toLatin1()))
            return false;
    }
    return true;
}

/** A Go struct: its type name and fields in API order. */
struct Struct {
    QLatin1StringView name;
    const Field *fields = nullptr;
    qsizetype count = 0;
    /** Where fieldKeys() and fieldsByLength() find this struct's tables (filled once). */
    const QString **keys = nullptr;
    const qint8 **byLength = nullptr;

    [[nodiscard]] const Field *begin() const { return fields; }
    [[nodiscard]] const Field *end() const { return fields + count; }
    /** The field with exactly this canonical name, or nullptr. */
    [[nodiscard]] const Field *field(QStringView canonicalName) const;
    [[nodiscard]] const Field *field(QLatin1StringView canonicalName) const;
    /** The field whose CRD name is exactly key, or nullptr. */
    [[nodiscard]] const Field *crdField(QStringView key) const;
};

/** The top-level struct of a kind (Kind, Name, Namespace, Partition, body fields, Meta, indexes). */
[[nodiscard]] const Struct &entryStruct(EntryKind kind);

/** The canonical name of a field as a shared QString (no allocation per use). */
[[nodiscard]] const QString &fieldKey(const Field &field);
/** The canonical names of s's fields as shared QStrings, in field order: `fieldKeys(s)[i]` is
 *  `fieldKey(s.fields[i])`, the same shared text (keys set from either compare equal by identity), found
 *  through s's key slot without a lookup. */
[[nodiscard]] inline const QString *fieldKeys(const Struct &s);
/** Field names are shorter than this. */
inline constexpr qsizetype kNameLengths = 32;
/** The fields of s by name length, to find a key's field without comparing it with every name (a CRD name has
 *  the length of its field's name): `at[n]` is the first field whose name has n characters, `at[kNameLengths + i]`
 *  the next one after field i with the same length, in field order; -1 ends each chain. */
[[nodiscard]] inline const qint8 *fieldsByLength(const Struct &s);

namespace detail {
/** Fills every struct's key and length slots (once; thread-safe). */
void fillKeySlots();
/** fillKeySlots() done: after the first call, one inlined check of a static's guard, no call. */
Q_ALWAYS_INLINE void ensureKeySlots()
{
    [[maybe_unused]] static const bool filled = (fillKeySlots(), true);
}
} // namespace detail

Q_ALWAYS_INLINE const QString *fieldKeys(const Struct &s)
{
    detail::ensureKeySlots();
    Q_ASSERT(*s.keys);
    return *s.keys;
}

Q_ALWAYS_INLINE const qint8 *fieldsByLength(const Struct &s)
{
    detail::ensureKeySlots();
    Q_ASSERT(*s.byLength);
    return *s.byLength;
}
/** The CRD name of a field as a shared QString. */
[[nodiscard]] const QString &crdKey(const Field &field);

/** One step of a canonical field path: a field name, a list index (`[2]`) or a map key (`["*"]`). */
struct PathSegment {
    QString name; ///< field name or map key
    qsizetype index = -1;
    bool isKey = false;
};
/** Splits `Failover["*"].Targets[1].Service` (map keys may also be written bare: `Subsets[v1]`). */
[[nodiscard]] QList<PathSegment> parseFieldPath(QStringView path);

/** The CRD kind (`ServiceResolver`) of an entry kind, and back. */
[[nodiscard]] QLatin1StringView crdKind(EntryKind kind);
[[nodiscard]] std::optional<EntryKind> kindFromCrdKind(QStringView crdKind);

/** The apiVersion of every supported CRD. */
inline constexpr QLatin1StringView CrdApiVersion{"consul.hashicorp.com/v1alpha1"};

// ---- Go value texts ------------------------------------------------------------------------------

/** Go time.ParseDuration: the duration, or Go's error text (`time: invalid duration "abc"`, ...). */
struct ParsedDuration {
    Duration value{0};
    QString error;
};
[[nodiscard]] ParsedDuration parseGoDuration(QStringView text);

/** Whether text is exactly d's Duration.String() (the common short forms are recognised without formatting d). */
[[nodiscard]] bool isGoDurationString(QStringView text, Duration d);

/** Go time.Duration.String(): `15s`, `1m30s`, `1h0m0s`, `500ms`, `1.5µs`, `0s`. */
[[nodiscard]] QString goDurationString(Duration d);
/** Room for the longest Duration.String() (`-2562047h47m16.854775808s`). */
struct DurationText {
    char16_t chars[32];
};
/** goDurationString() written into buffer instead of a new string: the view points into buffer. */
[[nodiscard]] QStringView goDurationText(Duration d, DurationText &buffer);

/** The shortest text that reads back as the same float32 (Go encodes float32 fields this way). */
[[nodiscard]] QString float32Text(float f);

/** Go's %q of a string (double quotes, backslash escapes). */
[[nodiscard]] QString goQuote(QStringView s);

} // namespace chainscope::config::schema
