Kind = "service-resolver"
Name = "web"
Subsets = {
  "V1" = {
    Filter = "Service.Meta.version == v1"
  }
}
