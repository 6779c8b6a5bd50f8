Kind = "service-defaults"
Name = "api"
Protocol = "http"
MeshGateway = {
  Mode = "remote"
}
