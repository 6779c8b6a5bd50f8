Kind = "service-splitter"
Name = "web"
Splits = [
  {
    Weight        = 70
    ServiceSubset = "v1"
  },
  {
    Weight        = 20
    ServiceSubset = "v2"
  },
]
