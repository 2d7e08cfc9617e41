// Renders the Dutch 14-day letter (consumer formal notice), and the direct debit pre-notification in a
// subfolder, on every channel with realistic sample data, so a person can look at house style and wording:
//   npx tsx scripts/render-samples.ts [outDir]      (default out/samples)
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderLetterPdf, sampleLetterInput } from '../activities/letters/index.js';
import { renderMessage, sampleTemplateData } from '../activities/templates/index.js';
import type { TemplateId } from '../workflows/domain.js';

const outDir = resolve(process.argv[2] ?? 'out/samples');

/** One template on every channel, in Dutch, for a consumer. */
async function renderSamples(templateId: TemplateId, dir: string): Promise<void> {
  const data = sampleTemplateData('nl', 'consumer');
  const email = renderMessage(templateId, 'email', 'nl', data);
  const sms = renderMessage(templateId, 'sms', 'nl', data);
  const whatsapp = renderMessage(templateId, 'whatsapp', 'nl', data);
  const letter = await renderLetterPdf(sampleLetterInput('nl', templateId, 'consumer'));
  const files: [string, string | Buffer][] = [
    ['email.html', email.html],
    ['email.txt', `Subject: ${email.subject}\n\n${email.text}`],
    ['sms.txt', `${sms.text}\n\n[${sms.encoding}, ${sms.units} units, ${sms.segments} segment(s)]\n`],
    [
      'whatsapp.txt',
      `${whatsapp.text}\n\n[template ${whatsapp.templateName} (${whatsapp.language}), params: ${JSON.stringify(whatsapp.params)}]\n`,
    ],
    ['letter.pdf', letter],
  ];
  await mkdir(dir, { recursive: true });
  for (const [name, content] of files) {
    const path = join(dir, name);
    await writeFile(path, content);
    console.log(path);
  }
}

await renderSamples('formal-notice', outDir);
await renderSamples('direct-debit-notice', join(outDir, 'direct-debit-notice'));
