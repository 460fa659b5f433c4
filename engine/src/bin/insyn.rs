//! The command-line front of the engine, so it can be run and checked without a browser.
//! Output is JSON on stdout; invalid input exits 2 with a one-line message on stderr,
//! every control character of it escaped. A reader that closes stdout early (`| head`)
//! ends the program quietly with status 0.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use insyn_engine::case::limits::MAX_TEXT_BYTES;
use insyn_engine::documents::{self, DocumentInput, DocumentKind, StaffDetails};
use insyn_engine::guardian_view::guardian_views;
use insyn_engine::{parse_date, Case, Catalog, EngineError};
use serde_json::{json, Value};

const USAGE: &str = "usage:
  insyn evaluate CASE.json --date YYYY-MM-DD [--rules ID]
  insyn timeline CASE.json [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--rules ID]
  insyn diff CASE.json --rules A --rules B [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  insyn document CASE.json --kind request|note|phone|answer --measure ID [--date YYYY-MM-DD] [--staff STAFF.json] [--json]
  insyn rules
  insyn help";

const COMMANDS: &str =
    "the commands are evaluate, timeline, diff, document and rules (`insyn help` shows their options)";

/// Command-line mistakes, told apart from engine errors only by their wording.
struct UsageError(String);

impl From<EngineError> for UsageError {
    fn from(error: EngineError) -> Self {
        UsageError(error.to_string())
    }
}

#[derive(Default)]
struct Options {
    case_path: Option<String>,
    date: Option<NaiveDate>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    rules: Vec<String>,
    kind: Option<String>,
    measure: Option<String>,
    staff_path: Option<String>,
    json: bool,
}

fn parse_options(args: &[String]) -> Result<Options, UsageError> {
    let mut options = Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| UsageError(format!("{name} needs a value")))
        };
        let mut date = |name: &str| -> Result<Option<NaiveDate>, UsageError> {
            let text = value(name)?;
            parse_date(&text)
                .map(Some)
                .map_err(|error| UsageError(format!("{name}: {error}")))
        };
        match arg.as_str() {
            "--date" => options.date = date("--date")?,
            "--from" => options.from = date("--from")?,
            "--to" => options.to = date("--to")?,
            "--rules" => options.rules.push(value("--rules")?),
            "--kind" => options.kind = Some(value("--kind")?),
            "--measure" => options.measure = Some(value("--measure")?),
            "--staff" => options.staff_path = Some(value("--staff")?),
            "--json" => options.json = true,
            other if other.starts_with('-') && other != "-" => {
                return Err(UsageError(format!("unknown option {other}")))
            }
            path => {
                if options.case_path.replace(path.to_string()).is_some() {
                    return Err(UsageError("give one case file".into()));
                }
            }
        }
    }
    if let (Some(from), Some(to)) = (options.from, options.to) {
        if to < from {
            return Err(UsageError(format!("--to {to} is before --from {from}")));
        }
    }
    Ok(options)
}

/// A file's bytes, at most one more than a case file may have: enough to tell it is too
/// large without reading all of a huge file.
fn read_file(path: &str) -> Result<Vec<u8>, UsageError> {
    let cannot = |error: io::Error| UsageError(format!("cannot read {path}: {error}"));
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

fn read_case(options: &Options) -> Result<Case, UsageError> {
    let path = options
        .case_path
        .as_deref()
        .ok_or_else(|| UsageError("give a case file".into()))?;
    Case::from_bytes(&read_file(path)?).map_err(|error| UsageError(format!("{path}: {error}")))
}

/// What a command prints: JSON, or a document's plain text.
enum Output {
    Json(Value),
    Text(String),
}

fn read_staff(options: &Options) -> Result<StaffDetails, UsageError> {
    let Some(path) = options.staff_path.as_deref() else {
        return Ok(StaffDetails::default());
    };
    let bytes = read_file(path)?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        UsageError(format!(
            "--staff {path}: the file is not UTF-8 text (save it as UTF-8)"
        ))
    })?;
    serde_json::from_str(text).map_err(|error| UsageError(format!("--staff {path}: {error}")))
}

fn document(options: &Options) -> Result<Output, UsageError> {
    let catalog = Catalog::embedded();
    let case = read_case(options)?;
    let kinds = "request, note, phone or answer";
    let kind = options
        .kind
        .as_deref()
        .ok_or_else(|| UsageError(format!("document needs --kind ({kinds})")))?;
    let kind = DocumentKind::from_key(kind).ok_or_else(|| {
        UsageError(format!(
            "--kind: unknown document kind \"{kind}\" (give {kinds})"
        ))
    })?;
    let measure_id = options.measure.as_deref().ok_or_else(|| {
        UsageError("document needs --measure ID (a measure id in the case)".into())
    })?;
    let measure = case.measure(measure_id).ok_or_else(|| {
        UsageError(
            EngineError::UnknownMeasure {
                id: measure_id.into(),
            }
            .to_string(),
        )
    })?;
    // The engine reads no clock: without --date the document is dated on the decision.
    let date = options
        .date
        .or(measure.decided_on)
        .unwrap_or(measure.period.from);
    let facts = insyn_engine::validation::validate_case(&case, date)?;
    insyn_engine::validation::validate_date(&facts, date)?;
    let rules = match options.rules.as_slice() {
        [] => None,
        [id] => Some(id.as_str()),
        _ => return Err(UsageError("give --rules once".into())),
    };
    let rule_set = catalog.resolve(
        &case.region,
        rules.or(case.pinned_rule_set.as_deref()),
        date,
    )?;
    let staff = read_staff(options)?;
    let doc = documents::document(
        rule_set,
        &DocumentInput {
            case: &case,
            measure_id,
            kind,
            date,
            staff: &staff,
        },
    )?;
    Ok(if options.json {
        Output::Json(serde_json::to_value(&doc).expect("a document serialises"))
    } else {
        Output::Text(doc.to_text())
    })
}

