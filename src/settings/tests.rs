//! The settings boundary, as a specification.

use super::*;
use crate::engine::activation::Activation;
use crate::engine::data::DataKind;
use crate::engine::loss::Loss;
use crate::engine::optimizer::OptimizerKind;
use crate::engine::penalty::PenaltyKind;

fn lr(raw: &str, current: f64) -> (String, Option<InputError>) {
    let mut s = Settings::default();
    s.set(Setting::LearningRate(current));
    let c = s.set_text(Key::LearningRate, raw);
    (c.setting.text(), c.error)
}

#[test]
fn every_default_passes_its_own_check_and_reads_back_the_same() {
    let s = Settings::default();
    for p in &PARAMS {
        let verdict = check::check_text(&p.domain, p.default);
        assert!(matches!(verdict, Verdict::Accepted(_)), "{}", p.name);
        assert_eq!(s.text(p.key), p.default, "{} is not canonical", p.name);
        assert_eq!(s.get(p.key).key(), p.key);
    }
    assert_eq!(s.query(), "");
}

#[test]
fn every_parameter_and_choice_has_a_label_in_both_languages() {
    for p in &PARAMS {
        for lang in [Lang::En, Lang::Zh] {
            assert!(
                !crate::text::tr(lang, &format!("param.{}", p.name)).is_empty(),
                "{}",
                p.name
            );
            if let Domain::Choice(names) = p.domain {
                for o in (0..).map_while(names) {
                    let key = format!("choice.{}.{o}", p.name);
                    assert!(!crate::text::tr(lang, &key).is_empty(), "{key}");
                }
            }
        }
    }
}

#[test]
fn every_setting_round_trips_through_the_url() {
    // A value other than the default for every setting, written as the URL writes it, read back.
    let mut s = Settings::default();
    let edits = vec![
        Edit {
            at: [0.5, -0.25],
            kind: EditKind::AddSheep,
        },
        Edit {
            at: [-1.15, 1.0],
            kind: EditKind::Remove,
        },
    ];
    let balls = vec![BallStart {
        at: [-1.5, 2.25],
        optimizer: OptimizerKind::Momentum,
    }];
    for setting in [
        Setting::Data(DataKind::Spiral),
        Setting::Noise(0.2),
        Setting::Samples(123),
        Setting::TrainShare(0.75),
        Setting::Seed(4_000_000_000),
        Setting::Hidden(vec![3, 16, 1]),
        Setting::Activation(Activation::Relu),
        Setting::Loss(Loss::Hinge),
        Setting::Penalty(PenaltyKind::ElasticNet),
        Setting::Lambda(0.02),
        Setting::L1Ratio(0.25),
        Setting::Optimizer(OptimizerKind::Adam),
        Setting::LearningRate(0.5),
        Setting::Batch(32),
        Setting::MaxIterations(77),
        Setting::LossBelow(0.01),
        Setting::GradientBelow(0.5),
        Setting::Speed(60),
        Setting::Edits(edits),
        Setting::Score(Class::Cat, -3.5),
        Setting::Score(Class::Dog, 19.25),
        Setting::Score(Class::Sheep, 0.0),
        Setting::Label(Class::Sheep),
        Setting::Temperature(2.5),
        Setting::Entry(Vector::W1, 0, -1.0),
        Setting::Entry(Vector::W1, 3, 7.0),
        Setting::Entry(Vector::W2, 1, 0.5),
        Setting::Entry(Vector::X, 2, -9.75),
        Setting::RunsLambda(0.1),
        Setting::PlanePenalty(PlanePenalty::ElasticNet),
        Setting::PlaneLambda(1.5),
        Setting::Surface(SurfaceKind::SliceRandom),
        Setting::DescentOptimizer(OptimizerKind::Sgd),
        Setting::DescentLearningRate(0.003),
        Setting::DescentMaxIterations(99),
        Setting::DescentLossBelow(0.1),
        Setting::DescentGradientBelow(0.0),
        Setting::Balls(balls),
        Setting::Panel(Panel::One(Section::Descent)),
        Setting::Embed(true),
        Setting::Present(true),
        Setting::Host(vec![
            "https://blog.example".to_string(),
            "http://127.0.0.1:8820".to_string(),
        ]),
        Setting::Lock([Key::LearningRate, Key::Balls].into_iter().collect()),
        Setting::Hide([Key::Seed].into_iter().collect()),
    ] {
        let key = setting.key();
        let change = s.set(setting.clone());
        assert_eq!(change.error, None, "{}", key.name());
        assert!(change.changed, "{} was already {:?}", key.name(), setting);
        assert_eq!(s.get(key), setting);
    }
    // Every setting but the untouched entries differs from its default.
    let q = s.query();
    let back = Settings::from_query(&q);
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.settings, s, "{q}");
    for p in &PARAMS {
        assert_eq!(back.settings.text(p.key), s.text(p.key), "{}", p.name);
    }
}

