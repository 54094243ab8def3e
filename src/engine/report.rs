//! The comparison of the whole catalogue at one image, as rows and as CSV or Markdown text (the
//! page's table exports and the CLI's `compare`).

use super::{CATALOGUE, Model, Options, Size, StrategyKind, ViewRole, plan};

/// One model at one image.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub model: &'static Model,
    /// tokens in sequence, feature tokens, views, image px per token, ViT patches (`None` for
    /// hosted models); or why the engine refused the size.
    pub counts: Result<Counts, String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Counts {
    pub tokens_in_sequence: u64,
    pub feature_tokens: u64,
    pub views: u64,
    pub global_view: bool,
    pub pixels_per_token: u64,
    pub vit_patches: Option<u64>,
}

/// Every catalogue model at `size`, each with the options that apply to it, in catalogue order.
pub fn comparison(size: Size, options: &Options) -> Vec<Row> {
    CATALOGUE
        .iter()
        .map(|m| Row {
            model: m,
            counts: plan(size, m, &options.applicable_to(m)).map_err(|e| e.to_string()).map(|p| Counts {
                tokens_in_sequence: p.tokens_in_sequence,
                feature_tokens: p.feature_tokens,
                views: p.views.len() as u64,
                global_view: p.views.iter().any(|v| v.role == ViewRole::Global),
                pixels_per_token: p.pixels_per_token(),
                vit_patches: (p.strategy != StrategyKind::Api).then(|| p.vit_patches()),
            }),
        })
        .collect()
}

const HEADER: [&str; 9] = [
    "model",
    "name",
    "strategy",
    "tokens_in_sequence",
    "feature_tokens",
    "views",
    "image_px_per_token",
    "vit_patches",
    "error",
];

fn cells(row: &Row) -> [String; 9] {
    let m = row.model;
    let head = [m.id.to_owned(), m.name.to_owned(), m.strategy.kind().label().to_owned()];
    let rest = match &row.counts {
        Ok(c) => [
            c.tokens_in_sequence.to_string(),
            c.feature_tokens.to_string(),
            c.views.to_string(),
            c.pixels_per_token.to_string(),
            c.vit_patches.map(|v| v.to_string()).unwrap_or_default(),
            String::new(),
        ],
        Err(e) => [String::new(), String::new(), String::new(), String::new(), String::new(), e.clone()],
    };
    let [a, b, c] = head;
    let [d, e, f, g, h, i] = rest;
    [a, b, c, d, e, f, g, h, i]
}

/// RFC 4180 CSV: a header, then one line per model.
pub fn to_csv(rows: &[Row]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
    };
    let mut out = HEADER.join(",") + "\n";
    for row in rows {
        out.push_str(&cells(row).iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// A Markdown table a blog author can paste, titled with the image size.
pub fn to_markdown(size: Size, rows: &[Row]) -> String {
    let esc = |s: &str| s.replace('|', "\\|");
    let mut out = format!("Visual tokens for a {size} image (vistok)\n\n");
    out.push_str(
        "| model | strategy | tokens in sequence | feature tokens | views | image px per token | ViT patches |\n",
    );
    out.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for row in rows {
        let c = cells(row);
        let numbers = match &row.counts {
            Ok(_) => {
                format!("{} | {} | {} | {} | {}", c[3], c[4], c[5], c[6], if c[7].is_empty() { "—" } else { &c[7] })
            }
            Err(e) => format!("{} | | | |", esc(e)),
        };
        out.push_str(&format!("| {} | {} | {numbers} |\n", esc(&c[1]), esc(&c[2])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_header_and_one_line_per_model_with_engine_counts() {
        let rows = comparison(Size::new(1920, 1080), &Options::default());
        let csv = to_csv(&rows);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert_eq!(lines.len(), CATALOGUE.len() + 1);
        let gemma = lines.iter().find(|l| l.starts_with("google/gemma-3-4b-it,")).unwrap();
        assert!(gemma.contains(",260,256,1,"), "{gemma}");
        // A refused size names the error in its own column, quoted when it holds a comma.
        let refused = to_csv(&comparison(Size::new(100_000, 1), &Options::default()));
        assert!(refused.lines().skip(1).any(|l| l.ends_with('"') || l.split(',').count() >= 9), "{refused}");
    }

    #[test]
    fn markdown_is_a_table_with_a_row_per_model() {
        let md = to_markdown(Size::new(800, 600), &comparison(Size::new(800, 600), &Options::default()));
        let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(table.len(), CATALOGUE.len() + 2);
        assert!(table.iter().all(|l| l.ends_with('|')));
        assert!(md.starts_with("Visual tokens for a 800x600 image"));
    }
}
