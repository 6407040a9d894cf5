/**
 * Known open failures of the fidelity property and of the front-door comparison, by signature
 * (a regular expression over `Failure.signature`; front-door signatures are prefixed
 * `front-doors `), each with its cause as diagnosed. The quick tests report these and pass over
 * them; any failure not listed fails the test. Delete an entry when its fix lands, so that the
 * property guards it from then on.
 */
export interface KnownFailure {
  readonly pattern: RegExp;
  /** Issue 16 finding (or "new"), and where the cause lies. */
  readonly cause: string;
}

export const KNOWN_FAILURES: readonly KnownFailure[] = [
  // Terraform's semantics, not a defect: a reference by name to an SR the edit replaces does not
  // change, so the pool naming it is not planned; XAPI clears the pool's SR field when the old SR
  // goes, and the next plan sets it again (terraform 1.11 does the same). Referencing the SR's
  // uuid (known after apply) or replace_triggered_by plans it in the same apply.
  { pattern: /^edit-not-settled xcp_sr\.[a-z_]+ -> (phantom-drift xcp_pool|xcp_pool update) (suspend_image_sr|crash_dump_sr|default_sr)$/, cause: 'by Terraform semantics: a name reference to a replaced SR does not change, so its users are planned again only after XAPI clears them; reference the SR by uuid or use replace_triggered_by' },
  // Found by the module batches of issue 20 (seeds 300-400), in configurations without modules too; outside src/config.
  { pattern: /^(not-settled output update reading xcp_appliance\.power_state|front-doors cross-state state written by xcpform: (terraform|xcpform) plans output update \(appliance_power_state\))$/, cause: 'new (issue 20 batch, seed 303; not module-related): an appliance\'s power_state follows its member VMs, which join it after it is created (they refer to it), so the value read at create (null) becomes "running" at the next refresh; terraform plans the same output update on that state. Reading it again after the members are applied belongs to src/resources (appliance)' },
  // The same semantics for a VM's suspend SR named by name (found by the module batch, seed 414; not module-related).
  { pattern: /^edit-not-settled xcp_sr\.[a-z_]+ -> (phantom-drift xcp_vm|xcp_vm update) suspend_sr$/, cause: 'by Terraform semantics: a name reference to a replaced SR does not change, so the VM naming it as suspend_sr is not planned; XAPI clears VM.suspend_SR when the old SR goes, and the next plan sets it again (terraform 1.11 does the same). Reference the SR by uuid or use replace_triggered_by' },
  { pattern: /^front-doors unknown xcp_sr\.pool only xcpform$/, cause: 'new (issue 20 batch, seed 421; not module-related): an SR replaced (device_config changed) without a configured pool: the CLI plans its pool unknown (chosen again at create), the provider plans the default pool; both applies put it in the default pool and each tool\'s state plans empty in the other. Planning the known default belongs to src/plan (replacement of an optional+computed pool)' },
  // The two front doors: differences by design (finding 7's default/null differences are fixed).
  { pattern: /^front-doors after xcp_[a-z_]+\.(device_config_secrets(\.[\w-]+)?|psk|private_key|remote_private_key|join_password)$/, cause: 'by design: xcpform show -json never writes a secret value (null, marked in after_sensitive); terraform show -json writes it' },
  { pattern: /^front-doors unknown xcp_vm\.pool only terraform$/, cause: 'by design: the CLI places every VM with a placement block up front across the whole configuration; a provider plans one resource at a time, so the pool of a new placed VM is chosen at apply from live capacity (known after apply)' },
  { pattern: /^front-doors unknown xcp_vm\.host only terraform$/, cause: 'by design: the CLI plans the whole configuration and pins a new or starting VM to a host with room in its capacity ledger; a provider plans one resource at a time and leaves the host to XAPI (known after apply)' },
];

export function knownCause(signature: string): KnownFailure | undefined {
  return KNOWN_FAILURES.find((k) => k.pattern.test(signature));
}
