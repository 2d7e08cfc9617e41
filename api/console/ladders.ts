// /console/ladders: the tenant's ladders without IT (issue 17 item 6). The list with the ladder each
// segment starts on; a new ladder (a copy of another to start from); one ladder as a form whose save is
// its next version, checked by the rules the shipped ladders pass and refused per field; its versions;
// and the assignment to its segment. Admins edit; every other role reads the same pages.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import { invoicesPerVersion } from '../../db/queries/tenant-policies.js';
import { SEGMENTS, type Segment } from '../../workflows/domain.js';
import { NL_CONSUMER } from '../../workflows/policy/ladder.js';
import type { FieldProblem } from '../../workflows/policy/policy-rules.js';
import { Problem } from '../problem.js';
import { type CataloguedPolicy, createTenantPolicies } from '../tenant-policies.js';
import { draftOfValues, type FormValues, ladderForm, valuesOfPolicy } from './ladder-form.js';
import { consolePage, csrfField, PAGE_HEADERS } from './layout.js';
import { HTML_PAGE as html, SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';

const redirect = (description: string) => ({ description, type: 'null' });
const POLICY_ID = {
  type: 'string',
  pattern: '^[a-z][a-z0-9-]{1,39}$',
  examples: ['house-consumer'],
} as const;
const params = { type: 'object', required: ['policyId'], properties: { policyId: POLICY_ID } } as const;
/** The form's fields: pointers as names, short values; the rules judge the rest. */
const formBody = {
  type: 'object',
  maxProperties: 200,
  additionalProperties: { type: 'string', maxLength: 500 },
} as const;

type Params = { policyId: string };

export const ladderPageRoutes: FastifyPluginAsync<{ auth: ConsoleAuth; db: Database }> = async (
  app,
  { auth, db },
) => {
  const policies = createTenantPolicies(db);

  function send(
    reply: FastifyReply,
    context: ConsoleRequestContext,
    status: number,
    title: string,
    main: string,
  ) {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .headers(PAGE_HEADERS)
      .send(consolePage(context, title, main, 'ladders'));
  }

  const segmentName = (context: ConsoleRequestContext, segment: Segment) =>
    context.texts.ladders.segmentNames[segment];
  const back = (context: ConsoleRequestContext) =>
    `<p><a href="/console/ladders">${h(context.texts.ladders.back)}</a></p>`;
  const formatTime = (context: ConsoleRequestContext, at: Date | null) =>
    at
      ? new Intl.DateTimeFormat(context.lang === 'nl' ? 'nl-NL' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/Amsterdam',
        }).format(at)
      : '—';

  function listPage(context: ConsoleRequestContext, catalogue: CataloguedPolicy[]): string {
    const t = context.texts.ladders;
    const c = t.columns;
    const bySegment = SEGMENTS.map((segment) => {
      const entry = catalogue.find((p) => p.assignedTo.includes(segment));
      return `<tr><th scope="row">${h(segmentName(context, segment))}</th><td>${entry ? `<a href="/console/ladders/${h(entry.policy.id)}">${h(entry.policy.id)}</a> · ${h(c.version)} ${entry.policy.version}` : '—'}</td></tr>`;
    }).join('');
    const rows = catalogue
      .map(
        ({ policy, source, assignedTo }) =>
          `<tr><td><a href="/console/ladders/${h(policy.id)}">${h(policy.id)}</a></td><td>${h(t.sources[source])}</td><td>${h(t.segmentNames[policy.segment])}</td><td class="num">${policy.version}</td><td>${h(policy.description)}</td><td>${h(assignedTo.map((s) => segmentName(context, s)).join(', ') || '—')}</td></tr>`,
      )
      .join('');
    const create =
      context.user.role === 'admin'
        ? `<p><a href="/console/ladders/new" role="button">${h(t.newLadder)}</a></p>`
        : '';
    return `<h1>${h(t.title)}</h1><p>${h(t.intro)}</p>${create}<h2>${h(t.segmentsTitle)}</h2><table><tbody>${bySegment}</tbody></table><h2 id="ladder-list">${h(t.title)}</h2><div class="table-wrap" role="region" aria-labelledby="ladder-list" tabindex="0"><table><thead><tr><th scope="col">${h(c.ladder)}</th><th scope="col">${h(c.source)}</th><th scope="col">${h(c.segment)}</th><th scope="col" class="num">${h(c.version)}</th><th scope="col">${h(c.description)}</th><th scope="col">${h(c.usedFor)}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  }

  app.get(
    '/console/ladders',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console ladders',
        response: { 200: html, 303: SIGN_IN_REDIRECT },
      },
    },
    async (request, reply) => {
      const context = consoleContext(request);
      const catalogue = await policies.catalogue(context.user.tenantId);
      return send(reply, context, 200, context.texts.ladders.title, listPage(context, catalogue));
    },
  );

  /** The new-ladder form, from a copy of `from` (a shipped ladder or the tenant's own). */
  async function newPage(
    context: ConsoleRequestContext,
    values: FormValues,
    problems: readonly FieldProblem[],
    rowOfStep: readonly number[],
  ): Promise<string> {
    const t = context.texts.ladders;
    const form = ladderForm({
      texts: t,
      stepTexts: context.texts.ladderSteps,
      values,
      problems,
      rowOfStep,
      action: '/console/ladders/new',
      submit: t.create,
      editable: true,
      idEditable: true,
      csrf: csrfField(context),
    });
    return `${back(context)}<h1>${h(t.newLadder)}</h1>${form}`;
  }

  app.get(
    '/console/ladders/new',
    {
      preHandler: auth.requireRole('admin'),
      schema: {
        summary: 'Console new ladder form',
        querystring: { type: 'object', properties: { from: POLICY_ID } },
        response: { 200: html, 303: SIGN_IN_REDIRECT, 403: html },
      },
    },
    async (request: FastifyRequest<{ Querystring: { from?: string } }>, reply) => {
      const context = consoleContext(request);
      const from = request.query.from ?? NL_CONSUMER.id;
      const base = (await policies.versions(context.user.tenantId, from))?.[0]?.policy ?? NL_CONSUMER;
      const values = valuesOfPolicy(base, '');
      return send(
        reply,
        context,
        200,
        context.texts.ladders.newLadder,
        await newPage(context, values, [], []),
      );
    },
  );

  app.post(
    '/console/ladders/new',
    {
      preHandler: auth.requireRole('admin'),
      schema: {
        summary: 'Console save a new ladder',
        body: formBody,
        response: {
          303: redirect('Saved: to the ladder'),
          401: html,
          403: html,
          422: html,
        },
      },
    },
    async (request: FastifyRequest<{ Body: FormValues }>, reply) => {
      const context = consoleContext(request);
      const values = request.body ?? {};
      const id = (values.id ?? '').trim();
      const { draft, rowOfStep } = draftOfValues(values, id);
      // A new ladder never becomes a version of an existing one by accident.
      const existing =
        /^[a-z][a-z0-9-]{1,39}$/.test(id) && (await policies.versions(context.user.tenantId, id));
      const exists = existing && existing[0]!.source === 'tenant';
      const problems = exists
        ? [{ field: '/id', message: `${id} already exists` }]
        : await saved(context, draft);
      if (problems.length === 0) return reply.redirect(`/console/ladders/${id}?saved=1`, 303);
      return send(
        reply,
        context,
        422,
        context.texts.ladders.newLadder,
        await newPage(context, { ...values, id }, problems, rowOfStep),
      );
    },
  );

  /** Saves the draft as the next version: the rules' problems, or none. */
  async function saved(context: ConsoleRequestContext, draft: Parameters<typeof policies.save>[1]) {
    try {
      await policies.save(context.user.tenantId, draft, context.user.email);
      return [];
    } catch (error) {
      if (error instanceof Problem && error.status === 422) return error.errors ?? [];
      throw error;
    }
  }

  /** Invoices started on each version: shows that running invoices keep theirs. */
  const started = (context: ConsoleRequestContext, policyId: string) =>
    invoicesPerVersion(db, context.user.tenantId, policyId);

  function editPage(
    context: ConsoleRequestContext,
    versions: CataloguedPolicy[],
    values: FormValues,
    problems: readonly FieldProblem[],
    rowOfStep: readonly number[],
    started: ReadonlyMap<number, number>,
    notice?: string,
  ): string {
    const t = context.texts.ladders;
    const newest = versions[0]!;
    const { policy } = newest;
    const admin = context.user.role === 'admin';
    const shipped = newest.source === 'shipped';
    const note = shipped ? t.shippedReadOnly : admin ? '' : t.readOnly;
    const copy = admin
      ? `<p><a href="/console/ladders/new?from=${h(policy.id)}" role="button" class="secondary">${h(t.copy)}</a></p>`
      : '';
    const assign =
      admin && !shipped && !newest.assignedTo.includes(policy.segment)
        ? `<h2>${h(t.assign)}</h2><form method="post" action="/console/ladders/${h(policy.id)}/assign" class="inline">${csrfField(context)}<button type="submit">${h(t.assignButton(segmentName(context, policy.segment)))}</button></form>`
        : '';
    const usedFor = newest.assignedTo.length
      ? `<p>${h(t.columns.usedFor)}: ${h(newest.assignedTo.map((s) => segmentName(context, s)).join(', '))}</p>`
      : '';
    const c = t.versionColumns;
    const versionRows = versions
      .map(
        (v) =>
          `<tr><td class="num">${v.policy.version}</td><td>${h(v.createdBy ?? t.sources.shipped)}</td><td>${h(formatTime(context, v.createdAt))}</td><td>${h(v.policy.description)}</td><td class="num">${shipped ? '—' : (started.get(v.policy.version) ?? 0)}</td></tr>`,
      )
      .join('');
    const form = ladderForm({
      texts: t,
      stepTexts: context.texts.ladderSteps,
      values,
      problems,
      rowOfStep,
      action: `/console/ladders/${policy.id}`,
      submit: t.save,
      editable: admin && !shipped,
      idEditable: false,
      csrf: csrfField(context),
    });
    return `${back(context)}<h1>${h(t.editTitle(policy.id))}</h1>${notice ? `<p role="status" class="notice">${h(notice)}</p>` : ''}${note ? `<p>${h(note)}</p>` : ''}${usedFor}${shipped ? copy : ''}${form}${assign}<h2 id="ladder-versions">${h(t.versions)}</h2><div class="table-wrap" role="region" aria-labelledby="ladder-versions" tabindex="0"><table><thead><tr><th scope="col" class="num">${h(c.version)}</th><th scope="col">${h(c.createdBy)}</th><th scope="col">${h(c.createdAt)}</th><th scope="col">${h(t.columns.description)}</th><th scope="col" class="num">${h(c.invoices)}</th></tr></thead><tbody>${versionRows}</tbody></table></div>${shipped ? '' : copy}`;
  }

  app.get(
    '/console/ladders/:policyId',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console ladder page',
        params,
        querystring: {
          type: 'object',
          properties: {
            saved: { type: 'string', maxLength: 3 },
            assigned: { type: 'string', enum: [...SEGMENTS] },
          },
        },
        response: { 200: html, 303: SIGN_IN_REDIRECT, 404: html },
      },
    },
    async (
      request: FastifyRequest<{ Params: Params; Querystring: { saved?: string; assigned?: Segment } }>,
      reply,
    ) => {
      const context = consoleContext(request);
      const t = context.texts.ladders;
      // The user's own tenant only: another tenant's ladder is as absent as a made-up one.
      const versions = await policies.versions(context.user.tenantId, request.params.policyId);
      if (!versions)
        return send(reply, context, 404, t.notFound, `${back(context)}<h1>${h(t.notFound)}</h1>`);
      const newest = versions[0]!.policy;
      const notice = request.query.saved
        ? t.saved(newest.version)
        : request.query.assigned
          ? t.assignedNotice(segmentName(context, request.query.assigned))
          : undefined;
      const values = valuesOfPolicy(newest, newest.id);
      return send(
        reply,
        context,
        200,
        t.editTitle(newest.id),
        editPage(context, versions, values, [], [], await started(context, newest.id), notice),
      );
    },
  );

  app.post(
    '/console/ladders/:policyId',
    {
      preHandler: auth.requireRole('admin'),
      schema: {
        summary: 'Console save a ladder’s new version',
        params,
        body: formBody,
        response: { 303: redirect('Saved: to the ladder'), 401: html, 403: html, 404: html, 422: html },
      },
    },
    async (request: FastifyRequest<{ Params: Params; Body: FormValues }>, reply) => {
      const context = consoleContext(request);
      const t = context.texts.ladders;
      const { policyId } = request.params;
      const versions = await policies.versions(context.user.tenantId, policyId);
      if (!versions || versions[0]!.source === 'shipped')
        return send(reply, context, 404, t.notFound, `${back(context)}<h1>${h(t.notFound)}</h1>`);
      const values = request.body ?? {};
      const { draft, rowOfStep } = draftOfValues(values, policyId);
      const problems = await saved(context, draft);
      if (problems.length === 0) return reply.redirect(`/console/ladders/${policyId}?saved=1`, 303);
      return send(
        reply,
        context,
        422,
        t.editTitle(policyId),
        editPage(
          context,
          versions,
          { ...values, id: policyId },
          problems,
          rowOfStep,
          await started(context, policyId),
        ),
      );
    },
  );

  app.post(
    '/console/ladders/:policyId/assign',
    {
      preHandler: auth.requireRole('admin'),
      schema: {
        summary: 'Console assign a ladder to its segment',
        params,
        body: { type: 'object', properties: { _csrf: { type: 'string', maxLength: 128 } } },
        response: { 303: redirect('Assigned: to the ladder'), 401: html, 403: html, 404: html },
      },
    },
    async (request: FastifyRequest<{ Params: Params }>, reply) => {
      const context = consoleContext(request);
      const t = context.texts.ladders;
      const { policyId } = request.params;
      const newest = (await policies.versions(context.user.tenantId, policyId))?.[0];
      if (!newest || newest.source === 'shipped')
        return send(reply, context, 404, t.notFound, `${back(context)}<h1>${h(t.notFound)}</h1>`);
      const { segment } = newest.policy;
      await policies.assign(context.user.tenantId, segment, policyId, context.user.email);
      return reply.redirect(`/console/ladders/${policyId}?assigned=${segment}`, 303);
    },
  );
};
