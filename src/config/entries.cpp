#include "config/entries.h"

#include "config/schema.h"

using namespace Qt::StringLiterals;

namespace chainscope::config {

QString kindName(EntryKind kind)
{
    switch (kind) {
    case EntryKind::ServiceResolver:
        return u"service-resolver"_s;
    case EntryKind::ServiceRouter:
        return u"service-router"_s;
    case EntryKind::ServiceSplitter:
        return u"service-splitter"_s;
    case EntryKind::ServiceIntentions:
        return u"service-intentions"_s;
    case EntryKind::ServiceDefaults:
        return u"service-defaults"_s;
    case EntryKind::ProxyDefaults:
        return u"proxy-defaults"_s;
    }
    Q_UNREACHABLE();
}

std::optional<EntryKind> kindFromName(QStringView name)
{
    // The names differ in length or, at the same length, in their first letter or the one after "service-":
    // that picks the only candidate, compared once.
    EntryKind candidate;
    switch (name.size()) {
    case 14: // service-router, proxy-defaults
        candidate = name[0] == u'p' ? EntryKind::ProxyDefaults : EntryKind::ServiceRouter;
        break;
    case 16: // service-resolver, service-splitter, service-defaults
        candidate = name[8] == u'r'   ? EntryKind::ServiceResolver
                    : name[8] == u's' ? EntryKind::ServiceSplitter
                                      : EntryKind::ServiceDefaults;
        break;
    case 18: // service-intentions
        candidate = EntryKind::ServiceIntentions;
        break;
    default:
        return std::nullopt;
    }
    if (name != kindName(candidate))
        return std::nullopt;
    return candidate;
}

SourceSpan Entry::spanOf(QStringView fieldPath) const
{
    const Value *current = &tree;
    SourceSpan best = tree.span().isValid() ? tree.span() : span;
    for (const schema::PathSegment &seg : schema::parseFieldPath(fieldPath)) {
        const Value *next = nullptr;
        if (seg.index >= 0) {
            if (current->isList() && seg.index < current->items().size())
                next = &current->items()[seg.index];
        } else if (current->isMap()) {
            next = current->find(seg.name);
        }
        if (!next)
            break;
        current = next;
        if (current->span().isValid())
            best = current->span();
    }
    if (best.file.isEmpty())
        best.file = span.file;
    return best;
}

QString Entry::displayName() const
{
    QString out = kindName(kind) + u'/' + name;
    if (!namespace_.isEmpty() || !partition.isEmpty()) {
        QStringList scope;
        if (!partition.isEmpty())
            scope << u"partition="_s + partition;
        if (!namespace_.isEmpty())
            scope << u"namespace="_s + namespace_;
        out += u" ("_s + scope.join(u", "_s) + u')';
    }
    return out;
}

bool Entry::sameContent(const Entry &other) const
{
    if (kind != other.kind || name != other.name || orDefault(namespace_) != orDefault(other.namespace_)
        || orDefault(partition) != orDefault(other.partition) || meta != other.meta)
        return false;
    // The canonical trees carry every field of the body in one order; compare them without the scope keys
    // (compared above with their defaults) and without spans.
    const auto bodyMembers = [](const Value &t) {
        QList<const Value::Member *> out;
        for (const auto &m : t.members()) {
            if (m.key != u"Namespace" && m.key != u"Partition" && m.key != u"Meta")
                out.append(&m);
        }
        return out;
    };
    const auto a = bodyMembers(tree);
    const auto b = bodyMembers(other.tree);
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i]->key != b[i]->key || !a[i]->value.sameAs(b[i]->value))
            return false;
    }
    return true;
}

} // namespace chainscope::config
