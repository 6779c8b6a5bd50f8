Kind = "service-resolver"
Name = "api2"
DefaultSubset = "v1"
Subsets = {
  v1 = {
    Filter = "Service.Meta.version == v1"
  }
}
Failover = {
  v1 = {
    Datacenters = ["dc2"]
  }
}
