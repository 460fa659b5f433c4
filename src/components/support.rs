//! "Supporten": staff answer a guardian's call. They start from what the caller says (the
//! region, the child's age or birth date, the day of the call and what the guardian sees),
//! and Insyn lists every cause consistent with it under the region's rules, computed by
//! the engine (`insyn_engine::support`): for each, whether the guardian may be told, the
//! answer to give and the line it rests on, with how sure that line is. An answer can be
//! copied, or printed on its own. The case in the side panel is not used here.

use std::time::Duration;

use insyn_engine::rule_set::{Certainty, Citation, RuleSet};
use insyn_engine::support::{
    date_sv, possible_causes, AnswerSource, Call, Cause, ChildAge, Disclosure, Observation,
    PossibleCause, SupportAnswer,
};
use leptos::prelude::*;

use crate::components::citation::{certainty_mark, source_details, source_name};
use crate::components::clipboard::{copy_text, CopyResult};
use crate::components::date_input::DateEntry;
use crate::components::markup::Markup;
use crate::state::{use_app_state, AgeGiven, PrintedAnswer, SupportCall};

#[component]
pub fn SupportDesk() -> impl IntoView {
    view! {
        <section class="support-desk" aria-labelledby="support-heading">
            <h2 id="support-heading">"Supporten: vad ser vårdnadshavaren – och vad svarar jag?"</h2>
            <p class="support-intro">
                "Fyll i det vårdnadshavaren berättar. Insyn visar varje orsak som stämmer med regionens regler, "
                "om du får berätta den och vad du kan svara."
            </p>
            <CallDetails/>
            <PossibleCauses/>
        </section>
    }
}

/// The call as staff fill it in: region, the child, the day and what the caller sees.
#[component]
fn CallDetails() -> impl IntoView {
    let state = use_app_state();
    let call = state.support_call;
    let regions = state
        .catalog
        .regions()
        .into_iter()
        .map(|(code, name)| {
            let selected = move || call.with(|c| c.region == code);
            view! { <option value=code selected=selected>{name}</option> }
        })
        .collect_view();
    view! {
        <div class="support-call" role="group" aria-label="Samtalet">
            <div class="support-field">
                <label for="support-region">"Region"</label>
                <select
                    id="support-region"
                    data-testid="support-region"
                    on:change=move |ev| {
                        let region = event_target_value(&ev);
                        call.update(|c| c.region = region);
                    }
                >
                    {regions}
                </select>
            </div>
            <ChildAgeField/>
            <CallDateField/>
            <ObservationChoice/>
        </div>
    }
}

/// The child's age in whole years, or the birth date, as the caller gives it.
#[component]
fn ChildAgeField() -> impl IntoView {
    let call = use_app_state().support_call;
    let given =
        move |age_given: AgeGiven| Signal::derive(move || call.with(|c| c.age_given == age_given));
    let choose = move |age_given: AgeGiven| {
        Callback::new(move |()| call.update(|c| c.age_given = age_given))
    };
    let read_age = Callback::new(move |input: web_sys::HtmlInputElement| {
        let text = input.value();
        let age = text.trim().parse::<u8>().ok();
        call.update(|c| c.age = age);
        (!text.trim().is_empty() && age.is_none())
            .then(|| "Ange åldern i hela år, till exempel 13.".to_string())
    });
    let read_birth = Callback::new(move |input: web_sys::HtmlInputElement| {
        let entry = DateEntry::read(&input);
        let date = match entry {
            DateEntry::Date(date) => Some(date),
            _ => None,
        };
        if call.with_untracked(|c| c.birth_date) != date {
            call.update(|c| c.birth_date = date);
        }
        entry.problem_sv(true)
    });
    // Only a change of how the age is given redraws the field: typing must keep its focus.
    let age_given = Memo::new(move |_| call.with(|c| c.age_given));
    let field = move || match age_given.get() {
        AgeGiven::Age => view! {
            <CallField
                id="support-age"
                label="Ålder i hela år"
                numeric=true
                value=call.with_untracked(|c| c.age.map(|a| a.to_string()).unwrap_or_default())
                read=read_age
            />
        },
        AgeGiven::BirthDate => view! {
            <CallField
                id="support-birth-date"
                label="Födelsedatum"
                numeric=false
                value=call.with_untracked(|c| c.birth_date.map(|d| d.to_string()).unwrap_or_default())
                read=read_birth
            />
        },
    };
    view! {
        <fieldset class="support-field support-child">
            <legend>"Barnet"</legend>
            <div class="support-toggle">
                <span class="support-toggle-option">
                    <Radio name="support-age-given" id="support-given-age".into() label="Ålder"
                        checked=given(AgeGiven::Age) choose=choose(AgeGiven::Age)/>
                </span>
                <span class="support-toggle-option">
                    <Radio name="support-age-given" id="support-given-birth-date".into() label="Födelsedatum"
                        checked=given(AgeGiven::BirthDate) choose=choose(AgeGiven::BirthDate)/>
                </span>
            </div>
            {field}
        </fieldset>
    }
}

