variable "smb_password" {
  type      = string
  sensitive = true
}

resource "xcp_sr" "nfs" {
  name_label       = "nfs-vms"
  type             = "nfs"
  shared           = true
  default_for_pool = true
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
