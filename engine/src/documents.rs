//! The documents a decision needs, built from the case, the rule set, one measure, a date
//! and the staff member's own details: the request (begäran, on the region's form), the
//! documentation note (särskild anteckning), the urgent phone checklist and the standard
//! answer (standardsvar) for the guardian.
//!
//! Pure functions: the app renders a `Document`, the CLI prints its text. A value the case
//! lacks is a visible `[saknas: …]`, listed above the document as well, never an empty
//! line; a value the rule set only infers carries its note next to it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Case, Measure, MeasureKind};
use crate::error::EngineError;
use crate::guidance::{reminders_for, request_route, MeasureEffect};
use crate::identity::IdentityNumber;
use crate::labels::{measure_title, unit_name};
use crate::rule_set::{Certainty, Citation, ParameterId, RuleSet};

/// The staff member's own details ("Dina uppgifter"). Theirs, not the child's: the app may
/// remember them in the browser when they ask it to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StaffDetails {
    pub name: Option<String>,
    pub role: Option<String>,
    /// VGR-ID or HSA-id.
    pub staff_id: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub unit: Option<String>,
    /// The responsible manager (ansvarig verksamhetschef).
    pub manager: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Begäran (the region's form).
    Request,
    /// Dokumentation av beslutet (särskild anteckning).
    Note,
    /// Telefonlista för brådskande ärenden.
    Phone,
    /// Standardsvar till vårdnadshavaren.
    Answer,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::Request,
        DocumentKind::Note,
        DocumentKind::Phone,
        DocumentKind::Answer,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::Request => "request",
            DocumentKind::Note => "note",
            DocumentKind::Phone => "phone",
            DocumentKind::Answer => "answer",
        }
    }

    pub fn from_key(key: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn name_sv(self) -> &'static str {
        match self {
            DocumentKind::Request => "Begäran",
            DocumentKind::Note => "Anteckning",
            DocumentKind::Phone => "Telefonlista",
            DocumentKind::Answer => "Standardsvar",
        }
    }
}

/// A value in a document: given, or visibly missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Value {
    Text(String),
    /// What is missing, e.g. "barnets personnummer".
    Missing(String),
}

impl Value {
    fn of(value: Option<&str>, missing: &str) -> Value {
        match value.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => Value::Text(v.to_string()),
            None => Value::Missing(missing.to_string()),
        }
    }

    pub fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Missing(what) => format!("[saknas: {what}]"),
        }
    }
}

/// One line: a label and its value, or (no label) a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub value: Value,
    /// E.g. "tolkat: …" where the rule set only infers the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: String,
    pub items: Vec<Item>,
}

/// A source line the document rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceLine<'r> {
    pub rule_id: ParameterId,
    pub citation: &'r Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document<'r> {
    pub kind: DocumentKind,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Everything shown as `[saknas: …]`, in order.
    pub missing: Vec<String>,
    /// Cautions for the writer, e.g. wording changed from the source's.
    pub notes: Vec<String>,
    pub sections: Vec<Section>,
    pub sources: Vec<SourceLine<'r>>,
    /// For the footer: the case title, the date and the rule set.
    pub case_title: Option<String>,
    pub date: NaiveDate,
    pub rule_set_id: &'r str,
    pub rule_set_title: &'r str,
    pub rule_set_version: &'r str,
}

impl Document<'_> {
    /// The document as plain text (UTF-8), for the CLI and for pasting into the journal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.title);
        out.push('\n');
        if let Some(subtitle) = &self.subtitle {
            out.push_str(subtitle);
            out.push('\n');
        }
        if !self.missing.is_empty() {
            out.push_str(&format!("\nSaknas: {}\n", self.missing.join("; ")));
        }
        for note in &self.notes {
            out.push_str(&format!("OBS! {note}\n"));
        }
        for section in &self.sections {
            out.push_str(&format!("\n{}\n", section.heading));
            for item in &section.items {
                match &item.label {
                    Some(label) => out.push_str(&format!("{label}: {}", item.value.text())),
                    None => out.push_str(&format!("- {}", item.value.text())),
                }
                if let Some(note) = &item.note {
                    out.push_str(&format!(" ({note})"));
                }
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "\n{} · {} · {} (version {})\n",
            self.case_title.as_deref().unwrap_or("Fall utan titel"),
            self.date,
            self.rule_set_title,
            self.rule_set_version
        ));
        out
    }
}

