// The credit manager's console at /console (issue 17): server-rendered pages, one file per page,
// signed in with console users (not API keys), under the `console` security headers.
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import type { PostingSchedule } from '../../workflows/policy/receipt.js';
import type { InvoiceService } from '../invoice-service.js';
import { accountRoutes } from './account.js';
import { consoleAssets } from './assets.js';
import { dashboardRoutes } from './dashboards.js';
import { debtorPageRoutes } from './debtor.js';
import { houseStyleRoutes } from './house-style.js';
import { invoicePageRoutes, type TemporalUi } from './invoice.js';
import { invoiceActionPageRoutes } from './invoice-actions.js';
import { messagePreviewRoutes } from './invoice-messages.js';
import { ladderPageRoutes } from './ladders.js';
import { documentConsoleRefusals } from './route-schemas.js';
import { createConsoleAuth } from './session.js';
import { signInRoutes } from './sign-in.js';
import { templatePreviewRoutes } from './template-preview.js';
import { templatePageRoutes } from './templates.js';
import { userRoutes } from './users.js';
import { worklistRoutes } from './worklist.js';

export interface ConsoleOptions {
  db: Database;
  now: () => Date;
  publicBaseUrl: string;
  /** The invoices' service: live projections (the schedule) and the actions. */
  invoices: InvoiceService;
  /** Tells open invoices of a debtor's changed contact data. */
  temporal: Client;
  appChannelConfigured: boolean;
  letterPosting: PostingSchedule;
  /** Where the invoice page links each run (config TEMPORAL_UI_URL); no link without it. */
  temporalUi: TemporalUi | undefined;
  /** Forgets this process's cache of the tenant at once (other processes hear the NOTIFY). */
  tenantChanged: (tenantId: string) => void;
}

export const consoleRoutes: FastifyPluginAsync<ConsoleOptions> = async (app, options) => {
  const { db, now } = options;
  const auth = createConsoleAuth(options);
  app.addHook('onRoute', documentConsoleRefusals);
  await app.register(consoleAssets);
  await app.register(signInRoutes, { db, now, publicBaseUrl: options.publicBaseUrl, auth });
  await app.register(worklistRoutes, { auth, db, now });
  await app.register(invoicePageRoutes, {
    auth,
    db,
    now,
    invoices: options.invoices,
    letterPosting: options.letterPosting,
    temporalUi: options.temporalUi,
  });
  await app.register(invoiceActionPageRoutes, { auth, db, invoices: options.invoices });
  await app.register(messagePreviewRoutes, { auth, db });
  await app.register(debtorPageRoutes, {
    auth,
    db,
    temporal: options.temporal,
    appChannelConfigured: options.appChannelConfigured,
  });
  await app.register(dashboardRoutes, { auth, db, now });
  await app.register(userRoutes, { auth, db, now });
  await app.register(accountRoutes, { auth, db });
  await app.register(templatePageRoutes, { auth, db });
  await app.register(templatePreviewRoutes, { auth, db });
  await app.register(houseStyleRoutes, { auth, db, tenantChanged: options.tenantChanged });
  await app.register(ladderPageRoutes, { auth, db });
};
