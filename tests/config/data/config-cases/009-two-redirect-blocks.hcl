Kind = "service-resolver"
Name = "web"
Redirect {
  Service = "a"
}
Redirect {
  Service = "a"
}
