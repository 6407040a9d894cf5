# Pools are adopted, never created: this renames pool dc1 and sets its defaults.
resource "xcp_pool" "dc1" {
  pool                  = "dc1"
  name_label            = "Datacenter 1"
  default_sr            = "NFS shared storage"
  migration_compression = true
  tags                  = ["production"]
}
