//! `vitrine`: the command line of the server. See `vitrine --help`.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vitrine::config::Config;
use vitrine::{config_file, run};

/// mimalloc rather than glibc's malloc (see server/Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "vitrine", version, about = "The online shop window of a town's independent shops")]
struct Cli {
    /// A TOML file with the same settings as the environment variables (`database_url`,
    /// `db_pool`, `bind`, `public_url`, `media_dir`, `site_root`); flags and environment
    /// variables take precedence over it.
    #[arg(long = "config", env = "VITRINE_CONFIG", global = true, value_name = "FILE")]
    _config_file: Option<PathBuf>,
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending migrations and serve the site.
    Serve {
        /// Load the demo town first if the database holds no business.
        #[arg(long)]
        seed_demo: bool,
        /// Directory of the demo town's data files.
        #[arg(long, default_value = "seed/demo")]
        demo_dir: PathBuf,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Create a town administrator (or make an existing account one).
    CreateAdmin {
        #[arg(long)]
        email: String,
        /// Read the password from standard input (one line); required for now.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Back up the database and the media folder into a new folder, while the site runs
    /// (SQLite: a consistent copy of the file; PostgreSQL: pg_dump). DIR/RESTORE.txt says how to
    /// restore it (docs/DEPLOY.md).
    Backup {
        /// The folder to create, e.g. /var/backups/vitrine/2026-12-04 (must not exist, or be empty).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Queue the offers e-mails due at an instant (the week's digest from Monday 08:00 in Brussels,
    /// the daily followers' e-mails), once across instances, as the server's job does, then exit.
    Digest {
        /// The instant to run as of (RFC 3339, e.g. 2026-11-30T08:30:00+01:00); default: the
        /// clock (`VITRINE_NOW` or the system's).
        #[arg(long, value_name = "RFC3339", value_parser = vitrine::config::parse_instant)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        /// Also send the waiting e-mails through VITRINE_SMTP_URL before exiting.
        #[arg(long)]
        send: bool,
    },
    /// Load the demo town into an empty database.
    SeedDemo {
        /// Directory of the demo town's data files.
        #[arg(long, default_value = "seed/demo")]
        demo_dir: PathBuf,
        /// Multiply the town into this many businesses (load tests).
        #[arg(long)]
        businesses: Option<usize>,
        /// Add this many generated live offers over the businesses (load tests).
        #[arg(long)]
        offers: Option<usize>,
        /// Copy the catalogue's products (renamed as new series) until the town has this many
        /// (load tests: `--businesses 5000 --products 100000`).
        #[arg(long)]
        products: Option<usize>,
    },
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // The file is read before the command line is parsed and before any thread starts: its
    // settings become the environment variables that are not already set.
    if let Some(path) = config_file::path_from(&args, std::env::var_os("VITRINE_CONFIG")) {
        match config_file::read(&path) {
            Ok(settings) => config_file::apply(settings),
            Err(error) => {
                eprintln!("vitrine: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    let cli = Cli::parse_from(args);
    run::init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("vitrine: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve { seed_demo, demo_dir } => {
                run::serve(&cli.config, seed_demo.then_some(demo_dir.as_path())).await
            }
            Command::Migrate => run::migrate(&cli.config).await,
            Command::CreateAdmin { email, password_stdin } => {
                // The page that redeems an invitation link is not built yet: until it is, the
                // password is read from standard input.
                if !password_stdin {
                    return Err("give the password on standard input with --password-stdin, e.g. \
                                `read -s P && echo \"$P\" | vitrine create-admin --email … --password-stdin`"
                        .into());
                }
                let mut line = String::new();
                if let Err(error) = std::io::stdin().read_line(&mut line) {
                    return Err(format!("cannot read the password from standard input: {error}").into());
                }
                let password = Some(line.trim_end_matches(['\n', '\r']).to_owned());
                run::create_admin(&cli.config, &email, password).await
            }
            Command::Backup { dir } => match vitrine::backup::backup(&cli.config, &dir).await {
                Ok(report) => {
                    println!(
                        "backup written to {}: database and {} media files ({:.1} MB; the {} photo files the \
                         database names are all there). Restoring: {}/RESTORE.txt",
                        dir.display(),
                        report.media_files,
                        report.media_bytes as f64 / 1e6,
                        report.photos_checked,
                        dir.display()
                    );
                    Ok(())
                }
                Err(error) => Err(error),
            },
            Command::Digest { now, send } => {
                let now = now.unwrap_or_else(|| cli.config.clock().now());
                let report = vitrine::digest::run_once(&cli.config, now, send).await?;
                let weekly = match report.weekly {
                    domain::offers::digest::Outcome::NotDue => "no week due".to_string(),
                    domain::offers::digest::Outcome::AlreadyDone => "week already done".to_string(),
                    domain::offers::digest::Outcome::Queued { week, emails } => {
                        format!("week of {week}: {emails} e-mails queued")
                    }
                };
                println!(
                    "offers digest as of {now}: {weekly}; daily: {} e-mails queued{}",
                    report.daily_emails,
                    if send { format!("; {} e-mails sent", report.sent) } else { String::new() }
                );
                Ok(())
            }
            Command::SeedDemo { demo_dir, businesses, offers, products } => {
                run::seed_demo(&cli.config, &demo_dir, businesses, offers, products).await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("vitrine: {error}");
            ExitCode::FAILURE
        }
    }
}
