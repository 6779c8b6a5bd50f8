// go-bexpr v0.1.2 evaluation over CheckServiceNode-shaped instances.
//
// Creation follows go-bexpr's order (validate.go / evaluate.go): the tree is walked left to right and for
// each match the selector is resolved against the field configuration (Consul's structs, bexpr:"-" fields
// left out), then the operator is checked against the field kind, then the value is coerced (ints with
// base auto-detection, Go bools) and regexes compiled. The first problem is the filter's error.
#include "sim/filter.h"

#include <QHash>
#include <QRegularExpression>

#include <limits>
#include <vector>

namespace chainscope::sim {

using config::FilterNode;
using config::FilterNodePtr;
using config::FilterOp;
using config::FilterRange;

QString goQuote(const QString &s)
{
    QString out = QStringLiteral("\"");
    const QList<uint> ucs = s.toUcs4();
    for (const uint c : ucs) {
        switch (c) {
        case '\a': out += QLatin1String("\\a"); continue;
        case '\b': out += QLatin1String("\\b"); continue;
        case '\f': out += QLatin1String("\\f"); continue;
        case '\n': out += QLatin1String("\\n"); continue;
        case '\r': out += QLatin1String("\\r"); continue;
        case '\t': out += QLatin1String("\\t"); continue;
        case '\v': out += QLatin1String("\\v"); continue;
        case '"': out += QLatin1String("\\\""); continue;
        case '\\': out += QLatin1String("\\\\"); continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        } else if (c >= 0x80 && !QChar::isPrint(char32_t(c))) {
            if (c < 0x10000)
                out += QStringLiteral("\\u%1").arg(c, 4, 16, QLatin1Char('0'));
            else
                out += QStringLiteral("\\U%1").arg(c, 8, 16, QLatin1Char('0'));
        } else {
            out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&c), 1);
        }
    }
    return out + QLatin1Char('"');
}

