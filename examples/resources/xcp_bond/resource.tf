# A pool-wide LACP bond of the spare NICs eth2 and eth3: the first host's bond
# creates the network, the second host's bond joins it.
resource "xcp_bond" "uplink_host1" {
  host              = "dc1-host1"
  members           = ["eth2", "eth3"]
  mode              = "lacp"
  hashing_algorithm = "src_mac"
  lacp_time         = "fast"
  name_label        = "bonded uplink"
}

resource "xcp_bond" "uplink_host2" {
  host              = "dc1-host2"
  members           = ["eth2", "eth3"]
  mode              = "lacp"
  hashing_algorithm = "src_mac"
  network           = xcp_bond.uplink_host1.network
}
