// "For teachers": a teacher sets up the scene (and a lesson step), chooses which controls the
// class may not change (locked: shown, not changeable) or may not see (hidden), and gets a link
// that holds it all, checked by Rust like any URL (app.teacher_query). Beside it, the lesson's
// questions on a printable page and its answer key. Not offered on a page opened with locks, or
// embedded.

/** Each control's three states, with the text key of each. */
const STATES = { free: 'teacher.free', lock: 'teacher.lock', hide: 'teacher.hide' };

export function teacher(ctx) {
  const { app, $ } = ctx;
  const rows = [];

  /** The lockable settings, grouped by the section whose controls show them. */
  function groups() {
    const out = new Map();
    for (const key of app.locks().lockable) {
      const sel = `[data-param="${key}"], [data-message-for="${key}"], [data-changes~="${key}"]`;
      const section = document.querySelector(sel)?.closest('main > section')?.id ?? 'descent';
      if (!out.has(section)) out.set(section, []);
      out.get(section).push(key);
    }
    return out;
  }

  function build() {
    const box = $('teacher-controls');
    box.replaceChildren();
    rows.length = 0;
    for (const [section, keys] of groups()) {
      const fieldset = document.createElement('fieldset');
      const legend = document.createElement('legend');
      legend.dataset.section = section;
      fieldset.append(legend);
      for (const key of keys) {
        const label = document.createElement('label');
        const name = document.createElement('span');
        const select = document.createElement('select');
        select.dataset.key = key;
        for (const state of Object.keys(STATES)) select.add(new Option(state, state));
        select.addEventListener('change', update);
        label.append(name, select);
        fieldset.append(label);
        rows.push({ key, name, select });
      }
      box.append(fieldset);
    }
  }

  function translate() {
    for (const legend of $('teacher-controls').querySelectorAll('legend')) legend.textContent = ctx.t(`choice.panel.${legend.dataset.section}`);
    for (const { key, name, select } of rows) {
      name.textContent = ctx.t(`param.${key}`) || key;
      for (const option of select.options) option.textContent = ctx.t(STATES[option.value]);
    }
  }

  /** The link, and the printable questions of the lesson (of every lesson without one). */
  function update() {
    const chosen = (state) => rows.filter((r) => r.select.value === state).map((r) => r.key).join(',');
    const base = `${location.origin}${location.pathname}`;
    const { query, tooLong } = app.teacher_query(chosen('lock'), chosen('hide'));
    $('teacher-link').value = `${base}?${query}`;
    $('teacher-long').hidden = !tooLong;
    const lesson = app.lesson()?.lesson;
    const sheet = new URL('www/questions.html', base.replace(/[^/]*$/, ''));
    sheet.search = `lang=${app.lang()}${lesson ? `&lesson=${lesson}` : ''}`;
    $('teacher-sheet').href = sheet.href;
    sheet.search += '&answers=1';
    $('teacher-key').href = sheet.href;
    $('teacher-status').textContent = '';
  }

  function open() {
    // Built on first use: the list of every control is not needed to show the page.
    if (rows.length === 0) build();
    translate();
    update();
    $('teacher-dialog').showModal();
  }

  // Embedded, the page offers no link maker (nor on a class's page: see controls.js).
  $('teacher-open').hidden = app.view().embed;
  $('teacher-open').addEventListener('click', open);
  $('teacher-close').addEventListener('click', () => $('teacher-dialog').close());
  $('teacher-copy').addEventListener('click', async () => {
    $('teacher-link').select();
    try {
      await navigator.clipboard.writeText($('teacher-link').value);
    } catch {
      document.execCommand('copy');
    }
    $('teacher-status').textContent = ctx.t('embed.copied');
  });
  return { render: () => ($('teacher-dialog').open ? (translate(), update()) : undefined) };
}
