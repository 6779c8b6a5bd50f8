Kind = "service-intentions"
Name = "web"
Sources = []
