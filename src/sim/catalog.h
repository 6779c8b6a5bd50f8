// Catalog input: service instances with their node and health checks, as Consul's health API returns them.
#pragma once

#include "common/diagnostic.h"
#include "common/sourcelocation.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace chainscope::sim {

/** structs.Node as the health API shows it (the fields filters can select). */
struct CatalogNode {
    QString id;
    QString node;
    QString address;
    QString datacenter;
    QString partition;
    QString peerName;
    QMap<QString, QString> taggedAddresses;
    QMap<QString, QString> meta;
};

/** structs.ServiceAddress (values of Service.TaggedAddresses). */
struct ServiceAddress {
    QString address;
    qint64 port = 0;
};

/** structs.Upstream, the fields filters can select. */
struct ProxyUpstream {
    QString destinationType;
    QString destinationNamespace;
    QString destinationPartition;
    QString destinationPeer;
    QString destinationName;
    QString datacenter;
    QString localBindAddress;
    QString localBindSocketPath;
    QString localBindSocketMode;
    qint64 localBindPort = 0;
    QString meshGatewayMode;
};

/** structs.ExposePath. */
struct ExposePath {
    qint64 listenerPort = 0;
    qint64 localPathPort = 0;
    QString path;
    QString protocol;
    bool parsedFromCheck = false;
};

/** structs.ConnectProxyConfig, the fields filters can select. */
struct ProxyConfig {
    QString destinationServiceName;
    QString destinationServiceId;
    QString localServiceAddress;
    QString localServiceSocketPath;
    QString mode; ///< "", "direct", "transparent"
    qint64 localServicePort = 0;
    QString meshGatewayMode;
    qint64 transparentOutboundListenerPort = 0;
    bool transparentDialedDirectly = false;
    QList<ProxyUpstream> upstreams;
    bool exposeChecks = false;
    QList<ExposePath> exposePaths;
};

/** structs.NodeService: the registration (for a sidecar: the proxy's own registration). */
struct CatalogService {
    QString kind; ///< "", "connect-proxy", "mesh-gateway", ...
    QString id;
    QString service;
    QString address;
    QString socketPath;
    QString peerName;
    QStringList tags;
    QMap<QString, QString> meta;
    QMap<QString, ServiceAddress> taggedAddresses;
    qint64 port = 0;
    qint64 weightsPassing = 1; ///< the catalog's default Weights are {1, 1}
    qint64 weightsWarning = 1;
    bool enableTagOverride = false;
    bool connectNative = false;
    ProxyConfig proxy;
};

/** structs.HealthCheck. */
struct CatalogCheck {
    QString node;
    QString checkId;
    QString name;
    QString status; ///< "passing" | "warning" | "critical"
    QString notes;
    QString output;
    QString serviceId;
    QString serviceName;
    QStringList serviceTags;
    QString type;
    QString interval;
    QString timeout;
    QString peerName;
    qint64 exposedPort = 0;
};

/** One CheckServiceNode = {Node, Service, Checks}, plus where it sits in the catalog. */
struct Instance {
    QString location;    ///< datacenter name, or "peer:NAME" for instances imported from a peer
    QString serviceName; ///< the logical service: Service.Service, or Proxy.DestinationServiceName for a sidecar
    CatalogNode node;
    CatalogService service;
    QList<CatalogCheck> checks;
    SourceSpan span; ///< the instance's object in the catalog file

    /** A connect-proxy registration (a sidecar) rather than the application itself. */
    [[nodiscard]] bool isSidecar() const { return service.kind == QLatin1String("connect-proxy"); }
};

/** How catalog files are read. */
struct CatalogOptions {
    /** Datacenter of instances from a plain health-API array whose Node carries none. */
    QString defaultDatacenter = QStringLiteral("dc1");
    qint64 maxFileBytes = 64 * 1024 * 1024;
};

/** Instances by location (datacenter or "peer:NAME") and logical service name. Plain data. */
class Catalog
{
public:
    /** Adds an instance (location and serviceName must be set). */
    void add(Instance instance);

    [[nodiscard]] const QList<Instance> &all() const { return m_instances; }
    [[nodiscard]] bool isEmpty() const { return m_instances.isEmpty(); }
    /** Locations in sorted order. */
    [[nodiscard]] QStringList locations() const;
    /** Logical service names present in a location, sorted. */
    [[nodiscard]] QStringList services(const QString &location) const;

    /** Every registration grouped under the service in that location: the application's own
     *  registrations and its sidecars, in file order. */
    [[nodiscard]] QList<Instance> instances(const QString &location, const QString &service) const;

    /** What a connect query (`/v1/health/connect/<service>`, runtime.md §1.1) would return and therefore
     *  what subset filters are evaluated against: the service's sidecar proxies and connect-native
     *  registrations. A catalog that lists no connect-capable registration for the service stands for
     *  them with the application registrations themselves. */
    [[nodiscard]] QList<Instance> endpoints(const QString &location, const QString &service) const;

    /** "peer:NAME" for a peer, the datacenter name otherwise. */
    [[nodiscard]] static QString peerLocation(const QString &peer) { return QStringLiteral("peer:") + peer; }

private:
    QList<Instance> m_instances;
    QHash<QString, QHash<QString, QList<int>>> m_index; ///< location → service → indexes into m_instances
};

/** Reads catalog JSON: either the exact answer of `GET /v1/health/service/:name` (an array of
 *  {Node, Service, Checks}; datacenter from Node.Datacenter, else options.defaultDatacenter) or an object
 *  mapping datacenter (or "peer:NAME") → service name → such an array. Problems are located diagnostics
 *  (CS41xx) with field paths like `dc2.web[3].Service.Meta`; a malformed instance is skipped, the rest kept. */
[[nodiscard]] Result<Catalog> parseCatalog(QByteArrayView json, const QString &file, const CatalogOptions &options = {});

/** Reads a catalog file (see parseCatalog). */
[[nodiscard]] Result<Catalog> loadCatalog(const QString &path, const CatalogOptions &options = {});

} // namespace chainscope::sim
