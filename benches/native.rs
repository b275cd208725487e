//! Native benchmark: pages per second and peak memory of Folio's core beside dom_smoothie (the
//! Rust port of Readability.js) on the same pages in the same run, plus the share of Folio's
//! time spent after html5ever's parse.
//!
//! `cargo bench --bench native -- [CORPUS_DIR] [SECONDS]` (default: samples/, 3 s per tool).
//! CORPUS_DIR is a folder of .html files or a shared corpus folder with truth.jsonl (.html.gz
//! pages are unpacked). The times come from one child process in which the parse alone, Folio
//! and dom_smoothie take turns, a pass over all pages each (the order rotating every round), so
//! that the load of this shared machine falls on all three alike; each tool's peak memory comes
//! from a child process of its own.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The tools, in the order their lines are printed.
const TOOLS: [&str; 3] = ["parse", "folio", "dom_smoothie"];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = PathBuf::from(args.first().cloned().unwrap_or_else(|| "samples".into()));
    let seconds: f64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(3.0);
    if let Ok(mode) = std::env::var("FOLIO_BENCH_MODE") {
        child(&mode, &dir, seconds);
        return;
    }
    let pages = load_pages(&dir);
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    println!(
        "corpus {} : {} pages, {:.1} MB",
        dir.display(),
        pages.len(),
        bytes as f64 / 1e6
    );
    drop(pages);
    let exe = std::env::current_exe().expect("own path");
    let run_child = |mode: &str| -> String {
        let out = Command::new(&exe)
            .env("FOLIO_BENCH_MODE", mode)
            .arg(&dir)
            .arg(seconds.to_string())
            .output()
            .expect("child run");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let timing = run_child("timing");
    let memory: Vec<(&str, String)> = TOOLS
        .iter()
        .map(|&tool| (tool, run_child(&format!("memory-{tool}"))))
        .collect();
    // One line per tool: its times from the interleaved run, its memory from its own process.
    let mut results = Vec::new();
    for (tool, mem) in &memory {
        let times = timing
            .lines()
            .find(|l| l.split_whitespace().next() == Some(*tool))
            .unwrap_or("");
        let line = format!("{} {}", times.trim_end(), mem.trim());
        println!("{line}");
        results.push((*tool, line));
    }
    print!("{}", run_child("scale"));
    let get = |mode: &str, key: &str| -> f64 {
        let line = results
            .iter()
            .find(|(m, _)| *m == mode)
            .map(|(_, t)| t.as_str());
        field(line, key)
    };
    let (pps_folio, pps_ds) = (
        get("folio", "pages_per_s"),
        get("dom_smoothie", "pages_per_s"),
    );
    let (mem_folio, mem_ds) = (
        get("folio", "peak_extra_mb"),
        get("dom_smoothie", "peak_extra_mb"),
    );
    let (parse_ms, total_ms) = (get("parse", "mean_ms"), get("folio", "mean_ms"));
    println!("---");
    println!(
        "speed ratio folio / dom_smoothie (pages per second): {:.2}x",
        pps_folio / pps_ds
    );
    println!(
        "peak memory above the loaded pages: folio {mem_folio:.1} MB, dom_smoothie {mem_ds:.1} MB"
    );
    // The share from Folio's own calls: its parse and its extraction timed apart in each call,
    // so that both halves meet the same moments of this shared machine.
    let split = |key: &str| field(timing.lines().find(|l| l.starts_with("split")), key);
    println!(
        "extraction after parsing: {:.0}% of the parse, timed apart within Folio's calls \
         ({:.0} ms extraction against {:.0} ms parse over all its calls)",
        100.0 * split("extract_ms") / split("parse_ms"),
        split("extract_ms"),
        split("parse_ms")
    );
    println!(
        "  from the two tools' means instead: {:.0}% ({:.3} ms parse alone, {:.3} ms parse+extract per page)",
        100.0 * (total_ms - parse_ms) / parse_ms,
        parse_ms,
        total_ms
    );
}

/// The number after `key=` in a printed line; NaN when the line or the key is missing.
fn field(line: Option<&str>, key: &str) -> f64 {
    line.and_then(|l| {
        l.split_whitespace().find_map(|w| {
            w.strip_prefix(&format!("{key}="))
                .and_then(|v| v.parse().ok())
        })
    })
    .unwrap_or(f64::NAN)
}

fn child(mode: &str, dir: &Path, seconds: f64) {
    let pages = load_pages(dir);
    let base_rss = vm_kb("VmRSS");
    match mode {
        "scale" => scale(&pages),
        "timing" => timing(&pages, seconds),
        _ => {
            let tool = mode.strip_prefix("memory-").unwrap_or(mode);
            for (_, html, url) in &pages {
                run(tool, html, url.as_deref());
            }
            let peak_extra = (vm_kb("VmHWM") - base_rss) as f64 / 1024.0;
            println!("peak_extra_mb={peak_extra:.1}");
        }
    }
}

