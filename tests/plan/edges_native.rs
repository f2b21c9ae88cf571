//! Rulebook `plan_edges` (tests/plan/edges.rules) compiled to Rust by `probity compile`.
//! @generated: do not edit. Generate it again after changing the rulebook or probity;
//! `native::Native::new` refuses a module whose fingerprint no longer matches.
#![allow(unused, clippy::all)]

use probity::eval::native::*;

pub const MODULE: Module = Module {
    fingerprint: "766c6eda9df0b26222acc940d1154dd0",
    decide,
};

/// Decides every declaration in force, in declaration order; answers how many were.
pub fn decide(run: &mut Run<'_, '_>) -> usize {
    let v0 = run.document();
    let f_0 = record(v0, 0);
    let f_1 = record(v0, 1);
    let f_2 = record(v0, 2);
    let f_3 = record(v0, 3);
    let f_4 = record(v0, 4);
    let f_6 = record(v0, 6);
    let f_7 = record(v0, 7);
    let f_8 = record(v0, 8);
    let law_date = match date_at(f_0) { Some(d) => d, None => run.law_date_by_plan() };
    run.set_law_date(law_date);
    let d0 = match date_at(f_0) { Some(d) => d, None => run.date_by_plan(0) };
    let masks: [u64; 2] = [mask_of(f_8), mask_of(f_7)];
    let mut memo = [0u8; 11];
    let mut in_force = 0;
    // rule overflow-in-require
    if true {
        in_force += 1;
        run.by_plan(0, &masks);
    }
    // rule absent-and-coalesce
    if true {
        in_force += 1;
        run.step_hits(1, &masks, |run| {
            let broken = false;
            if !(match f_2? { Value::Enum(x) => *x != 2, Value::Absent => true, _ => return None }) { return Some(()); }
            if !(match f_3? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { return Some(()); }
            let broken = broken || !((match memo[3] { 1 => false, 2 => true, _ => { let b = ((match f_2? { Value::Enum(x) => matches!(*x, 0 | 1), Value::Absent => false, _ => return None }) || (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(10, 0, 0, false, 0) }, Value::Absent => true, _ => return None })); memo[3] = 1 + u8::from(b); b } }));
            if !broken { return Some(()); }
            run.hit_rule(1, Severity::Error, &[]);
            Some(())
        });
    }
    // rule nested-each
    if true {
        in_force += 1;
        run.step_hits(2, &masks, |run| {
            let broken = false;
            if masks[0] & 0x1 == 0 { return Some(()); }
            if !(match f_1? { Value::Enum(x) => *x != 0, Value::Absent => true, _ => return None }) { return Some(()); }
            let Value::List(items0) = f_8? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(0) { continue; }
                let v1 = item;
                if !(match field(v1, 0)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }) { continue; }
                let broken = broken || !(((match field(v1, 5)? { Value::Int(x) => *x <= 10, Value::Absent => true, _ => return None }) || (match f_6? { Value::Dec(x) => *x >= const { Decimal::from_parts(50, 0, 0, false, 0) }, Value::Absent => true, _ => return None })));
                if !broken { continue; }
                let Value::List(items1) = field(v1, 6)? else { return None; };
                for (i1, item) in items1.iter().enumerate() {
                    if run.truncated() { break; }
                    let v2 = item;
                    if !(match v2 { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { continue; }
                    if !broken { continue; }
                    run.hit_rule(2, Severity::Error, &[i0 as u32, i1 as u32]);
                }
            }
            Some(())
        });
    }
    // rule prohibition-each
    if d0.is_some_and(|d| const { date(2020, 1, 1) } <= d) {
        in_force += 1;
        run.step_hits(3, &masks, |run| {
            let broken = true;
            if masks[1] & 0x4 == 0 { return Some(()); }
            if !(match f_3? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { return Some(()); }
            if !broken { return Some(()); }
            let Value::List(items0) = f_7? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !(match v1 { Value::Enum(x) => matches!(*x, 2), Value::Absent => false, _ => return None }) { continue; }
                if !broken { continue; }
                run.hit_rule(3, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule count-both-sides
    if true {
        in_force += 1;
        run.step_hits(4, &masks, |run| {
            let broken = false;
            if !(match memo[6] { 1 => false, 2 => true, _ => { let b = ({ let mut n = 0i64; if masks[0] & 0x4 != 0 { let Value::List(items) = f_8? else { return None; }; for item in items.iter() { if case_of(item) != Some(2) { continue; } let v1 = item; n += 1; } } n } >= 1); memo[6] = 1 + u8::from(b); b } }) { return Some(()); }
            if !(match memo[7] { 1 => false, 2 => true, _ => { let b = ({ let mut n = 0i64; if masks[0] & 0x2 != 0 { let Value::List(items) = f_8? else { return None; }; for item in items.iter() { if case_of(item) != Some(1) { continue; } let v1 = item; if !(match field(v1, 5)? { Value::Int(x) => *x > 3, Value::Absent => true, _ => return None }) { continue; } n += 1; } } n } < 2); memo[7] = 1 + u8::from(b); b } }) { return Some(()); }
            let broken = broken || !((match memo[8] { 1 => false, 2 => true, _ => { let b = ({ let mut answer = true; if masks[0] & 0x1 != 0 { let Value::List(items) = f_8? else { return None; }; for item in items.iter() { if case_of(item) != Some(0) { continue; } let v1 = item; let holds = (match field(v1, 0)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }); if holds != true { answer = holds; break; } } } answer } || { let mut answer = false; let Value::List(items) = f_8? else { return None; }; for item in items.iter() { let v1 = item; let holds = (!matches!(field(v1, 1)?, Value::Absent)); if holds != false { answer = holds; break; } } answer }); memo[8] = 1 + u8::from(b); b } }));
            if !broken { return Some(()); }
            run.hit_rule(4, Severity::Error, &[]);
            Some(())
        });
    }
    // rule kind-compare
    if true {
        in_force += 1;
        run.step_hits(5, &masks, |run| {
            let broken = false;
            let Value::List(items0) = f_8? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !(match v1 { Value::Variant { case, .. } => *case == 1, _ => return None }) { continue; }
                if !(!(match field(v1, 0)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None })) { continue; }
                let broken = broken || !((!(Some(v1).and_then(case_of) == Some(1)) || (match field(v1, 0)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None })));
                if !broken { continue; }
                run.hit_rule(5, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule flag-each-error
    if true {
        in_force += 1;
        run.by_plan(6, &masks);
    }
    // rule coalesce-bool-and-kind-set
    if true {
        in_force += 1;
        run.step_hits(7, &masks, |run| {
            let broken = false;
            let Value::List(items0) = f_8? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !(match v1 { Value::Variant { case, .. } => matches!(*case, 0 | 1), _ => return None }) { continue; }
                if !(match field(v1, 2)? { Value::Bool(b) => *b, Value::Absent => true, _ => return None }) { continue; }
                let broken = broken || !((match field(v1, 0)? { Value::Bool(b) => *b, Value::Absent => return None, _ => return None }));
                if !broken { continue; }
                run.hit_rule(7, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule two-places
    if true {
        in_force += 1;
        run.step_hits(8, &masks, |run| {
            let broken = false;
            if masks[0] & 0x2 == 0 { return Some(()); }
            let Value::List(items0) = f_8? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(1) { continue; }
                let v1 = item;
                let broken = broken || !(({ let x = Cow::Borrowed(field(v1, 5)?); let y = scaled(field(v1, 6)?, 7)?; compare(&x, Cmp::Le, &y)? }));
                if !broken { continue; }
                run.hit_rule(8, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule two-places-plain
    if true {
        in_force += 1;
        run.step_hits(9, &masks, |run| {
            let broken = false;
            if masks[0] & 0x1 == 0 { return Some(()); }
            let Value::List(items0) = f_8? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                if case_of(item) != Some(0) { continue; }
                let v1 = item;
                let broken = broken || !(({ let x = Cow::Borrowed(field(v1, 5)?); let y = Cow::Borrowed(f_4?); compare(&x, Cmp::Le, &y)? }));
                if !broken { continue; }
                run.hit_rule(9, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // rule sum-of-hours
    if true {
        in_force += 1;
        run.step_hits(10, &masks, |run| {
            let broken = false;
            if !(match memo[9] { 1 => false, 2 => true, _ => { let b = ({ let mut n = 0i64; if masks[0] & 0x1 != 0 { let Value::List(items) = f_8? else { return None; }; for item in items.iter() { if case_of(item) != Some(0) { continue; } let v1 = item; n += 1; } } n } >= 1); memo[9] = 1 + u8::from(b); b } }) { return Some(()); }
            let broken = broken || !(({ let mut total = 0i64; if masks[0] & 0x1 != 0 { let Value::List(items) = f_8? else { return None; }; for item in items.iter() { if case_of(item) != Some(0) { continue; } let v1 = item; let Value::Int(x) = field(v1, 5)? else { return None; }; total = total.checked_add(*x)?; } } total } <= 100));
            if !broken { return Some(()); }
            run.hit_rule(10, Severity::Error, &[]);
            Some(())
        });
    }
    // rule times-and-defaults
    if true {
        in_force += 1;
        run.step_hits(11, &masks, |run| {
            let broken = false;
            if !(match memo[10] { 1 => false, 2 => true, _ => { let b = ({ let x = Cow::Borrowed({ let v = f_2?; if matches!(v, Value::Absent) { f_1? } else { v } }); let y = Cow::<Value>::Owned(Value::Enum(0)); compare(&x, Cmp::Ne, &y)? }); memo[10] = 1 + u8::from(b); b } }) { return Some(()); }
            let Value::List(items0) = f_8? else { return None; };
            for (i0, item) in items0.iter().enumerate() {
                if run.truncated() { break; }
                let v1 = item;
                if !({ let x = { let d = Value::Time(0); let v = field(v1, 3)?; if matches!(v, Value::Absent) { Cow::Owned(d) } else { Cow::Borrowed(v) } }; let y = { let d = Value::Time(0); let v = field(v1, 4)?; if matches!(v, Value::Absent) { Cow::Owned(d) } else { Cow::Borrowed(v) } }; compare(&x, Cmp::Lt, &y)? }) { continue; }
                let broken = broken || !(({ let x = { let d = Value::Str("".into()); let v = field(v1, 1)?; if matches!(v, Value::Absent) { Cow::Owned(d) } else { Cow::Borrowed(v) } }; let y = Cow::<Value>::Owned(Value::Str("".into())); compare(&x, Cmp::Ne, &y)? }));
                if !broken { continue; }
                run.hit_rule(11, Severity::Error, &[i0 as u32]);
            }
            Some(())
        });
    }
    // conflict two-watches
    if true {
        in_force += 1;
        run.step_hits(12, &masks, |run| {
            if masks[0] & 0x4 == 0 || masks[0] & 0x4 == 0 { return Some(()); }
            let Value::List(items) = f_8? else { return None; };
            for (i, a) in items.iter().enumerate() {
                if case_of(a) != Some(2) || run.truncated() { continue; }
                for (j, b) in items.iter().enumerate() {
                    if i == j || case_of(b) != Some(2) || j < i { continue; }
                    let v1 = a;
                    let v2 = b;
                    if !({ let x = Cow::Borrowed(field(v1, 5)?); let y = Cow::Borrowed(field(v2, 5)?); compare(&x, Cmp::Eq, &y)? }) { continue; }
                    run.hit_conflict(0, Severity::Error, &[i as u32, j as u32]);
                }
            }
            Some(())
        });
    }
    // conflict work-with-rest
    if true {
        in_force += 1;
        run.step_hits(13, &masks, |run| {
            if masks[0] & 0x1 == 0 || masks[0] & 0x2 == 0 { return Some(()); }
            let Value::List(items) = f_8? else { return None; };
            for (i, a) in items.iter().enumerate() {
                if case_of(a) != Some(0) || run.truncated() { continue; }
                for (j, b) in items.iter().enumerate() {
                    if i == j || case_of(b) != Some(1) { continue; }
                    let v1 = a;
                    let v2 = b;
                    run.hit_conflict(1, Severity::Error, &[i as u32, j as u32]);
                }
            }
            Some(())
        });
    }
    // routes who-decides
    if true {
        in_force += 1;
        run.step(14, &masks, |run| {
            let start = run.rows_start();
            let key = f_1;
            if (match key { Some(Value::Enum(x)) => matches!(*x, 0), Some(Value::Absent) => false, _ => true }) && (match f_1? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 1), Some(Value::Absent) => false, _ => true }) && ((match f_1? { Value::Enum(x) => matches!(*x, 1), Value::Absent => false, _ => return None }) && (match f_6? { Value::Dec(x) => *x < const { Decimal::from_parts(50, 0, 0, false, 0) }, Value::Absent => true, _ => return None })) { run.row_matched(1); }
            if ((match f_2? { Value::Enum(x) => *x == 2, Value::Absent => true, _ => return None }) && (match f_1? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None })) { run.row_matched(2); }
            if (match f_4? { Value::Int(x) => *x > 100, Value::Absent => true, _ => return None }) { run.row_matched(3); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 2), Some(Value::Absent) => false, _ => true }) && (match f_1? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { run.row_matched(4); }
            run.settle(0, start);
            Some(())
        });
    }
    // routes any-policy
    if true {
        in_force += 1;
        run.step(15, &masks, |run| {
            if !(match f_3? { Value::Enum(x) => *x != 2, Value::Absent => true, _ => return None }) { return Some(()); }
            let start = run.rows_start();
            let key = f_1;
            if (match key { Some(Value::Enum(x)) => matches!(*x, 2), Some(Value::Absent) => false, _ => true }) && (match f_1? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 1 | 2), Some(Value::Absent) => false, _ => true }) && ((match f_1? { Value::Enum(x) => matches!(*x, 1 | 2), Value::Absent => false, _ => return None }) && (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(20, 0, 0, false, 0) }, Value::Absent => true, _ => return None })) { run.row_matched(1); }
            if (match key { Some(Value::Enum(x)) => matches!(*x, 1), Some(Value::Absent) => false, _ => true }) && (match f_1? { Value::Enum(x) => *x == 1, Value::Absent => false, _ => return None }) { run.row_matched(2); }
            run.settle(1, start);
            Some(())
        });
    }
    // routes collect-max
    if true {
        in_force += 1;
        run.step(16, &masks, |run| {
            let start = run.rows_start();
            if (match f_1? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(20, 0, 0, false, 0) }, Value::Absent => true, _ => return None }) { run.row_matched(1); }
            if (match f_4? { Value::Int(x) => *x > 100, Value::Absent => true, _ => return None }) { run.row_matched(2); }
            run.settle(2, start);
            Some(())
        });
    }
    // routes collect-min
    if true {
        in_force += 1;
        run.step(17, &masks, |run| {
            let start = run.rows_start();
            if (match f_1? { Value::Enum(x) => *x == 0, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(20, 0, 0, false, 0) }, Value::Absent => true, _ => return None }) { run.row_matched(1); }
            if (match f_4? { Value::Int(x) => *x > 100, Value::Absent => true, _ => return None }) { run.row_matched(2); }
            run.settle(3, start);
            Some(())
        });
    }
    // routes collect-count
    if true {
        in_force += 1;
        run.step(18, &masks, |run| {
            let start = run.rows_start();
            if (match f_1? { Value::Enum(x) => matches!(*x, 0 | 1), Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(20, 0, 0, false, 0) }, Value::Absent => true, _ => return None }) { run.row_matched(1); }
            if (match f_4? { Value::Int(x) => *x > 100, Value::Absent => true, _ => return None }) { run.row_matched(2); }
            run.settle(4, start);
            Some(())
        });
    }
    // routes collect-all
    if true {
        in_force += 1;
        run.step(19, &masks, |run| {
            let start = run.rows_start();
            if (match f_1? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(20, 0, 0, false, 0) }, Value::Absent => true, _ => return None }) { run.row_matched(1); }
            run.settle(5, start);
            Some(())
        });
    }
    // routes in-rule-order
    if true {
        in_force += 1;
        run.step(20, &masks, |run| {
            let start = run.rows_start();
            if (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(20, 0, 0, false, 0) }, Value::Absent => true, _ => return None }) { run.row_matched(0); }
            if (match f_1? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { run.row_matched(1); }
            run.settle(6, start);
            Some(())
        });
    }
    // routes points-sum
    if true {
        in_force += 1;
        run.step(21, &masks, |run| {
            let start = run.rows_start();
            if (match f_1? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { run.row_matched(0); }
            if (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(20, 0, 0, false, 0) }, Value::Absent => true, _ => return None }) { run.row_matched(1); }
            if (match f_4? { Value::Int(x) => *x > 100, Value::Absent => true, _ => return None }) { run.row_matched(2); }
            if true { run.row_matched(3); }
            run.settle(7, start);
            Some(())
        });
    }
    // routes in-output-order
    if true {
        in_force += 1;
        run.step(22, &masks, |run| {
            let start = run.rows_start();
            if (match f_6? { Value::Dec(x) => *x > const { Decimal::from_parts(20, 0, 0, false, 0) }, Value::Absent => true, _ => return None }) { run.row_matched(0); }
            if (match f_1? { Value::Enum(x) => *x == 2, Value::Absent => false, _ => return None }) { run.row_matched(1); }
            if (match f_4? { Value::Int(x) => *x > 100, Value::Absent => true, _ => return None }) { run.row_matched(2); }
            run.settle(8, start);
            Some(())
        });
    }
    // derive due
    if true {
        in_force += 1;
        run.by_plan(23, &masks);
    }
    in_force
}
