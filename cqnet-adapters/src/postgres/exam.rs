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
use cqnet_store::UnavailableKind;
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
        store(StoreError::unavailable(
            UnavailableKind::Backend,
            "postgres: cqnet_apply returned no row",
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
/// snapshot), as tagged rows, one per piece: the round with the chosen venue's capacity and
/// seats taken and whether the key is recorded (part 1); the enrollment with its course and
/// the course's standard (2); each attendance entry (3) and evaluation entry (4) with its
/// position, who recorded it and when; each of the candidate's applications with its result
/// and round (5). A missing piece has no row (or NULL columns).
///
/// Rows rather than arrays: every `array_agg` keeps a memory context of its own and every
/// `ORDER BY` inside an aggregate a sort of its own, which made the one-row form cost the
/// server about twice as much. The order of a ledger is its `seq`, applied by the reader.
const CONTEXT: &str = "SELECT 1 AS part, v.capacity AS n1, v.booked AS n2, \
     EXISTS (SELECT 1 FROM idempotency_keys WHERE key = $4) AS recorded, r.body AS t1, NULL::TEXT AS t2, NULL::TEXT AS t3 \
     FROM exam_rounds r LEFT JOIN exam_venues v ON v.round = r.id AND v.code = $3 WHERE r.id = $1 \
     UNION ALL SELECT 2, NULL, NULL, NULL, e.body, c.body, s.body FROM enrollments e \
     LEFT JOIN courses c ON c.id = e.course \
     LEFT JOIN standards s ON s.qualification = c.qualification AND s.version = c.standard_version WHERE e.id = $2 \
     UNION ALL SELECT 3, seq, NULL, NULL, body, recorded_by, recorded_at FROM attendance WHERE enrollment = $2 \
     UNION ALL SELECT 4, seq, NULL, NULL, body, recorded_by, recorded_at FROM evaluations WHERE enrollment = $2 \
     UNION ALL SELECT 5, NULL, NULL, NULL, a.body, x.body, d.body FROM exam_applications a JOIN exam_rounds d ON d.id = a.round \
     LEFT JOIN exam_results x ON x.application = a.id WHERE a.candidate = $2";

/// The pieces of the application context as [`CONTEXT`] returns them, before they are
/// checked for presence.
#[derive(Default)]
struct ContextRows {
    round: Option<ExamRound>,
    enrollment: Option<(Enrollment, Option<Course>, Option<String>)>,
    attendance: Vec<AttendanceEntry>,
    evaluations: Vec<EvaluationEntry>,
    history: Vec<PastApplication>,
    venue: Option<(u32, u32)>,
    key_recorded: bool,
}

/// A ledger entry from a row of part 3 or 4 of [`CONTEXT`].
fn ledger_entry<X: LedgerEntry>(row: &Row, what: &'static str) -> R<X>
where
    X::Fact: DeserializeOwned,
{
    let seq: Option<i64> = col(row, 1)?;
    let seq = seq.ok_or_else(|| {
        store(StoreError::Corrupt {
            what,
            detail: "a ledger entry without its position".into(),
        })
    })?;
    Ok(X::assemble(
        sql::seq(seq)?,
        sql::from_body(what, required(row, 4, what)?)?,
        sql::actor(required(row, 5, what)?)?,
        sql::instant(required(row, 6, what)?)?,
    ))
}

/// A text column that is never NULL in its part.
fn required<'r>(row: &'r Row, i: usize, what: &'static str) -> R<&'r str> {
    col::<Option<&str>>(row, i)?.ok_or_else(|| {
        store(StoreError::Corrupt {
            what,
            detail: format!("column {i} of the application context is NULL"),
        })
    })
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

impl ContextRows {
    fn read(rows: &[Row]) -> R<Self> {
        let mut context = ContextRows::default();
        for row in rows {
            match col::<i32>(row, 0)? {
                1 => {
                    context.round = Some(sql::from_body("round", required(row, 4, "round")?)?);
                    let (capacity, booked) =
                        (seats_column(col(row, 1)?)?, seats_column(col(row, 2)?)?);
                    context.venue = capacity.zip(booked);
                    context.key_recorded = col(row, 3)?;
                }
                2 => {
                    let enrollment = sql::from_body("enrollment", required(row, 4, "enrollment")?)?;
                    let course = col::<Option<&str>>(row, 5)?
                        .map(|body| sql::from_body("course", body))
                        .transpose()?;
                    let standard = col::<Option<&str>>(row, 6)?.map(str::to_owned);
                    context.enrollment = Some((enrollment, course, standard));
                }
                3 => context.attendance.push(ledger_entry(row, "attendance")?),
                4 => context.evaluations.push(ledger_entry(row, "evaluations")?),
                5 => context.history.push(PastApplication {
                    application: sql::from_body("application", required(row, 4, "application")?)?,
                    result: col::<Option<&str>>(row, 5)?
                        .map(|r| sql::from_body("result", r))
                        .transpose()?,
                    round: sql::from_body("round", required(row, 6, "round")?)?,
                }),
                part => {
                    return Err(store(StoreError::Corrupt {
                        what: "application context",
                        detail: format!("unknown part {part}"),
                    }));
                }
            }
        }
        // The union has no order of its own: each ledger in its order, the history by round
        // and exam number (as the piece-by-piece reads give them).
        context.attendance.sort_by_key(|e| e.seq);
        context.evaluations.sort_by_key(|e| e.seq);
        context.history.sort_by(|a, b| {
            let key = |p: &PastApplication| {
                (
                    p.application.round.as_str().to_owned(),
                    p.application.number.as_str().to_owned(),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(context)
    }
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
    let context = ContextRows::read(&rows)?;
    let this = context
        .round
        .ok_or_else(|| store(not_found("round", round)))?;
    let (enrollment, course, standard) = context
        .enrollment
        .ok_or_else(|| store(not_found("enrollment", candidate)))?;
    let course: Course = course.ok_or_else(|| store(not_found("course", enrollment.course())))?;
    let standard = match enrollment.kind() {
        LearnerKind::Trainee => match standard {
            Some(body) => Some(sql::from_body("curriculum standard", &body)?),
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
        attendance: context.attendance,
        evaluations: context.evaluations,
        enrollment,
        course,
        standard,
    };
    Ok(ApplicationContext {
        round: this,
        record,
        history: context.history,
        venue: context.venue.map(|(capacity, booked)| VenueSeats {
            venue: venue.clone(),
            capacity,
            booked,
        }),
        key_recorded: context.key_recorded,
    })
}