/// One page through one tool. For Folio, the time its parse took within the call: Folio is
/// `extract_html`'s two steps (`parse_html`, then `extract_tree`), timed apart.
fn run(tool: &str, html: &str, url: Option<&str>) -> Option<Duration> {
    match tool {
        "parse" => {
            let tree = folio::dom::html::parse_html(html);
            std::hint::black_box(tree.capacity());
            None
        }
        "folio" => {
            let clock = Instant::now();
            let tree = folio::dom::html::parse_html(html);
            let parsed = clock.elapsed();
            let r = folio::extract_tree(tree, url, &folio::Options::default());
            std::hint::black_box(r.map(|a| a.text.len()).unwrap_or(0));
            Some(parsed)
        }
        _ => {
            let r = dom_smoothie::Readability::new(html, url, None).and_then(|mut r| r.parse());
            std::hint::black_box(r.map(|a| a.text_content.len()).unwrap_or(0));
            None
        }
    }
}

/// Passes over all pages, one tool at a time, the tools taking turns (their order rotating every
/// round), until `seconds` per tool are spent: each tool runs warm on its own pass, and a slow
/// spell of this shared machine falls on all of them. Per tool: pages per second over the time
/// it took, and the median and mean of the per-page medians.
fn timing(pages: &[(String, String, Option<String>)], seconds: f64) {
    // One warm-up pass.
    for (_, html, url) in pages {
        for tool in TOOLS {
            run(tool, html, url.as_deref());
        }
    }
    let mut samples: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); pages.len()]; TOOLS.len()];
    let mut spent = [0.0f64; TOOLS.len()];
    // Folio's parse and extraction times, summed over all its calls.
    let mut split = (0.0f64, 0.0f64);
    let start = Instant::now();
    let mut passes = 0usize;
    // Whole rounds of the rotation, so that each tool goes first, second and third equally often.
    while start.elapsed() < Duration::from_secs_f64(seconds * TOOLS.len() as f64)
        || passes < TOOLS.len()
        || passes % TOOLS.len() != 0
    {
        for k in 0..TOOLS.len() {
            let t = (k + passes) % TOOLS.len();
            for (i, (_, html, url)) in pages.iter().enumerate() {
                let clock = Instant::now();
                let parsed = run(TOOLS[t], html, url.as_deref());
                let ms = clock.elapsed().as_secs_f64() * 1000.0;
                samples[t][i].push(ms);
                spent[t] += ms / 1000.0;
                if let Some(parsed) = parsed {
                    let parse_ms = parsed.as_secs_f64() * 1000.0;
                    split.0 += parse_ms;
                    split.1 += ms - parse_ms;
                }
            }
        }
        passes += 1;
    }
    for (t, tool) in TOOLS.iter().enumerate() {
        let mut medians: Vec<f64> = samples[t].iter_mut().map(|v| median(v)).collect();
        let mean = medians.iter().sum::<f64>() / medians.len().max(1) as f64;
        let med = median(&mut medians);
        println!(
            "{tool:<13} pages_per_s={:.1} median_ms={med:.3} mean_ms={mean:.3} passes={passes}",
            (passes * pages.len()) as f64 / spent[t]
        );
    }
    println!(
        "split         parse_ms={:.1} extract_ms={:.1}",
        split.0, split.1
    );
}

/// Time for 1x, 4x and 16x a page (its body repeated): extraction should grow linearly.
fn scale(pages: &[(String, String, Option<String>)]) {
    let Some((name, html, url)) = pages.iter().max_by_key(|p| p.1.len()) else {
        return;
    };
    let (head, body) = match html.find("<body") {
        Some(i) => html.split_at(i),
        None => ("", html.as_str()),
    };
    let mut base = 0.0;
    for factor in [1usize, 4, 16] {
        let page = format!("{head}{}", body.repeat(factor));
        let mut times: Vec<f64> = (0..5)
            .map(|_| {
                let t = Instant::now();
                let r = folio::extract_html(&page, url.as_deref(), &folio::Options::default());
                std::hint::black_box(r.map(|a| a.text.len()).unwrap_or(0));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let m = median(&mut times);
        if factor == 1 {
            base = m;
        }
        println!(
            "scale         page={name} factor={factor}x ms={m:.2} ratio_to_1x={:.2}",
            m / base
        );
    }
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn vm_kb(key: &str) -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// (name, html, url) for every page of the folder.
fn load_pages(dir: &Path) -> Vec<(String, String, Option<String>)> {
    let mut pages = Vec::new();
    let truth = dir.join("truth.jsonl");
    if let Ok(text) = std::fs::read_to_string(&truth) {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let (Some(id), Some(page)) = (v["id"].as_str(), v["page"].as_str()) else {
                continue;
            };
            let html = read_page(&dir.join(page));
            pages.push((id.to_string(), html, v["url"].as_str().map(String::from)));
        }
    } else if let Ok(entries) = std::fs::read_dir(dir) {
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.to_string_lossy().ends_with(".html") || p.to_string_lossy().ends_with(".html.gz")
            })
            .collect();
        files.sort();
        for f in files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            pages.push((
                name,
                read_page(&f),
                Some("https://example.test/article".to_string()),
            ));
        }
    }
    pages
}

fn read_page(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_default();
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out);
        out
    } else {
        bytes
    };
    folio::decode_page(&bytes).unwrap_or_default()
}
