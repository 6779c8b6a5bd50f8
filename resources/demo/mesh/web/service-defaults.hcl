# web is an HTTP service: its resolver hashes a request header, which needs L7.
Kind     = "service-defaults"
Name     = "web"
Protocol = "http"