namespace {

enum class Kind { String, Int, Bool, StringList, StringMap, AddressMap, Address, StructList, Struct };

enum class F {
    None,
    NodeID, NodeNode, NodeAddress, NodeDatacenter, NodePartition, NodePeerName, NodeTaggedAddresses, NodeMeta,
    SvcKind, SvcID, SvcService, SvcAddress, SvcSocketPath, SvcPeerName, SvcTags, SvcMeta, SvcTaggedAddresses,
    SvcPort, SvcWeightsPassing, SvcWeightsWarning, SvcEnableTagOverride, SvcConnectNative,
    PxDestName, PxDestID, PxLocalAddr, PxLocalSocket, PxMode, PxLocalPort, PxMeshGatewayMode, PxTproxyOutboundPort,
    PxTproxyDialedDirectly, PxUpstreams, PxExposeChecks, PxExposePaths,
    UpDestType, UpDestNamespace, UpDestPartition, UpDestPeer, UpDestName, UpDatacenter, UpBindAddress, UpBindSocketPath,
    UpBindSocketMode, UpBindPort, UpMeshGatewayMode,
    EpListenerPort, EpLocalPathPort, EpPath, EpProtocol, EpParsedFromCheck,
    Checks, ChkNode, ChkCheckID, ChkName, ChkStatus, ChkNotes, ChkOutput, ChkServiceID, ChkServiceName, ChkServiceTags,
    ChkType, ChkInterval, ChkTimeout, ChkPeerName, ChkExposedPort,
    NodeTaggedAddressValue, NodeMetaValue, SvcMetaValue, SvcTaggedAddressValue, SvcTaggedAddressAddress, SvcTaggedAddressPort,
};

struct FieldDef {
    const char *path; ///< "*" stands for a map key
    Kind kind;
    F field;
    bool currentOnly; ///< not in Consul 1.8's structs
};

// Consul's CheckServiceNode selectors (runtime.md §1.6; agent/structs/structs.go). currentOnly marks the
// fields the 1.8.7 agent refuses as "Selector ... is not valid" (checked against that agent).
constexpr FieldDef kFields[] = {
    {"Node.ID", Kind::String, F::NodeID, false},
    {"Node.Node", Kind::String, F::NodeNode, false},
    {"Node.Address", Kind::String, F::NodeAddress, false},
    {"Node.Datacenter", Kind::String, F::NodeDatacenter, false},
    {"Node.Partition", Kind::String, F::NodePartition, true},
    {"Node.PeerName", Kind::String, F::NodePeerName, true},
    {"Node.TaggedAddresses", Kind::StringMap, F::NodeTaggedAddresses, false},
    {"Node.TaggedAddresses.*", Kind::String, F::NodeTaggedAddressValue, false},
    {"Node.Meta", Kind::StringMap, F::NodeMeta, false},
    {"Node.Meta.*", Kind::String, F::NodeMetaValue, false},
    {"Service.Kind", Kind::String, F::SvcKind, false},
    {"Service.ID", Kind::String, F::SvcID, false},
    {"Service.Service", Kind::String, F::SvcService, false},
    {"Service.Address", Kind::String, F::SvcAddress, false},
    {"Service.SocketPath", Kind::String, F::SvcSocketPath, true},
    {"Service.PeerName", Kind::String, F::SvcPeerName, true},
    {"Service.Tags", Kind::StringList, F::SvcTags, false},
    {"Service.Meta", Kind::StringMap, F::SvcMeta, false},
    {"Service.Meta.*", Kind::String, F::SvcMetaValue, false},
    {"Service.TaggedAddresses", Kind::AddressMap, F::SvcTaggedAddresses, false},
    {"Service.TaggedAddresses.*", Kind::Address, F::SvcTaggedAddressValue, false},
    {"Service.TaggedAddresses.*.Address", Kind::String, F::SvcTaggedAddressAddress, false},
    {"Service.TaggedAddresses.*.Port", Kind::Int, F::SvcTaggedAddressPort, false},
    {"Service.Port", Kind::Int, F::SvcPort, false},
    {"Service.Weights.Passing", Kind::Int, F::SvcWeightsPassing, false},
    {"Service.Weights.Warning", Kind::Int, F::SvcWeightsWarning, false},
    {"Service.EnableTagOverride", Kind::Bool, F::SvcEnableTagOverride, false},
    {"Service.Connect.Native", Kind::Bool, F::SvcConnectNative, false},
    {"Service.Proxy.DestinationServiceName", Kind::String, F::PxDestName, false},
    {"Service.Proxy.DestinationServiceID", Kind::String, F::PxDestID, false},
    {"Service.Proxy.LocalServiceAddress", Kind::String, F::PxLocalAddr, false},
    {"Service.Proxy.LocalServiceSocketPath", Kind::String, F::PxLocalSocket, true},
    {"Service.Proxy.Mode", Kind::String, F::PxMode, true},
    {"Service.Proxy.LocalServicePort", Kind::Int, F::PxLocalPort, false},
    {"Service.Proxy.MeshGateway.Mode", Kind::String, F::PxMeshGatewayMode, false},
    {"Service.Proxy.TransparentProxy.OutboundListenerPort", Kind::Int, F::PxTproxyOutboundPort, true},
    {"Service.Proxy.TransparentProxy.DialedDirectly", Kind::Bool, F::PxTproxyDialedDirectly, true},
    {"Service.Proxy.Upstreams", Kind::StructList, F::PxUpstreams, false},
    {"Service.Proxy.Upstreams.DestinationType", Kind::String, F::UpDestType, false},
    {"Service.Proxy.Upstreams.DestinationNamespace", Kind::String, F::UpDestNamespace, false},
    {"Service.Proxy.Upstreams.DestinationPartition", Kind::String, F::UpDestPartition, true},
    {"Service.Proxy.Upstreams.DestinationPeer", Kind::String, F::UpDestPeer, true},
    {"Service.Proxy.Upstreams.DestinationName", Kind::String, F::UpDestName, false},
    {"Service.Proxy.Upstreams.Datacenter", Kind::String, F::UpDatacenter, false},
    {"Service.Proxy.Upstreams.LocalBindAddress", Kind::String, F::UpBindAddress, false},
    {"Service.Proxy.Upstreams.LocalBindSocketPath", Kind::String, F::UpBindSocketPath, true},
    {"Service.Proxy.Upstreams.LocalBindSocketMode", Kind::String, F::UpBindSocketMode, true},
    {"Service.Proxy.Upstreams.LocalBindPort", Kind::Int, F::UpBindPort, false},
    {"Service.Proxy.Upstreams.MeshGateway.Mode", Kind::String, F::UpMeshGatewayMode, false},
    {"Service.Proxy.Expose.Checks", Kind::Bool, F::PxExposeChecks, false},
    {"Service.Proxy.Expose.Paths", Kind::StructList, F::PxExposePaths, false},
    {"Service.Proxy.Expose.Paths.ListenerPort", Kind::Int, F::EpListenerPort, false},
    {"Service.Proxy.Expose.Paths.LocalPathPort", Kind::Int, F::EpLocalPathPort, false},
    {"Service.Proxy.Expose.Paths.Path", Kind::String, F::EpPath, false},
    {"Service.Proxy.Expose.Paths.Protocol", Kind::String, F::EpProtocol, false},
    {"Service.Proxy.Expose.Paths.ParsedFromCheck", Kind::Bool, F::EpParsedFromCheck, false},
    {"Checks", Kind::StructList, F::Checks, false},
    {"Checks.Node", Kind::String, F::ChkNode, false},
    {"Checks.CheckID", Kind::String, F::ChkCheckID, false},
    {"Checks.Name", Kind::String, F::ChkName, false},
    {"Checks.Status", Kind::String, F::ChkStatus, false},
    {"Checks.Notes", Kind::String, F::ChkNotes, false},
    {"Checks.Output", Kind::String, F::ChkOutput, false},
    {"Checks.ServiceID", Kind::String, F::ChkServiceID, false},
    {"Checks.ServiceName", Kind::String, F::ChkServiceName, false},
    {"Checks.ServiceTags", Kind::StringList, F::ChkServiceTags, false},
    {"Checks.Type", Kind::String, F::ChkType, false},
    {"Checks.Interval", Kind::String, F::ChkInterval, true},
    {"Checks.Timeout", Kind::String, F::ChkTimeout, true},
    {"Checks.PeerName", Kind::String, F::ChkPeerName, true},
    {"Checks.ExposedPort", Kind::Int, F::ChkExposedPort, true},
};

QString kindName(Kind k)
{
    switch (k) {
    case Kind::String: return QStringLiteral("string");
    case Kind::Int: return QStringLiteral("int");
    case Kind::Bool: return QStringLiteral("bool");
    case Kind::StringList: return QStringLiteral("[]string");
    case Kind::StringMap: return QStringLiteral("map[string]string");
    case Kind::AddressMap: return QStringLiteral("map[string]ServiceAddress");
    case Kind::Address: return QStringLiteral("ServiceAddress");
    case Kind::StructList: return QStringLiteral("[]struct");
    case Kind::Struct: return QStringLiteral("struct");
    }
    return {};
}

/** The field configuration tree of one schema. */
struct SchemaNode {
    Kind kind = Kind::Struct;
    F field = F::None;
    QHash<QString, int> children; ///< "*" = any map key
};

class Schema
{
public:
    explicit Schema(FilterSchema version)
    {
        m_nodes.push_back(SchemaNode{}); // the CheckServiceNode
        for (const FieldDef &def : kFields) {
            if (def.currentOnly && version != FilterSchema::Current)
                continue;
            int at = 0;
            const QStringList parts = QString::fromLatin1(def.path).split(QLatin1Char('.'));
            for (const QString &part : parts) {
                auto it = m_nodes[size_t(at)].children.constFind(part);
                if (it == m_nodes[size_t(at)].children.constEnd()) {
                    m_nodes.push_back(SchemaNode{});
                    const int created = int(m_nodes.size()) - 1;
                    m_nodes[size_t(at)].children.insert(part, created);
                    at = created;
                } else {
                    at = *it;
                }
            }
            m_nodes[size_t(at)].kind = def.kind;
            m_nodes[size_t(at)].field = def.field;
        }
    }

