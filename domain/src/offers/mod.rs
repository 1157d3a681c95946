//! The offers feed (issue 8): what merchants post (promotions, new arrivals, events, in-store
//! offers) and where it travels.
//!
//! - This module: an offer's state from the clock ([`state_of`]), the checks of the merchant's
//!   form ([`check_form`]), and the shared pieces (photo URLs, texts in a language with the
//!   French fallback).
//! - [`manage`]: the merchant's writes (compose, preview as a draft, publish, edit, end early,
//!   delete, post again) and lists; the town administrator's hide and restore.
//!
//! # Time
//!
//! Validity is in whole local days (Europe/Brussels), first and last included, the way shops
//! announce offers ("du 3 au 14 décembre"). Nothing stores "live": [`state_of`] compares the
//! days with the injected clock's local date, so an offer starts and ends by itself at midnight
//! in every list, page and feed, and tests walk the clock through scheduled, live and ended.
//!
//! # Caching
//!
//! Writes to `offers` bump the feed's own data version (row 2 of `data_version`, by trigger; see
//! `migration::m20261220_000001_offers`), which keys the cached pages that show offers. The day
//! changing needs no write: cached pages are keyed by the minute too.

pub mod digest;
pub mod feeds;
pub mod follow;
pub mod manage;
pub mod public;

use chrono::NaiveDate;
use common::error::FieldProblem;
use common::offers::{
    OfferForm, OfferKind, OfferState, BODY_MAX, CONDITIONS_MAX, ENDING_SOON_DAYS, MAX_DAYS, MAX_DAYS_AHEAD,
    PROMO_CODE_MAX, TITLE_MAX,
};
use common::Lang;
use entity::offer;

use crate::clock::today_in_brussels;
use crate::fields::text;
use crate::photos::MAX_ALT_CHARS;


/// The state of `offer` on `today` (see the module doc). Hiding is not a state: a hidden offer
/// keeps its state for its merchant and is left out of every public list.
pub fn state_of(offer: &offer::Model, today: NaiveDate) -> OfferState {
    if offer.published_at.is_none() {
        OfferState::Draft
    } else if offer.ended_at.is_some() || offer.ends_on < today {
        OfferState::Ended
    } else if offer.starts_on > today {
        OfferState::Scheduled
    } else {
        OfferState::Live
    }
}

/// Whether shoppers see `offer` in lists and feeds on `today`: published, live, not hidden.
/// (Its business must be public too: the queries check that.)
pub fn is_public(offer: &offer::Model, today: NaiveDate) -> bool {
    offer.hidden_at.is_none() && state_of(offer, today) == OfferState::Live
}

/// Whether a live offer is in its last days (`ENDING_SOON_DAYS`).
pub fn ending_soon(offer: &offer::Model, today: NaiveDate) -> bool {
    (offer.ends_on - today).num_days() <= ENDING_SOON_DAYS
}

/// The kind of a stored offer (an unknown stored value reads as a promotion).
pub fn kind_of(offer: &offer::Model) -> OfferKind {
    OfferKind::from_code(&offer.kind).unwrap_or(OfferKind::Promotion)
}

/// A text in `lang`, falling back to French when empty; with the language it is in, so that a
/// page can mark a French fallback `lang="fr"`.
pub fn in_lang<'a>(fr: &'a str, nl: &'a str, en: &'a str, lang: Lang) -> (&'a str, Lang) {
    let text = match lang {
        Lang::Fr => fr,
        Lang::Nl => nl,
        Lang::En => en,
    };
    if text.trim().is_empty() {
        (fr, Lang::Fr)
    } else {
        (text, lang)
    }
}

/// The offer's title in `lang` (French fallback) and its language.
pub fn title_in(offer: &offer::Model, lang: Lang) -> (&str, Lang) {
    in_lang(&offer.title_fr, &offer.title_nl, &offer.title_en, lang)
}

/// The offer's text in `lang` (French fallback) and its language.
pub fn body_in(offer: &offer::Model, lang: Lang) -> (&str, Lang) {
    in_lang(&offer.body_fr, &offer.body_nl, &offer.body_en, lang)
}

/// The offer's conditions in `lang` (French fallback) and their language.
pub fn conditions_in(offer: &offer::Model, lang: Lang) -> (&str, Lang) {
    in_lang(&offer.conditions_fr, &offer.conditions_nl, &offer.conditions_en, lang)
}

/// The photo's text alternative in `lang` (French fallback).
pub fn photo_alt_in(offer: &offer::Model, lang: Lang) -> &str {
    in_lang(&offer.photo_alt_fr, &offer.photo_alt_nl, &offer.photo_alt_en, lang).0
}

/// The widths of the photo's variants, smallest first.
pub fn photo_widths(offer: &offer::Model) -> Vec<u32> {
    offer
        .photo_variants
        .as_deref()
        .map(|v| v.split(' ').filter_map(|w| w.parse().ok()).collect())
        .unwrap_or_default()
}

