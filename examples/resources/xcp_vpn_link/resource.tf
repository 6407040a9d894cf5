variable "vpn_psk" {
  type      = string
  sensitive = true
}

resource "xcp_network" "dc_app" {
  pool       = "dc1"
  name_label = "app"
}

resource "xcp_network" "cloud_app" {
  pool       = "cloud1"
  name_label = "app-burst"
}

resource "xcp_vpn_link" "burst" {
  pool           = "dc1"
  remote_pool    = "cloud1"
  name_label     = "dc1-to-cloud1"
  network        = xcp_network.dc_app.uuid
  remote_network = xcp_network.cloud_app.uuid
  protocol       = "ipsec"
  psk            = var.vpn_psk
  local_cidrs    = ["10.10.0.0/16"]
  remote_cidrs   = ["10.20.0.0/16"]
}
