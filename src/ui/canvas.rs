//! Plain paint functions for the two canvases. Each sizes the backing store to the canvas' CSS
//! size times devicePixelRatio (so it is sharp), then draws through plotters' canvas backend.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::engine::{Plan, Size};
use crate::figures::{chart, overlay};

use super::use_picture::Picture;

/// Sets the backing store to CSS size x devicePixelRatio; returns it and the ratio.
fn fit_backing(canvas: &HtmlCanvasElement) -> (Size, f64) {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let css = canvas.get_bounding_client_rect();
    let backing = Size::new(
        ((css.width() * ratio).round() as u32).max(1),
        ((css.height() * ratio).round() as u32).max(1),
    );
    if canvas.width() != backing.width || canvas.height() != backing.height {
        canvas.set_width(backing.width);
        canvas.set_height(backing.height);
    }
    (backing, ratio)
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// The image as the model receives it with the plan's grids, crops and padding; a blank image of
/// the analysed size when no picture is loaded. Returns the layers too fine to draw.
pub fn paint_overlay(canvas: &HtmlCanvasElement, plan: &Plan, picture: Option<&Picture>) -> Vec<overlay::Layer> {
    let (backing, ratio) = fit_backing(canvas);
    let Some(ctx) = context(canvas) else { return Vec::new() };
    ctx.clear_rect(0.0, 0.0, f64::from(backing.width), f64::from(backing.height));
    let margin = (8.0 * ratio).round() as u32;
    let inner = Size::new(backing.width.saturating_sub(2 * margin).max(1), backing.height.saturating_sub(2 * margin).max(1));
    let mut fit = overlay::Fit::new(plan.frame, inner);
    fit.dx += f64::from(margin);
    fit.dy += f64::from(margin);
    let shapes = overlay::overlay(plan);
    let image = fit.rect(shapes.image);
    match picture {
        Some(p) => {
            let _ = ctx.draw_image_with_image_bitmap_and_dw_and_dh(&p.bitmap, image.x, image.y, image.width, image.height);
        }
        None => {
            ctx.set_fill_style_str("#c9ced6");
            ctx.fill_rect(image.x, image.y, image.width, image.height);
        }
    }
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { return Vec::new() };
    let area = backend.into_drawing_area();
    overlay::paint(&area, &shapes, fit, overlay::PaintOptions { pixel_ratio: ratio, min_spacing: 3.0 * ratio })
        .unwrap_or_default()
}

/// The resolution chart.
pub fn paint_chart(canvas: &HtmlCanvasElement, series: &[chart::Series], marker: Option<chart::Marker>) {
    let (_, ratio) = fit_backing(canvas);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { return };
    let area = backend.into_drawing_area();
    let _ = chart::paint(&area, series, marker, ratio);
}
