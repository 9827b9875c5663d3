//! Console benchmarks: parsing typical lines, and replaying a generated 100,000-line script the
//! whole way (parse, engine, rendering into a buffer) as `vmcfsim run` does, as text and as JSON.
//! Targets (README, Performance): parsing over 2 million lines a second; replay over 500,000
//! lines a second; JSON within 1.5x of text.

#[path = "support/script.rs"]
mod script;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use vmcfsim::parser;
use vmcfsim::{FixedClock, Session, TextOptions};

/// Lines in the replayed script: the size the issue names.
const REPLAY_LINES: usize = 100_000;

/// Every line of every script in `scripts/`, in file order: what people type.
fn script_lines() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("scripts/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cp"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).expect("scripts are UTF-8");
            text.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect()
}

fn bench_parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    let sets = [
        ("scripts", script_lines()),
        (
            "generated",
            script::script(1_000).lines().map(str::to_string).collect(),
        ),
    ];
    for (name, lines) in &sets {
        g.throughput(Throughput::Elements(lines.len() as u64));
        g.bench_function(*name, |b| {
            b.iter(|| {
                for l in lines {
                    black_box(parser::parse(black_box(l)));
                }
            })
        });
    }
    g.finish();
}

/// Replays `lines` in a new session, rendering each outcome into a buffer as `vmcfsim run` does
/// before writing it; returns the bytes rendered.
fn replay(lines: &[&str], json: bool) -> usize {
    let mut session = Session::new(Box::new(FixedClock::standard()));
    let opts = TextOptions {
        echo: true,
        source: Some("big.cp"),
        width: None,
    };
    let mut buf = String::new();
    let mut total = 0;
    for (i, l) in lines.iter().enumerate() {
        buf.clear();
        let o = session.feed(i + 1, l.as_bytes());
        if json {
            vmcfsim::render_json(&o, &mut buf);
        } else {
            vmcfsim::render_text(&o, &opts, &mut buf);
        }
        total += black_box(&buf).len();
    }
    total
}

fn bench_replay(c: &mut Criterion) {
    let text = script::script(REPLAY_LINES);
    let lines: Vec<&str> = text.lines().collect();
    let mut g = c.benchmark_group("replay");
    g.sample_size(10);
    g.throughput(Throughput::Elements(lines.len() as u64));
    for (name, json) in [("text_100k", false), ("json_100k", true)] {
        g.bench_function(name, |b| b.iter(|| replay(&lines, json)));
    }
    g.finish();
}

criterion_group!(benches, bench_parse, bench_replay);
criterion_main!(benches);
