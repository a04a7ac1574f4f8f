#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::certificate::{CertificateContent, CertificateSpec, IssueRequest, WorkStudyContent};
use crate::{QualificationCode, WorkStudyQualificationName};

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn key() -> SigningKey {
    SigningKey::from_bytes(&[42; 32])
}

/// A verifier at `now` accepting status lists issued up to a day before.
fn fresh(now: &str) -> StatusFreshness {
    StatusFreshness::new(t(now), chrono::TimeDelta::days(1)).unwrap()
}

fn list_id() -> Uri {
    Uri::new("https://example.org/status/2026").unwrap()
}

fn spec(status: Option<StatusListEntry>) -> CredentialSpec {
    CredentialSpec {
        id: None,
        issuer: Issuer::example(&key().verifying_key()),
        valid_from: t("2026-05-01T10:30:00+09:00"),
        status,
    }
}

fn signed() -> Value {
    let entry = StatusListEntry {
        list: list_id(),
        index: 42,
    };
    issue_credential(&Certificate::example(), &spec(Some(entry)), &key()).unwrap()
}

// ------------------------------------------------------------------ interoperability

/// The eddsa-jcs-2022 test vector of the W3C Data Integrity EdDSA Cryptosuites
/// (w3c/vc-di-eddsa, TestVectors/keyPair.json and eddsa-jcs-2022/signedJCS.json).
#[test]
fn the_w3c_eddsa_jcs_2022_test_vector_is_reproduced() {
    let secret = bs58::decode("3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
        .into_vec()
        .unwrap();
    assert_eq!(&secret[..2], &[0x80, 0x26]); // ed25519-priv multicodec
    let key = SigningKey::from_bytes(&secret[2..].try_into().unwrap());
    assert_eq!(
        public_key_multibase(&key.verifying_key()),
        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    );
    let unsigned = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": "https://vc.example/issuers/5678",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"}
    });
    let options = ProofOptions {
        verification_method: Uri::new(
            "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        )
        .unwrap(),
        created: Some(t("2023-02-24T23:36:38Z")),
    };
    let ours = sign(&unsigned, &key, &options).unwrap();
    let expected =
        "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4";
    assert_eq!(ours["proof"]["proofValue"], expected);
    assert_eq!(ours["proof"]["created"], "2023-02-24T23:36:38Z");

    // The published signed document verifies as it is.
    let mut published = unsigned.clone();
    published["proof"] = json!({
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        "proofPurpose": "assertionMethod",
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "proofValue": expected,
    });
    assert_eq!(
        verify_proof(&published.to_string(), &key.verifying_key()),
        ProofCheck::Valid
    );
    // Without @context in the proof the configuration still carries the document's.
    published["proof"]
        .as_object_mut()
        .unwrap()
        .remove("@context");
    assert_eq!(
        verify_proof(&published.to_string(), &key.verifying_key()),
        ProofCheck::Valid
    );
}

