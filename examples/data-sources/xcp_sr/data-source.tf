# The local storage of one host: the host filter picks it among identically named SRs.
data "xcp_sr" "local" {
  name_label = "Local storage"
  host       = "dc1-host1"
}
