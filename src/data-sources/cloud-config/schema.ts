/** `data.xcp_cloud_config`: a stored cloud-init template by name. */
import { t } from '../../schema/cty-type';
import { arg, defineDataSource, ro } from '../../schema/dsl';

export const cloudConfigDataSchema = defineDataSource({
  typeName: 'xcp_cloud_config',
  description: 'Looks up a cloud-init template stored in a pool by `xcp_cloud_config` (possibly by another configuration), by name.',
  attributes: {
    id: ro(t.string, 'UUID of the cloud config found.'),
    pool: arg(t.string, 'optional-computed', 'Pool to search (a key of the provider\'s `pools`). Defaults to the provider\'s default pool.'),
    name: arg(t.string, 'required', 'Name of the cloud config.'),
    uuid: ro(t.string, 'UUID of the XAPI secret holding it.'),
    template: ro(t.string, 'The cloud-init text.'),
  },
});
