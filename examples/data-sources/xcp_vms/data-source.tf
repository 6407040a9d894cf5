# The halted VMs tagged "batch". Two are declared here so that the example runs on a fresh
# pool; depends_on makes the list wait for them.
resource "xcp_vm" "batch" {
  count       = 2
  name_label  = "batch-${count.index}"
  template    = "Debian Bookworm 12"
  power_state = "halted"
  tags        = ["batch"]
}

data "xcp_vms" "batch" {
  power_state = "halted"
  tags        = ["batch"]
  depends_on  = [xcp_vm.batch]
}

output "batch_vms" {
  value = [for vm in data.xcp_vms.batch.vms : vm.name_label]
}
