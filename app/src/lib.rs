//! Vitrine's user interface: the page shell, the routes, pages, components and the server
//! functions they call. The same code renders on the server (`ssr`) and hydrates in the browser
//! (`hydrate`).

#![recursion_limit = "256"]

// The server's HTML and the browser bundle must be built alike, or hydration fails; the flag
// comes from .cargo/config.toml, which cargo ignores when RUSTFLAGS is set.
#[cfg(not(erase_components))]
compile_error!("build with `--cfg erase_components` (see .cargo/config.toml); add it to RUSTFLAGS if you set them");

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod components;
pub mod format;
pub mod lang;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod routes;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod status;

use common::Lang;
use leptos::children::ToChildren;
use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::components::{Route, RouteChildren, RouteProps, Router, Routes, RoutesProps};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

use crate::components::layout::Layout;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::account_links::{ConfirmEmailPage, ForgotPasswordPage, InvitationPage, ResetPasswordPage};
use crate::pages::business::BusinessPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::console::{ConsoleBusinessPage, ConsolePage, NewBusinessPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::dashboard::{AccountPage, BusinessDashboardPage, DashboardPage, LoginPage, ProfilePage};
use crate::pages::directory::DirectoryPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::follow::{ConfirmFollowPage, FollowPage, UnsubscribePage};
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::offers::{OfferPage, OffersPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::offers_merchant::{MerchantOffersPage, OfferEditorPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::product_import::{ImportPreviewPage, ProductImportPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::product_search::ProductSearchPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::products::{ProductPage, ShopProductsPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::products_merchant::{MerchantProductsPage, ProductEditorPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::offers_review::ConsoleOffersPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::order_links::{AnswerPage, AskPage, ConfirmOrderPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::orders::{BasketPage, OrderPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::orders_merchant::InboxPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::photos::PhotosPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::stats::StatsPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::team::TeamPage;

/// The HTML document around every page, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The configured public URL, for the hydrated client to build the same absolute links as
    // the server (`pages::base_url`).
    let public_url = {
        #[cfg(feature = "ssr")]
        {
            use_context::<state::AppState>().map(|s| s.base_url.to_string()).unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            String::new()
        }
    };
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4d4f"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <StylesheetLink options=options.clone()/>
                <HydrationLoader options=options.clone()/>
                <MetaTags/>
            </head>
            <body data-public-url=public_url>
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet's `<link>`, its name carrying the content hash of the site root's `hash.txt`,
/// read once: leptos_meta's `HashedStylesheet` reads the file (and the executable's path) on
/// every render, five system calls per page.
#[component]
fn StylesheetLink(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let href = {
        static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        HREF.get_or_init(|| {
            let name = hashed_names(&options, options.output_name.as_ref(), options.hash_file.as_ref()).css;
            format!("/{}/{name}.css", options.site_pkg_dir)
        })
        .clone()
    };
    #[cfg(not(feature = "ssr"))]
    let href = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! { <link id="leptos" rel="stylesheet" href=href/> }
}

/// Loads the JS and WASM and hydrates the page once the browser is idle (at most 2 s later).
/// Leptos's own `HydrationScripts` (with `defer`) does the same but also writes preload hints for
/// the 244 KB bundle; Lighthouse's simulated slow 4G counted that download in the largest
/// contentful paint (2.4 s, against 0.8 s for the first paint: docs/PERFORMANCE.md). The page
/// works before hydration (links and forms are plain HTML), so nothing is lost by waiting.
/// The file names carry the content hashes that scripts/build.sh puts in the site root's
/// `hash.txt` (the server points `options.hash_file` there: server/src/assets.rs), read once.
///
/// Private pages (merchant dashboard, account, console: [`routes::PageKind::Private`]) load
/// the private bundle (`vitrine-private`, with its `hash-private.txt`), public pages the public
/// one: a shopper's phone never downloads the dashboard's code.
#[component]
fn HydrationLoader(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let path = use_context::<http::request::Parts>().map(|p| p.uri.path().to_owned()).unwrap_or_default();
    #[cfg(feature = "ssr")]
    let kind = routes::kind_of(common::Lang::split_path(&path).1);
    #[cfg(feature = "ssr")]
    let private = kind == Some(routes::PageKind::Private);
    #[cfg(not(feature = "ssr"))]
    let private = false;
    // Following offers by e-mail: plain forms, no script at all (pages::follow).
    #[cfg(feature = "ssr")]
    if kind == Some(routes::PageKind::Follow) {
        return ().into_any();
    }
    // The offers feed and an offer's page are not hydrated (pages::offers): no bundle, only the
    // share button's small script.
    #[cfg(feature = "ssr")]
    if kind == Some(routes::PageKind::ServerOnly) {
        return view! { <script type="module" src="/offers-share.js"></script> }.into_any();
    }
    #[cfg(feature = "ssr")]
    let script = own_head_scripts(&options)[usize::from(private)].clone();
    // The browser never runs this component's script again: the text is the server's (hydration
    // keeps it); the same shape keeps the view tree identical.
    #[cfg(not(feature = "ssr"))]
    let script = loader_script(if private { PRIVATE_PKG_DIR } else { &options.site_pkg_dir }, "", "");
    view! { <script type="module">{script}</script> }.into_any()
}

/// The text of every inline script the shell writes in `<head>`: the loader of the public
/// bundle, then the private bundle's. The server's Content-Security-Policy allows these and no
/// other script in `<head>` (server/src/http/headers.rs), so a `<script>` that got into the head
/// any other way is refused by the browser. Computed once (the hash files are read once).
#[cfg(feature = "ssr")]
pub fn own_head_scripts(options: &LeptosOptions) -> &'static [String; 2] {
    static SCRIPTS: std::sync::OnceLock<[String; 2]> = std::sync::OnceLock::new();
    SCRIPTS.get_or_init(|| {
        let (js, wasm) = bundle_names(options, options.output_name.as_ref(), options.hash_file.as_ref());
        let public = loader_script(&options.site_pkg_dir, &js, &wasm);
        let (js, wasm) = bundle_names(options, PRIVATE_BUNDLE, &private_hash_file(options));
        let private = loader_script(PRIVATE_PKG_DIR, &js, &wasm);
        [public, private]
    })
}

/// The loader of one bundle: imports its JS, instantiates its WASM and hydrates, once the
/// browser is idle.
fn loader_script(pkg: &str, js: &str, wasm: &str) -> String {
    format!(
        "const h=()=>import('/{pkg}/{js}.js').then(m=>m.default({{module_or_path:'/{pkg}/{wasm}.wasm'}}).then(()=>m.hydrate()));\
         'requestIdleCallback' in window?requestIdleCallback(h,{{timeout:2000}}):setTimeout(h,1);"
    )
}

/// The private bundle's output name, directory and hash file (the `vitrine-private` project of
/// Cargo.toml).
#[cfg(feature = "ssr")]
pub const PRIVATE_BUNDLE: &str = "vitrine-private";
pub const PRIVATE_PKG_DIR: &str = "pkg-private";
#[cfg(feature = "ssr")]
pub const PRIVATE_HASH_FILE: &str = "hash-private.txt";

/// The private bundle's hash file: beside the public one (`options.hash_file`, which the server
/// sets to the site root's `hash.txt`).
#[cfg(feature = "ssr")]
fn private_hash_file(options: &LeptosOptions) -> String {
    std::path::Path::new(options.hash_file.as_ref()).with_file_name(PRIVATE_HASH_FILE).to_string_lossy().into_owned()
}

/// The file names of a bundle's JS, WASM and CSS, with the content hashes of its hash file.
#[cfg(feature = "ssr")]
struct HashedNames {
    js: String,
    wasm: String,
    css: String,
}

/// The JS and WASM file names of a bundle, with the content hashes of its hash file (a path
/// relative to the executable's directory, as Leptos reads it, or absolute).
#[cfg(feature = "ssr")]
fn bundle_names(options: &LeptosOptions, output_name: &str, hash_file: &str) -> (String, String) {
    let names = hashed_names(options, output_name, hash_file);
    (names.js, names.wasm)
}

#[cfg(feature = "ssr")]
fn hashed_names(options: &LeptosOptions, output_name: &str, hash_file: &str) -> HashedNames {
    let mut names = HashedNames { js: output_name.to_string(), wasm: output_name.to_string(), css: output_name.to_string() };
    let hashes = options.hash_files.then(|| {
        std::env::current_exe().ok().and_then(|exe| std::fs::read_to_string(exe.parent()?.join(hash_file)).ok())
    });
    match hashes.flatten() {
        Some(hashes) => {
            for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                match file.trim() {
                    "js" => names.js = format!("{}.{}", names.js, hash.trim()),
                    "wasm" => names.wasm = format!("{}.{}", names.wasm, hash.trim()),
                    "css" => names.css = format!("{}.{}", names.css, hash.trim()),
                    _ => {}
                }
            }
        }
        // As Leptos names it when cargo-leptos did not set the output name.
        None if option_env!("LEPTOS_OUTPUT_NAME").is_none() => names.wasm.push_str("_bg"),
        None => {}
    }
    names
}

/// The application: every page of [`page_routes`] in each language, by [`AppRoutes`].
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        // Lets end-to-end tests wait until the page is interactive.
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Router>
            <Layout>
                <AppRoutes/>
            </Layout>
        </Router>
    }
}

/// The routes, made inside the `Router` (a `Routes` needs its context): [`page_routes`] under the
/// prefix of each language of [`Lang::ALL`] (`/nl`, `/en`, none for French), so that a page
/// exists in every language or in none.
#[component]
fn AppRoutes() -> impl IntoView {
    // Dutch and English first: French's empty prefix matches the start of every path, so a
    // `/nl/…` path would try each French page before reaching Dutch.
    let routes: StaticVec<AnyNestedRoute> = Lang::ALL
        .iter()
        .rev()
        .flat_map(|lang| page_routes(StaticSegment(lang.path_prefix())))
        .collect::<Vec<_>>()
        .into();
    // Without `view!`, which would take the routes for a view.
    Routes(RoutesProps::builder().fallback(NotFoundPage).children(RouteChildren::to_children(move || routes)).build())
}

/// A page's route: `$path` shows `$view`, rendered in `Async` mode so that its status code (404,
/// 400) and `<head>` tags are known before the first byte is sent.
macro_rules! page {
    ($path:expr, $view:expr) => {
        Route(RouteProps::builder().path($path).view($view).ssr(SsrMode::Async).build())
    };
}

/// Every page, under the language prefix `lang` (`StaticSegment("")` for French); first match
/// wins. One flat list of routes, each with its language prefix, rather than a parent route per
/// language with an `Outlet`: the code of nested routes made the public bundle 2.2 KB (brotli)
/// bigger, past its budget; these flat routes made it 0.5 KB smaller than the nine routes
/// written out.
///
/// The public pages hydrate with the public bundle, which does not contain the other pages
/// (dashboard, account, console: their code would weigh on every shopper's phone); those are
/// hydrated by the private bundle (`frontend-private`, feature `private`), which holds every
/// page, or not at all (the offers and follow pages). Links from public pages to the others are
/// full page loads (`rel="external"`). Which bundle a page loads is its
/// [`routes::PageKind`]; `server/tests/routes.rs` checks that the public bundle's pages are
/// exactly the public kind's.
fn page_routes(lang: StaticSegment<&'static str>) -> impl Iterator<Item = AnyNestedRoute> {
    let pages = public_page_routes(lang).into_iter();
    #[cfg(any(feature = "ssr", feature = "private"))]
    let pages = pages.chain(other_page_routes(lang));
    pages
}

/// The pages of the public bundle.
fn public_page_routes(lang: StaticSegment<&'static str>) -> impl IntoIterator<Item = AnyNestedRoute> {
    [
        page!(lang, HomePage),
        page!((lang, StaticSegment("commerces")), DirectoryPage),
        page!((lang, StaticSegment("commerces"), ParamSegment("slug")), BusinessPage),
    ]
}

/// The pages that are not in the public bundle: the private ones, then the follow-by-e-mail
/// pages and the offers feed.
#[cfg(any(feature = "ssr", feature = "private"))]
fn other_page_routes(lang: StaticSegment<&'static str>) -> impl IntoIterator<Item = AnyNestedRoute> {
    let dashboard = (lang, StaticSegment("tableau-de-bord"));
    let business = (dashboard, ParamSegment("id"));
    let console = (lang, StaticSegment("console"));
    let offers = (lang, StaticSegment("offres"));
    let token = ParamSegment("token");
    [
        page!((lang, StaticSegment("connexion")), LoginPage),
        page!(dashboard, DashboardPage),
        page!(business, BusinessDashboardPage),
        page!((business, StaticSegment("profil")), ProfilePage),
        page!((business, StaticSegment("photos")), PhotosPage),
        page!((business, StaticSegment("offres")), MerchantOffersPage),
        page!((business, StaticSegment("offres"), ParamSegment("offer")), OfferEditorPage),
        page!((business, StaticSegment("produits")), MerchantProductsPage),
        // The spreadsheet import, before `{product}` so that its static segment wins.
        page!((business, StaticSegment("produits"), StaticSegment("importer")), ProductImportPage),
        page!((business, StaticSegment("produits"), StaticSegment("importer"), ParamSegment("file")), ImportPreviewPage),
        page!((business, StaticSegment("produits"), ParamSegment("product")), ProductEditorPage),
        page!((business, StaticSegment("commandes")), InboxPage),
        page!((business, StaticSegment("statistiques")), StatsPage),
        page!((business, StaticSegment("equipe")), TeamPage),
        page!((lang, StaticSegment("compte")), AccountPage),
        page!((lang, StaticSegment("invitation"), token), InvitationPage),
        page!((lang, StaticSegment("mot-de-passe-oublie")), ForgotPasswordPage),
        page!((lang, StaticSegment("reinitialiser"), token), ResetPasswordPage),
        page!((lang, StaticSegment("confirmer-adresse"), token), ConfirmEmailPage),
        page!(console, ConsolePage),
        page!((console, StaticSegment("offres")), ConsoleOffersPage),
        page!((console, StaticSegment("nouveau")), NewBusinessPage),
        page!((console, StaticSegment("commerce"), ParamSegment("id")), ConsoleBusinessPage),
        // The offers pages (issue 8) are server-rendered and not hydrated (pages::offers
        // explains why). Following offers by e-mail (pages::follow) first, so that its static
        // pages win over `/offres/{id}`.
        page!((offers, StaticSegment("suivre")), FollowPage),
        page!((offers, StaticSegment("confirmer")), ConfirmFollowPage),
        page!((offers, StaticSegment("desabonnement")), UnsubscribePage),
        page!(offers, OffersPage),
        page!((offers, ParamSegment("id")), OfferPage),
        // The search of every shop's products, a shop's products and a product's page
        // (issue 13): server-rendered, not hydrated (pages::products).
        page!((lang, StaticSegment("produits")), ProductSearchPage),
        page!((lang, StaticSegment("commerces"), ParamSegment("slug"), StaticSegment("produits")), ShopProductsPage),
        page!(
            (lang, StaticSegment("commerces"), ParamSegment("slug"), StaticSegment("produits"), ParamSegment("product")),
            ProductPage
        ),
        // Click & collect (issue 14): the basket and an order's page, server-rendered without
        // a bundle, never cached (pages::orders).
        page!((lang, StaticSegment("panier")), BasketPage),
        // The e-mailed links' pages first, so that their static segments win over `{token}`.
        page!((lang, StaticSegment("commande"), StaticSegment("confirmer")), ConfirmOrderPage),
        page!((lang, StaticSegment("commande"), StaticSegment("repondre")), AnswerPage),
        page!((lang, StaticSegment("commande"), token), OrderPage),
        page!((lang, StaticSegment("demander")), AskPage),
    ]
}

/// The paths of the public bundle's pages, without language prefix and with parameters as
/// `{name}` (for `server/tests/routes.rs`).
#[cfg(feature = "ssr")]
pub fn public_page_paths() -> Vec<String> {
    use leptos_router::{MatchNestedRoutes, PathSegment};
    public_page_routes(StaticSegment(""))
        .into_iter()
        .flat_map(|route| route.generate_routes().into_iter().collect::<Vec<_>>())
        .map(|route| {
            let path: String = route
                .segments
                .iter()
                .filter_map(|segment| match segment {
                    PathSegment::Static(s) if s.is_empty() => None,
                    PathSegment::Static(s) => Some(format!("/{s}")),
                    PathSegment::Param(p) => Some(format!("/{{{p}}}")),
                    other => Some(format!("/{}", other.as_raw_str())),
                })
                .collect();
            if path.is_empty() {
                "/".to_string()
            } else {
                path
            }
        })
        .collect()
}
