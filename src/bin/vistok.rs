//! The command-line face of the engine: `vistok --help` lists the commands, `vistok COMMAND
//! --help` each one's flags.
//!
//! A batch input line is `{"model": "<HF id>", "width": W, "height": H, "options": {...}}`; its
//! output carries `model`, `width`, `height`, `tokens_in_sequence`, `feature_tokens`,
//! `padding_tokens` (features that see only padding) and the resize, or `error` with a message
//! instead of the counts. With `"gpu"` (H200, H100, A100-80GB, L40S, RTX 4090) and/or
//! `"prompt_tokens"` among the options, a `cost` object follows: `ttft_ms`, `vision_ms`,
//! `prefill_ms`, `kv_cache_bytes`, `peak_activation_bytes`, `weights_bytes` and `measured` (false
//! for scaled estimates: any GPU but the H200, any model not measured on it); `null` for hosted
//! models.
//!
//! A clip: `{"model", "video": {"width", "height", "fps", "duration_s"[, "frames"]}, "options":
//! {"preset", "fps", "num_frames", "min_frames", "max_frames", "min_pixels", "max_pixels"}}`
//! answers with `frames_sampled`, `frame_indices`, `timestamps_s`, `resized` (each frame),
//! `grid_thw`, `tokens_per_group`, `feature_tokens`, `text_tokens`, `tokens_in_sequence`. A whole
//! request: `{"model", "items": [image or clip, ...], "prompt_tokens"}`, each item an image line's
//! `width`/`height`/`options` or a clip's `video`/`options`, answers with each item's share, the
//! total, the model's `context_window`, `fits`, `overflow` and `headroom`.

#[path = "vistok/image_cli.rs"]
mod image_cli;
#[path = "vistok/lines.rs"]
mod lines;
#[path = "vistok/out.rs"]
mod out;
#[path = "vistok/scan.rs"]
mod scan;
#[path = "vistok/summary.rs"]
mod summary;
#[path = "vistok/video_cli.rs"]
mod video_cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::Value;
use vistok::engine::{self, Options, Size};

use out::{Failure, Out};

const EXIT_CODES: &str = "Exit status: 0 when the command did its work (a batch line or a scanned file that \
cannot be counted gets its own error and does not change it; a reader that closes the pipe early, as \
`vistok models | head -1` does, ends the command quietly with 0); 1 when it could not (an unknown model, an \
unreadable file, bad option values); 2 for a command line clap cannot parse (an unknown flag, a missing value).";

#[derive(Parser)]
#[command(name = "vistok", version, about = "Visual tokens, counted as the real preprocessors count them.",
    long_about = None, after_help = EXIT_CODES, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read JSON Lines on stdin (an image, a clip or a whole request per line), write one JSON line
    /// per input line, in order; a line that cannot be answered gets an `error`.
    Batch,
    /// A readable breakdown of one image (--size, or an image file's header with its EXIF
    /// orientation applied) or of a video file (MP4, MOV, MKV, WebM, read without decoding).
    Count {
        /// An image or video file; leave out and give --size instead.
        file: Option<PathBuf>,
        /// A catalogue id (see `vistok models`).
        #[arg(long)]
        model: String,
        /// The image size, such as 1920x1080.
        #[arg(long, value_name = "WxH", value_parser = parse_size, conflicts_with = "file", required_unless_present = "file")]
        size: Option<Size>,
        /// The model's knobs as a JSON object, such as '{"max_pixels": 1003520}'.
        #[arg(long, value_name = "JSON")]
        options: Option<String>,
    },
    /// Count every image in a folder tree from its header alone (or every row of a table of
    /// sizes), in parallel: one JSON line (or CSV row) per file, or a summary per model.
    Scan(scan::ScanArgs),
    /// The catalogue as a Markdown table: each entry's strategy, family, release, knobs and video support.
    Models,
    /// CSV of counts as the long side grows at a fixed aspect ratio.
    Sweep {
        #[arg(long)]
        model: String,
        /// Width to height, such as 16:9.
        #[arg(long, default_value = "1:1", value_parser = parse_aspect)]
        aspect: f64,
        #[arg(long, default_value_t = 64)]
        from: u32,
        #[arg(long, default_value_t = 4096)]
        to: u32,
        #[arg(long, default_value_t = 64)]
        step: u32,
    },
    /// The cost model against the H200 measurements: each point's residual.
    Calibrate {
        /// Fit the constants afresh (printed first) instead of using the committed ones.
        #[arg(long)]
        fit: bool,
    },
}

/// How `scan` writes its records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = Out::stdout();
    let result = match cli.command {
        Command::Batch => lines::batch(&mut out),
        Command::Count { file, model, size, options } => count(&mut out, file, &model, size, options.as_deref()),
        Command::Scan(args) => scan::run(&mut out, &args),
        Command::Models => out.text(&engine::catalogue::table::markdown()),
        Command::Sweep { model, aspect, from, to, step } => sweep(&mut out, &model, aspect, from, to, step),
        Command::Calibrate { fit } => calibrate(&mut out, fit),
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) | Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Failed(message)) => {
            eprintln!("vistok: {message}");
            ExitCode::from(1)
        }
    }
}

