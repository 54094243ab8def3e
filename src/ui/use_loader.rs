//! Bringing an image in: a dropped or chosen file, or a sample. A failure leaves the previous image
//! and every setting as they were; only the message shows.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Blob;

use super::store::Store;
use super::{url, use_drop, use_picture};

/// Loads images into the store.
#[derive(Clone, Copy)]
pub struct Loader {
    store: Store,
    /// The link's own notice is on screen and the first image has not loaded yet: that load
    /// (the landing sample) adds to the notice instead of replacing it.
    link_notice: StoredValue<bool>,
}

/// The page's loader; a link naming a sample starts loading it.
pub fn use_loader(store: Store, sample: Option<&'static str>) -> Loader {
    let loader = Loader { store, link_notice: StoredValue::new(store.notice.get_untracked().is_some()) };
    if let Some(key) = sample
        && let Some(s) = url::SAMPLE_FILES.iter().find(|s| s.key == key)
    {
        loader.sample(s.file);
    }
    loader
}

impl Loader {
    /// Decodes `blob` and makes it the analysed image (its size too, unless a link keeps its own).
    pub fn load(self, blob: Blob, name: String, note: Option<String>) {
        let s = self.store;
        s.loading.update(|n| *n += 1);
        spawn_local(async move {
            match use_picture::decode(&blob, &name).await {
                Ok(d) => {
                    if !s.keep_size.get_value() {
                        s.width.set(Some(u64::from(d.natural.width)));
                        s.height.set(Some(u64::from(d.natural.height)));
                        s.aspect.set(d.natural.aspect());
                    }
                    let mut notes: Vec<String> = note.into_iter().chain(d.note).collect();
                    // A link's own notice stays through its first image.
                    if self.link_notice.get_value() {
                        notes.splice(0..0, s.notice.get_untracked());
                    }
                    self.link_notice.set_value(false);
                    if !s.keep_size.get_value() || !notes.is_empty() {
                        s.notice.set((!notes.is_empty()).then(|| notes.join(" ")));
                    }
                    s.keep_size.set_value(false);
                    s.undrawn.set(d.picture.is_none().then(|| (d.name.clone(), d.natural)));
                    s.picture.set(d.picture);
                }
                Err(message) => s.notice.set(Some(match note {
                    Some(note) => format!("{note} {message}"),
                    None => message,
                })),
            }
            s.loading.update(|n| *n -= 1);
        });
    }

    /// Loads one of the samples shipped in `assets/samples`.
    pub fn sample(self, file: &'static str) {
        self.store.loading.update(|n| *n += 1);
        spawn_local(async move {
            match use_picture::fetch_sample(file).await {
                Ok(blob) => self.load(blob, file.to_owned(), None),
                Err(message) => self.store.notice.set(Some(message)),
            }
            self.store.loading.update(|n| *n -= 1);
        });
    }

    /// Loads the first image of what was dropped or chosen, naming the rest.
    pub fn files(self, dropped: use_drop::Dropped) {
        spawn_local(async move {
            match dropped.choose().await {
                Ok(choice) => {
                    let name = choice.file.name();
                    self.load(choice.file.into(), name, choice.note);
                }
                Err(message) => self.store.notice.set(Some(message)),
            }
        });
    }
}
