// Request schemas shared by routes; they also document the API in /openapi.json.
import { type TUnsafe, Type } from '@sinclair/typebox';
import { CHANNELS, INVOICE_STATUSES, LANGUAGES, STEP_ID_PATTERN } from '../workflows/domain.js';
import { POLICIES } from '../workflows/policy/ladder.js';
import { TENANT_POLICY_ID_PATTERN } from '../workflows/policy/policy-rules.js';
import { Cursor, PageLimit } from './paging.js';

/**
 * A reference to a named enum, typed for the Fastify type provider too: it infers request types
 * from the JSON Schema's shape (TypeBox 1.x), and a bare `$ref` would read as unknown there, so the
 * type also carries the enum the reference resolves to.
 */
type NamedRef<T> = TUnsafe<T> & { readonly type: 'string'; readonly enum: readonly T[] };

/**
 * An enum the document names once (components/schemas/<id>) and every field refers to; the
 * component is registered on the app (buildApp) so that the validator resolves the reference too.
 */
function namedEnum<T extends string>(id: string, values: readonly T[], description: string) {
  return {
    component: { $id: id, type: 'string', enum: [...values], description },
    ref: (): NamedRef<T> => Type.Unsafe<T>({ $ref: `${id}#` }) as NamedRef<T>,
  };
}

export const PolicyEnum = namedEnum(
  'Policy',
  Object.keys(POLICIES),
  'dunning policy: its ladder of steps, costs and limits (default by debtor type: nl-consumer or nl-business)',
);
export const ChannelEnum = namedEnum('Channel', CHANNELS, 'how a message reaches the debtor');
export const LanguageEnum = namedEnum(
  'Language',
  LANGUAGES,
  "the debtor's language for messages and the page",
);
export const InvoiceStatusEnum = namedEnum(
  'InvoiceStatus',
  INVOICE_STATUSES,
  'where the invoice is in its life',
);

/** The named enums' components, for app.addSchema. */
export const ENUM_COMPONENTS = [PolicyEnum, ChannelEnum, LanguageEnum, InvoiceStatusEnum].map(
  (e) => e.component,
);

export const IsoDateString = Type.String({
  // Years 1900–2199 (PostgreSQL has no year 0); the pattern lets 2026-02-31 through, the format
  // knows the calendar.
  pattern: '^(19|20|21)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  format: 'date',
  description: 'YYYY-MM-DD',
  examples: ['2026-03-01'],
});

/** A moment (RFC 3339 date-time) within the years that dates may have. */
export const DateTimeString = Type.String({
  format: 'date-time',
  pattern: '^(19|20|21)\\d{2}-',
  description: 'RFC 3339 date-time, years 1900–2199',
  examples: ['2026-03-01T09:30:00Z'],
});

export const IDENTIFIER = /^[A-Za-z0-9._-]{1,64}$/;

/** Your id of something (an invoice, a debtor): 1–64 of [A-Za-z0-9._-]; `example` shows one. */
export const identifier = (example: string) =>
  Type.String({ pattern: IDENTIFIER.source, description: '1–64 of [A-Za-z0-9._-]', examples: [example] });
export const Identifier = identifier('INV-2026-0042');

/** A positive amount with at most two decimals and ten digits before the point (no leading zeros). */
export const AmountValue = Type.String({
  pattern: '^([1-9]\\d{0,9}(\\.\\d{1,2})?|0\\.(0[1-9]|[1-9]\\d?))$',
  description: 'positive decimal string, at most 9999999999.99, e.g. "123.45"',
  examples: ['123.45'],
});
/**
 * Largest amount the API takes: €9,999,999,999.99 (what AmountValue can spell). Cents are 64-bit in
 * the database and exact in a JS number far beyond that, costs and interest on top included.
 */
export const MAX_API_AMOUNT_CENTS = 999_999_999_999;

/** Why an amount in cents cannot be taken (undefined: unparseable), or undefined when it can. */
export function amountRefusal(cents: number | undefined): string | undefined {
  if (cents === undefined || cents <= 0) return 'must be a positive amount';
  if (cents > MAX_API_AMOUNT_CENTS) return 'must be at most 9999999999.99';
  return undefined;
}

export const Money = Type.Object(
  { currency: Type.Literal('EUR'), value: AmountValue },
  { additionalProperties: false },
);
export const E164 = Type.String({
  pattern: '^\\+[1-9]\\d{6,14}$',
  description: 'E.164 phone number',
  examples: ['+31612345678'],
});
export const Email = Type.String({ format: 'email', maxLength: 254, examples: ['j.jansen@example.nl'] });
export const Language = LanguageEnum.ref();
export const ChannelSchema = ChannelEnum.ref();
export const Payday = Type.Union([
  Type.Object({ dayOfMonth: Type.Integer({ minimum: 1, maximum: 31 }) }, { additionalProperties: false }),
  Type.Object({ rule: Type.Literal('last-business-day') }, { additionalProperties: false }),
  Type.Object(
    { rule: Type.Literal('weekly'), weekday: Type.Integer({ minimum: 1, maximum: 7 }) },
    { additionalProperties: false },
  ),
  Type.Object({ rule: Type.Literal('four-weekly'), anchor: IsoDateString }, { additionalProperties: false }),
]);
export const Address = Type.Object(
  {
    line1: Type.String({ minLength: 1, maxLength: 120, examples: ['Dorpsstraat 1'] }),
    line2: Type.Optional(Type.String({ maxLength: 120, examples: ['2e verdieping'] })),
    postalCode: Type.String({ minLength: 1, maxLength: 16, examples: ['1234 AB'] }),
    city: Type.String({ minLength: 1, maxLength: 80, examples: ['Utrecht'] }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2', examples: ['NL'] }),
  },
  { additionalProperties: false },
);

export const DebtorContact = {
  email: Type.Optional(Email),
  phone: Type.Optional(E164),
  whatsappOptIn: Type.Optional(Type.Boolean()),
  language: Type.Optional(Language),
  address: Type.Optional(Address),
  preferredChannel: Type.Optional(ChannelSchema),
  payday: Type.Optional(Payday),
  appUserId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      pattern: '^[^\\u0000-\\u001f]+$',
      description: "the debtor's account in your app; only debtors with one get app messages",
      examples: ['user-8812'],
    }),
  ),
};

