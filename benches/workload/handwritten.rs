//! The benchmark subset written by hand as plain Rust: typed structs read by serde, one function
//! per rulebook. This is the practical floor a team could write without a rules engine. Each
//! function appends `Hit`s (rule id and list indices, see canon.rs) to a caller's buffer, so a
//! check allocates nothing; it builds no messages, paths or traces (probity does).

use super::canon::Hit;
use chrono::NaiveDate;
use serde::Deserialize;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

// ---------------------------------------------------------------- community orders

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    CommunityOrder,
    SuspendedSentenceOrder,
}

#[derive(Deserialize, Debug)]
pub struct Offender {
    pub age: i64,
}

#[derive(Deserialize, Debug)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Requirement {
    UnpaidWork {
        punitive: bool,
        hours: i64,
    },
    Curfew {
        punitive: bool,
        hours_per_day: i64,
        hours_per_week: Option<i64>,
        period: i64,
        em: bool,
        em_exception: Option<String>,
    },
    AlcoholTreatment {
        punitive: bool,
        willing: bool,
    },
    AlcoholAbstinenceMonitoring {
        punitive: bool,
        days: i64,
    },
    #[serde(untagged)]
    Other {
        punitive: bool,
    },
}

impl Requirement {
    fn punitive(&self) -> bool {
        match self {
            Requirement::UnpaidWork { punitive, .. }
            | Requirement::Curfew { punitive, .. }
            | Requirement::AlcoholTreatment { punitive, .. }
            | Requirement::AlcoholAbstinenceMonitoring { punitive, .. }
            | Requirement::Other { punitive } => *punitive,
        }
    }
}

#[derive(Deserialize, Debug)]
pub struct Order {
    pub kind: OrderKind,
    pub offence_date: NaiveDate,
    pub conviction_date: NaiveDate,
    pub sentence_date: NaiveDate,
    pub offender: Offender,
    pub offence_imprisonable: bool,
    pub fine: Option<serde_json::Value>,
    pub exceptional_circumstances_no_punitive: bool,
    pub length: i64,
    pub requirements: Vec<Requirement>,
}

