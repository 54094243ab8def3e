//! Python's float arithmetic, reproduced where the reference processors depend on its exact
//! behaviour (banker's rounding, float floor division). Both sides use IEEE-754 doubles, so the
//! same operations in the same order give the same bits.

/// Python's `round(x)` for a float: ties go to the even integer (`round(2.5) == 2`).
pub fn round(x: f64) -> f64 {
    x.round_ties_even()
}

/// Python's `round(x, 7)` as used before `int(...)` in LLaVA's unpadding arithmetic.
pub fn round7(x: f64) -> f64 {
    (x * 1e7).round_ties_even() / 1e7
}

/// Python's `a // b` for floats (CPython `float_floor_div`): the floor of the exact quotient,
/// which can differ from `(a / b).floor()` when the rounded quotient lands on an integer.
pub fn floor_div(a: f64, b: f64) -> f64 {
    let mut modulo = a % b;
    let mut div = (a - modulo) / b;
    if modulo != 0.0 && ((b < 0.0) != (modulo < 0.0)) {
        modulo += b;
        div -= 1.0;
    }
    let _ = modulo;
    if div != 0.0 {
        let mut floored = div.floor();
        if div - floored > 0.5 {
            floored += 1.0;
        }
        floored
    } else {
        0.0_f64.copysign(a / b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_ties_to_even_like_python() {
        assert_eq!(round(0.5), 0.0);
        assert_eq!(round(1.5), 2.0);
        assert_eq!(round(2.5), 2.0);
        assert_eq!(round(42.0 / 28.0), 2.0); // 1.5
        assert_eq!(round(70.0 / 28.0), 2.0); // 2.5
        assert_eq!(round(2.500001), 3.0);
    }

    #[test]
    fn floor_div_matches_python_where_plain_floor_does_not() {
        // In Python: 1.0 // 0.1 == 9.0, while math.floor(1.0 / 0.1) == 10.
        assert_eq!(floor_div(1.0, 0.1), 9.0);
        assert_eq!((1.0_f64 / 0.1).floor(), 10.0);
        assert_eq!(floor_div(7.0, 2.0), 3.0);
        assert_eq!(floor_div(54.0, std::f64::consts::SQRT_2), 38.0);
    }

    #[test]
    fn round7_snaps_float_noise() {
        assert_eq!(round7(26.999_999_999_7), 27.0);
        assert_eq!(round7(26.5), 26.5);
    }
}
