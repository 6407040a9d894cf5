variable "smb_password" {
  type      = string
  sensitive = true
}

# To make this SR the pool's default, set xcp_pool.default_sr = xcp_sr.nfs.uuid;
# the SR reports it back in its read-only default_for_pool.
resource "xcp_sr" "nfs" {
  name_label = "nfs-vms"
  type       = "nfs"
  shared     = true
  device_config = {
    server     = "10.0.0.20"
    serverpath = "/exports/vms"
  }
}

resource "xcp_sr" "iso" {
  name_label   = "iso-library"
  type         = "smb"
  content_type = "iso"
  shared       = true
  device_config = {
    server   = "//10.0.0.21/isos"
    username = "xcp"
  }
  device_config_secrets = {
    password = var.smb_password
  }
}
