Kind = "service-resolver"
Name = "api"
Failover = {
  "*" = {
    Datacenters = ["dc2"]
  }
}
