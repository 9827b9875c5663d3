//! Sequence diagrams of a session (`vmcfsim::diagram`), from JSON Lines events written by hand
//! in the contract's format (docs/console.md#json-lines): the SVG is read back as XML and
//! checked for its lifelines, arrows and layout; the Mermaid text is snapshot-tested; the front
//! ends are driven from outside (`run --diagram`, the REPL's `DIAGRAM FILE`).

use crate::bin::{vmcfsim, with_stdin};
use std::fs;
use std::process::Command;

use proptest::prelude::*;
use vmcfsim::diagram::{ArrowKind, Diagram, Format, Lifeline, NoteKind, Step};

/// A SEND/RECV exchange as the console reports it: A and B authorize, A sends with a reply
/// buffer, B receives and replies, A gets the RESPONSE. The `rc` events have the console's
/// `mid` and `partner` keys, the `command` events its `verb`, `acting`, `logon` and `comment`;
/// the `rc` events of AUTHORIZE are as the contract's table has them, without the extras.
const SEND_RECV: &str = r#"{"event":"command","line":1,"user":null,"text":"* SEND/RECV: A asks, B answers","verb":null,"acting":null,"comment":"SEND/RECV: A asks, B answers"}
{"event":"command","line":2,"user":null,"text":"LOGON A","verb":"LOGON","acting":"A","logon":"A"}
{"event":"message","line":2,"user":"A","text":"LOGON AT 09:00:01 LOCAL WEDNESDAY 04/01/81"}
{"event":"command","line":3,"user":"A","text":"VMCF AUTHORIZE","verb":"VMCF","acting":"A"}
{"event":"rc","line":3,"user":"A","subfunction":"AUTHORIZE","rc":0,"meaning":"complete or successfully initiated"}
{"event":"command","line":4,"user":"A","text":"LOGON B","verb":"LOGON","acting":"B","logon":"B"}
{"event":"message","line":4,"user":"B","text":"LOGON AT 09:00:03 LOCAL WEDNESDAY 04/01/81"}
{"event":"command","line":5,"user":"B","text":"VMCF AUTHORIZE","verb":"VMCF","acting":"B"}
{"event":"rc","line":5,"user":"B","subfunction":"AUTHORIZE","rc":0,"meaning":"complete or successfully initiated"}
{"event":"command","line":6,"user":"B","text":"A: VMCF SENDRECV B DATA 'PING' REPLYBUF 8","verb":"VMCF","acting":"A"}
{"event":"rc","line":6,"user":"A","subfunction":"SENDRECV","rc":0,"meaning":"complete or successfully initiated","mid":1,"partner":"B"}
{"event":"interrupt","line":6,"user":"B","code":"4001","buffer":"001000","header":"0000000300000001C140404040404040000200000000000400020008000000080000000000000000","fields":{"stat":"00","eflg":"00","func":3,"func_name":"SENDRECV","mid":1,"user":"A","vada":"020000","lena":4,"vadb":"020008","lenb":8,"use":"0000000000000000"},"data":""}
{"event":"command","line":7,"user":"B","text":"VMCF RECEIVE A MID 1","verb":"VMCF","acting":"B"}
{"event":"rc","line":7,"user":"B","subfunction":"RECEIVE","rc":0,"meaning":"complete or successfully initiated","mid":1,"partner":"A"}
{"event":"data","line":7,"user":"B","address":"020000","length":4,"hex":"D7C9D5C7"}
{"event":"command","line":8,"user":"B","text":"VMCF REPLY A MID 1 DATA 'PONG'","verb":"VMCF","acting":"B"}
{"event":"rc","line":8,"user":"B","subfunction":"REPLY","rc":0,"meaning":"complete or successfully initiated","mid":1,"partner":"A"}
{"event":"data","line":8,"user":"A","address":"020008","length":4,"hex":"D7D6D5C7"}
{"event":"interrupt","line":8,"user":"A","code":"4001","buffer":"001000","header":"8000000300000001C240404040404040000200000000000000020008000000040000000000000000","fields":{"stat":"80","eflg":"00","func":3,"func_name":"SENDRECV","mid":1,"user":"B","vada":"020000","lena":0,"vadb":"020008","lenb":4,"use":"0000000000000000"},"data":""}
"#;

/// A special message: B accepts SMSG, A sends one; CP presents it to B as a SENDX from SYSTEM
/// with the text after the header.
const SMSG: &str = r#"{"event":"command","line":1,"user":null,"text":"* SMSG: A sends B a special message","verb":null,"acting":null,"comment":"SMSG: A sends B a special message"}
{"event":"command","line":2,"user":null,"text":"LOGON B","verb":"LOGON","acting":"B","logon":"B"}
{"event":"message","line":2,"user":"B","text":"LOGON AT 09:00:01 LOCAL WEDNESDAY 04/01/81"}
{"event":"command","line":3,"user":"B","text":"VMCF AUTHORIZE SMSG BUF 169","verb":"VMCF","acting":"B"}
{"event":"rc","line":3,"user":"B","subfunction":"AUTHORIZE","rc":0,"meaning":"complete or successfully initiated"}
{"event":"command","line":4,"user":"B","text":"LOGON A","verb":"LOGON","acting":"A","logon":"A"}
{"event":"message","line":4,"user":"A","text":"LOGON AT 09:00:03 LOCAL WEDNESDAY 04/01/81"}
{"event":"command","line":5,"user":"A","text":"SMSG B hello","verb":"SMSG","acting":"A"}
{"event":"interrupt","line":5,"user":"B","code":"4001","buffer":"001000","header":"00000004B24C1A00E2E8E2E3C5D4404000000000000000050000000000000000C140404040404040","fields":{"stat":"00","eflg":"00","func":4,"func_name":"SENDX","mid":2991331840,"user":"SYSTEM","vada":"000000","lena":5,"vadb":"000000","lenb":0,"use":"C140404040404040"},"data":"8885939396"}
"#;

