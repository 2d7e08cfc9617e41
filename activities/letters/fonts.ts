// Unicode text for letters: Noto Sans (Latin, Latin Extended, Greek, Cyrillic, Vietnamese) and Noto
// Sans SC (Chinese), embedded and subset by pdfkit. Fontsource ships each font split by unicode range
// (as browsers load it), so every run of text is set in the file whose range covers its characters:
// "Łukasz" is Latin Extended for "Ł" and Latin for "ukasz". WOFF, not WOFF2: fontkit's subsetter
// fails on WOFF2's transformed glyph tables; each file is unpacked to a TrueType font once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Doc } from './pdf-doc.js';
import { woffToSfnt } from './woff.js';

export type Weight = 'regular' | 'bold';

interface Face {
  /** Registered in the PDF under this name: the file name, unique across both families. */
  name: string;
  path: string;
  ranges: [number, number][];
}

const FAMILIES = ['@fontsource/noto-sans', '@fontsource/noto-sans-sc'] as const;
const CSS_WEIGHT: Record<Weight, number> = { regular: 400, bold: 700 };
const require = createRequire(import.meta.url);

function parseRanges(unicodeRange: string): [number, number][] {
  return unicodeRange.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(from!, 16), Number.parseInt(to ?? from!, 16)];
  });
}

/** The faces of one family and weight, from the @font-face rules fontsource publishes with them. */
function familyFaces(family: string, weight: Weight): Face[] {
  const dir = dirname(require.resolve(`${family}/package.json`));
  const css = readFileSync(join(dir, `${CSS_WEIGHT[weight]}.css`), 'utf8');
  const faces: Face[] = [];
  for (const rule of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (file && range)
      faces.push({
        name: file.replace(/\.woff$/, ''),
        path: join(dir, 'files', file),
        ranges: parseRanges(range),
      });
  }
  if (faces.length === 0) throw new Error(`no font faces found for ${family} ${weight}`);
  // Latin first: characters several subsets share (punctuation, combining marks) come from it.
  const rank = (face: Face) =>
    face.name.includes('-latin-ext-') ? 1 : face.name.includes('-latin-') ? 0 : 2;
  return faces.sort((a, b) => rank(a) - rank(b));
}

const facesByWeight = new Map<Weight, Face[]>();
function faces(weight: Weight): Face[] {
  let found = facesByWeight.get(weight);
  if (!found) {
    found = FAMILIES.flatMap((family) => familyFaces(family, weight));
    facesByWeight.set(weight, found);
  }
  return found;
}

const covers = (face: Face, codePoint: number) =>
  face.ranges.some(([from, to]) => codePoint >= from && codePoint <= to);

export interface TextRun {
  face: string;
  text: string;
}

/** Splits text into runs, each set in one face that covers its characters. */
export function textRuns(text: string, weight: Weight): TextRun[] {
  const all = faces(weight);
  const runs: { face: Face; text: string }[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const current = runs[runs.length - 1];
    // Line breaks, spaces and characters no face has stay with the run they are in.
    if (current && (codePoint < 0x21 || covers(current.face, codePoint))) {
      current.text += char;
      continue;
    }
    const face = all.find((candidate) => covers(candidate, codePoint)) ?? current?.face ?? all[0]!;
    if (current && current.face === face) current.text += char;
    else runs.push({ face, text: char });
  }
  return runs.map((run) => ({ face: run.face.name, text: run.text }));
}

const fileCache = new Map<string, Buffer>();
const registered = new WeakMap<Doc, Set<string>>();

/** Selects a face, embedding its file in this document the first time it is used. */
function useFace(doc: Doc, weight: Weight, name: string): void {
  const names = registered.get(doc) ?? new Set<string>();
  registered.set(doc, names);
  if (!names.has(name)) {
    const face = faces(weight).find((candidate) => candidate.name === name)!;
    const bytes = fileCache.get(face.path) ?? woffToSfnt(readFileSync(face.path));
    fileCache.set(face.path, bytes);
    doc.registerFont(name, bytes);
    names.add(name);
  }
  doc.font(name);
}

type TextOptions = PDFKit.Mixins.TextOptions;

/**
 * Draws text like `doc.text`, in the given weight, switching faces per run; later runs continue the
 * first one's line and wrapping. Without x and y it goes on at the document's position.
 */
export function writeText(
  doc: Doc,
  weight: Weight,
  text: string,
  x?: number,
  y?: number,
  options: TextOptions = {},
): Doc {
  const runs = textRuns(text, weight);
  if (runs.length === 0) runs.push({ face: faces(weight)[0]!.name, text: '' });
  runs.forEach((run, index) => {
    useFace(doc, weight, run.face);
    const continued = index < runs.length - 1;
    if (index === 0 && x !== undefined) doc.text(run.text, x, y, { ...options, continued });
    else doc.text(run.text, { ...options, continued });
  });
  return doc;
}

/** The width of one line of text in the document's current font size. */
export function textWidth(doc: Doc, weight: Weight, text: string): number {
  let width = 0;
  for (const run of textRuns(text, weight)) {
    useFace(doc, weight, run.face);
    width += doc.widthOfString(run.text);
  }
  return width;
}
