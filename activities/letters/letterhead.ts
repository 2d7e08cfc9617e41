// Page-1 header: logo, sender block, the address in the envelope window, date and references, and
// fold marks for the print house's folding machine.

import type { PostalAddress } from '../../providers/types.js';
import type { CreditorBrand } from '../templates/types.js';
import { addressLines } from './address-lines.js';
import { fitAddress } from './address-window.js';
import { writeText } from './fonts.js';
import { LAYOUT, mm } from './geometry.js';
import { type Doc, FONT, MUTED_COLOR, TEXT_COLOR, withoutPageBreaks } from './pdf-doc.js';
import { drawSvgLogo } from './svg-logo.js';

const RASTER_DATA_URL = /^data:image\/(png|jpeg);base64,[a-z0-9+/=]+$/i;

function drawLogo(doc: Doc, brand: CreditorBrand): void {
  const { logo } = LAYOUT;
  if (brand.logoSvg && drawSvgLogo(doc, brand.logoSvg, logo)) return;
  if (brand.logoUrl && RASTER_DATA_URL.test(brand.logoUrl)) {
    doc.image(brand.logoUrl, logo.x, logo.y, { fit: [logo.width, logo.height] });
    return;
  }
  // No drawable logo: the name as a wordmark in the house colour still identifies the sender.
  doc.fontSize(18).fillColor(brand.primaryColor);
  writeText(doc, FONT.bold, brand.name, logo.x, logo.y + mm(3), { width: logo.width, lineBreak: false });
}

function drawSenderBlock(doc: Doc, brand: CreditorBrand): void {
  const { senderBlock: box } = LAYOUT;
  doc.fontSize(9).fillColor(TEXT_COLOR);
  writeText(doc, FONT.bold, brand.name, box.x, box.y, { width: box.width });
  doc.fontSize(8.5).fillColor(MUTED_COLOR);
  const contact = [brand.phone, brand.email, brand.website].filter(Boolean) as string[];
  writeText(doc, FONT.regular, [...brand.addressLines, '', ...contact].join('\n'), undefined, undefined, {
    width: box.width,
    lineGap: 1,
  });
}

function drawAddress(doc: Doc, brand: CreditorBrand, to: PostalAddress): void {
  const { returnLine, address } = LAYOUT;
  // The return address keeps undeliverable mail coming back to the creditor, not the print house.
  doc.fontSize(6.5).fillColor(MUTED_COLOR);
  writeText(doc, FONT.regular, [brand.name, ...brand.addressLines].join(' · '), returnLine.x, returnLine.y, {
    width: returnLine.width,
    lineBreak: false,
  });
  // Every line is fitted to the window beforehand and drawn on its own: nothing can run past it.
  const fitted = fitAddress(doc, addressLines(to), address);
  doc.fillColor(TEXT_COLOR).fontSize(fitted.fontSize);
  fitted.lines.forEach((line, index) => {
    writeText(doc, FONT.regular, line, address.x, address.y + index * fitted.lineHeight, {
      lineBreak: false,
    });
  });
}

export interface MetaRow {
  label: string;
  value: string;
}

function drawMeta(doc: Doc, rows: MetaRow[]): void {
  const { meta } = LAYOUT;
  const labelWidth = mm(28);
  let y = meta.y;
  for (const row of rows) {
    doc.fontSize(8.5).fillColor(MUTED_COLOR);
    writeText(doc, FONT.regular, row.label, meta.x, y, { width: labelWidth });
    doc.fontSize(9.5).fillColor(TEXT_COLOR);
    writeText(doc, FONT.regular, row.value, meta.x + labelWidth, y - 0.5, { width: meta.width - labelWidth });
    y += mm(5.5);
  }
}

function drawFoldMarks(doc: Doc): void {
  for (const y of LAYOUT.foldMarks) {
    doc.moveTo(mm(4), y).lineTo(mm(8), y).lineWidth(0.5).strokeColor(MUTED_COLOR).stroke();
  }
}

export function drawLetterhead(doc: Doc, brand: CreditorBrand, to: PostalAddress, meta: MetaRow[]): void {
  withoutPageBreaks(doc, () => {
    drawLogo(doc, brand);
    drawSenderBlock(doc, brand);
    drawAddress(doc, brand, to);
    drawMeta(doc, meta);
    drawFoldMarks(doc);
  });
}
