# A cloud-init template kept in the pool, with a placeholder each VM fills in.
resource "xcp_cloud_config" "web" {
  name     = "web-base"
  template = <<-YAML
    #cloud-config
    hostname: {name}
    packages: [nginx]
  YAML
}

resource "xcp_vm" "web" {
  name_label = "web-1"
  template   = "Debian Bookworm 12"
  memory     = 1073741824

  nic {
    network = "Pool-wide network associated with eth0"
  }

  cloud_init {
    user_data = replace(xcp_cloud_config.web.template, "{name}", "web-1")
  }
}
