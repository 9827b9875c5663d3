//! HELP, written from the verb table: the command list, one command, or one VMCF subfunction
//! with its options. Nothing here names a command the table does not.

use super::verbs::{self, SubDef, VerbDef};

/// HELP's text for a topic: none (the list), a command, `VMCF`, `VMCF subfunction`, or a
/// subfunction alone. `None` if no command or subfunction has that name.
pub fn topic(words: &[&str]) -> Option<String> {
    let mut out = String::new();
    match words {
        [] => list(&mut out),
        [w] => match verbs::verb(w) {
            Some(v) => verb(&mut out, v),
            None => sub(&mut out, verbs::subfunction(w)?),
        },
        [v, s, ..] if verbs::verb(v).is_some_and(|d| d.verb == verbs::Verb::Vmcf) => {
            sub(&mut out, verbs::subfunction(s)?)
        }
        [w, ..] => verb(&mut out, verbs::verb(w)?),
    }
    Some(out)
}

fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push('\n');
}

fn list(out: &mut String) {
    line(
        out,
        "Commands (capitals: the shortest abbreviation; (vmcfsim): not a CP command):",
    );
    for v in verbs::VERBS {
        let names: Vec<String> = v.names.iter().map(|k| k.manual_form()).collect();
        let head = format!("{} {}", names.join("|"), v.syntax);
        line(out, &format!("  {:<34} {}", head.trim_end(), v.summary));
    }
    line(
        out,
        "A line starting with * is a comment. userid: command runs one command as that user.",
    );
    line(
        out,
        "Privilege classes are not modelled yet: every console user may issue every command.",
    );
    line(
        out,
        "HELP command, HELP VMCF and HELP VMCF subfunction tell more.",
    );
}

fn verb(out: &mut String, v: &VerbDef) {
    let names: Vec<String> = v.names.iter().map(|k| k.manual_form()).collect();
    line(out, format!("{} {}", names.join("|"), v.syntax).trim_end());
    line(out, &format!("  {}", v.summary));
    for d in v.details {
        line(out, &format!("  {d}"));
    }
    if v.verb == verbs::Verb::Vmcf {
        line(out, "Subfunctions:");
        for s in verbs::SUBFUNCTIONS {
            line(out, &format!("  {}", sub_syntax(s)));
        }
        line(out, "Options:");
        for o in verbs::OPTIONS {
            let head = format!("{} {}", o.keyword.manual_form(), o.operand);
            line(out, &format!("  {:<26} {}", head.trim_end(), o.summary));
        }
    }
}

fn sub_syntax(s: &SubDef) -> String {
    let mut text = format!("VMCF {}", s.names[0].manual_form());
    if let Some(role) = s.partner {
        text.push_str(&format!(" {role}"));
    }
    if s.needs_mid {
        text.push_str(" MID n");
    }
    for o in s.options {
        if s.needs_mid && *o == verbs::Opt::Mid {
            continue;
        }
        let d = verbs::opt_def(*o);
        let opt = format!("{} {}", d.keyword.manual_form(), d.operand);
        text.push_str(&format!(" [{}]", opt.trim_end()));
    }
    text
}

fn sub(out: &mut String, s: &SubDef) {
    line(out, &sub_syntax(s));
    line(
        out,
        &format!(
            "  {} (VMCPFUNC X'{:04X}', {}): {}",
            s.sub.name(),
            s.sub.code(),
            s.sub.equate(),
            s.summary
        ),
    );
    for o in s.options {
        let d = verbs::opt_def(*o);
        let head = format!("{} {}", d.keyword.manual_form(), d.operand);
        line(out, &format!("  {:<26} {}", head.trim_end(), d.summary));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_names_every_verb_and_subfunction() {
        let all = topic(&[]).unwrap();
        for v in verbs::VERBS {
            assert!(all.contains(&v.names[0].manual_form()), "{}", v.name());
        }
        let vmcf = topic(&["VMCF"]).unwrap();
        for s in verbs::SUBFUNCTIONS {
            assert!(vmcf.contains(&s.names[0].manual_form()), "{:?}", s.sub);
        }
        assert!(
            vmcf.contains("X'20000'"),
            "the data area rule is documented"
        );
        assert!(topic(&["VMCF", "SENDR"]).unwrap().contains("REPLYBUF"));
        assert!(
            topic(&["REC"])
                .unwrap()
                .starts_with("VMCF RECeive source MID n")
        );
        assert!(topic(&["Q"]).unwrap().starts_with("Query"));
        assert!(topic(&["NOSUCH"]).is_none());
    }
}
