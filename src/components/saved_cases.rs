//! The work survives, in the browser: the open case is copied to the tab's `sessionStorage`
//! at every change and restored after a reload; "Spara i den här webbläsaren" keeps named
//! cases in `localStorage`; "Rensa allt" erases everything Insyn stored; and replacing a
//! case with unsaved changes asks first, in the page. The rules (what may be stored, for
//! how long, versions, conflicts between tabs) are in `crate::storage`; this is the thin
//! part that reads the clock, calls the browser and shows the outcome in Swedish.

use chrono::NaiveDate;
use insyn_engine::documents::StaffDetails;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::personal_data::has_personal_data;
use crate::state::{today_from_browser, use_app_state, AppState};
use crate::storage::web::WebStore;
use crate::storage::{
    clear_all, kept_aside, list_saved, names_expired, read_saved, restore_session, save_case,
    saved_at_sv, saved_key, session_json, session_worth_keeping, start_date, Baseline, Finding,
    KeptAside, Moment, SaveError, SaveRequest, SavedCase, SessionCase, StorageError, Store,
    SESSION_KEY,
};
use crate::training_cases::example_case;

/// Now, from the browser's clock (local time). Only the UI reads the clock.
pub fn moment_now() -> Moment {
    let now = js_sys::Date::new_0();
    Moment {
        date: today_from_browser(),
        hour: now.get_hours(),
        minute: now.get_minutes(),
        second: now.get_seconds(),
    }
}

/// An id for a new saved case: random, so two tabs never pick the same one.
fn random_id() -> String {
    let high = (js_sys::Math::random() * 4_294_967_296.0) as u32;
    let low = (js_sys::Math::random() * 65_536.0) as u32;
    format!("{high:08x}{low:04x}")
}

/// What the last action did, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Done(String),
    Failed(String),
}

/// The storage side of the page, by context.
#[derive(Clone, Copy)]
pub struct BrowserStorage {
    /// Keep names and personnummer in this tab's copy of the open case.
    pub keep_names: RwSignal<bool>,
    /// The saved cases in this browser, newest first.
    pub saved: RwSignal<Vec<SavedCase>>,
    /// Values that could not be read, kept aside, in the storage they were found in.
    pub kept: RwSignal<Vec<(WebStore, KeptAside)>>,
    /// Why the open case's copy could not be written, if it could not.
    pub session_problem: RwSignal<Option<StorageError>>,
    /// The open case's key holds a value that could not be read nor moved: it is not
    /// written over.
    pub session_blocked: RwSignal<bool>,
    pub status: RwSignal<Option<Status>>,
    /// The last save was refused because another tab saved or removed the case first.
    pub conflict: RwSignal<bool>,
}

pub fn use_browser_storage() -> Option<BrowserStorage> {
    use_context::<BrowserStorage>()
}

impl BrowserStorage {
    fn refresh_saved(self) {
        match list_saved(&WebStore::Local, moment_now()) {
            Ok((cases, findings)) => {
                self.saved.set(cases);
                self.report(WebStore::Local, &findings);
            }
            Err(_) => self.saved.set(Vec::new()),
        }
    }

    fn refresh_kept(self) {
        let mut all = Vec::new();
        for store in [WebStore::Session, WebStore::Local] {
            if let Ok(found) = kept_aside(&store) {
                all.extend(found.into_iter().map(|kept| (store, kept)));
            }
        }
        self.kept.set(all);
    }

    fn report(self, store: WebStore, findings: &[Finding]) {
        for finding in findings {
            if let Finding::LeftInPlace { key, reason } = finding {
                if store == WebStore::Session && key == SESSION_KEY {
                    self.session_blocked.set(true);
                }
                self.status.set(Some(Status::Failed(format!(
                    "Sparade uppgifter kunde inte läsas ({}), och lagringen är för full för att \
                     lägga dem åt sidan. De lämnas orörda, och fallet sparas inte i deras ställe.",
                    reason.reason_sv()
                ))));
            }
        }
        if !findings.is_empty() {
            self.refresh_kept();
        }
    }
}

