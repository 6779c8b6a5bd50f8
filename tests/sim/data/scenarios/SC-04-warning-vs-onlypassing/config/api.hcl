Kind = "service-resolver"
Name = "api"
DefaultSubset = "all"
Subsets = {
  all = {
    Filter = ""
    OnlyPassing = true
  }
}
