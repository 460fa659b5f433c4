//! What staff must do or know on the date, as opposed to what 1177 does by itself: the
//! measures the rule set demands that the case lacks (required actions), notices about
//! measures that cannot act as entered or requests that go elsewhere, and the reminders
//! the rule set gives while a blocking is in force.

use chrono::NaiveDate;

use super::{Evaluator, Notice, NoticeKind, RequiredAction};
use crate::case::CareUnit;
use crate::rule_set::{ParameterId, RuleSet};

/// The excluded kind a unit's name suggests (a unit called "BUP Centrum" without a kind),
/// where the rule set excludes kinds: the exclusion depends on the kind, so the editor asks.
pub fn suggested_unit_kind<'r>(rule_set: &'r RuleSet, unit: &CareUnit) -> Option<&'r str> {
    if unit.kind.as_deref().is_some_and(|k| !k.trim().is_empty()) {
        return None;
    }
    let words = || unit.name.split(|c: char| !c.is_alphanumeric());
    rule_set
        .parameters
        .excluded_unit_kinds
        .value
        .iter()
        .find(|kind| words().any(|w| w.eq_ignore_ascii_case(kind)))
        .map(String::as_str)
}

/// A measure the rule set demands that the case lacks, as the evaluation finds it:
/// `Evaluator::required_action` writes it out for staff. The timeline and the diff only
/// compare which rules demand something, date after date, so they never write it out.
#[derive(Clone, Copy)]
pub(crate) enum Required<'c> {
    /// The child has protected identity and the rule set requires a sealing.
    SealingForProtectedChild,
    /// A registered guardian has protected identity and the rule set requires a sealing.
    SealingForProtectedGuardian,
    /// A sealing with a scope the region's routine does not offer: it does not count.
    OfferedSealingScope { sealing: &'c str },
    /// A blocking locked the child's login; the blocking is over, the lock is not.
    ChildLoginUnlock { since: NaiveDate },
}

impl Required<'_> {
    pub fn rule_id(self) -> ParameterId {
        match self {
            Required::SealingForProtectedChild => ParameterId::ProtectedChildRequiresSealing,
            Required::SealingForProtectedGuardian => ParameterId::ProtectedGuardianRequiresSealing,
            Required::OfferedSealingScope { .. } => ParameterId::SealingScopes,
            Required::ChildLoginUnlock { .. } => ParameterId::BlockingLocksChildLogin,
        }
    }
}

