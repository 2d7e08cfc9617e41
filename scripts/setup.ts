// Idempotent setup run by `npm start` and `npm test`: makes sure both Temporal binaries are present
// (and, with --browser, the headless Chromium the browser tests drive).

import { resolveBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../devstack/temporal-binaries.js';
import { ensureChromium } from './browser.js';

for (const spec of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) {
  const path = resolveBinary(spec);
  console.log(`${spec.executable}: ${path}`);
}
if (process.argv.includes('--browser')) console.log(`chromium: ${ensureChromium() ?? 'not available'}`);
