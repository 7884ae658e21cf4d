// The same seed and settings give the same trajectory natively and in WebAssembly, bit for bit.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openPage } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STEPS = 300;
const RUNS = [
  'seed=5',
  'seed=11&optimizer=adam&hidden=8,8,8&activation=relu&data=spiral',
  'optimizer=gd&loss=hinge&penalty=l1&lambda=0.01&lr=0.3',
  'optimizer=momentum&loss=squared&activation=sigmoid&penalty=elastic-net&lambda=0.003&data=circles',
  'optimizer=sgd&loss=absolute&activation=tanh&hidden=16&batch=7&data=blobs&noise=0.9',
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function native(query) {
  const run = spawnSync('cargo', ['run', '--quiet', '--release', '--example', 'trajectory', '--', query, String(STEPS)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test('every optimizer, loss and penalty follows the same trajectory natively and in the browser', async () => {
  const { page, errors } = await openPage(browser);
  for (const query of RUNS) {
    const inBrowser = await page.evaluate(
      async ([q, steps]) => {
        const wasm = await import(new URL('pkg/losslab.js', location.href).href);
        return wasm.trajectory(q, steps);
      },
      [query, STEPS],
    );
    const lines = inBrowser.trim().split('\n');
    assert.equal(lines.length, STEPS);
    assert.ok(new Set(lines).size > STEPS / 2, `${query}: the objective moves`);
    assert.equal(inBrowser, native(query), query);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});
