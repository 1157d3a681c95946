//! Euro amounts as Belgian merchants type them, parsed into integer cents.
//!
//! Money never goes through `f64`: a price is parsed digit by digit into cents,
//! so "0,10" + "0,20" is exactly 30 cents and a 1.234,50 € bicycle stays 123450.
//!
//! # Separator rules (the ambiguous part)
//!
//! Belgian (fr-BE / nl-BE) convention is `1.234,50`: dot (or a space) groups
//! thousands, comma separates the decimals. English-configured tools write
//! `1,234.50`. We accept both, and decide as follows:
//!
//! * Both `.` and `,` present: the right-most one is the decimal separator and
//!   must appear once; the other one is the grouping separator (`1.234,50`,
//!   `1,234.50`).
//! * Spaces (normal, no-break U+00A0, narrow no-break U+202F, thin U+2009) are
//!   only ever grouping (`1 234,50`).
//! * The same separator several times is grouping (`1.234.567`), and the groups
//!   must be well formed (1–3 digits, then groups of exactly 3), so `12,50,3`
//!   is not a number.
//! * A single comma is **always** the decimal comma, as a Belgian merchant
//!   means it: `12,5` = 12,50 €, and `1,234` / `12,505` are refused with
//!   [`PriceProblem::TooManyDecimals`]. We could guess that `1,234` is an
//!   English thousand, but a merchant who typed it in Belgian notation made a
//!   typo, and a silent 1000× price error is worse than asking.
//! * A single dot followed by 1 or 2 digits is a decimal point (`12.50`,
//!   `0.5`): groups have 3 digits, so it cannot be grouping.
//! * A single dot followed by exactly 3 digits is the Belgian thousands dot
//!   when what precedes is a valid first group (1–3 digits, no leading zero):
//!   `1.234` = 1 234,00 € (as on a bike shop's tag "€ 1.299"). Otherwise
//!   (`0.125`, `1234.567`) it is a decimal point with too many decimals.
//! * `12,-` / `12.-` (price-tag style for whole euros) = 12,00 €, and `12€50`
//!   (handwritten French style) = 12,50 €.
//!
//! A price of 0 is accepted (a free item); whether that makes sense is the
//! importer's call. Anything above [`MAX_CENTS`] is refused as absurd.

use std::fmt;

/// 1 000 000,00 €: far above anything sold in a town's shops, so a larger
/// number is a mistake (often a GTIN pasted into the price column).
pub const MAX_CENTS: i64 = 100_000_000;

/// Why a price cell was refused. [`PriceProblem::key`] gives a stable key that
/// the app translates; the variants carry nothing because the message only
/// needs the cell's own text, which the importer already has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceProblem {
    /// A minus sign: prices cannot be negative.
    Negative,
    /// More than 2 digits after the decimal separator.
    TooManyDecimals,
    /// Not a number we understand (words, several decimal separators, `1e5`…).
    NotANumber,
    /// More than 1 000 000,00 €.
    TooLarge,
}

impl PriceProblem {
    /// Stable snake_case key for translations and error CSVs.
    pub fn key(&self) -> &'static str {
        match self {
            PriceProblem::Negative => "price_negative",
            PriceProblem::TooManyDecimals => "price_too_many_decimals",
            PriceProblem::NotANumber => "price_not_a_number",
            PriceProblem::TooLarge => "price_too_large",
        }
    }
}

impl fmt::Display for PriceProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl std::error::Error for PriceProblem {}

/// Parses a price into cents. `Ok(None)` for an empty cell, which means "no
/// price shown: ask in the shop", not an error.
pub fn parse_euros(text: &str) -> Result<Option<i64>, PriceProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // The minus sign may stand before or after the currency ("-12 €", "€ -12").
    let (mut negative, mut rest) = strip_minus(text);
    rest = strip_currency(rest);
    if !negative {
        (negative, rest) = strip_minus(rest);
    }
    let cents = parse_amount(rest)?;
    if negative {
        // Only reached when the rest was a number: "-douze" stays NotANumber.
        return Err(PriceProblem::Negative);
    }
    if cents > MAX_CENTS {
        return Err(PriceProblem::TooLarge);
    }
    Ok(Some(cents))
}

