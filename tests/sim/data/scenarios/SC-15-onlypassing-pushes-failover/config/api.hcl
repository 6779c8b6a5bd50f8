Kind = "service-resolver"
Name = "api"
DefaultSubset = "v1"
Subsets = {
  v1 = {
    Filter = "Service.Meta.version == v1"
    OnlyPassing = true
  }
}
Failover = {
  v1 = {
    Datacenters = ["dc2"]
  }
}
