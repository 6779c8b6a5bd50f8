Kind = "service-resolver"
Name = "web"
Failover = {
  "v9" = {
    Datacenters = ["dc2"]
  }
}