/// Start the storage side: restore the open case a reload left in this tab, list the saved
/// cases, keep the tab's copy up to date, and follow other tabs. Call once, in `App`.
pub fn provide_browser_storage(state: AppState) -> BrowserStorage {
    let storage = BrowserStorage {
        keep_names: RwSignal::new(false),
        saved: RwSignal::new(Vec::new()),
        kept: RwSignal::new(Vec::new()),
        session_problem: RwSignal::new(None),
        session_blocked: RwSignal::new(false),
        status: RwSignal::new(None),
        conflict: RwSignal::new(false),
    };
    provide_context(storage);
    let today = state.today;
    storage.refresh_saved();
    match restore_session(&WebStore::Session, today) {
        Ok(restored) => {
            if let Some(session) = restored.session {
                restore(state, storage, session);
            }
            storage.report(WebStore::Session, restored.finding.as_slice());
        }
        Err(error) => storage.session_problem.set(Some(error)),
    }
    storage.refresh_kept();

    // The page as it starts needs nothing stored: a fresh tab and a tab after "Rensa allt"
    // leave storage empty.
    let start = example_case();
    let start_case = StoredValue::new_local(start.case());
    let start_on = start.start_date(today);
    // The tab's copy is written once the edit's frame is on screen, not in the edit's own
    // task: copying and serializing a 40-measure case and storing it was a few ms of every
    // keystroke. Edits in between are written together; leaving the page writes what is
    // still pending (`pagehide` comes before a reload or a closed tab), as does the app's end.
    let pending = StoredValue::new_local(false);
    let store = move || {
        untrack(|| {
            if storage.session_blocked.get() {
                return;
            }
            let session = SessionCase {
                case: state.case.get(),
                date: Some(state.date.get()),
                keep_names: storage.keep_names.get(),
                unsaved: state.has_unsaved_changes(),
                saved: state.baseline.with(|b| b.saved.clone()),
            };
            let keep = start_case
                .try_with_value(|start| session_worth_keeping(&session, start, start_on))
                .unwrap_or(true);
            let written = if keep {
                WebStore::Session.set(SESSION_KEY, &session_json(&session, moment_now()))
            } else {
                WebStore::Session.remove(SESSION_KEY)
            };
            let problem = written.err();
            if storage.session_problem.get() != problem {
                storage.session_problem.set(problem);
            }
        });
    };
    let write_pending = move || {
        // The page may be gone (a component test unmounts it) before the timer runs.
        if pending.try_get_value() == Some(true) && state.case.try_get_untracked().is_some() {
            pending.set_value(false);
            store();
        }
    };
    Effect::new(move |first: Option<()>| {
        // What the tab's copy holds.
        state.case.track();
        state.date.track();
        storage.keep_names.track();
        state.baseline.track();
        storage.session_blocked.track();
        if first.is_none() {
            // The page as it starts (or as restored) is written at once, as before the
            // deferral: a write still pending when the page is left would otherwise run in
            // `pagehide`, after anything else has touched the key.
            store();
        } else if !pending.get_value() {
            pending.set_value(true);
            crate::components::after_next_frame(write_pending);
        }
    });
    let leaving = window_event_listener(leptos::ev::pagehide, move |_| write_pending());
    on_cleanup(move || {
        leaving.remove();
        write_pending();
    });

    // Another tab saved, removed or cleared: list again, and say so if it was this case.
    let handle = window_event_listener(leptos::ev::storage, move |event| {
        let key = event.key();
        if key
            .as_deref()
            .is_some_and(|k| !k.starts_with(crate::storage::PREFIX))
        {
            return;
        }
        let linked = state.baseline.with_untracked(|b| b.saved.clone());
        storage.refresh_saved();
        storage.refresh_kept();
        let Some(linked) = linked else { return };
        if key.is_some_and(|k| k != saved_key(&linked.id)) {
            return;
        }
        let now_stored = storage.saved.with_untracked(|cases| {
            cases
                .iter()
                .find(|c| c.id == linked.id)
                .map(|c| c.reference())
        });
        if now_stored.as_ref() != Some(&linked) {
            let label = state
                .baseline
                .with_untracked(|b| b.label.clone())
                .unwrap_or_default();
            storage.status.set(Some(Status::Failed(match now_stored {
                Some(_) => format!(
                    "”{label}” har just sparats i en annan flik. Sparar du här skrivs det inte \
                     över: du får spara ditt som ett nytt fall."
                ),
                None => format!(
                    "”{label}” har just tagits bort i en annan flik. Spara fallet som ett nytt \
                     fall om du vill behålla det."
                ),
            })));
        }
    });
    // Names kept with a saved case go at the end of the day, also while the page stays
    // open overnight: the list is read again whenever the page gets the focus back.
    let focus = window_event_listener(leptos::ev::focus, move |_| storage.refresh_saved());
    // The listeners live as long as the page's state.
    on_cleanup(move || {
        handle.remove();
        focus.remove();
    });
    storage
}

