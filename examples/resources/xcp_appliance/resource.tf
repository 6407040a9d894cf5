resource "xcp_appliance" "shop" {
  name_label = "shop"
}

resource "xcp_vm" "shop_db" {
  name_label  = "shop-db"
  template    = "Debian Bookworm 12"
  appliance   = xcp_appliance.shop.uuid
  start_order = 0
  start_delay = 30
}

resource "xcp_vm" "shop_web" {
  name_label  = "shop-web"
  template    = "Debian Bookworm 12"
  appliance   = xcp_appliance.shop.uuid
  start_order = 1
}
