//! Where a token lies: from a pixel of the model's input to its token and its place in the
//! sequence, and back; and which tokens see only padding.

use super::geometry::{Rect, intersection, len, overlapping};
use super::plan::{Plan, TokenKind, TokenOrder, TokenSpot, ViewRole};

impl Plan {
    pub(super) fn count_padding_tokens(&self) -> u64 {
        let image = self.image_in_frame;
        let mut n = 0;
        for (i, v) in self.views.iter().enumerate().filter(|(_, v)| v.role != ViewRole::Global) {
            let inside = image.x <= v.rect.x
                && image.y <= v.rect.y
                && image.x + image.width >= v.rect.x + v.rect.width
                && image.y + image.height >= v.rect.y + v.rect.height;
            if inside {
                continue;
            }
            // Tokens whose cell overlaps the image's extent in both directions see some of it; the
            // others, if they have a place in the sequence, are paid for padding alone.
            let (cw, ch) = self.token_cell(i);
            let rows_seeing = overlapping(v.rect.y, ch, v.token_grid.rows, image.y, image.y + image.height);
            let cols_seeing = overlapping(v.rect.x, cw, v.token_grid.cols, image.x, image.x + image.width);
            let (rows, cols) = self.cells_in_sequence(i);
            let kept = u64::from(len(&rows)) * u64::from(len(&cols));
            let seeing = u64::from(intersection(&rows, &rows_seeing)) * u64::from(intersection(&cols, &cols_seeing));
            n += kept - seeing;
        }
        n
    }

    /// The token rows and columns of `view` that have a place in the sequence (the cells
    /// [`Self::spot`] finds): a rectangle, empty for a view whose tokens are not in the sequence,
    /// and for AnyRes the part of the crop inside the unpadded band of the feature grid.
    fn cells_in_sequence(&self, view: usize) -> (std::ops::Range<u32>, std::ops::Range<u32>) {
        let v = &self.views[view];
        let all = (0..v.token_grid.rows, 0..v.token_grid.cols);
        let none = (0..0, 0..0);
        if self.cross_attention {
            return all;
        }
        match self.token_order {
            TokenOrder::NotInSequence => none,
            TokenOrder::RowMajor { views, .. } => {
                if view < views {
                    all
                } else {
                    none
                }
            }
            TokenOrder::PerView => {
                if self.sequence.iter().filter(|s| s.kind == TokenKind::Image).nth(view).is_some() {
                    all
                } else {
                    none
                }
            }
            TokenOrder::Unpadded { skipped, kept } => {
                if view == 0 {
                    (skipped.rows..skipped.rows + kept.rows, skipped.cols..skipped.cols + kept.cols)
                } else {
                    none
                }
            }
            TokenOrder::Stitched { kept, .. } => {
                let ViewRole::Crop { row, col } = v.role else { return all };
                let n = v.token_grid;
                // The kept band 0 .. kept of the joined grid, in this crop's cells.
                let band = |kept: u32, first: u32, n: u32| 0..kept.saturating_sub(first).min(n);
                (band(kept.rows, row * n.rows, n.rows), band(kept.cols, col * n.cols, n.cols))
            }
            TokenOrder::AnyRes => {
                let (Some(any), ViewRole::Crop { row, col }) = (self.anyres.as_ref(), v.role) else { return none };
                let n = v.token_grid;
                let pad_cols = (any.feature_grid.cols - any.unpadded.cols) / 2;
                let pad_rows = (any.feature_grid.rows - any.unpadded.rows) / 2;
                // The band pad .. pad + unpadded of the feature grid, in this crop's cells.
                let band = |pad: u32, kept: u32, first: u32, n: u32| {
                    let lo = pad.saturating_sub(first).min(n);
                    let hi = (pad + kept).saturating_sub(first).min(n);
                    lo..hi.max(lo)
                };
                (
                    band(pad_rows, any.unpadded.rows, row * n.rows, n.rows),
                    band(pad_cols, any.unpadded.cols, col * n.cols, n.cols),
                )
            }
        }
    }

    /// Adds the notes that follow from the geometry alone.

    /// The token covering the frame point (`x`, `y`), if any: the last view containing the point
    /// wins (crops over the whole image).
    pub fn token_at(&self, x: f64, y: f64) -> Option<TokenSpot> {
        (0..self.views.len()).rev().find_map(|view| {
            let (cw, ch) = self.token_cell(view);
            let v = &self.views[view];
            let (col, row) = ((x - v.rect.x) / cw, (y - v.rect.y) / ch);
            let inside =
                col >= 0.0 && row >= 0.0 && col < f64::from(v.token_grid.cols) && row < f64::from(v.token_grid.rows);
            inside.then(|| self.spot(view, col as u32, row as u32)).flatten()
        })
    }

    /// The token at `position` in the image's span, if it is an image token with a place in a view.
    pub fn token_at_position(&self, position: u64) -> Option<TokenSpot> {
        if self.token_order == TokenOrder::NotInSequence {
            return None;
        }
        (0..self.views.len()).find_map(|view| {
            let g = self.views[view].token_grid;
            (0..g.rows)
                .flat_map(|row| (0..g.cols).map(move |col| (col, row)))
                .find_map(|(col, row)| self.spot(view, col, row).filter(|s| s.position == position))
        })
    }

    /// Size in frame pixels of one language-model token of `view`.
    pub(super) fn token_cell(&self, view: usize) -> (f64, f64) {
        let v = &self.views[view];
        let side = f64::from(self.patch * self.merge.factor);
        (side * v.rect.width / f64::from(v.input.width), side * v.rect.height / f64::from(v.input.height))
    }

