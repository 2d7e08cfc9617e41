// How the tenant collects: its SEPA creditor identifier, the collection costs of its terms with
// business debtors, and the agency that takes over unpaid claims. Messages name these, so every field
// is checked before it is stored.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { getTenantSettings, replaceTenantSettings } from '../../db/queries/tenants.js';
import type { TenantSettings } from '../../db/tenant-settings.js';
import { formatAmount, parseAmount } from '../../workflows/policy/money.js';
import { isValidSepaCreditorId } from '../../workflows/policy/references.js';
import { tenantOf } from '../auth.js';
import { type FieldError, notFound, unprocessable } from '../problem.js';
import { amountRefusal, Money, problemResponses } from '../schemas.js';

const OneLine = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[^\\r\\n]*$', description });

export const SettingsSchema = Type.Object(
  {
    sepaCreditorId: Type.Optional(
      Type.String({
        maxLength: 40,
        description:
          'SEPA creditor identifier (Incassant ID), e.g. NL79ZZZ999999990000; check digits are verified',
      }),
    ),
    businessCollectionCosts: Type.Optional(
      Type.Union(
        [
          Type.Object(
            {
              kind: Type.Literal('percentage'),
              percent: Type.Number({
                exclusiveMinimum: 0,
                maximum: 100,
                description: 'of the unpaid principal',
              }),
            },
            { additionalProperties: false },
          ),
          Type.Object({ kind: Type.Literal('fixed'), amount: Money }, { additionalProperties: false }),
        ],
        {
          description:
            'Collection costs agreed in your terms with business debtors (art. 6:96 lid 5 BW). Absent: the ' +
            'statutory scale of the Besluit vergoeding voor buitengerechtelijke incassokosten applies.',
        },
      ),
    ),
    collectionAgency: Type.Optional(
      Type.Object(
        {
          name: OneLine(140, 'named in the final notice as the party that takes over'),
          handoverUrl: Type.Optional(
            Type.String({
              maxLength: 500,
              pattern: '^https://[^\\s"\'<>]+$',
              description: 'receives each handed-over claim as a signed webhook',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    creditorWebhookUrl: Type.Optional(
      Type.String({
        maxLength: 500,
        pattern: '^https://[^\\s"\'<>]+$',
        description:
          'receives each call-back request and dispute a debtor raises on the self-service page as a signed webhook (see the README)',
      }),
    ),
  },
  { additionalProperties: false },
);
type SettingsBody = Static<typeof SettingsSchema>;

const example = {
  sepaCreditorId: 'NL79ZZZ999999990000',
  businessCollectionCosts: { kind: 'percentage', percent: 10 },
  collectionAgency: { name: 'Incasso Noord B.V.', handoverUrl: 'https://agency.example/settle/claims' },
  creditorWebhookUrl: 'https://creditor.example/settle/debtor-requests',
};

/** Checks the schema cannot express; returns the settings as stored (amounts in cents, ids compact). */
function checkedSettings(body: SettingsBody): TenantSettings {
  const errors: FieldError[] = [];
  const settings: TenantSettings = {};
  if (body.sepaCreditorId !== undefined) {
    const compact = body.sepaCreditorId.replace(/ /g, '').toUpperCase();
    if (isValidSepaCreditorId(compact)) settings.sepaCreditorId = compact;
    else errors.push({ field: '/sepaCreditorId', message: 'is not a valid SEPA creditor identifier' });
  }
  const costs = body.businessCollectionCosts;
  if (costs?.kind === 'percentage') settings.businessCollectionCosts = costs;
  if (costs?.kind === 'fixed') {
    const cents = parseAmount(costs.amount.value);
    const refusal = amountRefusal(cents);
    if (refusal) errors.push({ field: '/businessCollectionCosts/amount/value', message: refusal });
    else settings.businessCollectionCosts = { kind: 'fixed', amountCents: cents! };
  }
  if (body.collectionAgency) settings.collectionAgency = body.collectionAgency;
  if (body.creditorWebhookUrl) settings.creditorWebhookUrl = body.creditorWebhookUrl;
  if (errors.length > 0) throw unprocessable('the settings cannot be used', errors);
  return settings;
}

function settingsView(settings: TenantSettings): SettingsBody {
  const costs = settings.businessCollectionCosts;
  return {
    ...(settings.sepaCreditorId ? { sepaCreditorId: settings.sepaCreditorId } : {}),
    ...(costs?.kind === 'percentage' ? { businessCollectionCosts: costs } : {}),
    ...(costs?.kind === 'fixed'
      ? {
          businessCollectionCosts: {
            kind: 'fixed' as const,
            amount: { currency: 'EUR' as const, value: formatAmount(costs.amountCents) },
          },
        }
      : {}),
    ...(settings.collectionAgency ? { collectionAgency: settings.collectionAgency } : {}),
    ...(settings.creditorWebhookUrl ? { creditorWebhookUrl: settings.creditorWebhookUrl } : {}),
  };
}

export const settingsRoutes: FastifyPluginAsync<{
  db: Database;
  /** Forgets this process's cache of the tenant at once (other processes hear the NOTIFY). */
  tenantChanged: (tenantId: string) => void;
}> = async (plugin, { db, tenantChanged }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const response = { 200: { ...SettingsSchema, examples: [example] }, ...problemResponses };

  app.get(
    '/settings',
    { schema: { summary: 'How the tenant collects', security: [{ apiKey: [] }], response } },
    async (request) => {
      const settings = await getTenantSettings(db, tenantOf(request));
      if (!settings) throw notFound(`tenant ${tenantOf(request)}`);
      return settingsView(settings);
    },
  );

  app.put(
    '/settings',
    {
      schema: {
        summary: 'Replace how the tenant collects',
        description:
          'The whole settings object is replaced; omitted fields are removed. Invoices started from now on ' +
          'use the collection costs; messages composed from now on name the creditor identifier and agency.',
        security: [{ apiKey: [] }],
        body: { ...SettingsSchema, examples: [example] },
        response,
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const stored = await replaceTenantSettings(db, tenantId, checkedSettings(request.body));
      if (!stored) throw notFound(`tenant ${tenantId}`);
      tenantChanged(tenantId);
      request.log.info({ tenantId }, 'settings updated');
      return settingsView(stored);
    },
  );
};
