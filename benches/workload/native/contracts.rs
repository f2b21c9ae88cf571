//! Rulebook `bench_contracts` (benches/workload/contracts.rules) compiled to Rust by `probity compile`.
//! @generated: do not edit. Generate it again after changing the rulebook or probity;
//! `native::Native::new` refuses a module whose fingerprint no longer matches.
#![allow(unused, clippy::all)]

use probity::eval::native::*;

pub const MODULE: Module = Module {
    fingerprint: "25ab5d485d99d591395c19e3569cd04e",
    decide,
};

/// Decides every declaration in force, in declaration order; answers how many were.
pub fn decide(run: &mut Run<'_, '_>) -> usize {
    let v0 = run.document();
    let f_2 = record(v0, 2);
    let f_3 = record(v0, 3);
    let f_5 = record(v0, 5);
    let f_11 = record(v0, 11);
    let f_11_2 = f_11.and_then(|x| field(x, 2));
    let law_date = match date_at(f_5) { Some(d) => d, None => run.law_date_by_plan() };
    run.set_law_date(law_date);
    let d0 = match date_at(record(v0, 7)) { Some(d) => d, None => run.date_by_plan(0) };
    let d1 = match date_at(f_5) { Some(d) => d, None => run.date_by_plan(1) };
    let d2 = match date_at(record(v0, 6)) { Some(d) => d, None => run.date_by_plan(2) };
    let masks: [u64; 1] = [mask_of(f_3)];
    let mut memo = [0u8; 8];
    let mut in_force = 0;
    // rule court-advice-public-only
    if true {
        in_force += 1;
        run.step_hits(0, &masks, |run| {
            let broken = false;
            if masks[0] & 0x1 == 0 { return Some(()); }
            let broken = broken || !((match f_2? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }));
            if !broken { return Some(()); }
            let Value::List(items0) = f_3? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !(match v1 { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { continue; }
                if !broken { continue; }
                run.hit_rule(0, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule breach-enforcement-public-only
    if d0.is_some_and(|d| const { date(2014, 6, 1) } <= d) {
        in_force += 1;
        run.step_hits(1, &masks, |run| {
            let broken = false;
            if masks[0] & 0x2 == 0 { return Some(()); }
            let broken = broken || !((match f_2? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }));
            if !broken { return Some(()); }
            let Value::List(items0) = f_3? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !(match v1 { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { continue; }
                if !broken { continue; }
                run.hit_rule(1, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule female-offender-statement
    if d1.is_some_and(|d| const { date(2014, 6, 1) } <= d) {
        in_force += 1;
        run.step_hits(2, &masks, |run| {
            let broken = false;
            if !(match memo[1] { 1 => false, 2 => true, _ => { let b = { let mut answer = false; let Value::List(items) = f_3? else { return None; }; for item in items.iter() { let v1 = item; let holds = (match v1 { Value::Enum(x) => matches!(*x, 2 | 3 | 4 | 5 | 6 | 7 | 8 | 15), Value::Absent => false, _ => return None }); if holds != false { answer = holds; break; } } answer }; memo[1] = 1 + u8::from(b); b } }) { return Some(()); }
            let broken = broken || !((match record(v0, 8)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(2, Severity::Error, &[]);
            Some(())
        });
    }
    // rule no-provider-financial-penalties
    if true {
        in_force += 1;
        run.step_hits(3, &masks, |run| {
            let broken = false;
            let broken = broken || !((match memo[3] { 1 => false, 2 => true, _ => { let b = (!(match record(v0, 9)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None })); memo[3] = 1 + u8::from(b); b } }));
            if !broken { return Some(()); }
            run.hit_rule(3, Severity::Error, &[]);
            Some(())
        });
    }
    // rule pbr-upfront-element
    if true {
        in_force += 1;
        run.step_hits(4, &masks, |run| {
            let broken = false;
            if !(match f_11_2? { Value::Dec(x) => sign(x) > 0, Value::Absent => true, _ => return None }) { return Some(()); }
            let broken = broken || !((match f_11.and_then(|x| field(x, 1))? { Value::Dec(x) => sign(x) > 0, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(4, Severity::Warning, &[]);
            Some(())
        });
    }
    // rule high-risk-management-public
    if d2.is_some_and(|d| const { date(2014, 6, 1) } <= d && d <= const { date(2021, 6, 25) }) {
        in_force += 1;
        run.step_hits(5, &masks, |run| {
            let broken = false;
            if masks[0] & 0x4 == 0 { return Some(()); }
            if !(match record(v0, 4)? { Value::Enum(x) => matches!(*x, 1 | 2), Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match f_2? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }));
            if !broken { return Some(()); }
            let Value::List(items0) = f_3? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !(match v1 { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { continue; }
                if !broken { continue; }
                run.hit_rule(5, Severity::Warning, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule high-risk-management-public
    if d2.is_some_and(|d| const { date(2021, 6, 26) } <= d) {
        in_force += 1;
        run.step_hits(6, &masks, |run| {
            let broken = false;
            if masks[0] & 0x4 == 0 { return Some(()); }
            let broken = broken || !((match f_2? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }));
            if !broken { return Some(()); }
            let Value::List(items0) = f_3? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !(match v1 { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { continue; }
                if !broken { continue; }
                run.hit_rule(6, Severity::Warning, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule public-interest-functions-public
    if true {
        in_force += 1;
        run.step_hits(7, &masks, |run| {
            let broken = false;
            if masks[0] & 0x7800 == 0 { return Some(()); }
            let broken = broken || !((match f_2? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }));
            if !broken { return Some(()); }
            let Value::List(items0) = f_3? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !(match v1 { Value::Enum(x) => matches!(*x, 11 | 12 | 13 | 14), Value::Absent => false, _ => return None }) { continue; }
                if !broken { continue; }
                run.hit_rule(7, Severity::Warning, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule pbr-binary-outcome
    if true {
        in_force += 1;
        run.step_hits(8, &masks, |run| {
            let broken = false;
            if !(match f_11_2? { Value::Dec(x) => sign(x) > 0, Value::Absent => true, _ => return None }) { return Some(()); }
            let broken = broken || !((match f_11.and_then(|x| field(x, 3))? { Value::Enum(x) => *x != 0, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(8, Severity::Warning, &[]);
            Some(())
        });
    }
    in_force
}
