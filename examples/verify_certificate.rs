//! Certificates (자격증) from the command line: issue (발급), reissue (재발급), revoke (자격 취소),
//! verify (진위확인), confirmation documents (자격취득사실 확인서), and a signed credential
//! verified offline.
//!
//! ```text
//! cargo run --example verify_certificate -- --memory demo              # the whole flow, in memory
//! cargo run --example verify_certificate -- --db c.sqlite issue         # a finalised pass, issued
//! cargo run --example verify_certificate -- --db c.sqlite verify --number 26000000001D \
//!     --date 2026-10-05 --management 202610051000-01-000001
//! cargo run --example verify_certificate -- --db c.sqlite reissue --previous 202610051000-01-000001
//! cargo run --example verify_certificate -- --db c.sqlite confirm --number 26000000001D
//! cargo run --example verify_certificate -- --db c.sqlite verify-confirmation \
//!     HRD-20261005100000-00001 --code XXXX-XXXX-XXXX-XXXX
//! cargo run --example verify_certificate -- --db c.sqlite revoke --number 26000000001D --hearing 2026-10-30
//! cargo run --example verify_certificate -- --db c.sqlite export --management … --out vc.json
//! cargo run --example verify_certificate -- verify-credential vc.json --public-key HEX
//! bash .ci/with-postgres cargo run --features postgres --example verify_certificate -- --postgres demo
//! ```
//!
//! With `--postgres` (built with the `postgres` feature) the store is the PostgreSQL database
//! at `--pg-url`, or else at the runtime setting `CQNET_PG_URL`, in the schema `--pg-schema`
//! (default `cqnet_certificates`). (`CQNET_PG_TEST_URL` is the tests' variable; the test of
//! this example passes it as `--pg-url`.)
//!
//! The store (an SQLite file, PostgreSQL, or `--memory`) is set up on first use with the exam fixture of
//! `cqnet_store::testing::certificate::passes`: three candidates of a 과정평가형 round, the first
//! passed and finalised. Every command runs at the instant `--at` (default 2026-10-05 10:00 KST,
//! after the announcement), so runs are deterministic. The issuer's signing key comes from
//! `--secret-key`, and the key of the confirmation documents' check codes (확인번호) from
//! `--confirmation-key` (fixed demo keys unless given): the program is the host, and keys are
//! the host's.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use clap::{Parser, Subcommand};
use cqnet::core::certificate::{
    CertificateForm, ConfirmationCode, ConfirmationNumber, ConfirmationQuery, ConfirmationSecret,
    DocumentRef, InnerPageNumber, ManagementNumber, QualificationNumber, ReissueReason,
    RevocationReason, VerificationAnswer, VerificationQuery, VerificationStatus,
};
use cqnet::core::credential::{
    Issuer, MIN_STATUS_LIST_ENTRIES, SigningKey, StatusFreshness, StatusList, StatusListEntry, Uri,
    Verdict, VerifyingKey, verify_credential_at, verify_credential_with_status,
};
use cqnet::store::blocking::CertificateService;
use cqnet::store::certificate::CertificateStore;
use cqnet::store::certificate::{Cancellation, Reissue};
use cqnet::store::exam::{ApplicationId, ExamStore};
use cqnet::store::{Actor, IdempotencyKey, Role};
use cqnet::store::{FixedClock, Store};

type Failure = Box<dyn std::error::Error>;

/// The demo issuer key (the host's own key in real use).
pub const DEMO_SECRET_KEY: &str =
    "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a";
/// The demo key of the confirmation documents' check codes (the host's own key in real use).
pub const DEMO_CONFIRMATION_KEY: &str =
    "6b1f0e3a9c2d4b5e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6";
/// Where the demo's status list is published.
pub const STATUS_LIST_ID: &str = "https://example.org/cqnet/status/2026";
/// How old a status list a verifier accepts unless `--status-max-age-hours` says otherwise:
/// the demo's publisher re-signs its list every day.
pub const DEFAULT_STATUS_MAX_AGE_HOURS: u32 = 24;

