//! Browser tests of the façade (wasm-bindgen-test in headless Chromium, run by `cargo xtask test`):
//! the app draws into real canvases, trains, and reports refused inputs.
#![cfg(target_arch = "wasm32")]

use losslab::web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    c.style()
        .set_property("width", &format!("{width}px"))
        .unwrap();
    c.style()
        .set_property("height", &format!("{height}px"))
        .unwrap();
    c.style().set_property("position", "absolute").unwrap();
    document.body().unwrap().append_child(&c).unwrap();
    c
}

fn pixels(c: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.get_image_data(0.0, 0.0, c.width() as f64, c.height() as f64)
        .unwrap()
        .data()
        .0
}

fn number(obj: &js_sys::Object, key: &str) -> f64 {
    js_sys::Reflect::get(obj, &key.into())
        .unwrap()
        .as_f64()
        .unwrap()
}

fn text(obj: &js_sys::Object, key: &str) -> String {
    js_sys::Reflect::get(obj, &key.into())
        .unwrap()
        .as_string()
        .unwrap()
}

fn app(query: &str) -> (App, HtmlCanvasElement, HtmlCanvasElement, HtmlCanvasElement) {
    let (heat, overlay, chart) = (canvas(200, 200), canvas(400, 400), canvas(400, 240));
    let mut app = App::new(heat.clone(), overlay.clone(), chart.clone(), query, "en").unwrap();
    app.show("all").unwrap();
    (app, heat, overlay, chart)
}

#[wasm_bindgen_test]
fn the_app_paints_the_decision_map_the_points_and_the_loss_chart() {
    let (mut app, heat, overlay, chart) = app("?optimizer=gd&lr=0.5");
    for _ in 0..40 {
        app.frame(true).unwrap();
    }
    let heat = pixels(&heat);
    assert_eq!(heat.len(), 200 * 200 * 4);
    let tinted = heat
        .chunks(4)
        .filter(|p| p[0] < 230 || p[1] < 230 || p[2] < 230)
        .count();
    assert!(tinted > 20_000, "only {tinted} coloured cells");
    let opaque = pixels(&overlay).chunks(4).filter(|p| p[3] > 200).count();
    assert!(opaque > 2_000, "only {opaque} overlay pixels drawn");
    let dark = pixels(&chart)
        .chunks(4)
        .filter(|p| p[0] < 100 && p[1] < 100 && p[2] < 100)
        .count();
    assert!(dark > 300, "the loss chart has only {dark} dark pixels");
    let stats = app.stats();
    assert!(number(&stats, "iteration") >= 40.0 * 6.0);
    assert!(number(&stats, "trainLoss") < 0.8);
}

#[wasm_bindgen_test]
fn refused_inputs_come_back_with_a_message_and_a_safe_value() {
    let (mut app, ..) = app("");
    let r = app.set("lr", "NaN").unwrap();
    assert_eq!(text(&r, "value"), "0.03");
    assert!(text(&r, "message").contains("not a number"));
    let r = app.set("lambda", "-1").unwrap();
    assert_eq!(text(&r, "value"), "0");
    let r = app.set("lr", "0.2").unwrap();
    assert_eq!(
        (text(&r, "value").as_str(), text(&r, "message").as_str()),
        ("0.2", "")
    );
    app.set_lang("zh").unwrap();
    let r = app.set("lr", "oops").unwrap();
    assert!(text(&r, "message").contains("不是数字"));
}

#[wasm_bindgen_test]
fn url_problems_are_listed_and_the_query_round_trips() {
    let (app, ..) = app("?lr=abc&seed=42&hidden=4,4&nonsense=1");
    assert_eq!(app.url_messages().length(), 2);
    let query = app.query();
    assert!(
        query.contains("seed=42") && query.contains("hidden=4,4"),
        "{query}"
    );
    let (again, ..) = self::app(&query);
    assert_eq!(again.get("seed"), "42");
    assert_eq!(
        number(&again.stats(), "trainLoss"),
        number(&app.stats(), "trainLoss")
    );
}

#[wasm_bindgen_test]
fn the_wasm_decision_map_shows_the_class_and_certainty_of_the_f64_model() {
    use losslab::engine::activation::Activation;
    use losslab::engine::model::{Architecture, Mlp};
    use losslab::render::decision::DecisionMap;

    for activation in Activation::ALL {
        let arch = Architecture {
            inputs: 2,
            hidden: vec![8, 8, 8],
            outputs: 3,
            activation,
        };
        let mut model = Mlp::new(arch, 5);
        model.params_mut().iter_mut().for_each(|v| *v *= 3.0);
        let mut map = DecisionMap::new(40);
        map.fill(&model);
        let checked = map
            .verify(&model)
            .unwrap_or_else(|cell| panic!("{activation:?}: cell {cell:?} differs"));
        assert!(
            checked > 1400,
            "{activation:?}: only {checked} cells checked"
        );
    }
}

/// Many marks of every kind plotters' SVG backend writes: squares, lines, circles, a polygon and
/// text, with characters that must be escaped.
fn many_marks<DB: plotters::prelude::DrawingBackend>(
    root: &plotters::prelude::DrawingArea<DB, plotters::coord::Shift>,
) -> Result<(), plotters::prelude::DrawingAreaErrorKind<DB::ErrorType>> {
    use plotters::prelude::*;
    for i in 0..3000 {
        let (x, y) = (i % 60 * 5, i / 60 * 5);
        let colour = RGBColor((i % 251) as u8, (i * 7 % 253) as u8, 90);
        root.draw(&Rectangle::new([(x, y), (x + 5, y + 5)], colour.filled()))?;
    }
    root.draw(&PathElement::new(
        vec![(0, 0), (300, 250), (10, 240)],
        BLACK.stroke_width(2),
    ))?;
    root.draw(&Circle::new((150, 120), 30, RED.stroke_width(3)))?;
    root.draw(&Polygon::new(
        vec![(5, 5), (60, 20), (20, 70)],
        BLUE.filled(),
    ))?;
    root.draw(&Text::new(
        "猫 <dog> & \"sheep\"",
        (40, 200),
        ("sans-serif", 14).into_font(),
    ))?;
    Ok(())
}

#[wasm_bindgen_test]
fn an_exported_chart_streamed_in_chunks_is_the_document_one_svg_backend_writes() {
    use losslab::web::paint;
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    let c = canvas(300, 250);
    c.set_width(300);
    c.set_height(250);
    paint::begin_capture();
    paint::record(&c, many_marks).unwrap();
    let captured = paint::end_capture();
    assert_eq!(captured.length(), 1);
    let pair: js_sys::Array = captured.get(0).dyn_into().unwrap();
    let streamed = pair.get(1).as_string().unwrap();
    let mut whole = String::new();
    {
        let root = SVGBackend::with_string(&mut whole, (300, 250)).into_drawing_area();
        many_marks(&root).unwrap();
        root.present().unwrap();
    }
    // Over 64 KiB: handed over in several chunks.
    assert!(whole.len() > 200_000, "{} bytes", whole.len());
    assert!(
        streamed == whole,
        "streamed {} bytes, whole {} bytes",
        streamed.len(),
        whole.len()
    );
    // Outside an export nothing is recorded.
    paint::record(&c, many_marks).unwrap();
    assert_eq!(paint::end_capture().length(), 0);
}
