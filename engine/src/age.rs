//! Age thresholds from the registered date of birth.
//!
//! Every threshold in the rules (13, 16, 18 …) is a birthday: the child has reached
//! age N for the whole of the day they turn N. The engine never reads the clock; the
//! date asked about is always an input.
//!
//! A child born on 29 February turns N on 28 February when the year of the Nth
//! birthday is a common year. This follows Lag (1930:173) om beräkning av lagstadgad
//! tid, the end-of-month rule: "Finnes ej motsvarande dag i slutmånaden, varde den
//! månadens sista dag ansedd för slutdag." (If the final month has no corresponding
//! day, its last day counts as the final day.)

use chrono::{Datelike, NaiveDate};

/// The date the child turns `years`: the same month and day `years` later, or the
/// last day of that month when it has no such day (29 February in a common year gives
/// 28 February).
///
/// `birthday(birth, 0) == birth`. For dates so far in the future that chrono cannot
/// represent them (far beyond any real case) the result saturates at `NaiveDate::MAX`
/// instead of panicking.
pub fn birthday(birth: NaiveDate, years: u32) -> NaiveDate {
    let Some(year) = i32::try_from(years)
        .ok()
        .and_then(|years| birth.year().checked_add(years))
    else {
        return NaiveDate::MAX;
    };
    // Same month and day; step back to the month's last day if the day does not exist.
    // Only 29 February can be missing, but the loop states the general rule.
    let mut day = birth.day();
    loop {
        if let Some(date) = NaiveDate::from_ymd_opt(year, birth.month(), day) {
            return date;
        }
        if day <= 28 {
            // Every month has a 28th: `year` is outside chrono's range.
            return NaiveDate::MAX;
        }
        day -= 1;
    }
}

/// Completed years on `date`, or `None` if `date` is before `birth`.
///
/// Consistent with [`birthday`]: `age_on(b, d) >= Some(n)` exactly when
/// `d >= birthday(b, n)`. The child has the new age for the whole birthday.
pub(crate) fn age_on(birth: NaiveDate, date: NaiveDate) -> Option<u32> {
    if date < birth {
        return None;
    }
    // The birthday in `date`'s calendar year is the one for the difference in years;
    // the age is that or one less, depending on whether it has come yet.
    let years = u32::try_from(date.year() - birth.year()).ok()?;
    if date >= birthday(birth, years) {
        Some(years)
    } else {
        // `years >= 1` here: with equal years the birthday is `birth`, which is <= `date`.
        Some(years - 1)
    }
}

