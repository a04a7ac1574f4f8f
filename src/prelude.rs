//! The names a host needs to run a cohort through the services, in one import:
//! `use cqnet::prelude::*;`.
//!
//! It holds the front door ([`Cqnet`]), the stores of the enabled back ends, the records a
//! host writes (catalog, courses, enrollments, ledger entries), who acts ([`Actor`], [`Role`]),
//! retry keys, the validated values of the core ([`Hours`], [`Score`], …) and the chrono and
//! rust_decimal types that appear in those signatures. Decisions and their reasons stay in
//! [`core`](crate::core); traits a host implements (a back end, a clock) stay in
//! [`store`](crate::store).
//!
//! # Example
//! ```
//! # #[cfg(feature = "memory")] {
//! use cqnet::prelude::*;
//! let cqnet = blocking::Cqnet::builder(MemoryStore::new())
//!     .clock(ManualClock::new("2026-03-02T00:00:00Z".parse()?))
//!     .build();
//! let agency = Actor::new("hrdk-admin", Role::Agency)?;
//! let bakery = Qualification::builder()
//!     .code("7780")
//!     .name("제과기능사")
//!     .grade(Grade::Craftsman)
//!     .field("식품가공")
//!     .build()?;
//! cqnet.training().register_qualification(&agency, &bakery)?;
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use chrono::{DateTime, NaiveDate, Utc};
pub use rust_decimal::Decimal;

pub use cqnet_core::rules::RulePack;
pub use cqnet_core::standard::{
    CurriculumStandard, CurriculumStandardSpec, StandardUnit, UnitKind,
};
pub use cqnet_core::{Grade, Hours, NcsLevel, QualificationCode, Score, Track, UnitCode};

pub use cqnet_store::training::{
    AttendanceTarget, Completion, Course, CourseId, CourseSpec, CourseUnit, Designation,
    DesignationStatus, Enrollment, EnrollmentId, EvaluationResult, Institution, InstitutionId,
    InstitutionKind, LearnerKind, NewAttendance, NewEvaluation, Person, Qualification,
    QualificationLevel, RuleDateChoice, ServiceError, StandardVersion,
};
pub use cqnet_store::{
    Actor, AsyncStore, Clock, CommandMeta, Cqnet, FixedClock, IdempotencyKey, Inline, ManualClock,
    Role, Store, StoreError, SystemClock, blocking,
};

// The store traits' methods (reading a course back, the audit log, …) without their names.
pub use cqnet_store::{
    AuditLog as _, CatalogStore as _, DesignationStore as _, EnrollmentStore as _, LedgerStore as _,
};

#[cfg(feature = "memory")]
pub use cqnet_adapters::memory::MemoryStore;
#[cfg(feature = "postgres")]
pub use cqnet_adapters::postgres::{AsyncPgStore, PgOptions, PgStore};
#[cfg(feature = "sqlite")]
pub use cqnet_adapters::sqlite::SqliteStore;
