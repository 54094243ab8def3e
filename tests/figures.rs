//! The figures rendered to SVG natively: what the page draws is asserted shape by shape.

use plotters::prelude::*;
use vistok::engine::{self, CATALOGUE, Options, Size};
use vistok::figures::{aspect, chart, overlay, theme};

fn svg_of_overlay(model: &str, size: Size, target: Size, min_spacing: f64) -> (String, Vec<overlay::Layer>) {
    let plan = engine::plan_for(model, size, &Options::default()).unwrap();
    let shapes = overlay::overlay(&plan);
    let mut svg = String::new();
    let skipped;
    {
        let area = SVGBackend::with_string(&mut svg, (target.width, target.height)).into_drawing_area();
        let fit = overlay::Fit::new(shapes.bounds, target);
        skipped = overlay::paint(
            &area,
            &shapes,
            fit,
            overlay::PaintOptions { pixel_ratio: 1.0, min_spacing, hidden: &[], highlight: None },
        )
        .unwrap();
        area.present().unwrap();
    }
    (svg, skipped)
}

#[test]
fn a_grid_pooled_with_rounding_up_stops_at_its_view() {
    // Molmo2 at 600x400: its low-resolution view pools 27x27 patches into 14x14 tokens, the last
    // row and column half a token. On a 1000x644 target the 644x644 canvas sits at x 178..822
    // (scale 1): no global line may pass its edges (they overhung them by 24 px), and the last
    // cell is the part one, closed by the edge.
    let (svg, _) = svg_of_overlay("allenai/Molmo2-8B", Size::new(600, 400), Size::new(1000, 644), 3.0);
    let stroke = format!("stroke=\"{}\"", hex(theme::GLOBAL_LINE));
    let mut xs = Vec::new();
    for element in svg.split('<').filter(|e| e.contains(&stroke) && e.starts_with("polyline")) {
        let points = element.split("points=\"").nth(1).and_then(|p| p.split('"').next()).unwrap();
        for pair in points.split_whitespace() {
            let (x, y) = pair.split_once(',').unwrap();
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            assert!((178.0..=822.0).contains(&x) && (0.0..=644.0).contains(&y), "{pair}");
            xs.push(x as i64);
        }
    }
    xs.sort_unstable();
    xs.dedup();
    // 14 lines 47.7 px apart from the left edge, and the right edge closing the half cell.
    assert_eq!(xs.len(), 15, "{xs:?}");
    assert_eq!((xs.first(), xs.last()), (Some(&178), Some(&822)));
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

#[test]
fn dynamic_overlay_draws_every_patch_line_and_every_merge_line() {
    // Qwen2.5-VL at 640x480: resized to 644x476, 46x34 patches, 23x17 tokens.
    let (svg, skipped) = svg_of_overlay("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(640, 480), Size::new(1288, 952), 3.0);
    assert!(skipped.is_empty());
    let patch_lines = svg.matches(&format!("stroke=\"{}\"", hex(theme::PATCH_LINE))).count();
    let token_lines = svg.matches(&format!("stroke=\"{}\"", hex(theme::TOKEN_LINE))).count();
    assert_eq!(patch_lines, (46 + 1) + (34 + 1));
    assert_eq!(token_lines, (23 + 1) + (17 + 1));
}

#[test]
fn grids_too_fine_for_the_canvas_are_left_out_and_reported() {
    // 4032x3024 on an 800 px wide canvas: 14 px patches become 2.8 px, 28 px tokens 5.6 px.
    let (svg, skipped) = svg_of_overlay("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(4032, 3024), Size::new(800, 600), 3.0);
    assert_eq!(skipped, vec![overlay::Layer::Patches]);
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::PATCH_LINE))).count(), 0);
    assert!(svg.matches(&format!("stroke=\"{}\"", hex(theme::TOKEN_LINE))).count() > 0);
}

