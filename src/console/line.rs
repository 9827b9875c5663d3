//! The console's output as values: each line belongs to one virtual machine's terminal (or to
//! none, before anyone is logged on) and is a text with toned spans. The writers (the text
//! transcript, the REPL's colours, a network terminal) decide how a tone looks; this module
//! decides nothing about terminals and writes no escape sequences.
//!
//! Lines are kept in one reusable buffer, [`Lines`]: a replay writes a dozen lines for every
//! line it reads, so a `String` per line would be most of its cost.

use crate::vmcf::Userid;
use std::ops::Range;

/// What a piece of a line is, for a writer that shows kinds apart (colour, a 3270 attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Tone {
    /// Ordinary text.
    Plain,
    /// The input line echoed after its prompt.
    Echo,
    /// A prompt (`A> `).
    Prompt,
    /// A userid.
    Userid,
    /// A return code that completed (RC 0).
    RcOk,
    /// A return code that refused the call.
    RcRefused,
    /// The title line of an external interrupt.
    Interrupt,
    /// A header field's name (`VMCMSTAT`).
    FieldName,
    /// Hexadecimal digits of storage or a field.
    Hex,
    /// Storage shown as EBCDIC characters.
    Ebcdic,
    /// A CP error message, or any refusal.
    Error,
    /// The caret line under the offending word.
    Caret,
    /// A CP message or response (`LOGON AT`, `MSG FROM`).
    CpMessage,
    /// A comment line of a script.
    Comment,
    /// Less important text (the meaning beside a field).
    Dim,
    /// A command's verb, in input.
    Verb,
    /// A keyword operand or option, in input.
    Keyword,
    /// A number operand, in input.
    Number,
    /// Quoted or free text, in input.
    Text,
}

/// A toned run of a line's text, as byte offsets into [`Line::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// What the run is.
    pub tone: Tone,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The run's byte range in its line's text.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One line of console output, borrowed from [`Lines`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// Whose terminal shows it: a logged-on VM, or `None` for the terminal nobody is logged
    /// on at. A line of tone [`Tone::Echo`] is the input after its prompt, not output: its
    /// owner is the user it acted as, and the transcript gives it no owner column.
    pub owner: Option<Userid>,
    /// The tone of the text outside every span.
    pub tone: Tone,
    /// The text, without a line end and without the owner.
    pub text: &'a str,
    /// Toned runs, in order, not overlapping.
    pub spans: &'a [Span],
}

#[derive(Debug, Clone)]
struct Meta {
    owner: Option<Userid>,
    tone: Tone,
    text: Range<u32>,
    spans: Range<u32>,
}

/// Lines in one reusable buffer: `clear` keeps the allocations.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    text: String,
    lines: Vec<Meta>,
    spans: Vec<Span>,
    /// Where the text of the line begun last starts.
    current: u32,
}

impl Lines {
    /// An empty buffer.
    pub fn new() -> Lines {
        Lines::default()
    }

    /// Forgets every line, keeping the memory.
    pub fn clear(&mut self) {
        self.text.clear();
        self.lines.clear();
        self.spans.clear();
        self.current = 0;
    }

