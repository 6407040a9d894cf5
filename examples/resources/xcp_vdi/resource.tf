resource "xcp_vdi" "data" {
  name_label = "postgres-data"
  sr         = "NFS shared storage"
  size       = 107374182400 # 100 GiB; grows in place, never shrinks
  tags       = ["db"]
}
