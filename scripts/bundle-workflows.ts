// Bundles the workflow code ahead of time for production workers: `npm run bundle:workflows [dir]`
// (default dist/workflows), then run workers with WORKFLOW_BUNDLE_DIR=<dir>. Both variants are
// written (plain, and with encrypted failures for PAYLOAD_ENCRYPTION_KEYS), so one image serves both.
import { ENCODED_FAILURES_PATH } from '../temporal/data-converter.js';
import { writePrebuiltBundles } from '../temporal/workflow-bundle.js';

const dir = process.argv[2] ?? 'dist/workflows';
for (const file of await writePrebuiltBundles(dir, ENCODED_FAILURES_PATH)) console.log(`wrote ${file}`);