#[test]
fn lists_of_balls_are_checked_and_written_canonically() {
    let mut s = Settings::default();
    let ok = s.set_text(Key::Balls, " -1.23456, 2 , ADAM, 0.5,-0.5,gd ");
    assert_eq!(ok.setting.text(), "-1.235,2,adam,0.5,-0.5,gd");
    assert_eq!(ok.error, None);
    assert_eq!(s.set_text(Key::Balls, "").setting.text(), "");
    for bad in [
        "1,2",
        "1,2,rmsprop",
        "NaN,0,gd",
        "1e9,0,gd",
        "inf,0,gd",
        "<b>,0,gd",
        &"0,0,gd,".repeat(9),
        &"1".repeat(500),
    ] {
        s.set_text(Key::Balls, "0,0,gd");
        let c = s.set_text(Key::Balls, bad);
        assert_eq!(
            (c.setting.text().as_str(), c.error),
            ("0,0,gd", Some(InputError::BadMarks)),
            "{bad}"
        );
    }
    s.set_text(Key::Balls, "0.3,1.6,sgd,-1,1,momentum");
    let balls = &s.descent.balls;
    assert_eq!(balls.len(), 2);
    assert_eq!(balls[0].at, [0.3, 1.6]);
    assert_eq!(balls[1].optimizer, OptimizerKind::Momentum);
}

#[test]
fn numbers_out_of_range_are_clamped_and_named() {
    assert_eq!(lr("0.1", 0.03), ("0.1".into(), None));
    assert_eq!(lr("50", 0.03), ("10".into(), Some(InputError::AboveMax)));
    assert_eq!(lr("-1", 0.03).0, "0.0001");
    assert_eq!(lr("1e-9", 0.03).1, Some(InputError::BelowMin));
    let mut s = Settings::default();
    assert_eq!(s.set_text(Key::Lambda, "-0").setting.text(), "0");
    // A typed value from the program is held to the same bounds.
    let c = s.set(Setting::Score(Class::Dog, 25.0));
    assert_eq!(
        (c.setting, c.error),
        (Setting::Score(Class::Dog, 20.0), Some(InputError::AboveMax))
    );
    assert_eq!(s.softmax.scores[1], 20.0);
    let c = s.set(Setting::LearningRate(f64::NAN));
    assert_eq!(c.error, Some(InputError::NotANumber));
    assert!(!c.changed);
    assert_eq!(s.train.learning_rate, 0.03);
}

#[test]
fn nan_infinity_and_garbage_keep_a_safe_value() {
    for raw in [
        "NaN",
        "nan",
        "",
        "abc",
        "0x10",
        "1,5",
        "<img src=x onerror=alert(1)>",
    ] {
        assert_eq!(
            lr(raw, 0.03),
            ("0.03".into(), Some(InputError::NotANumber)),
            "{raw}"
        );
    }
    assert_eq!(lr("inf", 0.03).0, "10");
    assert_eq!(lr("-Infinity", 0.03).0, "0.0001");
    assert_eq!(lr(&"9".repeat(500), 0.03).1, Some(InputError::NotANumber));
}

