//! The fixed benchmark workload, shared by `benches/compare.rs`, `tests/equivalence.rs` and
//! `tests/batch.rs` (each includes this folder with `#[path]`).
//!
//! - [`gen`]: a seeded generator (its own small PRNG, no dependency) of community orders (lawful
//!   and unlawful, 1 to 10 requirements), routing cases and contract specifications, as JSON that
//!   fits the *shipped* schemas, so the same documents can be checked against `rules/` too.
//! - [`handwritten`]: the benchmark subset written as plain Rust functions (the practical floor).
//! - [`rego`]: the same subset as Rego (`policy_*.rego` beside this file), run by `regorus`.
//! - [`canon`]: every engine's answer as the same sorted list of strings, so they can be compared.
//!
//! The subset: `*.rules` beside this file hold each shipped rulebook's schema and a stated subset
//! of its declarations, copied verbatim (tests/equivalence.rs asserts the copies still match).
#![allow(dead_code)]

pub mod canon;
pub mod gen;
pub mod handwritten;
pub mod native;
pub mod rego;

use std::path::{Path, PathBuf};

/// The three workloads: which benchmark rulebook, which shipped rulebook, which Rego package.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Orders,
    Routing,
    Contracts,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Orders, Kind::Routing, Kind::Contracts];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Orders => "community_orders",
            Kind::Routing => "routing",
            Kind::Contracts => "contracts",
        }
    }

    /// The benchmark subset compiled to Rust (`native/<name>.rs`).
    pub fn native(self) -> probity::eval::native::Module {
        match self {
            Kind::Orders => native::community_orders::MODULE,
            Kind::Routing => native::routing::MODULE,
            Kind::Contracts => native::contracts::MODULE,
        }
    }

    /// The benchmark subset rulebook (benches/workload/<name>.rules).
    pub fn subset_path(self) -> PathBuf {
        dir().join(format!("{}.rules", self.name()))
    }

    /// The shipped rulebook it was copied from (rules/<name>.rules).
    pub fn shipped_path(self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("rules")
            .join(format!("{}.rules", self.name()))
    }

    /// Generate `n` documents with this seed.
    pub fn generate(self, seed: u64, n: usize) -> Vec<serde_json::Value> {
        let mut rng = gen::Rng::new(seed ^ (self as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        (0..n)
            .map(|i| match self {
                Kind::Orders => gen::order(&mut rng),
                Kind::Routing => gen::routing_case(&mut rng),
                Kind::Contracts => gen::contract(&mut rng, i),
            })
            .collect()
    }
}

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/workload")
}

/// Compile rule files into a program, panicking with the rendered diagnostics on failure.
pub fn compile_files(paths: &[PathBuf]) -> probity::ir::Program {
    let mut sources = probity::diag::Sources::default();
    for p in paths {
        let text = std::fs::read_to_string(p)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
        let label = p
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap_or(p)
            .to_string_lossy()
            .trim_start_matches('/')
            .to_owned();
        sources.add(label, text);
    }
    let shown = sources.clone();
    let compiled = probity::check::compile(sources);
    let errors: Vec<String> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| shown.render(d))
        .collect();
    match compiled.program {
        Some(p) => p,
        None => panic!("rule files do not compile:\n{}", errors.join("\n")),
    }
}

/// The default seed, so every run measures the same documents.
pub const SEED: u64 = 0x5052_4f42_4954_5921;

/// Documents of each kind in the workload (the bench and tests/equivalence.rs use the same).
pub const WORKLOAD: usize = 2000;

/// Everything the three engines need to check one kind of document, read once.
pub struct Prepared {
    pub kind: Kind,
    pub program: probity::ir::Program,
    pub itemised: std::collections::HashSet<String>,
    pub json: Vec<serde_json::Value>,
    pub typed: Vec<probity::ir::Value>,
    pub rego_input: Vec<regorus::Value>,
    pub hand: Hand,
}

/// The hand-written engine's typed input.
pub enum Hand {
    Orders(Vec<handwritten::Order>),
    Routing(Vec<handwritten::Case>),
    Contracts(Vec<handwritten::Contract>),
}

impl Hand {
    pub fn len(&self) -> usize {
        match self {
            Hand::Orders(v) => v.len(),
            Hand::Routing(v) => v.len(),
            Hand::Contracts(v) => v.len(),
        }
    }

    /// Check document `i`, appending to `out`.
    #[inline]
    pub fn check(&self, i: usize, out: &mut Vec<canon::Hit>) {
        match self {
            Hand::Orders(v) => handwritten::check_order(&v[i], out),
            Hand::Routing(v) => handwritten::check_case(&v[i], out),
            Hand::Contracts(v) => handwritten::check_contract(&v[i], out),
        }
    }
}

fn typed<T: serde::de::DeserializeOwned>(json: &[serde_json::Value]) -> Vec<T> {
    json.iter()
        .map(|j| serde_json::from_value(j.clone()).unwrap_or_else(|e| panic!("{e}: {j}")))
        .collect()
}

impl Prepared {
    pub fn new(kind: Kind, seed: u64, n: usize) -> Prepared {
        let program = compile_files(&[kind.subset_path()]);
        let json = kind.generate(seed, n);
        let typed_docs = json
            .iter()
            .map(|j| {
                probity::doc::read(&program, j)
                    .unwrap_or_else(|e| panic!("generated document does not read: {e:?}\n{j}"))
            })
            .collect();
        let hand = match kind {
            Kind::Orders => Hand::Orders(typed(&json)),
            Kind::Routing => Hand::Routing(typed(&json)),
            Kind::Contracts => Hand::Contracts(typed(&json)),
        };
        Prepared {
            kind,
            itemised: canon::itemised(&program),
            rego_input: json.iter().map(rego::input).collect(),
            program,
            json,
            typed: typed_docs,
            hand,
        }
    }
}
