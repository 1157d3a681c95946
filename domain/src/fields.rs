//! Checks of typed form fields shared by every form of the domain (offers, products), so that a
//! rule on lengths or control characters holds everywhere at once.

use common::error::FieldProblem;

/// `value` trimmed, or a problem for `field`: `required` and empty, longer than `max`
/// characters, or holding control characters (line breaks and tabs only when `lines`). Line
/// ends are stored as `\n`. On a problem, returns an empty string (the caller stops anyway).
pub fn text(problems: &mut Vec<FieldProblem>, field: &str, value: &str, max: usize, required: bool, lines: bool) -> String {
    let value = value.trim();
    if value.is_empty() {
        if required {
            problems.push(FieldProblem::new(field, "required"));
        }
        return String::new();
    }
    // Bytes first: a 5 MB title is refused without counting its characters.
    if value.len() > max * 4 || value.chars().count() > max {
        problems.push(FieldProblem::with_limit(field, "too_long", max as u32));
        return String::new();
    }
    let allowed = |c: char| lines && (c == '\n' || c == '\r' || c == '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        problems.push(FieldProblem::new(field, "control_characters"));
        return String::new();
    }
    value.replace("\r\n", "\n")
}

