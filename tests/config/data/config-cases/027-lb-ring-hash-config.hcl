Kind = "service-resolver"
Name = "web"
LoadBalancer {
  Policy = "least_request"
  RingHashConfig {
    MinimumRingSize = 1024
  }
}
