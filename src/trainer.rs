//! The trainers' mode (utbildningsläge), its pure part: which steps a case has, where the
//! trainer is (the story, a step's question, a step's answer), what each stage shows, what
//! changed at a step and which guidance lines go with it, and what a key does. The
//! components in `components/trainer` only read this, render and send the trainer's moves.
//!
//! A step is a date of the case: every change point of the engine's timeline, and besides
//! them every date a measure of the case starts (an unlock request that changes nothing is
//! itself the lesson) and every date a teaching note names ("does anything happen at 13?").
//! At each step the room is first asked, then shown the answer.

use chrono::NaiveDate;
use insyn_engine::case::{Case, MeasureType};
use insyn_engine::decision::{recommend, Answers, Recommendation};
use insyn_engine::evaluation::EndReason;
use insyn_engine::rule_set::{Citation, ParameterId, RuleSet};
use insyn_engine::timeline::{facts_for_range, Cause, ChangePoint, Timeline};
use insyn_engine::{Actor, Capability, Evaluation};

use crate::personal_data::without_personal_data;
use crate::state::View;
use crate::training_cases::{TeachingNote, TrainingCase, TRAINING_CASES};

/// Where the trainer is in a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The case's story and people, before the first step.
    Intro,
    /// A step's question, its answer hidden.
    Ask(usize),
    /// A step's answer, shown.
    Answer(usize),
}

/// What a stage shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The story and the people of the case.
    Story,
    /// The step's date and what happens on it, and the questions to the room.
    Question,
    /// The answer: the matrix, what changed and why, the guidance, what to discuss.
    Answer,
}

impl Stage {
    /// One move on: the story to the first question, a question to its answer, an answer
    /// to the next question. The last answer stays.
    pub fn forward(self, steps: usize) -> Stage {
        match self {
            Stage::Intro if steps > 0 => Stage::Ask(0),
            Stage::Ask(i) => Stage::Answer(i),
            Stage::Answer(i) if i + 1 < steps => Stage::Ask(i + 1),
            other => other,
        }
    }

    /// One move back: an answer to its question, a question to the answer before it (the
    /// first question to the story).
    pub fn back(self) -> Stage {
        match self {
            Stage::Intro | Stage::Ask(0) => Stage::Intro,
            Stage::Ask(i) => Stage::Answer(i - 1),
            Stage::Answer(i) => Stage::Ask(i),
        }
    }

    pub fn can_forward(self, steps: usize) -> bool {
        self.forward(steps) != self
    }

    pub fn can_back(self) -> bool {
        self != Stage::Intro
    }

    /// The stage within a case of `steps` steps: after the case changed, a step past its
    /// end becomes the last step's question.
    pub fn fit(self, steps: usize) -> Stage {
        match self.step() {
            Some(i) if i >= steps => match steps {
                0 => Stage::Intro,
                n => Stage::Ask(n - 1),
            },
            _ => self,
        }
    }

    /// The step the stage is at.
    pub fn step(self) -> Option<usize> {
        match self {
            Stage::Intro => None,
            Stage::Ask(i) | Stage::Answer(i) => Some(i),
        }
    }

    pub fn shows(self, part: Part) -> bool {
        matches!(
            (self, part),
            (Stage::Intro, Part::Story)
                | (Stage::Ask(_) | Stage::Answer(_), Part::Question)
                | (Stage::Answer(_), Part::Answer)
        )
    }

    /// The stage in words, for the progress line and screen readers: "Steg 2 av 6: svar".
    pub fn label_sv(self, steps: usize) -> String {
        match self {
            Stage::Intro => "Fallet".into(),
            Stage::Ask(i) => format!("Steg {} av {steps}: fråga", i + 1),
            Stage::Answer(i) => format!("Steg {} av {steps}: svar", i + 1),
        }
    }
}

/// The trainers' mode's own state: where the trainer is, and the view to go back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Training {
    pub stage: Stage,
    pub returns_to: View,
}

impl Default for Training {
    fn default() -> Self {
        Training {
            stage: Stage::Intro,
            returns_to: View::Situation,
        }
    }
}