pub fn check_order(o: &Order, out: &mut Vec<Hit>) {
    let co = o.kind == OrderKind::CommunityOrder;
    let min_age = if o.offence_date <= day(2009, 11, 29) {
        16
    } else {
        18
    };
    if co && o.offender.age < min_age {
        out.push(Hit::doc("adult-offender"));
    }
    if o.sentence_date >= day(2008, 7, 14) && co && !o.offence_imprisonable {
        out.push(Hit::doc("imprisonable-offence"));
    }
    if co && o.requirements.is_empty() {
        out.push(Hit::doc("at-least-one-requirement"));
    }
    if co && o.length > 36 {
        out.push(Hit::doc("community-order-length"));
    }
    if !co && !(6..=24).contains(&o.length) {
        out.push(Hit::doc("sso-operational-period"));
    }
    if o.offence_date >= day(2013, 12, 11)
        && co
        && !o.exceptional_circumstances_no_punitive
        && !o.requirements.iter().any(Requirement::punitive)
        && o.fine.is_none()
    {
        out.push(Hit::doc("punitive-element"));
    }
    // The curfew limits by conviction date: none in the subset before 3 December 2012 (the older
    // limits are their own rules, by offence date), 16 h / 12 months to 27 June 2022, then 20 h /
    // 2 years.
    let era = if o.conviction_date <= day(2012, 12, 2) {
        0
    } else if o.conviction_date <= day(2022, 6, 27) {
        1
    } else {
        2
    };
    let daily_max = [i64::MAX, 16, 20][era];
    let period_max = [i64::MAX, 12, 24][era];
    // The limits before LASPO 2012: certain for orders made before 3 December 2012; two readings
    // for later orders for offences before that day (convictions before 1 December 2020).
    let before_laspo = o.sentence_date <= day(2012, 12, 2);
    let two_readings = o.offence_date <= day(2012, 12, 2)
        && o.sentence_date >= day(2012, 12, 3)
        && o.conviction_date < day(2020, 12, 1);
    let (mut upw_count, mut upw_total) = (0, 0i64);
    let mut aamr = Vec::new();
    let mut treatment = Vec::new();
    for (i, r) in o.requirements.iter().enumerate() {
        match r {
            Requirement::UnpaidWork { hours, .. } => {
                if !(40..=300).contains(hours) {
                    out.push(Hit::item("unpaid-work-hours", i));
                }
                upw_count += 1;
                upw_total += hours;
            }
            Requirement::Curfew {
                hours_per_day,
                hours_per_week,
                period,
                em,
                em_exception,
                ..
            } => {
                if *hours_per_day < 2 {
                    out.push(Hit::item("curfew-daily-minimum", i));
                }
                if before_laspo && *hours_per_day > 12 {
                    out.push(Hit::item("curfew-daily-maximum-before-laspo", i));
                }
                if two_readings && *hours_per_day > 12 {
                    out.push(Hit::item(
                        "curfew-daily-maximum-before-laspo-two-readings",
                        i,
                    ));
                }
                if *hours_per_day > daily_max {
                    out.push(Hit::item("curfew-daily-maximum", i));
                }
                if era == 2 && hours_per_week.unwrap_or(hours_per_day * 7) > 112 {
                    out.push(Hit::item("curfew-weekly-maximum", i));
                }
                if before_laspo && *period > 6 {
                    out.push(Hit::item("curfew-period-before-laspo", i));
                }
                if two_readings && *period > 6 {
                    out.push(Hit::item("curfew-period-before-laspo-two-readings", i));
                }
                if *period > period_max {
                    out.push(Hit::item("curfew-period", i));
                }
                if !em && em_exception.is_none() {
                    out.push(Hit::item("curfew-electronic-monitoring", i));
                }
            }
            Requirement::AlcoholAbstinenceMonitoring { days, .. } => {
                if *days > 120 {
                    out.push(Hit::item("aamr-maximum-days", i));
                }
                aamr.push(i);
            }
            Requirement::AlcoholTreatment { willing, .. } => {
                if !willing {
                    out.push(Hit::item("alcohol-treatment-willing", i));
                }
                treatment.push(i);
            }
            Requirement::Other { .. } => {}
        }
    }
    if upw_count >= 2 && upw_total > 300 {
        out.push(Hit::doc("unpaid-work-total"));
    }
    for &a in &aamr {
        for &b in &treatment {
            out.push(Hit::pair("aamr-with-alcohol-treatment", a, b));
        }
    }
}

// ---------------------------------------------------------------- routing

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    CourtAdvice,
    Allocation,
    SentenceManagement,
    BreachEnforcement,
    ParoleReport,
    RecallDecision,
    VictimContact,
    ApprovedPremises,
    UnpaidWorkDelivery,
    ProgrammeDelivery,
    RehabilitativeServices,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Rosh {
    Low,
    Medium,
    High,
    VeryHigh,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Manager {
    NationalProbationService,
    CommunityRehabilitationCompany,
    ProbationService,
    DynamicFrameworkProvider,
    ProbationTrust,
    CompetedProvider,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sector {
    #[serde(rename = "public_sector")]
    Public,
    #[serde(rename = "private_sector")]
    Private,
    #[serde(rename = "voluntary_sector")]
    Voluntary,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    LawInForce,
    #[serde(rename = "punishment_and_reform_2012")]
    PunishmentAndReform2012,
}

#[derive(Deserialize, Debug)]
pub struct Case {
    pub allocation_date: NaiveDate,
    pub nation: String,
    pub work: Work,
    pub rosh: Rosh,
    pub mappa_eligible: bool,
    pub deportation: bool,
    pub current_manager: Option<Manager>,
    pub rosh_increase_suspected: bool,
    pub referred_for_risk_review: bool,
    pub enforcement_officer: Option<Sector>,
    pub proposed_body: Option<Sector>,
    pub specialised_programme: Option<bool>,
    pub regime: Option<Regime>,
}

/// Hit policy unique: one matching row decides; none or several is a finding.
fn decide(table: &'static str, rows: &[(bool, &'static str)], out: &mut Vec<Hit>) {
    let mut matched = rows.iter().filter(|(m, _)| *m);
    match (matched.next(), matched.next()) {
        (Some((_, o)), None) => out.push(Hit::route(table, o)),
        (None, _) => {
            out.push(Hit::route(table, "none"));
            out.push(Hit::doc(if table == "case-manager" {
                "case-manager/no-route"
            } else {
                "case-manager-2012-proposal/no-route"
            }));
        }
        (Some(_), Some(_)) => {
            out.push(Hit::route(table, "none"));
            out.push(Hit::doc(if table == "case-manager" {
                "case-manager/overlap"
            } else {
                "case-manager-2012-proposal/overlap"
            }));
        }
    }
}

