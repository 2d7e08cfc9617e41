// The GSM 03.38 alphabet, and a fallback that keeps SMS in it: one "ë" in a creditor's name would
// otherwise switch the whole message to UCS-2 and more than double its cost.

/** Basic character set: one septet each. */
export const GSM7_BASIC: ReadonlySet<string> = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Extension table: escape + character, two septets each. */
export const GSM7_EXTENDED: ReadonlySet<string> = new Set('\f^{}\\[~]|€');

export function isGsm7(char: string): boolean {
  return GSM7_BASIC.has(char) || GSM7_EXTENDED.has(char);
}

const LOOKALIKES: Record<string, string> = {
  '\u00a0': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00b7': '-',
  // Letters that no accent strip maps: Polish ł, Turkish dotless ı.
  ł: 'l',
  Ł: 'L',
  ı: 'i',
};

/** Replaces characters outside GSM-7 by a plain lookalike ("ë" → "e", "’" → "'") where one exists. */
export function toGsm7Lookalikes(text: string): string {
  return [...text]
    .map((char) => {
      if (isGsm7(char)) return char;
      const lookalike = LOOKALIKES[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
      return [...lookalike].every(isGsm7) && lookalike !== '' ? lookalike : char;
    })
    .join('');
}
