//! Guidance for staff about one kind of measure under one rule set: who decides, which form,
//! the urgent phone line and what to say on it, what the documentation note (särskild
//! anteckning) must contain, and the extra actions to remember. The printable documents
//! are built from this.

use serde::Serialize;

use crate::case::{MeasureKind, MeasureType};
use crate::rule_set::{
    Citation, GrantRoute, ParameterId, RequestRoute, RuleSet, SealingScopeKind, UnlockRule,
};

/// A value with the citation it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Guided<'r, T: Serialize> {
    pub value: T,
    pub citation: &'r Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureGuidance<'r> {
    pub measure: MeasureType,
    pub request: Guided<'r, &'r RequestRoute>,
    pub urgent_phone: Guided<'r, Option<&'r str>>,
    pub phone_checklist: Guided<'r, &'r [String]>,
    pub documentation_note_fields: Guided<'r, &'r [String]>,
    /// Blocking only: what else to do (e.g. remove SMS reminders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra_actions: Option<Guided<'r, &'r [String]>>,
    /// Sealing only: the scopes the region offers and how it is lifted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sealing_scopes: Option<Guided<'r, &'r [SealingScopeKind]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlock_rule: Option<Guided<'r, UnlockRule>>,
}

/// The guidance for deciding a blocking or a sealing; `None` for other measure types.
pub fn measure_guidance(rule_set: &RuleSet, measure: MeasureType) -> Option<MeasureGuidance<'_>> {
    let p = &rule_set.parameters;
    let (request, extra_actions) = match measure {
        MeasureType::Blocking => (
            &p.blocking_request,
            Some(Guided {
                value: p.blocking_extra_actions.value.as_slice(),
                citation: &p.blocking_extra_actions.citation,
            }),
        ),
        MeasureType::Sealing => (&p.sealing_request, None),
        _ => return None,
    };
    let sealing = measure == MeasureType::Sealing;
    Some(MeasureGuidance {
        measure,
        request: Guided {
            value: &request.value,
            citation: &request.citation,
        },
        urgent_phone: Guided {
            value: p.urgent_phone.value.as_deref(),
            citation: &p.urgent_phone.citation,
        },
        phone_checklist: Guided {
            value: &p.urgent_phone_checklist.value,
            citation: &p.urgent_phone_checklist.citation,
        },
        documentation_note_fields: Guided {
            value: &p.documentation_note_fields.value,
            citation: &p.documentation_note_fields.citation,
        },
        extra_actions,
        sealing_scopes: sealing.then_some(Guided {
            value: p.sealing_scopes.value.as_slice(),
            citation: &p.sealing_scopes.citation,
        }),
        unlock_rule: sealing.then_some(Guided {
            value: p.sealing_unlock_rule.value,
            citation: &p.sealing_unlock_rule.citation,
        }),
    })
}

/// How a measure of one kind is requested under a rule set: who decides, which form, and
/// the parameter that says so. Grants (extended access) and protective measures alike.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route<'r> {
    pub rule_id: ParameterId,
    /// `None`: the rule set does not say how (the citation's note says why).
    pub decided_by: Option<&'r str>,
    pub form: Option<&'r str>,
    /// Extended access only: whether the child must agree.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_must_agree: Option<bool>,
    pub citation: &'r Citation,
}

/// The route for a measure kind; `None` for an exception note, which is written in the
/// journal system under its keyword rather than requested.
pub fn request_route<'r>(rule_set: &'r RuleSet, kind: &MeasureKind) -> Option<Route<'r>> {
    let p = &rule_set.parameters;
    let request = |rule_id: ParameterId, cited: &'r crate::rule_set::Cited<RequestRoute>| Route {
        rule_id,
        decided_by: Some(cited.value.decided_by.as_str()),
        form: cited.value.form.as_deref(),
        child_must_agree: None,
        citation: &cited.citation,
    };
    let optional =
        |rule_id: ParameterId, cited: &'r crate::rule_set::Cited<Option<RequestRoute>>| Route {
            rule_id,
            decided_by: cited.value.as_ref().map(|r| r.decided_by.as_str()),
            form: cited.value.as_ref().and_then(|r| r.form.as_deref()),
            child_must_agree: None,
            citation: &cited.citation,
        };
    let grant =
        |rule_id: ParameterId, cited: &'r crate::rule_set::Cited<Option<GrantRoute>>| Route {
            rule_id,
            decided_by: cited.value.as_ref().map(|r| r.decided_by.as_str()),
            form: cited.value.as_ref().and_then(|r| r.form.as_deref()),
            child_must_agree: cited.value.as_ref().map(|r| r.child_must_agree),
            citation: &cited.citation,
        };
    Some(match kind {
        MeasureKind::Blocking { .. } => request(ParameterId::BlockingRequest, &p.blocking_request),
        MeasureKind::BlockingExtension { .. } => optional(
            ParameterId::BlockingExtensionRequest,
            &p.blocking_extension_request,
        ),
        MeasureKind::BlockingLifted { .. } => {
            optional(ParameterId::BlockingLiftRequest, &p.blocking_lift_request)
        }
        MeasureKind::Sealing { .. } => request(ParameterId::SealingRequest, &p.sealing_request),
        MeasureKind::UnlockRequest { .. } => {
            optional(ParameterId::SealingUnlockRequest, &p.sealing_unlock_request)
        }
        // Unlocking goes the way locking went: the region that locked lifts it (Inera).
        MeasureKind::LoginLock | MeasureKind::LoginUnlock => {
            optional(ParameterId::LoginLockRequest, &p.login_lock_request)
        }
        MeasureKind::ExtendedAccessChild { .. } => {
            grant(ParameterId::ExtendedAccessChild, &p.extended_access_child)
        }
        MeasureKind::ExtendedAccessGuardian { .. } => grant(
            ParameterId::ExtendedAccessGuardian,
            &p.extended_access_guardian,
        ),
        MeasureKind::ExceptionNote { .. } => return None,
    })
}

