// Brand data shared by every layout, validated once: colours go into CSS and URLs into attributes.
import { assertHexColor, isSafeLink } from './safety.js';
import type { CreditorBrand } from './types.js';

/** The brand with colours checked and normalised to `#rrggbb`. */
export function checkedBrand(brand: CreditorBrand): CreditorBrand {
  return {
    ...brand,
    primaryColor: assertHexColor(brand.primaryColor, 'creditor.primaryColor'),
    accentColor: assertHexColor(brand.accentColor, 'creditor.accentColor'),
  };
}

/** Phone, email and website on one line, for footers and letterheads. */
export function contactLine(brand: CreditorBrand): string {
  return [brand.phone, brand.email, brand.website].filter(Boolean).join(' · ');
}

/** The logo URL an email may load: https only (data: and http are blocked by most mail clients). */
export function emailLogoUrl(brand: CreditorBrand): string | undefined {
  return brand.logoUrl && isSafeLink(brand.logoUrl) ? brand.logoUrl : undefined;
}

/** Name, address, contact details and small print: the footer of emails and letters. */
export function footerLines(brand: CreditorBrand): string[] {
  return [brand.name, ...brand.addressLines, contactLine(brand), brand.footer].filter(Boolean);
}
