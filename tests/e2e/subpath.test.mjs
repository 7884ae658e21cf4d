// Deployed as hosts deploy it: the built dist/ served under a sub-path (/losslab/, as a project
// page on a static host) by a server that is not ours, Python's http.server. The page loads,
// trains, exports and frames its embeds there, and never asks for anything outside its folder.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, canvasPixels, launch } from './harness.mjs';

/** The built site: the repository's dist/ (the gate builds it before the end-to-end tests). */
const DIST = process.env.LOSSLAB_DIST ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const PREFIX = '/losslab/';

let browser;
let server;
let root;
/** The page's address under the prefix, e.g. http://127.0.0.1:41234/losslab/. */
let base;

before(async () => {
  assert.ok(existsSync(join(DIST, 'index.html')), `no built site at ${DIST}`);
  // A folder whose `losslab/` is the site: the host's document root with the project inside.
  root = await mkdtemp(join(tmpdir(), 'losslab-subpath-'));
  await symlink(DIST, join(root, 'losslab'), 'dir');
  server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise((resolve, reject) => {
    let said = '';
    server.stdout.on('data', (chunk) => {
      said += chunk;
      const m = said.match(/port (\d+)/);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`http.server exited (${code}): ${said}`)));
  });
  base = `http://127.0.0.1:${port}${PREFIX}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.kill();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Opens `path` under the prefix; every request made and everything that went wrong. */
async function open(path, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  context.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(base + path);
  return { page, requests, errors };
}

/** The requests that left the prefix (any http(s) URL whose path is not under it). */
const outside = (requests) =>
  requests.filter((u) => /^https?:/.test(u) && !new URL(u).pathname.startsWith(PREFIX));

test('under a sub-path, from another server, the page loads, trains, exports and asks for nothing outside its folder', async () => {
  const { page, requests, errors } = await open('?lang=en');
  await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 20000 });
  const before = (await canvasPixels(page, '#map-heat')).data.join();
  await page.click('#play');
  await page.waitForFunction(() => window.losslab.stats().iteration > 60, null, { timeout: 20000 });
  await page.click('#play');
  assert.notEqual((await canvasPixels(page, '#map-heat')).data.join(), before, 'training moved the map');
  // A PNG export of the section, and the GIF encoder, loaded on demand from the site's own pkg/.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-png="train"]')]);
  const path = join(ARTIFACTS, 'subpath-train.png');
  await download.saveAs(path);
  const png = new Uint8Array(await readFile(path));
  assert.deepEqual([...png.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 20_000, `${png.length} bytes`);
  await page.click('[data-gif="descent"]');
  await page.waitForFunction(() => document.querySelector('[data-gif="descent"]').getAttribute('aria-pressed') === 'true');
  await page.click('[data-gif="descent"]');
  assert.ok(requests.some((u) => u.endsWith(`${PREFIX}pkg/losslab_gif_bg.wasm`)), requests.join('\n'));
  // The address the page writes for its scene stays under the prefix too.
  assert.ok(new URL(page.url()).pathname.startsWith(PREFIX), page.url());
  assert.deepEqual(outside(requests), []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('under a sub-path, the blog example frames its embeds, fits their heights and drives them', async () => {
  const { page, requests, errors } = await open('www/blog.html', { width: 1280, height: 900 });
  const frames = {};
  for (const id of ['embed-lesson', 'embed-descent']) {
    const element = await page.$(`#${id}`);
    await element.scrollIntoViewIfNeeded();
    frames[id] = await element.contentFrame();
    await frames[id].waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 20000 });
    assert.ok(new URL(frames[id].url()).pathname.startsWith(`${PREFIX}index.html`), frames[id].url());
  }
  // Each iframe fits its embed's content (the embed says its height; the post sets it).
  for (const [id, frame] of Object.entries(frames)) {
    await page.waitForFunction((id) => document.getElementById(id).height !== '900', id, { timeout: 10000 });
    const content = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    const height = Number(await page.getAttribute(`#${id}`, 'height'));
    assert.ok(Math.abs(height - content) <= 40, `${id}: iframe ${height} px for ${content} px of content`);
  }
  // The post drives the descent embed: η = 0.12 diverges, and the post hears it.
  await page.click('button[data-lr="0.12"]');
  await page.waitForFunction(() => document.getElementById('descent-log').textContent.includes('发散'), null, { timeout: 15000 });
  assert.equal(await frames['embed-descent'].evaluate(() => window.losslab.get('d-lr')), '0.12');
  assert.deepEqual(outside(requests), []);
  assert.deepEqual(errors, []);
  await page.context().close();
});