/// Certificates from the command line.
#[derive(Parser, Debug)]
pub struct Cli {
    /// Keep everything in memory (only useful with `demo`).
    #[arg(long, global = true)]
    memory: bool,
    /// The SQLite file (created and set up on first use).
    #[arg(long, global = true, default_value_os_t = std::env::temp_dir().join("cqnet-certificates.sqlite"))]
    db: PathBuf,
    /// Use the PostgreSQL database at `--pg-url` (or `CQNET_PG_URL`) instead of the SQLite
    /// file (needs the `postgres` feature).
    #[arg(long, global = true, conflicts_with = "memory")]
    postgres: bool,
    /// The PostgreSQL URL, with `--postgres`; `CQNET_PG_URL` when absent.
    #[arg(long, global = true)]
    pg_url: Option<String>,
    /// The PostgreSQL schema (created and set up on first use), with `--postgres`.
    #[arg(long, global = true, default_value = "cqnet_certificates")]
    pg_schema: String,
    /// The instant the command runs at (RFC 3339).
    #[arg(long, global = true, default_value = "2026-10-05T10:00:00+09:00")]
    at: DateTime<FixedOffset>,
    /// The issuer's Ed25519 secret key, 64 hex digits.
    #[arg(long, global = true, default_value = DEMO_SECRET_KEY)]
    secret_key: String,
    /// The oldest status list accepted, in hours since it was issued: an older list may not
    /// show a revocation.
    #[arg(long, global = true, default_value_t = DEFAULT_STATUS_MAX_AGE_HOURS)]
    status_max_age_hours: u32,
    /// The key of the check codes (확인번호) of confirmation documents, 64 hex digits.
    #[arg(long, global = true, default_value = DEMO_CONFIRMATION_KEY)]
    confirmation_key: String,
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// The whole flow: issue, verify, confirm, export, reissue, revoke, verify again.
    Demo {
        /// Where to write the credential and the status list (a temporary folder if absent).
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// Issue the certificate of the fixture's passed candidate (발급).
    Issue {
        /// notebook, card, certificate or mobile.
        #[arg(long, default_value = "certificate")]
        form: String,
        /// A notebook's inner-page number.
        #[arg(long)]
        inner_page: Option<String>,
    },
    /// Reissue a document (재발급).
    Reissue {
        /// The management number of the document replaced.
        #[arg(long)]
        previous: String,
        /// lost, damaged or details_changed.
        #[arg(long, default_value = "lost")]
        reason: String,
    },
    /// Cancel a qualification (자격 취소).
    Revoke {
        /// The qualification number.
        #[arg(long)]
        number: String,
        /// The day of the hearing (청문).
        #[arg(long)]
        hearing: Option<NaiveDate>,
        /// fraud or lending.
        #[arg(long, default_value = "fraud")]
        reason: String,
    },
    /// Check a certificate (진위확인).
    Verify {
        /// The qualification number.
        #[arg(long)]
        number: String,
        /// The issue date printed on the document.
        #[arg(long)]
        date: NaiveDate,
        /// The management number.
        #[arg(long, conflicts_with = "inner_page")]
        management: Option<String>,
        /// A notebook's inner-page number.
        #[arg(long)]
        inner_page: Option<String>,
    },
    /// Issue a confirmation document (자격취득사실 확인서) to the holder.
    Confirm {
        /// The qualification number.
        #[arg(long)]
        number: String,
    },
    /// Check a confirmation document by its number and check code.
    VerifyConfirmation {
        /// Its number, HRD-YYYYMMDDhhmmss-NNNNN.
        number: String,
        /// The check code (확인번호) printed beside it, XXXX-XXXX-XXXX-XXXX.
        #[arg(long)]
        code: String,
    },
    /// Export a document as a signed credential (JSON).
    Export {
        /// The management number.
        #[arg(long)]
        management: String,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
        /// Its bit in the status list, if it can be revoked.
        #[arg(long)]
        status_index: Option<u64>,
    },
    /// Verify a credential file offline.
    VerifyCredential {
        /// The credential (JSON).
        file: PathBuf,
        /// The issuer's public key, 64 hex digits.
        #[arg(long)]
        public_key: String,
        /// A signed status list credential (JSON) to check revocation against.
        #[arg(long)]
        status_list: Option<PathBuf>,
    },
}

/// What the demo found, for the test that runs it.
#[derive(Debug, Default)]
pub struct DemoReport {
    /// The qualification number issued.
    pub number: String,
    /// The status of the first document right after issue, after the reissue, after the
    /// cancellation.
    pub first: Vec<VerificationStatus>,
    /// The status of the reissued document before and after the cancellation.
    pub second: Vec<VerificationStatus>,
    /// Whether a wrong date and a wrong number answered alike, with no match.
    pub no_match_alike: bool,
    /// The confirmation document's status right away and after the cancellation.
    pub confirmation: Vec<VerificationStatus>,
    /// Whether the document's number with a wrong check code and a number never issued
    /// answered alike, with no match.
    pub confirmation_guess_refused: bool,
    /// The credential's verdicts: as written, tampered, against the status list before and
    /// after the cancellation.
    pub credential: Vec<Verdict>,
    /// The verdict after the cancellation against the list signed before it: stale.
    pub stale_list: Option<Verdict>,
    /// The credential file written.
    pub credential_file: PathBuf,
    /// The issuer's public key in hex.
    pub public_key: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn key_bytes(text: &str) -> Result<[u8; 32], Failure> {
    let text = text.trim();
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err("a key is 64 hex digits (32 bytes)".into());
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)?;
    }
    Ok(out)
}

