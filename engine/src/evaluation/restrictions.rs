//! The restrictions on a cell, applied by one function in the precedence the guidance
//! gives (DOMAIN.md §2), most restrictive first:
//!
//! 1. not a minor (custody has ended: it decides alone) / unusable identity number
//!    (samordnings- or reservnummer: nobody can log in for the child);
//! 2. protected identity (skyddade personuppgifter), the child's or the guardian's own;
//! 3. sealing (försegling), of the whole journal or of one unit;
//! 4. blocking (blockering) of the guardian;
//! 5. login lock (låsning av inloggning), decided as such or caused by a blocking;
//! 6. excluded unit (a kind of unit never shown online).
//!
//! The age rules and extended access are the base outcome (see `base`); content filters
//! come last (see `filters`). Each restriction applies only where the rule set says it
//! covers the capability, and is explained by that parameter's own line.

use super::{Evaluator, On, Who};
use crate::explanation::{Reason, Rule};

impl<'r> Evaluator<'r, '_, '_> {
    /// The restrictions on `who`'s access to `on` on the date: what takes it away is pushed
    /// onto `deny`, most decisive first, and what the rule set says does not (a login lock
    /// that leaves the journal open), which explains without denying, onto `notes`.
    pub(super) fn restrictions(
        &self,
        who: Who,
        on: &On,
        deny: &mut Vec<Reason<'r>>,
        notes: &mut Vec<Reason<'r>>,
    ) {
        let p = &self.rule_set.parameters;
        let s = &self.s;

        // 1. Once the child is an adult, custody has ended and decides alone for guardians:
        //    a measure still on file explains nothing.
        if matches!(who, Who::Guardian(_)) && !self.is_minor() {
            return;
        }
        if self.identity_unusable() {
            deny.push(self.reason(Rule::UnusableIdentityNumber));
        }

        // 2. Protected identity.
        if let Who::Guardian(g) = who {
            if let Some(since) = s.protected_child {
                if p.protected_child_denies_guardians.value {
                    deny.push(self.reason(Rule::ProtectedChild).since(since));
                }
            }
            if let Some(since) = s.protected_guardians[g] {
                if p.protected_guardian_denies_that_guardian.value {
                    deny.push(self.reason(Rule::ProtectedGuardian).since(since));
                }
            }
        }

        // 3. Sealing: the whole journal (and, where the rule set says so, the child's account
        //    and the guardians' proxy), or one unit's journal.
        if let Some(since) = s.whole_sealing {
            let rule = match (who, on) {
                (Who::Child, On::Account) => p
                    .sealing_covers_child_account
                    .value
                    .then_some(Rule::SealingChildAccount),
                (Who::Guardian(_), On::Proxy) => {
                    p.sealing_covers_proxy.value.then_some(Rule::SealingProxy)
                }
                (_, On::Journal(_)) => p
                    .sealing_covers_journal
                    .value
                    .then_some(Rule::SealingJournal),
                _ => None,
            };
            if let Some(rule) = rule {
                deny.push(self.reason(rule).since(since));
            }
        }
        if let On::Journal(journal) = on {
            if let Some(since) = journal.sealed_since {
                if p.sealing_covers_journal.value {
                    deny.push(self.reason(Rule::SealingUnit).since(since));
                }
            }
        }

        // 4. Blocking of this guardian.
        if let Who::Guardian(g) = who {
            if let Some(since) = s.blocked[g] {
                let rule = match on {
                    On::Proxy => p.blocking_covers_proxy.value.then_some(Rule::BlockingProxy),
                    On::Journal(_) => p.blocking_covers_journal.value.then_some(Rule::Blocking),
                    On::Account => None,
                };
                if let Some(rule) = rule {
                    deny.push(self.reason(rule).since(since));
                }
            }
        }

        // 5. Login lock: the child's own login, which also carries the guardians' proxy role;
        //    the journal only where the rule set says so.
        let locks = [(s.login_lock, false), (s.login_lock_from_blocking, true)];
        for (since, from_blocking) in locks {
            let Some(since) = since else { continue };
            let rule = match (who, on) {
                (Who::Child, On::Account) => Some(if from_blocking {
                    Rule::BlockingLockedChildLogin
                } else {
                    Rule::LoginLocked
                })
                .filter(|_| p.login_lock_covers_account.value),
                (Who::Guardian(_), On::Proxy) => Some(if from_blocking {
                    Rule::BlockingLockedChildLogin
                } else {
                    Rule::LoginLockStopsProxy
                })
                .filter(|_| p.login_lock_stops_proxy.value),
                _ => None,
            };
            if let Some(rule) = rule {
                deny.push(self.reason(rule).since(since));
            }
        }
        if let (Who::Child, On::Journal(_)) = (who, on) {
            if let Some(since) = s.login_lock.or(s.login_lock_from_blocking) {
                if p.login_lock_covers_journal.value {
                    deny.push(self.reason(Rule::LoginLockedJournal).since(since));
                } else {
                    notes.push(self.reason(Rule::LoginLockKeepsJournal));
                }
            }
        }

        // 6. A kind of unit never shown online, for what the children's connection covers.
        if let On::Journal(journal) = on {
            if journal.excluded && self.through_children_connection(who) {
                deny.push(self.reason(Rule::ExcludedUnit));
            }
        }
    }

    /// Whether `journal`'s unit is of a kind the rule set never shows (restriction 6).
    pub(super) fn unit_excluded(&self, journal: &super::JournalTarget) -> bool {
        journal.unit_kind.is_some_and(|kind| {
            self.rule_set
                .parameters
                .excluded_unit_kinds
                .value
                .iter()
                .any(|excluded| excluded.eq_ignore_ascii_case(kind))
        })
    }
}
