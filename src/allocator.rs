//! The allocator of the `diplograph` binary: mimalloc, asked for plain
//! blocks whenever the alignment allows.
//!
//! Extraction makes many small short-lived allocations (token lists, names,
//! evidence strings) on every worker thread; mimalloc's per-thread free
//! lists serve them at a fraction of glibc malloc's cost. Its own Rust
//! wrapper asks for an aligned block on every call, which goes through a
//! slower generic path, and never grows a block in place. Every block
//! mimalloc hands out is aligned to at least a machine word, so a layout
//! asking for no more than that can take the plain calls.
//!
//! mimalloc is built without transparent huge pages (the `no_thp`
//! feature): it otherwise advises its arenas into 2 MB pages, and every
//! page it gives back and takes again is a fresh 2 MB page the kernel
//! zeroes. On the 200 MB build that was 7 % of the run in the kernel's
//! page clearing and about 40 MB of peak memory.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// What a plain `mi_malloc` block is always aligned to.
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

/// mimalloc as the global allocator: `#[global_allocator] static A:
/// MiMalloc = MiMalloc;`.
pub struct MiMalloc;

fn plain(layout: &Layout) -> bool {
    layout.align() <= WORD_ALIGN
}

// SAFETY: every call forwards to mimalloc, which returns blocks of at least
// the requested size, aligned as asked (`plain` only admits alignments that
// every mimalloc block has), and null when out of memory.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if plain(&layout) {
            mi::mi_malloc(layout.size()) as *mut u8
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if plain(&layout) {
            mi::mi_zalloc(layout.size()) as *mut u8
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if plain(&layout) {
            mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
        } else {
            mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &MiMalloc, size: usize, align: usize) {
        let layout = Layout::from_size_align(size, align).unwrap();
        unsafe {
            let p = a.alloc(layout);
            assert!(!p.is_null());
            assert_eq!(p as usize % align, 0, "size {size} align {align}");
            p.write_bytes(0xAB, size);
            let q = a.realloc(p, layout, size * 3 + 1);
            assert!(!q.is_null());
            assert_eq!(q as usize % align, 0, "realloc: size {size} align {align}");
            assert_eq!(*q.add(size - 1), 0xAB, "realloc keeps the contents");
            a.dealloc(q, Layout::from_size_align(size * 3 + 1, align).unwrap());
            let z = a.alloc_zeroed(layout);
            assert_eq!(z as usize % align, 0);
            assert!((0..size).all(|i| *z.add(i) == 0));
            a.dealloc(z, layout);
        }
    }

    #[test]
    fn blocks_are_aligned_as_asked_on_both_paths() {
        let a = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 13, 24, 40, 100, 1000, 70_000] {
                check(&a, size, align);
            }
        }
    }
}
