Name = "web"
