// Lessons: the list of lessons in the masthead, and the panel of the step the page is on: its
// task, its question (predict, then see), hints one at a time, "show me" and the neighbouring
// steps. Whether the goal is reached is Rust's to say (app.lesson_status), asked a few times a
// second; a step's scene is a URL, so a link resumes it (followed in place: the page moves to the
// step's scene without reloading, so presenter mode stays full screen). The reader's answer and
// the steps done are kept in localStorage.

const STORE = 'losslab:lessons';

function load() {
  try {
    return JSON.parse(localStorage.getItem(STORE)) ?? {};
  } catch {
    return {};
  }
}

function save(progress) {
  try {
    localStorage.setItem(STORE, JSON.stringify(progress));
  } catch {
    // Storage refused (private mode, quota): progress lives in the URL only.
  }
}

export function lesson(ctx) {
  const { app, $ } = ctx;
  const link = (query) => `?${query}&lang=${app.lang()}`;
  let info = app.lesson();
  const progress = load();
  const answers = (progress.answers ??= {});
  const done = (progress.done ??= {});
  let hints = 0;
  let wasReached = false;

  /** The panel sits just above the section where the step's work is, and comes first on the
   * screen; with `focus`, the keyboard's focus moves to it (a new step was opened). */
  function place(focus) {
    if (!info) return;
    document.getElementById(info.sections[0])?.before($('lesson'));
    $('lesson').hidden = false;
    // Embedded, the lesson is all there is: scrolling would move the host's page too.
    if (!app.view().embed) $('lesson').scrollIntoView({ block: 'start' });
    if (focus) $('lesson').focus({ preventScroll: true });
  }
  place(false);

  /** The page moved to another scene (a step link, the host, the back button). */
  function reload() {
    info = app.lesson();
    hints = 0;
    wasReached = false;
    place(true);
    render();
  }
  /** Follows a link of the lessons in place (a plain click; others open it as a link does). */
  function follow(a) {
    a.addEventListener('click', (e) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || !a.dataset.query) return;
      e.preventDefault();
      ctx.navigate(a.dataset.query);
    });
  }
  /** Goes to the previous or next step ("previous", "next"), if there is one. */
  function go(which) {
    const query = info?.[which];
    if (query) ctx.navigate(query);
    return Boolean(query);
  }

  function links() {
    const current = info?.lesson;
    $('lesson-links').replaceChildren(
      ...app.lessons().map(({ lesson, title, href, steps }) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = link(href);
        a.dataset.query = href;
        follow(a);
        a.textContent = title;
        if (lesson === current) a.setAttribute('aria-current', 'step');
        // How many of its steps this browser has seen done.
        const count = steps.filter((id) => done[id]).length;
        const mark = document.createElement('span');
        mark.className = 'lesson-done';
        mark.textContent = count ? ` ${count}/${steps.length}${count === steps.length ? ' ✓' : ''}` : '';
        li.append(a, mark);
        return li;
      }),
    );
  }

  function options() {
    const box = $('lesson-options');
    box.replaceChildren(
      ...info.options.map((text, i) => {
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = 'lesson-answer';
        input.value = String(i);
        input.checked = answers[info.id] === i;
        input.addEventListener('change', () => {
          answers[info.id] = i;
          save(progress);
          // Predicted: now the work.
          $('lesson-task').hidden = false;
          status();
        });
        const span = document.createElement('span');
        span.textContent = text;
        label.append(input, span);
        return label;
      }),
    );
  }

  function setLink(id, query) {
    const a = $(id);
    a.hidden = !query;
    a.dataset.query = query;
    if (query) a.href = link(query);
  }

  /** The goal and the prediction as Rust sees them now. */
  function status() {
    if (!info) return;
    const answer = answers[info.id] ?? -1;
    const { reached, held } = app.lesson_status(answer);
    const parts = [];
    if (info.question && answer >= 0 && held !== null) parts.push(ctx.t(held ? 'lessons.held' : 'lessons.not-held'));
    else if (info.question && answer >= 0) parts.push(ctx.t('lessons.waiting'));
    parts.push(reached ? `${ctx.t('lessons.reached')} ${info.done}` : ctx.t('lessons.not-yet'));
    const text = parts.join(' ');
    const p = $('lesson-status');
    if (p.textContent !== text) p.textContent = text;
    $('lesson').dataset.reached = String(reached);
    if (reached && !wasReached) ctx.emit('goal', { lesson: info.lesson, step: info.step, id: info.id, text: info.done });
    wasReached = reached;
    if (reached && !done[info.id]) {
      done[info.id] = true;
      save(progress);
      links();
    }
  }

  function render() {
    links();
    $('lesson').hidden = !info;
    // Out of a lesson, or on a step without a question, no options are left behind.
    if (!info?.question) $('lesson-options').replaceChildren();
    if (!info) return;
    Object.assign(info, app.lesson()); // the texts in the page's language now
    $('lesson-title').textContent = info.title;
    $('lesson-step').textContent = ctx.fill('lessons.step', { i: String(info.step), n: String(info.steps) });
    $('lesson-task').textContent = info.task;
    // A question comes first: the task shows once the reader has predicted.
    $('lesson-task').hidden = Boolean(info.question) && answers[info.id] === undefined;
    $('lesson-question').hidden = !info.question;
    $('lesson-question-text').textContent = info.question;
    if (info.question) options();
    $('lesson-hints').replaceChildren(
      ...info.hints.slice(0, hints).map((text) => {
        const li = document.createElement('li');
        li.textContent = text;
        return li;
      }),
    );
    $('lesson-hint').hidden = hints >= info.hints.length;
    setLink('lesson-show', info.show);
    setLink('lesson-previous', info.previous);
    setLink('lesson-next', info.next);
    // Embedded, leaving the lesson would leave the post's figure for the whole page.
    $('lesson-leave').hidden = app.view().embed;
    status();
  }

  $('lesson-hint').addEventListener('click', () => {
    hints = Math.min(hints + 1, 3);
    render();
    $('lesson-hints').lastElementChild?.focus?.();
  });
  for (const id of ['lesson-show', 'lesson-previous', 'lesson-next', 'lesson-leave']) follow($(id));
  $('lesson-leave').dataset.query = 'lesson=none';
  setInterval(status, 250);
  return { render, reload, go, info: () => info };
}
