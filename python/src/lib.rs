//! `vistok._vistok`: the engine for Python. Three doors, each a thin wrapper: `answer` speaks the
//! JSON Lines protocol of `vistok batch` (images, clips, whole requests), `count_many` counts
//! arrays of sizes for one model without the GIL and in parallel, and `models` lists the
//! catalogue. The typed API is Python (`vistok/__init__.py`).

use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use vistok::engine::{self, CATALOGUE, Options, Size};

/// One protocol line (a JSON object) to its answer (a JSON object, with `error` where it cannot
/// be answered).
#[pyfunction]
fn answer(py: Python<'_>, line: &str) -> String {
    py.detach(|| match vistok::protocol::answer(line) {
        Ok(value) => value.to_string(),
        Err((mut echo, message)) => {
            echo.insert("error".into(), Value::String(message));
            Value::Object(echo).to_string()
        }
    })
}

/// `tokens_in_sequence` and `feature_tokens` of `model` for each `(widths[i], heights[i])`, -1
/// where the model refuses the size (too small, too thin, a side outside `u32`). Raises for an
/// unknown model or options the model does not take.
#[pyfunction]
fn count_many<'py>(
    py: Python<'py>,
    model: &str,
    widths: PyReadonlyArray1<'py, i64>,
    heights: PyReadonlyArray1<'py, i64>,
    options: &str,
) -> PyResult<(Bound<'py, PyArray1<i64>>, Bound<'py, PyArray1<i64>>)> {
    let model = vistok::protocol::model_named(model).map_err(PyValueError::new_err)?;
    let options = match serde_json::from_str::<Value>(options) {
        Ok(Value::Object(map)) => Options::from_json(&map),
        _ => return Err(PyValueError::new_err("options must be a JSON object")),
    };
    options.check_for(model).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let (w, h) = (widths.as_slice()?, heights.as_slice()?);
    if w.len() != h.len() {
        return Err(PyValueError::new_err(format!("{} widths but {} heights", w.len(), h.len())));
    }
    let (seq, feat): (Vec<i64>, Vec<i64>) = py.detach(|| {
        w.par_iter()
            .zip(h.par_iter())
            .map(|(&w, &h)| {
                let size = match (u32::try_from(w), u32::try_from(h)) {
                    (Ok(w), Ok(h)) => Size::new(w, h),
                    _ => return (-1, -1),
                };
                match engine::count(size, model, &options) {
                    Ok(c) => (c.tokens_in_sequence as i64, c.feature_tokens as i64),
                    Err(_) => (-1, -1),
                }
            })
            .unzip()
    });
    Ok((seq.into_pyarray(py), feat.into_pyarray(py)))
}

/// The catalogue as a JSON list: each entry's id, name, family, strategy, release month,
/// parameters, context window, knobs and whether a value could not be pinned.
#[pyfunction]
fn models() -> String {
    let list: Vec<Value> = CATALOGUE
        .iter()
        .map(|m| {
            let mut e = Map::new();
            e.insert("id".into(), json!(m.id));
            e.insert("name".into(), json!(m.name));
            e.insert("family".into(), json!(m.family));
            e.insert("strategy".into(), json!(m.strategy.kind().label()));
            e.insert("released".into(), json!(m.released.to_string()));
            e.insert("params".into(), json!(m.params.map(|p| p.to_string())));
            e.insert("context_window".into(), json!(m.context));
            e.insert("knobs".into(), json!(m.knobs().iter().map(|k| k.name).collect::<Vec<_>>()));
            e.insert("approximate".into(), json!(m.approximate()));
            Value::Object(e)
        })
        .collect();
    Value::Array(list).to_string()
}

#[pymodule]
fn _vistok(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(answer, m)?)?;
    m.add_function(wrap_pyfunction!(count_many, m)?)?;
    m.add_function(wrap_pyfunction!(models, m)?)?;
    Ok(())
}
