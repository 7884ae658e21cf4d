// The browser benchmark: times the wasm workloads with performance.now() and prints the figures
// beside their goals (also as JSON in <body data-results>, for `node tests/e2e/bench.mjs`, which
// adds the first-frame time and the first load's size, measured on the page itself).
//
// Goals relative to TensorFlow Playground (TFP) or ConvNetJS are turned into absolute figures
// with the anchors measured on the reference machine of the performance issue; on another machine
// compare ratios, not absolute times (a machine may be 2× slower or faster).

import init, { App, Bench } from '../pkg/losslab.js';

/** Figures of the other engines on the reference machine (headless Chromium, 2 cores). */
export const ANCHORS = {
  tfpSamplesPerSecond: 454e3, // TFP nn.ts, 2→[8,8,8]→1 tanh, squared error + L2, batch 10
  convnetSamplesPerSecond: 554e3, // ConvNetJS, 2→[8,8,8]→3 softmax, batch 10
  tfpFrameMs: 14.2, // TFP's frame for [8,8,8]: one epoch of 250 points, both losses, 100×100 grid
  tfpFrame8x6Ms: 28.6, // the same for [8,8,8,8,8,8]
};

/** Runs `fn` until `ms` have passed; returns calls per second. */
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

const canvases = () => [
  document.getElementById('map-heat'),
  document.getElementById('map-overlay'),
  document.getElementById('loss-chart'),
];

/** Times `frames` frames of the page's Train section (after 30 to warm up) for a URL query. */
function frames(query, count = 300) {
  const app = new App(...canvases(), query, 'en');
  app.show('all');
  const times = [];
  for (let i = 0; i < count + 30; i += 1) {
    const t0 = performance.now();
    app.frame(true);
    app.stats(); // the numbers the page shows every frame
    times.push(performance.now() - t0);
  }
  app.free();
  const steady = times.slice(30);
  return { median: median(steady), mean: steady.reduce((a, b) => a + b, 0) / steady.length };
}

/**
 * A like-for-like frame with TFP's: one epoch of 250 training points (circles, 500 samples, half
 * for training; batches of 10, so 25 updates at speed 25), the numbers, the 200×200 map, the points
 * and the loss chart. The stop rules are the page's defaults but for the iteration limit.
 */
const likeForLike = (hidden) =>
  `?data=circles&samples=500&train=0.5&hidden=${hidden}&batch=10&lr=0.03&speed=25&max-iter=10000000`;

async function main() {
  await init();
  const bench = new Bench();
  const batch = Bench.batch();
  const batches = 25;
  const r = {};
  r.softmaxSamplesPerSecond = rate(() => bench.train_softmax(batches)) * batches * batch;
  r.squaredL2SamplesPerSecond = rate(() => bench.train_squared(batches)) * batches * batch;
  r.pageLoopSamplesPerSecond = rate(() => bench.train_page_loop(batches)) * batches * batch;
  r.mapFillMs = 1000 / rate(() => bench.fill_map());
  r.mapCellNs = (r.mapFillMs * 1e6) / (200 * 200);

  // The page's default frame: [8,8,8], 6 updates a frame, every panel of Train redrawn.
  const usual = frames('?hidden=8,8,8&max-iter=10000000&grad-eps=0');
  r.frameMsMedian = usual.median;
  r.frameMsMean = usual.mean;
  const small = frames(likeForLike('8,8,8'));
  r.likeForLike888MsMedian = small.median;
  r.likeForLike888MsMean = small.mean;
  const deep = frames(likeForLike('8,8,8,8,8,8'));
  r.likeForLike8x6MsMedian = deep.median;
  r.likeForLike8x6MsMean = deep.mean;

  const m = (v) => `${(v / 1e6).toFixed(2)} M samples/s`;
  const ms = (v) => `${v.toFixed(2)} ms`;
  const lines = [
    `2→[8,8,8]→1 tanh, squared error + L2, mini-batch 10: ${m(r.squaredL2SamplesPerSecond)}` +
      `  (goal ≥ 10× TFP: ${m(10 * ANCHORS.tfpSamplesPerSecond)} on the reference machine)`,
    `2→[8,8,8]→3 softmax cross-entropy, mini-batch 10: ${m(r.softmaxSamplesPerSecond)}` +
      `  (goal ≥ 8× ConvNetJS: ${m(8 * ANCHORS.convnetSamplesPerSecond)} on the reference machine)`,
    `the page's loop (same net, with its per-epoch checks): ${m(r.pageLoopSamplesPerSecond)}` +
      `, ${((100 * r.pageLoopSamplesPerSecond) / r.softmaxSamplesPerSecond).toFixed(0)} % of the bare engine  (goal ≥ 80 %)`,
    `200×200 decision map: ${ms(r.mapFillMs)}, ${r.mapCellNs.toFixed(0)} ns per cell  (goal: keep ≤ 50 ns on the reference machine; TFP 1310 ns)`,
    `the page's frame, [8,8,8], 6 updates: median ${ms(r.frameMsMedian)}, mean ${ms(r.frameMsMean)}`,
    `like-for-like frame, [8,8,8] (one epoch of 250 points, numbers, map, charts): median ${ms(r.likeForLike888MsMedian)}, mean ${ms(r.likeForLike888MsMean)}` +
      `  (goal ≤ ¼ of TFP's ${ANCHORS.tfpFrameMs} ms: ${ms(ANCHORS.tfpFrameMs / 4)} on the reference machine)`,
    `like-for-like frame, [8×6] (six hidden layers of 8): median ${ms(r.likeForLike8x6MsMedian)}, mean ${ms(r.likeForLike8x6MsMean)}` +
      `  (goal ≤ 8 ms on the reference machine: 60 fps with headroom; TFP ${ANCHORS.tfpFrame8x6Ms} ms)`,
  ];
  document.getElementById('results').textContent = lines.join('\n');
  document.body.dataset.results = JSON.stringify(r);
  document.body.dataset.ready = 'true';
}

main();