/// True when the child is born on 29 February and the year of the `years`th birthday
/// is a common year, so the birthday falls on 28 February under the end-of-month rule
/// of Lag (1930:173). The explanation uses this to mention the rule.
pub(crate) fn leap_day_rule_applies(birth: NaiveDate, years: u32) -> bool {
    if birth.month() != 2 || birth.day() != 29 {
        return false;
    }
    !is_leap_year(i64::from(birth.year()) + i64::from(years))
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn an_ordinary_birthday_is_the_same_month_and_day_years_later() {
        assert_eq!(birthday(date(2010, 5, 17), 1), date(2011, 5, 17));
        assert_eq!(birthday(date(2010, 5, 17), 10), date(2020, 5, 17));
        assert_eq!(birthday(date(2010, 12, 31), 3), date(2013, 12, 31));
        assert_eq!(age_on(date(2010, 5, 17), date(2020, 5, 17)), Some(10));
    }

    #[test]
    fn the_thirteenth_sixteenth_and_eighteenth_birthdays_fall_on_the_same_day() {
        let birth = date(2010, 3, 4);
        assert_eq!(birthday(birth, 13), date(2023, 3, 4));
        assert_eq!(birthday(birth, 16), date(2026, 3, 4));
        assert_eq!(birthday(birth, 18), date(2028, 3, 4));
        assert_eq!(age_on(birth, date(2023, 3, 4)), Some(13));
        assert_eq!(age_on(birth, date(2026, 3, 4)), Some(16));
        assert_eq!(age_on(birth, date(2028, 3, 4)), Some(18));
    }

    #[test]
    fn a_leap_day_child_turns_thirteen_on_28_february_in_a_common_year() {
        let birth = date(2012, 2, 29);
        assert_eq!(birthday(birth, 13), date(2025, 2, 28));
        assert_eq!(age_on(birth, date(2025, 2, 27)), Some(12));
        assert_eq!(age_on(birth, date(2025, 2, 28)), Some(13));
        assert!(leap_day_rule_applies(birth, 13));
    }

    #[test]
    fn a_leap_day_child_turns_sixteen_on_29_february_in_a_leap_year() {
        let birth = date(2012, 2, 29);
        assert_eq!(birthday(birth, 16), date(2028, 2, 29));
        assert_eq!(age_on(birth, date(2028, 2, 28)), Some(15));
        assert_eq!(age_on(birth, date(2028, 2, 29)), Some(16));
        assert!(!leap_day_rule_applies(birth, 16));
    }

    #[test]
    fn the_leap_day_rule_never_applies_to_children_born_on_other_days() {
        assert!(!leap_day_rule_applies(date(2012, 2, 28), 13));
        assert!(!leap_day_rule_applies(date(2012, 3, 1), 13));
        assert!(!leap_day_rule_applies(date(2012, 2, 29), 0));
    }

    #[test]
    fn the_century_rule_makes_1900_and_2100_common_years_but_not_2000() {
        assert!(leap_day_rule_applies(date(1896, 2, 29), 4));
        assert!(!leap_day_rule_applies(date(1996, 2, 29), 4));
        assert_eq!(birthday(date(2096, 2, 29), 4), date(2100, 2, 28));
    }

    #[test]
    fn the_day_before_a_birthday_still_has_the_previous_age() {
        let birth = date(2010, 3, 4);
        assert_eq!(age_on(birth, date(2023, 3, 3)), Some(12));
        assert_eq!(age_on(birth, date(2026, 3, 3)), Some(15));
        assert_eq!(age_on(birth, date(2028, 3, 3)), Some(17));
        assert_eq!(age_on(date(2010, 1, 1), date(2022, 12, 31)), Some(12));
    }

    #[test]
    fn a_child_is_zero_from_the_day_of_birth_until_the_first_birthday() {
        let birth = date(2024, 6, 15);
        assert_eq!(birthday(birth, 0), birth);
        assert_eq!(age_on(birth, birth), Some(0));
        assert_eq!(age_on(birth, date(2025, 6, 14)), Some(0));
        assert_eq!(age_on(birth, date(2025, 6, 15)), Some(1));
    }

    #[test]
    fn there_is_no_age_before_birth() {
        assert_eq!(age_on(date(2024, 6, 15), date(2024, 6, 14)), None);
    }

    #[test]
    fn birthday_saturates_instead_of_panicking_at_the_edges_of_the_calendar() {
        assert_eq!(birthday(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(birthday(NaiveDate::MIN, u32::MAX), NaiveDate::MAX);
        assert!(age_on(NaiveDate::MIN, NaiveDate::MAX).is_some());
    }

    /// Any date from 1900-01-01 to 2199-12-31.
    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let first = date(1900, 1, 1);
        let last = date(2199, 12, 31);
        (0..=(last - first).num_days()).prop_map(move |days| first + chrono::Duration::days(days))
    }

    /// Any leap year from 1904 to 2196.
    fn any_leap_year() -> impl Strategy<Value = i32> {
        (1901i32..2200).prop_filter("a leap year", |y| is_leap_year(i64::from(*y)))
    }

    proptest! {
        #[test]
        fn a_birthday_keeps_month_and_day_except_29_february_in_a_common_year(
            birth in any_date(), years in 0u32..=120
        ) {
            let day = birthday(birth, years);
            prop_assert_eq!(day.year(), birth.year() + years as i32);
            prop_assert_eq!(day.month(), birth.month());
            if day.day() != birth.day() {
                prop_assert!(leap_day_rule_applies(birth, years));
                prop_assert_eq!((day.month(), day.day()), (2, 28));
            }
        }

        #[test]
        fn age_never_decreases_as_the_date_moves_forward(
            birth in any_date(), a in any_date(), b in any_date()
        ) {
            let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
            match (age_on(birth, earlier), age_on(birth, later)) {
                (Some(x), Some(y)) => prop_assert!(x <= y),
                (None, _) => {}
                (Some(_), None) => prop_assert!(false, "an age vanished on a later date"),
            }
        }

        #[test]
        fn each_birthday_comes_after_the_previous_one(birth in any_date(), n in 0u32..120) {
            prop_assert!(birthday(birth, n) < birthday(birth, n + 1));
        }

        #[test]
        fn on_the_nth_birthday_the_child_is_exactly_n(birth in any_date(), n in 0u32..=120) {
            prop_assert_eq!(age_on(birth, birthday(birth, n)), Some(n));
        }

        #[test]
        fn the_day_before_the_nth_birthday_the_child_is_n_minus_one(
            birth in any_date(), n in 1u32..=120
        ) {
            let eve = birthday(birth, n).pred_opt().unwrap();
            prop_assert_eq!(age_on(birth, eve), Some(n - 1));
        }

        #[test]
        fn the_child_is_at_least_n_exactly_from_the_nth_birthday(
            birth in any_date(), day in any_date(), n in 0u32..=120
        ) {
            let reached = age_on(birth, day).is_some_and(|age| age >= n);
            prop_assert_eq!(reached, day >= birthday(birth, n));
        }

        #[test]
        fn a_leap_day_child_turns_thirteen_on_28_february_in_every_such_year(
            year in any_leap_year()
        ) {
            // A leap year plus 13 is odd, hence always a common year.
            let birth = date(year, 2, 29);
            let thirteenth = date(year + 13, 2, 28);
            prop_assert_eq!(birthday(birth, 13), thirteenth);
            prop_assert!(leap_day_rule_applies(birth, 13));
            prop_assert_eq!(age_on(birth, thirteenth), Some(13));
            prop_assert_eq!(age_on(birth, thirteenth.pred_opt().unwrap()), Some(12));
        }

        #[test]
        fn a_leap_day_child_has_the_birthday_on_29_february_exactly_in_leap_years(
            year in any_leap_year(), n in 0u32..=120
        ) {
            let birth = date(year, 2, 29);
            let common = !is_leap_year(i64::from(year) + i64::from(n));
            let day = if common { 28 } else { 29 };
            prop_assert_eq!(birthday(birth, n), date(year + n as i32, 2, day));
            prop_assert_eq!(leap_day_rule_applies(birth, n), common);
        }
    }
}