pub fn check_case(c: &Case, out: &mut Vec<Hit>) {
    use Work::*;
    let d = c.allocation_date;
    let high = matches!(c.rosh, Rosh::High | Rosh::VeryHigh);
    let lower = !high;
    let p2012 = c.regime == Some(Regime::PunishmentAndReform2012);
    let w = c.work;
    let public_protection = matches!(
        w,
        ParoleReport | RecallDecision | VictimContact | ApprovedPremises
    );
    if (day(2014, 6, 1)..=day(2021, 6, 25)).contains(&d) && !p2012 {
        let sm = w == SentenceManagement;
        let nps_held = c.current_manager == Some(Manager::NationalProbationService);
        let low = sm && lower && !c.mappa_eligible && !c.deportation && !nps_held;
        let specialised = w == ProgrammeDelivery && c.specialised_programme.unwrap_or(false);
        let wales = c.nation == "wales";
        let nps = "national_probation_service";
        let crc = "community_rehabilitation_company";
        let rows = [
            (w == CourtAdvice, nps),
            (w == Allocation, nps),
            (w == BreachEnforcement, nps),
            (public_protection, nps),
            (
                matches!(
                    w,
                    UnpaidWorkDelivery | ProgrammeDelivery | RehabilitativeServices
                ) && !specialised,
                crc,
            ),
            (specialised, nps),
            (
                sm && (high || c.mappa_eligible || c.deportation || nps_held),
                nps,
            ),
            (low && wales && d >= day(2019, 12, 2), nps),
            (low && (!wales || d < day(2019, 12, 2)), crc),
        ];
        decide("case-manager", &rows, out);
    }
    if d >= day(2021, 6, 26) && !p2012 {
        let ps = "probation_service";
        let rows = [
            (w == CourtAdvice, ps),
            (w == Allocation, ps),
            (w == SentenceManagement, ps),
            (w == BreachEnforcement, ps),
            (public_protection, ps),
            (matches!(w, UnpaidWorkDelivery | ProgrammeDelivery), ps),
            (w == RehabilitativeServices, "dynamic_framework_provider"),
        ];
        decide("case-manager", &rows, out);
    }
    if p2012 {
        let (trust, competed) = ("probation_trust", "competed_provider");
        let sm = w == SentenceManagement;
        let rows = [
            (w == CourtAdvice, trust),
            (w == Allocation, trust),
            (matches!(w, BreachEnforcement | RecallDecision), trust),
            (w == ParoleReport, trust),
            (sm && (high || c.mappa_eligible), trust),
            (sm && lower && !c.mappa_eligible, competed),
            (
                matches!(
                    w,
                    VictimContact
                        | ApprovedPremises
                        | UnpaidWorkDelivery
                        | ProgrammeDelivery
                        | RehabilitativeServices
                ),
                competed,
            ),
        ];
        decide("case-manager-2012-proposal", &rows, out);
    }
    let crc_held = c.current_manager == Some(Manager::CommunityRehabilitationCompany);
    if (day(2014, 10, 24)..=day(2021, 6, 25)).contains(&d)
        && crc_held
        && (c.rosh_increase_suspected || high)
        && !c.referred_for_risk_review
    {
        out.push(Hit::doc("risk-escalation-referral"));
    }
    if d >= day(2014, 6, 1)
        && w == BreachEnforcement
        && (c.enforcement_officer.unwrap_or(Sector::Public) != Sector::Public
            || c.proposed_body.unwrap_or(Sector::Public) != Sector::Public)
    {
        out.push(Hit::doc("enforcement-officer-public"));
    }
    if d >= day(2021, 6, 26) && crc_held {
        out.push(Hit::doc("no-crc-after-unification"));
    }
    if d < day(2014, 6, 1) {
        out.push(Hit::doc("before-transforming-rehabilitation"));
    }
}

