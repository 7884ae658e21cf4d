// The page loads, reports no error, says it is ready, and draws something.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, canvasPixels, launch, openPage, screenshot } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the page loads without console errors and draws', async () => {
  const { page, errors } = await openPage(browser);
  assert.deepEqual(errors, []);
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  // Drawn: the raster is not blank, and the loss chart has ink on it.
  const heat = await canvasPixels(page, '#map-heat');
  let tinted = 0;
  for (let i = 0; i < heat.data.length; i += 4) if (heat.data[i] < 250 || heat.data[i + 2] < 250) tinted += 1;
  assert.ok(tinted > 1000, `only ${tinted} tinted map cells`);
  const chart = await canvasPixels(page, '#loss-chart');
  let ink = 0;
  for (let i = 0; i < chart.data.length; i += 4) if (chart.data[i] < 128) ink += 1;
  assert.ok(ink > 200, `only ${ink} dark pixels on the chart`);
  await screenshot(page, 'page');
  await page.context().close();
});

test('the page is served under the strict Content-Security-Policy, and a style attribute it refuses is caught', async () => {
  const { page, errors } = await openPage(browser);
  const response = await page.goto(BASE_URL);
  await page.waitForFunction(() => document.body?.dataset.ready === 'true');
  const policy = response.headers()['content-security-policy'] ?? '';
  for (const rule of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    assert.ok(policy.split(';').map((r) => r.trim()).includes(rule), `the policy ${JSON.stringify(policy)} lacks ${rule}`);
  }
  assert.ok(!policy.includes('unsafe-inline'), policy);
  // The page itself broke nothing while it loaded and drew every section.
  assert.deepEqual(browser.cspViolations, []);
  assert.deepEqual(errors, []);
  // A style attribute is refused, and the suite hears of it: this is what fails any test whose page
  // sets one (then clears it, so that this file's own check at close passes).
  const color = await page.evaluate(async () => {
    const p = document.querySelector('h1');
    p.setAttribute('style', 'color: rgb(255, 0, 0)');
    await new Promise((ok) => setTimeout(ok, 100));
    return getComputedStyle(p).color;
  });
  assert.notEqual(color, 'rgb(255, 0, 0)');
  await page.waitForTimeout(100);
  assert.equal(browser.cspViolations.length, 1, browser.cspViolations.join('\n'));
  assert.match(browser.cspViolations[0], /^style-src-attr/);
  browser.cspViolations.length = 0;
  await page.context().close();
});

test('a trap of the WebAssembly stops the loops and says so with the scene, and Reload brings the same scene back', async () => {
  const { page, errors } = await openPage(browser, '?lang=zh&lr=0.05&hidden=6,4');
  // A panic three Train frames after Play: inside the animation loop, as a bug would strike.
  assert.equal(await page.evaluate(() => window.losslab.arm_fault('panic', 3)), true);
  assert.equal(await page.evaluate(() => window.losslab.arm_fault('other', 0)), false);
  await page.click('#play');
  await page.waitForSelector('.fault', { timeout: 5000 });
  const shown = await page.evaluate(() => ({
    text: document.querySelector('.fault p').textContent,
    address: document.querySelector('.fault-address').textContent,
    href: document.querySelector('.fault-address').href,
    mainInert: document.querySelector('main').inert,
    failed: document.body.dataset.failed,
    focused: document.activeElement?.id,
  }));
  assert.match(shown.text, /页面已停止运行/);
  assert.equal(shown.address, page.url());
  assert.equal(shown.href, page.url());
  assert.match(shown.address, /lr=0\.05/);
  assert.match(shown.address, /hidden=6%2C4|hidden=6,4/);
  assert.equal(shown.mainInert, true);
  assert.equal(shown.failed, 'true');
  assert.equal(shown.focused, 'fault-reload');
  // The loop has stopped: the map does not change any more, and every call is refused at the
  // boundary without entering the WebAssembly again.
  const before = (await canvasPixels(page, '#map-heat')).data.join();
  await page.waitForTimeout(400);
  assert.equal((await canvasPixels(page, '#map-heat')).data.join(), before);
  assert.equal(await page.evaluate(() => { try { window.losslab.stats(); return 'answered'; } catch (e) { return e.name; } }), 'LosslabHalted');
  // On the console: the panic's own message and the fault, and nothing else (no error per frame).
  assert.ok(errors.some((e) => e.includes('a fault armed by a test')), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('losslab stopped after a fault')), errors.join('\n'));
  assert.equal(errors.length, 2, errors.join('\n'));
  // Reload: the same scene, alive.
  errors.length = 0;
  await page.click('#fault-reload');
  await page.waitForFunction(() => document.body?.dataset.ready === 'true' && !document.querySelector('.fault'));
  const query = await page.evaluate(() => window.losslab.query());
  assert.match(query, /lr=0\.05/);
  assert.match(query, /hidden=6%2C4|hidden=6,4/);
  assert.equal(await page.evaluate(() => window.losslab.lang()), 'zh');
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().iteration > 20);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('an allocation the memory cannot grow to stops the page with the same message, in English', async () => {
  const { page, errors } = await openPage(browser, '?lang=en');
  await page.evaluate(() => window.losslab.arm_fault('oom', 0));
  await page.click('#play');
  await page.waitForSelector('.fault', { timeout: 5000 });
  assert.match(await page.textContent('.fault p'), /^Something went wrong inside losslab, and the page has stopped\./);
  assert.equal(await page.textContent('#fault-reload'), 'Reload');
  assert.ok(errors.some((e) => /losslab stopped after a fault.*unreachable/s.test(e)), errors.join('\n'));
  assert.equal(errors.length, 1, errors.join('\n'));
  await page.context().close();
});

test('without WebAssembly the page says so in plain words in both languages and hides its empty sections', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.addInitScript(() => {
    delete globalThis.WebAssembly;
  });
  await page.goto(BASE_URL);
  await page.waitForFunction(() => document.body.dataset.failed === 'true');
  const text = await page.textContent('.msg-block[role="alert"]');
  assert.match(text, /^losslab needs WebAssembly, which this browser does not offer or has turned off\./);
  assert.match(text, /本页需要 WebAssembly/);
  assert.doesNotMatch(text, /ReferenceError|undefined/);
  assert.equal(await page.isVisible('main'), false, 'the empty skeleton is hidden');
  assert.equal(await page.isVisible('.masthead-tools'), false, 'no empty buttons');
  assert.equal(await page.textContent('.brand'), 'losslab');
  assert.deepEqual(errors, [], 'no raw error thrown');
  await context.close();
});
