//! Money as players read it, "$30,000" and "-$4,900": whole dollars, grouped by thousands.
//!
//! Written here rather than by the browser's `Intl.NumberFormat`: building that formatter took
//! 31 ms of the main thread on a game's first paint (four times that on a slow phone), for a
//! format this short. The digits come from the integer's own `to_string`, already in the app.
//! The Worker writes the same money into link previews and their pictures.

/// `dollars` as "$30,000", or "-$4,900" below zero.
pub fn money(dollars: i64) -> String {
    let digits = dollars.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if dollars < 0 {
        out.push('-');
    }
    out.push('$');
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::money;

    #[test]
    fn dollars_are_grouped_by_thousands() {
        assert_eq!(
            [0, 999, 1_000, -1_500, 1_234_567, i64::MIN].map(money),
            ["$0", "$999", "$1,000", "-$1,500", "$1,234,567", "-$9,223,372,036,854,775,808"]
        );
    }
}
