resource "xcp_vm" "db" {
  name_label = "db"
  template   = "Debian Bookworm 12"
}

resource "xcp_vm_snapshot" "before_upgrade" {
  vm                = xcp_vm.db.uuid
  name_label        = "db before upgrade"
  with_memory       = false
  revert_generation = 0 # raise to 1 to revert the VM to this snapshot
}
