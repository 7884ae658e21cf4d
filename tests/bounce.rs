//! A ball whose loss bounces instead of falling (an η too large to settle, too small to blow up)
//! is told apart from one that rolls down, jitters at a minimum (SGD) or overshoots once
//! (momentum): checked after every update, over every toy surface, rule and start.

use losslab::engine::optimizer::{Optimizer, OptimizerKind};
use losslab::engine::stop::StopRules;
use losslab::engine::surface::{Ball, ToySurface};
use losslab::scene::descent::{Descent, DescentSurface, TOY_BOUNCE_FLOOR, presets};

const STEPS: u64 = 3000;

fn rules() -> StopRules {
    StopRules {
        max_iterations: STEPS,
        loss_below: 0.0,
        gradient_below: 0.0,
    }
}

/// A ball on `surface` from `start`, as the Descent section drops it.
fn ball(surface: &mut ToySurface, start: [f64; 2], optimizer: Optimizer) -> Ball {
    let mut b = Ball::new(surface, start, optimizer, 7);
    b.bounce_floor = TOY_BOUNCE_FLOOR;
    b
}

/// How many of `STEPS` updates left the ball bouncing, and the number of the first.
fn bounces(
    surface: ToySurface,
    start: [f64; 2],
    optimizer: Optimizer,
    eta: f64,
) -> (u64, Option<u64>) {
    let mut s = surface;
    let mut b = ball(&mut s, start, optimizer);
    let (mut count, mut first) = (0, None);
    for i in 0..STEPS {
        b.step(&mut s, eta, &rules());
        if b.bouncing() {
            count += 1;
            first.get_or_insert(i);
        }
    }
    (count, first)
}

#[test]
fn no_ball_at_a_small_or_good_step_size_ever_bounces_from_any_start() {
    for surface in ToySurface::ALL {
        let [small, good, ..] = presets(surface.curvature());
        let mut starts = vec![surface.default_start()];
        starts.extend(surface.minima());
        for eta in [small, good] {
            for kind in OptimizerKind::ALL {
                for &start in &starts {
                    let (count, first) = bounces(surface, start, kind.optimizer(), eta);
                    assert_eq!(
                        count, 0,
                        "{surface:?}, {kind:?}, η = {eta}, from {start:?}: bouncing from update {first:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn gradient_descent_never_bounces_on_the_quadratics_even_at_the_too_large_step() {
    // On a quadratic, each direction's loss shrinks by (1 − ηλ)² < 1 per step below η = 2/λ:
    // the zig-zag is monotone in loss.
    for surface in [ToySurface::Bowl, ToySurface::Valley] {
        let too_large = presets(surface.curvature())[2];
        let (count, _) = bounces(
            surface,
            surface.default_start(),
            Optimizer::GradientDescent,
            too_large,
        );
        assert_eq!(count, 0, "{surface:?}");
    }
}

#[test]
fn a_ball_caught_in_a_two_step_cycle_bounces_until_it_stops_and_then_not() {
    // Gradient descent on the two minima at 1.3 × the far-too-large preset: the ball jumps from
    // wall to wall for ever, its loss up and down, never diverging.
    let surface = ToySurface::TwoMinima;
    let eta = 1.3 * presets(surface.curvature())[3];
    let mut s = surface;
    let mut b = ball(&mut s, surface.default_start(), Optimizer::GradientDescent);
    let mut from_100 = 0;
    for i in 0..STEPS - 1 {
        b.step(&mut s, eta, &rules());
        if i >= 100 && b.bouncing() {
            from_100 += 1;
        }
    }
    assert!(b.stopped.is_none());
    assert!(
        from_100 as f64 >= 0.9 * (STEPS - 101) as f64,
        "bouncing at {from_100} of {} updates",
        STEPS - 101
    );
    // Never settling: over its last 100 updates the loss still spans more than 0.3, above the
    // deeper minimum's value by 0.3 on average.
    let last = &b.losses[b.losses.len() - 100..];
    let (low, high) = last
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    let mean = last.iter().sum::<f64>() / 100.0;
    let deepest = surface.at(surface.minima()[0]);
    assert!(
        high - low > 0.3 && mean > deepest + 0.3,
        "{low}..{high}, mean {mean}"
    );
    // The last update reaches the iteration limit: a stopped ball is not said to bounce.
    b.step(&mut s, eta, &rules());
    assert!(b.stopped.is_some());
    assert!(!b.bouncing());
}

#[test]
fn sgd_at_the_too_large_step_bounces_even_from_the_minimum_but_not_at_the_good_one() {
    // Dropped at the bowl's minimum, a ball has not come down at all: the floor is what its
    // steps are measured against.
    let surface = ToySurface::Bowl;
    let [_, good, too_large, _] = presets(surface.curvature());
    let (count, first) = bounces(surface, [0.0, 0.0], Optimizer::Sgd, too_large);
    assert!(
        count >= STEPS / 3,
        "bouncing at {count} of {STEPS}, first {first:?}"
    );
    assert!(first.is_some_and(|f| f < 100), "{first:?}");
    assert_eq!(bounces(surface, [0.0, 0.0], Optimizer::Sgd, good).0, 0);
}

#[test]
fn the_descent_section_gives_each_ball_the_floor_and_a_reset_forgets_the_bounce() {
    let mut d = Descent::new(
        DescentSurface::Toy(ToySurface::TwoMinima),
        Optimizer::GradientDescent,
    );
    let eta = 1.3 * presets(ToySurface::TwoMinima.curvature())[3];
    d.drop_ball([0.0, 0.0], Optimizer::Sgd);
    for (ball, _) in d.balls() {
        assert_eq!(ball.bounce_floor, TOY_BOUNCE_FLOOR);
    }
    d.step(200, eta, &rules());
    let first = d.balls().next().unwrap().0;
    assert!(
        first.bouncing(),
        "the default start's ball at η = {eta} after 200 updates"
    );
    d.reset();
    for (ball, _) in d.balls() {
        assert!(!ball.bouncing());
        assert_eq!(ball.bounce_floor, TOY_BOUNCE_FLOOR);
    }
}
