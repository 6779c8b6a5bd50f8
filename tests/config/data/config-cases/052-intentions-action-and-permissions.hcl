Kind = "service-intentions"
Name = "web"
Sources = [
  {
    Name   = "api"
    Action = "allow"
    Permissions = [
      {
        Action = "deny"
        HTTP {
          PathPrefix = "/admin"
        }
      }
    ]
  }
]
