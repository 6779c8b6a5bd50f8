Kind = "service-resolver"
Name = "web"
ConnectTimeout = "-1s"
