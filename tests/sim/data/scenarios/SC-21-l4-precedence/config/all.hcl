Kind = "service-intentions"
Name = "*"
Sources = [
  { Name = "web", Action = "deny" },
  { Name = "*", Action = "allow" },
]
