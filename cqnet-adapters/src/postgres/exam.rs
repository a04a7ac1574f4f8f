//! The exam rounds commands (외부평가 회차), written once against [`Exec`] and run by both
//! PostgreSQL stores, each inside the `READ COMMITTED` transaction its caller opened.
//!
//! A seat is taken by `UPDATE exam_venues SET booked = booked + 1 WHERE … AND booked <
//! capacity RETURNING capacity`: racers for one venue queue on its row and each sees the
//! seats its predecessors took, so the venue never overbooks; the exam number comes from the
//! round's counter row (`UPDATE exam_counters SET last = last + 1 … RETURNING last`) in the
//! same transaction, so numbers are unique and never reused. Locks are taken in one order
//! (venue, counter, audit log; application row, venue, audit log). A concurrent retry with
//! the same key ends in a unique violation (the application id), the transaction is rolled
//! back and tried again, and the fresh attempt replays the first answer.

use cqnet_core::exam::ExamNumberPrefix;
use cqnet_store::StoreError;
use cqnet_store::exam::{
    Application, ApplicationContext, ApplicationId, ApplicationStatus, Cancellation, ExamResult,
    ExamRound, NewApplication, PastApplication, PaymentState, RoundId, VenueCode, VenueSeats,
};
use cqnet_store::idempotency::{Fingerprint, LedgerEntry, replay};
use cqnet_store::training::TrainingRecord;
use cqnet_store::training::{
    AttendanceEntry, Course, Enrollment, EnrollmentId, EvaluationEntry, LearnerKind,
};
use cqnet_store::{CommandMeta, IdempotencyKey, Version, Versioned};
use serde::de::DeserializeOwned;
use tokio_postgres::Row;

use super::commands::{audit, check_version, col, get_versioned, remember, replayed, versioned};
use super::exec::{Exec, PgError};
use crate::shared::exam::{
    check_cancellation, check_payment, check_result_matches, finalised, number_of, number_prefix,
    stmt,
};
use crate::shared::training::not_found;
use crate::sql;

type R<T> = Result<T, PgError>;

async fn many<E: Exec, T: DeserializeOwned>(
    e: &mut E,
    sql: &'static str,
    what: &'static str,
    key: &str,
) -> R<Vec<Versioned<T>>> {
    let rows = e.query(sql, &[&key]).await?;
    rows.iter().map(|r| versioned(r, what)).collect()
}

fn store(e: StoreError) -> PgError {
    PgError::Store(e)
}

pub(crate) async fn create_round<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    round: &ExamRound,
) -> R<Version> {
    let id = round.id();
    if get_versioned::<_, ExamRound>(e, stmt::ROUND_GET, "round", id.as_str())
        .await?
        .is_some()
    {
        return Err(store(StoreError::AlreadyExists {
            what: "round",
            key: id.to_string(),
        }));
    }
    let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(round)?);
    e.execute(stmt::ROUND_INSERT, &[&id.as_str(), &version, &body])
        .await?;
    for (i, v) in round.venues().iter().enumerate() {
        let (position, capacity) = (i as i64, i64::from(v.capacity()));
        e.execute(
            stmt::VENUE_INSERT,
            &[&id.as_str(), &v.code().as_str(), &position, &capacity],
        )
        .await?;
    }
    e.execute(stmt::COUNTER_INSERT, &[&id.as_str()]).await?;
    audit(e, meta, "create_round", &format!("round {id}"), "ok").await?;
    Ok(Version::FIRST)
}

pub(crate) async fn round<E: Exec>(e: &mut E, id: &RoundId) -> R<Versioned<ExamRound>> {
    get_versioned(e, stmt::ROUND_GET, "round", id.as_str())
        .await?
        .ok_or_else(|| store(not_found("round", id)))
}

pub(crate) async fn rounds<E: Exec>(e: &mut E) -> R<Vec<Versioned<ExamRound>>> {
    let rows = e.query(stmt::ROUND_ALL, &[]).await?;
    rows.iter().map(|r| versioned(r, "round")).collect()
}

pub(crate) async fn venue_seats<E: Exec>(e: &mut E, id: &RoundId) -> R<Vec<VenueSeats>> {
    round(e, id).await?;
    let rows = e.query(stmt::VENUE_SEATS, &[&id.as_str()]).await?;
    let corrupt = |detail: String| {
        store(StoreError::Corrupt {
            what: "venue seats",
            detail,
        })
    };
    rows.iter()
        .map(|r| {
            Ok(VenueSeats {
                venue: VenueCode::new(col(r, 0)?).map_err(|e| corrupt(e.to_string()))?,
                capacity: u32::try_from(col::<i64>(r, 1)?).map_err(|e| corrupt(e.to_string()))?,
                booked: u32::try_from(col::<i64>(r, 2)?).map_err(|e| corrupt(e.to_string()))?,
            })
        })
        .collect()
}