    /// How many lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Line `i`.
    pub fn get(&self, i: usize) -> Option<Line<'_>> {
        self.lines.get(i).map(|m| self.line(m))
    }

    /// The lines in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Line<'_>> + '_ {
        self.lines.iter().map(|m| self.line(m))
    }

    fn line(&self, m: &Meta) -> Line<'_> {
        Line {
            owner: m.owner,
            tone: m.tone,
            text: &self.text[m.text.start as usize..m.text.end as usize],
            spans: &self.spans[m.spans.start as usize..m.spans.end as usize],
        }
    }

    /// Starts a line for `owner`'s terminal; text and spans go to it until [`Lines::end`].
    pub fn begin(&mut self, owner: Option<Userid>, tone: Tone) {
        let t = self.text.len() as u32;
        let s = self.spans.len() as u32;
        self.current = t;
        self.lines.push(Meta {
            owner,
            tone,
            text: t..t,
            spans: s..s,
        });
    }

    /// The text of the line begun last, to append to (its start is [`Lines::offset`] 0).
    pub fn text(&mut self) -> &mut String {
        &mut self.text
    }

    /// Where the line begun last has got to, as an offset into its text.
    pub fn offset(&self) -> u32 {
        self.text.len() as u32 - self.current
    }

    /// Appends `s` to the line begun last as a run of `tone`.
    pub fn push(&mut self, tone: Tone, s: &str) {
        let from = self.offset();
        self.text.push_str(s);
        self.mark(tone, from);
    }

    /// Marks the text from offset `from` to the end of the line begun last as `tone`.
    pub fn mark(&mut self, tone: Tone, from: u32) {
        let to = self.offset();
        if to > from {
            self.spans.push(Span {
                tone,
                start: from,
                end: to,
            });
        }
    }

    /// Marks the text from `from`, a length of [`Lines::text`] taken after the line was begun,
    /// to the end of the line begun last as `tone` (for writers that keep absolute offsets).
    #[inline]
    pub(crate) fn mark_from(&mut self, tone: Tone, from: usize) {
        let to = self.text.len();
        if to > from {
            self.spans.push(Span {
                tone,
                start: from as u32 - self.current,
                end: to as u32 - self.current,
            });
        }
    }

    /// Marks `from..to` (lengths of [`Lines::text`], as for `mark_from`) of the line begun
    /// last as `tone`; a range outside the line or before the last span is left unmarked.
    pub(crate) fn mark_range(&mut self, tone: Tone, from: usize, to: usize) {
        let last = self.spans.last().map_or(0, |s| s.end) as usize;
        let (start, len) = (self.current as usize, self.text.len());
        let fits = from >= start && from < to && to <= len;
        let after = self
            .lines
            .last()
            .is_some_and(|m| self.spans.len() as u32 == m.spans.start)
            || from - start.min(from) >= last;
        if fits && after {
            self.spans.push(Span {
                tone,
                start: (from - start) as u32,
                end: (to - start) as u32,
            });
        }
    }

    /// Ends the line begun last.
    pub fn end(&mut self) {
        let t = self.text.len() as u32;
        let s = self.spans.len() as u32;
        if let Some(m) = self.lines.last_mut() {
            m.text.end = t;
            m.spans.end = s;
            // Each line's text is followed by its line end in the buffer (outside its text), so
            // that the transcript copies a line and its end at once.
            self.text.push('\n');
        }
    }
}

impl Line<'_> {
    /// Whether the line is the input echoed after its prompt (no owner column).
    pub fn is_echo(&self) -> bool {
        self.tone == Tone::Echo
    }

    /// The toned runs of the whole text, in order: each span, and the line's own tone for
    /// the text between and around them. Empty runs are left out.
    pub fn runs(&self) -> impl Iterator<Item = (Tone, &str)> + '_ {
        let mut at = 0usize;
        let mut spans = self.spans.iter();
        let mut pending: Option<&Span> = None;
        std::iter::from_fn(move || {
            loop {
                if let Some(s) = pending.take() {
                    at = s.end as usize;
                    return Some((s.tone, self.text.get(s.range()).unwrap_or("")));
                }
                match spans.next() {
                    Some(s) if (s.start as usize) > at => {
                        let before = self.text.get(at..s.start as usize).unwrap_or("");
                        pending = Some(s);
                        return Some((self.tone, before));
                    }
                    Some(s) => pending = Some(s),
                    None if at < self.text.len() => {
                        let rest = &self.text[at..];
                        at = self.text.len();
                        return Some((self.tone, rest));
                    }
                    None => return None,
                }
            }
        })
        .filter(|(_, t)| !t.is_empty())
    }
}

