//! The editor's door on a small rulebook written for the purpose.

use super::*;

const BOOK: &str = r#"rulebook demo
  version "1"

enum Kind { community_order, suspended }

variant Req {
  punitive: bool
  curfew { hours_per_day: hours, period: months }  // the curfew's length
  unpaid_work { hours: hours }
}

record Order {
  kind: Kind
  sentence_date: date
  length: months as duration    // months to the end date
  requirements: list of Req
}

document order: Order
law date order.sentence_date

const MAX_CURFEW = 16 hours

rule curfew-hours
  title   "Curfew of 2 to 16 hours a day"
  cite    "Sentencing Act 2020, Sch. 9, para 9(4)"
  explain "A curfew lasts between 2 and 16 hours a day."
  unverified "written for the editor's tests"
  in force from 2020-12-01 by order.sentence_date
  for each curfew r in order.requirements
  when    order.kind == community_order
  require r.hours_per_day <= MAX_CURFEW
  message "The curfew lasts {r.hours_per_day} a day."

rule any-punitive
  title "Something punitive"
  cite "Sentencing Act 2020, s.208(10)"
  unverified "written for the editor's tests"
  explain "At least one requirement is punitive."
  require any(r in order.requirements: r.punitive)
  message "Nothing is punitive."

example base = {
  "kind": "community_order",
  "sentence_date": "2023-01-01",
  "length": 12,
  "requirements": [ { "kind": "curfew", "punitive": true, "hours_per_day": 8, "period": 4 } ]
}

test "a 17-hour curfew is too long"
  given base with { "requirements": [ { "kind": "curfew", "punitive": true, "hours_per_day": 17, "period": 4 } ] }
  expect finding curfew-hours
"#;

const F: &str = "demo.rules";

fn ws() -> Workspace {
    Workspace::new([(F, BOOK)])
}

/// The byte offset of the `n`th (0-based) occurrence of `needle`, plus `into` bytes.
fn at(needle: &str, n: usize, into: usize) -> u32 {
    let (i, _) = BOOK
        .match_indices(needle)
        .nth(n)
        .expect("needle in the book");
    (i + into) as u32
}

fn texts(ranges: &[TextRange]) -> Vec<&str> {
    ranges
        .iter()
        .map(|r| &BOOK[r.start as usize..r.end as usize])
        .collect()
}

#[test]
fn the_book_compiles() {
    let c = crate::api::Session::compile([(F, BOOK)]);
    assert!(c.session.is_some(), "{:?}", c.diagnostics);
    let run = c.session.as_ref().map(|s| s.run_tests());
    assert!(run.is_some_and(|r| r.failed == 0));
}

#[test]
fn hover_gives_a_fields_type_and_unit() {
    let h = ws()
        .hover(F, at("r.hours_per_day <=", 0, 3))
        .expect("a hover");
    assert!(
        h.text
            .contains("field `hours_per_day` of `Req.curfew`: `hours`"),
        "{}",
        h.text
    );
    assert!(h.text.contains("unit: hours"), "{}", h.text);
    assert_eq!(
        &BOOK[h.range.start as usize..h.range.end as usize],
        "hours_per_day"
    );
    let h = ws().hover(F, at("length: months", 0, 2)).expect("a hover");
    assert!(
        h.text.contains("unit: months") && h.text.contains("months to the end date"),
        "{}",
        h.text
    );
}

#[test]
fn hover_gives_a_rules_title_citation_period_and_explanation() {
    let h = ws()
        .hover(F, at("expect finding curfew-hours", 0, 16))
        .expect("a hover");
    for part in [
        "Curfew of 2 to 16 hours a day",
        "Sentencing Act 2020, Sch. 9, para 9(4)",
        "from 2020-12-01",
        "between 2 and 16 hours",
    ] {
        assert!(h.text.contains(part), "{part} in {}", h.text);
    }
}

#[test]
fn hover_gives_a_constants_value() {
    let h = ws().hover(F, at("<= MAX_CURFEW", 0, 4)).expect("a hover");
    assert!(h.text.contains("16 hours"), "{}", h.text);
}

