#include "chainform.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>
#include <functional>

namespace chainscope::difftest {

using namespace Qt::StringLiterals;

namespace {

const QStringList s_durationKeys = {u"ConnectTimeout"_s, u"RequestTimeout"_s, u"IdleTimeout"_s};

/** Drops null, "", false, {} and [] recursively; turns durations into nanoseconds. */
QJsonValue pruned(const QJsonValue &value, const QString &key = {})
{
    if (s_durationKeys.contains(key) && (value.isString() || value.isDouble())) {
        const qint64 ns = parseGoDuration(value);
        return ns == 0 ? QJsonValue() : QJsonValue(double(ns));
    }
    switch (value.type()) {
    case QJsonValue::Object: {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            const QJsonValue v = pruned(it.value(), it.key());
            if (!v.isUndefined())
                out.insert(it.key(), v);
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(out);
    }
    case QJsonValue::Array: {
        QJsonArray out;
        for (const QJsonValue &element : value.toArray()) {
            const QJsonValue v = pruned(element);
            out.append(v.isUndefined() ? QJsonValue(QJsonObject()) : v); // keep positions
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(out);
    }
    case QJsonValue::String:
        return value.toString().isEmpty() ? QJsonValue(QJsonValue::Undefined) : value;
    case QJsonValue::Bool:
        return value.toBool() ? value : QJsonValue(QJsonValue::Undefined);
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QJsonValue::Undefined;
    case QJsonValue::Double:
        return value;
    }
    return value;
}

QJsonObject only(const QJsonObject &in, const QStringList &keys)
{
    QJsonObject out;
    for (const QString &key : keys) {
        if (in.contains(key))
            out.insert(key, in.value(key));
    }
    return out;
}

/** A route Definition as written, minus the namespace/partition defaults that 1.8.7's Normalize fills in
 *  (Destination.Namespace "default") and modern Consul adds to the implicit catch-all (Partition). */
QJsonObject comparableDefinition(QJsonObject definition)
{
    QJsonObject destination = definition.value(u"Destination").toObject();
    for (const QString &key : {u"Namespace"_s, u"Partition"_s}) {
        if (destination.value(key).toString() == u"default")
            destination.remove(key);
    }
    destination.remove(u"Partition"_s);
    if (definition.contains(u"Destination"))
        definition.insert(u"Destination"_s, destination);
    return definition;
}

using Rename = std::function<QString(const QString &)>;

/** The common reduction; rename maps node keys and target IDs to 1.8.7's shape. */
QJsonObject reduce(const QJsonObject &chain, const Rename &renameTarget, const Rename &renameNode)
{
    QJsonObject out = only(chain, {u"ServiceName"_s, u"Namespace"_s, u"Datacenter"_s, u"Protocol"_s});
    if (!chain.value(u"CustomizationHash").toString().isEmpty())
        out.insert(u"Customized"_s, true);
    out.insert(u"StartNode"_s, renameNode(chain.value(u"StartNode").toString()));

    QJsonObject nodes;
    const QJsonObject inNodes = chain.value(u"Nodes").toObject();
    for (auto it = inNodes.begin(); it != inNodes.end(); ++it) {
        const QJsonObject node = it.value().toObject();
        const QString type = node.value(u"Type").toString();
        QJsonObject n{{u"Type"_s, type}};
        if (type == u"resolver") {
            const QJsonObject resolver = node.value(u"Resolver").toObject();
            n.insert(u"Name"_s, renameTarget(node.value(u"Name").toString()));
            QJsonObject r = only(resolver, {u"ConnectTimeout"_s, u"Default"_s});
            r.insert(u"Target"_s, renameTarget(resolver.value(u"Target").toString()));
            QJsonArray failover;
            for (const QJsonValue &t : resolver.value(u"Failover").toObject().value(u"Targets").toArray())
                failover.append(renameTarget(t.toString()));
            if (!failover.isEmpty())
                r.insert(u"Failover"_s, QJsonObject{{u"Targets"_s, failover}});
            n.insert(u"Resolver"_s, r);
        } else {
            n.insert(u"Name"_s, renameNode(type + u':' + node.value(u"Name").toString()).section(u':', 1));
        }
        if (type == u"router") {
            QJsonArray routes;
            for (const QJsonValue &route : node.value(u"Routes").toArray()) {
                const QJsonObject r = route.toObject();
                routes.append(QJsonObject{{u"Definition"_s, comparableDefinition(r.value(u"Definition").toObject())},
                                          {u"NextNode"_s, renameNode(r.value(u"NextNode").toString())}});
            }
            n.insert(u"Routes"_s, routes);
        }
        if (type == u"splitter") {
            QJsonArray splits;
            for (const QJsonValue &split : node.value(u"Splits").toArray()) {
                const QJsonObject s = split.toObject();
                splits.append(QJsonObject{{u"Weight"_s, std::round(s.value(u"Weight").toDouble() * 100.0) / 100.0},
                                          {u"NextNode"_s, renameNode(s.value(u"NextNode").toString())}});
            }
            n.insert(u"Splits"_s, splits);
        }
        nodes.insert(renameNode(it.key()), n);
    }
    out.insert(u"Nodes"_s, nodes);

    QJsonObject targets;
    const QJsonObject inTargets = chain.value(u"Targets").toObject();
    for (auto it = inTargets.begin(); it != inTargets.end(); ++it) {
        QJsonObject t = only(it.value().toObject(), {u"Service"_s, u"ServiceSubset"_s, u"Namespace"_s, u"Datacenter"_s,
                                                     u"MeshGateway"_s, u"Subset"_s, u"External"_s, u"SNI"_s, u"Name"_s});
        t.insert(u"ID"_s, renameTarget(it.value().toObject().value(u"ID").toString()));
        targets.insert(renameTarget(it.key()), t);
    }
    out.insert(u"Targets"_s, targets);
    return pruned(out).toObject();
}

} // namespace

qint64 parseGoDuration(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    const QString text = value.toString();
    if (text.isEmpty())
        return 0;
    static const QRegularExpression part(u"(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)"_s);
    static const QHash<QString, double> unit{{u"ns"_s, 1.0}, {u"us"_s, 1e3}, {u"µs"_s, 1e3}, {u"ms"_s, 1e6},
                                             {u"s"_s, 1e9}, {u"m"_s, 60e9}, {u"h"_s, 3600e9}};
    double total = 0.0;
    qsizetype at = text.startsWith(u'-') ? 1 : 0;
    while (at < text.size()) {
        const QRegularExpressionMatch m = part.match(text, at, QRegularExpression::NormalMatch,
                                                     QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch())
            return -1;
        total += m.captured(1).toDouble() * unit.value(m.captured(2));
        at = m.capturedEnd();
    }
    return qint64(std::llround(text.startsWith(u'-') ? -total : total));
}

QJsonObject comparableFromAgent(const QJsonObject &chain)
{
    const Rename same = [](const QString &s) { return s; };
    return reduce(chain, same, same);
}

QJsonObject comparableFromModern(const QJsonObject &chain)
{
    // Target IDs are rebuilt from each target's own fields in 1.8.7's shape; every other reference to a
    // target (resolver names, Target, failover lists, node keys) is renamed through that map.
    QHash<QString, QString> targetIds;
    const QJsonObject targets = chain.value(u"Targets").toObject();
    for (auto it = targets.begin(); it != targets.end(); ++it) {
        const QJsonObject t = it.value().toObject();
        QString legacy = t.value(u"Service").toString() + u'.' + t.value(u"Namespace").toString(u"default"_s) + u'.'
            + t.value(u"Datacenter").toString();
        if (!t.value(u"ServiceSubset").toString().isEmpty())
            legacy.prepend(t.value(u"ServiceSubset").toString() + u'.');
        targetIds.insert(it.key(), legacy);
        targetIds.insert(t.value(u"ID").toString(), legacy);
    }
    const Rename renameTarget = [targetIds](const QString &id) { return targetIds.value(id, id); };
    const Rename renameNode = [renameTarget](const QString &key) -> QString {
        const qsizetype colon = key.indexOf(u':');
        if (colon < 0)
            return key;
        const QString type = key.left(colon);
        const QString name = key.mid(colon + 1);
        if (type == u"resolver")
            return type + u':' + renameTarget(name);
        // router/splitter names are service.namespace.partition; 1.8.7 has service.namespace.
        const qsizetype lastDot = name.lastIndexOf(u'.');
        return lastDot < 0 ? key : type + u':' + name.left(lastDot);
    };
    QJsonObject out = reduce(chain, renameTarget, renameNode);
    // Consul 1.8.7 (compile.go newTarget) gives a mesh-gateway mode only to targets in another
    // datacenter; modern Consul sets it on every target (gateways also serve partitions and peers).
    QJsonObject reducedTargets = out.value(u"Targets").toObject();
    for (auto it = reducedTargets.begin(); it != reducedTargets.end(); ++it) {
        QJsonObject t = it.value().toObject();
        if (t.value(u"Datacenter") == out.value(u"Datacenter")) {
            t.remove(u"MeshGateway"_s);
            it.value() = t;
        }
    }
    if (!reducedTargets.isEmpty())
        out.insert(u"Targets"_s, reducedTargets);
    return out;
}

namespace {

QString show(const QJsonValue &v)
{
    if (v.isUndefined())
        return u"(absent)"_s;
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isString())
        return u'"' + v.toString() + u'"';
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return QString::number(v.toDouble(), 'g', 12);
}

void diff(const QJsonValue &a, const QJsonValue &b, const QString &path, QStringList &out)
{
    if (a == b)
        return;
    if (a.isObject() && b.isObject()) {
        const QJsonObject oa = a.toObject(), ob = b.toObject();
        QStringList keys = oa.keys() + ob.keys();
        keys.removeDuplicates();
        keys.sort();
        for (const QString &key : std::as_const(keys))
            diff(oa.value(key), ob.value(key), path + u"[\"" + key + u"\"]", out);
        return;
    }
    if (a.isArray() && b.isArray() && a.toArray().size() == b.toArray().size()) {
        const QJsonArray xa = a.toArray(), xb = b.toArray();
        for (qsizetype i = 0; i < xa.size(); ++i)
            diff(xa.at(i), xb.at(i), path + u'[' + QString::number(i) + u']', out);
        return;
    }
    out.append(path + u": agent " + show(a) + u", chainscope " + show(b));
}

} // namespace

QStringList chainDifferences(const QJsonObject &agent, const QJsonObject &ours)
{
    QStringList out;
    diff(agent, ours, u"chain"_s, out);
    return out;
}

} // namespace chainscope::difftest
