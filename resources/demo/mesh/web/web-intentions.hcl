# Only the frontend may call web; everything else is refused explicitly.
Kind = "service-intentions"
Name = "web"

Sources = [
  {
    Name   = "frontend"
    Action = "allow"
  },
  {
    Name   = "*"
    Action = "deny"
  }
]
