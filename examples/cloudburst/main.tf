# examples/cloudburst: a datacenter pool that bursts into a cloud pool.
#
# Six application VMs are placed with "fill-first": they fill the datacenter pool dc1 and the
# overflow lands in cloud1. Every app VM is attached to the datacenter's app network; the ones
# that land in the cloud reach it over the VPN link, which xcpform orders before them. The rate
# card prices the cloud higher, so the plan shows what bursting costs.

terraform {
  required_providers {
    xcp = {
      source = "registry.terraform.io/xcpform/xcp"
    }
  }
}

variable "app_count" {
  type        = number
  default     = 6
  description = "Application VMs to run."
}

variable "app_memory_gib" {
  type    = number
  default = 16
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
  memory     = 16 * 1024 * 1024 * 1024
  tags       = ["db", "team-shop"]

  disk {
    size = 100 * 1024 * 1024 * 1024
  }

  nic {
    network = xcp_network.app.uuid
  }
}

resource "xcp_vm" "app" {
  count      = var.app_count
  depends_on = [xcp_vm.db]
  name_label = "app-${count.index}"
  template   = "Debian Bookworm 12"
  vcpus      = 2
  memory     = var.app_memory_gib * 1024 * 1024 * 1024
  tags       = ["app", "team-shop"]

  placement {
    pools    = ["dc1", "cloud1"]
    strategy = "fill-first"
  }

  disk {
    size = 20 * 1024 * 1024 * 1024
  }

  nic {
    network = xcp_network.app.uuid
  }
}

output "app_pools" {
  value = { for vm in xcp_vm.app : vm.name_label => vm.pool }
}

output "vpn_status" {
  value = xcp_vpn_link.burst.status
}