/// B is disabled when A sends: the interrupt is presented at B's ENABLE (line 6), and drawn
/// there.
const DEFERRED: &str = r#"{"event":"command","line":1,"user":null,"text":"LOGON A","verb":"LOGON","acting":"A","logon":"A"}
{"event":"command","line":2,"user":"A","text":"VMCF AUTHORIZE","verb":"VMCF","acting":"A"}
{"event":"rc","line":2,"user":"A","subfunction":"AUTHORIZE","rc":0,"meaning":"complete or successfully initiated"}
{"event":"command","line":3,"user":"A","text":"LOGON B","verb":"LOGON","acting":"B","logon":"B"}
{"event":"command","line":4,"user":"B","text":"VMCF AUTHORIZE","verb":"VMCF","acting":"B"}
{"event":"rc","line":4,"user":"B","subfunction":"AUTHORIZE","rc":0,"meaning":"complete or successfully initiated"}
{"event":"command","line":5,"user":"B","text":"DISABLE","verb":"DISABLE","acting":"B"}
{"event":"command","line":6,"user":"B","text":"A: VMCF SEND B DATA 'HI'","verb":"VMCF","acting":"A"}
{"event":"rc","line":6,"user":"A","subfunction":"SEND","rc":0,"meaning":"complete or successfully initiated"}
{"event":"command","line":7,"user":"B","text":"ENABLE","verb":"ENABLE","acting":"B"}
{"event":"interrupt","line":7,"user":"B","code":"4001","buffer":"001000","header":"0000000200000001C140404040404040000200000000000200000000000000000000000000000000","fields":{"stat":"00","eflg":"00","func":2,"func_name":"SEND","mid":1,"user":"A","vada":"020000","lena":2,"vadb":"000000","lenb":0,"use":"0000000000000000"},"data":""}
"#;

/// Status flags, a refused subfunction and errors: A sends B a priority message, B rejects it,
/// A's CANCEL is too late, a bad option, a line nobody could type, a sink that went away.
const FLAGS: &str = r#"{"event":"command","line":7,"user":"A","text":"VMCF SEND B PRIORITY MID 5 DATA 'X'","verb":"VMCF","acting":"A"}
{"event":"rc","line":7,"user":"A","subfunction":"SEND","rc":0,"meaning":"complete or successfully initiated","mid":5,"partner":"B"}
{"event":"interrupt","line":7,"user":"B","code":"4001","buffer":"001000","header":"2000000200000005C140404040404040000200000000000100000000000000000000000000000000","fields":{"stat":"20","eflg":"00","func":2,"func_name":"SEND","mid":5,"user":"A","vada":"020000","lena":1,"vadb":"000000","lenb":0,"use":"0000000000000000"},"data":""}
{"event":"command","line":8,"user":"A","text":"B: VMCF REJECT A MID 5","verb":"VMCF","acting":"B"}
{"event":"rc","line":8,"user":"B","subfunction":"REJECT","rc":0,"meaning":"complete or successfully initiated","mid":5,"partner":"A"}
{"event":"interrupt","line":8,"user":"A","code":"4001","buffer":"001000","header":"E000000200000005C240404040404040000200000000000100000000000000000000000000000000","fields":{"stat":"E0","eflg":"00","func":2,"func_name":"SEND","mid":5,"user":"B","vada":"020000","lena":1,"vadb":"000000","lenb":0,"use":"0000000000000000"},"data":""}
{"event":"command","line":9,"user":"A","text":"VMCF CANCEL B MID 5","verb":"VMCF","acting":"A"}
{"event":"rc","line":9,"user":"A","subfunction":"CANCEL","rc":12,"meaning":"message not found","mid":5}
{"event":"command","line":10,"user":"A","text":"VMCF SEND B FOO","verb":null,"acting":"A"}
{"event":"error","line":10,"user":"A","id":"DMKCFM003E","text":"INVALID OPTION - FOO"}
{"event":"command","line":11,"user":null,"text":"QUERY TIME","verb":"QUERY","acting":null}
{"event":"error","line":11,"user":null,"id":"DMKCFM001E","text":"DMKCFM001E NOBODY IS LOGGED ON"}
{"event":"interrupt","line":12,"user":"A","code":"4001","buffer":"001000","header":"8005000200000006C240404040404040000200000000000100000000000000000000000000000000","fields":{"stat":"80","eflg":"05","func":2,"func_name":"SEND","mid":6,"user":"B","vada":"020000","lena":1,"vadb":"000000","lenb":0,"use":"0000000000000000"},"data":""}
"#;

fn diagram(jsonl: &str) -> Diagram {
    Diagram::from_json_lines(jsonl).unwrap()
}

/// An arrow as the SVG draws it.
#[derive(Debug, Clone)]
struct DrawnArrow {
    class: String,
    line: usize,
    from: String,
    to: String,
    label: String,
    tooltip: String,
    x1: f64,
    x2: f64,
    y: f64,
}

/// What a test reads back from the SVG.
#[derive(Debug, Default)]
struct Drawn {
    title: Option<String>,
    /// (name, kind, x of the lifeline).
    lifelines: Vec<(String, String, f64)>,
    arrows: Vec<DrawnArrow>,
    /// (class, text) of each note.
    notes: Vec<(String, String)>,
    /// Every box that holds text: name boxes, label halos, notes (x, y, width, height).
    boxes: Vec<[f64; 4]>,
    /// (class, text) of each key of the legend.
    legend: Vec<(String, String)>,
    /// Where the lowest name box ends, and where the legend starts.
    bottom: f64,
    legend_top: Option<f64>,
}

fn num(node: roxmltree::Node, attr: &str) -> f64 {
    node.attribute(attr)
        .unwrap_or_else(|| panic!("{attr} on {node:?}"))
        .parse()
        .unwrap()
}

fn rect(node: roxmltree::Node) -> [f64; 4] {
    ["x", "y", "width", "height"].map(|a| num(node, a))
}

