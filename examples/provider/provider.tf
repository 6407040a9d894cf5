variable "dc1_url" {
  type        = string
  default     = "https://10.0.0.1"
  description = "Coordinator of pool dc1 (\"embedded\" runs it in the built-in simulator)."
}

variable "cloud1_url" {
  type    = string
  default = "https://xapi.cloud.example.net"
}

variable "dc1_password" {
  type      = string
  sensitive = true
}

provider "xcp" {
  pools = {
    dc1    = { url = var.dc1_url, username = "root", password = var.dc1_password }
    cloud1 = { url = var.cloud1_url, ca_file = "cloud-ca.pem" } # password from XCP_CLOUD1_PASSWORD
    lab    = { url = "embedded" }
  }
  default_pool = "dc1"

  rate_card = {
    currency         = "EUR"
    vcpu_hour        = 0.012
    memory_gib_hour  = 0.004
    storage_gib_hour = 0.0002
    vpn_link_hour    = 0.05
    pool_multipliers = { cloud1 = 1.6 }
  }
}
