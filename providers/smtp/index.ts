// SMTP: email through the creditor's own mail server. It reports only what SMTP knows at send
// time (accepted by the relay, or refused for good); it has no webhook and no sandbox stand-in.
import { z } from 'zod';
import { definePlugin } from '../plugin.js';
import { optionalString, setting } from '../settings.js';
import { SmtpEmailSender, type SmtpEmailSenderOptions } from './smtp.js';

type SmtpSettings = Omit<SmtpEmailSenderOptions, 'host' | 'from'> & {
  host: string | undefined;
  from: string | undefined;
};

export const smtp = definePlugin<SmtpSettings>({
  name: 'smtp',
  roles: ['email'],
  config: {
    env: {
      SMTP_HOST: optionalString,
      SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
      SMTP_SECURE: z.enum(['tls', 'starttls', 'off']).default('starttls'),
      SMTP_USER: optionalString,
      SMTP_PASS: optionalString,
      SMTP_FROM: optionalString.pipe(z.email().optional()),
    },
    read: (env) => ({
      host: setting(env, 'SMTP_HOST'),
      port: setting(env, 'SMTP_PORT'),
      security: setting(env, 'SMTP_SECURE'),
      user: setting(env, 'SMTP_USER'),
      pass: setting(env, 'SMTP_PASS'),
      from: setting(env, 'SMTP_FROM'),
    }),
    liveCredentials: ['SMTP_HOST'],
    requiredWhenLive: ['SMTP_HOST', 'SMTP_FROM'],
  },
  createAdapters: (settings) => ({
    email: new SmtpEmailSender({ ...settings, host: settings.host!, from: settings.from! }),
  }),
});