/// The first child element of `g` named `tag`.
fn child<'a, 'i>(g: roxmltree::Node<'a, 'i>, tag: &str) -> roxmltree::Node<'a, 'i> {
    g.children()
        .find(|n| n.has_tag_name(tag))
        .unwrap_or_else(|| panic!("{tag} in {g:?}"))
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses the SVG as XML (the test fails if it is not well formed) and reads it back.
fn read_svg(svg: &str) -> Drawn {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let mut drawn = Drawn {
        title: root
            .children()
            .find(|n| n.has_tag_name("text") && n.attribute("class") == Some("title"))
            .map(text_of),
        ..Drawn::default()
    };
    for g in root.children().filter(|n| n.has_tag_name("g")) {
        let class: Vec<&str> = g.attribute("class").unwrap_or("").split(' ').collect();
        match class.as_slice() {
            ["lifeline", kind] => {
                let line = child(g, "line");
                assert_eq!(num(line, "x1"), num(line, "x2"), "lifelines are vertical");
                drawn.lifelines.push((
                    g.attribute("data-name").unwrap().to_string(),
                    kind.to_string(),
                    num(line, "x1"),
                ));
                let boxes: Vec<[f64; 4]> = g
                    .children()
                    .filter(|n| n.has_tag_name("rect"))
                    .map(rect)
                    .collect();
                for b in &boxes {
                    drawn.bottom = drawn.bottom.max(b[1] + b[3]);
                }
                drawn.boxes.extend(boxes);
            }
            ["step", "arrow", kind] => {
                let line = child(g, "line");
                assert_eq!(num(line, "y1"), num(line, "y2"), "arrows are horizontal");
                drawn.arrows.push(DrawnArrow {
                    class: kind.to_string(),
                    line: g.attribute("data-line").unwrap().parse().unwrap(),
                    from: g.attribute("data-from").unwrap().to_string(),
                    to: g.attribute("data-to").unwrap().to_string(),
                    label: text_of(child(g, "text")),
                    tooltip: text_of(child(g, "title")),
                    x1: num(line, "x1"),
                    x2: num(line, "x2"),
                    y: num(line, "y1"),
                });
                drawn.boxes.push(rect(child(g, "rect")));
            }
            ["step", "note", kind] => {
                drawn
                    .notes
                    .push((kind.to_string(), text_of(child(g, "text"))));
                drawn.boxes.push(rect(child(g, "rect")));
            }
            ["legend"] => {
                for key in g.children().filter(|n| n.has_tag_name("g")) {
                    let class = key.attribute("class").unwrap();
                    let kind = class.strip_prefix("key ").expect("a key of the legend");
                    let line = child(key, "line");
                    assert!(line.attribute("marker-end").is_some(), "{class}");
                    let y = num(line, "y1") - 10.0;
                    drawn.legend_top = Some(drawn.legend_top.map_or(y, |t: f64| t.min(y)));
                    drawn
                        .legend
                        .push((kind.to_string(), text_of(child(key, "text"))));
                }
            }
            other => panic!("unexpected group {other:?}"),
        }
    }
    drawn
}

fn overlap(a: [f64; 4], b: [f64; 4]) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
}

/// The layout promises: arrows end on the lifelines they join, rows go down the page, each
/// label fits between its arrow's lifelines, and no two boxes of text overlap (the name boxes
/// at the top and the bottom, label halos, notes).
fn assert_layout(d: &Drawn) {
    let x_of = |name: &str| {
        d.lifelines
            .iter()
            .find(|l| l.0 == name)
            .unwrap_or_else(|| panic!("lifeline {name}"))
            .2
    };
    let xs: Vec<f64> = d.lifelines.iter().map(|l| l.2).collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "left to right: {xs:?}");
    let mut last_y = f64::MIN;
    for a in &d.arrows {
        assert_eq!((a.x1, a.x2), (x_of(&a.from), x_of(&a.to)), "{a:?}");
        assert!(a.y > last_y, "each arrow below the last: {a:?}");
        last_y = a.y;
    }
    let halos: Vec<[f64; 4]> = d.boxes.iter().copied().filter(|b| b[3] == 16.0).collect();
    assert_eq!(halos.len(), d.arrows.len(), "one label box an arrow");
    for (a, halo) in d.arrows.iter().zip(&halos) {
        let (lo, hi) = (a.x1.min(a.x2), a.x1.max(a.x2));
        assert!(
            halo[0] > lo && halo[0] + halo[2] < hi,
            "label inside its span: {a:?}"
        );
        let width = a.label.chars().count() as f64 * 7.9;
        assert!(halo[2] >= width, "the box holds the text at 13px: {a:?}");
    }
    for (i, a) in d.boxes.iter().enumerate() {
        for b in &d.boxes[i + 1..] {
            assert!(!overlap(*a, *b), "{a:?} overlaps {b:?}");
        }
    }
    // The legend shows each style drawn, once (CP's messages share the commands' style), below
    // the name boxes at the bottom.
    let mut drawn: Vec<&str> = d
        .arrows
        .iter()
        .map(|a| match a.class.as_str() {
            "message" => "command",
            other => other,
        })
        .collect();
    drawn.sort();
    drawn.dedup();
    let mut keys: Vec<&str> = d.legend.iter().map(|k| k.0.as_str()).collect();
    keys.sort();
    assert_eq!(keys, drawn, "{:?}", d.legend);
    if let Some(top) = d.legend_top {
        assert!(
            top >= d.bottom,
            "legend at {top}, boxes end at {}",
            d.bottom
        );
    }
}

fn arrows(d: &Drawn) -> Vec<(&str, &str, &str, &str)> {
    d.arrows
        .iter()
        .map(|a| {
            (
                a.class.as_str(),
                a.from.as_str(),
                a.to.as_str(),
                a.label.as_str(),
            )
        })
        .collect()
}

#[test]
fn send_recv_svg_has_a_lifeline_a_vm_and_cp_and_the_protocols_arrows() {
    let svg = diagram(SEND_RECV).render(Format::Svg);
    let d = read_svg(&svg);
    assert_eq!(d.title.as_deref(), Some("SEND/RECV: A asks, B answers"));
    let names: Vec<(&str, &str)> = d
        .lifelines
        .iter()
        .map(|(n, k, _)| (n.as_str(), k.as_str()))
        .collect();
    assert_eq!(
        names,
        [("A", "vm"), ("CP", "cp"), ("B", "vm")],
        "source, DMKVMC, sink"
    );
    assert_eq!(
        arrows(&d),
        [
            ("command", "A", "CP", "LOGON A"),
            (
                "message",
                "CP",
                "A",
                "LOGON AT 09:00:01 LOCAL WEDNESDAY 04/01/81"
            ),
            ("subfunction", "A", "CP", "AUTHORIZE RC 0"),
            ("command", "B", "CP", "LOGON B"),
            (
                "message",
                "CP",
                "B",
                "LOGON AT 09:00:03 LOCAL WEDNESDAY 04/01/81"
            ),
            ("subfunction", "B", "CP", "AUTHORIZE RC 0"),
            ("subfunction", "A", "CP", "SENDRECV → B MID 1 RC 0"),
            ("interrupt", "CP", "B", "X'4001' SENDRECV MID 1 from A"),
            ("subfunction", "B", "CP", "RECEIVE ← A MID 1 RC 0"),
            ("data", "CP", "B", "4 bytes into X'020000' 'PING'"),
            ("subfunction", "B", "CP", "REPLY → A MID 1 RC 0"),
            ("data", "CP", "A", "4 bytes into X'020008' 'PONG'"),
            ("interrupt", "CP", "A", "X'4001' SENDRECV MID 1 RESP from B"),
        ]
    );
    let lines: Vec<usize> = d.arrows.iter().map(|a| a.line).collect();
    assert_eq!(lines, [2, 2, 3, 4, 4, 5, 6, 6, 7, 7, 8, 8, 8]);
    assert!(d.notes.is_empty(), "the title comment is not also a note");
    assert_layout(&d);
}

