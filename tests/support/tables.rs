//! Generated routes tables for the lint benchmark (benches/lint_scale.rs) and the scale tests:
//! banded tables (each input cut into six shared bands, each row takes a run of bands or leaves
//! the input open: the shape of real decision tables) and independent random boxes. Inputs cycle
//! int, decimal, date and enum. A fixed seed gives the same table every time.
#![allow(dead_code)]

/// A small deterministic generator (a linear congruential step, top bits kept).
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Banded,
    Random,
}

#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub shape: Shape,
    pub rows: usize,
    pub inputs: usize,
    /// `unique`, `any`, `first` or `priority`.
    pub policy: &'static str,
    /// A last row `when true` (under `first` it closes every gap).
    pub catch_all: bool,
    pub seed: u64,
}

const BANDS: u64 = 6;
const ENUM_VALUES: [&str; 6] = ["v0", "v1", "v2", "v3", "v4", "v5"];
const OUTPUTS: [&str; 3] = ["x", "y", "z"];

fn input_type(i: usize) -> &'static str {
    ["int", "decimal", "date", "E"][i % 4]
}

/// The value at the start of band `b` (1..BANDS) of input `i`: the cut between bands b-1 and b.
fn cut(i: usize, b: u64) -> String {
    match i % 4 {
        0 => format!("{}", b * 10),
        1 => format!("{}.5", b * 10),
        _ => {
            let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
                + chrono::Duration::days((b * 30) as i64);
            day.format("%Y-%m-%d").to_string()
        }
    }
}

/// Bands `lo..=hi` of input `i` as a condition (`None`: every band, the input is open).
fn band_run(i: usize, lo: u64, hi: u64) -> Option<String> {
    let name = format!("case.i{i}");
    if lo == 0 && hi == BANDS - 1 {
        return None;
    }
    if i % 4 == 3 {
        let vals: Vec<&str> = (lo..=hi).map(|b| ENUM_VALUES[b as usize]).collect();
        return Some(format!("{name} in {{ {} }}", vals.join(", ")));
    }
    let mut parts = Vec::new();
    if lo > 0 {
        parts.push(format!("{name} >= {}", cut(i, lo)));
    }
    if hi < BANDS - 1 {
        parts.push(format!("{name} < {}", cut(i, hi + 1)));
    }
    Some(parts.join(" and "))
}

/// An independent random interval of input `i` (values 0..100, or days from 2020-01-01).
fn random_box(i: usize, rng: &mut Lcg) -> Option<String> {
    let name = format!("case.i{i}");
    if i % 4 == 3 {
        let mut vals: Vec<&str> = ENUM_VALUES
            .iter()
            .copied()
            .filter(|_| rng.below(2) == 0)
            .collect();
        if vals.is_empty() {
            vals.push(ENUM_VALUES[rng.below(6) as usize]);
        }
        return Some(format!("{name} in {{ {} }}", vals.join(", ")));
    }
    let a = rng.below(100);
    let b = a + 1 + rng.below(60);
    let show = |v: u64| match i % 4 {
        0 => format!("{v}"),
        1 => format!("{v}.5"),
        _ => {
            let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
                + chrono::Duration::days(v as i64);
            day.format("%Y-%m-%d").to_string()
        }
    };
    Some(format!("{name} >= {} and {name} < {}", show(a), show(b)))
}

/// The rulebook text of a generated table.
pub fn rulebook(spec: &Spec) -> String {
    let mut rng = Lcg::new(spec.seed);
    let mut text = String::from(
        "rulebook gen\n  version \"0.1.0\"\n  title \"Generated table\"\n\n\
         enum E { v0, v1, v2, v3, v4, v5 }\nenum Out { x, y, z }\n\nrecord Case {\n",
    );
    for i in 0..spec.inputs {
        text.push_str(&format!("  i{i}: {}\n", input_type(i)));
    }
    text.push_str("}\n\ndocument case: Case\n\nroutes t\n  title \"t\"\n  cite \"generated\"\n");
    text.push_str("  explain \"A generated table.\"\n  decides Out\n");
    text.push_str(&format!("  hit policy {}\n", spec.policy));
    let body_rows = if spec.catch_all {
        spec.rows.saturating_sub(1)
    } else {
        spec.rows
    };
    for _ in 0..body_rows {
        let mut conds = Vec::new();
        for i in 0..spec.inputs {
            let c = match spec.shape {
                Shape::Banded => {
                    // An input is left open one time in four; otherwise one or two bands.
                    if rng.below(4) == 0 {
                        None
                    } else {
                        let lo = rng.below(BANDS);
                        let hi = (lo + rng.below(2)).min(BANDS - 1);
                        band_run(i, lo, hi)
                    }
                }
                Shape::Random => random_box(i, &mut rng),
            };
            conds.extend(c);
        }
        let cond = if conds.is_empty() {
            "true".to_string()
        } else {
            conds.join(" and ")
        };
        let out = OUTPUTS[rng.below(3) as usize];
        text.push_str(&format!("  when {cond} => {out}\n"));
    }
    if spec.catch_all {
        text.push_str("  when true => z\n");
    }
    text
}
