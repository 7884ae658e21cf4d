// The page and the post that embeds it. Messages go both ways only with the pages whose origins
// the URL's `host=` names (checked in Rust; none by default): a message from any other origin, or
// from any window but the embedding one, is ignored. Every value a host sends goes through the
// same settings boundary as a control's, so locked controls stay locked; nothing is inserted as
// HTML. The messages are listed in the README ("Embedding").

/** The most settings one `set` message may carry. */
const MAX_SETTINGS = 64;

/** Wires the host API of the page `ctx`; returns `post(type, detail)`, which tells the trusted
 * host (if any) an event. */
export function host(ctx) {
  const { app } = ctx;
  const embedded = window.parent !== window;
  const origins = () => (embedded ? app.hosts() : []);

  function post(type, detail = {}) {
    for (const origin of origins()) window.parent.postMessage({ ...detail, losslab: type }, origin);
  }

  /** The section a message means: the one it names, else the one shown alone or the lesson's. */
  function section(name) {
    const el = typeof name === 'string' ? document.getElementById(name) : null;
    if (el?.matches('main > section')) return ctx.sections[name];
    const { panel } = app.view();
    const lesson = app.lesson();
    const id = panel !== 'all' ? panel : lesson ? lesson.sections[0] : 'train';
    return ctx.sections[id];
  }

  function press(s, key) {
    const id = s?.keys?.[key];
    if (id) ctx.$(id).click();
  }

  function handle(m) {
    switch (m.losslab) {
      case 'set': {
        if (!m.settings || typeof m.settings !== 'object') return;
        for (const [key, value] of Object.entries(m.settings).slice(0, MAX_SETTINGS)) {
          if (typeof value !== 'string' && typeof value !== 'number') continue;
          const raw = String(value);
          const outcome = app.set(key, raw);
          // Shown like a control's change, so the page and the host see the same outcome.
          ctx.controls.shown(key, raw, outcome);
          if (outcome.message) post('refused', { key, message: outcome.message });
        }
        return;
      }
      case 'play':
      case 'pause': {
        const s = section(m.section);
        const play = s?.setPlaying ?? s?.run;
        if (play) play(m.losslab === 'play');
        else if (m.losslab === 'play') press(s, 'play');
        return;
      }
      case 'step':
      case 'reset':
        press(section(m.section), m.losslab);
        return;
      case 'lesson': {
        const lesson = String(m.lesson ?? '');
        const step = String(m.step ?? '1');
        ctx.navigate(`lesson=${encodeURIComponent(lesson)}&step=${encodeURIComponent(step)}`);
        return;
      }
      default:
    }
  }

  addEventListener('message', (e) => {
    if (!embedded || e.source !== window.parent || !origins().includes(e.origin)) return;
    const m = e.data;
    if (!m || typeof m !== 'object' || typeof m.losslab !== 'string') return;
    handle(m);
  });

  return post;
}
