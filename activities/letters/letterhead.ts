// Page-1 header: logo, sender block, the address in the envelope window, date and references, and
// fold marks for the print house's folding machine.

import type { PostalAddress } from '../providers/types.js';
import type { CreditorBrand } from '../templates/types.js';
import { addressLines } from './address-lines.js';
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
  doc.font(FONT.bold).fontSize(18).fillColor(brand.primaryColor);
  doc.text(brand.name, logo.x, logo.y + mm(3), { width: logo.width, lineBreak: false });
}

function drawSenderBlock(doc: Doc, brand: CreditorBrand): void {
  const { senderBlock: box } = LAYOUT;
  doc.font(FONT.bold).fontSize(9).fillColor(TEXT_COLOR).text(brand.name, box.x, box.y, { width: box.width });
  doc.font(FONT.regular).fontSize(8.5).fillColor(MUTED_COLOR);
  const contact = [brand.phone, brand.email, brand.website].filter(Boolean) as string[];
  doc.text([...brand.addressLines, '', ...contact].join('\n'), { width: box.width, lineGap: 1 });
}

function drawAddress(doc: Doc, brand: CreditorBrand, to: PostalAddress): void {
  const { returnLine, address } = LAYOUT;
  // The return address keeps undeliverable mail coming back to the creditor, not the print house.
  doc.font(FONT.regular).fontSize(6.5).fillColor(MUTED_COLOR);
  doc.text([brand.name, ...brand.addressLines].join(' · '), returnLine.x, returnLine.y, {
    width: returnLine.width,
    lineBreak: false,
  });
  doc.font(FONT.regular).fontSize(10.5).fillColor(TEXT_COLOR);
  doc.text(addressLines(to).join('\n'), address.x, address.y, {
    width: address.width,
    height: address.height,
    lineGap: 1.5,
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
    doc
      .font(FONT.regular)
      .fontSize(8.5)
      .fillColor(MUTED_COLOR)
      .text(row.label, meta.x, y, { width: labelWidth });
    doc.font(FONT.regular).fontSize(9.5).fillColor(TEXT_COLOR);
    doc.text(row.value, meta.x + labelWidth, y - 0.5, { width: meta.width - labelWidth });
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
