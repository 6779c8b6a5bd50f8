Kind = "service-resolver"
Name = "api-random"
LoadBalancer = {
  Policy = "random"
}