#[test]
fn the_credential_has_the_open_badges_shape() {
    let vc = signed();
    assert_eq!(vc["@context"], json!([VC_V2_CONTEXT, OB_V3_CONTEXT]));
    assert_eq!(
        vc["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(vc["id"], "urn:cqnet:certificate:202605011030-01-000042");
    assert_eq!(vc["validFrom"], "2026-05-01T10:30:00+09:00");
    assert_eq!(vc["issuer"]["type"], json!(["Profile"]));
    let subject = &vc["credentialSubject"];
    assert_eq!(subject["type"], json!(["AchievementSubject"]));
    assert_eq!(subject["identifier"][0]["identityHash"], "김민준");
    assert_eq!(subject["activityStartDate"], "2025-09-01T00:00:00+09:00");
    assert!(
        subject["narrative"]
            .as_str()
            .unwrap()
            .contains("한빛직업전문학교")
    );
    assert!(subject["narrative"].as_str().unwrap().contains("600시간"));
    let achievement = &subject["achievement"];
    assert_eq!(achievement["achievementType"], "Certificate");
    assert_eq!(achievement["alignment"].as_array().unwrap().len(), 2);
    assert_eq!(achievement["alignment"][1]["targetName"], "화면 구현");
    assert!(achievement["criteria"]["narrative"].is_string());
    assert_eq!(vc["credentialStatus"]["type"], "BitstringStatusListEntry");
    assert_eq!(vc["credentialStatus"]["statusListIndex"], "42");
    assert_eq!(vc["proof"]["cryptosuite"], CRYPTOSUITE);
    assert_eq!(vc["proof"]["created"], "2026-05-01T10:30:00+09:00");
    // No birth date, no candidate id.
    let text = vc.to_string();
    assert!(!text.contains("2001-03-15") && !text.contains("person-1"));
}

#[test]
fn a_work_study_credential_names_its_level_qualification() {
    let mut spec_: CertificateSpec = Certificate::example().into();
    spec_.track = crate::Track::WorkStudy;
    spec_.qualification = QualificationCode::new("2N0C").unwrap();
    spec_.content = CertificateContent::WorkStudy(
        WorkStudyContent::new(WorkStudyQualificationName::example(), vec![]).unwrap(),
    );
    let cert = Certificate::new(spec_).unwrap();
    let vc = issue_credential(&cert, &spec(None), &key()).unwrap();
    let achievement = &vc["credentialSubject"]["achievement"];
    assert_eq!(achievement["name"], "CNC밀링가공_L3");
    assert_eq!(achievement["achievementType"], "ApprenticeshipCertificate");
    assert!(achievement.get("alignment").is_none());
    assert!(vc.get("credentialStatus").is_none());
    assert_eq!(
        verify_credential(&vc.to_string(), &key().verifying_key()),
        Verdict::Valid
    );
}

#[test]
fn signing_is_deterministic() {
    assert_eq!(signed(), signed());
    let _ = IssueRequest::example();
    let other = SigningKey::from_bytes(&[43; 32]);
    let theirs = issue_credential(&Certificate::example(), &spec(None), &other).unwrap();
    let ours = issue_credential(&Certificate::example(), &spec(None), &key()).unwrap();
    assert_ne!(theirs["proof"]["proofValue"], ours["proof"]["proofValue"]);
    assert_eq!(
        verify_credential(&theirs.to_string(), &key().verifying_key()),
        Verdict::BadSignature
    );
}

// ------------------------------------------------------------------ tampering

/// Every path to a leaf (string, number, boolean, null) of a JSON value.
fn leaves(value: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let mut p = path.clone();
                p.push(k.clone());
                leaves(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut p = path.clone();
                p.push(i.to_string());
                leaves(v, p, out);
            }
        }
        _ => out.push(path),
    }
}

fn at_mut<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, key| match v {
        Value::Array(items) => &mut items[key.parse::<usize>().unwrap()],
        other => &mut other[key.as_str()],
    })
}

fn altered(leaf: &Value) -> Value {
    match leaf {
        Value::String(s) if s.is_empty() => "x".into(),
        // Change one character, keeping the length: the subtlest edit.
        Value::String(s) => {
            let mut chars: Vec<char> = s.chars().collect();
            let last = chars.len() - 1;
            chars[last] = if chars[last] == 'A' { 'B' } else { 'A' };
            chars.into_iter().collect::<String>().into()
        }
        Value::Bool(b) => (!b).into(),
        Value::Number(n) => (n.as_i64().unwrap_or(0) + 1).into(),
        Value::Null => 0.into(),
        other => other.clone(),
    }
}

#[test]
fn altering_any_field_breaks_verification() {
    let vc = signed();
    let public = key().verifying_key();
    assert_eq!(verify_credential(&vc.to_string(), &public), Verdict::Valid);
    let mut paths = Vec::new();
    leaves(&vc, Vec::new(), &mut paths);
    assert!(paths.len() > 40, "only {} leaves", paths.len());
    for path in &paths {
        let mut tampered = vc.clone();
        let leaf = at_mut(&mut tampered, path);
        *leaf = altered(leaf);
        let verdict = verify_credential(&tampered.to_string(), &public);
        assert!(
            matches!(
                verdict,
                Verdict::BadSignature | Verdict::Malformed(_) | Verdict::UnexpectedContext(_)
            ),
            "altering {} gave {verdict:?}",
            path.join(".")
        );
    }
}

