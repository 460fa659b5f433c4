//! Every reason quotes its own line: the quote a parameter cites must be about what the
//! parameter says, not a neighbouring rule's line from the same page. A quote that names
//! none of the words its parameter is about is refused, in every rule set, inherited or not.
//! Unknown parameters and empty quotes are left out: they claim no line.

use insyn_engine::rule_set::{Certainty, ParameterId, RuleSet};
use insyn_engine::Catalog;
use serde_json::Value;

/// The words (any one, case-insensitive) a parameter's quote must contain to be about it.
const QUOTE_WORDS: &[(&str, &[&str])] = &[
    ("adult_age", &["18"]),
    ("guardian_access_until_age", &["13"]),
    ("child_journal_from_age", &["16"]),
    ("child_account_from_age", &["13"]),
    ("child_account_with_own_e_id", &["e-legitimation"]),
    ("login_lock_covers_account", &["lås", "spärr"]),
    ("login_lock_covers_journal", &["journal"]),
    ("login_lock_stops_proxy", &["ombud", "lås"]),
    ("guardian_access_follows_custody", &["vårdnad"]),
    ("extended_access_guardian", &["13"]),
    ("extended_access_child", &["13"]),
    ("blocking_covers_journal", &["block"]),
    ("blocking_covers_proxy", &["block"]),
    ("blocking_locks_child_login", &["lås", "inlogg"]),
    ("sealing_covers_journal", &["försegl"]),
    ("sealing_covers_child_account", &["försegl"]),
    ("sealing_covers_proxy", &["försegl"]),
    ("protected_child_denies_guardians", &["skydd"]),
    ("protected_guardian_denies_that_guardian", &["skydd"]),
    (
        "legal_representative_from_age",
        &["16", "ställföreträd", "god man"],
    ),
];

/// Parameters whose words are only required when they grant something (not null).
const ONLY_WHEN_GIVEN: &[&str] = &["extended_access_guardian", "extended_access_child"];

/// Other names a kind of unit goes by in the sources.
const UNIT_KIND_NAMES: &[(&str, &[&str])] = &[("BUP", &["BUP", "barn- och ungdomspsykiatri"])];

/// Whether the citation claims a line: neither unknown nor without a quote.
fn claims_a_line(certainty: Certainty, quote: &str) -> bool {
    certainty != Certainty::Unknown && !quote.trim().is_empty()
}

fn mentions(quote: &str, words: &[&str]) -> bool {
    let quote = quote.to_lowercase();
    words
        .iter()
        .any(|word| quote.contains(&word.to_lowercase()))
}

/// Every parameter of the rule set whose quote is not about it, as "rule set: parameter".
fn quotes_not_about_their_parameter(rule_set: &RuleSet) -> Vec<String> {
    let mut problems = Vec::new();
    for (id, citation, value) in rule_set.parameter_list() {
        let name = id.name();
        if !claims_a_line(citation.certainty, &citation.quote) {
            continue;
        }
        if let Some((_, words)) = QUOTE_WORDS.iter().find(|(n, _)| *n == name) {
            if ONLY_WHEN_GIVEN.contains(&name) && value.is_null() {
                continue;
            }
            if !mentions(&citation.quote, words) {
                problems.push(format!(
                    "{}: {name} quotes \"{}\", which names none of {words:?}",
                    rule_set.id, citation.quote
                ));
            }
        }
        if name == "excluded_unit_kinds" {
            for kind in value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                let own_name = [kind];
                let names = UNIT_KIND_NAMES
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(kind))
                    .map_or(&own_name[..], |(_, names)| names);
                if !mentions(&citation.quote, names) {
                    problems.push(format!(
                        "{}: excluded_unit_kinds quotes \"{}\", which does not name {kind}",
                        rule_set.id, citation.quote
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn each_parameter_quotes_a_line_about_itself() {
    let problems: Vec<String> = Catalog::embedded()
        .rule_sets
        .iter()
        .flat_map(quotes_not_about_their_parameter)
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_quote_taken_from_a_neighbouring_rule_is_caught() {
    let mut national = Catalog::embedded().get("national").unwrap().clone();
    // The line about the guardians' 13 years, cited for adulthood at 18.
    national.parameters.adult_age.citation = national
        .parameters
        .guardian_access_until_age
        .citation
        .clone();
    let problems = quotes_not_about_their_parameter(&national);
    assert!(
        problems.len() == 1 && problems[0].contains("adult_age"),
        "{problems:?}"
    );
}

#[test]
fn an_excluded_unit_the_quote_does_not_name_is_caught() {
    let mut vgr = Catalog::embedded().get("vgr-2019").unwrap().clone();
    vgr.parameters
        .excluded_unit_kinds
        .value
        .push("Barnahus".to_string());
    let problems = quotes_not_about_their_parameter(&vgr);
    assert!(
        problems.len() == 1 && problems[0].contains("Barnahus"),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_parameter_claims_no_line_and_is_left_out() {
    let mut national = Catalog::embedded().get("national").unwrap().clone();
    let citation = &mut national.parameters.adult_age.citation;
    citation.quote = "Vårdnadshavare kommer endast åt sina barns tjänster.".to_string();
    citation.certainty = Certainty::Unknown;
    assert!(quotes_not_about_their_parameter(&national).is_empty());
}

#[test]
fn the_table_names_only_parameters_that_exist() {
    let unknown: Vec<&str> = QUOTE_WORDS
        .iter()
        .map(|(name, _)| *name)
        .chain(ONLY_WHEN_GIVEN.iter().copied())
        .filter(|name| ParameterId::from_name(name).is_none())
        .collect();
    assert!(unknown.is_empty(), "not parameters: {unknown:?}");
}