// ---------------------------------------------------------------- contracts

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    CourtAdvice,
    BreachEnforcement,
    OffenderManagement,
    UnpaidWork,
    AccreditedProgrammes,
    Accommodation,
    EducationTrainingEmployment,
    DependencyAndRecovery,
    WomensServices,
    ElectronicMonitoring,
    CourtApplications,
    Allocation,
    ParoleReports,
    Recall,
    VictimContact,
    ApprovedPremises,
}

#[derive(Deserialize, Debug)]
pub struct Payment {
    pub upfront_percent: f64,
    pub results_percent: f64,
    pub results_measure: Option<String>,
}

#[derive(Deserialize, Debug)]
pub struct Contract {
    pub provider_sector: String,
    pub services: Vec<Service>,
    pub cohort: String,
    pub agreed_date: NaiveDate,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub female_offender_statement: bool,
    pub provider_financial_penalties: bool,
    pub payment: Payment,
}

pub fn check_contract(c: &Contract, out: &mut Vec<Hit>) {
    use Service::*;
    let public = c.provider_sector == "public";
    let tr = (day(2014, 6, 1)..=day(2021, 6, 25)).contains(&c.start_date);
    let unified = c.start_date >= day(2021, 6, 26);
    let high_cohort = c.cohort == "high_rosh" || c.cohort == "all_rosh_levels";
    let mut supervises = false;
    for (i, s) in c.services.iter().enumerate() {
        supervises |= matches!(
            s,
            OffenderManagement
                | UnpaidWork
                | AccreditedProgrammes
                | Accommodation
                | EducationTrainingEmployment
                | DependencyAndRecovery
                | WomensServices
                | ApprovedPremises
        );
        if public {
            continue;
        }
        match s {
            CourtAdvice => out.push(Hit::item("court-advice-public-only", i)),
            BreachEnforcement if c.end_date >= day(2014, 6, 1) => {
                out.push(Hit::item("breach-enforcement-public-only", i))
            }
            OffenderManagement if (tr && high_cohort) || unified => {
                out.push(Hit::item("high-risk-management-public", i))
            }
            Allocation | ParoleReports | Recall | VictimContact => {
                out.push(Hit::item("public-interest-functions-public", i))
            }
            _ => {}
        }
    }
    if c.agreed_date >= day(2014, 6, 1) && supervises && !c.female_offender_statement {
        out.push(Hit::doc("female-offender-statement"));
    }
    if c.provider_financial_penalties {
        out.push(Hit::doc("no-provider-financial-penalties"));
    }
    let p = &c.payment;
    if p.results_percent > 0.0 && p.upfront_percent <= 0.0 {
        out.push(Hit::doc("pbr-upfront-element"));
    }
    if p.results_percent > 0.0 && p.results_measure.as_deref() == Some("binary_reoffending") {
        out.push(Hit::doc("pbr-binary-outcome"));
    }
}
