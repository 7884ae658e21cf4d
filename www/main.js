// losslab's page script: starts the Rust app and hands each section its part of the page. Rust owns
// every number, every check and every drawing; these modules move values across, run the
// animation loops and write the numbers Rust gives into the page. Text from outside (URL, inputs)
// is only ever set with textContent, never as HTML.

import init, { App } from '../pkg/losslab.js';
import { controls } from './controls.js';
import { descent } from './descent.js';
import { exporter } from './exports.js';
import { host } from './host.js';
import { lesson } from './lesson.js';
import { losses } from './losses.js';
import { penalties } from './penalties.js';
import { softmax } from './softmax.js';
import { teacher } from './teacher.js';
import { train } from './train.js';
import { view } from './view.js';

const $ = (id) => document.getElementById(id);

async function main() {
  await init();
  const debug = new URLSearchParams(location.search).get('debug') === '1';
  let strings = {};
  const app = guarded(new App($('map-heat'), $('map-overlay'), $('loss-chart'), location.search, navigator.language || 'en'), () => strings);

  // What every section module shares: the app, the page's texts, and the few calls that cross
  // sections (what to draw again after a change, the exports, the URL).
  const ctx = {
    app,
    App,
    $,
    debug,
    sections: {},
    /** A text of the page's language ("" for an unknown key). */
    t: (key) => strings[key] ?? '',
    /** A text of the page's language with its {placeholders} filled (strings only). */
    fill: (key, values) => app.fill(key, values),
    reducedMotion: () => matchMedia('(prefers-reduced-motion: reduce)').matches,
    /** Draws again what a section (or "view", the layout) shows. */
    render: (name) => (name === 'view' ? layout.render() : ctx.sections[name]?.render()),
    /** Each section's controls beyond the values (the layer boxes, which fields show). */
    syncSections: () => Object.values(ctx.sections).forEach((s) => s.sync?.()),
    /** What a change did, for the loops: a new surface stops the balls. */
    effect: (effect) => {
      if (effect === 'new-surface') ctx.sections.descent.pause();
    },
    /** A point picked on the map moved (or was picked): its scores and class are the example now. */
    pickMoved: () => {
      ctx.controls.sync();
      ctx.controls.clearMessages($('softmax'));
      ctx.render('softmax');
      ctx.render('losses');
    },
    describe,
    updateUrl,
    /** Tells the trusted host an event (see host.js); set once the host API is wired. */
    emit: () => {},
    navigate,
  };
  ctx.controls = controls(ctx);
  const exports = exporter({ app, text: ctx.t, fill: ctx.fill });
  Object.assign(ctx, { gifFrame: exports.gifFrame, recording: exports.recording, stopGif: exports.stopGif });
  Object.defineProperty(window, 'losslabSectionPng', { value: exports.sectionPng });
  ctx.sections = { train: train(ctx), softmax: softmax(ctx), losses: losses(ctx), penalties: penalties(ctx), descent: descent(ctx), lesson: lesson(ctx), teacher: teacher(ctx) };
  const layout = view(ctx, exports);
  ctx.emit = host(ctx);

  // What each canvas shows, in words: a visually hidden, politely announced summary linked to
  // the canvas with aria-describedby, refreshed at most every 2 s while something plays.
  const summaryAt = {};
  function describe(canvasId, text, now = false) {
    let p = document.getElementById(`${canvasId}-summary`);
    if (!p) {
      p = document.createElement('p');
      p.id = `${canvasId}-summary`;
      p.className = 'visually-hidden';
      p.setAttribute('aria-live', 'polite');
      $(canvasId).after(p);
      $(canvasId).setAttribute('aria-describedby', p.id);
    }
    const t = performance.now();
    if (p.textContent === text || (!now && t - (summaryAt[canvasId] ?? -Infinity) < 2000)) return;
    summaryAt[canvasId] = t;
    p.textContent = text;
  }

  // The address follows the scene (refused parameters replaced by what is used); a trusted host
  // hears of every change.
  let urlTimer = 0;
  /** The query of the address the page last wrote (or was opened with). */
  let shownSearch = location.search;
  function updateUrl() {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => {
      const q = app.query();
      history.replaceState(null, '', `?${q}${debug ? '&debug=1' : ''}`);
      shownSearch = location.search;
      ctx.emit('settings', { query: q });
    }, 250);
  }

  /** Moves to the scene of a URL query in place (a lesson's step, a host's request, the back
   * button): every loop paused, the state rebuilt by Rust, every control and section shown anew.
   * With `push`, the address gets a new history entry. */
  function navigate(query, push = true) {
    for (const section of Object.values(ctx.sections)) (section.setPlaying ?? section.run)?.(false);
    ctx.stopGif();
    app.navigate(query);
    ctx.controls.forget();
    for (const p of document.querySelectorAll('.msg')) p.textContent = '';
    applyStrings();
    ctx.controls.sync();
    ctx.controls.applyLocks();
    showUrlMessages();
    ctx.sections.lesson.reload();
    // Embedded, a new history entry would take over the back button of the post's reader.
    if (push && !app.view().embed) history.pushState(null, '', `?${app.query()}${debug ? '&debug=1' : ''}`);
    shownSearch = location.search;
    updateUrl();
  }
  // Back and forward move between scenes; a jump to a #section (which the browser also reports
  // as popstate) changes only the fragment, and the scene stays as it is, training included.
  addEventListener('popstate', () => {
    if (location.search !== shownSearch) navigate(location.search, false);
  });

  /** Every text of the page in its language, then every section drawn again. */
  function applyStrings() {
    strings = app.strings();
    document.documentElement.lang = app.lang() === 'zh' ? 'zh-CN' : 'en';
    document.title = strings['doc.title'];
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = strings[el.dataset.i18n] ?? '';
    for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', strings[el.dataset.i18nLabel] ?? '');
    ctx.controls.translate();
    ctx.sections.penalties.translate();
    ctx.syncSections();
    for (const name of Object.keys(ctx.sections)) ctx.render(name);
    layout.render();
  }
  function showUrlMessages() {
    $('url-messages').replaceChildren(
      ...app.url_messages().map(({ text }) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }),
    );
  }
  $('lang-switch').addEventListener('click', () => {
    app.set_lang(app.lang() === 'zh' ? 'en' : 'zh');
    applyStrings();
    exports.syncGifButtons();
    showUrlMessages();
    updateUrl();
  });

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => app.resize(), 100);
  });

  app.attach_softmax($('softmax-chart'));
  app.attach_loss_curves($('loss-curves'));
  ctx.sections.losses.attach();
  ctx.sections.penalties.attach();
  ctx.sections.descent.attach();
  applyStrings();
  ctx.controls.sync();
  ctx.controls.applyLocks();
  showUrlMessages();
  $('frame-time').hidden = !debug;
  updateUrl();
  // Expose the app to tests and to the console, read-only, behind the same boundary.
  Object.defineProperty(window, 'losslab', { value: app });
  // The sections on the first screen are drawn first; the benchmark reads this mark's time since
  // navigation. The rest are drawn once the browser has painted them.
  app.show(onScreen().join(',') || 'all');
  performance.mark('losslab:first-frame');
  // The network diagram lies below the first screen's map and numbers: attached once that is drawn.
  app.attach_network($('network'), $('weight-chart'));
  await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
  document.body.classList.remove('starting');
  app.show('all');
  document.body.dataset.ready = 'true';
  const lessonNow = app.lesson();
  ctx.emit('ready', { query: app.query(), lesson: lessonNow?.lesson ?? null, step: lessonNow?.step ?? null });
}

