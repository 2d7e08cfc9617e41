// The console's stylesheets, served by the API process from node_modules (no CDN, no build step):
// Pico CSS as shipped, and a few rules of the console's own (focus, skip link, narrow screens).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyPluginAsync } from 'fastify';

const PICO = readFileSync(createRequire(import.meta.url).resolve('@picocss/pico/css/pico.min.css'), 'utf8');

export const CONSOLE_CSS = `:root{--pico-font-size:100%}
.skip{position:absolute;left:-999px;top:0;padding:.5rem 1rem;background:#fff;z-index:10}
.skip:focus{left:.5rem;top:.5rem}
:focus-visible{outline:3px solid #1d4ed8 !important;outline-offset:2px}
main:focus{outline:none}
.narrow{max-width:28rem}
form.inline{margin:0}
form.inline button{margin:0;padding:.35rem .8rem;width:auto}
nav .who{font-size:.875rem;color:var(--pico-muted-color)}
header nav{flex-wrap:wrap}
header nav ul{flex-wrap:wrap}
header nav a[aria-current=page]{font-weight:700;text-decoration:underline}
.views{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0 0 1rem}
.views li{list-style:none;margin:0;padding:.25rem 0}
nav.views-nav{display:block}
.views a[aria-current=page]{font-weight:700;text-decoration:underline}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:0 1rem}
.filters .wide{grid-column:1/-1}
.actions{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.actions button{width:auto}
.table-wrap{overflow-x:auto}
td.num,th.num{text-align:right;white-space:nowrap}
.flag{display:inline-block;border-radius:1rem;padding:0 .5rem;font-size:.8rem;background:#fde8e8;color:#7f1d1d;margin:0 .25rem .25rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.masked{color:var(--pico-muted-color);font-style:italic}
.pager{display:flex;justify-content:space-between;gap:1rem}
@media (max-width:40rem){nav .who{display:none}table{font-size:.875rem}}
.action-list{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
.action-list li{list-style:none;margin:0}
.message{padding:1rem}
.message h3{font-size:1.1rem;margin-bottom:.25rem}
.email-frame{width:100%;height:28rem;border:1px solid var(--pico-muted-border-color);background:#fff}
.message-text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;background:none;padding:0;margin:0}
.bubble{max-width:32rem;border-radius:1rem;background:#e8f0fe;color:#1f2328;padding:.75rem 1rem;margin:0 0 1rem}
.bubble .message-text{color:inherit}
.history{font-size:.875rem;margin:0}
.history-title{font-weight:700;margin:.5rem 0 0}
.muted{color:var(--pico-muted-color)}
.status.flag{display:inline}
.field-error{color:#991b1b}
.form-errors{border-left:4px solid #991b1b;padding:.5rem 1rem;margin-bottom:1rem}
.links{display:flex;flex-wrap:wrap;gap:.5rem}`;

export const consoleAssets: FastifyPluginAsync = async (app) => {
  const css = (body: string) => ({
    schema: {
      summary: 'A console stylesheet',
      response: {
        200: { description: 'A stylesheet', content: { 'text/css': { schema: { type: 'string' } } } },
      },
    },
    handler: async (_request: unknown, reply: import('fastify').FastifyReply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body),
  });
  app.get('/console/assets/pico.min.css', css(PICO));
  app.get('/console/assets/console.css', css(CONSOLE_CSS));
};