/// What the room is asked at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    WhoSeesWhat,
    WhichMeasure,
}

impl Question {
    pub fn text_sv(self) -> &'static str {
        match self {
            Question::WhoSeesWhat => "Vem ser vad nu?",
            Question::WhichMeasure => "Vilken åtgärd skulle du välja?",
        }
    }
}

/// A date of the case the trainer stops at.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub date: NaiveDate,
    /// Why the date matters, told with the question: a birthday, a new rule set, a change
    /// of custody, a measure that is not itself the answer (an unlock request …).
    pub announced: Vec<Cause>,
    /// Why the date matters, kept for the answer: a protective measure decided (the answer
    /// to "Vilken åtgärd?") and what ends or stands because of the rules.
    pub revealed: Vec<Cause>,
    /// The timeline's change point on the date; `None` when nothing changes on it.
    pub change_point: Option<usize>,
    /// The built-in case's note for the date.
    pub note: Option<&'static TeachingNote>,
    pub questions: Vec<Question>,
}

/// A measure staff decide to protect the child: the answer to "Vilken åtgärd skulle du
/// välja?", so it is not told before the room has answered.
pub fn protective(measure_type: MeasureType) -> bool {
    matches!(
        measure_type,
        MeasureType::Blocking
            | MeasureType::BlockingExtension
            | MeasureType::Sealing
            | MeasureType::LoginLock
    )
}

/// Whether a cause is told with the question: what happens in the world (birthdays, rules,
/// custody, decisions that are not the answer) is; a protective measure decided, and what
/// ends or stands because the rules say so, are part of the answer.
pub fn announced(cause: &Cause) -> bool {
    match cause {
        Cause::MeasureStarts { measure_type, .. } => !protective(*measure_type),
        Cause::MeasureEnds {
            reason: EndReason::PeriodEnds,
            ..
        } => true,
        Cause::MeasureEnds { .. } | Cause::MeasureStands { .. } => false,
        _ => true,
    }
}

/// The steps of `case`: the timeline's change points, the dates the case's measures start,
/// and the dates of `notes` (a built-in case's), within the timeline, in date order.
pub fn steps(case: &Case, timeline: &Timeline, notes: &'static [TeachingNote]) -> Vec<Step> {
    let birth = facts_for_range(case, None, None).ok().map(|f| f.birth);
    let in_range = |date: NaiveDate| date >= timeline.from && date <= timeline.to;
    let mut dates: Vec<NaiveDate> = timeline.change_points.iter().map(|p| p.date).collect();
    let others = case
        .measures
        .iter()
        .map(|m| m.period.from)
        .chain(notes.iter().map(|n| n.on));
    for date in others.filter(|d| in_range(*d)) {
        if let Err(at) = dates.binary_search(&date) {
            dates.insert(at, date);
        }
    }
    dates
        .into_iter()
        .map(|date| {
            let change_point = timeline.change_points.iter().position(|p| p.date == date);
            let causes = match change_point {
                Some(i) => timeline.change_points[i].causes.clone(),
                None => quiet_causes(case, birth, date),
            };
            let note = notes.iter().find(|n| n.on == date);
            let (announced_causes, revealed): (Vec<Cause>, Vec<Cause>) =
                causes.into_iter().partition(announced);
            let decides = revealed.iter().any(|cause| {
                matches!(cause, Cause::MeasureStarts { measure_type, .. } if protective(*measure_type))
            });
            let demands = change_point.is_some_and(|i| !actions_started(timeline, i).is_empty());
            let mut questions = vec![Question::WhoSeesWhat];
            if decides || demands || note.is_some_and(|n| !n.concerns.is_empty()) {
                questions.push(Question::WhichMeasure);
            }
            Step {
                date,
                announced: announced_causes,
                revealed,
                change_point,
                note,
                questions,
            }
        })
        .collect()
}