#[test]
fn anyres_overlay_outlines_each_crop_and_shades_the_padding() {
    // LLaVA-OneVision at 800x600: 1152x768 chosen, 3x2 crops, image fitted to 1024x768 with
    // 64 px of padding left and right.
    let (svg, _) =
        svg_of_overlay("llava-hf/llava-onevision-qwen2-7b-ov-hf", Size::new(800, 600), Size::new(1152, 768), 3.0);
    let crops = svg.matches(&format!("stroke=\"{}\"", hex(theme::CROP_LINE))).count();
    assert_eq!(crops, 6);
    let padding = svg.matches(&format!("fill=\"{}\"", hex(theme::PADDING))).count();
    assert_eq!(padding, 2, "left and right bands");
    assert!(svg.contains("<rect x=\"0\" y=\"0\" width=\"64\" height=\"768\""), "left band is 64 px wide");
}

#[test]
fn fixed_overlay_pools_64_patches_into_16_tokens_per_side() {
    let (svg, _) = svg_of_overlay("google/gemma-3-4b-it", Size::new(1920, 1080), Size::new(896, 896), 3.0);
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::PATCH_LINE))).count(), 2 * 65);
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::TOKEN_LINE))).count(), 2 * 17);
}

#[test]
fn chart_draws_one_curve_per_model_with_its_label_and_the_marker() {
    let models: Vec<_> = CATALOGUE.iter().collect();
    let series = chart::series(&models, 4.0 / 3.0);
    assert_eq!(series.len(), CATALOGUE.len());
    let by_label = |label: &str| &series.iter().find(|s| s.label == label).unwrap().points;
    // Gemma 3 is flat at 260; Qwen2.5-VL grows, and its last point is the engine's count at 4096x3072.
    assert!(by_label("Gemma 3 4B").iter().all(|p| p.1 == 260.0));
    let qwen = by_label("Qwen2.5-VL 7B");
    assert!(qwen.windows(2).all(|w| w[1].1 >= w[0].1));
    let at_4096 = engine::plan_for("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(4096, 3072), &Options::default()).unwrap();
    assert_eq!(qwen.last().unwrap().1, at_4096.tokens_in_sequence as f64);
    let marker = chart::Marker { long_side: 640.0, tokens: 393.0, color: theme::DYNAMIC };
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (900, 360)).into_drawing_area();
        chart::paint(&area, &series, Some(marker), false, 1.0, &theme::LIGHT).unwrap();
    }
    for s in &series {
        assert!(svg.contains(s.label), "legend names {}", s.label);
    }
    assert!(svg.matches("<polyline").count() >= series.len());
    assert!(svg.contains("<circle"), "the current image is marked");
    assert!(svg.contains("tokens in sequence"));
}

/// A marker past the sweep stretches the axes in steps, so a slider dragged out there moves the
/// dot without changing the chart beneath it; the dot always stays inside.
#[test]
fn a_marker_past_the_sweep_stretches_the_axes_in_steps() {
    let models: Vec<_> = CATALOGUE.iter().take(3).collect();
    let series = chart::series(&models, 1.0);
    let at = |long_side: f64, tokens: f64| {
        chart::Range::of(&series, Some(chart::Marker { long_side, tokens, color: theme::FIXED }), false)
    };
    assert_eq!(at(100.0, 10.0), chart::Range::of(&series, None, false), "a marker inside changes nothing");
    assert_eq!(at(4200.0, 10.0), at(5000.0, 10.0));
    assert_eq!(at(5000.0, 10.0).x_max, 5120.0);
    assert!(at(5200.0, 10.0).x_max >= 5200.0);
    assert_eq!(at(100.0, 100_100.0), at(100.0, 109_000.0), "counts in steps of two significant digits");
    assert!(at(100.0, 111_000.0).y_max >= 111_000.0);
}

