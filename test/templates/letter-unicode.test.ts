// Letters embed Unicode fonts (Noto Sans, Noto Sans SC) chosen per run of characters, so names in
// Polish, Turkish, Danish or Chinese print and extract as written; the address always stays inside
// the envelope window, clear of the date column, however long a name or street is.
import { describe, expect, it } from 'vitest';
import { textRuns } from '../../activities/letters/fonts.js';
import { LAYOUT, renderLetterPdf, sampleLetterInput } from '../../activities/letters/index.js';
import type { PostalAddress } from '../../providers/types.js';
import { pdfText, type TextChar, textChars } from './pdf-raster.js';

function letterTo(to: Partial<PostalAddress>) {
  const input = sampleLetterInput('nl');
  return renderLetterPdf({
    ...input,
    to: { ...input.to, ...to },
    data: { ...input.data, debtorName: to.name ?? input.data.debtorName },
  });
}

/**
 * The characters printed left of the date column in the rows of the envelope window: the address
 * (the return line above the window excluded).
 */
function addressChars(chars: TextChar[]): TextChar[] {
  const { address, meta } = LAYOUT;
  return chars.filter((ch) => {
    const middle = (ch.y0 + ch.y1) / 2;
    return middle > address.y && middle < address.y + address.height + 6 && ch.x0 < meta.x - 1;
  });
}

describe('textRuns', () => {
  it.each([
    ['Jan Jansen', [['noto-sans-latin-400-normal', 'Jan Jansen']]],
    [
      'Łukasz',
      [
        ['noto-sans-latin-ext-400-normal', 'Ł'],
        ['noto-sans-latin-400-normal', 'ukasz'],
      ],
    ],
    ['Ærøskøbing € 5', [['noto-sans-latin-400-normal', 'Ærøskøbing € 5']]],
    [
      '王 Li',
      [
        [expect.stringMatching(/^noto-sans-sc-\d+-400-normal$/), '王 '],
        ['noto-sans-latin-400-normal', 'Li'],
      ],
    ],
  ])('%s', (text, runs) => {
    expect(textRuns(text, 'regular').map((run) => [run.face, run.text])).toEqual(runs);
  });

  it('takes bold from the bold files', () => {
    expect(textRuns('Şükrü', 'bold').map((run) => run.face)).toEqual([
      'noto-sans-latin-ext-700-normal',
      'noto-sans-latin-700-normal',
    ]);
  });
});

describe('letters in every script a debtor’s name comes in', () => {
  it.each([
    ['Polish', { name: 'Łukasz Żółć', line1: 'ul. Świętokrzyska 12', city: 'Łódź', country: 'PL' }],
    ['Turkish', { name: 'Şükrü Çelik', line1: 'İstiklal Caddesi 5', city: 'İstanbul', country: 'TR' }],
    ['Danish', { name: 'Søren Æbelø', line1: 'Vestergade 3', city: 'Ærøskøbing', country: 'DK' }],
    ['Chinese', { name: '王小明', line1: '南京东路 100 号', city: '上海', country: 'CN' }],
  ])('%s: the name, street and city extract exactly as written', async (_, to) => {
    const pdf = await letterTo(to);
    const text = pdfText(pdf);
    expect(text).toContain(to.name);
    expect(text).toContain(to.line1);
    expect(text).toContain(to.city.toUpperCase());
    // The greeting in the body carries the name too.
    expect(text).toContain(`Beste ${to.name}`);
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2'); // embedded TrueType outlines…
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/); // …and no unembedded standard font
  });

  it('sets Chinese in Noto Sans SC and Latin in Noto Sans', async () => {
    const raw = (await letterTo({ name: '王小明' })).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-/);
  });
});

describe('the address window', () => {
  const { address } = LAYOUT;
  /** Inside the window: so also clear of the date column, which starts 18 mm to its right. */
  const inWindow = (ch: TextChar) =>
    ch.x0 >= address.x - 0.5 &&
    ch.x1 <= address.x + address.width + 0.5 &&
    ch.y1 <= address.y + address.height + 0.5;
  const outside = (chars: TextChar[]) => chars.filter((ch) => ch.c.trim() && !inWindow(ch)).map((ch) => ch.c);
  const joined = (chars: TextChar[]) =>
    chars
      .map((ch) => ch.c)
      .join('')
      .replace(/\s+/g, '');

  it.each([
    [
      'a very long name',
      {
        name: 'Maximiliaan Alexander Bartholomeus Jonkheer van der Zwaluwenburg-Oosterhuis tot Wolfswinkel',
      },
    ],
    [
      'a name without spaces',
      { name: 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft' },
    ],
    ['a long street', { line1: 'Burgemeester Jhr. mr. dr. Van Karnebeek-Schimmelpenninckstraat 1234 bis' }],
    ['a long Chinese name', { name: '欧阳王小明李大伟张伟刘芳陈静杨洋赵磊黄敏周杰吴刚徐丽孙强' }],
  ])('wraps %s inside the window, clear of the date column', async (_, to) => {
    const chars = addressChars(textChars(await letterTo(to)));
    expect(joined(chars)).toContain(Object.values(to)[0]!.replace(/\s+/g, ''));
    expect(joined(chars)).toContain('1234ABAMSTERDAM');
    expect(outside(chars)).toEqual([]);
  });

  it('shortens with an ellipsis what cannot fit even in the smallest size, keeping postal code and city', async () => {
    const long = 'Zeer lange naam '.repeat(12).trim();
    const chars = addressChars(textChars(await letterTo({ name: long, line1: long, line2: long })));
    expect(outside(chars)).toEqual([]);
    expect(joined(chars)).toContain('…');
    expect(joined(chars)).toMatch(/1234ABAMSTERDAM$/);
  });
});
