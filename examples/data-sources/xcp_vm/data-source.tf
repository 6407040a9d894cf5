data "xcp_vm" "legacy" {
  name_label = "legacy-erp"
}

output "legacy_ips" {
  value = data.xcp_vm.legacy.ip_addresses
}