/** What every call into the app throws once it has trapped: unwinds the caller (an animation
 * loop stops there, since it schedules its next frame after its call) and is never reported. */
class Halted extends Error {
  constructor() {
    super('losslab has stopped after a fault');
    this.name = 'LosslabHalted';
  }
}
for (const event of ['error', 'unhandledrejection']) {
  addEventListener(event, (e) => {
    if ((e.error ?? e.reason) instanceof Halted) e.preventDefault();
  });
}

/** Whether `err`, thrown by a call into the app, is a trap of its WebAssembly (a panic aborts
 * with `unreachable`, a failed allocation too; out-of-bounds access; the stack overflowing) or
 * wasm-bindgen refusing to re-enter an object a trap left borrowed: the instance cannot be
 * trusted any more. Any other error (a `Result`'s `Err`) leaves it sound. */
function isTrap(err) {
  return (
    err instanceof WebAssembly.RuntimeError ||
    (err instanceof RangeError && /call stack/i.test(err.message)) ||
    (err instanceof Error && /recursive use of an object/.test(err.message))
  );
}

/** The app behind a boundary: every method called on it that traps stops the page (see
 * `fault`); after that, every call throws `Halted` without entering the WebAssembly again.
 * `strings` gives the page's texts of its language, read before the fault. */
