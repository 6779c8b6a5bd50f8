Kind = "proxy-defaults"
Name = "foo"