    [[nodiscard]] const SchemaNode &node(int i) const { return m_nodes[size_t(i)]; }

    void list(int at, const QString &prefix, QList<QPair<QString, QString>> &out) const
    {
        QStringList keys = node(at).children.keys();
        std::sort(keys.begin(), keys.end());
        for (const QString &k : keys) {
            const int child = node(at).children.value(k);
            const QString path = prefix.isEmpty() ? k : prefix + QLatin1Char('.') + (k == QLatin1String("*") ? QStringLiteral("<key>") : k);
            if (node(child).kind != Kind::Struct)
                out.append({path, kindName(node(child).kind)});
            list(child, path, out);
        }
    }

private:
    std::vector<SchemaNode> m_nodes;
};

const Schema &schemaFor(FilterSchema version)
{
    static const Schema current(FilterSchema::Current);
    static const Schema legacy(FilterSchema::Consul1_8);
    return version == FilterSchema::Current ? current : legacy;
}

/** Go's strconv.ParseInt(s, 0, 64). */
std::optional<qint64> goParseInt(const QString &text, QString &error)
{
    const QString quoted = goQuote(text);
    auto syntax = [&] {
        error = QStringLiteral("strconv.ParseInt: parsing %1: invalid syntax").arg(quoted);
        return std::nullopt;
    };
    QStringView s(text);
    bool negative = false;
    if (!s.isEmpty() && (s.front() == QLatin1Char('+') || s.front() == QLatin1Char('-'))) {
        negative = s.front() == QLatin1Char('-');
        s = s.mid(1);
    }
    if (s.isEmpty())
        return syntax();
    int base = 10;
    bool prefixed = false;
    if (s.front() == QLatin1Char('0')) {
        if (s.size() >= 3 && (s[1] == QLatin1Char('x') || s[1] == QLatin1Char('X'))) {
            base = 16;
            s = s.mid(2);
            prefixed = true;
        } else if (s.size() >= 3 && (s[1] == QLatin1Char('o') || s[1] == QLatin1Char('O'))) {
            base = 8;
            s = s.mid(2);
            prefixed = true;
        } else if (s.size() >= 3 && (s[1] == QLatin1Char('b') || s[1] == QLatin1Char('B'))) {
            base = 2;
            s = s.mid(2);
            prefixed = true;
        } else if (s.size() > 1) {
            base = 8;
            s = s.mid(1);
            prefixed = true;
        }
    }
    // Underscores may only separate digits (or follow a base prefix), as Go's underscoreOK requires.
    QChar previous = prefixed ? QLatin1Char('0') : QLatin1Char('!');
    quint64 value = 0;
    bool overflow = false;
    bool anyDigit = false;
    for (const QChar c : s) {
        if (c == QLatin1Char('_')) {
            if (previous == QLatin1Char('_') || previous == QLatin1Char('!'))
                return syntax();
            previous = c;
            continue;
        }
        int d = -1;
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            d = c.unicode() - '0';
        else if (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            d = c.unicode() - 'a' + 10;
        else if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            d = c.unicode() - 'A' + 10;
        if (d < 0 || d >= base)
            return syntax();
        previous = c;
        anyDigit = true;
        if (value > (std::numeric_limits<quint64>::max() - quint64(d)) / quint64(base))
            overflow = true;
        else
            value = value * quint64(base) + quint64(d);
    }
    if (previous == QLatin1Char('_') || (!anyDigit && base != 8))
        return syntax();
    const quint64 limit = negative ? quint64(std::numeric_limits<qint64>::max()) + 1 : quint64(std::numeric_limits<qint64>::max());
    if (overflow || value > limit) {
        error = QStringLiteral("strconv.ParseInt: parsing %1: value out of range").arg(quoted);
        return std::nullopt;
    }
    return negative ? qint64(0 - value) : qint64(value);
}

/** Go's strconv.ParseBool. */
std::optional<bool> goParseBool(const QString &s, QString &error)
{
    static const QStringList yes = {QStringLiteral("1"), QStringLiteral("t"), QStringLiteral("T"), QStringLiteral("TRUE"), QStringLiteral("true"), QStringLiteral("True")};
    static const QStringList no = {QStringLiteral("0"), QStringLiteral("f"), QStringLiteral("F"), QStringLiteral("FALSE"), QStringLiteral("false"), QStringLiteral("False")};
    if (yes.contains(s))
        return true;
    if (no.contains(s))
        return false;
    error = QStringLiteral("strconv.ParseBool: parsing %1: invalid syntax").arg(goQuote(s));
    return std::nullopt;
}

/** The RE2 syntax rules Go's regexp enforces and PCRE does not (lookarounds, backreferences, possessive
 *  and nested repetition, ...), with Go's error texts. nullopt when RE2 would accept the pattern as far as
 *  these rules go. */
std::optional<QString> re2SyntaxError(const QString &re)
{
    const auto bq = [](const QString &s) -> QString { return QLatin1Char('`') + s + QLatin1Char('`'); };
    int depth = 0;
    bool canRepeat = false;  // something precedes that a repetition can apply to
    QString lastRepeat;      // the repetition operator just seen ("" if the last item was not one)
    const int n = int(re.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = re[i];
        if (c == QLatin1Char('\\')) {
            if (i + 1 >= n)
                return QStringLiteral("trailing backslash at end of expression: ``");
            const QChar e = re[i + 1];
            const bool octalFollows = i + 2 < n && re[i + 2] >= QLatin1Char('0') && re[i + 2] <= QLatin1Char('7');
            if ((e >= QLatin1Char('1') && e <= QLatin1Char('7') && !octalFollows) || e == QLatin1Char('8') || e == QLatin1Char('9'))
                return QStringLiteral("invalid escape sequence: ") + bq(re.mid(i, 2));
            if (e.isLetter() && !QStringLiteral("afntrvxdDsSwWbBAzpPQE").contains(e))
                return QStringLiteral("invalid escape sequence: ") + bq(re.mid(i, 2));
            if (e == QLatin1Char('Q')) {
                const int end = re.indexOf(QLatin1String("\\E"), i + 2);
                i = end < 0 ? n : end + 1;
            } else if (e == QLatin1Char('p') || e == QLatin1Char('P')) {
                ++i;
                if (i + 1 < n && re[i + 1] == QLatin1Char('{')) {
                    const int end = re.indexOf(QLatin1Char('}'), i + 1);
                    i = end < 0 ? n : end;
                } else {
                    ++i;
                }
            } else {
                ++i;
            }
            canRepeat = true;
            lastRepeat.clear();
            continue;
        }
        if (c == QLatin1Char('[')) {
            int j = i + 1;
            if (j < n && re[j] == QLatin1Char('^'))
                ++j;
            if (j < n && re[j] == QLatin1Char(']'))
                ++j;
            while (j < n && re[j] != QLatin1Char(']')) {
                if (re[j] == QLatin1Char('\\'))
                    ++j;
                else if (re[j] == QLatin1Char('[') && j + 1 < n && re[j + 1] == QLatin1Char(':')) {
                    const int end = re.indexOf(QLatin1String(":]"), j + 2);
                    if (end > 0)
                        j = end + 1;
                }
                ++j;
            }
            if (j >= n)
                return QStringLiteral("missing closing ]: ") + bq(re.mid(i));
            i = j;
            canRepeat = true;
            lastRepeat.clear();
            continue;
        }
        if (c == QLatin1Char('(')) {
            if (i + 1 < n && re[i + 1] == QLatin1Char('?')) {
                const QString rest = re.mid(i + 2);
                if (rest.startsWith(QLatin1String("P<"))) {
                    // named group: fine
                } else {
                    int j = 0;
                    while (j < rest.size() && QStringLiteral("imsU-").contains(rest[j]))
                        ++j;
                    const bool flagsOnly = j < rest.size() && (rest[j] == QLatin1Char(')') || rest[j] == QLatin1Char(':'));
                    if (!flagsOnly || (j == 0 && rest[j] == QLatin1Char(')')))
                        return QStringLiteral("invalid or unsupported Perl syntax: ") + bq(re.mid(i, std::min(3 + j, n - i)));
                    if (rest[j] == QLatin1Char(')')) {
                        i += 2 + j;
                        lastRepeat.clear();
                        continue;
                    }
                }
            }
            ++depth;
            canRepeat = false;
            lastRepeat.clear();
            continue;
        }
        if (c == QLatin1Char(')')) {
            if (depth == 0)
                return QStringLiteral("unexpected ): ") + bq(re);
            --depth;
            canRepeat = true;
            lastRepeat.clear();
            continue;
        }
        if (c == QLatin1Char('|')) {
            canRepeat = false;
            lastRepeat.clear();
            continue;
        }
        QString op;
        if (c == QLatin1Char('*') || c == QLatin1Char('+') || c == QLatin1Char('?')) {
            op = c;
        } else if (c == QLatin1Char('{')) {
            static const QRegularExpression repeat(QStringLiteral("^\\{(\\d+)(,(\\d*))?\\}"));
            const QRegularExpressionMatch m = repeat.match(re.mid(i));
            if (m.hasMatch()) {
                op = m.captured(0);
                if (m.captured(1).size() > 4 || m.captured(1).toInt() > 1000 || m.captured(3).size() > 4 || m.captured(3).toInt() > 1000
                    || (!m.captured(3).isEmpty() && m.captured(3).toInt() < m.captured(1).toInt()))
                    return QStringLiteral("invalid repeat count: ") + bq(op);
            }
        }
        if (!op.isEmpty()) {
            if (!lastRepeat.isEmpty()) {
                if (op == QLatin1String("?") && !lastRepeat.endsWith(QLatin1Char('?'))) {
                    lastRepeat += op; // non-greedy marker
                    continue;
                }
                return QStringLiteral("invalid nested repetition operator: ") + bq(lastRepeat + op);
            }
            if (!canRepeat)
                return QStringLiteral("missing argument to repetition operator: ") + bq(op);
            lastRepeat = op;
            i += int(op.size()) - 1;
            continue;
        }
        canRepeat = true;
        lastRepeat.clear();
    }
    if (depth > 0)
        return QStringLiteral("missing closing ): ") + bq(re);
    return std::nullopt;
}

enum class ListContext { None, Checks, Upstreams, ExposePaths };

struct CompiledMatch {
    F field = F::None;
    Kind kind = Kind::String;
    FilterOp op = FilterOp::Equal;
    ListContext list = ListContext::None;
    QString mapKey;
    bool hasMapKey = false;
    QString text;
    qint64 number = 0;
    bool flag = false;
    QRegularExpression regex;
};

struct CompiledNode {
    FilterNode::Kind kind = FilterNode::Kind::Match;
    int left = -1;
    int right = -1;
    int match = -1;
};

/** A field's value for one instance (and list element). */
struct Leaf {
    bool missing = false;
    const QString *string = nullptr;
    qint64 number = 0;
    bool flag = false;
    const QStringList *list = nullptr;
    qsizetype size = 0; ///< maps and struct lists
    const QMap<QString, QString> *stringMap = nullptr;
    const QMap<QString, ServiceAddress> *addressMap = nullptr;
};

bool operatorAllowed(Kind kind, FilterOp op)
{
    switch (kind) {
    case Kind::String: return op != FilterOp::IsEmpty && op != FilterOp::IsNotEmpty;
    case Kind::Int:
    case Kind::Bool: return op == FilterOp::Equal || op == FilterOp::NotEqual;
    case Kind::StringList:
    case Kind::StringMap:
    case Kind::AddressMap:
        return op == FilterOp::In || op == FilterOp::NotIn || op == FilterOp::IsEmpty || op == FilterOp::IsNotEmpty;
    case Kind::StructList: return op == FilterOp::IsEmpty || op == FilterOp::IsNotEmpty;
    case Kind::Address:
    case Kind::Struct: return false;
    }
    return false;
}

} // namespace

struct Filter::Private {
    QString expression;
    bool empty = true;
    std::optional<FilterError> error;
    std::vector<CompiledNode> nodes;
    std::vector<CompiledMatch> matches;
    int root = -1;