#[test]
fn adding_or_removing_a_field_breaks_verification() {
    let vc = signed();
    let public = key().verifying_key();
    let mut added = vc.clone();
    added["credentialSubject"]["achievement"]["fieldOfStudy"] = "x".into();
    assert_eq!(
        verify_credential(&added.to_string(), &public),
        Verdict::BadSignature
    );
    let mut removed = vc.clone();
    removed.as_object_mut().unwrap().remove("credentialStatus");
    assert_eq!(
        verify_credential(&removed.to_string(), &public),
        Verdict::BadSignature
    );
    let mut unsigned = vc.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    assert!(matches!(
        verify_credential(&unsigned.to_string(), &public),
        Verdict::Malformed(_)
    ));
    // Reordering keys changes nothing: JCS sorts them.
    let reordered: Value =
        serde_json::from_str(&serde_json_canonicalizer::to_string(&vc).unwrap()).unwrap();
    assert_eq!(
        verify_credential(&reordered.to_string(), &public),
        Verdict::Valid
    );
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        Just(Value::from("z3u2en")),
        Just(Value::from("DataIntegrityProof")),
        Just(Value::from(CRYPTOSUITE)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("proof".to_owned()),
                    Just("proofValue".to_owned()),
                    Just("@context".to_owned()),
                    Just("type".to_owned()),
                    Just("cryptosuite".to_owned()),
                    Just("credentialStatus".to_owned()),
                    "[a-z]{1,6}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics_and_never_verifies(doc in arbitrary_json()) {
        let public = key().verifying_key();
        prop_assert_ne!(verify_credential(&doc.to_string(), &public), Verdict::Valid);
        prop_assert_ne!(verify_proof(&doc.to_string(), &public), ProofCheck::Valid);
        let in_may = fresh("2026-05-01T12:00:00Z");
        let _ = check_status(&doc.to_string(), &doc.to_string(), &public, &in_may);
        let _ = verify_credential_with_status(&doc.to_string(), &public, &doc.to_string(), &public, &in_may);
    }

    #[test]
    fn arbitrary_proofs_never_verify(proof in arbitrary_json(), value in "\\PC{0,100}") {
        let public = key().verifying_key();
        let mut vc = signed();
        vc["proof"] = proof;
        prop_assert_ne!(verify_credential(&vc.to_string(), &public), Verdict::Valid);
        let mut vc = signed();
        vc["proof"]["proofValue"] = value.into();
        prop_assert_ne!(verify_credential(&vc.to_string(), &public), Verdict::Valid);
    }
}

// ------------------------------------------------------------------ status lists

#[test]
fn status_lists_have_at_least_sixteen_kibibytes_and_msb_first_bits() {
    assert!(StatusList::new(131_071).is_err());
    assert!(StatusList::new(131_080 - 4).is_err());
    assert!(StatusList::new(MAX_STATUS_LIST_ENTRIES + 8).is_err());
    let mut list = StatusList::new(131_072).unwrap();
    list.set(0, true).unwrap();
    list.set(9, true).unwrap();
    assert_eq!(&list.bits[..2], &[0x80, 0x40]);
    list.set(0, false).unwrap();
    assert_eq!(list.bits[0], 0);
    assert!(list.is_set(131_071).is_ok());
    assert!(list.is_set(131_072).is_err());
    assert!(list.set(u64::MAX, true).is_err());
}

