Kind = "service-splitter"
Name = "web"
Splits = [
  { Weight = 100 },
]
