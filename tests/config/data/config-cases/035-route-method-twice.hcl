Kind = "service-router"
Name = "web"
Routes = [
  {
    Match {
      HTTP {
        Methods = ["GET", "get"]
      }
    }
  }
]
