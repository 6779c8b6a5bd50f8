Kind = "service-resolver"
