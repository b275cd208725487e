//! The quality gate: runs the shared corpora (when `../shared` is present) through the core and
//! fails when a score drops below the floor recorded in `tests/corpus-floors.json`.
//!
//! Floors hold what the project has reached and only move up; a change that lowers one must say
//! why in its commit. The scorer is the shared one (`../shared/tools/score.py`), so the figures
//! are the ones `run-corpus` prints.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use folio::Options;

fn shared_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

#[derive(serde::Deserialize)]
struct TruthRow {
    id: String,
    page: String,
    url: Option<String>,
}

fn read_page(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap_or_default();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out);
        out
    } else {
        bytes
    }
}

/// Extracts every page of a corpus into `out/<id>.json`, as `folio extract --format json` would.
fn run_corpus(corpus: &Path, out: &Path) {
    std::fs::create_dir_all(out).expect("temp dir");
    let truth = std::fs::read_to_string(corpus.join("truth.jsonl")).expect("truth.jsonl");
    for line in truth.lines().filter(|l| !l.trim().is_empty()) {
        let row: TruthRow = serde_json::from_str(line).expect("truth row");
        let html = folio::decode_page(&read_page(&corpus.join(&row.page))).unwrap_or_default();
        let json = match folio::extract_html(&html, row.url.as_deref(), &Options::default()) {
            Ok(a) => serde_json::to_string(&a).expect("json"),
            Err(_) => "{}".to_string(),
        };
        std::fs::write(out.join(format!("{}.json", row.id)), json).expect("write");
    }
}

/// The scorer's aggregate figures, flattened: f1, precision, recall, word_f1, and each metadata
/// field by name.
fn score(corpus: &Path, pred: &Path) -> BTreeMap<String, f64> {
    let json_out = pred.join("_score.json");
    let status = Command::new("python3")
        .arg(shared_dir().join("tools/score.py"))
        .arg(corpus)
        .arg(pred)
        .arg("--quiet")
        .arg("--json")
        .arg(&json_out)
        .status()
        .expect("python3 runs the shared scorer");
    assert!(status.success(), "scorer failed");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_out).expect("score json"))
            .expect("parse");
    let mut out = BTreeMap::new();
    for k in ["f1", "precision", "recall", "word_f1"] {
        if let Some(x) = v[k].as_f64() {
            out.insert(k.to_string(), x);
        }
    }
    if let Some(meta) = v["metadata"].as_object() {
        for (k, pair) in meta {
            if let Some(x) = pair[0].as_f64() {
                out.insert(k.clone(), x);
            }
        }
    }
    out
}

#[test]
fn corpus_scores_stay_at_or_above_their_floors() {
    let shared = shared_dir();
    if !shared.join("corpus").is_dir() {
        eprintln!("../shared/corpus not present: corpus gate skipped");
        return;
    }
    let floors_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus-floors.json"),
    )
    .expect("floors file");
    let floors: BTreeMap<String, BTreeMap<String, f64>> =
        serde_json::from_str(&floors_text).expect("floors json");
    let mut failures = Vec::new();
    for (corpus_name, fields) in &floors {
        let corpus = shared.join("corpus").join(corpus_name);
        let out =
            std::env::temp_dir().join(format!("folio-gate-{}-{}", corpus_name, std::process::id()));
        run_corpus(&corpus, &out);
        let got = score(&corpus, &out);
        for (field, floor) in fields {
            let value = got.get(field).copied().unwrap_or(0.0);
            println!("{corpus_name:>16} {field:<14} {value:.4} (floor {floor:.4})");
            if value + 1e-9 < *floor {
                failures.push(format!(
                    "{corpus_name} {field}: {value:.3} < floor {floor:.3}"
                ));
            }
        }
        let _ = std::fs::remove_dir_all(&out);
    }
    assert!(
        failures.is_empty(),
        "below the recorded floors:\n{}",
        failures.join("\n")
    );
}
