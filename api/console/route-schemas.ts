// What console routes answer, for their schemas (and so the API document): an HTML page, or a 303
// to another page — after a form post, or to the sign-in form when no one is signed in.
export const HTML_PAGE = {
  description: 'An HTML page',
  content: { 'text/html': { schema: { type: 'string' } } },
} as const;

/** A form post's body: the session's CSRF token and the form's text fields. */
export function formBody(fields: readonly string[], maxLength = 2000) {
  return {
    type: 'object',
    properties: {
      _csrf: { type: 'string', maxLength: 128 },
      ...Object.fromEntries(fields.map((name) => [name, { type: 'string', maxLength }])),
    },
  } as const;
}
