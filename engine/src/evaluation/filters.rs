//! Content filters: what an allowed journal does not show. Entries before the display
//! start date (no retroactive display) and units of an excluded kind, for what the region's
//! connection of children's journals covers; notes under exception keywords (sökord), for
//! guardians or for everyone as the rule set says, some only while an investigation runs;
//! and entries in a sealed period.

use super::{ContentFilter, Evaluator, JournalTarget, Who};
use crate::case::MeasureKind;
use crate::rule_set::HiddenFrom;

impl<'r> Evaluator<'r, '_, '_> {
    pub(super) fn journal_filters(
        &self,
        target: &JournalTarget,
        who: Who,
    ) -> Vec<ContentFilter<'r>> {
        let p: &'r crate::rule_set::Parameters = &self.rule_set.parameters;
        let for_guardian = matches!(who, Who::Guardian(_));
        let through_connection = self.through_children_connection(who);
        let mut filters = Vec::new();
        if let Some(before) = p.display_start_date.value.filter(|_| through_connection) {
            filters.push(ContentFilter::DisplayStart { before });
        }
        let categories: Vec<&'r str> = p
            .exception_categories
            .value
            .iter()
            .filter(|c| for_guardian || c.hidden_from == HiddenFrom::Everyone)
            .filter(|c| !c.only_during_investigation)
            .map(|c| c.name.as_str())
            .collect();
        if !categories.is_empty() {
            filters.push(ContentFilter::ExceptionCategories { categories });
        }
        if let Some(unit) = target.unit_id {
            let notes = &self.index.exception_notes;
            let start = notes.partition_point(|(u, _)| *u < unit);
            for (_, measure) in notes[start..].iter().take_while(|(u, _)| *u == unit) {
                let MeasureKind::ExceptionNote {
                    category,
                    investigation_until,
                    ..
                } = &measure.kind
                else {
                    continue;
                };
                if measure.period.from > self.date {
                    continue;
                }
                let rule = p
                    .exception_categories
                    .value
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(category));
                // A keyword the rule set does not know is assumed hidden: hiding too much
                // is the safe error for a child at risk.
                let hidden = match rule {
                    None => true,
                    Some(rule) => {
                        (for_guardian || rule.hidden_from == HiddenFrom::Everyone)
                            && (!rule.only_during_investigation
                                || investigation_until.is_none_or(|until| self.date <= until))
                    }
                };
                if hidden {
                    filters.push(ContentFilter::ExceptionNote {
                        measure: measure.id.clone(),
                        category: category.clone(),
                    });
                }
            }
        }
        for (measure, entries) in &self.s.sealed_entries {
            filters.push(ContentFilter::SealedEntries {
                measure: measure.to_string(),
                entries: *entries,
            });
        }
        if target.unit_id.is_none() && through_connection && !p.excluded_unit_kinds.value.is_empty()
        {
            filters.push(ContentFilter::ExcludedUnitKinds {
                kinds: &p.excluded_unit_kinds.value,
            });
        }
        filters
    }
}
