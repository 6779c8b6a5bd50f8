Kind = "service-resolver"
Name = "web"
DefaultSubset = "v3"
Subsets = {
  v1 = {
    Filter = "Service.Meta.version == v1"
  }
}
