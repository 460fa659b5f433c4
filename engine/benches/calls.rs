//! One engine call, a fixed number of times: for counting instructions under callgrind,
//! which do not depend on the machine's load as criterion's times do.
//!
//! ```sh
//! cargo bench -p insyn-engine --bench calls --no-run      # prints the binary's path
//! valgrind --tool=callgrind <binary> timeline 200 50 20   # 20 timelines of the 200×50 case
//! valgrind --tool=callgrind <binary> timeline 200 50 0    # start-up only, to subtract
//! ```
//!
//! Arguments: the call (`evaluate` on the date, `evaluate-with` on the date under vgr-2026
//! pinned, as "Jämför" calls it for each rule set, `timeline` birth to 18, `diff` of
//! vgr-2019 and vgr-2026, or for the fixed complex case of `benches/evaluation.rs`:
//! `complex-evaluate` (`evaluate_with`), `complex-validate-evaluate` (`evaluate`),
//! `complex-timeline` or `complex-preview` of a blocking), the measures and units of the
//! generated case
//! (`scaling_cases.rs`; ignored for the complex case), how many calls, and optionally the
//! date `evaluate` and `evaluate-with` ask about (default 2027-06-01, the child is 15; the
//! app asks about today, e.g. 2026-11-23, 14, and any date the staff choose). The case is
//! built (and the embedded rule sets read) before the first call, so the difference of two
//! counts is the cost of the calls alone. Only the engine's stable API is used, so the same
//! file measures the engine before and after a change.

use std::hint::black_box;

use insyn_engine::case::MeasureType;
use insyn_engine::decision::{proposed_measure, BlockingTarget};
use insyn_engine::evaluation::evaluate_with;
use insyn_engine::preview::preview;
use insyn_engine::validation::validate_case;
use insyn_engine::{diff, evaluate, parse_date, parse_iso_date, timeline, Case, Catalog};

mod scaling_cases;
use scaling_cases::{case_with, EVALUATION_DATE};

const COMPLEX_CASE: &str = include_str!("complex-case.json");

fn main() {
    // `cargo bench` passes `--bench`; only the plain arguments are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (call, measures, units, calls, date) = match args.as_slice() {
        [call, measures, units, calls] => (call, measures, units, calls, EVALUATION_DATE),
        [call, measures, units, calls, date] => (call, measures, units, calls, date.as_str()),
        _ => {
            eprintln!(
                "usage: calls <call> <measures> <units> <calls> [date] (see the file's header)"
            );
            std::process::exit(2);
        }
    };
    let number = |text: &str| -> usize {
        text.parse().unwrap_or_else(|_| {
            eprintln!("calls: not a number: {text}");
            std::process::exit(2)
        })
    };
    let (measures, units, calls) = (number(measures), number(units), number(calls));
    let catalog = Catalog::embedded();
    let run: Box<dyn Fn()> = match call.as_str() {
        "evaluate" | "evaluate-with" | "timeline" | "diff" => {
            let case = case_with(measures, units);
            let date = parse_iso_date(date).unwrap_or_else(|| {
                eprintln!("calls: not a date: {date}");
                std::process::exit(2)
            });
            match call.as_str() {
                "evaluate" => Box::new(move || {
                    black_box(evaluate(catalog, black_box(&case), date, None).unwrap());
                }),
                "evaluate-with" => {
                    let facts = validate_case(&case, date).unwrap();
                    let rule_set = catalog.get("vgr-2026").unwrap();
                    Box::new(move || {
                        black_box(evaluate_with(rule_set, black_box(&case), &facts, date));
                    })
                }
                "timeline" => Box::new(move || {
                    black_box(timeline(catalog, black_box(&case), None, None, None).unwrap());
                }),
                _ => Box::new(move || {
                    black_box(
                        diff(
                            catalog,
                            black_box(&case),
                            "vgr-2019",
                            "vgr-2026",
                            None,
                            None,
                        )
                        .unwrap(),
                    );
                }),
            }
        }
        complex if complex.starts_with("complex-") => {
            let case = Case::from_json(COMPLEX_CASE).expect("the benchmark case is valid");
            let date = parse_date("2026-11-23").unwrap();
            let facts = validate_case(&case, date).unwrap();
            let rule_set = catalog.get("vgr-2026").unwrap();
            match complex {
                "complex-evaluate" => Box::new(move || {
                    black_box(evaluate_with(rule_set, black_box(&case), &facts, date));
                }),
                "complex-validate-evaluate" => Box::new(move || {
                    black_box(evaluate(catalog, black_box(&case), date, None).unwrap());
                }),
                "complex-timeline" => Box::new(move || {
                    black_box(timeline(catalog, black_box(&case), None, None, None).unwrap());
                }),
                "complex-preview" => {
                    let blocking = proposed_measure(
                        &case,
                        rule_set,
                        MeasureType::Blocking,
                        &BlockingTarget::Both,
                        date,
                        None,
                    )
                    .expect("a blocking can be proposed");
                    Box::new(move || {
                        black_box(preview(catalog, black_box(&case), &blocking, date).unwrap());
                    })
                }
                other => {
                    eprintln!("calls: unknown call {other}");
                    std::process::exit(2);
                }
            }
        }
        other => {
            eprintln!("calls: unknown call {other}");
            std::process::exit(2);
        }
    };
    for _ in 0..calls {
        run();
    }
}
