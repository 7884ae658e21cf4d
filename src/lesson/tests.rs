use std::collections::HashSet;

use super::*;
use crate::text::{Lang, TEXTS, tr};

fn page(query: &str) -> Page {
    let (page, q) = Page::from_query(query);
    assert!(q.problems.is_empty(), "{query}: {:?}", q.problems);
    page
}

/// The step's scene with `more` applied over it.
fn page_of(step: &Step, more: &str) -> Page {
    page(&format!("{}&{more}", step.scene))
}

fn steps() -> impl Iterator<Item = &'static Step> {
    LESSONS.iter().flat_map(|l| l.steps.iter())
}

fn step(id: &str) -> &'static Step {
    steps().find(|s| s.id == id).unwrap()
}

#[test]
fn every_lesson_has_three_to_six_steps_with_scenes_and_solutions_the_settings_accept() {
    let mut ids = HashSet::new();
    for lesson in &LESSONS {
        assert!((3..=6).contains(&lesson.steps.len()), "{}", lesson.id());
        for step in lesson.steps {
            assert!(ids.insert(step.id), "two steps are {}", step.id);
            assert!(!step.sections.is_empty());
            page(step.scene);
            page_of(step, step.solution);
            if let Some(q) = step.question {
                assert!((2..=5).contains(&q.options));
                if let Answer::Fixed(i) = q.answer {
                    assert!(i < q.options);
                }
            }
        }
    }
}

#[test]
fn every_text_of_every_step_is_there_in_both_languages_and_no_other_lesson_text() {
    let mut keys = Vec::new();
    for lesson in &LESSONS {
        keys.push(lesson.title_key());
        for step in lesson.steps {
            for part in ["task", "hint1", "hint2", "hint3", "done"] {
                keys.push(step.key(part));
            }
            if let Some(q) = step.question {
                keys.push(step.key("question"));
                keys.extend((1..=q.options).map(|i| step.key(&format!("option{i}"))));
            }
        }
    }
    for key in &keys {
        for lang in [Lang::En, Lang::Zh] {
            assert!(!tr(lang, key).is_empty(), "{key} in {lang:?}");
        }
    }
    let wanted: HashSet<&str> = keys.iter().map(String::as_str).collect();
    for (key, _, _) in TEXTS.iter().filter(|(k, _, _)| k.starts_with("lesson.")) {
        assert!(wanted.contains(key), "{key} belongs to no lesson");
    }
}

#[test]
fn no_step_is_done_before_the_reader_works_and_every_solution_reaches_its_goal() {
    for step in steps() {
        let right = |p: &Page| step.question.and_then(|q| q.right(p));
        let only_an_answer = matches!(step.goal, Goal::Answered);
        // The scene as set up: not done, but for a step that only asks a question (answered
        // right here, so that the rest of the goal is what is checked).
        let fresh = page(step.scene);
        assert_eq!(
            step.reached(&fresh, right(&fresh)),
            only_an_answer,
            "{}: the scene as set up",
            step.id
        );
        // The scene played without the solution's changes: still not done, where there are
        // changes to make.
        if !step.solution.is_empty() {
            let mut played = page(step.scene);
            step.play(&mut played, 600);
            assert!(
                !step.reached(&played, right(&played)),
                "{}: the scene played",
                step.id
            );
        }
        // The solution, played: done, and only with the right answer.
        let mut solved = page_of(step, step.solution);
        step.play(&mut solved, 600);
        let answer = right(&solved);
        assert!(step.reached(&solved, answer), "{}: the solution", step.id);
        if let Some(q) = step.question {
            let right = answer.unwrap();
            let wrong = (right + 1) % q.options;
            assert!(
                !step.reached(&solved, Some(wrong)),
                "{}: wrong answer",
                step.id
            );
            assert!(!step.reached(&solved, None), "{}: no answer", step.id);
            assert_eq!(step.prediction_held(&solved, Some(right)), Some(true));
            assert_eq!(step.prediction_held(&solved, Some(wrong)), Some(false));
        }
    }
}

