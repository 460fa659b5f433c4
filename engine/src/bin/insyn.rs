//! The command-line front of the engine, so it can be run and checked without a browser.
//! Output is JSON on stdout; invalid input exits 2 with the message on stderr.

use std::process::ExitCode;

use chrono::NaiveDate;
use insyn_engine::documents::{self, DocumentInput, DocumentKind, StaffDetails};
use insyn_engine::guardian_view::guardian_views;
use insyn_engine::{parse_date, Case, Catalog, EngineError};
use serde_json::{json, Value};

const USAGE: &str = "usage:
  insyn evaluate CASE.json --date YYYY-MM-DD [--rules ID]
  insyn timeline CASE.json [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--rules ID]
  insyn diff CASE.json --rules A --rules B [--from YYYY-MM-DD] [--to YYYY-MM-DD]
  insyn document CASE.json --kind request|note|phone|answer --measure ID [--date YYYY-MM-DD] [--staff STAFF.json] [--json]
  insyn rules";

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
        match arg.as_str() {
            "--date" => options.date = Some(parse_date(&value("--date")?)?),
            "--from" => options.from = Some(parse_date(&value("--from")?)?),
            "--to" => options.to = Some(parse_date(&value("--to")?)?),
            "--rules" => options.rules.push(value("--rules")?),
            "--kind" => options.kind = Some(value("--kind")?),
            "--measure" => options.measure = Some(value("--measure")?),
            "--staff" => options.staff_path = Some(value("--staff")?),
            "--json" => options.json = true,
            other if other.starts_with("--") => {
                return Err(UsageError(format!("unknown option {other}")))
            }
            path => {
                if options.case_path.replace(path.to_string()).is_some() {
                    return Err(UsageError("give one case file".into()));
                }
            }
        }
    }
    Ok(options)
}

fn read_case(options: &Options) -> Result<Case, UsageError> {
    let path = options
        .case_path
        .as_deref()
        .ok_or_else(|| UsageError("give a case file".into()))?;
    let text = std::fs::read_to_string(path)
        .map_err(|error| UsageError(format!("cannot read {path}: {error}")))?;
    Ok(Case::from_json(&text)?)
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
    let text = std::fs::read_to_string(path)
        .map_err(|error| UsageError(format!("cannot read {path}: {error}")))?;
    serde_json::from_str(&text).map_err(|error| UsageError(format!("--staff {path}: {error}")))
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
    if args.first().map(String::as_str) == Some("document") {
        return document(&parse_options(&args[1..])?);
    }
    run_json(args).map(Output::Json)
}

fn run_json(args: &[String]) -> Result<Value, UsageError> {
    let catalog = Catalog::embedded();
    let Some((command, rest)) = args.split_first() else {
        return Err(UsageError(USAGE.into()));
    };
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
            if options.case_path.is_some() || !options.rules.is_empty() {
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
        _ => Err(UsageError(format!("unknown command {command}\n{USAGE}"))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(Output::Json(value)) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&value).expect("output serialises")
            );
            ExitCode::SUCCESS
        }
        Ok(Output::Text(text)) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(UsageError(message)) => {
            eprintln!("insyn: {message}");
            ExitCode::from(2)
        }
    }
}