/// The page draws the dot as an element at `marker_at`: it must sit where the painted chart puts
/// its circle, on linear and log axes and at a device pixel ratio of 2.
#[test]
fn the_marker_position_is_where_the_chart_draws_its_dot() {
    let models: Vec<_> = CATALOGUE.iter().take(4).collect();
    let series = chart::series(&models, 1.0);
    for (log, ratio, size) in [(false, 1.0, (900, 360)), (true, 2.0, (1800, 720)), (false, 2.0, (640, 500))] {
        for (long_side, tokens) in [(640.0, 393.0), (3000.0, 16_000.0), (5000.0, 7.0)] {
            let marker = chart::Marker { long_side, tokens, color: theme::DYNAMIC };
            let range = chart::Range::of(&series, Some(marker), log);
            let mut svg = String::new();
            {
                let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                chart::paint_marker(&area, range, marker, ratio, &theme::LIGHT).unwrap();
            }
            let attr = |name: &str| -> i32 {
                let at = svg.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                svg[at..].split('"').next().unwrap().parse().unwrap()
            };
            assert_eq!(chart::marker_at(size, range, marker, ratio), Some((attr("cx"), attr("cy"))), "{svg}");
        }
    }
}

#[test]
fn the_log_axis_maps_counts_to_decades() {
    let range =
        chart::Range::of(&[], Some(chart::Marker { long_side: 100.0, tokens: 1000.0, color: theme::FIXED }), true);
    assert_eq!(range.y(1000.0), 3.0);
    assert_eq!(range.y(0.0), 0.0, "counts below 1 sit on the axis instead of at minus infinity");
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (600, 300)).into_drawing_area();
        let models: Vec<_> = CATALOGUE.iter().take(3).collect();
        chart::paint(&area, &chart::series(&models, 1.0), None, true, 1.0, &theme::LIGHT).unwrap();
    }
    assert!(svg.contains("(log scale)"));
    let labels: Vec<&str> = svg.lines().map(str::trim).collect();
    assert!(labels.contains(&"100") && labels.contains(&"1000"), "decade labels");
    assert!(!labels.contains(&"316"), "no labels between decades");
}

#[test]
fn hidden_layers_are_not_drawn() {
    let plan =
        engine::plan_for("llava-hf/llava-onevision-qwen2-7b-ov-hf", Size::new(800, 600), &Options::default()).unwrap();
    let shapes = overlay::overlay(&plan);
    let target = Size::new(1152, 768);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (target.width, target.height)).into_drawing_area();
        let fit = overlay::Fit::new(shapes.bounds, target);
        let hidden = [overlay::Layer::Crops, overlay::Layer::Padding, overlay::Layer::Patches];
        overlay::paint(
            &area,
            &shapes,
            fit,
            overlay::PaintOptions { pixel_ratio: 1.0, min_spacing: 3.0, hidden: &hidden, highlight: None },
        )
        .unwrap();
    }
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::CROP_LINE))).count(), 0);
    assert_eq!(svg.matches(&format!("fill=\"{}\"", hex(theme::PADDING))).count(), 0);
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::PATCH_LINE))).count(), 0);
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::TOKEN_LINE))).count(), 1, "the unpadded outline stays");
}

#[test]
fn the_selected_models_pixel_limits_are_shaded_and_named() {
    let qwen = engine::find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap();
    // Square images: the floor at 56 px and the cap at 3584 px both fall inside the 64..4096 sweep.
    let (floor, cap) = engine::clamp_long_sides(qwen, 1.0, &Options::default()).unwrap();
    let series = chart::series(&[qwen], 1.0);
    let range = chart::Range::of(&series, None, false);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 300)).into_drawing_area();
        chart::paint_base(&area, &series, range, Some(chart::Clamp { floor, cap }), &[], 1.0, &theme::LIGHT).unwrap();
    }
    let labels: Vec<&str> = svg.lines().map(str::trim).collect();
    assert!(labels.contains(&"max_pixels cap"), "cap at {cap:.0} px named");
    assert!(labels.contains(&"min_pixels floor"), "floor at {floor:.0} px named");
    // The floor's name is in the upper left corner, as the legend is: the legend's box starts below
    // the name's line, or it would hide it (its box is 85% opaque white).
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let at = labels.iter().position(|l| *l == "min_pixels floor").unwrap();
    let name_y = attr(labels[at - 1], "y");
    let legend_box = labels.iter().find(|l| l.starts_with("<rect") && l.contains("opacity=\"0.85\"")).unwrap();
    assert!(attr(legend_box, "y") >= name_y + 12.0, "legend box {legend_box} below the name at y {name_y}");
}

