//! Errors the engine reports, in English, each naming the path of the offending field
//! (e.g. `measures[2].period.to`) so a user or the UI can point at it. The engine never
//! panics on user input; every problem becomes one of these.

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The case file is not valid JSON or does not match the case format.
    Malformed { path: String, message: String },
    UnsupportedFormatVersion { found: u32, supported: u32 },
    /// A field's value breaks a rule of the case format.
    Invalid { path: String, message: String },
    UnknownRuleSet { id: String },
    UnknownRegion { region: String },
    NoRuleSetInForce { region: String, date: NaiveDate },
    BeforeBirth { date: NaiveDate, birth: NaiveDate },
    NotAMinor { date: NaiveDate, eighteenth_birthday: NaiveDate },
    BadDate { input: String },
    RuleSetFile { file: String, message: String },
}

impl EngineError {
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        EngineError::Invalid {
            path: path.into(),
            message: message.into(),
        }
    }

    /// The path of the field at fault, if the error concerns one.
    pub fn path(&self) -> Option<&str> {
        match self {
            EngineError::Malformed { path, .. } | EngineError::Invalid { path, .. } => Some(path),
            EngineError::UnsupportedFormatVersion { .. } => Some("format_version"),
            EngineError::UnknownRuleSet { .. } => Some("pinned_rule_set"),
            EngineError::UnknownRegion { .. } => Some("region"),
            _ => None,
        }
    }
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Malformed { path, message } if path.is_empty() => {
                write!(f, "the case is not in the case format: {message}")
            }
            EngineError::Malformed { path, message } => {
                write!(f, "{path}: not in the case format: {message}")
            }
            EngineError::UnsupportedFormatVersion { found, supported } => write!(
                f,
                "format_version: unknown format version {found} (this engine reads version {supported})"
            ),
            EngineError::Invalid { path, message } => write!(f, "{path}: {message}"),
            EngineError::UnknownRuleSet { id } => {
                write!(f, "unknown rule set \"{id}\" (run `insyn rules` for the list)")
            }
            EngineError::UnknownRegion { region } => {
                write!(f, "region: unknown region \"{region}\" (run `insyn rules` for the list)")
            }
            EngineError::NoRuleSetInForce { region, date } => write!(
                f,
                "no rule set of region \"{region}\" is in force on {date}; pin one with --rules"
            ),
            EngineError::BeforeBirth { date, birth } => {
                write!(f, "date {date} is before the child's birth ({birth})")
            }
            EngineError::NotAMinor {
                date,
                eighteenth_birthday,
            } => write!(
                f,
                "not a minor on that date: {date} is after the 18th birthday ({eighteenth_birthday})"
            ),
            EngineError::BadDate { input } => {
                write!(f, "\"{input}\" is not a date (expected YYYY-MM-DD)")
            }
            EngineError::RuleSetFile { file, message } => {
                write!(f, "rule set file {file}: {message}")
            }
        }
    }
}

impl std::error::Error for EngineError {}

/// Parse a calendar date as YYYY-MM-DD, with a clear error.
pub fn parse_date(input: &str) -> Result<NaiveDate, EngineError> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| EngineError::BadDate {
        input: input.to_string(),
    })
}
