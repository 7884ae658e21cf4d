// Shared helpers of the end-to-end tests: Debian's Chromium driven by playwright-core, the page at
// LOSSLAB_URL (set by `cargo xtask test`, which serves dist/ on a free port of 127.0.0.1).
//
// Contract with the page: it sets `document.body.dataset.ready = 'true'` (i.e. <body data-ready="true">)
// once the wasm is loaded and the first frame is drawn. openPage() waits for it.

import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** Base URL of the page, always ending in '/'. */
export const BASE_URL = (() => {
  const url = process.env.LOSSLAB_URL ?? 'http://127.0.0.1:8000/';
  return url.endsWith('/') ? url : `${url}/`;
})();

/** Where screenshots go (gitignored). */
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** How long to wait for the page to say it is ready, in ms. */
const READY_TIMEOUT = 20_000;

/**
 * Launches Debian's headless Chromium (a fresh profile each time).
 *
 * Every page of every context it opens reports each Content-Security-Policy violation (the
 * server sends the strict policy of README's "Deploying"), in any frame; `browser.close()` then
 * throws, listing them, so a test file whose pages broke the policy fails in its `after` hook
 * even when no assertion looked. `browser.cspViolations` holds them as they come.
 */
export async function launch() {
  const browser = await launchChromium();
  const violations = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.exposeBinding('__losslabCspViolation', ({ frame }, text) => violations.push(`${text} (in ${frame.url()})`));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__losslabCspViolation?.(`${e.violatedDirective} blocked ${e.blockedURI || e.sample || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    return context;
  };
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('close', () => context.close().catch(() => {}));
    return page;
  };
  browser.cspViolations = violations;
  const close = browser.close.bind(browser);
  browser.close = async (...args) => {
    await close(...args);
    if (violations.length > 0) {
      throw new Error(`${violations.length} Content-Security-Policy violation(s):\n${[...new Set(violations)].join('\n')}`);
    }
  };
  return browser;
}

function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Opens the page (BASE_URL + query, e.g. '?lang=zh') in a new context and waits until it is ready.
 * Returns the page and a live array of everything that went wrong on it: console errors, uncaught
 * exceptions, failed requests and HTTP errors (status >= 400), as strings.
 */
export async function openPage(browser, query = '', { width = 1280, height = 900, deviceScaleFactor = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.stack ?? err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(BASE_URL + query);
  try {
    await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: READY_TIMEOUT });
  } catch (err) {
    throw new Error(
      `the page never set <body data-ready="true"> within ${READY_TIMEOUT} ms; errors so far: ${JSON.stringify(errors, null, 2)}`,
      { cause: err },
    );
  }
  return { page, errors };
}

/** Saves a full-page screenshot to tests/e2e/artifacts/<name>.png; returns its path. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The pixels of the canvas matched by `selector`, read with getImageData:
 * { width, height, data } where data is a plain Array of RGBA bytes, row by row.
 */
export async function canvasPixels(page, selector) {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    if (!(canvas instanceof HTMLCanvasElement)) throw new Error(`no canvas matches ${sel}`);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(`${sel} has no 2d context`);
    const { width, height } = canvas;
    return { width, height, data: Array.from(ctx.getImageData(0, 0, width, height).data) };
  }, selector);
}

/** Types `value` into the input matched by `selector` and presses Enter (a control's change). */
export async function setValue(page, selector, value) {
  await page.fill(selector, value);
  await page.press(selector, 'Enter');
}

/** The query under which every section animates without end: no iteration limit, no gradient rule. */
export const ENDLESS = '?max-iter=10000000&grad-eps=0&d-optimizer=sgd&d-max-iter=100000&d-grad-eps=0';

/**
 * Allocations of the page's WebAssembly in each frame of every section that animates, once warm,
 * on a page opened with ENDLESS: 300 frames to warm up (the balls' trails fill, buffers grow), then
 * `frames` frames counted one by one. The Descent section is measured as it plays (no next-step
 * arrow). Returns `{section: {counts, mean, drawn}}`, `drawn` saying whether the frames changed the
 * section's chart (so that a frame that draws nothing cannot pass for one that allocates nothing).
 */
export async function frameAllocations(page, frames = 100) {
  return page.evaluate((frames) => {
    const app = window.losslab;
    app.descent_show_next(false);
    let reveal = 0;
    const sections = {
      Train: [() => app.frame(true), '#loss-chart'],
      Softmax: [() => app.reveal_softmax((reveal = (reveal + 0.05) % 3)), '#softmax-chart'],
      'Losses runs': [() => app.runs_frame('losses'), '#loss-runs .map-heat'],
      'Penalties runs': [() => app.runs_frame('penalties'), '#penalty-runs .weight-bars'],
      Descent: [() => app.descent_frame(), '#descent-path'],
    };
    const pixels = (selector) => {
      const c = document.querySelector(selector);
      return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.join();
    };
    const out = {};
    for (const [name, [frame, chart]] of Object.entries(sections)) {
      for (let i = 0; i < 300; i += 1) frame();
      const shown = pixels(chart);
      const counts = [];
      for (let i = 0; i < frames; i += 1) {
        const before = app.allocations();
        frame();
        counts.push(app.allocations() - before);
      }
      const mean = counts.reduce((a, b) => a + b, 0) / frames;
      out[name] = { counts, mean, drawn: pixels(chart) !== shown };
    }
    return out;
  }, frames);
}

/**
 * Allocations of the page's WebAssembly in each animation frame while each section plays through
 * the page's own loop (its JS: numbers, captions and summaries included), on a page opened with
 * ENDLESS: each section plays for `warmMs`, then the allocations of each of `frames` animation
 * frames are counted, and how far the section moved. Returns `{section: {counts, perFrame,
 * moved}}`.
 */
export async function playingAllocations(page, { warmMs = 4000, frames = 60 } = {}) {
  const buttons = {
    Train: '#play',
    'Losses runs': '#loss-runs-play',
    'Penalties runs': '#penalty-runs-play',
    Descent: '#descent-play',
  };
  const out = {};
  for (const [name, button] of Object.entries(buttons)) {
    await page.click(button);
    await page.waitForTimeout(warmMs);
    out[name] = await page.evaluate(
      (frames) =>
        new Promise((resolve) => {
          const app = window.losslab;
          const moves = () =>
            app.stats().iteration +
            app.runs_stats('losses')[0].iteration +
            app.runs_stats('penalties')[0].iteration +
            app.descent_balls().reduce((n, b) => n + b.iterations, 0);
          const start = moves();
          const counts = [];
          let last = app.allocations();
          const tick = () => {
            const now = app.allocations();
            counts.push(now - last);
            last = now;
            if (counts.length < frames) requestAnimationFrame(tick);
            else resolve({ counts, perFrame: counts.reduce((a, b) => a + b, 0) / frames, moved: moves() - start });
          };
          requestAnimationFrame(tick);
        }),
      frames,
    );
    await page.click(button);
  }
  return out;
}
