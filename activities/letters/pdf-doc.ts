// Shared pdfkit vocabulary of the letter: the document type, fonts, greys and the one pdfkit quirk
// every part must respect (text below the bottom margin silently starts a new page).
import type PDFDocument from 'pdfkit';

export type Doc = InstanceType<typeof PDFDocument>;

/** The weights text is set in; fonts.ts picks the embedded face per run of characters. */
export const FONT = { regular: 'regular', bold: 'bold' } as const;
export const TEXT_COLOR = '#1f2328';
export const MUTED_COLOR = '#5f6670';

/** Draws in the margin area (slip, footer) without pdfkit moving the text to a new page. */
export function withoutPageBreaks(doc: Doc, draw: () => void): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  try {
    draw();
  } finally {
    doc.page.margins.bottom = bottom;
  }
}

/** `{name}` substitution for the letter's fixed labels (tenant placeholders use `{{…}}` elsewhere). */
export function label(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