fn public_key(text: &str) -> Result<VerifyingKey, Failure> {
    Ok(VerifyingKey::from_bytes(&key_bytes(text)?)?)
}

fn form(text: &str) -> Result<CertificateForm, Failure> {
    Ok(serde_json::from_value(serde_json::Value::String(
        text.to_owned(),
    ))?)
}

fn agency() -> Result<Actor, Failure> {
    Ok(Actor::new("hrdk.certificates", Role::Agency)?)
}

fn key(text: &str) -> Result<IdempotencyKey, Failure> {
    Ok(IdempotencyKey::new(text)?)
}

/// The fixture's passed candidate's application.
const PASSED: ApplicationId = ApplicationId::from_u128(1);

fn prepare<S: Store + ExamStore>(store: &S) -> Result<(), Failure> {
    if store.rounds()?.is_empty() {
        cqnet::store::testing::certificate::passes(store);
    }
    Ok(())
}

fn holder<S: Store + ExamStore>(store: &S) -> Result<Actor, Failure> {
    let candidate = store.application(PASSED)?.value.candidate;
    Ok(Actor::new(
        &format!("learner-{candidate}"),
        Role::Learner(candidate),
    )?)
}

fn show(answer: &VerificationAnswer) -> String {
    match &answer.disclosure {
        Some(d) => format!(
            "{:?}: {} / {} — {} {}, 합격 {}, 발급 {}",
            answer.status,
            answer.message.ko,
            answer.message.en,
            d.holder_name,
            d.qualification_name,
            d.pass_date,
            d.issue_date
        ),
        None => format!(
            "{:?}: {} / {}",
            answer.status, answer.message.ko, answer.message.en
        ),
    }
}

/// Verifies a credential file offline: signature, validity at `at`, and revocation against a
/// status list file when given, accepting lists issued up to
/// [`DEFAULT_STATUS_MAX_AGE_HOURS`] before `at`.
///
/// # Errors
/// When a file cannot be read or a key is malformed.
pub fn verify_credential_file(
    file: &Path,
    public_key_hex: &str,
    status_list: Option<&Path>,
    at: DateTime<FixedOffset>,
) -> Result<Verdict, Failure> {
    verify_credential_file_within(
        file,
        public_key_hex,
        status_list,
        at,
        DEFAULT_STATUS_MAX_AGE_HOURS,
    )
}

/// As [`verify_credential_file`], accepting status lists issued up to `max_age_hours` before
/// `at`. The files are read as text: the library reads the JSON itself, refusing a key named
/// twice.
///
/// # Errors
/// When a file cannot be read, a key is malformed or the maximum age is zero.
pub fn verify_credential_file_within(
    file: &Path,
    public_key_hex: &str,
    status_list: Option<&Path>,
    at: DateTime<FixedOffset>,
    max_age_hours: u32,
) -> Result<Verdict, Failure> {
    let key = public_key(public_key_hex)?;
    let credential = std::fs::read_to_string(file)?;
    Ok(match status_list {
        Some(path) => {
            let list = std::fs::read_to_string(path)?;
            let freshness =
                StatusFreshness::new(at, chrono::TimeDelta::hours(i64::from(max_age_hours)))?;
            verify_credential_with_status(&credential, &key, &list, &key, &freshness)
        }
        None => verify_credential_at(&credential, &key, at),
    })
}

