//! The SQLite [`ExamStore`]: one `IMMEDIATE` transaction per command, which SQLite runs one
//! at a time, so a seat is taken by a conditional update (`booked < capacity`) that cannot
//! race; the checks and unique indexes of `0003_exam_rounds.sql` stand behind it.

use cqnet_store::exam::{
    Application, ApplicationId, Cancellation, ExamResult, ExamRound, ExamStore, NewApplication,
    RoundId, VenueSeats,
};
use cqnet_store::training::EnrollmentId;
use cqnet_store::{CommandMeta, IdempotencyKey, Version, Versioned};
use cqnet_store::{StoreError, StoreResult};
use rusqlite::{Connection, OptionalExtension, params};

use cqnet_store::exam::{VenueCode, commands};
use cqnet_store::unit_of_work::{ExamTransaction, Lock, Seat};

use super::transaction::SqliteTransaction;
use super::{SqliteStore, count, exec, fault, get_versioned, list_versioned};
use crate::shared::exam::stmt;
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

impl ExamTransaction for SqliteTransaction<'_> {
    async fn round(&mut self, id: &RoundId) -> StoreResult<Option<Versioned<ExamRound>>> {
        get_versioned(self.conn(), stmt::ROUND_GET, "round", id.as_str())
    }

    async fn insert_round(&mut self, round: &ExamRound) -> StoreResult<()> {
        let (tx, id) = (self.conn(), round.id());
        let version = sql::version_column(Version::FIRST)?;
        exec(
            tx,
            stmt::ROUND_INSERT,
            params![id.as_str(), version, sql::to_body(round)?],
        )?;
        for (i, v) in round.venues().iter().enumerate() {
            exec(
                tx,
                stmt::VENUE_INSERT,
                params![id.as_str(), v.code().as_str(), i as i64, v.capacity()],
            )?;
        }
        exec(tx, stmt::COUNTER_INSERT, params![id.as_str()]).map(drop)
    }

    async fn take_seat(&mut self, round: &RoundId, venue: &VenueCode) -> StoreResult<Seat> {
        let tx = self.conn();
        let (round, venue) = (round.as_str(), venue.as_str());
        let taken: Option<i64> = tx
            .prepare_cached(stmt::SEAT_TAKE)
            .and_then(|mut s| s.query_row(params![round, venue], |r| r.get(0)).optional())
            .map_err(fault)?;
        if taken.is_some() {
            return Ok(Seat::Taken);
        }
        let capacity: Option<i64> = tx
            .prepare_cached(stmt::VENUE_GET)
            .and_then(|mut s| s.query_row(params![round, venue], |r| r.get(0)).optional())
            .map_err(fault)?;
        Ok(match capacity {
            None => Seat::NoSuchVenue,
            Some(c) => Seat::Full {
                capacity: u32::try_from(c).unwrap_or(u32::MAX),
            },
        })
    }

    async fn free_seat(&mut self, round: &RoundId, venue: &VenueCode) -> StoreResult<bool> {
        let freed = exec(
            self.conn(),
            stmt::SEAT_FREE,
            params![round.as_str(), venue.as_str()],
        )?;
        Ok(freed == 1)
    }

    async fn next_sequence(&mut self, round: &RoundId) -> StoreResult<u64> {
        let sequence: i64 = self
            .conn()
            .prepare_cached(stmt::NUMBER_NEXT)
            .and_then(|mut s| s.query_row(params![round.as_str()], |r| r.get(0)))
            .map_err(fault)?;
        u64::try_from(sequence).map_err(|e| StoreError::Corrupt {
            what: "exam number counter",
            detail: e.to_string(),
        })
    }

    async fn application(
        &mut self,
        id: ApplicationId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<Application>>> {
        get_versioned(self.conn(), stmt::APP_GET, "application", &id.to_string())
    }

    async fn has_active_application(
        &mut self,
        round: &RoundId,
        candidate: EnrollmentId,
    ) -> StoreResult<bool> {
        let n = count(
            self.conn(),
            stmt::APP_ACTIVE,
            params![round.as_str(), candidate.to_string()],
        )?;
        Ok(n > 0)
    }

    async fn insert_application(&mut self, a: &Application) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::APP_INSERT,
            params![
                a.id.to_string(),
                a.round.as_str(),
                a.venue.as_str(),
                a.candidate.to_string(),
                a.number.as_str(),
                a.status.is_active(),
                sql::version_column(Version::FIRST)?,
                sql::to_body(a)?
            ],
        )
        .map(drop)
    }

    async fn replace_application(&mut self, a: &Application, version: Version) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::APP_UPDATE,
            params![
                a.status.is_active(),
                sql::version_column(version)?,
                sql::to_body(a)?,
                a.id.to_string()
            ],
        )
        .map(drop)
    }

    async fn result(
        &mut self,
        application: ApplicationId,
        _lock: Lock,
    ) -> StoreResult<Option<Versioned<ExamResult>>> {
        get_versioned(
            self.conn(),
            stmt::RESULT_GET,
            "result",
            &application.to_string(),
        )
    }

    async fn insert_result(&mut self, r: &ExamResult) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::RESULT_INSERT,
            params![
                r.application.to_string(),
                r.round.as_str(),
                r.number.as_str(),
                r.finalised,
                sql::version_column(Version::FIRST)?,
                sql::to_body(r)?
            ],
        )
        .map(drop)
    }

    async fn replace_result(&mut self, r: &ExamResult, version: Version) -> StoreResult<()> {
        exec(
            self.conn(),
            stmt::RESULT_UPDATE,
            params![
                r.finalised,
                sql::version_column(version)?,
                sql::to_body(r)?,
                r.application.to_string()
            ],
        )
        .map(drop)
    }
}

impl ExamStore for SqliteStore {
    fn create_round(&self, meta: &CommandMeta, round: &ExamRound) -> StoreResult<Version> {
        self.transact(async |tx| commands::create_round(tx, meta, round).await)
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
        self.transact(async |tx| commands::apply(tx, meta, key, new).await)
    }

    fn cancel(
        &self,
        meta: &CommandMeta,
        key: &IdempotencyKey,
        cancellation: &Cancellation,
    ) -> StoreResult<Versioned<Application>> {
        self.transact(async |tx| commands::cancel(tx, meta, key, cancellation).await)
    }

    fn record_payment(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| commands::record_payment(tx, meta, application, expected).await)
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
        self.transact(async |tx| commands::put_result(tx, meta, result, expected).await)
    }

    fn finalise_result(
        &self,
        meta: &CommandMeta,
        application: ApplicationId,
        passed: bool,
        expected: Version,
    ) -> StoreResult<Version> {
        self.transact(async |tx| {
            commands::finalise_result(tx, meta, application, passed, expected).await
        })
    }

    fn result(&self, application: ApplicationId) -> StoreResult<Option<Versioned<ExamResult>>> {
        self.read(|c| result_of(c, application))
    }

    fn results(&self, round: &RoundId) -> StoreResult<Vec<Versioned<ExamResult>>> {
        self.read(|c| list_versioned(c, stmt::RESULT_BY_ROUND, "result", params![round.as_str()]))
    }
}