#[test]
fn definition_finds_fields_enum_values_constants_and_rules() {
    let w = ws();
    let def = |o| texts(&w.definition(F, o)).join(",");
    let d = w.definition(F, at("r.hours_per_day <=", 0, 5));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].start, at("hours_per_day: hours", 0, 0));
    assert_eq!(def(at("== community_order", 0, 5)), "community_order");
    assert_eq!(
        w.definition(F, at("== community_order", 0, 5))[0].start,
        at("community_order,", 0, 0)
    );
    assert_eq!(
        w.definition(F, at("<= MAX_CURFEW", 0, 5))[0].start,
        at("MAX_CURFEW =", 0, 0)
    );
    assert_eq!(
        w.definition(F, at("finding curfew-hours", 0, 9))[0].start,
        at("curfew-hours\n", 0, 0)
    );
    assert_eq!(
        w.definition(F, at("given base", 0, 7))[0].start,
        at("base =", 0, 0)
    );
    // The binding of a `for each`.
    assert_eq!(
        w.definition(F, at("r.hours_per_day <=", 0, 0))[0].start,
        at("r in order", 0, 0)
    );
    // A case named in `for each curfew r`.
    assert_eq!(
        w.definition(F, at("each curfew", 0, 6))[0].start,
        at("curfew {", 0, 0)
    );
}

#[test]
fn references_reach_tests_and_the_json_of_examples() {
    let w = ws();
    let refs = w.references(F, at("hours_per_day: hours", 0, 1), true);
    // The declaration, two uses in the rule, the example's key and the test's key.
    assert_eq!(refs.len(), 5, "{:?}", texts(&refs));
    assert!(texts(&refs).iter().all(|t| *t == "hours_per_day"));
    let refs = w.references(F, at("community_order,", 0, 1), false);
    // `== community_order` in the rule and the example's `"kind"`.
    assert_eq!(refs.len(), 2, "{:?}", refs);
    let refs = w.references(F, at("curfew-hours\n", 0, 1), false);
    assert_eq!(texts(&refs), ["curfew-hours"]);
    assert!(refs[0].start > at("test ", 0, 0));
}

#[test]
fn rename_changes_a_field_everywhere_and_the_tests_still_pass() {
    let w = ws();
    let edits = w
        .rename(F, at("r.hours_per_day", 0, 3), "daily_hours")
        .expect("renamed");
    assert_eq!(edits.len(), 5);
    let renamed = apply(BOOK, &edits);
    assert!(!renamed.contains("hours_per_day"));
    let c = crate::api::Session::compile([(F, renamed.as_str())]);
    let s = c.session.expect("the renamed book compiles");
    assert_eq!(s.run_tests().failed, 0);
}

#[test]
fn rename_of_an_enum_value_a_constant_and_a_rule_id() {
    let w = ws();
    for (offset, name, count) in [
        (at("community_order,", 0, 0), "co", 3),
        (at("MAX_CURFEW =", 0, 0), "LONGEST", 2),
        (at("curfew-hours\n", 0, 0), "curfew-length", 2),
    ] {
        let edits = w.rename(F, offset, name).expect("renamed");
        assert_eq!(edits.len(), count, "{name}: {edits:?}");
        let renamed = apply(BOOK, &edits);
        let c = crate::api::Session::compile([(F, renamed.as_str())]);
        let s = c.session.expect("the renamed book compiles");
        assert_eq!(s.run_tests().failed, 0, "{name}");
    }
}

#[test]
fn rename_refuses_a_clash_and_a_bad_name() {
    let w = ws();
    assert!(w.rename(F, at("r.hours_per_day", 0, 3), "period").is_err());
    assert!(w.rename(F, at("MAX_CURFEW =", 0, 0), "9lives").is_err());
    assert!(w.rename(F, at("rulebook", 0, 2), "x").is_err());
}

fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut out = text.to_string();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for e in edits {
        out.replace_range(e.range.start as usize..e.range.end as usize, &e.new_text);
    }
    out
}

