#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, FixedOffset, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::access::{Actor, PartyId};
use crate::certificate::constant_time::counting;
use crate::certificate::{
    Certificate, QualificationRecord, RevocationReason, RevocationRequest, decide_revocation,
};
use crate::rules::RulePack;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rules() -> Rules {
    RulePack::embedded().rules_at(d("2026-06-01")).unwrap()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// RFC 4231, test cases 1, 2, 3 and 6 (a key longer than the block is hashed first).
#[test]
fn hmac_sha256_gives_the_rfc_4231_digests() {
    assert_eq!(
        hex(&hmac_sha256(&[0x0b; 20], b"Hi There")),
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    );
    assert_eq!(
        hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    assert_eq!(
        hex(&hmac_sha256(&[0xaa; 20], &[0xdd; 50])),
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    );
    assert_eq!(
        hex(&hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First"
        )),
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    );
}

/// The code's characters are the digest's first 80 bits, five at a time, read here as one
/// number.
#[test]
fn a_code_writes_the_first_eighty_bits_of_its_digest() {
    for seed in [0u8, 1, 0x5a, 0xff] {
        let digest: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ seed);
        let top = digest[..10]
            .iter()
            .fold(0u128, |n, b| (n << 8) | u128::from(*b));
        let expected: String = (0..16)
            .map(|i| {
                let index = (top >> (75 - 5 * i)) & 0x1f;
                CODE_ALPHABET[index as usize] as char
            })
            .collect::<Vec<_>>()
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-");
        let code = ConfirmationCode::of_digest(&digest);
        assert_eq!(code.as_str(), expected);
        assert_eq!(ConfirmationCode::new(code.as_str()).unwrap(), code);
    }
}

proptest! {
    #[test]
    fn codes_parse_only_in_their_one_form(text in "[0-9A-Za-z-]{0,22}") {
        let parsed = ConfirmationCode::new(&text);
        let well_formed = text.len() == 19
            && text.chars().enumerate().all(|(i, c)| if i % 5 == 4 { c == '-' } else {
                c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c))
            });
        prop_assert_eq!(parsed.is_ok(), well_formed);
    }

    #[test]
    fn every_document_gets_a_well_formed_code(sequence in 1u32..=99_999, name in "[가-힣]{1,10}") {
        let doc = ConfirmationDocument {
            number: ConfirmationNumber::compose(t("2026-06-01T09:30:00+09:00"), sequence).unwrap(),
            holder: PrintedName::new(&name).unwrap(),
            ..ConfirmationDocument::example()
        };
        let code = doc.check_code(&ConfirmationSecret::example());
        prop_assert_eq!(ConfirmationCode::new(code.as_str()), Ok(code));
    }
}

#[test]
fn secrets_need_thirty_two_to_sixty_four_bytes_and_are_never_shown() {
    assert!(
        ConfirmationSecret::new(&[1; 31].iter().chain(&[2]).copied().collect::<Vec<_>>()).is_ok()
    );
    assert!(ConfirmationSecret::new(&[1, 2].repeat(15)).is_err());
    assert!(ConfirmationSecret::new(&[1, 2].repeat(32)).is_ok());
    assert!(ConfirmationSecret::new(&[1, 2].repeat(33)).is_err());
    assert!(ConfirmationSecret::new(&[0xff; 48]).is_err());
    let secret = ConfirmationSecret::new(&[3, 4].repeat(16)).unwrap();
    assert!(!format!("{secret:?}").contains('3'));
}

#[test]
fn names_are_masked_but_their_ends() {
    let mask = |s: &str| mask_name(&PrintedName::new(s).unwrap());
    assert_eq!(mask("김"), "*");
    assert_eq!(mask("김민"), "김*");
    assert_eq!(mask("김민준"), "김*준");
    assert_eq!(mask("제갈공명이"), "제***이");
    assert_eq!(mask("MARIA KIM"), "M**** **M");
    for name in ["김민준", "남궁민수", "JOHN SMITH"] {
        assert_eq!(mask(name).chars().count(), name.chars().count());
    }
}

fn revocation_at(at: &str) -> Revocation {
    let first = Certificate::example();
    let record = QualificationRecord::new(
        first.number().clone(),
        first.spec().track,
        vec![first],
        None,
    )
    .unwrap();
    decide_revocation(
        &record,
        &Actor::Agency(PartyId::new("hrdk-7").unwrap()),
        &RevocationRequest {
            at: t(at),
            reason: RevocationReason::Fraud,
            hearing_held_on: Some(korean_date(t(at))),
            note: None,
        },
        &rules(),
    )
    .revocation
    .unwrap()
}

