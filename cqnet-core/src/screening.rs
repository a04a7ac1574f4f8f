//! Screening applications for course designation (과정 지정 심사): HRD Korea screens the
//! applications for one qualification in two stages, document screening (서류심사) and then
//! on-site screening (현장심사); each stage passes applicants by a score (점수) or by a rank
//! (순위), with a threshold set per qualification (국가기술자격법 시행령 제14조의2; HRD Korea's
//! designation pass criteria, data.go.kr 15150372).
//!
//! The thresholds are inputs (they differ per qualification and plan). How equal scores rank is
//! a rule-pack value (`designation.rank_ties`): by default they share a rank, so more applicants
//! than the threshold may pass.
//!
//! # Example
//! ```
//! use cqnet_core::rules::RulePack;
//! use cqnet_core::screening::{decide, Applicant, Criterion, Screening};
//! use cqnet_core::Score;
//!
//! let s = |n: u32| Score::new(n.into()).unwrap();
//! let screening = Screening::new(
//!     Criterion::Score { min: s(60) },
//!     Criterion::rank(2)?,
//!     vec![
//!         Applicant::new("A01", s(90), Some(s(88)))?,
//!         Applicant::new("A02", s(80), Some(s(88)))?,
//!         Applicant::new("A03", s(70), Some(s(75)))?,
//!     ],
//! )?;
//! let decision = decide(&screening, &RulePack::embedded().newest());
//! // A01 and A02 tie for first on site; A03 is third.
//! assert_eq!(decision.selected, vec!["A01", "A02"]);
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::Rules;
use crate::{InputError, LegalBasis, Provenance, Quantity, Reason, ReasonCode, RulesUsed, Score};

/// How applicants with equal scores are ranked (`designation.rank_ties`).
///
/// # Example
/// ```
/// use cqnet_core::screening::RankTies;
/// let t: RankTies = serde_json::from_str("\"shared\"").unwrap();
/// assert_eq!(t, RankTies::Shared);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankTies {
    /// Equal scores share a rank and the next rank is skipped (1, 2, 2, 4): rank = 1 + the
    /// number of strictly higher scores.
    Shared,
    /// Equal scores share a rank and the next rank follows on (1, 2, 2, 3).
    Dense,
}

impl fmt::Display for RankTies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RankTies::Shared => "shared",
            RankTies::Dense => "dense",
        })
    }
}

/// The pass criterion of one stage.
///
/// # Example
/// ```
/// use cqnet_core::screening::Criterion;
/// assert!(Criterion::rank(0).is_err());
/// assert!(Criterion::rank(3).is_ok());
/// ```
///
/// In JSON a criterion reads through the same check (a rank of 0 refuses):
/// ```
/// use cqnet_core::screening::Criterion;
/// let rank: Criterion = serde_json::from_str(r#"{"criterion":"rank","max_rank":3}"#).unwrap();
/// assert_eq!(rank, Criterion::rank(3).unwrap());
/// assert!(serde_json::from_str::<Criterion>(r#"{"criterion":"rank","max_rank":0}"#).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "criterion",
    rename_all = "snake_case",
    try_from = "CriterionWire"
)]
pub enum Criterion {
    /// Passes with a score at least `min` (이상).
    Score {
        /// The lowest passing score.
        min: Score,
    },
    /// Passes with a rank of at most `max_rank` among the stage's applicants.
    Rank {
        /// The lowest passing rank, at least 1.
        max_rank: u32,
    },
}

#[derive(Deserialize)]
#[serde(tag = "criterion", rename_all = "snake_case", deny_unknown_fields)]
enum CriterionWire {
    Score { min: Score },
    Rank { max_rank: u32 },
}

impl TryFrom<CriterionWire> for Criterion {
    type Error = InputError;
    fn try_from(w: CriterionWire) -> Result<Self, Self::Error> {
        match w {
            CriterionWire::Score { min } => Ok(Criterion::Score { min }),
            CriterionWire::Rank { max_rank } => Criterion::rank(max_rank),
        }
    }
}

impl Criterion {
    /// A rank criterion.
    ///
    /// # Errors
    /// [`InputError::NotPositive`] for a rank of 0.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::screening::Criterion;
    /// assert_eq!(Criterion::rank(2)?, Criterion::Rank { max_rank: 2 });
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn rank(max_rank: u32) -> Result<Self, InputError> {
        if max_rank == 0 {
            return Err(InputError::NotPositive {
                what: "rank of a screening criterion",
            });
        }
        Ok(Criterion::Rank { max_rank })
    }
}

/// One application: an id, its document score and its on-site score (`None` when none).
///
/// # Errors
/// [`InputError::Empty`] for an empty id; [`InputError::HiddenCharacter`] for one holding a
/// control, bidirectional or zero-width character (two such ids could look alike).
///
/// # Example
/// ```
/// use cqnet_core::screening::Applicant;
/// use cqnet_core::Score;
/// assert!(Applicant::new("", Score::MAX, None).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applicant {
    id: String,
    document: Score,
    on_site: Option<Score>,
}