function guarded(app, strings) {
  let halted = false;
  const wrapped = new Map();
  return new Proxy(app, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (!wrapped.has(key)) {
        wrapped.set(key, (...args) => {
          if (halted) throw new Halted();
          try {
            return value.apply(target, args);
          } catch (err) {
            if (!isTrap(err)) throw err;
            halted = true;
            console.error('losslab stopped after a fault of its WebAssembly:', err);
            fault(strings());
            throw new Halted();
          }
        });
      }
      return wrapped.get(key);
    },
  });
}

/** Says, in the page's language, that the page stopped, with the address of its scene (to
 * reload it, or to report it) and a button that reloads it; every control is made inert, so
 * that nothing looks alive that is not. The texts were read from the app before it trapped;
 * without them (a trap while starting), both languages. */
function fault(strings) {
  const box = document.createElement('div');
  box.className = 'msg-block fault';
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  p.textContent =
    strings['fault.message'] ||
    'Something went wrong inside losslab, and the page has stopped. Reload it to start again from the same scene. If it happens again, please report it with this address: / losslab 内部出错，页面已停止运行。重新加载即可从同一场景重新开始。如果再次发生，请附上这个地址报告问题：';
  const address = document.createElement('a');
  address.className = 'fault-address';
  address.href = location.href;
  address.textContent = location.href;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.id = 'fault-reload';
  reload.textContent = strings['fault.reload'] || 'Reload / 重新加载';
  reload.addEventListener('click', () => location.reload());
  box.append(p, address, reload);
  for (const el of document.querySelectorAll('main, .masthead-tools')) el.inert = true;
  document.body.prepend(box);
  document.body.dataset.failed = 'true';
  reload.focus();
}

/** The sections shown, at least in part, in the window now. */
function onScreen() {
  return [...document.querySelectorAll('main > section')]
    .filter((s) => {
      if (s.hidden) return false;
      const r = s.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    })
    .map((s) => s.id);
}

/** Says why the page cannot run, in plain words in both languages (the text table lives in the
 * wasm that could not start, so these are inline, like the <noscript> message), and hides the
 * empty skeleton of the sections. */
function cannotStart(english, chinese) {
  const p = document.createElement('p');
  p.className = 'msg-block';
  p.setAttribute('role', 'alert');
  p.textContent = `${english} / ${chinese}`;
  // The sections, the tools and the texts that only the wasm could fill: the name stays.
  for (const el of document.querySelectorAll('main, .masthead-tools, h1, .lede')) el.hidden = true;
  document.body.classList.remove('starting');
  document.body.prepend(p);
  document.body.dataset.failed = 'true';
}

if (typeof WebAssembly !== 'object') {
  cannotStart(
    'losslab needs WebAssembly, which this browser does not offer or has turned off. Try a current browser, or turn WebAssembly on.',
    '本页需要 WebAssembly，而这个浏览器不支持或已将其关闭。请使用较新的浏览器，或打开 WebAssembly。',
  );
} else {
  main().catch((err) => {
    // A trap while starting has said so already (see `fault`).
    if (err instanceof Halted) throw err;
    cannotStart(
      `losslab could not start. Reload the page; if it happens again, please report it with this address: ${location.href}`,
      `losslab 无法启动。请重新加载页面；如果再次发生，请附上这个地址报告问题：${location.href}`,
    );
    throw err;
  });
}
