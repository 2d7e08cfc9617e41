// SMS cost and length: GSM-7 text fits 160 characters in one segment (153 per part when split);
// a single character outside GSM-7 switches the whole message to UCS-2 (70, or 67 per part).
import { GSM7_EXTENDED, isGsm7 } from './gsm7.js';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegmentInfo {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export function smsEncoding(text: string): SmsEncoding {
  return [...text].every(isGsm7) ? 'GSM-7' : 'UCS-2';
}

/** Number of segments, packing greedily: an escape pair or a surrogate pair is never split across parts. */
export function smsSegments(text: string): SmsSegmentInfo {
  const encoding = smsEncoding(text);
  const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  const costs = [...text].map((char) =>
    encoding === 'GSM-7' ? (GSM7_EXTENDED.has(char) ? 2 : 1) : char.length,
  );
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  if (units <= single) return { encoding, units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
}
