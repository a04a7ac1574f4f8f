//! The published statistics (통계) as files a person opens: the external-evaluation funnel
//! (학습근로자 → 외부평가 대상 → 접수 → 응시 → 합격 → 자격취득) and a round's score
//! distribution (점수 분포), counted by the core (`cqnet_core::statistics`), written here as CSV
//! (UTF-8 with a byte-order mark, so that Excel reads Hangul), as Vega-Lite chart
//! specifications, (feature `charts`) as SVG bar charts drawn with plotters, and (feature
//! `xlsx`) as an Excel workbook. The funnel's records of a population file decided in bulk
//! come from [`records_of`].
//!
//! # Example
//! ```
//! use cqnet_analytics::statistics::distribution_csv;
//! use cqnet_core::statistics::score_distribution;
//! use cqnet_core::{rules::RulePack, Score};
//!
//! let scores: Vec<Score> = [35, 62, 81, 90].into_iter().map(Score::whole).collect::<Result<_, _>>()?;
//! let d = score_distribution(&scores, &RulePack::embedded().newest());
//! let csv = distribution_csv(&d);
//! assert!(csv.starts_with('\u{feff}'));
//! assert!(csv.contains("80 이상 (80 and above),2"));
//! # Ok::<(), cqnet_core::InputError>(())
//! ```

#[cfg(feature = "charts")]
mod chart;
mod records;
mod table;
mod vega_lite;
#[cfg(feature = "xlsx")]
mod workbook;

#[cfg(feature = "charts")]
#[cfg_attr(docsrs, doc(cfg(feature = "charts")))]
pub use chart::{ChartError, distribution_svg, funnel_svg, pass_rate_svg};
pub use records::{FileRecords, RecordsError, records_of};
pub use table::{band_label, distribution_csv, funnel_csv, trend_csv};
pub use vega_lite::{distribution_vega_lite, funnel_vega_lite, pass_rate_vega_lite};
#[cfg(feature = "xlsx")]
#[cfg_attr(docsrs, doc(cfg(feature = "xlsx")))]
pub use workbook::{
    DISTRIBUTION_SHEET, FUNNEL_SHEET, TRENDS_SHEET, WorkbookError, statistics_xlsx,
};
