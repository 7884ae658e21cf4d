// The monkey: a long random run of a restless student on the page. With a fixed seed it clicks
// every button, link and box, picks options, drags on the canvases and sliders, types random and
// hostile strings into every text box and presses Enter, presses keys on whatever has the focus,
// switches language, section and presenter mode, plays, pauses, steps and resets — and checks,
// as it goes: no console error or uncaught exception, no NaN / Infinity / undefined shown, no
// markup let in by what it typed, no trap (the app still answers), and, once warm, the wasm
// memory and the DOM's element count staying put.
//
// `runMonkey(browser, options)` returns the figures; `failures(report)` says what broke.
// Run alone (`cargo xtask monkey`, or `node tests/e2e/monkey.mjs --actions N --seed S` with
// LOSSLAB_URL set) it prints them and exits non-zero on a failure. `monkey.test.mjs` is the short
// run in the gate. Named without `.test.` so that `node --test tests/e2e/` runs only the short one.

import { pathToFileURL } from 'node:url';
import { ENDLESS, launch, openPage } from './harness.mjs';

/** A small seeded PRNG (mulberry32): the same seed, the same choices. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings a careless or hostile user types into a number box. */
export const HOSTILE = [
  'NaN', 'nan', '-NaN', 'Infinity', '-Infinity', 'inf', '∞', '1e400', '-1e400', '1e308', '-1e308', '1.7976931348623157e308',
  '1e-400', '5e-324', '-0', '0', '', ' ', '   ', '0x10', '0b11', '0o7', '  3 ', '−2,5', '2,5', '1,000', '1_000', '1 000',
  '١٢', '３', '½', '1e', 'e1', '.', '-', '+', '++1', '1..2', '--1', '1/0', '0/0', '2**53', '99999999999999999999',
  '<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>', '"><svg onload=window.__pwned=1>',
  '<b>x</b>', '\'"; --', '`${1+1}`', '{raw}', '{value}', '{min}{max}', '%s%n%d', 'undefined', 'null', 'true',
  '[object Object]', '__proto__', 'constructor', 'toString', 'javascript:alert(1)', '\u202e42', '\u0000', '\t\n7\n',
  '\ufeff1', '1\u00a0000', '😀', 'Ω≈ç√∫', '中文', '三', 'π', 'e', '16,16,16,16,16,16,16', ',,,', '0,0', '-4', '17', '0.',
  '9'.repeat(400), 'x'.repeat(5000), '1'.repeat(1000) + 'e-1000',
];

const RANGES = [[0x20, 0x7e], [0xa0, 0x24f], [0x370, 0x3ff], [0x4e00, 0x9fff], [0x1f300, 0x1f6ff], [0x300, 0x36f], [0x200b, 0x200f], [0x202a, 0x202e], [0x3000, 0x303f]];

/** Keys pressed on whatever has the focus (nothing that leaves or reloads the page). */
const KEYS = [
  'Tab', 'Shift+Tab', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown', 'Space',
  'Enter', 'Escape', 'Backspace', 'Delete', 'a', 'r', 'R', 'l', 'L', '1', '2', '3', '4', '5', '0', '-', '.', 'e', 'x',
  'Shift+ArrowRight', 'Shift+ArrowLeft', 'Control+a', 'Shift+Enter', 'Shift+Space',
];

/** How often each kind of action is picked (relative weights). */
const KINDS = {
  click: 26, // a visible, enabled button, summary, radio, checkbox or in-page link
  type: 20, // a string into a text box, then Enter (or Tab)
  select: 9, // an option of a select
  canvas: 12, // a click, shift-click or drag on a canvas
  slider: 7, // a drag along a range input (the timeline, the sliders)
  key: 12, // a key on the focused element (often a random one focused first)
  transport: 6, // play / pause / step / reset of a section
  language: 2, // the language switch
  section: 3, // another section: its #hash, or scrolled to
  wait: 3, // let the animations run for a moment
};