/// URL of the photo's variant closest to `width` from above (or its largest), if it has one.
pub fn photo_url(offer: &offer::Model, width: u32) -> Option<String> {
    let file = offer.photo_file.as_deref()?;
    let key = crate::photos::store_key_of(file)?;
    let widths = photo_widths(offer);
    let chosen = widths.iter().copied().find(|&w| w >= width).or_else(|| widths.last().copied())?;
    Some(crate::directory::photo_url(&crate::photos::variant_file(key, chosen)))
}

/// The photo's `srcset` (every variant), if it has one.
pub fn photo_srcset(offer: &offer::Model) -> Option<String> {
    let file = offer.photo_file.as_deref()?;
    let key = crate::photos::store_key_of(file)?;
    let candidates: Vec<String> = photo_widths(offer)
        .iter()
        .map(|&w| format!("{} {w}w", crate::directory::photo_url(&crate::photos::variant_file(key, w))))
        .collect();
    (!candidates.is_empty()).then(|| candidates.join(", "))
}

/// A form that passed every check, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedOffer {
    pub kind: OfferKind,
    pub title: [String; 3],
    pub body: [String; 3],
    pub conditions: [String; 3],
    pub promo_code: Option<String>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub photo_alt: [String; 3],
}

fn day(problems: &mut Vec<FieldProblem>, field: &str, value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        problems.push(FieldProblem::new(field, "required"));
        return None;
    }
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(date) if value.len() == 10 => Some(date),
        _ => {
            problems.push(FieldProblem::new(field, "date_invalid"));
            None
        }
    }
}

/// Checks the merchant's form and answers every problem at once. `today` is the town's date;
/// `kept_start` is the stored first day of an offer being edited, which may stay in the past
/// (a live offer started last week), while a new or moved start may not be before today.
/// `has_photo` says whether the offer will have a photo (its text alternative is then required).
pub fn check_form(
    form: &OfferForm,
    today: NaiveDate,
    kept_start: Option<NaiveDate>,
    has_photo: bool,
) -> Result<CheckedOffer, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let kind = OfferKind::from_code(form.kind.trim());
    if kind.is_none() {
        problems.push(FieldProblem::new("kind", "unknown_kind"));
    }
    let title = [
        text(&mut problems, "title_fr", &form.title_fr, TITLE_MAX, true, false),
        text(&mut problems, "title_nl", &form.title_nl, TITLE_MAX, false, false),
        text(&mut problems, "title_en", &form.title_en, TITLE_MAX, false, false),
    ];
    let body = [
        text(&mut problems, "body_fr", &form.body_fr, BODY_MAX, true, true),
        text(&mut problems, "body_nl", &form.body_nl, BODY_MAX, false, true),
        text(&mut problems, "body_en", &form.body_en, BODY_MAX, false, true),
    ];
    let conditions = [
        text(&mut problems, "conditions_fr", &form.conditions_fr, CONDITIONS_MAX, false, true),
        text(&mut problems, "conditions_nl", &form.conditions_nl, CONDITIONS_MAX, false, true),
        text(&mut problems, "conditions_en", &form.conditions_en, CONDITIONS_MAX, false, true),
    ];
    let promo_code = {
        let code = form.promo_code.trim();
        if code.is_empty() {
            None
        } else if code.chars().any(char::is_control) {
            problems.push(FieldProblem::new("promo_code", "control_characters"));
            None
        } else if code.len() > PROMO_CODE_MAX {
            problems.push(FieldProblem::with_limit("promo_code", "too_long", PROMO_CODE_MAX as u32));
            None
        } else if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            problems.push(FieldProblem::new("promo_code", "promo_code_invalid"));
            None
        } else {
            Some(code.to_string())
        }
    };
    let photo_alt = [
        text(&mut problems, "photo_alt_fr", &form.photo_alt_fr, MAX_ALT_CHARS, has_photo, false),
        text(&mut problems, "photo_alt_nl", &form.photo_alt_nl, MAX_ALT_CHARS, false, false),
        text(&mut problems, "photo_alt_en", &form.photo_alt_en, MAX_ALT_CHARS, false, false),
    ];
    let starts_on = day(&mut problems, "starts_on", &form.starts_on);
    let ends_on = day(&mut problems, "ends_on", &form.ends_on);
    if let Some(start) = starts_on {
        if start < today && kept_start != Some(start) {
            problems.push(FieldProblem::new("starts_on", "start_in_past"));
        } else if (start - today).num_days() > MAX_DAYS_AHEAD {
            problems.push(FieldProblem::with_limit("starts_on", "start_too_far", MAX_DAYS_AHEAD as u32));
        }
    }
    if let Some(end) = ends_on {
        if end < today {
            problems.push(FieldProblem::new("ends_on", "end_in_past"));
        } else if let Some(start) = starts_on {
            if end < start {
                problems.push(FieldProblem::new("ends_on", "end_before_start"));
            } else if (end - start).num_days() + 1 > MAX_DAYS {
                problems.push(FieldProblem::with_limit("ends_on", "period_too_long", MAX_DAYS as u32));
            }
        }
    }
    match (kind, starts_on, ends_on) {
        (Some(kind), Some(starts_on), Some(ends_on)) if problems.is_empty() => Ok(CheckedOffer {
            kind,
            title,
            body,
            conditions,
            promo_code,
            starts_on,
            ends_on,
            photo_alt,
        }),
        _ => Err(problems),
    }
}

