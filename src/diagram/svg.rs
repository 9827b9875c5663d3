//! Our own small SVG writer for a [`Diagram`]: it owns the layout (column widths, rows, where
//! each label goes) and the look. No browser or external program is needed to produce it.
//!
//! The text is in a fixed-width font, so a label's width is known from its length: the columns
//! are spread until every arrow's label fits between the two lifelines it joins, and every step
//! has a row of its own, so no two labels overlap. The picture grows downward with the session.
//! Each arrow is a `<g class="step arrow KIND" data-from=".." data-to=".." data-line="..">`, so
//! tests (and tools) can read the diagram back.

use std::fmt::Write;

use super::{Arrow, ArrowKind, Diagram, Lifeline, Note, NoteKind, Step};

/// Width estimate of one character of the 13px monospace font. Common monospace faces are
/// 0.6 em (7.8px) wide; rounding up leaves a little air rather than risking an overlap.
const CHAR_W: i64 = 8;
/// The same for the 15px bold title.
const TITLE_CHAR_W: i64 = 10;
/// Longer labels are cut with `…`; the whole label is the arrow's tooltip.
const MAX_LABEL: i64 = 72;
const MARGIN: i64 = 16;
/// Room left of the first lifeline for the console line numbers.
const GUTTER: i64 = 40;
const BOX_H: i64 = 30;
const ROW: i64 = 32;
const NOTE_LINE: i64 = 17;
const MIN_GAP: i64 = 150;
/// Free space either side of a label, between the lifelines its arrow joins.
const LABEL_PAD: i64 = 14;

const FONTS: &str =
    "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'Courier New', monospace";

