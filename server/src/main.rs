//! `vitrine`: the command line of the server. See `vitrine --help`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vitrine::config::Config;
use vitrine::run;

#[derive(Debug, Parser)]
#[command(
    name = "vitrine",
    version,
    about = "The online shop window of a town's independent shops"
)]
struct Cli {
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
    /// Load the demo town into an empty database.
    SeedDemo {
        /// Directory of the demo town's data files.
        #[arg(long, default_value = "seed/demo")]
        demo_dir: PathBuf,
        /// Multiply the town into this many businesses (load tests).
        #[arg(long)]
        businesses: Option<usize>,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    run::init_tracing();
    let result = match cli.command {
        Command::Serve {
            seed_demo,
            demo_dir,
        } => run::serve(&cli.config, seed_demo.then_some(demo_dir.as_path())).await,
        Command::Migrate => run::migrate(&cli.config).await,
        Command::SeedDemo {
            demo_dir,
            businesses,
        } => run::seed_demo(&cli.config, &demo_dir, businesses).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("vitrine: {error}");
            ExitCode::FAILURE
        }
    }
}
