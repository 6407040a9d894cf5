/** The custom messages of every class module, in one list for the registry. */
import { MethodSpec } from '../dispatch/method';
import { bondMethods } from './bond';
import { eventMethods } from './event';
import { haMethods } from './ha';
import { hostMethods } from './host';
import { hostSettingsMethods } from './host-settings';
import { networkMethods } from './network';
import { poolMethods } from './pool';
import { messageMethods, sessionMethods, taskMethods } from './session';
import { srMethods } from './sr';
import { vbdMethods } from './vbd';
import { vdiMethods } from './vdi';
import { vifMethods } from './vif';
import { vmConfigMethods } from './vm-config';
import { vmLifecycleMethods } from './vm-lifecycle';
import { vmMigrateMethods } from './vm-migrate';
import { vmPowerMethods } from './vm-power';
import { vtpmMethods } from './vtpm';

export const CUSTOM_METHODS: readonly MethodSpec[] = [
  ...sessionMethods, ...taskMethods, ...messageMethods, ...eventMethods, ...poolMethods, ...hostMethods, ...srMethods, ...vdiMethods,
  ...vbdMethods, ...networkMethods, ...vifMethods, ...vmLifecycleMethods, ...vmPowerMethods, ...vmConfigMethods, ...vmMigrateMethods,
  ...hostSettingsMethods, ...haMethods, ...vtpmMethods, ...bondMethods,
];
