resource "xcp_private_network" "backend" {
  name_label        = "backend"
  protocol          = "vxlan"
  transport_network = "Pool-wide network associated with eth0"
  mtu               = 1450
}
