//! The documents a decision needs (request, documentation note, phone checklist, standard
//! answer), under every rule set: what they carry, what they mark as missing, and where the
//! regions differ.

use chrono::NaiveDate;
use insyn_engine::documents::{document, Document, DocumentInput, DocumentKind, StaffDetails};
use insyn_engine::{Case, Catalog, EngineError, RuleSet};

fn day(text: &str) -> NaiveDate {
    insyn_engine::parse_iso_date(text).unwrap()
}

/// A child with two guardians and one measure of every kind. Only Skatteverket's test
/// numbers: the child 20170101-2393, guardian 1 191212121212 (typed without a hyphen: documents write it as forms do, 19121212-1212); guardian 2 has none.
fn case() -> Case {
    Case::from_json(
        r#"{
        "format_version": 1,
        "title": "Dokumenttest",
        "region": "vgr",
        "child": { "birth_date": "2017-01-01", "identity_number": "20170101-2393", "name": "Elsa Test" },
        "guardians": [
            { "id": "vh1", "name": "Maria Test", "identity_number": "191212121212", "registered": { "from": "2017-01-01" } },
            { "id": "vh2", "name": "Peter Test", "registered": { "from": "2017-01-01" } }
        ],
        "care_units": [
            { "id": "bm", "name": "Barnmottagningen Centrum" },
            { "id": "vc", "name": "Vårdcentralen Lunden" }
        ],
        "measures": [
            { "id": "both", "type": "blocking", "guardians": ["vh1", "vh2"], "period": { "from": "2026-06-15" },
              "decided_on": "2026-06-15", "decided_by": "verksamhetschef", "unit": "bm",
              "motivation": "Barnet har berättat om våld i hemmet.", "renewal_on": "2027-06-15" },
            { "id": "ext", "type": "blocking_extension", "guardian": "vh2", "period": { "from": "2026-09-01" } },
            { "id": "lift", "type": "blocking_lifted", "guardian": "vh1", "period": { "from": "2026-10-01", "to": "2027-01-01" },
              "decided_on": "2026-10-01", "decided_by": "verksamhetschef" },
            { "id": "seal", "type": "sealing", "initiating_units": ["bm"], "scope": "whole", "initiative": "staff",
              "period": { "from": "2026-07-01" } },
            { "id": "unlock", "type": "unlock_request", "sealing": "seal", "requesting_unit": "bm", "period": { "from": "2026-11-01" } },
            { "id": "lock", "type": "login_lock", "period": { "from": "2026-07-01" } },
            { "id": "xc", "type": "extended_access_child", "access_unit": "vc", "period": { "from": "2030-02-01" } },
            { "id": "xg", "type": "extended_access_guardian", "guardian": "vh1", "access_unit": "vc", "period": { "from": "2030-02-01" } },
            { "id": "note", "type": "exception_note", "category": "Tredje person", "note_unit": "vc", "period": { "from": "2026-05-01" } }
        ]
    }"#,
    )
    .unwrap()
}

const DATE: &str = "2026-11-25";

fn rule_set(id: &str) -> &'static RuleSet {
    Catalog::embedded().get(id).unwrap()
}

fn build<'r>(
    rule_set: &'r RuleSet,
    case: &Case,
    measure: &str,
    kind: DocumentKind,
    staff: &StaffDetails,
) -> Document<'r> {
    document(
        rule_set,
        &DocumentInput {
            case,
            measure_id: measure,
            kind,
            date: day(DATE),
            staff,
        },
    )
    .unwrap_or_else(|e| panic!("{} {measure} {}: {e}", rule_set.id, kind.key()))
}

fn text(rule_set_id: &str, measure: &str, kind: DocumentKind) -> String {
    build(
        rule_set(rule_set_id),
        &case(),
        measure,
        kind,
        &StaffDetails::default(),
    )
    .to_text()
}

const DECIDED: [&str; 8] = ["both", "ext", "lift", "seal", "unlock", "lock", "xc", "xg"];

#[test]
fn every_kind_of_document_is_made_for_every_decided_measure_under_every_rule_set() {
    let case = case();
    for rule_set in &Catalog::embedded().rule_sets {
        for measure in DECIDED {
            for kind in DocumentKind::ALL {
                let doc = build(rule_set, &case, measure, kind, &StaffDetails::default());
                let text = doc.to_text();
                assert!(
                    !doc.title.is_empty(),
                    "{} {measure} {}",
                    rule_set.id,
                    kind.key()
                );
                assert!(
                    text.contains(&rule_set.title) && text.contains(DATE),
                    "{} {measure} {}: the footer names the rule set and the date",
                    rule_set.id,
                    kind.key()
                );
                assert!(!text.contains("\n: "), "an item without its label");
                // An unknown parameter has no line to quote.
                for source in doc.sources.iter().filter(|s| !s.citation.quote.is_empty()) {
                    assert!(
                        !text.contains(source.citation.quote.as_str()),
                        "{} {measure} {}: the line of {:?} is quoted under \"Källor\", not again in the text",
                        rule_set.id,
                        kind.key(),
                        source.rule_id
                    );
                }
                for missing in &doc.missing {
                    assert!(
                        text.contains(&format!("[saknas: {missing}]")),
                        "{} {measure} {}: \"{missing}\" is listed but not marked in place",
                        rule_set.id,
                        kind.key()
                    );
                }
            }
        }
    }
}