/// The day of the call: today unless staff change it.
#[component]
fn CallDateField() -> impl IntoView {
    let call = use_app_state().support_call;
    let read = Callback::new(move |input: web_sys::HtmlInputElement| {
        let entry = DateEntry::read(&input);
        if let DateEntry::Date(date) = entry {
            if call.with_untracked(|c| c.date) != date {
                call.update(|c| c.date = date);
            }
        }
        entry.problem_sv(true)
    });
    view! {
        <div class="support-field">
            <CallField
                id="support-call-date"
                label="Samtalet den"
                numeric=false
                value=call.with_untracked(|c| c.date.to_string())
                read=read
            />
        </div>
    }
}

/// One labelled field of the call: a date, or (`numeric`) a number typed as text. `read`
/// takes what the field holds and returns the problem to show beside it, if any; it is
/// called on every event that may follow a change (see `date_input`).
#[component]
fn CallField(
    id: &'static str,
    label: &'static str,
    numeric: bool,
    value: String,
    read: Callback<web_sys::HtmlInputElement, Option<String>>,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let problem_id = format!("{id}-problem");
    // A focused input taken out of the page (the other way of giving the age chosen)
    // still hears `blur`; by then what it would write to may be gone.
    let take = move |input: web_sys::HtmlInputElement| {
        if input.is_connected() {
            problem.set(read.run(input));
        }
    };
    view! {
        <label for=id>{label}</label>
        <input
            id=id
            data-testid=id
            type=if numeric { "text" } else { "date" }
            inputmode=numeric.then_some("numeric")
            autocomplete="off"
            aria-describedby=problem_id.clone()
            prop:value=value
            on:input=move |ev| take(event_target(&ev))
            on:change=move |ev| take(event_target(&ev))
            on:keyup=move |ev| take(event_target(&ev))
            on:blur=move |ev| take(event_target(&ev))
        />
        <p id=problem_id class="field-problem" role="status">{move || problem.get()}</p>
    }
}

/// A radio button with its label.
#[component]
fn Radio(
    name: &'static str,
    id: String,
    label: &'static str,
    checked: Signal<bool>,
    choose: Callback<()>,
) -> impl IntoView {
    view! {
        <input
            type="radio"
            name=name
            id=id.clone()
            data-testid=id.clone()
            prop:checked=checked
            on:change=move |_| choose.run(())
        />
        <label for=id>{label}</label>
    }
}

