# product-api lives in the "primary" namespace; when none of its instances is healthy, traffic goes to
# product-api-backup in the "secondary" namespace (Consul Enterprise).
Kind           = "service-resolver"
Name           = "product-api"
Namespace      = "primary"
ConnectTimeout = "0s"

Failover = {
  "*" = {
    Service   = "product-api-backup"
    Namespace = "secondary"
  }
}
