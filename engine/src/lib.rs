//! Insyn's rule engine: for a child, on a date, who can see what in 1177, and why.
//!
//! A pure crate (chrono, serde and one JSON parser): no clock, no I/O. The date being asked
//! about is always an input. Read it in the order of the guidance:
//!
//! - [`date`]: dates as the files and the app write them (YYYY-MM-DD).
//! - [`age`]: birthdays and ages (the 29 February rule).
//! - [`identity`]: personnummer, samordningsnummer, reservnummer.
//! - [`case`]: the facts of a case (fallet), the case format and its one reader, and the
//!   facts derived once (date of birth, identity number).
//! - [`validation`]: what makes a case invalid, with the field at fault.
//! - [`rule_set`]: regions' rules as cited data (regelverk): every parameter (`ParameterId`,
//!   with its Swedish term) and its citation, the ages in one place (`AgeRules`), and which
//!   version answers on a date (`RuleChoice`).
//! - [`evaluation`]: outcomes per actor × capability on one date: base outcome, then the
//!   restrictions in the guidance's precedence, then content filters; measures judged once
//!   under the version in force when they were decided; notices and required actions.
//! - [`explanation`]: the reasons behind an outcome, each citing its own rule's line.
//! - [`labels`]: how a measure is named on every view ("Blockering av Johan, från
//!   2026-06-15"), never by its id.
//! - [`timeline`]: change points from birth to 18 with typed causes, and the diff of two
//!   rule sets (outcomes and required actions).
//! - [`guidance`]: who decides a measure, which form, the urgent phone line.
//! - [`guardian_view`]: what a guardian sees in 1177, and what support staff may say.
//! - [`decision`]: "Vilken åtgärd?", the measure the guidance recommends for a situation.
//! - [`preview`]: what adding a measure would change, before it is added.
//! - [`support`]: "Vad ser vårdnadshavaren – och vad svarar jag?", from what a caller sees
//!   to every cause consistent with it and the answer to give.
//! - [`documents`]: the request, the documentation note, the phone checklist and the
//!   standard answer for one measure.

pub mod age;
pub mod case;
mod date;
pub mod decision;
pub mod documents;
pub mod error;
pub mod evaluation;
pub mod explanation;
pub mod guardian_view;
pub mod guidance;
pub mod identity;
pub mod labels;
pub mod preview;
pub mod rule_set;
mod short_sort;
pub mod support;
pub mod timeline;
pub mod validation;

pub use case::{Case, CaseFacts, FORMAT_VERSION};
pub use date::{parse_iso_date, within_years, FIRST_YEAR, LAST_YEAR};
pub use error::{parse_date, EngineError, Problem};
pub use evaluation::{
    evaluate, evaluate_with, Actor, Capability, CaseIndex, Evaluation, Outcome, OutcomeKind,
};
pub use rule_set::{Catalog, RuleSet};
pub use short_sort::sort_short_by_key;
pub use timeline::{diff, timeline, Diff, Timeline};