#[test]
fn the_request_carries_the_child_the_guardian_the_measure_the_form_and_the_dates() {
    let text = text("vgr-2019", "both", DocumentKind::Request);
    for expected in [
        "Blockering av vårdnadshavares direktåtkomst",
        "Elsa Test",
        "20170101-2393",
        "Maria Test",
        "19121212-1212",
        "Peter Test",
        "fr.o.m. 2026-06-15",
        "Barnet har berättat om våld i hemmet.",
        "Barnmottagningen Centrum",
    ] {
        assert!(text.contains(expected), "request lacks {expected}:\n{text}");
    }
}

#[test]
fn a_blocking_of_both_guardians_names_both_and_marks_the_missing_personnummer() {
    let doc = build(
        rule_set("vgr-2026"),
        &case(),
        "both",
        DocumentKind::Request,
        &StaffDetails::default(),
    );
    let text = doc.to_text();
    assert!(text.contains("Blockering av Maria Test och Peter Test"));
    assert!(text.contains("[saknas: personnummer för Peter Test]"));
    assert!(doc
        .missing
        .iter()
        .any(|m| m == "personnummer för Peter Test"));
    let listed_above = text.find("Saknas:").unwrap();
    assert!(listed_above < text.find("Barnets namn").unwrap());
}

#[test]
fn a_vgr_2026_blocking_says_it_ends_on_the_13th_birthday_instead_of_tills_vidare() {
    let text = text("vgr-2026", "both", DocumentKind::Note);
    assert!(
        text.contains("upphör automatiskt på 13-årsdagen 2030-01-01"),
        "{text}"
    );
    assert!(!text.contains("tills vidare"));
}

#[test]
fn the_note_of_a_lifting_gives_only_the_from_date() {
    let text = text("vgr-2026", "lift", DocumentKind::Note);
    assert!(text.contains("Period: fr.o.m. 2026-10-01\n"), "{text}");
    assert!(
        !text.contains("2027-01-01"),
        "no t.o.m. when lifting:\n{text}"
    );
    assert!(!text.contains("Datum för förnyat beslut:"));
}

#[test]
fn the_documentation_note_has_the_fields_the_guidance_asks_for() {
    let doc = build(
        rule_set("vgr-2026"),
        &case(),
        "both",
        DocumentKind::Note,
        &StaffDetails::default(),
    );
    let text = doc.to_text();
    for expected in [
        "Vilken åtgärd: Blockering av Maria Test och Peter Test",
        "För vem: Elsa Test, Maria Test, Peter Test",
        "Motivering: Barnet har berättat om våld i hemmet.",
        "Beslutad av: verksamhetschef",
        "Datum för förnyat beslut: 2027-06-15",
        "vid behov datum för förnyat beslut",
    ] {
        assert!(text.contains(expected), "note lacks {expected}:\n{text}");
    }
}

#[test]
fn a_sealing_requested_by_no_named_unit_is_requested_by_its_initiating_unit() {
    let text = text("vgr-2026", "seal", DocumentKind::Request);
    assert!(
        text.contains("Begärande enhet: Barnmottagningen Centrum"),
        "{text}"
    );
}

#[test]
fn a_field_the_case_lacks_is_printed_as_saknas_never_as_an_empty_line() {
    let text = text("vgr-2026", "seal", DocumentKind::Note);
    assert!(text.contains("Motivering: [saknas: motivering]"), "{text}");
    assert!(text.contains("Beslutad av: [saknas: vem som har fattat beslutet]"));
}

#[test]
fn ostergotlands_written_request_has_no_personal_data_which_goes_in_the_phone_checklist() {
    let request = text("ostergotland", "both", DocumentKind::Request);
    for personal in ["20170101-2393", "19121212-1212", "Elsa Test", "Maria Test"] {
        assert!(
            !request.contains(personal),
            "the ticket carries {personal}:\n{request}"
        );
    }
    assert!(request.contains("Inga personuppgifter i det skriftliga ärendet"));
    assert!(request.contains("010-103 60 00"));
    let phone = text("ostergotland", "both", DocumentKind::Phone);
    for personal in ["20170101-2393", "19121212-1212", "Elsa Test", "Maria Test"] {
        assert!(phone.contains(personal), "the phone list lacks {personal}");
    }
}

#[test]
fn the_phone_checklist_gives_the_number_and_says_when_it_is_only_inferred() {
    let vgr_2026 = text("vgr-2026", "seal", DocumentKind::Phone);
    assert!(
        vgr_2026.contains("Ring: 010-47 37 100, knappval 5 (tolkat"),
        "{vgr_2026}"
    );
    let rjl = text("rjl", "both", DocumentKind::Phone);
    assert!(rjl.contains("Ring: 010-241 00 00\n"), "{rjl}");
    let national = text("national", "both", DocumentKind::Phone);
    assert!(national.contains("[saknas: telefonnummer för brådskande ärenden"));
}

