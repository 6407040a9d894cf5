/**
 * `xcp_cloud_config` apply: `secret.create` with the name and the owned keys in its
 * `other_config` (a create whose reply was lost is found by its address, not repeated);
 * update sets the template (`secret.set_value`) and the name key; delete destroys the secret.
 */
import type { Ref } from '../../xenapi';
import type { ApplyResponse, CreateRequest, DeleteRequest, UpdateRequest } from '../resource';
import { setOtherConfigKey } from '../kit/labels';
import { findByAddress, ownedEntries } from '../kit/owned-keys';
import { ApplySession, openSession } from '../kit/session';
import { str } from '../kit/values';
import { CLOUD_CONFIG_CLASSES, CLOUD_CONFIG_KEY, cloudConfigState } from './read';

const TYPE = 'xcp_cloud_config';

async function stateAfter(s: ApplySession, uuid: string): Promise<ApplyResponse> {
  const state = cloudConfigState(await s.records(), uuid);
  if (!state) throw s.ops.refuse('resource.gone', `cloud config ${uuid} disappeared`, 'Its secret was destroyed outside xcpform while it was being changed. Run plan again.');
  return { state };
}

async function converge(s: ApplySession, uuid: string, name: string, template: string): Promise<ApplyResponse> {
  const records = await s.records();
  const found = records.byUuid('secret', uuid);
  if (!found) throw s.ops.refuse('resource.gone', `cloud config ${uuid} disappeared`, 'Its secret was destroyed outside xcpform. Run plan again.');
  if (found.record.value !== template) await s.ops.call('set the template', 'secret.set_value', found.ref, template);
  await setOtherConfigKey(s.ops, 'secret', found.ref, found.record.other_config, CLOUD_CONFIG_KEY, name);
  return stateAfter(s, uuid);
}

/** Creates (or adopts) the cloud config. */
export async function createCloudConfig(req: CreateRequest): Promise<ApplyResponse> {
  const { planned, ctx } = req;
  const s = await openSession(ctx, TYPE, planned, CLOUD_CONFIG_CLASSES);
  const name = str(planned.name)!;
  const template = str(planned.template)!;
  const left = findByAddress(await s.records(), 'secret', ctx.address, ctx.lineage)[0];
  if (left) {
    ctx.progress({ kind: 'message', text: 'adopting the cloud config left by an interrupted create' });
    return converge(s, left.record.uuid, name, template);
  }
  const ref = await s.ops.create<Ref<'secret'>>('store the cloud config', 'secret', {
    value: template,
    other_config: { [CLOUD_CONFIG_KEY]: name, ...ownedEntries(ctx.address, [], ctx.lineage) },
  });
  const uuid = (await s.records()).get('secret', ref)?.uuid;
  if (!uuid) throw s.ops.refuse('resource.gone', 'the new cloud config disappeared', 'Its secret was destroyed right after it was created. Run apply again.');
  return stateAfter(s, uuid);
}

/** Sets the changed template and name. */
export async function updateCloudConfig(req: UpdateRequest): Promise<ApplyResponse> {
  const s = await openSession(req.ctx, TYPE, req.prior, CLOUD_CONFIG_CLASSES);
  return converge(s, str(req.prior.uuid)!, str(req.planned.name)!, str(req.planned.template)!);
}

/** Destroys the secret. */
export async function deleteCloudConfig(req: DeleteRequest): Promise<void> {
  const s = await openSession(req.ctx, TYPE, req.prior, CLOUD_CONFIG_CLASSES);
  const found = (await s.records()).byUuid('secret', str(req.prior.uuid) ?? '');
  if (found) await s.ops.call('destroy the cloud config', 'secret.destroy', found.ref);
}
