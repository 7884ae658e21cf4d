//! The steady state allocates nothing: once warmed up, training steps (with their per-epoch
//! checks and history), decision-map fills and the scene's frames of every animating section
//! make no heap allocation.
//!
//! Native only: in WebAssembly the page's own allocator counts (`App::allocations`, which the
//! browser benchmark reads), and a binary has one global allocator.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use losslab::bench;

/// Counts the allocations each thread makes through the global allocator (per thread, so the
/// test harness's own threads cannot disturb the count).
struct Counting;

thread_local! {
    // Const-initialized: reading it never allocates, so the allocator may use it.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    // During thread teardown the slot may be gone; those allocations are not ours.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn training_and_drawing_the_map_allocate_nothing_once_warm() {
    let mut trainer = bench::trainer();
    trainer.step(100);
    // 3000 updates: 120 epochs with their evaluations and history entries.
    let n = allocations_during(|| {
        trainer.step(3000);
        trainer.refresh();
    });
    assert_eq!(n, 0, "training allocated {n} times");
    assert!(trainer.iteration() >= 3100);

    // A control: building them does allocate, and is counted.
    let mut built = None;
    assert!(allocations_during(|| built = Some(bench::decision_map())) > 0);
    let (mut map, model) = built.expect("built above");
    map.fill(&model);
    let n = allocations_during(|| {
        for _ in 0..3 {
            map.fill(&model);
        }
    });
    assert_eq!(n, 0, "the map allocated {n} times");
}

#[test]
fn the_scene_frames_of_every_animating_section_allocate_nothing_once_warm() {
    use losslab::engine::surface::TRAIL_CAP;
    use losslab::scene::page::Page;
    use losslab::settings::Section;
    // Train (with a picked point following), both runs' sections, and three balls on a surface.
    let (mut page, _) = Page::from_query(
        "?hidden=8,8,8&max-iter=10000000&grad-eps=0&d-optimizer=sgd&d-max-iter=100000&d-grad-eps=0",
    );
    page.pick([0.1, 0.2]);
    for at in [[-0.5, 0.5], [0.5, -0.5], [0.2, 0.3]] {
        page.drop_ball(at);
    }
    let frames = |page: &mut Page| {
        page.frame();
        page.runs_frame(Section::Losses);
        page.runs_frame(Section::Penalties);
        page.balls_frame();
    };
    for _ in 0..50 {
        frames(&mut page);
    }
    // The balls' trails grow until they hold TRAIL_CAP points, then stay: that is their steady state.
    while page
        .descent()
        .balls()
        .any(|(b, _)| b.trail.len() < TRAIL_CAP)
    {
        page.balls_frame();
    }
    let n = allocations_during(|| {
        for _ in 0..200 {
            frames(&mut page);
        }
    });
    assert_eq!(n, 0, "the frames allocated {n} times");
    // Every section did train while counted.
    assert!(page.train().trainer().iteration() >= 250 * 6);
    for section in [Section::Losses, Section::Penalties] {
        let runs = page.runs(section).expect("the section has runs");
        assert!(
            runs.runs().all(|(_, t)| t.iteration() >= 250 * 6),
            "{section:?}"
        );
    }
    assert!(page.descent().balls().count() >= 3);
    assert!(page.descent().balls().all(|(b, _)| b.stopped.is_none()));
}
