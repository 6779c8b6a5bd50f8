Kind = "service-resolver"
Name = "web"
LoadBalancer {
  Policy = "maglev"
  HashPolicies = [
    {
      Field      = "cookie"
      FieldValue = "c"
      CookieConfig {
        Session = true
        TTL     = "10s"
      }
    }
  ]
}
