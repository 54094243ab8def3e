//! A whole request: several images, clips and a prompt as one sequence, against the model's
//! context window (`max_position_embeddings` of its language model, from the catalogue).

use serde::Serialize;

use super::geometry::Size;
use super::models::Model;
use super::options::Options;
use super::video::{self, Clip, VideoOptions};

/// One item of a request.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Image { size: Size, options: Options },
    Video { clip: Clip, options: VideoOptions },
}

/// An item's place in the total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Share {
    /// "image" or "video".
    pub kind: &'static str,
    pub tokens_in_sequence: u64,
    pub feature_tokens: u64,
    /// Frames sampled, for a clip.
    pub frames_sampled: Option<u64>,
    /// Its part of the whole sequence, 0 to 1.
    pub share: f64,
}

/// The request's sequence against the context window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Total {
    pub items: Vec<Share>,
    pub prompt_tokens: u64,
    pub tokens_in_sequence: u64,
    /// The model's context window, where the catalogue knows it.
    pub context_window: Option<u32>,
    /// Whether the sequence fits the window (`None` without a window).
    pub fits: Option<bool>,
    /// Tokens over the window (0 when it fits).
    pub overflow: Option<u64>,
    /// Tokens left in the window (0 when it overflows).
    pub headroom: Option<u64>,
}

/// Why a request cannot be totalled: which item, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestError {
    /// 0-based position in `items`.
    pub item: usize,
    pub reason: String,
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "item {}: {}", self.item + 1, self.reason)
    }
}

impl std::error::Error for RequestError {}

/// Counts each item as `model` would and adds the prompt.
pub fn total(model: &'static Model, items: &[Item], prompt_tokens: u64) -> Result<Total, RequestError> {
    let mut shares = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let fail = |reason: String| RequestError { item: i, reason };
        shares.push(match item {
            Item::Image { size, options } => {
                let count = super::count(*size, model, options).map_err(|e| fail(e.to_string()))?;
                Share {
                    kind: "image",
                    tokens_in_sequence: count.tokens_in_sequence,
                    feature_tokens: count.feature_tokens,
                    frames_sampled: None,
                    share: 0.0,
                }
            }
            Item::Video { clip, options } => {
                let plan = video::plan(clip, model, options).map_err(|e| fail(e.to_string()))?;
                Share {
                    kind: "video",
                    tokens_in_sequence: plan.tokens_in_sequence,
                    feature_tokens: plan.feature_tokens,
                    frames_sampled: Some(plan.frames_sampled),
                    share: 0.0,
                }
            }
        });
    }
    let sum: u64 = shares.iter().map(|s| s.tokens_in_sequence).sum::<u64>() + prompt_tokens;
    for s in &mut shares {
        s.share = if sum == 0 { 0.0 } else { s.tokens_in_sequence as f64 / sum as f64 };
    }
    let window = model.context.map(u64::from);
    Ok(Total {
        items: shares,
        prompt_tokens,
        tokens_in_sequence: sum,
        context_window: model.context,
        fits: window.map(|w| sum <= w),
        overflow: window.map(|w| sum.saturating_sub(w)),
        headroom: window.map(|w| w.saturating_sub(sum)),
    })
}