#[test]
fn smsg_is_a_light_command_arrow_and_an_interrupt_from_system_with_its_text() {
    let d = read_svg(&diagram(SMSG).render(Format::Svg));
    assert_eq!(
        d.title.as_deref(),
        Some("SMSG: A sends B a special message")
    );
    let names: Vec<&str> = d.lifelines.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(names, ["B", "CP", "A"], "in order of appearance");
    let drawn = arrows(&d);
    assert_eq!(
        drawn[drawn.len() - 2..],
        [
            ("command", "A", "CP", "SMSG B hello"),
            (
                "interrupt",
                "CP",
                "B",
                "X'4001' SENDX MID 2991331840 from SYSTEM, 5 bytes 'hello'"
            ),
        ]
    );
    assert!(
        svg_style_rule(&diagram(SMSG).render(Format::Svg), ".command line")
            .contains("stroke-dasharray"),
        "CP commands are drawn lighter"
    );
    assert_layout(&d);
}

/// The CSS rule for `selector` in the SVG's style sheet.
fn svg_style_rule(svg: &str, selector: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .map(text_of)
        .unwrap();
    style
        .lines()
        .find(|l| l.split('{').next().unwrap().contains(selector))
        .unwrap_or_else(|| panic!("no rule for {selector}"))
        .to_string()
}

#[test]
fn mermaid_send_recv() {
    insta::with_settings!({snapshot_path => "../../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("diagram_send_recv_mermaid", diagram(SEND_RECV).render(Format::Mermaid));
    });
}

#[test]
fn mermaid_smsg() {
    insta::with_settings!({snapshot_path => "../../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("diagram_smsg_mermaid", diagram(SMSG).render(Format::Mermaid));
    });
}

#[test]
fn mermaid_flags_refusals_and_errors() {
    insta::with_settings!({snapshot_path => "../../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("diagram_flags_mermaid", diagram(FLAGS).render(Format::Mermaid));
    });
}

#[test]
fn a_deferred_interrupt_is_drawn_where_it_is_presented() {
    let d = read_svg(&diagram(DEFERRED).render(Format::Svg));
    let tail: Vec<_> = arrows(&d)[4..].to_vec();
    assert_eq!(
        tail,
        [
            ("command", "B", "CP", "DISABLE"),
            ("subfunction", "A", "CP", "SEND RC 0"),
            ("command", "B", "CP", "ENABLE"),
            ("interrupt", "CP", "B", "X'4001' SEND MID 1 from A"),
        ]
    );
    assert_eq!(d.arrows.last().unwrap().line, 7);
    assert_layout(&d);
}

#[test]
fn status_flags_refusals_and_errors_are_labelled() {
    let model = diagram(FLAGS);
    let d = read_svg(&model.render(Format::Svg));
    assert_eq!(
        arrows(&d),
        [
            ("subfunction", "A", "CP", "SEND → B MID 5 RC 0"),
            ("interrupt", "CP", "B", "X'4001' SEND MID 5 PRTY from A"),
            ("subfunction", "B", "CP", "REJECT → A MID 5 RC 0"),
            (
                "interrupt",
                "CP",
                "A",
                "X'4001' SEND MID 5 RESP RJCT PRTY from B"
            ),
            (
                "refused",
                "A",
                "CP",
                "CANCEL MID 5 RC 12 (message not found)"
            ),
            ("command", "A", "CP", "VMCF SEND B FOO"),
            ("error", "CP", "A", "DMKCFM003E INVALID OPTION - FOO"),
            (
                "interrupt",
                "CP",
                "A",
                "X'4001' SEND MID 6 RESP EFLG 05 from B"
            ),
        ]
    );
    assert_eq!(
        d.notes,
        [
            ("command".to_string(), "> QUERY TIME".to_string()),
            (
                "error".to_string(),
                "DMKCFM001E NOBODY IS LOGGED ON".to_string()
            ),
        ],
        "lines nobody could have typed are notes; an id already in the text is not repeated"
    );
    assert_eq!(model.title, None, "no comment line, no title");
    assert_layout(&d);
}

