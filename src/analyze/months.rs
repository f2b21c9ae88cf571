// Dates moved by calendar months: how many days `d + n months` lies from `d` (bounds over every date), and how a comparison with a value known only within such bounds becomes comparisons of exact values, over- or under-approximating where it holds.
//
// `d + n months` keeps the day of the month, falling back to the month's last day (31 January +
// 1 month = 28 or 29 February), so it is no fixed number of days from `d`. The days it moves lie
// within bounds that hold for every date (the calendar repeats every 400 years), and grow with
// `n`. A comparison `a + u op b`, with `u` known only within `[lo, hi]`, holds for some `u` there
// (an over-approximation of where it holds) or for every `u` there (an under-approximation);
// the analysis proves a region empty from the first and confirms one has documents from the
// second (see ARCHITECTURE.md, analyze).

use crate::eval::add_months;
use crate::ir::Cmp;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The Gregorian calendar repeats every 400 years: 4,800 months, 146,097 days.
const CYCLE_MONTHS: i64 = 4800;
const CYCLE_DAYS: i64 = 146_097;

/// Days from 1 January 2000 to the first of each month of one 400-year cycle from then (and the
/// first after it), worked out once with the evaluator's own month arithmetic.
fn cycle_starts() -> &'static [i64] {
    static STARTS: std::sync::OnceLock<Vec<i64>> = std::sync::OnceLock::new();
    STARTS.get_or_init(|| {
        let Some(start) = NaiveDate::from_ymd_opt(2000, 1, 1) else {
            return Vec::new();
        };
        (0..=CYCLE_MONTHS)
            .map(|k| add_months(start, k).map(|d| (d - start).num_days()))
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default()
    })
}

/// Days from 1 January 2000 to the first of the month `k` months later (`k` may be negative).
fn first_of(k: i64) -> Option<i64> {
    let rest = usize::try_from(k.rem_euclid(CYCLE_MONTHS)).ok()?;
    let days = *cycle_starts().get(rest)?;
    k.div_euclid(CYCLE_MONTHS)
        .checked_mul(CYCLE_DAYS)?
        .checked_add(days)
}

/// The days in the month `k` months after January 2000.
fn month_length(k: i64) -> Option<i64> {
    Some(first_of(k.checked_add(1)?)? - first_of(k)?)
}

/// The fewest and the most days `d + n months` lies after `d`, over every date `d` (negative
/// when `n` is). Exact: within a month, a day up to the 28th moves as the 1st does, and a later
/// day moves that many days less the days the target month lacks (the fallback to its end).
pub fn day_span(n: i64) -> Option<(i64, i64)> {
    static NEAR: std::sync::OnceLock<Vec<Option<(i64, i64)>>> = std::sync::OnceLock::new();
    let near = NEAR.get_or_init(|| (-NEAR_MONTHS..=NEAR_MONTHS).map(span_of).collect());
    if n.unsigned_abs() > NEAR_MONTHS.unsigned_abs() {
        return span_of(n);
    }
    near.get(usize::try_from(n + NEAR_MONTHS).ok()?)
        .copied()
        .flatten()
}

/// Spans of up to this many months either way are computed once.
const NEAR_MONTHS: i64 = 64;

/// Over every month of one cycle (from the table of month starts: chrono's date arithmetic for
/// each of 4,800 months and each `n` took most of a second for the spans kept in `NEAR`).
fn span_of(n: i64) -> Option<(i64, i64)> {
    // Only months the evaluator's dates can reach, as `add_months` itself would answer.
    let start = NaiveDate::from_ymd_opt(2000, 1, 1)?;
    add_months(start, n)?;
    add_months(start, CYCLE_MONTHS.checked_add(n)?.checked_add(1)?)?;
    let (mut least, mut most) = (i64::MAX, i64::MIN);
    for k in 0..CYCLE_MONTHS {
        let target = k.checked_add(n)?;
        let moved = first_of(target)? - first_of(k)?;
        let lacks = (month_length(k)? - month_length(target)?).max(0);
        least = least.min(moved - lacks);
        most = most.max(moved);
    }
    Some((least, most))
}

/// How `a + u op b`, for an unknown `u` within `[lo, hi]` (`None`: unbounded that way), becomes
/// exact comparisons `a + k op' b`: all of them (`all`) or any of them must hold. With no parts,
/// `all` is everywhere and `!all` nowhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub all: bool,
    pub parts: Vec<(Cmp, Decimal)>,
}

impl Plan {
    fn everywhere() -> Plan {
        Plan {
            all: true,
            parts: Vec::new(),
        }
    }

    fn nowhere() -> Plan {
        Plan {
            all: false,
            parts: Vec::new(),
        }
    }

    fn one(op: Cmp, k: Option<Decimal>, unbounded: Plan) -> Plan {
        match k {
            Some(k) => Plan {
                all: true,
                parts: vec![(op, k)],
            },
            None => unbounded,
        }
    }
}

