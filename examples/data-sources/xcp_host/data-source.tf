data "xcp_host" "node1" {
  name_label = "node1"
}

output "free_memory" {
  value = data.xcp_host.node1.memory_free
}