#[test]
fn staff_details_fill_the_request_and_the_phone_checklist() {
    let staff = StaffDetails {
        name: Some("Sara Sjuksköterska".into()),
        role: Some("sjuksköterska".into()),
        staff_id: Some("sasj01".into()),
        email: Some("sara@example.org".into()),
        phone: Some("010-000 00 00".into()),
        unit: Some("Barnmottagningen Centrum".into()),
        manager: Some("Vera Verksamhetschef".into()),
    };
    for kind in [DocumentKind::Request, DocumentKind::Phone] {
        let doc = build(rule_set("vgr-2026"), &case(), "seal", kind, &staff);
        let text = doc.to_text();
        assert!(text.contains("VGR-ID: sasj01"), "{text}");
        assert!(text.contains("Ansvarig verksamhetschef: Vera Verksamhetschef"));
        assert!(!doc.missing.iter().any(|m| m.contains("ditt")));
    }
    let rjl = build(
        rule_set("rjl"),
        &case(),
        "both",
        DocumentKind::Request,
        &staff,
    )
    .to_text();
    assert!(
        rjl.contains("HSA-id: sasj01"),
        "outside VGR the id is the HSA-id"
    );
}

#[test]
fn the_standard_answer_for_a_blocking_changes_the_words_that_name_the_measure_and_says_so() {
    let doc = build(
        rule_set("vgr-2026"),
        &case(),
        "both",
        DocumentKind::Answer,
        &StaffDetails::default(),
    );
    let text = doc.to_text();
    assert!(
        text.contains("Ditt barns journal är för närvarande blockerad"),
        "{text}"
    );
    assert!(!text.contains("förseglad,"));
    assert!(doc
        .notes
        .iter()
        .any(|n| n.contains("\"förseglad\" → \"blockerad\"")));
    assert!(text.contains("informeras inte alltid"));
    let sealing = text_of_answer("seal");
    assert!(sealing.contains("för närvarande förseglad"));
}

fn text_of_answer(measure: &str) -> String {
    text("vgr-2026", measure, DocumentKind::Answer)
}

#[test]
fn a_rule_set_without_a_standard_answer_marks_it_missing() {
    let text = text("rjl", "both", DocumentKind::Answer);
    assert!(
        text.contains("[saknas: standardsvar (regelverket anger inget)]"),
        "{text}"
    );
}

#[test]
fn each_request_is_named_after_the_regions_form_for_that_measure() {
    let cases = [
        ("vgr-2019", "ext", "Förlängning blockering av vårdnadshavares direktåtkomst"),
        ("vgr-2019", "seal", "Försegling av barns journal via nätet vid skyddat id och låsning av 1177-konto"),
        ("vgr-2019", "xc", "Tilldela direktåtkomst för minderårig 13 tom 15 år"),
        ("vgr-2019", "xg", "Tilldela direktåtkomst för vårdnadshavare till minderårigs journalinformation 13 t o m 15 år"),
        ("vgr-2026", "unlock", "Blankett till Spärr- och loggfunktionen"),
        ("rjl", "both", "Formulär för att blockera och bryta blockering av vårdnadshavare i 1177 journal och 1177 e-tjänster"),
        ("rjl", "lift", "Formulär för att blockera och bryta blockering av vårdnadshavare i 1177 journal och 1177 e-tjänster"),
        ("ostergotland", "both", "Begränsa åtkomst till 1177 journal och 1177 e-tjänster - blankett"),
        ("ostergotland", "xg", "Tillgängliggöra information i 1177 journal för ungdom (13-15 år) - blankett"),
    ];
    for (rule_set_id, measure, form) in cases {
        let doc = build(
            rule_set(rule_set_id),
            &case(),
            measure,
            DocumentKind::Request,
            &StaffDetails::default(),
        );
        assert_eq!(doc.title, form, "{rule_set_id} {measure}");
    }
}

#[test]
fn a_request_without_a_named_form_says_so_instead_of_inventing_one() {
    let doc = build(
        rule_set("national"),
        &case(),
        "ext",
        DocumentKind::Request,
        &StaffDetails::default(),
    );
    assert_eq!(doc.title, "Begäran: Förlängning av blockering");
    assert!(doc
        .notes
        .iter()
        .any(|n| n.contains("namnger ingen blankett")));
}

#[test]
fn an_exception_note_has_no_documents_and_an_unknown_measure_is_named() {
    let case = case();
    let staff = StaffDetails::default();
    let input = |measure_id| DocumentInput {
        case: &case,
        measure_id,
        kind: DocumentKind::Request,
        date: day(DATE),
        staff: &staff,
    };
    let ruleset = rule_set("vgr-2026");
    assert_eq!(
        document(ruleset, &input("note")).unwrap_err(),
        EngineError::NoDocument { id: "note".into() }
    );
    assert_eq!(
        document(ruleset, &input("nope")).unwrap_err(),
        EngineError::UnknownMeasure { id: "nope".into() }
    );
}
