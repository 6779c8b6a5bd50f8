Kind = "service-resolver"
Name = "api"
Failover = {
  "*" = {
    Service = "api-backup"
  }
}
