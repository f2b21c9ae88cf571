//! Rule-test coverage: what the tests beside a rulebook exercise, counted exactly.

use probity::diag::Sources;

const BOOK: &str = r#"
rulebook cov
document d: D
record D { hours: hours, risk: Risk }
enum Risk { low, high }
enum Who { a, b }

rule both-ways title "t" cite "c" explain "e"
  require d.hours <= 10 hours or d.risk == low
  message "m"
rule fires-only title "t" cite "c" explain "e"
  require d.hours <= 5 hours
  message "m"
rule never title "t" cite "c" explain "e"
  when d.hours > 1000 hours and d.risk == high
  require false
  message "m"
routes who title "t" cite "c" explain "e" decides Who hit policy first
  when d.risk == low => a
  when d.risk == high => b

example base = { "hours": 8, "risk": "low" }
test "passes" given base expect finding fires-only
test "fires" given base with { "hours": 11, "risk": "high" } expect finding both-ways
"#;

#[test]
fn coverage_counts_what_the_tests_exercised() {
    let mut sources = Sources::default();
    sources.add("cov.rules", BOOK);
    let program = probity::check::compile(sources).program.expect("compiles");
    let run = probity::eval::run_tests(&program);
    assert_eq!((run.passed, run.failed), (2, 0));
    let decl = |id: &str| {
        run.coverage
            .declarations
            .iter()
            .find(|d| d.id == id)
            .expect("declared")
    };

    assert_eq!((decl("both-ways").fired, decl("both-ways").passed), (1, 1));
    assert!(decl("both-ways").gaps().is_empty());
    assert_eq!(
        (decl("fires-only").fired, decl("fires-only").passed),
        (2, 0)
    );
    assert_eq!(
        decl("fires-only").gaps(),
        vec!["no test passes it".to_string()]
    );
    // `never`'s `when` is false in both documents, so the rule is checked but never applies:
    // as a require-rule it neither fires nor passes.
    assert!(decl("never").untested());
    assert_eq!(decl("who").rows_matched, vec![1, 1]);

    // `d.hours > 1000 hours` was only ever false; `d.risk == high` was never reached but is
    // counted when observed under the same bindings.
    let atom = |text: &str| {
        run.coverage
            .atoms
            .iter()
            .find(|a| a.text == text)
            .expect("atom")
    };
    assert!(!atom("d.hours > 1000 hours").seen_true && atom("d.hours > 1000 hours").seen_false);
    assert!(atom("d.hours <= 10 hours").seen_true && atom("d.hours <= 10 hours").seen_false);
    assert_eq!(run.coverage.outcomes_total, 2 * run.coverage.atoms.len());
}
