// Letters for a print house: daily batches of PDFs plus a manifest, spooled to a folder.
import { definePlugin } from '../plugin.js';
import { optionalString, setting } from '../settings.js';
import { FilePrintSpool } from './print-batch.js';

interface PrintSettings {
  /** Daily letter batches (PDFs + `manifest.json`) for the print house. */
  spoolDir: string;
}

export const print = definePlugin<PrintSettings>({
  name: 'print',
  roles: ['letters'],
  config: {
    env: { PRINT_SPOOL_DIR: optionalString },
    read: (env, { dataDir }) => ({
      spoolDir: setting<string | undefined>(env, 'PRINT_SPOOL_DIR') ?? `${dataDir}/print`,
    }),
  },
  createAdapters: (settings) => ({ letters: new FilePrintSpool(settings.spoolDir) }),
  sandbox: { createAdapters: (sandbox) => ({ letters: sandbox.outbox }) },
});
