Kind = "service-splitter"
Name = "web"
Splits = []