#[test]
fn encoded_lists_round_trip_and_refuse_garbage() {
    let mut list = StatusList::new(262_144).unwrap();
    for i in [0, 7, 8, 94_567, 262_143] {
        list.set(i, true).unwrap();
    }
    let encoded = list.encode();
    assert_eq!(encoded, list.encode());
    assert!(!encoded.contains('=') && !encoded.contains('+') && !encoded.contains('/'));
    assert_eq!(StatusList::decode(&encoded).unwrap(), list);
    for bad in [
        "",
        "u",
        "uAAAA",
        "zH4sI",
        &encoded[1..],
        &format!("{encoded}="),
    ] {
        assert!(StatusList::decode(bad).is_err(), "{bad:?}");
    }
    // Too short once inflated.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&[0; 100]).unwrap();
    let short = format!(
        "u{}",
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            gz.finish().unwrap()
        )
    );
    assert!(StatusList::decode(&short).is_err());
    // A bomb: 3 MiB of zeros inflates past the limit and is refused without reading it all.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&vec![0; 3 * 1024 * 1024]).unwrap();
    let bomb = format!(
        "u{}",
        base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            gz.finish().unwrap()
        )
    );
    assert!(StatusList::decode(&bomb).is_err());
}

#[test]
fn revocation_is_read_from_a_signed_status_list() {
    let public = key().verifying_key();
    let in_may = fresh("2026-05-01T12:00:00Z");
    let in_september = fresh("2026-09-01T12:00:00Z");
    let issuer = Issuer::example(&public);
    let vc = signed();
    let mut list = StatusList::new(MIN_STATUS_LIST_ENTRIES).unwrap();
    list.set(41, true).unwrap(); // a neighbour
    let published = list
        .to_credential(&list_id(), &issuer, t("2026-05-01T00:00:00Z"), &key())
        .unwrap();
    assert_eq!(
        published["credentialSubject"]["statusPurpose"],
        "revocation"
    );
    assert_eq!(
        verify_proof(&published.to_string(), &public),
        ProofCheck::Valid
    );
    assert_eq!(
        check_status(&vc.to_string(), &published.to_string(), &public, &in_may),
        StatusCheck::NotRevoked
    );
    assert_eq!(
        verify_credential_with_status(
            &vc.to_string(),
            &public,
            &published.to_string(),
            &public,
            &in_may
        ),
        Verdict::Valid
    );

    list.set(42, true).unwrap();
    let revoked = list
        .to_credential(&list_id(), &issuer, t("2026-09-01T00:00:00Z"), &key())
        .unwrap();
    assert_eq!(
        check_status(
            &vc.to_string(),
            &revoked.to_string(),
            &public,
            &in_september
        ),
        StatusCheck::Revoked
    );
    assert_eq!(
        verify_credential_with_status(
            &vc.to_string(),
            &public,
            &revoked.to_string(),
            &public,
            &in_september
        ),
        Verdict::Revoked
    );

    // A forged list: the revoked bit cleared after signing.
    let mut forged = revoked.clone();
    forged["credentialSubject"]["encodedList"] =
        published["credentialSubject"]["encodedList"].clone();
    assert!(matches!(
        check_status(&vc.to_string(), &forged.to_string(), &public, &in_september),
        StatusCheck::Invalid(_)
    ));
    assert!(matches!(
        verify_credential_with_status(
            &vc.to_string(),
            &public,
            &forged.to_string(),
            &public,
            &in_september
        ),
        Verdict::StatusUnknown(_)
    ));
    // A list signed by another key.
    let other = SigningKey::from_bytes(&[7; 32]);
    let foreign = list
        .to_credential(&list_id(), &issuer, t("2026-09-01T00:00:00Z"), &other)
        .unwrap();
    assert!(matches!(
        check_status(
            &vc.to_string(),
            &foreign.to_string(),
            &public,
            &in_september
        ),
        StatusCheck::Invalid(_)
    ));
    // Another list than the one the credential names.
    let elsewhere = list
        .to_credential(
            &Uri::new("https://example.org/status/other").unwrap(),
            &issuer,
            t("2026-09-01T00:00:00Z"),
            &key(),
        )
        .unwrap();
    assert!(matches!(
        check_status(
            &vc.to_string(),
            &elsewhere.to_string(),
            &public,
            &in_september
        ),
        StatusCheck::Invalid(_)
    ));
    // An index past the end of the list.
    let far = issue_credential(
        &Certificate::example(),
        &spec(Some(StatusListEntry {
            list: list_id(),
            index: MIN_STATUS_LIST_ENTRIES,
        })),
        &key(),
    )
    .unwrap();
    assert!(matches!(
        check_status(&far.to_string(), &published.to_string(), &public, &in_may),
        StatusCheck::Invalid(_)
    ));
    // A credential without status is valid on its signature alone.
    let plain = issue_credential(&Certificate::example(), &spec(None), &key()).unwrap();
    assert_eq!(
        check_status(&plain.to_string(), &published.to_string(), &public, &in_may),
        StatusCheck::NoStatus
    );
    // A tampered credential stays bad whatever the list says.
    let mut tampered = vc.clone();
    tampered["credentialSubject"]["licenseNumber"] = "26000000124F".into();
    assert_eq!(
        verify_credential_with_status(
            &tampered.to_string(),
            &public,
            &published.to_string(),
            &public,
            &in_may
        ),
        Verdict::BadSignature
    );
}

