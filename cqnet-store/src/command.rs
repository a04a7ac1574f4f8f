//! What every command carries: who acts, when and under which rules ([`CommandMeta`],
//! [`Actor`], [`Role`]), the
//! key that makes a retry safe ([`IdempotencyKey`]), optimistic versions ([`Version`],
//! [`Versioned`]) and positions in an append-only log ([`Seq`]).

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use cqnet_core::InputError;
use cqnet_core::rules::RulePack;
use serde::{Deserialize, Serialize};

use crate::training::{EnrollmentId, InstitutionId};

/// The optimistic version of a record: 1 when created, one more at every update.
///
/// # Example
/// ```
/// use cqnet_store::Version;
/// assert_eq!(Version::FIRST.next(), Version::new(2));
/// assert_eq!(Version::FIRST.get(), 1);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct Version(u64);

impl Version {
    /// The version of a new record.
    pub const FIRST: Version = Version(1);

    /// A version number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::Version;
    /// assert_eq!(Version::new(3).get(), 3);
    /// ```
    pub const fn new(n: u64) -> Self {
        Version(n)
    }

    /// The number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::Version;
    /// assert_eq!(Version::FIRST.get(), 1);
    /// ```
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The version after this one.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::Version;
    /// assert_eq!(Version::new(1).next().get(), 2);
    /// ```
    pub const fn next(self) -> Version {
        Version(self.0.saturating_add(1))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A record with its current version.
///
/// # Example
/// ```
/// use cqnet_store::{Version, Versioned};
/// let v = Versioned { value: "x", version: Version::FIRST };
/// assert_eq!(v.version.get(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versioned<T> {
    /// The record.
    pub value: T,
    /// Its version, to name in the next update.
    pub version: Version,
}

/// The position of an entry in an append-only ledger (attendance, evaluations, audit), given by
/// the store in the order entries were committed. Never reused.
///
/// # Example
/// ```
/// use cqnet_store::Seq;
/// assert!(Seq::new(1) < Seq::new(2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(u64);

impl Seq {
    /// A position.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::Seq;
    /// assert_eq!(Seq::new(5).get(), 5);
    /// ```
    pub const fn new(n: u64) -> Self {
        Seq(n)
    }

    /// The number.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::Seq;
    /// assert_eq!(Seq::new(9).get(), 9);
    /// ```
    pub const fn get(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

pub(crate) fn bounded_text(
    what: &'static str,
    text: &str,
    max: usize,
) -> Result<String, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty { what });
    }
    if trimmed.chars().count() > max {
        return Err(InputError::OutOfRange {
            what,
            min: "1 character".into(),
            max: format!("{max} characters"),
            value: format!("{} characters", trimmed.chars().count()),
        });
    }
    if trimmed.chars().any(char::is_control) {
        return Err(InputError::Malformed {
            what,
            value: trimmed.chars().take(64).collect(),
            expected: "printable text without control characters",
        });
    }
    Ok(trimmed.to_owned())
}

