//! How the cost of `evaluate`, `timeline` and `diff` grows with the size of a case: a
//! child with two guardians, and
//!
//! - 1, 4, 16, 64 and 200 measures (the most a case may have) over 6 care units (`<group>/measures/<n>`), and
//! - 1, 10 and 50 care units with 16 measures (`<group>/units/<n>`), and
//! - both limits of the case format at once, 200 measures over 50 units
//!   (`<group>/limits/200x50`, the browser benchmark's heaviest case),
//!
//! for `evaluate` on one date (2027-06-01), the whole `timeline` (birth to 18, i.e. from
//! the first VGR rule set in 2019 to 2030) and the `diff` of vgr-2019 and vgr-2026 over the
//! childhood. The cases come from `scaling_cases.rs` (checked valid by
//! `tests/scaling_cases.rs`).
//!
//! Only the engine's stable API is used, so the same benchmark runs before and after a
//! rewrite of its insides and the two tables compare. Run it with
//! `cargo bench -p insyn-engine --bench scaling -- --noplot`, or
//! `bash scripts/bench-engine-table.sh` for a Markdown table of the medians.
//!
//! Kept short so a run finishes in a few minutes on a 2-core machine (about 80 s on the
//! engine it was written against): 10 samples, 1 s warm-up and 2 s of measurement per
//! size, and flat sampling for any size whose single call takes a millisecond or more, so
//! a slow call runs a fixed number of times per sample instead of a growing one.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, SamplingMode,
};
use insyn_engine::{diff, evaluate, parse_iso_date, timeline, Case, Catalog};

mod scaling_cases;
use scaling_cases::{
    case_with, BOTH_LIMITS, EVALUATION_DATE, MEASURES_FOR_UNIT_SWEEP, MEASURE_SIZES,
    UNITS_FOR_MEASURE_SWEEP, UNIT_SIZES,
};

/// A call at least this slow is sampled flat (a fixed number of calls per sample).
const SLOW_CALL: Duration = Duration::from_millis(1);

/// Every case of both sweeps, with the benchmark's name and parameter: `measures` (the
/// number of measures, 6 units), `units` (the number of units, 16 measures) or `limits`
/// (`<measures>x<units>`, both at the case format's limits).
fn cases() -> Vec<(&'static str, String, Case)> {
    let by_measures = MEASURE_SIZES.iter().map(|&measures| {
        (
            "measures",
            measures.to_string(),
            case_with(measures, UNITS_FOR_MEASURE_SWEEP),
        )
    });
    let by_units = UNIT_SIZES.iter().map(|&units| {
        (
            "units",
            units.to_string(),
            case_with(MEASURES_FOR_UNIT_SWEEP, units),
        )
    });
    let (measures, units) = BOTH_LIMITS;
    let at_limits = (
        "limits",
        format!("{measures}x{units}"),
        case_with(measures, units),
    );
    by_measures
        .chain(by_units)
        .chain(std::iter::once(at_limits))
        .collect()
}

fn configured<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    group
}

/// Benchmark `run` on every case in group `name`. One call first checks that the case is
/// accepted (a refused case would only time the refusal) and picks the sampling mode.
fn sweep<T, E: std::fmt::Display>(
    c: &mut Criterion,
    name: &str,
    cases: &[(&'static str, String, Case)],
    run: impl Fn(&Case) -> Result<T, E>,
) {
    let mut group = configured(c, name);
    for (sweep, size, case) in cases {
        let start = Instant::now();
        if let Err(error) = run(case) {
            panic!("{name}/{sweep}/{size}: the engine refused the generated case: {error}");
        }
        let mode = if start.elapsed() >= SLOW_CALL {
            SamplingMode::Flat
        } else {
            SamplingMode::Auto
        };
        group.sampling_mode(mode);
        group.bench_with_input(BenchmarkId::new(*sweep, size), case, |b, case| {
            b.iter(|| run(black_box(case)).ok())
        });
    }
    group.finish();
}

fn benchmarks(c: &mut Criterion) {
    let catalog = Catalog::embedded();
    let date = parse_iso_date(EVALUATION_DATE).expect("a date");
    let cases = cases();
    sweep(c, "evaluate", &cases, |case| {
        evaluate(catalog, case, date, None)
    });
    sweep(c, "timeline", &cases, |case| {
        timeline(catalog, case, None, None, None)
    });
    sweep(c, "diff", &cases, |case| {
        diff(catalog, case, "vgr-2019", "vgr-2026", None, None)
    });
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
