//! Made-up populations for measurements, drawn from a seeded generator: the same seed gives
//! the same population.

use crate::{CoursePopulation, CoursePopulationBuilder, PopulationError, WorkStudyPopulation};

/// `candidates` 과정평가형 candidates of `units` competency units (능력단위) each, at least one,
/// drawn as the OpenFisca comparison model draws them: whole scheduled hours from 20 to 79,
/// attendance of 60% to 100% of them, one internal evaluation round per unit scored from 30
/// to 100, and written and practical external scores from 40 to 100. Values have four
/// decimal places (OpenFisca draws floating-point numbers; these are exact decimals of the
/// same ranges). Every candidate has taken the external evaluation.
///
/// # Example
/// ```
/// use cqnet_analytics::synthetic;
/// let population = synthetic::openfisca_distribution(1_000, 12, 7);
/// assert_eq!((population.candidates(), population.units()), (1_000, 12_000));
/// assert_eq!(population, synthetic::openfisca_distribution(1_000, 12, 7));
/// let record = population.record(0)?;
/// assert!(record.external().is_some());
/// assert!(record.units().iter().all(|u| u.attended() <= u.scheduled() && u.rounds().len() == 1));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn openfisca_distribution(candidates: usize, units: usize, seed: u64) -> CoursePopulation {
    let units = units.max(1);
    let mut random = SplitMix64(seed);
    let mut builder = CoursePopulationBuilder::with_capacity(candidates, units, 1);
    for _ in 0..candidates {
        let unit_values = (0..units)
            .map(|_| {
                let hours = 20 + random.below(60) as u32;
                // 0.6 ≤ share < 1.0, in steps of 10⁻⁴: attended = hours × share, exact.
                let share = 6_000 + random.below(4_000) as u32;
                let score = 300_000 + random.below(700_001) as u32;
                (hours * 10_000, hours * share, score)
            })
            .collect::<Vec<_>>();
        let written = 400_000 + random.below(600_001) as u32;
        let practical = 400_000 + random.below(600_001) as u32;
        builder.push_scaled(unit_values, Some((written, practical)));
    }
    builder.finish()
}

/// `learners` 일학습병행 learning workers (학습근로자) of `units` competency units (능력단위) in
/// each evaluation, at least one: whole scheduled OJT (현장훈련) hours from 400 to 1,199 and
/// Off-JT (현장외훈련) hours from 100 to 399, attendance of 70% to 100% of each (four decimal
/// places), each internal unit (내부평가) passed with a chance of 80%, and nine learners in
/// ten having taken the external evaluation (외부평가), each unit passed with a chance of 80%.
/// The units carry no code. Made up for measurements and tests, not drawn from any statistics.
///
/// # Errors
/// [`PopulationError::TooLarge`] when the units of all learners would pass `u32::MAX`.
///
/// # Example
/// ```
/// use cqnet_analytics::synthetic;
/// let population = synthetic::work_study_distribution(1_000, 10, 7)?;
/// assert_eq!(population.learners(), 1_000);
/// assert_eq!(population, synthetic::work_study_distribution(1_000, 10, 7)?);
/// let record = population.record(0)?;
/// assert_eq!(record.internal_units().len(), 10);
/// assert!(record.ojt().attended <= record.ojt().scheduled);
/// assert!(synthetic::work_study_distribution(usize::MAX / 2, 10, 7).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn work_study_distribution(
    learners: usize,
    units: usize,
    seed: u64,
) -> Result<WorkStudyPopulation, PopulationError> {
    let units = units.max(1);
    if learners
        .checked_mul(units)
        .is_none_or(|all| all > u32::MAX as usize)
    {
        return Err(PopulationError::TooLarge { what: "units" });
    }
    let mut random = SplitMix64(seed);
    let mut p = WorkStudyPopulation::default();
    for _ in 0..learners {
        let mut hours = |from: u64, span: u64| {
            let scheduled = (from + random.below(span)) as u32;
            // 0.7 ≤ share ≤ 1.0, in steps of 10⁻⁴: attended = scheduled × share, exact.
            let share = 7_000 + random.below(3_001) as u32;
            (scheduled * 10_000, scheduled * share)
        };
        let (ojt_scheduled, ojt_attended) = hours(400, 800);
        let (off_scheduled, off_attended) = hours(100, 300);
        p.ojt_scheduled.push(ojt_scheduled);
        p.ojt_attended.push(ojt_attended);
        p.off_jt_scheduled.push(off_scheduled);
        p.off_jt_attended.push(off_attended);
        for _ in 0..units {
            p.internal_passed.push(random.below(10) < 8);
        }
        if random.below(10) < 9 {
            for _ in 0..units {
                p.external_passed.push(random.below(10) < 8);
            }
        }
        p.internal_start.push(p.internal_passed.len() as u32);
        p.external_start.push(p.external_passed.len() as u32);
    }
    Ok(p)
}

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast and good enough for test data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`, by the multiply-and-shift of Lemire (2019).
    fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(bound)) >> 64) as u64
    }
}
