// Idempotent setup run by `npm start` and `npm test`: makes sure both Temporal binaries are present.
import { resolveBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from './temporal-binaries.js';

for (const spec of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) {
  const path = resolveBinary(spec);
  console.log(`${spec.executable}: ${path}`);
}
