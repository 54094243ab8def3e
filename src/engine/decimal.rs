//! Decimal text of `f64` values without core's float formatter. Every `f64` written through
//! `Display` or `Debug` anywhere in the page brings that formatter (Grisu and Dragon4 with their
//! tables, about 17 KB of wasm), while the page only ever needs a few fixed decimals: so the
//! engine's messages, the page and its figures write numbers through these two functions.

/// `x` with exactly `places` decimals, as `format!("{x:.places$}")` writes it: the exact value of
/// `x` rounded to the nearest, ties to even (`1.05`, a hair above 1.05 in binary, gives `1.1`).
/// Not finite: "NaN", "inf" or "-inf". `places` is at most 9; the magnitude is exact up to 2^53 / 10^places and saturates beyond 1.8 * 10^19 /
/// 10^places (the page's numbers stay far below both).
pub fn fixed(x: f64, places: u32) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let places = places.min(9);
    let scale = 10_u64.pow(places);
    // `as` saturates: a magnitude beyond u64 reads as its largest value.
    let scaled = x.abs() * scale as f64;
    let mut units = scaled.round_ties_even();
    // `scaled` is rounded; when it lands on a tie, the exact product decides.
    if scaled - scaled.trunc() == 0.5 {
        let error = product_error(x.abs(), scale as f64);
        if error > 0.0 {
            units = scaled.ceil();
        } else if error < 0.0 {
            units = scaled.floor();
        }
    }
    let units = units as u64;
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let whole = units / scale;
    if places == 0 {
        return format!("{sign}{whole}");
    }
    let fraction = (units % scale).to_string();
    let zeros = "0".repeat(places as usize - fraction.len());
    format!("{sign}{whole}.{zeros}{fraction}")
}

/// The exact `a * b` minus its rounded value (Dekker's product, with Veltkamp's split); finite for
/// the magnitudes [`fixed`] meets at a tie (below 2^53).
fn product_error(a: f64, b: f64) -> f64 {
    let split = |v: f64| {
        let c = 134_217_729.0 * v; // 2^27 + 1
        let high = c - (c - v);
        (high, v - high)
    };
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    let p = a * b;
    ((ah * bh - p) + ah * bl + al * bh) + al * bl
}

/// `x` with at most `places` decimals and no trailing zeros (nor a trailing point): `1.62`,
/// `4800`, `0.35`. For the page's constants and CSS values, where `format!("{x}")` would write the
/// shortest exact text.
pub fn trimmed(x: f64, places: u32) -> String {
    let text = fixed(x, places);
    if !text.contains('.') {
        return text;
    }
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_matches_core_formatting() {
        let values = [
            0.0,
            -0.0,
            0.4,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            1.05,
            12.345,
            99.95,
            100.0,
            999.999,
            1e6 + 0.5,
            123456.789,
            -0.3,
            -1.25,
            3.0e12,
            52.7,
            0.01,
            0.005,
            0.015,
        ];
        for x in values {
            for places in 0..=4 {
                assert_eq!(fixed(x, places), format!("{x:.*}", places as usize), "{x} to {places} places");
            }
        }
    }

    #[test]
    fn fixed_matches_core_formatting_on_a_sweep() {
        // Quotients like the page's (megapixels, milliseconds, ratios): every one of them, at every
        // precision the page uses, reads as Rust's formatter writes it.
        let mut checked = 0;
        for a in (1..20_000_u64).step_by(7) {
            for b in [3_u64, 7, 8, 13, 20, 40, 1000, 1_000_000, 4096] {
                let x = (a * a) as f64 / b as f64;
                for places in 0..=3 {
                    let reference = format!("{x:.*}", places as usize);
                    assert_eq!(fixed(x, places), reference, "{x} to {places} places");
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000);
    }

    proptest::proptest! {
        #[test]
        fn fixed_matches_core_formatting_on_any_value(x in -1e9_f64..1e9, places in 0_u32..5) {
            proptest::prop_assert_eq!(fixed(x, places), format!("{x:.*}", places as usize));
        }
    }

    #[test]
    fn not_finite_values_are_named() {
        assert_eq!(fixed(f64::NAN, 2), "NaN");
        assert_eq!(fixed(f64::INFINITY, 1), "inf");
        assert_eq!(fixed(f64::NEG_INFINITY, 0), "-inf");
        assert_eq!(fixed(1e300, 0), u64::MAX.to_string());
    }

    #[test]
    fn trimmed_drops_trailing_zeros() {
        assert_eq!(trimmed(4800.0, 3), "4800");
        assert_eq!(trimmed(989.4, 3), "989.4");
        assert_eq!(trimmed(362.05, 3), "362.05");
        assert_eq!(trimmed(0.35, 3), "0.35");
        assert_eq!(trimmed(1.0, 3), "1");
        assert_eq!(trimmed(-0.0001, 3), "0");
        assert_eq!(trimmed(12.0, 0), "12");
        for x in [1.62, 0.5, 13.333, 16.0, 0.04] {
            assert_eq!(trimmed(x, 3), format!("{x}"));
        }
    }
}
