Kind = "service-resolver"
Name = "api"
DefaultSubset = "main"
Subsets = {
  main = {
    Filter = "Service.Service == api"
  }
}
