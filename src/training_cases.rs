//! The built-in fictional cases for training and dialogue meetings. They are the engine's
//! example case files (engine/cases/), so the documentation, the CLI tests and the app show
//! the same situations. All names are invented; no real personnummer appears.

use chrono::NaiveDate;
use insyn_engine::age::birthday;
use insyn_engine::Case;

pub struct TrainingCase {
    pub id: &'static str,
    /// What the case is about, in Swedish, for the picker.
    pub summary_sv: &'static str,
    json: &'static str,
}

impl TrainingCase {
    pub fn case(&self) -> Case {
        // The files are tested to parse (see the test below and the engine's CLI tests).
        Case::from_json(self.json)
            .unwrap_or_else(|error| panic!("built-in case {} is invalid: {error}", self.id))
    }

    pub fn title(&self) -> String {
        self.case().title.unwrap_or_else(|| self.id.to_string())
    }

    /// The date to open the case on: today while the child is a minor, otherwise the
    /// nearest end of the child's minority.
    pub fn start_date(&self, today: NaiveDate) -> NaiveDate {
        let case = self.case();
        match case.child.birth_date {
            Some(birth) => today.clamp(birth, birthday(birth, 18)),
            None => today,
        }
    }
}

macro_rules! training_case {
    ($id:literal, $summary:literal) => {
        TrainingCase {
            id: $id,
            summary_sv: $summary,
            json: include_str!(concat!("../engine/cases/", $id, ".json")),
        }
    };
}

/// The case open when the app starts.
pub const EXAMPLE_CASE_ID: &str = "normal-family";

pub static TRAINING_CASES: &[TrainingCase] = &[
    training_case!(
        "normal-family",
        "Två vårdnadshavare, inga skyddsåtgärder: se hur åtkomsten ändras vid 13 och 16 år."
    ),
    training_case!(
        "harm-at-home-sealing",
        "Misstanke om att barnet far illa i hemmet; två enheter förseglar, en begär upplåsning."
    ),
    training_case!(
        "one-guardian-risk-blocking",
        "Endast en vårdnadshavare utgör risk: blockering som upphör vid 13 år (VGR 2026)."
    ),
    training_case!(
        "honour-control-sealing",
        "Kontroll- eller hedersrelaterad problematik hos en 14-åring med utökad åtkomst."
    ),
    training_case!(
        "pressure-to-show-journal",
        "Någon kräver att 16-åringen visar sin journal."
    ),
    training_case!(
        "protected-identity",
        "Barnet får skyddad identitet; försegling har ännu inte begärts."
    ),
    training_case!(
        "extended-access-13-15",
        "Kronisk sjukdom: utökad direktåtkomst för barn och vårdnadshavare 13–15 år."
    ),
    training_case!(
        "sixteen-with-legal-representative",
        "16-åring med god man som fått tillgång till journalen."
    ),
    training_case!(
        "change-of-custody",
        "Vårdnaden flyttas från föräldrarna till en särskilt förordnad vårdnadshavare."
    ),
    training_case!(
        "rjl-blocking-locks-login",
        "Jönköping: blockeringen låser även barnets inloggning, som måste låsas upp."
    ),
    training_case!(
        "leap-day-child",
        "Barn fött 29 februari: 13-årsdagen infaller 28 februari."
    ),
    training_case!(
        "reservnummer-child",
        "Barn med reservnummer: ingen inloggning i 1177."
    ),
];

pub fn training_case(id: &str) -> Option<&'static TrainingCase> {
    TRAINING_CASES.iter().find(|c| c.id == id)
}

pub fn example_case() -> &'static TrainingCase {
    training_case(EXAMPLE_CASE_ID).expect("the example case is built in")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_case_parses_and_has_a_title() {
        assert!(TRAINING_CASES.len() >= 8);
        for case in TRAINING_CASES {
            assert!(case.case().title.is_some(), "{}", case.id);
        }
    }
}
