//! Figures: overlay geometry as plain shapes, and drawing generic over plotters' `DrawingBackend`,
//! so the same functions paint a browser canvas and an SVG string in a native test.

pub mod aspect;
pub mod chart;
pub mod histogram;
pub mod measured;
pub mod overlay;
pub mod strip;
pub mod theme;
pub mod timeline;