    /** Compiles a subtree; false (with error set) on the first problem, left to right. */
    bool compile(const FilterNodePtr &n, const Schema &schema, int &out)
    {
        CompiledNode c;
        c.kind = n->kind;
        if (n->kind != FilterNode::Kind::Match) {
            if (!compile(n->left, schema, c.left))
                return false;
            if (n->kind != FilterNode::Kind::Not && !compile(n->right, schema, c.right))
                return false;
            nodes.push_back(c);
            out = int(nodes.size()) - 1;
            return true;
        }
        CompiledMatch m;
        m.op = n->op;
        int at = 0;
        const QStringList &path = n->selector.path;
        for (int i = 0; i < path.size(); ++i) {
            const SchemaNode &here = schema.node(at);
            auto it = here.children.constFind(path[i]);
            if (here.kind == Kind::StringMap || here.kind == Kind::AddressMap) {
                it = here.children.constFind(QStringLiteral("*"));
                m.mapKey = path[i];
                m.hasMapKey = true;
            } else if (here.kind == Kind::StructList) {
                // Passing through a list of structs on the way to the leaf: ANY semantics.
                m.list = here.field == F::Checks ? ListContext::Checks
                         : here.field == F::PxUpstreams ? ListContext::Upstreams
                                                        : ListContext::ExposePaths;
            }
            if (it == here.children.constEnd()) {
                error = FilterError{QStringLiteral("Selector %1 is not valid").arg(goQuote(path.mid(0, i + 1).join(QLatin1Char('.')))),
                                    n->selector.range, std::nullopt};
                return false;
            }
            at = *it;
        }
        const SchemaNode &leaf = schema.node(at);
        m.kind = leaf.kind;
        m.field = leaf.field;
        const QString selector = n->selector.toString();
        if (!operatorAllowed(leaf.kind, n->op)) {
            error = FilterError{QStringLiteral("Invalid match operator %1 for selector %2").arg(goQuote(config::filterOpName(n->op)), goQuote(selector)),
                                n->range, std::nullopt};
            return false;
        }
        if (n->value) {
            const QString &raw = n->value->raw;
            QString why;
            if (leaf.kind == Kind::Int) {
                const std::optional<qint64> v = goParseInt(raw, why);
                if (!v) {
                    error = FilterError{QStringLiteral("Failed to coerce value %1 for selector %2: %3").arg(goQuote(raw), goQuote(selector), why),
                                        n->value->range, std::nullopt};
                    return false;
                }
                m.number = *v;
            } else if (leaf.kind == Kind::Bool) {
                const std::optional<bool> v = goParseBool(raw, why);
                if (!v) {
                    error = FilterError{QStringLiteral("Failed to coerce value %1 for selector %2: %3").arg(goQuote(raw), goQuote(selector), why),
                                        n->value->range, std::nullopt};
                    return false;
                }
                m.flag = *v;
            }
            m.text = raw;
            if (n->op == FilterOp::Matches || n->op == FilterOp::NotMatches) {
                std::optional<QString> reError = re2SyntaxError(raw);
                if (!reError) {
                    m.regex = QRegularExpression(raw);
                    if (!m.regex.isValid())
                        reError = m.regex.errorString();
                }
                if (reError) {
                    error = FilterError{QStringLiteral("Failed to compile regular expression %1: error parsing regexp: %2").arg(goQuote(raw), *reError),
                                        n->value->range, std::nullopt};
                    return false;
                }
                m.regex.optimize();
            }
        }
        matches.push_back(std::move(m));
        c.match = int(matches.size()) - 1;
        nodes.push_back(c);
        out = int(nodes.size()) - 1;
        return true;
    }

