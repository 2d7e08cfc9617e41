// Building blocks for providers' configuration slices (and config.ts's own settings).
import { z } from 'zod';

/** An optional setting: blank counts as unset. */
export const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An http(s) URL. */
export const httpUrl = z.url({ protocol: /^https?$/ });

/** A parsed setting of a slice, typed by its schema. */
export function setting<T>(env: Record<string, unknown>, name: string): T {
  return env[name] as T;
}
