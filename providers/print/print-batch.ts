// Daily print batches for a print house: `<dir>/<batchDate>/<messageId>.pdf` plus a manifest.json the
// print house reconciles against. Spooling the same message again replaces its file and its manifest
// entry, so activity retries never print a letter twice. The manifest carries no names or streets:
// country and postal code are enough for postage sorting.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { countPdfPages } from '../../activities/letters/pdf-pages.js';
import type { LetterMessage, LetterPrinter, SendResult } from '../types.js';
import { withFileLock } from './file-lock.js';

export interface PrintManifestEntry {
  messageId: string;
  tenantId: string;
  invoiceId: string;
  file: string;
  pages: number;
  sha256: string;
  country: string;
  postalCode: string;
}

export interface PrintManifest {
  batchDate: string;
  letters: PrintManifestEntry[];
}

const BATCH_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Ids become file names: no separators, no leading dot, so nothing escapes the batch folder.
const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Writes via a temporary file and rename, so a reader never sees half a PDF or half a manifest. */
async function writeAtomically(path: string, content: Buffer | string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

async function readManifest(path: string, batchDate: string): Promise<PrintManifest> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PrintManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { batchDate, letters: [] };
    throw error;
  }
}

function upsert(manifest: PrintManifest, entry: PrintManifestEntry): PrintManifest {
  const index = manifest.letters.findIndex((letter) => letter.messageId === entry.messageId);
  const letters = [...manifest.letters];
  if (index === -1) letters.push(entry);
  else letters[index] = entry;
  return { ...manifest, letters };
}

export async function spoolLetter(
  dir: string,
  batchDate: string,
  letter: LetterMessage,
): Promise<SendResult> {
  const { messageId, tenantId, invoiceId } = letter.ref;
  if (!BATCH_DATE.test(batchDate))
    throw new Error(`batchDate must be YYYY-MM-DD, got ${JSON.stringify(batchDate)}`);
  if (!SAFE_ID.test(messageId))
    throw new Error(`messageId cannot be used as a file name: ${JSON.stringify(messageId)}`);
  if (!letter.pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('letter.pdf is not a PDF');

  const batchDir = join(dir, batchDate);
  await mkdir(batchDir, { recursive: true });
  const file = `${messageId}.pdf`;
  await writeAtomically(join(batchDir, file), letter.pdf);

  const entry: PrintManifestEntry = {
    messageId,
    tenantId,
    invoiceId,
    file,
    pages: countPdfPages(letter.pdf),
    sha256: createHash('sha256').update(letter.pdf).digest('hex'),
    country: letter.to.country,
    postalCode: letter.to.postalCode,
  };
  const manifestPath = join(batchDir, 'manifest.json');
  await withFileLock(manifestPath, async () => {
    const manifest = upsert(await readManifest(manifestPath, batchDate), entry);
    await writeAtomically(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  });
  return { providerMessageId: `print:${batchDate}/${messageId}` };
}

/** LetterPrinter that spools into daily batch folders under `dir`, picked up by the print house. */
export class FilePrintSpool implements LetterPrinter {
  constructor(private readonly dir: string) {}

  spoolLetter(letter: LetterMessage): Promise<SendResult> {
    return spoolLetter(this.dir, letter.batchDate, letter);
  }

  /** `print:<batchDate>/<messageId>` (what spoolLetter answered) → that batch's PDF. */
  async letterPdf(providerMessageId: string): Promise<Buffer | undefined> {
    const match = /^print:(\d{4}-\d{2}-\d{2})\/(.+)$/.exec(providerMessageId);
    if (!match || !SAFE_ID.test(match[2]!)) return undefined;
    try {
      return await readFile(join(this.dir, match[1]!, `${match[2]}.pdf`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