    static Leaf fetch(const CompiledMatch &m, const Instance &in, const CatalogCheck *check, const ProxyUpstream *up, const ExposePath *ep)
    {
        Leaf l;
        const CatalogNode &node = in.node;
        const CatalogService &svc = in.service;
        const ProxyConfig &px = svc.proxy;
        auto str = [&l](const QString &s) { l.string = &s; return l; };
        auto num = [&l](qint64 v) { l.number = v; return l; };
        auto flag = [&l](bool v) { l.flag = v; return l; };
        auto mapValue = [&](const QMap<QString, QString> &map) {
            const auto it = map.constFind(m.mapKey);
            if (it == map.constEnd())
                l.missing = true;
            else
                l.string = &*it;
            return l;
        };
        switch (m.field) {
        case F::None: return l;
        case F::NodeID: return str(node.id);
        case F::NodeNode: return str(node.node);
        case F::NodeAddress: return str(node.address);
        case F::NodeDatacenter: return str(node.datacenter);
        case F::NodePartition: return str(node.partition);
        case F::NodePeerName: return str(node.peerName);
        case F::NodeTaggedAddresses: l.stringMap = &node.taggedAddresses; l.size = node.taggedAddresses.size(); return l;
        case F::NodeMeta: l.stringMap = &node.meta; l.size = node.meta.size(); return l;
        case F::NodeTaggedAddressValue: return mapValue(node.taggedAddresses);
        case F::NodeMetaValue: return mapValue(node.meta);
        case F::SvcKind: return str(svc.kind);
        case F::SvcID: return str(svc.id);
        case F::SvcService: return str(svc.service);
        case F::SvcAddress: return str(svc.address);
        case F::SvcSocketPath: return str(svc.socketPath);
        case F::SvcPeerName: return str(svc.peerName);
        case F::SvcTags: l.list = &svc.tags; l.size = svc.tags.size(); return l;
        case F::SvcMeta: l.stringMap = &svc.meta; l.size = svc.meta.size(); return l;
        case F::SvcMetaValue: return mapValue(svc.meta);
        case F::SvcTaggedAddresses: l.addressMap = &svc.taggedAddresses; l.size = svc.taggedAddresses.size(); return l;
        case F::SvcTaggedAddressValue: return l;
        case F::SvcTaggedAddressAddress:
        case F::SvcTaggedAddressPort: {
            const auto it = svc.taggedAddresses.constFind(m.mapKey);
            if (it == svc.taggedAddresses.constEnd()) {
                l.missing = true;
                return l;
            }
            return m.field == F::SvcTaggedAddressAddress ? str(it->address) : num(it->port);
        }
        case F::SvcPort: return num(svc.port);
        case F::SvcWeightsPassing: return num(svc.weightsPassing);
        case F::SvcWeightsWarning: return num(svc.weightsWarning);
        case F::SvcEnableTagOverride: return flag(svc.enableTagOverride);
        case F::SvcConnectNative: return flag(svc.connectNative);
        case F::PxDestName: return str(px.destinationServiceName);
        case F::PxDestID: return str(px.destinationServiceId);
        case F::PxLocalAddr: return str(px.localServiceAddress);
        case F::PxLocalSocket: return str(px.localServiceSocketPath);
        case F::PxMode: return str(px.mode);
        case F::PxLocalPort: return num(px.localServicePort);
        case F::PxMeshGatewayMode: return str(px.meshGatewayMode);
        case F::PxTproxyOutboundPort: return num(px.transparentOutboundListenerPort);
        case F::PxTproxyDialedDirectly: return flag(px.transparentDialedDirectly);
        case F::PxUpstreams: l.size = px.upstreams.size(); return l;
        case F::PxExposeChecks: return flag(px.exposeChecks);
        case F::PxExposePaths: l.size = px.exposePaths.size(); return l;
        case F::UpDestType: return str(up->destinationType);
        case F::UpDestNamespace: return str(up->destinationNamespace);
        case F::UpDestPartition: return str(up->destinationPartition);
        case F::UpDestPeer: return str(up->destinationPeer);
        case F::UpDestName: return str(up->destinationName);
        case F::UpDatacenter: return str(up->datacenter);
        case F::UpBindAddress: return str(up->localBindAddress);
        case F::UpBindSocketPath: return str(up->localBindSocketPath);
        case F::UpBindSocketMode: return str(up->localBindSocketMode);
        case F::UpBindPort: return num(up->localBindPort);
        case F::UpMeshGatewayMode: return str(up->meshGatewayMode);
        case F::EpListenerPort: return num(ep->listenerPort);
        case F::EpLocalPathPort: return num(ep->localPathPort);
        case F::EpPath: return str(ep->path);
        case F::EpProtocol: return str(ep->protocol);
        case F::EpParsedFromCheck: return flag(ep->parsedFromCheck);
        case F::Checks: l.size = in.checks.size(); return l;
        case F::ChkNode: return str(check->node);
        case F::ChkCheckID: return str(check->checkId);
        case F::ChkName: return str(check->name);
        case F::ChkStatus: return str(check->status);
        case F::ChkNotes: return str(check->notes);
        case F::ChkOutput: return str(check->output);
        case F::ChkServiceID: return str(check->serviceId);
        case F::ChkServiceName: return str(check->serviceName);
        case F::ChkServiceTags: l.list = &check->serviceTags; l.size = check->serviceTags.size(); return l;
        case F::ChkType: return str(check->type);
        case F::ChkInterval: return str(check->interval);
        case F::ChkTimeout: return str(check->timeout);
        case F::ChkPeerName: return str(check->peerName);
        case F::ChkExposedPort: return num(check->exposedPort);
        }
        return l;
    }

