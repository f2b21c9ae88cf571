//! Dates and times as text, in one place: reading `YYYY-MM-DD` and `HH:MM` (documents, rule
//! text) and writing dates as ISO text (`2022-06-28`) and in long English form (`28 June 2022`).
//!
//! Why not chrono's `parse_from_str` / `format("%...")`: they carry chrono's whole strftime engine
//! (every specifier, RFC 2822 and 3339, time zones), about 37 KB of code in the page's start-up
//! WASM module, which has a size budget (docs/PERFORMANCE.md). chrono still owns the calendar:
//! `NaiveDate::from_ymd_opt` decides which days exist (leap years, month lengths) and
//! `year()`/`month()`/`day()` take a date apart; only the text is done here.
//!
//! Each function reads or writes exactly what the chrono call it replaced did (the tests below
//! compare them with chrono over every day from 1900 to 2100 and many malformed strings):
//! `read_date` is `NaiveDate::parse_from_str(s, "%Y-%m-%d")`, `read_time` is
//! `NaiveTime::parse_from_str(s, "%H:%M")` as minutes after midnight, `iso` is
//! `format("%Y-%m-%d")` (and `NaiveDate`'s `Display`, which its serde `Serialize` uses), and `long`
//! is `format("%-d %B %Y")`.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A date written `YYYY-MM-DD`, read as chrono's `%Y-%m-%d` read it: whitespace may come before
/// each number; the year is one to four digits, or a sign (`+`/`-`) and any number of digits;
/// month and day are one or two digits; nothing may follow the day. `None` if the text is not
/// that shape or the date is not in the calendar (`2023-02-29`, `2023-13-01`).
pub fn read_date(s: &str) -> Option<NaiveDate> {
    let (year, rest) = year(s.trim_start())?;
    let (month, rest) = number(rest.strip_prefix('-')?.trim_start(), 2)?;
    let (day, rest) = number(rest.strip_prefix('-')?.trim_start(), 2)?;
    if !rest.is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// A time of day written `HH:MM`, as minutes after midnight (0..1440), read as chrono's `%H:%M`
/// read it: whitespace may come before each number, each is one or two digits, hours 0–23 and
/// minutes 0–59, and nothing may follow.
pub fn read_time(s: &str) -> Option<u16> {
    let (hour, rest) = number(s.trim_start(), 2)?;
    let (minute, rest) = number(rest.strip_prefix(':')?.trim_start(), 2)?;
    if !rest.is_empty() || hour > 23 || minute > 59 {
        return None;
    }
    u16::try_from(hour * 60 + minute).ok()
}

/// Minutes after midnight as `HH:MM` (what `read_time` reads back).
pub fn hh_mm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The date as ISO text, `2022-06-28`: the year in at least four digits, with a sign when it is
/// outside 0–9999 (`-0001-01-01`, `+10000-01-01`), month and day in two.
pub fn iso(d: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", Year(d.year()), d.month(), d.day())
}

/// The date in long English form, `28 June 2022` (the day without a leading zero, the month's
/// full name, the year as in `iso`).
pub fn long(d: NaiveDate) -> String {
    long_in(d, crate::vocab::Language::English)
}

/// The date in long form in `language`: `28 June 2022`, `28 Mehefin 2022`.
pub fn long_in(d: NaiveDate, language: crate::vocab::Language) -> String {
    let month = crate::phrases::month_name(d.month0() as usize, language);
    format!("{} {month} {}", d.day(), Year(d.year()))
}

/// A year as `%Y` writes it.
struct Year(i32);

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if (0..=9999).contains(&self.0) {
            write!(f, "{:04}", self.0)
        } else {
            write!(f, "{:+05}", self.0)
        }
    }
}

/// `%Y`'s number: with a sign, one or more digits; without, one to four.
fn year(s: &str) -> Option<(i64, &str)> {
    if let Some(rest) = s.strip_prefix('-') {
        let (n, rest) = number(rest, usize::MAX)?;
        Some((n.checked_neg()?, rest))
    } else if let Some(rest) = s.strip_prefix('+') {
        number(rest, usize::MAX)
    } else {
        number(s, 4)
    }
}