/// Why a date on which nothing changes is still a step: the measures of the case that start
/// on it, and a birthday.
fn quiet_causes(case: &Case, birth: Option<NaiveDate>, date: NaiveDate) -> Vec<Cause> {
    let mut causes: Vec<Cause> = case
        .measures
        .iter()
        .filter(|m| m.period.from == date)
        .map(|m| Cause::MeasureStarts {
            measure: m.id.clone(),
            measure_type: m.kind.measure_type(),
        })
        .collect();
    if let Some(birth) = birth {
        if let Some(age) = (1..=18).find(|&age| insyn_engine::age::birthday(birth, age) == date) {
            causes.insert(0, Cause::Birthday { age: age as u8 });
        }
    }
    causes
}

/// The actions the rules demand of staff from change point `index` on, that they did not
/// demand before it.
fn actions_started(timeline: &Timeline, index: usize) -> Vec<ParameterId> {
    let actions = |i: usize| {
        timeline
            .segments
            .get(i)
            .map_or(&[][..], |s| s.required_actions.as_slice())
    };
    let before = index.checked_sub(1).map_or(&[][..], actions);
    actions(index)
        .iter()
        .copied()
        .filter(|a| !before.contains(a))
        .collect()
}

/// What changed at a step, from the engine's timeline.
#[derive(Debug, PartialEq)]
pub struct StepChanges<'t> {
    /// The timeline's first day: the starting position, with nothing before it.
    pub starting: bool,
    /// The change point; `None` when nothing changes on the date.
    pub point: Option<&'t ChangePoint>,
    /// Actions the rules start or stop demanding of staff.
    pub actions_started: Vec<ParameterId>,
    pub actions_ended: Vec<ParameterId>,
    /// Another rule set answers from this date.
    pub rule_set_changed: bool,
}

impl StepChanges<'_> {
    /// Whether any outcome, filter, action or notice changes.
    pub fn any(&self) -> bool {
        self.point.is_some_and(|p| {
            !p.changes.is_empty() || !p.filter_changes.is_empty() || !p.notices.is_empty()
        }) || !self.actions_started.is_empty()
            || !self.actions_ended.is_empty()
    }

    /// Whether the outcome of `actor` × `capability` changed at the step.
    pub fn changed(&self, actor: &Actor, capability: &Capability) -> bool {
        !self.starting
            && self.point.is_some_and(|p| {
                p.changes
                    .iter()
                    .any(|c| &c.actor == actor && &c.capability == capability)
            })
    }
}

pub fn changes<'t>(timeline: &'t Timeline, step: &Step) -> StepChanges<'t> {
    let Some(index) = step.change_point else {
        return StepChanges {
            starting: false,
            point: None,
            actions_started: Vec::new(),
            actions_ended: Vec::new(),
            rule_set_changed: false,
        };
    };
    let point = &timeline.change_points[index];
    let started = actions_started(timeline, index);
    let ended = match index.checked_sub(1) {
        Some(before) => {
            let now = &timeline.segments[index].required_actions;
            timeline.segments[before]
                .required_actions
                .iter()
                .copied()
                .filter(|a| !now.contains(a))
                .collect()
        }
        None => Vec::new(),
    };
    StepChanges {
        starting: index == 0,
        point: Some(point),
        actions_started: started,
        actions_ended: ended,
        rule_set_changed: index
            .checked_sub(1)
            .is_some_and(|b| timeline.change_points[b].rule_set_id != point.rule_set_id),
    }
}

/// Why a line of guidance is quoted at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuidanceKind {
    /// The teaching note quotes it.
    Note,
    /// The rules demand an action of staff from this step.
    Action,
    /// It decided an outcome that changed at the step.
    Change,
}

/// A line of guidance quoted at a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Guidance<'r> {
    pub kind: GuidanceKind,
    pub rule: ParameterId,
    pub citation: &'r Citation,
    /// The part of the citation's line to show (a note quotes an excerpt); else all of it.
    pub excerpt: Option<&'static str>,
}

impl Guidance<'_> {
    pub fn text(&self) -> &str {
        self.excerpt.unwrap_or(&self.citation.quote)
    }
}

