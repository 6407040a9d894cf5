/**
 * The provider's complete schema set: the one place the CLI engine, the tfplugin6 server, the
 * schema JSON, the docs and the CDKTF bindings read schemas from.
 */
import { ResourceSchema } from '../schema/model';
import { providerSchemasJson, ProviderSchemasJson } from '../schema/provider-json';
import { RESOURCE_SCHEMAS } from '../resources/schemas';
import { DATA_SOURCE_SCHEMAS } from '../data-sources/schemas';
import { providerSchema } from './schema';

export { providerSchema, RESOURCE_SCHEMAS, DATA_SOURCE_SCHEMAS };

const resourcesByType = new Map(RESOURCE_SCHEMAS.map((s) => [s.typeName, s]));
const dataByType = new Map(DATA_SOURCE_SCHEMAS.map((s) => [s.typeName, s]));

export function resourceSchema(typeName: string): ResourceSchema | undefined {
  return resourcesByType.get(typeName);
}

export function dataSourceSchema(typeName: string): ResourceSchema | undefined {
  return dataByType.get(typeName);
}

/** The document committed as `provider-schema/xcp.json`. */
export function providerSchemaDocument(): ProviderSchemasJson {
  return providerSchemasJson(providerSchema, RESOURCE_SCHEMAS, DATA_SOURCE_SCHEMAS);
}