#[test]
fn keys_and_uris_refuse_garbage() {
    let public = key().verifying_key();
    let multibase = public_key_multibase(&public);
    assert_eq!(public_key_from_multibase(&multibase).unwrap(), public);
    assert!(public_key_from_multibase(&multibase[1..]).is_err());
    assert!(public_key_from_multibase("z").is_err());
    assert!(public_key_from_multibase("z0OIl").is_err()); // not base58
    assert!(Uri::new("").is_err());
    assert!(Uri::new("https:").is_err());
    assert!(Uri::new("https://a b").is_err());
    assert!(serde_json::from_str::<Uri>("\"nope\"").is_err());
    assert!(
        sign(
            &json!([1]),
            &key(),
            &ProofOptions {
                verification_method: list_id(),
                created: None
            }
        )
        .is_err()
    );
    assert!(
        sign(
            &signed(),
            &key(),
            &ProofOptions {
                verification_method: list_id(),
                created: None
            }
        )
        .is_err()
    );
}

#[test]
fn a_credential_is_in_force_from_valid_from_until_valid_until() {
    let s = spec(None);
    let mut body = certificate_credential(&Certificate::example(), &s);
    body["validUntil"] = json!("2031-05-01T00:00:00+09:00");
    let options = ProofOptions {
        verification_method: s.issuer.verification_method.clone(),
        created: Some(s.valid_from),
    };
    let vc = sign(&body, &key(), &options).unwrap();
    let at = |when: &str| verify_credential_at(&vc.to_string(), &key().verifying_key(), t(when));
    assert_eq!(at("2026-05-01T10:29:59+09:00"), Verdict::OutsideValidity);
    assert_eq!(at("2026-05-01T10:30:00+09:00"), Verdict::Valid);
    assert_eq!(at("2031-04-30T23:59:59+09:00"), Verdict::Valid);
    assert_eq!(at("2031-05-01T00:00:00+09:00"), Verdict::OutsideValidity);
    // A validity window never rescues a bad signature.
    let mut forged = vc.clone();
    forged["validUntil"] = json!("2099-01-01T00:00:00+09:00");
    assert_eq!(
        verify_credential_at(
            &forged.to_string(),
            &key().verifying_key(),
            t("2040-01-01T00:00:00+09:00")
        ),
        Verdict::BadSignature
    );
    // A signed but unreadable validUntil is malformed, not valid.
    let mut odd = body.clone();
    odd["validUntil"] = json!("soon");
    let odd = sign(&odd, &key(), &options).unwrap();
    assert!(matches!(
        verify_credential_at(
            &odd.to_string(),
            &key().verifying_key(),
            t("2027-01-01T00:00:00+09:00")
        ),
        Verdict::Malformed(_)
    ));
}

// ------------------------------------------------------------------ status list freshness