#[test]
fn the_mid_and_partner_come_from_the_return_codes_event() {
    let rc = |sub: &str, more: &str| {
        format!(
            r#"{{"event":"rc","line":3,"user":"A","subfunction":"{sub}","rc":0,"meaning":"ok"{more}}}"#
        )
    };
    // The command's text names another MID: the diagram does not read it.
    let command = r#"{"event":"command","line":3,"user":"A","text":"VMCF SEND B MID X'0A'","verb":"VMCF","acting":"A"}"#;
    let label = |jsonl: String| match &diagram(&jsonl).steps[0] {
        Step::Arrow(a) => a.label.clone(),
        other => panic!("{other:?}"),
    };
    let send = rc("SEND", r#","mid":9,"partner":"B""#);
    assert_eq!(label(format!("{command}\n{send}")), "SEND → B MID 9 RC 0");
    assert_eq!(
        label(rc("SEND", "")),
        "SEND RC 0",
        "no MID, no partner: none shown"
    );
    let receive = rc("RECEIVE", r#","mid":9,"partner":"B""#);
    assert_eq!(
        label(receive),
        "RECEIVE ← B MID 9 RC 0",
        "the data comes from B"
    );
    let auth = rc("AUTHORIZE", r#","mid":0,"partner":"""#);
    assert_eq!(
        label(auth),
        "AUTHORIZE RC 0",
        "control functions have no MID"
    );
    let specific = rc("AUTHORIZE", r#","mid":0,"partner":"B""#);
    assert_eq!(label(specific), "AUTHORIZE SPECIFIC B RC 0");
}

#[test]
fn the_model_keeps_cp_and_a_vm_called_cp_apart() {
    let jsonl = r#"{"event":"rc","line":1,"user":"CP","subfunction":"AUTHORIZE","rc":0,"meaning":"ok"}
{"event":"message","line":1,"user":"CP","text":"HELLO"}"#;
    let model = diagram(jsonl);
    assert_eq!(
        model.lifelines,
        [Lifeline::Vm("CP".into()), Lifeline::Cp],
        "two columns"
    );
    assert!(
        model
            .steps
            .iter()
            .all(|s| matches!(s, Step::Arrow(a) if a.from != a.to)),
        "{model:?}"
    );
    let mermaid = model.render(Format::Mermaid);
    assert!(mermaid.contains("vm_CP->>cp: AUTHORIZE RC 0"), "{mermaid}");
    assert!(mermaid.contains("cp-->>vm_CP: HELLO"), "{mermaid}");
}

#[test]
fn comments_after_the_first_line_are_notes_and_long_text_stays_apart() {
    let long = "A".repeat(200);
    let jsonl = format!(
        r#"{{"event":"command","line":1,"user":null,"text":"LOGON A","verb":"LOGON","acting":"A","logon":"A"}}
{{"event":"command","line":2,"user":"A","text":"* not a title: the session had begun; {long}","verb":null,"acting":"A","comment":"not a title: the session had begun; {long}"}}
{{"event":"message","line":3,"user":"A","text":"{long}"}}
{{"event":"command","line":4,"user":"A","text":"SMSG A {long}"}}"#
    );
    let model = diagram(&jsonl);
    assert_eq!(model.title, None);
    assert!(
        matches!(&model.steps[1], Step::Note(n) if n.kind == NoteKind::Comment),
        "{:?}",
        model.steps[1]
    );
    let d = read_svg(&model.render(Format::Svg));
    assert_eq!(d.notes.len(), 1);
    assert!(d.notes[0].1.lines().count() > 1, "a long comment wraps");
    let message = &d.arrows[1];
    assert!(message.label.ends_with('…'), "{message:?}");
    assert!(message.tooltip.ends_with(&long), "the tooltip has it all");
    assert_layout(&d);
}

#[test]
fn a_long_title_wraps_instead_of_widening_the_picture() {
    let title = "word ".repeat(40);
    let jsonl = format!(
        "{}\n{}",
        command_event(1, "A", &format!("* {title}")),
        command_event(2, "A", "LOGON A")
    );
    let svg = diagram(&jsonl).render(Format::Svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let width: f64 = num(doc.root_element(), "width");
    assert!(width < 600.0, "{width}");
    let drawn = read_svg(&svg).title.unwrap();
    assert!(drawn.lines().count() > 1, "{drawn}");
    assert_eq!(drawn.replace('\n', " "), title.trim());
}

#[test]
fn a_malformed_line_is_an_error_naming_its_script_line() {
    let good = r#"{"event":"command","line":1,"user":null,"text":"LOGON A"}"#;
    for (bad, named) in [
        ("not json", "the event after script line 1: "),
        (
            r#"{"event":"rc","line":2,"user":"A","rc":0}"#,
            "script line 2: ",
        ),
        (
            r#"{"event":"rc","line":"2","user":"A","subfunction":"SEND","rc":0}"#,
            "the event after script line 1: ",
        ),
        (
            r#"{"event":"data","line":2,"user":"A","address":"020000","length":2,"hex":"C"}"#,
            "script line 2: ",
        ),
        (
            r#"{"event":"rc","line":2,"user":null,"subfunction":"SEND","rc":0}"#,
            "script line 2: ",
        ),
        ("[]", "the event after script line 1: "),
    ] {
        let err = Diagram::from_json_lines(&format!("{good}\n\n{bad}\n{good}")).unwrap_err();
        assert_eq!(err.event, 3, "{bad}: {err}");
        assert!(err.to_string().starts_with(named), "{bad}: {err}");
    }
    let err = Diagram::from_json_lines("[]").unwrap_err();
    assert_eq!(err.to_string(), format!("event line 1: {}", err.message));
}

#[test]
fn an_empty_session_draws_an_empty_diagram() {
    let d = diagram("");
    assert_eq!(d, Diagram::default());
    read_svg(&d.render(Format::Svg));
    assert_eq!(d.render(Format::Mermaid), "sequenceDiagram\n");
}

/// A command event as the console writes it (a comment when `text` starts with `*`).
fn command_event(line: usize, user: &str, text: &str) -> String {
    let mut e = serde_json::json!({"event": "command", "line": line, "user": user, "text": text,
        "verb": text.split(' ').next().filter(|v| !v.starts_with('*')), "acting": user});
    if let Some(comment) = text.strip_prefix('*') {
        e["comment"] = comment.trim().into();
    }
    e.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any text a user types or CP prints (markup, quotes, control characters, Mermaid's
    /// syntax) gives well-formed SVG, and Mermaid text with one line a step.
    #[test]
    fn any_text_gives_well_formed_svg_and_one_mermaid_line_a_step(
        texts in proptest::collection::vec(any::<String>(), 1..6),
        // This test's SVG reader tells columns apart by their heads, and a VM called CP heads
        // its column as CP does: the model keeps the two apart, which
        // `the_model_keeps_cp_and_a_vm_called_cp_apart` checks.
        user in "[A-Z#@$]{1,8}".prop_filter("a head other than CP's", |u| u != "CP"),
    ) {
        let jsonl: Vec<String> = texts
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                [
                    command_event(i + 1, &user, &format!("MSG {user} {t}")),
                    serde_json::json!({"event": "message", "line": i + 1, "user": user, "text": t})
                        .to_string(),
                ]
            })
            .collect();
        let model = diagram(&jsonl.join("\n"));
        let d = read_svg(&model.render(Format::Svg));
        prop_assert_eq!(d.arrows.len(), 2 * texts.len());
        assert_layout(&d);
        let mermaid = model.render(Format::Mermaid);
        let statements = mermaid
            .lines()
            .filter(|l| l.contains("-->>"))
            .count();
        prop_assert_eq!(statements, 2 * texts.len(), "{}", mermaid);
        prop_assert!(mermaid.lines().skip(1).all(|l| l.starts_with("    ")), "{}", mermaid);
    }

    /// Any sequence of well-formed events (users null or not, comments, bookkeeping, CP's
    /// answers to nobody, prefixes naming nobody) draws a diagram whose SVG keeps the layout
    /// promises.
    #[test]
    fn any_events_draw_a_well_formed_diagram(
        steps in proptest::collection::vec(
            (0u8..7, proptest::option::of("[A-C]"), "[ -~]{0,30}"), 1..40),
    ) {
        let mut jsonl = Vec::new();
        for (i, (kind, user, text)) in steps.iter().enumerate() {
            let line = i / 2 + 1;
            let e = match kind {
                0 => serde_json::json!({"event": "command", "line": line, "user": user,
                    "text": format!("* {text}"), "verb": null, "acting": user,
                    "comment": text.trim()}),
                1 => serde_json::json!({"event": "command", "line": line, "user": user,
                    "text": format!("X: {text}"), "verb": "SMSG", "verb_column": 4,
                    "acting": user}),
                2 => serde_json::json!({"event": "message", "line": line, "user": user,
                    "text": text}),
                3 => serde_json::json!({"event": "message", "line": line, "user": user,
                    "text": text, "address": "020000", "length": 1}),
                4 => serde_json::json!({"event": "error", "line": line, "user": user,
                    "id": "DMKCFC003E", "text": text}),
                5 => serde_json::json!({"event": "rc", "line": line,
                    "user": user.clone().unwrap_or("A".into()), "subfunction": "SEND",
                    "rc": text.len() % 3, "meaning": text, "mid": 1, "partner": user}),
                _ => serde_json::json!({"event": "command", "line": line, "user": user,
                    "text": "", "verb": null, "acting": user}),
            };
            jsonl.push(e.to_string());
        }
        let model = diagram(&jsonl.join("\n"));
        prop_assert!(model.lifelines.len() <= 4, "{:?}", model.lifelines);
        let d = read_svg(&model.render(Format::Svg));
        assert_layout(&d);
        let mermaid = model.render(Format::Mermaid);
        prop_assert!(mermaid.lines().skip(1).all(|l| l.starts_with("    ") || l == "---"
            || l.starts_with("title:") || l == "sequenceDiagram"), "{}", mermaid);
    }

    /// Whatever the input, reading it is a value: a diagram or an error, never a panic.
    #[test]
    fn any_input_is_a_diagram_or_an_error(input in ".{0,200}") {
        let _ = Diagram::from_json_lines(&input);
    }
}

#[test]
fn every_arrow_kind_has_a_style() {
    // The match makes a new kind a compile error here until it is given a style.
    let selector = |kind: ArrowKind| match kind {
        ArrowKind::Subfunction => ".subfunction line",
        ArrowKind::Refused => ".refused line",
        ArrowKind::Interrupt => ".interrupt line",
        ArrowKind::Data => ".data line",
        ArrowKind::Command => ".command line",
        ArrowKind::Message => ".message line",
        ArrowKind::Error => ".error line",
    };
    let svg = diagram(FLAGS).render(Format::Svg);
    for kind in [
        ArrowKind::Subfunction,
        ArrowKind::Refused,
        ArrowKind::Interrupt,
        ArrowKind::Data,
        ArrowKind::Command,
        ArrowKind::Message,
        ArrowKind::Error,
    ] {
        assert!(
            svg_style_rule(&svg, selector(kind)).contains("stroke"),
            "{kind:?}"
        );
    }
}

// ---- the front ends ----

/// A session any console behind the front ends accepts (the placeholder too).
const SCRIPT: &str = "* Two users log on\nLOGON A\nLOGON B\n";

#[test]
fn run_with_diagram_writes_svg_or_mermaid_by_extension_and_still_prints_the_transcript() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("two.cp");
    fs::write(&script, SCRIPT).unwrap();
    let svg = dir.path().join("two.svg");
    let plain = vmcfsim().arg("run").arg(&script).output().unwrap();
    let o = vmcfsim()
        .arg("run")
        .arg(&script)
        .arg("--diagram")
        .arg(&svg)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(o.stdout, plain.stdout, "the transcript is unchanged");
    let d = read_svg(&fs::read_to_string(&svg).unwrap());
    assert_eq!(d.title.as_deref(), Some("Two users log on"));
    let names: Vec<&str> = d.lifelines.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(names, ["A", "CP", "B"]);

    let mmd = dir.path().join("two.mmd");
    let o = vmcfsim()
        .args(["--json", "--diagram"])
        .arg(&mmd)
        .arg("run")
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let mermaid = fs::read_to_string(&mmd).unwrap();
    assert!(mermaid.contains("sequenceDiagram\n"), "{mermaid}");
    assert!(mermaid.contains("participant vm_B as B"), "{mermaid}");
}

#[test]
fn the_title_falls_back_to_the_script_name_and_a_rejected_line_still_draws() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("bad.cp");
    fs::write(&script, "LOGON A\nNO SUCH COMMAND\n").unwrap();
    let mmd = dir.path().join("bad.mmd");
    let o = vmcfsim()
        .arg("run")
        .arg(&script)
        .arg("--diagram")
        .arg(&mmd)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "the replay's status is kept");
    let mermaid = fs::read_to_string(&mmd).unwrap();
    let title = format!("title: \"{}\"", script.display());
    assert!(mermaid.contains(&title), "{mermaid}");
}

#[test]
fn a_diagram_that_cannot_be_written_or_has_no_format_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("s.cp");
    fs::write(&script, SCRIPT).unwrap();
    let o = vmcfsim()
        .arg("run")
        .arg(&script)
        .args(["--diagram", "out.png"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".svg"));
    let nowhere = dir.path().join("no/such/dir/x.svg");
    let o = vmcfsim()
        .arg("run")
        .arg(&script)
        .arg("--diagram")
        .arg(&nowhere)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot write the diagram") && err.contains("x.svg"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn the_repl_without_a_terminal_takes_diagram_lines_itself() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.mmd");
    let second = dir.path().join("second.svg");
    let input = format!(
        "LOGON A\nDIAGRAM {}\nLOGON B\ndiagram '{}'\nDIAGRAM\nDIAGRAM x.txt\n",
        first.display(),
        second.display()
    );
    let o = with_stdin(vmcfsim().arg("repl"), input.as_bytes());
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        !out.contains("DMK"),
        "the console never saw a DIAGRAM line: {out}"
    );
    assert_eq!(out.matches("diagram written to").count(), 2, "{out}");
    assert!(
        out.contains("file name is missing") && out.contains("x.txt"),
        "{out}"
    );
    let first = fs::read_to_string(&first).unwrap();
    assert!(
        first.contains("vm_A") && !first.contains("vm_B"),
        "the session so far: {first}"
    );
    let names: Vec<String> = read_svg(&fs::read_to_string(&second).unwrap())
        .lifelines
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(names, ["A", "CP", "B"]);

    // With --json, standard output stays events only.
    let third = dir.path().join("third.mmd");
    let input = format!("LOGON A\nDIAGRAM {}\n", third.display());
    let o = with_stdin(vmcfsim().args(["repl", "--json"]), input.as_bytes());
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    assert!(String::from_utf8_lossy(&o.stderr).contains("diagram written to"));
    assert!(third.exists());
}

