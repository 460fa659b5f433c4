//! Base outcomes: what each actor has from the age rules, custody and extended access,
//! before any restriction. Guardians read the journal and act as proxy (ombud) until the
//! child is 13; the child has an account from 13 (earlier with an e-ID of their own, where
//! the rule set says so) and reads the journal from 16; between 13 and 15 a unit can grant
//! extended access (utökad direktåtkomst); legal representatives can be given access from
//! 16. Before the region connected children's journals, nobody reads them through it.
//!
//! Each function gives the base outcome and pushes its reasons, most decisive first, onto
//! the list it is handed (reused from cell to cell, see `Scratch`).

use chrono::NaiveDate;

use super::{Evaluator, JournalState, On, Outcome, Who};
use crate::explanation::{Reason, Rule};

type Reasons<'r> = Vec<Reason<'r>>;

impl<'r, 'c> Evaluator<'r, 'c, '_> {
    /// The base outcome of `who`'s access to `on`.
    pub(super) fn base(&self, who: Who, on: &On, reasons: &mut Reasons<'r>) -> Outcome<'r> {
        match (who, on) {
            (Who::Child, On::Account) => self.child_account_base(reasons),
            (Who::Child, On::Journal(journal)) => self.child_journal_base(journal, reasons),
            (Who::Guardian(g), On::Proxy) => self.guardian_proxy_base(g, reasons),
            (Who::Guardian(g), On::Journal(journal)) => {
                self.guardian_journal_base(g, journal, reasons)
            }
            (Who::LegalRepresentative(r), _) => self.legal_representative_base(r, reasons),
            // INVARIANT: the layout gives the child no proxy role and guardians no account
            // (`Layout::capabilities`).
            (Who::Child, On::Proxy) | (Who::Guardian(_), On::Account) => unreachable!(),
        }
    }

    /// The date children's journals were connected, if the date is before it.
    fn not_yet_connected(&self) -> Option<NaiveDate> {
        self.rule_set
            .parameters
            .children_journal_connected_on
            .value
            .filter(|connected| self.date < *connected)
    }

    fn not_connected(&self, connected: NaiveDate, reasons: &mut Reasons<'r>) -> Outcome<'r> {
        reasons.push(
            self.reason(Rule::ChildrenJournalNotConnected)
                .since(connected),
        );
        Outcome::Denied
    }

    fn child_account_base(&self, reasons: &mut Reasons<'r>) -> Outcome<'r> {
        let p = &self.rule_set.parameters;
        let account_age = p.child_account_from_age.value;
        let has_e_id = self.case.child.has_e_id;
        if self.s.age >= account_age as u32 {
            reasons.push(self.age_reason(Rule::ChildAccountByAge, account_age));
            if !has_e_id {
                reasons.push(self.reason(Rule::ChildHasNoEId));
            }
            Outcome::Allowed
        } else if has_e_id && p.child_account_with_own_e_id.value {
            let mut reason = self.reason(Rule::ChildAccountWithEId);
            reason.age = Some(account_age);
            reasons.push(reason);
            Outcome::Allowed
        } else {
            reasons.push(self.age_reason(Rule::ChildAccountTooYoung, account_age));
            Outcome::Denied
        }
    }

    fn child_journal_base(&self, journal: &JournalState, reasons: &mut Reasons<'r>) -> Outcome<'r> {
        let p = &self.rule_set.parameters;
        let journal_age = p.child_journal_from_age.value;
        if self.s.age >= journal_age as u32 {
            reasons.push(self.age_reason(Rule::ChildJournalByAge, journal_age));
            return Outcome::Allowed;
        }
        let too_young = self.age_reason(Rule::ChildJournalTooYoung, journal_age);
        if !self.extended_access_window() {
            reasons.push(too_young);
            return Outcome::Denied;
        }
        if let Some(connected) = self.not_yet_connected() {
            return self.not_connected(connected, reasons);
        }
        let Some(route) = p.extended_access_child.value.as_ref() else {
            reasons.extend([too_young, self.reason(Rule::ExtendedAccessChildNotOffered)]);
            return Outcome::Denied;
        };
        match journal.extended_access_since {
            Some(since) => {
                reasons.extend([
                    self.reason(Rule::ExtendedAccessChildActive).since(since),
                    too_young,
                ]);
                Outcome::Allowed
            }
            None => {
                reasons.extend([too_young, self.reason(Rule::ExtendedAccessChildGrantable)]);
                Outcome::Grantable { route }
            }
        }
    }

    /// What guardian `index` has before anything specific to proxy or journal: nothing once
    /// the child is an adult or while the person is not a registered guardian.
    fn guardian_custody(&self, index: usize, reasons: &mut Reasons<'r>) -> Option<Outcome<'r>> {
        let p = &self.rule_set.parameters;
        if !self.is_minor() {
            reasons.push(self.age_reason(Rule::Adult, p.adult_age.value));
            Some(Outcome::Denied)
        } else if !self.s.registered[index] && p.guardian_access_follows_custody.value {
            reasons.push(self.reason(Rule::NotRegisteredGuardian));
            Some(Outcome::Denied)
        } else {
            None
        }
    }

    fn guardian_proxy_base(&self, index: usize, reasons: &mut Reasons<'r>) -> Outcome<'r> {
        if let Some(outcome) = self.guardian_custody(index, reasons) {
            return outcome;
        }
        let p = &self.rule_set.parameters;
        let access_age = p.guardian_access_until_age.value;
        if self.s.age < access_age as u32 && p.guardian_proxy_until_access_age.value {
            reasons.push(self.age_reason(Rule::GuardianProxy, access_age));
            Outcome::Allowed
        } else {
            reasons.push(self.age_reason(Rule::GuardianAccessEndedByAge, access_age));
            Outcome::Denied
        }
    }

    fn guardian_journal_base(
        &self,
        index: usize,
        journal: &JournalState,
        reasons: &mut Reasons<'r>,
    ) -> Outcome<'r> {
        if let Some(outcome) = self.guardian_custody(index, reasons) {
            return outcome;
        }
        if let Some(connected) = self.not_yet_connected() {
            return self.not_connected(connected, reasons);
        }
        let p = &self.rule_set.parameters;
        let access_age = p.guardian_access_until_age.value;
        if self.s.age < access_age as u32 {
            reasons.push(self.age_reason(Rule::GuardianAutomaticAccess, access_age));
            return Outcome::Allowed;
        }
        let ended = self.age_reason(Rule::GuardianAccessEndedByAge, access_age);
        if !self.extended_access_window() {
            // Past the window (16+), its end is what changed last, so it comes first.
            let window_closed = self.reason(Rule::ExtendedAccessOnlyBetween);
            reasons.extend([window_closed, ended]);
            return Outcome::Denied;
        }
        let Some(route) = p.extended_access_guardian.value.as_ref() else {
            reasons.extend([ended, self.reason(Rule::ExtendedAccessGuardianNotOffered)]);
            return Outcome::Denied;
        };
        match journal.extended_access_since {
            Some(since) => {
                reasons.extend([
                    self.reason(Rule::ExtendedAccessGuardianActive).since(since),
                    ended,
                ]);
                Outcome::Allowed
            }
            None => {
                reasons.extend([ended, self.reason(Rule::ExtendedAccessGuardianGrantable)]);
                Outcome::Grantable { route }
            }
        }
    }

    fn legal_representative_base(&self, index: usize, reasons: &mut Reasons<'r>) -> Outcome<'r> {
        let p = &self.rule_set.parameters;
        let representative = &self.case.legal_representatives[index];
        let (Some(from_age), Some(route)) = (
            p.legal_representative_from_age.value,
            p.legal_representative_route.value.as_ref(),
        ) else {
            reasons.push(self.reason(Rule::LegalRepresentativeNotOffered));
            return Outcome::Denied;
        };
        if self.s.age < from_age as u32 {
            reasons.push(self.age_reason(Rule::LegalRepresentativeTooYoung, from_age));
            Outcome::Denied
        } else if let Some(decided) = representative.access_decided.filter(|d| *d <= self.date) {
            reasons.push(self.reason(Rule::LegalRepresentativeAllowed).since(decided));
            Outcome::Allowed
        } else {
            let mut reason = self.reason(Rule::LegalRepresentativeGrantable);
            reason.age = Some(from_age);
            reasons.push(reason);
            Outcome::Grantable { route }
        }
    }

    /// Since when extended access for the child (`guardian: None`) or a guardian applies
    /// to the journal of care unit `unit` (its index) on the date, if it does. Only inside
    /// the 13–15 window.
    pub(super) fn extended_access_since(
        &self,
        guardian: Option<usize>,
        unit: usize,
    ) -> Option<NaiveDate> {
        if !self.extended_access_window() {
            return None;
        }
        self.index.units[unit]
            .extended_access
            .iter()
            .filter(|(g, m)| *g == guardian && m.period.contains(self.date))
            .map(|(_, m)| m.period.from)
            .min()
    }
}
