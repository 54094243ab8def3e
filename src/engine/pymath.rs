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

/// Python's `a / b` for two ints: the exact quotient rounded once to the nearest double (ties to
/// even). Converting a side past 2^53 to a double first would round twice. `b` is not 0.
pub fn int_div(a: u64, b: u64) -> f64 {
    const EXACT: u64 = 1 << 53;
    if a <= EXACT && b <= EXACT || a == 0 || b == 0 {
        return a as f64 / b as f64;
    }
    // Scale `a` so the integer quotient has 64 or 65 bits; a non-zero remainder then only needs
    // to mark the quotient as inexact (a sticky low bit) for one correct rounding.
    let shift = 64 + a.leading_zeros() - b.leading_zeros();
    let n = u128::from(a) << shift;
    let (q, r) = (n / u128::from(b), n % u128::from(b));
    let q = if r == 0 { q } else { q | 1 };
    q as f64 * 2f64.powi(-(shift as i32))
}

/// The order CPython 3.11 iterates a set of `(int, int)` tuples built by adding `pairs` in turn
/// (a set comprehension), duplicates dropped. Processors that sort such a set by tile count keep
/// this order among equal counts (a stable sort), and on exact ties it decides the grid.
/// Reproduces `tuplehash` (xxHash-style, 64-bit) and `setobject.c`'s open addressing: 10 linear
/// probes, then perturbed jumps; a table of 8 slots grown to the next power of two above 4x the
/// entries once it is 3/5 full, old slots re-inserted in table order.
pub fn set_order(pairs: impl IntoIterator<Item = (u32, u32)>) -> Vec<(u32, u32)> {
    const LINEAR_PROBES: usize = 9;
    let mut table: Vec<Option<(u64, (u32, u32))>> = vec![None; 8];
    let (mut fill, mut used) = (0usize, 0usize);
    // The slot `key` goes to: its own, or the first free one on its probe path.
    fn slot(table: &[Option<(u64, (u32, u32))>], hash: u64, key: (u32, u32)) -> (usize, bool) {
        let mask = table.len() - 1;
        let mut perturb = hash;
        let mut i = (hash as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match table[j] {
                    None => return (j, false),
                    Some((h, k)) if h == hash && k == key => return (j, true),
                    Some(_) => {}
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }
    for key in pairs {
        let hash = tuple_hash(key);
        let (j, present) = slot(&table, hash, key);
        if present {
            continue;
        }
        table[j] = Some((hash, key));
        fill += 1;
        used += 1;
        if fill * 5 >= (table.len() - 1) * 3 {
            let minused = used * 4;
            let mut size = 8;
            while size <= minused {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for (hash, key) in old.into_iter().flatten() {
                let (j, _) = slot(&table, hash, key);
                table[j] = Some((hash, key));
            }
            fill = used;
        }
    }
    table.into_iter().flatten().map(|(_, key)| key).collect()
}

/// CPython's `hash((a, b))` for small non-negative ints (each int hashes to itself), 64-bit.
fn tuple_hash((a, b): (u32, u32)) -> u64 {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let mut acc = PRIME_5;
    for lane in [u64::from(a), u64::from(b)] {
        acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add(2 ^ (PRIME_5 ^ 3_527_539));
    if acc == u64::MAX { 1_546_275_796 } else { acc }
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
    fn set_order_is_cpythons_for_tile_grids() {
        // CPython 3.11: sorted({(i, j) for n in range(1, 13) for i in range(1, n + 1)
        //   for j in range(1, n + 1) if 1 <= i * j <= 12}, key=lambda x: x[0] * x[1])
        // (Eagle 2.5's candidates; the order among equal products is the set's).
        let pairs = (1..=12u32).flat_map(|n| (1..=n).flat_map(move |i| (1..=n).map(move |j| (i, j))));
        let mut order = set_order(pairs.filter(|(i, j)| i * j <= 12));
        order.sort_by_key(|(i, j)| i * j);
        let expected = [
            (1, 1),
            (1, 2),
            (2, 1),
            (3, 1),
            (1, 3),
            (2, 2),
            (4, 1),
            (1, 4),
            (5, 1),
            (1, 5),
            (1, 6),
            (6, 1),
            (3, 2),
            (2, 3),
            (7, 1),
            (1, 7),
            (4, 2),
            (2, 4),
            (1, 8),
            (8, 1),
            (1, 9),
            (3, 3),
            (9, 1),
            (2, 5),
            (5, 2),
            (10, 1),
            (1, 10),
            (11, 1),
            (1, 11),
            (12, 1),
            (3, 4),
            (4, 3),
            (1, 12),
            (6, 2),
            (2, 6),
        ];
        assert_eq!(order, expected);
        assert_eq!(tuple_hash((1, 2)), (-3_550_055_125_485_641_917_i64) as u64);
    }

    #[test]
    fn int_div_rounds_once_like_python() {
        // CPython: (8671129286618071359 / 102400).hex() == '0x1.340f76214db67p+46', while
        // float(a) / float(b) gives ...db66p+46.
        let a = 8_671_129_286_618_071_359;
        assert_eq!(int_div(a, 102_400), f64::from_bits(0x42D3_40F7_6214_DB67));
        assert_ne!(a as f64 / 102_400.0, int_div(a, 102_400));
        assert_eq!(int_div(6_663_526_263_329_942_996, 7).to_bits(), 0x43AA_6BE2_CF1C_EEFB);
        assert_eq!(int_div(5, 27_021_597_764_222_979).to_bits(), 0x3CAA_AAAA_AAAA_AAAA);
        assert_eq!(int_div(1, 3), 1.0 / 3.0);
        assert_eq!(int_div(1 << 62, 1 << 18), (1u64 << 44) as f64);
    }

    #[test]
    fn round7_snaps_float_noise() {
        assert_eq!(round7(26.999_999_999_7), 27.0);
        assert_eq!(round7(26.5), 26.5);
    }
}
