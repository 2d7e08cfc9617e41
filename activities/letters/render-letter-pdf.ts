// A printable A4 letter in the creditor's house style, with the template's text, the amounts and a
// payment slip carrying two QR codes. Same input, same bytes: the PDF dates and file id derive from
// the letter date, the embedded Unicode fonts (fonts.ts) are subset deterministically, and QR images
// are generated deterministically.
import PDFDocument from 'pdfkit';
import { languagePack } from '../../languages/index.js';
import { amountRows, payNowRow } from '../templates/amount-rows.js';
import { checkedBrand } from '../templates/brand.js';
import { renderMessage } from '../templates/render-message.js';
import { inGroupsOfFour, parseEpcPayload } from './epc-fields.js';
import { LAYOUT, PAGE } from './geometry.js';
import { drawLetterBody } from './letter-body.js';
import { drawLetterhead } from './letterhead.js';
import { drawPageFooters } from './page-footer.js';
import { drawPaymentSlip } from './payment-slip.js';
import type { Doc } from './pdf-doc.js';
import { qrPng } from './qr-codes.js';
import type { LetterInput } from './types.js';

function letterDate(date: string): Date {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(parsed.getTime())) {
    throw new Error(`letter date must be an ISO date (YYYY-MM-DD), got ${JSON.stringify(date)}`);
  }
  return parsed;
}

/** Starts collecting the document's bytes; resolves once `doc.end()` has been called. */
function collectBytes(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export async function renderLetterPdf(input: LetterInput): Promise<Buffer> {
  const { language, data } = input;
  const pack = languagePack(language);
  const texts = pack.messages;
  const brand = checkedBrand(data.creditor);
  const letter = renderMessage(input.templateId, 'letter', language, data, input.overrides);
  const epc = parseEpcPayload(input.epcPayload);
  const date = letterDate(input.date);
  const [payQrPng, bankQrPng] = await Promise.all([qrPng(data.payUrl), qrPng(input.epcPayload)]);

  const margins = { left: LAYOUT.marginLeft, right: LAYOUT.marginRight };
  const doc: Doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    lang: pack.locale,
    // Margins of the pages after the first, where a long body flows on.
    margins: { ...margins, top: LAYOUT.continuationTop, bottom: LAYOUT.bottomMargin },
    info: {
      Title: letter.title,
      Author: brand.name,
      Creator: 'Settle',
      Producer: 'Settle',
      CreationDate: date,
      ModDate: date,
    },
  });
  const output = collectBytes(doc);

  // Page 1 keeps the body above the payment slip. Set on the page itself, not as page options,
  // because pdfkit copies the previous page's options when text flows onto a new page.
  doc.addPage();
  doc.page.margins = { ...margins, top: LAYOUT.bodyTop, bottom: PAGE.height - LAYOUT.slip.y + 8 };
  const dateText = new Intl.DateTimeFormat(pack.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  drawLetterhead(doc, brand, input.to, [
    { label: pack.letter.date, value: dateText },
    { label: pack.letter.invoice, value: data.invoiceId },
    ...(epc.reference ? [{ label: pack.letter.reference, value: inGroupsOfFour(epc.reference) }] : []),
  ]);
  drawPaymentSlip(doc, {
    labels: pack.letter,
    payNow: payNowRow(data, texts.amounts),
    payUrl: data.payUrl,
    payQrPng,
    bankQrPng,
    epc,
    color: brand.primaryColor,
  });
  doc.x = LAYOUT.marginLeft;
  doc.y = LAYOUT.bodyTop;
  drawLetterBody(doc, letter, amountRows(data, texts.amounts), brand.primaryColor);
  drawPageFooters(doc, brand.footer, pack.letter.page);
  doc.end();
  return output;
}
