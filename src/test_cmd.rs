//! `vmcfsim test [PATH ...]`: runs scripts, checks their `*=` expectations (the library's
//! `check` does that) and, where a golden transcript `NAME.out` is kept beside `NAME.cp`,
//! compares the whole transcript; `--bless` writes the golden copies. Prints in the manner of
//! `cargo test`, or one JSON object a script. Scripts run on two threads; the report is written
//! in the order the scripts were named, so it is the same every time.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::palette;
use similar::TextDiff;
use vmcfsim::Tone;
use vmcfsim::check::{self, Failure, FailureKind};

use crate::run::{Failure as RunFailure, Status};

/// What `vmcfsim test` was asked to do.
#[derive(Debug)]
pub struct Settings {
    /// Script files and directories of scripts (`*.cp`, not descending into subdirectories).
    pub paths: Vec<PathBuf>,
    /// Write or update each script's golden transcript instead of comparing with it.
    pub bless: bool,
    pub json: bool,
    pub color: bool,
}

/// The directory tested when no path is given.
pub const DEFAULT_PATH: &str = "scripts";

/// The result of one script.
#[derive(Debug, Default)]
struct Tested {
    /// The script as named on the command line (joined to its directory).
    name: String,
    expectations: usize,
    failures: Vec<Failure>,
    /// The golden transcript differs: its path and the unified diff.
    diff: Option<(String, String)>,
    /// A file that cannot be read (exit status 2), or nothing to check.
    problems: Vec<(Problem, String)>,
    /// The golden transcript written by `--bless`.
    blessed: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// The script or its golden transcript cannot be read.
    Unreadable,
    /// No expectation and no golden transcript: nothing says what the script should do.
    NothingToCheck,
}

impl Tested {
    fn passed(&self) -> bool {
        self.failures.is_empty() && self.diff.is_none() && self.problems.is_empty()
    }

    fn unreadable(&self) -> bool {
        self.problems.iter().any(|p| p.0 == Problem::Unreadable)
    }
}

/// Runs `vmcfsim test`: 0 every script passed, 1 one failed, 2 a file could not be read.
pub fn run(settings: &Settings, out: &mut dyn Write) -> Result<Status, RunFailure> {
    let scripts = collect(&settings.paths);
    let results = run_all(&scripts, settings.bless);
    let w = |out: &mut dyn Write, s: &str| out.write_all(s.as_bytes()).map_err(RunFailure::Output);
    if settings.json {
        for t in &results {
            let mut line = serde_json::to_string(&json(t)).expect("JSON of strings and numbers");
            line.push('\n');
            w(out, &line)?;
        }
    } else {
        w(out, &text(&results, settings.color))?;
    }
    out.flush().map_err(RunFailure::Output)?;
    Ok(if results.iter().any(Tested::unreadable) {
        Status::Unreadable
    } else if results.iter().all(Tested::passed) {
        Status::Accepted
    } else {
        Status::Rejected
    })
}

/// The scripts to run, in order: each file as named, each directory's `*.cp` sorted by name.
/// A path that cannot be read is kept, to be reported as a script that cannot be read.
fn collect(paths: &[PathBuf]) -> Vec<Result<PathBuf, (PathBuf, io::Error)>> {
    let default = [PathBuf::from(DEFAULT_PATH)];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut out = Vec::new();
    for p in paths {
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => match fs::read_dir(p) {
                Ok(entries) => {
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.extension().is_some_and(|x| x == "cp") && f.is_file())
                        .collect();
                    files.sort();
                    out.extend(files.into_iter().map(Ok));
                }
                Err(e) => out.push(Err((p.clone(), e))),
            },
            Ok(_) => out.push(Ok(p.clone())),
            Err(e) => out.push(Err((p.clone(), e))),
        }
    }
    out
}

