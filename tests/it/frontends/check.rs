//! `vmcfsim test` and the `*=` expectation lines, through the real binary: the shipped scripts
//! pass, each kind of expectation fails with its message, golden transcripts, `--bless`,
//! `--json`, the exit statuses and every bad input; and the expectation parser never panics.

use std::fs;
use std::path::Path;
use std::process::Output;

use proptest::prelude::*;
use vmcfsim::check::expect;

use crate::support::bin::vmcfsim;

const SETUP: &str = "LOGON A\nVMCF AUTHORIZE\nLOGON B\nVMCF AUTHORIZE\n";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `vmcfsim test ARGS` in `dir`.
fn test_in(dir: &Path, args: &[&str]) -> Output {
    vmcfsim()
        .current_dir(dir)
        .arg("test")
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// A temporary directory holding these scripts.
fn scripts(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// The failure block of a single failing script `x.cp` (the lines between `---- x.cp ----`
/// and the blank line before the summary).
fn failure_of(out: &str) -> String {
    let start = out.find("---- x.cp ----\n").expect(out) + "---- x.cp ----\n".len();
    let end = out[start..]
        .find("\n\n")
        .map_or(out.len(), |e| start + e + 1);
    out[start..end].to_string()
}

/// Runs `x.cp` = SETUP + `body` and gives its failure block; it must fail with status 1.
fn fails(body: &str) -> String {
    let dir = scripts(&[("x.cp", &format!("{SETUP}{body}"))]);
    let o = test_in(dir.path(), &["x.cp"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.starts_with("test x.cp ... FAILED\n"), "{out}");
    assert!(out.ends_with("\n0 passed, 1 failed\n"), "{out}");
    failure_of(&out)
}

#[test]
fn the_shipped_scripts_check_themselves() {
    let o = vmcfsim()
        .current_dir(root())
        .args(["test", "scripts/"])
        .output()
        .unwrap();
    let out = stdout(&o);
    let n = fs::read_dir(root().join("scripts"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "cp")
        })
        .count();
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert_eq!(
        out.lines().last(),
        Some(format!("{n} passed, 0 failed").as_str()),
        "{out}"
    );
    assert_eq!(out.lines().filter(|l| l.ends_with(" ... ok")).count(), n);
    // Every script but the one kept as a golden transcript states expectations.
    for entry in fs::read_dir(root().join("scripts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "cp") && !path.with_extension("out").exists() {
            let text = fs::read_to_string(&path).unwrap();
            assert!(
                text.lines().any(|l| l.starts_with("*=")),
                "{} checks nothing",
                path.display()
            );
        }
    }
}

#[test]
fn a_passing_script_of_every_kind_and_run_takes_the_lines_as_comments() {
    let script = format!(
        "{SETUP}* a comment between the command and its expectations is skipped
VMCF SEND A MID 7 DATA 'HELLO FROM B' USE 'B-REQ'
* here
*= RC 0
*= SEND RC 0
*= B: SEND TO A MID 7: RC 0 (complete or successfully initiated)
*= A: EXTERNAL INTERRUPT X'4001' AT 001000: SEND FROM B MID 7
*= A: INTERRUPT SEND FROM B MID 7 STAT NONE EFLG 0 VADA 020000 LENA 12 VADB 0 LENB 0 USE 'B-REQ'
*= a: interrupt vmcmfunc 2 vmcmuser b vmcmuse X'C260D9C5D8404040'
*= B: NO INTERRUPT
A: VMCF RECEIVE B MID 7 INTO L30000 LEN 100 USE X'C8'
*= A: DATA MOVED TO 030000 'HELLO FROM B'
*= A: DATA MOVED TO L30000, 12 BYTES
*= DATA MOVED X'C8C5D3D3D640C6D9D6D440C2'
*= B: INTERRUPT RESPONSE FROM A TO SEND MID 7 STAT RESP LENA 0 USE X'C8'
*= A: STORAGE 030000 'HELLO'
*= A: STORAGE X'3000B' 'B'
FROB
*= B: ERROR DMKCFC001E
*= ERROR 001
B: SMSG A HI
*= B: ERROR 057
"
    );
    let dir = scripts(&[("x.cp", &script)]);
    let o = test_in(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "no scripts/ in the directory");
    let o = test_in(dir.path(), &["x.cp"]);
    assert_eq!(stdout(&o), "test x.cp ... ok\n1 passed, 0 failed\n");
    assert_eq!(o.status.code(), Some(0));
    // `run` is unchanged: the expectations are echoed as comments and do not count.
    let run = vmcfsim()
        .current_dir(dir.path())
        .args(["run", "x.cp"])
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "FROB is a rejected line for run"
    );
    let text = stdout(&run);
    assert!(text.contains("B> *= A: STORAGE 030000 'HELLO'\n"), "{text}");
    assert!(!text.contains("DMKCFC001E ?CP: *="), "{text}");
}

#[test]
fn a_failing_return_code() {
    let f = fails("VMCF SEND A MID 1 DATA 'X'\n*= RC 4\n*= B: RECEIVE RC 0\nLOGON C\n*= RC 0\n");
    assert_eq!(
        f,
        "x.cp:6: *= RC 4
  after line 5: VMCF SEND A MID 1 DATA 'X'
  expected: RC 4
  happened: B: SEND TO A MID 1: RC 0 (complete or successfully initiated)
x.cp:7: *= B: RECEIVE RC 0
  after line 5: VMCF SEND A MID 1 DATA 'X'
  expected: B: RECEIVE RC 0
  happened: no such return code; the line gave B: SEND TO A MID 1: RC 0 (complete or successfully initiated)
x.cp:9: *= RC 0
  after line 8: LOGON C
  expected: RC 0
  happened: no return code
"
    );
}

#[test]
fn a_failing_interrupt_names_the_field_that_differs() {
    let f = fails(
        "VMCF SEND A MID 1 DATA 'X' USE 'U'\n\
         *= A: INTERRUPT SENDX FROM B MID 2 LENA 1 USE 'V'\n\
         *= B: INTERRUPT SEND\n\
         *= A: NO INTERRUPT\n",
    );
    assert_eq!(
        f,
        "x.cp:6: *= A: INTERRUPT SENDX FROM B MID 2 LENA 1 USE 'V'
  after line 5: VMCF SEND A MID 1 DATA 'X' USE 'U'
  expected: A: INTERRUPT SENDX FROM B MID 2 LENA 1 USE 'V'
  happened: A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 1 LENB 0 USE X'E440404040404040': VMCMFUNC SEND, not SENDX, VMCMMID 1, not 2, VMCMUSE X'E440404040404040' ('U       '), not X'E540404040404040' ('V       ')
x.cp:7: *= B: INTERRUPT SEND
  after line 5: VMCF SEND A MID 1 DATA 'X' USE 'U'
  expected: B: INTERRUPT SEND
  happened: no interrupt for B; the line gave A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 1 LENB 0 USE X'E440404040404040'
x.cp:8: *= A: NO INTERRUPT
  after line 5: VMCF SEND A MID 1 DATA 'X' USE 'U'
  expected: A: NO INTERRUPT
  happened: A: INTERRUPT SEND FROM B MID 1 STAT NONE EFLG 0 LENA 1 LENB 0 USE X'E440404040404040'
"
    );
    let f = fails(
        "B: VMCF AUTHORIZE SMSG BUF 80\nSMSG B HELLO\n*= B: INTERRUPT SMSG FROM A TEXT 'HELP' STAT RESP EFLG 5\n",
    );
    assert!(
        f.ends_with(
            "  happened: B: INTERRUPT SMSG FROM B STAT NONE EFLG 0 LENA 5 LENB 0: VMCMUSE \
             X'C240404040404040' ('B       '), not X'C140404040404040' ('A       '), data 'HELLO', \
             not 'HELP', VMCMSTAT NONE, not RESP, VMCMEFLG 0, not 5\n"
        ),
        "{f}"
    );
}

#[test]
fn failing_data_error_and_storage() {
    let f = fails(
        "VMCF SEND A MID 1 DATA 'PING'\n\
         A: VMCF RECEIVE B MID 1 INTO L30000\n\
         *= A: DATA MOVED TO 030000 'PONG'\n\
         *= ERROR DMKCFC001E\n\
         *= A: STORAGE 30000 'PANG'\n\
         *= A: STORAGE FFFFFF 'P'\n\
         A: LOGOFF\n\
         *= B: DATA MOVED\n",
    );
    assert_eq!(
        f,
        "x.cp:7: *= A: DATA MOVED TO 030000 'PONG'
  after line 6: A: VMCF RECEIVE B MID 1 INTO L30000
  expected: A: DATA MOVED TO 030000 'PONG'
  happened: no data moved; the line gave A: DATA MOVED TO 030000 'PING' (4 BYTES)
x.cp:8: *= ERROR DMKCFC001E
  after line 6: A: VMCF RECEIVE B MID 1 INTO L30000
  expected: ERROR DMKCFC001E
  happened: the line was accepted
x.cp:9: *= A: STORAGE 30000 'PANG'
  after line 6: A: VMCF RECEIVE B MID 1 INTO L30000
  expected: A: STORAGE 30000 'PANG'
  happened: A: STORAGE 030000 'PING'
x.cp:10: *= A: STORAGE FFFFFF 'P'
  after line 6: A: VMCF RECEIVE B MID 1 INTO L30000
  expected: A: STORAGE FFFFFF 'P'
  happened: A's storage does not reach 1000000
x.cp:12: *= B: DATA MOVED
  after line 11: A: LOGOFF
  expected: B: DATA MOVED
  happened: no data moved
"
    );
}

#[test]
fn a_refused_line_without_its_error_fails_and_the_wrong_error_too() {
    let f = fails("FROB\nQUERY NOBODY\n*= ERROR 046\n");
    assert_eq!(
        f,
        "x.cp:5: FROB
  expected: the line accepted (or *= ERROR with its message number below it)
  happened: DMKCFC001E ?CP: FROB
x.cp:6: QUERY NOBODY
  expected: the line accepted (or *= ERROR with its message number below it)
  happened: DMKCQG045W NOBODY NOT LOGGED ON
x.cp:7: *= ERROR 046
  after line 6: QUERY NOBODY
  expected: ERROR 046
  happened: the line was accepted; the line gave DMKCQG045W NOBODY NOT LOGGED ON
"
    );
}

#[test]
fn bad_expectations_name_file_and_line_and_the_other_scripts_still_run() {
    let dir = scripts(&[
        (
            "a.cp",
            "*= RC 0\nLOGON A\n*= FROB 3\n*= C: NO INTERRUPT\n*= A: INTERRUPT VMCMFOO 1\n*= RC 1x\n*= A: STORAGE 0 X'ABC'\n",
        ),
        ("b.cp", SETUP),
        ("c.cp", "LOGON A\n*= A: STORAGE 0 X'00'\n"),
    ]);
    let o = test_in(dir.path(), &["a.cp", "b.cp", "."]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.starts_with("test a.cp ... FAILED\ntest b.cp ... FAILED\ntest ./a.cp ... FAILED\ntest ./b.cp ... FAILED\ntest ./c.cp ... ok\n"), "{out}");
    assert!(out.ends_with("\n1 passed, 4 failed\n"), "{out}");
    let a = &out[out.find("---- a.cp ----\n").unwrap()..out.find("---- b.cp ----").unwrap()];
    assert_eq!(
        a,
        "---- a.cp ----
a.cp:1: bad expectation: an expectation before any command line: it says what the nearest command line above it did
  *= RC 0
a.cp:3: bad expectation: unknown expectation FROB: expected RC, SUBFUNCTION ... RC, INTERRUPT, NO INTERRUPT, DATA MOVED, ERROR or STORAGE
  *= FROB 3
     ^^^^
  after line 2: LOGON A
a.cp:4: bad expectation: C is not logged on
  *= C: NO INTERRUPT
  after line 2: LOGON A
a.cp:5: bad expectation: no header field VMCMFOO: the fields are VMCMSTAT, VMCMEFLG, VMCMFUNC, VMCMMID, VMCMUSER, VMCMVADA, VMCMLENA, VMCMVADB, VMCMLENB, VMCMUSE (without VMCM too), FROM, DATA or TEXT
  *= A: INTERRUPT VMCMFOO 1
                  ^^^^^^^
  after line 2: LOGON A
a.cp:6: bad expectation: RC needs a decimal number or X'hex', not 1X
  *= RC 1x
        ^^
  after line 2: LOGON A
a.cp:7: bad expectation: X'ABC' needs an even number of hexadecimal digits
  *= A: STORAGE 0 X'ABC'
                  ^^^^^^
  after line 2: LOGON A

"
    );
    assert!(
        out.contains("---- b.cp ----\nnothing to check: b.cp has no *= expectations and there is no golden transcript b.out (--bless writes one)\n"),
        "{out}"
    );
    assert!(
        !dir.path().join("b.out").exists(),
        "a missing golden copy is not created"
    );
}

#[test]
fn golden_transcripts_bless_diff_and_colour() {
    let dir = scripts(&[
        ("x.cp", "LOGON A\nQUERY NAMES\n"),
        ("y.cp", "LOGON B\n*= RC 0\n"),
    ]);
    let o = test_in(dir.path(), &["--bless", "."]);
    assert_eq!(
        stdout(&o),
        "test ./x.cp ... ok (wrote ./x.out)\ntest ./y.cp ... FAILED (wrote ./y.out)\n\nfailures:\n\n---- ./y.cp ----\n./y.cp:2: *= RC 0\n  after line 1: LOGON B\n  expected: RC 0\n  happened: no return code\n\n1 passed, 1 failed\n"
    );
    let run = vmcfsim()
        .current_dir(dir.path())
        .args(["run", "x.cp"])
        .output()
        .unwrap();
    assert_eq!(
        fs::read(dir.path().join("x.out")).unwrap(),
        run.stdout,
        "the golden copy is run's transcript"
    );
    let o = test_in(dir.path(), &["x.cp"]);
    assert_eq!(stdout(&o), "test x.cp ... ok\n1 passed, 0 failed\n");
    // The behaviour drifts: the golden copy says another user was there.
    fs::write(
        dir.path().join("x.cp"),
        "LOGON A\nLOGON C\nA: QUERY NAMES\n",
    )
    .unwrap();
    let o = test_in(dir.path(), &["x.cp"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        failure_of(&out),
        "x.out: the transcript differs from the golden copy (vmcfsim test --bless x.cp accepts it)
--- x.out
+++ x.cp (this run)
@@ -1,4 +1,6 @@
 > LOGON A
 A: LOGON AT 09:00:01 GMT WEDNESDAY 04/01/81
-A> QUERY NAMES
-A: A        - CONS
+A> LOGON C
+C: LOGON AT 09:00:02 GMT WEDNESDAY 04/01/81
+C> A: QUERY NAMES
+A: A        - CONS , C        - CONS
"
    );
    let o = test_in(dir.path(), &["x.cp", "--color", "always"]);
    let out = stdout(&o);
    assert!(out.contains("\x1b[31m-A> QUERY NAMES\x1b[0m"), "{out:?}");
    assert!(out.contains("\x1b[32m+A> LOGON C\x1b[0m"), "{out:?}");
    assert!(out.contains("FAILED"), "{out:?}");
    let o = vmcfsim()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["test", "x.cp"])
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\x1b'), "NO_COLOR");
}

#[test]
fn an_unreadable_or_non_utf8_golden_copy_or_script_is_status_2() {
    let dir = scripts(&[
        ("bad.cp", "LOGON A\n"),
        ("bad.out", "> LOGON A\n\u{0}ok\n"),
        ("dir.cp", "LOGON A\n"),
        ("ok.cp", "LOGON A\n*= RC 0\n"),
    ]);
    fs::write(dir.path().join("bad.out"), b"> LOGON A\nA: \xffLOGON\n").unwrap();
    fs::create_dir(dir.path().join("dir.out")).unwrap();
    let o = test_in(dir.path(), &["bad.cp", "dir.cp", "missing.cp", "ok.cp"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains(
            "---- bad.cp ----\nbad.out:2: the golden transcript is not UTF-8 (byte X'FF')\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("---- dir.cp ----\ncannot read dir.out: "),
        "{out}"
    );
    assert!(
        out.contains("---- missing.cp ----\ncannot read missing.cp: "),
        "{out}"
    );
    assert!(
        out.contains("x.cp") || out.contains("---- ok.cp ----\nok.cp:2: *= RC 0"),
        "ok.cp still ran: {out}"
    );
    assert!(out.ends_with("\n0 passed, 4 failed\n"), "{out}");
}

#[test]
fn json_gives_one_result_object_a_script() {
    let dir = scripts(&[
        ("a.cp", &format!("{SETUP}VMCF SEND A DATA 'X'\n*= RC 0\n")),
        ("b.cp", "LOGON A\n*= A: INTERRUPT MID X'1G'\nFROB\n"),
    ]);
    let o = test_in(dir.path(), &["--json", "a.cp", "b.cp", "none.cp"]);
    assert_eq!(o.status.code(), Some(2));
    let results: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["script"], "a.cp");
    assert_eq!(results[0]["result"], "ok");
    assert_eq!(results[0]["expectations"], 1);
    assert_eq!(results[1]["result"], "failed");
    let f = &results[1]["failures"];
    assert_eq!(f[0]["kind"], "bad_expectation");
    assert_eq!(f[0]["line"], 2);
    assert_eq!(f[0]["column"], 21, "X'1G' starts at the 21st character");
    assert_eq!(f[0]["command_line"], 1);
    assert_eq!(
        f[0]["expected"],
        "MID needs a decimal number or X'hex', not X'1G'"
    );
    assert_eq!(f[1]["kind"], "refused");
    assert_eq!(f[1]["line"], 3);
    assert_eq!(f[1]["happened"], "DMKCFC001E ?CP: FROB");
    assert_eq!(results[2]["result"], "error");
    assert_eq!(results[2]["failures"][0]["kind"], "unreadable");
}

/// The README's example of a failing expectation is what `vmcfsim test` prints.
#[test]
fn the_readmes_failing_example_is_what_test_prints() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find("<!-- check: ask.cp -->")
        .expect("the README's check example");
    let block = &readme[at..];
    let block = &block[block.find("```\n").unwrap() + 4..];
    let block = &block[..block.find("```\n").unwrap()];
    let (script, output) = block
        .strip_prefix("$ cat ask.cp\n")
        .and_then(|b| b.split_once("$ vmcfsim test ask.cp\n"))
        .expect("$ cat ask.cp, the script, $ vmcfsim test ask.cp, the output");
    let dir = scripts(&[("ask.cp", script)]);
    let o = test_in(dir.path(), &["ask.cp"]);
    assert_eq!(stdout(&o), output);
    assert_eq!(o.status.code(), Some(1));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any text after `*=` parses or gives an error whose span lies inside the line on
    /// character boundaries; nothing panics.
    #[test]
    fn the_expectation_parser_never_panics_and_points_inside_the_line(
        body in prop_oneof![
            "\\PC{0,40}",
            proptest::collection::vec(prop_oneof![
                Just("A:".to_string()), Just("RC".into()), Just("SEND".into()), Just("INTERRUPT".into()),
                Just("NO".into()), Just("DATA".into()), Just("MOVED".into()), Just("STORAGE".into()),
                Just("ERROR".into()), Just("MID".into()), Just("STAT".into()), Just("USE".into()),
                Just("FROM".into()), Just("TO".into()), Just("RESPONSE".into()), Just("SMSG".into()),
                Just("X'".into()), Just("'".into()), Just(":".into()), Just("(".into()), Just(",".into()),
                "[0-9A-F]{0,9}", "X'[0-9A-Fa-fG ]{0,18}'", "'[a-zé ']{0,9}'", "DMK[A-Z]{3}[0-9]{3}[EW]?",
            ], 0..8).prop_map(|w| w.join(" ")),
        ],
    ) {
        let line = format!("*= {body}");
        if let Err(e) = expect::parse(&line) {
            prop_assert!(e.span.start <= e.span.end && e.span.end <= line.len(), "{e:?} in {line:?}");
            prop_assert!(line.is_char_boundary(e.span.start) && line.is_char_boundary(e.span.end));
            prop_assert!(!e.message.is_empty());
        }
    }

    /// A whole script of random lines and expectations is checked without a panic.
    #[test]
    fn checking_any_script_never_panics(lines in proptest::collection::vec(prop_oneof![
        Just("LOGON A".to_string()), Just("VMCF AUTHORIZE".into()), Just("VMCF SEND A DATA 'X'".into()),
        Just("A: VMCF RECEIVE A MID 1".into()), Just("*= RC 0".into()), Just("*= A: NO INTERRUPT".into()),
        Just("*= A: INTERRUPT SEND MID 1".into()), Just("*= A: STORAGE FFFFFFFF X'00'".into()),
        Just("*= A: DATA MOVED TO 20000 'X'".into()), "\\*= \\PC{0,20}", "\\PC{0,20}",
    ], 0..12)) {
        let script = lines.join("\n");
        let report = vmcfsim::check::script("p.cp", script.as_bytes());
        for f in &report.failures {
            prop_assert!(f.line >= 1 && f.line <= lines.len());
        }
    }
}

/// Each shipped script states every return code, interrupt and CP error it shows: under each
/// command line, at least as many `*=` lines of each kind as the line gave events of that kind.
#[test]
fn every_shipped_script_states_each_return_code_interrupt_and_error() {
    use vmcfsim::check::expect::Expect;
    let mut missing = Vec::new();
    for entry in fs::read_dir(root().join("scripts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "cp") {
            continue;
        }
        let o = vmcfsim()
            .arg("run")
            .arg("--json")
            .arg(&path)
            .output()
            .unwrap();
        // (rc, interrupt, error) events by line, then the expectations stated under each.
        let mut shown: std::collections::BTreeMap<u64, [usize; 3]> = Default::default();
        for line in stdout(&o).lines() {
            let e: serde_json::Value = serde_json::from_str(line).unwrap();
            let kind = match e["event"].as_str() {
                Some("rc") => 0,
                Some("interrupt") => 1,
                Some("error") => 2,
                _ => continue,
            };
            shown.entry(e["line"].as_u64().unwrap()).or_default()[kind] += 1;
        }
        let text = fs::read_to_string(&path).unwrap();
        let mut stated: std::collections::BTreeMap<u64, [usize; 3]> = Default::default();
        let mut command = 0;
        for (i, line) in text.lines().enumerate() {
            if expect::is_expectation(line.as_bytes()) {
                let kind = match expect::parse(line).unwrap().what {
                    Expect::Rc { .. } => 0,
                    Expect::Interrupt(_) => 1,
                    Expect::Error(_) => 2,
                    _ => continue,
                };
                stated.entry(command).or_default()[kind] += 1;
            } else if !line.trim_start().starts_with('*') && !line.trim().is_empty() {
                command = i as u64 + 1;
            }
        }
        for (line, counts) in &shown {
            let said = stated.get(line).copied().unwrap_or_default();
            for (k, what) in ["return code", "interrupt", "error"].iter().enumerate() {
                if said[k] < counts[k] {
                    missing.push(format!(
                        "{}:{line}: {} {what}(s), {} stated",
                        path.file_name().unwrap().to_string_lossy(),
                        counts[k],
                        said[k]
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "add *= lines for: {missing:#?}");
}

/// The example blocks of expectations in the README and in `docs/console.md` hold, after a
/// preamble that logs A and B on: the documents cannot drift from what the checker accepts.
#[test]
fn the_documented_examples_of_expectations_hold() {
    let preamble = "LOGON A\nVMCF AUTHORIZE SMSG BUF 100\nLOGON B\nVMCF AUTHORIZE\n";
    let mut checked = 0;
    for (doc, heading) in [
        ("README.md", "### Checking a script"),
        ("docs/console.md", "## Checking a script"),
    ] {
        let text = fs::read_to_string(root().join(doc)).unwrap();
        let section = &text[text
            .find(heading)
            .unwrap_or_else(|| panic!("{doc}: {heading}"))..];
        let section = &section[heading.len()..];
        let end = section.find("\n## ").unwrap_or(section.len());
        let blocks: Vec<&str> = section[..end].split("```\n").skip(1).step_by(2).collect();
        for block in blocks {
            let is_script = block.lines().any(|l| l.starts_with("*="))
                && block
                    .lines()
                    .any(|l| !l.starts_with("*=") && !l.starts_with('$'))
                && !block.contains("$ ");
            if !is_script {
                continue;
            }
            let dir = scripts(&[("x.cp", &format!("{preamble}{block}"))]);
            let o = test_in(dir.path(), &["x.cp"]);
            assert_eq!(
                stdout(&o),
                "test x.cp ... ok\n1 passed, 0 failed\n",
                "{doc}:\n{block}"
            );
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "the README's and docs/console.md's examples: {checked}"
    );
}