#[test]
fn goals_that_say_what_may_change_fail_when_something_else_changed() {
    // A low loss by another true class does not count, nor by another temperature.
    let s = step("softmax-low-loss");
    assert!(s.reached(&page_of(s, "score-cat=7.5"), None));
    assert!(!s.reached(&page_of(s, "label=dog"), None));
    assert!(!s.reached(&page_of(s, "score-cat=7.5&temperature=0.9"), None));
    // Cat and dog made equal by their scores, not by the temperature, does not count.
    let s = step("softmax-temperature");
    assert!(s.reached(&page_of(s, "temperature=6"), None));
    assert!(
        !s.reached(&page_of(s, "temperature=5.5"), None),
        "8 % apart"
    );
    assert!(!s.reached(&page_of(s, "score-dog=3.2"), None));
    // Two scores moved by 5 and one by 4 is not a shift.
    let s = step("softmax-shift");
    let shifted = "score-cat=8.2&score-dog=10.1&score-sheep=3.3";
    assert!(s.reached(&page_of(s, shifted), Some(1)));
    assert!(!s.reached(
        &page_of(s, "score-cat=8.2&score-dog=10.1&score-sheep=2.3"),
        Some(1)
    ));
    // Training with another loss does not count.
    let s = step("losses-hinge");
    let mut p = page_of(s, "loss=cross-entropy&lr=0.1");
    s.play(&mut p, 600);
    assert!(p.train().numbers().metrics.train_accuracy >= 0.9);
    assert!(!s.reached(&p, None));
}

#[test]
fn a_measured_prediction_waits_for_its_outcome() {
    let s = step("penalties-more-zeros");
    let mut p = page(s.scene);
    assert_eq!(
        s.prediction_held(&p, Some(1)),
        None,
        "the runs have not run"
    );
    s.play(&mut p, 600);
    // L1 makes exact zeros; no penalty and L2 do not.
    assert_eq!(s.question.unwrap().right(&p), Some(1));
    assert_eq!(s.prediction_held(&p, Some(1)), Some(true));
    assert_eq!(s.prediction_held(&p, None), None);
}

#[test]
fn two_minima_needs_two_balls_at_rest_in_different_basins() {
    let s = step("minima-two");
    // Two balls in the same basin: one minimum.
    let mut same = page_of(s, "balls=-0.5,1.5,gd,-1.5,1.5,gd");
    s.play(&mut same, 2000);
    assert!(!s.reached(&same, None));
    let mut two = page_of(s, s.solution);
    s.play(&mut two, 2000);
    assert!(s.reached(&two, None));
}

#[test]
fn every_lesson_choice_but_none_is_a_lesson_and_a_step_s_query_sets_up_its_scene() {
    for &choice in LessonChoice::ALL {
        assert_eq!(Lesson::of(choice).is_some(), choice != LessonChoice::Off);
    }
    let lesson = Lesson::of(LessonChoice::Softmax).unwrap();
    let q = lesson.query(3, false);
    assert_eq!(q, "lesson=softmax&step=3");
    let p = page(&with_scene(&q));
    assert_eq!(p.settings().view.lesson, LessonChoice::Softmax);
    assert_eq!(p.settings().view.step, 3);
    assert_eq!(p.settings().softmax.scores, [3.2, 3.5, -1.7]);
    let solved = page(&with_scene(&lesson.query(3, true)));
    assert!(lesson.steps[2].reached(&solved, None));
    // A step past the end is the last one.
    assert_eq!(lesson.step(9).0, 2);
    assert_eq!(lesson.step(0).0, 0);
}

#[test]
fn a_query_naming_a_step_starts_from_its_scene_with_the_query_over_it() {
    let p = page(&with_scene("?lesson=softmax&step=3"));
    assert_eq!(p.settings().softmax.scores, [3.2, 3.5, -1.7]);
    let p = page(&with_scene("lesson=softmax&step=3&score-dog=4"));
    assert_eq!(p.settings().softmax.scores, [3.2, 4.0, -1.7]);
    assert_eq!(with_scene("seed=3"), "seed=3");
    assert_eq!(with_scene("lesson=bogus"), "lesson=bogus");
}

#[test]
fn the_answer_key_gives_each_questions_right_option_as_its_solution_shows_it() {
    for step in steps() {
        let Some(q) = step.question else {
            assert_eq!(step.expected_answer(), None, "{}", step.id);
            continue;
        };
        let answer = step.expected_answer();
        assert!(answer.is_some_and(|a| a < q.options), "{}", step.id);
        // The key's answer is the one that completes the step once its solution is played.
        let mut page = page_of(step, step.solution);
        step.play(&mut page, 2000);
        assert!(step.reached(&page, answer), "{}", step.id);
        let wrong = (answer.unwrap() + 1) % q.options;
        assert_eq!(
            step.prediction_held(&page, Some(wrong)),
            Some(false),
            "{}",
            step.id
        );
    }
}
