Kind = "service-intentions"
Name = "api"
Sources = [
  { Name = "web", Action = "allow" },
  { Name = "web2", Action = "allow" },
  {
    Name = "web"
    Peer = "cluster-01"
    Action = "allow"
  },
]
