//! A virtual machine's storage: sparse. Defined storage costs nothing until it is written;
//! untouched storage reads as zeros; every access is checked against the defined size.
//!
//! Storage is a table of 64K segments (as VM/370's), each of 16 4K pages, made as far as the
//! highest segment written. A page holds only the extent of it that was written, in 64-byte
//! grains: a program touches a few dozen bytes of most pages it uses (a parameter list, a
//! 40-byte interrupt buffer), and ten thousand VMs each touching four pages would otherwise
//! cost 160 MB. An extent that grows past a quarter of the page becomes the whole page, so
//! filling a page costs a bounded number of reallocations.

/// Bytes in a page: the unit of the second-level table.
pub(crate) const PAGE: usize = 4096;
/// Pages in a segment (64K, as VM/370's segments): the unit of the first-level table.
const PAGES_PER_SEGMENT: usize = 16;
const SEGMENT: usize = PAGE * PAGES_PER_SEGMENT;
/// The largest storage a VM may define (16M).
pub const MAX_STORAGE: u32 = 16 << 20;
/// Extents start and end on this boundary.
const GRAIN: usize = 64;
/// An extent that would be longer than this is made the whole page instead.
const WHOLE: usize = PAGE / 4;

/// The written extent of a page: `bytes` are the page's bytes from offset `lo`; the rest of
/// the page reads as zeros.
#[derive(Debug, Clone)]
struct Page {
    lo: u16,
    bytes: Box<[u8]>,
}

type Segment = [Option<Page>; PAGES_PER_SEGMENT];

/// The extent to allocate for offsets `from..to` of a page.
fn extent(from: usize, to: usize) -> (usize, usize) {
    let (lo, hi) = (from / GRAIN * GRAIN, to.next_multiple_of(GRAIN));
    if hi - lo > WHOLE { (0, PAGE) } else { (lo, hi) }
}

impl Page {
    fn new(from: usize, to: usize) -> Page {
        let (lo, hi) = extent(from, to);
        Page {
            lo: lo as u16,
            bytes: vec![0; hi - lo].into_boxed_slice(),
        }
    }

    fn lo(&self) -> usize {
        usize::from(self.lo)
    }

    fn hi(&self) -> usize {
        self.lo() + self.bytes.len()
    }

    /// Grows the extent so that it holds offsets `from..to`.
    fn cover(&mut self, from: usize, to: usize) {
        if from >= self.lo() && to <= self.hi() {
            return;
        }
        let mut grown = Page::new(from.min(self.lo()), to.max(self.hi()));
        let at = self.lo() - grown.lo();
        grown.bytes[at..at + self.bytes.len()].copy_from_slice(&self.bytes);
        *self = grown;
    }

    /// Offsets `off..off+len` as one slice, if they lie inside the extent.
    fn slice(&self, off: usize, len: usize) -> Option<&[u8]> {
        let at = off.checked_sub(self.lo())?;
        self.bytes.get(at..at + len)
    }

    /// Copies offsets `off..off+dst.len()` into `dst`, zeros outside the extent.
    fn read(&self, off: usize, dst: &mut [u8]) {
        if let Some(s) = self.slice(off, dst.len()) {
            dst.copy_from_slice(s);
            return;
        }
        let end = off + dst.len();
        let (from, to) = (off.max(self.lo()), end.min(self.hi()));
        if from >= to {
            dst.fill(0);
            return;
        }
        dst[..from - off].fill(0);
        dst[from - off..to - off].copy_from_slice(&self.bytes[from - self.lo()..to - self.lo()]);
        dst[to - off..].fill(0);
    }

    /// Stores `src` at offset `off`.
    fn write(&mut self, off: usize, src: &[u8]) {
        self.cover(off, off + src.len());
        let at = off - self.lo();
        self.bytes[at..at + src.len()].copy_from_slice(src);
    }
}

/// Whether `[a, a+alen)` and `[b, b+blen)` share a byte (an empty range shares none).
pub(crate) fn overlap(a: u32, alen: u32, b: u32, blen: u32) -> bool {
    let (a, alen, b, blen) = (u64::from(a), u64::from(alen), u64::from(b), u64::from(blen));
    alen > 0 && blen > 0 && a < b + blen && b < a + alen
}

