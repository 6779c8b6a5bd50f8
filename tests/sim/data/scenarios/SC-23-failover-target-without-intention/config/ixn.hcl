Kind = "service-intentions"
Name = "api"
Sources = [
  { Name = "web", Action = "allow" },
  { Name = "web2", Action = "allow" },
]