/// `cqnet_apply` (migrations 0005 and 0006): the whole application in one statement.
const APPLY: &str = "SELECT outcome, detail, answer FROM cqnet_apply($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

/// Applies in one statement, run by the caller outside an explicit transaction so that it is
/// one round trip and its locks are held only while the server runs it. A concurrent first
/// attempt with the same key makes this one fail on the application id or the key (a unique
/// violation): the caller runs it again and the fresh attempt replays the first answer.
pub(crate) async fn apply<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    print: &Fingerprint,
    new: &NewApplication,
) -> R<Versioned<Application>> {
    let (round, venue, id) = (new.round.as_str(), new.venue.as_str(), new.id.to_string());
    let candidate = new.candidate.to_string();
    // The body with a placeholder number of the round's form; the function sets the number.
    let placeholder = Application {
        id: new.id,
        round: new.round.clone(),
        candidate: new.candidate,
        qualification: new.qualification.clone(),
        venue: new.venue.clone(),
        fee: new.fee,
        number: number_of(&new.round, 1)?,
        status: ApplicationStatus::Active,
        payment: PaymentState::Unpaid,
        applied_at: meta.at,
    };
    let body = sql::to_body(&placeholder)?;
    // The layout of the number comes from the core; the function only appends the sequence.
    let prefix = number_prefix(&new.round)?.to_string();
    let digits = i32::try_from(ExamNumberPrefix::SEQUENCE_DIGITS).map_err(|e| {
        store(StoreError::Corrupt {
            what: "exam number layout",
            detail: e.to_string(),
        })
    })?;
    let (actor, at) = (sql::to_body(&meta.actor)?, sql::instant_column(meta.at));
    let subject = format!("application {id} ({{number}}) of {candidate} at {venue}");
    let rows = e
        .query(
            APPLY,
            &[
                &key.as_str(),
                &print.as_str(),
                &id,
                &round,
                &venue,
                &candidate,
                &prefix,
                &digits,
                &body,
                &actor,
                &at,
                &subject,
            ],
        )
        .await?;
    let row = rows.first().ok_or_else(|| {
        store(StoreError::Unavailable(
            "postgres: cqnet_apply returned no row".into(),
        ))
    })?;
    let (outcome, detail, answer): (&str, Option<&str>, Option<&str>) =
        (col(row, 0)?, col(row, 1)?, col(row, 2)?);
    let missing = || {
        store(StoreError::Corrupt {
            what: "cqnet_apply answer",
            detail: format!("outcome {outcome} without its value"),
        })
    };
    match outcome {
        "applied" => Ok(Versioned {
            value: sql::from_body("application", answer.ok_or_else(missing)?)?,
            version: Version::FIRST,
        }),
        "replay" => Ok(replay_application(
            key,
            detail.ok_or_else(missing)?,
            answer.ok_or_else(missing)?,
            print,
        )?),
        "duplicate" => Err(store(StoreError::AlreadyExists {
            what: "application",
            key: format!("{candidate} in round {round}"),
        })),
        "full" => Err(store(StoreError::VenueFull {
            venue: venue.to_owned(),
            capacity: detail.and_then(|d| d.parse().ok()).ok_or_else(missing)?,
        })),
        "no_venue" => Err(store(not_found("venue", format!("{round}/{venue}")))),
        other => Err(store(StoreError::Corrupt {
            what: "cqnet_apply answer",
            detail: format!("unknown outcome {other}"),
        })),
    }
}

/// The first answer of an `apply` key: the application as first stored (version 1). Keys
/// stored before migration 0005 hold the versioned application itself.
fn replay_application(
    key: &IdempotencyKey,
    stored_fingerprint: &str,
    stored_result: &str,
    print: &Fingerprint,
) -> Result<Versioned<Application>, StoreError> {
    match replay::<Application>(key, stored_fingerprint, stored_result, print) {
        Ok(value) => Ok(Versioned {
            value,
            version: Version::FIRST,
        }),
        Err(StoreError::Corrupt { .. }) => replay(key, stored_fingerprint, stored_result, print),
        Err(other) => Err(other),
    }
}

