// Draws a simple SVG logo as vectors, so it stays sharp in print without a rasteriser. Supported:
// viewBox, and <path>, <rect>, <circle>, <polygon> with a hex or `none` fill. Anything else is
// skipped; a logo with nothing drawable returns false and the caller falls back to a wordmark.
import type PDFDocument from 'pdfkit';
import type { Box } from './geometry.js';

type Doc = InstanceType<typeof PDFDocument>;

interface Shape {
  tag: string;
  attributes: Record<string, string>;
}

function parseShapes(svg: string): Shape[] {
  return [...svg.matchAll(/<(path|rect|circle|polygon)\b([^>]*)\/?>/gi)].map(([, tag = '', raw = '']) => ({
    tag: tag.toLowerCase(),
    attributes: Object.fromEntries(
      [...raw.matchAll(/([a-zA-Z-]+)\s*=\s*"([^"]*)"/g)].map(([, k, v]) => [k, v]),
    ),
  }));
}

function viewBox(svg: string): [number, number, number, number] | undefined {
  const numbers = /viewBox\s*=\s*"([^"]+)"/i
    .exec(svg)?.[1]
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  return numbers?.length === 4 && numbers.every(Number.isFinite) && numbers[2]! > 0 && numbers[3]! > 0
    ? (numbers as [number, number, number, number])
    : undefined;
}

const num = (value: string | undefined) => Number(value ?? 0);

function fillColor(attributes: Record<string, string>): string | undefined {
  const fill = attributes.fill ?? '#000000';
  return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(fill) ? fill : undefined;
}

function drawShape(doc: Doc, { tag, attributes: a }: Shape): boolean {
  const color = fillColor(a);
  if (!color) return false;
  if (tag === 'path' && a.d) doc.path(a.d);
  else if (tag === 'rect') doc.rect(num(a.x), num(a.y), num(a.width), num(a.height));
  else if (tag === 'circle') doc.circle(num(a.cx), num(a.cy), num(a.r));
  else if (tag === 'polygon' && a.points) {
    const values = a.points
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    const points: [number, number][] = [];
    for (let i = 0; i + 1 < values.length; i += 2) points.push([values[i]!, values[i + 1]!]);
    doc.polygon(...points);
  } else return false;
  doc.fill(color);
  return true;
}

/** Draws the logo scaled into the box, left-aligned; false when nothing could be drawn. */
export function drawSvgLogo(doc: Doc, svg: string, target: Box): boolean {
  const vb = viewBox(svg);
  const shapes = parseShapes(svg);
  if (!vb || shapes.length === 0) return false;
  const [minX, minY, width, height] = vb;
  const scale = Math.min(target.width / width, target.height / height);
  doc.save();
  doc.translate(target.x, target.y).scale(scale).translate(-minX, -minY);
  const drawn = shapes.map((shape) => drawShape(doc, shape)).some(Boolean);
  doc.restore();
  return drawn;
}
