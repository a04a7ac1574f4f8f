//! The HTTP face served on 127.0.0.1: the rule packs, `evaluate`, and the training, exam and
//! certificate routes over a SQLite store in the platform's temp folder (or in memory).
//!
//! ```text
//! cargo run --example http_server                       # SQLite in the temp folder, 127.0.0.1:8080
//! cargo run --example http_server -- --memory --bind 127.0.0.1:0
//! cargo run --example http_server -- --tokens tokens.json
//! ```
//!
//! `--tokens FILE` maps bearer tokens to actors, as JSON:
//! `{"t-agency": {"login": "hrdk-admin", "role": {"role": "agency"}}}`; without it only the
//! public routes answer (the rule packs, `evaluate`, 진위확인, the pass list after the
//! announcement). Ctrl-C stops the server after the requests in flight. See `docs/http.md`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use cqnet::adapters::memory::MemoryStore;
use cqnet::adapters::sqlite::SqliteStore;
use cqnet::store::Cqnet;
// The same crate as `cqnet::http` (feature `http`).
use cqnet_http::{Api, BearerTokens};

#[derive(Parser)]
#[command(about = "Serves cqnet's HTTP face on 127.0.0.1")]
struct Args {
    /// Keep everything in memory instead of the SQLite file.
    #[arg(long)]
    memory: bool,
    /// The SQLite file.
    #[arg(long, default_value_os_t = std::env::temp_dir().join("cqnet-http.sqlite"))]
    sqlite: PathBuf,
    /// The address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// A JSON file mapping bearer tokens to actors.
    #[arg(long)]
    tokens: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let tokens = match &args.tokens {
        Some(file) => BearerTokens::from_json(&std::fs::read_to_string(file)?)
            .map_err(|e| format!("{}: {e}", file.display()))?,
        None => BearerTokens::default(),
    };
    let router = if args.memory {
        println!("store: in memory");
        Api::new(
            Cqnet::builder(MemoryStore::new().into_async()).build(),
            tokens,
        )
        .router()
    } else {
        println!("store: SQLite at {}", args.sqlite.display());
        let store = SqliteStore::open(&args.sqlite)?.into_async();
        Api::new(Cqnet::builder(store).build(), tokens).router()
    };
    let listener = tokio::net::TcpListener::bind(args.bind).await?;
    println!("serving on http://{}", listener.local_addr()?);
    // With each peer's address, so that the 진위확인 rate limit tells clients apart.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        // Without a signal handler the server runs until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await?;
    Ok(())
}
