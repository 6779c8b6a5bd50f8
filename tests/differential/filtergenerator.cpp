#include "filtergenerator.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace chainscope::difftest {

using namespace Qt::StringLiterals;

namespace {

class Draw
{
public:
    explicit Draw(quint64 seed)
        : m_random(static_cast<quint32>(seed ^ (seed >> 32)))
    {
    }
    bool chance(int percent) { return int(m_random.bounded(100)) < percent; }
    int between(int low, int high) { return low + int(m_random.bounded(high - low + 1)); }
    template<class T>
    const T &pick(const QList<T> &list) { return list.at(int(m_random.bounded(qsizetype(list.size())))); }

private:
    QRandomGenerator m_random;
};

const QStringList s_statuses = {u"passing"_s, u"warning"_s, u"critical"_s};

QJsonObject nodeMeta(Draw &draw, int n)
{
    switch (n % 4) {
    case 0:
        return {{u"rack"_s, QStringLiteral("r%1").arg(n % 3)}, {u"zone"_s, draw.pick(QStringList{u"us-east-1a"_s, u"us-east-1b"_s, u"eu-west-1a"_s})}};
    case 1:
        return {{u"rack"_s, u"r1"_s}, {u"k8s-namespace"_s, u"team-a"_s}};
    default:
        return {};
    }
}

} // namespace

QList<QJsonObject> generateCatalog(quint64 seed)
{
    Draw draw(seed);
    QList<QJsonObject> out;
    const int nodes = 5;
    const int instances = 14;
    for (int i = 0; i < instances; ++i) {
        const int n = i % nodes;
        const QString node = QStringLiteral("fdiff-node-%1").arg(n);
        const QString id = QStringLiteral("fdiff-api-%1").arg(i);
        QJsonObject registration{{u"Node"_s, node}, {u"Address"_s, QStringLiteral("10.0.0.%1").arg(n + 1)}};
        const QJsonObject meta = nodeMeta(draw, n);
        if (!meta.isEmpty())
            registration.insert(u"NodeMeta"_s, meta);
        if (n % 2 == 0)
            registration.insert(u"TaggedAddresses"_s, QJsonObject{{u"lan"_s, QStringLiteral("10.0.0.%1").arg(n + 1)}, {u"wan"_s, u"198.18.0.1"_s}});

        QJsonArray tags;
        const QString version = draw.pick(QStringList{u"v1"_s, u"v2"_s, u"v2.1"_s, u"canary"_s});
        if (draw.chance(80))
            tags.append(version);
        if (draw.chance(30))
            tags.append(u"blue"_s);
        QJsonObject serviceMeta;
        if (draw.chance(85))
            serviceMeta.insert(u"version"_s, version);
        if (draw.chance(70))
            serviceMeta.insert(u"env"_s, draw.pick(QStringList{u"prod"_s, u"staging-eu"_s, u"prod-canary"_s}));
        if (draw.chance(20))
            serviceMeta.insert(u"canary"_s, u"true"_s);
        QJsonObject service{{u"ID"_s, id}, {u"Service"_s, kFilterService.toString()}, {u"Port"_s, 8080 + i % 3}};
        if (!tags.isEmpty())
            service.insert(u"Tags"_s, tags);
        if (!serviceMeta.isEmpty())
            service.insert(u"Meta"_s, serviceMeta);
        if (draw.chance(20))
            service.insert(u"Weights"_s, QJsonObject{{u"Passing"_s, draw.between(2, 10)}, {u"Warning"_s, 1}});
        if (draw.chance(15))
            service.insert(u"EnableTagOverride"_s, true);
        if (draw.chance(20))
            service.insert(u"TaggedAddresses"_s,
                           QJsonObject{{u"lan"_s, QJsonObject{{u"Address"_s, u"10.1.0.1"_s}, {u"Port"_s, 8443}}}});

        QJsonArray checks;
        // The node-level check every instance on the node shares.
        checks.append(QJsonObject{{u"CheckID"_s, u"node-health"_s}, {u"Name"_s, u"Node health"_s},
                                  {u"Status"_s, n == 3 ? u"critical"_s : u"passing"_s}});
        const int serviceChecks = draw.between(0, 2);
        for (int c = 0; c < serviceChecks; ++c) {
            checks.append(QJsonObject{{u"CheckID"_s, QStringLiteral("service:%1:%2").arg(id).arg(c)},
                                      {u"Name"_s, QStringLiteral("Service check %1").arg(c)},
                                      {u"Status"_s, draw.pick(s_statuses)},
                                      {u"ServiceID"_s, id},
                                      {u"Notes"_s, c == 0 ? u"http"_s : QString()},
                                      {u"Output"_s, draw.chance(50) ? u"HTTP GET: 200 OK"_s : u"connection refused"_s}});
        }
        registration.insert(u"Service"_s, service);
        registration.insert(u"Checks"_s, checks);
        out.append(registration);

        if (i % 2 == 0) { // a sidecar for every other instance, registered the way consul-k8s does
            QJsonObject proxy{{u"DestinationServiceName"_s, kFilterService.toString()},
                              {u"DestinationServiceID"_s, id},
                              {u"LocalServiceAddress"_s, u"127.0.0.1"_s},
                              {u"LocalServicePort"_s, 8080 + i % 3}};
            if (draw.chance(60))
                proxy.insert(u"Upstreams"_s, QJsonArray{QJsonObject{{u"DestinationName"_s, u"db"_s},
                                                                    {u"LocalBindPort"_s, 9191},
                                                                    {u"Datacenter"_s, draw.chance(50) ? u"dc2"_s : QString()}}});
            if (draw.chance(40))
                proxy.insert(u"MeshGateway"_s, QJsonObject{{u"Mode"_s, u"local"_s}});
            if (draw.chance(30))
                proxy.insert(u"Expose"_s, QJsonObject{{u"Checks"_s, true},
                                                      {u"Paths"_s, QJsonArray{QJsonObject{{u"ListenerPort"_s, 21500},
                                                                                         {u"LocalPathPort"_s, 8080},
                                                                                         {u"Path"_s, u"/health"_s},
                                                                                         {u"Protocol"_s, u"http"_s}}}}});
            QJsonObject sidecar{{u"Kind"_s, u"connect-proxy"_s},
                                {u"ID"_s, QString(id + u"-sidecar-proxy"_s)},
                                {u"Service"_s, kFilterSidecar.toString()},
                                {u"Port"_s, 21000 + i},
                                {u"Proxy"_s, proxy}};
            if (!tags.isEmpty())
                sidecar.insert(u"Tags"_s, tags);
            if (!serviceMeta.isEmpty())
                sidecar.insert(u"Meta"_s, serviceMeta);
            QJsonObject sidecarRegistration = registration;
            sidecarRegistration.insert(u"Service"_s, sidecar);
            sidecarRegistration.insert(u"Checks"_s,
                                       QJsonArray{QJsonObject{{u"CheckID"_s, QStringLiteral("sidecar:%1").arg(id)},
                                                              {u"Name"_s, u"Connect Sidecar Listening"_s},
                                                              {u"Status"_s, draw.pick(s_statuses)},
                                                              {u"ServiceID"_s, QString(id + u"-sidecar-proxy"_s)}}});
            out.append(sidecarRegistration);
        }
    }
    return out;
}

