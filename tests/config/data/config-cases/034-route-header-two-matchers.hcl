Kind = "service-router"
Name = "web"
Routes = [
  {
    Match {
      HTTP {
        Header = [{ Name = "x", Present = true, Exact = "1" }]
      }
    }
  }
]
