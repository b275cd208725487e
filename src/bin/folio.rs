//! `folio`: the extraction core on files, for people, tests and corpus runs.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use folio::{Article, Error, Options};

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Reader-mode extraction: a web page in, its article out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article of one page and print it.
    Extract {
        /// The HTML file, or `-` for standard input.
        page: String,
        /// The page's address: relative links and images are resolved against it.
        #[arg(long)]
        url: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Extract many pages, writing `OUT/<file stem>.json` for each; prints one line per failure.
    Batch {
        /// Folder for the JSON results.
        #[arg(long)]
        out: PathBuf,
        /// The HTML files.
        pages: Vec<PathBuf>,
    },
    /// Say whether a page looks like an article worth a reader view (exit 0 yes, 1 no).
    Readerable { page: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { page, url, format } => match read_page(&page).and_then(|html| {
            folio::extract_html(&html, url.as_deref(), &Options::default())
                .map_err(CliError::Extract)
        }) {
            Ok(article) => print_article(&article, format),
            Err(e) => fail(&e),
        },
        Command::Batch { out, pages } => batch(&out, &pages),
        Command::Readerable { page } => match read_page(&page) {
            Ok(html) => {
                let tree = folio::dom::html::parse_html(&html);
                let yes = folio::readerable::is_readerable(&tree);
                println!("{}", if yes { "readerable" } else { "not readerable" });
                if yes {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => fail(&e),
        },
    }
}

#[derive(Debug)]
enum CliError {
    Read(String),
    Extract(Error),
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Read(m) => f.write_str(m),
            CliError::Extract(e) => write!(f, "{e}"),
        }
    }
}

fn fail(e: &CliError) -> ExitCode {
    eprintln!("folio: {e}");
    ExitCode::from(match e {
        CliError::Extract(Error::NoArticle(_)) => 3,
        _ => 2,
    })
}

fn read_page(page: &str) -> Result<String, CliError> {
    let bytes = if page == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| CliError::Read(format!("cannot read standard input: {e}")))?;
        buf
    } else {
        std::fs::read(page).map_err(|e| CliError::Read(format!("cannot read {page}: {e}")))?
    };
    folio::decode_page(&bytes).map_err(|e| CliError::Read(format!("{page}: {e}")))
}

fn print_article(article: &Article, format: Format) -> ExitCode {
    let out = match format {
        Format::Text => article.text_document(),
        Format::Markdown => article.markdown_document(),
        Format::Html => format!("{}\n", article.content),
        Format::Json => match serde_json::to_string_pretty(article) {
            Ok(j) => j + "\n",
            Err(e) => return fail(&CliError::Read(format!("cannot encode JSON: {e}"))),
        },
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`folio extract x | head`) is not an error worth a message.
    let _ = stdout.write_all(out.as_bytes());
    ExitCode::SUCCESS
}

fn batch(out: &Path, pages: &[PathBuf]) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("folio: cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    let mut failures = 0usize;
    for page in pages {
        let stem = page.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
        let result = read_page(&page.to_string_lossy()).and_then(|html| {
            folio::extract_html(&html, None, &Options::default()).map_err(CliError::Extract)
        });
        let json = match result {
            Ok(a) => serde_json::to_string(&a).unwrap_or_else(|_| "{}".into()),
            Err(e) => {
                failures += 1;
                println!("{}: {e}", page.display());
                "{}".into()
            }
        };
        if let Err(e) = std::fs::write(out.join(format!("{stem}.json")), json) {
            eprintln!("folio: cannot write result for {}: {e}", page.display());
            return ExitCode::from(2);
        }
    }
    println!("{} pages, {} without an article", pages.len(), failures);
    ExitCode::SUCCESS
}