pub(crate) async fn cancel<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    key: &IdempotencyKey,
    print: &Fingerprint,
    c: &Cancellation,
) -> R<Versioned<Application>> {
    let id = c.application.to_string();
    let current: Option<Versioned<Application>> =
        get_versioned(e, stmt::APP_LOCK, "application", &id).await?;
    if let Some(answer) = replayed(e, key, print).await? {
        return Ok(answer);
    }
    let mut current = current.ok_or_else(|| store(not_found("application", &id)))?;
    let has_result = get_versioned::<_, ExamResult>(e, stmt::RESULT_GET, "result", &id)
        .await?
        .is_some();
    check_cancellation(&current.value, has_result).map_err(store)?;
    current.value.status = ApplicationStatus::Cancelled {
        at: meta.at,
        reason: c.reason,
        refund: c.refund,
    };
    if current.value.payment == PaymentState::Paid {
        current.value.payment = PaymentState::Refunded { amount: c.refund };
    }
    current.version = current.version.next();
    let a = &current.value;
    let (version, body) = (sql::version_column(current.version)?, sql::to_body(a)?);
    e.execute(stmt::APP_UPDATE, &[&false, &version, &body, &id])
        .await?;
    let freed = e
        .execute(stmt::SEAT_FREE, &[&a.round.as_str(), &a.venue.as_str()])
        .await?;
    if freed != 1 {
        return Err(store(StoreError::Corrupt {
            what: "venue seats",
            detail: format!("venue {}/{} had no seat booked to free", a.round, a.venue),
        }));
    }
    audit(
        e,
        meta,
        "cancel",
        &format!("application {id} refund {}", c.refund),
        "ok",
    )
    .await?;
    remember(e, key, print, &current).await?;
    Ok(current)
}

pub(crate) async fn record_payment<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    application: ApplicationId,
    expected: Version,
) -> R<Version> {
    let id = application.to_string();
    let mut current: Versioned<Application> = get_versioned(e, stmt::APP_LOCK, "application", &id)
        .await?
        .ok_or_else(|| store(not_found("application", &id)))?;
    check_version("application", &id, expected, current.version)?;
    check_payment(&current.value).map_err(store)?;
    current.value.payment = PaymentState::Paid;
    current.version = current.version.next();
    let (version, body) = (
        sql::version_column(current.version)?,
        sql::to_body(&current.value)?,
    );
    e.execute(stmt::APP_UPDATE, &[&true, &version, &body, &id])
        .await?;
    audit(
        e,
        meta,
        "record_payment",
        &format!("application {id}"),
        "ok",
    )
    .await?;
    Ok(current.version)
}

pub(crate) async fn application<E: Exec>(
    e: &mut E,
    id: ApplicationId,
) -> R<Versioned<Application>> {
    get_versioned(e, stmt::APP_GET, "application", &id.to_string())
        .await?
        .ok_or_else(|| store(not_found("application", id)))
}

pub(crate) async fn applications<E: Exec>(
    e: &mut E,
    round: &RoundId,
) -> R<Vec<Versioned<Application>>> {
    many(e, stmt::APP_BY_ROUND, "application", round.as_str()).await
}

pub(crate) async fn applications_of<E: Exec>(
    e: &mut E,
    candidate: EnrollmentId,
) -> R<Vec<Versioned<Application>>> {
    many(
        e,
        stmt::APP_BY_CANDIDATE,
        "application",
        &candidate.to_string(),
    )
    .await
}

pub(crate) async fn put_result<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    result: &ExamResult,
    expected: Option<Version>,
) -> R<Version> {
    let id = result.application.to_string();
    let app: Versioned<Application> = get_versioned(e, stmt::APP_LOCK, "application", &id)
        .await?
        .ok_or_else(|| store(not_found("application", &id)))?;
    check_result_matches(&app.value, result)?;
    let mut stored = result.clone();
    stored.passed = None;
    stored.finalised = false;
    let body = sql::to_body(&stored)?;
    let current: Option<Versioned<ExamResult>> =
        get_versioned(e, stmt::RESULT_LOCK, "result", &id).await?;
    let version = match (current, expected) {
        (None, None) => {
            let v = sql::version_column(Version::FIRST)?;
            e.execute(
                stmt::RESULT_INSERT,
                &[
                    &id,
                    &result.round.as_str(),
                    &result.number.as_str(),
                    &false,
                    &v,
                    &body,
                ],
            )
            .await?;
            Version::FIRST
        }
        (None, Some(_)) => return Err(store(not_found("result", &id))),
        (Some(_), None) => {
            return Err(store(StoreError::AlreadyExists {
                what: "result",
                key: id,
            }));
        }
        (Some(current), Some(expected)) => {
            check_version("result", &id, expected, current.version)?;
            if current.value.finalised {
                return Err(store(finalised(result.application)));
            }
            let next = current.version.next();
            let v = sql::version_column(next)?;
            e.execute(stmt::RESULT_UPDATE, &[&false, &v, &body, &id])
                .await?;
            next
        }
    };
    audit(
        e,
        meta,
        "put_result",
        &format!("result of application {id}"),
        "ok",
    )
    .await?;
    Ok(version)
}

