//! Money as players read it, "$30,000" and "-$4,900": whole dollars, grouped by thousands.
//!
//! Written here rather than by the browser's `Intl.NumberFormat`: building that formatter took
//! 31 ms of the main thread on a game's first paint (four times that on a slow phone), for a
//! format this short. The digits come from the integer's own `to_string`, already in the app.

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