#[cfg(unix)]
#[test]
fn the_interactive_repl_draws_the_session_so_far_and_at_the_end() {
    use rexpect::process::WaitStatus;
    let dir = tempfile::tempdir().unwrap();
    let now = dir.path().join("now.svg");
    let end = dir.path().join("end.mmd");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vmcfsim"));
    cmd.args(["repl", "--no-history", "--diagram"])
        .arg(&end)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("VMCFSIM_HISTORY", "");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    p.exp_string("> ").unwrap();
    for line in ["LOGON A".to_string(), format!("DIAGRAM {}", now.display())] {
        p.send(&line).unwrap();
        p.send("\r").unwrap();
        p.flush().unwrap();
    }
    p.exp_string("diagram written to").unwrap();
    p.exp_string("A> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    assert!(matches!(
        p.process().wait().unwrap(),
        WaitStatus::Exited(_, 0)
    ));
    let names: Vec<String> = read_svg(&fs::read_to_string(&now).unwrap())
        .lifelines
        .into_iter()
        .map(|l| l.0)
        .collect();
    assert_eq!(names, ["A", "CP"]);
    assert!(fs::read_to_string(&end).unwrap().contains("vm_A"));
}

/// The whole pipe, end to end: the real console's JSON events for `scripts/hello.cp` drawn as
/// the manual draws the protocols; the title is the script's first comment line.
#[test]
fn hello_cp_end_to_end_from_the_real_consoles_events() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/hello.cp");
    let o = vmcfsim().args(["run", "--json", script]).output().unwrap();
    let model = Diagram::from_json_lines(&String::from_utf8_lossy(&o.stdout)).unwrap();
    assert_eq!(
        model.title.as_deref(),
        Some("hello.cp: the smallest VMCF conversation, and the README's opening example.")
    );
    assert_eq!(
        model.lifelines,
        [
            Lifeline::Vm("A".into()),
            Lifeline::Cp,
            Lifeline::Vm("B".into())
        ]
    );
    let d = read_svg(&model.render(Format::Svg));
    assert_layout(&d);
    // The protocol's arrows in order (CP's messages may come between).
    let want = [
        ("subfunction", "A", "CP", "AUTHORIZE RC 0"),
        ("subfunction", "B", "CP", "AUTHORIZE RC 0"),
        ("command", "B", "CP", "SMSG A Hello, A. This is B."),
        ("interrupt", "CP", "A", "X'4001' SENDX MID "),
        ("subfunction", "B", "CP", "SEND → A MID 1 RC 0"),
        ("interrupt", "CP", "A", "X'4001' SEND MID 1 from B"),
        ("subfunction", "A", "CP", "RECEIVE ← B MID 1 RC 0"),
        ("data", "CP", "A", "12 bytes into X'"),
        ("interrupt", "CP", "B", "X'4001' SEND MID 1 RESP from A"),
    ];
    let mut drawn = arrows(&d).into_iter();
    for (kind, from, to, label) in want {
        assert!(
            drawn.any(|a| a.0 == kind && a.1 == from && a.2 == to && a.3.starts_with(label)),
            "no {kind} {from}->{to} {label:?} in order in {:#?}",
            arrows(&d)
        );
    }
}

