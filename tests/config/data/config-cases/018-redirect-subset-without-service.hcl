Kind = "service-resolver"
Name = "web"
Redirect {
  ServiceSubset = "v1"
}
