//! `vistok scan`: every image under a folder (or every row of a table of sizes) counted for one or
//! more models from its header alone, in parallel, streamed in order as JSON Lines or CSV, or
//! summed up per model. A file that cannot be counted gets its own record; the scan goes on.

use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use vistok::engine::file::{self, Header};
use vistok::engine::{self, Model, Options, Size};
use walkdir::WalkDir;

use super::out::{Failure, Out};
use super::summary::Summary;
use super::{Format, options_of};
use vistok::protocol::model_named;

#[derive(clap::Args)]
pub struct ScanArgs {
    /// The folder to walk (or one file).
    #[arg(required_unless_present = "sizes", conflicts_with = "sizes")]
    dir: Option<PathBuf>,
    /// A catalogue id (see `vistok models`); repeat the flag for several models.
    #[arg(long = "model", required = true, value_name = "ID")]
    models: Vec<String>,
    /// Knobs as a JSON object, given to each model that has them, such as '{"max_pixels": 1003520}'.
    #[arg(long, value_name = "JSON")]
    options: Option<String>,
    /// Instead of a record per file, per model: images, broken files, total tokens, p50, p90,
    /// p99 and max per image, the ten heaviest files, and for hosted models the cost at list price.
    #[arg(long)]
    summary: bool,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Sizes instead of images: a CSV with a header naming `width` and `height` (and maybe
    /// `path`, `file` or `id`), or JSON Lines of such objects; streamed in constant memory.
    #[arg(long, value_name = "FILE")]
    sizes: Option<PathBuf>,
    /// Also walk hidden files and folders (names starting with a dot).
    #[arg(long)]
    hidden: bool,
}

/// What one file or row gave: its upright size (and how it was stored), or why there is none.
pub struct Record {
    pub path: String,
    pub found: Result<Found, String>,
}

pub struct Found {
    pub size: Size,
    /// Format, stored size and EXIF orientation, for a file read from disk.
    pub file: Option<(&'static str, Size, u16)>,
}

/// Files and rows are counted this many at a time (in parallel), then written in order.
const CHUNK: usize = 512;

/// How many bytes are read first; a header that needs more gets up to [`MOST`].
const FIRST: usize = 64 * 1024;
const MOST: usize = 1 << 20;

/// The first bytes of the file at `path` (64 KiB; up to 1 MiB when an image's header needs more,
/// all of a WebP whose EXIF lies after its image data) and its last 4 KiB, as [`file::examine`]
/// wants them.
pub fn read_ends(path: &Path) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut f = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut head = Vec::with_capacity(FIRST);
    (&mut f).take(FIRST as u64).read_to_end(&mut head).map_err(|e| format!("cannot read: {e}"))?;
    let first = file::sniff(&head);
    if head.len() == FIRST {
        let more = if file::exif_lies_beyond(&head, &first) {
            file::WHOLE_FILE_BYTES - FIRST as u64
        } else if first.format.is_image() && first.size.is_none() {
            (MOST - FIRST) as u64
        } else {
            0
        };
        (&mut f).take(more).read_to_end(&mut head).map_err(|e| format!("cannot read: {e}"))?;
    }
    let length = f.metadata().map_err(|e| format!("cannot read: {e}"))?.len();
    let tail = if length as usize <= head.len() {
        head[head.len().saturating_sub(file::TAIL_BYTES as usize)..].to_vec()
    } else {
        let mut tail = Vec::new();
        f.seek(SeekFrom::Start(length.saturating_sub(file::TAIL_BYTES))).map_err(|e| format!("cannot read: {e}"))?;
        f.take(file::TAIL_BYTES).read_to_end(&mut tail).map_err(|e| format!("cannot read: {e}"))?;
        tail
    };
    Ok((head, tail))
}

/// The header of the image at `path`, judged as `vistok scan` judges it; `Ok(None)` for a file
/// of no image format (a video, say).
pub fn read_header(path: &Path) -> Result<Option<Header>, String> {
    let (head, tail) = read_ends(path)?;
    if !head.is_empty() && !file::sniff(&head).format.is_image() {
        return Ok(None);
    }
    file::examine(&head, &tail).map(Some).map_err(|why| format!("{}: {why}", path.display()))
}

fn record_of_file(path: &Path, name: String) -> Record {
    let found =
        read_ends(path).and_then(|(head, tail)| file::examine(&head, &tail)).and_then(|h| match (h.size, h.stored) {
            (Some(size), Some(stored)) => Ok(Found { size, file: Some((h.format.name(), stored, h.orientation)) }),
            _ => Err("no size".into()),
        });
    Record { path: name, found }
}

/// One source of records: a file to read, a row already read, or a walk error.
enum Item {
    File(PathBuf, String),
    Ready(Record),
}

impl Item {
    fn record(self) -> Record {
        match self {
            Item::File(path, name) => record_of_file(&path, name),
            Item::Ready(r) => r,
        }
    }
}

/// The files under `dir` in name order (hidden ones skipped unless asked; symlinks followed, a
/// loop reported once), and walk errors as records.
fn walk(dir: &Path, hidden: bool) -> impl Iterator<Item = Item> {
    let root = dir.to_path_buf();
    WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(move |entry| match entry {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) => {
                let name = e.path().strip_prefix(&root).unwrap_or(e.path()).to_string_lossy().into_owned();
                let name = if name.is_empty() { e.path().to_string_lossy().into_owned() } else { name };
                Some(Item::File(e.path().to_path_buf(), name))
            }
            Err(e) => {
                let path = e.path().map(|p| p.strip_prefix(&root).unwrap_or(p).to_string_lossy().into_owned());
                let why = match e.loop_ancestor() {
                    Some(a) => format!("a symbolic link loop back to {}", a.display()),
                    None => e.io_error().map_or_else(|| e.to_string(), |io| format!("cannot read: {io}")),
                };
                Some(Item::Ready(Record { path: path.unwrap_or_else(|| dir.display().to_string()), found: Err(why) }))
            }
        })
}

