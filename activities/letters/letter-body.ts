// The flowing part of the letter: title, text, amounts and sign-off. It starts below the first fold
// and continues on a next page by itself when a tenant's text is long.
import type { AmountRow } from '../templates/amount-rows.js';
import { bodyParagraphs } from '../templates/message-document.js';
import type { RenderedLetter } from '../templates/types.js';
import { nonBreakingAmounts } from '../templates/typography.js';
import { writeText } from './fonts.js';
import { LAYOUT, mm } from './geometry.js';
import { type Doc, FONT, TEXT_COLOR } from './pdf-doc.js';

const BODY_SIZE = 10;
const PARAGRAPH_GAP = 7;
const TABLE_WIDTH = mm(95);
const ROW_HEIGHT = 15;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** One paragraph; its lines (`\n`) stay together without paragraph spacing between them. */
function paragraph(doc: Doc, text: string): void {
  doc.fontSize(BODY_SIZE).fillColor(TEXT_COLOR);
  const options = { width: LAYOUT.contentWidth, lineGap: 0.5 };
  writeText(doc, FONT.regular, nonBreakingAmounts(text), LAYOUT.marginLeft, doc.y, options);
  doc.y += PARAGRAPH_GAP;
}

function amountTable(doc: Doc, rows: AmountRow[], color: string): void {
  ensureSpace(doc, rows.length * ROW_HEIGHT + 8);
  const x = LAYOUT.marginLeft;
  let y = doc.y + 2;
  for (const row of rows) {
    if (row.total) {
      doc
        .moveTo(x, y - 3)
        .lineTo(x + TABLE_WIDTH, y - 3)
        .lineWidth(1.2)
        .strokeColor(color)
        .stroke();
    }
    const weight = row.total ? FONT.bold : FONT.regular;
    doc.fontSize(BODY_SIZE).fillColor(TEXT_COLOR);
    writeText(doc, weight, row.label, x, y, { width: TABLE_WIDTH / 2, lineBreak: false });
    writeText(doc, weight, row.value, x + TABLE_WIDTH / 2, y, {
      width: TABLE_WIDTH / 2,
      align: 'right',
      lineBreak: false,
    });
    y += ROW_HEIGHT;
  }
  doc.x = x;
  doc.y = y + PARAGRAPH_GAP;
}

export function drawLetterBody(doc: Doc, letter: RenderedLetter, amounts: AmountRow[], color: string): void {
  doc.fontSize(14).fillColor(color);
  writeText(doc, FONT.bold, letter.title, LAYOUT.marginLeft, doc.y, {
    width: LAYOUT.contentWidth,
    paragraphGap: 10,
  });
  for (const text of bodyParagraphs(letter)) paragraph(doc, text);
  amountTable(doc, amounts, color);
  paragraph(doc, letter.selfService);
  ensureSpace(doc, letter.closing.length * 15);
  paragraph(doc, letter.closing.join('\n'));
}
