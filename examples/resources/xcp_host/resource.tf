variable "root_password" {
  type      = string
  sensitive = true
}

resource "xcp_host" "node3" {
  address       = "10.0.0.13"
  join_username = "root"
  join_password = var.root_password
  name_label    = "node3"
  logging       = { syslog_destination = "10.0.0.9" }
  allow_eject   = false
}
