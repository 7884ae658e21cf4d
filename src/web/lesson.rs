//! The lessons on the page: what the current step says and asks, whether its goal is reached, and
//! the links of the steps. The goals are checked in Rust ([`crate::lesson`]); JS only shows them.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::App;
use super::js::{set, strings};
use crate::lesson::{LESSONS, Lesson};
use crate::settings::{Choice, LessonChoice, Section, Settings};
use crate::text::tr;

/// The scene of the step the page is on, read once (a goal is checked several times a second).
pub struct SceneCache {
    of: (LessonChoice, u64),
    settings: Settings,
}

#[wasm_bindgen]
impl App {
    /// Every lesson: `[{lesson, title, href, steps}]`, `href` the URL query of its first step,
    /// `steps` its steps' ids (under which the page keeps the reader's progress).
    pub fn lessons(&self) -> Array {
        LESSONS
            .iter()
            .map(|l| {
                let o = Object::new();
                set(&o, "lesson", l.id());
                set(&o, "title", tr(self.lang, &l.title_key()));
                set(&o, "href", l.query(1, false));
                set(&o, "steps", strings(l.steps.iter().map(|s| s.id)));
                JsValue::from(o)
            })
            .collect()
    }

    /// The lesson step the page is on: `{lesson, title, step, steps, id, task, hints, done,
    /// question, options, sections, lessonSections, show, previous, next}` (`sections` the step's,
    /// `lessonSections` every step's; `show`, `previous` and `next` the URL queries of the
    /// solution and the neighbouring steps, "" where there is none), or null without a lesson.
    pub fn lesson(&self) -> JsValue {
        let view = &self.page.settings().view;
        let Some(lesson) = Lesson::of(view.lesson) else {
            return JsValue::NULL;
        };
        // A step's links keep what the page was opened with: embedding, presenter mode, hosts
        // and a teacher's locks.
        let carried = self.page.settings().carried();
        let link = |n: u64, solved: bool| {
            let q = lesson.query(n, solved);
            if carried.is_empty() {
                q
            } else {
                format!("{q}&{carried}")
            }
        };
        let (i, step) = lesson.step(view.step);
        let text = |part: &str| tr(self.lang, &step.key(part));
        let o = Object::new();
        set(&o, "lesson", lesson.id());
        set(&o, "title", tr(self.lang, &lesson.title_key()));
        set(&o, "step", (i + 1) as f64);
        set(&o, "steps", lesson.steps.len() as f64);
        set(&o, "id", step.id);
        set(&o, "task", text("task"));
        set(&o, "hints", strings(["hint1", "hint2", "hint3"].map(text)));
        set(&o, "done", text("done"));
        let options: Vec<&str> = step.question.map_or(Vec::new(), |q| {
            let keys: Vec<String> = (1..=q.options)
                .map(|n| step.key(&format!("option{n}")))
                .collect();
            keys.iter().map(|k| tr(self.lang, k)).collect()
        });
        set(
            &o,
            "question",
            step.question.map_or("", |_| text("question")),
        );
        set(&o, "options", strings(options));
        set(
            &o,
            "sections",
            strings(step.sections.iter().map(|s| s.key())),
        );
        // Every section some step of the lesson works in, in the page's order (what an embedded
        // lesson shows).
        let mut all: Vec<Section> = lesson
            .steps
            .iter()
            .flat_map(|s| s.sections.iter().copied())
            .collect();
        all.sort_by_key(|s| *s as usize);
        all.dedup();
        set(&o, "lessonSections", strings(all.iter().map(|s| s.key())));
        let n = (i + 1) as u64;
        let solvable = !step.solution.is_empty();
        set(
            &o,
            "show",
            if solvable {
                link(n, true)
            } else {
                String::new()
            },
        );
        set(
            &o,
            "previous",
            if i > 0 {
                link(n - 1, false)
            } else {
                String::new()
            },
        );
        let last = i + 1 == lesson.steps.len();
        set(
            &o,
            "next",
            if last {
                String::new()
            } else {
                link(n + 1, false)
            },
        );
        o.into()
    }