/// An idempotency key: the client's name for one command, so that a retry after a timeout
/// applies the command at most once. 1 to 128 visible ASCII characters.
///
/// # Errors
/// [`InputError::Malformed`] for any other text.
///
/// # Example
/// ```
/// use cqnet_store::IdempotencyKey;
/// assert!(IdempotencyKey::new("import-2026-03-02#17").is_ok());
/// assert!(IdempotencyKey::new("").is_err());
/// assert!(IdempotencyKey::new("with space").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Checks a key.
    ///
    /// # Errors
    /// [`InputError::Malformed`] for any other text.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::IdempotencyKey;
    /// assert_eq!(IdempotencyKey::new("k1")?.as_str(), "k1");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, InputError> {
        let ok = (1..=128).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_graphic());
        if !ok {
            return Err(InputError::Malformed {
                what: "idempotency key",
                value: text.chars().take(64).collect(),
                expected: "1 to 128 visible ASCII characters",
            });
        }
        Ok(IdempotencyKey(text.to_owned()))
    }

    /// The key as a service stores it: scoped to who acts and to the command, so that another
    /// actor using the same key text, or the same actor using it for another command, can
    /// neither replay nor block this one. The scoped key is `s1:` and the SHA-256 of the
    /// command, the actor's role and login, and the key, in hex.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, IdempotencyKey, Role};
    /// let key = IdempotencyKey::new("enroll-1")?;
    /// let agency = Actor::new("hrdk.admin", Role::Agency)?;
    /// let other = Actor::new("kim.hrdk", Role::Agency)?;
    /// let mine = key.scoped(&agency, "enroll");
    /// assert_eq!(mine, key.scoped(&agency, "enroll")); // a retry finds the same key
    /// assert_ne!(mine, key.scoped(&other, "enroll"));
    /// assert_ne!(mine, key.scoped(&agency, "apply"));
    /// assert!(mine.as_str().starts_with("s1:"));
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn scoped(&self, actor: &Actor, command: &str) -> IdempotencyKey {
        use sha2::{Digest, Sha256};
        let role = serde_json::to_string(&actor.role()).unwrap_or_default();
        let mut hash = Sha256::new();
        for part in [command, role.as_str(), actor.login(), self.0.as_str()] {
            // Length-prefixed, so that no two different tuples hash the same bytes.
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part.as_bytes());
        }
        let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        IdempotencyKey(format!("s1:{hex}"))
    }

    /// The key's text.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::IdempotencyKey;
    /// assert_eq!(IdempotencyKey::new("a")?.as_str(), "a");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IdempotencyKey::new(&s)
    }
}

impl From<IdempotencyKey> for String {
    fn from(k: IdempotencyKey) -> String {
        k.0
    }
}

/// What an actor is, for the rule of who may do what.
///
/// # Example
/// ```
/// use cqnet_store::training::{InstitutionId};
/// use cqnet_store::{Role};
/// let role = Role::InstitutionStaff(InstitutionId::from_u128(1));
/// assert_ne!(role, Role::Agency);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "role", content = "of")]
#[non_exhaustive]
pub enum Role {
    /// Staff of a training institution (훈련기관 담당자).
    InstitutionStaff(InstitutionId),
    /// Staff of a company that trains learning workers (기업 담당자, 기업현장교사).
    CompanyStaff(InstitutionId),
    /// The agency (HRD Korea, 한국산업인력공단).
    Agency,
    /// A trainee or learning worker acting for themself.
    Learner(EnrollmentId),
    /// An evaluator of the agency (외부평가 평가위원), who enters external results.
    Evaluator,
    /// The host system itself (imports, migrations).
    System,
}

/// Who issued a command: a person's login at the host and their role.
///
/// # Errors
/// [`Actor::new`] refuses an empty or over-long login.
///
/// # Example
/// ```
/// use cqnet_store::training::{InstitutionId};
/// use cqnet_store::{Actor, Role};
/// let actor = Actor::new("kim.staff", Role::InstitutionStaff(InstitutionId::from_u128(1)))?;
/// assert_eq!(actor.login(), "kim.staff");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ActorWire")]
pub struct Actor {
    login: String,
    role: Role,
}

#[derive(Deserialize)]
struct ActorWire {
    login: String,
    role: Role,
}

impl TryFrom<ActorWire> for Actor {
    type Error = InputError;
    fn try_from(w: ActorWire) -> Result<Self, Self::Error> {
        Actor::new(&w.login, w.role)
    }
}

impl Actor {
    /// An actor.
    ///
    /// The agency's people and its evaluators are recorded by their login in what they decide
    /// (a cancellation names who cancelled), so their login is also a party identifier: 1 to
    /// 64 ASCII letters, digits or `-_.:`.
    ///
    /// # Errors
    /// [`InputError::Empty`] or [`InputError::OutOfRange`] for a login that is empty or longer
    /// than 100 characters; [`InputError::Malformed`] for an agency or evaluator login that is
    /// not a party identifier.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{Actor, Role};
    /// assert!(Actor::new(" ", Role::Agency).is_err());
    /// assert!(Actor::new("kim@hrdkorea.or.kr", Role::Agency).is_err());
    /// assert!(Actor::new("kim.hrdk", Role::Agency).is_ok());
    /// ```
    pub fn new(login: &str, role: Role) -> Result<Self, InputError> {
        if matches!(role, Role::Agency | Role::Evaluator) {
            cqnet_core::access::PartyId::new(login)?;
        }
        Ok(Actor {
            login: bounded_text("actor login", login, 100)?,
            role,
        })
    }

