//! A console session driven through the public `Session` interface, as the front ends drive
//! it, keeping each line's transcript and JSON events for the tests to read.

use super::uid;
use serde_json::Value;
use vmcfsim::{FixedClock, Session, TextOptions, render_json, render_text};

/// A session fed line by line, keeping the transcript and the JSON of every line.
pub struct Console {
    pub s: Session,
    pub n: usize,
    pub text: String,
    pub json: Vec<Value>,
    pub rejected: Vec<usize>,
}

impl Console {
    pub fn new() -> Console {
        Console {
            s: Session::new(Box::new(FixedClock::standard())),
            n: 0,
            text: String::new(),
            json: Vec::new(),
            rejected: Vec::new(),
        }
    }

    /// Feeds one line; returns its transcript.
    pub fn line(&mut self, line: impl AsRef<[u8]>) -> String {
        self.n += 1;
        let o = self.s.feed(self.n, line.as_ref());
        let mut t = String::new();
        let opts = TextOptions {
            echo: true,
            source: Some("test.cp"),
            width: None,
        };
        render_text(&o, &opts, &mut t);
        let mut j = String::new();
        render_json(&o, &mut j);
        if !o.accepted() {
            self.rejected.push(self.n);
        }
        for l in j.lines() {
            self.json
                .push(serde_json::from_str(l).expect("every JSON line parses"));
        }
        self.text.push_str(&t);
        t
    }

    pub fn lines(&mut self, lines: &[&str]) -> String {
        lines.iter().map(|l| self.line(l)).collect()
    }

    /// The JSON events of line `n`.
    pub fn events_of(&self, n: usize) -> Vec<&Value> {
        self.json.iter().filter(|v| v["line"] == n).collect()
    }

    pub fn peek(&self, user: &str, addr: u32, len: usize) -> Vec<u8> {
        let mut b = vec![0; len];
        self.s.cp().fetch(uid(user), addr, &mut b).unwrap();
        b
    }
}
