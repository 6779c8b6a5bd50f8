Kind = "service-intentions"
Name = "web"
Sources = [
  {
    Name = "api"
  }
]