/// What the caller describes, one choice.
#[component]
fn ObservationChoice() -> impl IntoView {
    let call = use_app_state().support_call;
    let options = Observation::ALL
        .into_iter()
        .map(|observation| {
            let checked = Signal::derive(move || call.with(|c| c.observation == Some(observation)));
            let choose = Callback::new(move |()| call.update(|c| c.observation = Some(observation)));
            view! {
                <div class="support-option">
                    <Radio name="support-observation" id=format!("support-observation-{}", observation.key())
                        label=observation.label_sv() checked=checked choose=choose/>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="support-field support-observation">
            <legend>"Vad beskriver vårdnadshavaren?"</legend>
            {options}
        </fieldset>
    }
}

/// What Insyn can say about the call so far.
#[cfg_attr(test, derive(PartialEq))]
enum Reply {
    /// Something is missing; the text says what.
    Incomplete(&'static str),
    /// The engine refused the call (no rules on the day, an adult …).
    Refused(String),
    Answered(SupportAnswer<'static>),
}

fn reply(catalog: &'static insyn_engine::Catalog, call: &SupportCall) -> Reply {
    let child = match (call.age_given, call.age, call.birth_date) {
        (AgeGiven::Age, Some(age), _) => ChildAge::Age(age),
        (AgeGiven::BirthDate, _, Some(date)) => ChildAge::BirthDate(date),
        (AgeGiven::Age, None, _) => return Reply::Incomplete("Ange barnets ålder."),
        (AgeGiven::BirthDate, _, None) => return Reply::Incomplete("Ange barnets födelsedatum."),
    };
    let Some(observation) = call.observation else {
        return Reply::Incomplete("Välj vad vårdnadshavaren beskriver.");
    };
    let question = Call {
        region: &call.region,
        child,
        date: call.date,
        observation,
    };
    match possible_causes(catalog, &question) {
        Ok(answer) => Reply::Answered(answer),
        Err(error) => Reply::Refused(error.message_sv()),
    }
}

/// Every cause consistent with the call, or what is missing.
#[component]
fn PossibleCauses() -> impl IntoView {
    let state = use_app_state();
    // Read by this view alone, so a plain closure: a memo would compare whole answers.
    let replied = move || state.support_call.with(|call| reply(state.catalog, call));
    move || match replied() {
        Reply::Incomplete(missing) => view! {
            <p class="support-waiting" data-testid="support-waiting">{missing}</p>
        }
        .into_any(),
        Reply::Refused(message) => view! {
            <p class="support-refused" role="status" data-testid="support-refused">{message}</p>
        }
        .into_any(),
        Reply::Answered(answer) => {
            let call = state.support_call.get_untracked();
            match state.catalog.get(answer.rule_set_id) {
                Some(rule_set) => {
                    view! { <CauseList answer=answer call=call rule_set=rule_set/> }.into_any()
                }
                None => ().into_any(),
            }
        }
    }
}

#[component]
fn CauseList(
    answer: SupportAnswer<'static>,
    call: SupportCall,
    rule_set: &'static RuleSet,
) -> impl IntoView {
    let age = answer.child_age;
    let basis = format!(
        "Enligt {} (version {}), samtalet den {}.",
        rule_set.title,
        rule_set.version,
        date_sv(call.date)
    );
    let child = if answer.birth_date_assumed {
        format!("Barnet är {age} år. Utan födelsedatum räknar Insyn med att barnet fyllde {age} år på samtalsdagen.")
    } else {
        format!("Barnet är {age} år (fött {}).", date_sv(answer.birth_date))
    };
    let compared = answer
        .birthday
        .filter(|_| !answer.birth_date_assumed)
        .map(|day| {
            format!(
                "Det som ändrades när barnet fyllde {age} år den {}:",
                date_sv(day)
            )
        });
    let empty = answer.causes.is_empty().then(|| {
        let text = if call.observation == Some(Observation::JustHadBirthday) {
            let ages = rule_set.ages();
            format!(
                "Ingenting ändras för vårdnadshavaren i 1177 när barnet fyller {age} år. Enligt regionens regler ändras något när barnet fyller {}, {} och {} år.",
                ages.guardian_access_until, ages.child_journal_from, ages.adult
            )
        } else {
            "Ingen orsak i regionens regler stämmer med det vårdnadshavaren beskriver. Kontrollera uppgifterna ovan, eller om det kan vara ett tekniskt fel."
                .to_string()
        };
        view! { <p class="support-none" data-testid="support-none">{text}</p> }
    });
    let footer = format!("{} · samtalet den {}", rule_set.title, date_sv(call.date));
    let count = answer.causes.len();
    // With several causes, the names and whether each may be told at a glance first.
    let overview = (count > 1).then(|| {
        let items = answer
            .causes
            .iter()
            .map(|cause| {
                view! {
                    <li>
                        {cause.name_sv.clone()} " – "
                        <span class="overview-told">{cause.disclosure.label_sv()}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="support-overview" data-testid="support-overview">{items}</ul> }
    });
    let heading = match count {
        1 => "En möjlig orsak".to_string(),
        n => format!("{n} möjliga orsaker"),
    };
    let cards = answer
        .causes
        .into_iter()
        .map(|cause| {
            let footer = footer.clone();
            view! {
                <li><CauseCard cause=cause rule_set=rule_set level=4 footer=footer/></li>
            }
        })
        .collect_view();
    view! {
        <section class="support-result" aria-labelledby="support-result-heading" data-testid="support-result">
            <h3 id="support-result-heading">{heading}</h3>
            <p class="support-basis" data-testid="support-basis">{basis}</p>
            <p class="support-child-line" data-testid="support-child-line">{child}</p>
            {compared.map(|line| view! { <p class="support-compared">{line}</p> })}
            {empty}
            {overview}
            <ol class="support-causes" data-testid="support-causes">{cards}</ol>
        </section>
    }
}

/// A short key for a cause, for tests and styles (never shown).
pub fn cause_key(cause: &Cause) -> String {
    match cause {
        Cause::Rule { rule } => format!("rule-{}", rule.name()),
        Cause::CustodyEnded => "custody-ended".into(),
        Cause::CustodyNotYetRegistered => "custody-not-yet-registered".into(),
        Cause::ChildProtectedIdentity => "child-protected-identity".into(),
        Cause::GuardianProtectedIdentity => "guardian-protected-identity".into(),
        Cause::Measure { measure_type } => format!("measure-{}", measure_type.tag()),
        Cause::PartialSealing { scope } => match scope {
            insyn_engine::rule_set::SealingScopeKind::Unit => "sealing-unit".into(),
            _ => "sealing-period".into(),
        },
        Cause::NoteDuringInvestigation => "note-during-investigation".into(),
    }
}

/// One cause: what the caller sees, whether it may be told, what to keep in mind, the
/// answer to give, and why, with the line it rests on. `level` is its heading's level (4 in
/// "Supporten", 5 inside a guardian's card). All but the answer is static text, written as
/// markup (see `markup`): as view nodes it cost the wasm several KB.
#[component]
pub fn CauseCard(
    cause: PossibleCause<'static>,
    rule_set: &'static RuleSet,
    level: u8,
    /// The rule set and the day, printed under the answer.
    footer: String,
) -> impl IntoView {
    let key = cause_key(&cause.cause);
    let head = card_head(&cause, rule_set, level);
    let tail = card_tail(&cause, rule_set);
    let answer = cause
        .answer
        .map(|answer| view! { <AnswerBox text=answer.text source=answer.source footer=footer/> });
    view! {
        <article class="cause-card" data-testid="cause" data-cause=key>
            <div inner_html=head></div>
            {answer}
            <div inner_html=tail></div>
        </article>
    }
}

/// The name, what the caller sees on the screen, whether it may be told (and the line that
/// says so), and what staff should keep in mind.
fn card_head(cause: &PossibleCause, rule_set: &RuleSet, level: u8) -> String {
    let mut m = Markup::default();
    let heading = if level == 4 { "h4" } else { "h5" };
    m.element(heading, &[("class", "cause-name")], &cause.name_sv);
    if let Some(text) = &cause.screen_text {
        m.open(
            "p",
            &[("class", "cause-screen"), ("data-testid", "cause-screen")],
        );
        m.text("Vårdnadshavaren ser texten ");
        m.element("q", &[("lang", "sv")], text);
        m.close("p");
    }
    let (class, icon, told) = disclosure_words(cause.disclosure);
    m.open(
        "p",
        &[("class", class), ("data-testid", "cause-disclosure")],
    );
    m.element(
        "span",
        &[("class", "cause-icon"), ("aria-hidden", "true")],
        icon,
    );
    m.text(" ");
    m.element("strong", &[], cause.disclosure.label_sv());
    m.text(". ");
    m.text(told);
    m.close("p");
    if let Some(citation) = cause.disclosure_citation {
        cited_line(&mut m, rule_set, citation, true);
    }
    if !cause.guidance_sv.is_empty() {
        m.open(
            "ul",
            &[
                ("class", "cause-guidance"),
                ("data-testid", "cause-guidance"),
            ],
        );
        for line in &cause.guidance_sv {
            m.element("li", &[], line);
        }
        m.close("ul");
    }
    m.finish()
}

/// Whether the guardian may be told, as the class that marks it, its icon and what staff
/// should do: said so in "Supporten" and in "Vad ser vårdnadshavaren?" alike.
pub fn disclosure_words(disclosure: Disclosure) -> (&'static str, &'static str, &'static str) {
    match disclosure {
        Disclosure::May => ("cause-disclosure may", "✔", "Du kan berätta det för vårdnadshavaren."),
        Disclosure::NotAlways => (
            "cause-disclosure not-always",
            "⚠",
            "Vårdnadshavare informeras inte alltid om åtgärden. Berätta inte mer än svaret nedan säger.",
        ),
        Disclosure::MayNot => ("cause-disclosure may-not", "✖", "Berätta inte om det för vårdnadshavaren."),
    }
}

/// Why, with the decisive rule's line, and the other rules the cause rests on folded.
fn card_tail(cause: &PossibleCause, rule_set: &RuleSet) -> String {
    let mut m = Markup::default();
    m.open("p", &[("class", "cause-why"), ("data-testid", "cause-why")]);
    m.element("strong", &[], "Varför: ");
    m.text(&cause.explanation_sv);
    m.close("p");
    let mut sources = cause.sources.iter();
    if let Some(decisive) = sources.next() {
        cited_line(&mut m, rule_set, decisive.citation, false);
    }
    let more = sources.len();
    if more > 0 {
        m.open("details", &[("class", "cause-more-sources")]);
        m.element("summary", &[], &format!("Fler källor ({more})"));
        for cited in sources {
            cited_line(&mut m, rule_set, cited.citation, false);
        }
        m.close("details");
    }
    m.finish()
}

/// The answer, with buttons to copy it and to print it on its own.
#[component]
fn AnswerBox(text: String, source: AnswerSource, footer: String) -> impl IntoView {
    let state = use_app_state();
    let shown = NodeRef::<leptos::html::Div>::new();
    let status = RwSignal::new(String::new());
    let label = match &source {
        AnswerSource::StandardAnswer { changes } if !changes.is_empty() => format!(
            "Standardsvar att lämna, med orden anpassade till åtgärden ({})",
            changes.join(", ")
        ),
        AnswerSource::StandardAnswer { .. } => "Standardsvar att lämna".to_string(),
        AnswerSource::Rule => "Svar att lämna".to_string(),
    };
    let copied = text.clone();
    let copy = move |_| {
        let element = shown.get_untracked().map(web_sys::Element::from);
        copy_text(&copied, element, move |result: CopyResult| {
            status.set(result.message_sv().to_string())
        });
    };
    // The title names no cause: the paper may reach the guardian.
    let printed = PrintedAnswer {
        title: "Svar till vårdnadshavaren".to_string(),
        text: text.clone(),
        footer,
    };
    let print = move |_| {
        state.printed_answer.set(Some(printed.clone()));
        // After the page has drawn the answer to print.
        set_timeout(
            move || {
                if window().print().is_err() {
                    status.set(
                        "Utskrift går inte att starta här. Använd webbläsarens meny: Skriv ut."
                            .into(),
                    );
                }
            },
            Duration::ZERO,
        );
    };
    view! {
        <div class="answer-box">
            <p class="answer-label">{label}</p>
            <div class="answer-text" data-testid="cause-answer" lang="sv" node_ref=shown>{text}</div>
            <div class="answer-actions">
                <button type="button" data-testid="copy-answer" on:click=copy>"Kopiera svaret"</button>
                <button type="button" class="secondary" data-testid="print-answer" on:click=print>"Skriv ut svaret"</button>
                <span class="answer-status" role="status" aria-live="polite" data-testid="answer-status">{move || status.get()}</span>
            </div>
        </div>
    }
}

/// A rule's quoted line, its source as staff know it, and how sure it is, in words (`brief`:
/// the line and its source only). The note (why a line is read so, or a caveat) folds: it
/// can be long.
fn cited_line(m: &mut Markup, rule_set: &RuleSet, citation: &Citation, brief: bool) {
    m.open("div", &[("class", "cited-line")]);
    if !citation.quote.trim().is_empty() {
        m.element("blockquote", &[("lang", "sv")], &citation.quote);
    }
    m.element(
        "p",
        &[("class", "cited-source")],
        &format!("Källa: {}", source_name(rule_set, &citation.source)),
    );
    source_details(m, rule_set, &citation.source);
    if !brief {
        let (class, certainty) = certainty_mark(citation.certainty);
        let mut how_sure = certainty.to_string();
        if citation.inherited_from.is_some() {
            how_sure.push_str(" · gäller alla regioner (nationell baslinje)");
        }
        m.element(
            "p",
            &[("class", &format!("cited-certainty {class}"))],
            &how_sure,
        );
        if let Some(note) = &citation.note {
            m.open("details", &[("class", "cited-note")]);
            let label = match citation.certainty {
                Certainty::Stated => "Mer om källan",
                _ => "Varför tolkat?",
            };
            m.element("summary", &[], label);
            m.element("p", &[], note);
            m.close("details");
        }
    }
    m.close("div");
}

/// The answer staff chose to print, on its own page: the rest of the page is not printed
/// while it is there (style/support.css). Gone again once the browser has printed.
#[component]
pub fn PrintedAnswerSheet() -> impl IntoView {
    let state = use_app_state();
    let handle =
        window_event_listener_untyped("afterprint", move |_| state.printed_answer.set(None));
    on_cleanup(move || handle.remove());
    move || {
        state.printed_answer.get().map(|printed| {
            view! {
                <article class="answer-print-sheet" data-testid="answer-print-sheet">
                    <h2>{printed.title}</h2>
                    <div class="answer-print-text" lang="sv">{printed.text}</div>
                    <p class="answer-print-footer">{printed.footer}</p>
                </article>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn call(observation: Option<Observation>) -> SupportCall {
        let mut call = SupportCall::new("rjl", NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        call.age = Some(13);
        call.observation = observation;
        call
    }

    #[test]
    fn a_call_without_what_the_caller_sees_asks_for_it_before_answering() {
        let reply = reply(insyn_engine::Catalog::embedded(), &call(None));
        assert!(reply == Reply::Incomplete("Välj vad vårdnadshavaren beskriver."));
    }

    #[test]
    fn a_call_with_only_an_age_is_answered_from_that_age() {
        let Reply::Answered(answer) = reply(
            insyn_engine::Catalog::embedded(),
            &call(Some(Observation::JustHadBirthday)),
        ) else {
            panic!("answered")
        };
        assert!(answer.birth_date_assumed);
        assert_eq!(answer.child_age, 13);
        assert_eq!(answer.rule_set_id, "rjl");
    }

    #[test]
    fn a_birth_date_chosen_but_not_given_is_asked_for() {
        let mut call = call(Some(Observation::NoJournal));
        call.age_given = AgeGiven::BirthDate;
        assert!(
            reply(insyn_engine::Catalog::embedded(), &call)
                == Reply::Incomplete("Ange barnets födelsedatum.")
        );
    }

    #[test]
    fn every_cause_has_its_own_key() {
        use insyn_engine::case::MeasureType;
        use insyn_engine::rule_set::{ParameterId, SealingScopeKind};
        let causes = [
            Cause::Rule {
                rule: ParameterId::GuardianAccessUntilAge,
            },
            Cause::CustodyEnded,
            Cause::CustodyNotYetRegistered,
            Cause::ChildProtectedIdentity,
            Cause::GuardianProtectedIdentity,
            Cause::Measure {
                measure_type: MeasureType::Blocking,
            },
            Cause::PartialSealing {
                scope: SealingScopeKind::Unit,
            },
            Cause::PartialSealing {
                scope: SealingScopeKind::EntryPeriod,
            },
            Cause::NoteDuringInvestigation,
        ];
        let keys: Vec<String> = causes.iter().map(cause_key).collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(!keys[..i].contains(key), "{key} twice");
        }
    }
}