/// The guidance lines of a step, each once: the note's quotes (from `rule_set`, the rule
/// set answering on the date), then the line of each action the rules start demanding,
/// then the line of the rule that decided each changed outcome (from the evaluation on the
/// date, so a measure judged under an earlier version quotes that version's line). A line
/// that is inside one already quoted, or holds one, is left out, as is one that overlaps
/// `skip` (the lines the recommendation quotes), and an empty quote.
pub fn guidance<'r>(
    step: &Step,
    changes: &StepChanges,
    evaluation: &Evaluation<'r>,
    rule_set: &'r RuleSet,
    skip: &[&Citation],
) -> Vec<Guidance<'r>> {
    let mut lines: Vec<Guidance<'r>> = Vec::new();
    let mut add = |line: Guidance<'r>| {
        let text = line.text().trim();
        // The same words twice say nothing new to the room, whichever quotes more.
        let overlaps = |other: &str| other.contains(text) || text.contains(other.trim());
        let known =
            skip.iter().any(|c| overlaps(&c.quote)) || lines.iter().any(|l| overlaps(l.text()));
        if !text.is_empty() && !known {
            lines.push(line);
        }
    };
    for quote in step.note.map_or(&[][..], |n| n.quotes) {
        add(Guidance {
            kind: GuidanceKind::Note,
            rule: quote.rule,
            citation: rule_set.parameters.citation(quote.rule),
            excerpt: Some(quote.excerpt),
        });
    }
    for action in &evaluation.required_actions {
        if changes.actions_started.contains(&action.rule_id) {
            add(Guidance {
                kind: GuidanceKind::Action,
                rule: action.rule_id,
                citation: action.citation,
                excerpt: None,
            });
        }
    }
    if !changes.starting {
        for change in changes.point.map_or(&[][..], |p| p.changes.as_slice()) {
            let reason = evaluation
                .cell(&change.actor, &change.capability)
                .and_then(|cell| cell.reasons.first());
            if let Some((reason, citation)) = reason.and_then(|r| Some((r, r.citation?))) {
                add(Guidance {
                    kind: GuidanceKind::Change,
                    rule: reason.rule.parameter(),
                    citation,
                    excerpt: None,
                });
            }
        }
    }
    lines
}

/// The measure the rule set recommends for the situation the step's note names, if it
/// names one.
pub fn recommendation<'r>(step: &Step, rule_set: &'r RuleSet) -> Option<Recommendation<'r>> {
    let concerns = step.note?.concerns;
    (!concerns.is_empty()).then(|| {
        recommend(
            rule_set,
            &Answers {
                yes: concerns.to_vec(),
                risk_guardian: None,
            },
        )
    })
}

/// The built-in case whose lesson fits `case`: the same facts, whether or not the names and
/// personnummer are in it (a shared link has none). A built-in case that was edited has no
/// lesson any more: its notes may no longer hold.
pub fn lesson_for(case: &Case, today: NaiveDate) -> Option<&'static TrainingCase> {
    let bare = without_personal_data(case, today);
    TRAINING_CASES
        .iter()
        .find(|t| without_personal_data(&t.case(), today) == bare)
}

/// A date as the room reads it: "15 juni 2026".
pub fn date_sv(date: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// The child's age in words: "Alva Exempel är 13 år", else "Barnet är 13 år".
pub fn child_age_sv(case: &Case, age: u32) -> String {
    let name = case
        .child
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("Barnet");
    format!("{name} är {age} år")
}

/// What a key does in the trainers' mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Forward,
    Back,
    Leave,
}

/// Where the keyboard is when a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// A form field (input, select, textarea, anything editable): its keys are its own.
    FormField,
    /// A button, link or summary: space (and Enter) are its own, arrows are the mode's.
    Control,
    /// Anything else: the page, a heading, the text.
    Other,
}

impl Focus {
    /// From the focused element's tag name (any case) and whether it is editable.
    pub fn of(tag: &str, editable: bool) -> Focus {
        let tag = tag.to_ascii_lowercase();
        if editable || matches!(tag.as_str(), "input" | "select" | "textarea") {
            Focus::FormField
        } else if matches!(tag.as_str(), "button" | "a" | "summary") {
            Focus::Control
        } else {
            Focus::Other
        }
    }
}

