Kind = "service-resolver"
Name = "web"
ConnectTimeout = "5"