/// Virtual storage of `size` bytes.
#[derive(Debug, Clone)]
pub struct Storage {
    size: u32,
    /// Segments up to the highest one written.
    segments: Vec<Option<Box<Segment>>>,
}

impl Storage {
    /// Storage of `size` bytes (at most 16M), all zeros, none of it allocated.
    pub fn new(size: u32) -> Storage {
        Storage {
            size: size.min(MAX_STORAGE),
            segments: Vec::new(),
        }
    }

    /// The defined size in bytes.
    pub fn size(&self) -> u32 {
        self.size
    }

    /// Whether `len` bytes from `addr` lie inside storage (a zero length needs `addr <= size`).
    pub fn contains(&self, addr: u32, len: u32) -> bool {
        u64::from(addr) + u64::from(len) <= u64::from(self.size)
    }

    /// Bytes of guest storage actually allocated (for measuring memory).
    pub fn resident_bytes(&self) -> usize {
        self.segments
            .iter()
            .flatten()
            .flat_map(|s| s.iter().flatten())
            .map(|p| p.bytes.len())
            .sum()
    }

    fn page(&self, addr: usize) -> Option<&Page> {
        self.segments.get(addr / SEGMENT)?.as_ref()?[addr % SEGMENT / PAGE].as_ref()
    }

    fn page_mut(&mut self, addr: usize) -> Option<&mut Page> {
        self.segments.get_mut(addr / SEGMENT)?.as_mut()?[addr % SEGMENT / PAGE].as_mut()
    }

    /// The table entry of the page at `addr`, made if need be.
    fn page_slot(&mut self, addr: usize) -> &mut Option<Page> {
        let s = addr / SEGMENT;
        if self.segments.len() <= s {
            self.segments.resize_with(s + 1, || None);
        }
        let seg = self.segments[s].get_or_insert_with(Box::default);
        &mut seg[addr % SEGMENT / PAGE]
    }

    /// Calls `f(addr, len)` for each piece of `[addr, addr+len)` that stays inside one page.
    fn pieces(addr: u32, len: u32, mut f: impl FnMut(usize, usize)) {
        let mut at = addr as usize;
        let end = at + len as usize;
        while at < end {
            let n = (PAGE - at % PAGE).min(end - at);
            f(at, n);
            at += n;
        }
    }

    /// Copies storage into `out`. `None` (and nothing read) if the range is outside storage.
    pub fn read(&self, addr: u32, out: &mut [u8]) -> Option<()> {
        let len = u32::try_from(out.len()).ok()?;
        if !self.contains(addr, len) {
            return None;
        }
        let mut done = 0;
        Self::pieces(addr, len, |at, n| {
            let dst = &mut out[done..done + n];
            match self.page(at) {
                Some(p) => p.read(at % PAGE, dst),
                None => dst.fill(0),
            }
            done += n;
        });
        Some(())
    }

    /// Appends `len` bytes from `addr` to `out`, piece by piece with no zero-fill first (the
    /// hot path of every data move). `None` (and nothing appended) if outside storage.
    pub fn append_to(&self, addr: u32, len: u32, out: &mut Vec<u8>) -> Option<()> {
        if !self.contains(addr, len) {
            return None;
        }
        out.reserve(len as usize);
        Self::pieces(addr, len, |at, n| {
            match self.page(at).and_then(|p| p.slice(at % PAGE, n)) {
                Some(s) => out.extend_from_slice(s),
                None => {
                    let from = out.len();
                    out.resize(from + n, 0);
                    if let Some(p) = self.page(at) {
                        p.read(at % PAGE, &mut out[from..]);
                    }
                }
            }
        });
        Some(())
    }

    /// Stores `bytes`. `None` (and nothing stored) if the range is outside storage.
    pub fn write(&mut self, addr: u32, bytes: &[u8]) -> Option<()> {
        let len = u32::try_from(bytes.len()).ok()?;
        if !self.contains(addr, len) {
            return None;
        }
        // Inside one page's extent (a parameter list, a header): no pieces, no growing.
        if let Some(dst) = self.slice_mut(addr, len) {
            dst.copy_from_slice(bytes);
            return Some(());
        }
        let mut done = 0;
        Self::pieces(addr, len, |at, n| {
            self.write_piece(at, &bytes[done..done + n]);
            done += n;
        });
        Some(())
    }