/// Formats cents for export: "12,50" or "12.50", no currency sign and no
/// grouping, so that [`parse_euros`] reads it back to the same value.
pub fn format_euros(cents: i64, decimal_comma: bool) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    // unsigned_abs: i64::MIN has no positive i64 counterpart.
    let abs = cents.unsigned_abs();
    let sep = if decimal_comma { ',' } else { '.' };
    format!("{sign}{}{sep}{:02}", abs / 100, abs % 100)
}

fn strip_minus(s: &str) -> (bool, &str) {
    // U+2212 is the typographic minus that Word and some Macs substitute.
    for minus in ['-', '\u{2212}'] {
        if let Some(rest) = s.strip_prefix(minus) {
            return (true, rest.trim());
        }
    }
    (false, s)
}

/// Removes one currency marker before or after the amount. "12€50" is handled
/// later because the sign sits in the middle.
fn strip_currency(s: &str) -> &str {
    // Longest first so that "euros" is not cut as "euro" + "s".
    const MARKERS: [&str; 5] = ["€", "euros", "euro", "eur", "e"];
    // ASCII-case-insensitive comparison on byte slices taken with `get`, which
    // returns None instead of panicking when a cut would split a character.
    let matches = |part: Option<&str>, m: &str| part.is_some_and(|p| p.eq_ignore_ascii_case(m));
    for m in MARKERS {
        // A bare "e" is never a prefix: "e12" stays refused.
        if m != "e" && matches(s.get(..m.len()), m) {
            if let Some(rest) = s.get(m.len()..) {
                return rest.trim();
            }
        }
    }
    for m in MARKERS {
        let Some(cut) = s.len().checked_sub(m.len()) else {
            continue;
        };
        if matches(s.get(cut..), m) {
            let Some(head) = s.get(..cut).map(str::trim_end) else {
                continue;
            };
            // A trailing "e" counts only after a digit ("12,50 e"); in "1e5"
            // the e is not at the end, so it is never stripped.
            if m == "e" && !head.ends_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            return head;
        }
    }
    s
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// Parses the number itself (no sign, no currency) into cents.
fn parse_amount(s: &str) -> Result<i64, PriceProblem> {
    if s.is_empty() {
        return Err(PriceProblem::NotANumber);
    }
    // "12€50": the euro sign as decimal separator, always 2 digits after it.
    if let Some((whole, cents)) = s.split_once('€') {
        let whole = whole.trim();
        let cents = cents.trim();
        if cents.len() == 2 && cents.bytes().all(|b| b.is_ascii_digit()) && !whole.contains(['.', ',']) {
            let euros = parse_amount(whole)?;
            let extra: i64 = cents.parse().map_err(|_| PriceProblem::NotANumber)?;
            return euros.checked_add(extra).ok_or(PriceProblem::TooLarge);
        }
        return Err(PriceProblem::NotANumber);
    }
    // "12,-" and "12.-": whole euros written as on a price tag.
    let s = s
        .strip_suffix(",-")
        .or_else(|| s.strip_suffix(".-"))
        .filter(|head| !head.is_empty() && !head.ends_with(['.', ',']))
        .unwrap_or(s);

    // Split into digit runs and the separators between them.
    let mut runs: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    let mut in_digits = false;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            if !in_digits {
                start = i;
                in_digits = true;
            }
        } else if c == '.' || c == ',' || is_space(c) {
            if !in_digits {
                // Leading separator or two separators in a row: ".5", "1..2".
                return Err(PriceProblem::NotANumber);
            }
            runs.push(&s[start..i]);
            seps.push(if is_space(c) { ' ' } else { c });
            in_digits = false;
        } else {
            return Err(PriceProblem::NotANumber);
        }
    }
    if !in_digits {
        // Trailing separator ("12,") or no digits at all.
        return Err(PriceProblem::NotANumber);
    }
    runs.push(&s[start..]);

    let (int_runs, frac): (&[&str], &str) = match decimal_position(&runs, &seps)? {
        // `i` is a separator index, so runs i and i + 1 exist; `get` keeps
        // that an invariant rather than a possible panic.
        Some(i) => match (runs.get(..=i), runs.get(i + 1)) {
            (Some(int), Some(frac)) => (int, *frac),
            _ => return Err(PriceProblem::NotANumber),
        },
        None => (&runs[..], ""),
    };
    if frac.len() > 2 {
        return Err(PriceProblem::TooManyDecimals);
    }
    if int_runs.len() > 1 && !valid_groups(int_runs) {
        return Err(PriceProblem::NotANumber);
    }
    let int_text: String = int_runs.concat();
    let int_text = int_text.trim_start_matches('0');
    // Beyond 12 significant digits it cannot fit the limit anyway; refusing
    // here also keeps the arithmetic below far from i64 overflow.
    if int_text.len() > 12 {
        return Err(PriceProblem::TooLarge);
    }
    let euros: i64 = if int_text.is_empty() { 0 } else { int_text.parse().map_err(|_| PriceProblem::NotANumber)? };
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| PriceProblem::NotANumber)? * 10,
        _ => frac.parse::<i64>().map_err(|_| PriceProblem::NotANumber)?,
    };
    Ok(euros * 100 + cents)
}

