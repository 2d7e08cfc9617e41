// Registers Settle's custom search attributes on a Temporal namespace (idempotent). The dev server
// gets them from flags; the test server and production clusters through the operator API.
// Usage against a cluster: TEMPORAL_ADDRESS=host:7233 npx tsx scripts/search-attributes.ts
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { loadConfig, requireSetting } from '../config.js';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions.js';

// The proto package is CommonJS: its namespace is only reachable through the default export.
const INDEXED = proto.temporal.api.enums.v1.IndexedValueType;
const TYPE_OF = {
  KEYWORD: INDEXED.INDEXED_VALUE_TYPE_KEYWORD,
  INT: INDEXED.INDEXED_VALUE_TYPE_INT,
  DATETIME: INDEXED.INDEXED_VALUE_TYPE_DATETIME,
};

export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  // One at a time: an attribute that already exists must not stop the others being added.
  for (const key of Object.values(SEARCH_ATTRIBUTES)) {
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: { [key.name]: TYPE_OF[key.type as keyof typeof TYPE_OF] },
      });
    } catch (error) {
      if (!/already exists/i.test((error as Error).message)) throw error;
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = loadConfig();
  const connection = await Connection.connect({
    address: requireSetting(config.temporal.address, 'TEMPORAL_ADDRESS'),
  });
  await registerSearchAttributes(connection, config.temporal.namespace);
  console.log(`search attributes registered on ${config.temporal.namespace}`);
  await connection.close();
}
