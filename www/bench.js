// The browser benchmark: times the wasm workloads with performance.now() and prints the figures
// (also as JSON in <body data-results>, for `node tests/e2e/bench.mjs`).

import init, { App, Bench } from '../pkg/losslab.js';

/** Runs `fn` in rounds until `ms` have passed; returns calls per second. */
function rate(fn, ms = 1500) {
  fn(); // warm up
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    fn();
    calls += 1;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  await init();
  const bench = new Bench();
  const batch = Bench.batch();
  const batches = 25;
  const results = {};
  results.softmaxSamplesPerSecond = rate(() => bench.train_softmax(batches)) * batches * batch;
  results.squaredL2SamplesPerSecond = rate(() => bench.train_squared(batches)) * batches * batch;
  results.pageLoopSamplesPerSecond = rate(() => bench.train_page_loop(batches)) * batches * batch;
  results.mapFillMs = 1000 / rate(() => bench.fill_map());

  // The full frame of the page: [8,8,8], 6 updates a frame, every panel redrawn.
  const app = new App(
    document.getElementById('map-heat'),
    document.getElementById('map-overlay'),
    document.getElementById('loss-chart'),
    '?hidden=8,8,8&max-iter=10000000&grad-eps=0',
    'en',
  );
  app.resize();
  const frames = [];
  for (let i = 0; i < 300; i += 1) {
    const t0 = performance.now();
    app.frame(true);
    frames.push(performance.now() - t0);
  }
  results.frameMsMedian = median(frames.slice(30));
  results.frameMsMean = frames.slice(30).reduce((a, b) => a + b, 0) / (frames.length - 30);

  const lines = [
    `2→[8,8,8]→3 softmax cross-entropy, mini-batch 10: ${(results.softmaxSamplesPerSecond / 1e6).toFixed(2)} M samples/s`,
    `2→[8,8,8]→1 tanh, squared error + L2, mini-batch 10: ${(results.squaredL2SamplesPerSecond / 1e6).toFixed(2)} M samples/s`,
    `the page's loop (same net, with per-epoch evaluation): ${(results.pageLoopSamplesPerSecond / 1e6).toFixed(2)} M samples/s`,
    `200×200 decision map fill: ${results.mapFillMs.toFixed(2)} ms`,
    `full frame, [8,8,8]: median ${results.frameMsMedian.toFixed(2)} ms, mean ${results.frameMsMean.toFixed(2)} ms`,
  ];
  document.getElementById('results').textContent = lines.join('\n');
  document.body.dataset.results = JSON.stringify(results);
  document.body.dataset.ready = 'true';
}

main();
