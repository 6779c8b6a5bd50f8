Kind = "service-intentions"
Name = "real-api"
Sources = [
  { Name = "web", Action = "allow" },
  { Name = "web2", Action = "allow" },
]
