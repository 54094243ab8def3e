//! Browser glue for a collection: the files a folder picker, a file picker or a drop brings
//! (folders walked to the end; hidden files and folders skipped, as `vistok scan` skips them),
//! then each file's first 16 KiB and last 4 KiB (all of a small one) read, a batch at a time, and judged by
//! [`file::examine`] as `vistok scan` judges them. Nothing is decoded, nothing leaves the page.

use std::rc::Rc;

use js_sys::{Array, Promise, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File, FileList, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry};

use crate::engine::collection::Tally;
use crate::engine::{self, Model, Options, Size, file};

/// A file of the collection and its path inside it.
#[derive(Clone)]
pub struct Entry {
    pub path: String,
    pub file: File,
}

impl Entry {
    fn new(path: String, file: File) -> Self {
        Entry { path, file }
    }
}

/// A collection as far as it has been read.
#[derive(Clone, Default)]
pub struct Collection {
    /// The folder's name, or how many files were chosen.
    pub name: String,
    pub entries: Rc<Vec<Entry>>,
    /// One per entry read so far, in order: its upright size, or why it cannot be counted.
    pub verdicts: Vec<Result<Size, String>>,
    pub running: bool,
    /// Milliseconds from start to the last verdict.
    pub elapsed_ms: f64,
    /// Bumped by each new collection (and each recount), so a loop still running for an older
    /// one stops.
    pub generation: u32,
    /// The counts so far, for the models and options they were made for.
    pub tallies: Tallies,
}

/// Each model's tally of the verdicts counted so far, and the files that cannot be counted.
#[derive(Clone, Default, PartialEq)]
pub struct Tallies {
    pub models: Vec<&'static Model>,
    pub options: Options,
    pub per_model: Vec<Tally>,
    pub broken: u64,
    /// How many verdicts are in the tallies.
    pub counted: usize,
}

impl Tallies {
    fn new(models: Vec<&'static Model>, options: Options) -> Self {
        let per_model = vec![Tally::default(); models.len()];
        Tallies { models, options, per_model, broken: 0, counted: 0 }
    }

    /// Counts `verdicts` (of `entries`, from `counted` on) for every model.
    fn count(&mut self, entries: &[Entry], verdicts: &[Result<Size, String>]) {
        for (entry, verdict) in entries.iter().zip(verdicts) {
            match verdict {
                Ok(size) => {
                    for (m, t) in self.models.iter().zip(self.per_model.iter_mut()) {
                        match engine::count(*size, m, &self.options.applicable_to(m)) {
                            Ok(c) => t.add(c.tokens_in_sequence, &entry.path),
                            Err(_) => t.refused += 1,
                        }
                    }
                }
                Err(_) => self.broken += 1,
            }
        }
        self.counted += verdicts.len();
    }