/// Where `a + u op b` holds for some `u` in `[lo, hi]` (`some`), or for every one (`!some`).
pub fn plan(op: Cmp, lo: Option<Decimal>, hi: Option<Decimal>, some: bool) -> Plan {
    let exact = matches!((lo, hi), (Some(l), Some(h)) if l == h);
    match (op, some) {
        // Smallest `u` makes `<` likeliest, largest makes it hardest.
        (Cmp::Lt | Cmp::Le, true) => Plan::one(op, lo, Plan::everywhere()),
        (Cmp::Lt | Cmp::Le, false) => Plan::one(op, hi, Plan::nowhere()),
        (Cmp::Gt | Cmp::Ge, true) => Plan::one(op, hi, Plan::everywhere()),
        (Cmp::Gt | Cmp::Ge, false) => Plan::one(op, lo, Plan::nowhere()),
        // Some `u` makes them equal: `a + lo <= b <= a + hi`.
        (Cmp::Eq, true) => Plan {
            all: true,
            parts: [(Cmp::Ge, hi), (Cmp::Le, lo)]
                .into_iter()
                .filter_map(|(o, k)| Some((o, k?)))
                .collect(),
        },
        (Cmp::Eq, false) if exact => Plan::one(Cmp::Eq, lo, Plan::nowhere()),
        (Cmp::Eq, false) => Plan::nowhere(),
        (Cmp::Ne, true) if exact => Plan::one(Cmp::Ne, lo, Plan::everywhere()),
        (Cmp::Ne, true) => Plan::everywhere(),
        // No `u` makes them equal: `b` lies outside `[a + lo, a + hi]`.
        (Cmp::Ne, false) => Plan {
            all: false,
            parts: [(Cmp::Lt, hi), (Cmp::Gt, lo)]
                .into_iter()
                .filter_map(|(o, k)| Some((o, k?)))
                .collect(),
        },
    }
}

/// The days a date is moved by a number of months known to lie within `[lo, hi]` (`None`:
/// unbounded that way): the fewest days of the fewest months, the most of the most.
pub fn days_moved(lo: Option<i64>, hi: Option<i64>) -> Option<(Option<i64>, Option<i64>)> {
    let least = match lo {
        Some(n) => Some(day_span(n)?.0),
        None => None,
    };
    let most = match hi {
        Some(n) => Some(day_span(n)?.1),
        None => None,
    };
    Some((least, most))
}

/// The fewest and most days `d + n months` lies after `d`, day by day over years around 2000 (a
/// leap century) and 2100 (not one).
#[cfg(test)]
fn brute_span(n: i64) -> (i64, i64) {
    use chrono::Datelike;
    let (mut least, mut most) = (i64::MAX, i64::MIN);
    for from in [1994, 2094] {
        let mut d = NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or_default();
        while d.year() < from + 12 {
            let moved = (add_months(d, n).unwrap_or(d) - d).num_days();
            least = least.min(moved);
            most = most.max(moved);
            d = d.succ_opt().unwrap_or(d);
        }
    }
    (least, most)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounds_are_those_of_every_day_over_years_with_and_without_29_february() {
        for n in [
            -72, -25, -13, -12, -1, 0, 1, 2, 6, 11, 12, 18, 24, 36, 48, 65, 72, 100, 1200,
        ] {
            assert_eq!(day_span(n), Some(brute_span(n)), "{n} months");
        }
        assert_eq!(day_span(1), Some((28, 31)));
        assert_eq!(day_span(12), Some((365, 366)));
    }

    #[test]
    fn more_months_never_move_a_date_fewer_days() {
        let mut last = (i64::MIN, i64::MIN);
        for n in -40..40 {
            let s = day_span(n).unwrap_or_default();
            assert!(s.0 >= last.0 && s.1 >= last.1, "{n}");
            last = s;
        }
    }

    /// Whether `a + u op b` holds for some / every `u` in `lo..=hi`, by enumeration.
    fn enumerate(op: Cmp, a: i64, b: i64, lo: i64, hi: i64, some: bool) -> bool {
        let mut each = (lo..=hi).map(|u| op.holds((a + u).cmp(&b)));
        if some {
            each.any(|x| x)
        } else {
            each.all(|x| x)
        }
    }

    fn follow(p: &Plan, a: i64, b: i64) -> bool {
        let mut each = p
            .parts
            .iter()
            .map(|(op, k)| op.holds((Decimal::from(a) + k).cmp(&Decimal::from(b))));
        if p.all {
            each.all(|x| x)
        } else {
            each.any(|x| x)
        }
    }

    #[test]
    fn a_plan_holds_exactly_where_some_or_every_shift_does() {
        let ops = [Cmp::Eq, Cmp::Ne, Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge];
        for op in ops {
            for (lo, hi) in [(0, 0), (2, 5), (-3, 1)] {
                for some in [true, false] {
                    let p = plan(op, Some(Decimal::from(lo)), Some(Decimal::from(hi)), some);
                    for a in -8..8 {
                        for b in -8..8 {
                            assert_eq!(
                                follow(&p, a, b),
                                enumerate(op, a, b, lo, hi, some),
                                "{op:?} [{lo}, {hi}] some={some} a={a} b={b}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn an_unbounded_shift_is_everywhere_for_some_and_nowhere_for_every_way_it_is_unbounded() {
        // `a + u < b` with `u` as small as wished holds somewhere for every `a`, `b`.
        assert_eq!(
            plan(Cmp::Lt, None, Some(Decimal::ONE), true),
            Plan::everywhere()
        );
        assert_eq!(
            plan(Cmp::Gt, Some(Decimal::ONE), None, false).parts.len(),
            1
        );
        assert_eq!(
            plan(Cmp::Lt, Some(Decimal::ONE), None, false),
            Plan::nowhere()
        );
    }
}
