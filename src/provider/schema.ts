/** The provider block: pools (XAPI endpoints and credentials), the default pool, the rate card. */
import { t } from '../schema/cty-type';
import { arg, defineProvider, nestedAttr } from '../schema/dsl';
import { v } from '../schema/validators';

/** url value that selects the embedded simulator. */
export const EMBEDDED_URL = 'embedded';

const poolEndpoint = {
  url: arg(t.string, 'optional', `XAPI URL of the pool coordinator (\`https://10.0.0.1\`), or \`${EMBEDDED_URL}\` (the default) for the embedded simulator persisted under \`.xcpform/\`.`, {
    validators: [v.pattern('^(embedded|https?://.+)$', 'must be "embedded" or an http(s) URL')],
  }),
  username: arg(t.string, 'optional', 'XAPI user. Defaults to `root`, or to the `XCP_<POOL>_USERNAME` environment variable.'),
  password: arg(t.string, 'optional', 'XAPI password. Defaults to the `XCP_<POOL>_PASSWORD` environment variable.', { sensitive: true }),
  insecure_tls: arg(t.bool, 'optional', 'Skip TLS certificate verification (self-signed host certificates). Verified by default.'),
  ca_file: arg(t.string, 'optional', 'PEM file with the CA certificate that signed the pool\'s certificate.'),
  transport: arg(t.string, 'optional', 'XAPI wire protocol: `jsonrpc` (default) or `xmlrpc`.', { validators: [v.oneOf('jsonrpc', 'xmlrpc')] }),
};

const rateCard = {
  currency: arg(t.string, 'optional', 'Currency code shown in cost reports. Defaults to `USD`.'),
  vcpu_hour: arg(t.number, 'optional', 'Price of one vCPU for one hour.', { validators: [v.range(0)] }),
  memory_gib_hour: arg(t.number, 'optional', 'Price of one GiB of memory for one hour.', { validators: [v.range(0)] }),
  storage_gib_hour: arg(t.number, 'optional', 'Price of one GiB of virtual disk for one hour.', { validators: [v.range(0)] }),
  vpn_link_hour: arg(t.number, 'optional', 'Price of one VPN link for one hour.', { validators: [v.range(0)] }),
  pool_multipliers: arg(t.map(t.number), 'optional', 'Price multiplier per pool, e.g. `{ cloud1 = 1.6 }` for the pricier cloud.'),
};

export const providerSchema = defineProvider({
  typeName: 'xcp',
  description: 'The xcp provider manages XCP-ng and XenServer pools through XenAPI, including the VPN links and migrations that let a datacenter pool burst into a cloud pool.',
  attributes: {
    pools: nestedAttr('map', poolEndpoint, { optional: true }, 'The pools this configuration manages, by name. Resources choose one with their `pool` attribute. Defaults to one embedded pool named `dc1`.'),
    default_pool: arg(t.string, 'optional', 'Pool used by resources that do not set `pool`. Defaults to the first pool name in sorted order (a map has no order); set it when there are several pools.'),
    rate_card: nestedAttr('single', rateCard, { optional: true }, 'Prices for chargeback: plans show the monthly cost delta and `xcpform usage` reports cost per tag.'),
  },
});