/// The signed list of `list` issued at `valid_from`, with a `validUntil` when given.
fn list_credential(list: &StatusList, valid_from: &str, valid_until: Option<&str>) -> String {
    let issuer = Issuer::example(&key().verifying_key());
    let signed = list
        .to_credential(&list_id(), &issuer, t(valid_from), &key())
        .unwrap();
    let Some(until) = valid_until else {
        return signed.to_string();
    };
    let mut body = signed;
    body.as_object_mut().unwrap().remove("proof");
    body["validUntil"] = until.into();
    let options = ProofOptions {
        verification_method: issuer.verification_method.clone(),
        created: Some(t(valid_from)),
    };
    sign(&body, &key(), &options).unwrap().to_string()
}

#[test]
fn a_status_list_signed_before_a_revocation_is_stale_not_valid() {
    let public = key().verifying_key();
    let vc = signed().to_string();
    // Published in May with bit 42 clear; the qualification is cancelled later.
    let may = list_credential(
        &StatusList::new(MIN_STATUS_LIST_ENTRIES).unwrap(),
        "2026-05-01T00:00:00Z",
        None,
    );
    let max_age = chrono::TimeDelta::hours(24);
    let september = t("2026-09-01T12:00:00Z");
    let at = |now: DateTime<FixedOffset>| {
        verify_credential_with_status(
            &vc,
            &public,
            &may,
            &public,
            &StatusFreshness::new(now, max_age).unwrap(),
        )
    };
    assert_eq!(
        at(september),
        Verdict::StatusListStale {
            issued: t("2026-05-01T00:00:00Z"),
            oldest_accepted: september - max_age,
        }
    );
    // At exactly the maximum age the list is accepted; a second later it is not.
    let issued = t("2026-05-01T00:00:00Z");
    assert_eq!(at(issued + max_age), Verdict::Valid);
    assert!(matches!(
        at(issued + max_age + chrono::TimeDelta::seconds(1)),
        Verdict::StatusListStale { .. }
    ));
    let checked = check_status(
        &vc,
        &may,
        &public,
        &StatusFreshness::new(september, max_age).unwrap(),
    );
    assert!(matches!(checked, StatusCheck::Stale { .. }), "{checked:?}");
    // A stale list is refused whatever its bits say.
    let mut revoked = StatusList::new(MIN_STATUS_LIST_ENTRIES).unwrap();
    revoked.set(42, true).unwrap();
    let old_revoked = list_credential(&revoked, "2026-05-01T00:00:00Z", None);
    let verdict = verify_credential_with_status(
        &vc,
        &public,
        &old_revoked,
        &public,
        &StatusFreshness::new(september, max_age).unwrap(),
    );
    assert!(
        matches!(verdict, Verdict::StatusListStale { .. }),
        "{verdict:?}"
    );
    // A maximum age of zero or less is no policy.
    assert!(StatusFreshness::new(september, chrono::TimeDelta::zero()).is_err());
    assert!(StatusFreshness::new(september, chrono::TimeDelta::seconds(-1)).is_err());
}

#[test]
fn a_status_list_outside_its_validity_is_refused() {
    let public = key().verifying_key();
    let vc = signed().to_string();
    let list = StatusList::new(MIN_STATUS_LIST_ENTRIES).unwrap();
    let bounded = list_credential(&list, "2026-09-01T00:00:00Z", Some("2026-09-02T00:00:00Z"));
    let week = chrono::TimeDelta::days(7);
    let at = |now: &str| {
        verify_credential_with_status(
            &vc,
            &public,
            &bounded,
            &public,
            &StatusFreshness::new(t(now), week).unwrap(),
        )
    };
    let outside = Verdict::StatusListOutsideValidity {
        valid_from: t("2026-09-01T00:00:00Z"),
        valid_until: Some(t("2026-09-02T00:00:00Z")),
    };
    assert_eq!(at("2026-09-01T23:59:59Z"), Verdict::Valid);
    // Fresh enough by age, but past its validUntil.
    assert_eq!(at("2026-09-02T00:00:00Z"), outside);
    assert_eq!(at("2026-09-03T00:00:00Z"), outside);
    // Before its validFrom: a list from the verifier's future vouches for nothing yet.
    assert_eq!(at("2026-08-31T23:59:59Z"), outside);
    // A list that does not say when it was issued has no age.
    let mut undated: Value =
        serde_json::from_str(&list_credential(&list, "2026-09-01T00:00:00Z", None)).unwrap();
    let obj = undated.as_object_mut().unwrap();
    obj.remove("proof");
    obj.remove("validFrom");
    let options = ProofOptions {
        verification_method: Issuer::example(&public).verification_method,
        created: None,
    };
    let undated = sign(&undated, &key(), &options).unwrap().to_string();
    assert!(matches!(
        verify_credential_with_status(
            &vc,
            &public,
            &undated,
            &public,
            &StatusFreshness::new(t("2026-09-01T12:00:00Z"), week).unwrap()
        ),
        Verdict::StatusUnknown(_)
    ));
}