    static bool evalLeaf(const CompiledMatch &m, const Leaf &l)
    {
        if (l.missing) {
            // go-bexpr v0.1.2 evaluate.go: a missing map key decides without comparing; `matches` is true.
            switch (m.op) {
            case FilterOp::Equal:
            case FilterOp::In:
            case FilterOp::IsNotEmpty: return false;
            case FilterOp::NotEqual:
            case FilterOp::NotIn:
            case FilterOp::IsEmpty:
            case FilterOp::Matches:
            case FilterOp::NotMatches: return true;
            }
        }
        switch (m.kind) {
        case Kind::String: {
            const QString &s = *l.string;
            switch (m.op) {
            case FilterOp::Equal: return s == m.text;
            case FilterOp::NotEqual: return s != m.text;
            case FilterOp::In: return s.contains(m.text);
            case FilterOp::NotIn: return !s.contains(m.text);
            case FilterOp::Matches: return m.regex.match(s).hasMatch();
            case FilterOp::NotMatches: return !m.regex.match(s).hasMatch();
            case FilterOp::IsEmpty:
            case FilterOp::IsNotEmpty: return false;
            }
            return false;
        }
        case Kind::Int: return (l.number == m.number) == (m.op == FilterOp::Equal);
        case Kind::Bool: return (l.flag == m.flag) == (m.op == FilterOp::Equal);
        case Kind::StringList:
        case Kind::StringMap:
        case Kind::AddressMap:
        case Kind::StructList: {
            bool has = false;
            if (m.op == FilterOp::In || m.op == FilterOp::NotIn) {
                if (l.list)
                    has = l.list->contains(m.text);
                else if (l.stringMap)
                    has = l.stringMap->contains(m.text);
                else if (l.addressMap)
                    has = l.addressMap->contains(m.text);
                return has == (m.op == FilterOp::In);
            }
            return (l.size == 0) == (m.op == FilterOp::IsEmpty);
        }
        case Kind::Address:
        case Kind::Struct: return false;
        }
        return false;
    }

