//! Errors the engine reports, in English, each naming the path of the offending field
//! (e.g. `measures[2].period.to`) so a user or the UI can point at it. The engine never
//! panics on user input; every problem becomes one of these.

use chrono::NaiveDate;

use crate::identity::IdentityError;

/// What is wrong with one field. Each problem reads in English (`Display`, for the engine's
/// errors and the CLI) and in Swedish (`message_sv`, for the UI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    DuplicateId {
        id: String,
    },
    EndsBeforeStart {
        from: NaiveDate,
        to: NaiveDate,
    },
    BeforeBirth {
        date: NaiveDate,
        birth: NaiveDate,
    },
    BirthDateRequired,
    BirthDateDiffersFromNumber {
        typed: NaiveDate,
        from_number: NaiveDate,
    },
    TenDigitNumberNeedsDate,
    Identity(IdentityError),
    ThirdConcurrentGuardian {
        date: NaiveDate,
    },
    UnknownGuardian {
        id: String,
    },
    UnknownUnit {
        id: String,
    },
    UnknownMeasure {
        id: String,
    },
    NotASealing {
        id: String,
    },
    UnlockBeforeSealing {
        sealing_start: NaiveDate,
    },
    BlockingNeedsGuardian,
    SealingNeedsUnit,
    AccessBeforeAppointment {
        decided: NaiveDate,
        appointed: NaiveDate,
    },
    RangeReversed {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// A key written twice in one object of the file (JSON readers would keep either).
    DuplicateKey,
    /// A list longer than the case format allows (`case::limits`).
    TooMany {
        count: usize,
        limit: usize,
    },
    /// A text longer than the case format allows (`case::limits`), in characters.
    TooLong {
        chars: usize,
        limit: usize,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use Problem::*;
        match self {
            Empty => write!(f, "is empty"),
            DuplicateId { id } => write!(f, "\"{id}\" is used twice"),
            EndsBeforeStart { from, to } => write!(f, "ends ({to}) before it starts ({from})"),
            BeforeBirth { date, birth } => write!(f, "{date} is before the child's birth ({birth})"),
            BirthDateRequired => write!(f, "a date of birth is required (or a personnummer that gives it)"),
            BirthDateDiffersFromNumber { typed, from_number } => write!(f, "{typed} differs from the date in the identity number ({from_number})"),
            TenDigitNumberNeedsDate => write!(f, "a 10-digit number needs a date to resolve its century: give a date of birth, a 12-digit number or an end date"),
            Identity(error) => write!(f, "{error}"),
            ThirdConcurrentGuardian { date } => write!(f, "a third concurrent guardian on {date}: a child has at most two guardians at a time"),
            UnknownGuardian { id } => write!(f, "no guardian \"{id}\" in the case"),
            UnknownUnit { id } => write!(f, "no care unit \"{id}\" in the case"),
            UnknownMeasure { id } => write!(f, "no measure \"{id}\" in the case"),
            NotASealing { id } => write!(f, "measure \"{id}\" is not a sealing"),
            UnlockBeforeSealing { sealing_start } => write!(f, "the unlock request is dated before the sealing started ({sealing_start})"),
            BlockingNeedsGuardian => write!(f, "a blocking names one or both guardians"),
            SealingNeedsUnit => write!(f, "a sealing names at least one initiating care unit"),
            AccessBeforeAppointment { decided, appointed } => write!(f, "{decided} is before the appointment ({appointed})"),
            RangeReversed { from, to } => write!(f, "{to} is before {from}"),
            DuplicateKey => write!(f, "the key appears twice"),
            TooMany { count, limit } => write!(f, "{count} items; the case format allows at most {limit}"),
            TooLong { chars, limit } => write!(f, "{chars} characters; the case format allows at most {limit}"),
        }
    }
}

