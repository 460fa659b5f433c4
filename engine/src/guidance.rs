//! Guidance for staff about one kind of measure under one rule set: who decides, which form,
//! the urgent phone line and what to say on it, what the documentation note (särskild
//! anteckning) must contain, and the extra actions to remember. The printable documents
//! are built from this.

use serde::Serialize;

use crate::rule_set::{Citation, RequestRoute, RuleSet, SealingScopeKind, UnlockRule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProtectiveMeasure {
    Blocking,
    Sealing,
}

impl ProtectiveMeasure {
    pub fn name_sv(self) -> &'static str {
        match self {
            ProtectiveMeasure::Blocking => "Blockering",
            ProtectiveMeasure::Sealing => "Försegling",
        }
    }
}

/// A value with the citation it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Guided<'r, T: Serialize> {
    pub value: T,
    pub citation: &'r Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureGuidance<'r> {
    pub measure: ProtectiveMeasure,
    pub request: Guided<'r, &'r RequestRoute>,
    pub urgent_phone: Guided<'r, Option<&'r str>>,
    pub phone_checklist: Guided<'r, &'r [String]>,
    pub documentation_note_fields: Guided<'r, &'r [String]>,
    pub extra_actions: Guided<'r, &'r [String]>,
    /// Sealing only: the scopes the region offers and how it is lifted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sealing_scopes: Option<Guided<'r, &'r [SealingScopeKind]>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlock_rule: Option<Guided<'r, UnlockRule>>,
}

pub fn measure_guidance(rule_set: &RuleSet, measure: ProtectiveMeasure) -> MeasureGuidance<'_> {
    let p = &rule_set.parameters;
    let (request, extra_actions) = match measure {
        ProtectiveMeasure::Blocking => (
            &p.blocking_request,
            Guided {
                value: p.blocking_extra_actions.value.as_slice(),
                citation: &p.blocking_extra_actions.citation,
            },
        ),
        ProtectiveMeasure::Sealing => (
            &p.sealing_request,
            Guided {
                value: &[][..],
                citation: &p.blocking_extra_actions.citation,
            },
        ),
    };
    let sealing = measure == ProtectiveMeasure::Sealing;
    MeasureGuidance {
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
    }
}
