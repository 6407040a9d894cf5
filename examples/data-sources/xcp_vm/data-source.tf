# A VM this configuration does not manage, found by name. It is declared here too so that the
# example runs on a fresh pool; depends_on makes the lookup wait for it.
resource "xcp_vm" "legacy" {
  name_label = "legacy-erp"
  template   = "Debian Bookworm 12"
  tags       = ["erp"]
}

data "xcp_vm" "legacy" {
  name_label = "legacy-erp"
  depends_on = [xcp_vm.legacy]
}

output "legacy_power_state" {
  value = data.xcp_vm.legacy.power_state
}
