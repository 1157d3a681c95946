//! The page's language, derived from the URL prefix (`/nl/…`, `/en/…`, none for French) so that
//! a shared link always opens in the language it was shared in.

use common::Lang;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::Locale;

/// The language of the current page, read once: what `current_lang()` gives,
/// without making a memo (and its subscription) for each caller, which cost a fifth of a
/// directory page's render when every card made one.
pub fn current_lang() -> Lang {
    use_location().pathname.with_untracked(|path| Lang::split_path(path).0)
}

/// The language of the current page, reactive to client-side navigation.
pub fn use_lang() -> Memo<Lang> {
    let location = use_location();
    Memo::new(move |_| Lang::split_path(&location.pathname.get()).0)
}

/// The leptos_i18n locale of a language.
pub fn locale(lang: Lang) -> Locale {
    match lang {
        Lang::Fr => Locale::fr,
        Lang::Nl => Locale::nl,
        Lang::En => Locale::en,
    }
}

/// A path of the site in a language: `href(Lang::Nl, "/commerces")` is `/nl/commerces`.
pub fn href(lang: Lang, path: &str) -> String {
    lang.localize(path)
}
