Kind = "service-resolver"
Name = "web"
Failover = {
  "*" = {}
}