/** Text the page must never show. */
const BAD_TEXT = /\bNaN\b|Infinity|undefined|\[object/;

/** Elements the page never makes: what only typed markup could have put there. */
const INJECTED = 'main img, main script, main b, main iframe, main svg[onload], [onerror], [onload]';

/**
 * Runs the monkey on a fresh page of `browser` (from harness's `launch`). Options: `actions`,
 * `seed`, `query` (the page's URL query; ENDLESS by default, so that every section can play
 * without end), `warmup` (the share of the actions after which memory and DOM are first measured),
 * `checkEvery` (actions between the text and liveness checks), `log` (a line logger). Returns the
 * report that `failures` reads.
 */
export async function runMonkey(browser, { actions = 5000, seed = 1, query = `${ENDLESS}&lang=en`, warmup = 0.2, checkEvery = 10, log = () => {} } = {}) {
  const started = performance.now();
  const random = mulberry32(seed);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const { page, errors } = await openPage(browser, query);
  const context = page.context();
  const report = {
    seed,
    query,
    actions: 0,
    done: {},
    skipped: {},
    errors: [], // {at, action, messages}
    badText: [], // {at, text, where}
    injected: [], // {at, what}
    traps: [], // {at, message}
    stalls: [], // {at, action}
    alerts: [],
    popups: 0,
    downloads: 0,
    memory: {},
    heap: {},
    dom: {},
    ms: {}, // time spent per kind of action
    growth: [], // {at, by, action}: every growth of the wasm memory
    samples: [], // {at, memory, dom} at every check after warm-up (live state, not canonical)
    durationMs: 0,
    lastActions: [],
  };
  const typed = new Set();
  const recent = [];
  let crashed = false;
  page.on('dialog', (d) => {
    report.alerts.push(d.message());
    d.dismiss().catch(() => {});
  });
  page.on('crash', () => {
    crashed = true;
  });
  page.on('download', (d) => {
    report.downloads += 1;
    d.delete().catch(() => {});
  });
  context.on('page', (p) => {
    report.popups += 1;
    p.close().catch(() => {});
  });
  await page.evaluate(() => {
    // A payload that ran would set this; so would an alert, caught above.
    window.__pwned = 0;
  });

  /** A random candidate element of `kind`, as a handle (null if there is none). */
  const candidate = (kind) =>
    page.evaluateHandle(
      ([kind, r]) => {
        const modal = [...document.querySelectorAll('dialog[open]')].at(-1);
        const scope = modal ?? document;
        const selectors = {
          click: 'button, summary, input[type=radio], input[type=checkbox], a[data-query]:not([data-query=""]), a[href][target=_blank], [data-cell]',
          type: 'input[type=text]:not([readonly]), input:not([type]):not([readonly]), textarea:not([readonly])',
          select: 'select',
          canvas: 'canvas',
          slider: 'input[type=range]',
          focus: 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
          transport: '.transport button, #softmax-play, #timeline-resume, #timeline-latest',
        };
        const visible = (el) => {
          if (el.disabled || el.closest('[inert], [hidden]')) return false;
          if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
          const rect = el.getBoundingClientRect();
          return rect.width > 0 && rect.height > 0;
        };
        const list = [...scope.querySelectorAll(selectors[kind])].filter(visible);
        return list.length ? list[Math.floor(r * list.length)] : null;
      },
      [kind, random()],
    );
  // Handles taken during an action, let go after it (a handle keeps its element alive).
  const held = [];
  const element = async (kind) => {
    const handle = await candidate(kind);
    const el = handle.asElement();
    if (el) held.push(el);
    else await handle.dispose();
    return el;
  };
  const describe = (el) =>
    el.evaluate((e) => {
      const name = e.id || e.dataset.param || e.dataset.cell || e.dataset.preset || e.dataset.query || e.getAttribute('aria-label') || e.textContent.trim().slice(0, 24);
      return `${e.tagName.toLowerCase()}${name ? ` "${name}"` : ''}`;
    });
  const quick = { timeout: 2000 };

  /** A string to type: hostile, a number of any size and form, or random characters. */
  function text() {
    const r = random();
    if (r < 0.45) return pick(HOSTILE);
    if (r < 0.8) {
      const x = (random() < 0.3 ? -1 : 1) * 10 ** (random() * 12 - 6) * random();
      const forms = [String(x), x.toFixed(int(6)), x.toExponential(int(4)), String(Math.round(x)), String(int(40)), String(random().toFixed(3))];
      return pick(forms);
    }
    let s = '';
    for (let n = 1 + int(30); n > 0; n -= 1) {
      const [lo, hi] = pick(RANGES);
      s += String.fromCodePoint(lo + int(hi - lo + 1));
    }
    return s;
  }
  /** Drags the mouse from one point of `box` to another, in a few moves. */
  async function drag(box, from, to, modifiers = []) {
    const at = ([fx, fy]) => [box.x + fx * box.width, box.y + fy * box.height];
    const [x0, y0] = at(from);
    const [x1, y1] = at(to);
    for (const m of modifiers) await page.keyboard.down(m);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    for (let k = 1; k <= 4; k += 1) await page.mouse.move(x0 + ((x1 - x0) * k) / 4, y0 + ((y1 - y0) * k) / 4);
    await page.mouse.up();
    for (const m of modifiers) await page.keyboard.up(m);
  }
  /** The box of `el` once scrolled into view, or null. */
  async function box(el) {
    await el.scrollIntoViewIfNeeded(quick);
    return el.boundingBox();
  }

  const act = {
    async click() {
      const el = await element('click');
      if (!el) return null;
      const what = await describe(el);
      await el.click({ ...quick, modifiers: random() < 0.05 ? ['Shift'] : [] });
      return `click ${what}`;
    },
    async type() {
      const el = await element('type');
      if (!el) return null;
      const what = await describe(el);
      const s = text();
      typed.add(s);
      await el.fill(s, quick);
      const key = random() < 0.8 ? 'Enter' : 'Tab';
      await el.press(key, quick);
      return `type ${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…(${s.length})` : s)} into ${what}, ${key}`;
    },
    async select() {
      const el = await element('select');
      if (!el) return null;
      const what = await describe(el);
      const count = await el.evaluate((s) => s.options.length);
      if (count === 0) return null;
      const index = int(count);
      await el.selectOption({ index }, quick);
      return `select option ${index} of ${what}`;
    },
    async canvas() {
      const el = await element('canvas');
      if (!el) return null;
      const what = await describe(el);
      const b = await box(el);
      if (!b) return null;
      const from = [random(), random()];
      const r = random();
      if (r < 0.55) {
        await page.mouse.click(b.x + from[0] * b.width, b.y + from[1] * b.height, { modifiers: random() < 0.2 ? ['Shift'] : [] });
        return `click ${what} at ${from.map((v) => v.toFixed(2))}`;
      }
      if (r < 0.65) {
        await page.mouse.dblclick(b.x + from[0] * b.width, b.y + from[1] * b.height);
        return `double-click ${what}`;
      }
      await drag(b, from, [random(), random()], random() < 0.2 ? ['Shift'] : []);
      return `drag on ${what}`;
    },
    async slider() {
      const el = await element('slider');
      if (!el) return null;
      const what = await describe(el);
      const b = await box(el);
      if (!b) return null;
      await drag(b, [random(), 0.5], [random(), 0.5]);
      return `drag ${what}`;
    },
    async key() {
      let what = 'the focused element';
      if (random() < 0.6) {
        const el = await element('focus');
        if (el) {
          what = await describe(el);
          await el.focus();
        }
      }
      const key = pick(KEYS);
      await page.keyboard.press(key);
      return `key ${key} on ${what}`;
    },
    async transport() {
      const el = await element('transport');
      if (!el) return null;
      const what = await describe(el);
      await el.click(quick);
      return `click ${what}`;
    },
    async language() {
      await page.click('#lang-switch', quick);
      return 'switch the language';
    },
    async section() {
      const ids = ['train', 'softmax', 'losses', 'penalties', 'descent', 'lesson'];
      const id = pick(ids);
      if (random() < 0.5) {
        // As a link to the section would: the address's fragment (a history entry, popstate).
        await page.evaluate((id) => {
          location.hash = id;
        }, id);
        return `go to #${id}`;
      }
      await page.evaluate((y) => window.scrollTo(0, y * document.documentElement.scrollHeight), random());
      return 'scroll';
    },
    async wait() {
      const ms = 50 + int(400);
      await page.waitForTimeout(ms);
      return `wait ${ms} ms`;
    },
  };
  const kinds = Object.entries(KINDS);
  const total = kinds.reduce((n, [, w]) => n + w, 0);
  const chooseKind = () => {
    let r = random() * total;
    for (const [kind, w] of kinds) {
      r -= w;
      if (r < 0) return kind;
    }
    return kinds[0][0];
  };

  /** No NaN shown, no injected markup, no payload run, and the app still answers. */
  async function check(at) {
    const seen = await page
      .evaluate(
        ([typed, pattern, injectedSelector]) => {
          const bad = new RegExp(pattern);
          // What the page quotes back from a refused input (in its messages, cut to 24 or 40
          // characters) is what was typed, not a number the page computed: what was typed is
          // taken out of the quote (“…”, or the message's start) before it is read. The rest of
          // each message, and everything else, is read as shown.
          const quoted = new Set();
          for (const s of typed) {
            const cut = (n) => [[...s].slice(0, n).join(''), [...s.trim()].slice(0, n).join('')];
            for (const v of [s, s.trim(), ...cut(24), ...cut(40)]) if (v) quoted.add(v);
          }
          const quotes = [...quoted].sort((a, b) => b.length - a.length);
          const found = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || parent.closest('script, style, textarea') || !parent.checkVisibility()) continue;
            let t = node.data;
            if (parent.closest('.msg')) {
              // A message quotes the input once: between “ and ”, or at its start.
              const open = t.indexOf('“');
              const close = t.lastIndexOf('”');
              if (open >= 0 && close > open) {
                let inner = t.slice(open + 1, close);
                for (const q of quotes) inner = inner.split(q).join('');
                t = `${t.slice(0, open + 1)}${inner}${t.slice(close)}`;
              } else {
                const q = quotes.find((v) => t.startsWith(v));
                if (q) t = t.slice(q.length);
              }
            }
            if (bad.test(t)) found.push({ text: node.data.slice(0, 160), where: `${parent.tagName.toLowerCase()}#${parent.id || parent.closest('[id]')?.id}` });
          }
          for (const el of document.querySelectorAll('[aria-label], [title], [alt]')) {
            for (const name of ['aria-label', 'title', 'alt']) {
              const v = el.getAttribute(name);
              if (v && bad.test(v)) found.push({ text: v.slice(0, 160), where: `${name} of ${el.tagName.toLowerCase()}#${el.id}` });
            }
          }
          const injected = [...document.querySelectorAll(injectedSelector)].map((e) => e.outerHTML.slice(0, 120));
          if (window.__pwned) injected.push(`window.__pwned = ${window.__pwned}`);
          let alive = '';
          try {
            const s = window.losslab.stats();
            window.losslab.lang();
            window.losslab.memory_bytes();
            if (typeof s.iteration !== 'number') alive = 'stats() has no iteration';
          } catch (err) {
            alive = String(err?.stack ?? err);
          }
          if (document.body.dataset.failed) alive = `body[data-failed]: ${document.body.innerText.slice(0, 200)}`;
          return { found, injected, alive };
        },
        [[...typed], BAD_TEXT.source, INJECTED],
      )
      .catch((err) => ({ found: [], injected: [], alive: `the page did not answer: ${err.message}` }));
    for (const f of seen.found) {
      if (!report.badText.some((b) => b.text === f.text && b.where === f.where)) {
        report.badText.push({ at, ...f, after: recent.slice(-5) });
        log(`monkey: at ${at}, shown in ${f.where}: ${JSON.stringify(f.text)}; after ${JSON.stringify(recent.slice(-10))}`);
      }
    }
    for (const what of seen.injected) {
      if (report.injected.some((i) => i.what === what)) continue;
      report.injected.push({ at, what, after: recent.slice(-5) });
      log(`monkey: at ${at}, markup let in: ${what}; after ${JSON.stringify(recent.slice(-10))}`);
    }
    if (seen.alive && !report.traps.some((t) => t.message === seen.alive)) {
      report.traps.push({ at, message: seen.alive, after: recent.slice(-5) });
      log(`monkey: at ${at}, trap: ${seen.alive}; after ${JSON.stringify(recent.slice(-10))}`);
    }
  }

  /** The wasm memory and the DOM's element count in one fixed scene: every dialog closed, the
   * page moved (as the back button does) to the query it opened with, loops paused. */
  async function measure(at) {
    const live = await page.evaluate(() => document.getElementsByTagName('*').length);
    await page.evaluate(async (q) => {
      for (const d of document.querySelectorAll('dialog[open]')) d.close();
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
      history.pushState(null, '', q);
      dispatchEvent(new PopStateEvent('popstate'));
      // The first weight chosen and its backpropagation open, as a reader would: what the panel
      // under the diagram shows is then the start scene's, not whatever it showed last.
      document.getElementById('backprop').open = true;
      const pick = document.getElementById('weight-pick');
      pick.value = '0';
      pick.dispatchEvent(new Event('change'));
      await new Promise((done) => setTimeout(done, 600));
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }, query);
    const m = await page.evaluate(() => {
      // Elements by their nearest ancestor with an id, to say where a difference is.
      const where = {};
      for (const el of document.getElementsByTagName('*')) {
        const id = el.parentElement?.closest('[id]')?.id ?? '(none)';
        where[id] = (where[id] ?? 0) + 1;
      }
      return { memory: window.losslab.memory_bytes(), heap: window.losslab.heap_bytes(), dom: document.getElementsByTagName('*').length, where };
    });
    return { at, memory: m.memory, heap: m.heap, dom: m.dom, liveDom: live, where: m.where };
  }

  // The warm-up starts with a tour of what the page builds or sizes on first use: each dialog
  // opened and closed (the teacher's lists every control), each section's PNG and SVG made once
  // (the largest strings and images it allocates). Then random actions until `warmup` of them.
  for (const selector of ['#teacher-open', '#teacher-close', '[data-embed="train"]', '#embed-close']) {
    await page.click(selector, quick).catch(() => {});
  }
  for (const button of await page.$$('[data-png], [data-svg]')) {
    await button.click(quick).catch(() => {});
    await button.dispose();
  }
  await page.waitForTimeout(500);
  const warmAt = Math.floor(actions * warmup);
  let lastErrors = 0;
  let lastMemory = 0;
  for (let i = 1; i <= actions && !crashed; i += 1) {
    const kind = chooseKind();
    let done = null;
    let timer;
    const hang = new Promise((resolve) => {
      timer = setTimeout(() => resolve('hang'), 20_000);
    });
    const t0 = performance.now();
    try {
      done = await Promise.race([act[kind](), hang]);
    } catch (err) {
      // An element that moved, vanished or was covered before the action: skipped, not a fault.
      if (/Target (page, context or browser )?closed|crash/i.test(err.message)) crashed = true;
      done = null;
    } finally {
      clearTimeout(timer);
      for (const h of held.splice(0)) h.dispose().catch(() => {});
    }
    report.ms[kind] = (report.ms[kind] ?? 0) + (performance.now() - t0);
    if (done === 'hang') {
      report.stalls.push({ at: i, kind, after: recent.slice(-5) });
      done = null;
    }
    report.actions = i;
    if (done) {
      report.done[kind] = (report.done[kind] ?? 0) + 1;
      recent.push(`${i}: ${done}`);
      if (recent.length > 30) recent.shift();
    } else report.skipped[kind] = (report.skipped[kind] ?? 0) + 1;
    // Every growth of the wasm memory, with the action that caused it (it grows in 64 KiB pages).
    const memory = await page.evaluate(() => window.losslab.memory_bytes()).catch(() => lastMemory);
    if (memory > lastMemory) {
      if (lastMemory > 0) {
        const where = await page.evaluate(() => `${location.search}${location.hash} ${innerWidth}×${innerHeight}${document.body.classList.contains('present') ? ' presenting' : ''}`).catch(() => '?');
        report.growth.push({ at: i, by: memory - lastMemory, action: done ?? `${kind} (skipped)`, where });
        if (memory - lastMemory >= 16 * 65536) log(`monkey: at ${i} the wasm memory grew by ${(memory - lastMemory) / 65536} pages (${done ?? kind}) at ${where}; before: ${recent.slice(-6).join(' | ')}`);
      }
      lastMemory = memory;
    }
    if (errors.length > lastErrors) {
      report.errors.push({ at: i, action: done ?? `${kind} (skipped)`, messages: errors.slice(lastErrors), after: recent.slice(-5) });
      log(`monkey: at ${i} (${done ?? `${kind}, skipped`}): ${errors.slice(lastErrors).join(' | ').slice(0, 2000)}`);
      lastErrors = errors.length;
    }
    if (i % checkEvery === 0 || i === actions) await check(i);
    if (i === warmAt) {
      report.memory.warm = null;
      const m = await measure(i);
      report.memory.warm = m.memory;
      report.heap.warm = m.heap;
      report.dom.warm = m.dom;
      report.dom.warmLive = m.liveDom;
      report.dom.warmWhere = m.where;
      if (m.memory > lastMemory) report.growth.push({ at: i, by: m.memory - lastMemory, action: 'measure: back to the start scene' });
      lastMemory = Math.max(lastMemory, m.memory);
      report.samples.push(m);
    } else if (i > warmAt && i % Math.max(1, Math.floor(actions / 20)) === 0 && i !== actions) {
      report.samples.push({ at: i, memory: await page.evaluate(() => window.losslab.memory_bytes()).catch(() => NaN), liveDom: await page.evaluate(() => document.getElementsByTagName('*').length).catch(() => NaN) });
    }
    if (i % 500 === 0) log(`monkey: ${i} actions, ${errors.length} errors, ${report.badText.length} bad texts, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  if (crashed) report.traps.push({ at: report.actions, message: 'the page crashed or closed', after: recent.slice(-5) });
  else {
    await check(report.actions);
    const m = await measure(report.actions);
    report.memory.end = m.memory;
    report.heap.end = m.heap;
    report.dom.end = m.dom;
    report.dom.endLive = m.liveDom;
    report.dom.endWhere = m.where;
    report.samples.push(m);
    await check(report.actions);
  }
  if (errors.length > lastErrors) report.errors.push({ at: report.actions, action: 'measure', messages: errors.slice(lastErrors) });
  report.lastActions = recent;
  report.durationMs = performance.now() - started;
  await context.close().catch(() => {});
  return report;
}

/** How far above the warm-up figure the end may be and still count as flat. */
export const TOLERANCE = {
  // Wasm memory grows in 64 KiB pages and never shrinks: once warm, the allocator's high-water
  // mark may still rise when a later action reaches a state bigger than any before (more samples,
  // wider layers: +24 pages for 1 000 samples through three layers of 16, measured). An SVG
  // export no longer counts here: it leaves the memory 64 KiB at a time. 64 pages (4 MiB) allow
  // for that, and are a quarter of what a second timeline store would take; a leak, however
  // small, shows in the live heap below, which must not move.
  memoryBytes: 64 * 65536,
  // The bytes the wasm has allocated and not freed, in the same scene: exact, whatever the high
  // water mark, since every view's buffers follow the network it shows (a wider one before
  // leaves nothing behind); a little room for what a scene may cache (texts of the language in
  // use, the longest text filled).
  heapBytes: 16 * 1024,
  // In the same scene the page has the same elements; a few allow for per-canvas summaries made
  // on first use (one per chart, made once).
  domElements: 10,
};

/** What went wrong in a report, as sentences (empty: it passed). */
export function failures(report) {
  const out = [];
  if (report.errors.length) out.push(`${report.errors.reduce((n, e) => n + e.messages.length, 0)} console errors or uncaught exceptions`);
  if (report.badText.length) out.push(`${report.badText.length} texts with NaN, Infinity or undefined shown`);
  if (report.injected.length || report.alerts.length) out.push(`markup let in: ${report.injected.length}, alerts: ${report.alerts.length}`);
  if (report.traps.length) out.push(`${report.traps.length} traps (the app stopped answering)`);
  if (report.stalls.length) out.push(`${report.stalls.length} actions that hung for 20 s`);
  const { warm, end } = report.memory;
  if (!(end <= warm + TOLERANCE.memoryBytes)) out.push(`wasm memory grew after warm-up: ${warm} → ${end} bytes`);
  if (!(Math.abs(report.heap.end - report.heap.warm) <= TOLERANCE.heapBytes)) out.push(`live heap of the start scene changed after warm-up: ${report.heap.warm} → ${report.heap.end} bytes`);
  if (!(report.dom.end <= report.dom.warm + TOLERANCE.domElements)) {
    const { warmWhere = {}, endWhere = {} } = report.dom;
    const moved = Object.keys({ ...warmWhere, ...endWhere })
      .filter((id) => warmWhere[id] !== endWhere[id])
      .map((id) => `#${id} ${warmWhere[id] ?? 0} → ${endWhere[id] ?? 0}`);
    out.push(`DOM grew after warm-up: ${report.dom.warm} → ${report.dom.end} elements (${moved.join(', ')})`);
  }
  return out;
}

