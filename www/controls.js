// The controls of every section: each `data-param` box and select, and each slider, sends its value
// through the Rust boundary (which checks it) and shows what came back. After any change every
// control shows its setting's value and the sections Rust names are drawn again.

/** Wires the page's controls to `ctx.app`; returns what the sections use to change settings. */
export function controls(ctx) {
  const { app, $ } = ctx;
  const schema = Object.fromEntries(ctx.App.schema().map((p) => [p.key, p]));

  // One message line under each control (and one for the layer widths), created once.
  const messages = {};
  const fields = [...document.querySelectorAll('[data-param]')].map((input) => [input.dataset.param, input]);
  fields.push([$('layer-widths').dataset.messageFor, $('layer-widths')]);
  for (const [key, input] of fields) {
    const p = document.createElement('p');
    p.className = 'msg';
    p.setAttribute('role', 'status');
    p.id = `msg-${key}`;
    input.closest('.field').append(p);
    input.setAttribute('aria-describedby', p.id);
    messages[key] = p;
  }
  // The last refused input of each control, so its message can be said again in another language.
  const refused = new Map();

  /** Sends one control value through the Rust boundary and shows what came back. */
  function set(key, raw) {
    return shown(key, String(raw), app.set(key, String(raw)));
  }
  /** Shows the outcome of a change of `key` (from `raw`): its message, every control's value, and
   * the sections Rust says changed. */
  function shown(key, raw, { value, message, redraw, effect }) {
    const line = Object.hasOwn(messages, key) ? messages[key] : null;
    if (line) line.textContent = message;
    if (message && line) refused.set(key, raw);
    else refused.delete(key);
    ctx.effect(effect);
    rendered(redraw);
    // A lock given now (a host may send one) shows at once.
    if (key === 'lock' || key === 'hide') applyLocks();
    return value;
  }
  /** Forgets the refused inputs (the page moved to another scene: they were about the old one). */
  function forget() {
    refused.clear();
  }
  /** Every control shows its setting's value, and each section named in `redraw` is drawn. */
  function rendered(redraw) {
    sync();
    for (const section of redraw) ctx.render(section);
    ctx.updateUrl();
  }
  /** Every box, select and slider shows its setting's value now. */
  function sync() {
    const values = app.values();
    for (const input of document.querySelectorAll('[data-param]')) input.value = values[input.dataset.param] ?? '';
    for (const range of document.querySelectorAll('[data-range-for]')) range.value = app.slider_position(range.dataset.rangeFor);
    ctx.syncSections();
    paintLocks();
  }
  /** Clears the messages of the controls inside `container` (their values came from elsewhere). */
  function clearMessages(container) {
    for (const input of container.querySelectorAll('[data-param]')) messages[input.dataset.param].textContent = '';
  }
  /** The labels of every select's choices in the page's language (options built once). */
  function translate() {
    for (const select of document.querySelectorAll('select[data-param]')) {
      const key = select.dataset.param;
      if (select.options.length === 0) {
        for (const option of schema[key].options) select.add(new Option(option, option));
      }
      for (const option of select.options) option.textContent = ctx.t(`choice.${key}.${option.value}`) || option.value;
    }
    // Checking the same input again gives the same safe value and its message in the new language.
    for (const [key, raw] of refused) messages[key].textContent = app.set(key, raw).message;
  }

  for (const input of document.querySelectorAll('[data-param]')) {
    input.addEventListener('change', () => set(input.dataset.param, input.value));
  }
  // Each slider's range and scale come from the settings' table.
  for (const range of document.querySelectorAll('[data-range-for]')) {
    const key = range.dataset.rangeFor;
    const { min, max, step } = schema[key].slider;
    Object.assign(range, { min, max, step });
    range.addEventListener('input', () => shown(key, '', app.set_slider(key, Number(range.value))));
  }
  $('controls').addEventListener('submit', (e) => e.preventDefault());

  /** A teacher's link: a locked setting's box, select, slider and buttons (`data-changes` names
   * the settings a button changes) are shown but disabled; a hidden one's are not shown. Rust
   * holds the values whatever the page sends; this only says so. Locks only grow, so this only
   * ever disables and hides (after the sections' own choices, see `sync`). */
  let locks = { lock: [], hide: [] };
  function applyLocks() {
    locks = app.locks();
    $('penalty-runs-overfit').dataset.changes = locks.overfit.join(',');
    // A class's page does not offer to make another link.
    if (locks.lock.length > 0 || locks.hide.length > 0) $('teacher-open').hidden = true;
    paintLocks();
    // The Losses section's "train with" buttons are built with the table: again, now that a
    // locked loss disables them.
    if (locks.lock.includes('loss') || locks.hide.includes('loss')) ctx.render('losses');
  }
  function paintLocks() {
    if (locks.lock.length === 0 && locks.hide.length === 0) return;
    const title = ctx.t('lock.title');
    const selector = '[data-param], [data-range-for], [data-changes], [data-message-for]';
    for (const el of document.querySelectorAll(selector)) {
      const { param, rangeFor, messageFor, changes } = el.dataset;
      const keys = (param ?? rangeFor ?? messageFor ?? changes).split(',');
      const isHidden = keys.some((k) => locks.hide.includes(k));
      const isLocked = isHidden || keys.some((k) => locks.lock.includes(k));
      if (!isLocked) continue;
      // A box, select or list of boxes locks and hides with its whole field (label, slider,
      // message); a button alone.
      const field = param || messageFor ? el.closest('.field') : null;
      for (const input of messageFor ? el.querySelectorAll('input') : [el]) input.disabled = true;
      el.title = title;
      if (isHidden) (field ?? el).hidden = true;
      field?.classList.add('locked');
      const label = field?.querySelector(':scope > label, :scope > .label');
      if (label) label.dataset.locked = ctx.t('lock.badge');
    }
  }

  return { set, shown, rendered, sync, clearMessages, translate, applyLocks, forget };
}
