Kind = "service-resolver"
Name = "web"
Redirect {
  Service    = "b"
  Peer       = "p1"
  Datacenter = "dc2"
}
