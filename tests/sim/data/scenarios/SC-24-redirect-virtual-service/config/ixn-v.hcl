Kind = "service-intentions"
Name = "virtual-api"
Sources = [
  { Name = "web", Action = "allow" },
  { Name = "web3", Action = "allow" },
]