fn run_on<S: Store + ExamStore + CertificateStore + 'static>(
    store: S,
    cli: &Cli,
    out: &mut String,
) -> Result<Option<DemoReport>, Failure> {
    prepare(&store)?;
    let signer = SigningKey::from_bytes(&key_bytes(&cli.secret_key)?);
    let issuer = Issuer::example(&signer.verifying_key());
    let service = CertificateService::new(store, FixedClock::new(cli.at.to_utc()))
        .with_confirmation_secret(ConfirmationSecret::new(&key_bytes(&cli.confirmation_key)?)?);
    let agency = agency()?;
    let stamp = cli.at.timestamp();
    match &cli.command {
        Command::Demo { out_dir } => return demo(service, cli, out_dir.as_deref(), out).map(Some),
        Command::Issue {
            form: f,
            inner_page,
        } => {
            let page = inner_page
                .as_deref()
                .map(InnerPageNumber::new)
                .transpose()?;
            let c = service.issue(
                &agency,
                &key(&format!("issue-{stamp}"))?,
                PASSED,
                form(f)?,
                page,
            )?;
            writeln!(
                out,
                "발급 issued: 자격번호 {} 관리번호 {} 발급일 {} ({})",
                c.number(),
                c.management_number(),
                c.issue_date(),
                c.spec().holder
            )?;
        }
        Command::Reissue { previous, reason } => {
            let reason: ReissueReason =
                serde_json::from_value(serde_json::Value::String(reason.clone()))?;
            let c = service.reissue(
                &agency,
                &key(&format!("reissue-{previous}-{stamp}"))?,
                &Reissue {
                    previous: ManagementNumber::new(previous)?,
                    reason,
                    form: CertificateForm::Certificate,
                    new_holder_name: None,
                    inner_page_number: None,
                },
            )?;
            writeln!(
                out,
                "재발급 reissued: 관리번호 {} supersedes {previous}",
                c.management_number()
            )?;
        }
        Command::Revoke {
            number,
            hearing,
            reason,
        } => {
            let reason: RevocationReason =
                serde_json::from_value(serde_json::Value::String(reason.clone()))?;
            let record = service.revoke(
                &agency,
                &key(&format!("revoke-{number}-{stamp}"))?,
                &QualificationNumber::new(number)?,
                &Cancellation {
                    reason,
                    hearing_held_on: *hearing,
                    note: None,
                },
            )?;
            let r = record.revocation().ok_or("no revocation recorded")?;
            writeln!(out, "자격 취소 revoked from {} ({:?})", r.at, r.reason)?;
        }
        Command::Verify {
            number,
            date,
            management,
            inner_page,
        } => {
            let document = match (management, inner_page) {
                (Some(m), _) => DocumentRef::ManagementNumber(ManagementNumber::new(m)?),
                (None, Some(p)) => DocumentRef::InnerPage(InnerPageNumber::new(p)?),
                (None, None) => DocumentRef::None,
            };
            let answer = service.verify(&VerificationQuery {
                number: QualificationNumber::new(number)?,
                issue_date: *date,
                document,
            })?;
            writeln!(out, "진위확인 {}", show(&answer))?;
        }
        Command::Confirm { number } => {
            let holder = holder(service.store())?;
            let issued = service.issue_confirmation(
                &holder,
                &key(&format!("confirm-{number}-{stamp}"))?,
                &QualificationNumber::new(number)?,
            )?;
            writeln!(
                out,
                "자격취득사실 확인서 문서번호 {} 확인번호 {}",
                issued.document.number, issued.check_code
            )?;
        }
        Command::VerifyConfirmation { number, code } => {
            let answer = service.verify_confirmation(&ConfirmationQuery {
                number: ConfirmationNumber::new(number)?,
                code: ConfirmationCode::new(code)?,
            })?;
            writeln!(out, "확인서 진위확인 {}", show(&answer))?;
        }
        Command::Export {
            management,
            out: file,
            status_index,
        } => {
            let holder = holder(service.store())?;
            let status = status_index.map(|index| -> Result<_, Failure> {
                Ok(StatusListEntry {
                    list: Uri::new(STATUS_LIST_ID)?,
                    index,
                })
            });
            let vc = service.export_credential(
                &holder,
                &ManagementNumber::new(management)?,
                &issuer,
                &signer,
                status.transpose()?,
            )?;
            std::fs::write(file, serde_json::to_string_pretty(&vc)?)?;
            writeln!(
                out,
                "credential written to {} (public key {})",
                file.display(),
                hex(signer.verifying_key().as_bytes())
            )?;
        }
        Command::VerifyCredential { .. } => unreachable_command()?,
    }
    Ok(None)
}

fn unreachable_command() -> Result<(), Failure> {
    Err("verify-credential needs no store".into())
}

