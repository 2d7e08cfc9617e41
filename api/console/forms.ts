// Labelled form fields for console pages: every control has a label it is announced by, and every
// value is escaped. `prefix` keeps ids unique when one page holds several forms.
import { escapeHtml as h } from '../../activities/templates/safety.js';

export function selectField(
  name: string,
  label: string,
  options: readonly (readonly [value: string, text: string])[],
  current: string | undefined,
  prefix = 'f',
) {
  const items = options
    .map(
      ([value, text]) =>
        `<option value="${h(value)}"${value === (current ?? '') ? ' selected' : ''}>${h(text)}</option>`,
    )
    .join('');
  return `<label for="${prefix}-${name}">${h(label)}<select id="${prefix}-${name}" name="${name}">${items}</select></label>`;
}

export function inputField(
  name: string,
  label: string,
  value: string | undefined,
  type = 'text',
  extra = '',
  prefix = 'f',
) {
  return `<label for="${prefix}-${name}">${h(label)}<input id="${prefix}-${name}" name="${name}" type="${type}" value="${h(value ?? '')}"${extra}></label>`;
}
