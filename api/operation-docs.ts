// What each operation is for, beyond its one-line summary: what it changes, what it answers and
// when it refuses. Keyed by method and Fastify path; the onRoute hook below puts the text and the
// operation's tag into the route schema, so /openapi.json and /docs carry them.
import type { RouteOptions } from 'fastify';

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'GET /healthz': 'Answers 200 while the process runs; it checks no dependency (use /readyz for that).',
  'GET /readyz':
    'Answers 200 when PostgreSQL and Temporal answer, 503 when either does not. Legal data (holidays, statutory interest) past its validity is named in `stale` without failing readiness.',
  'GET /metrics':
    'Prometheus text format: the HTTP response counter by method, route and status, settle_legal_data_stale, the webhook and batch backlogs, and per tenant settle_receivables_cents, settle_dso_days and settle_cash_collected_cents_total (see README "Reports").',
  'GET /openapi.json':
    'The document behind /docs: every operation with its request and response schemas and examples.',
  'POST /v1/invoices':
    'Starts the dunning workflow of an invoice. Idempotent on invoiceId: the same body again answers 200 with the existing invoice, a different body for the same invoiceId answers 409. `policy` names a shipped policy or one of the tenant’s own (at its newest version, which the invoice keeps); without it, the policy assigned to the debtor’s segment, else the debtor type’s Dutch ladder. The invoice says the policy and version it took.',
  'GET /v1/invoices':
    'Newest first, filtered by status, stage or debtor. Pages of `limit` (default 20); pass the answer’s `nextCursor` as `cursor` for the next page.',
  'GET /v1/invoices/:invoiceId':
    'The invoice as its workflow sees it now: status, stage, amounts due and paid, links and the next action.',
  'GET /v1/invoices/:invoiceId/timeline':
    'Everything that happened to the invoice, oldest first: steps taken, messages with their delivery, payments, costs and interest.',
  'GET /v1/invoices/:invoiceId/schedule':
    'A forecast, not a promise: the ladder’s remaining steps with dates (business days, posting days for letters) and the amount owed on each date if nothing more is paid.',
  'POST /v1/invoices/:invoiceId/payments':
    'For payments the PSP does not report (bank transfer, cash). Partial payments lower the amount due; an amount above what is due answers 422.',
  'POST /v1/invoices/:invoiceId/pause':
    'No further steps run while paused. With `until` the ladder resumes by itself at that moment; without, it waits for /resume.',
  'POST /v1/invoices/:invoiceId/resume':
    'Lifts a pause; the next step runs when it is due (at once if overdue).',
  'POST /v1/invoices/:invoiceId/cancel':
    'Ends dunning for good; no further messages are sent. A closed invoice answers 409.',
  'POST /v1/invoices/:invoiceId/promise-to-pay':
    'The debtor promised to pay by a date: the ladder waits until that date plus the policy’s grace days, and resumes if the invoice is still unpaid. Dates beyond the policy’s limit answer 422.',
  'POST /v1/invoices/:invoiceId/disputes':
    'The debtor contests the claim: no reminders while the dispute is open. Resolve it with /disputes/resolve.',
  'POST /v1/invoices/:invoiceId/disputes/resolve':
    'Upheld: the claim is cancelled. Rejected: the ladder resumes where it paused.',
  'POST /v1/invoices/:invoiceId/payment-plan':
    'Splits the amount due into instalments within the policy’s limits (count, minimum amount, spacing); a missed instalment resumes the ladder.',
  'POST /v1/invoices/:invoiceId/direct-debit':
    'Answers the checkout URL of the mandate’s first payment; collections follow on the collection day, each pre-notified.',
  'POST /v1/invoices/:invoiceId/direct-debit/end':
    'No further collections are made; amounts still open are dunned by the ladder again.',
  'POST /v1/invoices/:invoiceId/messages/:messageId/delivery':
    'For letters, whose delivery no provider reports: a returned letter makes the ladder try the next channel; track & trace confirms delivery.',
  'GET /v1/templates':
    'Every message template for every channel and language, with whether the tenant overrides the shipped text.',
  'PUT /v1/templates/:templateId/:channel/:language':
    'Each PUT stores a new version; earlier versions stay and can be restored. Placeholders are checked against the template’s variables.',
  'DELETE /v1/templates/:templateId/:channel/:language':
    'Messages use the shipped text again; the stored versions stay and can be restored.',
  'GET /v1/templates/:templateId/:channel/:language/versions':
    'Version numbers with their texts and when each was stored.',
  'POST /v1/templates/:templateId/:channel/:language/versions/:version/restore':
    'Stores the chosen version’s texts as a new current version.',
  'GET /v1/templates/:templateId/:channel/:language/preview':
    'The rendered message with sample amounts, dates and names: HTML for email, PDF for letters, text otherwise.',
  'GET /v1/brand': 'Logo, colours and sender details used in every message and on the self-service page.',
  'PUT /v1/brand': 'Replaces the whole house style; fields left out return to their defaults.',
  'GET /v1/settings': 'Creditor details and collection choices (e.g. the SEPA creditor identifier).',
  'PUT /v1/settings': 'Replaces the settings; open invoices use them from their next step on.',
  'GET /v1/debtor-requests':
    'Requests debtors made on the self-service page, newest first, with whether the creditor was notified. Paged like GET /v1/invoices.',
  'POST /v1/debtor-requests/:requestId/resolve':
    'Records that the creditor handled the request; it stays in the list.',
  'GET /v1/api-keys':
    'Ids, labels and creation dates of the tenant’s keys; a key’s secret is shown only once, when created.',
  'DELETE /v1/api-keys/:keyId':
    'The key stops working within seconds in every API process. The key in use may revoke itself.',
  'PATCH /v1/debtors/:debtorId':
    'Only the fields given change. Every open invoice of the debtor uses the new contact data from its next message on.',
  'POST /v1/debtors/:debtorId/payment-history':
    'Stores past payments of the debtor at this creditor (1–1000), once per payment id: a repeated import changes nothing. Answers how many were new and the timing learned from the whole history (see README "Learned payment timing"). The debtor need not exist yet.',
  'POST /v1/simulations':
    'A what-if forecast, not a promise: runs the policy (and `comparePolicy` beside it) — a shipped one, a variant, or one of your own at its newest version or the `policyVersion` / `comparePolicyVersion` you name (checked again by the rules it was saved under) — over a synthetic population, or one shaped like your own invoices with a response model fitted from your own history (when debtors paid after which step on which channel), using the workflow’s own decisions, calendar and costs in simulated time. Predicts DSO, recovered %, messages per channel, collection costs charged, Temporal actions and cost per invoice. Synchronous, at most 5,000 invoices; nothing is stored or sent. Each result names the policy and version it ran. An unknown policy or version, another tenant’s policy, or a history population without any invoices, answers 422.',
  'POST /v1/payment-history':
    'Bulk import of past payments of many debtors (up to 10,000 lines), idempotent per debtor and payment id. Answers the counts received and stored.',
  'GET /v1/debtors/:debtorId/timing':
    'The payday pattern (day of month, last business day or four-weekly), its confidence and the preferred weekdays learned from the debtor’s imported payments and the payments Settle received; null without any. New invoices of the debtor without a payday use a pattern of confidence ≥ 0.6.',
  'POST /v1/experiments':
    'Starts an experiment on one step of the ladder (by step id — also a step your own ladder named itself — or every step of a kind), on a shipped policy or one of your own (checked at its newest version): at least two arms — template variants (override versions the tenant saved), channel order, or send slots — and a random holdout (default 10%, at most 50%) on the current default. Each invoice reaching the step is assigned once, by Thompson sampling on the goal. Refused with 422 per field when a step does not exist in the policy, a variant was never saved, or an arm would change the 14-day letter’s channel or wording (only its send slot may vary); send slots are clamped into contact hours (07:00–19:59).',
  'GET /v1/experiments': 'Every experiment of the tenant with its arms, newest first.',
  'GET /v1/experiments/:experimentId': 'One experiment with its arms and status.',
  'POST /v1/experiments/:experimentId/stop':
    'No invoice is assigned from now on; those assigned keep their arm, and the report goes on counting their outcomes. A stopped experiment answers 409.',
  'GET /v1/experiments/:experimentId/report':
    'Per arm and the holdout: invoices assigned, those whose outcome is known, paid rate and euros collected within the goal’s window, median days to pay, and the uplift of the goal against the holdout with a 95% credible interval (Monte Carlo from the Beta posteriors, seeded: the same data answers the same figures). JSON, or CSV with `format=csv` or `Accept: text/csv`.',
  'POST /v1/policies':
    'Saves a ladder of the tenant’s own: up to 12 steps, each with an id of its own (unique, lower-case letters, digits and dashes, e.g. `reminder-3`; a built-in id such as `reminder-1` keeps its built-in kind), its kind (behaviour follows the kind, never the id), the shipped template its message uses (e.g. a third reminder with `reminder-2`; a template goes only with the kinds its text is written for), its offset from the due date or the previous step and its channels; costs, interest, plan and promise limits. The same id again saves the next version (1, 2, …); nothing is ever changed in place. Checked by the same rules as the shipped policies, answered 422 with every problem by JSON pointer: a consumer ladder that charges costs keeps the 14-day letter (a formal-notice step whose costDeadline gives at least 14 days after receipt, art. 6:96 lid 6 BW) before any final notice or handover; contact hours cannot be switched off; channels and templates must exist; offsets and plan limits stay within bounds; the id never shadows a shipped policy’s and a new version keeps its segment.',
  'GET /v1/policies':
    'The shipped policies and the tenant’s own, each at its newest version, with the segments whose new invoices start on it. Another tenant’s policies are never listed.',
  'GET /v1/policies/:policyId':
    'Every version of one policy, newest first (a shipped policy: its one current version). Another tenant’s policy answers 404.',
  'PUT /v1/policy-assignments/:segment':
    'New invoices of the segment whose create names no policy start on this policy, at its newest version at the time of their creation; invoices already running keep theirs. The policy must exist for the tenant and be of the segment; the demo policy cannot be assigned.',
  'POST /webhooks/mollie':
    'Called by Mollie. The body carries only the payment id; Settle fetches the payment from Mollie and answers 200 also for ids it does not know.',
  'POST /webhooks/sendgrid':
    'Called by SendGrid with a batch of email events. Events are stored deduplicated on sg_event_id and processed after the answer.',
  'GET /webhooks/messagebird':
    'Called by MessageBird for SMS status reports, signed with a JWT over the URL.',
  'POST /webhooks/messagebird':
    'Called by MessageBird for WhatsApp message status events, signed with a JWT.',
  'POST /webhooks/bird':
    'Called by Bird’s Channels API for SMS and WhatsApp status events, signed with an HMAC.',
  'GET /p/:token':
    'The link in every message. The token identifies the invoice; an expired or tampered token shows a page saying so.',
  'GET /p/:token/plan': 'Shows the instalments a plan would have before the debtor confirms it.',
  'POST /p/:token/plan': 'The debtor confirms a plan within the policy’s limits; redirects back to the page.',
  'GET /p/:token/pay': 'Redirects to the PSP’s checkout for the amount due now.',
  'POST /p/:token/promise': 'The debtor promises a payment date; redirects back to the page.',
  'POST /p/:token/dispute': 'The debtor disputes the invoice with a reason; redirects back to the page.',
  'POST /p/:token/callback': 'The debtor asks to be called back; redirects back to the page.',
  'POST /p/:token/contact':
    'The debtor corrects their email address or phone number; redirects back to the page.',
  'POST /p/:token/direct-debit':
    'The debtor chooses to pay by direct debit; redirects to the mandate checkout.',
  'POST /p/:token/direct-debit/stop': 'The debtor stops the direct debit; redirects back to the page.',
  'GET /sandbox/outbox.json':
    'Sandbox only: every message the sandbox providers would have sent for the tenant.',
  'GET /sandbox/outbox': 'Sandbox only: the outbox as a page, for people trying Settle out.',
  'GET /sandbox/outbox/:id/preview': 'Sandbox only: one message as the debtor would see it.',
  'GET /sandbox/sign-in': 'Sandbox only: a form asking for the tenant’s API key.',
  'POST /sandbox/sign-in':
    'Sandbox only: checks the key and sets the session cookie; redirects to the outbox.',
  'POST /sandbox/sign-out': 'Sandbox only: clears the session cookie; redirects to the sign-in form.',
  'GET /sandbox/checkout/:id': 'Sandbox only: stands in for a PSP’s checkout page.',
  'POST /sandbox/checkout/:id':
    'Sandbox only: decides the sandbox payment’s outcome, which the sandbox PSP then reports by webhook.',
  'GET /codec/sign-in': 'For operators of the Temporal UI: a form asking for the operator token.',
  'POST /codec/sign-in': 'For operators: checks the operator token and sets the codec session cookie.',
  'GET /console/sign-in': 'The console’s sign-in form (email and password of a console user).',
  'POST /console/sign-in':
    'Checks a console user’s password and sets the session cookie; redirects to the worklist. Five failures in a row lock the user for 15 minutes (423, with the time to retry).',
  'POST /console/sign-out': 'Ends the console session (CSRF token required); redirects to the sign-in form.',
  'GET /console':
    'The worklist: the tenant’s open invoices with filters, search, ready-made views, sorting and pages. Debtor names and emails are masked for viewers.',
  'GET /console/invoices/:invoiceId':
    'One invoice of the user’s tenant: amounts, the schedule ahead, every message as the debtor saw it with its delivery history, payments, the timeline, the actions the role may take and a link to the run in the Temporal UI. Debtor data and message content are hidden from viewers.',
  'GET /console/invoices/:invoiceId/actions/:action':
    'The form of an invoice action (pause, resume, cancel, payment, plan, promise, dispute, resolve) with its confirmation box and a fresh idempotency key; collectors and admins only.',
  'POST /console/invoices/:invoiceId/actions/:action':
    'Runs the confirmed action through the code of POST /v1/invoices/{invoiceId}/…: schema errors and refusals come back at the form’s fields (422), success redirects to the invoice page. A repeat with the same form key is the same action.',
  'GET /console/invoices/:invoiceId/messages/:messageId/preview':
    'A message of the invoice as sent, where Settle stores it (the sandbox outbox): sanitised email HTML under a CSP sandbox, the letter’s PDF as a download, or the text. Not for viewers.',
  'GET /console/debtors/:debtorId':
    'A debtor of the user’s tenant: contact data (masked for viewers), channel preferences and opt-ins, the payday given and the one learned from payments, and all the debtor’s invoices.',
  'GET /console/debtors/:debtorId/edit':
    'The form to change a debtor’s contact data; collectors and admins only.',
  'POST /console/debtors/:debtorId/edit':
    'Changes what the form changed through the code of PATCH /v1/debtors/{debtorId} (open invoices are told); errors come back at the form’s fields (422).',
  'GET /console/ladders':
    'The tenant’s ladders: shipped and own, each at its newest version, and which ladder each debtor segment’s new invoices start on.',
  'GET /console/ladders/new':
    'Admins: the form for a new ladder, filled from a copy of `from` (default nl-consumer).',
  'POST /console/ladders/new':
    'Admins: saves a new ladder as version 1 (CSRF token required); refused with 422 and every problem at its field, by the same rules as POST /v1/policies.',
  'GET /console/ladders/:policyId':
    'One ladder as a form (read-only for roles other than admin and for shipped ladders) with its versions.',
  'POST /console/ladders/:policyId':
    'Admins: saves the form as the ladder’s next version (CSRF token required); invoices already running keep theirs. Refused with 422 and every problem at its field.',
  'POST /console/ladders/:policyId/assign':
    'Admins: new invoices of the ladder’s segment that name no policy start on it (CSRF token required).',
  'GET /console/assets/pico.min.css': 'Pico CSS, the console’s stylesheet, served from node_modules.',
  'GET /console/assets/console.css': 'The console’s own style rules (focus, narrow screens).',
  'GET /console/dashboards':
    'Dashboards over the last 3, 6 or 12 months (`months`): DSO trend, cash collected, recovery by channel and step, the message funnel and today’s aging, each a chart over a table of its numbers.',
  'GET /console/users':
    'Admins: the tenant’s console users with their role, language and lock state, and the forms to manage them.',
  'POST /console/users':
    'Admins: adds a console user with a role; the answer shows the generated password once (409 when the email is taken).',
  'POST /console/users/:userId/role':
    'Admins: changes a user’s role; refused (409) when the tenant would have no admin left.',
  'POST /console/users/:userId/unlock': 'Admins: lifts a lockout after repeated failed sign-ins.',
  'POST /console/users/:userId/password':
    'Admins: gives a user a new generated password, shown once; every session of the user ends.',
  'POST /console/users/:userId/remove':
    'Admins: removes a user (with `confirm=yes`) and its sessions; never the tenant’s last admin.',
  'GET /console/account': 'Every user: the own console language and the password form.',
  'POST /console/account/language':
    'Every user: chooses the console language (nl, en, or empty for the browser’s); the answer is in it.',
  'POST /console/account/password':
    'Every user: changes the own password (the current one required, at least 12 characters); the other sessions end.',
  'GET /console/assets/chart.umd.min.js':
    'Chart.js as shipped, served from node_modules, for the dashboards.',
  'GET /console/assets/dashboards.js':
    'Draws each dashboard figure from the numbers in the page; the page reads as tables without it.',
  'GET /console/assets/template-preview.js':
    'The template editor’s live preview: after a pause in typing it sends the draft to the preview frame.',
  'GET /console/templates':
    'The template catalogue: every template per channel and language, and which have a version of the tenant’s own.',
  'GET /console/templates/:templateId/:channel/:language':
    'The template editor: the text fields with the placeholders that have a value, a preview, the plain-language hint, the versions with their changes, rollback and publish (collectors and admins edit; viewers read).',
  'POST /console/templates/:templateId/:channel/:language':
    'Publishes the form’s texts as a new version, by the same check as PUT /v1/templates/…: a text that could not be sent is a 422 page naming each field; nothing is stored then.',
  'POST /console/templates/:templateId/:channel/:language/shipped':
    'Collectors and admins: messages from now on use the shipped text again (a new version without content; the earlier ones can be restored).',
  'POST /console/templates/:templateId/:channel/:language/versions/:version/restore':
    'Makes an earlier version current again (a copy as the newest version), after the same check as a publish; 404 for a version the tenant does not have.',
  'GET /console/templates/:templateId/:channel/:language/preview':
    'The version in use (or ?version=) rendered with sample data in the house style, for the editor’s sandboxed frame; ?format=pdf the letter.',
  'POST /console/templates/:templateId/:channel/:language/preview':
    'The editor’s draft rendered the same way, with the SMS segments, the WhatsApp parameters, the plain-language hint, or why it cannot be sent.',
  'GET /console/house-style':
    'The house style (logo, colours, sender, footer, bank account) with a preview; admins edit it.',
  'POST /console/house-style':
    'Saves the house style by the same schema and check as PUT /v1/brand: a brand that does not render is a 422 page naming each field.',
  'GET /console/house-style/preview': 'A sample email (or ?format=pdf the letter) in the stored house style.',
  'POST /console/house-style/preview':
    'The same sample in the form’s draft house style, or why it cannot be used.',
};

/** The group an operation is listed under in /docs, by its path. */
function tagOf(url: string): string {
  const [first, second] = url.split('/').filter(Boolean);
  if (first === 'v1' && second === 'policy-assignments') return 'policies';
  if (first === 'v1') return second === 'invoices' ? 'invoices' : (second ?? 'invoices');
  if (first === 'p') return 'self-service';
  if (first === 'codec') return 'operators';
  if (first === 'console') return 'console';
  if (first === 'webhooks' || first === 'sandbox') return first;
  return 'operations';
}

const methodsOf = (route: RouteOptions) => (Array.isArray(route.method) ? route.method : [route.method]);

export const operationKey = (method: string, url: string) => `${method.toUpperCase()} ${url}`;

/** onRoute hook: every documented operation gets its description and tag (hidden routes are left alone). */
export function describeOperation(route: RouteOptions): void {
  route.schema ??= {};
  const schema = route.schema;
  if (schema.hide) return;
  const description = methodsOf(route)
    .map((method) => DESCRIPTIONS[operationKey(method, route.url)])
    .find(Boolean);
  if (description && !schema.description) schema.description = description;
  schema.tags ??= [tagOf(route.url)];
}