/// Index of the digit run that ends right before the decimal separator, or
/// `None` when every separator is grouping. Implements the rules in the
/// module documentation.
fn decimal_position(runs: &[&str], seps: &[char]) -> Result<Option<usize>, PriceProblem> {
    let Some(&last) = seps.last() else {
        return Ok(None);
    };
    let last_index = seps.len() - 1;
    if last == ' ' {
        // Spaces only group; any dot or comma before a final space is odd
        // ("12,50 3").
        return if seps.iter().all(|&c| c == ' ') { Ok(None) } else { Err(PriceProblem::NotANumber) };
    }
    let before = &seps[..last_index];
    if before.contains(&last) {
        // The same dot/comma several times: grouping only, and nothing else
        // may be mixed in ("1.234.567", not "1 234.567.8").
        return if before.iter().all(|&c| c == last) { Ok(None) } else { Err(PriceProblem::NotANumber) };
    }
    // From here `last` appears once. Earlier separators must all be one
    // grouping kind (dot/comma/space) different from it.
    if let Some(&first) = before.first() {
        if before.iter().any(|&c| c != first) {
            return Err(PriceProblem::NotANumber);
        }
        return Ok(Some(last_index));
    }
    // A single separator: the ambiguous case.
    let after = runs.get(last_index + 1).map_or(0, |r| r.len());
    if last == '.' && after == 3 && valid_groups(runs) {
        // Belgian thousands dot: "1.234" = 1 234,00 €.
        return Ok(None);
    }
    Ok(Some(last_index))
}

