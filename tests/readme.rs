//! The README's model table is the catalogue's own (`vistok models`): it cannot drift.

#[test]
fn the_readme_model_table_is_the_catalogue() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let (_, rest) = readme.split_once("<!-- models:begin -->\n").expect("README has <!-- models:begin -->");
    let (table, _) = rest.split_once("<!-- models:end -->").expect("README has <!-- models:end -->");
    assert_eq!(
        table,
        vistok::engine::catalogue::table::markdown(),
        "the README's model table differs from the catalogue: paste the output of `cargo run --bin vistok -- models`"
    );
}
