//! Numbers as the page and the messages write them: std's fixed-point formatting with the
//! trailing zeros dropped (`1.5` rather than `1.500`, `3` rather than `3.000`).

/// `x` to at most `places` decimals, without trailing zeros (and never `-0`).
pub fn trimmed(x: f64, places: usize) -> String {
    let text = format!("{x:.places$}");
    if !text.contains('.') {
        return text;
    }
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::trimmed;

    #[test]
    fn trailing_zeros_go_and_rounding_is_std_s() {
        assert_eq!(trimmed(1.5, 3), "1.5");
        assert_eq!(trimmed(200.0, 3), "200");
        assert_eq!(trimmed(0.1 + 0.2, 3), "0.3");
        assert_eq!(trimmed(-0.0001, 2), "0");
        assert_eq!(trimmed(2.675, 2), format!("{:.2}", 2.675_f64));
        assert_eq!(trimmed(f64::INFINITY, 2), "inf");
    }
}