    /// The host's login of the person.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{Actor, Role};
    /// assert_eq!(Actor::new("sys", Role::System)?.login(), "sys");
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The role.
    ///
    /// # Example
    /// ```
    /// # use cqnet_store::{Actor, Role};
    /// assert_eq!(Actor::new("sys", Role::System)?.role(), Role::System);
    /// # Ok::<(), cqnet_core::InputError>(())
    /// ```
    pub fn role(&self) -> Role {
        self.role
    }
}

/// Who issues a command, when, and under which rule pack: the actor and the instant are
/// written to the audit log with the command, in the same transaction; the pack gives the
/// limits a store checks inside its transaction (the most attendance hours a learner may
/// have recorded on one day). The services hand the store their own pack; a command built
/// without one is checked under the embedded pack ([`RulePack::embedded`]).
///
/// # Example
/// ```
/// use cqnet_store::{Actor, CommandMeta, Role};
/// let meta = CommandMeta::new(Actor::new("sys", Role::System)?, "2026-03-02T09:00:00Z".parse().unwrap());
/// assert_eq!(meta.actor.login(), "sys");
/// # Ok::<(), cqnet_core::InputError>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommandMeta {
    /// Who.
    pub actor: Actor,
    /// When, from the host's clock.
    pub at: DateTime<Utc>,
    /// The rule pack the command is checked under; `None` for the embedded one. Never
    /// stored: a replayed answer is the one first given.
    #[serde(skip)]
    rules: Option<Arc<RulePack>>,
}

/// Two commands' metadata are equal when they name the same actor and instant: the rule pack
/// is not part of what is recorded.
impl PartialEq for CommandMeta {
    fn eq(&self, other: &Self) -> bool {
        self.actor == other.actor && self.at == other.at
    }
}

impl Eq for CommandMeta {}

impl CommandMeta {
    /// A command's metadata.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, CommandMeta, Role};
    /// let meta = CommandMeta::new(Actor::new("kim.staff", Role::System)?, "2026-03-03T09:00:00Z".parse()?);
    /// assert_eq!(meta.actor.login(), "kim.staff");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(actor: Actor, at: DateTime<Utc>) -> Self {
        CommandMeta {
            actor,
            at,
            rules: None,
        }
    }

    /// The same command under another rule pack (the services pass theirs this way).
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use cqnet_store::{Actor, CommandMeta, Role};
    /// use cqnet_core::rules::RulePack;
    /// let pack = Arc::new(RulePack::embedded().clone());
    /// let meta = CommandMeta::new(Actor::new("sys", Role::System)?, "2026-03-02T09:00:00Z".parse()?)
    ///     .under_rules(pack.clone());
    /// assert_eq!(meta.rules(), &*pack);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn under_rules(mut self, rules: Arc<RulePack>) -> Self {
        self.rules = Some(rules);
        self
    }

    /// The rule pack the command is checked under: the one given to
    /// [`under_rules`](Self::under_rules), else the embedded pack.
    ///
    /// # Example
    /// ```
    /// use cqnet_store::{Actor, CommandMeta, Role};
    /// use cqnet_core::rules::RulePack;
    /// let meta = CommandMeta::new(Actor::new("sys", Role::System)?, "2026-03-02T09:00:00Z".parse()?);
    /// assert_eq!(meta.rules().id(), RulePack::embedded().id());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rules(&self) -> &RulePack {
        self.rules
            .as_deref()
            .unwrap_or_else(|| RulePack::embedded())
    }
}
