/**
 * Entry point of `terraform-provider-xcp`. The plugin protocol 6 server lands with its own
 * issue; until then the executable explains itself and exits non-zero.
 */
export async function run(_argv: string[], _env: NodeJS.ProcessEnv): Promise<number> {
  process.stderr.write(
    'terraform-provider-xcp: the Terraform plugin server is not yet available in this build of xcpform.\n' +
      'Use the xcpform CLI (plan/apply) until it lands.\n',
  );
  return 1;
}