    /// Whether the step's goal is reached now, and whether the reader's prediction held:
    /// `{reached, held}`, `held` true, false or null (no question, no answer, or no outcome yet).
    /// `answer` is the option chosen, from 0; anything else means none. False and null without a
    /// lesson.
    pub fn lesson_status(&mut self, answer: f64) -> Object {
        let o = Object::new();
        let view = &self.page.settings().view;
        let answer =
            (answer >= 0.0 && answer.fract() == 0.0 && answer < 16.0).then_some(answer as usize);
        let Some(lesson) = Lesson::of(view.lesson) else {
            set(&o, "reached", false);
            set(&o, "held", JsValue::NULL);
            return o;
        };
        let (_, step) = lesson.step(view.step);
        let key = (view.lesson, view.step);
        if self.lesson_scene.as_ref().is_none_or(|c| c.of != key) {
            self.lesson_scene = Some(SceneCache {
                of: key,
                settings: step.scene(),
            });
        }
        let scene = &self.lesson_scene.as_ref().expect("just set").settings;
        set(&o, "reached", step.reached_from(scene, &self.page, answer));
        let held = step.prediction_held(&self.page, answer);
        set(&o, "held", held.map_or(JsValue::NULL, JsValue::from_bool));
        o
    }
}

/// The printable questions of the lesson a URL query names (of every lesson if it names none),
/// for `www/questions.html`: `{lang, answers, heading, intro, name, print, right, lessons:
/// [{title, steps: [{task, question, options, answer}]}], messages}` (`heading`… the sheet's own
/// texts). `answers` is on only for `answers=1` (the answer key); `answer` is the
/// right option's index there ([`crate::lesson::Step::expected_answer`]), null otherwise or
/// without a question. `messages` are the query's refusals, translated. The language is the
/// query's `lang`, else `browser_lang`.
#[wasm_bindgen]
pub fn lesson_sheet(query: &str, browser_lang: &str) -> Object {
    let q = Settings::from_query(query);
    let lang = q
        .lang
        .unwrap_or_else(|| crate::text::Lang::from_code(browser_lang));
    let answers = crate::query::parse(query)
        .iter()
        .any(|(k, v)| k == "answers" && v == "1");
    let chosen = Lesson::of(q.settings.view.lesson);
    let lessons: Array = LESSONS
        .iter()
        .filter(|l| chosen.is_none_or(|c| c.choice == l.choice))
        .map(|l| {
            let steps: Array = l
                .steps
                .iter()
                .map(|step| {
                    let o = Object::new();
                    let text = |part: &str| tr(lang, &step.key(part));
                    set(&o, "task", text("task"));
                    set(
                        &o,
                        "question",
                        step.question.map_or("", |_| text("question")),
                    );
                    let n = step.question.map_or(0, |q| q.options);
                    let keys: Vec<String> =
                        (1..=n).map(|i| step.key(&format!("option{i}"))).collect();
                    set(&o, "options", strings(keys.iter().map(|k| tr(lang, k))));
                    let answer = if answers {
                        step.expected_answer()
                    } else {
                        None
                    };
                    set(
                        &o,
                        "answer",
                        answer.map_or(JsValue::NULL, |a| JsValue::from_f64(a as f64)),
                    );
                    JsValue::from(o)
                })
                .collect();
            let o = Object::new();
            set(&o, "title", tr(lang, &l.title_key()));
            set(&o, "steps", steps);
            JsValue::from(o)
        })
        .collect();
    let o = Object::new();
    set(&o, "lang", lang.code());
    set(&o, "answers", answers);
    let heading = if answers {
        "sheet.key"
    } else {
        "sheet.heading"
    };
    for (name, key) in [
        ("heading", heading),
        ("intro", "sheet.intro"),
        ("name", "sheet.name"),
        ("print", "sheet.print"),
        ("right", "sheet.right"),
    ] {
        set(&o, name, tr(lang, key));
    }
    set(&o, "lessons", lessons);
    set(
        &o,
        "messages",
        strings(
            q.problems
                .iter()
                .map(|p| p.message(lang, &q.settings))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        ),
    );
    o
}
