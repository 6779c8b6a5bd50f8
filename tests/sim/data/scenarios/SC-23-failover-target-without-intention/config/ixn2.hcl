Kind = "service-intentions"
Name = "api-backup"
Sources = [
  { Name = "web2", Action = "allow" },
]
