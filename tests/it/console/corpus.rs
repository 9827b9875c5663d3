//! The transcript corpus: every `scripts/*.cp` replayed by the real `vmcfsim run` (fixed clock, no
//! colour), its transcript and its `--json` events pinned in `snapshots/` as
//! `transcript__NAME.snap` and `json__NAME.snap`. A change in behaviour shows as a diff anyone can
//! read. Also checks that the corpus covers every return code of every subfunction in the manual's
//! chart (docs/vmcf.md#return-codes-by-subfunction) and every data-transfer code that can arise,
//! and that the README quotes its examples from the transcripts.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;
use vmcfsim::{ReturnCode, TransferError};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One script's replay, in both output modes.
struct Replay {
    transcript: String,
    json: String,
    /// Exit status of the text run (the JSON run must agree).
    status: Option<i32>,
}

/// Runs `vmcfsim run [--json] scripts/NAME.cp` from the top of the project, as a user would, so
/// that error lines name the script as `scripts/NAME.cp:LINE`.
fn replay_one(name: &str, json: bool) -> (Option<i32>, String) {
    let script = format!("scripts/{name}.cp");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vmcfsim"));
    cmd.current_dir(root())
        .env("VMCFSIM_HISTORY", "")
        .env_remove("NO_COLOR")
        .args(["run", "--color", "never", "--clock", "fixed"]);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.arg(&script).output().expect("vmcfsim runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{script}: stderr: {stderr}");
    let stdout = String::from_utf8(out.stdout).expect("the transcript is UTF-8");
    (out.status.code(), stdout)
}

