Kind = "service-resolver"
Name = "api-c"
Failover = {
  "*" = {
    Datacenters = ["dc2"]
  }
}
