//! `probity check --batch`: JSON Lines in, one JSON report a line out, in input order. Each line of
//! output must be exactly the report that checking that document alone gives; a line that does
//! not read gives its line number and errors, and the rest are still checked.

#[path = "../benches/workload/mod.rs"]
mod workload;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const RULES: &str = "rules/community_orders.rules";

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `probity check --batch RULES -` with `input` on stdin.
fn batch(input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_probity"))
        .args(["check", "--batch", RULES, "-"])
        .current_dir(crate_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run probity");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_owned();
    // Write from another thread: probity streams, so its output must be read at the same time.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("wait for probity");
    writer.join().expect("writer").expect("write stdin");
    out
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The report for one document, as `probity check --format json` would give it.
fn alone(program: &probity::ir::Program, doc: &serde_json::Value) -> serde_json::Value {
    let report = probity::eval::check_json(program, doc).expect("the document reads");
    serde_json::to_value(&report).expect("report as JSON")
}

#[test]
fn every_line_gets_its_own_report_in_input_order() {
    let program = workload::compile_files(&[crate_dir().join(RULES)]);
    // More than a few chunks, so the workers finish out of order.
    let docs = workload::Kind::Orders.generate(7, 1500);
    let input: String = docs.iter().map(|d| format!("{d}\n")).collect();
    let out = batch(&input);
    let got = lines(&out);
    assert_eq!(
        got.len(),
        docs.len(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (i, (doc, line)) in docs.iter().zip(&got).enumerate() {
        assert_eq!(line, &alone(&program, doc), "line {}", i + 1);
    }
    // The generated orders include unlawful ones.
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_bad_line_is_reported_by_number_and_the_rest_are_checked() {
    let lawful = std::fs::read_to_string(crate_dir().join("tests/examples/order_lawful.json"))
        .expect("example");
    let lawful: serde_json::Value = serde_json::from_str(&lawful).expect("JSON");
    let input = format!("{lawful}\n{{\"kind\": \"community_order\"}}\nnot json\n{lawful}");
    let out = batch(&input);
    let got = lines(&out);
    assert_eq!(got.len(), 4);
    assert_eq!(got[0]["verdict"], "clean");
    assert_eq!(got[1]["line"], 2);
    assert!(got[1]["errors"].as_array().is_some_and(|e| !e.is_empty()));
    assert_eq!(got[2]["line"], 3);
    assert_eq!(got[3]["verdict"], "clean");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn clean_documents_exit_zero_and_an_empty_input_gives_no_output() {
    let lawful = std::fs::read_to_string(crate_dir().join("tests/examples/order_lawful.json"))
        .expect("example");
    let lawful: serde_json::Value = serde_json::from_str(&lawful).expect("JSON");
    let input: String = (0..600).map(|_| format!("{lawful}\n")).collect();
    let out = batch(&input);
    assert_eq!(lines(&out).len(), 600);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = batch("");
    assert!(out.stdout.is_empty());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_file_argument_works_like_stdin() {
    let docs = workload::Kind::Orders.generate(11, 40);
    let dir = std::env::temp_dir().join(format!("probity-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("orders.jsonl");
    let input: String = docs.iter().map(|d| format!("{d}\n")).collect();
    std::fs::write(&file, &input).expect("write");
    let from_file = Command::new(env!("CARGO_BIN_EXE_probity"))
        .args(["check", "--batch", RULES])
        .arg(&file)
        .current_dir(crate_dir())
        .output()
        .expect("run probity");
    let from_stdin = batch(&input);
    assert_eq!(lines(&from_file), lines(&from_stdin));
    assert_eq!(lines(&from_file).len(), 40);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Wait for `child` to exit, for at most `limit`; kill it and fail if it does not.
fn wait_or_kill(
    child: &mut std::process::Child,
    limit: std::time::Duration,
) -> std::process::ExitStatus {
    let start = std::time::Instant::now();
    loop {
        match child.try_wait().expect("poll probity") {
            Some(status) => return status,
            None if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("probity did not exit within {limit:?} after its reader closed the pipe");
            }
            None => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
}

/// `probity check --batch ... | head -1`: once the reader has gone, the run ends (it used to stay
/// blocked sending to a full work queue for ever) and quietly: no error, exit 0.
#[test]
fn a_reader_that_closes_early_ends_the_run_quietly() {
    use std::io::BufRead as _;
    let lawful = std::fs::read_to_string(crate_dir().join("tests/examples/order_lawful.json"))
        .expect("example");
    let lawful: serde_json::Value = serde_json::from_str(&lawful).expect("JSON");
    // Far more than the work and done queues and the pipes' buffers hold.
    let input: String = (0..40_000).map(|_| format!("{lawful}\n")).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_probity"))
        .args(["check", "--batch", RULES, "-"])
        .current_dir(crate_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run probity");
    let mut stdin = child.stdin.take().expect("stdin");
    // The feeder fails with a broken pipe of its own once probity has gone: that is expected.
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("the first report");
    assert!(first.contains("\"verdict\""), "{first}");
    drop(stdout);
    let status = wait_or_kill(&mut child, std::time::Duration::from_secs(120));
    feeder.join().expect("feeder");
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("stderr");
    assert!(
        stderr.is_empty(),
        "a closed output is not an error: {stderr}"
    );
    assert_eq!(status.code(), Some(0));
}