pub(crate) async fn finalise_result<E: Exec>(
    e: &mut E,
    meta: &CommandMeta,
    application: ApplicationId,
    passed: bool,
    expected: Version,
) -> R<Version> {
    let id = application.to_string();
    let mut current: Versioned<ExamResult> = get_versioned(e, stmt::RESULT_LOCK, "result", &id)
        .await?
        .ok_or_else(|| store(not_found("result", &id)))?;
    check_version("result", &id, expected, current.version)?;
    if current.value.finalised {
        return Err(store(finalised(application)));
    }
    current.value.passed = Some(passed);
    current.value.finalised = true;
    current.version = current.version.next();
    let (v, body) = (
        sql::version_column(current.version)?,
        sql::to_body(&current.value)?,
    );
    e.execute(stmt::RESULT_UPDATE, &[&true, &v, &body, &id])
        .await?;
    let subject = format!("result of application {id}: passed {passed}");
    audit(e, meta, "finalise_result", &subject, "ok").await?;
    Ok(current.version)
}

pub(crate) async fn result<E: Exec>(
    e: &mut E,
    application: ApplicationId,
) -> R<Option<Versioned<ExamResult>>> {
    get_versioned(e, stmt::RESULT_GET, "result", &application.to_string()).await
}

pub(crate) async fn results<E: Exec>(e: &mut E, round: &RoundId) -> R<Vec<Versioned<ExamResult>>> {
    many(e, stmt::RESULT_BY_ROUND, "result", round.as_str()).await
}

/// Everything `ExamService::apply` decides on, in one statement (one round trip, one
/// snapshot): the round; the enrollment, its course and the course's standard; both ledgers
/// as parallel arrays (position, body, who, when), each read in one index scan; the
/// candidate's applications with their results and rounds; the chosen venue's seats; whether
/// the key is recorded. A missing row leaves its columns NULL; an empty ledger gives NULL
/// arrays.
const CONTEXT: &str = "SELECT r.body, e.body, c.body, s.body, att.seqs, att.bodies, att.bys, att.ats, ev.seqs, ev.bodies, ev.bys, ev.ats, h.apps, h.results, h.rounds, v.capacity, v.booked, EXISTS (SELECT 1 FROM idempotency_keys WHERE key = $4) \
     FROM (SELECT 1) AS one \
     LEFT JOIN exam_rounds r ON r.id = $1 \
     LEFT JOIN enrollments e ON e.id = $2 \
     LEFT JOIN courses c ON c.id = e.course \
     LEFT JOIN standards s ON s.qualification = c.qualification AND s.version = c.standard_version \
     LEFT JOIN exam_venues v ON v.round = $1 AND v.code = $3 \
     CROSS JOIN LATERAL (SELECT array_agg(seq ORDER BY seq) AS seqs, array_agg(body ORDER BY seq) AS bodies, array_agg(recorded_by ORDER BY seq) AS bys, array_agg(recorded_at ORDER BY seq) AS ats FROM attendance WHERE enrollment = $2) AS att \
     CROSS JOIN LATERAL (SELECT array_agg(seq ORDER BY seq) AS seqs, array_agg(body ORDER BY seq) AS bodies, array_agg(recorded_by ORDER BY seq) AS bys, array_agg(recorded_at ORDER BY seq) AS ats FROM evaluations WHERE enrollment = $2) AS ev \
     CROSS JOIN LATERAL (SELECT array_agg(a.body ORDER BY a.round, a.number) AS apps, array_agg(x.body ORDER BY a.round, a.number) AS results, array_agg(d.body ORDER BY a.round, a.number) AS rounds FROM exam_applications a JOIN exam_rounds d ON d.id = a.round \
     LEFT JOIN exam_results x ON x.application = a.id WHERE a.candidate = $2) AS h";