/// Runs every script, two at a time (the scripts are independent sessions), and gives the
/// results in the order of `scripts`.
fn run_all(scripts: &[Result<PathBuf, (PathBuf, io::Error)>], bless: bool) -> Vec<Tested> {
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 2)
        .min(scripts.len().max(1));
    let mut results: Vec<(usize, Tested)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(script) = scripts.get(i) else { break };
                        done.push((i, test_one(script, bless)));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a script's test does not panic"))
            .collect()
    });
    results.sort_by_key(|r| r.0);
    results.into_iter().map(|r| r.1).collect()
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The golden transcript kept beside a script: `NAME.out` for `NAME.cp`.
pub fn golden_path(script: &Path) -> PathBuf {
    script.with_extension("out")
}

fn test_one(script: &Result<PathBuf, (PathBuf, io::Error)>, bless: bool) -> Tested {
    let path = match script {
        Ok(p) => p,
        Err((p, e)) => {
            return Tested {
                name: display(p),
                problems: vec![(
                    Problem::Unreadable,
                    format!("cannot read {}: {e}", display(p)),
                )],
                ..Tested::default()
            };
        }
    };
    let mut t = Tested {
        name: display(path),
        ..Tested::default()
    };
    let input = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            t.problems
                .push((Problem::Unreadable, format!("cannot read {}: {e}", t.name)));
            return t;
        }
    };
    // The transcript names the script by its file name, as `vmcfsim run NAME.cp` does from its
    // directory, so a golden copy does not depend on where `vmcfsim test` was started.
    let file_name = path
        .file_name()
        .map_or_else(|| t.name.clone(), |f| f.to_string_lossy().into_owned());
    let report = check::script(&file_name, &input);
    t.expectations = report.expectations;
    t.failures = report.failures;
    let golden = golden_path(path);
    let golden_name = display(&golden);
    if bless {
        match fs::write(&golden, &report.transcript) {
            Ok(()) => t.blessed = Some(golden_name),
            Err(e) => t.problems.push((
                Problem::Unreadable,
                format!("cannot write {golden_name}: {e}"),
            )),
        }
        return t;
    }
    match fs::read(&golden) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(kept) if kept == report.transcript => {}
            Ok(kept) => {
                let diff = TextDiff::from_lines(&kept, &report.transcript)
                    .unified_diff()
                    .context_radius(3)
                    .header(&golden_name, &format!("{} (this run)", t.name))
                    .to_string();
                t.diff = Some((golden_name, diff));
            }
            Err(e) => {
                let bytes = e.as_bytes();
                let at = e.utf8_error().valid_up_to();
                let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
                t.problems.push((
                    Problem::Unreadable,
                    format!(
                        "{golden_name}:{line}: the golden transcript is not UTF-8 (byte X'{:02X}')",
                        bytes[at]
                    ),
                ));
            }
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if t.expectations == 0 {
                t.problems.push((
                    Problem::NothingToCheck,
                    format!(
                        "nothing to check: {} has no {} expectations and there is no golden \
                         transcript {golden_name} (--bless writes one)",
                        t.name,
                        check::expect::MARKER
                    ),
                ));
            }
        }
        Err(e) => t.problems.push((
            Problem::Unreadable,
            format!("cannot read {golden_name}: {e}"),
        )),
    }
    t
}

/// One failure as the report prints it: where, the line, what was expected, what happened.
fn describe(name: &str, f: &Failure) -> String {
    let mut s = String::new();
    match f.kind {
        FailureKind::Bad => {
            s.push_str(&format!(
                "{name}:{}: bad expectation: {}\n",
                f.line, f.expected
            ));
            s.push_str(&format!("  {}\n", f.text));
            if let Some(span) = &f.span {
                let lead = f.text.get(..span.start).map_or(0, |t| t.chars().count());
                let width = f
                    .text
                    .get(span.clone())
                    .map_or(1, |t| t.chars().count().max(1));
                s.push_str(&format!("  {}{}\n", " ".repeat(lead), "^".repeat(width)));
            }
            if let Some((n, text)) = &f.command {
                s.push_str(&format!("  after line {n}: {text}\n"));
            }
        }
        FailureKind::Expectation => {
            s.push_str(&format!("{name}:{}: {}\n", f.line, f.text.trim_start()));
            if let Some((n, text)) = &f.command {
                s.push_str(&format!("  after line {n}: {text}\n"));
            }
            s.push_str(&format!("  expected: {}\n", f.expected));
            s.push_str(&format!("  happened: {}\n", f.happened));
        }
        FailureKind::Refused => {
            s.push_str(&format!("{name}:{}: {}\n", f.line, f.text));
            s.push_str(&format!("  expected: {}\n", f.expected));
            s.push_str(&format!("  happened: {}\n", f.happened));
        }
    }
    s
}

