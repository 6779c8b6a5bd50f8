Kind = "service-router"
Name = "web"
Routes = [
  {
    Destination {
      RetryOn = ["retriable-headers"]
    }
  }
]
