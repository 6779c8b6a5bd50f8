Kind = "service-resolvers"
Name = "web"