impl<'r, 'c> Evaluator<'r, 'c, '_> {
    pub(super) fn required_actions(&self) -> Vec<RequiredAction<'r>> {
        let mut actions = Vec::new();
        self.required(|required| actions.push(self.required_action(required)));
        actions
    }

    /// Every required action on the date, in the order the answer lists them.
    pub(super) fn required(&self, mut add: impl FnMut(Required<'c>)) {
        let p = &self.rule_set.parameters;
        if self.s.protected_child.is_some()
            && p.protected_child_requires_sealing.value
            && self.s.whole_sealing.is_none()
            && self.is_minor()
        {
            add(Required::SealingForProtectedChild);
        }
        if p.protected_guardian_requires_sealing.value
            && self.s.whole_sealing.is_none()
            && self.is_minor()
            && self
                .s
                .protected_guardians
                .iter()
                .zip(&self.s.registered)
                .any(|(protected, registered)| protected.is_some() && *registered)
        {
            add(Required::SealingForProtectedGuardian);
        }
        for &sealing in &self.s.unsupported_sealings {
            add(Required::OfferedSealingScope { sealing });
        }
        let blocking_over = self.s.blocked.iter().all(Option::is_none);
        if let Some(since) = self.s.login_lock_from_blocking {
            if blocking_over {
                add(Required::ChildLoginUnlock { since });
            }
        }
    }

    /// A required action as staff read it, with the request and phone line to use.
    fn required_action(&self, required: Required) -> RequiredAction<'r> {
        let p = &self.rule_set.parameters;
        let sealing_route = Some(&p.sealing_request.value);
        let (action_sv, citation, request) = match required {
            Required::SealingForProtectedChild => (
                "Barnet har skyddad identitet: regelverket kräver att barnets konto förseglas (0–18 år). Fallet saknar försegling – tills den finns kan barnet och ombud fortfarande nå det som ålder och övriga regler ger.".into(),
                &p.protected_child_requires_sealing.citation,
                sealing_route,
            ),
            Required::SealingForProtectedGuardian => (
                "En vårdnadshavare har skyddad identitet: regelverket kräver försegling av barnets konto. Fallet saknar försegling.".into(),
                &p.protected_guardian_requires_sealing.citation,
                sealing_route,
            ),
            Required::OfferedSealingScope { sealing } => (
                format!("Förseglingen \"{sealing}\" har en omfattning som regionens rutin inte erbjuder och räknas inte som gällande. Välj en omfattning som rutinen erbjuder, till exempel hela kontot."),
                &p.sealing_scopes.citation,
                sealing_route,
            ),
            Required::ChildLoginUnlock { since } => (
                format!("Blockeringen har upphört men barnets inloggning är fortfarande låst (sedan {since}). Begär upplåsning när behovet av låsning inte längre kvarstår."),
                &p.blocking_locks_child_login.citation,
                None,
            ),
        };
        RequiredAction {
            rule_id: required.rule_id(),
            action_sv,
            citation,
            request,
            urgent_phone: p.urgent_phone.value.as_deref(),
        }
    }

    /// Notices on the date: every measure that cannot take effect as entered, every unlock
    /// request that goes to the initiating units, every unit whose kind is missing where
    /// it decides.
    pub(super) fn notices(&self) -> Vec<Notice<'r>> {
        let p = &self.rule_set.parameters;
        let date = self.date;
        let mut notices = Vec::new();
        for blocking in &self.index.blockings {
            if let Some(age) = blocking.void_at_age {
                if blocking.measure.period.contains(date) {
                    notices.push(Notice {
                        kind: NoticeKind::BlockingAfterAgeLimit {
                            measure_type: blocking.measure.kind.measure_type(),
                            age,
                            judged_by: blocking.judged_by.id.clone(),
                        },
                        subject: blocking.measure.id.clone(),
                        rule_id: ParameterId::BlockingEndsAtAge,
                        citation: &blocking.judged_by.parameters.blocking_ends_at_age.citation,
                    });
                }
            }
        }
        let ages = self.rule_set.ages();
        let window_opens = self.facts.birthday(ages.guardian_access_until);
        let window_closes = self.facts.birthday(ages.child_journal_from);
        for (guardian, _, measure) in &self.index.extended_access {
            let period = &measure.period;
            // Before the window, or inside a period that was meant to run past it; an open
            // period simply ends with the window.
            let outside = period.contains(date)
                && (date < window_opens || (period.to.is_some() && date >= window_closes));
            if outside {
                let (rule_id, citation) = match guardian {
                    Some(_) => (
                        ParameterId::ExtendedAccessGuardian,
                        &p.extended_access_guardian.citation,
                    ),
                    None => (
                        ParameterId::ExtendedAccessChild,
                        &p.extended_access_child.citation,
                    ),
                };
                notices.push(Notice {
                    kind: NoticeKind::ExtendedAccessOutsideWindow {
                        from_age: ages.guardian_access_until,
                        until_age: ages.child_journal_from,
                    },
                    subject: measure.id.clone(),
                    rule_id,
                    citation,
                });
            }
        }
        for forwarded in &self.index.forwarded_unlocks {
            let still_sealed = self
                .index
                .sealings
                .iter()
                .any(|s| std::ptr::eq(s.measure, forwarded.sealing) && s.span.covers(date));
            if forwarded.request.period.from <= date && still_sealed {
                notices.push(Notice {
                    kind: NoticeKind::UnlockRequestForwarded {
                        sealing: forwarded.sealing.id.clone(),
                        requesting_unit: forwarded.requesting_unit.to_string(),
                        initiating_units: forwarded.initiating_units.to_vec(),
                    },
                    subject: forwarded.request.id.clone(),
                    rule_id: ParameterId::SealingUnlockRule,
                    citation: &p.sealing_unlock_rule.citation,
                });
            }
        }
        // The units found once per rule set (`CaseIndex::new`), in case order.
        for &(unit, kind) in self.kinds_missing {
            notices.push(Notice {
                kind: NoticeKind::UnitKindMissing {
                    unit: unit.name.clone(),
                    suggested_kind: kind.to_string(),
                },
                subject: unit.id.clone(),
                rule_id: ParameterId::ExcludedUnitKinds,
                citation: &p.excluded_unit_kinds.citation,
            });
        }
        notices
    }

    pub(super) fn reminders(&self) -> Vec<&'r str> {
        if self.is_minor() && self.s.blocked.iter().any(Option::is_some) {
            self.rule_set
                .parameters
                .blocking_extra_actions
                .value
                .iter()
                .map(String::as_str)
                .collect()
        } else {
            Vec::new()
        }
    }
}
