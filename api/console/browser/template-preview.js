// The template editor's live preview. While the user types, the draft goes to the console's preview
// route after a pause, by the Preview button's own request (its formaction into the sandboxed
// frame): the frame's CSP sandbox and inline styles must come from that route's own response, which
// a fetched document written into the frame would not keep. Without this script the Preview button
// does the same on click.
const form = document.getElementById('template-form');
const button = document.getElementById('preview-button');
const PAUSE_MS = 500;

if (form instanceof HTMLFormElement && button instanceof HTMLButtonElement) {
  let timer;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => form.requestSubmit(button), PAUSE_MS);
  });
}
