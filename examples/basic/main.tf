# examples/basic: one pool, a shared NFS storage repository, a network and two VMs.
# The same stack is written in TypeScript with CDKTF in cdktf/main.ts.

terraform {
  required_providers {
    xcp = {
      source = "registry.terraform.io/xcpform/xcp"
    }
  }
}

provider "xcp" {
  pools = {
    dc1 = { url = "embedded" }
  }
}

resource "xcp_sr" "nfs" {
  name_label = "nfs-vms"
  type       = "nfs"
  shared     = true
  device_config = {
    server     = "10.0.0.20"
    serverpath = "/exports/vms"
  }
}

resource "xcp_pool" "dc1" {
  name_label = "dc1"
  default_sr = xcp_sr.nfs.uuid
}

resource "xcp_network" "lan" {
  name_label = "lan"
  mtu        = 1500
}

resource "xcp_vm" "web" {
  name_label = "web"
  template   = "Debian Bookworm 12"
  vcpus      = 2
  memory     = 2147483648
  tags       = ["web", "team-a"]

  disk {
    size = 21474836480
    sr   = xcp_sr.nfs.uuid
  }

  nic {
    network = xcp_network.lan.uuid
  }
}

resource "xcp_vm" "db" {
  name_label = "db"
  template   = "Debian Bookworm 12"
  vcpus      = 4
  memory     = 8589934592
  tags       = ["db", "team-a"]

  disk {
    size = 53687091200
    sr   = xcp_sr.nfs.uuid
  }

  nic {
    network = xcp_network.lan.uuid
  }
}

output "web_ip" {
  value = xcp_vm.web.ip_address
}
