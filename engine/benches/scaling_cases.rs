//! Generated cases of a chosen size, for the scaling benchmark (`benches/scaling.rs`) and
//! its validity test (`tests/scaling_cases.rs`, which includes this file by `#[path]`).
//!
//! Only the engine's stable surface is used: the case is written as JSON text, in the
//! documented case format (README, "The case format"), and read with
//! `serde_json::from_str::<Case>`, so this keeps compiling whatever the engine's insides
//! become. Dates are computed here from day numbers, not with chrono, for the same reason.
//!
//! Everything is deterministic: the same size always gives the same case, so figures from
//! two runs (or two versions of the engine) compare like with like.

// Each includer uses a different part of this file.
#![allow(dead_code)]

use insyn_engine::case::limits::{MAX_CARE_UNITS, MAX_MEASURES};
use insyn_engine::Case;

/// The child's date of birth: 13 on 2025-05-10, 16 on 2028-05-10, 18 on 2030-05-10.
pub const BIRTH: &str = "2012-05-10";
/// The date the `evaluate` benchmark asks about: the child is 15, inside the window of
/// extended access and after the blockings have ended at 13.
pub const EVALUATION_DATE: &str = "2027-06-01";
/// Measures in the measure sweep (with `UNITS_FOR_MEASURE_SWEEP` units), up to the most
/// the case format allows.
pub const MEASURE_SIZES: [usize; 5] = [1, 4, 16, 64, MAX_MEASURES];
pub const UNITS_FOR_MEASURE_SWEEP: usize = 6;
/// Care units in the unit sweep (with `MEASURES_FOR_UNIT_SWEEP` measures).
pub const UNIT_SIZES: [usize; 3] = [1, 10, 50];
pub const MEASURES_FOR_UNIT_SWEEP: usize = 16;
/// The largest case the format allows: both limits at once (the browser benchmark's
/// heaviest case, `bench/scaling-case.mjs 200 50`).
pub const BOTH_LIMITS: (usize, usize) = (MAX_MEASURES, MAX_CARE_UNITS);

