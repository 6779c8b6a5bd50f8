Kind = "service-intentions"
Name = "web"
Sources = [
  {
    Name   = "ap*"
    Action = "allow"
  }
]
