//! Benchmarks of the engine: one evaluation, and a full birth→18 timeline of a complex
//! case (2 guardians, 4 care units, 8 measures). Targets on the project's 2-core machine:
//! evaluation ≤ 5 µs median, full timeline ≤ 100 µs median.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use insyn_engine::evaluation::evaluate_with;
use insyn_engine::validation::validate_case;
use insyn_engine::{parse_date, timeline, Case, Catalog};

const COMPLEX_CASE: &str = include_str!("complex-case.json");

fn benchmarks(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    let case = Case::from_json(COMPLEX_CASE).expect("the benchmark case is valid");
    let date = parse_date("2026-11-23").unwrap();
    let facts = validate_case(&case, date).unwrap();
    let rule_set = catalog.get("vgr-2026").unwrap();
    assert_eq!(case.guardians.len(), 2);
    assert_eq!(case.care_units.len(), 4);
    assert_eq!(case.measures.len(), 8);

    c.bench_function(
        "evaluate one date (2 guardians, 4 units, 8 measures)",
        |b| b.iter(|| evaluate_with(rule_set, black_box(&case), &facts, black_box(date))),
    );
    c.bench_function(
        "full timeline birth to 18 (2 guardians, 4 units, 8 measures)",
        |b| b.iter(|| timeline(catalog, black_box(&case), None, None, None).unwrap()),
    );
    c.bench_function("validate and evaluate from JSON", |b| {
        b.iter(|| {
            let case = Case::from_json(black_box(COMPLEX_CASE)).unwrap();
            insyn_engine::evaluate(catalog, &case, date, None)
                .unwrap()
                .actors
                .len()
        })
    });
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