#[test]
fn integers_and_choices_and_widths_are_checked() {
    let mut s = Settings::default();
    let c = s.set_text(Key::Seed, "2.5");
    assert_eq!(
        (c.error, c.setting),
        (Some(InputError::NotAnInteger), Setting::Seed(3))
    );
    assert_eq!(
        s.set_text(Key::Loss, "HINGE").setting,
        Setting::Loss(Loss::Hinge)
    );
    // An unknown name is refused, never mapped to something else.
    let c = s.set_text(Key::Loss, "huber");
    assert_eq!(
        (c.error, c.setting),
        (Some(InputError::UnknownChoice), Setting::Loss(Loss::Hinge))
    );
    let c = s.set_text(Key::Optimizer, "rmsprop");
    assert_eq!(c.error, Some(InputError::UnknownChoice));
    assert_eq!(s.train.optimizer, OptimizerKind::Sgd);
    let c = s.set_text(Key::Surface, "volcano");
    assert_eq!(c.error, Some(InputError::UnknownChoice));
    assert_eq!(s.descent.surface, SurfaceKind::TwoMinima);
    s.set(Setting::Hidden(vec![8]));
    assert_eq!(s.set_text(Key::Hidden, " 4, 16 ").setting.text(), "4,16");
    assert_eq!(s.set_text(Key::Hidden, "").setting.text(), "");
    // Up to six hidden layers, as in TF Playground.
    assert_eq!(
        s.set_text(Key::Hidden, "8,8,8,8,8,8").setting.text(),
        "8,8,8,8,8,8"
    );
    for bad in ["0", "17", "1,2,3,4,5,6,7", "a,b", "-1", ",", "8,,8", "8,"] {
        s.set(Setting::Hidden(vec![8]));
        let c = s.set_text(Key::Hidden, bad);
        assert_eq!(c.error, Some(InputError::BadWidths), "{bad}");
        assert_eq!(s.train.hidden, vec![8], "{bad}");
    }
}

#[test]
fn messages_name_the_input_and_the_bound_in_both_languages() {
    let p = Key::LearningRate.param();
    let m = message(Lang::En, p, InputError::AboveMax, "50", "10");
    assert_eq!(m, "50 is above the largest allowed value, 10; used 10.");
    let m = message(Lang::Zh, p, InputError::AboveMax, "50", "10");
    assert!(m.contains("50") && m.contains("10") && m.contains("最大值"));
}

#[test]
fn a_query_sets_what_it_can_and_reports_the_rest() {
    let q = Settings::from_query("?lr=0.1&lang=zh&noise=abc&what=1&debug=1&seed=9");
    assert_eq!(q.settings.train.learning_rate, 0.1);
    assert_eq!(q.settings.train.seed, 9);
    assert_eq!(q.settings.train.noise, 0.35);
    assert_eq!(q.lang, Some(Lang::Zh));
    assert_eq!(q.given, vec![Key::LearningRate, Key::Noise, Key::Seed]);
    assert_eq!(q.problems.len(), 2);
    assert_eq!(q.problems[0].error, Some(InputError::NotANumber));
    assert_eq!(
        q.problems[0].message(Lang::En, &q.settings),
        "noise: “abc” is not a number; kept 0.35."
    );
    assert_eq!(
        (q.problems[1].key.as_str(), q.problems[1].error),
        ("what", None)
    );
}

