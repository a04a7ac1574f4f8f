//! The SQLite [`ExamStore`]: one `IMMEDIATE` transaction per command, which SQLite runs one
//! at a time, so a seat is taken by a conditional update (`booked < capacity`) that cannot
//! race; the checks and unique indexes of `0003_exam_rounds.sql` stand behind it.

use cqnet_store::exam::{
    Application, ApplicationId, ApplicationStatus, Cancellation, ExamResult, ExamRound, ExamStore,
    NewApplication, PaymentState, RoundId, VenueSeats,
};
use cqnet_store::training::EnrollmentId;
use cqnet_store::{CommandMeta, IdempotencyKey, Version, Versioned};
use cqnet_store::{StoreError, StoreResult};
use rusqlite::{Connection, OptionalExtension, params};

use super::{SqliteStore, audit, check_version, count, exec, fault, get_versioned, list_versioned};
use crate::shared::exam::{
    check_cancellation, check_payment, check_result_matches, finalised, number_of, stmt,
};
use crate::shared::training::not_found;
use crate::sql;

use crate::SpawnBlocking;

cqnet_store::forward_async_exam_store!(SpawnBlocking);

fn round_of(conn: &Connection, id: &RoundId) -> StoreResult<Versioned<ExamRound>> {
    get_versioned(conn, stmt::ROUND_GET, "round", id.as_str())?
        .ok_or_else(|| not_found("round", id))
}

fn application_of(conn: &Connection, id: ApplicationId) -> StoreResult<Versioned<Application>> {
    get_versioned(conn, stmt::APP_GET, "application", &id.to_string())?
        .ok_or_else(|| not_found("application", id))
}

