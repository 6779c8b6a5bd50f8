# Mesh-wide proxy defaults. Services speak plain TCP unless their service-defaults say otherwise;
# cross-datacenter failover leaves through the local mesh gateway.
Kind = "proxy-defaults"
Name = "global"

Config {
  protocol                   = "tcp"
  envoy_prometheus_bind_addr = "0.0.0.0:9102"
}

MeshGateway {
  Mode = "local"
}
