Kind = "service-resolver"
Name = "web
