resource "xcp_network" "lan" {
  name_label = "lan"
}

resource "xcp_vm" "web" {
  name_label  = "web"
  template    = "Debian Bookworm 12"
  vcpus       = 2
  vcpus_max   = 4
  memory      = 4294967296
  power_state = "running"
  tags        = ["web"]

  disk {
    size     = 21474836480
    bootable = true
  }

  nic {
    network = xcp_network.lan.uuid
  }

  cloud_init {
    user_data = <<-YAML
      #cloud-config
      packages: [nginx]
    YAML
  }

  wait_for_ip {
    cidr    = "10.0.0.0/8"
    timeout = 600
  }

  placement {
    pools    = ["dc1", "cloud1"]
    strategy = "fill-first"
  }
}
