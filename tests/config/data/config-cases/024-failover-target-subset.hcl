Kind = "service-resolver"
Name = "web"
Failover = {
  "*" = {
    Targets = [{ ServiceSubset = "nope" }]
  }
}