/// Every (measures, units) size the benchmark runs, measure sweep first, then both limits
/// at once.
pub fn sizes() -> Vec<(usize, usize)> {
    MEASURE_SIZES
        .iter()
        .map(|&m| (m, UNITS_FOR_MEASURE_SWEEP))
        .chain(UNIT_SIZES.iter().map(|&u| (MEASURES_FOR_UNIT_SWEEP, u)))
        .chain(std::iter::once(BOTH_LIMITS))
        .collect()
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a day number from `days_from_civil`.
fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The day `fraction` (0..1) of the way from `from` to `to` (day numbers).
fn between(from: i64, to: i64, fraction: f64) -> i64 {
    from + ((to - from) as f64 * fraction) as i64
}

/// One care unit's JSON: `u1`, `u2`, …; every fifth a BUP (excluded from 1177 in some
/// rule sets), the others primary care.
fn unit_json(number: usize) -> String {
    if number.is_multiple_of(5) {
        format!(r#"{{ "id": "u{number}", "name": "BUP {number}", "kind": "BUP" }}"#)
    } else {
        format!(r#"{{ "id": "u{number}", "name": "Vårdcentral {number}" }}"#)
    }
}

/// The JSON of a case for region "vgr" with exactly `measures` measures and `units` care
/// units (at least one): a child born 2012-05-10, two guardians (`vh1`, `vh2`) registered
/// from birth, and measures spread over the child's life and the units in a repeating mix:
///
/// 1. a sealing by one unit, of the whole record or of that unit (alternately); each
///    whole-record sealing (half of them) gets an unlock request (upplåsning) from that
///    unit 3–8 months later, the unit sealings stay until 18;
/// 2. a blocking of `vh1` or `vh2` (alternately) before the 13th birthday, lifted
///    (`blocking_lifted`) 3–8 months later for half of them;
/// 3. a login lock and the login unlock 2–7 months later;
/// 4. an exception note ("Orosanmälan gällande barn") with an investigation of 2–7 months;
/// 5. extended access for the child, and
/// 6. extended access for `vh1` or `vh2` (alternately), both inside the window from the
///    13th birthday to the day before the 16th (2025-05-10 – 2028-05-09), as validation
///    requires.
///
/// The list is cut at `measures`, so a size may end with a sealing whose unlock request or
/// a lock whose unlock did not fit; the case is valid either way. Start dates follow the
/// golden-ratio sequence, so they spread evenly over the allowed range at every size.
pub fn case_json(measures: usize, units: usize) -> String {
    assert!(units >= 1, "a case needs at least one care unit");
    let birth = days_from_civil(2012, 5, 10);
    let thirteen = days_from_civil(2025, 5, 10);
    let sixteen = days_from_civil(2028, 5, 10);
    let eighteen = days_from_civil(2030, 5, 10);

    let mut list: Vec<String> = Vec::with_capacity(measures);
    // Counters: the group (one step of the mix) and the sealings, blockings and extended
    // accesses so far (each alternates its variant).
    let mut group = 0usize;
    let (mut sealings, mut blockings, mut extended) = (0usize, 0usize, 0usize);
    // The unit each new measure belongs to: round the list of units.
    let mut next_unit = 0usize;
    let mut unit = || {
        next_unit += 1;
        (next_unit - 1) % units + 1
    };
    while list.len() < measures {
        // Golden-ratio (Weyl) sequence: well spread in [0, 1) for any number of groups.
        let spread = ((group as f64 + 1.0) * 0.618_033_988_749_895).fract();
        // 3–8 months, varying by group.
        let months_later = 91 + 30 * (group % 6) as i64;
        let n = list.len() + 1;
        // The fields every measure has: decided on its first day by the unit's head.
        let common = |unit: usize, from: i64, to: Option<i64>| {
            let day = civil(from);
            let to = to.map_or(String::new(), |to| format!(r#", "to": "{}""#, civil(to)));
            format!(
                r#""decided_on": "{day}", "decided_by": "verksamhetschef", "unit": "u{unit}", "period": {{ "from": "{day}"{to} }}"#
            )
        };
        match group % 6 {
            0 => {
                let u = unit();
                let from = between(birth + 30, eighteen - 400, spread);
                let scope = if sealings % 2 == 0 {
                    r#""scope": "whole""#.to_string()
                } else {
                    format!(r#""scope": "unit", "sealed_unit": "u{u}""#)
                };
                let id = format!("m{n}-forsegling");
                list.push(format!(
                    r#"{{ "id": "{id}", {}, "type": "sealing", "initiating_units": ["u{u}"], {scope}, "initiative": "staff" }}"#,
                    common(u, from, None)
                ));
                // Half of the sealings are unlocked: the whole-record ones. (A whole-record
                // sealing kept to 18 would hide every later change in a large case.)
                if sealings % 2 == 0 && list.len() < measures {
                    let n = list.len() + 1;
                    list.push(format!(
                        r#"{{ "id": "m{n}-upplasning", {}, "type": "unlock_request", "sealing": "{id}", "requesting_unit": "u{u}" }}"#,
                        common(u, from + months_later, None)
                    ));
                }
                sealings += 1;
            }
            1 => {
                let u = unit();
                let from = between(birth + 30, thirteen - 300, spread);
                let guardian = if blockings % 2 == 0 { "vh1" } else { "vh2" };
                list.push(format!(
                    r#"{{ "id": "m{n}-blockering", {}, "type": "blocking", "guardians": ["{guardian}"] }}"#,
                    common(u, from, None)
                ));
                if blockings % 4 < 2 && list.len() < measures {
                    let n = list.len() + 1;
                    list.push(format!(
                        r#"{{ "id": "m{n}-bryt-blockering", {}, "type": "blocking_lifted", "guardian": "{guardian}" }}"#,
                        common(u, from + months_later, None)
                    ));
                }
                blockings += 1;
            }
            2 => {
                let u = unit();
                let from = between(birth + 30, eighteen - 400, spread);
                list.push(format!(
                    r#"{{ "id": "m{n}-lasning", {}, "type": "login_lock" }}"#,
                    common(u, from, None)
                ));
                if list.len() < measures {
                    let n = list.len() + 1;
                    list.push(format!(
                        r#"{{ "id": "m{n}-upplasning-inloggning", {}, "type": "login_unlock" }}"#,
                        common(u, from + months_later - 30, None)
                    ));
                }
            }
            3 => {
                let u = unit();
                let from = between(birth + 30, eighteen - 400, spread);
                let until = civil(from + months_later - 30);
                list.push(format!(
                    r#"{{ "id": "m{n}-anteckning", {}, "type": "exception_note", "category": "Orosanmälan gällande barn", "note_unit": "u{u}", "investigation_until": "{until}" }}"#,
                    common(u, from, None)
                ));
            }
            kind => {
                // Extended access: from the 13th birthday, ending 6–15 months later and
                // always before the 16th birthday.
                let u = unit();
                let from = between(thirteen, sixteen - 200, spread);
                let to = (from + 180 + 90 * (extended % 4) as i64).min(sixteen - 1);
                let head = common(u, from, Some(to));
                list.push(if kind == 4 {
                    format!(
                        r#"{{ "id": "m{n}-utokad-barnet", {head}, "type": "extended_access_child", "access_unit": "u{u}" }}"#
                    )
                } else {
                    // Alternate per round of the mix (`extended` is always odd here).
                    let guardian = if (group / 6).is_multiple_of(2) { "vh1" } else { "vh2" };
                    format!(
                        r#"{{ "id": "m{n}-utokad-vh", {head}, "type": "extended_access_guardian", "guardian": "{guardian}", "access_unit": "u{u}" }}"#
                    )
                });
                extended += 1;
            }
        }
        group += 1;
    }

    let units_json: Vec<String> = (1..=units).map(unit_json).collect();
    format!(
        r#"{{
  "format_version": 1,
  "title": "Skalning: {measures} åtgärder, {units} vårdenheter",
  "region": "vgr",
  "child": {{ "birth_date": "{BIRTH}", "name": "Skalning Barn", "has_e_id": true }},
  "guardians": [
    {{ "id": "vh1", "name": "Vårdnadshavare Ett", "registered": {{ "from": "{BIRTH}" }} }},
    {{ "id": "vh2", "name": "Vårdnadshavare Två", "registered": {{ "from": "{BIRTH}" }} }}
  ],
  "care_units": [
    {}
  ],
  "measures": [
    {}
  ]
}}"#,
        units_json.join(",\n    "),
        list.join(",\n    ")
    )
}

/// The case of `case_json`, parsed.
pub fn case_with(measures: usize, units: usize) -> Case {
    let json = case_json(measures, units);
    serde_json::from_str::<Case>(&json)
        .unwrap_or_else(|error| panic!("generated case ({measures}, {units}): {error}\n{json}"))
}
