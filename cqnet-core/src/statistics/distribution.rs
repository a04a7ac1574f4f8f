//! The score distribution of a round (회차별 점수 분포) as HRD Korea publishes it (data.go.kr
//! 15037518: six bands and the average): the bands' bounds are the pack's
//! (`statistics.score_band_bounds`, an assumption: the published fields are labelled only
//! 점수1–점수6).

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::{InputError, Score};

/// The lower bounds of the score bands after the first, rising: a score below the first bound
/// is in the first band, one at or above the last bound in the last band, so `n` bounds make
/// `n + 1` bands.
///
/// # Example
/// ```
/// use cqnet_core::statistics::ScoreBandBounds;
/// use cqnet_core::Score;
/// let bounds = ScoreBandBounds::new(vec![Score::whole(40)?, Score::whole(80)?])?;
/// assert_eq!(bounds.to_string(), "40, 80");
/// assert!(ScoreBandBounds::new(vec![Score::whole(80)?, Score::whole(40)?]).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScoreBandBounds(Vec<Score>);

impl ScoreBandBounds {
    /// The bounds, checked.
    ///
    /// # Errors
    /// [`InputError::Empty`] for no bound; [`InputError::Inconsistent`] for bounds that do not
    /// rise.
    ///
    /// # Example
    /// See [`ScoreBandBounds`].
    pub fn new(bounds: Vec<Score>) -> Result<Self, InputError> {
        let bounds = ScoreBandBounds(bounds);
        bounds.check().map_err(InputError::Inconsistent)?;
        Ok(bounds)
    }

    /// What is wrong with bounds read from a pack, if anything.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.0.is_empty() {
            return Err("no score band bound: one band is no distribution".into());
        }
        match self.0.windows(2).find(|w| w[0] >= w[1]) {
            Some(w) => Err(format!(
                "score band bounds must rise: {} is followed by {}",
                w[0], w[1]
            )),
            None => Ok(()),
        }
    }

    /// The bounds, rising.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::rules::RulePack;
    /// assert_eq!(RulePack::embedded().newest().statistics.score_band_bounds.value.bounds().len(), 5);
    /// ```
    pub fn bounds(&self) -> &[Score] {
        &self.0
    }
}

impl fmt::Display for ScoreBandBounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&shown.join(", "))
    }
}

/// One band of a distribution: the scores from `from` (inclusive; `None` from zero) up to
/// `below` (exclusive; `None` up to and with 100).
///
/// # Example
/// See [`score_distribution`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScoreBand {
    /// The band's lowest score, inclusive; `None` for the first band.
    pub from: Option<Score>,
    /// The next band's lowest score; `None` for the last band.
    pub below: Option<Score>,
    /// The examinees whose score is in the band.
    pub count: u64,
}

/// The distribution of one round's scores.
///
/// # Example
/// See [`score_distribution`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScoreDistribution {
    /// The bands, lowest first.
    pub bands: Vec<ScoreBand>,
    /// How many scores.
    pub examinees: u64,
    /// Their average, exact (the publication's rounding to one decimal is left to the host);
    /// `None` without scores.
    pub average: Option<Decimal>,
}

/// The distribution of `scores` (one a candidate who sat the round) over the bands of the
/// rules' `statistics.score_band_bounds`.
///
/// # Example
/// ```
/// use cqnet_core::statistics::score_distribution;
/// use cqnet_core::{rules::RulePack, Score};
/// let scores: Vec<Score> = [35, 40, 79, 80, 100].into_iter().map(Score::whole).collect::<Result<_, _>>()?;
/// let d = score_distribution(&scores, &RulePack::embedded().newest());
/// let counts: Vec<u64> = d.bands.iter().map(|b| b.count).collect();
/// assert_eq!(counts, [1, 1, 0, 0, 1, 2]);
/// assert_eq!(d.average.map(|a| a.to_string()), Some("66.8".into()));
/// assert_eq!((d.bands[0].from, d.bands[5].below), (None, None));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn score_distribution(scores: &[Score], rules: &Rules) -> ScoreDistribution {
    score_distribution_in(scores, &rules.statistics.score_band_bounds.value)
}

/// The distribution of `scores` over the bands of `bounds` (as [`score_distribution`] over
/// the pack's own bounds).
///
/// # Example
/// ```
/// use cqnet_core::statistics::{score_distribution_in, ScoreBandBounds};
/// use cqnet_core::Score;
/// let bounds = ScoreBandBounds::new(vec![Score::whole(60)?])?;
/// let d = score_distribution_in(&[Score::whole(59)?, Score::whole(60)?], &bounds);
/// assert_eq!(d.bands.iter().map(|b| b.count).collect::<Vec<_>>(), [1, 1]);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn score_distribution_in(scores: &[Score], bounds: &ScoreBandBounds) -> ScoreDistribution {
    let bounds = bounds.bounds();
    let mut bands: Vec<ScoreBand> = (0..=bounds.len())
        .map(|i| ScoreBand {
            from: i.checked_sub(1).and_then(|j| bounds.get(j)).copied(),
            below: bounds.get(i).copied(),
            count: 0,
        })
        .collect();
    let mut sum = Decimal::ZERO;
    for score in scores {
        // The band is the number of bounds at or below the score.
        let band = bounds.partition_point(|bound| bound <= score);
        if let Some(b) = bands.get_mut(band) {
            b.count += 1;
        }
        sum += score.value();
    }
    let examinees = scores.len() as u64;
    ScoreDistribution {
        bands,
        examinees,
        average: (examinees > 0).then(|| (sum / Decimal::from(examinees)).normalize()),
    }
}

/// The distribution of scores already counted, as one aggregate query gives it: how many
/// scores fall in each band of `bounds` (lowest first, one count a band) and the sum of all
/// the scores; the bands and the exact average are built as [`score_distribution`] builds
/// them.
///
/// # Errors
/// [`InputError::Inconsistent`] when there is not one count a band, or when a sum is given
/// with no score.
///
/// # Example
/// ```
/// use cqnet_core::statistics::{distribution_of_tallies, ScoreBandBounds};
/// use cqnet_core::Score;
/// let bounds = ScoreBandBounds::new(vec![Score::whole(40)?, Score::whole(80)?])?;
/// let d = distribution_of_tallies(&bounds, &[1, 0, 2], 250.into())?;
/// assert_eq!(d.examinees, 3);
/// assert_eq!(d.average.map(|a| a.round_dp(2).to_string()), Some("83.33".into()));
/// assert!(distribution_of_tallies(&bounds, &[1, 2], 250.into()).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn distribution_of_tallies(
    bounds: &ScoreBandBounds,
    band_counts: &[u64],
    sum: Decimal,
) -> Result<ScoreDistribution, InputError> {
    let bounds = bounds.bounds();
    if band_counts.len() != bounds.len() + 1 {
        return Err(InputError::Inconsistent(format!(
            "{} band counts for {} bands",
            band_counts.len(),
            bounds.len() + 1
        )));
    }
    let examinees: u64 = band_counts.iter().sum();
    if examinees == 0 && !sum.is_zero() {
        return Err(InputError::Inconsistent(
            "a sum of scores with no score".into(),
        ));
    }
    let bands = band_counts
        .iter()
        .enumerate()
        .map(|(i, count)| ScoreBand {
            from: i.checked_sub(1).and_then(|j| bounds.get(j)).copied(),
            below: bounds.get(i).copied(),
            count: *count,
        })
        .collect();
    Ok(ScoreDistribution {
        bands,
        examinees,
        average: (examinees > 0).then(|| (sum / Decimal::from(examinees)).normalize()),
    })
}
