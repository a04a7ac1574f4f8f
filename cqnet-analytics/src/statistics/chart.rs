//! The statistics as SVG bar charts, drawn with plotters on its SVG back end: a title, a
//! value axis, one bar per band, row or stage, each bar's number printed above it and its
//! label below (the Korean, then the English on a line of its own).
//!
//! Text stays text (`<text>` elements in the font the viewer has, Korean first in the list),
//! so Hangul needs no font file here. The page is laid out from an estimate of each label's
//! width (a Hangul syllable an em, other characters about half), and a chart grows wider with
//! its bars rather than let their numbers or labels run into each other.

use cqnet_core::statistics::{FunnelRow, ScoreDistribution};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::prelude::ToPrimitive;

use super::table::{STAGE_LABELS, band_label, key_text, stage_counts};

/// The fonts asked for, a Korean one first: the SVG names them and the viewer draws them.
const FONTS: &str = "Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, NanumGothic, sans-serif";
/// The bars of a one-bar group, the stages' bars of the funnel: one colour each.
const BAR: RGBColor = RGBColor(0x2f, 0x6d, 0xb5);
const STAGE_COLOURS: [RGBColor; 6] = [
    RGBColor(0x9e, 0xb9, 0xd4),
    RGBColor(0x6b, 0x97, 0xc4),
    RGBColor(0x2f, 0x6d, 0xb5),
    RGBColor(0x1f, 0x4e, 0x8c),
    RGBColor(0xe0, 0x8a, 0x2c),
    RGBColor(0x3a, 0x9a, 0x5b),
];
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);

/// Font sizes in plotters' units (it writes 1/1.24 of them as the SVG's pixels).
const TITLE_SIZE: f64 = 24.0;
const TEXT_SIZE: f64 = 17.0;
const VALUE_SIZE: f64 = 16.0;

/// Layout, in pixels.
const HEIGHT: u32 = 500;
const Y_LABEL_AREA: u32 = 86;
const RIGHT_MARGIN: u32 = 24;
/// Room for the title, the subtitle and the axis's name.
const TITLE_AREA: u32 = 62;
/// Room above the tallest bar for its number.
const TOP_MARGIN: u32 = 30;
/// Room under the bars for a two-line label.
const X_LABEL_AREA: u32 = 58;
const LEGEND_ROW: u32 = 28;
const MIN_PLOT_WIDTH: u32 = 360;
const LEGEND_INDENT: u32 = 20;

/// A chart that plotters could not draw.
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::ChartError;
/// fn describe(error: &ChartError) -> String {
///     error.to_string()
/// }
/// ```
#[derive(Debug, thiserror::Error)]
#[error("the chart cannot be drawn: {0}")]
pub struct ChartError(String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        ChartError(error.to_string())
    }
}

/// One bar: its value on the axis and its number as printed above it.
struct Bar {
    value: f64,
    printed: String,
    colour: RGBColor,
}

/// The bars standing side by side over one label.
struct Group {
    label: String,
    bars: Vec<Bar>,
}

/// Everything a bar chart shows.
struct BarChart<'a> {
    title: &'a str,
    /// A second line under the title, smaller; empty for none.
    subtitle: String,
    axis_title: &'a str,
    /// The top of the value axis.
    axis_top: f64,
    axis_format: fn(f64) -> String,
    groups: Vec<Group>,
    /// The colours' meaning, when the bars of a group differ.
    legend: Vec<(&'a str, RGBColor)>,
}

