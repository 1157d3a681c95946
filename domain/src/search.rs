//! Text normalisation for the directory search: case, accents and punctuation are ignored, so
//! "patisserie" finds "Pâtisserie" and "BOUCHERIE" finds "Boucherie". The same function builds
//! each business's searchable text (when the index loads) and the words of a query, so both sides
//! always agree; matching is a byte substring search in [`crate::directory_index`], the same
//! whatever the database.

/// Lower-case ASCII words separated by single spaces: "Pâtisserie Lemaire & Fils" →
/// "patisserie lemaire fils". Transliteration (œ → oe, ß → ss) is done by `deunicode`.
pub fn normalize(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The words of a query, normalised, without duplicates, at most `MAX_WORDS`.
pub fn query_words(query: &str) -> Vec<String> {
    const MAX_WORDS: usize = 8;
    let mut words: Vec<String> = Vec::new();
    for word in normalize(query).split(' ').filter(|w| !w.is_empty()) {
        if !words.iter().any(|w| w == word) && words.len() < MAX_WORDS {
            words.push(word.to_string());
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_punctuation_are_ignored() {
        assert_eq!(normalize("Pâtisserie Lemaire"), "patisserie lemaire");
        assert_eq!(normalize("BOUCHERIE"), "boucherie");
        assert_eq!(normalize("Café-Brasserie « L'Étoile »"), "cafe brasserie l etoile");
        assert_eq!(normalize("Œufs & Bœuf"), "oeufs boeuf");
        assert_eq!(normalize("  "), "");
    }

    #[test]
    fn query_words_are_normalised_and_deduplicated() {
        assert_eq!(query_words("Pâté  PATE crème"), vec!["pate", "creme"]);
        assert!(query_words("!!! ???").is_empty());
        assert_eq!(query_words("a b c d e f g h i j").len(), 8);
    }
}
