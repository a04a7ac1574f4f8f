//! The qualification catalog (종목) and the versions of curriculum standards (편성기준).

use crate::command::bounded_text;

use std::fmt;

use cqnet_core::{Grade, InputError, NcsClassification, NcsLevel, QualificationCode, Track};
use serde::{Deserialize, Serialize};

/// The grade or level of a qualification: a national technical qualification grade
/// (과정평가형) or an NCS level (일학습병행).
///
/// # Example
/// ```
/// use cqnet_store::training::QualificationLevel;
/// use cqnet_core::{Grade, NcsLevel};
/// let level = QualificationLevel::Ncs(NcsLevel::new(3)?);
/// assert_ne!(level, QualificationLevel::Grade(Grade::Craftsman));
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualificationLevel {
    /// 등급 of a national technical qualification (기사, 산업기사, 기능사, …).
    Grade(Grade),
    /// NCS 수준 of a work-study qualification.
    Ncs(NcsLevel),
}

/// A qualification of the catalog (종목): code, name, grade or level, track and field (직무분야).
///
/// # Errors
/// [`Qualification::new`] refuses an empty name or field, and a level that does not fit the
/// track (a grade for 과정평가형, an NCS level for 일학습병행).
///
/// # Example
/// ```
/// use cqnet_store::training::{Qualification, QualificationLevel};
/// use cqnet_core::{Grade, QualificationCode, Track};
/// let q = Qualification::new(
///     QualificationCode::example(), "컴퓨터응용선반기능사",
///     QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계",
/// )?;
/// assert_eq!(q.name(), "컴퓨터응용선반기능사");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "QualificationWire")]
pub struct Qualification {
    code: QualificationCode,
    name: String,
    level: QualificationLevel,
    track: Track,
    field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    ncs_class: Option<NcsClassification>,
}

#[derive(Deserialize)]
struct QualificationWire {
    code: QualificationCode,
    name: String,
    level: QualificationLevel,
    track: Track,
    field: String,
    #[serde(default)]
    ncs_class: Option<NcsClassification>,
}

impl TryFrom<QualificationWire> for Qualification {
    type Error = InputError;
    fn try_from(w: QualificationWire) -> Result<Self, Self::Error> {
        Ok(
            Qualification::new(w.code, &w.name, w.level, w.track, &w.field)?
                .with_ncs_class(w.ncs_class),
        )
    }
}

impl Qualification {
    /// The longest name or field (직무분야), in characters.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, QualificationCode, Track};
    /// use cqnet_store::training::{Qualification, QualificationLevel};
    /// let long = "가".repeat(Qualification::MAX_TEXT_CHARS + 1);
    /// let level = QualificationLevel::Grade(Grade::Craftsman);
    /// assert!(Qualification::new(QualificationCode::example(), &long, level, Track::CourseBased, "기계").is_err());
    /// ```
    pub const MAX_TEXT_CHARS: usize = 200;

