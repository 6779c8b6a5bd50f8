Kind = "service-splitter"
Name = "api"
Splits = [
  {
    Weight = 50
    Service = "api"
  },
  {
    Weight = 50
    Service = "api-canary"
  },
]
