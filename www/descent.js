// Section 5 · Gradient descent: balls rolling down a loss surface; the table of balls, the next
// step written out while paused, the buttons, presets and clicks, and the animation loop.

import { fence, m, num, show } from './math.js';

/** The Descent section of the page `ctx`. */
export function descent(ctx) {
  const { app, $ } = ctx;
  let playing = false;
  const vec = (v, digits = 3) => m('mrow', fence('('), num(v[0], digits), m('mo', ','), num(v[1], digits), fence(')'));
  function render() {
    const { surface, slice, note } = app.descent_surface();
    $('surface-note').textContent = ctx.t(note);
    $('descent-new-slice').hidden = !slice;
    const balls = app.descent_balls();
    const place = (w) => `(${show(w[0], 3)}, ${show(w[1], 3)})`;
    $('ball-rows').replaceChildren(
      ...balls.map((b, i) => {
        const row = document.createElement('tr');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = b.colour;
        const first = document.createElement('td');
        first.append(swatch, ` ${i + 1}`);
        row.append(first);
        for (const text of [
          ctx.t(`choice.d-optimizer.${b.optimizer}`) || b.optimizer,
          place(b.start),
          String(b.iterations),
          show(b.loss),
          place(b.w),
          b.stoppedText || b.bouncingText || ctx.t('descent.rolling'),
        ]) {
          const td = document.createElement('td');
          td.textContent = text;
          row.append(td);
        }
        if (b.divergence || b.bouncing) row.className = 'alarm';
        return row;
      }),
    );
    const newest = balls.at(-1);
    ctx.describe(
      'descent-overlay',
      newest
        ? ctx.fill('summary.descent', { count: String(balls.length), surface: ctx.t(`choice.surface.${surface}`) || surface, w: place(newest.w), loss: show(newest.loss), n: String(newest.iterations), state: newest.stoppedText || ctx.t('descent.rolling') })
        : ctx.t('descent.update.none'),
      !playing,
    );
    const status = $('descent-status');
    const diverged = balls.some((b) => b.divergence);
    const bouncing = !diverged && balls.some((b) => b.bouncing);
    // A live region: written only when its words change, not every frame.
    const said = diverged ? ctx.t('descent.diverged') : bouncing ? ctx.t('note.bouncing') : '';
    if (status.textContent !== said) status.textContent = said;
    status.classList.toggle('alarm', diverged || bouncing);
    $('descent-play-text').textContent = ctx.t(playing ? 'control.pause' : 'control.play');
    $('descent-play').setAttribute('aria-pressed', String(playing));
    renderUpdate();
  }
  /** The newest ball's next step as MathML, with its numbers. */
  function renderUpdate() {
    const next = playing ? null : app.descent_next();
    if (!next) {
      $('descent-update').replaceChildren();
      $('descent-update-note').textContent = playing ? '' : ctx.t('descent.update.none');
      return;
    }
    const { plain } = next;
    $('descent-update-note').textContent = ctx.t(plain ? 'descent.update.gd' : 'descent.update.other');
    // Fresh elements for every use: a DOM node can only sit in one place.
    const w = () => m('mi', 'w');
    const grad = () => m('mrow', m('mo', '∇'), m('mi', 'L'));
    const lines = [
      m('math', w(), m('mo', '='), vec(next.w)),
      m('math', grad(), m('mo', '='), vec(next.gradient)),
    ];
    if (plain) {
      lines.push(
        m('math', m('mi', 'η'), grad(), m('mo', '='), num(next.eta), m('mo', '·'), vec(next.gradient), m('mo', '='), vec(next.step)),
        m('math', w(), m('mo', '←'), w(), m('mo', '−'), m('mi', 'η'), grad(), m('mo', '='), vec(next.w), m('mo', '−'), vec(next.step), m('mo', '='), vec(next.next)),
      );
    } else {
      lines.push(
        m('math', m('mi', 'Δ'), m('mo', '='), vec(next.step)),
        m('math', w(), m('mo', '←'), w(), m('mo', '−'), m('mi', 'Δ'), m('mo', '='), vec(next.w), m('mo', '−'), vec(next.step), m('mo', '='), vec(next.next)),
      );
    }
    $('descent-update').replaceChildren(
      ...lines.map((line) => {
        const div = document.createElement('div');
        div.append(line);
        return div;
      }),
    );
  }
  function descentFrame() {
    if (!playing) return;
    const goOn = app.descent_frame();
    render();
    ctx.gifFrame('descent');
    if (!goOn) {
      setPlaying(false);
      if (ctx.recording() === 'descent') ctx.stopGif();
      const balls = app.descent_balls();
      const newest = balls[balls.length - 1];
      ctx.emit('stopped', { section: 'descent', rule: newest?.stopped ?? '', text: newest?.stoppedText ?? '', rules: balls.map((b) => b.stopped) });
      if (balls.some((b) => b.divergence)) ctx.emit('diverged', { section: 'descent', text: ctx.t('descent.diverged') });
    }
    if (playing) requestAnimationFrame(descentFrame);
  }
  function setPlaying(on) {
    if (on === playing) return;
    playing = on;
    // The next step's arrow and formula are shown while paused (step mode).
    app.descent_show_next(!on);
    render();
    if (on) requestAnimationFrame(descentFrame);
  }
  $('descent-play').addEventListener('click', () => setPlaying(!playing));
  $('descent-step').addEventListener('click', () => {
    setPlaying(false);
    app.descent_step();
    render();
    ctx.gifFrame('descent');
  });
  $('descent-reset').addEventListener('click', () => {
    setPlaying(false);
    app.descent_reset();
    render();
  });
  $('descent-clear').addEventListener('click', () => {
    setPlaying(false);
    app.descent_clear();
    render();
    ctx.updateUrl();
  });
  $('descent-race').addEventListener('click', () => {
    app.descent_race();
    render();
    ctx.updateUrl();
  });
  $('descent-new-slice').addEventListener('click', () => {
    setPlaying(false);
    app.new_surface();
    render();
    ctx.updateUrl();
  });
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.addEventListener('click', () => {
      ctx.controls.shown($('in-d-lr').dataset.param, '', app.use_preset(Number(button.dataset.preset)));
    });
  }
  $('descent-overlay').addEventListener('click', (e) => {
    const r = e.currentTarget.getBoundingClientRect();
    if (app.descent_click(e.clientX - r.left, e.clientY - r.top)) {
      render();
      ctx.updateUrl();
    }
  });

  return {
    render,
    setPlaying,
    pause: () => setPlaying(false),
    attach: () => app.attach_descent($('descent-heat'), $('descent-levels'), $('descent-overlay'), $('descent-path')),
    keys: { play: 'descent-play', step: 'descent-step', reset: 'descent-reset' },
  };
}
