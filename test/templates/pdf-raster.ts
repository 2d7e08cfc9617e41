// Test helper: rasterise a PDF page with mupdf and decode QR codes in given regions with jsQR,
// the way a phone camera would see the printed letter.
import jsQRModule from 'jsqr';
import * as mupdf from 'mupdf';
import { PNG } from 'pngjs';
import type { Box } from '../../activities/letters/geometry.js';

// jsqr is CommonJS with an ES-style `default` export; under NodeNext the function is `.default`.
const jsQR = jsQRModule.default;

export interface Raster {
  width: number;
  height: number;
  /** RGBA */
  data: Buffer;
  dpi: number;
}

export function rasterisePage(pdf: Buffer, pageIndex: number, dpi: number): Raster {
  const document = mupdf.Document.openDocument(pdf, 'application/pdf');
  const zoom = dpi / 72;
  const pixmap = document
    .loadPage(pageIndex)
    .toPixmap(mupdf.Matrix.scale(zoom, zoom), mupdf.ColorSpace.DeviceRGB, false, true);
  const png = PNG.sync.read(Buffer.from(pixmap.asPNG()));
  return { width: png.width, height: png.height, data: png.data, dpi };
}

export function pageCount(pdf: Buffer): number {
  return mupdf.Document.openDocument(pdf, 'application/pdf').countPages();
}

/** Decodes the QR code inside `box` (PDF points), with a few millimetres of white around it. */
export function decodeQrIn(raster: Raster, box: Box, paddingPt = 10): string | undefined {
  const scale = raster.dpi / 72;
  const x0 = Math.max(0, Math.floor((box.x - paddingPt) * scale));
  const y0 = Math.max(0, Math.floor((box.y - paddingPt) * scale));
  const x1 = Math.min(raster.width, Math.ceil((box.x + box.width + paddingPt) * scale));
  const y1 = Math.min(raster.height, Math.ceil((box.y + box.height + paddingPt) * scale));
  const width = x1 - x0;
  const height = y1 - y0;
  const crop = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y0 + row) * raster.width + x0) * 4;
    crop.set(raster.data.subarray(from, from + width * 4), row * width * 4);
  }
  return jsQR(crop, width, height)?.data;
}

/** The text of every page as mupdf extracts it (what a screen reader or a copy-paste would get). */
export function pdfText(pdf: Buffer): string {
  const document = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pages: string[] = [];
  for (let index = 0; index < document.countPages(); index++) {
    pages.push(document.loadPage(index).toStructuredText('preserve-whitespace').asText());
  }
  return pages.join('\n');
}

export interface TextChar {
  c: string;
  /** PDF points from the top-left corner of the page. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Every character of one page with its box, in reading order, from mupdf's structured text. */
export function textChars(pdf: Buffer, pageIndex = 0): TextChar[] {
  const page = mupdf.Document.openDocument(pdf, 'application/pdf').loadPage(pageIndex);
  const chars: TextChar[] = [];
  page.toStructuredText('preserve-whitespace').walk({
    onChar(c, _origin, _font, _size, quad) {
      const xs = [quad[0], quad[2], quad[4], quad[6]];
      const ys = [quad[1], quad[3], quad[5], quad[7]];
      chars.push({ c, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
    },
  });
  return chars;
}