    /// A builder that names every value, so the name and the field (two strings) cannot be
    /// swapped silently; the track follows from the level (a grade: 과정평가형; an NCS level:
    /// 일학습병행).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, Track};
    /// use cqnet_store::training::Qualification;
    /// let q = Qualification::builder()
    ///     .code("2290")
    ///     .name("컴퓨터응용가공산업기사")
    ///     .grade(Grade::IndustrialEngineer)
    ///     .field("기계")
    ///     .build()?;
    /// assert_eq!((q.code().as_str(), q.field(), q.track()), ("2290", "기계", Track::CourseBased));
    /// assert!(Qualification::builder().code("2290").name("컴퓨터응용가공산업기사").build().is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn builder() -> QualificationBuilder {
        QualificationBuilder::default()
    }

    /// A catalog entry.
    ///
    /// # Errors
    /// [`Qualification::new`] refuses an empty name or field, and a level that does not fit the
    /// track (a grade for 과정평가형, an NCS level for 일학습병행).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, QualificationCode, Track};
    /// use cqnet_store::training::{Qualification, QualificationLevel};
    /// let q = Qualification::new(
    ///     QualificationCode::example(), "컴퓨터응용선반기능사",
    ///     QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계",
    /// )?;
    /// assert!(Qualification::new(QualificationCode::example(), "", QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(
        code: QualificationCode,
        name: &str,
        level: QualificationLevel,
        track: Track,
        field: &str,
    ) -> Result<Self, InputError> {
        let fits = matches!(
            (track, level),
            (Track::CourseBased, QualificationLevel::Grade(_))
                | (Track::WorkStudy, QualificationLevel::Ncs(_))
        );
        if !fits {
            return Err(InputError::Inconsistent(format!(
                "a {track} qualification takes {} as its level",
                match track {
                    Track::CourseBased => "a grade (등급)",
                    Track::WorkStudy => "an NCS level (수준)",
                }
            )));
        }
        Ok(Qualification {
            code,
            name: bounded_text("qualification name", name, Self::MAX_TEXT_CHARS)?,
            level,
            track,
            field: bounded_text("qualification field", field, Self::MAX_TEXT_CHARS)?,
            ncs_class: None,
        })
    }

    /// The same qualification with its NCS classification (NCS 분류, usually the 세분류 its
    /// units belong to), or without one.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, NcsClassification};
    /// use cqnet_store::training::Qualification;
    /// let q = Qualification::builder().code("2290").name("컴퓨터응용가공산업기사")
    ///     .grade(Grade::IndustrialEngineer).field("기계").build()?
    ///     .with_ncs_class(Some(NcsClassification::new("15010202")?));
    /// assert_eq!(q.ncs_class().map(|c| c.level()), Some(4));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    #[must_use]
    pub fn with_ncs_class(mut self, class: Option<NcsClassification>) -> Self {
        self.ncs_class = class;
        self
    }

    /// The NCS classification (NCS 분류), when the catalog records one.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::Grade;
    /// use cqnet_store::training::Qualification;
    /// let q = Qualification::builder().code("2290").name("컴퓨터응용가공산업기사")
    ///     .grade(Grade::IndustrialEngineer).field("기계").build()?;
    /// assert!(q.ncs_class().is_none());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn ncs_class(&self) -> Option<&NcsClassification> {
        self.ncs_class.as_ref()
    }

    /// The code (종목코드).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, QualificationCode, Track};
    /// use cqnet_store::training::{Qualification, QualificationLevel};
    /// let q = Qualification::new(
    ///     QualificationCode::example(), "컴퓨터응용선반기능사",
    ///     QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계",
    /// )?;
    /// assert_eq!(q.code(), &QualificationCode::example());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn code(&self) -> &QualificationCode {
        &self.code
    }
    /// The name (종목명).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, QualificationCode, Track};
    /// use cqnet_store::training::{Qualification, QualificationLevel};
    /// let q = Qualification::new(
    ///     QualificationCode::example(), "컴퓨터응용선반기능사",
    ///     QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계",
    /// )?;
    /// assert_eq!(q.name(), "컴퓨터응용선반기능사");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The grade or level.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, QualificationCode, Track};
    /// use cqnet_store::training::{Qualification, QualificationLevel};
    /// let q = Qualification::new(
    ///     QualificationCode::example(), "컴퓨터응용선반기능사",
    ///     QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계",
    /// )?;
    /// assert_eq!(q.level(), QualificationLevel::Grade(Grade::Craftsman));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn level(&self) -> QualificationLevel {
        self.level
    }
    /// The track.
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, QualificationCode, Track};
    /// use cqnet_store::training::{Qualification, QualificationLevel};
    /// let q = Qualification::new(
    ///     QualificationCode::example(), "컴퓨터응용선반기능사",
    ///     QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계",
    /// )?;
    /// assert_eq!(q.track(), Track::CourseBased);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn track(&self) -> Track {
        self.track
    }
    /// The field (직무분야).
    ///
    /// # Example
    /// ```
    /// use cqnet_core::{Grade, QualificationCode, Track};
    /// use cqnet_store::training::{Qualification, QualificationLevel};
    /// let q = Qualification::new(
    ///     QualificationCode::example(), "컴퓨터응용선반기능사",
    ///     QualificationLevel::Grade(Grade::Craftsman), Track::CourseBased, "기계",
    /// )?;
    /// assert_eq!(q.field(), "기계");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn field(&self) -> &str {
        &self.field
    }
}