impl Problem {
    /// The problem in Swedish, for the field's error message in the UI.
    pub fn message_sv(&self) -> String {
        use Problem::*;
        match self {
            Empty => "Fältet får inte vara tomt.".into(),
            DuplicateId { id } => format!("Id \"{id}\" används två gånger."),
            EndsBeforeStart { from, to } => format!("Slutdatumet ({to}) ligger före startdatumet ({from})."),
            BeforeBirth { date, birth } => format!("{date} ligger före barnets födelse ({birth})."),
            BirthDateRequired => "Ange barnets födelsedatum eller personnummer.".into(),
            BirthDateDiffersFromNumber { typed, from_number } => format!("Födelsedatumet {typed} stämmer inte med datumet i numret ({from_number})."),
            TenDigitNumberNeedsDate => "Ett 10-siffrigt nummer behöver ett datum för att avgöra århundradet: ange födelsedatum eller 12 siffror.".into(),
            Identity(error) => error.message_sv(),
            ThirdConcurrentGuardian { date } => format!("Barnet skulle ha tre vårdnadshavare samtidigt den {date}. Ett barn har högst två vårdnadshavare åt gången."),
            UnknownGuardian { id } => format!("Vårdnadshavaren \"{id}\" finns inte i fallet."),
            UnknownUnit { id } => format!("Vårdenheten \"{id}\" finns inte i fallet."),
            UnknownMeasure { id } => format!("Åtgärden \"{id}\" finns inte i fallet."),
            NotASealing { id } => format!("Åtgärden \"{id}\" är ingen försegling."),
            UnlockBeforeSealing { sealing_start } => format!("Begäran om upplåsning ligger före förseglingens start ({sealing_start})."),
            BlockingNeedsGuardian => "Välj vilken eller vilka vårdnadshavare som blockeras.".into(),
            SealingNeedsUnit => "Ange minst en vårdenhet som initierar förseglingen.".into(),
            AccessBeforeAppointment { appointed, .. } => format!("Beslutet om tillgång ligger före förordnandet ({appointed})."),
            RangeReversed { from, to } => format!("{to} ligger före {from}."),
            DuplicateKey => "Fältet står två gånger i filen.".into(),
            TooMany { count, limit } => format!("Listan har {count} poster; högst {limit} får finnas."),
            TooLong { chars, limit } => format!("Texten är {chars} tecken lång; högst {limit} tecken får finnas."),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The case file is larger than the case format allows (`case::limits::MAX_TEXT_BYTES`).
    TooLarge {
        limit: usize,
    },
    /// The case file is not UTF-8 text: `byte`, on `line`, cannot be read as UTF-8 (e.g. a
    /// Latin-1 "å"). Refused rather than read with its letters replaced.
    NotUtf8 {
        line: usize,
        byte: u8,
    },
    /// The case file is not valid JSON or does not match the case format. The message is
    /// whole on its own: without a path it says what is wrong with the file.
    Malformed {
        path: String,
        message: String,
    },
    UnsupportedFormatVersion {
        found: u32,
        supported: u32,
    },
    /// A field's value breaks a rule of the case format.
    Invalid {
        path: String,
        problem: Problem,
    },
    UnknownRuleSet {
        id: String,
    },
    UnknownRegion {
        region: String,
    },
    NoRuleSetInForce {
        region: String,
        date: NaiveDate,
    },
    BeforeBirth {
        date: NaiveDate,
        birth: NaiveDate,
    },
    NotAMinor {
        date: NaiveDate,
        eighteenth_birthday: NaiveDate,
    },
    BadDate {
        input: String,
    },
    RuleSetFile {
        file: String,
        message: String,
    },
    /// A measure named for a document is not in the case.
    UnknownMeasure {
        id: String,
    },
    /// A measure that needs no document (an exception note is written, not requested).
    NoDocument {
        id: String,
    },
}

impl EngineError {
    pub fn invalid(path: impl Into<String>, problem: Problem) -> Self {
        EngineError::Invalid {
            path: path.into(),
            problem,
        }
    }

    /// The error in Swedish, for the UI.
    pub fn message_sv(&self) -> String {
        match self {
            EngineError::TooLarge { limit } => format!("Filen är för stor: ett fall får vara högst {} MB.", limit / 1_000_000),
            EngineError::NotUtf8 { line, .. } => format!("Filen är inte sparad som UTF-8 (rad {line} går inte att läsa). Spara den som UTF-8 och öppna den igen."),
            EngineError::Malformed { .. } => "Fallet kunde inte läsas: filen följer inte fallformatet.".into(),
            EngineError::UnsupportedFormatVersion { found, supported } => format!("Okänd formatversion {found} (Insyn läser version {supported})."),
            EngineError::Invalid { problem, .. } => problem.message_sv(),
            EngineError::UnknownRuleSet { id } => format!("Regelverket \"{id}\" finns inte."),
            EngineError::UnknownRegion { region } => format!("Regionen \"{region}\" finns inte bland regelverken."),
            EngineError::NoRuleSetInForce { date, .. } => format!("Inget av regionens regelverk gällde {date}. Välj ett regelverk eller ett senare datum."),
            EngineError::BeforeBirth { date, birth } => format!("{date} ligger före barnets födelse ({birth})."),
            EngineError::NotAMinor { eighteenth_birthday, .. } => format!("Barnet är inte minderårigt det datumet: 18-årsdagen var {eighteenth_birthday}."),
            EngineError::BadDate { input } => format!(
                "\"{input}\" är inget datum (ÅÅÅÅ-MM-DD, åren {}–{}).",
                crate::date::FIRST_YEAR,
                crate::date::LAST_YEAR
            ),
            EngineError::RuleSetFile { file, .. } => format!("Regelverksfilen {file} är felaktig."),
            EngineError::UnknownMeasure { id } => format!("Åtgärden \"{id}\" finns inte i fallet."),
            EngineError::NoDocument { .. } => "Ett undantag från direktåtkomst skrivs i journalsystemet under sitt sökord; det behöver ingen begäran.".into(),
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
            EngineError::TooLarge { limit } => write!(
                f,
                "the case file is larger than {limit} bytes ({} MB), the most the case format allows",
                limit / 1_000_000
            ),
            EngineError::NotUtf8 { line, byte } => write!(
                f,
                "the case file is not UTF-8 text: line {line} has the byte 0x{byte:02X}, which is not UTF-8 (save the file as UTF-8)"
            ),
            EngineError::Malformed { path, message } if path.is_empty() => f.write_str(message),
            EngineError::Malformed { path, message } => write!(f, "{path}: {message}"),
            EngineError::UnsupportedFormatVersion { found, supported } => write!(
                f,
                "format_version: unknown format version {found} (this engine reads version {supported})"
            ),
            EngineError::Invalid { path, problem } => write!(f, "{path}: {problem}"),
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
                write!(
                    f,
                    "\"{input}\" is not a date (expected YYYY-MM-DD, in the years {}–{})",
                    crate::date::FIRST_YEAR,
                    crate::date::LAST_YEAR
                )
            }
            EngineError::RuleSetFile { file, message } => {
                write!(f, "rule set file {file}: {message}")
            }
            EngineError::UnknownMeasure { id } => {
                write!(f, "--measure: no measure \"{id}\" in the case")
            }
            EngineError::NoDocument { id } => write!(
                f,
                "--measure: \"{id}\" is an exception note, which is written in the journal system, not requested: it has no documents"
            ),
        }
    }
}

impl std::error::Error for EngineError {}

/// Parse a calendar date as YYYY-MM-DD, with a clear error.
pub fn parse_date(input: &str) -> Result<NaiveDate, EngineError> {
    crate::date::parse_iso_date(input.trim())
        .filter(|date| crate::date::within_years(*date))
        .ok_or_else(|| EngineError::BadDate {
            input: input.to_string(),
        })
}