/// The command a key gives, if any: space, → and Page Down go on; ← and Page Up go back;
/// Escape leaves. Never while a form field has the keyboard (Escape excepted), never space
/// on a control (it presses the control), never with Ctrl, Alt or Meta held (the browser's
/// own shortcuts).
pub fn command(key: &str, focus: Focus, modifier: bool) -> Option<Command> {
    if modifier {
        return None;
    }
    match key {
        "Escape" => Some(Command::Leave),
        _ if focus == Focus::FormField => None,
        " " | "Spacebar" if focus == Focus::Control => None,
        " " | "Spacebar" | "ArrowRight" | "PageDown" => Some(Command::Forward),
        "ArrowLeft" | "PageUp" => Some(Command::Back),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training_cases::training_case;
    use insyn_engine::timeline::timeline;
    use insyn_engine::Catalog;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn steps_of(id: &str) -> (Case, Timeline, Vec<Step>) {
        let training = training_case(id).unwrap();
        let case = training.case();
        let timeline = timeline(Catalog::embedded(), &case, None, None, None).unwrap();
        let steps = steps(&case, &timeline, training.lesson.notes);
        (case, timeline, steps)
    }

    #[test]
    fn stepping_forward_asks_then_answers_each_step_in_turn_and_stops_at_the_last_answer() {
        let mut stage = Stage::Intro;
        let mut seen = vec![stage];
        while stage.can_forward(2) {
            stage = stage.forward(2);
            seen.push(stage);
        }
        assert_eq!(
            seen,
            [
                Stage::Intro,
                Stage::Ask(0),
                Stage::Answer(0),
                Stage::Ask(1),
                Stage::Answer(1)
            ]
        );
        assert_eq!(stage.forward(2), Stage::Answer(1));
        // A case without steps stays at its story.
        assert_eq!(Stage::Intro.forward(0), Stage::Intro);
        assert!(!Stage::Intro.can_forward(0));
    }

    #[test]
    fn stepping_back_retraces_every_forward_move_to_the_story() {
        let mut stage = Stage::Answer(2);
        let mut seen = vec![stage];
        while stage.can_back() {
            stage = stage.back();
            seen.push(stage);
        }
        assert_eq!(
            seen,
            [
                Stage::Answer(2),
                Stage::Ask(2),
                Stage::Answer(1),
                Stage::Ask(1),
                Stage::Answer(0),
                Stage::Ask(0),
                Stage::Intro
            ]
        );
        for stage in [Stage::Ask(1), Stage::Answer(1)] {
            assert_eq!(stage.back().forward(3), stage);
        }
    }

    #[test]
    fn the_answer_is_shown_only_after_the_question_and_the_story_only_before_the_steps() {
        assert!(Stage::Intro.shows(Part::Story));
        assert!(!Stage::Intro.shows(Part::Question));
        assert!(!Stage::Intro.shows(Part::Answer));
        assert!(Stage::Ask(0).shows(Part::Question));
        assert!(!Stage::Ask(0).shows(Part::Answer));
        assert!(Stage::Answer(0).shows(Part::Question));
        assert!(Stage::Answer(0).shows(Part::Answer));
        assert!(!Stage::Answer(0).shows(Part::Story));
        assert_eq!(Stage::Answer(1).label_sv(6), "Steg 2 av 6: svar");
    }

    #[test]
    fn a_step_past_the_end_of_a_shorter_case_becomes_its_last_question() {
        assert_eq!(Stage::Answer(7).fit(3), Stage::Ask(2));
        assert_eq!(Stage::Ask(1).fit(3), Stage::Ask(1));
        assert_eq!(Stage::Answer(0).fit(0), Stage::Intro);
        assert_eq!(Stage::Intro.fit(0), Stage::Intro);
    }

    #[test]
    fn the_steps_are_the_change_points_the_measures_and_the_notes_dates_in_date_order() {
        let (_, timeline, steps) = steps_of("harm-at-home-sealing");
        let dates: Vec<NaiveDate> = steps.iter().map(|s| s.date).collect();
        for point in &timeline.change_points {
            assert!(dates.contains(&point.date), "{}", point.date);
        }
        // The unlock request changes nothing, and the 13th birthday neither (the sealing
        // holds): both are steps all the same, without a change point.
        for quiet in [date(2026, 10, 1), date(2029, 4, 12)] {
            let step = steps.iter().find(|s| s.date == quiet).unwrap();
            assert_eq!(step.change_point, None);
            assert!(step.note.is_some());
        }
        let birthday = steps.iter().find(|s| s.date == date(2029, 4, 12)).unwrap();
        assert_eq!(birthday.announced, [Cause::Birthday { age: 13 }]);
        let unlock = steps.iter().find(|s| s.date == date(2026, 10, 1)).unwrap();
        assert!(matches!(
            unlock.announced.as_slice(),
            [Cause::MeasureStarts {
                measure_type: MeasureType::UnlockRequest,
                ..
            }]
        ));
        assert!(dates.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_case_without_a_lesson_steps_through_its_change_points_and_measures_only() {
        let (case, timeline, _) = steps_of("harm-at-home-sealing");
        let plain = steps(&case, &timeline, &[]);
        assert_eq!(plain.len(), timeline.change_points.len() + 1);
        assert!(plain.iter().all(|s| s.note.is_none()));
    }

    #[test]
    fn a_protective_measure_is_kept_for_the_answer_and_the_room_is_asked_which_measure() {
        let (_, _, steps) = steps_of("one-guardian-risk-blocking");
        let blocking = steps.iter().find(|s| s.date == date(2026, 6, 15)).unwrap();
        assert!(blocking.announced.is_empty());
        assert!(matches!(
            blocking.revealed.as_slice(),
            [Cause::MeasureStarts {
                measure_type: MeasureType::Blocking,
                ..
            }]
        ));
        assert_eq!(
            blocking.questions,
            [Question::WhoSeesWhat, Question::WhichMeasure]
        );
        // At 13 the birthday is told, the automatic end of the blocking is the answer.
        let thirteen = steps.iter().find(|s| s.date == date(2030, 1, 1)).unwrap();
        assert_eq!(thirteen.announced, [Cause::Birthday { age: 13 }]);
        assert!(matches!(
            thirteen.revealed.as_slice(),
            [Cause::MeasureEnds {
                reason: EndReason::AgeLimit { age: 13 },
                ..
            }]
        ));
        assert_eq!(thirteen.questions, [Question::WhoSeesWhat]);
    }

    #[test]
    fn an_action_the_rules_start_demanding_asks_which_measure_even_without_a_note() {
        let (case, timeline, _) = steps_of("protected-identity");
        let plain = steps(&case, &timeline, &[]);
        let protected = plain.iter().find(|s| s.date == date(2026, 4, 20)).unwrap();
        assert_eq!(
            protected.questions,
            [Question::WhoSeesWhat, Question::WhichMeasure]
        );
        let changes = changes(&timeline, protected);
        assert_eq!(
            changes.actions_started,
            [ParameterId::ProtectedChildRequiresSealing]
        );
        // Two years later the demand stands: not asked again.
        let thirteen = plain.iter().find(|s| s.date == date(2032, 11, 30)).unwrap();
        assert_eq!(thirteen.questions, [Question::WhoSeesWhat]);
        assert!(changes_of(&timeline, thirteen).actions_started.is_empty());
    }

    fn changes_of<'t>(timeline: &'t Timeline, step: &Step) -> StepChanges<'t> {
        changes(timeline, step)
    }

    #[test]
    fn the_first_step_is_the_starting_position_and_marks_no_cell_as_changed() {
        let (_, timeline, steps) = steps_of("normal-family");
        let first = changes(&timeline, &steps[0]);
        assert!(first.starting);
        assert!(!first.changed(&Actor::Child, &Capability::Account));
        let thirteen = steps.iter().find(|s| s.date == date(2028, 5, 10)).unwrap();
        let at_13 = changes(&timeline, thirteen);
        let sara = Actor::Guardian { id: "vh1".into() };
        assert!(at_13.changed(&sara, &Capability::Proxy));
        assert!(!at_13.changed(&Actor::Child, &Capability::Account));
        assert!(at_13.any());
    }

    #[test]
    fn a_new_rule_set_that_changes_no_outcome_says_so() {
        let (_, timeline, steps) = steps_of("normal-family");
        let vgr_2026 = steps.iter().find(|s| s.date == date(2026, 3, 26)).unwrap();
        let changes = changes(&timeline, vgr_2026);
        assert!(changes.rule_set_changed);
        assert!(!changes.any());
    }

    #[test]
    fn the_guidance_quotes_the_note_first_then_the_rules_that_decided_each_line_once() {
        let (case, timeline, steps) = steps_of("one-guardian-risk-blocking");
        let step = steps.iter().find(|s| s.date == date(2026, 6, 15)).unwrap();
        let catalog = Catalog::embedded();
        let evaluation = insyn_engine::evaluate(catalog, &case, step.date, None).unwrap();
        let rule_set = catalog.resolve("vgr", None, step.date).unwrap();
        let changes = changes(&timeline, step);
        let lines = guidance(step, &changes, &evaluation, rule_set, &[]);
        assert_eq!(lines[0].kind, GuidanceKind::Note);
        assert_eq!(lines[0].rule, ParameterId::BlockingCoversJournal);
        // The blocking's journal and proxy lines are the same sentence in VGR 2026: the
        // note quotes it, so the changed cells add only what it does not already say.
        let texts: Vec<&str> = lines.iter().map(Guidance::text).collect();
        for (i, text) in texts.iter().enumerate() {
            assert!(
                !texts[..i]
                    .iter()
                    .any(|t| t.contains(text) || text.contains(t)),
                "{text} twice"
            );
        }
        // The changed cells' lines: the journal's and the proxy's are one sentence, which
        // holds the note's excerpt: said once, by the note.
        assert!(lines.iter().all(|l| l.kind == GuidanceKind::Note));
        let at_13 = steps.iter().find(|s| s.date == date(2030, 1, 1)).unwrap();
        let evaluation = insyn_engine::evaluate(catalog, &case, at_13.date, None).unwrap();
        let changes_13 = super::changes(&timeline, at_13);
        let lines = guidance(at_13, &changes_13, &evaluation, rule_set, &[]);
        assert!(lines.iter().any(|l| l.kind == GuidanceKind::Change));
        // Skipping a line the recommendation quotes leaves it out.
        let skip = [lines[0].citation];
        let without = guidance(step, &changes, &evaluation, rule_set, &skip);
        assert!(without.iter().all(|l| !skip[0].quote.contains(l.text())));
    }

    #[test]
    fn the_recommendation_comes_from_the_rule_set_for_the_situation_the_note_names() {
        let (_, _, steps) = steps_of("harm-at-home-sealing");
        let catalog = Catalog::embedded();
        let sealing = steps.iter().find(|s| s.date == date(2026, 5, 4)).unwrap();
        let rule_set = catalog.resolve("vgr", None, sealing.date).unwrap();
        let advice = recommendation(sealing, rule_set).unwrap();
        assert_eq!(advice.measures, [MeasureType::Sealing]);
        let birthday = steps.iter().find(|s| s.date == date(2029, 4, 12)).unwrap();
        assert!(recommendation(birthday, rule_set).is_none());
    }

    #[test]
    fn a_built_in_case_finds_its_lesson_with_or_without_names_but_not_once_edited() {
        let today = date(2026, 11, 23);
        for training in TRAINING_CASES {
            let case = training.case();
            assert_eq!(lesson_for(&case, today).map(|t| t.id), Some(training.id));
            let shared = without_personal_data(&case, today);
            assert_eq!(lesson_for(&shared, today).map(|t| t.id), Some(training.id));
        }
        let mut edited = training_case("normal-family").unwrap().case();
        edited.guardians.pop();
        assert!(lesson_for(&edited, today).is_none());
    }

    #[test]
    fn space_and_arrows_step_except_in_form_fields_and_space_presses_a_focused_button() {
        use Command::*;
        assert_eq!(command(" ", Focus::Other, false), Some(Forward));
        assert_eq!(command("ArrowRight", Focus::Other, false), Some(Forward));
        assert_eq!(command("PageDown", Focus::Control, false), Some(Forward));
        assert_eq!(command("ArrowLeft", Focus::Control, false), Some(Back));
        assert_eq!(command("PageUp", Focus::Other, false), Some(Back));
        assert_eq!(command(" ", Focus::Control, false), None);
        for key in [" ", "ArrowRight", "ArrowLeft", "PageDown", "PageUp"] {
            assert_eq!(command(key, Focus::FormField, false), None, "{key}");
            assert_eq!(command(key, Focus::Other, true), None, "{key}");
        }
        for focus in [Focus::FormField, Focus::Control, Focus::Other] {
            assert_eq!(command("Escape", focus, false), Some(Leave));
        }
        assert_eq!(command("Enter", Focus::Other, false), None);
        assert_eq!(command("a", Focus::Other, false), None);
    }

    #[test]
    fn every_step_of_every_built_in_case_says_what_changed_as_the_engine_answers_that_day_and_the_day_before(
    ) {
        let catalog = Catalog::embedded();
        for training in TRAINING_CASES {
            let (case, timeline, steps) = steps_of(training.id);
            assert!(!steps.is_empty(), "{}", training.id);
            for step in &steps {
                let place = format!("{} {}", training.id, step.date);
                let on = insyn_engine::evaluate(catalog, &case, step.date, None).unwrap();
                let changes = changes(&timeline, step);
                if changes.starting {
                    continue;
                }
                let before = step.date.pred_opt().unwrap();
                let day_before = insyn_engine::evaluate(catalog, &case, before, None).unwrap();
                for (actor, capability, outcome) in on.outcome_kinds() {
                    let was = day_before
                        .cell(&actor, &capability)
                        .map(|c| c.outcome.kind());
                    let change = changes.point.and_then(|p| {
                        p.changes
                            .iter()
                            .find(|c| c.actor == actor && c.capability == capability)
                    });
                    match change {
                        Some(change) => {
                            assert_eq!(change.to, outcome, "{place}: {actor:?} {capability:?}");
                            assert_eq!(change.from, was, "{place}: {actor:?} {capability:?}");
                            assert_ne!(change.from, Some(change.to), "{place}");
                            assert!(changes.changed(&actor, &capability));
                        }
                        // What the step does not name as changed is as it was the day before.
                        None => {
                            assert_eq!(was, Some(outcome), "{place}: {actor:?} {capability:?}");
                            assert!(!changes.changed(&actor, &capability));
                        }
                    }
                }
                // A date that is no change point changes nothing (a change point may change
                // only the rule set that answers).
                if step.change_point.is_none() {
                    assert!(on.same_outcomes(&day_before) && !changes.any(), "{place}");
                    assert_eq!(on.rule_set_id, day_before.rule_set_id, "{place}");
                }
            }
        }
    }

    #[test]
    fn dates_and_ages_read_as_the_room_says_them() {
        assert_eq!(date_sv(date(2026, 6, 15)), "15 juni 2026");
        assert_eq!(date_sv(date(2028, 2, 29)), "29 februari 2028");
        let (case, _, _) = steps_of("normal-family");
        assert_eq!(child_age_sv(&case, 13), "Alva Exempel är 13 år");
        let mut unnamed = case.clone();
        unnamed.child.name = None;
        assert_eq!(child_age_sv(&unnamed, 4), "Barnet är 4 år");
    }

    #[test]
    fn form_fields_controls_and_the_rest_are_told_apart_by_tag() {
        assert_eq!(Focus::of("INPUT", false), Focus::FormField);
        assert_eq!(Focus::of("select", false), Focus::FormField);
        assert_eq!(Focus::of("TEXTAREA", false), Focus::FormField);
        assert_eq!(Focus::of("DIV", true), Focus::FormField);
        assert_eq!(Focus::of("BUTTON", false), Focus::Control);
        assert_eq!(Focus::of("A", false), Focus::Control);
        assert_eq!(Focus::of("SUMMARY", false), Focus::Control);
        assert_eq!(Focus::of("H2", false), Focus::Other);
        assert_eq!(Focus::of("BODY", false), Focus::Other);
    }
}