    /// Whether these tallies are the whole collection's for `models` and `options`.
    pub fn complete_for(&self, c: &Collection, models: &[&'static Model], options: &Options) -> bool {
        !c.running && self.counted == c.verdicts.len() && self.models == models && self.options == *options
    }
}

/// Files read together (one `Promise.allSettled`: the browser reads them in parallel).
const READ: usize = 512;
/// Files judged and counted in one task, between which the page gets the main thread back.
const TASK: usize = 64;
/// A file this small is read whole, in one read: a browser takes longer to slice a file twice
/// than to read 128 KiB of it.
const WHOLE: f64 = 128.0 * 1024.0;
const FIRST: f64 = 16.0 * 1024.0;
const MOST: f64 = 1024.0 * 1024.0;

/// Whether a path has a hidden part (a name starting with a dot).
fn hidden(path: &str) -> bool {
    path.split('/').any(|part| part.starts_with('.'))
}

/// `path` without its first part (the folder the reader chose), as `vistok scan DIR` names files.
fn inside(path: &str) -> String {
    path.trim_start_matches('/').split_once('/').map_or(path.to_owned(), |(_, rest)| rest.to_owned())
}

/// The files of a picker: a folder picker's carry their path in the folder.
pub fn of_list(files: &FileList) -> (String, Vec<Entry>) {
    let mut folder = None;
    let mut entries = Vec::new();
    for file in (0..files.length()).filter_map(|i| files.get(i)) {
        let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
            .ok()
            .and_then(|v| v.as_string())
            .filter(|p| !p.is_empty());
        let path = match relative {
            Some(p) => {
                folder.get_or_insert_with(|| p.split('/').next().unwrap_or_default().to_owned());
                inside(&p)
            }
            None => file.name(),
        };
        if !hidden(&path) {
            entries.push(Entry::new(path, file));
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let name = folder.map_or_else(|| "the chosen files".to_owned(), |f| format!("the folder \u{201c}{f}\u{201d}"));
    (name, entries)
}

/// A drop's files and folders, taken while the event lasts (its items are gone after it).
pub fn dropped(data: &DataTransfer) -> Vec<FileSystemEntry> {
    let items = data.items();
    (0..items.length())
        .filter_map(|i| items.get(i))
        .filter(|i| i.kind() == "file")
        .filter_map(|i| i.webkit_get_as_entry().ok().flatten())
        .collect()
}

/// What a drop brought: files as they are, folders walked (a single folder's files named inside it).
pub async fn of_drop(roots: Vec<FileSystemEntry>) -> (String, Vec<Entry>) {
    let single_folder = roots.len() == 1 && roots[0].is_directory();
    let name = if single_folder { format!("the folder \u{201c}{}\u{201d}", roots[0].name()) } else { String::new() };
    let mut entries = Vec::new();
    let mut stack = roots;
    while let Some(entry) = stack.pop() {
        if entry.name().starts_with('.') {
            continue;
        }
        if entry.is_directory() {
            stack.extend(read_all(entry.unchecked_ref::<FileSystemDirectoryEntry>()).await);
        } else if let Some(file) = file_of(entry.unchecked_ref::<FileSystemFileEntry>()).await {
            let full = entry.full_path();
            let path = if single_folder { inside(&full) } else { full.trim_start_matches('/').to_owned() };
            entries.push(Entry::new(path, file));
        }
    }
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let name = if name.is_empty() { "the dropped files".to_owned() } else { name };
    (name, entries)
}

/// Every entry of a folder: `readEntries` gives a batch at a time until an empty one.
async fn read_all(folder: &FileSystemDirectoryEntry) -> Vec<FileSystemEntry> {
    let reader = folder.create_reader();
    let mut all = Vec::new();
    loop {
        let batch = JsFuture::from(Promise::new(&mut |ok, err| {
            if reader.read_entries_with_callback_and_callback(&ok, &err).is_err() {
                let _ = err.call1(&JsValue::NULL, &JsValue::NULL);
            }
        }))
        .await;
        let batch: Vec<FileSystemEntry> =
            batch.map(|b| Array::from(&b).iter().map(JsCast::unchecked_into).collect()).unwrap_or_default();
        if batch.is_empty() {
            return all;
        }
        all.extend(batch);
    }
}

async fn file_of(entry: &FileSystemFileEntry) -> Option<File> {
    let promise = Promise::new(&mut |ok, err| entry.file_with_callback_and_callback(&ok, &err));
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// Bytes `start..end` of every file (all of it for `None`), read together.
async fn slices(parts: &[(&File, Option<(f64, f64)>)]) -> Vec<Vec<u8>> {
    let promises: Array = parts
        .iter()
        .map(|(f, range)| match range {
            // A whole file is read as it is: slicing costs a browser more than the read.
            None => JsValue::from(f.array_buffer()),
            Some((start, end)) => match f.slice_with_f64_and_f64(*start, *end) {
                Ok(blob) => JsValue::from(blob.array_buffer()),
                Err(_) => JsValue::from(Promise::resolve(&js_sys::ArrayBuffer::new(0))),
            },
        })
        .collect();
    match JsFuture::from(Promise::all_settled(&promises)).await {
        Ok(results) => Array::from(&results)
            .iter()
            .map(|r| {
                let value = js_sys::Reflect::get(&r, &"value".into()).unwrap_or(JsValue::UNDEFINED);
                if value.is_undefined() { Vec::new() } else { Uint8Array::new(&value).to_vec() }
            })
            .collect(),
        Err(_) => vec![Vec::new(); parts.len()],
    }
}

/// What is read of a file of `bytes` first: all of a small one, else its first 16 KiB and last 4 KiB.
fn parts(e: &Entry, bytes: f64) -> Vec<(&File, Option<(f64, f64)>)> {
    if bytes <= WHOLE {
        vec![(&e.file, None)]
    } else {
        vec![(&e.file, Some((0.0, FIRST))), (&e.file, Some((bytes - file::TAIL_BYTES as f64, bytes)))]
    }
}

/// The verdict on one file from what was read of it: more only where the header needs it
/// (`vistok scan` reads 64 KiB first and the same more: the same verdicts).
async fn verdict(e: &Entry, size: f64, mut read: Vec<Vec<u8>>) -> Result<Size, String> {
    let (mut head, tail) = match read.len() {
        1 => {
            let all = read.pop().unwrap_or_default();
            let tail = all[all.len().saturating_sub(file::TAIL_BYTES as usize)..].to_vec();
            (all, tail)
        }
        _ => {
            let tail = read.pop().unwrap_or_default();
            (read.pop().unwrap_or_default(), tail)
        }
    };
    if head.is_empty() && size > 0.0 {
        return Err("cannot read".to_owned());
    }
    if (head.len() as f64) < size {
        let first = file::sniff(&head);
        let more = if file::exif_lies_beyond(&head, &first) {
            file::WHOLE_FILE_BYTES as f64
        } else if first.format.is_image() && first.size.is_none() {
            MOST
        } else {
            0.0
        };
        if more > head.len() as f64 {
            head = slices(&[(&e.file, Some((0.0, size.min(more))))]).await.pop().unwrap_or_default();
        }
    }
    file::examine(&head, &tail).and_then(|h| h.size.ok_or_else(|| "no size".to_owned()))
}

/// Gives the main thread back to the page until its next task.
async fn breathe() {
    let _ = JsFuture::from(Promise::new(&mut |ok, _| {
        let _ = web_sys::window().map(|w| w.set_timeout_with_callback(&ok));
    }))
    .await;
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Starts reading `entries` into `collection` (replacing what it held), a chunk at a time, each
/// chunk counted for `models` as it comes (so no single task counts them all).
pub fn start(
    collection: RwSignal<Collection, LocalStorage>,
    name: String,
    entries: Vec<Entry>,
    models: Vec<&'static Model>,
    options: Options,
) {
    let generation = collection.with_untracked(|c| c.generation) + 1;
    let entries = Rc::new(entries);
    collection.set(Collection {
        name,
        entries: entries.clone(),
        verdicts: Vec::with_capacity(entries.len()),
        running: true,
        elapsed_ms: 0.0,
        generation,
        tallies: Tallies::new(models, options),
    });
    let started = now();
    leptos::task::spawn_local(async move {
        for batch in entries.chunks(READ) {
            // A browser looks a picked file up on disk each time its size is asked (a quarter of
            // a millisecond here): once each, a task's worth at a time.
            let mut sizes: Vec<f64> = Vec::with_capacity(batch.len());
            for task in batch.chunks(TASK) {
                sizes.extend(task.iter().map(|e| e.file.size()));
                breathe().await;
            }
            let plan: Vec<Vec<(&File, Option<(f64, f64)>)>> =
                batch.iter().zip(&sizes).map(|(e, &bytes)| parts(e, bytes)).collect();
            let mut bytes = slices(&plan.concat()).await.into_iter();
            let mut read: Vec<Vec<Vec<u8>>> = plan.iter().map(|p| bytes.by_ref().take(p.len()).collect()).collect();
            for (t, task) in batch.chunks(TASK).enumerate() {
                let mut verdicts = Vec::with_capacity(task.len());
                for ((e, r), &bytes) in task.iter().zip(read.drain(..task.len())).zip(&sizes[t * TASK..]) {
                    verdicts.push(verdict(e, bytes, r).await);
                }
                let current = collection.try_update(|c| {
                    if c.generation != generation {
                        return false;
                    }
                    c.tallies.count(task, &verdicts);
                    c.verdicts.extend(verdicts);
                    c.elapsed_ms = now() - started;
                    true
                });
                if current != Some(true) {
                    return;
                }
                breathe().await;
            }
        }
        collection.update(|c| {
            if c.generation == generation {
                c.running = false;
                c.elapsed_ms = now() - started;
            }
        });
    });
}

/// Counts the collection again for other models or options, a slice of files per task.
pub fn recount(collection: RwSignal<Collection, LocalStorage>, models: Vec<&'static Model>, options: Options) {
    let generation = collection.with_untracked(|c| c.generation) + 1;
    let entries = collection.with_untracked(|c| c.entries.clone());
    collection.update(|c| {
        c.generation = generation;
        c.tallies = Tallies::new(models, options);
    });
    leptos::task::spawn_local(async move {
        let total = collection.with_untracked(|c| c.verdicts.len());
        let mut from = 0;
        while from < total {
            let to = (from + TASK).min(total);
            let alive = collection.try_update(|c| {
                if c.generation != generation {
                    return false;
                }
                let verdicts = c.verdicts[from..to].to_vec();
                c.tallies.count(&entries[from..to], &verdicts);
                true
            });
            if alive != Some(true) {
                return;
            }
            from = to;
            breathe().await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_named_inside_the_folder_and_hidden_ones_are_skipped() {
        assert_eq!(inside("photos/trip/a.jpg"), "trip/a.jpg");
        assert_eq!(inside("/photos/a.jpg"), "a.jpg");
        assert!(hidden("photos/.thumbnails/a.jpg") && hidden(".DS_Store") && !hidden("photos/a.b.jpg"));
    }
}
