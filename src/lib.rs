//! vistok: how a vision-language model turns an image into the tokens its language model reads.
//!
//! - [`engine`]: the token arithmetic, pure Rust, checked against the `transformers` processors.
//! - [`figures`]: drawing generic over plotters' `DrawingBackend`, and overlay geometry as shapes.
//! - [`protocol`]: the JSON Lines protocol of `vistok batch` and the Python package.
//! - [`ui`]: the Leptos components of the web page.

pub mod engine;
pub mod figures;
pub mod protocol;
pub mod ui;