/// Put back the open case a reload left in this tab.
fn restore(state: AppState, storage: BrowserStorage, session: SessionCase) {
    let date = session
        .date
        .unwrap_or_else(|| start_date(&session.case, state.today));
    let label = session.saved.as_ref().and_then(|saved| {
        storage.saved.with_untracked(|cases| {
            cases
                .iter()
                .find(|c| c.id == saved.id)
                .map(|c| c.label.clone())
        })
    });
    state.replace_case(session.case.clone(), date);
    state.baseline.set(Baseline {
        case: (!session.unsaved).then(|| session.case.clone()),
        saved: session.saved,
        label,
    });
    storage.keep_names.set(session.keep_names);
    storage.status.set(Some(Status::Done(if session.keep_names {
        "Fallet är återställt som det var innan sidan laddades om.".into()
    } else {
        "Fallet är återställt som det var innan sidan laddades om, utan namn och personnummer \
         (de sparas bara om du kryssar i att de ska behållas)."
            .into()
    })));
}

// ---- Downloading a kept-aside value ----

#[wasm_bindgen]
extern "C" {
    type Blob;
    #[wasm_bindgen(constructor, catch)]
    fn new(parts: &js_sys::Array, options: &js_sys::Object) -> Result<Blob, JsValue>;
    #[wasm_bindgen(js_namespace = URL, js_name = createObjectURL, catch)]
    fn create_object_url(blob: &Blob) -> Result<String, JsValue>;
    #[wasm_bindgen(js_namespace = URL, js_name = revokeObjectURL)]
    fn revoke_object_url(url: &str);
}