fn labels_at(text: &str, offset: usize) -> Vec<String> {
    Workspace::new([(F, text)])
        .completion(F, offset as u32)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

/// The book with `insert` typed after the `n`th `needle`, and the cursor after it.
fn typed(needle: &str, insert: &str) -> (String, usize) {
    let i = BOOK.find(needle).expect("needle") + needle.len();
    let mut t = BOOK.to_string();
    t.insert_str(i, insert);
    (t, i + insert.len())
}

#[test]
fn completion_offers_the_fields_of_a_for_each_binding() {
    let (t, o) = typed(
        "  message \"The curfew lasts {r.hours_per_day} a day.\"\n",
        "  require r.",
    );
    let l = labels_at(&t, o);
    assert!(
        l.contains(&"hours_per_day".into()) && l.contains(&"punitive".into()),
        "{l:?}"
    );
    assert!(
        !l.contains(&"hours".into()),
        "unpaid work's field is not the curfew's: {l:?}"
    );
    let (t, o) = typed(
        "  message \"The curfew lasts {r.hours_per_day} a day.\"\n",
        "  when order.",
    );
    let l = labels_at(&t, o);
    assert_eq!(l, ["kind", "sentence_date", "length", "requirements"]);
}

#[test]
fn completion_offers_enum_values_where_an_enum_is_expected() {
    let (t, o) = typed("  title \"Something punitive\"\n", "  when order.kind == ");
    assert_eq!(labels_at(&t, o), ["community_order", "suspended"]);
    let (t, o) = typed(
        "  title \"Something punitive\"\n",
        "  when order.kind in {suspended, ",
    );
    assert_eq!(labels_at(&t, o), ["community_order", "suspended"]);
}

#[test]
fn completion_offers_units_after_a_number_and_keywords_in_place() {
    let (t, o) = typed(
        "  title \"Something punitive\"\n",
        "  require order.length <= 3 ",
    );
    assert!(labels_at(&t, o).contains(&"months".into()));
    let (t, o) = typed("  title \"Something punitive\"\n", "  ");
    let l = labels_at(&t, o);
    assert!(
        l.contains(&"require".into()) && l.contains(&"order".into()),
        "{l:?}"
    );
    assert!(
        l.contains(&"days_between".into()) && l.contains(&"count".into()),
        "the built-in functions and aggregates: {l:?}"
    );
    let (t, o) = typed("  title \"Something punitive\"\n", "  hit policy ");
    let l = labels_at(&t, o);
    assert!(
        l.contains(&"collect sum".into()) && l.contains(&"output order".into()),
        "every hit policy: {l:?}"
    );
    let (t, o) = typed("expect finding curfew-hours\n", "\n");
    assert!(labels_at(&t, o).contains(&"rule".into()));
    let (t, o) = typed("expect finding curfew-hours\n", "  expect finding ");
    let l = labels_at(&t, o);
    assert!(
        l.contains(&"curfew-hours".into()) && l.contains(&"any-punitive".into()),
        "{l:?}"
    );
}

#[test]
fn document_symbols_outline_the_book() {
    let s = ws().document_symbols(F);
    let kinds: Vec<(&str, &str)> = s.iter().map(|s| (s.kind, s.name.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("rulebook", "demo"),
            ("enum", "Kind"),
            ("variant", "Req"),
            ("record", "Order"),
            ("document", "order"),
            ("const", "MAX_CURFEW"),
            ("rule", "curfew-hours"),
            ("rule", "any-punitive"),
            ("example", "base"),
            ("test", "a 17-hour curfew is too long"),
        ]
    );
    let variant = &s[2];
    assert_eq!(variant.children.len(), 3);
    assert_eq!(variant.children[1].children[0].name, "hours_per_day");
}

#[test]
fn workspace_symbols_search_every_file() {
    let other = "rulebook other\nenum Colour { red }\nrecord Doc { c: Colour }\ndocument d: Doc\nrule red-alert\n  require d.c == red\n";
    let w = Workspace::new([(F, BOOK), ("other.rules", other)]);
    let found: Vec<(String, String)> = w
        .workspace_symbols("cur")
        .into_iter()
        .map(|s| (s.range.file, s.name))
        .collect();
    assert!(found.contains(&(F.into(), "curfew-hours".into())));
    assert!(found.contains(&(F.into(), "curfew".into())));
    assert!(w
        .workspace_symbols("red")
        .iter()
        .any(|s| s.range.file == "other.rules"));
    // Names are scoped by rulebook: `red` in the other book is not this book's.
    assert!(
        w.definition(
            "other.rules",
            other.find("== red").map_or(0, |i| i as u32 + 4)
        )
        .len()
            == 1
    );
}

#[test]
fn places_come_in_lines_and_utf16_characters() {
    let text = "rulebook d\n// £ é\nenum E { a }\n";
    assert_eq!(
        offset_at_line_char(text, 1, 4),
        text.find(" é").map_or(0, |i| i as u32)
    );
    assert_eq!(
        offset_at_line_char(text, 1, 99),
        text.find("\nenum").map_or(0, |i| i as u32)
    );
    assert_eq!(offset_at_line_char(text, 99, 0), text.len() as u32);
    assert_eq!(
        offset_at_utf16(text, 15),
        text.find(" é").map_or(0, |i| i as u32)
    );
    let w = Workspace::new([(F, text)]);
    let s = w.document_symbols(F);
    assert_eq!(
        s[1].selection.from,
        LineChar {
            line: 2,
            character: 5
        }
    );
}

#[test]
fn a_range_is_formatted_as_the_whole_file_would_be() {
    let messy = "rulebook d\n\nenum   E {a,b}\nrecord R {  e: E }\ndocument d: R\n\nrule x\n    require   d.e == a\n";
    let whole = crate::api::format_rules(F, messy).expect("formats");
    let line = messy.find("    require").map_or(0, |i| i as u32);
    let edit = format_range(F, messy, line, line + 4)
        .expect("formats")
        .expect("an edit");
    let mut out = messy.to_string();
    out.replace_range(
        edit.range.start as usize..edit.range.end as usize,
        &edit.new_text,
    );
    assert!(
        out.contains(&whole[whole.find("  require").unwrap_or(0)..]),
        "{out:?}\n{whole:?}"
    );
    assert!(
        out.contains("enum   E {a,b}"),
        "outside the range is left alone: {out}"
    );
    let edit = format_whole(F, messy).expect("formats").expect("an edit");
    assert_eq!(edit.new_text, whole);
    assert!(format_whole(F, &whole).expect("formats").is_none());
}

#[test]
fn text_that_does_not_parse_gives_no_answer_and_no_panic() {
    let w = Workspace::new([(F, "rule {{{ ")]);
    assert!(w.hover(F, 3).is_none());
    assert!(w.definition(F, 3).is_empty());
    assert!(w.document_symbols(F).is_empty());
    assert!(w.rename(F, 3, "x").is_err());
    let _ = w.completion(F, 9);
    let _ = w.completion(F, 9999);
    assert!(w.hover("missing.rules", 0).is_none());
}

/// A rename in a shipped rulebook leaves it compiling with every test passing: no use missed.
#[test]
fn renames_in_the_community_orders_rulebook_keep_its_tests_passing() {
    let book = include_str!("../../../rules/community_orders.rules");
    let name = "rules/community_orders.rules";
    let w = Workspace::new([(name, book)]);
    let before = crate::api::Session::compile([(name, book)])
        .session
        .map(|s| s.run_tests().passed);
    for (needle, into, new) in [
        ("hours_per_day: hours", 0, "daily_curfew_hours"),
        ("  community_order\n", 2, "generic_community_order"),
        (
            "conflict aamr-with-alcohol-treatment",
            9,
            "aamr-and-alcohol-treatment",
        ),
        ("em_exception: optional", 0, "monitoring_exception"),
    ] {
        let offset = book.find(needle).map_or(0, |i| i + into) as u32;
        let edits = w.rename(name, offset, new).expect("renamed");
        assert!(edits.len() > 1, "{needle}");
        let renamed = apply_to(book, &edits);
        let c = crate::api::Session::compile([(name, renamed.as_str())]);
        let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{needle}: {errors:?}");
        let after = c
            .session
            .map(|s| (s.run_tests().passed, s.run_tests().failed));
        assert_eq!(after, before.map(|p| (p, 0)), "{needle}");
    }
}

fn apply_to(text: &str, edits: &[TextEdit]) -> String {
    let mut out = text.to_string();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    for e in edits {
        out.replace_range(e.range.start as usize..e.range.end as usize, &e.new_text);
    }
    out
}

const ROUTED: &str = r#"rulebook routed
  version "1"

enum Band { low, high }
enum Office { north, south }
record Case { band: Band, points: int }
document case: Case

routes office
  title   "Which office"
  cite    "A policy written for the editor's tests"
  unverified "written for the editor's tests"
  explain "Low bands go north, high bands with many points south."
  decides Office
  hit policy unique
  when case.band == low => north
  when case.band == high and case.points > 10 => south

example low_case = { "band": "low", "points": 3 }

test "a low case goes north"
  given low_case
  expect route office = south
"#;

#[test]
fn a_misspelt_field_is_a_problem_with_its_fix() {
    let bad = BOOK.replacen("r.hours_per_day <=", "r.hours_per_dya <=", 1);
    let p = problems(F, &bad, Depth::Check);
    let e = p.iter().find(|p| p.code == "E0205").expect("E0205");
    assert_eq!(
        &bad[e.range.start as usize..e.range.end as usize],
        "hours_per_dya"
    );
    assert_eq!(e.severity, "error");
    let fix = e.fix.as_ref().expect("a fix");
    assert_eq!(fix.edit.new_text, "hours_per_day");
    assert_eq!(fix.title, "Change to `hours_per_day`");
}

#[test]
fn lint_findings_carry_their_witness_and_failing_tests_are_problems() {
    let p = problems("routed.rules", ROUTED, Depth::Full);
    let gap = p
        .iter()
        .find(|p| p.source == "lint")
        .expect("a lint finding");
    assert_eq!(gap.severity, "warning");
    assert_eq!(
        &ROUTED[gap.range.start as usize..gap.range.end as usize],
        "office"
    );
    let w = gap.witness.as_ref().expect("a witness");
    assert!(w.file_name.starts_with("routed.office."), "{}", w.file_name);
    assert!(w.json.contains("\"band\": \"high\""), "{}", w.json);
    let t = p
        .iter()
        .find(|p| p.source == "test")
        .expect("the failing test");
    assert!(ROUTED[t.range.start as usize..].starts_with("test \"a low case goes north\""));
    assert!(problems("routed.rules", ROUTED, Depth::Check).is_empty());
}

#[test]
fn completion_offers_a_routes_tables_outputs() {
    let i = ROUTED
        .find("  when case.band == low => north\n")
        .map_or(0, |i| i);
    let mut t = ROUTED.to_string();
    t.insert_str(i, "  when case.points > 20 => ");
    let l = labels_at(&t, i + "  when case.points > 20 => ".len());
    assert_eq!(l, ["north", "south"]);
}

#[test]
fn a_file_put_in_again_is_indexed_again() {
    let mut w = ws();
    let renamed = BOOK.replace("MAX_CURFEW", "LONGEST");
    w.set_file(F, &renamed);
    let at = renamed.find("<= LONGEST").map_or(0, |i| i as u32 + 4);
    assert!(w
        .hover(F, at)
        .is_some_and(|h| h.text.contains("const `LONGEST`")));
    w.set_file("other.rules", "rulebook other\nconst X = 1\n");
    let found = w.workspace_symbols("X");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].range.file, "other.rules");
}

#[test]
fn hover_gives_a_fields_label_and_hint() {
    let text = "rulebook t version \"1\"\n  title \"T\"\nrecord O { hours: hours label \"Hours a day\" hint \"The longest day\" }\ndocument o: O\n";
    let w = Workspace::new([(F, text)]);
    let h = w.hover(F, text.find("hours:").map_or(0, |i| i + 1) as u32);
    let h = h.expect("a hover");
    assert!(
        h.text.contains("label: Hours a day (The longest day)"),
        "{}",
        h.text
    );
}