#[test]
fn settings_build_the_training_configuration() {
    let mut s = Settings::default();
    s.set_text(Key::Hidden, "3,5");
    s.set_text(Key::Penalty, "elastic-net");
    s.set_text(Key::L1Ratio, "0.25");
    s.set_text(Key::Optimizer, "adam");
    let c = s.train.config();
    assert_eq!(c.hidden, vec![3, 5]);
    assert_eq!(
        c.regularizer.penalty,
        crate::engine::penalty::Penalty::ElasticNet { l1_ratio: 0.25 }
    );
    assert!(matches!(
        c.optimizer,
        crate::engine::optimizer::Optimizer::Adam { .. }
    ));
    assert_eq!(c.data.seed, 1);
    assert_eq!(c.learning_rate, 0.03);
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
        let c = s.set_text(Key::Edits, bad);
        assert!(c.error.is_some(), "{bad}");
        assert!(s.train.edits.is_empty());
    }
    let c = s.set_text(Key::Edits, "0.12345,-1,DEL,0.5,0.5,2");
    assert!(c.error.is_none());
    assert_eq!(s.text(Key::Edits), "0.123,-1,del,0.5,0.5,2");
    assert_eq!(s.train.edits[1].kind.class(), Some(Class::Sheep));
    let too_many = vec!["0,0,1"; MAX_EDITS + 1].join(",");
    assert!(s.set_text(Key::Edits, &too_many).error.is_some());
}

#[test]
fn a_locked_or_hidden_setting_keeps_its_value_against_every_change() {
    let mut s = Settings::from_query("lr=0.5&seed=7&lock=lr,d-lr&hide=seed").settings;
    assert_eq!(s.view.locked().keys().count(), 3);
    for (key, raw) in [
        (Key::LearningRate, "3"),
        (Key::LearningRate, "1e9"),
        (Key::Seed, "8"),
        (Key::DescentLearningRate, "1"),
    ] {
        let before = s.text(key);
        let c = s.set_text(key, raw);
        assert_eq!(c.error, Some(InputError::Locked), "{} {raw}", key.name());
        assert!(!c.changed);
        assert_eq!(s.text(key), before);
    }
    let c = s.set(Setting::LearningRate(0.1));
    assert_eq!(
        (c.error, s.train.learning_rate),
        (Some(InputError::Locked), 0.5)
    );
    // The same value again is no change and no error; an unlocked setting changes as before.
    assert_eq!(s.set_text(Key::LearningRate, "0.5").error, None);
    assert_eq!(s.set_text(Key::Batch, "20").error, None);
    assert_eq!(s.train.batch, 20);
    // A lock is never lifted: the lists only grow.
    let c = s.set_text(Key::Lock, "");
    assert_eq!(c.error, Some(InputError::Locked));
    assert_eq!(s.text(Key::Lock), "lr,d-lr");
    assert_eq!(s.set_text(Key::Lock, "lr,d-lr,batch").error, None);
    assert_eq!(s.text(Key::Lock), "lr,batch,d-lr");
    let c = s.set_text(Key::Hide, "noise");
    assert_eq!(c.error, Some(InputError::Locked));
    assert_eq!(s.text(Key::Hide), "noise,seed");
    // The messages say so in both languages.
    let param = Key::LearningRate.param();
    for lang in [Lang::En, Lang::Zh] {
        let m = message(lang, param, InputError::Locked, "3", "0.5");
        assert!(m.contains('3') && m.contains("0.5"), "{m}");
    }
}

#[test]
fn in_a_url_a_lock_holds_against_the_parameters_after_it() {
    let q = Settings::from_query("lr=0.5&lock=lr&lr=3&batch=20");
    assert_eq!(q.settings.train.learning_rate, 0.5);
    assert_eq!(q.settings.train.batch, 20);
    assert_eq!(q.problems.len(), 1);
    assert_eq!(
        (q.problems[0].key.as_str(), q.problems[0].error),
        ("lr", Some(InputError::Locked))
    );
    // Hidden is locked too; the page's own query writes the values before the locks.
    let q = Settings::from_query("hide=seed&seed=9");
    assert_eq!(q.settings.train.seed, 1);
    let back = Settings::from_query(&Settings::from_query("seed=9&hide=seed").settings.query());
    assert_eq!((back.settings.train.seed, back.problems.len()), (9, 0));
}

