Kind = "service-router"
Name = "api"
Routes = [
  {
    Match { HTTP { PathPrefix = "/admin" } }
    Destination { Service = "admin" }
  },
  {
    Match { HTTP { Header = [ { Name = "x-canary", Exact = "true" } ] } }
    Destination { ServiceSubset = "canary" }
  },
  {
    Match {
      HTTP {
        PathPrefix = "/api"
        Methods = ["POST", "PUT"]
      }
    }
    Destination { Service = "api-writer" }
  },
]
