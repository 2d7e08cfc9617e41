// Public API of the letter layer.
export { addressLines } from './address-lines.js';
export { type EpcFields, parseEpcPayload } from './epc-fields.js';
export { LAYOUT, mm, PAGE } from './geometry.js';
export { countPdfPages } from './pdf-pages.js';
export { SAMPLE_EPC_PAYLOAD, sampleLetterInput } from './sample-letter.js';
export type { LetterInput } from './types.js';

import type { LetterInput } from './types.js';

/**
 * Loaded on first use: pdfkit and the letter layout take half a second to load and ~25 MiB that a
 * worker (or API process) which renders no letter never needs — they count in its start-up.
 */
export async function renderLetterPdf(input: LetterInput): Promise<Buffer> {
  const { renderLetterPdf: render } = await import('./render-letter-pdf.js');
  return render(input);
}
