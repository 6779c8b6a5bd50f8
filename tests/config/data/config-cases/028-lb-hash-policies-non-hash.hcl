Kind = "service-resolver"
Name = "web"
LoadBalancer {
  Policy       = "round_robin"
  HashPolicies = [{ SourceIP = true }]
}
