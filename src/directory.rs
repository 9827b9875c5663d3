//! The CP user directory, as `vmcfsim serve --directory FILE` reads it: one `USER userid
//! password storage maxstorage classes` statement for each user (the rest of a real directory,
//! MDISK, CONSOLE, SPOOL and the like, is ignored with a note). With it, LOGON needs the user
//! and its password, storage comes from it, and the privilege classes decide who may run the
//! operator's commands.

use crate::vmcf::Userid;
use std::collections::HashMap;

/// One user's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The userid.
    pub user: Userid,
    /// Upper case: CP folds what is typed, so passwords compare without case.
    pub password: String,
    /// Bytes at LOGON.
    pub storage: u32,
    /// The most DEFINE STORAGE may ask, in bytes.
    pub max_storage: u32,
    /// Privilege class letters, upper case (`G`, `ABCDEG`).
    pub classes: String,
}

impl Entry {
    /// Whether the user has any of the classes in `any`.
    pub fn has_class(&self, any: &str) -> bool {
        self.classes.chars().any(|c| any.contains(c))
    }

    /// Whether `typed` is the password (CP folded input to upper case).
    pub fn password_is(&self, typed: &str) -> bool {
        typed.trim().eq_ignore_ascii_case(&self.password)
    }
}

/// A directory: the entries, and notes about the lines that were not taken.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    entries: HashMap<Userid, Entry>,
    /// `line N: why`, for the server to print when it starts.
    pub notes: Vec<String>,
}

/// A storage size as a directory writes it: `512K`, `1M`, `16M` (a number alone is bytes).
fn size(word: &str) -> Option<u32> {
    let w = word.to_ascii_uppercase();
    let (digits, unit) = match w.strip_suffix('K') {
        Some(d) => (d, 1024u64),
        None => match w.strip_suffix('M') {
            Some(d) => (d, 1024 * 1024),
            None => (w.as_str(), 1),
        },
    };
    let n: u64 = digits.parse().ok()?;
    let bytes = n.checked_mul(unit)?;
    ((4096..=16 * 1024 * 1024).contains(&bytes) && bytes % 4096 == 0).then_some(bytes as u32)
}

impl Directory {
    /// Reads a directory's text. A USER statement that is wrong is skipped with a note, so one
    /// typing error does not lock everyone out; a later USER of the same userid replaces it.
    pub fn parse(text: &str) -> Directory {
        let mut d = Directory::default();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let words: Vec<&str> = line.split_whitespace().collect();
            let Some(first) = words.first() else { continue };
            if first.starts_with('*') {
                continue;
            }
            if !first.eq_ignore_ascii_case("USER") {
                d.notes.push(format!(
                    "line {n}: {} statement ignored (only USER is used)",
                    first.to_ascii_uppercase()
                ));
                continue;
            }
            match Directory::user(&words[1..]) {
                Ok(e) => {
                    d.entries.insert(e.user, e);
                }
                Err(why) => d
                    .notes
                    .push(format!("line {n}: USER statement skipped: {why}")),
            }
        }
        d
    }

    fn user(w: &[&str]) -> Result<Entry, String> {
        let user = w
            .first()
            .and_then(|u| Userid::parse(u).ok())
            .ok_or("userid missing or invalid")?;
        let password = w
            .get(1)
            .filter(|p| p.len() <= 8)
            .ok_or("password missing or longer than 8")?
            .to_ascii_uppercase();
        let storage = match w.get(2) {
            Some(s) => size(s).ok_or(format!("storage {s} is not 4K to 16M in 4K"))?,
            None => 1024 * 1024,
        };
        let max_storage = match w.get(3) {
            Some(s) => size(s).ok_or(format!("maximum storage {s} is not 4K to 16M in 4K"))?,
            None => storage,
        };
        let classes = match w.get(4) {
            Some(c) if c.chars().all(|c| c.is_ascii_alphanumeric()) => c.to_ascii_uppercase(),
            Some(c) => return Err(format!("classes {c} are not letters")),
            None => "G".to_string(),
        };
        if w.len() > 5 {
            return Err(format!("unexpected operand {}", w[5]));
        }
        Ok(Entry {
            user,
            password,
            storage,
            max_storage: max_storage.max(storage),
            classes,
        })
    }

    /// The entry of `user`.
    pub fn get(&self, user: Userid) -> Option<&Entry> {
        self.entries.get(&user)
    }

    /// How many users.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it has no user.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_statements_and_notes() {
        let d = Directory::parse(
            "* a comment\nUSER OPERATOR OPERPW 1M 16M ABCDEG\nMDISK 191 3330 10 5 VM0001\n\
             user alice secret 512K 2M g\nUSER BAD\nUSER B PW 3K\n",
        );
        assert_eq!(d.len(), 2);
        let op = d.get(Userid::parse("OPERATOR").unwrap()).unwrap();
        assert!(op.has_class("AB"));
        assert_eq!((op.storage, op.max_storage), (1 << 20, 16 << 20));
        let alice = d.get(Userid::parse("ALICE").unwrap()).unwrap();
        assert!(alice.password_is("SECRET") && alice.password_is("secret"));
        assert!(!alice.password_is("secrets"));
        assert!(!alice.has_class("A"));
        assert_eq!(alice.storage, 512 * 1024);
        assert_eq!(d.notes.len(), 3, "{:?}", d.notes);
        assert!(d.notes[0].starts_with("line 3: MDISK statement ignored"));
        assert!(d.notes[1].contains("password missing"));
        assert!(d.notes[2].contains("storage 3K"));
    }
}
