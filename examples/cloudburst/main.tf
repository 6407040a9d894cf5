# examples/cloudburst: a datacenter pool that bursts into a cloud pool.
#
# A three-tier application: a database and an application tier pinned to the datacenter pool
# dc1, and a web tier placed with "fill-first": it fills dc1 and the overflow lands in cloud1.
# Every VM is attached to the datacenter's app network; the web VMs that land in the cloud reach
# it over the VPN link, which xcpform orders before them. The rate card prices the cloud higher,
# so the plan shows what bursting costs. The same stack in CDKTF TypeScript is cdktf/main.ts.

terraform {
  required_providers {
    xcp = {
      source = "registry.terraform.io/xcpform/xcp"
    }
  }
}

variable "web_count" {
  type        = number
  default     = 8
  description = "Web VMs to run: more than the datacenter holds."
}

variable "db_pool" {
  type        = string
  default     = "dc1"
  description = "Pool of the database VM: changing it migrates the running VM and its disk live."
}

variable "vpn_psk" {
  type        = string
  sensitive   = true
  default     = "burst-demo-pre-shared-key-0001"
  description = "IPsec pre-shared key of the burst link (use a secret store in real life)."
}

provider "xcp" {
  pools = {
    dc1    = { url = "embedded" }
    cloud1 = { url = "embedded" }
  }
  default_pool = "dc1"

  rate_card = {
    currency         = "USD"
    vcpu_hour        = 0.012
    memory_gib_hour  = 0.004
    storage_gib_hour = 0.0002
    vpn_link_hour    = 0.05
    pool_multipliers = { cloud1 = 1.6 }
  }
}

resource "xcp_sr" "dc_nfs" {
  pool       = "dc1"
  name_label = "dc1-nfs"
  type       = "nfs"
  shared     = true
  device_config = {
    server     = "10.0.0.20"
    serverpath = "/exports/dc1"
  }
}

resource "xcp_network" "app" {
  pool       = "dc1"
  name_label = "app"
  mtu        = 1500
}

resource "xcp_network" "app_burst" {
  pool       = "cloud1"
  name_label = "app-burst"
  mtu        = 1500
}

resource "xcp_vpn_link" "burst" {
  pool           = "dc1"
  remote_pool    = "cloud1"
  name_label     = "dc1-to-cloud1"
  network        = xcp_network.app.uuid
  remote_network = xcp_network.app_burst.uuid
  protocol       = "ipsec"
  psk            = var.vpn_psk
  local_cidrs    = ["10.10.0.0/16"]
  remote_cidrs   = ["10.20.0.0/16"]
}

resource "xcp_vm" "db" {
  pool       = var.db_pool
  name_label = "db"
  template   = "Debian Bookworm 12"
  vcpus      = 4
  memory     = 17179869184
  tags       = ["db", "team-shop"]

  disk {
    size = 107374182400
    sr   = var.db_pool == "dc1" ? xcp_sr.dc_nfs.uuid : null
  }

  nic {
    network = xcp_network.app.uuid
  }
}

resource "xcp_vm" "app" {
  count      = 2
  pool       = "dc1"
  name_label = "app-${count.index}"
  template   = "Debian Bookworm 12"
  vcpus      = 2
  memory     = 8589934592
  tags       = ["app", "team-shop"]
  depends_on = [xcp_vm.db]

  disk {
    size = 21474836480
    sr   = xcp_sr.dc_nfs.uuid
  }

  nic {
    network = xcp_network.app.uuid
  }
}

resource "xcp_vm" "web" {
  count      = var.web_count
  name_label = "web-${count.index}"
  template   = "Debian Bookworm 12"
  vcpus      = 2
  memory     = 12884901888
  tags       = ["web", "team-shop"]
  # The link is up before a VM bursts into cloud1 (terraform orders by references only).
  depends_on = [xcp_vm.app, xcp_vpn_link.burst]

  placement {
    pools    = ["dc1", "cloud1"]
    strategy = "fill-first"
  }

  disk {
    size = 10737418240
  }

  nic {
    network = xcp_network.app.uuid
  }
}

output "web_pools" {
  value = { for vm in xcp_vm.web : vm.name_label => vm.pool }
}

output "vpn_status" {
  value = xcp_vpn_link.burst.status
}
