Kind = "service-router"
Name = "web"
Routes = [
  {
    Match {
      HTTP {
        Header = [{ Present = true }]
      }
    }
  }
]
