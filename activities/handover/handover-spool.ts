// Handover files for collection agencies: `<dir>/<tenant>/<invoice>/claim.json`, `contacts.csv` and the
// 14-day letter PDFs. Written via temporary files and renames, so a reader never sees half a file and a
// retried handover replaces its own files: one handover per invoice.
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandoverFile } from './handover-file.js';

async function writeAtomically(path: string, content: Buffer | string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

/** Ids become folder names: anything but safe characters is percent-encoded, so nothing escapes `dir`. */
function folderName(id: string): string {
  const safe = encodeURIComponent(id).replace(/\./g, '%2E');
  return safe.length > 0 ? safe : '%00';
}

export function handoverFolder(dir: string, tenantId: string, invoiceId: string): string {
  return join(dir, folderName(tenantId), folderName(invoiceId));
}

/** Writes the handover's files; returns the folder and the file names in it. */
export async function spoolHandover(
  dir: string,
  file: HandoverFile,
): Promise<{ folder: string; files: string[] }> {
  const folder = handoverFolder(dir, file.claim.tenantId, file.claim.invoiceId);
  await mkdir(folder, { recursive: true });
  await writeAtomically(join(folder, 'claim.json'), `${JSON.stringify(file.claim, null, 2)}\n`);
  await writeAtomically(join(folder, 'contacts.csv'), file.contactsCsv);
  for (const { file: name, pdf } of file.pdfs) await writeAtomically(join(folder, name), pdf);
  return { folder, files: ['claim.json', 'contacts.csv', ...file.pdfs.map((p) => p.file)] };
}
