//! The checks of a decision as they are made: every failing one kept as a reason, and every
//! check, passed or failed, when an explanation asks for them (a passing check's reason is
//! built only then, so that deciding alone stays as cheap as it is without explanations).

use crate::{Check, Reason};

/// What the checks of a decision leave: its reasons, and every check when asked for them.
pub(crate) struct Tally {
    pub(crate) reasons: Vec<Reason>,
    pub(crate) checks: Option<Vec<Check>>,
}

impl Tally {
    pub(crate) fn reasons_only() -> Self {
        Tally {
            reasons: Vec::new(),
            checks: None,
        }
    }

    pub(crate) fn every_check() -> Self {
        Tally {
            reasons: Vec::new(),
            checks: Some(Vec::new()),
        }
    }

    /// Notes a check: `reason` is the reason it gives when it fails.
    pub(crate) fn check(&mut self, passed: bool, reason: impl FnOnce() -> Reason) -> bool {
        match (&mut self.checks, passed) {
            (None, true) => {}
            (Some(checks), true) => checks.push(Check::of(true, reason())),
            (checks, false) => {
                let reason = reason();
                if let Some(checks) = checks {
                    checks.push(Check::of(false, reason.clone()));
                }
                self.reasons.push(reason);
            }
        }
        passed
    }
}
