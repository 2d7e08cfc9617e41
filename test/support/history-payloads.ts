// Reads a workflow history the way an operator without Settle's codec would: every payload's bytes
// as text, so a test can assert what anyone with access to Temporal can read.
import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';

type History = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;

/** Every payload in the history: inputs, results, signals, updates, markers, search attributes. */
export function payloadsOf(history: History): Payload[] {
  const found: Payload[] = [];
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    const record = value as Record<string, unknown>;
    if (record.data instanceof Uint8Array && typeof record.metadata === 'object') {
      found.push(record as Payload);
      return;
    }
    for (const child of Object.values(record)) walk(child);
  };
  walk(history.events ?? []);
  return found;
}

/** All readable text of the history: every payload's data and metadata, and every string field. */
export function historyText(history: History): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (value instanceof Uint8Array) parts.push(Buffer.from(value).toString('utf8'));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(history.events ?? []);
  return parts.join('\n');
}
