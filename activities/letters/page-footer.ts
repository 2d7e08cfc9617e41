// Small print and page numbers on every page, drawn once all pages exist (so "page 1 of 2" is known).

import { writeText } from './fonts.js';
import { LAYOUT, mm } from './geometry.js';
import { type Doc, FONT, label, MUTED_COLOR, withoutPageBreaks } from './pdf-doc.js';

export function drawPageFooters(doc: Doc, smallPrint: string, pageLabel: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    withoutPageBreaks(doc, () => {
      const width = LAYOUT.contentWidth - mm(30);
      doc.fontSize(7).fillColor(MUTED_COLOR);
      writeText(doc, FONT.regular, smallPrint, LAYOUT.marginLeft, LAYOUT.footerY, {
        width,
        lineBreak: false,
      });
      const page = label(pageLabel, { page: index - start + 1, pages: count });
      writeText(doc, FONT.regular, page, LAYOUT.marginLeft + width, LAYOUT.footerY, {
        width: mm(30),
        align: 'right',
        lineBreak: false,
      });
    });
  }
}
