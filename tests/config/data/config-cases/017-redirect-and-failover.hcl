Kind = "service-resolver"
Name = "web"
Redirect {
  Service = "b"
}
Failover = {
  "*" = {
    Datacenters = ["dc2"]
  }
}
