//! A teacher's link and the page's other ways to another scene: the locks and hides the page was
//! opened with (for the controls to show), the link a teacher makes, the trusted hosts, and
//! moving to another scene in place (a lesson step in presenter mode or asked for by the host).

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use super::js::{set, strings};
use super::{App, with_lang};
use crate::scene::Page;
use crate::scene::page::overfit_settings;
use crate::settings::{Key, KeySet, PARAMS, Redraw, Settings, lockable};

#[wasm_bindgen]
impl App {
    /// What a teacher's link holds: `{lock, hide, lockable, overfit}`: the names of the settings
    /// locked (shown, not changeable) and hidden (neither shown nor changeable), of every setting
    /// a link may lock or hide, in the table's order, and of the settings the overfit button sets
    /// (it does nothing while one of them is locked).
    pub fn locks(&self) -> Object {
        let view = &self.page.settings().view;
        let names = |set: KeySet| strings(set.keys().map(Key::name));
        let o = Object::new();
        set(&o, "lock", names(view.lock));
        set(&o, "hide", names(view.hide));
        set(
            &o,
            "lockable",
            strings(PARAMS.iter().filter(|p| lockable(p.key)).map(|p| p.name)),
        );
        set(
            &o,
            "overfit",
            strings(overfit_settings().iter().map(|s| s.key().name())),
        );
        o
    }

    /// A teacher's link to the scene as it is (with its lesson step, if any), locking the
    /// settings named in `lock` and hiding those in `hide` (comma-separated names, checked like
    /// the URL's `lock=` and `hide=`), in the page's language, presenter mode off: `{query,
    /// tooLong}`, `tooLong` true when the query is longer than a URL is read
    /// ([`crate::query::MAX_QUERY`]: the locks, at its end, would be lost; many points of your
    /// own make it so).
    pub fn teacher_query(&self, lock: &str, hide: &str) -> Object {
        let mut settings = self.page.settings().clone();
        settings.set_text(Key::Lock, lock);
        settings.set_text(Key::Hide, hide);
        settings.set(crate::settings::Setting::Present(false));
        let query = with_lang(self.lang, &settings.query());
        let o = Object::new();
        set(&o, "tooLong", query.len() > crate::query::MAX_QUERY);
        set(&o, "query", query);
        o
    }

    /// The origins of the pages trusted to drive this one when embedded (`host=`).
    pub fn hosts(&self) -> Array {
        strings(self.page.settings().view.host.iter().map(String::as_str))
    }

    /// Moves to the scene of a URL query in place, as opening it would (a lesson step starts
    /// from its scene), keeping what the page carries, as typed values (see
    /// [`crate::settings::Settings::carry_from`]: embedding, presenter mode, hosts, a teacher's
    /// locks and the locked values) and the language unless the query names one. Every section
    /// is drawn again; the page then reads the new messages with [`App::url_messages`].
    pub fn navigate(&mut self, query: &str) -> Result<(), JsValue> {
        let mut q = Settings::from_query(&crate::lesson::with_scene(query));
        q.settings.carry_from(self.page.settings());
        // The old run's timeline store (up to 16 MiB) goes before the new page makes its own.
        self.page.train_mut().drop_timeline();
        let page = Page::new(&q);
        self.page = page;
        if let Some(d) = &mut self.descent {
            // A new page's surface counts its versions from the start again.
            d.forget_surface();
        }
        if let Some(lang) = q.lang {
            self.lang = lang;
        }
        self.problems = q.problems;
        self.lesson_scene = None;
        self.invalidate(Redraw::VIEW);
        self.draw()
    }
}
