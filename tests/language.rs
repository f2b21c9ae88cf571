//! Language features end to end, each with a rulebook whose own tests pin the behaviour.

use probity::diag::Sources;

mod support;
use support::run_rule_tests as run;

#[test]
fn optional_values_compare_equal_only_when_present_and_equal() {
    let (passed, failed, failures) = run(r#"
rulebook t
document c: Case
enum Regime { tr_2013, pr_2012 }
record Case { regime: optional Regime, hours: optional hours }
rule tr-only title "t" cite "c" explain "e"
  when c.regime != tr_2013
  message "not TR"
rule ten title "t" cite "c" explain "e"
  require c.hours != 10 hours
  message "ten"
example base = { }
test "absent is not equal" given base expect finding tr-only expect no finding ten
test "present and equal" given base with { "regime": "tr_2013", "hours": 10 } expect no finding tr-only expect finding ten
test "present, not equal" given base with { "regime": "pr_2012", "hours": 9 } expect finding tr-only expect no finding ten
"#);
    assert_eq!((passed, failed), (3, 0), "{failures:?}");
}

#[test]
fn ordering_an_optional_is_still_refused() {
    let mut sources = Sources::default();
    sources.add("t.rules", "rulebook t\ndocument c: C\nrecord C { h: optional hours }\nrule r title \"t\" cite \"c\" explain \"e\" require c.h < 3 hours message \"m\"\n");
    let compiled = probity::check::compile(sources);
    assert!(compiled.program.is_none());
    assert_eq!(compiled.diagnostics[0].code, "E0210");
}

#[test]
fn a_routes_table_decides_only_where_it_applies() {
    let (passed, failed, failures) = run(r#"
rulebook t
document c: Case
enum Regime { law, proposal_2012 }
enum Who { public, competed }
enum Risk { low, high }
record Case { regime: Regime, risk: Risk }
routes proposal title "2012 proposal" cite "c" explain "e"
  decides Who
  hit policy unique
  applies when c.regime == proposal_2012
  when c.risk == high => public
derive high-risk title "t" cite "c" explain "e" when c.risk == high value c.risk
example base = { "regime": "law", "risk": "low" }
test "not this regime: no decision and no gap finding" given base expect no findings expect no route proposal expect no value high-risk
test "this regime, a gap" given base with { "regime": "proposal_2012" } expect finding proposal/no-route
test "this regime, decided" given base with { "regime": "proposal_2012", "risk": "high" } expect route proposal = public
"#);
    assert_eq!((passed, failed), (3, 0), "{failures:?}");
}

#[test]
fn expect_no_value_fails_when_the_value_is_derived() {
    let (passed, failed, failures) = run(r#"
rulebook t
document c: C
record C { d: date }
derive end title "t" cite "c" explain "e" value c.d + 3 years
example base = { "d": "2024-02-29" }
test "derived" given base expect value end = 2027-02-28
test "wrongly expects none" given base expect no value end
"#);
    assert_eq!((passed, failed), (1, 1));
    assert_eq!(
        failures,
        vec!["expected no value for end, but it is 28 February 2027".to_string()]
    );
}

#[test]
fn a_sum_too_large_is_an_evaluation_error_not_a_wrong_answer() {
    let mut sources = Sources::default();
    sources.add(
        "t.rules",
        "rulebook t\ndocument d: D\nrecord D { xs: list of int }\n\
         rule r title \"t\" cite \"c\" explain \"e\" require sum(x in d.xs: x) < 10 message \"m\"\n",
    );
    let program = probity::check::compile(sources).program.expect("compiles");
    let big = serde_json::json!({ "xs": [i64::MAX, 1] });
    let report = probity::eval::check_json(&program, &big).expect("reads");
    assert_eq!(report.errors.len(), 1);
    assert!(
        report.errors[0].message.contains("the sum is too large"),
        "{:?}",
        report.errors
    );
    assert_eq!(report.verdict, probity::report::Verdict::Errors);
}

#[test]
fn verification_status_is_carried_and_a_missing_one_is_warned_once_any_is_stated() {
    let text = |second: &str| {
        format!(
            "rulebook t\ndocument c: C\nrecord C {{ h: hours }}\n\
             rule a title \"t\" cite \"c\" explain \"e\" verified \"Act s.1, read at example address, 2020-01-01\" require c.h < 3 hours message \"m\"\n\
             rule b title \"t\" cite \"c\" explain \"e\" {second} require c.h < 4 hours message \"m\"\n"
        )
    };
    let compile = |t: String| {
        let mut sources = Sources::default();
        sources.add("t.rules", t);
        probity::check::compile(sources)
    };
    let stated = compile(text("unverified \"not read\""));
    let program = stated.program.expect("compiles");
    let statuses: Vec<_> = program
        .metas()
        .map(|m| m.verification.clone().map(|v| (v.verified, v.note)))
        .collect();
    assert_eq!(
        statuses,
        vec![
            Some((
                true,
                "Act s.1, read at example address, 2020-01-01".to_string()
            )),
            Some((false, "not read".to_string()))
        ]
    );
    assert!(!stated.diagnostics.iter().any(|d| d.code == "W0125"));

    let silent = compile(text(""));
    let warned: Vec<_> = silent
        .diagnostics
        .iter()
        .filter(|d| d.code == "W0125")
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        warned,
        vec!["the rule `b` does not say how its law was checked".to_string()]
    );

    let twice = compile(text("verified \"x\" unverified \"y\""));
    assert!(twice.diagnostics.iter().any(|d| d.code == "E0120"));
}

#[test]
fn let_names_an_expression_and_its_binders_never_clash_with_the_declarations() {
    // `HAS_BIG` binds inside an aggregate; written inside a `for each` and another aggregate
    // it must not overwrite their items.
    let (passed, failed, failures) = run(r#"
rulebook t
document c: Case
record Item { n: int, tags: list of int }
record Case { items: list of Item, limit: int }
let HAS_BIG = any(x in c.items: x.n > c.limit)
let TOTAL = sum(x in c.items: x.n)
rule each-item-knows title "t" cite "c" explain "e"
  for each i in c.items
  require i.n <= c.limit or HAS_BIG
  message "never"
rule tags-and-big title "t" cite "c" explain "e"
  for each i in c.items
  require all(t in i.tags: t < 100 or (HAS_BIG and t >= 0))
  message "item {i.n}"
derive total title "t" cite "c" explain "e" value TOTAL + 1
example base = { "items": [ { "n": 1, "tags": [200] }, { "n": 2, "tags": [] } ], "limit": 5 }
test "no big item: the tag rule fires for the item that has the tag" given base
  expect finding tags-and-big at "items[0].tags[0]" expect no finding each-item-knows expect value total = 4
test "a big item" given base with { "limit": 1 } expect no findings expect value total = 4
"#);
    assert_eq!((passed, failed), (2, 0), "{failures:?}");
}

#[test]
fn if_highest_lowest_and_concat() {
    let (passed, failed, failures) = run(r#"
rulebook t
document c: Case
enum Tier { A, B, C, D }
enum Level { A, B }
record Case { x: int, d: decimal, name: optional string, tier: Tier }
let POINTS = if(c.x >= 10, 20, if(c.x >= 5, 10, 0))
derive points title "t" cite "c" explain "e" value POINTS
derive best title "t" cite "c" explain "e" value highest(c.tier, Tier.C, if(c.x > 100, Tier.A, Tier.D))
derive worst title "t" cite "c" explain "e" value lowest(c.tier, C)
derive most title "t" cite "c" explain "e" value highest(c.x, 3, POINTS)
derive least title "t" cite "c" explain "e" value lowest(c.d, 1.5)
derive label title "t" cite "c" explain "e" value concat(if(POINTS >= 20, "A", "B"), "-", c.name ?? "none")
derive level title "t" cite "c" explain "e" value if(c.x > 0, Level.A, B)
derive lazy title "t" cite "c" explain "e" value if(present(c.name), c.name ?? "", "absent")
example base = { "x": 5, "d": 2.25, "tier": "B" }
test "middle band" given base
  expect value points = 10 expect value best = B expect value worst = C expect value most = 10
  expect value least = 1.5 expect value label = "B-none" expect value level = A expect value lazy = "absent"
test "top band, A from the if" given base with { "x": 101, "d": 1.25, "tier": "D", "name": "n" }
  expect value points = 20 expect value best = A expect value worst = D expect value most = 101
  expect value least = 1.25 expect value label = "A-n"
test "lowest band" given base with { "x": 0 } expect value points = 0 expect value most = 3 expect value level = B
"#);
    assert_eq!((passed, failed), (3, 0), "{failures:?}");
}

#[test]
fn the_new_functions_refuse_what_they_cannot_type() {
    for (text, code, says) in [
        ("value if(true, 1)", "E0218", "3 arguments"),
        ("value if(1, 2, 3)", "E0201", "a condition"),
        ("value if(true, 1, \"x\")", "E0201", "each value"),
        ("value if(true, A, B)", "E0204", "cannot tell"),
        (
            "value highest(\"a\", \"b\")",
            "E0201",
            "compare numbers or enum values",
        ),
        ("value concat(\"a\", 1)", "E0201", "concat"),
        ("value highest()", "E0218", "at least 1"),
        ("value E.Z", "E0205", "not a value of enum E"),
    ] {
        let mut sources = Sources::default();
        sources.add(
            "t.rules",
            format!(
                "rulebook t\ndocument c: C\nenum E {{ A, B }}\nrecord C {{ x: int }}\n\
                 derive d title \"t\" cite \"c\" explain \"e\" {text}\n"
            ),
        );
        let compiled = probity::check::compile(sources);
        assert!(compiled.program.is_none(), "{text} compiled");
        let d = &compiled.diagnostics[0];
        assert_eq!(d.code, code, "{text}: {}", d.message);
        assert!(
            d.message.contains(says) || d.notes.iter().any(|n| n.contains(says)),
            "{text}: {} {:?}",
            d.message,
            d.notes
        );
    }
}

#[test]
fn a_let_may_not_reuse_a_name() {
    let mut sources = Sources::default();
    sources.add(
        "t.rules",
        "rulebook t\ndocument c: C\nrecord C { x: int }\nconst K = 3\nlet K = c.x\n",
    );
    let compiled = probity::check::compile(sources);
    assert!(compiled.program.is_none());
    assert_eq!(compiled.diagnostics[0].code, "E0113");
}

#[test]
fn a_routes_row_may_bind() {
    let (passed, failed, failures) = run(r#"
rulebook t
document c: Case
enum Who { some, none }
record Case { xs: list of int }
routes who title "t" cite "c" explain "e" decides Who hit policy unique
  when any(x in c.xs: x > 1) => some
  when not any(x in c.xs: x > 1) => none
example base = { "xs": [0, 2] }
test "bound" given base expect route who = some
test "none" given base with { "xs": [] } expect route who = none
"#);
    assert_eq!((passed, failed), (2, 0), "{failures:?}");
}
