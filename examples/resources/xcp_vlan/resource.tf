resource "xcp_vlan" "dmz" {
  name_label = "dmz"
  tag        = 120
  device     = "eth1"

  ip_config {
    host    = "dc1-host1"
    mode    = "static"
    ip      = "192.168.120.11"
    netmask = "255.255.255.0"
  }
}
