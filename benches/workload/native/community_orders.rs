//! Rulebook `bench_community_orders` (benches/workload/community_orders.rules) compiled to Rust by `probity compile`.
//! @generated: do not edit. Generate it again after changing the rulebook or probity;
//! `native::Native::new` refuses a module whose fingerprint no longer matches.
#![allow(unused, clippy::all)]

use probity::eval::native::*;

pub const MODULE: Module = Module {
    fingerprint: "696a1d7b635a11d26af0522c76c6fe67",
    decide,
};

/// Decides every declaration in force, in declaration order; answers how many were.
pub fn decide(run: &mut Run<'_, '_>) -> usize {
    let v0 = run.document();
    let f_0 = record(v0, 0);
    let f_2 = record(v0, 2);
    let f_3 = record(v0, 3);
    let f_4 = record(v0, 4);
    let f_4_0 = f_4.and_then(|x| field(x, 0));
    let f_8 = record(v0, 8);
    let f_9 = record(v0, 9);
    let law_date = match date_at(f_2) { Some(d) => d, None => run.law_date_by_plan() };
    run.set_law_date(law_date);
    let d0 = match date_at(record(v0, 1)) { Some(d) => d, None => run.date_by_plan(0) };
    let d1 = match date_at(f_3) { Some(d) => d, None => run.date_by_plan(1) };
    let d2 = match date_at(f_2) { Some(d) => d, None => run.date_by_plan(2) };
    let masks: [u64; 1] = [mask_of(f_9)];
    let mut memo = [0u8; 14];
    let mut in_force = 0;
    // rule adult-offender
    if d0.is_some_and(|d| d <= const { date(2009, 11, 29) }) {
        in_force += 1;
        run.step_hits(0, &masks, |run| {
            let broken = false;
            if !(match f_0? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match f_4_0? { Value::Int(x) => *x >= 16, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(0, Severity::Error, &[]);
            Some(())
        });
    }
    // rule adult-offender
    if d0.is_some_and(|d| const { date(2009, 11, 30) } <= d) {
        in_force += 1;
        run.step_hits(1, &masks, |run| {
            let broken = false;
            if !(match f_0? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match f_4_0? { Value::Int(x) => *x >= 18, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(1, Severity::Error, &[]);
            Some(())
        });
    }
    // rule imprisonable-offence
    if d1.is_some_and(|d| const { date(2008, 7, 14) } <= d) {
        in_force += 1;
        run.step_hits(2, &masks, |run| {
            let broken = false;
            if !(match f_0? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match record(v0, 5)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(2, Severity::Error, &[]);
            Some(())
        });
    }
    // rule at-least-one-requirement
    if true {
        in_force += 1;
        run.step_hits(3, &masks, |run| {
            let broken = false;
            if !(match f_0? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match memo[4] { 1 => false, 2 => true, _ => { let b = (match f_9? { Value::List(items) => i64::try_from(items.len()).ok()? >= 1, _ => return None }); memo[4] = 1 + u8::from(b); b } }));
            if !broken { return Some(()); }
            run.hit_rule(3, Severity::Error, &[]);
            Some(())
        });
    }
    // rule community-order-length
    if true {
        in_force += 1;
        run.step_hits(4, &masks, |run| {
            let broken = false;
            if !(match f_0? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match f_8? { Value::Int(x) => *x <= 36, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(4, Severity::Error, &[]);
            Some(())
        });
    }
    // rule sso-operational-period
    if true {
        in_force += 1;
        run.step_hits(5, &masks, |run| {
            let broken = false;
            if !(match f_0? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match f_8? { Value::Int(x) => *x >= 6, Value::Absent => true, _ => return None }) && (match f_8? { Value::Int(x) => *x <= 24, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(5, Severity::Error, &[]);
            Some(())
        });
    }
    // rule punitive-element
    if d0.is_some_and(|d| const { date(2013, 12, 11) } <= d) {
        in_force += 1;
        run.step_hits(6, &masks, |run| {
            let broken = false;
            if !(match f_0? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { return Some(()); }
            if !(match memo[9] { 1 => false, 2 => true, _ => { let b = (!(match record(v0, 7)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None })); memo[9] = 1 + u8::from(b); b } }) { return Some(()); }
            let broken = broken || !((match memo[10] { 1 => false, 2 => true, _ => { let b = ({ let mut answer = false; let Value::List(items) = f_9? else { return None; }; for item in items.iter() { let v1 = item; let holds = (match field(v1, 0)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }); if holds != false { answer = holds; break; } } answer } || (!matches!(record(v0, 6)?, Value::Absent))); memo[10] = 1 + u8::from(b); b } }));
            if !broken { return Some(()); }
            run.hit_rule(6, Severity::Error, &[]);
            Some(())
        });
    }
    // rule unpaid-work-hours
    if true {
        in_force += 1;
        run.step_hits(7, &masks, |run| {
            let broken = false;
            if masks[0] & 0x1 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(0) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 2)? { Value::Int(x) => *x >= 40, Value::Absent => true, _ => return None }) && (match field(v1, 2)? { Value::Int(x) => *x <= 300, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(7, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule unpaid-work-total
    if true {
        in_force += 1;
        run.step_hits(8, &masks, |run| {
            let broken = false;
            if !(match memo[11] { 1 => false, 2 => true, _ => { let b = ({ let mut n = 0i64; if masks[0] & 0x1 != 0 { let Value::List(items) = f_9? else { return None; }; for item in items.iter() { if case_of(item) != Some(0) { continue; } let v1 = item; n += 1; } } n } >= 2); memo[11] = 1 + u8::from(b); b } }) { return Some(()); }
            let broken = broken || !(({ let mut total = 0i64; if masks[0] & 0x1 != 0 { let Value::List(items) = f_9? else { return None; }; for item in items.iter() { if case_of(item) != Some(0) { continue; } let v1 = item; let Value::Int(x) = field(v1, 2)? else { return None; }; total = total.checked_add(*x)?; } } total } <= 300));
            if !broken { return Some(()); }
            run.hit_rule(8, Severity::Error, &[]);
            Some(())
        });
    }
    // rule curfew-daily-minimum
    if true {
        in_force += 1;
        run.step_hits(9, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 2)? { Value::Int(x) => *x >= 2, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(9, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-daily-maximum-before-laspo
    if d1.is_some_and(|d| d <= const { date(2012, 12, 2) }) {
        in_force += 1;
        run.step_hits(10, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 2)? { Value::Int(x) => *x <= 12, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(10, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-daily-maximum-before-laspo-two-readings
    if d0.is_some_and(|d| d <= const { date(2012, 12, 2) }) {
        in_force += 1;
        run.step_hits(11, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            if !(match f_3? { Value::Date(x) => *x >= const { date(2012, 12, 3) }, Value::Absent => true, _ => return None }) { return Some(()); }
            if !(match f_2? { Value::Date(x) => *x < const { date(2020, 12, 1) }, Value::Absent => true, _ => return None }) { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 2)? { Value::Int(x) => *x <= 12, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(11, Severity::Unsettled, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-daily-maximum
    if d2.is_some_and(|d| const { date(2012, 12, 3) } <= d && d <= const { date(2022, 6, 27) }) {
        in_force += 1;
        run.step_hits(12, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 2)? { Value::Int(x) => *x <= 16, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(12, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-daily-maximum
    if d2.is_some_and(|d| const { date(2022, 6, 28) } <= d) {
        in_force += 1;
        run.step_hits(13, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 2)? { Value::Int(x) => *x <= 20, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(13, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-weekly-maximum
    if d2.is_some_and(|d| const { date(2022, 6, 28) } <= d) {
        in_force += 1;
        run.by_plan(14, &masks);
    }
    // rule curfew-period-before-laspo
    if d1.is_some_and(|d| d <= const { date(2012, 12, 2) }) {
        in_force += 1;
        run.step_hits(15, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 4)? { Value::Int(x) => *x <= 6, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(15, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-period-before-laspo-two-readings
    if d0.is_some_and(|d| d <= const { date(2012, 12, 2) }) {
        in_force += 1;
        run.step_hits(16, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            if !(match f_3? { Value::Date(x) => *x >= const { date(2012, 12, 3) }, Value::Absent => true, _ => return None }) { return Some(()); }
            if !(match f_2? { Value::Date(x) => *x < const { date(2020, 12, 1) }, Value::Absent => true, _ => return None }) { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 4)? { Value::Int(x) => *x <= 6, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(16, Severity::Unsettled, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-period
    if d2.is_some_and(|d| const { date(2012, 12, 3) } <= d && d <= const { date(2022, 6, 27) }) {
        in_force += 1;
        run.step_hits(17, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 4)? { Value::Int(x) => *x <= 12, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(17, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-period
    if d2.is_some_and(|d| const { date(2022, 6, 28) } <= d) {
        in_force += 1;
        run.step_hits(18, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 4)? { Value::Int(x) => *x <= 24, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(18, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule curfew-electronic-monitoring
    if true {
        in_force += 1;
        run.step_hits(19, &masks, |run| {
            let broken = false;
            if masks[0] & 0x40 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(6) { continue; }
                let v1 = item;
                let broken = broken || !(((match field(v1, 5)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }) || (!matches!(field(v1, 6)?, Value::Absent))));
                if !broken { continue; }
                run.hit_rule(19, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule alcohol-treatment-willing
    if true {
        in_force += 1;
        run.step_hits(20, &masks, |run| {
            let broken = false;
            if masks[0] & 0x2000 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(13) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 2)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }));
                if !broken { continue; }
                run.hit_rule(20, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule aamr-maximum-days
    if true {
        in_force += 1;
        run.step_hits(21, &masks, |run| {
            let broken = false;
            if masks[0] & 0x4000 == 0 { return Some(()); }
            let Value::List(items0) = f_9? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(14) { continue; }
                let v1 = item;
                let broken = broken || !((match field(v1, 2)? { Value::Int(x) => *x <= 120, Value::Absent => true, _ => return None }));
                if !broken { continue; }
                run.hit_rule(21, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // conflict aamr-with-alcohol-treatment
    if true {
        in_force += 1;
        run.step_hits(22, &masks, |run| {
            if masks[0] & 0x4000 == 0 || masks[0] & 0x2000 == 0 { return Some(()); }
            let Value::List(items) = f_9? else { return None; };
            for (i, a) in items.iter().enumerate() {
                if case_of(a) != Some(14) || run.truncated() { continue; }
                for (j, b) in items.iter().enumerate() {
                    if i == j || case_of(b) != Some(13) { continue; }
                    let v1 = a;
                    let v2 = b;
                    run.hit_conflict(0, Severity::Error, &[i as u32, j as u32]);
                }
            }
            Some(())
        });
    }
    in_force
}