    bool evalMatch(const CompiledMatch &m, const Instance &in) const
    {
        // Lists of structs on the path: true if the test holds for at least one element (v0.1.2), so an
        // empty list is false for every operator.
        switch (m.list) {
        case ListContext::None: return evalLeaf(m, fetch(m, in, nullptr, nullptr, nullptr));
        case ListContext::Checks:
            for (const CatalogCheck &c : in.checks)
                if (evalLeaf(m, fetch(m, in, &c, nullptr, nullptr)))
                    return true;
            return false;
        case ListContext::Upstreams:
            for (const ProxyUpstream &u : in.service.proxy.upstreams)
                if (evalLeaf(m, fetch(m, in, nullptr, &u, nullptr)))
                    return true;
            return false;
        case ListContext::ExposePaths:
            for (const ExposePath &e : in.service.proxy.exposePaths)
                if (evalLeaf(m, fetch(m, in, nullptr, nullptr, &e)))
                    return true;
            return false;
        }
        return false;
    }

    bool eval(int index, const Instance &in) const
    {
        const CompiledNode &n = nodes[size_t(index)];
        switch (n.kind) {
        case FilterNode::Kind::Or: return eval(n.left, in) || eval(n.right, in);
        case FilterNode::Kind::And: return eval(n.left, in) && eval(n.right, in);
        case FilterNode::Kind::Not: return !eval(n.left, in);
        case FilterNode::Kind::Match: return evalMatch(matches[size_t(n.match)], in);
        }
        return false;
    }
};

Filter::Filter()
    : d(std::make_shared<Private>())
{
}
Filter::~Filter() = default;
Filter::Filter(const Filter &) = default;
Filter &Filter::operator=(const Filter &) = default;
Filter::Filter(Filter &&) noexcept = default;
Filter &Filter::operator=(Filter &&) noexcept = default;

Filter Filter::compile(const QString &expression, FilterSchema schema)
{
    auto p = std::make_shared<Private>();
    p->expression = expression;
    p->empty = expression.isEmpty();
    if (!p->empty) {
        const config::FilterParseResult parsed = config::parseFilter(expression);
        if (parsed.error) {
            const config::FilterParseError &e = *parsed.error;
            p->error = FilterError{e.message, {e.offset, e.offset}, e};
        } else {
            int root = -1;
            if (p->compile(parsed.root, schemaFor(schema), root))
                p->root = root;
        }
    }
    Filter f;
    f.d = std::move(p);
    return f;
}

const QString &Filter::expression() const { return d->expression; }
bool Filter::isEmpty() const { return d->empty; }
bool Filter::isValid() const { return !d->error.has_value(); }
const std::optional<FilterError> &Filter::error() const { return d->error; }

bool Filter::matches(const Instance &instance) const
{
    if (d->empty)
        return true;
    if (d->error || d->root < 0)
        return false;
    return d->eval(d->root, instance);
}

QList<bool> matchAll(const Filter &filter, const QList<Instance> &instances)
{
    QList<bool> out;
    out.reserve(instances.size());
    for (const Instance &in : instances)
        out.append(filter.matches(in));
    return out;
}

QList<Instance> filterInstances(const Filter &filter, const QList<Instance> &instances)
{
    QList<Instance> out;
    for (const Instance &in : instances)
        if (filter.matches(in))
            out.append(in);
    return out;
}

QList<QPair<QString, QString>> filterSelectors(FilterSchema schema)
{
    QList<QPair<QString, QString>> out;
    schemaFor(schema).list(0, QString(), out);
    return out;
}

} // namespace chainscope::sim
