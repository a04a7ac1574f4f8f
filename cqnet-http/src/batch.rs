//! `POST /v1/evaluate/batch?as_of=YYYY-MM-DD&kind=course_based`: many candidates decided in one
//! request, as NDJSON (one case `input` a line, read as `POST /v1/evaluate/{kind}` reads its
//! body) or as CSV (the population schema of cqnet-analytics, one row a competency unit), and
//! answered as NDJSON, one line per candidate in the order of the body, streamed in chunks as
//! they are decided on the blocking pool.
//!
//! Each line names the candidate's line in the body (the first row of a CSV candidate) and, for
//! CSV, the candidate's id; then either `decision`, the single route's answer for that candidate
//! (every field, the reasons in full), or `problem`, the problem document the single route would
//! answer for that line alone (with `column`, the CSV column to blame, where one is). A bad line
//! never stops the others.

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cqnet_analytics::csv::{
    Column, CsvError, PopulationFile, RowIssue, TextEncoding, read_course_population,
};
use cqnet_cases::{Answer, EvaluateError};
use cqnet_core::rules::{RulePack, Rules};
use serde::Serialize;
use serde_json::Value;

use crate::Problem;
use crate::body::media_type;
use crate::evaluate::rules_as_of;
use crate::problem::ProblemJson;
use crate::query::{Params, invalid};
use crate::streamed::{self, Chunks};

/// The media type of an NDJSON body and answer.
pub(crate) const NDJSON: &str = "application/x-ndjson";

/// The kind a batch decides when the query names none, and the only one a CSV body holds.
const COURSE_BASED: &str = "course_based";

/// How many answer lines make one chunk of the stream: large enough that a chunk is worth
/// sending (and a thread deciding it), small enough that a few chunks in memory stay small.
const LINES_PER_CHUNK: usize = 256;

/// How the body is written.
pub(crate) enum Format {
    /// One JSON object a line.
    Ndjson,
    /// The course-based population schema, in the given text encoding.
    Csv(TextEncoding),
}

/// What a batch request asks, read before its body is: the format from its `Content-Type`,
/// the rules from `as_of`, the kind from `kind`.
pub(crate) struct Plan {
    format: Format,
    rules: Rules,
    kind: String,
}

/// Reads the request's plan: `415 not-ndjson-or-csv` for another content type (or a charset
/// the format does not take), `400 invalid-query` for a bad or unknown parameter or a kind a
/// CSV body does not hold, `404 unknown-kind`, `422 rules-not-in-force`.
pub(crate) fn plan(pack: &RulePack, params: &Params, request: &Request) -> Result<Plan, Problem> {
    let format = format_of(request)?;
    params.only(&["as_of", "kind"])?;
    let rules = rules_as_of(pack, params)?;
    let kind = params.text("kind")?.unwrap_or(COURSE_BASED).to_owned();
    if !cqnet_cases::kinds().contains(&kind.as_str()) {
        return Err(EvaluateError::UnknownKind(kind).into());
    }
    if matches!(format, Format::Csv(_)) && kind != COURSE_BASED {
        return Err(invalid(
            "kind",
            format!("a CSV body holds {COURSE_BASED} candidates only, not {kind}"),
        ));
    }
    Ok(Plan {
        format,
        rules,
        kind,
    })
}

fn format_of(request: &Request) -> Result<Format, Problem> {
    let unsupported = || {
        Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-ndjson-or-csv",
            "the body must be sent as Content-Type: application/x-ndjson (UTF-8) or text/csv \
             (UTF-8 with or without a byte-order mark; charset=cp949 or euc-kr for CP949)",
        )
    };
    let (media, charset) = media_type(request).ok_or_else(unsupported)?;
    let utf8 = |charset: &Option<String>| charset.as_deref().is_none_or(|c| c == "utf-8");
    match media.as_str() {
        NDJSON if utf8(&charset) => Ok(Format::Ndjson),
        "text/csv" if utf8(&charset) => Ok(Format::Csv(TextEncoding::Utf8)),
        "text/csv" if matches!(charset.as_deref(), Some("cp949" | "euc-kr" | "windows-949")) => {
            Ok(Format::Csv(TextEncoding::Cp949))
        }
        _ => Err(unsupported()),
    }
}

/// Answers the body under the plan: `200` with the NDJSON lines streamed as they are decided,
/// or `400 malformed-csv` for a CSV file that cannot be read at all (not text in its encoding,
/// a header naming an unknown, repeated or missing column). An empty body is an empty answer.
pub(crate) async fn answer(plan: Plan, body: Bytes) -> Result<Response, Problem> {
    let Plan {
        format,
        rules,
        kind,
    } = plan;
    let body = match format {
        Format::Ndjson => {
            streamed::from_blocking(move |chunks| ndjson(&kind, &rules, &body, chunks))
        }
        Format::Csv(encoding) => {
            // Read on the blocking pool too: a large file takes a while.
            let read = tokio::task::spawn_blocking(move || read_course_population(&body, encoding))
                .await
                .map_err(|e| {
                    Problem::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "unanswered",
                        e.to_string(),
                    )
                })?;
            let file = match read {
                Ok(file) => file,
                // No header: the body is empty (or only a byte-order mark).
                Err(CsvError::NoHeader) => return Ok(ndjson_response(axum::body::Body::empty())),
                Err(e) => {
                    return Err(Problem::new(
                        StatusCode::BAD_REQUEST,
                        "malformed-csv",
                        e.to_string(),
                    ));
                }
            };
            streamed::from_blocking(move |chunks| csv(&file, &rules, chunks))
        }
    };
    Ok(ndjson_response(body))
}

