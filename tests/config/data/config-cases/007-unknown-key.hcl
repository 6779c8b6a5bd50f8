Kind = "service-resolver"
Name = "web"
ConectTimeout = "5s"