/// The rows of a table of sizes: CSV with a header, or JSON Lines.
fn rows(path: &Path) -> Result<Box<dyn Iterator<Item = Item>>, Failure> {
    let file = File::open(path).map_err(|e| Failure::Failed(format!("{}: {e}", path.display())))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let json = reader.fill_buf().map(|b| b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{')).unwrap_or(false);
    if json {
        let mut number = 0u64;
        return Ok(Box::new(reader.lines().filter_map(move |line| {
            number += 1;
            let line = match line {
                Ok(l) if l.trim().is_empty() => return None,
                Ok(l) => l,
                Err(e) => {
                    return Some(Item::Ready(Record { path: format!("row {number}"), found: Err(e.to_string()) }));
                }
            };
            let row: Map<String, Value> = match serde_json::from_str(&line) {
                Ok(Value::Object(m)) => m,
                _ => {
                    return Some(Item::Ready(Record {
                        path: format!("row {number}"),
                        found: Err("not a JSON object".into()),
                    }));
                }
            };
            let name = ["path", "file", "id", "name"]
                .iter()
                .find_map(|k| row.get(*k).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
                .unwrap_or_else(|| format!("row {number}"));
            let side = |k: &str| row.get(k).and_then(Value::as_u64).and_then(|v| u32::try_from(v).ok());
            let found = match (side("width"), side("height")) {
                (Some(w), Some(h)) => Ok(Found { size: Size::new(w, h), file: None }),
                _ => Err("no whole-number width and height".into()),
            };
            Some(Item::Ready(Record { path: name, found }))
        })));
    }
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = csv.headers().map_err(|e| Failure::Failed(format!("{}: {e}", path.display())))?.clone();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.trim().to_lowercase().as_str()));
    let (Some(w), Some(h)) = (column(&["width", "w"]), column(&["height", "h"])) else {
        return Err(Failure::Failed(format!("{}: the header names no width and height columns", path.display())));
    };
    let name = column(&["path", "file", "id", "name"]);
    let mut number = 0u64;
    Ok(Box::new(csv.into_records().map(move |row| {
        number += 1;
        let row = match row {
            Ok(r) => r,
            Err(e) => return Item::Ready(Record { path: format!("row {number}"), found: Err(e.to_string()) }),
        };
        let path = name.and_then(|i| row.get(i)).map_or_else(|| format!("row {number}"), str::to_owned);
        let side = |i: usize| row.get(i).and_then(|v| v.trim().parse::<u32>().ok());
        let found = match (side(w), side(h)) {
            (Some(w), Some(h)) => Ok(Found { size: Size::new(w, h), file: None }),
            _ => Err("no whole-number width and height".into()),
        };
        Item::Ready(Record { path, found })
    })))
}

/// Each model's count of a size: tokens in sequence and feature tokens, or why none.
pub type Counts = Vec<Result<(u64, u64), String>>;

fn counts(models: &[(&'static Model, Options)], size: Size) -> Counts {
    models
        .iter()
        .map(|(m, o)| {
            engine::count(size, m, o).map(|c| (c.tokens_in_sequence, c.feature_tokens)).map_err(|e| e.to_string())
        })
        .collect()
}

fn json_line(record: &Record, models: &[(&'static Model, Options)], counts: &Counts) -> String {
    let mut line = Map::new();
    line.insert("path".into(), json!(record.path));
    match &record.found {
        Ok(found) => {
            line.insert("width".into(), json!(found.size.width));
            line.insert("height".into(), json!(found.size.height));
            if let Some((format, stored, orientation)) = found.file {
                line.insert("format".into(), json!(format));
                if orientation != 1 {
                    line.insert("orientation".into(), json!(orientation));
                    line.insert("stored".into(), json!(stored));
                }
            }
            let per_model: Map<String, Value> = models
                .iter()
                .zip(counts)
                .map(|((m, _), c)| {
                    let v = match c {
                        Ok((seq, feat)) => json!({ "tokens_in_sequence": seq, "feature_tokens": feat }),
                        Err(e) => json!({ "error": e }),
                    };
                    (m.id.to_owned(), v)
                })
                .collect();
            line.insert("counts".into(), Value::Object(per_model));
        }
        Err(e) => {
            line.insert("error".into(), json!(e));
        }
    }
    Value::Object(line).to_string()
}

pub fn run(out: &mut Out, args: &ScanArgs) -> Result<(), Failure> {
    let options = options_of(args.options.as_deref())?;
    let mut models = Vec::new();
    for id in &args.models {
        let m = model_named(id).map_err(Failure::Failed)?;
        if !models.iter().any(|(k, _): &(&Model, Options)| k.id == m.id) {
            models.push((m, options.applicable_to(m)));
        }
    }
    let items: Box<dyn Iterator<Item = Item>> = match (&args.sizes, &args.dir) {
        (Some(sizes), _) => rows(sizes)?,
        (None, Some(dir)) => {
            if !dir.exists() {
                return Err(Failure::Failed(format!("{}: no such file or folder", dir.display())));
            }
            Box::new(walk(dir, args.hidden))
        }
        (None, None) => return Err(Failure::Failed("a folder or --sizes FILE is required".into())),
    };
    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} files counted ({per_sec}), {elapsed}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut summary = Summary::new(&models);
    let csv = args.format == Format::Csv && !args.summary;
    if csv {
        out.text(&csv_text(&[&["path", "width", "height", "model", "tokens_in_sequence", "feature_tokens", "error"]]))?;
    }
    let mut items = items.peekable();
    while items.peek().is_some() {
        let chunk: Vec<Item> = items.by_ref().take(CHUNK).collect();
        let done: Vec<(Record, Counts)> = chunk
            .into_par_iter()
            .map(|item| {
                let record = item.record();
                let counts = record.found.as_ref().map(|f| counts(&models, f.size)).unwrap_or_default();
                (record, counts)
            })
            .collect();
        progress.inc(done.len() as u64);
        for (record, counts) in &done {
            if args.summary {
                summary.add(record, counts);
            } else if csv {
                out.text(&csv_rows(record, &models, counts))?;
            } else {
                out.line(&json_line(record, &models, counts))?;
            }
        }
    }
    progress.finish_and_clear();
    if args.summary {
        summary.write(out, args.format)?;
    }
    Ok(())
}

/// Rows as CSV text, quoted where a field needs it.
pub fn csv_text(rows: &[&[&str]]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let _ = w.write_record(*row);
    }
    String::from_utf8_lossy(&w.into_inner().unwrap_or_default()).into_owned()
}

/// A record's CSV rows: one per model, or one with its error.
fn csv_rows(record: &Record, models: &[(&'static Model, Options)], counts: &Counts) -> String {
    match &record.found {
        Ok(f) => {
            let (width, height) = (f.size.width.to_string(), f.size.height.to_string());
            let cells: Vec<[String; 3]> = counts
                .iter()
                .map(|c| match c {
                    Ok((s, f)) => [s.to_string(), f.to_string(), String::new()],
                    Err(e) => [String::new(), String::new(), e.clone()],
                })
                .collect();
            let rows: Vec<[&str; 7]> = models
                .iter()
                .zip(&cells)
                .map(|((m, _), [s, f, e])| [record.path.as_str(), &width, &height, m.id, s, f, e])
                .collect();
            csv_text(&rows.iter().map(|r| &r[..]).collect::<Vec<_>>())
        }
        Err(e) => csv_text(&[&[record.path.as_str(), "", "", "", "", "", e.as_str()]]),
    }
}
