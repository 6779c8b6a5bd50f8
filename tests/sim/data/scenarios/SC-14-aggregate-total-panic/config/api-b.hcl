Kind = "service-resolver"
Name = "api-b"
Failover = {
  "*" = {
    Datacenters = ["dc2"]
  }
}
