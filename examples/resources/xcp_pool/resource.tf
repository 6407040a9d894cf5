resource "xcp_pool" "dc1" {
  pool                  = "dc1"
  name_label            = "Datacenter 1"
  default_sr            = "nfs-vms"
  migration_compression = true
  tags                  = ["production"]
}