#[test]
fn the_pointer_maps_to_a_long_side_over_the_plotting_area_only() {
    let range = chart::Range { x_max: 4096.0, y_max: 100.0, log: false, quantity: chart::Quantity::Tokens };
    // 1000 CSS px wide: the plotting area runs from 68 to 990 px.
    assert_eq!(chart::long_side_at(68.0, 1000.0, range), Some(0.0));
    assert_eq!(chart::long_side_at(990.0, 1000.0, range), Some(4096.0));
    assert_eq!(chart::long_side_at(529.0, 1000.0, range), Some(2048.0));
    assert_eq!(chart::long_side_at(20.0, 1000.0, range), None, "over the y labels");
}

#[test]
fn hatching_stays_inside_its_rectangle_at_the_given_spacing() {
    let r = vistok::engine::Rect::new(10.0, 20.0, 100.0, 40.0);
    let lines = overlay::hatch(r, 10.0);
    // Lines x - y = c every 10 px across c in (x0 - y1, x1 - y0) = (-50, 90): 14 of them.
    assert_eq!(lines.len(), 14);
    for ((ax, ay), (bx, by)) in &lines {
        for (x, y) in [(ax, ay), (bx, by)] {
            assert!((10.0..=110.0).contains(x) && (20.0..=60.0).contains(y), "({x}, {y}) outside");
        }
        assert!(((bx - ax) - (by - ay)).abs() < 1e-9, "45 degrees");
    }
    assert!(overlay::hatch(vistok::engine::Rect::new(0.0, 0.0, 0.0, 5.0), 4.0).is_empty());
}

#[test]
fn the_global_view_is_its_own_layer_with_its_coarser_grid() {
    // LLaVA-OneVision at 800x600: the global view is 27x27 tokens over the fitted image.
    let (svg, _) =
        svg_of_overlay("llava-hf/llava-onevision-qwen2-7b-ov-hf", Size::new(800, 600), Size::new(1152, 768), 3.0);
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::GLOBAL_LINE))).count(), 2 * 28 + 1);
    // Qwen has no global view.
    let (svg, _) = svg_of_overlay("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(800, 600), Size::new(800, 600), 3.0);
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::GLOBAL_LINE))).count(), 0);
}

#[test]
fn aspect_panels_show_each_model_and_hatch_only_real_padding() {
    let size = Size::new(1280, 720);
    let ids = ["google/gemma-3-4b-it", "Qwen/Qwen2.5-VL-7B-Instruct", "meta-llama/Llama-3.2-11B-Vision-Instruct"];
    let plans: Vec<_> = ids.iter().map(|id| engine::plan_for(id, size, &Options::default()).unwrap()).collect();
    // Wide enough for one row; too narrow and they wrap into two.
    let wide = aspect::layout(&plans, Size::new(1200, 400), 150.0, 8);
    assert!(wide.iter().all(|p| p.area.y == 0.0 && p.area.width == 400.0));
    let narrow = aspect::layout(&plans, Size::new(400, 400), 150.0, 8);
    assert_eq!(narrow.iter().filter(|p| p.area.y > 0.0).count(), 1, "2 + 1");
    for p in &wide {
        let f = p.fit.rect(vistok::engine::Rect::of(p.overlay.frame));
        assert!(f.x >= p.area.x && f.x + f.width <= p.area.x + p.area.width + 1e-6, "frame inside its panel");
    }
    let hatch_lines = |panels: &[aspect::Panel]| {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (1200, 400)).into_drawing_area();
            aspect::paint(&area, panels, 1.0, &theme::LIGHT).unwrap();
        }
        svg.matches(&format!("stroke=\"{}\"", hex(theme::HATCH))).count()
    };
    assert_eq!(hatch_lines(&wide[..2]), 0, "squished and kept: no padding");
    assert!(hatch_lines(&wide[2..]) > 10, "Llama 3.2 pads its canvas");
    assert!(plans[2].padding_tokens > 0);
    // Only tokens, padding and frames: no patch grid, crops or global view in these panels.
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (1200, 400)).into_drawing_area();
        aspect::paint(&area, &wide, 1.0, &theme::LIGHT).unwrap();
    }
    for hidden in [theme::PATCH_LINE, theme::CROP_LINE, theme::GLOBAL_LINE] {
        assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(hidden))).count(), 0);
    }
    assert_eq!(svg.matches(&format!("stroke=\"{}\"", hex(theme::INK))).count(), 3, "one frame outline each");
}

