# Stored by one configuration...
resource "xcp_cloud_config" "base" {
  name     = "base"
  template = "#cloud-config\npackage_upgrade: true\n"
}

# ...read by name (here in the same one, so it waits for the store).
data "xcp_cloud_config" "base" {
  name       = "base"
  depends_on = [xcp_cloud_config.base]
}

output "base_template" {
  value = data.xcp_cloud_config.base.template
}
