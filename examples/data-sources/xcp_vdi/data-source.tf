# An installer image of the pool's ISO library, by name and SR.
data "xcp_vdi" "debian_iso" {
  name_label = "debian-12.5.0-amd64-netinst.iso"
  sr         = "ISO library"
}

output "debian_iso_size" {
  value = data.xcp_vdi.debian_iso.size
}