/// The version label of a curriculum standard (편성기준), such as `2024-1`.
///
/// # Errors
/// [`StandardVersion::new`] refuses anything but 1 to 32 ASCII letters, digits, `.`, `-`, `_`.
///
/// # Example
/// ```
/// use cqnet_store::training::StandardVersion;
/// assert!(StandardVersion::new("2024-1").is_ok());
/// assert!(StandardVersion::new("2024 1").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StandardVersion(String);

impl StandardVersion {
    /// Checks a version label.
    ///
    /// # Errors
    /// [`StandardVersion::new`] refuses anything but 1 to 32 ASCII letters, digits, `.`, `-`, `_`.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::training::StandardVersion;
    /// assert_eq!(StandardVersion::new("2024-1")?.as_str(), "2024-1");
    /// assert!(StandardVersion::new("").is_err());
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = (1..=32).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !ok {
            return Err(InputError::Malformed {
                what: "curriculum standard version",
                value: text.chars().take(64).collect(),
                expected: "1 to 32 ASCII letters, digits, '.', '-' or '_'",
            });
        }
        Ok(StandardVersion(text.to_owned()))
    }

    /// The label.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::training::StandardVersion;
    /// assert_eq!(StandardVersion::new("v1")?.as_str(), "v1");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for StandardVersion {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        StandardVersion::new(&s)
    }
}

impl From<StandardVersion> for String {
    fn from(v: StandardVersion) -> String {
        v.0
    }
}

impl fmt::Display for StandardVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Builds a [`Qualification`] from named values: see [`Qualification::builder`].
///
/// # Example
/// ```
/// use cqnet_core::NcsLevel;
/// use cqnet_store::training::Qualification;
/// let q = Qualification::builder()
///     .code("L123")
///     .name("기계가공_L3")
///     .ncs_level(NcsLevel::new(3)?)
///     .field("기계")
///     .build();
/// assert!(q.is_ok());
/// // A code is four digits or capital letters.
/// assert!(Qualification::builder().code("l12").name("기계가공_L3").ncs_level(NcsLevel::new(3)?).field("기계").build().is_err());
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct QualificationBuilder {
    code: Option<String>,
    name: Option<String>,
    level: Option<QualificationLevel>,
    field: Option<String>,
}

impl QualificationBuilder {
    /// The code (종목코드), checked by [`build`](Self::build).
    ///
    /// # Example
    /// See [`Qualification::builder`].
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// The name (종목명).
    ///
    /// # Example
    /// See [`Qualification::builder`].
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// A grade (등급) of a national technical qualification: a 과정평가형 qualification.
    ///
    /// # Example
    /// See [`Qualification::builder`].
    pub fn grade(mut self, grade: cqnet_core::Grade) -> Self {
        self.level = Some(QualificationLevel::Grade(grade));
        self
    }

    /// An NCS level (수준): a 일학습병행 qualification.
    ///
    /// # Example
    /// See [`QualificationBuilder`].
    pub fn ncs_level(mut self, level: cqnet_core::NcsLevel) -> Self {
        self.level = Some(QualificationLevel::Ncs(level));
        self
    }

    /// The job field (직무분야).
    ///
    /// # Example
    /// See [`Qualification::builder`].
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The qualification, with every value checked as [`Qualification::new`] checks it.
    ///
    /// # Errors
    /// [`InputError::Empty`] for a value not given; the errors of [`Qualification::new`] and
    /// of [`QualificationCode::new`].
    ///
    /// # Example
    /// See [`Qualification::builder`].
    pub fn build(self) -> Result<Qualification, InputError> {
        let missing = |what: &'static str| InputError::Empty { what };
        let code = QualificationCode::new(&self.code.ok_or(missing("qualification code"))?)?;
        let level = self
            .level
            .ok_or(missing("qualification grade or NCS level"))?;
        let track = match level {
            QualificationLevel::Grade(_) => Track::CourseBased,
            QualificationLevel::Ncs(_) => Track::WorkStudy,
        };
        Qualification::new(
            code,
            &self.name.ok_or(missing("qualification name"))?,
            level,
            track,
            &self.field.ok_or(missing("qualification field"))?,
        )
    }
}