/// The external-evaluation funnel (학습근로자 → 외부평가 대상 → 접수 → 응시 → 합격 → 자격취득)
/// as grouped bars: per row (a year, say) six bars in funnel order, each with its count above
/// it, and a legend of the stages in Korean and English.
///
/// # Errors
/// [`ChartError`] when plotters cannot draw the chart (its SVG back end writes to memory, so
/// this is not expected).
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::funnel_svg;
/// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, Stage, StatRecord};
/// let records = vec![
///     StatRecord::new(2025, "기사", "전기기사", "직업훈련기관", Gender::F, Stage::Passed)?,
///     StatRecord::new(2026, "기사", "전기기사", "직업훈련기관", Gender::M, Stage::Sat)?,
/// ];
/// let rows = funnel(&records, &GroupBy::new(vec![Dimension::Year])?);
/// let svg = funnel_svg(&rows, "연도별 현황 (the funnel by year)")?;
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains("학습근로자 (learners)"));
/// assert!(svg.contains("2025") && svg.contains("2026"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn funnel_svg(rows: &[FunnelRow], title: &str) -> Result<String, ChartError> {
    let most = rows.iter().flat_map(stage_counts).max().unwrap_or(0).max(1);
    let groups = rows
        .iter()
        .map(|row| Group {
            label: group_label(row),
            bars: stage_counts(row)
                .into_iter()
                .zip(STAGE_COLOURS)
                .map(|(count, colour)| Bar {
                    value: count as f64,
                    printed: thousands(count),
                    colour,
                })
                .collect(),
        })
        .collect();
    draw(&BarChart {
        title,
        subtitle: String::new(),
        axis_title: "인원 (people)",
        axis_top: nice_ceiling(most as f64),
        axis_format: |v| thousands(v.round() as u64),
        groups,
        legend: STAGE_LABELS.into_iter().zip(STAGE_COLOURS).collect(),
    })
}

/// The pass rate (합격률) of each funnel row as a bar on a scale of 0 to 100, its rate to one
/// decimal place above it; a row without examinees has no bar. Its label is the row's key.
///
/// # Errors
/// [`ChartError`] when plotters cannot draw the chart (not expected, see [`funnel_svg`]).
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::pass_rate_svg;
/// use cqnet_core::statistics::{funnel, Dimension, Gender, GroupBy, Stage, StatRecord};
/// let records = vec![
///     StatRecord::new(2026, "기사", "전기기사", "직업훈련기관", Gender::F, Stage::Passed)?,
///     StatRecord::new(2026, "기사", "전기기사", "직업훈련기관", Gender::M, Stage::Sat)?,
/// ];
/// let rows = funnel(&records, &GroupBy::new(vec![Dimension::Qualification])?);
/// let svg = pass_rate_svg(&rows, "합격률 (pass rate)")?;
/// assert!(svg.contains("50%"));
/// assert!(svg.contains("전기기사"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pass_rate_svg(rows: &[FunnelRow], title: &str) -> Result<String, ChartError> {
    let groups = rows
        .iter()
        .filter_map(|row| {
            let rate = row.pass_rate?;
            Some(Group {
                label: group_label(row),
                bars: vec![Bar {
                    value: rate.to_f64().unwrap_or(0.0),
                    printed: format!("{}%", rate.round_dp(1).normalize()),
                    colour: BAR,
                }],
            })
        })
        .collect();
    draw(&BarChart {
        title,
        subtitle: String::new(),
        axis_title: "합격률 (pass rate, %)",
        axis_top: 100.0,
        axis_format: |v| format!("{v:.0}"),
        groups,
        legend: Vec::new(),
    })
}

/// A round's score distribution (점수 분포) as a bar per band, its count above it, the band's
/// label below, and the examinees and the average to one decimal place under the title.
///
/// # Errors
/// [`ChartError`] when plotters cannot draw the chart (not expected, see [`funnel_svg`]).
///
/// # Example
/// ```
/// use cqnet_analytics::statistics::distribution_svg;
/// use cqnet_core::statistics::score_distribution;
/// use cqnet_core::{rules::RulePack, Score};
/// let scores: Vec<Score> = [35, 62, 81, 90].into_iter().map(Score::whole).collect::<Result<_, _>>()?;
/// let svg = distribution_svg(&score_distribution(&scores, &RulePack::embedded().newest()), "전기기사 2026년 1회")?;
/// assert!(svg.contains("평균 67"));
/// assert!(svg.contains("80 이상") && svg.contains("(80 and above)"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn distribution_svg(
    distribution: &ScoreDistribution,
    title: &str,
) -> Result<String, ChartError> {
    let most = distribution
        .bands
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let groups = distribution
        .bands
        .iter()
        .map(|band| Group {
            label: band_label(band),
            bars: vec![Bar {
                value: band.count as f64,
                printed: thousands(band.count),
                colour: BAR,
            }],
        })
        .collect();
    let subtitle = match distribution.average {
        Some(average) => {
            let (examinees, average) = (thousands(distribution.examinees), average.round_dp(1));
            format!(
                "응시자 {examinees} 명, 평균 {average} (examinees {examinees}, average {average})"
            )
        }
        None => "응시자 없음 (no examinees)".into(),
    };
    draw(&BarChart {
        title,
        subtitle,
        axis_title: "인원 (people)",
        axis_top: nice_ceiling(most as f64),
        axis_format: |v| thousands(v.round() as u64),
        groups,
        legend: Vec::new(),
    })
}

