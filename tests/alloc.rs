//! The steady state allocates nothing: once warmed up, training steps (with their per-epoch
//! evaluation and history) and decision-map fills make no heap allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use losslab::bench;

/// Counts every allocation made through the global allocator.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    f();
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

// One test function, so no other test thread allocates while counting.
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

    let (mut map, model) = bench::decision_map();
    map.fill(&model);
    let n = allocations_during(|| {
        for _ in 0..3 {
            map.fill(&model);
        }
    });
    assert_eq!(n, 0, "the map allocated {n} times");
}
