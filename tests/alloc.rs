//! The steady state allocates nothing: once warmed up, training steps (with their per-epoch
//! evaluation and history) and decision-map fills make no heap allocation.

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