#[test]
fn a_document_verifies_by_number_and_code_for_ninety_days() {
    let rules = rules();
    let secret = ConfirmationSecret::example();
    let number = ConfirmationNumber::compose(t("2026-06-01T23:59:59+09:00"), 3).unwrap();
    let doc = ConfirmationDocument {
        number: number.clone(),
        ..ConfirmationDocument::example()
    };
    let query = ConfirmationQuery {
        number: number.clone(),
        code: doc.check_code(&secret),
    };
    assert_eq!(
        confirmation_verifiable_until(&number, &rules),
        t("2026-08-31T00:00:00+09:00")
    );
    let check = |q: &ConfirmationQuery, now: &str, revocation: Option<&Revocation>| {
        verify_confirmation(q, Some(&doc), revocation, &secret, t(now), &rules)
    };
    let valid = check(&query, "2026-08-30T23:59:59+09:00", None);
    assert_eq!(valid.status, VerificationStatus::Valid);
    let shown = valid.disclosure.unwrap();
    assert_eq!(shown.holder_name, mask_name(&doc.holder));
    assert_ne!(shown.holder_name, doc.holder.as_str());
    assert_eq!(shown.issue_date, d("2026-06-01"));
    assert_eq!(shown.pass_date, doc.pass_date);

    // After the period, before the issue instant, with another code, under another key: one
    // answer, naming nothing.
    let no = VerificationAnswer::no_match();
    assert_eq!(check(&query, "2026-08-31T00:00:00+09:00", None), no);
    assert_eq!(check(&query, "2026-06-01T23:59:58+09:00", None), no);
    let mut chars: Vec<char> = query.code.as_str().chars().collect();
    chars[0] = if chars[0] == '0' { '1' } else { '0' };
    let one_off = ConfirmationQuery {
        code: ConfirmationCode::new(&chars.iter().collect::<String>()).unwrap(),
        ..query.clone()
    };
    assert_eq!(check(&one_off, "2026-07-01T00:00:00+09:00", None), no);
    let other_key = ConfirmationSecret::new(&[5, 6].repeat(16)).unwrap();
    assert_eq!(
        verify_confirmation(
            &query,
            Some(&doc),
            None,
            &other_key,
            t("2026-07-01T00:00:00+09:00"),
            &rules
        ),
        no
    );
    // The store found another document than the one asked for.
    let other = ConfirmationQuery {
        number: ConfirmationNumber::compose(t("2026-06-01T23:59:59+09:00"), 4).unwrap(),
        ..query.clone()
    };
    assert_eq!(check(&other, "2026-07-01T00:00:00+09:00", None), no);

    // Cancelled: revoked, disclosing nothing, only to whoever holds the code.
    let revocation = revocation_at("2026-07-01T09:00:00+09:00");
    let revoked = check(&query, "2026-07-01T09:00:00+09:00", Some(&revocation));
    assert_eq!(revoked.status, VerificationStatus::Revoked);
    assert!(revoked.disclosure.is_none());
    assert_eq!(
        check(&query, "2026-07-01T08:59:59+09:00", Some(&revocation)).status,
        VerificationStatus::Valid
    );
    assert_eq!(
        check(&one_off, "2026-07-01T09:00:00+09:00", Some(&revocation)),
        no
    );
    assert_eq!(
        check(&query, "2026-09-01T00:00:00+09:00", Some(&revocation)),
        no
    );

    // An overlay that shortens the period moves the boundary.
    let pack = RulePack::embedded()
        .with_overlay(
            r#"
            [overlay]
            name = "30-days"
            [certificates.confirmation_verifiable_days]
            description = "30 days"
            [[certificates.confirmation_verifiable_days.values]]
            since = "2015-01-01"
            value = 30
            reference = "host overlay"
            provenance = "assumption"
            last_checked = "2026-12-01"
        "#,
        )
        .unwrap();
    let short = pack.rules_at(d("2026-06-01")).unwrap();
    assert_eq!(
        confirmation_verifiable_until(&number, &short),
        t("2026-07-02T00:00:00+09:00")
    );
}

/// An expired real document and a number never issued answer identically, and every failing
/// path makes as many comparisons as a match.
#[test]
fn expired_and_unknown_documents_answer_alike_after_the_same_work() {
    let rules = rules();
    let secret = ConfirmationSecret::example();
    let doc = ConfirmationDocument::example();
    let real = ConfirmationQuery {
        number: doc.number.clone(),
        code: doc.check_code(&secret),
    };
    let never_issued = ConfirmationQuery {
        number: ConfirmationNumber::compose(doc.number.issued_at(), 8).unwrap(),
        code: ConfirmationCode::example(),
    };
    let run = |q: &ConfirmationQuery, found: Option<&ConfirmationDocument>, now: &str| {
        counting::comparisons(|| verify_confirmation(q, found, None, &secret, t(now), &rules))
    };
    let (valid, n_valid) = run(&real, Some(&doc), "2026-06-02T00:00:00+09:00");
    assert_eq!(valid.status, VerificationStatus::Valid);
    let (expired, n_expired) = run(&real, Some(&doc), "2026-12-01T00:00:00+09:00");
    let (unknown, n_unknown) = run(&never_issued, None, "2026-12-01T00:00:00+09:00");
    let (unknown_now, n_unknown_now) = run(&never_issued, None, "2026-06-02T00:00:00+09:00");
    let guess = ConfirmationQuery {
        code: ConfirmationCode::example(),
        ..real.clone()
    };
    let (wrong_code, n_wrong_code) = run(&guess, Some(&doc), "2026-06-02T00:00:00+09:00");
    assert_eq!(expired, unknown);
    assert_eq!(expired, VerificationAnswer::no_match());
    assert_eq!(unknown_now, expired);
    assert_eq!(wrong_code, expired);
    assert_eq!(
        serde_json::to_string(&expired).unwrap(),
        serde_json::to_string(&unknown).unwrap()
    );
    assert!(n_valid > 0);
    for n in [n_expired, n_unknown, n_unknown_now, n_wrong_code] {
        assert_eq!(n, n_valid, "every path makes the same comparisons");
    }
}
