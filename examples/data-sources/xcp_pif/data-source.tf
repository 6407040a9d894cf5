# The untagged eth1 interface of one host, and the network it connects.
data "xcp_pif" "eth1" {
  device = "eth1"
  host   = "dc1-host1"
}

output "eth1_network" {
  value = data.xcp_pif.eth1.network
}
