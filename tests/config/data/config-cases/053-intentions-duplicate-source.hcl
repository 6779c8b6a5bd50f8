Kind = "service-intentions"
Name = "web"
Sources = [
  {
    Name   = "api"
    Action = "allow"
  },
  {
    Name   = "api"
    Action = "deny"
  },
]