// ------------------------------------------------------------------ contexts

/// `vc` with its `@context` replaced and re-signed by the issuer, as a forger cannot do but a
/// sloppy issuer might.
fn resigned_with_contexts(contexts: Value) -> String {
    let s = spec(None);
    let mut body = certificate_credential(&Certificate::example(), &s);
    body["@context"] = contexts;
    let options = ProofOptions {
        verification_method: s.issuer.verification_method.clone(),
        created: Some(s.valid_from),
    };
    sign(&body, &key(), &options).unwrap().to_string()
}

#[test]
fn a_context_the_credential_type_does_not_name_is_refused() {
    let public = key().verifying_key();
    let vc = signed();
    // Appended after signing: the signature still holds over the proof's contexts.
    let mut appended = vc.clone();
    appended["@context"]
        .as_array_mut()
        .unwrap()
        .push("https://attacker.example/redefines-terms".into());
    assert!(matches!(
        verify_credential(&appended.to_string(), &public),
        Verdict::UnexpectedContext(_)
    ));
    // Even when the issuer signed it: a credential of this type names only its two contexts.
    for contexts in [
        json!([
            VC_V2_CONTEXT,
            OB_V3_CONTEXT,
            "https://www.w3.org/ns/credentials/examples/v2"
        ]),
        json!([VC_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_CONTEXT]),
        json!([VC_V2_CONTEXT, OB_V3_CONTEXT, {"@vocab": "https://attacker.example/#"}]),
    ] {
        let verdict = verify_credential(&resigned_with_contexts(contexts.clone()), &public);
        assert!(
            matches!(verdict, Verdict::UnexpectedContext(_)),
            "{contexts}: {verdict:?}"
        );
    }
    // Missing the Open Badges context, or out of order: not an Open Badges credential.
    for contexts in [
        json!([VC_V2_CONTEXT]),
        json!([OB_V3_CONTEXT, VC_V2_CONTEXT]),
    ] {
        let verdict = verify_credential(&resigned_with_contexts(contexts.clone()), &public);
        assert!(
            matches!(verdict, Verdict::Malformed(_)),
            "{contexts}: {verdict:?}"
        );
    }
    // The proof's contexts must be the credential's.
    let mut shorter_proof = vc.clone();
    shorter_proof["proof"]["@context"] = json!([VC_V2_CONTEXT]);
    assert!(matches!(
        verify_credential(&shorter_proof.to_string(), &public),
        Verdict::UnexpectedContext(_)
    ));
    // The credential as issued has exactly the contexts it names.
    assert_eq!(verify_credential(&vc.to_string(), &public), Verdict::Valid);
}

#[test]
fn a_status_list_with_an_unnamed_context_is_refused() {
    let public = key().verifying_key();
    let vc = signed().to_string();
    let list = StatusList::new(MIN_STATUS_LIST_ENTRIES).unwrap();
    let mut published: Value =
        serde_json::from_str(&list_credential(&list, "2026-09-01T00:00:00Z", None)).unwrap();
    published["@context"]
        .as_array_mut()
        .unwrap()
        .push("https://attacker.example/ctx".into());
    let verdict = verify_credential_with_status(
        &vc,
        &public,
        &published.to_string(),
        &public,
        &fresh("2026-09-01T12:00:00Z"),
    );
    assert!(matches!(verdict, Verdict::StatusUnknown(_)), "{verdict:?}");
}

// ------------------------------------------------------------------ duplicate keys

