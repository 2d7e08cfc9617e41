// Guards for values that end up in HTML attributes, CSS or links: brand colours and URLs come from
// tenant configuration, so they are validated instead of trusted.
import { TemplateError } from './fill.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** https anywhere; plain http only for a local development server. */
export function isSafeLink(url: string): boolean {
  return (
    /^https:\/\/[^\s"'<>]+$/i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)([:/?#][^\s"'<>]*)?$/i.test(url)
  );
}

export function assertSafeLink(url: string, field: string): string {
  if (!isSafeLink(url)) throw new TemplateError(`${field} must be an https URL, got ${JSON.stringify(url)}`);
  return url;
}

/** `#rgb` or `#rrggbb`, normalised to `#rrggbb`. */
export function assertHexColor(color: string, field: string): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  if (/^#[0-9a-f]{6}$/i.test(color)) return color.toLowerCase();
  throw new TemplateError(`${field} must be a hex colour like #1a4d8f, got ${JSON.stringify(color)}`);
}

/** Black or white, whichever reads better on the given background (WCAG relative luminance). */
export function readableTextColor(background: string): '#000000' | '#ffffff' {
  const hex = assertHexColor(background, 'colour');
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white = 1.05 / (L + 0.05); with black = (L + 0.05) / 0.05. Equal at L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
