resource "xcp_network" "storage" {
  name_label           = "storage"
  name_description     = "iSCSI and NFS traffic"
  mtu                  = 9000
  default_locking_mode = "unlocked"
  purpose              = ["nbd"]
}
