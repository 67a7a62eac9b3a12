//! The `aduan-receiver` command: reads the command line, loads the widget's
//! config and runs the server until it stops. Everything else is in the library.

use std::io::Write;
use std::process::ExitCode;

use aduan::config::Config;
use aduan_receiver::cli::{self, Command, USAGE};
use aduan_receiver::http::{MAX_BODY_BYTES, largest_widget_body};
use aduan_receiver::{Options, open311, serve};

fn main() -> ExitCode {
    let arguments: Option<Vec<String>> = std::env::args_os().skip(1).map(|a| a.into_string().ok()).collect();
    let parsed = match arguments {
        Some(arguments) => cli::parse(arguments),
        None => Err(cli::CliError("arguments must be valid UTF-8".to_owned())),
    };
    let args = match parsed {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(args)) => args,
        Err(error) => {
            eprintln!("aduan-receiver: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let config = match std::fs::read_to_string(&args.config) {
        Ok(text) => Config::from_json(&text),
        Err(error) => {
            eprintln!("aduan-receiver: cannot read the config {}: {error}", args.config.display());
            return ExitCode::FAILURE;
        }
    };
    let config = match config {
        Ok(config) => config,
        Err(error) => {
            eprintln!("aduan-receiver: the config {} has a problem: {error}", args.config.display());
            return ExitCode::FAILURE;
        }
    };
    let regency = format!("{} ({})", config.regency.name, config.regency.code);
    if largest_widget_body(&config) > MAX_BODY_BYTES as u64 {
        eprintln!(
            "aduan-receiver: warning: the config allows attachments adding up to more than this receiver's \
             {} MiB limit; such complaints will be refused with 413 too_large",
            MAX_BODY_BYTES / (1024 * 1024)
        );
    }
    let options = Options {
        db: args.db.clone(),
        listen: args.listen,
        allow_origins: args.allow_origins,
        tracking_prefix: args.tracking_prefix,
        open311: open311::Settings { api_key: args.open311_api_key, jurisdiction: args.open311_jurisdiction },
        faults: args.faults,
        ..Options::new(config)
    };
    let server = match serve(options) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("aduan-receiver: {error}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("aduan-receiver: receiving complaints for {regency} into {}", args.db.display());
    if args.faults {
        eprintln!(
            "aduan-receiver: WARNING: --faults is on: anyone who can reach this receiver can make it fail, delay \
             or drop complaints through /api/_faults. For tests only; never run it like this in production."
        );
    }
    // Scripts and tests wait for this exact line to know the port.
    println!("aduan-receiver listening on {}", server.url());
    let _ = std::io::stdout().flush();
    match server.wait() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("aduan-receiver: {error}");
            ExitCode::FAILURE
        }
    }
}
