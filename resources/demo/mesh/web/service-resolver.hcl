# web runs two versions side by side. Requests that name no subset get v1.
# v2 fails over to dc2; v1 (and anything else) tries dc3, then dc4, then the peered cluster peer-01.
# Sessions stick to an instance by the x-user-id header (maglev).
Kind           = "service-resolver"
Name           = "web"
DefaultSubset  = "v1"
ConnectTimeout = "15s"

Subsets = {
  v1 = {
    Filter = "Service.Meta.version == v1"
  }
  v2 = {
    Filter      = "Service.Meta.version == v2"
    OnlyPassing = true
  }
}

Failover = {
  v2 = {
    Datacenters = ["dc2"]
  }
  "*" = {
    Targets = [
      { Datacenter = "dc3" },
      { Datacenter = "dc4" },
      { Peer = "peer-01" }
    ]
  }
}

LoadBalancer = {
  Policy = "maglev"
  HashPolicies = [
    {
      Field      = "header"
      FieldValue = "x-user-id"
    }
  ]
}
