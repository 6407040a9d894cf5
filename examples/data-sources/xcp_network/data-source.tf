data "xcp_network" "vlan120" {
  vlan   = 120
  device = "eth1"
}
