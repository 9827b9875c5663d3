//! Citations resolve: the code, the scripts and the documents cite the repository's own
//! documents in `docs/` by heading, and this test fails on any citation a reader could not
//! follow. The rules, for every file of the repository's text (`README.md`, `ARCHITECTURE.md`,
//! `docs/`, `scripts/`, `src/`, `tests/`, `benches/`, `examples/` and the fuzz targets; not
//! `snapshots/`, which only echo the scripts):
//!
//! 1. `docs/NAME.md#anchor` must name a file in `docs/` and one of its headings, by the slug
//!    GitHub gives the heading (lower case; letters, digits, `-` and `_` kept; blanks become
//!    `-`; everything else dropped; a repeated heading gets `-1`, `-2`). A chain such as
//!    `docs/vmcf.md#receive, #reply` (also across a comment's line break) cites every anchor in
//!    the same file. `docs/NAME.ext` without an anchor must exist. A path holding `NAME` is a
//!    placeholder in prose, not a citation.
//! 2. In Markdown files, links (`[text](target)`) to local files and anchors resolve the same
//!    way, relative to the file that holds them.
//! 3. A decision is cited as `docs/decisions.md#dN`. The marker word `DECISION` (kept in code
//!    comments so that `grep DECISION` finds every place a decision is implemented) must be
//!    followed at once by such a citation, and a bare decision number (`D6` after a blank or a
//!    parenthesis) is refused outside `docs/`.
//! 4. No file may name the team's working references that are not in the repository, nor use
//!    their citation forms (a section sign, "reference" or "section" followed by a section
//!    number, their bracketed page keys): a reader who clones the project has none of them.
//!
//! This file itself is exempt: it has to spell out what it refuses.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files whose text is checked, relative to the root, sorted.
fn text_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                // Build output and fuzzing's working files are not the project's text.
                if !["target", "corpus", "artifacts", "seeds", "coverage"].contains(&name.as_str())
                {
                    walk(&path, out);
                }
            } else if [".rs", ".md", ".cp", ".toml"]
                .iter()
                .any(|ext| name.ends_with(ext))
            {
                out.push(path.strip_prefix(root()).unwrap().to_path_buf());
            }
        }
    }
    let mut files = vec![PathBuf::from("README.md"), PathBuf::from("ARCHITECTURE.md")];
    for dir in [
        "docs", "scripts", "src", "tests", "benches", "examples", "fuzz",
    ] {
        walk(&root().join(dir), &mut files);
    }
    files.sort();
    files
}

/// GitHub's anchor for a heading's text.
pub fn slug(heading: &str) -> String {
    let mut s = String::new();
    for c in heading.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            s.extend(c.to_lowercase());
        } else if c == ' ' {
            s.push('-');
        }
    }
    s
}

/// The anchors of a Markdown file's headings (outside fenced code), repeated ones numbered as
/// GitHub numbers them.
pub fn anchors(markdown: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeSet::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        // Link text stays, link targets and emphasis go, as GitHub renders them.
        let text = strip_links(line[hashes..].trim_end_matches('#'));
        let base = slug(&text);
        let n = seen.entry(base.clone()).or_insert(0);
        out.insert(if *n == 0 { base } else { format!("{base}-{n}") });
        *n += 1;
    }
    out
}

/// `[text](target)` becomes `text`.
fn strip_links(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find("](") {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        out.push_str(&rest[..open].replace('[', ""));
        rest = &rest[open + close + 1..];
    }
    out.push_str(&rest.replace('[', ""));
    out
}

/// Every heading anchor of every document, by file name (`docs/vmcf.md`, `README.md`).
fn all_anchors() -> BTreeMap<String, BTreeSet<String>> {
    let mut map = BTreeMap::new();
    for file in text_files() {
        let name = file.to_string_lossy().into_owned();
        if name.ends_with(".md") {
            let text = fs::read_to_string(root().join(&file)).unwrap();
            map.insert(name, anchors(&text));
        }
    }
    map
}

fn is_anchor_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
}

