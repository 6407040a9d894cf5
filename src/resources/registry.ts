/**
 * The resource types and data sources with XAPI logic, by type name. A type whose folder has a
 * schema but no implementation yet is absent here; callers report it as unsupported.
 */
import type { DataSourceType, ResourceType } from './resource';

const resources = new Map<string, ResourceType>();
const dataSources = new Map<string, DataSourceType>();

/** Called once per implemented type by `implemented.ts`. */
export function registerResource(type: ResourceType): void {
  resources.set(type.schema.typeName, type);
}

export function registerDataSource(type: DataSourceType): void {
  dataSources.set(type.schema.typeName, type);
}

export function resourceType(typeName: string): ResourceType | undefined {
  loadImplemented();
  return resources.get(typeName);
}

export function dataSourceType(typeName: string): DataSourceType | undefined {
  loadImplemented();
  return dataSources.get(typeName);
}

export function allResourceTypes(): ResourceType[] {
  loadImplemented();
  return [...resources.values()];
}

export function allDataSourceTypes(): DataSourceType[] {
  loadImplemented();
  return [...dataSources.values()];
}

let loaded = false;
function loadImplemented(): void {
  if (loaded) return;
  loaded = true;
  // Lazy so that importing the registry does not pull every resource (and the client) in.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require('./implemented');
}
