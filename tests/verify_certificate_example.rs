//! Runs `examples/verify_certificate.rs`: its whole flow in memory, and its commands one after
//! another on an SQLite file, and checks what they found.
#![allow(clippy::unwrap_used)]

#[path = "../examples/verify_certificate.rs"]
#[allow(dead_code)]
mod example;

use clap::Parser;
use cqnet::core::certificate::VerificationStatus::{Revoked, Superseded, Valid};
use cqnet::core::credential::Verdict;

fn cli(args: &[&str]) -> example::Cli {
    example::Cli::try_parse_from(std::iter::once("verify_certificate").chain(args.iter().copied()))
        .expect("valid arguments")
}

#[test]
fn the_demo_issues_verifies_reissues_and_revokes() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let mut out = String::new();
    let report = example::run(&cli(&["--memory", "demo", "--out-dir", out_dir]), &mut out)
        .expect("the demo runs")
        .expect("a report");
    assert_eq!(report.first, vec![Valid, Superseded, Revoked]);
    assert_eq!(report.second, vec![Valid, Revoked]);
    assert!(
        report.no_match_alike,
        "a wrong date and a wrong number look alike"
    );
    assert_eq!(report.confirmation, vec![Valid, Revoked]);
    assert!(
        report.confirmation_guess_refused,
        "a wrong check code answers as a number never issued"
    );
    assert_eq!(
        report.credential,
        vec![
            Verdict::Valid,
            Verdict::BadSignature,
            Verdict::Valid,
            Verdict::Revoked
        ]
    );
    assert!(out.contains(&report.number));

    // the file it wrote verifies offline, also from the command line
    let file = report.credential_file.to_str().unwrap();
    let mut out = String::new();
    example::run(
        &cli(&[
            "verify-credential",
            file,
            "--public-key",
            &report.public_key,
        ]),
        &mut out,
    )
    .unwrap();
    assert_eq!(out.trim(), "credential: Valid");
    let other = "01".repeat(32);
    let verdict = example::verify_credential_file(
        &report.credential_file,
        &other,
        None,
        "2026-10-05T10:00:00+09:00".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(verdict, Verdict::BadSignature, "another issuer's key");
    let early = example::verify_credential_file(
        &report.credential_file,
        &report.public_key,
        None,
        "2026-10-05T09:59:59+09:00".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(early, Verdict::OutsideValidity);
    assert!(
        example::verify_credential_file(
            &report.credential_file,
            "xyz",
            None,
            "2026-10-05T10:00:00+09:00".parse().unwrap()
        )
        .is_err()
    );
}

#[test]
fn commands_on_an_sqlite_file_keep_their_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        let mut out = String::new();
        example::run(&cli(&all), &mut out).map(|_| out)
    };
    let issued = run(&["issue"]).unwrap();
    let words: Vec<&str> = issued.split_whitespace().collect();
    let number = words[words.iter().position(|w| *w == "자격번호").unwrap() + 1].to_owned();
    let management = words[words.iter().position(|w| *w == "관리번호").unwrap() + 1].to_owned();
    // issuing again (another run, another key) gives the same certificate
    assert_eq!(run(&["issue"]).unwrap(), issued);
    let verify = |at: &str, date: &str| {
        run(&[
            "--at",
            at,
            "verify",
            "--number",
            &number,
            "--date",
            date,
            "--management",
            &management,
        ])
        .unwrap()
    };
    assert!(verify("2026-10-05T10:00:00+09:00", "2026-10-05").contains("Valid"));
    assert!(verify("2026-10-05T10:00:00+09:00", "2026-10-06").contains("NoMatch"));
    let confirmed = run(&["confirm", "--number", &number]).unwrap();
    let words: Vec<&str> = confirmed.split_whitespace().collect();
    let doc = words[words.iter().position(|w| *w == "문서번호").unwrap() + 1].to_owned();
    let code = words[words.iter().position(|w| *w == "확인번호").unwrap() + 1].to_owned();
    let check = |at: &str, code: &str| {
        run(&["--at", at, "verify-confirmation", &doc, "--code", code]).unwrap()
    };
    assert!(check("2026-10-05T10:00:00+09:00", &code).contains("Valid"));
    // without its code, or past its period, the document answers no match
    assert!(check("2026-10-05T10:00:00+09:00", "0000-0000-0000-0000").contains("NoMatch"));
    assert!(check("2027-01-05T10:00:00+09:00", &code).contains("NoMatch"));
    // and under another key its code is wrong
    let other_key = "11".repeat(16) + &"22".repeat(16);
    assert!(
        run(&[
            "--confirmation-key",
            &other_key,
            "verify-confirmation",
            &doc,
            "--code",
            &code
        ])
        .unwrap()
        .contains("NoMatch")
    );
    run(&[
        "--at",
        "2026-11-01T10:00:00+09:00",
        "reissue",
        "--previous",
        &management,
    ])
    .unwrap();
    assert!(verify("2026-11-01T10:00:00+09:00", "2026-10-05").contains("Superseded"));
    let refused = run(&[
        "--at",
        "2026-11-02T10:00:00+09:00",
        "revoke",
        "--number",
        &number,
    ]);
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("hearing_not_held")
    );
    run(&[
        "--at",
        "2026-11-02T10:00:00+09:00",
        "revoke",
        "--number",
        &number,
        "--hearing",
        "2026-11-01",
    ])
    .unwrap();
    assert!(verify("2026-11-02T10:00:00+09:00", "2026-10-05").contains("Revoked"));
    assert!(verify("2026-11-02T09:59:59+09:00", "2026-10-05").contains("Superseded"));
}

/// The demo on PostgreSQL (`--postgres`), in a schema of its own dropped at the end.
#[cfg(feature = "postgres")]
#[test]
#[ignore = "needs PostgreSQL: set CQNET_PG_TEST_URL (see .ci/with-postgres)"]
fn the_demo_runs_on_postgres() {
    let url = std::env::var("CQNET_PG_TEST_URL")
        .expect("CQNET_PG_TEST_URL is not set: run under `bash .ci/with-postgres`");
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let schema = format!("cqnet_vc_{}_{secs}", std::process::id());
    struct DropSchema(String, String);
    impl Drop for DropSchema {
        fn drop(&mut self) {
            if let Ok(mut c) = postgres::Client::connect(&self.0, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.1));
            }
        }
    }
    let _drop = DropSchema(url.clone(), schema.clone());
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let mut out = String::new();
    let args = [
        "--postgres",
        "--pg-url",
        &url,
        "--pg-schema",
        &schema,
        "demo",
        "--out-dir",
        out_dir,
    ];
    let report = example::run(&cli(&args), &mut out)
        .expect("the demo runs on PostgreSQL")
        .expect("a report");
    assert_eq!(report.first, vec![Valid, Superseded, Revoked], "{out}");
    assert_eq!(report.second, vec![Valid, Revoked]);
    assert!(report.no_match_alike);
    assert_eq!(report.confirmation, vec![Valid, Revoked]);
    assert!(
        report.confirmation_guess_refused,
        "a wrong check code answers as a number never issued"
    );
    assert_eq!(report.credential[3], Verdict::Revoked);
}
