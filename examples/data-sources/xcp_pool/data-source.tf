data "xcp_pool" "dc1" {
  pool = "dc1"
}

output "coordinator" {
  value = data.xcp_pool.dc1.master
}