fn ndjson_response(body: axum::body::Body) -> Response {
    let mut response = body.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(NDJSON));
    response
}

/// Decides each line of an NDJSON body as `POST /v1/evaluate/{kind}` decides its body; blank
/// lines are skipped, their numbers kept.
fn ndjson(kind: &str, rules: &Rules, body: &[u8], chunks: &Chunks) {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let lines = body
        .split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, text)| !text.iter().all(u8::is_ascii_whitespace));
    in_chunks(lines, chunks, |(index, text), out| {
        let answer = serde_json::from_slice::<Value>(text)
            .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "malformed-json", e.to_string()))
            .and_then(|input| cqnet_cases::answer(kind, &input, rules).map_err(Problem::from));
        out.write(line_number(*index), None, answer, None);
    });
}

/// The line number of the line at `index`, from 1.
fn line_number(index: usize) -> u64 {
    u64::try_from(index).map_or(u64::MAX, |i| i.saturating_add(1))
}

/// What a CSV answer's line is about: a candidate read whole, or a bad row.
enum Entry<'f> {
    Candidate(usize),
    Issue(&'f RowIssue),
}

/// Decides each candidate of a CSV file as `POST /v1/evaluate/course_based` decides the same
/// candidate given as an input, and reports each bad row; in the order of the file's lines
/// (a candidate at its first row).
fn csv(file: &PopulationFile, rules: &Rules, chunks: &Chunks) {
    let mut candidates = file.first_lines.iter().enumerate().peekable();
    let mut issues = file.issues.iter().peekable();
    let entries = std::iter::from_fn(|| match (candidates.peek(), issues.peek()) {
        (Some((_, first)), Some(issue)) if issue.line < **first => issues.next().map(Entry::Issue),
        (Some(_), _) => candidates.next().map(|(index, _)| Entry::Candidate(index)),
        (None, _) => issues.next().map(Entry::Issue),
    });
    in_chunks(entries, chunks, |entry, out| match entry {
        Entry::Candidate(index) => {
            let answer = file
                .population
                .record(*index)
                .map_err(|e| {
                    Problem::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "unanswered",
                        e.to_string(),
                    )
                })
                .and_then(|record| {
                    cqnet_cases::answer_course_record(&record, rules).map_err(Problem::from)
                });
            let line = file.first_lines.get(*index).copied().unwrap_or(0);
            let id = file.candidate_ids.get(*index).map(String::as_str);
            out.write(line, id, answer, None);
        }
        Entry::Issue(issue) => {
            let problem = Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-row",
                issue.error.to_string(),
            );
            out.write(
                issue.line,
                issue.candidate.as_deref(),
                Err(problem),
                issue.column.map(Column::name),
            );
        }
    });
}

/// Answers `items` in their order, [`LINES_PER_CHUNK`] a chunk, each chunk written by `answer`
/// on one of as many threads as the machine has cores, a round of chunks at a time; stops once
/// the client has gone.
fn in_chunks<T: Sync>(
    items: impl Iterator<Item = T>,
    chunks: &Chunks,
    answer: impl Fn(&T, &mut Lines) + Sync,
) {
    let deciders = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut items = items.peekable();
    let mut round: Vec<T> = Vec::with_capacity(LINES_PER_CHUNK * deciders);
    while items.peek().is_some() {
        round.clear();
        round.extend(items.by_ref().take(LINES_PER_CHUNK * deciders));
        let write = |part: &[T]| {
            let mut lines = Lines::default();
            for item in part {
                answer(item, &mut lines);
            }
            lines.0
        };
        let written: Vec<Vec<u8>> = if deciders == 1 || round.len() <= LINES_PER_CHUNK {
            round.chunks(LINES_PER_CHUNK).map(write).collect()
        } else {
            std::thread::scope(|scope| {
                let running: Vec<_> = round
                    .chunks(LINES_PER_CHUNK)
                    .map(|part| scope.spawn(move || write(part)))
                    .collect();
                running
                    .into_iter()
                    .map(|thread| {
                        thread
                            .join()
                            .unwrap_or_else(|e| std::panic::resume_unwind(e))
                    })
                    .collect()
            })
        };
        for chunk in written {
            if !chunks.send(chunk) {
                return;
            }
        }
    }
}

/// One line of the answer.
#[derive(Serialize)]
struct Line<'a> {
    line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidate: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<&'a Answer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<ProblemJson<'a>>,
}

/// The lines of one chunk of the answer.
#[derive(Default)]
struct Lines(Vec<u8>);

impl Lines {
    /// Writes one line.
    fn write(
        &mut self,
        line: u64,
        candidate: Option<&str>,
        answer: Result<Answer, Problem>,
        column: Option<&'static str>,
    ) {
        let (decision, problem) = match &answer {
            Ok(decision) => (Some(decision), None),
            Err(problem) => (None, Some(problem.json())),
        };
        let start = self.0.len();
        let written = serde_json::to_writer(
            &mut self.0,
            &Line {
                line,
                candidate,
                decision,
                column,
                problem,
            },
        );
        if let Err(e) = written {
            // Nothing half-written stays: the line becomes the fault's problem.
            self.0.truncate(start);
            let fault = Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "unserialisable",
                e.to_string(),
            );
            let fallback = Line {
                line,
                candidate,
                decision: None,
                column: None,
                problem: Some(fault.json()),
            };
            if serde_json::to_writer(&mut self.0, &fallback).is_err() {
                self.0.truncate(start);
                return;
            }
        }
        self.0.push(b'\n');
    }
}