#[test]
fn the_ttft_chart_draws_both_models_and_the_measured_points_as_rings() {
    let qwen = engine::find("Qwen/Qwen2.5-VL-7B-Instruct").unwrap();
    let gemma = engine::find("google/gemma-3-4b-it").unwrap();
    let h200 = engine::cost::gpu("H200").unwrap();
    let series = chart::ttft_series(&[qwen, gemma, engine::find("openai/gpt-4o").unwrap()], 1.0, h200, 20);
    assert_eq!(series.len(), 2, "hosted models have no cost curve");
    // Gemma 3 is one price at every size; Qwen grows.
    let flat = &series[1].points;
    assert!(flat.iter().all(|p| (p.1 - flat[0].1).abs() < 1e-9));
    let qwen_curve = &series[0].points;
    assert!(qwen_curve.last().unwrap().1 > 10.0 * qwen_curve[0].1);
    // The nine square images measured end to end on the H200, and none on a scaled GPU.
    let dots = chart::measured_dots(qwen, h200);
    assert_eq!(dots.len(), 9);
    assert_eq!(dots[0].0, 224.0);
    assert!((dots[0].1 - 46.28).abs() < 0.01, "the measured 46.28 ms at 224x224: {:?}", dots[0]);
    assert!(chart::measured_dots(qwen, engine::cost::gpu("H100").unwrap()).is_empty());
    let range = chart::Range::of_quantity(&series, None, &dots, false, chart::Quantity::TtftMs);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
        chart::paint_base(&area, &series, range, None, &dots, 1.0, &theme::LIGHT).unwrap();
    }
    assert!(svg.contains("time to first token, ms"));
    let rings = svg.matches("<circle").count();
    assert_eq!(rings, 9, "one ring per measured point");
}

#[test]
fn the_chart_exports_as_a_standalone_svg() {
    let models: Vec<_> =
        ["google/gemma-3-4b-it", "Qwen/Qwen2.5-VL-7B-Instruct"].iter().map(|id| engine::find(id).unwrap()).collect();
    let estimate = |text: &str, font: &vistok::figures::measured::Font| {
        ((font.size * 0.6 * text.len() as f64) as u32, font.size as u32)
    };
    let svg = chart::svg(&chart::series(&models, 1.5), None, false, (960, 480), &theme::LIGHT, estimate);
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{}", &svg[..80.min(svg.len())]);
    assert!(svg.contains("width=\"960\"") && svg.contains("Gemma 3 4B") && svg.contains("Qwen2.5-VL 7B"));
}

