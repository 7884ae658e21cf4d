// The page and the post that embeds it, across two origins: the example blog post (served from a
// second origin) drives its embeds through the host API and hears their events; a page of an
// origin the embed was not told to trust sends the same messages and changes nothing, and a lock
// holds against a trusted host too.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BASE_URL, launch } from './harness.mjs';

let browser;
let server;
/** The second origin: the same files as BASE_URL, served from another port. */
let second;
before(async () => {
  browser = await launch();
  server = http.createServer(async (req, res) => {
    const r = await fetch(new URL(req.url, BASE_URL));
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  second = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function hostPage(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${second}${path}`);
  return { page, errors };
}

async function ready(page, selector) {
  const element = await page.$(selector);
  // A browser holds back the animation frames of a cross-origin iframe out of view, and the page
  // is ready after its first painted frame: the reader scrolls to it.
  await element.scrollIntoViewIfNeeded();
  const frame = await element.contentFrame();
  await frame.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 20000 });
  return frame;
}

test('the blog post on another origin drives its embed and hears it stop, diverge and reach a goal', async () => {
  assert.notEqual(new URL(BASE_URL).origin, second);
  const { page, errors } = await hostPage(`/www/blog.html?page=${encodeURIComponent(`${BASE_URL}index.html`)}`);
  const descent = await ready(page, '#embed-descent');
  const lesson = await ready(page, '#embed-lesson');
  assert.equal(await descent.evaluate(() => window.losslab.get('host')), second);
  // η = 0.12 in the valley: the host sets it, resets and plays; the ball diverges and says so.
  await page.click('button[data-lr="0.12"]');
  await descent.waitForFunction(() => window.losslab.get('d-lr') === '0.12');
  assert.equal(await descent.inputValue('#in-d-lr'), '0.12', 'the control shows what the host set');
  await page.waitForFunction(() => document.getElementById('descent-log').textContent.includes('发散'), null, { timeout: 15000 });
  const diverged = await descent.evaluate(() => window.losslab.descent_balls().at(-1));
  assert.equal(diverged.divergence, true);
  // η = 0.076: the ball reaches the floor, and the host is told which rule stopped it.
  await page.click('button[data-lr="0.076"]');
  await page.waitForFunction(() => /η = 0\.076：小球停下了。.+/.test(document.getElementById('descent-log').textContent), null, { timeout: 15000 });
  const ball = await descent.evaluate(() => window.losslab.descent_balls().at(-1));
  assert.equal(ball.stopped, 'stop.gradient-below');
  assert.ok(await page.textContent('#descent-log').then((t) => t.includes(ball.stoppedText)));
  // The lesson embed: the reader brings the loss below 0.1 inside it; the post hears the goal.
  assert.equal(await page.textContent('#lesson-log'), '');
  await lesson.fill('#in-score-cat', '7.5');
  await lesson.press('#in-score-cat', 'Enter');
  await page.waitForFunction(() => document.getElementById('lesson-log').textContent.startsWith('✓'), null, { timeout: 10000 });
  // And the host moves it to the next step.
  await page.evaluate((origin) => document.getElementById('embed-lesson').contentWindow.postMessage({ losslab: 'lesson', lesson: 'softmax', step: 3 }, origin), new URL(BASE_URL).origin);
  await lesson.waitForFunction(() => /3/.test(document.getElementById('lesson-step').textContent) && window.losslab.get('step') === '3');
  await page.screenshot({ path: new URL('./artifacts/blog-story.png', import.meta.url).pathname, fullPage: false });
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('an origin the embed does not trust is ignored, and a lock holds against a trusted host', async () => {
  const { page, errors } = await hostPage('/www/questions.html');
  const pageOrigin = new URL(BASE_URL).origin;
  // Two embeds: one trusting another origin only, one trusting this page but locking η.
  await page.evaluate(
    ({ base, me }) => {
      window.heard = [];
      addEventListener('message', (e) => {
        if (e.data?.losslab && e.data.losslab !== 'height') window.heard.push([e.data.losslab, e.data.key ?? '']);
      });
      for (const [id, host] of [
        ['untrusted', 'http://127.0.0.1:9'],
        ['locked', `${me}&lock=d-lr`],
      ]) {
        const f = document.createElement('iframe');
        f.id = id;
        f.src = `${base}index.html?panel=descent&embed=1&host=${host.startsWith('http://127.0.0.1:9') ? encodeURIComponent(host) : host}`;
        document.body.append(f);
      }
    },
    { base: BASE_URL, me: encodeURIComponent(second) },
  );
  const untrusted = await ready(page, '#untrusted');
  const locked = await ready(page, '#locked');
  const before = await untrusted.evaluate(() => window.losslab.get('d-lr'));
  const send = (id, message) =>
    page.evaluate(({ id, message, origin }) => document.getElementById(id).contentWindow.postMessage(message, origin), { id, message, origin: pageOrigin });
  for (const message of [
    { losslab: 'set', settings: { 'd-lr': '0.5', surface: 'bowl' } },
    { losslab: 'play' },
    { losslab: 'lesson', lesson: 'minima', step: 2 },
  ]) {
    await send('untrusted', message);
  }
  await send('locked', { losslab: 'set', settings: { 'd-lr': '0.5', 'd-max-iter': '7' } });
  await page.waitForTimeout(1500);
  // Untrusted: nothing changed, nothing played, not a word back.
  assert.equal(await untrusted.evaluate(() => window.losslab.get('d-lr')), before);
  assert.equal(await untrusted.evaluate(() => window.losslab.get('surface')), 'two-minima');
  assert.equal(await untrusted.evaluate(() => window.losslab.lesson()), null);
  assert.equal(await untrusted.evaluate(() => window.losslab.descent_balls()[0].iterations), 0);
  // Trusted but locked: η holds, the rest is taken, and the host hears why η was refused.
  assert.equal(await locked.evaluate(() => window.losslab.get('d-max-iter')), '7');
  assert.notEqual(await locked.evaluate(() => window.losslab.get('d-lr')), '0.5');
  const heard = await page.evaluate(() => window.heard);
  assert.ok(heard.some(([type, key]) => type === 'refused' && key === 'd-lr'), JSON.stringify(heard));
  assert.ok(heard.some(([type]) => type === 'ready'), JSON.stringify(heard));
  assert.equal(heard.filter(([type]) => type === 'ready').length, 1, 'only the trusting embed speaks');
  assert.deepEqual(errors, []);
  await page.context().close();
});