/// A ledger from the parallel arrays of [`CONTEXT`] starting at column `at`.
fn ledger_columns<X: LedgerEntry>(row: &Row, at: usize, what: &'static str) -> R<Vec<X>>
where
    X::Fact: DeserializeOwned,
{
    let seqs: Vec<i64> = col::<Option<_>>(row, at)?.unwrap_or_default();
    let bodies: Vec<&str> = col::<Option<_>>(row, at + 1)?.unwrap_or_default();
    let by: Vec<&str> = col::<Option<_>>(row, at + 2)?.unwrap_or_default();
    let when: Vec<&str> = col::<Option<_>>(row, at + 3)?.unwrap_or_default();
    if [bodies.len(), by.len(), when.len()] != [seqs.len(); 3] {
        return Err(store(StoreError::Corrupt {
            what,
            detail: "ledger columns of different lengths".into(),
        }));
    }
    seqs.iter()
        .zip(bodies)
        .zip(by.into_iter().zip(when))
        .map(|((seq, body), (by, at))| {
            Ok(X::assemble(
                sql::seq(*seq)?,
                sql::from_body(what, body)?,
                sql::actor(by)?,
                sql::instant(at)?,
            ))
        })
        .collect()
}

fn seats_column(n: Option<i64>) -> R<Option<u32>> {
    n.map(|n| {
        u32::try_from(n).map_err(|e| {
            store(StoreError::Corrupt {
                what: "venue seats",
                detail: e.to_string(),
            })
        })
    })
    .transpose()
}

pub(crate) async fn application_context<E: Exec>(
    e: &mut E,
    round: &RoundId,
    candidate: EnrollmentId,
    venue: &VenueCode,
    key: &IdempotencyKey,
) -> R<ApplicationContext> {
    let who = candidate.to_string();
    let rows = e
        .query(
            CONTEXT,
            &[&round.as_str(), &who, &venue.as_str(), &key.as_str()],
        )
        .await?;
    let row = rows.first().ok_or_else(|| {
        store(StoreError::Unavailable(
            "postgres: the application context returned no row".into(),
        ))
    })?;
    let this: ExamRound = match col::<Option<&str>>(row, 0)? {
        Some(body) => sql::from_body("round", body)?,
        None => return Err(store(not_found("round", round))),
    };
    let enrollment: Enrollment = match col::<Option<&str>>(row, 1)? {
        Some(body) => sql::from_body("enrollment", body)?,
        None => return Err(store(not_found("enrollment", candidate))),
    };
    let course: Course = match col::<Option<&str>>(row, 2)? {
        Some(body) => sql::from_body("course", body)?,
        None => return Err(store(not_found("course", enrollment.course()))),
    };
    let standard = match enrollment.kind() {
        LearnerKind::Trainee => match col::<Option<&str>>(row, 3)? {
            Some(body) => Some(sql::from_body("curriculum standard", body)?),
            None => {
                return Err(store(not_found(
                    "curriculum standard",
                    format!(
                        "{}@{}",
                        course.spec().qualification,
                        course.spec().standard_version
                    ),
                )));
            }
        },
        LearnerKind::LearningWorker { .. } => None,
    };
    let record = TrainingRecord {
        attendance: ledger_columns::<AttendanceEntry>(row, 4, "attendance")?,
        evaluations: ledger_columns::<EvaluationEntry>(row, 8, "evaluations")?,
        enrollment,
        course,
        standard,
    };
    let applications: Vec<&str> = col::<Option<_>>(row, 12)?.unwrap_or_default();
    let results: Vec<Option<&str>> = col::<Option<_>>(row, 13)?.unwrap_or_default();
    let rounds: Vec<&str> = col::<Option<_>>(row, 14)?.unwrap_or_default();
    if results.len() != applications.len() || rounds.len() != applications.len() {
        return Err(store(StoreError::Corrupt {
            what: "application",
            detail: format!("an application of {candidate} has no round"),
        }));
    }
    let history = applications
        .into_iter()
        .zip(results)
        .zip(rounds)
        .map(|((application, result), round)| {
            Ok(PastApplication {
                application: sql::from_body("application", application)?,
                result: result.map(|r| sql::from_body("result", r)).transpose()?,
                round: sql::from_body("round", round)?,
            })
        })
        .collect::<R<Vec<_>>>()?;
    let (capacity, booked) = (seats_column(col(row, 15)?)?, seats_column(col(row, 16)?)?);
    Ok(ApplicationContext {
        round: this,
        record,
        history,
        venue: capacity.zip(booked).map(|(capacity, booked)| VenueSeats {
            venue: venue.clone(),
            capacity,
            booked,
        }),
        key_recorded: col(row, 17)?,
    })
}