/// The `docs/NAME#anchor` citations of a text, chains expanded: (line, file, anchor or "").
pub fn citations(text: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("docs/") {
        let start = from + at;
        from = start + 5;
        // `tests/it/docs.rs` and the like are paths of their own, not citations of docs/.
        if start > 0 && text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '/') {
            continue;
        }
        let file_len = text[start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || "/._-".contains(c)))
            .unwrap_or(text.len() - start);
        let file = text[start..start + file_len]
            .trim_end_matches('.')
            .to_string();
        if file == "docs/" || !file.contains('.') {
            continue;
        }
        let line = text[..start].matches('\n').count() + 1;
        let mut pos = start + file.len();
        if !text[pos..].starts_with('#') {
            out.push((line, file, String::new()));
            continue;
        }
        loop {
            let anchor_len = text[pos + 1..]
                .find(|c: char| !is_anchor_char(c))
                .unwrap_or(text.len() - pos - 1);
            let anchor = text[pos + 1..pos + 1 + anchor_len].trim_end_matches('-');
            let line = text[..pos].matches('\n').count() + 1;
            out.push((line, file.clone(), anchor.to_string()));
            pos += 1 + anchor_len;
            // `, #next`, possibly after a line break and a comment marker.
            let rest = &text[pos..];
            let Some(after_comma) = rest.strip_prefix(',') else {
                break;
            };
            let skipped = after_comma
                .find(|c: char| !(c.is_whitespace() || c == '/' || c == '!' || c == '*'))
                .unwrap_or(after_comma.len());
            if after_comma[skipped..].starts_with('#') {
                pos += 1 + skipped;
            } else {
                break;
            }
        }
        from = pos;
    }
    out
}

/// The local link targets of a Markdown text: (line, target).
fn markdown_links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if fenced {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let tail = &rest[at + 2..];
            let end = tail.find(')').unwrap_or(tail.len());
            let target = &tail[..end];
            if !target.contains("://") && !target.starts_with("mailto:") && !target.is_empty() {
                out.push((i + 1, target.to_string()));
            }
            rest = &tail[end..];
        }
    }
    out
}

/// Checks one citation of `file` (relative to the root) with `anchor` ("" for none).
fn check(
    anchors: &BTreeMap<String, BTreeSet<String>>,
    file: &str,
    anchor: &str,
    at: &str,
    bad: &mut Vec<String>,
) {
    if !root().join(file).exists() {
        bad.push(format!("{at}: {file} does not exist"));
    } else if !anchor.is_empty() {
        match anchors.get(file) {
            Some(set) if set.contains(anchor) => {}
            Some(_) => bad.push(format!("{at}: {file} has no heading #{anchor}")),
            None => bad.push(format!("{at}: {file}#{anchor}: only Markdown has headings")),
        }
    }
}

/// Lexically normalises `a/b/../c` to `a/c`.
fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part.as_os_str().to_string_lossy().as_ref() {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p.to_string()),
        }
    }
    parts.join("/")
}

/// What rule 4 refuses, as (what, why); the names are assembled so that this file does not
/// contain them.
fn forbidden() -> Vec<(String, &'static str)> {
    let names = [
        ["vmcf", "-reference"],
        ["cp-console", "-reference"],
        ["console", "-language"],
        ["tn3270", "-notes"],
        ["..", "/shared"],
        ["/work", "/"],
    ];
    let mut out: Vec<(String, &'static str)> = names
        .iter()
        .map(|[a, b]| (format!("{a}{b}"), "a document outside the repository"))
        .collect();
    for key in ["Rel6", "SP3", "LogicV1", "CPGen", "R6Guide"] {
        out.push((format!("[{key} p"), "a page key of the team's references"));
    }
    out.push(('\u{a7}'.to_string(), "a section of the team's references"));
    out
}

/// Whether `lower` (a lower-cased line) cites a numbered section ("reference 7.2",
/// "reference's section 11", "section 12").
fn cites_a_section(lower: &str) -> bool {
    let followed_by_number = |word: &str| {
        lower.match_indices(word).any(|(i, w)| {
            let before_ok = i == 0 || !lower[..i].ends_with(|c: char| c.is_alphanumeric());
            let after = lower[i + w.len()..].trim_start_matches([' ', '\u{a7}']);
            before_ok
                && lower[i + w.len()..].starts_with([' ', '\u{a7}'])
                && after.starts_with(|c: char| c.is_ascii_digit())
        })
    };
    followed_by_number("reference")
        || followed_by_number("reference's section")
        || followed_by_number("section")
}

/// A bare decision number in `line`: `D6` after a blank or `(`, not part of a longer word.
fn bare_decision(line: &str) -> Option<String> {
    let b = line.as_bytes();
    for i in 0..b.len() {
        if b[i] != b'D' || (i > 0 && !matches!(b[i - 1], b' ' | b'(' | b'\t')) {
            continue;
        }
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let next = b.get(i + 1 + digits).copied();
        if (1..=2).contains(&digits)
            && next.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == b'\'' || c == b'}'))
        {
            return Some(line[i..i + 1 + digits].to_string());
        }
    }
    None
}

