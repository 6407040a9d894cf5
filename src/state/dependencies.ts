/**
 * The `dependencies` of a resource instance as Terraform writes them in the state: every
 * resource and data source the instance depends on, directly or through others (its ancestors
 * in the graph), named by configuration address (module instance keys and the resource's own key
 * left out: `module.app.xcp_vm.web`), sorted, never itself. Checked against terraform 1.11.4.
 */

/** `module.m[0].xcp_vm.a["k"]` → `module.m.xcp_vm.a`: the address in the configuration, without instance keys. */
export function configAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|-?\d+)\]/g, '');
}

/**
 * The state form of the dependencies of instance `own`, whose direct dependencies are `direct`
 * (block addresses with module instance keys); `referencesOf` gives a block's own direct ones.
 */
export function stateDependencies(own: string, direct: readonly string[], referencesOf: (blockAddress: string) => readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  const stack = [...direct];
  while (stack.length) {
    const address = stack.pop()!;
    if (seen.has(address)) continue;
    seen.add(address);
    stack.push(...(referencesOf(address) ?? referencesOf(address.replace(/\[[^\]]*\]$/, '')) ?? []));
  }
  const self = configAddress(own);
  return [...new Set([...seen].map(configAddress))].filter((a) => a !== self).sort();
}