/// The owner column of a line in the transcript: `A: ` for a VM's terminal; nothing for the
/// terminal nobody is logged on at (CP's own lines before anyone is current, shown as a
/// terminal shows them before LOGON), nor for an echo line, which starts with its prompt.
pub fn owner_column(out: &mut String, line: &Line) {
    if !line.is_echo() {
        owner_column_of(out, line.owner);
    }
}

/// The owner column of a line that is not an echo.
pub(crate) fn owner_column_of(out: &mut String, owner: Option<Userid>) {
    if let Some(u) = owner {
        super::push::userid(out, u);
        out.push_str(": ");
    }
}

/// The plain transcript of `lines`: for each, its owner column, its text and `\n`, no colour.
pub fn write_text(lines: &Lines, out: &mut String) {
    out.reserve(lines.text.len() + 10 * lines.len());
    // Most lines of an outcome share their owner: its column is built once for a run of them.
    let mut column = String::new();
    let mut last: Option<(Option<Userid>, bool)> = None;
    for m in &lines.lines {
        let key = (m.owner, m.tone == Tone::Echo);
        if last != Some(key) {
            column.clear();
            if !key.1 {
                owner_column_of(&mut column, key.0);
            }
            last = Some(key);
        }
        out.push_str(&column);
        // The text and the line end after it (see `Lines::end`).
        let (start, end) = (m.text.start as usize, m.text.end as usize + 1);
        out.push_str(lines.text.get(start..end).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_owner_text_and_spans_apart() {
        let a = Userid::parse("A").unwrap();
        let mut l = Lines::new();
        l.begin(Some(a), Tone::Plain);
        l.text().push_str("AUTHORIZE: ");
        l.push(Tone::RcOk, "RC 0");
        l.end();
        l.begin(None, Tone::Error);
        l.text().push_str("DMKCFC001E ?CP: FOO");
        l.end();
        assert_eq!(l.len(), 2);
        let first = l.get(0).unwrap();
        assert_eq!(first.owner, Some(a));
        assert_eq!(first.text, "AUTHORIZE: RC 0");
        assert_eq!(first.spans.len(), 1);
        assert_eq!(&first.text[first.spans[0].range()], "RC 0");
        let second = l.get(1).unwrap();
        assert_eq!((second.owner, second.tone), (None, Tone::Error));
        assert!(second.spans.is_empty());
        l.clear();
        assert!(l.is_empty());
    }

    #[test]
    fn runs_cover_the_text_in_order_with_the_line_tone_between_spans() {
        let a = Userid::parse("A").unwrap();
        let mut l = Lines::new();
        l.begin(Some(a), Tone::Plain);
        l.push(Tone::Hex, "C1");
        l.text().push_str(" and ");
        l.push(Tone::Ebcdic, "A");
        l.text().push_str(" end");
        l.end();
        let line = l.get(0).unwrap();
        let runs: Vec<_> = line.runs().collect();
        assert_eq!(
            runs,
            [
                (Tone::Hex, "C1"),
                (Tone::Plain, " and "),
                (Tone::Ebcdic, "A"),
                (Tone::Plain, " end")
            ]
        );
        assert_eq!(runs.iter().map(|r| r.1).collect::<String>(), line.text);
    }

    #[test]
    fn the_text_writer_gives_owner_columns_and_no_escapes() {
        let a = Userid::parse("ALICE").unwrap();
        let mut l = Lines::new();
        l.begin(Some(a), Tone::Echo);
        l.push(Tone::Prompt, "ALICE> ");
        l.text().push_str("Q NAMES");
        l.end();
        l.begin(Some(a), Tone::CpMessage);
        l.push(Tone::Userid, "ALICE");
        l.end();
        l.begin(None, Tone::Error);
        l.text().push_str("DMKCFC001E ?CP: FOO");
        l.end();
        let mut out = String::new();
        write_text(&l, &mut out);
        assert_eq!(out, "ALICE> Q NAMES\nALICE: ALICE\nDMKCFC001E ?CP: FOO\n");
    }
}