#[test]
fn every_citation_names_a_heading_in_docs() {
    let anchors = all_anchors();
    assert!(
        anchors["docs/decisions.md"].is_superset(&(1..=16).map(|n| format!("d{n}")).collect()),
        "docs/decisions.md has a heading for each of d1..d16"
    );
    let mut bad = Vec::new();
    let mut cited = 0;
    for file in text_files() {
        let name = file.to_string_lossy().into_owned();
        if name == "tests/it/docs.rs" {
            continue;
        }
        let text = fs::read_to_string(root().join(&file)).unwrap();
        for (line, target, anchor) in citations(&text) {
            if target.contains("NAME") {
                continue;
            }
            check(
                &anchors,
                &target,
                &anchor,
                &format!("{name}:{line}"),
                &mut bad,
            );
            cited += 1;
        }
        if name.ends_with(".md") {
            let dir = file.parent().unwrap_or(Path::new(""));
            for (line, target) in markdown_links(&text) {
                let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
                let resolved = if path.is_empty() {
                    name.clone()
                } else {
                    normalise(&dir.join(path))
                };
                check(
                    &anchors,
                    &resolved,
                    anchor,
                    &format!("{name}:{line}"),
                    &mut bad,
                );
                cited += 1;
            }
        }
    }
    assert!(
        bad.is_empty(),
        "citations that resolve to nothing:\n{}",
        bad.join("\n")
    );
    // The scripts, the engine and the tests cite the documents in well over a hundred places.
    assert!(
        cited > 150,
        "only {cited} citations found: is the scan broken?"
    );
}

#[test]
fn nothing_cites_the_teams_references_or_a_bare_decision_number() {
    let forbidden = forbidden();
    let mut bad = Vec::new();
    for file in text_files() {
        let name = file.to_string_lossy().into_owned();
        if name == "tests/it/docs.rs" {
            continue;
        }
        let text = fs::read_to_string(root().join(&file)).unwrap();
        for (i, line) in text.lines().enumerate() {
            let at = format!("{name}:{}", i + 1);
            for (what, why) in &forbidden {
                if line.contains(what.as_str()) {
                    bad.push(format!("{at}: {what:?} ({why})"));
                }
            }
            if cites_a_section(&line.to_lowercase()) {
                bad.push(format!(
                    "{at}: a numbered section: cite docs/NAME.md#heading"
                ));
            }
            for (j, _) in line.match_indices("DECISION") {
                let rest = line[j + "DECISION".len()..].trim_start_matches('S');
                if !rest.starts_with(" docs/decisions.md#d") {
                    bad.push(format!(
                        "{at}: DECISION without docs/decisions.md#dN after it"
                    ));
                }
            }
            if !name.starts_with("docs/")
                && let Some(d) = bare_decision(line)
            {
                bad.push(format!(
                    "{at}: {d}: cite docs/decisions.md#{}",
                    d.to_lowercase()
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn slugs_and_citations_are_read_as_github_and_a_reader_would() {
    assert_eq!(slug(" DIAGNOSE X'68'"), "diagnose-x68");
    assert_eq!(slug("SEND/RECV protocol"), "sendrecv-protocol");
    assert_eq!(slug("D15"), "d15");
    let md = "# T\n## A b\n```\n## Not\n```\n## A b\n### [Link](x.md) `code`\n";
    let a = anchors(md);
    assert_eq!(
        a,
        ["t", "a-b", "a-b-1", "link-code"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    let c =
        citations("see docs/vmcf.md#receive, #reply,\n//! #reject; docs/a.svg. tests/it/docs.rs");
    let c: Vec<(usize, &str, &str)> = c
        .iter()
        .map(|(l, f, a)| (*l, f.as_str(), a.as_str()))
        .collect();
    assert_eq!(
        c,
        [
            (1, "docs/vmcf.md", "receive"),
            (1, "docs/vmcf.md", "reply"),
            (2, "docs/vmcf.md", "reject"),
            (2, "docs/a.svg", ""),
        ]
    );
    assert!(cites_a_section("(reference 7.2, 5.4)"));
    assert!(cites_a_section("section 12"));
    assert!(!cites_a_section("the reference layout; a section of text"));
    assert_eq!(
        bare_decision("order (D6: 1 before 5)").as_deref(),
        Some("D6")
    );
    assert_eq!(bare_decision("'\\u{D1}', X'D1', DMKCFC001E, D6's"), None);
}
