//! Browser glue for a drop or a file picker: which file to analyse when several come at once or a
//! folder is dropped, and a note naming the ones left out.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, File, FileList, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry};

/// What a drop or a picker brought, read synchronously while the event lasts (a drop's items are
/// gone after it): files, and folders still to open.
pub struct Dropped(Vec<Item>);

enum Item {
    File(File),
    Folder(FileSystemDirectoryEntry),
}

/// The file to analyse and a note on what else came, or a message when nothing usable came.
pub struct Choice {
    pub file: File,
    pub note: Option<String>,
}

/// Names listed in a note before "and N more".
const LISTED: usize = 5;

impl Dropped {
    /// The drop's items, folders recognised (a folder also shows up in `files`, as an unreadable
    /// file of its name).
    pub fn of_drop(data: &DataTransfer) -> Self {
        let items = data.items();
        let mut out = Vec::new();
        for item in (0..items.length()).filter_map(|i| items.get(i)).filter(|i| i.kind() == "file") {
            match item.webkit_get_as_entry().ok().flatten() {
                Some(entry) if entry.is_directory() => out.push(Item::Folder(entry.unchecked_into())),
                _ => out.extend(item.get_as_file().ok().flatten().map(Item::File)),
            }
        }
        if out.is_empty() {
            return data.files().map(|f| Self::of_list(&f)).unwrap_or(Self(Vec::new()));
        }
        Self(out)
    }

    /// A file picker's files.
    pub fn of_list(files: &FileList) -> Self {
        Self((0..files.length()).filter_map(|i| files.get(i)).map(Item::File).collect())
    }

    /// Picks the first image (by type or name), opening a folder dropped alone; the rest are named
    /// in the note.
    pub async fn choose(self) -> Result<Choice, String> {
        let mut context = None;
        let mut files = Vec::new();
        let mut others = Vec::new();
        let single_folder = self.0.len() == 1;
        for item in self.0 {
            match item {
                Item::File(f) => files.push(f),
                Item::Folder(folder) if single_folder => {
                    context = Some(format!("Folder \u{201c}{}\u{201d} dropped", folder.name()));
                    let (inner, subfolders) = read_folder(&folder).await;
                    if inner.is_empty() {
                        return Err(format!("The folder \u{201c}{}\u{201d} holds no files to analyse.", folder.name()));
                    }
                    files.extend(inner);
                    others.extend(subfolders.into_iter().map(|n| format!("folder \u{201c}{n}\u{201d}")));
                }
                Item::Folder(folder) => others.push(format!("folder \u{201c}{}\u{201d}", folder.name())),
            }
        }
        let count = files.len() + others.len();
        let Some(index) = files.iter().position(looks_like_image).or((!files.is_empty()).then_some(0)) else {
            return Err(match others.len() {
                0 => "Nothing was dropped that can be read as a file.".to_owned(),
                _ => format!("Only folders were dropped ({}): drop an image, or one folder.", others.join(", ")),
            });
        };
        let file = files.remove(index);
        others.splice(0..0, files.iter().map(|f| format!("\u{201c}{}\u{201d}", f.name())));
        let note = (!others.is_empty()).then(|| {
            let context = context.unwrap_or_else(|| format!("{count} items dropped"));
            let mut listed = others.iter().take(LISTED).cloned().collect::<Vec<_>>().join(", ");
            if others.len() > LISTED {
                listed.push_str(&format!(" and {} more", others.len() - LISTED));
            }
            format!("{context}: \u{201c}{}\u{201d} is analysed (one image at a time); not used: {listed}.", file.name())
        });
        Ok(Choice { file, note })
    }
}

/// An image by its type, or by its name when the browser gave no type.
fn looks_like_image(file: &File) -> bool {
    let name = file.name().to_ascii_lowercase();
    file.type_().starts_with("image/")
        || [".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".avif", ".heic", ".heif", ".tif", ".tiff", ".svg"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// A folder's files in name order, and the names of its subfolders (not opened). Reads the first
/// batch of entries the browser gives (at least a hundred).
async fn read_folder(folder: &FileSystemDirectoryEntry) -> (Vec<File>, Vec<String>) {
    let reader = folder.create_reader();
    let entries = callback_promise(|ok, err| reader.read_entries_with_callback_and_callback(ok, err).is_ok()).await;
    let mut entries: Vec<(String, FileSystemEntry)> = entries
        .map(|e| Array::from(&e).iter().map(|e| e.unchecked_into::<FileSystemEntry>()).map(|e| (e.name(), e)).collect())
        .unwrap_or_default();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for (name, entry) in entries {
        if entry.is_directory() {
            folders.push(name);
        } else {
            let entry: FileSystemFileEntry = entry.unchecked_into();
            let file = callback_promise(|ok, err| {
                entry.file_with_callback_and_callback(ok, err);
                true
            })
            .await;
            files.extend(file.ok().and_then(|f| f.dyn_into::<File>().ok()));
        }
    }
    (files, folders)
}

/// Runs a callback-style browser API as a future.
async fn callback_promise(start: impl FnOnce(&Function, &Function) -> bool) -> Result<JsValue, JsValue> {
    let mut start = Some(start);
    let promise = Promise::new(&mut |resolve, reject| {
        if let Some(start) = start.take()
            && !start(&resolve, &reject)
        {
            let _ = reject.call1(&JsValue::NULL, &JsValue::NULL);
        }
    });
    JsFuture::from(promise).await
}
