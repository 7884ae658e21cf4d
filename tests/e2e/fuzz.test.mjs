// Hostile and random URLs: every parameter is checked at the settings boundary, so no query can
// break the page, show a NaN or put markup into it.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const HOSTILE = [
  '?lr=<script>alert(1)</script>',
  '?data="><img src=x onerror=alert(1)>',
  '?seed=1e400&noise=-Infinity&samples=NaN&train=0x10',
  '?hidden=16,16,16,16,16,16,16&hidden=,,,&activation=__proto__',
  '?score-cat=%E2%80%AE9&label=constructor&temperature=1e-400',
  '?panel=<b>x</b>&embed=2&present=javascript:alert(1)',
  `?${'x'.repeat(20000)}=1&lang=${'z'.repeat(5000)}`,
  '?w1-1=1e308&w1-2=-1e308&x-1=%00&plane-lambda=%25&surface=../../etc/passwd',
  '?d-lr=0&d-max-iter=99999999999&d-grad-eps=&d-loss-eps=   ',
  '?%3Cimg%20src%3Dx%3E=1&&&=&==&a=b=c',
  '?runs-lambda=1e-320&l1-ratio=2&penalty=l1&lambda=1e9',
  '?lang=zh&optimizer=adam&lr=10&speed=200&batch=0',
];

test('hostile URLs give messages and defaults: no error, no NaN shown, no markup inserted', async () => {
  for (const query of HOSTILE) {
    const { page, errors } = await openPage(browser, query);
    const report = await page.evaluate(() => {
      const injected = document.querySelectorAll('main img, main script, main b, .url-messages *:not(li)').length;
      // Messages quote what was typed (as text); every number the page computes is elsewhere.
      for (const quote of document.querySelectorAll('.msg, #url-messages')) quote.remove();
      return { injected, text: document.body.innerText };
    });
    assert.equal(report.injected, 0, query);
    assert.doesNotMatch(report.text, /\bNaN\b|undefined|Infinity|\[object/, query.slice(0, 80));
    // Training still works after all that.
    await page.click('#step');
    const s = await page.evaluate(() => window.losslab.stats());
    assert.ok(Number.isFinite(s.trainLoss), query.slice(0, 80));
    assert.deepEqual(errors, [], query.slice(0, 80));
    if (query === HOSTILE[0]) await screenshot(page, 'fuzz-hostile');
    await page.context().close();
  }
});

test('three thousand random queries all give valid settings that survive a round trip', async () => {
  const { page, errors } = await openPage(browser);
  const result = await page.evaluate(async () => {
    const { App } = await import('../pkg/losslab.js');
    const schema = App.schema();
    const keys = schema.map((p) => p.key).concat(['lang', 'debug', 'nonsense', '', '__proto__']);
    const pieces = ['', '-', '1', '0', '1e999', 'NaN', '-0', '0.5', '  7 ', '<i>', '"', '%', '\u202e', '16,16', '3,', 'ａ', '١٢', 'zh', 'adam', 'l1', 'cat', 'bowl', '1e-999', '999999999999999999999', 'lr', ',seed', 'https://a.example', 'HTTP://B.example:80/'];
    let seed = 12345;
    const next = (n) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const canvas = () => document.createElement('canvas');
    const lockable = new App(canvas(), canvas(), canvas(), '', 'en').locks().lockable;
    const bad = [];
    for (let i = 0; i < 3000; i += 1) {
      const parts = [];
      const n = next(6);
      for (let j = 0; j < n; j += 1) {
        let value = '';
        for (let k = next(3); k >= 0; k -= 1) value += pieces[next(pieces.length)];
        parts.push(`${encodeURIComponent(keys[next(keys.length)])}=${encodeURIComponent(value)}`);
      }
      const query = parts.join('&');
      const app = new App(canvas(), canvas(), canvas(), query, 'en');
      for (const p of schema) {
        const v = app.get(p.key);
        const marks = () => {
          const parts = v === '' ? [] : v.split(',');
          return parts.length % 3 === 0 && parts.length / 3 <= p.maxLength && parts.every((t, k) => (k % 3 === 2 ? p.options.includes(t) : Number.isFinite(+t)));
        };
        const ok =
          p.kind === 'choice'
            ? p.options.includes(v)
            : p.kind === 'marks'
              ? marks()
              : p.kind === 'widths'
              ? v === '' || v.split(',').every((w) => /^\d+$/.test(w) && +w >= p.min && +w <= p.max)
              : p.kind === 'keys'
              ? v === '' || v.split(',').every((k) => lockable.includes(k))
              : p.kind === 'origins'
              ? v === '' || v.split(',').every((o) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/.test(o) && new URL(o).origin === o)
              : Number.isFinite(+v) && +v >= p.min && +v <= p.max && (p.kind !== 'integer' || Number.isInteger(+v));
        if (!ok) bad.push(`${query} → ${p.key}=${v}`);
      }
      // The query the app writes reads back to the same settings.
      const again = new App(canvas(), canvas(), canvas(), app.query(), 'en');
      if (again.query() !== app.query() || again.url_messages().length !== 0) bad.push(`round trip: ${query}`);
      if (!Number.isFinite(app.stats().trainLoss)) bad.push(`loss: ${query}`);
      app.free();
      again.free();
    }
    return bad.slice(0, 10);
  });
  assert.deepEqual(result, []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('at 360 px wide the page fits the screen and every section is usable', async () => {
  const { page, errors } = await openPage(browser, '?lang=zh', { width: 360, height: 740, deviceScaleFactor: 2 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width}px wide`);
  // Touch-sized controls, and the main canvases laid out at a useful size.
  const map = await page.locator('#map-overlay').boundingBox();
  assert.ok(map.width >= 280, `map ${map.width}px`);
  const play = await page.locator('#play').boundingBox();
  assert.ok(play.height >= 32, `play button ${play.height}px high`);
  await page.click('#step');
  assert.equal(await page.evaluate(() => window.losslab.stats().iteration) >= 1, true);
  await screenshot(page, 'phone-360');
  assert.deepEqual(errors, []);
  await page.context().close();
});