/// Colours by arrow kind; markers are per colour because SVG 1.1 markers cannot take the
/// colour of the line they end.
const STYLE: &str = "
text { font-family: FONTS; font-size: 13px; fill: #111; white-space: pre; }
.title { font-size: 15px; font-weight: bold; }
.box { fill: #f2f2f2; stroke: #444; }
.cp .box { fill: #dbe5f4; stroke: #1c4f9c; }
.name { font-weight: bold; }
.life { stroke: #999; stroke-dasharray: 4 4; }
.cp .life { stroke: #1c4f9c; }
.halo { fill: #fff; }
.arrow line, .key line { stroke-width: 1.5; }
.subfunction line { stroke: #111; }
.refused line { stroke: #b00020; }
.refused text { fill: #b00020; }
.interrupt line { stroke: #1c4f9c; }
.interrupt text { fill: #1c4f9c; }
.data line { stroke: #2e7d32; stroke-dasharray: 7 3; }
.data text { fill: #2e7d32; }
.command line, .message line { stroke: #9a9a9a; stroke-width: 1; stroke-dasharray: 2 3; }
.command text, .message text { fill: #7a7a7a; }
.error line { stroke: #b00020; stroke-width: 1; stroke-dasharray: 2 3; }
.error text { fill: #b00020; }
.note rect { fill: #fff8dc; stroke: #d8c77a; }
.note text { fill: #555; font-style: italic; }
.note.error text { fill: #b00020; }
.note.message text, .note.command text { font-style: normal; }
.note.omitted rect { fill: #f2f2f2; stroke: #999; }
.legend text { font-size: 12px; fill: #555; }
.lineno { fill: #999; font-size: 11px; }
";

/// The marker at the end of an arrow of this kind: `(id, colour, filled)`.
fn marker(kind: ArrowKind) -> (&'static str, &'static str, bool) {
    match kind {
        ArrowKind::Subfunction => ("m-call", "#111", true),
        ArrowKind::Refused => ("m-refused", "#b00020", true),
        ArrowKind::Interrupt => ("m-interrupt", "#1c4f9c", false),
        ArrowKind::Data => ("m-data", "#2e7d32", false),
        ArrowKind::Command | ArrowKind::Message => ("m-light", "#9a9a9a", false),
        ArrowKind::Error => ("m-error", "#b00020", false),
    }
}

fn class(kind: ArrowKind) -> &'static str {
    match kind {
        ArrowKind::Subfunction => "subfunction",
        ArrowKind::Refused => "refused",
        ArrowKind::Interrupt => "interrupt",
        ArrowKind::Data => "data",
        ArrowKind::Command => "command",
        ArrowKind::Message => "message",
        ArrowKind::Error => "error",
    }
}

fn note_class(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Comment => "comment",
        NoteKind::Command => "command",
        NoteKind::Message => "message",
        NoteKind::Error => "error",
        NoteKind::Omitted => "omitted",
    }
}

/// Where the columns are.
struct Columns {
    /// Centre of each lifeline.
    x: Vec<i64>,
    /// Width of each lifeline's name box.
    box_w: Vec<i64>,
    /// Left and right edge of what the columns and notes cover.
    left: i64,
    right: i64,
}

impl Columns {
    fn new(d: &Diagram) -> Columns {
        let box_w: Vec<i64> = d
            .lifelines
            .iter()
            .map(|l| (chars(l.name()) * CHAR_W + 24).max(64))
            .collect();
        let mut gap: Vec<i64> = box_w
            .windows(2)
            .map(|w| ((w[0] + w[1]) / 2 + 24).max(MIN_GAP))
            .collect();
        // Narrow spans first, so a wide arrow only adds what its narrower neighbours left.
        let mut spans: Vec<(usize, usize, i64)> = d
            .steps
            .iter()
            .filter_map(|s| match s {
                Step::Arrow(a) => {
                    let need = chars(&shorten(&a.label)) * CHAR_W + 2 * LABEL_PAD;
                    Some((a.from.min(a.to), a.from.max(a.to), need))
                }
                Step::Note(_) => None,
            })
            .filter(|(lo, hi, _)| lo < hi && *hi < box_w.len())
            .collect();
        spans.sort_by_key(|(lo, hi, _)| hi - lo);
        for (lo, hi, need) in spans {
            let have: i64 = gap[lo..hi].iter().sum();
            if have < need {
                let n = (hi - lo) as i64;
                let each = (need - have + n - 1) / n;
                gap[lo..hi].iter_mut().for_each(|g| *g += each);
            }
        }
        let left = MARGIN + GUTTER;
        let mut x = Vec::with_capacity(box_w.len());
        let mut at = left + box_w.first().map_or(0, |w| w / 2);
        for (i, _) in box_w.iter().enumerate() {
            x.push(at);
            at += gap.get(i).copied().unwrap_or(0);
        }
        let right = match (x.last(), box_w.last()) {
            (Some(x), Some(w)) => x + w / 2,
            _ => left + 320,
        };
        Columns {
            right,
            x,
            box_w,
            left,
        }
    }
}

/// The diagram as a standalone SVG document.
pub(crate) fn render(d: &Diagram) -> String {
    let mut cols = Columns::new(d);
    // A long title wraps at the columns' width (at least 40 characters) rather than widening
    // the picture.
    let title = d.title.as_deref().map_or_else(Vec::new, |t| {
        wrap(t, ((cols.right - MARGIN) / TITLE_CHAR_W).max(40))
    });
    let title_w = title.iter().map(|l| chars(l)).max().unwrap_or(0) * TITLE_CHAR_W;
    cols.right = cols.right.max(MARGIN + title_w);
    let keys = legend_keys(d);
    // The legend is as wide as the widest of its keys at least.
    let key_w = keys.iter().map(|(_, t)| key_width(t)).max().unwrap_or(0);
    cols.right = cols.right.max(MARGIN + key_w);
    let width = cols.right + MARGIN;
    let mut body = String::new();
    let mut y = MARGIN;

    if !title.is_empty() {
        let _ = write!(body, r#"<text class="title" xml:space="preserve">"#);
        for line in &title {
            let _ = write!(
                body,
                r#"<tspan x="{MARGIN}" y="{}">{}</tspan>"#,
                y + 15,
                esc(line)
            );
            y += 20;
        }
        body.push_str("</text>\n");
        y += 10;
    }
    let top = y;
    y += BOX_H + 18;

    let mut last_line = None;
    for step in &d.steps {
        if last_line != Some(step.line()) {
            last_line = Some(step.line());
            let _ = writeln!(
                body,
                r#"<text class="lineno" x="{}" y="{}" text-anchor="end">{}</text>"#,
                MARGIN + 24,
                y + 14,
                step.line()
            );
        }
        y = match step {
            Step::Arrow(a) => arrow(&mut body, d, &cols, a, y),
            Step::Note(n) => note(&mut body, &cols, n, y),
        };
    }
    let bottom = y + 8;
    let mut legend = String::new();
    let legend_end = draw_legend(&mut legend, &keys, bottom + BOX_H + 14, cols.right);
    let height = legend_end + MARGIN;

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">"#
    );
    if let Some(title) = &d.title {
        let _ = writeln!(out, "<title>{}</title>", esc(title));
    }
    let _ = writeln!(
        out,
        "<style>{}</style>",
        STYLE.replace("FONTS", FONTS).trim_end()
    );
    out.push_str("<defs>\n");
    let mut kinds = vec![];
    for kind in [
        ArrowKind::Subfunction,
        ArrowKind::Refused,
        ArrowKind::Interrupt,
        ArrowKind::Data,
        ArrowKind::Command,
        ArrowKind::Error,
    ] {
        let (id, colour, filled) = marker(kind);
        if kinds.contains(&id) {
            continue;
        }
        kinds.push(id);
        let path = if filled {
            format!(r#"<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>"#)
        } else {
            format!(
                r#"<path d="M0,0 L10,5 L0,10" fill="none" stroke="{colour}" stroke-width="1.5"/>"#
            )
        };
        let _ = writeln!(
            out,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">{path}</marker>"#
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        r##"<rect width="{width}" height="{height}" fill="#fff"/>"##
    );
    for ((lifeline, &x), &w) in d.lifelines.iter().zip(&cols.x).zip(&cols.box_w) {
        let (kind, name) = match lifeline {
            Lifeline::Cp => ("cp", "CP"),
            Lifeline::Vm(user) => ("vm", user.as_str()),
        };
        let _ = writeln!(
            out,
            r#"<g class="lifeline {kind}" data-name="{n}"><line class="life" x1="{x}" y1="{y1}" x2="{x}" y2="{bottom}"/>"#,
            n = esc(name),
            y1 = top + BOX_H,
        );
        for box_y in [top, bottom] {
            let _ = writeln!(
                out,
                r#"<rect class="box" x="{}" y="{box_y}" width="{w}" height="{BOX_H}" rx="3"/><text class="name" x="{x}" y="{}" text-anchor="middle">{}</text>"#,
                x - w / 2,
                box_y + 20,
                esc(name)
            );
        }
        out.push_str("</g>\n");
    }
    out.push_str(&body);
    out.push_str(&legend);
    out.push_str("</svg>\n");
    out
}

/// The arrow styles a diagram uses, each with what it stands for, in a fixed order.
fn legend_keys(d: &Diagram) -> Vec<(ArrowKind, &'static str)> {
    let used = |kinds: &[ArrowKind]| {
        d.steps
            .iter()
            .any(|s| matches!(s, Step::Arrow(a) if kinds.contains(&a.kind)))
    };
    [
        (ArrowKind::Subfunction, "VMCF subfunction, RC 0"),
        (ArrowKind::Refused, "refused: RC not 0"),
        (ArrowKind::Interrupt, "external interrupt X'4001'"),
        (ArrowKind::Data, "data moved into storage"),
        (ArrowKind::Command, "CP command, CP message"),
        (ArrowKind::Error, "CP error"),
    ]
    .into_iter()
    .filter(|(kind, _)| match kind {
        ArrowKind::Command => used(&[ArrowKind::Command, ArrowKind::Message]),
        kind => used(&[*kind]),
    })
    .collect()
}

/// The length of a key's sample arrow, and the room a key takes.
const KEY_LINE: i64 = 36;
fn key_width(text: &str) -> i64 {
    KEY_LINE + 8 + chars(text) * CHAR_W + 24
}

/// Draws the legend from `y`, in rows no wider than `right`; returns where it ends.
fn draw_legend(out: &mut String, keys: &[(ArrowKind, &str)], y: i64, right: i64) -> i64 {
    if keys.is_empty() {
        return y - 14;
    }
    let _ = writeln!(out, r#"<g class="legend">"#);
    let (mut x, mut row) = (MARGIN, y);
    for (kind, text) in keys {
        let w = key_width(text);
        if x > MARGIN && x + w > right {
            (x, row) = (MARGIN, row + 20);
        }
        let (id, _, _) = marker(*kind);
        let _ = writeln!(
            out,
            concat!(
                r#"<g class="key {class}"><line x1="{x}" y1="{ly}" x2="{x2}" y2="{ly}" marker-end="url(#{id})"/>"#,
                r#"<text x="{tx}" y="{ty}">{text}</text></g>"#
            ),
            class = class(*kind),
            x = x,
            x2 = x + KEY_LINE,
            ly = row + 10,
            id = id,
            tx = x + KEY_LINE + 8,
            ty = row + 14,
            text = esc(text),
        );
        x += w;
    }
    out.push_str("</g>\n");
    row + 20
}

/// Draws an arrow in the row at `y`; returns where the next row starts.
fn arrow(out: &mut String, d: &Diagram, cols: &Columns, a: &Arrow, y: i64) -> i64 {
    let name = |i: usize| d.lifelines.get(i).map_or("", Lifeline::name);
    let (Some(&x1), Some(&x2)) = (cols.x.get(a.from), cols.x.get(a.to)) else {
        return y;
    };
    let label = shorten(&a.label);
    let w = chars(&label) * CHAR_W;
    let mid = (x1 + x2) / 2;
    let line_y = y + 22;
    let (id, _, _) = marker(a.kind);
    let _ = writeln!(
        out,
        concat!(
            r#"<g class="step arrow {class}" data-line="{line}" data-from="{from}" data-to="{to}">"#,
            r#"<title>{full}</title>"#,
            r#"<line x1="{x1}" y1="{ly}" x2="{x2}" y2="{ly}" marker-end="url(#{id})"/>"#,
            r#"<rect class="halo" x="{hx}" y="{hy}" width="{hw}" height="16"/>"#,
            r#"<text x="{mid}" y="{ty}" text-anchor="middle" xml:space="preserve">{label}</text></g>"#,
        ),
        class = class(a.kind),
        line = a.line,
        from = esc(name(a.from)),
        to = esc(name(a.to)),
        full = esc(&a.label),
        ly = line_y,
        hx = mid - w / 2 - 3,
        hy = y + 2,
        hw = w + 6,
        ty = y + 14,
        label = esc(&label),
        x1 = x1,
        x2 = x2,
        id = id,
        mid = mid,
    );
    y + ROW
}

/// Draws a note across the diagram at `y`; returns where the next row starts.
fn note(out: &mut String, cols: &Columns, n: &Note, y: i64) -> i64 {
    let width = cols.right - cols.left;
    let lines: Vec<String> = n
        .text
        .split('\n')
        .flat_map(|line| wrap(line, ((width - 16) / CHAR_W).max(16)))
        .collect();
    let height = lines.len() as i64 * NOTE_LINE + 8;
    let _ = write!(
        out,
        r#"<g class="step note {}" data-line="{}"><rect x="{}" y="{}" width="{width}" height="{height}" rx="3"/><text xml:space="preserve">"#,
        note_class(n.kind),
        n.line,
        cols.left,
        y + 2,
    );
    for (i, text) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<tspan x="{}" y="{}">{}</tspan>"#,
            cols.left + 8,
            y + 16 + i as i64 * NOTE_LINE,
            esc(text)
        );
    }
    out.push_str("</text></g>\n");
    y + height + 10
}

/// Width of text in character cells: 2 for the East Asian wide and fullwidth blocks, which a
/// monospace font draws double, 1 for everything else.
fn chars(s: &str) -> i64 {
    s.chars().map(cells).sum()
}

fn cells(c: char) -> i64 {
    match u32::from(c) {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// The label as drawn: at most `MAX_LABEL` cells wide.
fn shorten(label: &str) -> String {
    if chars(label) <= MAX_LABEL {
        return label.to_string();
    }
    let mut s = String::new();
    let mut used = 0;
    for c in label.chars() {
        if used + cells(c) > MAX_LABEL - 1 {
            break;
        }
        used += cells(c);
        s.push(c);
    }
    s.push('…');
    s
}

/// Splits text into lines at most `width` cells wide, at blanks where it can. Blanks inside a
/// line are kept as they were (the text is drawn with its blanks); a break takes the blanks
/// where it falls.
fn wrap(text: &str, width: i64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut gap = "";
    let mut rest = text;
    while !rest.is_empty() {
        let blanks = rest.len() - rest.trim_start_matches(' ').len();
        if blanks > 0 {
            (gap, rest) = rest.split_at(blanks);
            continue;
        }
        let end = rest.find(' ').unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        rest = after;
        // A word wider than a line is cut into line-sized pieces.
        let mut word = word.to_string();
        while chars(&word) > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut piece = String::new();
            let mut rest = word.chars();
            for c in rest.by_ref() {
                if !piece.is_empty() && chars(&piece) + cells(c) > width {
                    word = std::iter::once(c).chain(rest).collect();
                    break;
                }
                piece.push(c);
            }
            lines.push(piece);
        }
        let used = chars(&line);
        if used > 0 && used + chars(gap) + chars(&word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(gap);
        }
        gap = "";
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text as XML character data or attribute value. Characters XML 1.0 does not allow at all
/// become U+FFFD, so any input gives a well-formed document.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_and_cuts_only_what_cannot_fit() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefghij x", 4), ["abcd", "efgh", "ij x"]);
        assert_eq!(wrap("", 4), [""]);
        for line in wrap("the quick brown fox jumps over the lazy dog", 7) {
            assert!(chars(&line) <= 7, "{line}");
        }
        assert_eq!(wrap("語語語", 4), ["語語", "語"]);
        assert_eq!(
            wrap("  a   b  c ", 20),
            ["a   b  c"],
            "blanks inside are kept"
        );
        assert_eq!(wrap("aa   bb", 4), ["aa", "bb"], "a break takes its blanks");
    }

    #[test]
    fn labels_are_shortened_to_a_fixed_number_of_characters() {
        let long = "é".repeat(MAX_LABEL as usize + 5);
        let short = shorten(&long);
        assert_eq!(chars(&short), MAX_LABEL);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("SEND RC 0"), "SEND RC 0");
        let wide = shorten(&"語".repeat(MAX_LABEL as usize));
        assert!(chars(&wide) <= MAX_LABEL, "{wide}");
        assert_eq!(chars("A語"), 3);
    }

    #[test]
    fn escaping_leaves_no_markup_and_no_illegal_characters() {
        assert_eq!(
            esc("<a href=\"x\">&'\u{1}\u{FFFF}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}\u{FFFD}"
        );
    }
}