fn paint(color: bool, s: &str, how: fn(&str) -> String) -> String {
    if color { how(s) } else { s.to_string() }
}

/// The unified diff with `-` lines red, `+` lines green and hunk headers cyan (the palette's
/// error, return-code-ok and interrupt-title tones).
fn paint_diff(diff: &str, color: bool) -> String {
    if !color {
        return diff.to_string();
    }
    let mut s = String::new();
    for line in diff.split_inclusive('\n') {
        let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
        let painted = if body.starts_with("---") || body.starts_with("+++") {
            palette::paint(Tone::Echo, body)
        } else if body.starts_with("@@") {
            palette::paint(Tone::Interrupt, body)
        } else if body.starts_with('-') {
            palette::paint(Tone::Error, body)
        } else if body.starts_with('+') {
            palette::paint(Tone::RcOk, body)
        } else {
            body.to_string()
        };
        s.push_str(&painted);
        s.push_str(end);
    }
    s
}

fn text(results: &[Tested], color: bool) -> String {
    let mut s = String::new();
    for t in results {
        let verdict = if t.passed() {
            paint(color, "ok", |x| palette::paint(Tone::RcOk, x))
        } else {
            paint(color, "FAILED", |x| palette::paint(Tone::Error, x))
        };
        s.push_str(&format!("test {} ... {verdict}", t.name));
        if let Some(b) = &t.blessed {
            s.push_str(&format!(" (wrote {b})"));
        }
        s.push('\n');
    }
    let failed: Vec<&Tested> = results.iter().filter(|t| !t.passed()).collect();
    if !failed.is_empty() {
        s.push_str("\nfailures:\n");
        for t in &failed {
            s.push_str(&format!("\n---- {} ----\n", t.name));
            for (_, p) in &t.problems {
                s.push_str(p);
                s.push('\n');
            }
            for f in &t.failures {
                s.push_str(&describe(&t.name, f));
            }
            if let Some((golden, diff)) = &t.diff {
                s.push_str(&format!(
                    "{golden}: the transcript differs from the golden copy \
                     (vmcfsim test --bless {} accepts it)\n",
                    t.name
                ));
                s.push_str(&paint_diff(diff, color));
            }
        }
        s.push('\n');
    }
    let passed = results.len() - failed.len();
    s.push_str(&format!("{passed} passed, {} failed\n", failed.len()));
    s
}

fn json(t: &Tested) -> serde_json::Value {
    use serde_json::json;
    let result = if t.unreadable() {
        "error"
    } else if t.passed() {
        "ok"
    } else {
        "failed"
    };
    let mut failures: Vec<serde_json::Value> = t
        .problems
        .iter()
        .map(|(p, msg)| {
            let kind = match p {
                Problem::Unreadable => "unreadable",
                Problem::NothingToCheck => "nothing_to_check",
            };
            json!({"kind": kind, "message": msg})
        })
        .collect();
    failures.extend(t.failures.iter().map(|f| {
        let kind = match f.kind {
            FailureKind::Expectation => "expectation",
            FailureKind::Bad => "bad_expectation",
            FailureKind::Refused => "refused",
        };
        json!({
            "kind": kind,
            "line": f.line,
            "text": f.text,
            "command_line": f.command.as_ref().map(|c| c.0),
            "command": f.command.as_ref().map(|c| c.1.clone()),
            "expected": f.expected,
            "happened": f.happened,
            "column": f.span.as_ref().map(|s| f.text.get(..s.start).map_or(0, |t| t.chars().count()) + 1),
            "message": describe(&t.name, f),
        })
    }));
    if let Some((golden, diff)) = &t.diff {
        failures.push(json!({"kind": "transcript", "golden": golden, "diff": diff}));
    }
    json!({
        "script": t.name,
        "result": result,
        "expectations": t.expectations,
        "blessed": t.blessed,
        "failures": failures,
    })
}
