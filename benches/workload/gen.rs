//! Seeded generator of documents. Its own PRNG (SplitMix64), so the workload is the same on every
//! machine and needs no dependency. Most values are lawful; each field has a small chance of
//! crossing the law's limit, and dates run from 2004 to 2026 so every period in force is used.

use serde_json::{json, Map, Value};

/// SplitMix64: small, fast, and good enough for a workload.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1) as u64;
        lo + (self.next() % span) as i64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }

    /// A value usually in `lawful` and sometimes (`bad_percent`) in `wide`.
    pub fn mostly(&mut self, lawful: (i64, i64), wide: (i64, i64), bad_percent: u64) -> i64 {
        if self.chance(bad_percent) {
            self.range(wide.0, wide.1)
        } else {
            self.range(lawful.0, lawful.1)
        }
    }
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn date(days: i64) -> Value {
    let (y, m, d) = civil(days);
    Value::String(format!("{y:04}-{m:02}-{d:02}"))
}

/// 2004-01-01 and 2026-06-30 as days since 1970.
const FIRST_DAY: i64 = 12_418;
const LAST_DAY: i64 = 20_634;

const REQUIREMENT_KINDS: [&str; 7] = [
    "unpaid_work",
    "curfew",
    "rehabilitation_activity",
    "alcohol_treatment",
    "alcohol_abstinence_monitoring",
    "exclusion",
    "programme",
];

fn requirement(rng: &mut Rng) -> Value {
    let kind = *rng.pick(&REQUIREMENT_KINDS);
    let mut r = Map::new();
    r.insert("kind".into(), json!(kind));
    r.insert("punitive".into(), json!(rng.chance(55)));
    match kind {
        "unpaid_work" => {
            r.insert("hours".into(), json!(rng.mostly((40, 300), (10, 360), 8)));
        }
        "curfew" => {
            r.insert(
                "hours_per_day".into(),
                json!(rng.mostly((2, 12), (0, 23), 25)),
            );
            if rng.chance(30) {
                r.insert(
                    "hours_per_week".into(),
                    json!(rng.mostly((20, 112), (20, 150), 20)),
                );
            }
            r.insert("period".into(), json!(rng.mostly((1, 6), (1, 30), 20)));
            let em = rng.chance(85);
            r.insert("em".into(), json!(em));
            if !em && rng.chance(50) {
                let why = *rng.pick(&[
                    "consent_withheld",
                    "arrangements_unavailable",
                    "court_considers_inappropriate",
                ]);
                r.insert("em_exception".into(), json!(why));
            }
        }
        "rehabilitation_activity" => {
            r.insert("max_days".into(), json!(rng.range(5, 60)));
        }
        "alcohol_treatment" => {
            r.insert("willing".into(), json!(rng.chance(90)));
        }
        "alcohol_abstinence_monitoring" => {
            r.insert("days".into(), json!(rng.mostly((14, 120), (14, 180), 15)));
        }
        "exclusion" => {
            r.insert("period".into(), json!(rng.range(1, 24)));
            r.insert("em".into(), json!(rng.chance(80)));
        }
        _ => {
            r.insert("days".into(), json!(rng.range(10, 60)));
        }
    }
    Value::Object(r)
}

/// A community order or suspended sentence order, fitting rules/community_orders.rules.
pub fn order(rng: &mut Rng) -> Value {
    let co = rng.chance(80);
    let offence = rng.range(FIRST_DAY, LAST_DAY);
    let conviction = offence + rng.range(0, 400);
    let sentence = conviction + rng.range(0, 90);
    // 1 to 10 requirements; about 2% of orders have none (at-least-one-requirement).
    let n = if rng.chance(2) { 0 } else { rng.range(1, 10) };
    let requirements: Vec<Value> = (0..n).map(|_| requirement(rng)).collect();
    let length = if co {
        rng.mostly((6, 36), (6, 48), 6)
    } else {
        rng.mostly((6, 24), (1, 30), 10)
    };
    let mut o = Map::new();
    o.insert(
        "kind".into(),
        json!(if co {
            "community_order"
        } else {
            "suspended_sentence_order"
        }),
    );
    o.insert("offence_date".into(), date(offence));
    o.insert("conviction_date".into(), date(conviction));
    o.insert("sentence_date".into(), date(sentence));
    o.insert(
        "offender".into(),
        json!({
            "age": rng.mostly((18, 70), (14, 19), 6),
            "alcohol_dependent": rng.chance(20),
            "alcohol_linked_to_offence": rng.chance(40),
        }),
    );
    o.insert("offence_imprisonable".into(), json!(rng.chance(96)));
    if rng.chance(25) {
        o.insert("fine".into(), json!(format!("{}.00", rng.range(50, 2500))));
    }
    o.insert(
        "exceptional_circumstances_no_punitive".into(),
        json!(rng.chance(4)),
    );
    o.insert("length".into(), json!(length));
    o.insert("requirements".into(), Value::Array(requirements));
    o.insert("also_imposed".into(), json!([]));
    Value::Object(o)
}