fn download_text(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"type".into(), &"application/json".into())?;
    let url = create_object_url(&Blob::new(&parts, &options)?)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document()
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    set_timeout(
        move || revoke_object_url(&url),
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

// ---- A question in the page ----

/// A modal question in the page (a native `<dialog>`): the keyboard stays in it, Escape
/// cancels, and "Avbryt" has the focus first, so Enter does nothing harmful.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] open: Signal<bool>,
    testid: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    #[prop(into)] confirm_label: Signal<String>,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    let title_id = format!("{testid}-title");
    let body_id = format!("{testid}-body");
    let (labelled_by, described_by) = (title_id.clone(), body_id.clone());
    Effect::new(move |_| {
        let want_open = open.get();
        let Some(element) = dialog.get() else { return };
        if want_open && !element.open() {
            if element.show_modal().is_err() {
                element.set_open(true);
            }
            if let Some(button) = cancel_button.get_untracked() {
                let _ = button.focus();
            }
        } else if !want_open && element.open() {
            element.close();
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class="confirm-dialog"
            data-testid=testid
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:close=move |_| {
                // Escape, or the dialog closed some other way while still asked. The event
                // comes a task after the closing: by then a new question may have opened
                // the dialog again, and that one is not answered by the old close.
                let still_closed = dialog.get_untracked().is_some_and(|d| !d.open());
                if open.get_untracked() && still_closed {
                    on_cancel.run(());
                }
            }
        >
            <h2 id=title_id>{move || title.get()}</h2>
            <p id=body_id>{move || body.get()}</p>
            <div class="confirm-actions">
                <button
                    type="button"
                    class="danger"
                    data-testid=format!("{testid}-confirm")
                    on:click=move |_| on_confirm.run(())
                >
                    {move || confirm_label.get()}
                </button>
                <button
                    type="button"
                    class="secondary"
                    node_ref=cancel_button
                    data-testid=format!("{testid}-cancel")
                    on:click=move |_| on_cancel.run(())
                >
                    "Avbryt"
                </button>
            </div>
        </dialog>
    }
}

/// Asks before a case with unsaved changes is replaced (`AppState::replace_after_asking`).
#[component]
pub fn ReplaceCaseDialog() -> impl IntoView {
    let state = use_app_state();
    let open = Signal::derive(move || state.pending_replace.with(Option::is_some));
    let body = Signal::derive(move || {
        state.pending_replace.with(|pending| {
            let what = pending.as_ref().map_or("", |p| p.what_sv.as_str());
            format!(
                "Om du öppnar {what} försvinner de ändringar i det öppna fallet som inte är sparade. \
                 Spara fallet i webbläsaren eller exportera det först om du vill behålla dem."
            )
        })
    });
    view! {
        <ConfirmDialog
            open=open
            testid="replace-dialog"
            title="Fallet har ändringar som inte är sparade".to_string()
            body=body
            confirm_label="Ersätt fallet".to_string()
            on_confirm=move |()| {
                if let Some(pending) = state.pending_replace.get_untracked() {
                    state.pending_replace.set(None);
                    pending.replace.run(());
                }
            }
            on_cancel=move |()| state.pending_replace.set(None)
        />
    }
}

// ---- "Rensa allt" ----

/// Erase everything Insyn stored in this browser, then start the page over.
pub fn erase_everything(state: AppState, storage: BrowserStorage) {
    let result = clear_all(&[&WebStore::Session, &WebStore::Local]);
    let start = example_case();
    state.replace_case(start.case(), start.start_date(state.today));
    state.staff.set(StaffDetails::default());
    storage.keep_names.set(false);
    storage.conflict.set(false);
    storage.session_blocked.set(false);
    storage.saved.set(Vec::new());
    storage.kept.set(Vec::new());
    storage.status.set(Some(match result {
        Ok(_) => Status::Done(
            "Allt som Insyn hade sparat i den här webbläsaren är raderat: det öppna fallet, \
             sparade fall och dina uppgifter. Sidan visar exempelfallet igen."
                .into(),
        ),
        Err(error) => Status::Failed(format!(
            "Allt kunde inte raderas. {} Sidan visar exempelfallet igen.",
            error.message_sv()
        )),
    }));
    // What could not be removed is still listed.
    storage.refresh_saved();
    storage.refresh_kept();
}

/// "Rensa allt", in the header: after a question, erase every Insyn key in both storages
/// (the staff member's own details too) and start over with the example case.
#[component]
pub fn ClearAllButton() -> impl IntoView {
    let state = use_app_state();
    let Some(storage) = use_browser_storage() else {
        return ().into_any();
    };
    let asking = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="clear-all secondary no-print"
            data-testid="clear-all"
            on:click=move |_| asking.set(true)
        >
            "Rensa allt"
        </button>
        <ConfirmDialog
            open=asking
            testid="clear-all-dialog"
            title="Radera allt som Insyn har sparat?".to_string()
            body="Det öppna fallet, alla fall sparade i den här webbläsaren, undanlagda uppgifter \
                  och dina egna uppgifter raderas, i alla flikar. Sidan börjar om med exempelfallet. \
                  Det går inte att ångra."
                .to_string()
            confirm_label="Radera allt".to_string()
            on_confirm=move |()| {
                asking.set(false);
                erase_everything(state, storage);
            }
            on_cancel=move |()| asking.set(false)
        />
    }
    .into_any()
}

// ---- The panel ----

fn when_sv(saved: &SavedCase, today: NaiveDate) -> String {
    let names = match saved.names_until {
        Some(until) if !names_expired(until, today) && has_personal_data(&saved.case) => {
            if until == today {
                "med namn och personnummer till dagens slut".to_string()
            } else {
                format!("med namn och personnummer t.o.m. {until}")
            }
        }
        _ => "utan namn och personnummer".to_string(),
    };
    format!("Sparat {} · {names}", saved_at_sv(&saved.saved_at))
}

/// "Spara i den här webbläsaren": the tick for this tab's copy, saving under a name, the
/// saved cases with open and remove, and what could not be read. Problems show above it,
/// always visible.
#[component]
pub fn SavedCasesPanel() -> impl IntoView {
    let state = use_app_state();
    let Some(storage) = use_browser_storage() else {
        return ().into_any();
    };
    let save_names = RwSignal::new(false);
    // The label as typed; `None` shows the saved case's label or the case's title.
    let label_draft = RwSignal::new(None::<String>);
    let default_label = move || {
        state
            .baseline
            .with(|b| b.label.clone())
            .or_else(|| state.case.with(|c| c.title.clone()))
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "Sparat fall".to_string())
    };
    let label = move || label_draft.get().unwrap_or_else(default_label);
    // A new case, or one just saved or opened, starts from its own label again.
    Effect::watch(
        move || state.baseline.with(|b| b.saved.clone()),
        move |_, _, _| {
            label_draft.set(None);
            storage.conflict.set(false);
        },
        false,
    );
    let unsaved = Memo::new(move |_| state.has_unsaved_changes());
    let linked_label = move || {
        state
            .baseline
            .with(|b| b.saved.as_ref().and(b.label.clone()))
    };

    let save = move |as_new: bool| {
        let label_text = label_draft.get_untracked().unwrap_or_else(default_label);
        let keep = save_names.get_untracked();
        let base = if as_new {
            None
        } else {
            state.baseline.with_untracked(|b| b.saved.clone())
        };
        let new_id = random_id();
        let case = state.case.get_untracked();
        let result = save_case(
            &WebStore::Local,
            SaveRequest {
                case: &case,
                label: &label_text,
                keep_names: keep,
                base: base.as_ref(),
                new_id: &new_id,
            },
            moment_now(),
        );
        match result {
            Ok(saved) => {
                let names = if saved.names_until.is_some() {
                    "med namn och personnummer till dagens slut"
                } else {
                    "utan namn och personnummer"
                };
                storage.status.set(Some(Status::Done(format!(
                    "Fallet är sparat i den här webbläsaren som ”{}”, {names}.",
                    saved.label
                ))));
                state.baseline.set(Baseline::saved(&case, &saved));
                storage.conflict.set(false);
            }
            Err(error) => {
                storage
                    .conflict
                    .set(matches!(error, SaveError::Conflict(_)));
                storage
                    .status
                    .set(Some(Status::Failed(error.message_sv(&label_text))));
            }
        }
        storage.refresh_saved();
    };

    let open_saved = move |id: String| {
        let now = moment_now();
        let read = WebStore::Local
            .get(&saved_key(&id))
            .map(|raw| raw.map(|raw| read_saved(&id, &raw, now.date, now)));
        let saved = match read {
            Ok(Some(Ok((saved, _)))) => saved,
            Ok(None) => {
                storage.refresh_saved();
                storage.status.set(Some(Status::Failed(
                    "Det sparade fallet finns inte längre (det har tagits bort i en annan flik)."
                        .into(),
                )));
                return;
            }
            Ok(Some(Err(_))) => {
                // Listing again keeps it aside and reports it.
                storage.refresh_saved();
                return;
            }
            Err(error) => {
                storage
                    .status
                    .set(Some(Status::Failed(error.message_sv().into())));
                return;
            }
        };
        let what = format!("det sparade fallet ”{}”", saved.label);
        state.replace_after_asking(what, move || {
            state.replace_case(saved.case.clone(), start_date(&saved.case, state.today));
            state.baseline.set(Baseline::saved(&saved.case, &saved));
            storage.status.set(Some(Status::Done(format!(
                "Det sparade fallet ”{}” är öppnat.",
                saved.label
            ))));
        });
    };

    let removing = RwSignal::new(None::<(String, String)>);
    let remove_saved = move |id: String| {
        let result = WebStore::Local.remove(&saved_key(&id));
        if state
            .baseline
            .with_untracked(|b| b.saved.as_ref().is_some_and(|s| s.id == id))
        {
            // The open case is no longer saved anywhere.
            state.baseline.set(Baseline::default());
        }
        storage.status.set(Some(match result {
            Ok(()) => {
                Status::Done("Det sparade fallet är borttaget ur den här webbläsaren.".into())
            }
            Err(error) => Status::Failed(error.message_sv().into()),
        }));
        storage.refresh_saved();
    };

    let on_keep_names = move |ev: leptos::ev::Event| {
        let keep = event_target_checked(&ev);
        storage.keep_names.set(keep);
        storage.status.set(Some(Status::Done(if keep {
            "Namn och personnummer finns kvar om sidan laddas om, tills fliken stängs.".into()
        } else {
            "Om sidan laddas om finns fallet kvar utan namn och personnummer.".into()
        })));
    };

    let saved_list = move || {
        let today = moment_now().date;
        let linked = state
            .baseline
            .with(|b| b.saved.as_ref().map(|s| s.id.clone()));
        storage.saved.with(|cases| {
            if cases.is_empty() {
                return view! {
                    <p class="saved-empty" data-testid="saved-empty">"Inga fall är sparade i den här webbläsaren."</p>
                }
                .into_any();
            }
            let items = cases
                .iter()
                .map(|saved| {
                    let id = saved.id.clone();
                    let open_id = id.clone();
                    let remove_id = id.clone();
                    let remove_label = saved.label.clone();
                    let is_open = linked.as_deref() == Some(id.as_str());
                    view! {
                        <li class="saved-case" data-testid=format!("saved-case-{id}")>
                            <div class="saved-text">
                                <span class="saved-label">{saved.label.clone()}</span>
                                {is_open.then(|| view! { <span class="saved-open">" (öppet)"</span> })}
                                <span class="saved-meta">{when_sv(saved, today)}</span>
                            </div>
                            <div class="item-actions">
                                <button
                                    type="button"
                                    class="small"
                                    data-testid=format!("open-saved-{id}")
                                    on:click=move |_| open_saved(open_id.clone())
                                >
                                    "Öppna"<span class="visually-hidden">" "{saved.label.clone()}</span>
                                </button>
                                <button
                                    type="button"
                                    class="small remove"
                                    data-testid=format!("remove-saved-{id}")
                                    on:click=move |_| removing.set(Some((remove_id.clone(), remove_label.clone())))
                                >
                                    "Ta bort"<span class="visually-hidden">" "{saved.label.clone()}</span>
                                </button>
                            </div>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="saved-list" aria-labelledby="saved-heading" data-testid="saved-list">{items}</ul> }.into_any()
        })
    };

    let kept_list = move || {
        storage.kept.with(|kept| {
            kept.iter()
                .map(|(store, kept)| {
                    let store = *store;
                    let key = kept.key.clone();
                    let raw = kept.raw.clone();
                    view! {
                        <div class="storage-warning kept-aside" role="alert" data-testid="kept-aside">
                            <p>{kept.message_sv()}</p>
                            <div class="item-actions">
                                <button
                                    type="button"
                                    class="small secondary"
                                    data-testid="kept-aside-download"
                                    on:click=move |_| {
                                        if download_text("insyn-undanlagt.json", &raw).is_err() {
                                            storage.status.set(Some(Status::Failed(
                                                "Uppgifterna kunde inte laddas ner i den här webbläsaren.".into(),
                                            )));
                                        }
                                    }
                                >
                                    "Ladda ner"
                                </button>
                                <button
                                    type="button"
                                    class="small remove"
                                    data-testid="kept-aside-delete"
                                    on:click={
                                        let key = key.clone();
                                        move |_| {
                                            if let Err(error) = store.remove(&key) {
                                                storage.status.set(Some(Status::Failed(error.message_sv().into())));
                                            }
                                            storage.refresh_kept();
                                        }
                                    }
                                >
                                    "Ta bort"
                                </button>
                            </div>
                        </div>
                    }
                })
                .collect_view()
        })
    };

    let summary_state = move || {
        if unsaved.get() {
            Some(view! { <span class="unsaved-badge" data-testid="unsaved-badge">"Ändringar som inte är sparade"</span> }.into_any())
        } else {
            linked_label().map(|label| {
                view! { <span class="saved-badge">"Sparat som ”"{label}"”"</span> }.into_any()
            })
        }
    };

    view! {
        <section class="browser-storage no-print" aria-label="Sparat i webbläsaren" data-testid="browser-storage">
            {move || storage.session_problem.get().map(|problem| view! {
                <p class="storage-warning" role="alert" data-testid="storage-problem">
                    <span aria-hidden="true">"⚠ "</span>{problem.message_sv()}
                </p>
            })}
            {kept_list}
            <p
                class="file-status"
                class:failed=move || matches!(storage.status.get(), Some(Status::Failed(_)))
                role="status"
                data-testid="storage-status"
            >
                {move || match storage.status.get() {
                    Some(Status::Done(message)) => Some(view! { <span aria-hidden="true">"✔ "</span> {message} }.into_any()),
                    Some(Status::Failed(message)) => Some(view! { <span aria-hidden="true">"⚠ "</span> {message} }.into_any()),
                    None => None,
                }}
            </p>
            {move || storage.conflict.get().then(|| view! {
                <button type="button" class="secondary" data-testid="save-as-new" on:click=move |_| save(true)>
                    "Spara som ett nytt fall"
                </button>
            })}
            <details class="saved-cases" data-testid="saved-cases">
                <summary>
                    "Spara i den här webbläsaren"
                    {summary_state}
                </summary>
                <div class="storage-choice">
                    <input
                        type="checkbox"
                        id="keep-names"
                        data-testid="keep-names"
                        aria-describedby="keep-names-hint"
                        prop:checked=move || storage.keep_names.get()
                        on:change=on_keep_names
                    />
                    <label for="keep-names">"Behåll namn och personnummer om sidan laddas om"</label>
                    <p id="keep-names-hint" class="field-note">
                        "Fallet finns kvar i den här fliken om sidan laddas om, tills fliken stängs. "
                        "Utan kryss sparas det där utan namn och personnummer."
                    </p>
                </div>
                <div class="field">
                    <label for="saved-label">"Namn på det sparade fallet"</label>
                    <input
                        id="saved-label"
                        type="text"
                        autocomplete="off"
                        data-testid="saved-label"
                        aria-describedby="saved-label-hint"
                        prop:value=label
                        on:input=move |ev| label_draft.set(Some(event_target_value(&ev)))
                    />
                    <p id="saved-label-hint" class="field-note">
                        "Skriv inte barnets eller någon närståendes namn eller personnummer här."
                    </p>
                </div>
                <div class="storage-choice">
                    <input
                        type="checkbox"
                        id="save-names"
                        data-testid="save-names"
                        aria-describedby="save-names-hint"
                        prop:checked=move || save_names.get()
                        on:change=move |ev| save_names.set(event_target_checked(&ev))
                    />
                    <label for="save-names">"Spara även namn och personnummer – de raderas vid dagens slut"</label>
                    <p id="save-names-hint" class="field-note">
                        "Utan kryss sparas fallet utan namn och personnummer. Med kryss finns de kvar på den här "
                        "datorn till midnatt och tas bort första gången Insyn öppnas efter det. Fritext, som "
                        "rubrik och motivering, sparas som du skrev den. Välj inte detta på en dator som andra använder."
                    </p>
                </div>
                <div class="file-actions">
                    <button type="button" data-testid="save-case" on:click=move |_| save(false)>
                        {move || if linked_label().is_some() { "Spara ändringarna" } else { "Spara i den här webbläsaren" }}
                    </button>
                    {move || linked_label().is_some().then(|| view! {
                        <button type="button" class="secondary" data-testid="save-case-new" on:click=move |_| save(true)>
                            "Spara som nytt"
                        </button>
                    })}
                </div>
                <p class="saved-heading" id="saved-heading">"Sparade fall"</p>
                {saved_list}
            </details>
            <ConfirmDialog
                open=Signal::derive(move || removing.with(Option::is_some))
                testid="remove-saved-dialog"
                title="Ta bort det sparade fallet?".to_string()
                body=Signal::derive(move || {
                    let label = removing.with(|r| r.as_ref().map(|(_, label)| label.clone()).unwrap_or_default());
                    format!("”{label}” tas bort ur den här webbläsaren. Det öppna fallet på sidan ändras inte.")
                })
                confirm_label="Ta bort".to_string()
                on_confirm=move |()| {
                    if let Some((id, _)) = removing.get_untracked() {
                        removing.set(None);
                        remove_saved(id);
                    }
                }
                on_cancel=move |()| removing.set(None)
            />
        </section>
    }
    .into_any()
}