    /// Stores `src` at `at`, inside one page.
    fn write_piece(&mut self, at: usize, src: &[u8]) {
        let off = at % PAGE;
        match self.page_mut(at) {
            Some(p) => p.write(off, src),
            // Zeros into an untouched page change nothing: keep it unallocated.
            None if src.iter().all(|&b| b == 0) => {}
            None => {
                let mut p = Page::new(off, off + src.len());
                p.write(off, src);
                *self.page_slot(at) = Some(p);
            }
        }
    }

    /// Copies `len` bytes at `from` of `source` (another VM's storage) to `to` of this one,
    /// storage to storage. `None` (and nothing copied) if either range is outside its storage.
    pub(crate) fn copy_from(
        &mut self,
        source: &Storage,
        from: u32,
        to: u32,
        len: u32,
    ) -> Option<()> {
        if !source.contains(from, len) || !self.contains(to, len) {
            return None;
        }
        let (mut from, mut to, end) = (from as usize, to as usize, to as usize + len as usize);
        while to < end {
            // A piece inside one page on both sides: zeros before the source's extent, the
            // extent, zeros after it.
            let n = (PAGE - from % PAGE).min(PAGE - to % PAGE).min(end - to);
            let (off, stop) = (from % PAGE, from % PAGE + n);
            let (lo, hi) = source.page(from).map_or((stop, stop), |p| (p.lo(), p.hi()));
            let (inner, outer) = (
                off.max(lo).min(stop),
                stop.min(hi).max(off.max(lo).min(stop)),
            );
            if inner > off {
                self.write_piece(to, &ZEROS[..inner - off]);
            }
            if outer > inner
                && let Some(s) = source
                    .page(from)
                    .and_then(|p| p.slice(inner, outer - inner))
            {
                self.write_piece(to + (inner - off), s);
            }
            if stop > outer {
                self.write_piece(to + (outer - off), &ZEROS[..stop - outer]);
            }
            from += n;
            to += n;
        }
        Some(())
    }

    /// `len` bytes at `addr` as one slice, when they lie inside the written extent of one
    /// page; `None` otherwise. Such a slice stays valid until those bytes are written: an
    /// extent only grows. (Zeros of a page never written are not offered: the page's first
    /// write could make an extent that covers only part of them.)
    pub(crate) fn slice(&self, addr: u32, len: u32) -> Option<&[u8]> {
        let (at, n) = (addr as usize, len as usize);
        if !self.contains(addr, len) || (n > 0 && at / PAGE != (at + n - 1) / PAGE) {
            return None;
        }
        self.page(at)?.slice(at % PAGE, n)
    }
}

impl Storage {
    /// As [`Storage::slice`], to write in place.
    pub(crate) fn slice_mut(&mut self, addr: u32, len: u32) -> Option<&mut [u8]> {
        let (at, n) = (addr as usize, len as usize);
        if !self.contains(addr, len) || (n > 0 && at / PAGE != (at + n - 1) / PAGE) {
            return None;
        }
        let p = self.page_mut(at)?;
        let off = (at % PAGE).checked_sub(p.lo())?;
        p.bytes.get_mut(off..off + n)
    }
}

