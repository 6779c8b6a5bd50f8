Kind = "service-resolver"
Name = "api-lr"
LoadBalancer = {
  Policy = "least_request"
}
