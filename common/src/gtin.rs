//! GTIN / EAN / UPC barcodes numbers, checked with the GS1 mod-10 check digit.
//!
//! A GTIN is kept as text, never as a number: leading zeros are part of the
//! code (UPC-A `036000291452`), and 14 digits do not survive an `f64`.
//!
//! Accepted: GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN-13) and GTIN-14, after
//! removing whitespace anywhere (barcodes are printed grouped, "5 449000
//! 000996"). Hyphens, letters or an Excel-mangled "5,449E+12" are refused:
//! guessing digits that were lost would attach a product to someone else's
//! code. An all-zero code is refused too: merchants type "0000000000000" as
//! a placeholder for "no barcode", and it passes the check digit.

use std::fmt;

/// A checked GTIN, digits only, as typed (its length tells the kind).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gtin(String);

/// Why a barcode cell was refused; [`GtinProblem::key`] is translated by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GtinProblem {
    /// Something other than digits and spaces (also an empty cell: the
    /// importer checks for empty before calling, an empty GTIN means "none").
    NotDigits,
    /// Not 8, 12, 13 or 14 digits.
    BadLength,
    /// The last digit does not match the GS1 check digit: a typo.
    BadCheckDigit,
    /// Only zeros: a placeholder, not a product's code.
    AllZeros,
}

impl GtinProblem {
    /// Stable snake_case key for translations and error CSVs.
    pub fn key(&self) -> &'static str {
        match self {
            GtinProblem::NotDigits => "gtin_not_digits",
            GtinProblem::BadLength => "gtin_bad_length",
            GtinProblem::BadCheckDigit => "gtin_bad_check_digit",
            GtinProblem::AllZeros => "gtin_all_zeros",
        }
    }
}

impl fmt::Display for GtinProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl std::error::Error for GtinProblem {}

impl Gtin {
    /// Parses and checks a GTIN; see the module documentation for what passes.
    pub fn parse(text: &str) -> Result<Gtin, GtinProblem> {
        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(GtinProblem::NotDigits);
        }
        if !matches!(digits.len(), 8 | 12 | 13 | 14) {
            return Err(GtinProblem::BadLength);
        }
        if digits.bytes().all(|b| b == b'0') {
            return Err(GtinProblem::AllZeros);
        }
        let (body, check) = digits.split_at(digits.len() - 1);
        let expected = check_digit(body);
        if check.as_bytes().first().map(|b| b - b'0') != Some(expected) {
            return Err(GtinProblem::BadCheckDigit);
        }
        Ok(Gtin(digits))
    }

    /// The digits, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Gtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Gtin {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// GS1 mod-10: from the right (excluding the check digit), weights 3,1,3,1…;
/// the check digit brings the sum to a multiple of 10. Counting from the right
/// is what makes one rule serve all lengths. `body` is ASCII digits only.
fn check_digit(body: &str) -> u8 {
    let sum: u32 =
        body.bytes().rev().enumerate().map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 }).sum();
    // sum % 10 is < 10, so the result fits in a u8.
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_codes() {
        for code in [
            "5449000000996",  // Coca-Cola 33 cl, EAN-13
            "4006381333931",  // Stabilo pen, EAN-13
            "96385074",       // GTIN-8 (GS1 example)
            "036000291452",   // UPC-A (Wrigley's), leading zero kept
            "5410228203582",  // Belgian prefix 54
            "00012345600012", // GTIN-14 (GS1 example)
            "10012345000017", // GTIN-14 with packaging indicator 1
        ] {
            let g = Gtin::parse(code).unwrap_or_else(|e| panic!("{code}: {e:?}"));
            assert_eq!(g.as_str(), code);
            assert_eq!(g.to_string(), code);
        }
    }

    #[test]
    fn spaces_are_removed() {
        assert_eq!(Gtin::parse(" 5 449000 000996 ").map(|g| g.0), Ok("5449000000996".into()));
        assert_eq!(Gtin::parse("5449000\u{00A0}000996").map(|g| g.0), Ok("5449000000996".into()));
    }

    #[test]
    fn wrong_check_digits() {
        for code in ["5449000000997", "4006381333930", "96385075", "036000291453", "00012345600013"] {
            assert_eq!(Gtin::parse(code), Err(GtinProblem::BadCheckDigit), "{code}");
        }
        // A swap of two adjacent digits is caught (weights differ).
        assert_eq!(Gtin::parse("4449000000996"), Err(GtinProblem::BadCheckDigit));
    }

    #[test]
    fn not_digits() {
        for code in ["", "  ", "5449-000000996", "5,449E+12", "ABC12345", "٥٤٤٩٠٠٠٠٠٠٩٩٦", "5449000000996x"]
        {
            assert_eq!(Gtin::parse(code), Err(GtinProblem::NotDigits), "{code}");
        }
    }

    #[test]
    fn bad_length() {
        // 36000291452 is the UPC-A above with its leading zero lost to a
        // spreadsheet: refused, not guessed.
        for code in ["1234567", "36000291452", "123456789", "123456789012345", "1"] {
            assert_eq!(Gtin::parse(code), Err(GtinProblem::BadLength), "{code}");
        }
    }

    #[test]
    fn all_zeros_is_a_placeholder() {
        assert_eq!(Gtin::parse("0000000000000"), Err(GtinProblem::AllZeros));
        assert_eq!(Gtin::parse("00000000"), Err(GtinProblem::AllZeros));
    }

    #[test]
    fn keys() {
        assert_eq!(GtinProblem::NotDigits.key(), "gtin_not_digits");
        assert_eq!(GtinProblem::BadLength.key(), "gtin_bad_length");
        assert_eq!(GtinProblem::BadCheckDigit.key(), "gtin_bad_check_digit");
        assert_eq!(GtinProblem::AllZeros.key(), "gtin_all_zeros");
    }
}
