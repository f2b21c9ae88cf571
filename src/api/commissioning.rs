//! Several contract specs checked together as one commissioning plan (the commissioning plan
//! rulebook's document): one planned contract for each service of each complete spec, and every
//! area, service and risk cohort some spec pays for as a need the plan must cover.

use super::{CheckOutcome, Session};
use serde::Serialize;
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;

/// The cohorts a need can be for; a spec for "all risk levels" needs both covered.
const COHORTS: [&str; 2] = ["low_and_medium_rosh", "high_rosh"];
const ALL_LEVELS: &str = "all_rosh_levels";

/// A spec left out of the plan, and why in words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Skipped {
    /// The spec's place in the list given (0-based).
    pub spec: usize,
    pub why: String,
}

/// The plan built from the specs, and its check.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommissioningPlan {
    /// The plan document (the commissioning plan rulebook's `Plan`).
    pub plan: Json,
    /// For each planned contract, the spec it came from (0-based).
    pub from: Vec<usize>,
    pub skipped: Vec<Skipped>,
    /// The plan checked against the plan rulebook; `None` when no spec was complete enough to
    /// plan.
    pub outcome: Option<CheckOutcome>,
}

impl Session {
    /// Build the commissioning plan from contract specs (as the contracts rulebook's documents
    /// are written) and check it against this session, the commissioning plan rulebook. Only
    /// services this rulebook's `Service` enum knows are planned. The plan runs from the
    /// earliest start to the latest end.
    pub fn commissioning_plan(&self, specs: &[Json]) -> CommissioningPlan {
        let services: Vec<String> = self
            .program()
            .schema
            .enums
            .iter()
            .find(|e| e.name == "Service")
            .map_or(Vec::new(), |e| e.values.clone());
        let (plan, from, skipped) = plan_from_specs(specs, &services);
        let outcome = plan
            .get("contracts")
            .and_then(Json::as_array)
            .is_some_and(|c| !c.is_empty())
            .then(|| self.check_json(&plan));
        CommissioningPlan {
            plan,
            from,
            skipped,
            outcome,
        }
    }
}

/// A spec's fields the plan needs, when it has them all.
struct SpecLine<'a> {
    name: &'a str,
    area: &'a str,
    cohort: &'a str,
    start: &'a str,
    end: &'a str,
    services: Vec<&'a str>,
}

fn read_spec(s: &Json) -> Option<SpecLine<'_>> {
    let text = |k: &str| s.get(k).and_then(Json::as_str);
    let area = text("area")?.trim();
    let cohort = text("cohort")?;
    if area.is_empty() || !(COHORTS.contains(&cohort) || cohort == ALL_LEVELS) {
        return None;
    }
    Some(SpecLine {
        name: text("name")
            .filter(|n| !n.is_empty())
            .unwrap_or("Unnamed spec"),
        area,
        cohort,
        start: text("start_date")?,
        end: text("end_date")?,
        services: s
            .get("services")?
            .as_array()?
            .iter()
            .filter_map(Json::as_str)
            .collect(),
    })
}

fn plan_from_specs(specs: &[Json], services: &[String]) -> (Json, Vec<usize>, Vec<Skipped>) {
    let mut contracts = Vec::new();
    let mut from = Vec::new();
    let mut skipped = Vec::new();
    let mut needs: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for (i, s) in specs.iter().enumerate() {
        let Some(spec) = read_spec(s) else {
            skipped.push(Skipped {
                spec: i,
                why: "it has no area, cohort, services or dates yet".into(),
            });
            continue;
        };
        let mine: Vec<&str> = spec
            .services
            .iter()
            .copied()
            .filter(|x| services.iter().any(|k| k == x))
            .collect();
        if mine.is_empty() {
            skipped.push(Skipped {
                spec: i,
                why: "none of its services is one the plan rules compare".into(),
            });
        }
        for service in mine {
            contracts.push(json!({
                "number": contracts.len() + 1,
                "name": format!("{} (spec {})", spec.name, i + 1),
                "area": spec.area,
                "service": service,
                "cohort": spec.cohort,
                "start_date": spec.start,
                "end_date": spec.end,
            }));
            from.push(i);
            let cohorts: &[&str] = if spec.cohort == ALL_LEVELS {
                &COHORTS
            } else {
                std::slice::from_ref(&spec.cohort)
            };
            for c in cohorts {
                let key = (spec.area.to_string(), service.to_string(), c.to_string());
                let next = needs.len();
                needs.entry(key).or_insert(next);
            }
        }
    }
    let dates = |k: &str| -> Vec<String> {
        let mut v: Vec<String> = contracts
            .iter()
            .filter_map(|c| c.get(k).and_then(Json::as_str).map(str::to_string))
            .collect();
        v.sort();
        v
    };
    let (starts, ends) = (dates("start_date"), dates("end_date"));
    // Needs in the order they were first met, as a commissioner reads the specs.
    let mut ordered: Vec<(&(String, String, String), &usize)> = needs.iter().collect();
    ordered.sort_by_key(|(_, n)| **n);
    let needs: Vec<Json> = ordered
        .into_iter()
        .map(|((area, service, cohort), _)| {
            let mut m = Map::new();
            m.insert("area".into(), Json::from(area.as_str()));
            m.insert("service".into(), Json::from(service.as_str()));
            m.insert("cohort".into(), Json::from(cohort.as_str()));
            Json::Object(m)
        })
        .collect();
    let plan = json!({
        "name": "The specs loaded in this browser",
        "period_start": starts.first().map_or("2000-01-01", String::as_str),
        "period_end": ends.last().map_or("2000-01-01", String::as_str),
        "contracts": contracts,
        "needs": needs,
    });
    (plan, from, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str, cohort: &str, services: &[&str], start: &str, end: &str) -> Json {
        json!({ "name": name, "area": " Wales ", "cohort": cohort, "services": services,
                "start_date": start, "end_date": end })
    }

    #[test]
    fn one_contract_per_known_service_and_both_cohorts_for_all_levels() {
        let services = vec!["unpaid_work".to_string(), "accommodation".to_string()];
        let specs = vec![
            spec(
                "A",
                ALL_LEVELS,
                &["unpaid_work", "gardening"],
                "2024-04-01",
                "2027-03-31",
            ),
            json!({ "name": "incomplete" }),
            spec("B", "high_rosh", &["gardening"], "2023-01-01", "2025-01-01"),
            spec(
                "C",
                "high_rosh",
                &["accommodation"],
                "2022-06-01",
                "2028-01-01",
            ),
        ];
        let (plan, from, skipped) = plan_from_specs(&specs, &services);
        assert_eq!(from, vec![0, 3]);
        assert_eq!(
            skipped.iter().map(|s| s.spec).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(plan["contracts"][0]["area"], "Wales");
        assert_eq!(plan["contracts"][1]["number"], 2);
        assert_eq!(plan["period_start"], "2022-06-01");
        assert_eq!(plan["period_end"], "2028-01-01");
        let needs: Vec<(String, String)> = plan["needs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["service"].as_str().unwrap().to_string(),
                    n["cohort"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            needs,
            vec![
                ("unpaid_work".into(), "low_and_medium_rosh".into()),
                ("unpaid_work".into(), "high_rosh".into()),
                ("accommodation".into(), "high_rosh".into()),
            ]
        );
    }
}
