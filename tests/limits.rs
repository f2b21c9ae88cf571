//! The deepest rule text the limits allow compiles and evaluates on a 1 MiB stack (the size of
//! a WebAssembly stack), even in a debug build; anything deeper is refused with a diagnostic.

use probity::diag::Sources;

fn book(condition: &str) -> String {
    format!(
        "rulebook deep\ndocument d: D\nrecord D {{ a: bool, n: hours }}\n\
         rule r title \"t\" cite \"c\" explain \"e\" require {condition} message \"m\"\n\
         example e = {{ \"a\": true, \"n\": 3 }}\ntest \"t\" given e expect no findings\n"
    )
}

fn compile_and_test(text: String) -> Result<(usize, usize), Vec<String>> {
    let mut sources = Sources::default();
    sources.add("deep.rules", text);
    let compiled = probity::check::compile(sources);
    match compiled.program {
        Some(p) => {
            let run = probity::eval::run_tests(&p);
            Ok((run.passed, run.failed))
        }
        None => Err(compiled
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect()),
    }
}

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no stack overflow")
}

#[test]
fn deepest_allowed_expressions_fit_a_small_stack() {
    let nots = format!("{}d.a", "not not ".repeat(30)); // 60 nots: depth 61
    assert_eq!(
        on_small_stack(move || compile_and_test(book(&nots))),
        Ok((1, 0))
    );
    let parens = format!("{}d.n <= 5 hours{}", "(".repeat(30), ")".repeat(30));
    assert_eq!(
        on_small_stack(move || compile_and_test(book(&parens))),
        Ok((1, 0))
    );
    let sum = format!("d.n{} <= 500 hours", " + d.n".repeat(60));
    assert_eq!(
        on_small_stack(move || compile_and_test(book(&sum))),
        Ok((1, 0))
    );
}

#[test]
fn deeper_expressions_are_refused_not_overflowed() {
    for condition in [
        format!("{}d.a", "not ".repeat(5000)),
        format!("{}d.a{}", "(".repeat(40), ")".repeat(40)),
        format!("d.n{} <= 5 hours", " + d.n".repeat(5000)),
        format!("d.n{} <= 5 hours", " + d.n".repeat(80)),
    ] {
        let got = on_small_stack(move || compile_and_test(book(&condition)));
        assert_eq!(got, Err(vec!["E0003".to_string()]));
    }
}
