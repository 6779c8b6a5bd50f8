Kind = "service-intentions"
Name = "api"
Sources = [
  {
    Name = "frontend"
    Permissions = [
      {
        Action = "deny"
        HTTP { PathPrefix = "/admin" }
      },
      {
        Action = "allow"
        HTTP {
          PathPrefix = "/v1"
          Methods = ["GET", "HEAD"]
        }
      },
      {
        Action = "allow"
        HTTP { PathExact = "/healthz" }
      },
    ]
  },
]