/**
 * A debtor Settle can reach: at least one of email, phone, address or appUserId, and a phone when
 * WhatsApp is opted into.
 */
const REACHABLE = {
  anyOf: ['email', 'phone', 'address', 'appUserId'].map((field) => ({ required: [field] })),
  if: { properties: { whatsappOptIn: { const: true } }, required: ['whatsappOptIn'] },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited
  then: { required: ['phone'] },
};

/** A shipped policy fits the debtor's type: its own segment's, or the demo policy, which fits both. */
const POLICY_FITS_DEBTOR = {
  allOf: (['consumer', 'business'] as const).map((segment) => ({
    if: { properties: { debtor: { type: 'object', properties: { type: { const: segment } } } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited
    then: {
      properties: {
        policy: {
          // A shipped policy of the segment (or the demo); a tenant's own is checked at create.
          anyOf: [
            {
              enum: Object.values(POLICIES)
                .filter((p) => p.segment === segment || p.id === 'demo')
                .map((p) => p.id),
            },
            { not: { enum: Object.keys(POLICIES) } },
          ],
        },
      },
    },
  })),
};

export const CreateInvoiceBody = Type.Object(
  {
    invoiceId: Identifier,
    debtor: Type.Object(
      {
        id: identifier('D-1001'),
        type: Type.Union([Type.Literal('consumer'), Type.Literal('business')]),
        name: Type.String({ minLength: 1, maxLength: 140, examples: ['Jan Jansen'] }),
        ...DebtorContact,
      },
      { additionalProperties: false, ...REACHABLE },
    ),
    amount: Money,
    issueDate: IsoDateString,
    dueDate: Type.String({ ...IsoDateString, description: 'YYYY-MM-DD, on or after issueDate' }),
    description: Type.Optional(Type.String({ maxLength: 500, examples: ['Energie maart 2026'] })),
    policy: Type.Optional(
      Type.Union(
        [
          PolicyEnum.ref(),
          Type.String({
            pattern: TENANT_POLICY_ID_PATTERN,
            description: `a policy id: lower-case letters, digits and dashes (${Object.keys(POLICIES).join(', ')} or one of your own)`,
          }),
        ],
        {
          description:
            'a shipped policy or one of the tenant’s own (POST /v1/policies), at its newest version; default: the policy assigned to the debtor’s segment (PUT /v1/policy-assignments/{segment}), else nl-consumer or nl-business',
        },
      ),
    ),
    periodic: Type.Optional(
      Type.Boolean({
        description:
          "a term of a continuing contract (rent, subscription): terms up to 266.67 of one debtor share one term's collection costs within six months (Besluit vergoeding voor buitengerechtelijke incassokosten, since 2024-10-01)",
      }),
    ),
    metadata: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 }),
    ),
  },
  { additionalProperties: false, ...POLICY_FITS_DEBTOR },
);

export const ListInvoicesQuery = Type.Object(
  {
    status: Type.Optional(InvoiceStatusEnum.ref()),
    stage: Type.Optional(
      Type.String({
        pattern: STEP_ID_PATTERN,
        description: "a ladder step's id (a tenant's ladder names its own), created or payment-plan",
        examples: ['reminder-1'],
      }),
    ),
    debtorId: Type.Optional(identifier('D-1001')),
    limit: Type.Optional(PageLimit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const CollectionDay = Type.Integer({
  minimum: 1,
  maximum: 28,
  description: 'Day of the month to collect on (1–28); best just after the debtor’s payday',
});

export const ConsistencyQuery = Type.Object(
  {
    consistency: Type.Optional(
      Type.Union([Type.Literal('stored'), Type.Literal('live')], {
        description: 'stored (default): the read model; live: ask the running workflow',
      }),
    ),
  },
  // Other query parameters are ignored, as on the rest of the read routes.
  { additionalProperties: true },
);

export const InvoiceParams = Type.Object({ invoiceId: Identifier }, { additionalProperties: false });

export const problemResponses = {
  400: { $ref: 'Problem#' },
  401: { $ref: 'Problem#' },
  403: { $ref: 'Problem#' },
  404: { $ref: 'Problem#' },
  409: { $ref: 'Problem#' },
  413: { $ref: 'Problem#' },
  415: { $ref: 'Problem#' },
  422: { $ref: 'Problem#' },
  429: { $ref: 'Problem#' },
  503: { $ref: 'Problem#' },
} as const;
