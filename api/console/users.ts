// /console/users (admins only): the tenant's console users — add one (with a generated password shown
// once, as `npm run console:create-admin` does), change a role, unlock, give a new password (which
// signs the user out everywhere) and remove, with a confirmation. The last admin cannot be demoted
// or removed: a tenant without an admin could never manage its users again.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import {
  CONSOLE_ROLES,
  type ConsoleRole,
  type ConsoleUserRow,
  clearFailedSignIns,
  consoleUserByEmail,
  consoleUserOfTenant,
  deleteConsoleUser,
  insertConsoleUser,
  listConsoleUsers,
  updateConsoleUser,
} from '../../db/queries/console-users.js';
import { inputField, selectField } from './forms.js';
import { consolePage, csrfField, PAGE_HEADERS } from './layout.js';
import { generatePassword, hashPassword } from './passwords.js';
import { formBody, HTML_PAGE as page, SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Notice {
  text: string;
  /** Shown as an alert (something was refused) rather than a confirmation. */
  refused?: boolean;
  /** A generated password, shown once in a copyable form. */
  password?: string;
  /** The answer's status when refused: 409 (the state forbids it) unless given. */
  status?: 422;
}

function stateOf(user: ConsoleUserRow, context: ConsoleRequestContext, now: Date): string {
  const t = context.texts.users;
  if (!user.lockedUntil || user.lockedUntil <= now) return t.active;
  const at = new Intl.DateTimeFormat(context.lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(user.lockedUntil);
  return t.lockedUntil(at);
}

function usersPage(
  context: ConsoleRequestContext,
  users: ConsoleUserRow[],
  now: Date,
  notice?: Notice,
): string {
  const { texts } = context;
  const t = texts.users;
  const roles = CONSOLE_ROLES.map((role) => [role, texts.roles[role]] as const);
  const alert = notice
    ? `<article ${notice.refused ? 'role="alert" class="refused"' : 'role="status"'}><p>${h(notice.text)}</p>${notice.password ? `<p><code class="secret">${h(notice.password)}</code></p><p>${h(t.passwordShownOnce)}</p>` : ''}</article>`
    : '';
  const rows = users
    .map((user, i) => {
      const action = (path: string, button: string, fields = '', cls = 'secondary outline') =>
        `<form method="post" action="/console/users/${encodeURIComponent(user.id)}/${path}" class="inline">${csrfField(context)}${fields}<button type="submit" class="${cls}">${h(button)}</button></form>`;
      const you = user.id === context.user.userId ? ` <small>${h(t.you)}</small>` : '';
      const locked = Boolean(user.lockedUntil && user.lockedUntil > now);
      return `<tr><th scope="row">${h(user.email)}${you}</th><td><div class="actions">${action('role', t.saveRole, selectField('role', t.role, roles, user.role, `u${i}`))}</div></td><td>${h(user.language ? texts.account.languages[user.language] : texts.account.browserLanguage)}</td><td>${h(stateOf(user, context, now))}</td><td><div class="actions">${locked ? action('unlock', t.unlock) : ''}${action('password', t.newPassword)}${action('remove', t.remove, `<label class="confirm"><input type="checkbox" name="confirm" value="yes" required> ${h(t.confirmRemove(user.email))}</label>`, 'contrast outline')}</div></td></tr>`;
    })
    .join('');
  const table = `<div class="table-wrap" role="region" aria-labelledby="users-caption" tabindex="0"><table class="striped"><caption id="users-caption">${h(t.title)}</caption><thead><tr><th scope="col">${h(t.email)}</th><th scope="col">${h(t.role)}</th><th scope="col">${h(t.language)}</th><th scope="col">${h(t.state)}</th><th scope="col"><span class="visually-hidden">${h(t.title)}</span></th></tr></thead><tbody>${rows}</tbody></table></div>`;
  const add = `<section aria-labelledby="add-title"><h2 id="add-title">${h(t.add)}</h2><form method="post" action="/console/users" class="filters">${csrfField(context)}${inputField('email', t.email, '', 'email', ' required maxlength="320" autocomplete="off"', 'new')}${selectField('role', t.role, roles, 'viewer', 'new')}<div class="wide actions"><button type="submit">${h(t.addButton)}</button></div></form></section>`;
  return consolePage(context, t.title, `<h1>${h(t.title)}</h1>${alert}${table}${add}`, 'users');
}

export const userRoutes: FastifyPluginAsync<{ auth: ConsoleAuth; db: Database; now: () => Date }> = async (
  app,
  { auth, db, now },
) => {
  const send = async (request: FastifyRequest, reply: FastifyReply, status: number, notice?: Notice) => {
    const context = consoleContext(request);
    const users = await listConsoleUsers(db, context.user.tenantId);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .headers(PAGE_HEADERS)
      .send(usersPage(context, users, now(), notice));
  };
  const admin = auth.requireRole('admin');
  const responses = {
    200: page,
    303: SIGN_IN_REDIRECT,
    403: page,
    404: page,
    409: page,
    422: page,
  };

  app.get(
    '/console/users',
    { preHandler: admin, schema: { summary: 'Console users', response: responses } },
    async (request, reply) => send(request, reply, 200),
  );

  app.post(
    '/console/users',
    {
      preHandler: admin,
      schema: {
        summary: 'Add a console user',
        body: formBody(['email', 'role'], 320),
        response: responses,
      },
    },
    async (request: FastifyRequest<{ Body: { email?: string; role?: string } }>, reply) => {
      const { texts, user: me } = consoleContext(request);
      const email = (request.body.email ?? '').trim();
      const role = CONSOLE_ROLES.find((r) => r === request.body.role);
      if (!EMAIL.test(email) || !role)
        return send(request, reply, 422, { text: texts.users.invalidEmail, refused: true });
      if (await consoleUserByEmail(db, email))
        return send(request, reply, 409, { text: texts.users.exists, refused: true });
      const password = generatePassword();
      const added = await insertConsoleUser(db, {
        id: randomUUID(),
        tenantId: me.tenantId,
        email,
        passwordHash: await hashPassword(password),
        role,
      });
      // Another admin may have taken the email between the check and the insert.
      if (!added) return send(request, reply, 409, { text: texts.users.exists, refused: true });
      request.log.info({ consoleUser: me.userId, added: added.id, role }, 'console user added');
      return send(request, reply, 200, { text: texts.users.addedWithPassword(email), password });
    },
  );

  /** A change to one user of the admin's tenant; another tenant's user is not found. */
  const change = (
    path: string,
    summary: string,
    fields: readonly string[],
    apply: (
      request: FastifyRequest<{ Params: { userId: string }; Body: Record<string, string | undefined> }>,
      target: ConsoleUserRow,
    ) => Promise<Notice>,
  ) =>
    app.post(
      `/console/users/:userId/${path}`,
      {
        preHandler: admin,
        schema: {
          summary,
          params: {
            type: 'object',
            required: ['userId'],
            properties: { userId: { type: 'string', minLength: 1, maxLength: 64 } },
          },
          body: formBody(fields),
          response: responses,
        },
      },
      async (
        request: FastifyRequest<{ Params: { userId: string }; Body: Record<string, string | undefined> }>,
        reply,
      ) => {
        const { texts, user: me } = consoleContext(request);
        const target = await consoleUserOfTenant(db, me.tenantId, request.params.userId);
        if (!target) return send(request, reply, 404, { text: texts.users.notFound, refused: true });
        const notice = await apply(request, target);
        if (!notice.refused)
          request.log.info(
            { consoleUser: me.userId, target: target.id, change: path },
            'console user changed',
          );
        return send(request, reply, notice.refused ? (notice.status ?? 409) : 200, notice);
      },
    );

  change('role', 'Change a console user’s role', ['role'], async (request, target) => {
    const t = consoleContext(request).texts.users;
    const role = CONSOLE_ROLES.find((r) => r === request.body.role) as ConsoleRole | undefined;
    if (!role) return { text: t.notFound, refused: true, status: 422 };
    const done = await updateConsoleUser(db, target.tenantId, target.id, { role });
    return done ? { text: t.roleSaved(target.email) } : { text: t.lastAdmin, refused: true };
  });

  change('unlock', 'Unlock a console user', [], async (request, target) => {
    await clearFailedSignIns(db, target.id);
    return { text: consoleContext(request).texts.users.unlocked(target.email) };
  });

  change('password', 'Give a console user a new password', [], async (request, target) => {
    const password = generatePassword();
    await updateConsoleUser(db, target.tenantId, target.id, {
      passwordHash: await hashPassword(password),
      failedAttempts: 0,
      lockedUntil: null,
    });
    return { text: consoleContext(request).texts.users.passwordReset(target.email), password };
  });

  change('remove', 'Remove a console user', ['confirm'], async (request, target) => {
    const t = consoleContext(request).texts.users;
    if (request.body.confirm !== 'yes') return { text: t.notConfirmed, refused: true, status: 422 };
    const done = await deleteConsoleUser(db, target.tenantId, target.id);
    return done ? { text: t.removed(target.email) } : { text: t.lastAdmin, refused: true };
  });
};