/// What a document is built from.
pub struct DocumentInput<'a> {
    pub case: &'a Case,
    pub measure_id: &'a str,
    pub kind: DocumentKind,
    /// The date the document is written (and the rule set in force then answers).
    pub date: NaiveDate,
    pub staff: &'a StaffDetails,
}

/// Build one document. The measure must be in the case; an exception note has no request.
pub fn document<'r>(
    rule_set: &'r RuleSet,
    input: &DocumentInput,
) -> Result<Document<'r>, EngineError> {
    let measure =
        input
            .case
            .measure(input.measure_id)
            .ok_or_else(|| EngineError::UnknownMeasure {
                id: input.measure_id.to_string(),
            })?;
    if MeasureEffect::of(&measure.kind) == MeasureEffect::Note {
        return Err(EngineError::NoDocument {
            id: measure.id.clone(),
        });
    }
    let birth = crate::case::CaseFacts::new(input.case, input.date)
        .ok()
        .map(|facts| facts.birth);
    let mut builder = Builder {
        rule_set,
        birth,
        case: input.case,
        measure,
        staff: input.staff,
        date: input.date,
        doc: Document {
            kind: input.kind,
            title: String::new(),
            subtitle: None,
            missing: Vec::new(),
            notes: Vec::new(),
            sections: Vec::new(),
            sources: Vec::new(),
            case_title: input.case.title.clone(),
            date: input.date,
            rule_set_id: &rule_set.id,
            rule_set_title: &rule_set.title,
            rule_set_version: &rule_set.version,
        },
    };
    match input.kind {
        DocumentKind::Request => builder.request(),
        DocumentKind::Note => builder.note(),
        DocumentKind::Phone => builder.phone(),
        DocumentKind::Answer => builder.answer(),
    }
    let mut doc = builder.doc;
    doc.missing = doc
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|i| match &i.value {
            Value::Missing(what) => Some(what.clone()),
            Value::Text(_) => None,
        })
        .collect();
    doc.missing.dedup();
    Ok(doc)
}

/// "Försegling …" → "försegling …", for use inside a sentence: the titles and measure
/// names start with an ASCII or Swedish capital (no Unicode case tables: they cost wasm).
/// The one home of this helper; the app uses it too.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let lower = match first {
        'Å' => 'å',
        'Ä' => 'ä',
        'Ö' => 'ö',
        other => other.to_ascii_lowercase(),
    };
    let mut out = String::with_capacity(text.len());
    out.push(lower);
    out.push_str(chars.as_str());
    out
}

fn guardian_name(case: &Case, id: &str) -> String {
    crate::labels::guardian_name(case, id, true)
}

/// The guardians a measure concerns: those it names, or, for a sealing or a login lock
/// (which close access for every guardian), all registered on `date`.
fn concerned_guardians(case: &Case, measure: &Measure, date: NaiveDate) -> Vec<String> {
    match &measure.kind {
        MeasureKind::Blocking { guardians } => guardians.clone(),
        MeasureKind::BlockingExtension { guardian }
        | MeasureKind::BlockingLifted { guardian }
        | MeasureKind::ExtendedAccessGuardian { guardian, .. } => vec![guardian.clone()],
        MeasureKind::Sealing { .. }
        | MeasureKind::LoginLock
        | MeasureKind::UnlockRequest { .. } => case
            .guardians
            .iter()
            .filter(|g| g.registered.contains(date))
            .map(|g| g.id.clone())
            .collect(),
        _ => Vec::new(),
    }
}

struct Builder<'r, 'a> {
    rule_set: &'r RuleSet,
    /// The child's date of birth, when the case gives it (for automatic ends).
    birth: Option<NaiveDate>,
    case: &'a Case,
    measure: &'a Measure,
    staff: &'a StaffDetails,
    date: NaiveDate,
    doc: Document<'r>,
}

fn line(label: &str, value: Value) -> Item {
    Item {
        label: Some(label.to_string()),
        value,
        note: None,
    }
}

