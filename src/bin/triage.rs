//! `triage`: train, run and evaluate the triage model.
//!
//! ```text
//! triage classify --config PATH [--model PATH]           JSON lines in, JSON lines out
//! triage eval --config PATH --labels FILE [--model PATH] [--no-rules]
//! triage train --csv FILE --topics TSV --agencies TSV --examples TSV --normalize TSV
//!              [--until YYYY-MM-DD] [--out PATH] [--max-features N] [--prune FRACTION]
//! triage labels --csv FILE --agencies TSV [--from YYYY-MM-DD]   labelled JSON lines for eval
//! ```
//!
//! The browser never runs this; it shares the featurizer and the model format
//! with the widget through the `aduan::triage` module.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("classify") => cli::classify(&args[1..]),
        Some("eval") => cli::eval(&args[1..]),
        Some("train") => cli::train(&args[1..]),
        Some("labels") => cli::labels(&args[1..]),
        Some("-h" | "--help") => {
            print!("{}", cli::USAGE);
            Ok(())
        }
        _ => Err(format!("unknown command\n\n{}", cli::USAGE)),
    };
    if let Err(message) = result {
        eprintln!("triage: {message}");
        std::process::exit(2);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::collections::{BTreeMap, HashMap, HashSet};
    use std::io::{BufRead, Write};

    use aduan::config::Config;
    use aduan::triage::eval::{Outcome, score};
    use aduan::triage::train::{Document, Options, header, train as fit};
    use aduan::triage::{Danger, Model, Route, Routing, Suggestion, Topic, suggest};
    use serde_json::{Value, json};
    use sha2::{Digest, Sha256};

    pub const USAGE: &str = "\
usage:
  triage classify --config PATH [--model PATH]
      reads JSON lines {\"id\": …, \"text\": …} on stdin, writes one JSON line per input
  triage eval --config PATH --labels FILE [--model PATH] [--no-rules]
      reads JSON lines with \"text\" and \"agency\" (or \"topic\"), prints accuracy,
      top-3 accuracy, macro-F1 and the confusion per class
  triage train --csv FILE --topics TSV --agencies TSV --examples TSV --normalize TSV
               [--until YYYY-MM-DD] [--out PATH] [--max-features N] [--prune FRACTION]
      trains the model (default out: triage/model.bin; defaults: 3500 features,
      weights under 0.1 of the largest dropped)
  triage labels --csv FILE --agencies TSV [--from YYYY-MM-DD]
      writes the labelled complaints of a Media Center export as JSON lines
";

    /// The model shipped with the widget.
    const SHIPPED_MODEL: &[u8] = include_bytes!("../../triage/model.bin");

    type Result<T> = std::result::Result<T, String>;

    /// `--name value` options; anything else is an error that names it.
    struct Flags {
        values: HashMap<String, String>,
        switches: HashSet<String>,
    }

    impl Flags {
        fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Flags> {
            let mut flags = Flags { values: HashMap::new(), switches: HashSet::new() };
            let mut iter = args.iter();
            while let Some(arg) = iter.next() {
                let name = arg.strip_prefix("--").ok_or_else(|| format!("unexpected argument {arg:?}\n\n{USAGE}"))?;
                if switches.contains(&name) {
                    flags.switches.insert(name.to_owned());
                } else if with_value.contains(&name) {
                    let value = iter.next().ok_or_else(|| format!("--{name} needs a value"))?;
                    flags.values.insert(name.to_owned(), value.clone());
                } else {
                    return Err(format!("unknown option --{name}\n\n{USAGE}"));
                }
            }
            Ok(flags)
        }

        fn required(&self, name: &str) -> Result<&str> {
            self.values.get(name).map(String::as_str).ok_or_else(|| format!("--{name} is required\n\n{USAGE}"))
        }

        fn optional(&self, name: &str) -> Option<&str> {
            self.values.get(name).map(String::as_str)
        }
    }

    fn read(path: &str) -> Result<Vec<u8>> {
        std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
    }

    fn read_text(path: &str) -> Result<String> {
        String::from_utf8(read(path)?).map_err(|_| format!("{path} is not UTF-8 text"))
    }

    fn load_model(flags: &Flags) -> Result<Model> {
        let bytes = match flags.optional("model") {
            Some(path) => read(path)?,
            None => SHIPPED_MODEL.to_vec(),
        };
        Model::from_bytes(&bytes).map_err(|e| e.to_string())
    }

    fn load_routing(flags: &Flags) -> Result<(Config, Routing)> {
        let path = flags.required("config")?;
        let config = Config::from_json(&read_text(path)?).map_err(|e| format!("{path}: {e}"))?;
        let routing = config.triage.clone().ok_or_else(|| format!("{path} has no \"triage\" section"))?;
        Ok((config, routing))
    }

    fn emergency_number(routing: &Routing, danger: Danger) -> &str {
        let numbers = &routing.emergency;
        match danger {
            Danger::Fire => &numbers.fire,
            Danger::Rescue => &numbers.rescue,
            Danger::Medical | Danger::Accident => &numbers.ambulance,
            Danger::Violence => &numbers.police,
        }
    }

    fn suggestion_json(id: &Value, suggestion: &Suggestion, routing: &Routing) -> Value {
        let referral = match &suggestion.route {
            Route::Referral(referral) => json!({"name": referral.name, "phone": referral.phone, "url": referral.url}),
            _ => Value::Null,
        };
        let agency = match &suggestion.route {
            Route::Agency(id) => json!(id),
            _ => Value::Null,
        };
        json!({
            "id": id,
            "topic": suggestion.topic.map(Topic::code),
            "topic_confidence": round(suggestion.topic_probability),
            "agency": agency,
            "referral": referral,
            "confidence": suggestion.confidence.code(),
            "emergency": suggestion.emergency.is_some(),
            "danger": suggestion.emergency.as_ref().map(|e| e.danger.code()),
            "emergency_number": suggestion.emergency.as_ref().map(|e| emergency_number(routing, e.danger)),
            "kind": suggestion.kind.map(|k| k.code()),
            "alternatives": suggestion.alternatives.iter().map(|(agency, p)| json!({"agency": agency, "confidence": round(*p)})).collect::<Vec<_>>(),
            "reasons": suggestion.reasons,
        })
    }

    fn round(p: f32) -> f64 {
        (f64::from(p) * 1000.0).round() / 1000.0
    }

    pub fn classify(args: &[String]) -> Result<()> {
        let flags = Flags::parse(args, &["config", "model"], &[])?;
        let (_, routing) = load_routing(&flags)?;
        let model = load_model(&flags)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for (number, line) in std::io::stdin().lock().lines().enumerate() {
            let line = line.map_err(|e| format!("reading stdin: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let input: Value =
                serde_json::from_str(&line).map_err(|e| format!("line {}: not JSON: {e}", number + 1))?;
            let text = input
                .get("text")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("line {}: no \"text\" string", number + 1))?;
            let suggestion = suggest(&model, &routing, text);
            let id = input.get("id").cloned().unwrap_or(Value::Null);
            writeln!(out, "{}", suggestion_json(&id, &suggestion, &routing)).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    pub fn eval(args: &[String]) -> Result<()> {
        let flags = Flags::parse(args, &["config", "labels", "model"], &["no-rules"])?;
        let (_, mut routing) = load_routing(&flags)?;
        if flags.switches.contains("no-rules") {
            routing.rules.clear();
        }
        let model = load_model(&flags)?;
        let labels_path = flags.required("labels")?;
        let mut outcomes = Vec::new();
        let mut bands: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let mut emergencies = 0;
        for (number, line) in read_text(labels_path)?.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let row: Value =
                serde_json::from_str(line).map_err(|e| format!("{labels_path} line {}: {e}", number + 1))?;
            let text = row.get("text").and_then(Value::as_str).unwrap_or_default();
            let suggestion = suggest(&model, &routing, text);
            emergencies += usize::from(suggestion.emergency.is_some());
            let (truth, ranked) = if let Some(agency) = row.get("agency").and_then(Value::as_str) {
                (agency.to_owned(), suggestion.ranked_agencies())
            } else if let Some(topic) = row.get("topic").and_then(Value::as_str) {
                let ranked = model.score(text).ranking().iter().take(3).map(|(t, _)| t.code().to_owned()).collect();
                (topic.to_owned(), ranked)
            } else {
                return Err(format!("{labels_path} line {}: needs \"agency\" or \"topic\"", number + 1));
            };
            let band = bands.entry(suggestion.confidence.code()).or_default();
            band.0 += 1;
            band.1 += usize::from(ranked.first() == Some(&truth));
            outcomes.push(Outcome { truth, ranked });
        }
        let report = score(&outcomes);
        println!("complaints: {}", report.total);
        println!("accuracy:   {:.3}", report.accuracy);
        println!("top-3:      {:.3}", report.top3);
        println!("macro-F1:   {:.3}", report.macro_f1);
        println!(
            "emergency flagged: {} ({:.2}%)",
            emergencies,
            100.0 * emergencies as f64 / report.total.max(1) as f64
        );
        println!("by confidence shown to the citizen:");
        for (band, (count, right)) in &bands {
            println!("  {band:<7} {count:>5} complaints, {:.3} right", *right as f64 / (*count).max(1) as f64);
        }
        println!();
        println!("{:<28} {:>7} {:>9} {:>7} {:>6}  confused with", "class", "support", "precision", "recall", "F1");
        for class in &report.classes {
            let confused: Vec<String> = class.confused_with.iter().take(3).map(|(c, n)| format!("{c} {n}")).collect();
            println!(
                "{:<28} {:>7} {:>9.3} {:>7.3} {:>6.3}  {}",
                class.class,
                class.support,
                class.precision,
                class.recall,
                class.f1,
                confused.join(", ")
            );
        }
        Ok(())
    }

    /// One row of a Media Center export, as far as training needs it.
    struct Row {
        date: String,
        text: String,
        operator_topic: String,
        agency_name: String,
    }

    /// Reads an export, de-duplicated: the first occurrence of a text wins,
    /// so a complaint posted twice cannot sit on both sides of a time split.
    fn read_export(path: &str) -> Result<Vec<Row>> {
        let mut reader = csv::Reader::from_path(path).map_err(|e| format!("{path}: {e}"))?;
        let headers = reader.headers().map_err(|e| format!("{path}: {e}"))?.clone();
        let column =
            |name: &str| headers.iter().position(|h| h == name).ok_or_else(|| format!("{path} has no column {name:?}"));
        let (date, text, topic, agency) =
            (column("tanggal_keluhan")?, column("keluhan")?, column("topik")?, column("instansi")?);
        let mut seen = HashSet::new();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| format!("{path}: {e}"))?;
            let text_value = record.get(text).unwrap_or_default().trim().to_owned();
            if text_value.is_empty() || !seen.insert(text_value.clone()) {
                continue;
            }
            rows.push(Row {
                date: record.get(date).unwrap_or_default().chars().take(10).collect(),
                text: text_value,
                operator_topic: record.get(topic).unwrap_or_default().trim().to_owned(),
                agency_name: record.get(agency).unwrap_or_default().trim().to_owned(),
            });
        }
        Ok(rows)
    }

    /// `name<TAB>value…` lines, `#` comments skipped.
    fn read_table(path: &str, columns: usize) -> Result<Vec<Vec<String>>> {
        let mut rows = Vec::new();
        for (number, line) in read_text(path)?.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_owned()).collect();
            if cells.len() != columns {
                return Err(format!("{path} line {}: expected {columns} tab-separated columns", number + 1));
            }
            rows.push(cells);
        }
        Ok(rows)
    }

    /// Agency names in the export → (agency id, topic for rows with no operator topic).
    /// A name ending in ` *` matches every name with that prefix (all kelurahan).
    struct Agencies(Vec<(String, String, Option<Topic>)>);

    impl Agencies {
        fn read(path: &str) -> Result<Agencies> {
            let rows = read_table(path, 3)?;
            let mut agencies = Vec::new();
            for row in rows {
                let topic = if row[2] == "-" {
                    None
                } else {
                    Some(Topic::from_code(&row[2]).ok_or_else(|| format!("{path}: unknown topic {:?}", row[2]))?)
                };
                agencies.push((row[0].clone(), row[1].clone(), topic));
            }
            Ok(Agencies(agencies))
        }

        fn find(&self, name: &str) -> Option<&(String, String, Option<Topic>)> {
            self.0.iter().find(|(pattern, _, _)| match pattern.strip_suffix(" *") {
                Some(prefix) => name.starts_with(prefix),
                None => pattern == name,
            })
        }
    }

    fn sha256(bytes: &[u8]) -> String {
        Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn train(args: &[String]) -> Result<()> {
        let flags = Flags::parse(
            args,
            &["csv", "topics", "agencies", "examples", "normalize", "until", "out", "max-features", "prune"],
            &[],
        )?;
        let mut options = Options::default();
        if let Some(n) = flags.optional("max-features") {
            options.max_features = n.parse().map_err(|_| format!("--max-features {n:?} is not a whole number"))?;
        }
        if let Some(x) = flags.optional("prune") {
            options.prune = x.parse().map_err(|_| format!("--prune {x:?} is not a number"))?;
        }
        let csv_path = flags.required("csv")?;
        let topics_path = flags.required("topics")?;
        let agencies_path = flags.required("agencies")?;
        let examples_path = flags.required("examples")?;
        let normalize_path = flags.required("normalize")?;
        let out_path = flags.optional("out").unwrap_or("triage/model.bin");
        let until = flags.optional("until");

        let mut topic_of: HashMap<String, Topic> = HashMap::new();
        for row in read_table(topics_path, 2)? {
            let topic =
                Topic::from_code(&row[1]).ok_or_else(|| format!("{topics_path}: unknown topic {:?}", row[1]))?;
            topic_of.insert(row[0].clone(), topic);
        }
        let agencies = Agencies::read(agencies_path)?;
        let export = read_export(csv_path)?;
        let mut documents = Vec::new();
        let mut unlabelled = 0;
        for row in &export {
            if until.is_some_and(|until| row.date.as_str() > until) {
                continue;
            }
            let topic =
                if row.operator_topic.is_empty() {
                    agencies.find(&row.agency_name).and_then(|(_, _, topic)| *topic)
                } else {
                    Some(*topic_of.get(&row.operator_topic).ok_or_else(|| {
                        format!("{topics_path} does not map the operator topic {:?}", row.operator_topic)
                    })?)
                };
            match topic {
                Some(topic) => documents.push(Document { text: row.text.clone(), topic, weight: 1.0 }),
                None => unlabelled += 1,
            }
        }
        let from_export = documents.len();
        for row in read_table(examples_path, 2)? {
            let topic =
                Topic::from_code(&row[0]).ok_or_else(|| format!("{examples_path}: unknown topic {:?}", row[0]))?;
            // Hand-written examples are few and clean: they count twice.
            documents.push(Document { text: row[1].clone(), topic, weight: 2.0 });
        }
        let table = read_text(normalize_path)?;
        let trained = fit(&documents, &table, &options);

        let command = std::iter::once("cargo run --release --bin triage -- train".to_owned())
            .chain(args.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        let id = format!("aduan-triage {}", &sha256(&trained.body)[..12]);
        let provenance = vec![
            format!("command: {command}"),
            format!("data: {csv_path} sha256 {}", sha256(&read(csv_path)?)),
            format!(
                "complaints: {from_export} after removing duplicates{}, {unlabelled} without a topic left out; {} hand-written examples",
                until.map(|u| format!(" and those after {u}")).unwrap_or_default(),
                documents.len() - from_export
            ),
            format!("topics: {topics_path} sha256 {}", sha256(&read(topics_path)?)),
            format!("agencies: {agencies_path} sha256 {}", sha256(&read(agencies_path)?)),
            format!("examples: {examples_path} sha256 {}", sha256(&read(examples_path)?)),
            format!("normalize: {normalize_path} sha256 {}", sha256(table.as_bytes())),
            format!(
                "features: {} kept of {} seen in at least 5 complaints; {} weights",
                trained.kept_features, trained.eligible_features, trained.kept_weights
            ),
        ];
        let mut file = header(&id, &provenance).into_bytes();
        file.extend(&trained.body);
        std::fs::write(out_path, &file).map_err(|e| format!("cannot write {out_path}: {e}"))?;
        eprintln!(
            "{out_path}: {id}, {} bytes, {} features, {} weights",
            file.len(),
            trained.kept_features,
            trained.kept_weights
        );
        Ok(())
    }

    pub fn labels(args: &[String]) -> Result<()> {
        let flags = Flags::parse(args, &["csv", "agencies", "from"], &[])?;
        let agencies = Agencies::read(flags.required("agencies")?)?;
        let from = flags.optional("from");
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for row in read_export(flags.required("csv")?)? {
            if from.is_some_and(|from| row.date.as_str() < from) {
                continue;
            }
            let Some((_, agency, _)) = agencies.find(&row.agency_name) else {
                return Err(format!("no agency id for {:?}", row.agency_name));
            };
            writeln!(out, "{}", json!({"date": row.date, "text": row.text, "agency": agency}))
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}
