//! Made-up populations for measurements, drawn from a seeded generator: the same seed gives
//! the same population.

use crate::{CoursePopulation, CoursePopulationBuilder};

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
