// Reading the self-service forms: urlencoded fields, validated here so that mistakes come back as
// friendly notices on the page (never a problem document); the cross-site check is api/same-origin.ts.
import type { Language } from '../../workflows/domain.js';
import { type PageContext, pagePath } from './context.js';
import { FORMS, type FormName, type Notice } from './page.js';
import { DONE_CODES, type DoneCode, ERROR_CODES, type ErrorCode } from './page-texts.js';

/** One text field of a form body (the first value if repeated), trimmed; '' when absent. */
export function formField(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : typeof first === 'number' ? String(first) : '';
}

const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function validEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Accepts the usual ways of writing an international number; returns E.164 or undefined. */
export function e164(value: string): string | undefined {
  const compact = value.replace(/[\s().-]/g, '').replace(/^00/, '+');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : undefined;
}

export const REASON_MAX = 500;

/** A dispute or call-back text: a few words at least, 500 characters at most. */
export function reasonOf(body: unknown): { reason: string } | { error: ErrorCode } {
  const reason = formField(body, 'reason').replace(/\r\n/g, '\n');
  if (reason.length < 3) return { error: 'reason-missing' };
  if (reason.length > REASON_MAX) return { error: 'reason-too-long' };
  return { reason };
}

/** The notice named by the query after a redirect: only known codes, never free text. */
export function noticeOf(query: Record<string, unknown>): Notice {
  const pick = <T extends string>(value: unknown, known: readonly T[]): T | undefined =>
    known.includes(value as T) ? (value as T) : undefined;
  const done = pick<DoneCode>(query.done, DONE_CODES);
  const error = pick<ErrorCode>(query.e, ERROR_CODES);
  const form = pick<FormName>(query.f, FORMS);
  return { ...(done ? { done } : {}), ...(error ? { error } : {}), ...(form ? { form } : {}) };
}

/** Where a form post sends the browser back to (303): the page, with the outcome as a notice code. */
export function backTo(ctx: Pick<PageContext, 'token'>, lang: Language, notice: Notice): string {
  const query = new URLSearchParams({ lang });
  if (notice.done) query.set('done', notice.done);
  if (notice.error) query.set('e', notice.error);
  if (notice.form) query.set('f', notice.form);
  return `${pagePath(ctx)}?${query.toString()}${notice.form ? `#${notice.form}` : ''}`;
}