fn run(args: &[String]) -> Result<Output, UsageError> {
    match args.first().map(String::as_str) {
        Some("document") => document(&parse_options(&args[1..])?),
        Some("help" | "--help" | "-h") if args.len() == 1 => Ok(Output::Text(format!("{USAGE}\n"))),
        Some("help" | "--help" | "-h") => Err(UsageError("help takes no arguments".into())),
        _ => run_json(args).map(Output::Json),
    }
}

fn run_json(args: &[String]) -> Result<Value, UsageError> {
    let catalog = Catalog::embedded();
    let Some((command, rest)) = args.split_first() else {
        return Err(UsageError(format!("give a command; {COMMANDS}")));
    };
    let unknown = || UsageError(format!("unknown command \"{command}\"; {COMMANDS}"));
    // Before the options: `insyn frobnicate --x` is an unknown command, not an unknown option.
    if !matches!(command.as_str(), "evaluate" | "timeline" | "diff" | "rules") {
        return Err(unknown());
    }
    let options = parse_options(rest)?;
    let one_rule_set = |options: &Options| -> Result<Option<String>, UsageError> {
        match options.rules.as_slice() {
            [] => Ok(None),
            [id] => Ok(Some(id.clone())),
            _ => Err(UsageError("give --rules once".into())),
        }
    };
    match command.as_str() {
        "evaluate" => {
            let case = read_case(&options)?;
            let date = options
                .date
                .ok_or_else(|| UsageError("evaluate needs --date YYYY-MM-DD".into()))?;
            let rules = one_rule_set(&options)?;
            let evaluation = insyn_engine::evaluate(catalog, &case, date, rules.as_deref())?;
            let rule_set = catalog
                .get(evaluation.rule_set_id)
                .expect("the evaluation names a rule set of the catalog");
            let views = guardian_views(rule_set, &case, &evaluation);
            Ok(json!({ "evaluation": evaluation, "guardian_views": views }))
        }
        "timeline" => {
            let case = read_case(&options)?;
            let rules = one_rule_set(&options)?;
            let timeline =
                insyn_engine::timeline(catalog, &case, options.from, options.to, rules.as_deref())?;
            Ok(serde_json::to_value(timeline).expect("a timeline serialises"))
        }
        "diff" => {
            let case = read_case(&options)?;
            let [a, b] = options.rules.as_slice() else {
                return Err(UsageError("diff needs --rules A --rules B".into()));
            };
            let diff = insyn_engine::diff(catalog, &case, a, b, options.from, options.to)?;
            Ok(serde_json::to_value(diff).expect("a diff serialises"))
        }
        "rules" => {
            if !rest.is_empty() {
                return Err(UsageError("rules takes no arguments".into()));
            }
            let list: Vec<Value> = catalog
                .rule_sets
                .iter()
                .map(|r| {
                    let parameters: Vec<Value> = r
                        .parameter_list()
                        .into_iter()
                        .map(|(name, citation, value)| {
                            json!({
                                "rule_id": name,
                                "term_sv": name.term_sv(),
                                "unit_sv": name.unit().label_sv(),
                                "value": value,
                                "citation": citation,
                            })
                        })
                        .collect();
                    json!({
                        "id": r.id,
                        "region": r.region,
                        "region_name": r.region_name,
                        "version": r.version,
                        "title": r.title,
                        "valid_from": r.valid_from,
                        "valid_to": r.valid_to,
                        "validity": r.validity,
                        "summary": r.summary,
                        "sources": r.sources,
                        "parameters": parameters,
                    })
                })
                .collect();
            Ok(Value::Array(list))
        }
        _ => Err(unknown()),
    }
}

/// Whether a character could break a message's line or drive the terminal: C0 and C1
/// controls (newline, ESC, …), DEL, line and paragraph separators, and the bidirectional
/// controls that reorder what is shown.
fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// The message as one line, its control characters written as escapes (`\n`, `\u{1b}`):
/// file names, ids and values quoted from the input cannot break it or drive the terminal.
fn one_line(message: &str) -> String {
    let mut line = String::with_capacity(message.len());
    for c in message.chars() {
        if is_control(c) {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line
}

/// Print an error: `insyn: ` and the message on one line of stderr.
fn report(message: &str) {
    // Nothing more to do if stderr is gone too.
    let _ = writeln!(io::stderr().lock(), "insyn: {}", one_line(message));
}

/// Write the output to stdout. A closed stdout (`insyn rules | head -c 10`) is not an
/// error: the reader has what it wanted.
fn write_out(text: &str) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            report(&format!("cannot write the output: {error}"));
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(Output::Json(value)) => {
            let text = serde_json::to_string_pretty(&value).expect("output serialises");
            write_out(&format!("{text}\n"))
        }
        Ok(Output::Text(text)) => write_out(&text),
        Err(UsageError(message)) => {
            report(&message);
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_a_message_are_escaped_onto_one_line() {
        assert_eq!(
            one_line("cannot read a\nb\u{1b}[31m.json: \t\r\u{7f}\u{85}"),
            "cannot read a\\nb\\u{1b}[31m.json: \\t\\r\\u{7f}\\u{85}"
        );
        assert_eq!(
            one_line("id \"\u{202e}txt.exe\u{2066}\u{2028}\""),
            "id \"\\u{202e}txt.exe\\u{2066}\\u{2028}\""
        );
    }

    #[test]
    fn ordinary_text_is_left_as_it_is() {
        let message = "measures[0].id: \"blockering-vh2\" is used twice; Åsa, 20170101-2393 \\ ok";
        assert_eq!(one_line(message), message);
    }
}