const WORK: [&str; 11] = [
    "court_advice",
    "allocation",
    "sentence_management",
    "breach_enforcement",
    "parole_report",
    "recall_decision",
    "victim_contact",
    "approved_premises",
    "unpaid_work_delivery",
    "programme_delivery",
    "rehabilitative_services",
];

const MANAGER: [&str; 6] = [
    "national_probation_service",
    "community_rehabilitation_company",
    "probation_service",
    "dynamic_framework_provider",
    "probation_trust",
    "competed_provider",
];

/// A case to route, fitting rules/routing.rules (allocation dates 2012 to 2026).
pub fn routing_case(rng: &mut Rng) -> Value {
    let mut c = Map::new();
    c.insert("allocation_date".into(), date(rng.range(15_340, LAST_DAY)));
    c.insert(
        "nation".into(),
        json!(if rng.chance(15) { "wales" } else { "england" }),
    );
    // Half the cases are sentence management, where the risk decides.
    let work = if rng.chance(50) {
        "sentence_management"
    } else {
        *rng.pick(&WORK)
    };
    c.insert("work".into(), json!(work));
    c.insert(
        "rosh".into(),
        json!(*rng.pick(&["low", "medium", "medium", "high", "very_high"])),
    );
    c.insert("mappa_eligible".into(), json!(rng.chance(15)));
    c.insert("deportation".into(), json!(rng.chance(5)));
    if rng.chance(50) {
        c.insert("current_manager".into(), json!(*rng.pick(&MANAGER)));
    }
    c.insert("rosh_increase_suspected".into(), json!(rng.chance(15)));
    c.insert("referred_for_risk_review".into(), json!(rng.chance(60)));
    if rng.chance(40) {
        let sector = *rng.pick(&[
            "public_sector",
            "public_sector",
            "private_sector",
            "voluntary_sector",
        ]);
        c.insert("enforcement_officer".into(), json!(sector));
    }
    if rng.chance(25) {
        let regime = *rng.pick(&["law_in_force", "punishment_and_reform_2012"]);
        c.insert("regime".into(), json!(regime));
    }
    Value::Object(c)
}

const SERVICES: [&str; 16] = [
    "court_advice",
    "breach_enforcement",
    "offender_management",
    "unpaid_work",
    "accredited_programmes",
    "accommodation",
    "education_training_employment",
    "dependency_and_recovery",
    "womens_services",
    "electronic_monitoring",
    "court_applications",
    "allocation",
    "parole_reports",
    "recall",
    "victim_contact",
    "approved_premises",
];

/// A contract specification, fitting rules/contracts.rules.
pub fn contract(rng: &mut Rng, i: usize) -> Value {
    let public = rng.chance(45);
    let sector = if public {
        "public"
    } else {
        *rng.pick(&["private", "voluntary"])
    };
    let n = rng.range(1, 5) as usize;
    let mut services: Vec<&str> = Vec::with_capacity(n);
    while services.len() < n {
        let s = *rng.pick(&SERVICES);
        if !services.contains(&s) {
            services.push(s);
        }
    }
    let agreed = rng.range(14_610, LAST_DAY);
    let start = agreed + rng.range(0, 200);
    let end = start + rng.range(365, 7 * 365);
    let results = if rng.chance(50) { 0 } else { rng.range(5, 40) };
    let upfront = if rng.chance(30) { 0 } else { rng.range(5, 30) };
    let mut payment = Map::new();
    payment.insert(
        "fee_for_service_percent".into(),
        json!(100 - results - upfront),
    );
    payment.insert("upfront_percent".into(), json!(upfront));
    payment.insert("results_percent".into(), json!(results));
    if rng.chance(60) {
        let m = *rng.pick(&[
            "binary_reoffending",
            "frequency_of_reoffending",
            "graduated",
        ]);
        payment.insert("results_measure".into(), json!(m));
    }
    let mut c = Map::new();
    c.insert("name".into(), json!(format!("Contract {i}")));
    c.insert(
        "area".into(),
        json!(*rng.pick(&["London", "Wales", "North East", "Kent"])),
    );
    c.insert("provider_sector".into(), json!(sector));
    c.insert("services".into(), json!(services));
    c.insert(
        "cohort".into(),
        json!(*rng.pick(&["low_and_medium_rosh", "high_rosh", "all_rosh_levels"])),
    );
    c.insert("agreed_date".into(), date(agreed));
    c.insert("start_date".into(), date(start));
    c.insert("end_date".into(), date(end));
    c.insert("female_offender_statement".into(), json!(rng.chance(85)));
    c.insert("provider_financial_penalties".into(), json!(rng.chance(5)));
    c.insert("public_protection_safeguards".into(), json!(rng.chance(90)));
    c.insert("payment".into(), Value::Object(payment));
    c.insert("information_sharing".into(), json!(rng.chance(90)));
    c.insert("contingency_plan".into(), json!(rng.chance(90)));
    c.insert("staff_transfer".into(), json!(rng.chance(30)));
    c.insert("tupe_and_fair_deal".into(), json!(rng.chance(80)));
    Value::Object(c)
}