impl Applicant {
    /// A checked application.
    ///
    /// # Errors
    /// [`InputError::Empty`] for an empty id; [`InputError::HiddenCharacter`] for one holding a
    /// control, bidirectional or zero-width character (two such ids could look alike).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::screening::Applicant;
    /// use cqnet_core::Score;
    /// assert_eq!(Applicant::new("A01", Score::MAX, None)?.id(), "A01");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        id: impl Into<String>,
        document: Score,
        on_site: Option<Score>,
    ) -> Result<Self, InputError> {
        let id = id.into();
        if id.trim().is_empty() {
            return Err(InputError::Empty {
                what: "applicant id",
            });
        }
        crate::text::check_visible("applicant id", &id)?;
        Ok(Applicant {
            id,
            document,
            on_site,
        })
    }

    /// The applicant's id.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::screening::Applicant;
    /// use cqnet_core::Score;
    /// assert_eq!(Applicant::new("A07", Score::ZERO, Some(Score::MAX))?.id(), "A07");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The applications for one qualification and the criteria of both stages.
///
/// # Errors
/// [`InputError::Empty`] without applicants; [`InputError::Duplicate`] for an id given twice.
///
/// # Example
/// ```
/// use cqnet_core::screening::{Applicant, Criterion, Screening};
/// use cqnet_core::Score;
/// let min = Criterion::Score { min: Score::ZERO };
/// let a = Applicant::new("A01", Score::MAX, None)?;
/// assert!(Screening::new(min, min, vec![a.clone(), a]).is_err());
/// assert!(Screening::new(min, min, vec![]).is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Screening {
    document: Criterion,
    on_site: Criterion,
    applicants: Vec<Applicant>,
}

impl Screening {
    /// A checked screening.
    ///
    /// # Errors
    /// [`InputError::Empty`] without applicants; [`InputError::Duplicate`] for an id given twice.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::screening::{Applicant, Criterion, Screening};
    /// use cqnet_core::Score;
    /// let any = Criterion::Score { min: Score::ZERO };
    /// assert!(Screening::new(any, any, vec![Applicant::new("A01", Score::MAX, None)?]).is_ok());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        document: Criterion,
        on_site: Criterion,
        applicants: Vec<Applicant>,
    ) -> Result<Self, InputError> {
        if applicants.is_empty() {
            return Err(InputError::Empty { what: "applicants" });
        }
        let mut seen = BTreeSet::new();
        if let Some(dup) = applicants.iter().find(|a| !seen.insert(a.id.as_str())) {
            return Err(InputError::Duplicate {
                what: "applicant id",
                key: InputError::quoted(&dup.id),
            });
        }
        Ok(Screening {
            document,
            on_site,
            applicants,
        })
    }
}

/// The outcome for one applicant.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::screening::{decide, Applicant, Criterion, Screening};
/// use cqnet_core::Score;
/// let any = Criterion::Score { min: Score::ZERO };
/// let screening = Screening::new(any, any, vec![Applicant::new("A01", Score::MAX, Some(Score::MAX))?])?;
/// let outcome = &decide(&screening, &RulePack::embedded().newest()).outcomes[0];
/// assert!(outcome.passed_document && outcome.passed_on_site && outcome.reasons.is_empty());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ApplicantOutcome {
    /// The applicant's id.
    pub id: String,
    /// Passed document screening.
    pub passed_document: bool,
    /// Passed on-site screening (false when not reached).
    pub passed_on_site: bool,
    /// Every failing check of this applicant.
    pub reasons: Vec<Reason>,
}

/// The result of both stages.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::screening::{decide, Applicant, Criterion, Screening};
/// use cqnet_core::Score;
/// let screening = Screening::new(
///     Criterion::rank(1)?,
///     Criterion::Score { min: Score::ZERO },
///     vec![Applicant::new("A01", Score::MAX, Some(Score::MAX))?, Applicant::new("A02", Score::ZERO, None)?],
/// )?;
/// let d = decide(&screening, &RulePack::embedded().newest());
/// assert_eq!(d.selected, vec!["A01"]);
/// assert_eq!(d.outcomes.len(), 2);
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScreeningDecision {
    /// The ids that passed both stages, in input order.
    pub selected: Vec<String>,
    /// One outcome per applicant, in input order.
    pub outcomes: Vec<ApplicantOutcome>,
    /// The rules that made the decision.
    pub rules: RulesUsed,
}

const SCREENING_BASIS: &str = "국가기술자격법 시행령 제14조의2 (지정 신청의 검토); 한국산업인력공단 과정평가형 지정심사 합격기준 (data.go.kr 15150372: 서류심사·현장심사, 점수 또는 순위)";

/// The scores of one stage's field, sorted once so that each rank is a binary search: a
/// screening of `n` applicants is decided in `O(n log n)`, not `O(n²)`.
struct Ranking {
    /// Every score, ascending.
    sorted: Vec<Score>,
    /// Each score once, ascending.
    distinct: Vec<Score>,
}