/// What a measure does to access, as the reminders group it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MeasureEffect {
    /// Closes access: blocking, its extension, sealing, login lock.
    Protects,
    /// Ends a protection: lifting a blocking, unlocking a sealing or a login.
    Lifts,
    /// Opens access: extended access 13–15.
    Grants,
    /// A note under an exception keyword.
    Note,
}

impl MeasureEffect {
    pub fn of(kind: &MeasureKind) -> MeasureEffect {
        match kind {
            MeasureKind::Blocking { .. }
            | MeasureKind::BlockingExtension { .. }
            | MeasureKind::Sealing { .. }
            | MeasureKind::LoginLock => MeasureEffect::Protects,
            MeasureKind::BlockingLifted { .. }
            | MeasureKind::UnlockRequest { .. }
            | MeasureKind::LoginUnlock => MeasureEffect::Lifts,
            MeasureKind::ExtendedAccessChild { .. }
            | MeasureKind::ExtendedAccessGuardian { .. } => MeasureEffect::Grants,
            MeasureKind::ExceptionNote { .. } => MeasureEffect::Note,
        }
    }
}

/// Something to remember when deciding a measure, with the line it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder<'r> {
    pub rule_id: ParameterId,
    pub text_sv: String,
    pub citation: &'r Citation,
}

/// The reminders a rule set gives for a measure kind: urgent cases by phone first, social
/// services, siblings, messages from other systems, the kind's own extra actions and where
/// to document the decision. Each once, in that order.
pub fn reminders_for<'r>(rule_set: &'r RuleSet, kind: &MeasureKind) -> Vec<Reminder<'r>> {
    let p = &rule_set.parameters;
    let mut reminders: Vec<Reminder<'r>> = Vec::new();
    let mut push = |rule_id: ParameterId, text_sv: String, citation: &'r Citation| {
        if !reminders.iter().any(|r| r.text_sv == text_sv) {
            reminders.push(Reminder {
                rule_id,
                text_sv,
                citation,
            });
        }
    };
    let effect = MeasureEffect::of(kind);
    if effect == MeasureEffect::Protects {
        if let Some(phone) = &p.urgent_phone.value {
            push(
                ParameterId::UrgentPhone,
                format!("Brådskande: ring {phone} först och skicka sedan blanketten."),
                &p.urgent_phone.citation,
            );
        }
        for (rule_id, cited) in [
            (
                ParameterId::ReminderSocialServices,
                &p.reminder_social_services,
            ),
            (ParameterId::ReminderSiblings, &p.reminder_siblings),
            (ParameterId::ReminderOtherSystems, &p.reminder_other_systems),
        ] {
            if let Some(text) = &cited.value {
                push(rule_id, text.clone(), &cited.citation);
            }
        }
    }
    let own: Option<(ParameterId, &'r crate::rule_set::Cited<Vec<String>>)> = match kind {
        MeasureKind::Blocking { .. } | MeasureKind::BlockingExtension { .. } => {
            Some((ParameterId::BlockingExtraActions, &p.blocking_extra_actions))
        }
        _ if effect == MeasureEffect::Lifts => {
            Some((ParameterId::LiftingExtraActions, &p.lifting_extra_actions))
        }
        _ => None,
    };
    if let Some((rule_id, cited)) = own {
        for text in &cited.value {
            push(rule_id, text.clone(), &cited.citation);
        }
    }
    if effect != MeasureEffect::Note {
        if let Some(name) = &p.documentation_note_name.value {
            push(
                ParameterId::DocumentationNoteName,
                format!("Dokumentera beslutet: {name}."),
                &p.documentation_note_name.citation,
            );
        }
    }
    reminders
}
