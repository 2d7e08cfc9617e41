// Fits the debtor's address into the envelope window: long lines wrap at spaces (a word wider than
// the window at its characters), the type gets smaller when the lines do not fit, and as a last
// resort each line is shortened with an ellipsis, so no line ever reaches into the date column.
import { textWidth } from './fonts.js';
import type { Box } from './geometry.js';
import { type Doc, FONT } from './pdf-doc.js';

const SIZES = [10.5, 9.5, 8.5] as const;
/** Noto Sans is 1.36 em from ascender to descender; the rest keeps lines apart. */
const LINE_HEIGHT_EM = 1.4;
const LINE_GAP = 1.5;

export interface FittedAddress {
  fontSize: number;
  lineHeight: number;
  lines: string[];
}

const fits = (doc: Doc, text: string, width: number) => textWidth(doc, FONT.regular, text) <= width;

/** Cuts a word wider than the window into pieces that fit, at character boundaries. */
function splitWord(doc: Doc, word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece && !fits(doc, piece + char, width)) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  return piece ? [...pieces, piece] : pieces;
}

function wrapLine(doc: Doc, line: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (fits(doc, candidate, width)) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    const pieces = fits(doc, word, width) ? [word] : splitWord(doc, word, width);
    current = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  return current ? [...lines, current] : lines;
}

function shorten(doc: Doc, line: string, width: number): string {
  if (fits(doc, line, width)) return line;
  const chars = [...line];
  while (chars.length > 1 && !fits(doc, `${chars.join('').trimEnd()}…`, width)) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/** Sets the document's font size to the chosen one and returns the lines to draw, one per row. */
export function fitAddress(doc: Doc, lines: string[], window: Box): FittedAddress {
  for (const fontSize of SIZES) {
    doc.fontSize(fontSize);
    const lineHeight = fontSize * LINE_HEIGHT_EM + LINE_GAP;
    const wrapped = lines.flatMap((line) => wrapLine(doc, line, window.width));
    if (wrapped.length * lineHeight <= window.height) return { fontSize, lineHeight, lines: wrapped };
  }
  const fontSize = SIZES[SIZES.length - 1]!;
  doc.fontSize(fontSize);
  return {
    fontSize,
    lineHeight: fontSize * LINE_HEIGHT_EM + LINE_GAP,
    lines: lines.map((line) => shorten(doc, line, window.width)),
  };
}
