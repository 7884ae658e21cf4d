// The printable questions of a lesson and its answer key: Rust reads the URL (through the
// settings boundary) and gives every text; this writes them into the page as text.

import init, { lesson_sheet } from '../pkg/losslab.js';

const $ = (id) => document.getElementById(id);
const el = (tag, text, className) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
};

async function main() {
  await init();
  const sheet = lesson_sheet(location.search, navigator.language || 'en');
  document.documentElement.lang = sheet.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = sheet.heading;
  $('heading').textContent = sheet.heading;
  $('intro').textContent = sheet.intro;
  $('name').textContent = sheet.name;
  $('print').textContent = sheet.print;
  $('print').addEventListener('click', () => print());
  $('messages').replaceChildren(...sheet.messages.map((m) => el('li', m)));
  $('lessons').replaceChildren(
    ...sheet.lessons.flatMap(({ title, steps }) => {
      const list = el('ol', undefined, 'steps');
      for (const step of steps) {
        const li = el('li');
        if (step.question) {
          li.append(el('p', step.question, 'question'));
          const options = el('ol', undefined, 'options');
          step.options.forEach((text, i) => {
            const o = el('li', text);
            if (step.answer === i) {
              o.className = 'right';
              o.dataset.right = sheet.right;
            }
            options.append(o);
          });
          li.append(options);
        }
        li.append(el('p', step.task, 'task'));
        list.append(li);
      }
      return [el('h2', title), list];
    }),
  );
  document.body.dataset.ready = 'true';
}

main();