/// A page of zeros: what untouched storage reads as.
static ZEROS: [u8; PAGE] = [0; PAGE];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_storage_reads_zero_and_costs_nothing() {
        let s = Storage::new(MAX_STORAGE);
        let mut b = [0xFFu8; 16];
        s.read(MAX_STORAGE - 16, &mut b).unwrap();
        assert_eq!(b, [0; 16]);
        assert_eq!(s.resident_bytes(), 0);
    }

    #[test]
    fn addresses_past_the_end_are_refused() {
        let mut s = Storage::new(1 << 20);
        assert!(s.write((1 << 20) - 1, &[1, 2]).is_none());
        assert!(s.write((1 << 20) - 2, &[1, 2]).is_some());
        assert!(s.contains(1 << 20, 0));
        assert!(!s.contains(u32::MAX, 2));
        let mut b = [0u8; 2];
        assert!(s.read(1 << 20, &mut b).is_none());
        assert_eq!(s.resident_bytes(), GRAIN);
    }

    #[test]
    fn writes_across_pages_read_back() {
        let mut a = Storage::new(1 << 20);
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8 + 1).collect();
        a.write(4000, &data).unwrap();
        let mut back = vec![0; data.len()];
        a.read(4000, &mut back).unwrap();
        assert_eq!(back, data);
        // The first page from 3968 (the grain before 4000), two whole pages, and 1,712 bytes of
        // the last: more than a quarter page, so all of it.
        assert_eq!(a.resident_bytes(), 128 + 3 * PAGE);
        a.write(4000, &[0; 10_000]).unwrap();
        a.read(4000, &mut back).unwrap();
        assert!(back.iter().all(|&b| b == 0));
    }

    #[test]
    fn zero_writes_allocate_nothing() {
        let mut s = Storage::new(1 << 20);
        s.write(0, &[0; 9000]).unwrap();
        assert_eq!(s.resident_bytes(), 0);
    }

    #[test]
    fn a_page_holds_only_what_was_written_until_a_quarter_of_it() {
        let mut s = Storage::new(1 << 20);
        s.write(0x1010, &[1; 40]).unwrap();
        assert_eq!(s.resident_bytes(), GRAIN);
        s.write(0x1100, &[2; 8]).unwrap();
        assert_eq!(s.resident_bytes(), 0x140);
        s.write(0x1000, &[3; 4]).unwrap();
        assert_eq!(s.resident_bytes(), 0x140);
        let mut b = [9u8; 0x200];
        s.read(0xF80, &mut b).unwrap();
        assert!(b[..0x80].iter().all(|&x| x == 0));
        assert_eq!(&b[0x80..0x84], &[3; 4]);
        assert!(b[0x84..0x90].iter().all(|&x| x == 0));
        assert_eq!(&b[0x90..0xB8], &[1; 40]);
        assert_eq!(&b[0x180..0x188], &[2; 8]);
        assert!(b[0x188..].iter().all(|&x| x == 0));
        s.write(0x1FF0, &[4; 16]).unwrap();
        assert_eq!(s.resident_bytes(), PAGE);
    }

    #[test]
    fn segments_are_made_only_as_far_as_written() {
        let mut s = Storage::new(MAX_STORAGE);
        s.write(0x20000, &[1]).unwrap();
        assert_eq!(s.segments.len(), 3);
    }

    mod model {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// Any writes and reads give what a flat array of the same size gives.
            #[test]
            fn storage_reads_as_a_flat_array(
                ops in prop::collection::vec((0u32..0x6000, 0usize..5000, any::<u8>(), any::<bool>()), 1..40)
            ) {
                let size = 0x8000u32;
                let mut s = Storage::new(size);
                let mut flat = vec![0u8; size as usize];
                for (addr, len, byte, zero) in ops {
                    let byte = if zero { 0 } else { byte };
                    let data: Vec<u8> = (0..len).map(|i| byte.wrapping_add((i % 3) as u8)).collect();
                    let fits = addr as usize + len <= size as usize;
                    prop_assert_eq!(s.write(addr, &data).is_some(), fits);
                    if fits {
                        flat[addr as usize..addr as usize + len].copy_from_slice(&data);
                    }
                    let mut back = vec![0xEE; len];
                    prop_assert_eq!(s.read(addr, &mut back).is_some(), fits);
                    let mut appended = vec![7];
                    prop_assert_eq!(s.append_to(addr, len as u32, &mut appended).is_some(), fits);
                    if fits {
                        prop_assert_eq!(&back[..], &flat[addr as usize..addr as usize + len]);
                        prop_assert_eq!(&appended[1..], &back[..]);
                    }
                }
                let mut all = vec![0xEE; size as usize];
                s.read(0, &mut all).unwrap();
                prop_assert_eq!(all, flat);
                prop_assert!(s.resident_bytes() <= size as usize);
            }
        }
    }
}