#[test]
fn only_names_of_controls_can_be_locked_and_only_origins_trusted() {
    for bad in [
        "panel",
        "lock",
        "host",
        "bogus",
        "<img src=x onerror=alert(1)>",
        "lr;batch",
        &"lr,".repeat(400),
    ] {
        let mut s = Settings::default();
        let c = s.set_text(Key::Lock, bad);
        assert_eq!(c.error, Some(InputError::BadKeys), "{bad}");
        assert!(s.view.locked().is_empty());
        assert_eq!(s.set_text(Key::Hide, bad).error, Some(InputError::BadKeys));
    }
    // A typo beside good names: the good names are locked, and the message says what was taken.
    let mut s = Settings::default();
    let c = s.set_text(Key::Lock, "lr,bogus,seed");
    assert_eq!(c.error, Some(InputError::BadKeys));
    assert_eq!(s.text(Key::Lock), "seed,lr");
    let mut s = Settings::default();
    assert_eq!(s.set_text(Key::Lock, " LR , seed ").error, None);
    assert_eq!(s.text(Key::Lock), "seed,lr");
    let c = s.set_text(Key::Host, "https://Blog.Example/,http://127.0.0.1:8821");
    assert_eq!(c.error, None);
    assert_eq!(
        s.view.host,
        ["https://blog.example", "http://127.0.0.1:8821"]
    );
    for bad in [
        "*",
        "null",
        "https://a.example/path",
        "https://a.example,*",
        "javascript:alert(1)",
        &"https://a.example,".repeat(5),
    ] {
        let c = s.set_text(Key::Host, bad);
        assert_eq!(c.error, Some(InputError::BadOrigins), "{bad}");
        assert_eq!(s.view.host.len(), 2);
    }
}

#[test]
fn a_link_to_another_scene_carries_the_view_the_hosts_and_the_locked_values() {
    let s = Settings::from_query(
        "lr=0.5&batch=20&seed=9&embed=1&host=https://blog.example&lesson=descent&lock=lr&hide=seed",
    )
    .settings;
    let carried = s.carried();
    assert_eq!(
        carried,
        "seed=9&lr=0.5&embed=1&lock=lr&hide=seed&host=https%3A%2F%2Fblog.example"
    );
    // Over another scene, the carried values win and stay locked.
    let next = Settings::from_query(&format!("lr=3&seed=2&lesson=softmax&{carried}")).settings;
    assert_eq!((next.train.learning_rate, next.train.seed), (0.5, 9));
    assert_eq!(next.train.batch, 10);
    assert!(next.view.embed && next.view.locked() == s.view.locked());
    assert_eq!(Settings::default().carried(), "");
}

#[test]
fn a_lock_on_a_default_value_is_written_and_carried_so_no_scene_can_change_it() {
    // Locked at their defaults: the iteration limit (500) and no balls.
    let s = Settings::from_query("lr=0.5&lock=d-max-iter,balls,lr").settings;
    let q = s.query();
    assert!(q.contains("d-max-iter=500") && q.contains("balls=&"), "{q}");
    let carried = s.carried();
    assert!(
        carried.starts_with("lr=0.5&d-max-iter=500&balls=&lock="),
        "{carried}"
    );
    // A scene that sets both, then the carried part: the locked defaults hold.
    let next =
        Settings::from_query(&format!("d-max-iter=1000&balls=-0.5,1.5,gd&lr=3&{carried}")).settings;
    assert_eq!(next.descent.stop.max_iterations, 500);
    assert!(next.descent.balls.is_empty());
    assert_eq!(next.train.learning_rate, 0.5);
    // Typed: another scene takes over the locked values, the view and the locks.
    let mut other =
        Settings::from_query("d-max-iter=1000&balls=-0.5,1.5,gd&seed=4&lock=seed").settings;
    other
        .carry_from(&Settings::from_query("embed=1&lr=0.5&lock=d-max-iter,lr&hide=batch").settings);
    assert_eq!(other.descent.stop.max_iterations, 500);
    assert_eq!(other.train.learning_rate, 0.5);
    assert_eq!(other.train.seed, 4);
    assert!(other.view.embed);
    assert_eq!(other.text(Key::Lock), "seed,lr,d-max-iter");
    assert_eq!(other.text(Key::Hide), "batch");
    assert!(!other.descent.balls.is_empty());
}
