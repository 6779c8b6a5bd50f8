Kind = "service-resolver"
Name = "api"
Failover = {
  "*" = {
    Targets = [
      { Peer = "east" },
    ]
  }
}
