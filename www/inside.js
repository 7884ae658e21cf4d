// Inside the Train section's network: the timeline under the diagram (scrub back through the
// run, train on from there, go back to the last good iteration after a divergence), the chosen
// weight (a click on its edge, or the list) with its next update written out and its chart, and
// backpropagation for one point, checked against a finite difference. Rust computes every
// number; this only writes them as text.

/** The inside views of the page `ctx`; `pause` stops the Train loop. */
export function inside(ctx, pause) {
  const { app, $ } = ctx;
  const slider = $('timeline');
  const pick = $('weight-pick');
  let names = [];

  /** A number for a formula: 4 significant digits, tiny or huge ones in e-notation. */
  const n = (v) => {
    if (!Number.isFinite(v)) return '—';
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3).replaceAll('-', '−');
    return Number(v.toPrecision(4)).toString().replaceAll('-', '−');
  };
  /** A signed term after an operator: "− 0.1" for −0.1. */
  const term = (v) => (v < 0 ? `(${n(v)})` : n(v));
  const li = (text) => {
    const el = document.createElement('li');
    el.textContent = text;
    return el;
  };

  let namesFor = '';
  /** The parameters' names in the list (built again only for a new network or language), and
   * the chosen one. */
  function sync() {
    const key = `${app.train_view().hidden.join(',')}|${app.lang()}`;
    if (key !== namesFor) {
      build(key);
      $('weight-set-msg').textContent = '';
    }
    pick.value = String(app.selected_weight());
  }
  function build(key) {
    namesFor = key;
    names = app.weight_names();
    const none = document.createElement('option');
    none.value = '-1';
    none.textContent = ctx.t('weight.none');
    pick.replaceChildren(
      none,
      ...names.map((name, i) => {
        const o = document.createElement('option');
        o.value = String(i);
        o.textContent = name;
        return o;
      }),
    );
  }

  function choose(i) {
    $('weight-set-msg').textContent = '';
    // Shown first, so that the chart is drawn at its size.
    $('weight-detail').hidden = i < 0;
    app.select_weight(i);
    pick.value = String(i < names.length ? i : -1);
    render(false);
  }
  pick.addEventListener('change', () => choose(Number(pick.value)));
  $('network').addEventListener('click', (e) => {
    const r = e.currentTarget.getBoundingClientRect();
    const i = app.weight_at(e.clientX - r.left, e.clientY - r.top);
    if (i >= 0) choose(i);
  });

  // A weight set by hand: Rust checks the number; the run carries on from there.
  function setByHand() {
    pause();
    $('weight-set-msg').textContent = app.set_weight($('weight-set').value);
    moved();
  }
  $('weight-set-button').addEventListener('click', setByHand);
  $('weight-set').addEventListener('keydown', (e) => {
    if (e.key === 'Enter') setByHand();
  });

  // The timeline: the slider shows snapshot `at` of `length`; moving it pauses and shows that one.
  slider.addEventListener('input', () => {
    pause();
    app.scrub(Number(slider.value));
    moved();
  });
  $('timeline-resume').addEventListener('click', () => ctx.sections.train.setPlaying(true));
  $('timeline-latest').addEventListener('click', () => {
    pause();
    app.scrub(app.timeline().length - 1);
    moved();
  });
  /** After a divergence: back to where the objective was lowest (offered beside the message too). */
  function goBack() {
    const good = app.timeline().good;
    if (good < 0) return;
    app.scrub(good);
    moved();
  }
  $('timeline-good').addEventListener('click', goBack);
  $('status-good').addEventListener('click', goBack);
  /** After the run moved to another snapshot: every panel of the section shows it. */
  function moved() {
    if (app.has_pick()) ctx.pickMoved();
    ctx.render('losses');
    ctx.sections.train.render();
  }

  function renderTimeline() {
    const t = app.timeline();
    slider.max = String(Math.max(0, t.length - 1));
    slider.value = String(t.at);
    const at = ctx.fill('timeline.at', { n: String(t.iteration), last: String(t.last) });
    $('timeline-at').textContent = at;
    slider.setAttribute('aria-valuetext', at);
    $('timeline-resume').disabled = !t.scrubbed;
    $('timeline-latest').disabled = !t.scrubbed;
    $('timeline-good').hidden = t.good < 0;
    $('status-good').hidden = t.good < 0;
    $('timeline-note').textContent = t.scrubbed ? ctx.fill('timeline.scrubbed', { n: String(t.iteration) }) : '';
  }

  function renderWeight(playing) {
    const w = app.weight();
    $('weight-detail').hidden = !w;
    if (!w) return;
    $('weight-value').textContent = n(w.value);
    if (document.activeElement !== $('weight-set') && !$('weight-set-msg').textContent) $('weight-set').value = String(w.value);
    $('weight-grad').textContent = ctx.fill('weight.grad-of', { g: n(w.grad), rows: String(w.rows), points: String(w.points) });
    const sym = w.isWeight ? 'w' : 'b';
    const parts = [];
    if (w.l2 > 0) parts.push(ctx.fill('weight.penalty-l2', { term: w.l1 > 0 ? 'λ(1 − α)·w' : 'λ·w', v: n(w.smooth) }));
    if (w.l1 > 0) parts.push(ctx.fill('weight.penalty-l1', { v: n(w.l1) }));
    $('weight-penalty').textContent = parts.length ? parts.join('; ') : ctx.t('weight.penalty-none');
    const g = w.l2 > 0 ? `(${n(w.grad)} + ${term(w.smooth)})` : term(w.grad);
    const gSym = w.l2 > 0 ? `(∂L/∂${sym} + ${w.l1 > 0 ? 'λ(1 − α)' : 'λ'}${sym})` : `∂L/∂${sym}`;
    const lines = [];
    if (w.rule === 'momentum') {
      lines.push(`v ← β·v + ${gSym} = ${n(w.beta)} × ${term(w.moments[0])} + ${g} = ${n(w.momentsNext[0])}`);
      lines.push(`${sym} ← ${sym} − η·v = ${n(w.value)} − ${n(w.eta)} × ${term(w.momentsNext[0])} = ${n(w.stepped)}`);
    } else if (w.rule === 'adam') {
      lines.push(`g = ${gSym} = ${w.l2 > 0 ? `${g} = ${n(w.grad + w.smooth)}` : n(w.grad)}`);
      lines.push(`m ← β₁m + (1 − β₁)g = ${n(w.beta1)} × ${term(w.moments[0])} + ${n(1 - w.beta1)} × g = ${n(w.momentsNext[0])}`);
      lines.push(`v ← β₂v + (1 − β₂)g² = ${n(w.beta2)} × ${term(w.moments[1])} + ${n(1 - w.beta2)} × g² = ${n(w.momentsNext[1])}`);
      lines.push(`m̂ = m/(1 − β₁^${w.t}) = ${n(w.corrected[0])},  v̂ = v/(1 − β₂^${w.t}) = ${n(w.corrected[1])}`);
      lines.push(`${sym} ← ${sym} − η·m̂/(√v̂ + ε) = ${n(w.value)} − ${n(w.eta)} × ${term(w.corrected[0])}/(${n(Math.sqrt(w.corrected[1]))} + ${n(w.epsilon)}) = ${n(w.stepped)}`);
    } else {
      lines.push(`${sym} ← ${sym} − η·${gSym} = ${n(w.value)} − ${n(w.eta)} × ${g} = ${n(w.stepped)}`);
    }
    if (w.tau > 0) lines.push(ctx.fill('weight.shrink', { tau: n(w.tau), next: n(w.next) }));
    $('weight-update').replaceChildren(...lines.map(li));
    const name = names[w.index] ?? '';
    const t = app.timeline();
    ctx.describe('weight-chart', ctx.fill('weight.chart-summary', { name, value: n(w.value), first: String(t.first), last: String(t.last) }), !playing);
  }

  function renderTrace(playing) {
    $('trace-paused').hidden = !playing;
    $('trace-body').hidden = playing;
    if (playing || !$('backprop').open) return;
    const t = app.trace();
    if (!t) return;
    const set = ctx.t(t.train ? 'trace.training-set' : 'trace.test-set');
    $('trace-point').textContent = ctx.fill('trace.point', { x: n(t.x[0]), y: n(t.x[1]), class: ctx.t(`class.${t.label}`), set, loss: n(t.loss) });
    $('trace-forward-head').textContent = ctx.fill('trace.forward', { activation: t.activation });
    const vec = (v) => `(${v.map(n).join(', ')})`;
    $('trace-forward').replaceChildren(...t.values.map((v, l) => li(`${t.names[l]} = ${vec(v)}`)));
    const back = [];
    for (let l = t.deltas.length - 1; l >= 0; l--) back.push(li(`δ ${t.names[l + 1]} = ${vec(t.deltas[l])}`));
    $('trace-back').replaceChildren(...back);
    const to = `${t.names[t.layer + 1]}${t.layer + 1 < t.values.length - 1 ? `.${t.to + 1}` : ` ${ctx.t(`class.${t.to}`)}`}`;
    const delta = t.deltas[t.layer][t.to];
    if (t.from >= 0) {
      const from = t.layer === 0 ? `x${t.from === 0 ? '₁' : '₂'}` : `${t.names[t.layer]}.${t.from + 1}`;
      const a = t.values[t.layer][t.from];
      const key = t.train ? 'trace.weight' : 'trace.weight-test';
      $('trace-result').textContent = ctx.fill(key, { from, to, a: n(a), d: n(delta), g: n(t.backprop), n: String(t.points), share: n(t.share) });
    } else {
      const key = t.train ? 'trace.bias' : 'trace.bias-test';
      $('trace-result').textContent = ctx.fill(key, { to, g: n(t.backprop), n: String(t.points), share: n(t.share) });
    }
    const rel = t.relativeError === 0 ? '0' : t.relativeError.toExponential(1);
    $('trace-check').textContent = ctx.fill('trace.check', { bp: n(t.backprop), fd: n(t.finiteDifference), rel, h: t.h.toExponential(0) });
    $('trace-check').dataset.backprop = String(t.backprop);
    $('trace-check').dataset.finiteDifference = String(t.finiteDifference);
  }
  $('backprop').addEventListener('toggle', () => renderTrace(false));

  let tick = 0;
  /** The timeline every frame; the weight's numbers every 10th frame while playing, and its
   * backpropagation only when paused (step mode). */
  function render(playing) {
    renderTimeline();
    tick += 1;
    if (!playing || tick % 10 === 0) renderWeight(playing);
    renderTrace(playing);
  }

  return { render, sync };
}
