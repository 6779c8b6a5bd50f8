Kind = "service-resolver"
Name = "api2"
DefaultSubset = "v1"
Subsets = {
  v1 = {
    Filter = "Service.Meta.version == v1"
  }
  v2 = {
    Filter = "Service.Tags == \"v2\""
  }
}
Failover = {
  v1 = {
    ServiceSubset = "v2"
  }
}
