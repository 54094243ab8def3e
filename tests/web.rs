//! Components in a real browser (wasm-bindgen-test in headless Chromium): a control change must
//! update the displayed total to the engine's count.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use vistok::engine::{self, Options, Size};
use vistok::ui::{App, url::Initial};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount(query: &str) -> (HtmlElement, impl Drop) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let initial = Initial::from_query(query);
    let handle = leptos::mount::mount_to(host.clone(), move || view! { <App initial /> });
    (host, handle)
}

/// Lets Leptos run the effects a change schedules (signal, then memo, then the DOM update).
async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

fn find(host: &HtmlElement, testid: &str) -> Option<Element> {
    host.query_selector(&format!("[data-testid={testid}]")).unwrap()
}

fn total(host: &HtmlElement) -> String {
    find(host, "token-total").expect("token-total shown").text_content().unwrap()
}

fn engine_total(model: &str, w: u32, h: u32) -> String {
    engine::plan_for(model, Size::new(w, h), &Options::default()).unwrap().tokens_in_sequence.to_string()
}

fn change(el: &Element, value: &str) {
    if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        select.set_value(value);
    } else {
        el.dyn_ref::<HtmlInputElement>().unwrap().set_value(value);
    }
    el.dispatch_event(&Event::new("change").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn changing_the_model_updates_the_total() {
    let (host, _handle) = mount("?model=Qwen/Qwen2.5-VL-7B-Instruct&w=640&h=480");
    settle().await;
    assert_eq!(total(&host), engine_total("Qwen/Qwen2.5-VL-7B-Instruct", 640, 480));
    for model in ["google/gemma-3-4b-it", "llava-hf/llava-onevision-qwen2-7b-ov-hf"] {
        // The picker's option for the model, clicked (its list is built when the box is first used).
        find(&host, "model-picker").unwrap().dyn_ref::<HtmlElement>().unwrap().click();
        settle().await;
        let option = host.query_selector(&format!("[role=option][data-model=\"{model}\"]")).unwrap().unwrap();
        option.dyn_ref::<HtmlElement>().unwrap().click();
        settle().await;
        assert_eq!(total(&host), engine_total(model, 640, 480), "{model}");
    }
}

#[wasm_bindgen_test]
async fn the_width_box_updates_the_total_and_keeps_the_aspect_ratio() {
    let (host, _handle) = mount("?model=Qwen/Qwen2.5-VL-7B-Instruct&w=640&h=480");
    settle().await;
    change(&find(&host, "width-input").unwrap(), "1920");
    settle().await;
    let height: HtmlInputElement = find(&host, "height-input").unwrap().unchecked_into();
    assert_eq!(height.value(), "1440");
    assert_eq!(total(&host), engine_total("Qwen/Qwen2.5-VL-7B-Instruct", 1920, 1440));
    assert!(find(&host, "error-message").is_none());
}

#[wasm_bindgen_test]
async fn bad_sizes_show_a_message_and_the_page_recovers() {
    let (host, _handle) = mount("?model=google/gemma-3-4b-it&w=800&h=600");
    settle().await;
    for bad in ["0", "3000000000", "abc"] {
        change(&find(&host, "width-input").unwrap(), bad);
        settle().await;
        assert!(find(&host, "error-message").is_some(), "width {bad} shows an error");
        let stale = find(&host, "token-total")
            .filter(|t| !t.text_content().unwrap_or_default().is_empty() || t.closest("[hidden]").unwrap().is_none());
        assert!(stale.is_none(), "no stale total for width {bad}");
    }
    change(&find(&host, "width-input").unwrap(), "1024");
    settle().await;
    assert!(find(&host, "error-message").is_none());
    assert_eq!(total(&host), "260");
}

/// A detached 40x20 canvas and its 2D context, for the backend's pixel tests.
fn canvas_40x20() -> (web_sys::HtmlCanvasElement, web_sys::CanvasRenderingContext2d) {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").unwrap().unchecked_into();
    canvas.set_width(40);
    canvas.set_height(20);
    let ctx = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    (canvas, ctx)
}

/// The page's canvas backend joins lines of one style into one path: every line of every style
/// must still reach the pixels, the last batch too (stroked when the backend is dropped).
#[wasm_bindgen_test]
fn batched_lines_of_each_style_are_all_stroked() {
    use plotters::prelude::*;
    use vistok::ui::canvas_backend::Canvas2d;
    let (canvas, ctx) = canvas_40x20();
    {
        let area = Canvas2d::new(&canvas, ctx.clone()).into_drawing_area();
        for (x, color) in [(5, RED), (15, RED), (25, BLUE), (35, BLUE)] {
            area.draw(&PathElement::new(vec![(x, 0), (x, 20)], color.stroke_width(2))).unwrap();
        }
    }
    let rgba = |x: f64| ctx.get_image_data(x, 10.0, 1.0, 1.0).unwrap().data().to_vec();
    for x in [4.0, 5.0, 14.0, 15.0] {
        assert_eq!(rgba(x), vec![255, 0, 0, 255], "red at {x}");
    }
    for x in [24.0, 25.0, 34.0, 35.0] {
        assert_eq!(rgba(x), vec![0, 0, 255, 255], "blue at {x}");
    }
    assert_eq!(rgba(10.0)[3], 0, "nothing between the lines");
}

/// Grid lines and outlines of an odd width sit on the pixel centres, so they cover whole pixels
/// instead of blurring over two: a 1-px line at x = 5 fills column 4 alone, a 3-px line at x = 0
/// runs from -2 to 1, and a 1-px outline covers the pixels just outside its corners' coordinates.
#[wasm_bindgen_test]
fn odd_widths_sit_on_pixel_centres() {
    use plotters::prelude::*;
    use vistok::ui::canvas_backend::Canvas2d;
    let (canvas, ctx) = canvas_40x20();
    {
        let area = Canvas2d::new(&canvas, ctx.clone()).into_drawing_area();
        area.draw(&PathElement::new(vec![(5, 0), (5, 20)], RED.stroke_width(1))).unwrap();
        area.draw(&PathElement::new(vec![(0, 0), (0, 20)], RED.stroke_width(3))).unwrap();
        area.draw(&Rectangle::new([(20, 5), (30, 15)], BLUE.stroke_width(1))).unwrap();
    }
    let alpha = |x: f64, y: f64| ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data()[3];
    assert_eq!(alpha(4.0, 10.0), 255, "the 1-px line fills column 4");
    assert_eq!((alpha(3.0, 10.0), alpha(5.0, 10.0)), (0, 0), "and nothing beside it");
    assert_eq!(alpha(0.0, 10.0), 255, "the 3-px line at x = 0 covers column 0");
    assert_eq!(alpha(1.0, 10.0), 0, "but not column 1: it runs from -2 to 1");
    for (x, y) in [(19.0, 10.0), (29.0, 10.0), (25.0, 4.0), (25.0, 14.0)] {
        assert_eq!(alpha(x, y), 255, "the outline covers ({x}, {y})");
    }
    for (x, y) in [(20.0, 10.0), (30.0, 10.0), (25.0, 5.0), (25.0, 15.0)] {
        assert_eq!(alpha(x, y), 0, "the outline leaves ({x}, {y})");
    }
}
