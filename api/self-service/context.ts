// Everything one self-service page needs, loaded once per request from the signed token: the
// invoice (live from the workflow, or the database mirror once it closed), the tenant's house
// style, the debtor's language, and which actions are possible right now.

import { type PublicUrls, verifySelfServiceToken } from '../../activities/self-service-link.js';
import { checkedBrand } from '../../activities/templates/brand.js';
import { isSafeLink } from '../../activities/templates/safety.js';
import { type Brand, defaultBrand } from '../../db/brand.js';
import type { Database } from '../../db/client.js';
import { type DebtorRow, getDebtor } from '../../db/queries/debtors.js';
import { getInvoice, type InvoiceRow } from '../../db/queries/invoices.js';
import { policyOfInvoice } from '../../db/queries/tenant-policies.js';
import { getTenant } from '../../db/queries/tenants.js';
import { languagePack, resolveLanguage } from '../../languages/index.js';
import type { Formats } from '../../languages/types.js';
import type { InvoiceStatus, Language } from '../../workflows/domain.js';
import type { Amounts, DunningStatus } from '../../workflows/dunning-types.js';
import type { DunningPolicy } from '../../workflows/policy/ladder.js';
import { invoiceAmounts } from '../invoice-amounts.js';
import type { InvoiceService } from '../invoice-service.js';
import { notFound } from '../problem.js';
import type { PageTexts } from './page-texts.js';

export interface SelfServiceDeps {
  db: Database;
  invoices: InvoiceService;
  urls: PublicUrls;
  /** The PSP collects by SEPA direct debit (config DIRECT_DEBIT=on): debtors are offered a mandate. */
  directDebitEnabled: boolean;
}

export type ClosedStatus = 'paid' | 'cancelled' | 'handed_over';

export interface PageContext {
  token: string;
  lang: Language;
  texts: PageTexts;
  /** Dates and money in the page's language. */
  formats: Formats;
  row: InvoiceRow;
  brand: Brand;
  /** `src` for the logo: an inline SVG as a data URL, or the tenant's https/data image URL. */
  logoSrc: string | undefined;
  debtor: DebtorRow | undefined;
  /** The workflow's status; undefined once it closed or while the engine cannot be reached. */
  live: DunningStatus | undefined;
  policy: DunningPolicy | undefined;
  status: InvoiceStatus;
  closed: ClosedStatus | undefined;
  amounts: Amounts;
  paymentUrl: string | null;
  directDebitEnabled: boolean;
  /** The tenant's SEPA creditor identifier: without it, direct debit is not offered. */
  sepaCreditorId: string | undefined;
}

const CLOSED = new Set<InvoiceStatus>(['paid', 'cancelled', 'handed_over']);

function houseStyle(brand: Brand | undefined, tenantName: string): Brand {
  const fallback = defaultBrand(tenantName);
  if (!brand) return fallback;
  try {
    return { ...fallback, ...checkedBrand(brand) };
  } catch {
    // A misconfigured colour must not take the page down: keep the rest, use default colours.
    return { ...brand, primaryColor: fallback.primaryColor, accentColor: fallback.accentColor };
  }
}

function logoSource(brand: Brand): string | undefined {
  // As an <img>, an SVG cannot run script: tenant markup stays inert.
  if (brand.logoSvg) return `data:image/svg+xml;base64,${Buffer.from(brand.logoSvg).toString('base64')}`;
  if (
    brand.logoUrl &&
    (isSafeLink(brand.logoUrl) || /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(brand.logoUrl))
  )
    return brand.logoUrl;
  return undefined;
}

/** The page's context for a token; a forged or unknown token is a 404 problem. */
export async function loadContext(
  deps: SelfServiceDeps,
  token: string,
  requestedLanguage?: unknown,
): Promise<PageContext> {
  const named = verifySelfServiceToken(deps.urls.tokenSecret, token);
  const row = named && (await getInvoice(deps.db, named.tenantId, named.invoiceId));
  if (!row) throw notFound('page');
  const [tenant, debtor, live, policy] = await Promise.all([
    getTenant(deps.db, row.tenantId),
    getDebtor(deps.db, row.tenantId, row.debtorId),
    deps.invoices.liveStatus(row),
    policyOfInvoice(deps.db, row),
  ]);
  const lang = resolveLanguage(requestedLanguage, debtor?.language);
  const brand = houseStyle(tenant?.brand, tenant?.name ?? '');
  const status = (live?.status ?? row.status) as InvoiceStatus;
  const closedStatus = CLOSED.has(status) ? (status as ClosedStatus) : undefined;
  return {
    token,
    lang,
    texts: languagePack(lang).page,
    formats: languagePack(lang).formats,
    row,
    brand,
    logoSrc: logoSource(brand),
    debtor,
    live,
    policy,
    status,
    // A closed mirror row without a known final status still ends the page's use.
    closed: closedStatus ?? (row.closedAt ? 'cancelled' : undefined),
    amounts: invoiceAmounts(row, live),
    paymentUrl: live ? live.paymentUrl : row.paymentUrl,
    directDebitEnabled: deps.directDebitEnabled,
    sepaCreditorId: tenant?.settings.sepaCreditorId,
  };
}

/** Path of the page (or one of its actions) for this token. */
export function pagePath(ctx: Pick<PageContext, 'token'>, action?: string): string {
  return `/p/${encodeURIComponent(ctx.token)}${action ? `/${action}` : ''}`;
}
