// Renders, in every language, the 14-day letter (consumer formal notice) and the direct debit
// pre-notification on every channel (the letter as its PDF), with realistic sample data, so a person
// can look at house style and wording:
//   npx tsx scripts/render-samples.ts [outDir]      (default out/samples; one folder per language)
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderLetterPdf, sampleLetterInput } from '../activities/letters/index.js';
import { renderMessage, sampleTemplateData } from '../activities/templates/index.js';
import { LANGUAGES, type Language, type TemplateId } from '../workflows/domain.js';

const outDir = resolve(process.argv[2] ?? 'out/samples');

/** One template on every channel, in one language, for a consumer. */
async function renderSamples(templateId: TemplateId, language: Language, dir: string): Promise<void> {
  const data = sampleTemplateData(language, 'consumer', templateId);
  const email = renderMessage(templateId, 'email', language, data);
  const sms = renderMessage(templateId, 'sms', language, data);
  const whatsapp = renderMessage(templateId, 'whatsapp', language, data);
  const app = renderMessage(templateId, 'app', language, data);
  const letter = await renderLetterPdf(sampleLetterInput(language, templateId, 'consumer'));
  const files: [string, string | Buffer][] = [
    ['email.html', email.html],
    ['email.txt', `Subject: ${email.subject}\n\n${email.text}`],
    ['sms.txt', `${sms.text}\n\n[${sms.encoding}, ${sms.units} units, ${sms.segments} segment(s)]\n`],
    [
      'whatsapp.txt',
      `${whatsapp.text}\n\n[template ${whatsapp.templateName} (${whatsapp.language}), params: ${JSON.stringify(whatsapp.params)}]\n`,
    ],
    ['app.txt', `${app.title}\n\n${app.text}\n`],
    ['letter.pdf', letter],
  ];
  await mkdir(dir, { recursive: true });
  for (const [name, content] of files) {
    const path = join(dir, name);
    await writeFile(path, content);
    console.log(path);
  }
}

for (const language of LANGUAGES) {
  await renderSamples('formal-notice', language, join(outDir, language));
  await renderSamples('direct-debit-notice', language, join(outDir, language, 'direct-debit-notice'));
}
