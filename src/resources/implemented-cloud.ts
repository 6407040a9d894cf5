/** Registers the cloudbursting resource types (one line each). */
import { registerResource } from './registry';
import { vpnLinkResource } from './vpn-link';

registerResource(vpnLinkResource);
