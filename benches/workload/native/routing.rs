//! Rulebook `bench_routing` (benches/workload/routing.rules) compiled to Rust by `probity compile`.
//! @generated: do not edit. Generate it again after changing the rulebook or probity;
//! `native::Native::new` refuses a module whose fingerprint no longer matches.
#![allow(unused, clippy::all)]

use probity::eval::native::*;

pub const MODULE: Module = Module {
    fingerprint: "978471d1f67e17923e962f3033856ee7",
    decide,
};

/// Decides every declaration in force, in declaration order; answers how many were.
pub fn decide(run: &mut Run<'_, '_>) -> usize {
    let v0 = run.document();
    let f_0 = record(v0, 0);
    let f_2 = record(v0, 2);
    let f_3 = record(v0, 3);
    let f_4 = record(v0, 4);
    let f_6 = record(v0, 6);
    let f_12 = record(v0, 12);
    let law_date = match date_at(f_0) { Some(d) => d, None => run.law_date_by_plan() };
    run.set_law_date(law_date);
    let d0 = match date_at(f_0) { Some(d) => d, None => run.date_by_plan(0) };
    let masks: [u64; 0] = [];
    let mut memo = [0u8; 8];
    let mut in_force = 0;
    // rule risk-escalation-referral
    if d0.is_some_and(|d| const { date(2014, 10, 24) } <= d && d <= const { date(2021, 6, 25) }) {
        in_force += 1;
        run.step_hits(0, &masks, |run| {
            let broken = false;
            if !(match f_6? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { return Some(()); }
            if !(match memo[1] { 1 => false, 2 => true, _ => { let b = ((match record(v0, 7)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }) || (match f_3? { Value::Enum(x) => matches!(*x, 2 | 3), Value::Absent => false, _ => return None })); memo[1] = 1 + u8::from(b); b } }) { return Some(()); }
            let broken = broken || !((match record(v0, 8)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(0, Severity::Error, &[]);
            Some(())
        });
    }
    // rule enforcement-officer-public
    if d0.is_some_and(|d| const { date(2014, 6, 1) } <= d) {
        in_force += 1;
        run.step_hits(1, &masks, |run| {
            let broken = false;
            if !(match f_2? { Value::Enum(x) => *x == 3, Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match record(v0, 9)? { Value::Enum(x) => *x == 0, Value::Absent => true, _ => return None }) && (match record(v0, 10)? { Value::Enum(x) => *x == 0, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(1, Severity::Error, &[]);
            Some(())
        });
    }
    // rule no-crc-after-unification
    if d0.is_some_and(|d| const { date(2021, 6, 26) } <= d) {
        in_force += 1;
        run.step_hits(2, &masks, |run| {
            let broken = false;
            let broken = broken || !((match f_6? { Value::Enum(x) => *x != 1, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(2, Severity::Error, &[]);
            Some(())
        });
    }
    // rule before-transforming-rehabilitation
    if true {
        in_force += 1;
        run.step_hits(3, &masks, |run| {
            let broken = false;
            let broken = broken || !((match f_0? { Value::Date(x) => *x >= const { date(2014, 6, 1) }, Value::Absent => true, _ => return None }));
            if !broken { return Some(()); }
            run.hit_rule(3, Severity::Info, &[]);
            Some(())
        });
    }
    // routes case-manager
    if d0.is_some_and(|d| const { date(2014, 6, 1) } <= d && d <= const { date(2021, 6, 25) }) {
        in_force += 1;
        run.step(4, &masks, |run| {
            if !(match f_12? { Value::Enum(x) => *x != 1, Value::Absent => true, _ => return None }) { return Some(()); }
            let start = run.rows_start();
            let key = f_2;
            if (match key { Some(Value::Enum(x)) => matches!(*x, 0), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 1), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { run.row_matched(1); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 3), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 3, Value::Absent => false, _ => return None }) { run.row_matched(2); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 4 | 5 | 6 | 7), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => matches!(*x, 4 | 5 | 6 | 7), Value::Absent => false, _ => return None }) { run.row_matched(3); }
            if ((match f_2? { Value::Enum(x) => matches!(*x, 8 | 10), Value::Absent => false, _ => return None }) || ((match f_2? { Value::Enum(x) => *x == 9, Value::Absent => false, _ => return None }) && (!(match record(v0, 11)? { Value::Bool(b) => *b, Value::Absent => false, _ => return None })))) { run.row_matched(4); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 9), Some(Value::Absent) => false, _ => true }) && ((match f_2? { Value::Enum(x) => *x == 9, Value::Absent => false, _ => return None }) && (match record(v0, 11)? { Value::Bool(b) => *b, Value::Absent => false, _ => return None })) { run.row_matched(5); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 2), Some(Value::Absent) => false, _ => true }) && ((match f_2? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) && ((match f_3? { Value::Enum(x) => matches!(*x, 2 | 3), Value::Absent => false, _ => return None }) || (match f_4? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }) || (match record(v0, 5)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }) || (match f_6? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }))) { run.row_matched(6); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 2), Some(Value::Absent) => false, _ => true }) && ((match f_2? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) && (match f_3? { Value::Enum(x) => matches!(*x, 0 | 1), Value::Absent => false, _ => return None }) && (!(match f_4? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None })) && (!(match record(v0, 5)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None })) && (match f_6? { Value::Enum(x) => *x != 0, Value::Absent => true, _ => return None }) && (match record(v0, 1)? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) && (match f_0? { Value::Date(x) => *x >= const { date(2019, 12, 2) }, Value::Absent => true, _ => return None })) { run.row_matched(7); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 2), Some(Value::Absent) => false, _ => true }) && ((match f_2? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) && (match f_3? { Value::Enum(x) => matches!(*x, 0 | 1), Value::Absent => false, _ => return None }) && (!(match f_4? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None })) && (!(match record(v0, 5)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None })) && (match f_6? { Value::Enum(x) => *x != 0, Value::Absent => true, _ => return None }) && ((match record(v0, 1)? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) || (match f_0? { Value::Date(x) => *x < const { date(2019, 12, 2) }, Value::Absent => true, _ => return None }))) { run.row_matched(8); }
            run.settle(0, start);
            Some(())
        });
    }
    // routes case-manager
    if d0.is_some_and(|d| const { date(2021, 6, 26) } <= d) {
        in_force += 1;
        run.step(5, &masks, |run| {
            if !(match f_12? { Value::Enum(x) => *x != 1, Value::Absent => true, _ => return None }) { return Some(()); }
            let start = run.rows_start();
            let key = f_2;
            if (match key { Some(Value::Enum(x)) => matches!(*x, 0), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 1), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { run.row_matched(1); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 2), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { run.row_matched(2); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 3), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 3, Value::Absent => false, _ => return None }) { run.row_matched(3); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 4 | 5 | 6 | 7), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => matches!(*x, 4 | 5 | 6 | 7), Value::Absent => false, _ => return None }) { run.row_matched(4); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 8 | 9), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => matches!(*x, 8 | 9), Value::Absent => false, _ => return None }) { run.row_matched(5); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 10), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 10, Value::Absent => false, _ => return None }) { run.row_matched(6); }
            run.settle(1, start);
            Some(())
        });
    }
    // routes case-manager-2012-proposal
    if true {
        in_force += 1;
        run.step(6, &masks, |run| {
            if !(match f_12? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { return Some(()); }
            let start = run.rows_start();
            let key = f_2;
            if (match key { Some(Value::Enum(x)) => matches!(*x, 0), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 1), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { run.row_matched(1); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 3 | 5), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => matches!(*x, 3 | 5), Value::Absent => false, _ => return None }) { run.row_matched(2); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 4), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => *x == 4, Value::Absent => false, _ => return None }) { run.row_matched(3); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 2), Some(Value::Absent) => false, _ => true }) && ((match f_2? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) && ((match f_3? { Value::Enum(x) => matches!(*x, 2 | 3), Value::Absent => false, _ => return None }) || (match f_4? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }))) { run.row_matched(4); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 2), Some(Value::Absent) => false, _ => true }) && ((match f_2? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) && (match f_3? { Value::Enum(x) => matches!(*x, 0 | 1), Value::Absent => false, _ => return None }) && (!(match f_4? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }))) { run.row_matched(5); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 6 | 7 | 8 | 9 | 10), Some(Value::Absent) => false, _ => true }) && (match f_2? { Value::Enum(x) => matches!(*x, 6 | 7 | 8 | 9 | 10), Value::Absent => false, _ => return None }) { run.row_matched(6); }
            run.settle(2, start);
            Some(())
        });
    }
    in_force
}
