//! Identifiers of institutions, courses and enrollments (UUIDs the host chooses).

use std::fmt;
use std::str::FromStr;

use cqnet_core::InputError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $ty:ident, $example:literal) => {
        uuid_id!($(#[$doc])* $ty, $example, "training");
    };
    ($(#[$doc:meta])* $ty:ident, $example:literal, $module:literal) => {
        $(#[$doc])*
        ///
        /// Identifiers come from the host (the store never invents them).
        ///
        /// # Example
        /// ```
        #[doc = concat!("use cqnet_store::", $module, "::", stringify!($ty), ";")]
        #[doc = concat!("let id: ", stringify!($ty), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert!(\"not-an-id\".parse::<", stringify!($ty), ">().is_err());")]
        /// # Ok::<(), cqnet_core::InputError>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $ty(Uuid);

        impl $ty {
            /// The identifier of a UUID chosen by the host.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use cqnet_store::", $module, "::", stringify!($ty), ";")]
            #[doc = concat!("let id = ", stringify!($ty), "::new(uuid::Uuid::from_u128(7));")]
            /// assert_eq!(id.uuid().as_u128(), 7);
            /// ```
            pub const fn new(id: Uuid) -> Self {
                $ty(id)
            }

            /// The identifier of a number, for tests and examples.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use cqnet_store::", $module, "::", stringify!($ty), ";")]
            #[doc = concat!("assert_ne!(", stringify!($ty), "::from_u128(1), ", stringify!($ty), "::from_u128(2));")]
            /// ```
            pub const fn from_u128(n: u128) -> Self {
                $ty(Uuid::from_u128(n))
            }

            /// The UUID.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use cqnet_store::", $module, "::", stringify!($ty), ";")]
            #[doc = concat!("assert_eq!(", stringify!($ty), "::from_u128(3).uuid().as_u128(), 3);")]
            /// ```
            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $ty {
            type Err = InputError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map($ty).map_err(|_| InputError::Malformed {
                    what: stringify!($ty),
                    value: s.chars().take(64).collect(),
                    expected: "a UUID such as 67e55044-10b1-426f-9247-bb680e5fe0c8",
                })
            }
        }
    };
}

pub(crate) use uuid_id;

uuid_id!(
    /// A training institution (훈련기관) or a company (기업) that trains learning workers.
    InstitutionId,
    "00000000-0000-0000-0000-000000000001"
);
uuid_id!(
    /// A course (과정): one cohort of one qualification at one institution.
    CourseId,
    "00000000-0000-0000-0000-000000000002"
);
uuid_id!(
    /// An enrollment (훈련생 등록 / 학습근로자 등록) of one person in one course.
    EnrollmentId,
    "00000000-0000-0000-0000-000000000003"
);
