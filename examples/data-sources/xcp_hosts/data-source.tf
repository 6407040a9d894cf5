# Every host of pool dc1, the one with the most free memory first.
data "xcp_hosts" "dc1" {
  pool       = "dc1"
  sort_by    = "memory_free"
  sort_order = "desc"
}

output "roomiest_host" {
  value = data.xcp_hosts.dc1.hosts[0].name_label
}
