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
    Application, ApplicationContext, ApplicationId, ApplicationStatus, ExamResult, ExamRound,
    NewApplication, PastApplication, PaymentState, RoundId, VenueCode, VenueSeats,
};
use cqnet_store::idempotency::{Fingerprint, LedgerEntry, replay};
use cqnet_store::training::TrainingRecord;
use cqnet_store::training::{
    AttendanceEntry, Course, Enrollment, EnrollmentId, EvaluationEntry, LearnerKind,
};
use cqnet_store::{CommandMeta, IdempotencyKey, Version, Versioned};
use serde::de::DeserializeOwned;
use tokio_postgres::Row;

use super::commands::{col, get_versioned, versioned};
use super::exec::{Exec, Param, PgError};
use super::transaction::PgTransaction;
use crate::shared::exam::{number_of, number_prefix, stmt};
use crate::shared::training::not_found;
use crate::sql;
use cqnet_store::unit_of_work::{ExamTransaction, Lock, Seat};

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

impl<E: Exec> ExamTransaction for PgTransaction<'_, E> {
    async fn round(&mut self, id: &RoundId) -> R<Option<Versioned<ExamRound>>> {
        get_versioned(self.exec(), stmt::ROUND_GET, "round", id.as_str()).await
    }

    async fn insert_round(&mut self, round: &ExamRound) -> R<()> {
        let (e, id) = (self.exec(), round.id());
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
        Ok(())
    }

    async fn take_seat(&mut self, round: &RoundId, venue: &VenueCode) -> R<Seat> {
        let e = self.exec();
        let key: [Param<'_>; 2] = [&round.as_str(), &venue.as_str()];
        if !e.query(stmt::SEAT_TAKE, &key).await?.is_empty() {
            return Ok(Seat::Taken);
        }
        let rows = e.query(stmt::VENUE_GET, &key).await?;
        Ok(match rows.first() {
            None => Seat::NoSuchVenue,
            Some(r) => Seat::Full {
                capacity: u32::try_from(col::<i64>(r, 0)?).unwrap_or(u32::MAX),
            },
        })
    }

    async fn free_seat(&mut self, round: &RoundId, venue: &VenueCode) -> R<bool> {
        let freed = self
            .exec()
            .execute(stmt::SEAT_FREE, &[&round.as_str(), &venue.as_str()])
            .await?;
        Ok(freed == 1)
    }

    async fn next_sequence(&mut self, round: &RoundId) -> R<u64> {
        let rows = self
            .exec()
            .query(stmt::NUMBER_NEXT, &[&round.as_str()])
            .await?;
        let last: i64 = match rows.first() {
            Some(r) => col(r, 0)?,
            None => return Err(store(not_found("exam number counter", round))),
        };
        u64::try_from(last).map_err(|e| {
            store(StoreError::Corrupt {
                what: "exam number counter",
                detail: e.to_string(),
            })
        })
    }

    async fn application(
        &mut self,
        id: ApplicationId,
        lock: Lock,
    ) -> R<Option<Versioned<Application>>> {
        let sql = match lock {
            Lock::None => stmt::APP_GET,
            Lock::ForUpdate => stmt::APP_LOCK,
        };
        get_versioned(self.exec(), sql, "application", &id.to_string()).await
    }

    async fn has_active_application(
        &mut self,
        round: &RoundId,
        candidate: EnrollmentId,
    ) -> R<bool> {
        let rows = self
            .exec()
            .query(stmt::APP_ACTIVE, &[&round.as_str(), &candidate.to_string()])
            .await?;
        Ok(match rows.first() {
            Some(r) => col::<i64>(r, 0)? > 0,
            None => false,
        })
    }

    async fn insert_application(&mut self, a: &Application) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(a)?);
        self.exec()
            .execute(
                stmt::APP_INSERT,
                &[
                    &a.id.to_string(),
                    &a.round.as_str(),
                    &a.venue.as_str(),
                    &a.candidate.to_string(),
                    &a.number.as_str(),
                    &a.status.is_active(),
                    &version,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }

    async fn replace_application(&mut self, a: &Application, version: Version) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(a)?);
        self.exec()
            .execute(
                stmt::APP_UPDATE,
                &[&a.status.is_active(), &version, &body, &a.id.to_string()],
            )
            .await?;
        Ok(())
    }

    async fn result(
        &mut self,
        application: ApplicationId,
        lock: Lock,
    ) -> R<Option<Versioned<ExamResult>>> {
        let sql = match lock {
            Lock::None => stmt::RESULT_GET,
            Lock::ForUpdate => stmt::RESULT_LOCK,
        };
        get_versioned(self.exec(), sql, "result", &application.to_string()).await
    }

    async fn insert_result(&mut self, r: &ExamResult) -> R<()> {
        let (version, body) = (sql::version_column(Version::FIRST)?, sql::to_body(r)?);
        self.exec()
            .execute(
                stmt::RESULT_INSERT,
                &[
                    &r.application.to_string(),
                    &r.round.as_str(),
                    &r.number.as_str(),
                    &r.finalised,
                    &version,
                    &body,
                ],
            )
            .await?;
        Ok(())
    }

    async fn replace_result(&mut self, r: &ExamResult, version: Version) -> R<()> {
        let (version, body) = (sql::version_column(version)?, sql::to_body(r)?);
        self.exec()
            .execute(
                stmt::RESULT_UPDATE,
                &[&r.finalised, &version, &body, &r.application.to_string()],
            )
            .await?;
        Ok(())
    }
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
