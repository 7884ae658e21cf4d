// The monkey's short run, in the gate: 250 random actions with a fixed seed (clicks, drags, hostile
// strings typed into every box, keys, language, sections, play and pause; see monkey.mjs). The
// long run is `cargo xtask monkey` (5000 actions by default), also part of `cargo xtask bench`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { TOLERANCE, runMonkey, summary } from './monkey.mjs';

const ACTIONS = 250;
const SEED = 15;

let browser;
let report;
before(async () => {
  browser = await launch();
  report = await runMonkey(browser, { actions: ACTIONS, seed: SEED });
  console.log(summary(report));
});
after(async () => {
  await browser?.close();
});

test('the monkey does what it says: most of its actions land, of every kind', () => {
  assert.equal(report.actions, ACTIONS);
  const done = Object.values(report.done).reduce((a, b) => a + b, 0);
  assert.ok(done >= 0.8 * ACTIONS, `only ${done} of ${ACTIONS} actions landed`);
  for (const kind of ['click', 'type', 'select', 'canvas', 'slider', 'key', 'transport', 'language']) {
    assert.ok((report.done[kind] ?? 0) > 0, `no ${kind} action landed`);
  }
});

test('random and hostile input raises no console error and no uncaught exception', () => {
  assert.deepEqual(report.errors, []);
});

test('random and hostile input never makes the page show NaN, Infinity or undefined', () => {
  assert.deepEqual(report.badText, []);
});

test('typed markup stays text: no element made from it, no payload run, no alert', () => {
  assert.deepEqual(report.injected, []);
  assert.deepEqual(report.alerts, []);
});

test('the app never traps or hangs: it still answers after every check', () => {
  assert.deepEqual(report.traps, []);
  assert.deepEqual(report.stalls, []);
});

test('nothing leaks: back in the start scene, the wasm holds the same live bytes as once warm', () => {
  const { warm, end } = report.heap;
  assert.ok(warm > 1e6 && end > 1e6, `live heap measured: ${warm}, ${end}`);
  assert.ok(Math.abs(end - warm) <= TOLERANCE.heapBytes, `live heap ${warm} → ${end} bytes`);
});

test('once warm, the wasm memory and the element count of the start scene stay flat', () => {
  const { warm, end } = report.memory;
  assert.ok(warm > 0 && end > 0, 'memory measured');
  assert.ok(end - warm <= TOLERANCE.memoryBytes, `wasm memory ${warm} → ${end} bytes (growth: ${JSON.stringify(report.growth)})`);
  assert.ok(report.dom.warm > 500, 'elements counted');
  assert.ok(report.dom.end - report.dom.warm <= TOLERANCE.domElements, `elements ${report.dom.warm} → ${report.dom.end}`);
});