/// One to `max` ASCII digits at the start of `s`, as a number (`None` if there is no digit or the
/// number overflows), and the rest of `s`.
fn number(s: &str, max: usize) -> Option<(i64, &str)> {
    let len = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
    let (digits, rest) = s.split_at_checked(len)?;
    if digits.is_empty() {
        return None;
    }
    let n = digits.bytes().try_fold(0i64, |n, b| {
        n.checked_mul(10)?.checked_add(i64::from(b - b'0'))
    })?;
    Some((n, rest))
}

#[cfg(test)]
mod tests {
    //! chrono's own parse and format, the code these functions replaced, are the oracle.
    use super::*;
    use chrono::{NaiveTime, Timelike};
    use proptest::prelude::*;

    fn chrono_date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    fn chrono_time(s: &str) -> Option<u16> {
        NaiveTime::parse_from_str(s, "%H:%M")
            .ok()
            .map(|t| (t.hour() * 60 + t.minute()) as u16)
    }

    fn same_date(s: &str) {
        assert_eq!(read_date(s), chrono_date(s), "{s:?}");
    }

    fn same_time(s: &str) {
        assert_eq!(read_time(s), chrono_time(s), "{s:?}");
    }

    fn same_text(d: NaiveDate) {
        assert_eq!(iso(d), d.format("%Y-%m-%d").to_string());
        assert_eq!(iso(d), d.to_string(), "Display, which serde uses");
        assert_eq!(long(d), d.format("%-d %B %Y").to_string());
    }

    /// Every day from 1900 to 2100: read back from ISO text, and written as chrono wrote it.
    #[test]
    fn every_day_from_1900_to_2100() {
        let mut d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
        let mut n = 0;
        while d <= end {
            same_text(d);
            let text = iso(d);
            assert_eq!(read_date(&text), Some(d));
            same_date(&text);
            same_date(&format!("{}-{}-{}", d.year(), d.month(), d.day()));
            d = d.succ_opt().unwrap();
            n += 1;
        }
        assert_eq!(n, 73_414);
        assert_eq!(
            long(NaiveDate::from_ymd_opt(2022, 6, 28).unwrap()),
            "28 June 2022"
        );
        assert_eq!(
            iso(NaiveDate::from_ymd_opt(2022, 6, 28).unwrap()),
            "2022-06-28"
        );
    }

    /// Years far from now and at the ends of chrono's range, for the writers.
    #[test]
    fn years_of_every_width_are_written_as_chrono_wrote_them() {
        for y in [
            -262_143, -10_000, -9999, -1000, -999, -100, -10, -1, 0, 1, 9, 10, 99, 100, 999, 1000,
            9999, 10_000, 99_999, 262_142,
        ] {
            for (m, d) in [(1, 1), (2, 28), (6, 9), (12, 31)] {
                let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                same_text(date);
                assert_eq!(read_date(&iso(date)), Some(date));
                same_date(&iso(date));
            }
        }
        same_text(NaiveDate::MIN);
        same_text(NaiveDate::MAX);
        same_date(&iso(NaiveDate::MIN));
        same_date(&iso(NaiveDate::MAX));
    }

    /// Every year, month and day field from 0 to 13 / 32 (so leap days, 31sts of short months and
    /// zero fields), in one- and two-digit forms.
    #[test]
    fn fields_in_and_out_of_range() {
        for y in [
            0, 1, 4, 99, 100, 400, 1900, 1996, 2000, 2023, 2024, 2100, 9999,
        ] {
            for m in 0..=13 {
                for d in 0..=32 {
                    same_date(&format!("{y:04}-{m:02}-{d:02}"));
                    same_date(&format!("{y}-{m}-{d}"));
                    same_date(&format!("{y:04}-{m}-{d:02}"));
                }
            }
        }
        for h in 0..=25 {
            for m in 0..=61 {
                same_time(&format!("{h:02}:{m:02}"));
                same_time(&format!("{h}:{m}"));
            }
        }
    }

