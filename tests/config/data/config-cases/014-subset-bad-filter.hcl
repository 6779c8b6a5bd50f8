Kind = "service-resolver"
Name = "web"
Subsets = {
  v1 = {
    Filter = "random string"
  }
}
