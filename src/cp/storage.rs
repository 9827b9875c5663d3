//! A virtual machine's storage: sparse and page-granular. Defined storage costs nothing until it
//! is written; untouched storage reads as zeros; every access is checked against the defined size.

/// Bytes in a page: the unit that is allocated on first write.
pub const PAGE: usize = 4096;
/// Pages in a segment (64K, as VM/370's segments): the unit of the first-level table.
const PAGES_PER_SEGMENT: usize = 16;
const SEGMENT: usize = PAGE * PAGES_PER_SEGMENT;
/// The largest storage a VM may define (16M).
pub const MAX_STORAGE: u32 = 16 << 20;

type Page = [u8; PAGE];
type Segment = [Option<Box<Page>>; PAGES_PER_SEGMENT];

/// Virtual storage of `size` bytes.
#[derive(Debug, Clone)]
pub struct Storage {
    size: u32,
    segments: Vec<Option<Box<Segment>>>,
}

impl Storage {
    /// Storage of `size` bytes (at most 16M), all zeros, none of it allocated.
    pub fn new(size: u32) -> Storage {
        let size = size.min(MAX_STORAGE);
        let segments = (size as usize).div_ceil(SEGMENT);
        Storage {
            size,
            segments: (0..segments).map(|_| None).collect(),
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

    /// Bytes of storage actually allocated (for measuring memory).
    pub fn resident_bytes(&self) -> usize {
        self.segments
            .iter()
            .flatten()
            .map(|s| s.iter().flatten().count() * PAGE)
            .sum()
    }

    fn page(&self, addr: usize) -> Option<&Page> {
        self.segments[addr / SEGMENT].as_ref()?[addr % SEGMENT / PAGE].as_deref()
    }

    fn page_mut(&mut self, addr: usize) -> &mut Page {
        let seg = self.segments[addr / SEGMENT].get_or_insert_with(Box::default);
        seg[addr % SEGMENT / PAGE].get_or_insert_with(|| Box::new([0; PAGE]))
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
                Some(p) => dst.copy_from_slice(&p[at % PAGE..at % PAGE + n]),
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
        Self::pieces(addr, len, |at, n| match self.page(at) {
            Some(p) => out.extend_from_slice(&p[at % PAGE..at % PAGE + n]),
            None => out.resize(out.len() + n, 0),
        });
        Some(())
    }

    /// Stores `bytes`. `None` (and nothing stored) if the range is outside storage.
    pub fn write(&mut self, addr: u32, bytes: &[u8]) -> Option<()> {
        let len = u32::try_from(bytes.len()).ok()?;
        if !self.contains(addr, len) {
            return None;
        }
        let mut done = 0;
        Self::pieces(addr, len, |at, n| {
            let src = &bytes[done..done + n];
            // Zeros into an untouched page change nothing: keep it unallocated.
            if self.page(at).is_some() || src.iter().any(|&b| b != 0) {
                self.page_mut(at)[at % PAGE..at % PAGE + n].copy_from_slice(src);
            }
            done += n;
        });
        Some(())
    }
}

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
        assert_eq!(s.resident_bytes(), PAGE);
    }

    #[test]
    fn writes_across_pages_read_back() {
        let mut a = Storage::new(1 << 20);
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8 + 1).collect();
        a.write(4000, &data).unwrap();
        let mut back = vec![0; data.len()];
        a.read(4000, &mut back).unwrap();
        assert_eq!(back, data);
        assert_eq!(a.resident_bytes(), 4 * PAGE);
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
}
