// The payment slip at the foot of page 1: a QR code with the online payment link, the EPC QR code
// a banking app fills a transfer from, and the same details in print for those who type them in.
import type { AmountRow } from '../templates/amount-rows.js';
import type { LetterTexts } from '../templates/text-schema.js';
import { type EpcFields, inGroupsOfFour } from './epc-fields.js';
import { writeText } from './fonts.js';
import { type Box, LAYOUT, mm } from './geometry.js';
import { type Doc, FONT, label, MUTED_COLOR, TEXT_COLOR, withoutPageBreaks } from './pdf-doc.js';

export interface SlipContent {
  labels: LetterTexts;
  /** What the QR codes pay: the instalment, or all that is due. */
  payNow: AmountRow;
  payUrl: string;
  payQrPng: Buffer;
  bankQrPng: Buffer;
  epc: EpcFields;
  color: string;
}

function qrWithCaption(doc: Doc, png: Buffer, qr: Box, caption: string, details: string[]): void {
  doc.image(png, qr.x, qr.y, { width: qr.width, height: qr.height });
  const x = qr.x + qr.width + mm(3);
  const width = mm(50);
  doc.fontSize(9.5).fillColor(TEXT_COLOR);
  writeText(doc, FONT.bold, caption, x, qr.y + mm(2), { width });
  doc.moveDown(0.3);
  doc.fontSize(8).fillColor(MUTED_COLOR);
  writeText(doc, FONT.regular, details.join('\n'), x, doc.y, { width, lineGap: 1 });
}

export function drawPaymentSlip(doc: Doc, slip: SlipContent): void {
  const { slip: area, payQr, bankQr } = LAYOUT;
  const reference = slip.epc.reference ? inGroupsOfFour(slip.epc.reference) : slip.epc.remittance;
  withoutPageBreaks(doc, () => {
    doc
      .moveTo(area.x, area.y)
      .lineTo(area.x + area.width, area.y)
      .lineWidth(1.5)
      .strokeColor(slip.color)
      .stroke();
    doc.fontSize(12).fillColor(slip.color);
    writeText(doc, FONT.bold, `${slip.payNow.label}: ${slip.payNow.value}`, area.x, area.y + mm(4), {
      width: area.width,
    });
    qrWithCaption(doc, slip.payQrPng, payQr, slip.labels.payOnline, [slip.payUrl]);
    qrWithCaption(doc, slip.bankQrPng, bankQr, slip.labels.scanBankApp, [
      `${slip.labels.reference}:`,
      reference,
    ]);
    const transfer = label(slip.labels.manualTransfer, {
      iban: inGroupsOfFour(slip.epc.iban),
      beneficiary: slip.epc.beneficiary,
      reference,
    });
    doc.fontSize(8.5).fillColor(TEXT_COLOR);
    writeText(doc, FONT.regular, transfer, area.x, payQr.y + payQr.height + mm(4), {
      width: area.width,
      lineGap: 1,
    });
  });
}
