// An accessibility audit at zero: axe-core (the engine behind most accessibility checkers), with
// the rules it runs by default (WCAG 2.x A and AA, and its best practices), finds no violation on
// the full page in both languages, at 360 px wide, in presenter mode, in every embedded section and
// an embedded lesson, nor once the page has been used a little (a step taken, a weight chosen).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launch, openPage } from './harness.mjs';

/** axe-core's own source, run in the page with page.evaluate: that goes through DevTools, so the
 * page's Content-Security-Policy (script-src 'self') does not block it, as it would an inline
 * <script> from addScriptTag. */
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The violations axe finds on the page as it is now, each as one readable line per node. */
async function audit(page) {
  // Two painted frames: whatever the last action drew or announced is on the page.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const violations = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations));
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}\n    ${n.failureSummary?.replaceAll('\n', '\n    ')}\n    ${n.html.slice(0, 200)}`),
  );
}

/** Opens `query` at `options` (openPage's), lets `act` use it, and requires zero violations. */
async function clean(query, options = {}, act = async () => {}) {
  const { page, errors } = await openPage(browser, query, options);
  await act(page);
  const found = await audit(page);
  assert.deepEqual(found, [], `axe-core on ${query || '(no query)'} at ${options.width ?? 1280} px:\n${found.join('\n')}`);
  assert.deepEqual(errors, []);
  await page.context().close();
}

for (const lang of ['en', 'zh']) {
  test(`the full page in ${lang}`, () => clean(`?lang=${lang}`));
  test(`the full page in ${lang}, 360 px wide`, () => clean(`?lang=${lang}`, { width: 360, height: 740 }));
}

test('presenter mode', () => clean('?present=1&lang=en'));

for (const section of ['train', 'softmax', 'losses', 'penalties', 'descent']) {
  test(`${section}, embedded`, () => clean(`?lang=en&panel=${section}&embed=1`, { width: 900 }));
}

test('a lesson, embedded, in Chinese', () => clean('?lang=zh&lesson=penalties&embed=1', { width: 900 }));

/** Uses the page a little: a step taken (so the backpropagation trace is written out), a weight
 * chosen (its update and history shown), a ball moved, a cell of the confusion matrix rung. */
async function use(page) {
  await page.click('#step');
  await page.selectOption('#weight-pick', { index: 3 });
  await page.waitForSelector('#weight-detail:not([hidden])');
  await page.click('#descent-step');
  await page.click('[data-cell="0,0"]');
}

test('after a step, with a weight chosen and its update written out', () => clean('?lang=en', {}, use));
test('the same, in Chinese, 360 px wide', () => clean('?lang=zh', { width: 360, height: 740 }, use));

test('with the lessons list, the Embed dialog and the teachers\' dialog open', async () => {
  const { page, errors } = await openPage(browser, '?lang=en');
  for (const [open, close] of [
    ['.lessons summary', '.lessons summary'],
    ['[data-embed="softmax"]', '#embed-close'],
    ['#teacher-open', '#teacher-close'],
  ]) {
    await page.click(open);
    const found = await audit(page);
    assert.deepEqual(found, [], `axe-core with ${open} open:\n${found.join('\n')}`);
    await page.click(close);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});