fn parse_size(text: &str) -> Result<Size, String> {
    let bad = || format!("--size must look like 1920x1080, got {text:?}");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let side = |s: &str| s.trim().parse::<u32>().map_err(|_| bad());
    Ok(Size::new(side(w)?, side(h)?))
}

fn parse_aspect(text: &str) -> Result<f64, String> {
    let bad = || format!("--aspect must look like 16:9, got {text:?}");
    let (w, h) = text.split_once(':').ok_or_else(bad)?;
    let part = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0);
    Ok(part(w).ok_or_else(bad)? / part(h).ok_or_else(bad)?)
}

/// `--options` as the engine's options.
fn options_of(text: Option<&str>) -> Result<Options, Failure> {
    match text {
        None => Ok(Options::default()),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => Ok(Options::from_json(&map)),
            _ => Err(Failure::Failed(format!(
                "--options must be a JSON object such as '{{\"max_pixels\": 1003520}}', got {text:?}"
            ))),
        },
    }
}

fn count(
    out: &mut Out,
    file: Option<PathBuf>,
    model: &str,
    size: Option<Size>,
    options: Option<&str>,
) -> Result<(), Failure> {
    let model = vistok::protocol::model_named(model).map_err(Failure::Failed)?;
    let Some(path) = file else {
        let size = size.ok_or_else(|| Failure::Failed("--size or a file is required".into()))?;
        let plan = engine::plan(size, model, &options_of(options)?).map_err(|e| Failure::Failed(e.to_string()))?;
        return out.text(&image_cli::breakdown(&plan));
    };
    match scan::read_header(&path) {
        // An image: counted at its upright size, as transformers' load_image hands it over.
        Ok(Some(header)) => {
            let upright = header.size.ok_or_else(|| Failure::Failed(format!("{}: no size", path.display())))?;
            let plan =
                engine::plan(upright, model, &options_of(options)?).map_err(|e| Failure::Failed(e.to_string()))?;
            if header.orientation != 1 {
                let stored = header.stored.map(|s| s.to_string()).unwrap_or_default();
                out.text(&format!(
                    "file             {} ({}, stored {stored}, EXIF orientation {}: counted upright)\n",
                    path.display(),
                    header.format.name(),
                    header.orientation
                ))?;
            }
            out.text(&image_cli::breakdown(&plan))
        }
        // Not an image: a video file, read from its container.
        Ok(None) => {
            let text = video_cli::count_file(&path.to_string_lossy(), model.id, options).map_err(Failure::Failed)?;
            out.text(&text)
        }
        Err(e) => Err(Failure::Failed(e)),
    }
}

fn sweep(out: &mut Out, model: &str, aspect: f64, from: u32, to: u32, step: u32) -> Result<(), Failure> {
    let model = vistok::protocol::model_named(model).map_err(Failure::Failed)?;
    if from == 0 || from > to || step == 0 {
        return Err(Failure::Failed("need 0 < --from <= --to and --step > 0".into()));
    }
    let steps = (to - from) / step + 1;
    out.line("model,width,height,feature_tokens,tokens_in_sequence,error")?;
    for size in engine::sweep_sizes(aspect, from, from + (steps - 1) * step, steps) {
        let row = match engine::count(size, model, &Options::default()) {
            Ok(p) => {
                format!("{},{},{},{},{},", model.id, size.width, size.height, p.feature_tokens, p.tokens_in_sequence)
            }
            Err(e) => format!("{},{},{},,,\"{}\"", model.id, size.width, size.height, e.to_string().replace('"', "'")),
        };
        out.line(&row)?;
    }
    Ok(())
}

/// The cost model against the H200 measurements: the residual of every point for the committed
/// constants, or (`--fit`) for constants fitted afresh, printed first.
fn calibrate(out: &mut Out, fit: bool) -> Result<(), Failure> {
    use engine::cost;
    let points = cost::points(cost::MEASURED).map_err(Failure::Failed)?;
    let cal = if fit {
        let cal = cost::fit(&points, &cost::H200);
        out.text(&format!("{cal:#?}\n\n"))?;
        cal
    } else {
        cost::H200
    };
    let gpu = &cost::GPUS[0];
    out.line(
        "| measured point | tokens | measured ms | model ms | error | measured peak MB | model peak MB | error |",
    )?;
    out.line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")?;
    for p in &points {
        let ms = p.predict(gpu, &cal);
        let peak = p.predict_peak(&cal);
        let (measured_peak, peak_err) = match p.peak_bytes {
            Some(b) => (format!("{:.0}", b / 1e6), format!("{:+.1}%", (peak / b - 1.0) * 100.0)),
            None => ("-".into(), "-".into()),
        };
        out.line(&format!(
            "| {} | {} | {:.1} | {:.1} | {:+.1}% | {} | {:.0} | {} |",
            p.label,
            p.tokens,
            p.ms,
            ms,
            (ms / p.ms - 1.0) * 100.0,
            measured_peak,
            peak / 1e6,
            peak_err
        ))?;
    }
    Ok(())
}
