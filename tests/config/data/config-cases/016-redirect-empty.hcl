Kind = "service-resolver"
Name = "web"
Redirect {}