/// The dark theme's chart (canvas and SVG export alike): dark paper, light text, and every curve
/// in its strategy's hue lifted for the dark paper; the light one keeps the colours as they are.
#[test]
fn a_dark_chart_is_painted_in_the_dark_palette() {
    let models: Vec<_> = ["google/gemma-3-4b-it", "Qwen/Qwen2.5-VL-7B-Instruct", "OpenGVLab/InternVL3-8B-hf"]
        .iter()
        .map(|id| engine::find(id).unwrap())
        .collect();
    let estimate = |text: &str, font: &vistok::figures::measured::Font| {
        ((font.size * 0.6 * text.len() as f64) as u32, font.size as u32)
    };
    let series = chart::series(&models, 1.5);
    let hex = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let light = chart::svg(&series, None, false, (960, 480), &theme::LIGHT, estimate);
    let dark = chart::svg(&series, None, false, (960, 480), &theme::DARK, estimate);
    assert!(dark.contains(&format!("fill=\"{}\"", hex(theme::DARK.paper))), "dark paper");
    assert!(!dark.contains(&hex(theme::LIGHT.paper)) && !dark.contains(&hex(theme::LIGHT.ink)), "nothing light left");
    assert!(dark.contains(&format!("fill=\"{}\"", hex(theme::DARK.ink))), "light text");
    for s in &series {
        assert_ne!(theme::DARK.on_paper(s.color), s.color);
        assert!(dark.contains(&hex(theme::DARK.on_paper(s.color))), "{}", s.label);
        assert!(light.contains(&hex(s.color)), "{}", s.label);
    }
}

/// The token strip: segments in sequence order fill the width, none narrower than the minimum,
/// the rest shared by count; pointing at a token's place finds that token; the drawing has one
/// rectangle of its kind's colour per segment.
#[test]
fn the_token_strip_lays_out_points_and_draws_every_segment() {
    use vistok::engine::TokenKind;
    use vistok::figures::strip;
    // Idefics3: 17 views, row-end tokens and tags between image runs (many short segments).
    for (model, size) in [
        ("HuggingFaceTB/SmolVLM-Instruct", Size::new(1600, 1200)),
        ("llava-hf/llava-onevision-qwen2-7b-ov-hf", Size::new(1280, 720)),
        ("Qwen/Qwen2.5-VL-7B-Instruct", Size::new(640, 480)),
    ] {
        let plan = engine::plan_for(model, size, &Options::default()).unwrap();
        let width = 900.0;
        let segments = strip::layout(&plan, width, strip::MIN_WIDTH);
        assert_eq!(segments.len(), plan.sequence.len(), "{model}");
        let total: f64 = segments.iter().map(|s| s.width).sum();
        assert!((total - width).abs() < 1e-6, "{model}: {total}");
        let mut first = 0;
        for (s, span) in segments.iter().zip(&plan.sequence) {
            assert_eq!((s.first, s.count, s.kind), (first, span.count, span.kind));
            assert!(s.width >= strip::MIN_WIDTH - 1e-9, "{model}: {s:?}");
            first += span.count;
        }
        // Segments above the minimum share the width by count.
        let free: Vec<_> = segments.iter().filter(|s| s.width > strip::MIN_WIDTH + 1e-9).collect();
        for pair in free.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!((a.width / a.count as f64 - b.width / b.count as f64).abs() < 1e-9, "{model}");
        }
        for s in segments.iter().filter(|s| s.kind == TokenKind::Image) {
            for p in [s.first, s.first + s.count / 2, s.first + s.count - 1] {
                let x = strip::x_of(&segments, p).unwrap();
                assert_eq!(strip::position_at(&segments, x), Some(p), "{model}: position {p}");
            }
        }
        let other = segments.iter().find(|s| s.kind != TokenKind::Image).unwrap();
        assert_eq!(strip::position_at(&segments, other.x + other.width / 2.0), None, "{model}: {other:?}");
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (900, 28)).into_drawing_area();
            strip::paint(&area, &segments, 1.0, &theme::LIGHT).unwrap();
        }
        for kind in [TokenKind::Image, TokenKind::Newline, TokenKind::Delimiter, TokenKind::Text] {
            let fill = format!("fill=\"{}\"", hex(strip::kind_color(kind)));
            let drawn = svg.matches(&fill).count();
            let wanted = segments.iter().filter(|s| s.kind == kind).count();
            assert_eq!(drawn, wanted, "{model}: {kind:?} segments drawn");
        }
    }
    // Too narrow for the minimum: equal shares, still filling the width.
    let plan = engine::plan_for("HuggingFaceTB/SmolVLM-Instruct", Size::new(1600, 1200), &Options::default()).unwrap();
    let narrow = strip::layout(&plan, 40.0, strip::MIN_WIDTH);
    assert!(narrow.iter().all(|s| (s.width - 40.0 / narrow.len() as f64).abs() < 1e-9));
}

