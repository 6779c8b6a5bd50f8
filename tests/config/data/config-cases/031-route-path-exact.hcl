Kind = "service-router"
Name = "web"
Routes = [
  {
    Match {
      HTTP {
        PathExact = "api"
      }
    }
  }
]
