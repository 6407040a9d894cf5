/**
 * Lookups over the catalog of resource types and data sources with XAPI logic (`catalog.ts`), by
 * type name. A type whose folder has a schema but no implementation is absent; callers report
 * it as unsupported.
 */
import type { DataSourceType, ResourceType } from './resource';

interface Indexed {
  readonly resources: ReadonlyMap<string, ResourceType>;
  readonly dataSources: ReadonlyMap<string, DataSourceType>;
}

let indexed: Indexed | undefined;
function catalog(): Indexed {
  if (!indexed) {
    // Loaded on first use so that importing the registry does not pull every resource (and the
    // XAPI client) into commands that never look one up.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const c = require('./catalog') as typeof import('./catalog');
    indexed = { resources: c.indexTypes('resource type', c.RESOURCE_TYPES), dataSources: c.indexTypes('data source', c.DATA_SOURCE_TYPES) };
  }
  return indexed;
}

export function resourceType(typeName: string): ResourceType | undefined {
  return catalog().resources.get(typeName);
}

export function dataSourceType(typeName: string): DataSourceType | undefined {
  return catalog().dataSources.get(typeName);
}

export function allResourceTypes(): ResourceType[] {
  return [...catalog().resources.values()];
}

export function allDataSourceTypes(): DataSourceType[] {
  return [...catalog().dataSources.values()];
}
