// Public API of the letter layer.
export { addressLines } from './address-lines.js';
export { type EpcFields, parseEpcPayload } from './epc-fields.js';
export { LAYOUT, mm, PAGE } from './geometry.js';
export { countPdfPages } from './pdf-pages.js';
export { renderLetterPdf } from './render-letter-pdf.js';
export { SAMPLE_EPC_PAYLOAD, sampleLetterInput } from './sample-letter.js';
export type { LetterInput } from './types.js';
