// Request schemas shared by routes; they also document the API in /openapi.json.
import { Type } from '@sinclair/typebox';
import { CHANNELS, INVOICE_STATUSES, LANGUAGES, STEP_IDS } from '../workflows/domain.js';

export const IsoDateString = Type.String({
  // Years 1900–2199 (PostgreSQL has no year 0); the pattern lets 2026-02-31 through, the format
  // knows the calendar.
  pattern: '^(19|20|21)\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
  format: 'date',
  description: 'YYYY-MM-DD',
});

/** A moment (RFC 3339 date-time) within the years that dates may have. */
export const DateTimeString = Type.String({
  format: 'date-time',
  pattern: '^(19|20|21)\\d{2}-',
  description: 'RFC 3339 date-time, years 1900–2199',
});

export const Identifier = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,64}$',
  description: '1–64 of [A-Za-z0-9._-]',
});
export const AmountValue = Type.String({
  pattern: '^\\d{1,10}(\\.\\d{1,2})?$',
  description: 'decimal string, e.g. "123.45"',
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
export const E164 = Type.String({ pattern: '^\\+[1-9]\\d{6,14}$', description: 'E.164 phone number' });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Language = Type.Union(LANGUAGES.map((l) => Type.Literal(l)));
export const ChannelSchema = Type.Union(CHANNELS.map((c) => Type.Literal(c)));
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
    line1: Type.String({ minLength: 1, maxLength: 120 }),
    line2: Type.Optional(Type.String({ maxLength: 120 })),
    postalCode: Type.String({ minLength: 1, maxLength: 16 }),
    city: Type.String({ minLength: 1, maxLength: 80 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
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
    }),
  ),
};

export const CreateInvoiceBody = Type.Object(
  {
    invoiceId: Identifier,
    debtor: Type.Object(
      {
        id: Identifier,
        type: Type.Union([Type.Literal('consumer'), Type.Literal('business')]),
        name: Type.String({ minLength: 1, maxLength: 140 }),
        ...DebtorContact,
      },
      { additionalProperties: false },
    ),
    amount: Money,
    issueDate: IsoDateString,
    dueDate: IsoDateString,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    policy: Type.Optional(Type.String({ maxLength: 64 })),
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
  { additionalProperties: false },
);

export const ListInvoicesQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(INVOICE_STATUSES.map((s) => Type.Literal(s)))),
    stage: Type.Optional(Type.Union([...STEP_IDS, 'created', 'payment-plan'].map((s) => Type.Literal(s)))),
    debtorId: Type.Optional(Identifier),
    limit: Type.Optional(Type.String({ pattern: '^([1-9]\\d?|100)$', description: '1–100, default 20' })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const CollectionDay = Type.Integer({
  minimum: 1,
  maximum: 28,
  description: 'Day of the month to collect on (1–28); best just after the debtor’s payday',
});

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
