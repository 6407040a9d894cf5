/** `xcp_cloud_config`: a named cloud-init template stored in the pool (an XAPI `secret`). */
import { t } from '../../schema/cty-type';
import { defineResource, req } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { identityAttributes, poolAttribute } from '../common-schema';

export const cloudConfigSchema = defineResource({
  typeName: 'xcp_cloud_config',
  description: 'A cloud-init configuration template stored in the pool under a name, for VMs to use (`cloud_init.user_data`) and for other configurations to read (`data.xcp_cloud_config`). '
    + 'It is kept as an XAPI `secret` object (the template is its value, the name an `other_config` key), which only pool administrators and operators can read: '
    + 'read-only users of the pool never see it, and it needs no disk. The template is shown in plans like any text, so that a change can be reviewed; '
    + 'build it from `sensitive` variables where it holds passwords or keys, and the plan hides it.',
  importId: '<pool>/<secret uuid>',
  attributes: {
    ...identityAttributes(),
    pool: poolAttribute(),
    name: req(t.string, 'in-place', 'Name of the cloud config, unique in its pool; `data.xcp_cloud_config` finds it by this name.', { validators: [v.length(1, 255)] }),
    template: req(t.string, 'in-place', 'The cloud-init text (`#cloud-config` YAML, a script, or a template with placeholders that configurations fill in with `replace()` or `templatestring()`).'),
  },
});
