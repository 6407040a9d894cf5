data "xcp_template" "debian" {
  pool       = "cloud1"
  name_label = "Debian Bookworm 12"
}

output "debian_disks" {
  value = data.xcp_template.debian.disks
}
