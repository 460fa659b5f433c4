//! Benchmarks of the engine: one evaluation, and a full birth→18 timeline of a complex
//! case (2 guardians, 4 care units, 8 measures). Targets on the project's 2-core machine:
//! evaluation ≤ 5 µs median, full timeline ≤ 100 µs median. Also the preview of a new
//! measure and building a document, which the app computes while staff type.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use insyn_engine::case::MeasureType;
use insyn_engine::decision::{proposed_measure, BlockingTarget};
use insyn_engine::documents::{document, DocumentInput, DocumentKind, StaffDetails};
use insyn_engine::evaluation::evaluate_with;
use insyn_engine::preview::preview;
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
    // What "Lägg till åtgärd" computes before anything is added: the case with and without
    // a blocking, on the date and over the whole childhood.
    let blocking = proposed_measure(
        &case,
        rule_set,
        MeasureType::Blocking,
        &BlockingTarget::Both,
        date,
        None,
    )
    .expect("a blocking can be proposed");
    c.bench_function("preview of a blocking (two full timelines)", |b| {
        b.iter(|| preview(catalog, black_box(&case), &blocking, date).unwrap())
    });
    let measure_id = case.measures[0].id.clone();
    let staff = StaffDetails::default();
    c.bench_function("the request for a measure, as text", |b| {
        b.iter(|| {
            let input = DocumentInput {
                case: black_box(&case),
                measure_id: &measure_id,
                kind: DocumentKind::Request,
                date,
                staff: &staff,
            };
            document(rule_set, &input).unwrap().to_text()
        })
    });
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