fn demo<S: Store + ExamStore + CertificateStore + 'static>(
    service: CertificateService<S, FixedClock>,
    cli: &Cli,
    out_dir: Option<&Path>,
    out: &mut String,
) -> Result<DemoReport, Failure> {
    let mut report = DemoReport::default();
    let agency = agency()?;
    let holder = holder(service.store())?;
    let signer = SigningKey::from_bytes(&key_bytes(&cli.secret_key)?);
    let issuer = Issuer::example(&signer.verifying_key());
    report.public_key = hex(signer.verifying_key().as_bytes());
    let dir = match out_dir {
        Some(d) => d.to_path_buf(),
        None => std::env::temp_dir().join("cqnet-verify-certificate"),
    };
    std::fs::create_dir_all(&dir)?;

    let c = service.issue(
        &agency,
        &key("demo-issue")?,
        PASSED,
        CertificateForm::Certificate,
        None,
    )?;
    report.number = c.number().to_string();
    writeln!(
        out,
        "발급 issued {} / {}",
        c.number(),
        c.management_number()
    )?;
    let query = |c: &cqnet::core::certificate::Certificate| VerificationQuery {
        number: c.number().clone(),
        issue_date: c.issue_date(),
        document: DocumentRef::ManagementNumber(c.management_number().clone()),
    };
    let status = |q: &VerificationQuery| -> Result<VerificationStatus, Failure> {
        let answer = service.verify(q)?;
        Ok(answer.status)
    };
    report.first.push(status(&query(&c))?);
    writeln!(out, "진위확인 {}", show(&service.verify(&query(&c))?))?;
    let wrong_day = VerificationQuery {
        issue_date: c.issue_date().succ_opt().ok_or("no next day")?,
        ..query(&c)
    };
    let wrong_number = VerificationQuery {
        number: QualificationNumber::compose(c.spec().pass_date, c.number().serial() + 1)?,
        ..query(&c)
    };
    let (a, b) = (service.verify(&wrong_day)?, service.verify(&wrong_number)?);
    report.no_match_alike = a == b && a.status == VerificationStatus::NoMatch;
    writeln!(out, "wrong date:   {}", show(&a))?;
    writeln!(out, "wrong number: {}", show(&b))?;

    let issued = service.issue_confirmation(&holder, &key("demo-confirm")?, c.number())?;
    writeln!(
        out,
        "확인서 {} 확인번호 {}",
        issued.document.number, issued.check_code
    )?;
    let doc = ConfirmationQuery {
        number: issued.document.number.clone(),
        code: issued.check_code.clone(),
    };
    report
        .confirmation
        .push(service.verify_confirmation(&doc)?.status);
    let guessed = service.verify_confirmation(&ConfirmationQuery {
        code: ConfirmationCode::new("0000-0000-0000-0000")?,
        ..doc.clone()
    })?;
    let never_issued = service.verify_confirmation(&ConfirmationQuery {
        number: ConfirmationNumber::compose(doc.number.issued_at(), doc.number.sequence() + 1)?,
        ..doc.clone()
    })?;
    report.confirmation_guess_refused =
        guessed == never_issued && guessed.status == VerificationStatus::NoMatch;
    writeln!(out, "확인서 wrong code: {}", show(&guessed))?;

    let list_id = Uri::new(STATUS_LIST_ID)?;
    const INDEX: u64 = 42;
    let vc = service.export_credential(
        &holder,
        c.management_number(),
        &issuer,
        &signer,
        Some(StatusListEntry {
            list: list_id.clone(),
            index: INDEX,
        }),
    )?;
    report.credential_file = dir.join("credential.json");
    std::fs::write(&report.credential_file, serde_json::to_string_pretty(&vc)?)?;
    let mut tampered = vc.clone();
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = "김위조".into();
    let tampered_file = dir.join("tampered.json");
    std::fs::write(&tampered_file, serde_json::to_string(&tampered)?)?;
    let mut list = StatusList::new(MIN_STATUS_LIST_ENTRIES)?;
    let before = list.to_credential(&list_id, &issuer, cli.at, &signer)?;
    let list_file = dir.join("status-list.json");
    std::fs::write(&list_file, serde_json::to_string(&before)?)?;
    let pk = report.public_key.clone();
    let check = |file: &Path, list: Option<&Path>, at: DateTime<FixedOffset>| {
        verify_credential_file_within(file, &pk, list, at, cli.status_max_age_hours)
    };
    report
        .credential
        .push(check(&report.credential_file, None, cli.at)?);
    report.credential.push(check(&tampered_file, None, cli.at)?);
    report
        .credential
        .push(check(&report.credential_file, Some(&list_file), cli.at)?);
    writeln!(
        out,
        "credential {}: {:?}; tampered: {:?}",
        report.credential_file.display(),
        report.credential[0],
        report.credential[1]
    )?;

    // a later day: the holder lost the certificate
    let later = cli.at + chrono::Duration::days(30);
    let service = service.with_clock(FixedClock::new(later.to_utc()));
    let second = service.reissue(
        &agency,
        &key("demo-reissue")?,
        &Reissue {
            previous: c.management_number().clone(),
            reason: ReissueReason::Lost,
            form: CertificateForm::Certificate,
            new_holder_name: None,
            inner_page_number: None,
        },
    )?;
    writeln!(
        out,
        "재발급 reissued {} supersedes {}",
        second.management_number(),
        c.management_number()
    )?;
    report.first.push(service.verify(&query(&c))?.status);
    report.second.push(service.verify(&query(&second))?.status);

    let revoked = service.revoke(
        &agency,
        &key("demo-revoke")?,
        c.number(),
        &Cancellation {
            reason: RevocationReason::Lending,
            hearing_held_on: Some(later.date_naive()),
            note: Some("demo".into()),
        },
    )?;
    writeln!(
        out,
        "자격 취소 revoked: {:?}",
        revoked.revocation().map(|r| r.reason)
    )?;
    report.first.push(service.verify(&query(&c))?.status);
    report.second.push(service.verify(&query(&second))?.status);
    report
        .confirmation
        .push(service.verify_confirmation(&doc)?.status);
    // The list signed before the cancellation does not vouch for the credential any more.
    let stale = check(&report.credential_file, Some(&list_file), later)?;
    writeln!(out, "against the list of {}: {stale:?}", cli.at)?;
    report.stale_list = Some(stale);
    list.set(INDEX, true)?;
    let after = list.to_credential(&list_id, &issuer, later, &signer)?;
    std::fs::write(&list_file, serde_json::to_string(&after)?)?;
    report
        .credential
        .push(check(&report.credential_file, Some(&list_file), later)?);
    writeln!(
        out,
        "after the cancellation: {} / {:?}",
        show(&service.verify(&query(&second))?),
        report.credential[3]
    )?;
    Ok(report)
}