fn paragraph(text: impl Into<String>) -> Item {
    Item {
        label: None,
        value: Value::Text(text.into()),
        note: None,
    }
}

/// "tolkat: …" or "okänt: …" next to a value the rule set does not state.
fn certainty_note(citation: &Citation) -> Option<String> {
    let why = citation.note.as_deref().unwrap_or("");
    match citation.certainty {
        Certainty::Stated => None,
        Certainty::Inferred => Some(format!("tolkat, inte uttryckligen angivet i källan. {why}")),
        Certainty::Unknown => Some(format!("okänt, ingen källa hittad. {why}")),
    }
    .map(|s| s.trim().to_string())
}

impl<'r> Builder<'r, '_> {
    fn source(&mut self, rule_id: ParameterId, citation: &'r Citation) {
        if !self.doc.sources.iter().any(|s| s.rule_id == rule_id) {
            self.doc.sources.push(SourceLine { rule_id, citation });
        }
    }

    fn section(&mut self, heading: &str, items: Vec<Item>) {
        self.doc.sections.push(Section {
            heading: heading.to_string(),
            items,
        });
    }

    fn is_lifting(&self) -> bool {
        MeasureEffect::of(&self.measure.kind) == MeasureEffect::Lifts
    }

    /// The staff id is called what the region's checklist calls it.
    fn staff_id_label(&self) -> &'static str {
        let vgr = self
            .rule_set
            .parameters
            .urgent_phone_checklist
            .value
            .iter()
            .any(|item| item.contains("VGR-ID"));
        if vgr {
            "VGR-ID"
        } else {
            "HSA-id"
        }
    }

    fn period_text(&self) -> String {
        let period = &self.measure.period;
        if self.is_lifting() {
            return format!("fr.o.m. {}", period.from);
        }
        let p = &self.rule_set.parameters;
        // A measure the rule set ends by itself says so, rather than "tills vidare".
        let automatic_end = match &self.measure.kind {
            MeasureKind::Blocking { .. } | MeasureKind::BlockingExtension { .. } => {
                p.blocking_ends_at_age.value
            }
            MeasureKind::Sealing { .. } => p.sealing_ends_at_age.value,
            _ => None,
        }
        .zip(self.birth)
        .map(|(age, birth)| (age, crate::age::birthday(birth, age as u32)));
        match (period.to, automatic_end) {
            (Some(to), _) => format!("fr.o.m. {} t.o.m. {to}", period.from),
            (None, Some((age, end))) => format!(
                "fr.o.m. {} (upphör automatiskt på {age}-årsdagen {end})",
                period.from
            ),
            (None, None) => format!("fr.o.m. {} (tills vidare)", period.from),
        }
    }

    fn measure_items(&self, names: bool) -> Vec<Item> {
        let m = self.measure;
        vec![
            line("Avser", Value::Text(measure_title(self.case, m, names))),
            line("Period", Value::Text(self.period_text())),
            line(
                "Beslutsdatum",
                Value::of(
                    m.decided_on.map(|d| d.to_string()).as_deref(),
                    "beslutsdatum",
                ),
            ),
            line(
                "Beslutad av",
                Value::of(m.decided_by.as_deref(), "vem som har fattat beslutet"),
            ),
            line(
                "Motivering",
                Value::of(m.motivation.as_deref(), "motivering"),
            ),
        ]
    }

    fn person_items(&self, with_identity: bool) -> Vec<Item> {
        let child = &self.case.child;
        let mut items = vec![line(
            "Barnets namn",
            Value::of(child.name.as_deref(), "barnets namn"),
        )];
        if with_identity {
            items.push(line(
                "Barnets personnummer",
                Value::of(
                    self.identity(child.identity_number.as_deref()).as_deref(),
                    "barnets personnummer",
                ),
            ));
        }
        for id in concerned_guardians(self.case, self.measure, self.measure.period.from) {
            let who = guardian_name(self.case, &id);
            let guardian = self.case.guardian(&id);
            items.push(line(
                "Vårdnadshavarens namn",
                Value::of(
                    guardian.and_then(|g| g.name.as_deref()),
                    &format!("namn på {who}"),
                ),
            ));
            if with_identity {
                items.push(line(
                    &format!("Personnummer, {who}"),
                    Value::of(
                        self.identity(guardian.and_then(|g| g.identity_number.as_deref()))
                            .as_deref(),
                        &format!("personnummer för {who}"),
                    ),
                ));
            }
        }
        if matches!(self.measure.kind, MeasureKind::Blocking { ref guardians } if guardians.is_empty())
        {
            items.push(line(
                "Vårdnadshavare",
                Value::Missing("vilken vårdnadshavare som blockeras".into()),
            ));
        }
        items
    }

    /// A personnummer as forms write it, "ÅÅÅÅMMDD-NNNN", whatever way it was typed; a
    /// number that cannot be read is kept as typed (the case's validation names it).
    fn identity(&self, typed: Option<&str>) -> Option<String> {
        let typed = typed?;
        Some(
            match crate::identity::parse_identity_number(typed, self.date) {
                Ok(IdentityNumber::Personnummer { normalized, .. })
                | Ok(IdentityNumber::Samordningsnummer { normalized, .. }) => normalized,
                Ok(IdentityNumber::Reservnummer { raw }) => raw,
                Err(_) => typed.to_string(),
            },
        )
    }

    fn staff_items(&self) -> Vec<Item> {
        let s = self.staff;
        // The requesting unit; for a sealing, its initiating units when none is named.
        let initiating = match &self.measure.kind {
            MeasureKind::Sealing {
                initiating_units, ..
            } if !initiating_units.is_empty() => Some(
                initiating_units
                    .iter()
                    .map(|u| unit_name(self.case, u))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        };
        let unit = self
            .measure
            .unit
            .as_deref()
            .map(|u| unit_name(self.case, u))
            .or(initiating)
            .or_else(|| s.unit.clone());
        let id_label = self.staff_id_label();
        vec![
            line(
                "Begärande enhet",
                Value::of(unit.as_deref(), "begärande enhet"),
            ),
            line("Namn", Value::of(s.name.as_deref(), "ditt namn")),
            line("Roll", Value::of(s.role.as_deref(), "din roll")),
            line(
                id_label,
                Value::of(s.staff_id.as_deref(), &format!("ditt {id_label}")),
            ),
            line("E-post", Value::of(s.email.as_deref(), "din e-postadress")),
            line(
                "Telefon",
                Value::of(s.phone.as_deref(), "ditt telefonnummer"),
            ),
            line(
                "Ansvarig verksamhetschef",
                Value::of(s.manager.as_deref(), "ansvarig verksamhetschef"),
            ),
        ]
    }

    fn reminders(&mut self) {
        let reminders = reminders_for(self.rule_set, &self.measure.kind);
        if reminders.is_empty() {
            return;
        }
        let items = reminders
            .iter()
            .map(|r| paragraph(r.text_sv.clone()))
            .collect();
        for r in &reminders {
            self.source(r.rule_id, r.citation);
        }
        self.section("Att tänka på", items);
    }

    fn request(&mut self) {
        let Some(route) = request_route(self.rule_set, &self.measure.kind) else {
            return;
        };
        self.source(route.rule_id, route.citation);
        let name = self.measure.kind.name_sv();
        self.doc.title = match route.form {
            Some(form) => form.to_string(),
            None => format!("Begäran: {name}"),
        };
        if route.form.is_none() {
            self.doc.notes.push(format!(
                "Regelverket namnger ingen blankett för {}: använd din regions rutin och den här texten som underlag.",
                lower_first(name)
            ));
        }
        self.doc.subtitle = Some(match route.decided_by {
            Some(who) => format!("Beslutas av: {who}"),
            None => "Beslutas av: [saknas i regelverket]".to_string(),
        });
        let personal_data = self
            .rule_set
            .parameters
            .request_may_carry_personal_data
            .value;
        let mut measure_items = self.measure_items(personal_data);
        if let Some(note) = certainty_note(route.citation) {
            measure_items.push(Item {
                label: Some("Blankett och beslut".into()),
                value: Value::Text(route.form.unwrap_or("ingen namngiven blankett").into()),
                note: Some(note),
            });
        }
        self.section("Åtgärd", measure_items);
        let p = &self.rule_set.parameters;
        if personal_data {
            let persons = self.person_items(true);
            self.section("Barnet och vårdnadshavarna", persons);
        } else {
            self.source(
                ParameterId::RequestMayCarryPersonalData,
                &p.request_may_carry_personal_data.citation,
            );
            let phone = p
                .urgent_phone
                .value
                .as_deref()
                .unwrap_or("regionens nummer");
            self.section(
                "Barnet och vårdnadshavarna",
                vec![paragraph(format!(
                    "Inga personuppgifter i det skriftliga ärendet: namn och personnummer lämnas per telefon ({phone}). Se telefonlistan."
                ))],
            );
        }
        let staff = self.staff_items();
        self.section("Begärande enhet och kontaktperson", staff);
        self.reminders();
    }

    fn note(&mut self) {
        let p = &self.rule_set.parameters;
        self.source(
            ParameterId::DocumentationNoteName,
            &p.documentation_note_name.citation,
        );
        self.doc.title = match &p.documentation_note_name.value {
            Some(name) => name.clone(),
            None => "Anteckning om beslutet".to_string(),
        };
        if p.documentation_note_name.value.is_none() {
            self.doc.notes.push(
                "Regelverket anger inte var beslutet dokumenteras: följ din regions rutin."
                    .to_string(),
            );
        }
        let m = self.measure;
        let for_whom = {
            let mut names = vec![self
                .case
                .child
                .name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| "barnet".into())];
            names.extend(
                concerned_guardians(self.case, m, m.period.from)
                    .iter()
                    .map(|g| guardian_name(self.case, g)),
            );
            names.join(", ")
        };
        let mut items = vec![
            line(
                "Vilken åtgärd",
                Value::Text(measure_title(self.case, m, true)),
            ),
            line("För vem", Value::Text(for_whom)),
            line("Period", Value::Text(self.period_text())),
            line(
                "Motivering",
                Value::of(m.motivation.as_deref(), "motivering"),
            ),
            line(
                "Beslutad av",
                Value::of(m.decided_by.as_deref(), "vem som har fattat beslutet"),
            ),
            line(
                "Beslutsdatum",
                Value::of(
                    m.decided_on.map(|d| d.to_string()).as_deref(),
                    "beslutsdatum",
                ),
            ),
        ];
        if !self.is_lifting() {
            items.push(line(
                "Datum för förnyat beslut",
                Value::of(
                    m.renewal_on.map(|d| d.to_string()).as_deref(),
                    "datum för förnyat beslut, om det behövs",
                ),
            ));
        }
        self.section("Anteckning", items);
        let fields = &p.documentation_note_fields;
        if !fields.value.is_empty() {
            self.source(ParameterId::DocumentationNoteFields, &fields.citation);
            let items = fields.value.iter().map(|f| paragraph(f.clone())).collect();
            self.section("Anteckningen ska innehålla (enligt källan)", items);
        }
    }

    fn phone(&mut self) {
        let p = &self.rule_set.parameters;
        self.source(ParameterId::UrgentPhone, &p.urgent_phone.citation);
        let name = self.measure.kind.name_sv();
        self.doc.title = format!("Telefonlista – brådskande {}", lower_first(name));
        self.doc.subtitle = Some(format!("{} · {}", self.rule_set.region_name, self.date));
        let phone = Item {
            label: Some("Ring".into()),
            value: Value::of(
                p.urgent_phone.value.as_deref(),
                "telefonnummer för brådskande ärenden (regelverket anger inget)",
            ),
            note: certainty_note(&p.urgent_phone.citation)
                .filter(|_| p.urgent_phone.value.is_some()),
        };
        self.section("Samtalet", vec![phone]);
        let mut say = vec![line(
            "Ärende",
            Value::Text(measure_title(self.case, self.measure, true)),
        )];
        say.extend(self.staff_items().into_iter().skip(1));
        say.extend(self.person_items(true));
        say.push(line(
            "Från och med",
            Value::Text(self.measure.period.from.to_string()),
        ));
        self.section("Uppge i samtalet", say);
        let checklist = &p.urgent_phone_checklist;
        if !checklist.value.is_empty() {
            self.source(ParameterId::UrgentPhoneChecklist, &checklist.citation);
            let items = checklist
                .value
                .iter()
                .map(|f| paragraph(f.clone()))
                .collect();
            self.section("Källans lista", items);
        }
        if let Some(route) = request_route(self.rule_set, &self.measure.kind) {
            let after = match route.form {
                Some(form) => format!("Skicka efter samtalet blanketten \"{form}\"."),
                None => "Skicka efter samtalet den skriftliga begäran enligt regionens rutin."
                    .to_string(),
            };
            self.section("Efter samtalet", vec![paragraph(after)]);
        }
    }

    fn answer(&mut self) {
        let p = &self.rule_set.parameters;
        self.source(ParameterId::StandardAnswer, &p.standard_answer.citation);
        self.source(
            ParameterId::GuardianAlwaysInformed,
            &p.guardian_always_informed.citation,
        );
        self.doc.title = "Standardsvar till vårdnadshavare".to_string();
        let disclosure = if p.guardian_always_informed.value {
            "Enligt regelverket informeras vårdnadshavaren alltid om åtgärden.".to_string()
        } else {
            // The rule's line is quoted once, under "Källor" (the source above).
            "Vårdnadshavare informeras inte alltid om åtgärden: lämna standardsvaret när det inte är lämpligt att berätta."
                .to_string()
        };
        self.section("När svaret används", vec![paragraph(disclosure)]);
        let Some(source_text) = p.standard_answer.value.as_deref() else {
            self.section(
                "Svaret",
                vec![Item {
                    label: None,
                    value: Value::Missing("standardsvar (regelverket anger inget)".into()),
                    note: None,
                }],
            );
            return;
        };
        let (text, changes) = adapt_wording(source_text, &self.measure.kind);
        if !changes.is_empty() {
            self.doc.notes.push(format!(
                "Källans standardsvar talar om försegling, men åtgärden är {}: ordvalet är ändrat ({}).",
                lower_first(self.measure.kind.name_sv()),
                changes.join(", ")
            ));
        } else if !matches!(
            self.measure.kind,
            MeasureKind::Sealing { .. } | MeasureKind::UnlockRequest { .. }
        ) && source_text.contains("försegl")
        {
            self.doc.notes.push(format!(
                "Källans standardsvar talar om försegling, men åtgärden är {}: anpassa texten innan du lämnar den.",
                lower_first(self.measure.kind.name_sv())
            ));
        }
        let items = text
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| paragraph(p.trim().to_string()))
            .collect();
        self.section("Svaret", items);
    }
}

