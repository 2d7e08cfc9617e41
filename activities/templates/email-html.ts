// Email HTML layout: nested tables and inline styles, because that is what Outlook and Gmail render
// reliably. One layout for every template and language; only the filled fragments differ.
import type { Language } from '../../workflows/domain.js';
import type { AmountRow } from './amount-rows.js';
import { emailLogoUrl, footerLines } from './brand.js';
import { bodyParagraphs, type MessageDocument } from './message-document.js';
import { escapeHtml, readableTextColor } from './safety.js';
import type { CreditorBrand } from './types.js';

export interface EmailHtmlInput {
  language: Language;
  /** plain text */
  subject: string;
  /** already HTML: produced with textToHtmlStyle */
  documentHtml: MessageDocument;
  /** plain text */
  amounts: AmountRow[];
  /** plain text */
  payNow: string;
  payUrl: string;
  /** colours already checked */
  brand: CreditorBrand;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';

function header(brand: CreditorBrand): string {
  const logoUrl = emailLogoUrl(brand);
  const logo = logoUrl
    ? `<img src="${escapeHtml(logoUrl)}" alt="${escapeHtml(brand.name)}" height="40" style="display:block;height:40px;border:0;">`
    : `<span style="${FONT}font-size:22px;font-weight:bold;color:${brand.primaryColor};">${escapeHtml(brand.name)}</span>`;
  return `<tr><td style="padding:20px 32px;border-top:6px solid ${brand.primaryColor};">${logo}</td></tr>`;
}

function amountTable(rows: AmountRow[], color: string): string {
  const cells = rows
    .map(({ label, value, total }) => {
      const style = total ? `font-weight:bold;border-top:2px solid ${color};` : '';
      return `<tr><td style="${FONT}padding:6px 0;${style}">${escapeHtml(label)}</td><td align="right" style="${FONT}padding:6px 0;${style}">${escapeHtml(value)}</td></tr>`;
    })
    .join('\n');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;font-size:16px;">\n${cells}\n</table>`;
}

/** A "bulletproof" button: a coloured table cell around a link, readable in clients that drop CSS. */
function payButton(label: string, url: string, color: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 24px;"><tr>
<td align="center" bgcolor="${color}" style="border-radius:6px;background-color:${color};">
<a href="${escapeHtml(url)}" target="_blank" style="${FONT}display:inline-block;padding:14px 36px;font-size:18px;font-weight:bold;color:${readableTextColor(color)};text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a>
</td></tr></table>`;
}

function footer(brand: CreditorBrand): string {
  const lines = footerLines(brand);
  return `<tr><td style="${FONT}padding:20px 32px;background-color:#f5f6f8;font-size:12px;line-height:18px;color:#5f6670;">${lines.map(escapeHtml).join('<br>')}</td></tr>`;
}

const paragraph = (html: string) => `<p style="margin:0 0 16px;">${html}</p>`;

export function emailHtml(input: EmailHtmlInput): string {
  const { brand, documentHtml: doc } = input;
  return `<!DOCTYPE html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#eef0f3;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#eef0f3;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;">
${header(brand)}
<tr><td style="${FONT}padding:8px 32px 32px;font-size:16px;line-height:24px;color:#1f2328;">
<h1 style="margin:0 0 16px;font-size:22px;line-height:28px;color:${brand.primaryColor};">${doc.title}</h1>
${bodyParagraphs(doc).map(paragraph).join('\n')}
${amountTable(input.amounts, brand.primaryColor)}
${payButton(input.payNow, input.payUrl, brand.accentColor)}
${paragraph(doc.selfService)}
${paragraph(doc.closing.join('<br>'))}
</td></tr>
${footer(brand)}
</table>
</td></tr>
</table>
</body>
</html>
`;
}
