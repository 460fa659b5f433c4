//! Base outcomes: what each actor has from the age rules, custody and extended access,
//! before any restriction. Guardians read the journal and act as proxy (ombud) until the
//! child is 13; the child has an account from 13 (earlier with an e-ID of their own, where
//! the rule set says so) and reads the journal from 16; between 13 and 15 a unit can grant
//! extended access (utökad direktåtkomst); legal representatives can be given access from
//! 16. Before the region connected children's journals, nobody reads them through it.

use chrono::NaiveDate;

use super::{Evaluator, JournalTarget, Outcome};
use crate::explanation::{Reason, Rule};

type Base<'r> = (Outcome<'r>, Vec<Reason<'r>>);

impl<'r, 'c> Evaluator<'r, 'c, '_> {
    /// The date children's journals were connected, if the date is before it.
    fn not_yet_connected(&self) -> Option<NaiveDate> {
        self.rule_set
            .parameters
            .children_journal_connected_on
            .value
            .filter(|connected| self.date < *connected)
    }

    fn not_connected(&self, connected: NaiveDate) -> Base<'r> {
        (
            Outcome::Denied,
            vec![self
                .reason(Rule::ChildrenJournalNotConnected)
                .since(connected)],
        )
    }

    pub(super) fn child_account_base(&self) -> Base<'r> {
        let p = &self.rule_set.parameters;
        let account_age = p.child_account_from_age.value;
        let has_e_id = self.case.child.has_e_id;
        if self.s.age >= account_age as u32 {
            let mut reasons = vec![self.age_reason(Rule::ChildAccountByAge, account_age)];
            if !has_e_id {
                reasons.push(self.reason(Rule::ChildHasNoEId));
            }
            (Outcome::Allowed, reasons)
        } else if has_e_id && p.child_account_with_own_e_id.value {
            let mut reason = self.reason(Rule::ChildAccountWithEId);
            reason.age = Some(account_age);
            (Outcome::Allowed, vec![reason])
        } else {
            (
                Outcome::Denied,
                vec![self.age_reason(Rule::ChildAccountTooYoung, account_age)],
            )
        }
    }

    pub(super) fn child_journal_base(&self, target: &JournalTarget) -> Base<'r> {
        let p = &self.rule_set.parameters;
        let journal_age = p.child_journal_from_age.value;
        if self.s.age >= journal_age as u32 {
            return (
                Outcome::Allowed,
                vec![self.age_reason(Rule::ChildJournalByAge, journal_age)],
            );
        }
        let too_young = self.age_reason(Rule::ChildJournalTooYoung, journal_age);
        if !self.extended_access_window() {
            return (Outcome::Denied, vec![too_young]);
        }
        if let Some(connected) = self.not_yet_connected() {
            return self.not_connected(connected);
        }
        let Some(route) = p.extended_access_child.value.as_ref() else {
            return (
                Outcome::Denied,
                vec![too_young, self.reason(Rule::ExtendedAccessChildNotOffered)],
            );
        };
        match target
            .unit_id
            .and_then(|unit| self.extended_access_since(None, unit))
        {
            Some(since) => (
                Outcome::Allowed,
                vec![
                    self.reason(Rule::ExtendedAccessChildActive).since(since),
                    too_young,
                ],
            ),
            None => (
                Outcome::Grantable { route },
                vec![too_young, self.reason(Rule::ExtendedAccessChildGrantable)],
            ),
        }
    }

    /// What guardian `index` has before anything specific to proxy or journal: nothing once
    /// the child is an adult or while the person is not a registered guardian.
    fn guardian_custody(&self, index: usize) -> Option<Base<'r>> {
        let p = &self.rule_set.parameters;
        if !self.is_minor() {
            Some((
                Outcome::Denied,
                vec![self.age_reason(Rule::Adult, p.adult_age.value)],
            ))
        } else if !self.s.registered[index] && p.guardian_access_follows_custody.value {
            Some((
                Outcome::Denied,
                vec![self.reason(Rule::NotRegisteredGuardian)],
            ))
        } else {
            None
        }
    }

    pub(super) fn guardian_proxy_base(&self, index: usize) -> Base<'r> {
        if let Some(base) = self.guardian_custody(index) {
            return base;
        }
        let p = &self.rule_set.parameters;
        let access_age = p.guardian_access_until_age.value;
        if self.s.age < access_age as u32 && p.guardian_proxy_until_access_age.value {
            (
                Outcome::Allowed,
                vec![self.age_reason(Rule::GuardianProxy, access_age)],
            )
        } else {
            (
                Outcome::Denied,
                vec![self.age_reason(Rule::GuardianAccessEndedByAge, access_age)],
            )
        }
    }

    pub(super) fn guardian_journal_base(&self, index: usize, target: &JournalTarget) -> Base<'r> {
        if let Some(base) = self.guardian_custody(index) {
            return base;
        }
        if let Some(connected) = self.not_yet_connected() {
            return self.not_connected(connected);
        }
        let p = &self.rule_set.parameters;
        let access_age = p.guardian_access_until_age.value;
        if self.s.age < access_age as u32 {
            return (
                Outcome::Allowed,
                vec![self.age_reason(Rule::GuardianAutomaticAccess, access_age)],
            );
        }
        let ended = self.age_reason(Rule::GuardianAccessEndedByAge, access_age);
        if !self.extended_access_window() {
            // Past the window (16+), its end is what changed last, so it comes first.
            let window_closed = self.reason(Rule::ExtendedAccessOnlyBetween);
            return (Outcome::Denied, vec![window_closed, ended]);
        }
        let Some(route) = p.extended_access_guardian.value.as_ref() else {
            return (
                Outcome::Denied,
                vec![ended, self.reason(Rule::ExtendedAccessGuardianNotOffered)],
            );
        };
        match target
            .unit_id
            .and_then(|unit| self.extended_access_since(Some(index), unit))
        {
            Some(since) => (
                Outcome::Allowed,
                vec![
                    self.reason(Rule::ExtendedAccessGuardianActive).since(since),
                    ended,
                ],
            ),
            None => (
                Outcome::Grantable { route },
                vec![ended, self.reason(Rule::ExtendedAccessGuardianGrantable)],
            ),
        }
    }

    pub(super) fn legal_representative_base(&self, index: usize) -> Base<'r> {
        let p = &self.rule_set.parameters;
        let representative = &self.case.legal_representatives[index];
        let (Some(from_age), Some(route)) = (
            p.legal_representative_from_age.value,
            p.legal_representative_route.value.as_ref(),
        ) else {
            return (
                Outcome::Denied,
                vec![self.reason(Rule::LegalRepresentativeNotOffered)],
            );
        };
        if self.s.age < from_age as u32 {
            (
                Outcome::Denied,
                vec![self.age_reason(Rule::LegalRepresentativeTooYoung, from_age)],
            )
        } else if let Some(decided) = representative.access_decided.filter(|d| *d <= self.date) {
            (
                Outcome::Allowed,
                vec![self.reason(Rule::LegalRepresentativeAllowed).since(decided)],
            )
        } else {
            let mut reason = self.reason(Rule::LegalRepresentativeGrantable);
            reason.age = Some(from_age);
            (Outcome::Grantable { route }, vec![reason])
        }
    }

    /// Since when extended access for the child (`guardian: None`) or a guardian applies
    /// to `unit` on the date, if it does. Only inside the 13–15 window.
    fn extended_access_since(&self, guardian: Option<usize>, unit: &str) -> Option<NaiveDate> {
        if !self.extended_access_window() {
            return None;
        }
        self.index
            .extended_access
            .iter()
            .filter(|(g, u, m)| *g == guardian && *u == unit && m.period.contains(self.date))
            .map(|(_, _, m)| m.period.from)
            .min()
    }
}
