Kind = "service-defaults"
Name = "api-canary"
Protocol = "http"
