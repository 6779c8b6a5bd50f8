Kind = "service-resolver"
Name = "api-eq"
DefaultSubset = "v2"
Subsets = {
  v2 = {
    Filter = "Service.Meta.version == v2"
  }
}