/// The form showing a stored offer (to edit it, or to copy it with "post again").
pub fn form_of(offer: &offer::Model) -> OfferForm {
    OfferForm {
        kind: offer.kind.clone(),
        title_fr: offer.title_fr.clone(),
        title_nl: offer.title_nl.clone(),
        title_en: offer.title_en.clone(),
        body_fr: offer.body_fr.clone(),
        body_nl: offer.body_nl.clone(),
        body_en: offer.body_en.clone(),
        conditions_fr: offer.conditions_fr.clone(),
        conditions_nl: offer.conditions_nl.clone(),
        conditions_en: offer.conditions_en.clone(),
        promo_code: offer.promo_code.clone().unwrap_or_default(),
        starts_on: offer.starts_on.format("%Y-%m-%d").to_string(),
        ends_on: offer.ends_on.format("%Y-%m-%d").to_string(),
        photo_alt_fr: offer.photo_alt_fr.clone(),
        photo_alt_nl: offer.photo_alt_nl.clone(),
        photo_alt_en: offer.photo_alt_en.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn form(start: &str, end: &str) -> OfferForm {
        OfferForm {
            kind: "promotion".into(),
            title_fr: "Galettes -20 %".into(),
            body_fr: "Toutes nos galettes des rois.".into(),
            starts_on: start.into(),
            ends_on: end.into(),
            ..OfferForm::default()
        }
    }

    fn fields(problems: Vec<FieldProblem>) -> Vec<(String, String)> {
        problems.into_iter().map(|p| (p.field, p.problem)).collect()
    }

    #[test]
    fn a_period_from_today_is_accepted_and_trimmed() {
        let mut f = form("2026-12-05", "2026-12-12");
        f.title_fr = "  Galettes  ".into();
        let checked = check_form(&f, d("2026-12-05"), None, false).unwrap();
        assert_eq!(checked.title[0], "Galettes");
        assert_eq!(checked.kind, OfferKind::Promotion);
    }

    #[test]
    fn dates_that_make_no_sense_are_refused() {
        let today = d("2026-12-05");
        let end_before = check_form(&form("2026-12-10", "2026-12-08"), today, None, false).unwrap_err();
        assert_eq!(fields(end_before), vec![("ends_on".into(), "end_before_start".into())]);
        let past = check_form(&form("2026-12-04", "2026-12-08"), today, None, false).unwrap_err();
        assert_eq!(fields(past), vec![("starts_on".into(), "start_in_past".into())]);
        // An edited offer keeps its start even when it is in the past.
        assert!(check_form(&form("2026-12-01", "2026-12-08"), today, Some(d("2026-12-01")), false).is_ok());
        let long = check_form(&form("2026-12-05", "2027-06-05"), today, None, false).unwrap_err();
        assert_eq!(fields(long), vec![("ends_on".into(), "period_too_long".into())]);
        let garbage = check_form(&form("5/12/2026", ""), today, None, false).unwrap_err();
        assert_eq!(
            fields(garbage),
            vec![("starts_on".into(), "date_invalid".into()), ("ends_on".into(), "required".into())]
        );
    }

    #[test]
    fn hostile_texts_are_refused() {
        let today = d("2026-12-05");
        let mut f = form("2026-12-05", "2026-12-06");
        f.title_fr = "x".repeat(5 * 1024 * 1024);
        f.promo_code = "NOEL\u{7}26".into();
        f.kind = "pyramid".into();
        let problems = fields(check_form(&f, today, None, false).unwrap_err());
        assert!(problems.contains(&("title_fr".into(), "too_long".into())));
        assert!(problems.contains(&("promo_code".into(), "control_characters".into())));
        assert!(problems.contains(&("kind".into(), "unknown_kind".into())));
        f = form("2026-12-05", "2026-12-06");
        f.promo_code = "NOËL 26".into();
        assert_eq!(fields(check_form(&f, today, None, false).unwrap_err()), vec![("promo_code".into(), "promo_code_invalid".into())]);
    }

    #[test]
    fn a_photo_needs_its_french_description() {
        let f = form("2026-12-05", "2026-12-06");
        let problems = fields(check_form(&f, d("2026-12-05"), None, true).unwrap_err());
        assert_eq!(problems, vec![("photo_alt_fr".into(), "required".into())]);
    }
}