/// A row's group as one label: its grouping values joined by ` · ` (`전체 (all)` for none).
fn group_label(row: &FunnelRow) -> String {
    if row.key.is_empty() {
        return "전체 (all)".into();
    }
    row.key
        .iter()
        .map(|(_, value)| key_text(value))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The chart's SVG text.
fn draw(chart: &BarChart) -> Result<String, ChartError> {
    let text = |size: f64| FontDesc::new(FontFamily::Name(FONTS), size, FontStyle::Normal);
    // Each bar as wide as its number needs, each group as wide as its label needs.
    let bar_width = chart
        .groups
        .iter()
        .flat_map(|g| &g.bars)
        .map(|b| text_width(&b.printed, VALUE_SIZE) + 10)
        .max()
        .unwrap_or(0)
        .max(if chart.legend.is_empty() { 64 } else { 40 });
    let slot = |group: &Group| {
        let bars = group.bars.len() as u32 * bar_width;
        let label = label_lines(&group.label)
            .iter()
            .map(|line| text_width(line, TEXT_SIZE))
            .max()
            .unwrap_or(0);
        bars.max(label) + if chart.legend.is_empty() { 36 } else { 28 }
    };
    // Every group as wide as the widest, so that the bars stand evenly.
    let widest = chart.groups.iter().map(slot).max().unwrap_or(0);
    let slots = vec![widest; chart.groups.len()];
    let title_width = [
        (chart.title, TITLE_SIZE),
        (chart.subtitle.as_str(), TEXT_SIZE),
    ]
    .iter()
    .map(|(line, size)| text_width(line, *size) + 40)
    .max()
    .unwrap_or(0);
    // A title wider than the bars widens the plot, not an empty margin beside it.
    let plot_width = slots
        .iter()
        .sum::<u32>()
        .max(MIN_PLOT_WIDTH)
        .max(title_width.saturating_sub(Y_LABEL_AREA + RIGHT_MARGIN));
    let width = Y_LABEL_AREA + plot_width + RIGHT_MARGIN;
    // The legend's entries side by side, on as many rows as the width needs.
    let mut legend_at = Vec::new();
    let (mut x, mut row) = (LEGEND_INDENT, 0u32);
    for (label, _) in &chart.legend {
        let entry = text_width(label, TEXT_SIZE) + 48;
        if x > LEGEND_INDENT && x + entry > width {
            (x, row) = (LEGEND_INDENT, row + 1);
        }
        legend_at.push((x, row));
        x += entry;
    }
    let legend_rows = if chart.legend.is_empty() { 0 } else { row + 1 };
    let height = HEIGHT + legend_rows * LEGEND_ROW;
    // With the bars spread over the plot's width when the title widened it.
    let spare = plot_width - slots.iter().sum::<u32>().min(plot_width);
    let widened = spare / slots.len().max(1) as u32;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let centred = |size| {
            text(size)
                .color(&INK)
                .pos(Pos::new(HPos::Center, VPos::Top))
        };
        root.draw(&Text::new(
            chart.title,
            (width as i32 / 2, 12),
            centred(TITLE_SIZE),
        ))?;
        if !chart.subtitle.is_empty() {
            root.draw(&Text::new(
                chart.subtitle.as_str(),
                (width as i32 / 2, 40),
                centred(TEXT_SIZE),
            ))?;
        }
        // The axis's name level, above its top, where no bar's number reaches.
        root.draw(&Text::new(
            chart.axis_title,
            (12, 68),
            text(TEXT_SIZE)
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
        let (upper, _) = root.split_vertically(HEIGHT);
        let mut cartesian = ChartBuilder::on(&upper)
            .margin_top(TITLE_AREA + TOP_MARGIN)
            .margin_right(RIGHT_MARGIN)
            .x_label_area_size(X_LABEL_AREA)
            .y_label_area_size(Y_LABEL_AREA)
            .build_cartesian_2d(0f64..f64::from(plot_width), 0f64..chart.axis_top)?;
        let format = chart.axis_format;
        let axis_label = move |v: &f64| format(*v);
        cartesian
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_label_formatter(&axis_label)
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(INK)
            .label_style(text(TEXT_SIZE).color(&INK))
            .draw()?;
        if chart.groups.is_empty() {
            let (x, y) =
                cartesian.backend_coord(&(f64::from(plot_width) / 2.0, chart.axis_top / 2.0));
            root.draw(&Text::new(
                "자료 없음 (no data)",
                (x, y),
                text(TEXT_SIZE)
                    .color(&INK)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        let mut left = 0u32;
        for (group, slot) in chart.groups.iter().zip(&slots) {
            let slot = slot + widened;
            let bars_width = group.bars.len() as u32 * bar_width;
            let mut x = left + (slot - bars_width) / 2;
            for bar in &group.bars {
                let inset = f64::from(bar_width) * 0.08;
                let (x0, top) = cartesian
                    .backend_coord(&(f64::from(x) + inset, bar.value.clamp(0.0, chart.axis_top)));
                let (x1, base) = cartesian.backend_coord(&(f64::from(x + bar_width) - inset, 0.0));
                root.draw(&Rectangle::new(
                    [(x0, top), (x1, base)],
                    bar.colour.filled(),
                ))?;
                root.draw(&Text::new(
                    bar.printed.clone(),
                    ((x0 + x1) / 2, top - 4),
                    text(VALUE_SIZE)
                        .color(&INK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom)),
                ))?;
                x += bar_width;
            }
            let (centre, base) = cartesian.backend_coord(&(f64::from(left + slot / 2), 0.0));
            for (n, line) in label_lines(&group.label).iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (centre, base + 8 + 21 * n as i32),
                    centred(TEXT_SIZE),
                ))?;
            }
            left += slot;
        }
        for ((label, colour), (x, row)) in chart.legend.iter().zip(legend_at) {
            let (x, y) = (x as i32, (HEIGHT + row * LEGEND_ROW) as i32);
            root.draw(&Circle::new((x + 7, y), 7, colour.filled()))?;
            root.draw(&Text::new(
                *label,
                (x + 20, y),
                text(TEXT_SIZE)
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        root.present()?;
    }
    Ok(svg)
}

/// A label on one or two lines: the Korean, then the English in brackets on a line of its own.
fn label_lines(label: &str) -> Vec<String> {
    match label.split_once(" (") {
        Some((korean, english)) => vec![korean.to_owned(), format!("({english}")],
        None => vec![label.to_owned()],
    }
}

/// About how many pixels `text` takes at `size`: Hangul and other wide characters an em,
/// the others about half of one.
fn text_width(text: &str, size: f64) -> u32 {
    let em = size / 1.24;
    let ems: f64 = text
        .chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.52 })
        .sum();
    (ems * em).ceil() as u32
}

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11ff}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff00}'..='\u{ff60}')
}

/// A whole number with a comma every three digits: `12,345`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The top of a count axis: at least the largest count, on a round step (1, 2 or 5 times a
/// power of ten, a tenth of the axis), with room above the largest bar for its number.
fn nice_ceiling(most: f64) -> f64 {
    let raw = most * 1.05 / 10.0;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
        .max(1.0);
    ((most * 1.05 / step).ceil() * step).max(1.0)
}
