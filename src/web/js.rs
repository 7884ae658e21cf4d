//! Plain JavaScript objects built from the page's numbers: what the page script reads.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::scene::Update;
use crate::scene::train::RunNumbers;
use crate::settings::{Domain, PARAMS};
use crate::text::{Lang, tr};

/// Sets `obj[key] = value` on an object we created.
pub fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property on a plain object we created cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

/// A point of the plane as a two-element array.
pub fn pair(v: [f64; 2]) -> Array {
    Array::of2(&v[0].into(), &v[1].into())
}

/// Numbers as an array.
pub fn numbers(v: &[f64]) -> Array {
    v.iter().map(|&x| JsValue::from_f64(x)).collect()
}

/// Strings as an array.
pub fn strings<'a>(v: impl IntoIterator<Item = &'a str>) -> Array {
    v.into_iter().map(JsValue::from_str).collect()
}

/// A number, or null for none.
pub fn or_null(v: Option<f64>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_f64)
}

/// A run's numbers: `{iteration, trainLoss, testLoss, penalty, objective, gradientNorm,
/// trainAccuracy, testAccuracy, zeroWeights, weights, stopped, stoppedText, divergence}`
/// (`stopped` is the stop rule's text key, "" while it runs).
pub fn run_object(n: &RunNumbers, lang: Lang) -> Object {
    let m = &n.metrics;
    let o = Object::new();
    set(&o, "iteration", m.iteration as f64);
    set(&o, "trainLoss", m.train_loss);
    set(&o, "testLoss", m.test_loss);
    set(&o, "penalty", m.penalty);
    set(&o, "objective", m.objective);
    set(&o, "gradientNorm", m.gradient_norm);
    set(&o, "trainAccuracy", m.train_accuracy);
    set(&o, "testAccuracy", m.test_accuracy);
    set(&o, "zeroWeights", m.zero_weights as f64);
    set(&o, "weights", n.weights as f64);
    let key = n.stopped.map(|s| s.text_key());
    set(&o, "stopped", key.unwrap_or(""));
    set(&o, "stoppedText", key.map_or("", |k| tr(lang, k)));
    set(
        &o,
        "divergence",
        n.stopped.is_some_and(|s| s.is_divergence()),
    );
    set(&o, "bouncing", n.bouncing);
    set(
        &o,
        "bouncingText",
        if n.bouncing {
            tr(lang, "note.bouncing")
        } else {
            ""
        },
    );
    o
}

/// The settings' table for building controls: `[{key, kind, default, min, max, options,
/// maxLength, slider: {min, max, step, log} | null}]`.
pub fn schema() -> Array {
    let out = Array::new();
    for p in &PARAMS {
        let o = Object::new();
        set(&o, "key", p.name);
        set(&o, "default", p.default);
        match p.domain {
            Domain::Number { min, max, integer } => {
                set(&o, "kind", if integer { "integer" } else { "number" });
                set(&o, "min", min);
                set(&o, "max", max);
            }
            Domain::Choice(names) => {
                set(&o, "kind", "choice");
                set(&o, "options", strings((0..).map_while(names)));
            }
            Domain::Marks { max_len, tags, .. } => {
                set(&o, "kind", "marks");
                set(&o, "maxLength", max_len as f64);
                set(&o, "options", strings((0..).map_while(tags)));
            }
            Domain::Keys => set(&o, "kind", "keys"),
            Domain::Origins { max_len } => {
                set(&o, "kind", "origins");
                set(&o, "maxLength", max_len as f64);
            }
            Domain::Widths { max_len, min, max } => {
                set(&o, "kind", "widths");
                set(&o, "min", min as f64);
                set(&o, "max", max as f64);
                set(&o, "maxLength", max_len as f64);
            }
        }
        let slider = p.slider.map_or(JsValue::NULL, |s| {
            let so = Object::new();
            set(&so, "min", s.min);
            set(&so, "max", s.max);
            set(&so, "step", s.step);
            set(&so, "log", s.log);
            so.into()
        });
        set(&o, "slider", slider);
        out.push(&o);
    }
    out
}

/// The outcome of a change for the page: `{value, message, redraw, effect}`: the value in force,
/// a translated message if the input was refused ("" otherwise), the sections to draw again and
/// the name of what the change did (e.g. "new-surface").
pub fn update_object(update: &Update, message: String) -> Object {
    let o = Object::new();
    set(&o, "value", update.change.setting.text());
    set(&o, "message", message);
    set(&o, "redraw", strings(update.redraw.names()));
    set(&o, "effect", update.change.effect().name());
    o
}
