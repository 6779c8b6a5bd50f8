Kind = "service-defaults"
Name = "api"
Protocol = "tcp"