namespace {

enum class Type { String, Int, Bool, StringList, StringMap, AddressMap, StructList };

struct Selector {
    QString path;
    Type type;
};

// runtime.md §1.6, the modern table: fields 1.8.7 lacks are included on purpose (the agent must reject
// them and so must the Consul1_8 schema).
const QList<Selector> &selectors()
{
    static const QList<Selector> list = {
        {u"Node.ID"_s, Type::String}, {u"Node.Node"_s, Type::String}, {u"Node.Address"_s, Type::String},
        {u"Node.Datacenter"_s, Type::String}, {u"Node.Partition"_s, Type::String}, {u"Node.PeerName"_s, Type::String},
        {u"Node.TaggedAddresses"_s, Type::StringMap}, {u"Node.Meta"_s, Type::StringMap},
        {u"Service.Kind"_s, Type::String}, {u"Service.ID"_s, Type::String}, {u"Service.Service"_s, Type::String},
        {u"Service.Address"_s, Type::String}, {u"Service.SocketPath"_s, Type::String}, {u"Service.Tags"_s, Type::StringList},
        {u"Service.Meta"_s, Type::StringMap}, {u"Service.TaggedAddresses"_s, Type::AddressMap},
        {u"Service.Port"_s, Type::Int}, {u"Service.Weights.Passing"_s, Type::Int}, {u"Service.Weights.Warning"_s, Type::Int},
        {u"Service.EnableTagOverride"_s, Type::Bool}, {u"Service.Connect.Native"_s, Type::Bool},
        {u"Service.Proxy.DestinationServiceName"_s, Type::String}, {u"Service.Proxy.DestinationServiceID"_s, Type::String},
        {u"Service.Proxy.LocalServiceAddress"_s, Type::String}, {u"Service.Proxy.LocalServicePort"_s, Type::Int},
        {u"Service.Proxy.Mode"_s, Type::String}, {u"Service.Proxy.MeshGateway.Mode"_s, Type::String},
        {u"Service.Proxy.Upstreams"_s, Type::StructList}, {u"Service.Proxy.Upstreams.DestinationName"_s, Type::String},
        {u"Service.Proxy.Upstreams.Datacenter"_s, Type::String}, {u"Service.Proxy.Upstreams.LocalBindPort"_s, Type::Int},
        {u"Service.Proxy.Upstreams.DestinationType"_s, Type::String}, {u"Service.Proxy.Expose.Checks"_s, Type::Bool},
        {u"Service.Proxy.Expose.Paths"_s, Type::StructList}, {u"Service.Proxy.Expose.Paths.Path"_s, Type::String},
        {u"Service.Proxy.Expose.Paths.ListenerPort"_s, Type::Int},
        {u"Checks"_s, Type::StructList}, {u"Checks.Node"_s, Type::String}, {u"Checks.CheckID"_s, Type::String},
        {u"Checks.Name"_s, Type::String}, {u"Checks.Status"_s, Type::String}, {u"Checks.Notes"_s, Type::String},
        {u"Checks.Output"_s, Type::String}, {u"Checks.ServiceID"_s, Type::String}, {u"Checks.ServiceName"_s, Type::String},
        {u"Checks.ServiceTags"_s, Type::StringList}, {u"Checks.Type"_s, Type::String}, {u"Checks.Interval"_s, Type::String},
        {u"Checks.ExposedPort"_s, Type::Int},
    };
    return list;
}

const QStringList s_words = {u"v1"_s, u"v2"_s, u"v2.1"_s, u"canary"_s, u"blue"_s, u"prod"_s, u"staging-eu"_s, u"r1"_s,
                             u"us-east-1a"_s, u"team-a"_s, u"passing"_s, u"critical"_s, u"warning"_s, u"fdiff-api"_s,
                             u"fdiff-node-1"_s, u"connect-proxy"_s, u"db"_s, u"dc1"_s, u"dc2"_s, u"local"_s, u"10.0.0.1"_s,
                             u"node-health"_s, u"http"_s, u"/health"_s, u"true"_s, u"x"_s, u""_s};
const QStringList s_mapKeys = {u"version"_s, u"env"_s, u"canary"_s, u"rack"_s, u"zone"_s, u"k8s-namespace"_s, u"lan"_s,
                               u"wan"_s, u"missing"_s};
const QStringList s_regexes = {u"^v2"_s, u"v1"_s, u"us-east-1[ab]"_s, u"^prod"_s, u"^$"_s, u"pass|warn"_s, u"v\\d"_s, u"("_s, u"[a-"_s};
const QStringList s_ints = {u"8080"_s, u"8081"_s, u"8082"_s, u"21000"_s, u"21002"_s, u"\"0x1F90\""_s, u"1"_s, u"9191"_s,
                            u"0"_s,    u"\"8080\""_s, u"-1"_s, u"21500"_s, u"8080.0"_s, u"01"_s, u"abc"_s};
const QStringList s_bools = {u"true"_s, u"false"_s, u"\"f\""_s, u"T"_s, u"1"_s, u"yes"_s, u"0"_s};

bool isBareword(const QString &s)
{
    static const QRegularExpression bare(u"^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$"_s);
    return bare.match(s).hasMatch();
}

QString quoted(Draw &draw, const QString &value)
{
    const int how = draw.between(0, 9);
    if (how < 3 && (isBareword(value) || draw.chance(5))) // sometimes a bareword that is not one: a syntax error
        return value;
    if (how < 8 || value.contains(u'`'))
        return u'"' + QString(value).replace(u"\\"_s, u"\\\\"_s) + u'"';
    return u'`' + value + u'`';
}

QString regexValue(Draw &draw)
{
    const QString r = draw.pick(s_regexes);
    if (r.contains(u'\\') && draw.chance(50))
        return u'"' + r + u'"'; // "v\d": Go unquoting rejects the escape
    return draw.chance(50) ? u'`' + r + u'`' : u'"' + QString(r).replace(u"\\"_s, u"\\\\"_s) + u'"';
}

QString mapKey(Draw &draw, const QString &selector)
{
    const QString key = draw.pick(s_mapKeys);
    if (key.contains(u'-') && draw.chance(90))
        return selector + u"[\""_s + key + u"\"]"_s;
    if (draw.chance(15))
        return selector + u"[\""_s + key + u"\"]"_s;
    return selector + u'.' + key; // k8s-namespace unbracketed: a syntax error
}

QString stringMatch(Draw &draw, const QString &s)
{
    switch (draw.chance(8) ? draw.between(8, 9) : draw.between(0, 7)) {
    case 0:
    case 1:
        return s + u" == "_s + quoted(draw, draw.pick(s_words));
    case 2:
        return s + (draw.chance(50) ? u"!="_s : u" != "_s) + quoted(draw, draw.pick(s_words));
    case 3:
        return s + u" matches "_s + regexValue(draw);
    case 4:
        return s + u" not matches "_s + regexValue(draw);
    case 5:
        return quoted(draw, draw.pick(s_words)) + u" in "_s + s;
    case 6:
        return quoted(draw, draw.pick(s_words)) + u" not in "_s + s;
    case 7:
        return s + (draw.chance(50) ? u" contains "_s : u" not contains "_s) + quoted(draw, draw.pick(s_words));
    case 8:
        return s + (draw.chance(50) ? u" is empty"_s : u" is not empty"_s); // not allowed on strings
    default:
        return s + u" in "_s + quoted(draw, draw.pick(s_words)); // selector-first in: a syntax error
    }
}

QString leaf(Draw &draw)
{
    if (draw.chance(3)) {
        return draw.pick(QStringList{u"Service.Nope == x"_s, u"Service.Meta.version == v1 AND Node.Node == x"_s,
                                     u"Service.Port > 8080"_s, u"(Service.Port == 8080"_s, u"Service.Locality.Region == x"_s,
                                     u"not"_s, u"Checks.Status == passing or"_s, u"Service.Meta[version] == v1"_s});
    }
    const Selector &sel = draw.pick(selectors());
    switch (sel.type) {
    case Type::String:
        return stringMatch(draw, sel.path);
    case Type::Int: {
        const QString op = draw.chance(10) ? draw.pick(QStringList{u" matches "_s, u" is empty"_s})
                                           : draw.pick(QStringList{u" == "_s, u" != "_s, u"=="_s});
        return op == u" is empty" ? QString(sel.path + op) : QString(sel.path + op + draw.pick(s_ints));
    }
    case Type::Bool:
        return sel.path + draw.pick(QStringList{u" == "_s, u" != "_s}) + draw.pick(s_bools);
    case Type::StringList:
        switch (draw.chance(8) ? 4 : draw.between(0, 3)) {
        case 0:
            return quoted(draw, draw.pick(s_words)) + u" in "_s + sel.path;
        case 1:
            return quoted(draw, draw.pick(s_words)) + u" not in "_s + sel.path;
        case 2:
            return sel.path + u" contains "_s + quoted(draw, draw.pick(s_words));
        case 3:
            return sel.path + (draw.chance(50) ? u" is empty"_s : u" is not empty"_s);
        default:
            return sel.path + u" == "_s + quoted(draw, draw.pick(s_words)); // not allowed on []string
        }
    case Type::StringMap:
        switch (draw.between(0, 5)) {
        case 0:
            return u'"' + draw.pick(s_mapKeys) + u"\" in "_s + sel.path;
        case 1:
            return u'"' + draw.pick(s_mapKeys) + u"\" not in "_s + sel.path;
        case 2:
            return sel.path + (draw.chance(50) ? u" is empty"_s : u" is not empty"_s);
        default:
            return stringMatch(draw, mapKey(draw, sel.path));
        }
    case Type::AddressMap:
        switch (draw.between(0, 3)) {
        case 0:
            return u'"' + draw.pick(s_mapKeys) + u"\" in "_s + sel.path;
        case 1:
            return sel.path + u"."_s + draw.pick(s_mapKeys) + u".Address == \"10.1.0.1\""_s;
        case 2:
            return sel.path + u"."_s + draw.pick(s_mapKeys) + u".Port != "_s + draw.pick(s_ints);
        default:
            return sel.path + u" is empty"_s;
        }
    case Type::StructList:
        return sel.path + (draw.chance(8) ? u" == x"_s : draw.pick(QStringList{u" is empty"_s, u" is not empty"_s}));
    }
    return {};
}

QString expression(Draw &draw, int depth)
{
    if (depth <= 0 || draw.chance(50))
        return leaf(draw);
    switch (draw.between(0, 3)) {
    case 0:
        return expression(draw, depth - 1) + u" and "_s + expression(draw, depth - 1);
    case 1:
        return expression(draw, depth - 1) + u" or "_s + expression(draw, depth - 1);
    case 2:
        return u"not "_s + expression(draw, depth - 1);
    default:
        return u'(' + expression(draw, depth - 1) + u')';
    }
}

} // namespace

QStringList generateFilters(quint64 seed, int count)
{
    Draw draw(seed * 2654435761u + 17);
    QStringList out;
    while (out.size() < count) {
        const QString e = expression(draw, 2);
        if (!e.trimmed().isEmpty())
            out.append(e);
    }
    return out;
}

} // namespace chainscope::difftest
