//! How long an authenticity check (진위확인) takes on SQLite, path by path.
//!
//! ```text
//! cargo run --release --example verification_timing            # 20,000 rounds
//! cargo run --release --example verification_timing -- 5000    # fewer
//! ```
//!
//! The store is an SQLite file holding 1,000 issued certificates and one confirmation document
//! per certificate. Each round asks every path once, in turn, so drift of the machine touches
//! every path alike; the program prints the median and the 90th percentile per path in
//! microseconds. The paths of a certificate check are a match, a wrong issue date, a wrong
//! management number and a number never issued; those of a confirmation document a match, a
//! wrong check code (확인번호), a number never issued and a document past its verification
//! period. Every path should take the same time: figures and what makes them equal are in
//! `docs/certificates.md` ("Timing of the checks").

use std::hint::black_box;
use std::time::{Duration, Instant};

use cqnet::adapters::sqlite::SqliteStore;
use cqnet::core::certificate::{
    CertificateForm, ConfirmationCode, ConfirmationNumber, ConfirmationQuery, ConfirmationSecret,
    DocumentRef, ManagementNumber, QualificationNumber, VerificationQuery,
};
use cqnet::store::FixedClock;
use cqnet::store::blocking::CertificateService;
use cqnet::store::certificate::{CertificateStore, NewConfirmation};
use cqnet::store::testing::certificate::{ISSUED_AT, agency, new_certificate};
use cqnet::store::{CommandMeta, IdempotencyKey};

type Failure = Box<dyn std::error::Error>;

/// How many certificates the store holds.
const CERTIFICATES: usize = 1_000;

fn percentile(sorted: &[Duration], p: usize) -> f64 {
    let i = (sorted.len() * p / 100).min(sorted.len().saturating_sub(1));
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e6)
}

fn main() -> Result<(), Failure> {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(20_000);
    let dir = tempfile::tempdir()?;
    let store = SqliteStore::open(dir.path().join("timing.sqlite"))?;
    let meta = CommandMeta::new(
        agency(),
        ISSUED_AT.parse::<chrono::DateTime<chrono::Utc>>()?,
    );
    let mut issued = Vec::with_capacity(CERTIFICATES);
    let mut confirmations = Vec::with_capacity(CERTIFICATES);
    for n in 0..CERTIFICATES {
        let new = new_certificate(n, CertificateForm::Certificate, ISSUED_AT, None);
        let c = store.issue(&meta, &IdempotencyKey::new(&format!("i-{n}"))?, &new)?;
        let doc = store.issue_confirmation(
            &meta,
            &IdempotencyKey::new(&format!("c-{n}"))?,
            &NewConfirmation {
                qualification_number: c.number().clone(),
                holder: c.spec().holder.clone(),
                qualification_name: cqnet::core::certificate::PrintedName::new(
                    c.spec().content.qualification_name(),
                )?,
                pass_date: c.spec().pass_date,
                issued_at: "2026-06-01T09:30:00+09:00".parse()?,
            },
        )?;
        issued.push(c);
        confirmations.push(doc);
    }
    let now = FixedClock::new("2026-06-02T09:00:00Z".parse()?);
    let later = FixedClock::new("2026-12-01T09:00:00Z".parse()?);
    let secret = ConfirmationSecret::example();
    let service = CertificateService::new(store, now).with_confirmation_secret(secret.clone());
    let expired_service = service.with_clock(later);
    let c = &issued[CERTIFICATES / 2];
    let matching = VerificationQuery {
        number: c.number().clone(),
        issue_date: c.issue_date(),
        document: DocumentRef::ManagementNumber(c.management_number().clone()),
    };
    let wrong_date = VerificationQuery {
        issue_date: c.issue_date().succ_opt().ok_or("no next day")?,
        ..matching.clone()
    };
    let wrong_management = VerificationQuery {
        document: DocumentRef::ManagementNumber(ManagementNumber::compose(
            c.spec().issued_at,
            1,
            CERTIFICATES as u32 + 7,
        )?),
        ..matching.clone()
    };
    let unknown_number = VerificationQuery {
        number: QualificationNumber::compose(c.spec().pass_date, CERTIFICATES as u32 + 7)?,
        ..matching.clone()
    };
    let doc = &confirmations[CERTIFICATES / 2];
    let confirmation = ConfirmationQuery {
        number: doc.number.clone(),
        code: doc.check_code(&secret),
    };
    let wrong_code = ConfirmationQuery {
        code: ConfirmationCode::example(),
        ..confirmation.clone()
    };
    let unknown_doc = ConfirmationQuery {
        number: ConfirmationNumber::compose(doc.number.issued_at(), CERTIFICATES as u32 + 7)?,
        ..confirmation.clone()
    };

    type Path<'a> = (&'static str, Box<dyn Fn() -> Result<(), Failure> + 'a>);
    let certificate = |q: &'static str, query: VerificationQuery| -> Path<'_> {
        let service = &service;
        (
            q,
            Box::new(move || {
                black_box(service.verify(&query)?);
                Ok(())
            }),
        )
    };
    let confirmation_path =
        |q: &'static str, query: ConfirmationQuery, expired: bool| -> Path<'_> {
            let service = if expired { &expired_service } else { &service };
            (
                q,
                Box::new(move || {
                    black_box(service.verify_confirmation(&query)?);
                    Ok(())
                }),
            )
        };
    let paths: Vec<Path<'_>> = vec![
        certificate("certificate: match", matching),
        certificate("certificate: wrong issue date", wrong_date),
        certificate("certificate: wrong management number", wrong_management),
        certificate("certificate: number never issued", unknown_number),
        confirmation_path("confirmation: match", confirmation.clone(), false),
        confirmation_path("confirmation: wrong check code", wrong_code, false),
        confirmation_path("confirmation: number never issued", unknown_doc, false),
        confirmation_path("confirmation: past its period", confirmation, true),
    ];
    let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); paths.len()];
    for _ in 0..rounds / 10 {
        for (_, path) in &paths {
            path()?;
        }
    }
    for _ in 0..rounds {
        for ((_, path), kept) in paths.iter().zip(&mut samples) {
            let start = Instant::now();
            path()?;
            kept.push(start.elapsed());
        }
    }
    println!("{rounds} rounds, {CERTIFICATES} certificates on SQLite");
    println!("{:<40} {:>12} {:>12}", "path", "median µs", "p90 µs");
    for ((name, _), kept) in paths.iter().zip(&mut samples) {
        kept.sort_unstable();
        println!(
            "{name:<40} {:>12.1} {:>12.1}",
            percentile(kept, 50),
            percentile(kept, 90)
        );
    }
    Ok(())
}