/// Runs the command line; what it prints goes to `out`.
///
/// # Errors
/// Any refusal or failure, as a message.
pub fn run(cli: &Cli, out: &mut String) -> Result<Option<DemoReport>, Failure> {
    if let Command::VerifyCredential {
        file,
        public_key,
        status_list,
    } = &cli.command
    {
        let verdict = verify_credential_file_within(
            file,
            public_key,
            status_list.as_deref(),
            cli.at,
            cli.status_max_age_hours,
        )?;
        writeln!(out, "credential: {verdict:?}")?;
        return Ok(None);
    }
    if cli.memory {
        return run_on(cqnet::adapters::memory::MemoryStore::new(), cli, out);
    }
    if cli.postgres {
        return run_on_postgres(cli, out);
    }
    run_on(
        cqnet::adapters::sqlite::SqliteStore::open(&cli.db)?,
        cli,
        out,
    )
}

/// The runtime setting naming the PostgreSQL database of `--postgres` when `--pg-url` is absent.
pub const PG_URL_VAR: &str = "CQNET_PG_URL";

#[cfg(feature = "postgres")]
fn run_on_postgres(cli: &Cli, out: &mut String) -> Result<Option<DemoReport>, Failure> {
    use cqnet::adapters::postgres::{PgOptions, PgStore};
    let url = match &cli.pg_url {
        Some(url) => url.clone(),
        None => std::env::var(PG_URL_VAR).map_err(|_| {
            format!(
                "--postgres: pass --pg-url or set {PG_URL_VAR} to a PostgreSQL URL (or run under .ci/with-postgres)"
            )
        })?,
    };
    let options = PgOptions::new(&url)?.with_schema(&cli.pg_schema)?;
    run_on(PgStore::connect(&options)?, cli, out)
}

#[cfg(not(feature = "postgres"))]
fn run_on_postgres(_: &Cli, _: &mut String) -> Result<Option<DemoReport>, Failure> {
    Err("--postgres needs the postgres feature: cargo run --features postgres --example verify_certificate -- --postgres …".into())
}

#[allow(dead_code)]
fn main() {
    let cli = Cli::parse();
    let mut out = String::new();
    let result = run(&cli, &mut out);
    print!("{out}");
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
