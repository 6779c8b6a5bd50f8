Kind = "service-splitter"
Name = "web"
Splits = [
  { Weight = 33.333, ServiceSubset = "v1" },
  { Weight = 33.333, ServiceSubset = "v2" },
  { Weight = 33.333, ServiceSubset = "v3" },
]
