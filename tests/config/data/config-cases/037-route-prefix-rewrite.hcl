Kind = "service-router"
Name = "web"
Routes = [
  {
    Destination {
      Service       = "b"
      PrefixRewrite = "/x"
    }
  }
]
