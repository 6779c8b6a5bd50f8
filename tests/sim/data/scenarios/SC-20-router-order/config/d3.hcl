Kind = "service-defaults"
Name = "api-writer"
Protocol = "http"
