/** `xcp_vdi`: a virtual disk image. Grows in place, moves between SRs by storage motion. */
import { t } from '../../schema/cty-type';
import { defineResource, opt, optc, req, ro } from '../../schema/dsl';
import { v } from '../../schema/validators';
import { commonAttributes } from '../common-schema';
import { timeoutsBlock } from '../timeouts/schema';

export const vdiSchema = defineResource({
  typeName: 'xcp_vdi',
  description: 'A virtual disk image on an SR. Growing it is an in-place `VDI.resize`; changing its SR moves it with storage motion (attached) or copy-and-destroy (detached), keeping the data. Shrinking is refused at plan time.',
  importId: '<pool>/<vdi uuid>',
  attributes: {
    ...commonAttributes(),
    sr: req(t.string, 'migrate', 'UUID or name of the SR holding the disk. A change moves the disk and its data (the plan shows the bytes to move).'),
    size: optc(t.number, 'in-place', 'Virtual size in bytes. Left out, the disk takes the size of its `source` image, rounded up to whole MiB: a local raw file\'s length or a VHD\'s virtual size, known at plan time; a raw image behind a URL is sized at apply from its Content-Length.', { unit: 'bytes', validators: [v.integer(1024 * 1024)], note: 'Shrinking is refused at plan time: XAPI cannot shrink a disk' }),
    type: opt(t.string, 'replace', 'VDI type.', { default: 'user', validators: [v.oneOf('user', 'system', 'ephemeral', 'suspend', 'crashdump', 'metadata', 'redo_log')] }),
    sharable: opt(t.bool, 'in-place', 'Whether several VMs may attach the disk at once. XAPI accepts the change only while the disk is detached.', { default: false }),
    read_only: opt(t.bool, 'in-place', 'Read-only disk. XAPI accepts the change only while the disk is detached.', { default: false }),
    on_boot: opt(t.string, 'in-place', '`persist` keeps writes; `reset` discards them at each boot.', { default: 'persist', validators: [v.oneOf('persist', 'reset')] }),
    allow_caching: opt(t.bool, 'in-place', 'Allow IntelliCache caching of the disk.', { default: false }),
    cbt_enabled: opt(t.bool, 'in-place', 'Changed block tracking (`VDI.enable_cbt` / `disable_cbt`).', { default: false }),
    source: opt(t.string, 'replace', 'Path or http(s) URL of an image imported into the disk at creation (`import_raw_vdi`).'),
    source_format: opt(t.string, 'replace', 'Format of `source`: `raw` or `vhd`.', { default: 'raw', validators: [v.oneOf('raw', 'vhd')] }),
    physical_utilisation: ro(t.number, 'Bytes used on the SR.'),
    is_a_snapshot: ro(t.bool, 'Whether the VDI is a snapshot.'),
    snapshot_of: ro(t.string, 'UUID of the VDI this one is a snapshot of.'),
    vbds: ro(t.list(t.string), 'UUIDs of the VBDs attaching the disk.'),
  },
  blockTypes: { timeouts: timeoutsBlock() },
});