/// The source's standard answer speaks of sealing; for a blocking, the words that name the
/// measure change and nothing else. Returns the text and each change made.
pub(crate) fn adapt_wording(text: &str, kind: &MeasureKind) -> (String, Vec<String>) {
    let blocking = matches!(
        kind,
        MeasureKind::Blocking { .. } | MeasureKind::BlockingExtension { .. }
    );
    if !blocking {
        return (text.to_string(), Vec::new());
    }
    let mut out = text.to_string();
    let mut changes = Vec::new();
    // Longest first, so "förseglingen" is not read as "försegling" + "en".
    for (from, to) in [
        ("förseglingen", "blockeringen"),
        ("förseglad", "blockerad"),
        ("försegling", "blockering"),
    ] {
        if out.contains(from) {
            out = out.replace(from, to);
            changes.push(format!("\"{from}\" → \"{to}\""));
        }
    }
    (out, changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocking_answer_changes_only_the_words_that_name_the_measure() {
        let kind = MeasureKind::Blocking {
            guardians: vec!["vh1".into()],
        };
        let (text, changes) = adapt_wording(
            "Journalen är förseglad. Bedömningen om förseglingen kvarstår.",
            &kind,
        );
        assert_eq!(
            text,
            "Journalen är blockerad. Bedömningen om blockeringen kvarstår."
        );
        assert_eq!(changes.len(), 2);
    }

    #[test]
    fn a_missing_value_is_shown_as_saknas_with_what_is_missing() {
        assert_eq!(
            Value::of(Some("  "), "barnets namn").text(),
            "[saknas: barnets namn]"
        );
        assert_eq!(Value::of(Some("Elsa"), "barnets namn").text(), "Elsa");
    }
}
