//! The Train section's scene: the classifier its settings describe, on the generated data with
//! your own edits (points added or removed by clicks) replayed in order.

use crate::engine::trainer::Trainer;
use crate::settings::Settings;

/// How near a click must be to a point to remove it, in plane units.
pub const REMOVE_RADIUS: f64 = 0.08;

/// A click's point at the precision the URL keeps (three decimals), so that replaying the URL
/// makes exactly the same edit.
pub fn click_point(at: [f64; 2]) -> [f64; 2] {
    at.map(|v| (v * 1000.0).round() / 1000.0)
}

/// One edit: adds a training point of `class` at `at`, or with `None` removes the point nearest
/// `at` within [`REMOVE_RADIUS`]. Whether the data changed.
pub fn apply(trainer: &mut Trainer, at: [f64; 2], class: Option<usize>) -> bool {
    match class {
        Some(c) => trainer.add_point(at, c),
        None => trainer.remove_point(at, REMOVE_RADIUS),
    }
}

/// An edit as the `edits` setting writes it: `x,y,class` or `x,y,del`.
pub fn edit_text(at: [f64; 2], class: Option<usize>) -> String {
    let tag = class.map_or_else(|| "del".to_string(), |c| c.to_string());
    format!("{},{},{tag}", at[0], at[1])
}

/// The trainer `settings` describe: its generated data, then the edits in order.
pub fn trainer(settings: &Settings) -> Trainer {
    let mut trainer = Trainer::new(settings.train_config());
    for (at, class) in settings.edits() {
        apply(&mut trainer, at, class);
    }
    trainer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaying_the_edits_of_a_session_gives_its_data() {
        let (settings, _, problems) = Settings::from_query("seed=5&samples=60");
        assert!(problems.is_empty());
        let mut live = trainer(&settings);
        let first = live.split().train.x.row(0).to_owned();
        let mut edits = Vec::new();
        for (at, class) in [
            ([0.5004, -0.25], Some(2)),
            // In the map's margin (it shows ±1.15): kept as clicked, clamped to ±1 when added.
            ([1.1, 1.12], Some(1)),
            ([first[0] + 0.01, first[1]], None),
            ([-0.3, 0.7777], Some(0)),
            ([0.5, -0.25], None),
        ] {
            let at = click_point(at);
            assert!(apply(&mut live, at, class), "{at:?} {class:?}");
            edits.push(edit_text(at, class));
        }
        let mut settings = settings;
        assert!(
            settings
                .set("edits", &edits.join(","))
                .unwrap()
                .error
                .is_none()
        );
        assert_eq!(settings.edits().len(), 5);
        let replayed = trainer(&settings);
        assert_eq!(replayed.split().train.x, live.split().train.x);
        assert_eq!(replayed.split().train.labels, live.split().train.labels);
        assert_eq!(replayed.split().test.x, live.split().test.x);
        // Two added points stay (the third was removed again), one generated point is gone.
        let generated = Trainer::new(settings.train_config());
        assert_eq!(
            replayed.split().train.len(),
            generated.split().train.len() + 1
        );
    }

    #[test]
    fn edits_are_checked_like_every_setting() {
        let mut s = Settings::default();
        for bad in [
            "0.1,0.2,3",
            "2,0,1",
            "0.1,0.2",
            "NaN,0,1",
            "0,0,<b>",
            "0,0,del,1",
        ] {
            let checked = s.set("edits", bad).unwrap();
            assert!(checked.error.is_some(), "{bad}");
            assert_eq!(s.get("edits"), "");
        }
        let checked = s.set("edits", "0.12345,-1,DEL,0.5,0.5,2").unwrap();
        assert!(checked.error.is_none());
        assert_eq!(s.get("edits"), "0.123,-1,del,0.5,0.5,2");
        let too_many = vec!["0,0,1"; crate::settings::MAX_EDITS + 1].join(",");
        assert!(s.set("edits", &too_many).unwrap().error.is_some());
    }
}
