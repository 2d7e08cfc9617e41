// Renders the Dutch 14-day letter (consumer formal notice) on every channel with realistic sample
// data, so a person can look at the house style and wording:
//   npx tsx scripts/render-samples.ts [outDir]      (default out/samples)
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderLetterPdf, sampleLetterInput } from '../activities/letters/index.js';
import { renderMessage, sampleTemplateData } from '../activities/templates/index.js';

const outDir = resolve(process.argv[2] ?? 'out/samples');
const templateId = 'formal-notice';
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

await mkdir(outDir, { recursive: true });
for (const [name, content] of files) {
  const path = join(outDir, name);
  await writeFile(path, content);
  console.log(path);
}
