// The credit manager's console at /console (issue 17): server-rendered pages, one file per page,
// signed in with console users (not API keys), under the `console` security headers.
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { accountRoutes } from './account.js';
import { consoleAssets } from './assets.js';
import { dashboardRoutes } from './dashboards.js';
import { houseStyleRoutes } from './house-style.js';
import { invoicePageRoutes } from './invoice.js';
import { ladderPageRoutes } from './ladders.js';
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
}

export const consoleRoutes: FastifyPluginAsync<ConsoleOptions> = async (app, options) => {
  const auth = createConsoleAuth(options);
  await app.register(consoleAssets);
  await app.register(signInRoutes, { ...options, auth });
  await app.register(worklistRoutes, { auth, db: options.db, now: options.now });
  await app.register(invoicePageRoutes, { auth, db: options.db });
  await app.register(dashboardRoutes, { auth, db: options.db, now: options.now });
  await app.register(userRoutes, { auth, db: options.db, now: options.now });
  await app.register(accountRoutes, { auth, db: options.db });
  await app.register(templatePageRoutes, { auth, db: options.db });
  await app.register(templatePreviewRoutes, { auth, db: options.db });
  await app.register(houseStyleRoutes, { auth, db: options.db });
  await app.register(ladderPageRoutes, { auth, db: options.db });
};
