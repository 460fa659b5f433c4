//! What an edit changed, said once the user pauses: a polite status (`role="status"`) that
//! screen readers read without moving the keyboard, e.g. "Ändrat i matrisen: Peter Test,
//! Ombud: nu Ingen åtkomst." or "Inget ändrades i matrisen.". Sighted users see the matrix
//! change; the line is visually hidden. The app's one home for this message.
//!
//! An edit is any change of the case or the asked date after a case was opened; opening a
//! case (`AppState::openings`) says nothing here (the file status says what was opened).
//! The message waits for a pause in typing, so a name typed letter by letter is said once,
//! and compares with the matrix as last said, so the changes add up over the pause.

use std::time::Duration;

use insyn_engine::evaluation::OutcomeKind;
use insyn_engine::Evaluation;
use leptos::prelude::*;

use crate::components::access_matrix::{actor_key, capability_key, capability_label};
use crate::state::use_app_state;

/// How long the user must pause before the change is said.
const PAUSE: Duration = Duration::from_millis(700);

/// The changed cells named in full; beyond them, only counted.
const NAMED: usize = 3;

/// One cell of the matrix as the status names it.
#[derive(Debug, Clone, PartialEq)]
pub struct CellState {
    /// Actor and capability keys, e.g. ("vh2", "proxy"): which cell it is.
    pub key: (String, String),
    /// "Peter Test, Ombud": how it is said.
    pub name: String,
    pub outcome: OutcomeKind,
}

/// The matrix of an evaluation, cell by cell.
pub fn cells(
    evaluation: &Evaluation,
    unit_name: impl Fn(&str) -> Option<String>,
) -> Vec<CellState> {
    let mut cells = Vec::new();
    for actor in &evaluation.actors {
        for cell in &actor.cells {
            cells.push(CellState {
                key: (actor_key(&actor.actor), capability_key(&cell.capability)),
                name: format!(
                    "{}, {}",
                    actor.label,
                    capability_label(&cell.capability, &unit_name)
                ),
                outcome: cell.outcome.kind(),
            });
        }
    }
    cells
}

/// What changed from `before` to `after`, in a sentence or two of Swedish.
pub fn change_message(before: &[CellState], after: &[CellState]) -> String {
    let changed: Vec<String> = after
        .iter()
        .filter(|cell| {
            before
                .iter()
                .find(|old| old.key == cell.key)
                .is_none_or(|old| old.outcome != cell.outcome)
        })
        .map(|cell| format!("{}: nu {}", cell.name, cell.outcome.label_sv()))
        .collect();
    let removed = before
        .iter()
        .filter(|old| !after.iter().any(|cell| cell.key == old.key))
        .count();
    let mut message = match changed.len() {
        0 if removed == 0 => return "Inget ändrades i matrisen.".to_string(),
        0 => String::new(),
        1 => format!("Ändrat i matrisen: {}.", changed[0]),
        n if n <= NAMED => format!("{n} rutor ändrades i matrisen: {}.", changed.join("; ")),
        n => format!(
            "{n} rutor ändrades i matrisen, bland annat {}.",
            changed[..NAMED].join("; ")
        ),
    };
    if removed > 0 {
        if !message.is_empty() {
            message.push(' ');
        }
        message.push_str(&match removed {
            1 => "1 ruta togs bort ur matrisen.".to_string(),
            n => format!("{n} rutor togs bort ur matrisen."),
        });
    }
    message
}

/// The status line itself, once in the page.
#[component]
pub fn EditStatus() -> impl IntoView {
    let state = use_app_state();
    let message = RwSignal::new(String::new());
    // The matrix as last said (None while it cannot be shown), and the opening it belongs to.
    let said: StoredValue<Option<Vec<CellState>>> = StoredValue::new(None);
    let opening = StoredValue::new(None::<u32>);
    let pending = StoredValue::new(None::<TimeoutHandle>);

    let current = move || {
        let unit_name = |id: &str| {
            state
                .case
                .with_untracked(|case| case.care_unit(id).map(|u| u.name.clone()))
        };
        state
            .evaluation
            .with_untracked(|e| e.as_ref().ok().map(|e| cells(e, unit_name)))
    };
    let say = move || {
        let now = current();
        let text = match (said.get_value(), &now) {
            (_, None) => "Matrisen kan inte visas förrän fallet är rättat.".to_string(),
            (None, Some(_)) => "Matrisen visas igen.".to_string(),
            (Some(before), Some(after)) => change_message(&before, after),
        };
        said.set_value(now);
        message.set(text);
    };

    // Only the case and the date are watched here; the evaluation is read after the pause,
    // so an edit costs this line no more than a timer.
    Effect::new(move |_| {
        state.case.track();
        state.date.track();
        let opened = state.openings.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if opening.get_value() != Some(opened) {
            // A case opened (or the page started): the starting point, nothing to say.
            opening.set_value(Some(opened));
            said.set_value(current());
            message.set(String::new());
            return;
        }
        pending.set_value(set_timeout_with_handle(say, PAUSE).ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });

    view! {
        <p class="visually-hidden" role="status" data-testid="edit-status">{move || message.get()}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(actor: &str, capability: &str, outcome: OutcomeKind) -> CellState {
        CellState {
            key: (actor.into(), capability.into()),
            name: format!("{actor}, {capability}"),
            outcome,
        }
    }

    #[test]
    fn an_edit_that_changes_no_outcome_says_nothing_changed() {
        let matrix = vec![cell("vh1", "Konto", OutcomeKind::Allowed)];
        assert_eq!(
            change_message(&matrix, &matrix),
            "Inget ändrades i matrisen."
        );
    }

    #[test]
    fn a_changed_cell_is_named_with_its_new_outcome() {
        let before = vec![
            cell("vh1", "Konto", OutcomeKind::Allowed),
            cell("vh2", "Ombud", OutcomeKind::Allowed),
        ];
        let after = vec![
            cell("vh1", "Konto", OutcomeKind::Allowed),
            cell("vh2", "Ombud", OutcomeKind::Denied),
        ];
        assert_eq!(
            change_message(&before, &after),
            "Ändrat i matrisen: vh2, Ombud: nu Ingen åtkomst."
        );
    }

    #[test]
    fn many_changes_are_counted_and_the_first_three_named() {
        let before: Vec<_> = (0..5)
            .map(|i| cell("vh1", &format!("c{i}"), OutcomeKind::Allowed))
            .collect();
        let mut after: Vec<_> = (0..5)
            .map(|i| cell("vh1", &format!("c{i}"), OutcomeKind::Grantable))
            .collect();
        after.push(cell("vh2", "Konto", OutcomeKind::Allowed));
        assert_eq!(
            change_message(&before, &after),
            "6 rutor ändrades i matrisen, bland annat vh1, c0: nu Kan beviljas; \
             vh1, c1: nu Kan beviljas; vh1, c2: nu Kan beviljas."
        );
    }

    #[test]
    fn removed_cells_are_counted() {
        let before = vec![
            cell("vh1", "Konto", OutcomeKind::Allowed),
            cell("vh2", "Konto", OutcomeKind::Allowed),
        ];
        let after = vec![cell("vh1", "Konto", OutcomeKind::Allowed)];
        assert_eq!(
            change_message(&before, &after),
            "1 ruta togs bort ur matrisen."
        );
    }
}
