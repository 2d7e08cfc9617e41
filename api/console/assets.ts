// The console's stylesheets and scripts, served by the API process from node_modules and this folder
// (no CDN, no build step): Pico CSS and Chart.js as shipped, and the console's own few rules and
// scripts (focus, skip link, narrow screens; drawing the dashboards; the template editor's live
// preview).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';

const require = createRequire(import.meta.url);
const PICO = readFileSync(require.resolve('@picocss/pico/css/pico.min.css'), 'utf8');
const SCRIPTS = {
  // The UMD build is not among chart.js's exports: it sits beside the CommonJS entry.
  'chart.umd.min.js': readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8'),
  'dashboards.js': readFileSync(new URL('./browser/dashboards.js', import.meta.url), 'utf8'),
  'template-preview.js': readFileSync(new URL('./browser/template-preview.js', import.meta.url), 'utf8'),
};

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
.actions button{width:auto;margin:0}
.actions select{width:auto;margin:0}
.actions label{margin:0}
.table-wrap{overflow-x:auto}
td.num,th.num{text-align:right;white-space:nowrap}
.flag{display:inline-block;border-radius:1rem;padding:0 .5rem;font-size:.8rem;background:#fde8e8;color:#7f1d1d;margin:0 .25rem .25rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.masked{color:var(--pico-muted-color);font-style:italic}
.pager{display:flex;justify-content:space-between;gap:1rem}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:1rem;margin-bottom:1rem}
.figures article{margin:0;padding:1rem}
.figures p{margin:0}
.figures .big{font-size:1.5rem;font-weight:700}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,28rem),1fr));gap:0 2rem}
.chart{position:relative;height:16rem}
figure{margin:0 0 .5rem}
figcaption{font-size:.875rem;color:var(--pico-muted-color)}
article.refused{border-left:.35rem solid #b91c1c}
article[role=status]{border-left:.35rem solid #047857}
code.secret{font-size:1.1rem;user-select:all}
label.confirm{font-size:.875rem;margin:0}
@media (max-width:40rem){nav .who{display:none}table{font-size:.875rem}}
.editor{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:2rem}
@media (max-width:60rem){.editor{grid-template-columns:minmax(0,1fr)}}
@media (min-width:60rem){.editor>section:last-child{position:sticky;top:1rem;align-self:start}}
iframe.preview{width:100%;height:70vh;min-height:30rem;border:1px solid var(--pico-muted-border-color);border-radius:.25rem;background:#fff}
details.shipped p{white-space:pre-wrap;font-size:.875rem;color:var(--pico-muted-color)}
.placeholders ul{columns:2;font-size:.875rem}
pre.diff{white-space:pre-wrap;padding:.75rem;font-size:.875rem}
pre.diff ins{background:#d1fae5;color:#064e3b;text-decoration:underline}
pre.diff del{background:#fee2e2;color:#7f1d1d}
.flag.current{background:#dbeafe;color:#1e3a8a}
.form-errors{border-left:4px solid #b91c1c;padding:.5rem 1rem;margin-bottom:1rem;background:#fef2f2}
.notice{border-left:4px solid #1d4ed8;padding:.5rem 1rem;background:#eff6ff}
table.catalogue a.own{font-weight:700}
input[type=color]{height:2.75rem;padding:.25rem}
.ladder-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:0 1rem}
fieldset.ladder-step{border:1px solid var(--pico-muted-border-color);border-radius:.5rem;padding:.75rem 1rem 0;margin-bottom:1rem}
.field-error{color:#9b1c1c !important;font-weight:600}
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
  for (const [name, body] of Object.entries(SCRIPTS))
    app.get(`/console/assets/${name}`, {
      schema: {
        summary: 'A console script',
        response: {
          200: {
            description: 'A script',
            content: { 'text/javascript': { schema: { type: 'string' } } },
          },
        },
      },
      handler: async (_request, reply) =>
        reply
          .type('text/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .send(body),
    });
};