    #[test]
    fn malformed_strings_agree() {
        let dates = [
            "",
            "-",
            "+",
            "--",
            "2023",
            "2023-",
            "2023-01",
            "2023-01-",
            "2023-1-14",
            "2023-01-4",
            "23-01-14",
            "0-1-1",
            "+2023-01-14",
            "-2023-01-14",
            "-0001-01-01",
            "+0000002023-01-14",
            "+99999999999999999999-01-01",
            "-99999999999999999999-01-01",
            "+9223372036854775807-01-01",
            "-9223372036854775808-01-01",
            "+2147483647-01-01",
            "+262143-12-31",
            "+262144-01-01",
            "-262144-01-01",
            "+-2023-01-14",
            "-+2023-01-14",
            "+ 2023-01-14",
            "- 2023-01-14",
            "20230-01-14",
            "2023-001-14",
            "2023-01-014",
            "2023-01-14 ",
            "2023-01-14\n",
            " 2023-01-14",
            "\t2023-01-14",
            "\u{3000}2023-01-14",
            "\u{a0}2023-01-14",
            "2023- 01- 14",
            "2023 -01-14",
            "2023-01 -14",
            "2023-\u{2003}1-\t4",
            "2023/01/14",
            "2023.01.14",
            "2023-01-14T00:00",
            "2023-01-14Z",
            "２０２３-01-14",
            "2023-0１-14",
            "2023-Jan-14",
            "year-01-14",
            "2023-01-1a",
            "2023-02-29",
            "2024-02-29",
            "1900-02-29",
            "2000-02-29",
            "2023-04-31",
            "2023-00-01",
            "2023-13-01",
            "2023-01-00",
            "2023-01-32",
        ];
        for s in dates {
            same_date(s);
        }
        let times = [
            "",
            ":",
            "9:30",
            "09:3",
            "9:3",
            "0:0",
            "24:00",
            "23:60",
            "23:59",
            "00:00",
            "12:00:00",
            " 12:00",
            "12: 00",
            "12 :00",
            "12:00 ",
            "\u{3000}12:00",
            "012:00",
            "12:000",
            "+12:00",
            "-1:00",
            "12.00",
            "1200",
            "12h00",
            "１2:00",
            "12:0a",
        ];
        for s in times {
            same_time(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        /// Strings made of the characters that matter (digits, signs, separators, spaces).
        #[test]
        fn dates_agree_on_near_misses(s in "[ \t0-9+:-]{0,14}") {
            same_date(&s);
        }

        #[test]
        fn times_agree_on_near_misses(s in "[ \t0-9+:-]{0,8}") {
            same_time(&s);
        }

        /// Dates shaped nearly right: any sign, field widths and values, optional spaces.
        #[test]
        fn dates_agree_on_shaped_input(
            sign in prop::sample::select(vec!["", "", "+", "-"]),
            y in 0u32..30_000,
            yw in 1usize..7,
            m in 0u32..100,
            mw in 1usize..4,
            d in 0u32..100,
            dw in 1usize..4,
            sp in prop::sample::select(vec!["", "", " ", "\t"]),
            tail in prop::sample::select(vec!["", "", "", " ", "0", "-"]),
        ) {
            same_date(&format!("{sp}{sign}{y:0yw$}-{sp}{m:0mw$}-{d:0dw$}{tail}"));
        }

        #[test]
        fn times_agree_on_shaped_input(
            h in 0u32..100,
            hw in 1usize..4,
            m in 0u32..100,
            mw in 1usize..4,
            sp in prop::sample::select(vec!["", "", " "]),
            tail in prop::sample::select(vec!["", "", "", " ", "0", ":"]),
        ) {
            same_time(&format!("{sp}{h:0hw$}:{sp}{m:0mw$}{tail}"));
        }

        /// Any date chrono can hold is written as chrono wrote it and read back.
        #[test]
        fn any_date_round_trips(days in NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce()) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            same_text(date);
            prop_assert_eq!(read_date(&iso(date)), Some(date));
        }
    }
}