    /// The spot of token (`col`, `row`) of `view`, or `None` where it has no place in the sequence
    /// (a global view drawn elsewhere, a padding cell dropped by unpadding, a cross-attention model).
    pub(super) fn spot(&self, view: usize, col: u32, row: u32) -> Option<TokenSpot> {
        let v = self.views.get(view)?;
        let (cw, ch) = self.token_cell(view);
        let rect = Rect::new(v.rect.x + f64::from(col) * cw, v.rect.y + f64::from(row) * ch, cw, ch);
        let position = match self.token_order {
            TokenOrder::NotInSequence => return None,
            TokenOrder::RowMajor { lead, row_break, views } => {
                if view >= views {
                    return None;
                }
                let stride = u64::from(v.token_grid.cols) + u64::from(row_break);
                let before: u64 = self.views[..view]
                    .iter()
                    .map(|w| (u64::from(w.token_grid.cols) + u64::from(row_break)) * u64::from(w.token_grid.rows))
                    .sum();
                lead + before + u64::from(row) * stride + u64::from(col)
            }
            TokenOrder::Unpadded { skipped, kept } => {
                let (ux, uy) = (col.checked_sub(skipped.cols)?, row.checked_sub(skipped.rows)?);
                if view != 0 || ux >= kept.cols || uy >= kept.rows {
                    return None;
                }
                u64::from(uy) * (u64::from(kept.cols) + 1) + u64::from(ux)
            }
            TokenOrder::PerView => {
                let run = self.sequence.iter().enumerate().filter(|(_, s)| s.kind == TokenKind::Image).nth(view)?.0;
                let before: u64 = self.sequence[..run].iter().map(|s| s.count).sum();
                before + u64::from(row) * u64::from(v.token_grid.cols) + u64::from(col)
            }
            TokenOrder::Stitched { kept, gap } => {
                let stride = |cols: u32| u64::from(cols) + 1;
                match v.role {
                    ViewRole::Crop { row: crop_row, col: crop_col } => {
                        let n = v.token_grid;
                        let (fx, fy) = (crop_col * n.cols + col, crop_row * n.rows + row);
                        if fx >= kept.cols || fy >= kept.rows {
                            return None;
                        }
                        u64::from(fy) * stride(kept.cols) + u64::from(fx)
                    }
                    _ => {
                        let before = u64::from(kept.rows) * stride(kept.cols) + gap;
                        before + u64::from(row) * stride(v.token_grid.cols) + u64::from(col)
                    }
                }
            }
            TokenOrder::AnyRes => {
                let any = self.anyres.as_ref()?;
                let ViewRole::Crop { row: crop_row, col: crop_col } = v.role else { return None };
                let n = v.token_grid;
                let (fx, fy) = (crop_col * n.cols + col, crop_row * n.rows + row);
                // Unpadding keeps a centred band of rows or columns of the whole feature grid.
                let pad_cols = (any.feature_grid.cols - any.unpadded.cols) / 2;
                let pad_rows = (any.feature_grid.rows - any.unpadded.rows) / 2;
                let (ux, uy) = (fx.checked_sub(pad_cols)?, fy.checked_sub(pad_rows)?);
                if ux >= any.unpadded.cols || uy >= any.unpadded.rows {
                    return None;
                }
                // A shrunk grid is an interpolation: each kept cell stands for the cells it covers.
                let kept = any.shrunk.unwrap_or(any.unpadded);
                let sx = (u64::from(ux) * u64::from(kept.cols) / u64::from(any.unpadded.cols)) as u32;
                let sy = (u64::from(uy) * u64::from(kept.rows) / u64::from(any.unpadded.rows)) as u32;
                let global = self.views.iter().find(|w| w.role == ViewRole::Global).map_or(0, |w| w.token_grid.cells());
                global + u64::from(sy) * (u64::from(kept.cols) + 1) + u64::from(sx)
            }
        };
        Some(TokenSpot { view, col, row, rect, position })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::plan::ViewRole;
    use crate::engine::{self, CATALOGUE, Options};

    /// The padding count as first written: every token cell tested, and looked up in the sequence.
    fn padding_tokens_cell_by_cell(p: &Plan) -> u64 {
        let image = p.image_in_frame;
        let covered = |lo: f64, len: f64, a: f64, b: f64| a < lo + len && b > lo;
        let mut n = 0;
        for (i, v) in p.views.iter().enumerate().filter(|(_, v)| v.role != ViewRole::Global) {
            let (cw, ch) = p.token_cell(i);
            for row in 0..v.token_grid.rows {
                let y = v.rect.y + f64::from(row) * ch;
                let row_sees_image = covered(image.y, image.height, y, y + ch);
                for col in 0..v.token_grid.cols {
                    let x = v.rect.x + f64::from(col) * cw;
                    if row_sees_image && covered(image.x, image.width, x, x + cw) {
                        continue;
                    }
                    if p.cross_attention || p.spot(i, col, row).is_some() {
                        n += 1;
                    }
                }
            }
        }
        n
    }

    #[test]
    fn padding_tokens_by_ranges_equal_the_cell_by_cell_count() {
        let mut checked = 0;
        for model in CATALOGUE.iter() {
            for aspect in [0.05, 0.3, 0.6, 0.75, 1.0, 1.33, 1.8, 3.0, 12.0] {
                for size in engine::sweep_sizes(aspect, 1, 5000, 97) {
                    let Ok(plan) = engine::plan(size, model, &Options::default()) else { continue };
                    assert_eq!(plan.padding_tokens, padding_tokens_cell_by_cell(&plan), "{} at {size}", model.id);
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
