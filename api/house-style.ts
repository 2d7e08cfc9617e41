// The tenant's house style (logo, colours, sender, footer, the bank account printed on letters): its
// schema and the check a new brand passes before it is stored — rendered once on a sample email and
// letter. Shared by PUT /v1/brand and the console's house-style page, so both refuse the same.
import { type Static, Type } from '@sinclair/typebox';
import { renderLetterPdf, sampleLetterInput } from '../activities/letters/index.js';
import { renderMessage, sampleTemplateData, TemplateError } from '../activities/templates/index.js';
import type { Brand } from '../db/brand.js';
import { epcQrPayload, isValidIban } from '../workflows/policy/references.js';
import { type FieldError, unprocessable } from './problem.js';
import { Email } from './schemas.js';

const OneLine = (maxLength: number, description?: string) =>
  Type.String({
    minLength: 1,
    maxLength,
    pattern: '^[^\\r\\n]*$',
    ...(description ? { description } : {}),
  });
const HexColor = (description: string) =>
  Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: `#rrggbb; ${description}` });

export const brandProperties = {
  name: OneLine(140, 'legal or trading name'),
  senderName: OneLine(140, 'who signs, e.g. "Team Klantenservice"'),
  email: Email,
  addressLines: Type.Array(OneLine(120), { minItems: 1, maxItems: 6, description: 'postal address' }),
  phone: Type.Optional(OneLine(40)),
  website: Type.Optional(OneLine(200)),
  logoSvg: Type.Optional(
    Type.String({
      maxLength: 50_000,
      pattern: '^\\s*<svg[\\s>]',
      description: 'inline SVG (path/rect/circle/polygon), drawn as vectors on letters',
    }),
  ),
  logoUrl: Type.Optional(
    Type.String({
      maxLength: 150_000,
      pattern: '^(https://[^\\s"\'<>]+|data:image/(png|jpeg);base64,[A-Za-z0-9+/=]+)$',
      description: 'https URL (email and letters) or data:image/png|jpeg;base64 URL (letters only)',
    }),
  ),
  primaryColor: HexColor('header bar and headings'),
  accentColor: HexColor('the pay button'),
  footer: Type.String({ minLength: 1, maxLength: 500, description: 'small print: KvK, VAT id, IBAN' }),
  iban: Type.Optional(
    Type.String({ maxLength: 42, description: 'printed as the EPC bank-transfer QR code' }),
  ),
  bic: Type.Optional(Type.String({ pattern: '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$' })),
  collectionCostsVatPercent: Type.Optional(
    Type.Number({ minimum: 0, maximum: 21, description: 'VAT added to collection costs' }),
  ),
};

const BRAND_EXAMPLE = {
  name: 'Energie Noord B.V.',
  senderName: 'Team Klantenservice',
  email: 'klantenservice@energienoord.example',
  addressLines: ['Stationsplein 1', '9726 AE Groningen'],
  phone: '050 123 4567',
  website: 'https://energienoord.example',
  primaryColor: '#0b5394',
  accentColor: '#e69138',
  footer: 'KvK 12345678 · BTW NL001234567B01 · IBAN NL91 ABNA 0417 1643 00',
  iban: 'NL91ABNA0417164300',
  bic: 'ABNANL2A',
  collectionCostsVatPercent: 21,
};

export const BrandSchema = Type.Object(brandProperties, {
  additionalProperties: false,
  examples: [BRAND_EXAMPLE],
});
export type BrandBody = Static<typeof BrandSchema>;

/** Checks the schema cannot express; returns the brand as stored (IBAN compact and upper case). */
export async function checkedBrand(body: BrandBody): Promise<Brand> {
  const errors: FieldError[] = [];
  const iban = body.iban?.replace(/\s/g, '').toUpperCase();
  if (iban !== undefined && !isValidIban(iban))
    errors.push({ field: '/iban', message: 'is not a valid IBAN (structure or check digits)' });
  if (body.bic && !iban) errors.push({ field: '/bic', message: 'needs an iban' });
  if (errors.length > 0) throw unprocessable('the brand cannot be used', errors);
  const brand: Brand = { ...body, ...(iban ? { iban } : {}) };

  // Render it the way debtors will see it: an email and a printed letter.
  try {
    const data = { ...sampleTemplateData('nl', 'consumer', 'reminder-1'), creditor: brand };
    renderMessage('reminder-1', 'email', 'nl', data);
    const sample = sampleLetterInput('nl');
    await renderLetterPdf({
      ...sample,
      data,
      ...(iban
        ? {
            epcPayload: epcQrPayload({
              ...(brand.bic ? { bic: brand.bic } : {}),
              name: brand.name.slice(0, 70),
              iban,
              amountCents: 19_768,
            }),
          }
        : {}),
    });
  } catch (error) {
    if (error instanceof TemplateError || error instanceof RangeError)
      throw unprocessable('the brand does not render', [{ field: '/', message: error.message }]);
    throw unprocessable('the brand does not render on a letter (check logoSvg and logoUrl)', [
      { field: '/', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
  return brand;
}

/** The stored brand in the response shape: fields the schema does not know are left out. */
export function brandView(brand: Brand): Brand {
  const view: Record<string, unknown> = {};
  for (const key of Object.keys(brandProperties)) {
    const value = (brand as unknown as Record<string, unknown>)[key];
    if (value !== undefined) view[key] = value;
  }
  return view as unknown as Brand;
}