/** The report's figures in a few lines. */
export function summary(report) {
  const mib = (b) => `${(b / 1048576).toFixed(2)} MiB`;
  const kinds = Object.keys(KINDS)
    .map((k) => `${k} ${report.done[k] ?? 0}${report.skipped[k] ? ` (+${report.skipped[k]} skipped)` : ''}`)
    .join(', ');
  const done = Object.values(report.done).reduce((a, b) => a + b, 0);
  const { warmWhere = {}, endWhere = {} } = report.dom;
  const moved = Object.keys({ ...warmWhere, ...endWhere })
    .filter((id) => warmWhere[id] !== endWhere[id])
    .map((id) => `#${id} ${warmWhere[id] ?? 0} → ${endWhere[id] ?? 0}`);
  return [
    `monkey: seed ${report.seed}, ${report.actions} actions (${done} done, ${report.actions - done} skipped: the element moved or vanished) in ${(report.durationMs / 1000).toFixed(1)} s`,
    `  by kind: ${kinds}`,
    `  popups closed ${report.popups}, downloads ${report.downloads}`,
    `  console errors / uncaught exceptions: ${report.errors.reduce((n, e) => n + e.messages.length, 0)}`,
    `  NaN / Infinity / undefined shown: ${report.badText.length}`,
    `  markup let in: ${report.injected.length}, alerts: ${report.alerts.length}`,
    `  traps: ${report.traps.length}, hung actions: ${report.stalls.length}`,
    `  live heap in the start scene after warm-up ${report.heap.warm} B, at the end ${report.heap.end} B (${report.heap.end - report.heap.warm >= 0 ? '+' : ''}${report.heap.end - report.heap.warm} B)`,
    `  wasm memory after warm-up (${report.samples[0]?.at ?? '?'} actions) ${mib(report.memory.warm)} (${report.memory.warm} B), at the end ${mib(report.memory.end)} (${report.memory.end} B)  (flat: ≤ +${mib(TOLERANCE.memoryBytes)})`,
    `  DOM elements in the start scene after warm-up ${report.dom.warm}, at the end ${report.dom.end}  (flat: ≤ +${TOLERANCE.domElements}); live before measuring: ${report.dom.warmLive} and ${report.dom.endLive}${moved.length ? `; differences: ${moved.join(', ')}` : ''}`,
    `  time per kind: ${Object.entries(report.ms).map(([k, ms]) => `${k} ${(ms / ((report.done[k] ?? 0) + (report.skipped[k] ?? 0))).toFixed(0)} ms`).join(', ')}`,
    `  wasm memory grew ${report.growth.length} times after the first action: ${report.growth.map((g) => `${g.at} +${g.by / 65536} pages (${g.action})`).join('; ')}`,
    `  live samples after warm-up (action: memory, elements): ${report.samples.map((s) => `${s.at}: ${mib(s.memory)}, ${s.liveDom}`).join('; ')}`,
  ].join('\n');
}

// Run alone: `node tests/e2e/monkey.mjs [--actions N] [--seed S]` against LOSSLAB_URL.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return fallback;
    const v = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number, not ${v}`);
    return n;
  };
  const actions = option('actions', 5000);
  const seed = option('seed', 1);
  const browser = await launch();
  let report;
  try {
    report = await runMonkey(browser, { actions, seed, log: (line) => console.log(line) });
  } finally {
    await browser.close();
  }
  console.log(summary(report));
  const failed = failures(report);
  if (failed.length) {
    const details = { errors: report.errors, badText: report.badText, injected: report.injected, traps: report.traps, stalls: report.stalls, alerts: report.alerts };
    console.log(JSON.stringify(details, null, 2).slice(0, 20_000));
    console.log(`monkey: FAILED: ${failed.join('; ')}`);
    process.exitCode = 1;
  } else console.log('monkey: passed');
}
