Kind = "service-resolver"
Name = "api"
DefaultSubset = "v2"
Subsets = {
  v2 = {
    Filter = "Service.Tags == \"v2\""
  }
}
