/** `xcp_vm_snapshot`: a disk-only snapshot or a memory checkpoint of a VM, with revert. */
import { t } from '../../schema/cty-type';
import { defineResource, opt, req, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { commonAttributes } from '../common-schema';
import { timeoutsBlock } from '../timeouts/schema';

export const vmSnapshotSchema = defineResource({
  typeName: 'xcp_vm_snapshot',
  description: 'A snapshot of a VM (`VM.snapshot`) or, with `with_memory`, a checkpoint including its memory (`VM.checkpoint`). Raising `revert_generation` reverts the VM to it. Destroying it removes the snapshot and its disks.',
  importId: '<pool>/<snapshot uuid>',
  attributes: {
    ...commonAttributes(),
    vm: req(t.string, 'replace', 'UUID of the VM to snapshot (usually `xcp_vm.<name>.uuid`).'),
    with_memory: opt(t.bool, 'replace', 'Take a checkpoint with memory (needs a running VM with guest tools).', { default: false }),
    revert_generation: opt(t.number, 'in-place', 'Raise this number to revert the VM to the snapshot (`VM.revert`) at the next apply.', { default: 0, validators: [v.integer(0)] }),
    snapshot_time: ro(t.string, 'When the snapshot was taken (RFC 3339).'),
    vdis: ro(t.list(t.string), 'UUIDs of the snapshot\'s disks.'),
    size: ro(t.number, 'Bytes used by the snapshot\'s disks (feeds the cost).'),
  },
  blockTypes: { timeouts: timeoutsBlock() },
});
