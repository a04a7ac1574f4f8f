//! The record a table keeps, named the same by both SQL back ends when the database refuses a
//! duplicate key, so that SQLite and PostgreSQL answer [`cqnet_store::StoreError::AlreadyExists`]
//! alike.

/// The aggregate a table keeps, for [`cqnet_store::StoreError::AlreadyExists`].
pub(crate) fn record_of_table(table: Option<&str>) -> &'static str {
    match table {
        Some("qualifications") => "qualification",
        Some("standards") => "curriculum standard",
        Some("institutions") => "institution",
        Some("courses") => "course",
        Some("enrollments") => "enrollment",
        Some("attendance" | "evaluations") => "ledger entry",
        Some("audit_log") => "audit entry",
        Some("idempotency_keys") => "idempotency key",
        Some("schema_migrations") => "schema migration",
        Some("certificate_counters") => "certificate number counter",
        Some("certificate_records") => "qualification record",
        Some("certificate_documents") => "certificate",
        Some("certificate_revocations") => "revocation",
        Some("confirmation_documents") => "confirmation document",
        Some("learning_companies") => "learning company",
        Some("field_teachers") => "field teacher",
        Some("learners") => "learner",
        Some("learning_contracts") => "learning contract",
        Some("programmes") => "programme",
        _ => "record",
    }
}

#[cfg(test)]
mod tests {
    use super::record_of_table;

    #[test]
    fn tables_name_their_aggregate() {
        assert_eq!(record_of_table(Some("courses")), "course");
        assert_eq!(record_of_table(Some("idempotency_keys")), "idempotency key");
        assert_eq!(
            record_of_table(Some("certificate_documents")),
            "certificate"
        );
        assert_eq!(record_of_table(Some("programmes")), "programme");
        assert_eq!(record_of_table(None), "record");
    }
}
