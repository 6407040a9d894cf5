# A tier of identical VMs on one network, each with a system disk.

terraform {
  required_providers {
    xcp = {
      source = "registry.terraform.io/xcpform/xcp"
    }
  }
}

variable "name" {
  type        = string
  description = "Tier name, used as the VMs' name prefix and tag."
}

variable "size" {
  type    = number
  default = 1
}

variable "vcpus" {
  type    = number
  default = 2
}

variable "memory" {
  type    = number
  default = 2147483648
}

variable "network" {
  type = string
}

variable "sr" {
  type = string
}

resource "xcp_vm" "this" {
  count      = var.size
  name_label = "${var.name}-${count.index}"
  template   = "Debian Bookworm 12"
  vcpus      = var.vcpus
  memory     = var.memory
  tags       = [var.name]

  disk {
    size = 10737418240
    sr   = var.sr
  }

  nic {
    network = var.network
  }
}

output "names" {
  value = xcp_vm.this[*].name_label
}

output "uuids" {
  value = xcp_vm.this[*].uuid
}
