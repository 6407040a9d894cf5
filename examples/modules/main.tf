# examples/modules: a reusable VM tier (modules/vm-tier) called twice with for_each, on a
# shared network and storage repository declared in the root module.

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
  name_label = "nfs-tiers"
  type       = "nfs"
  shared     = true
  device_config = {
    server     = "10.0.0.20"
    serverpath = "/exports/tiers"
  }
}

resource "xcp_network" "lan" {
  name_label = "tiers-lan"
  mtu        = 1500
}

locals {
  tiers = {
    web = { size = 2, vcpus = 2, memory = 2147483648 }
    app = { size = 1, vcpus = 4, memory = 4294967296 }
  }
}

module "tier" {
  source   = "./modules/vm-tier"
  for_each = local.tiers

  name    = each.key
  size    = each.value.size
  vcpus   = each.value.vcpus
  memory  = each.value.memory
  network = xcp_network.lan.uuid
  sr      = xcp_sr.nfs.uuid
}

output "vm_names" {
  value = { for k, t in module.tier : k => t.names }
}
