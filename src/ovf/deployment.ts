/**
 * `DeploymentOptionSection` (DSP0243 9.8): a package offers configurations ("small", "large",
 * "1CPU-4GB"); hardware items and properties carrying `ovf:configuration="a b"` exist only in
 * those configurations. One configuration is chosen: the one asked for, else the section's
 * `ovf:default="true"` one, else its first. Items of the other configurations are dropped, so a
 * Cisco-style package with one CPU item per configuration gives the chosen configuration's CPUs
 * instead of their sum.
 */
import type { OvfDeployment, OvfDeploymentOption } from './model';
import { ovfAttr, ovfBool, type OvfReport } from './report';
import { childrenNamed, childText, type XmlElement } from './xml-tree';

/** Reads the section and chooses a configuration; problems go to `report`. */
export function readDeployment(section: XmlElement | undefined, wanted: string | undefined, report: OvfReport): OvfDeployment | undefined {
  const options: OvfDeploymentOption[] = [];
  for (const c of section ? childrenNamed(section, 'Configuration') : []) {
    const id = ovfAttr(c, 'id');
    if (!id) {
      report.error('missing-attribute', 'DeploymentOptionSection Configuration', 'has no ovf:id', 'Every deployment configuration needs an ovf:id.', c.line);
      continue;
    }
    options.push({ id, label: childText(c, 'Label'), description: childText(c, 'Description'), default: ovfBool(c, 'default', false) });
  }
  if (wanted !== undefined) {
    if (!options.some((o) => o.id === wanted)) {
      const offered = options.map((o) => `"${o.id}"`).join(', ');
      report.error('unknown-deployment', 'DeploymentOptionSection', `no deployment option "${wanted}"`, offered ? `The package offers ${offered}: pass one of them to --deployment.` : 'The package has no deployment options: leave out --deployment.', section?.line);
      return undefined;
    }
    return { options, chosen: wanted };
  }
  if (!options.length) return undefined;
  return { options, chosen: (options.find((o) => o.default) ?? options[0]).id };
}

/** Whether an element with `ovf:configuration` belongs to the chosen configuration. */
export function inConfiguration(el: XmlElement, deployment: OvfDeployment | undefined): boolean {
  const conf = ovfAttr(el, 'configuration');
  if (conf === undefined || !deployment) return true;
  return conf.split(/\s+/).includes(deployment.chosen);
}
