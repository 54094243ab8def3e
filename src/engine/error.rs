//! Typed errors: every input the engine refuses, with a message a reader can act on.

use super::decimal::trimmed;
use super::geometry::{Grid, Size};

/// Largest side the engine accepts: 2,147,483,647 px, the most a PNG header can declare (a JPEG
/// stops at 65,535; the processors count any side they are given, 1x100000 included).
pub const MAX_SIDE: u32 = i32::MAX as u32;

/// Pillow's decompression-bomb limit: `Image.open` refuses a file of more pixels than twice its
/// `Image.MAX_IMAGE_PIXELS` (89,478,485) with `DecompressionBombError`. The processors themselves
/// count such an image once it is loaded (with `Image.MAX_IMAGE_PIXELS = None`, or from an array),
/// so the engine counts it too and warns ([`pillow_warning`]).
pub const PILLOW_MAX_PIXELS: u64 = 2 * 89_478_485;

#[derive(Clone, Debug, PartialEq)]
pub enum EngineError {
    /// A side is zero: there is no image to count.
    EmptyImage { size: Size },
    /// A side is longer than [`MAX_SIDE`].
    SideTooLong { size: Size },
    /// The processor refuses this aspect ratio (Qwen's `smart_resize`: long/short must be ≤ 200).
    AspectRatioTooExtreme { size: Size, ratio: f64, limit: f64 },
    /// Scaling the long side down to `limit` leaves the short side under one pixel, which the
    /// processor cannot resize to (Pixtral).
    VanishingSide { size: Size, limit: u32 },
    /// The processor's own arithmetic scales a side to 0 px, and its resize then fails (Ovis2.5,
    /// DeepSeek-OCR-2 on extreme aspect ratios).
    ResizedToNothing { size: Size },
    /// Unpadding the model's square feature grid back to the image's aspect ratio keeps no row
    /// (or no column), and the model's reshape of the empty grid fails (Cambrian-1).
    UnpaddedToNothing { size: Size, grid: Grid },
    /// Fitted (aspect kept) into the crop canvas it was given, the image has a side under `min`
    /// px, which the processor refuses (Phi-4-multimodal: "the aspect ratio is very extreme").
    FittedSideTooShort { size: Size, fitted: Size, canvas: Size, min: u32 },
    /// The processor's own code fails on this size, for a reason of its own (LFM2-VL: an elongated
    /// image's thumbnail has more patches than the length every view is padded to, and the views
    /// cannot be stacked).
    ProcessorFails { size: Size, reason: String },
    /// No model in the catalogue has this id.
    UnknownModel { id: String },
    /// An option the model does not have, or a value it cannot take.
    InvalidOption { name: String, reason: String },
    /// The provider of a hosted model refuses this image.
    Refused { size: Size, reason: String },
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EmptyImage { size } => {
                write!(f, "image size {size} has a zero side: width and height must be at least 1 px")
            }
            Self::SideTooLong { size } => {
                write!(f, "image size {size} has a side over {MAX_SIDE} px, longer than any PNG can declare")
            }
            Self::AspectRatioTooExtreme { size, ratio, limit } => write!(
                f,
                "image size {size} has an aspect ratio of {}:1; this model's processor refuses \
                 ratios above {}:1",
                format!("{:.1}", *ratio),
                trimmed(*limit, 3)
            ),
            Self::VanishingSide { size, limit } => write!(
                f,
                "image size {size} is too thin: scaling its long side to {limit} px leaves the short side \
                 under one pixel, which the processor cannot resize to"
            ),
            Self::ResizedToNothing { size } => write!(
                f,
                "image size {size} is too elongated for this model: its processor scales one side to 0 px \
                 and cannot resize the image"
            ),
            Self::UnpaddedToNothing { size, grid } => write!(
                f,
                "image size {size} is too elongated for this model: unpadding its {grid} feature grid to the \
                 image's aspect ratio keeps no row or column, and the model fails to reshape the empty grid"
            ),
            Self::FittedSideTooShort { size, fitted, canvas, min } => write!(
                f,
                "image size {size} is too elongated for this model: fitted into its {canvas} px canvas of crops \
                 it is {fitted} px, and the processor refuses a side under {min} px"
            ),
            Self::ProcessorFails { size, reason } => {
                write!(f, "image size {size} makes this model's processor fail: {reason}")
            }
            Self::UnknownModel { id } => write!(f, "unknown model id {id:?} (see `vistok models`)"),
            Self::InvalidOption { name, reason } => write!(f, "option {name:?}: {reason}"),
            Self::Refused { size, reason } => write!(f, "image size {size} is refused: {reason}"),
        }
    }
}

impl std::error::Error for EngineError {}

/// Checks the limits every model shares.
pub fn check_size(size: Size) -> Result<(), EngineError> {
    if size.width == 0 || size.height == 0 {
        Err(EngineError::EmptyImage { size })
    } else if size.long_side() > MAX_SIDE {
        Err(EngineError::SideTooLong { size })
    } else {
        Ok(())
    }
}

/// The warning for an image Pillow would not open by default, or `None`.
pub fn pillow_warning(size: Size) -> Option<String> {
    (size.area() > PILLOW_MAX_PIXELS).then(|| {
        format!(
            "Pillow's Image.open refuses this {} MP file by default (DecompressionBombError above {} MP); \
             the count is the processor's once the image is loaded (Image.MAX_IMAGE_PIXELS = None).",
            format!("{:.0}", size.area() as f64 / 1e6),
            format!("{:.0}", PILLOW_MAX_PIXELS as f64 / 1e6)
        )
    })
}