/// Thousands groups: the first has 1–3 digits and does not start with 0, the
/// others exactly 3.
fn valid_groups(runs: &[&str]) -> bool {
    let Some((first, rest)) = runs.split_first() else {
        return false;
    };
    (1..=3).contains(&first.len()) && !first.starts_with('0') && rest.iter().all(|r| r.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> i64 {
        match parse_euros(s) {
            Ok(Some(c)) => c,
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    fn err(s: &str) -> PriceProblem {
        match parse_euros(s) {
            Err(e) => e,
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn empty_means_price_in_the_shop() {
        assert_eq!(parse_euros(""), Ok(None));
        assert_eq!(parse_euros("   "), Ok(None));
        assert_eq!(parse_euros("\u{00A0}\t"), Ok(None));
    }

    #[test]
    fn plain_amounts() {
        assert_eq!(ok("12,50"), 1250);
        assert_eq!(ok("12.50"), 1250);
        assert_eq!(ok("12"), 1200);
        assert_eq!(ok("0,5"), 50);
        assert_eq!(ok("0.5"), 50);
        assert_eq!(ok("12,5"), 1250);
        assert_eq!(ok("0"), 0);
        assert_eq!(ok("0,05"), 5);
        assert_eq!(ok("012,50"), 1250);
        assert_eq!(ok("  7,99  "), 799);
    }

    #[test]
    fn currency_markers() {
        for s in [
            "€ 12,50",
            "€12,50",
            "12,50 €",
            "12,50€",
            "EUR 12.50",
            "eur 12,50",
            "12,50 EUR",
            "12,50 euros",
            "12,50 euro",
            "12,50\u{00A0}€",
            "12,50 e",
            "12,50e",
        ] {
            assert_eq!(ok(s), 1250, "{s}");
        }
        assert_eq!(ok("12€50"), 1250);
        assert_eq!(ok("1.234,-"), 123400);
        assert_eq!(ok("12,-"), 1200);
        assert_eq!(ok("12.- €"), 1200);
    }

    #[test]
    fn grouping() {
        assert_eq!(ok("1.234,50"), 123450);
        assert_eq!(ok("1 234,50"), 123450);
        assert_eq!(ok("1\u{00A0}234,50"), 123450);
        assert_eq!(ok("1\u{202F}234,50"), 123450);
        assert_eq!(ok("1\u{2009}234,50 €"), 123450);
        assert_eq!(ok("1,234.50"), 123450);
        assert_eq!(ok("1 234.50"), 123450);
        assert_eq!(ok("1 234"), 123400);
        assert_eq!(ok("999.999,99"), 99999999);
        assert_eq!(ok("1.000.000"), 100000000);
        assert_eq!(ok("1,000,000.00"), 100000000);
    }

    #[test]
    fn ambiguous_single_separator_with_three_digits() {
        // Belgian thousands dot.
        assert_eq!(ok("1.234"), 123400);
        assert_eq!(ok("€ 1.299"), 129900);
        assert_eq!(ok("12.345"), 1234500);
        // A single comma is the decimal comma: 3 decimals are refused.
        assert_eq!(err("1,234"), PriceProblem::TooManyDecimals);
        assert_eq!(err("12,505"), PriceProblem::TooManyDecimals);
        // A dot that cannot be grouping is a decimal point.
        assert_eq!(err("0.125"), PriceProblem::TooManyDecimals);
        assert_eq!(err("1234.567"), PriceProblem::TooManyDecimals);
        assert_eq!(err("1.2345"), PriceProblem::TooManyDecimals);
        assert_eq!(err("1.234,567"), PriceProblem::TooManyDecimals);
    }

    #[test]
    fn negative() {
        assert_eq!(err("-3"), PriceProblem::Negative);
        assert_eq!(err("-12,50 €"), PriceProblem::Negative);
        assert_eq!(err("€ -12,50"), PriceProblem::Negative);
        assert_eq!(err("\u{2212}5"), PriceProblem::Negative);
        assert_eq!(err("-douze"), PriceProblem::NotANumber);
    }

    #[test]
    fn not_a_number() {
        for s in [
            "douze",
            "12,50,3",
            "1e5",
            "1E5",
            "e12",
            "€",
            "EUR",
            ",5",
            ".5",
            "12,",
            "12.",
            "1..2",
            "1,,2",
            "12 50",
            "1.2.3",
            "12,50 3",
            "1 234.567.8",
            "1.234 567",
            "12€5",
            "+12",
            "12/50",
            "0x10",
            "NaN",
            "inf",
            "12,5,",
            "--3",
            "1.23.456",
            "12€50,5",
            "1,2.3,4",
        ] {
            assert_eq!(err(s), PriceProblem::NotANumber, "{s}");
        }
    }

    #[test]
    fn too_large() {
        assert_eq!(ok("1000000"), MAX_CENTS);
        assert_eq!(ok("1.000.000,00"), MAX_CENTS);
        assert_eq!(err("1000000,01"), PriceProblem::TooLarge);
        assert_eq!(err("5449000000996"), PriceProblem::TooLarge);
        assert_eq!(err("99999999999999999999999999"), PriceProblem::TooLarge);
        assert_eq!(ok("0000000000000000000012,50"), 1250);
    }

    #[test]
    fn keys_are_stable() {
        assert_eq!(PriceProblem::Negative.key(), "price_negative");
        assert_eq!(PriceProblem::TooManyDecimals.key(), "price_too_many_decimals");
        assert_eq!(PriceProblem::NotANumber.key(), "price_not_a_number");
        assert_eq!(PriceProblem::TooLarge.key(), "price_too_large");
    }

    #[test]
    fn format_and_round_trip() {
        assert_eq!(format_euros(1250, true), "12,50");
        assert_eq!(format_euros(1250, false), "12.50");
        assert_eq!(format_euros(5, true), "0,05");
        assert_eq!(format_euros(0, false), "0.00");
        assert_eq!(format_euros(123450, true), "1234,50");
        assert_eq!(format_euros(-150, true), "-1,50");
        assert_eq!(format_euros(i64::MIN, true), "-92233720368547758,08");
        for cents in [0, 1, 9, 10, 99, 100, 1234, 99999, 123456, MAX_CENTS] {
            for comma in [true, false] {
                assert_eq!(parse_euros(&format_euros(cents, comma)), Ok(Some(cents)), "{cents}");
            }
        }
    }

    #[test]
    fn odd_unicode_never_panics() {
        for s in ["İ12", "12ß", "€€", "1\u{0301}2", "١٢", "１２", "ǅ", "12\u{202F}", "\u{202F}12"] {
            let _ = parse_euros(s);
        }
        assert_eq!(ok("12\u{202F}"), 1200);
    }
}