fn result_of(conn: &Connection, id: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>> {
    get_versioned(conn, stmt::RESULT_GET, "result", &id.to_string())
}

fn apply_in(
    tx: &Connection,
    meta: &CommandMeta,
    new: &NewApplication,
) -> StoreResult<Versioned<Application>> {
    let (round, venue, id) = (new.round.as_str(), new.venue.as_str(), new.id.to_string());
    let candidate = new.candidate.to_string();
    if count(tx, sql::stmt::ENROLLMENT_EXISTS, params![candidate])? == 0 {
        return Err(not_found("enrollment", new.candidate));
    }
    if count(
        tx,
        "SELECT COUNT(*) FROM exam_applications WHERE id = $1",
        params![id],
    )? > 0
    {
        return Err(StoreError::AlreadyExists {
            what: "application",
            key: id,
        });
    }
    if count(tx, stmt::APP_ACTIVE, params![round, candidate])? > 0 {
        return Err(StoreError::AlreadyExists {
            what: "application",
            key: format!("{candidate} in round {round}"),
        });
    }
    let taken: Option<i64> = tx
        .prepare_cached(stmt::SEAT_TAKE)
        .and_then(|mut s| s.query_row(params![round, venue], |r| r.get(0)).optional())
        .map_err(fault)?;
    if taken.is_none() {
        let capacity: Option<i64> = tx
            .prepare_cached(stmt::VENUE_GET)
            .and_then(|mut s| s.query_row(params![round, venue], |r| r.get(0)).optional())
            .map_err(fault)?;
        return Err(match capacity {
            None => not_found("venue", format!("{round}/{venue}")),
            Some(c) => StoreError::VenueFull {
                venue: venue.to_owned(),
                capacity: u32::try_from(c).unwrap_or(u32::MAX),
            },
        });
    }
    let sequence: i64 = tx
        .prepare_cached(stmt::NUMBER_NEXT)
        .and_then(|mut s| s.query_row(params![round], |r| r.get(0)))
        .map_err(fault)?;
    let application = Versioned {
        value: Application {
            id: new.id,
            round: new.round.clone(),
            candidate: new.candidate,
            qualification: new.qualification.clone(),
            venue: new.venue.clone(),
            fee: new.fee,
            number: number_of(&new.round, sequence)?,
            status: ApplicationStatus::Active,
            payment: PaymentState::Unpaid,
            applied_at: meta.at,
        },
        version: Version::FIRST,
    };
    let a = &application.value;
    exec(
        tx,
        stmt::APP_INSERT,
        params![
            id,
            round,
            venue,
            candidate,
            a.number.as_str(),
            true,
            sql::version_column(Version::FIRST)?,
            sql::to_body(a)?
        ],
    )?;
    audit(
        tx,
        meta,
        "apply",
        &format!("application {id} ({}) of {candidate} at {venue}", a.number),
    )?;
    Ok(application)
}

fn cancel_in(
    tx: &Connection,
    meta: &CommandMeta,
    c: &Cancellation,
) -> StoreResult<Versioned<Application>> {
    let mut current = application_of(tx, c.application)?;
    check_cancellation(&current.value, result_of(tx, c.application)?.is_some())?;
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
    exec(
        tx,
        stmt::APP_UPDATE,
        params![
            false,
            sql::version_column(current.version)?,
            sql::to_body(a)?,
            a.id.to_string()
        ],
    )?;
    if exec(
        tx,
        stmt::SEAT_FREE,
        params![a.round.as_str(), a.venue.as_str()],
    )? != 1
    {
        return Err(StoreError::Corrupt {
            what: "venue seats",
            detail: format!("venue {}/{} had no seat booked to free", a.round, a.venue),
        });
    }
    audit(
        tx,
        meta,
        "cancel",
        &format!("application {} refund {}", a.id, c.refund),
    )?;
    Ok(current)
}

impl ExamStore for SqliteStore {
    fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
        self.write(|tx| {
            let id = round.id();
            if get_versioned::<ExamRound>(tx, stmt::ROUND_GET, "round", id.as_str())?.is_some() {
                return Err(StoreError::AlreadyExists {
                    what: "round",
                    key: id.to_string(),
                });
            }
            exec(
                tx,
                stmt::ROUND_INSERT,
                params![
                    id.as_str(),
                    sql::version_column(Version::FIRST)?,
                    sql::to_body(round)?
                ],
            )?;
            for (i, v) in round.venues().iter().enumerate() {
                exec(
                    tx,
                    stmt::VENUE_INSERT,
                    params![id.as_str(), v.code().as_str(), i as i64, v.capacity()],
                )?;
            }
            exec(tx, stmt::COUNTER_INSERT, params![id.as_str()])?;
            audit(tx, meta, "create_round", &format!("round {id}"))?;
            Ok(Version::FIRST)
        })
    }

    fn round(&self, id: &RoundId) -> StoreResult<Versioned<ExamRound>> {
        self.read(|c| round_of(c, id))
    }

    fn rounds(&self) -> StoreResult<Vec<Versioned<ExamRound>>> {
        self.read(|c| list_versioned(c, stmt::ROUND_ALL, "round", []))
    }

    fn venue_seats(&self, round: &RoundId) -> StoreResult<Vec<VenueSeats>> {
        self.read(|c| {
            round_of(c, round)?;
            let mut s = c.prepare_cached(stmt::VENUE_SEATS).map_err(fault)?;
            let rows = s
                .query_map(params![round.as_str()], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                    ))
                })
                .map_err(fault)?;
            rows.map(|row| {
                let (code, capacity, booked) = row.map_err(fault)?;
                let corrupt = |detail: String| StoreError::Corrupt {
                    what: "venue seats",
                    detail,
                };
                Ok(VenueSeats {
                    venue: cqnet_store::exam::VenueCode::new(&code)
                        .map_err(|e| corrupt(e.to_string()))?,
                    capacity: u32::try_from(capacity).map_err(|e| corrupt(e.to_string()))?,
                    booked: u32::try_from(booked).map_err(|e| corrupt(e.to_string()))?,
                })
            })
            .collect()
        })
    }

    fn apply(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        new: &NewApplication,
    ) -> StoreResult<Versioned<Application>> {
        self.idempotent(meta, key, "apply", &new.idempotency_payload(), |tx| {
            apply_in(tx, meta, new)
        })
    }

    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> StoreResult<Versioned<Application>> {
        self.idempotent(meta, key, "cancel", cancellation, |tx| {
            cancel_in(tx, meta, cancellation)
        })
    }

    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> StoreResult<Version> {
        self.write(|tx| {
            let mut current = application_of(tx, application)?;
            check_version("application", application, expected, current.version)?;
            check_payment(&current.value)?;
            current.value.payment = PaymentState::Paid;
            current.version = current.version.next();
            exec(
                tx,
                stmt::APP_UPDATE,
                params![
                    true,
                    sql::version_column(current.version)?,
                    sql::to_body(&current.value)?,
                    application.to_string()
                ],
            )?;
            audit(
                tx,
                meta,
                "record_payment",
                &format!("application {application}"),
            )?;
            Ok(current.version)
        })
    }

    fn application(&self, id: ApplicationId) -> StoreResult<Versioned<Application>> {
        self.read(|c| application_of(c, id))
    }

    fn applications(&self, round: &RoundId) -> StoreResult<Vec<Versioned<Application>>> {
        self.read(|c| {
            list_versioned(
                c,
                stmt::APP_BY_ROUND,
                "application",
                params![round.as_str()],
            )
        })
    }

    fn applications_of(&self, candidate: EnrollmentId) -> StoreResult<Vec<Versioned<Application>>> {
        self.read(|c| {
            list_versioned(
                c,
                stmt::APP_BY_CANDIDATE,
                "application",
                params![candidate.to_string()],
            )
        })
    }

    fn put_result(
        &self,
        meta: &CommandMeta,
        result: &ExamResult,
        expected: Option<Version>,
    ) -> StoreResult<Version> {
        self.write(|tx| {
            let id = result.application;
            let app = application_of(tx, id)?;
            check_result_matches(&app.value, result)?;
            let mut stored = result.clone();
            stored.passed = None;
            stored.finalised = false;
            let body = sql::to_body(&stored)?;
            let version = match (result_of(tx, id)?, expected) {
                (None, None) => {
                    exec(
                        tx,
                        stmt::RESULT_INSERT,
                        params![
                            id.to_string(),
                            result.round.as_str(),
                            result.number.as_str(),
                            false,
                            sql::version_column(Version::FIRST)?,
                            body
                        ],
                    )?;
                    Version::FIRST
                }
                (None, Some(_)) => return Err(not_found("result", id)),
                (Some(_), None) => {
                    return Err(StoreError::AlreadyExists {
                        what: "result",
                        key: id.to_string(),
                    });
                }
                (Some(current), Some(expected)) => {
                    check_version("result", id, expected, current.version)?;
                    if current.value.finalised {
                        return Err(finalised(id));
                    }
                    let next = current.version.next();
                    exec(
                        tx,
                        stmt::RESULT_UPDATE,
                        params![false, sql::version_column(next)?, body, id.to_string()],
                    )?;
                    next
                }
            };
            audit(
                tx,
                meta,
                "put_result",
                &format!("result of application {id}"),
            )?;
            Ok(version)
        })
    }

    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version> {
        self.write(|tx| {
            let mut current =
                result_of(tx, application)?.ok_or_else(|| not_found("result", application))?;
            check_version("result", application, expected, current.version)?;
            if current.value.finalised {
                return Err(finalised(application));
            }
            current.value.passed = Some(passed);
            current.value.finalised = true;
            current.version = current.version.next();
            exec(
                tx,
                stmt::RESULT_UPDATE,
                params![
                    true,
                    sql::version_column(current.version)?,
                    sql::to_body(&current.value)?,
                    application.to_string()
                ],
            )?;
            audit(
                tx,
                meta,
                "finalise_result",
                &format!("result of application {application}: passed {passed}"),
            )?;
            Ok(current.version)
        })
    }

    fn result(&self, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>> {
        self.read(|c| result_of(c, application))
    }

    fn results(&self, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>> {
        self.read(|c| list_versioned(c, stmt::RESULT_BY_ROUND, "result", params![round.as_str()]))
    }
}
