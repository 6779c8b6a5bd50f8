Kind = "service-resolver"
Name = "good"
DefaultSubset = "main"
Subsets = {
  main = {
    Filter = "Service.Proxy.DestinationServiceName == good"
  }
}
