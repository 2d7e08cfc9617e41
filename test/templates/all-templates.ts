// Every template × channel × language × segment, for exhaustive tests.
import { CHANNELS, LANGUAGES, SEGMENTS, STEP_IDS, type TemplateId } from '../../workflows/domain.js';

export const TEMPLATE_IDS: TemplateId[] = [
  ...STEP_IDS.filter((id): id is Exclude<typeof id, 'handover'> => id !== 'handover'),
  'instalment-due',
  'instalment-missed',
  'contact-update-request',
  'plan-confirmation',
  'direct-debit-notice',
  'direct-debit-failed',
];

export const COMBINATIONS = TEMPLATE_IDS.flatMap((templateId) =>
  CHANNELS.flatMap((channel) =>
    LANGUAGES.flatMap((language) => SEGMENTS.map((segment) => ({ templateId, channel, language, segment }))),
  ),
);
