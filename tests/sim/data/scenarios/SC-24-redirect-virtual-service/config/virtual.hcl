Kind = "service-resolver"
Name = "virtual-api"
Redirect {
  Service = "real-api"
}
