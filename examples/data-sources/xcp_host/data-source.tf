# A host of pool dc1 by name (the embedded pools name their hosts <pool>-host<N>).
data "xcp_host" "first" {
  name_label = "dc1-host1"
}

output "free_memory" {
  value = data.xcp_host.first.memory_free
}
