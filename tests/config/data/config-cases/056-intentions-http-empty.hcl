Kind = "service-intentions"
Name = "web"
Sources = [
  {
    Name = "api"
    Permissions = [
      {
        Action = "allow"
        HTTP {}
      }
    ]
  }
]
