# The network of VLAN 120 on eth1. Another configuration usually owns the VLAN; it is declared
# here too so that the example runs on a fresh pool, and depends_on makes the lookup wait for it.
resource "xcp_vlan" "dmz" {
  name_label = "dmz"
  tag        = 120
  device     = "eth1"
}

data "xcp_network" "vlan120" {
  vlan       = 120
  device     = "eth1"
  depends_on = [xcp_vlan.dmz]
}

output "dmz_bridge" {
  value = data.xcp_network.vlan120.bridge
}
