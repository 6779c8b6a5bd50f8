Kind = "service-resolver"
Name = "web"
Failover = {
  "*" = {
    Datacenters = ["a"]
    Targets     = [{ Peer = "p" }]
  }
}