/// JSON text of `value` in which the object at `path` names its first key twice: first with
/// `forged`, then with its own value (which a last-wins reader keeps).
fn with_duplicate(value: &Value, path: &[String], forged: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut parts = Vec::new();
            for (i, (k, v)) in map.iter().enumerate() {
                let key = Value::String(k.clone()).to_string();
                if path.is_empty() && i == 0 {
                    parts.push(format!("{key}:{forged}"));
                }
                let inner = match path.split_first() {
                    Some((head, rest)) if head == k => with_duplicate(v, rest, forged),
                    _ => v.to_string(),
                };
                parts.push(format!("{key}:{inner}"));
            }
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, v)| match path.split_first() {
                    Some((head, rest)) if *head == i.to_string() => with_duplicate(v, rest, forged),
                    _ => v.to_string(),
                })
                .collect();
            format!("[{}]", parts.join(","))
        }
        other => other.to_string(),
    }
}

/// Every path to a non-empty object of a JSON value.
fn objects(value: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            if !map.is_empty() {
                out.push(path.clone());
            }
            for (k, v) in map {
                let mut p = path.clone();
                p.push(k.clone());
                objects(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let mut p = path.clone();
                p.push(i.to_string());
                objects(v, p, out);
            }
        }
        _ => {}
    }
}

#[test]
fn a_key_named_twice_at_any_depth_is_refused_before_the_signature() {
    let public = key().verifying_key();
    let vc = signed();
    let mut paths = Vec::new();
    objects(&vc, Vec::new(), &mut paths);
    assert!(paths.len() > 8, "only {} objects", paths.len());
    for path in &paths {
        let text = with_duplicate(&vc, path, &json!("위조"));
        // A last-wins reader sees the signed credential unchanged.
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), vc);
        let mut at = &vc;
        for step in path {
            at = match at {
                Value::Array(items) => &items[step.parse::<usize>().unwrap()],
                other => &other[step.as_str()],
            };
        }
        let first_key = at.as_object().unwrap().keys().next().unwrap().clone();
        assert_eq!(
            verify_credential(&text, &public),
            Verdict::DuplicateKey(first_key.clone()),
            "at {}",
            path.join(".")
        );
        assert_eq!(
            verify_proof(&text, &public),
            ProofCheck::DuplicateKey(first_key),
            "at {}",
            path.join(".")
        );
    }
    // The same value twice is refused as well: the text is not one object.
    let same = with_duplicate(&vc, &[], &vc["@context"]);
    assert!(matches!(
        verify_credential(&same, &public),
        Verdict::DuplicateKey(_)
    ));
    // In a status list, the list is refused and the credential's status is unknown.
    let list = StatusList::new(MIN_STATUS_LIST_ENTRIES).unwrap();
    let published: Value =
        serde_json::from_str(&list_credential(&list, "2026-09-01T00:00:00Z", None)).unwrap();
    let doubled = with_duplicate(&published, &["credentialSubject".into()], &json!("x"));
    assert!(matches!(
        verify_credential_with_status(
            &vc.to_string(),
            &public,
            &doubled,
            &public,
            &fresh("2026-09-01T12:00:00Z")
        ),
        Verdict::StatusUnknown(_)
    ));
}

proptest! {
    #[test]
    fn strict_reading_agrees_with_serde_json_without_duplicates(doc in arbitrary_json()) {
        let text = doc.to_string();
        prop_assert_eq!(parse_json_strict(&text).unwrap(), doc.clone());
        let pretty = serde_json::to_string_pretty(&doc).unwrap();
        prop_assert_eq!(parse_json_strict(&pretty).unwrap(), doc.clone());
        let mut paths = Vec::new();
        objects(&doc, Vec::new(), &mut paths);
        for path in paths {
            let doubled = with_duplicate(&doc, &path, &Value::Null);
            let refused = matches!(
                parse_json_strict(&doubled),
                Err(crate::InputError::Duplicate { what: "JSON key", .. })
            );
            prop_assert!(refused, "{}", doubled);
        }
    }
}
