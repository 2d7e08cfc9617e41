import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderLetterPdf, sampleLetterInput } from '../../activities/letters/index.js';
import { FilePrintSpool, type PrintManifest } from '../../providers/print/print-batch.js';
import type { LetterMessage } from '../../providers/types.js';

let dir: string;
let pdf: Buffer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settle-spool-'));
  pdf ??= await renderLetterPdf(sampleLetterInput('nl'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function letter(messageId: string): LetterMessage {
  return {
    ref: {
      tenantId: 't-acme',
      invoiceId: 'F2026-004812',
      messageId,
      idempotencyKey: `wf-1/formal-notice/letter/${messageId}`,
    },
    to: {
      name: 'A. de Vries',
      line1: 'Kerkstraat 12',
      postalCode: '1234 AB',
      city: 'Amsterdam',
      country: 'NL',
    },
    pdf,
    batchDate: '2026-11-25',
  };
}

async function manifest(): Promise<PrintManifest> {
  return JSON.parse(await readFile(join(dir, '2026-11-25', 'manifest.json'), 'utf8')) as PrintManifest;
}

describe('FilePrintSpool', () => {
  it('is idempotent: the same message twice gives one file and one manifest entry', async () => {
    const spool = new FilePrintSpool(dir);
    const first = await spool.spoolLetter(letter('msg-1'));
    const second = await spool.spoolLetter(letter('msg-1'));
    expect(second).toEqual(first);
    expect((await readdir(join(dir, '2026-11-25'))).sort()).toEqual(['manifest.json', 'msg-1.pdf']);
    expect((await manifest()).letters).toHaveLength(1);
    expect(await readFile(join(dir, '2026-11-25', 'msg-1.pdf'))).toEqual(pdf);
  });

  it('gives back a spooled letter by the id it answered (the handover carries the 14-day letter)', async () => {
    const spool = new FilePrintSpool(dir);
    const { providerMessageId } = await spool.spoolLetter(letter('msg-1'));
    expect(await spool.letterPdf(providerMessageId)).toEqual(pdf);
    expect(await spool.letterPdf('print:2026-11-25/msg-2')).toBeUndefined();
    expect(await spool.letterPdf('print:2026-11-25/../manifest')).toBeUndefined();
    expect(await spool.letterPdf('sbx_msg-1')).toBeUndefined();
  });

  it('keeps personal data out of the manifest', async () => {
    await new FilePrintSpool(dir).spoolLetter(letter('msg-1'));
    const [entry] = (await manifest()).letters;
    expect(entry).toEqual({
      messageId: 'msg-1',
      tenantId: 't-acme',
      invoiceId: 'F2026-004812',
      file: 'msg-1.pdf',
      pages: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      country: 'NL',
      postalCode: '1234 AB',
    });
    const raw = await readFile(join(dir, '2026-11-25', 'manifest.json'), 'utf8');
    expect(raw).not.toMatch(/Vries|Kerkstraat|Amsterdam/);
  });

  it('collects concurrent letters of one day in one manifest', async () => {
    const spool = new FilePrintSpool(dir);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => spool.spoolLetter(letter(`msg-${id}`))));
    const ids = (await manifest()).letters.map((entry) => entry.messageId).sort();
    expect(ids).toEqual(['msg-a', 'msg-b', 'msg-c', 'msg-d', 'msg-e']);
  });

  it('refuses ids and dates that would escape the batch folder', async () => {
    const spool = new FilePrintSpool(dir);
    await expect(spool.spoolLetter(letter('../evil'))).rejects.toThrow(/file name/);
    await expect(spool.spoolLetter({ ...letter('msg-1'), batchDate: '../2026' })).rejects.toThrow(
      /batchDate/,
    );
    await expect(spool.spoolLetter({ ...letter('msg-1'), pdf: Buffer.from('hello') })).rejects.toThrow(
      /not a PDF/,
    );
  });
});
