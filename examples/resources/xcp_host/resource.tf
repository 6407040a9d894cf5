variable "host_address" {
  type        = string
  description = "Management address of the host: a member of the pool is adopted, another host joins it."
}

variable "root_password" {
  type      = string
  sensitive = true
}

resource "xcp_host" "node3" {
  address       = var.host_address
  join_username = "root"
  join_password = var.root_password
  name_label    = "node3"
  logging       = { syslog_destination = "10.0.0.9" }
  # Destroying this resource ejects the host from the pool (pool.eject wipes its local storage).
  allow_eject = true
}