/// The page's swatches and the chart's dot take their CSS colour from the theme, so they match
/// the figures drawn with it.
#[test]
fn theme_colours_are_written_as_css() {
    assert_eq!(theme::css(theme::FIXED), "rgb(0, 114, 178)");
    assert_eq!(theme::css(theme::strategy_color(engine::StrategyKind::Dynamic)), "rgb(213, 94, 0)");
}

#[test]
fn the_kept_part_of_an_unpadded_or_stitched_grid_is_outlined() {
    let kept = |model, size| {
        let plan = engine::plan_for(model, size, &Options::default()).unwrap();
        overlay::overlay(&plan)
            .shapes
            .into_iter()
            .find_map(|s| match s {
                overlay::Shape::Outline { rect, layer: overlay::Layer::Unpadded } => Some(rect),
                _ => None,
            })
            .expect("an outline of the kept tokens")
    };
    // Cambrian-1 at 640x480: padded to a square drawn at 336 px, 24x24 tokens of 14 px; rows 3..21
    // kept (int(480 * (24 / 640)) = 18).
    assert_eq!(kept("nyu-visionx/cambrian-8b", Size::new(640, 480)), engine::Rect::new(0.0, 42.0, 336.0, 252.0));
    // Phi-4-multimodal at 600x400: 2x1 crops of 448 px, the image fitted to 672x448; its 16x16
    // tokens a crop are 28 px, 24 columns of the 32 kept (672 / 28).
    let phi = kept("microsoft/Phi-4-multimodal-instruct", Size::new(600, 400));
    assert_eq!((phi.width, phi.height), (672.0, 448.0));
}

/// The collection's histogram: shared bins hold every image once per model, and the drawing has
/// one bar of the model's colour per non-empty bin.
#[test]
fn the_collection_histogram_bins_every_image_and_draws_each_bin() {
    use vistok::engine::collection::Tally;
    use vistok::figures::histogram;
    let mut a = Tally::default();
    let mut b = Tally::default();
    for (i, t) in [256u64, 256, 300, 1200, 5000].iter().enumerate() {
        a.add(*t, &format!("a{i}"));
    }
    for t in [100u64, 90_000] {
        b.add(t, "b");
    }
    let (ca, cb) = (RGBColor(0x00, 0x72, 0xB2), RGBColor(0xD5, 0x5E, 0x00));
    let h = histogram::bins(&[("A".into(), ca, &a), ("B".into(), cb, &b)], 20);
    assert_eq!(h.edges.len(), 21);
    assert_eq!((h.edges[0], *h.edges.last().unwrap() >= 90_000), (100, true));
    assert_eq!(h.rows[0].bins.iter().sum::<u64>(), 5);
    assert_eq!(h.rows[1].bins.iter().sum::<u64>(), 2);
    assert_eq!(*h.rows[1].bins.last().unwrap(), 1, "the largest count lands in the last bin");
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, histogram::height(2) as u32)).into_drawing_area();
        histogram::paint(&area, &h, 1.0, &theme::LIGHT).unwrap();
    }
    let bars = |c: RGBColor| svg.matches(&format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)).count();
    assert_eq!(bars(ca), h.rows[0].bins.iter().filter(|n| **n > 0).count());
    assert_eq!(bars(cb), 2);
    assert!(svg.contains("\nA\n</text>") && svg.contains("\nB\n</text>") && svg.contains("100 tokens"), "{svg}");
}
