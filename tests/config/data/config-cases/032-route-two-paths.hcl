Kind = "service-router"
Name = "web"
Routes = [
  {
    Match {
      HTTP {
        PathExact  = "/a"
        PathPrefix = "/b"
      }
    }
  }
]
