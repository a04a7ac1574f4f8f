//! The bulk decision of 과정평가형 candidates of 12 units, on one core and (feature `rayon`)
//! on every core, against deciding each record with the core.

use cqnet_analytics::{CompiledCourseRules, decide_course, synthetic};
use cqnet_core::course_based;
use cqnet_core::rules::RulePack;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn bulk(c: &mut Criterion) {
    let rules = CompiledCourseRules::compile(&RulePack::embedded().newest())
        .expect("the embedded pack compiles");
    let mut group = c.benchmark_group("bulk_decide");
    group.sample_size(10);
    for n in [10_000usize, 100_000] {
        let population = synthetic::openfisca_distribution(n, 12, 7);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("one_core", n), &population, |b, p| {
            b.iter(|| decide_course(p, &rules))
        });
        #[cfg(feature = "rayon")]
        group.bench_with_input(BenchmarkId::new("rayon", n), &population, |b, p| {
            b.iter(|| cqnet_analytics::decide_course_parallel(p, &rules))
        });
    }
    // The same rule one record at a time through the core, on a smaller population.
    let n = 10_000;
    let population = synthetic::openfisca_distribution(n, 12, 7);
    let records = (0..n)
        .map(|i| population.record(i))
        .collect::<Result<Vec<_>, _>>()
        .expect("synthetic records are valid");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(BenchmarkId::new("core_one_by_one", n), |b| {
        b.iter(|| {
            records
                .iter()
                .filter(|r| {
                    course_based::decide(r, rules.standard(), rules.rules()).passed == Some(true)
                })
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bulk);
criterion_main!(benches);
