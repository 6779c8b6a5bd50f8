Kind = "service-resolver"
Name = "api"
LoadBalancer = {
  Policy = "maglev"
  HashPolicies = [
    {
      Field = "header"
      FieldValue = "x-user"
    },
  ]
}
