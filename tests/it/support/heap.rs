//! A counting allocator for the test binary, so that a test can measure the heap its own
//! thread holds (the limits tests: bytes per logged-on VM, memory of a long replay). Counts are
//! per thread because tests run in parallel; a test that measures does all its work on its own
//! thread. The system allocator does the work.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Bytes allocated minus bytes freed by this thread. `const` initialisation: no allocation
    /// and no destructor, so the allocator may use it.
    static HELD: Cell<isize> = const { Cell::new(0) };
}

fn add(n: isize) {
    // During thread teardown the slot may be gone; the count then no longer matters.
    let _ = HELD.try_with(|h| h.set(h.get() + n));
}

// SAFETY: every call is passed to the system allocator unchanged; the counter only reads the
// sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        // SAFETY: the caller's layout obligations are passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-(layout.size() as isize));
        // SAFETY: `ptr` came from this allocator, which is the system's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size as isize - layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Heap bytes this thread holds now (allocated and not yet freed, by this thread).
pub fn held() -> isize {
    HELD.with(|h| h.get())
}