/// The scripts whose diagrams `docs/` ships: the README shows two, `docs/vmcf.md` one for each
/// protocol. Each SVG must be exactly what its script draws today; with `VMCFSIM_UPDATE_DOCS=1`
/// the test redraws the stale ones instead (then read the pictures and commit them), so a change
/// of the diagrams' look is one test run away from the documents.
pub const PICTURES: &[&str] = &[
    "send",
    "send_recv",
    "sendx",
    "reject",
    "cancel",
    "identify",
    "quiesce",
    "priority",
    "smsg",
];

#[test]
fn the_documents_pictures_are_drawn_from_their_scripts() {
    let root = env!("CARGO_MANIFEST_DIR");
    let update = std::env::var_os("VMCFSIM_UPDATE_DOCS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for name in PICTURES {
        let o = vmcfsim()
            .args(["run", "--json", &format!("{root}/scripts/{name}.cp")])
            .output()
            .unwrap();
        let drawn = Diagram::from_json_lines(&String::from_utf8_lossy(&o.stdout))
            .unwrap()
            .render(Format::Svg);
        let path = format!("{root}/docs/{name}.svg");
        if fs::read_to_string(&path).ok().as_deref() != Some(drawn.as_str()) {
            if update {
                fs::write(&path, &drawn).unwrap();
            } else {
                stale.push(format!("docs/{name}.svg"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; redraw with VMCFSIM_UPDATE_DOCS=1 cargo test --test it pictures"
    );
}

// ---- drawn from the real console's structured events ----

/// Replays `script` through the real `vmcfsim run --diagram` into `name` (its extension picks
/// the format); the exit status and the file's text.
fn drawn_by_run(script: &str, name: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    let o = with_stdin(
        vmcfsim().args(["run", "-", "--diagram"]).arg(&file),
        script.as_bytes(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("cannot draw") && !err.contains("panicked"),
        "{err}"
    );
    (o.status.code(), fs::read_to_string(&file).unwrap())
}

/// The events of `script` as the real console writes them.
fn events_of(script: &str) -> String {
    let o = with_stdin(vmcfsim().args(["run", "--json", "-"]), script.as_bytes());
    String::from_utf8(o.stdout).unwrap()
}

/// `L A` logs A on, `LOGO B` is LOGOFF with an operand (refused): B never logged on, so B has
/// no lifeline; A's AUTHORIZE is drawn from A. The text guessed LOGON from `LOGO B` once.
#[test]
fn l_a_logo_b_vmcf_auth_draws_a_alone_with_its_authorize() {
    let (status, mermaid) = drawn_by_run("L A\nLOGO B\nVMCF AUTH\n", "x.mmd");
    assert_eq!(status, Some(1), "LOGO B is refused");
    let participants: Vec<&str> = mermaid
        .lines()
        .filter(|l| l.trim_start().starts_with("participant"))
        .collect();
    assert_eq!(
        participants,
        ["    participant vm_A as A", "    participant cp as CP"],
        "{mermaid}"
    );
    assert!(mermaid.contains("vm_A-->>cp: L A\n"), "{mermaid}");
    assert!(mermaid.contains("vm_A-->>cp: LOGO B\n"), "{mermaid}");
    assert!(mermaid.contains("vm_A->>cp: AUTHORIZE RC 0\n"), "{mermaid}");
    assert!(!mermaid.contains("vm_B"), "{mermaid}");
    let (_, svg) = drawn_by_run("L A\nLOGO B\nVMCF AUTH\n", "x.svg");
    let d = read_svg(&svg);
    let names: Vec<&str> = d.lifelines.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(names, ["A", "CP"]);
    assert_layout(&d);
}

/// Lines nobody could have typed as a VM (HELP, QUERY before any LOGON) and CP's answers on
/// the terminal of nobody are notes, never an error: HELP before LOGON, and `cp_logon.cp`.
#[test]
fn help_before_logon_and_cp_logon_cp_draw_without_error() {
    let (status, svg) = drawn_by_run("HELP\nLOGON A\n", "h.svg");
    assert_eq!(status, Some(0));
    let d = read_svg(&svg);
    assert_eq!(d.notes[0], ("command".to_string(), "> HELP".to_string()));
    assert_eq!(
        d.notes.len(),
        2,
        "CP's answer of many lines is one note: {:?}",
        d.notes
    );
    assert_eq!(d.notes[1].0, "message");
    assert!(d.notes[1].1.starts_with("Commands "), "{:?}", d.notes[1]);
    assert!(d.notes[1].1.lines().count() > 3, "{:?}", d.notes[1]);
    let (_, mermaid) = drawn_by_run("HELP\nLOGON A\n", "h.mmd");
    let note = mermaid
        .lines()
        .find(|l| l.contains("wrap:Commands "))
        .unwrap();
    assert!(note.matches("<br/>").count() > 3, "{note}");
    assert_layout(&d);

    let script =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/cp_logon.cp")).unwrap();
    let model = Diagram::from_json_lines(&events_of(&script)).unwrap();
    assert!(
        model
            .steps
            .iter()
            .any(|s| matches!(s, Step::Note(n) if n.kind == NoteKind::Message)),
        "{model:?}"
    );
    let (status, svg) = drawn_by_run(&script, "cp_logon.svg");
    assert_eq!(status, Some(1), "cp_logon.cp has a refused line");
    assert_layout(&read_svg(&svg));
}

/// Text keeps its blanks: the SVG says so to the renderer (`xml:space="preserve"` on each text
/// that holds typed or printed text), and the label holds them as typed.
#[test]
fn the_svg_keeps_repeated_blanks() {
    let script = "LOGON SRV\nSET SMSG ON\nVMCF AUTH SMSG BUF 169\nSMSG SRV   two blanks\n";
    let (_, svg) = drawn_by_run(script, "b.svg");
    let d = read_svg(&svg);
    let smsg = d
        .arrows
        .iter()
        .find(|a| a.class == "command" && a.label.starts_with("SMSG"));
    assert_eq!(smsg.unwrap().label, "SMSG SRV   two blanks");
    let interrupt = d.arrows.iter().find(|a| a.class == "interrupt").unwrap();
    assert!(interrupt.label.ends_with("'  two blanks'"), "{interrupt:?}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    const XML: &str = "http://www.w3.org/XML/1998/namespace";
    let texts: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.contains("  ")))
        .collect();
    assert!(!texts.is_empty());
    for t in texts {
        assert_eq!(t.attribute((XML, "space")), Some("preserve"), "{t:?}");
    }
}

/// For a slide: the title is the first sentence of the opening comments, the rest of them one
/// note; later comment lines in a row are one note (a `*` alone or a blank line ends it);
/// arrows to CP name the partner; where the console put a command's data is not drawn.
#[test]
fn comments_run_together_and_bookkeeping_is_not_drawn() {
    let script = "\
* demo.cp: a SEND and its answer (see 7.2). A sends, B takes the data
* and answers.
LOGON A
VMCF AUTH
LOGON B
VMCF AUTH
* First A sends;
* B is told.
*
* Then B
A: VMCF SEND B DATA 'HI'

* and B receives.
VMCF RECEIVE A MID 1
";
    let model = Diagram::from_json_lines(&events_of(script)).unwrap();
    assert_eq!(
        model.title.as_deref(),
        Some("demo.cp: a SEND and its answer (see 7.2).")
    );
    let notes: Vec<(usize, &str)> = model
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Note(n) if n.kind == NoteKind::Comment => Some((n.line, n.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        notes,
        [
            (1, "A sends, B takes the data and answers."),
            (7, "First A sends; B is told."),
            (10, "Then B"),
            (13, "and B receives."),
        ]
    );
    let d = read_svg(&model.render(Format::Svg));
    let labels: Vec<&str> = d.arrows.iter().map(|a| a.label.as_str()).collect();
    assert!(labels.contains(&"SEND → B MID 1 RC 0"), "{labels:?}");
    assert!(labels.contains(&"RECEIVE ← A MID 1 RC 0"), "{labels:?}");
    assert!(
        !labels
            .iter()
            .any(|l| l.contains("DATA AT") || l.contains("BUFFER AT")),
        "no DATA AT / RECEIVE BUFFER AT: {labels:?}"
    );
    assert_layout(&d);
    let mermaid = model.render(Format::Mermaid);
    assert!(
        mermaid.contains(": wrap:First A sends#59; B is told.\n"),
        "{mermaid}"
    );
}

/// A session longer than a picture holds: the first `STEPS_MAX` steps, then a note counting
/// the rest, with their lines.
#[test]
fn past_the_step_limit_the_rest_is_counted_not_drawn() {
    use vmcfsim::diagram::STEPS_MAX;
    let mut jsonl = String::new();
    for line in 1..=STEPS_MAX + 10 {
        jsonl += &command_event(line, "A", "ENABLE");
        jsonl.push('\n');
    }
    let model = diagram(&jsonl);
    assert_eq!(model.arrows(), STEPS_MAX);
    let Some(Step::Note(last)) = model.steps.last() else {
        panic!("{:?}", model.steps.last())
    };
    assert_eq!(last.kind, NoteKind::Omitted);
    assert!(
        last.text.contains(&format!(
            "10 more steps (lines {} to {})",
            STEPS_MAX + 1,
            STEPS_MAX + 10
        )),
        "{}",
        last.text
    );
}

/// `--title` names the diagram whatever the script's comments say, for `run` and for the
/// REPL's `DIAGRAM FILE`.
#[test]
fn a_title_given_replaces_the_comments_title() {
    let dir = tempfile::tempdir().unwrap();
    let mmd = dir.path().join("t.mmd");
    let o = with_stdin(
        vmcfsim()
            .args(["run", "-", "--title", "SEND: a slide", "--diagram"])
            .arg(&mmd),
        b"* A comment title.\nLOGON A\n",
    );
    assert_eq!(o.status.code(), Some(0));
    let mermaid = fs::read_to_string(&mmd).unwrap();
    assert!(
        mermaid.starts_with("---\ntitle: \"SEND: a slide\"\n"),
        "{mermaid}"
    );
    assert!(!mermaid.contains("A comment title"), "{mermaid}");

    let svg = dir.path().join("t.svg");
    let input = format!("* Mine.\nLOGON A\nDIAGRAM {}\n", svg.display());
    let o = with_stdin(
        vmcfsim().args(["repl", "--title", "From the REPL"]),
        input.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0));
    let d = read_svg(&fs::read_to_string(&svg).unwrap());
    assert_eq!(d.title.as_deref(), Some("From the REPL"));
}