/// The scripts' names (file stems), sorted.
fn script_names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join("scripts"))
        .expect("scripts/ exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "cp"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every script replayed once (one process per script and mode, run in parallel), shared by
/// the tests of this module.
fn corpus() -> &'static BTreeMap<String, Replay> {
    static CORPUS: OnceLock<BTreeMap<String, Replay>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let names = script_names();
        std::thread::scope(|s| {
            let handles: Vec<_> = names
                .iter()
                .map(|name| {
                    s.spawn(move || {
                        let (status, transcript) = replay_one(name, false);
                        let (json_status, json) = replay_one(name, true);
                        assert_eq!(status, json_status, "{name}: text and JSON runs differ");
                        let replay = Replay {
                            transcript,
                            json,
                            status,
                        };
                        (name.clone(), replay)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a replay thread"))
                .collect()
        })
    })
}

/// The JSON events of a script, parsed.
fn events(replay: &Replay) -> Vec<Value> {
    replay
        .json
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

#[test]
fn the_corpus_is_there() {
    let names = script_names();
    // The README's set-up script, and enough of the rest that a lost glob cannot pass unseen.
    assert!(names.iter().any(|n| n == "hello"), "{names:?}");
    assert!(names.len() >= 20, "{names:?}");
}

/// Each script's transcript and JSON events against their snapshots. Every script is checked
/// before the test fails, so one run names every snapshot that changed.
#[test]
fn every_script_replays_as_its_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let mut failed = Vec::new();
    for (name, replay) in corpus() {
        // 0: every line accepted; 1: a line rejected (the typing-mistake scripts); never 2.
        let rejected = events(replay).iter().any(|e| e["event"] == "error");
        assert_eq!(
            replay.status,
            Some(i32::from(rejected)),
            "{name}: exit status against the error events"
        );
        let mut settings = settings.clone();
        settings.set_input_file(root().join("scripts").join(format!("{name}.cp")));
        for (kind, text) in [("transcript", &replay.transcript), ("json", &replay.json)] {
            settings.set_description(format!("vmcfsim run{} scripts/{name}.cp", {
                if kind == "json" { " --json" } else { "" }
            }));
            let snapshot = format!("{kind}__{name}");
            let result = catch_unwind(AssertUnwindSafe(|| {
                settings.bind(|| insta::assert_snapshot!(snapshot.as_str(), text.as_str()));
            }));
            if result.is_err() {
                failed.push(snapshot);
            }
        }
    }
    assert!(failed.is_empty(), "snapshots that differ: {failed:?}");
}

/// A snapshot whose script is gone is stale: it would pin nothing.
#[test]
fn every_transcript_snapshot_has_its_script() {
    let names: BTreeSet<String> = script_names().into_iter().collect();
    for entry in fs::read_dir(root().join("snapshots")).expect("snapshots/ exists") {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        for kind in ["transcript__", "json__"] {
            if let Some(name) = file.strip_prefix(kind) {
                let name = name.strip_suffix(".snap").unwrap_or(name);
                assert!(
                    names.contains(name),
                    "snapshots/{file} has no scripts/{name}.cp (pending .snap.new files are \
                     not to be committed either)"
                );
            }
        }
    }
}

/// Return codes vmcfsim never gives (docs/decisions.md#d11): it runs every VM with PSW key 0 and no
/// shared segments (no 6), has no paging I/O (no 15), and does not know what 19 means.
const NEVER_RETURNED: [u8; 3] = [6, 15, 19];

/// Data-transfer codes (VMCMEFLG) that cannot arise in vmcfsim: 1, because a message's
/// storage cannot shrink under it (DEFINE STORAGE resets VMCF and so purges or ends the
/// message first); 6, 15 and 19 as for the return codes (docs/decisions.md#d11).
const NEVER_IN_EFLG: [u8; 4] = [1, 6, 15, 19];

/// The manual's chart of return codes by subfunction (docs/vmcf.md#return-codes-by-subfunction;
/// CANCEL's row is unreadable and taken from the codes' descriptions: 0,2,3,4,11,12,14,15). RC 2 is
/// listed for every subfunction, but an invalid code is by definition none of them: it is checked
/// apart.
const CHART: [(&str, &[u8]); 12] = [
    ("AUTHORIZE", &[0, 1, 2, 6, 15]),
    ("UNAUTHORIZE", &[0, 2, 4, 15]),
    ("SEND", &[0, 1, 2, 4, 5, 8, 9, 10, 15, 18]),
    ("SENDRECV", &[0, 1, 2, 4, 5, 8, 9, 10, 15, 18]),
    ("SENDX", &[0, 1, 2, 4, 5, 7, 8, 9, 10, 15, 18]),
    ("RECEIVE", &[0, 1, 2, 3, 4, 5, 6, 12, 13, 15, 16, 17]),
    ("CANCEL", &[0, 2, 3, 4, 11, 12, 14, 15]),
    ("REPLY", &[0, 1, 2, 3, 4, 5, 6, 12, 13, 15, 16, 17, 19]),
    ("QUIESCE", &[0, 2, 4, 15]),
    ("RESUME", &[0, 2, 4, 15]),
    ("IDENTIFY", &[0, 2, 4, 5, 9, 10, 15, 18]),
    ("REJECT", &[0, 2, 3, 4, 12, 13, 15]),
];

/// What the corpus shows: (subfunction, rc) of every return code, and the VMCMEFLG of every
/// RESPONSE interrupt.
fn observed() -> (BTreeSet<(String, u8)>, BTreeSet<u8>) {
    let mut rcs = BTreeSet::new();
    let mut eflgs = BTreeSet::new();
    for replay in corpus().values() {
        for e in events(replay) {
            match e["event"].as_str() {
                Some("rc") => {
                    let sub = e["subfunction"].as_str().expect("subfunction").to_string();
                    let rc = u8::try_from(e["rc"].as_u64().expect("rc")).expect("a small rc");
                    rcs.insert((sub, rc));
                }
                Some("interrupt") => {
                    let stat = u8::from_str_radix(e["fields"]["stat"].as_str().unwrap(), 16);
                    let eflg = u8::from_str_radix(e["fields"]["eflg"].as_str().unwrap(), 16);
                    // VMCMRESP without IDENTIFY: a RESPONSE, where VMCMEFLG means something.
                    if stat.unwrap() & 0x80 != 0 && e["fields"]["func_name"] != "IDENTIFY" {
                        eflgs.insert(eflg.unwrap());
                    }
                }
                _ => {}
            }
        }
    }
    (rcs, eflgs)
}

#[test]
fn every_return_code_appears_in_some_scripts_json() {
    let (rcs, _) = observed();
    let seen: BTreeSet<u8> = rcs.iter().map(|(_, rc)| *rc).collect();
    for rc in ReturnCode::ALL {
        let n = rc.number();
        if NEVER_RETURNED.contains(&n) {
            assert!(
                !seen.contains(&n),
                "RC {n} is never returned (docs/decisions.md#d11), yet a script shows it"
            );
        } else {
            assert!(
                seen.contains(&n),
                "no script shows RC {n} ({})",
                rc.meaning()
            );
        }
    }
    // An invalid function code is named by its value, not a subfunction.
    assert!(
        rcs.iter()
            .any(|(sub, rc)| *rc == 2 && sub.starts_with("X'")),
        "no script issues an invalid function code"
    );
}

#[test]
fn every_return_code_of_every_subfunction_in_the_chart_appears() {
    let (rcs, _) = observed();
    let mut missing = Vec::new();
    for (sub, codes) in CHART {
        for &rc in codes {
            if rc == 2 || NEVER_RETURNED.contains(&rc) {
                continue;
            }
            if !rcs.contains(&(sub.to_string(), rc)) {
                missing.push(format!("{sub} RC {rc}"));
            }
        }
    }
    assert!(missing.is_empty(), "no script shows: {missing:?}");
    // And nothing the chart does not list (RC 2 apart).
    for (sub, rc) in &rcs {
        if let Some((_, codes)) = CHART.iter().find(|(s, _)| s == sub) {
            assert!(codes.contains(rc), "{sub} gave RC {rc}, not in the chart");
        }
    }
}

#[test]
fn every_data_transfer_code_that_can_arise_appears_in_a_response() {
    let (rcs, eflgs) = observed();
    for t in TransferError::ALL {
        let n = t.number();
        if NEVER_IN_EFLG.contains(&n) {
            assert!(
                !eflgs.contains(&n),
                "VMCMEFLG {n} cannot arise, yet a script shows it"
            );
        } else {
            assert!(
                eflgs.contains(&n),
                "no RESPONSE shows VMCMEFLG {n} ({})",
                t.meaning()
            );
        }
    }
    // 16 and 17 are told to the sink as well, by the return code of its RECEIVE or REPLY.
    for sub in ["RECEIVE", "REPLY"] {
        for rc in [16, 17] {
            assert!(
                rcs.contains(&(sub.to_string(), rc)),
                "the sink's {sub} RC {rc}"
            );
        }
    }
}

/// A document's quoted examples: each fenced block after a `<!-- transcript: scripts/NAME.cp -->`
/// marker is cut at `...` lines into runs, and each run must be consecutive lines of that
/// script's transcript, the runs in order. After `<!-- json: scripts/NAME.cp -->` each line
/// must be one of the script's JSON events (as `jq -c` prints them), in order. Lines starting
/// with `$ ` are the command typed, not output. Returns how many blocks were checked.
fn check_quotes(document: &str) -> usize {
    let text = fs::read_to_string(root().join(document)).unwrap();
    let mut lines = text.lines();
    let mut quoted = 0;
    while let Some(line) = lines.next() {
        let marker = line.trim();
        let Some(rest) = marker
            .strip_prefix("<!-- ")
            .and_then(|m| m.strip_suffix(" -->"))
        else {
            continue;
        };
        let Some((kind, script)) = rest.split_once(": scripts/") else {
            continue;
        };
        let name = script
            .strip_suffix(".cp")
            .expect("a marker names a .cp script");
        let replay = corpus()
            .get(name)
            .unwrap_or_else(|| panic!("{document} quotes scripts/{name}.cp, which is not there"));
        let output = match kind {
            "transcript" => &replay.transcript,
            "json" => &replay.json,
            _ => panic!("{document} marker {marker:?}: transcript or json"),
        };
        assert_eq!(
            lines.next().map(str::trim),
            Some("```"),
            "{document}: a block after {marker}"
        );
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let out: Vec<&str> = output.lines().collect();
        let block: Vec<&str> = block.into_iter().filter(|l| !l.starts_with("$ ")).collect();
        // JSON is quoted through a filter: each line is a run of its own.
        let runs: Vec<&[&str]> = if kind == "json" {
            block.chunks(1).collect()
        } else {
            block.split(|l| l.trim() == "...").collect()
        };
        let mut from = 0;
        for run in runs.into_iter().filter(|run| !run.is_empty()) {
            let at = (from..=out.len().saturating_sub(run.len()))
                .find(|&i| run.iter().zip(&out[i..]).all(|(a, b)| a == b))
                .unwrap_or_else(|| {
                    panic!(
                        "{document} ({marker}): these lines are not in the output, in order: {run:#?}"
                    )
                });
            from = at + run.len();
        }
        quoted += 1;
    }
    quoted
}

/// The README quotes its examples from the scripts' replays.
#[test]
fn the_readme_quotes_its_examples_from_the_scripts() {
    // The opening transcript, the console example and the JSON example.
    let quoted = check_quotes("README.md");
    assert!(
        quoted >= 3,
        "the README quotes {quoted} blocks (markers: <!-- transcript: scripts/NAME.cp -->)"
    );
}

/// The tutorial's every step shows output quoted from a shipped script, checked as the README's.
#[test]
fn the_tutorial_quotes_its_examples_from_the_scripts() {
    let quoted = check_quotes("docs/tutorial.md");
    assert!(quoted >= 14, "the tutorial quotes only {quoted} blocks");
}

/// The console's reference quotes its examples of output from the scripts too.
#[test]
fn the_console_document_quotes_its_examples_from_the_scripts() {
    let quoted = check_quotes("docs/console.md");
    assert!(quoted >= 5, "docs/console.md quotes only {quoted} blocks");
}

/// `scripts/README.md` has a row for every script.
#[test]
fn the_scripts_table_lists_every_script() {
    let table = fs::read_to_string(root().join("scripts/README.md")).unwrap();
    for name in script_names() {
        let row = format!("| `{name}.cp` |");
        assert!(table.contains(&row), "scripts/README.md has no row {row}");
    }
}

/// The line model against the pinned transcripts: every shipped script replayed in-process,
/// each outcome rendered into `Lines` and written by the plain text writer, gives its
/// snapshot's transcript byte for byte; and every line is well formed (spans in order, inside
/// the text, on character boundaries, the runs together the whole text).
#[test]
fn the_text_writer_over_the_lines_reproduces_every_transcript() {
    use vmcfsim::{FixedClock, Lines, Session, TextOptions, render_lines, write_text};
    for name in script_names() {
        let source = format!("scripts/{name}.cp");
        let script = fs::read(root().join(&source)).expect("the script is readable");
        let mut session = Session::new(Box::new(FixedClock::standard()));
        let opts = TextOptions {
            echo: true,
            source: Some(&source),
            width: None,
        };
        let (mut lines, mut text) = (Lines::new(), String::new());
        let mut input: &[u8] = &script;
        let mut line_no = 0;
        while !input.is_empty() {
            let end = input.iter().position(|&b| b == b'\n');
            let (line, rest) = match end {
                Some(i) => (&input[..i], &input[i + 1..]),
                None => (input, &input[input.len()..]),
            };
            input = rest;
            line_no += 1;
            let o = session.feed(line_no, line.strip_suffix(b"\r").unwrap_or(line));
            lines.clear();
            render_lines(&o, &opts, &mut lines);
            for l in lines.iter() {
                let mut at = 0;
                for s in l.spans {
                    assert!(s.start as usize >= at && s.end > s.start, "{name}: {l:?}");
                    assert!(l.text.get(s.range()).is_some(), "{name}: {l:?}");
                    at = s.end as usize;
                }
                assert_eq!(l.runs().map(|r| r.1).collect::<String>(), l.text);
                assert!(!l.text.contains('\n'), "{name}: {l:?}");
            }
            write_text(&lines, &mut text);
            if o.quit() {
                break;
            }
        }
        let snap = fs::read_to_string(root().join(format!("snapshots/transcript__{name}.snap")))
            .expect("every script has its transcript snapshot");
        // The snapshot's body follows its second `---` line.
        let body = snap.splitn(3, "---\n").nth(2).expect("an insta snapshot");
        assert_eq!(text.trim_end(), body.trim_end(), "{name}");
        assert_eq!(
            text,
            corpus()[&name].transcript,
            "{name}: as `vmcfsim run` writes it"
        );
    }
}

/// On a fresh clone `fuzz/corpus/` does not exist (git ignores it) and cargo-fuzz refuses a
/// corpus directory that is not there: the README's commands make each one before its run,
/// for every target the fuzz workspace builds.
#[test]
fn the_readme_fuzz_commands_make_each_working_corpus_first() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let manifest = fs::read_to_string(root().join("fuzz/Cargo.toml")).unwrap();
    let targets: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|n| *n != "vmcfsim-fuzz")
        .collect();
    assert!(targets.len() >= 3, "{targets:?}");
    for t in targets {
        let corpus = format!("fuzz/corpus/{t}");
        let made = readme
            .lines()
            .position(|l| l.starts_with("mkdir -p ") && l.split_whitespace().any(|w| w == corpus));
        let run = readme
            .lines()
            .position(|l| l.starts_with(&format!("cargo fuzz run {t} ")));
        match (made, run) {
            (Some(m), Some(r)) => assert!(m < r, "{corpus} is made after its run"),
            _ => panic!("README: mkdir -p {corpus} before `cargo fuzz run {t}`: {made:?} {run:?}"),
        }
    }
}

/// The README calls the program `vmcfsim`: its set-up says how to get one by that name (or what
/// stands for it), and Cargo.toml says which Rust it needs, the same as the README.
#[test]
fn the_readme_says_how_to_get_vmcfsim_and_which_rust() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let setup = &readme[readme.find("## Set-up").unwrap()..];
    let setup = &setup[..setup[3..].find("\n## ").unwrap()];
    assert!(setup.contains("cargo install --locked --path ."), "{setup}");
    assert!(
        setup.contains("`cargo run --` stands for `vmcfsim`"),
        "{setup}"
    );
    let manifest = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("Cargo.toml gives rust-version");
    assert!(
        setup.contains(&format!("Rust toolchain of {version} or later")),
        "{setup}"
    );
}