impl Ranking {
    fn of(field: &[Score]) -> Self {
        let mut sorted = field.to_vec();
        sorted.sort_unstable();
        let mut distinct = sorted.clone();
        distinct.dedup();
        Ranking { sorted, distinct }
    }

    /// The rank of `score` under `ties`: one more than the scores above it (shared ranks) or
    /// than the distinct scores above it (dense ranks).
    fn rank(&self, score: Score, ties: RankTies) -> u32 {
        let above = |scores: &[Score]| scores.len() - scores.partition_point(|s| *s <= score);
        let count = match ties {
            RankTies::Shared => above(&self.sorted),
            RankTies::Dense => above(&self.distinct),
        };
        u32::try_from(count).map_or(u32::MAX, |c| c.saturating_add(1))
    }
}

/// Whether `score` passes `criterion` among the field of `ranking`, with the measured and
/// required values.
fn passes(
    criterion: Criterion,
    score: Score,
    ranking: &Ranking,
    ties: RankTies,
) -> (bool, Quantity, Quantity) {
    match criterion {
        Criterion::Score { min } => (
            score >= min,
            Quantity::Score(score.value()),
            Quantity::Score(min.value()),
        ),
        Criterion::Rank { max_rank } => {
            let r = ranking.rank(score, ties);
            (
                r <= max_rank,
                Quantity::Count(u64::from(r)),
                Quantity::Count(u64::from(max_rank)),
            )
        }
    }
}

/// Decides both stages of a screening.
///
/// The document stage ranks over all applicants; the on-site stage only over the document
/// passers who have an on-site score. A document passer without one gets
/// `on_site_screening_missing`; an applicant who failed the document stage gets no on-site
/// reason.
///
/// # Example
/// ```
/// use cqnet_core::rules::RulePack;
/// use cqnet_core::screening::{decide, Applicant, Criterion, Screening};
/// use cqnet_core::{ReasonCode, Score};
/// let s = |n: u32| Score::new(n.into()).unwrap();
/// let screening = Screening::new(
///     Criterion::Score { min: s(70) },
///     Criterion::Score { min: s(80) },
///     vec![Applicant::new("A01", s(65), None)?, Applicant::new("A02", s(70), None)?],
/// )?;
/// let d = decide(&screening, &RulePack::embedded().newest());
/// assert_eq!(d.outcomes[0].reasons[0].code, ReasonCode::DocumentScreeningFailed);
/// assert_eq!(d.outcomes[1].reasons[0].code, ReasonCode::OnSiteScreeningMissing);
/// assert!(d.selected.is_empty());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
pub fn decide(screening: &Screening, rules: &Rules) -> ScreeningDecision {
    let ties = &rules.designation.rank_ties;
    let basis = |criterion: Criterion| match criterion {
        Criterion::Score { .. } => LegalBasis::new(SCREENING_BASIS, Provenance::Confirmed),
        Criterion::Rank { .. } => LegalBasis::new(
            format!("{SCREENING_BASIS}; {}", ties.basis.citation()),
            ties.basis.provenance(),
        ),
    };
    let documents: Vec<Score> = screening.applicants.iter().map(|a| a.document).collect();
    let documents = Ranking::of(&documents);
    let document_passed: Vec<bool> = screening
        .applicants
        .iter()
        .map(|a| passes(screening.document, a.document, &documents, ties.value).0)
        .collect();
    let on_site_field: Vec<Score> = screening
        .applicants
        .iter()
        .zip(&document_passed)
        .filter_map(|(a, passed)| a.on_site.filter(|_| *passed))
        .collect();
    let on_site_field = Ranking::of(&on_site_field);

    let mut outcomes = Vec::new();
    for (applicant, &passed_document) in screening.applicants.iter().zip(&document_passed) {
        let mut reasons = Vec::new();
        let mut passed_on_site = false;
        if !passed_document {
            let (_, measured, required) = passes(
                screening.document,
                applicant.document,
                &documents,
                ties.value,
            );
            reasons.push(
                Reason::new(
                    ReasonCode::DocumentScreeningFailed,
                    basis(screening.document),
                )
                .measured(measured)
                .required(required),
            );
        } else if let Some(on_site) = applicant.on_site {
            let (ok, measured, required) =
                passes(screening.on_site, on_site, &on_site_field, ties.value);
            passed_on_site = ok;
            if !ok {
                reasons.push(
                    Reason::new(ReasonCode::OnSiteScreeningFailed, basis(screening.on_site))
                        .measured(measured)
                        .required(required),
                );
            }
        } else {
            reasons.push(Reason::new(
                ReasonCode::OnSiteScreeningMissing,
                basis(screening.on_site),
            ));
        }
        outcomes.push(ApplicantOutcome {
            id: applicant.id.clone(),
            passed_document,
            passed_on_site,
            reasons,
        });
    }
    ScreeningDecision {
        selected: outcomes
            .iter()
            .filter(|o| o.passed_document && o.passed_on_site)
            .map(|o| o.id.clone())
            .collect(),
        outcomes,
        rules: RulesUsed::from(rules),
    }
}
