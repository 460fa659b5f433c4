//! Content filters: what an allowed journal does not show. Entries before the display
//! start date (no retroactive display) and units of an excluded kind, for what the region's
//! connection of children's journals covers; notes under exception keywords (sökord), for
//! guardians or for everyone as the rule set says, some only while an investigation runs;
//! and entries in a sealed period.
//!
//! A filter is found as a `Filter`, borrowed from the rule set and the case, so the timeline
//! can compare one date's filters with the next without allocating; `Filter::public` gives
//! the answer's `ContentFilter`.

use chrono::NaiveDate;

use super::{ContentFilter, Evaluator, JournalTarget, Who};
use crate::case::{MeasureKind, Period};
use crate::rule_set::{ExceptionCategory, HiddenFrom};

/// A content filter as the evaluation finds it.
///
/// INVARIANT: two filters are equal exactly when their `public()` forms are equal, so
/// comparing these says what comparing the answer's filters would.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Filter<'r, 'c> {
    DisplayStart { before: NaiveDate },
    ExceptionCategories(HiddenCategories<'r>),
    ExceptionNote { measure: &'c str, category: &'c str },
    ExcludedUnitKinds { kinds: &'r [String] },
    SealedEntries { measure: &'c str, entries: Period },
}

impl<'r> Filter<'r, '_> {
    pub fn public(&self) -> ContentFilter<'r> {
        match *self {
            Filter::DisplayStart { before } => ContentFilter::DisplayStart { before },
            Filter::ExceptionCategories(hidden) => ContentFilter::ExceptionCategories {
                categories: hidden.names().collect(),
            },
            Filter::ExceptionNote { measure, category } => ContentFilter::ExceptionNote {
                measure: measure.to_string(),
                category: category.to_string(),
            },
            Filter::ExcludedUnitKinds { kinds } => ContentFilter::ExcludedUnitKinds { kinds },
            Filter::SealedEntries { measure, entries } => ContentFilter::SealedEntries {
                measure: measure.to_string(),
                entries,
            },
        }
    }
}

/// The exception keywords of a rule set that are always hidden from one kind of reader
/// (not only during an investigation), named on demand.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HiddenCategories<'r> {
    categories: &'r [ExceptionCategory],
    for_guardian: bool,
}

impl<'r> HiddenCategories<'r> {
    pub fn names(self) -> impl Iterator<Item = &'r str> {
        self.categories
            .iter()
            .filter(move |c| self.for_guardian || c.hidden_from == HiddenFrom::Everyone)
            .filter(|c| !c.only_during_investigation)
            .map(|c| c.name.as_str())
    }
}

/// Equal when they name the same keywords, whichever rule set they come from: as the
/// answer's `ContentFilter::ExceptionCategories` compares.
impl PartialEq for HiddenCategories<'_> {
    fn eq(&self, other: &Self) -> bool {
        // The same list read the same way (most comparisons, date after date) is equal
        // without naming each keyword.
        let same_list = std::ptr::eq(self.categories, other.categories)
            && self.for_guardian == other.for_guardian;
        same_list || self.names().eq(other.names())
    }
}

impl<'r, 'c> Evaluator<'r, 'c, '_> {
    /// The filters of `who`'s journal at `journal`, pushed onto `filters` in the order the
    /// answer lists them.
    pub(super) fn journal_filters(
        &self,
        journal: &JournalTarget,
        who: Who,
        filters: &mut Vec<Filter<'r, 'c>>,
    ) {
        let p: &'r crate::rule_set::Parameters = &self.rule_set.parameters;
        let for_guardian = matches!(who, Who::Guardian(_));
        let through_connection = self.through_children_connection(who);
        if let Some(before) = p.display_start_date.value.filter(|_| through_connection) {
            filters.push(Filter::DisplayStart { before });
        }
        let hidden = HiddenCategories {
            categories: &p.exception_categories.value,
            for_guardian,
        };
        if hidden.names().next().is_some() {
            filters.push(Filter::ExceptionCategories(hidden));
        }
        if let Some(unit) = journal.unit {
            for &measure in &self.index.units[unit].exception_notes {
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
                    filters.push(Filter::ExceptionNote {
                        measure: &measure.id,
                        category,
                    });
                }
            }
        }
        for &(measure, entries) in &self.s.sealed_entries {
            filters.push(Filter::SealedEntries { measure, entries });
        }
        if journal.unit.is_none() && through_connection && !p.excluded_unit_kinds.value.is_empty() {
            filters.push(Filter::ExcludedUnitKinds {
                kinds: &p.excluded_unit_kinds.value,
            });
        }
    }
}
