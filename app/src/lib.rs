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

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
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
use crate::pages::home::HomePage;
use crate::pages::not_found::NotFoundPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::follow::{ConfirmFollowPage, FollowPage, UnsubscribePage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::offers_review::ConsoleOffersPage;
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::offers::{OfferPage, OffersPage};
#[cfg(any(feature = "ssr", feature = "private"))]
use crate::pages::offers_merchant::{MerchantOffersPage, OfferEditorPage};
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
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationLoader options=options.clone()/>
                <MetaTags/>
            </head>
            <body data-public-url=public_url>
                <App/>
            </body>
        </html>
    }
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
    if kind == Some(routes::PageKind::Offers) {
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

/// The JS and WASM file names of a bundle, with the content hashes of its hash file (a path
/// relative to the executable's directory, as Leptos reads it, or absolute).
#[cfg(feature = "ssr")]
fn bundle_names(options: &LeptosOptions, output_name: &str, hash_file: &str) -> (String, String) {
    let mut js = output_name.to_string();
    let mut wasm = output_name.to_string();
    let hashes = options.hash_files.then(|| {
        std::env::current_exe().ok().and_then(|exe| std::fs::read_to_string(exe.parent()?.join(hash_file)).ok())
    });
    match hashes.flatten() {
        Some(hashes) => {
            for (file, hash) in hashes.lines().filter_map(|line| line.split_once(':')) {
                match file.trim() {
                    "js" => js = format!("{js}.{}", hash.trim()),
                    "wasm" => wasm = format!("{wasm}.{}", hash.trim()),
                    _ => {}
                }
            }
        }
        // As Leptos names it when cargo-leptos did not set the output name.
        None if option_env!("LEPTOS_OUTPUT_NAME").is_none() => wasm.push_str("_bg"),
        None => {}
    }
    (js, wasm)
}

/// The application: one route per page and language. French has no prefix; Dutch and English
/// live under `/nl` and `/en`. Public pages render in `Async` mode so that their status code
/// (404, 400) and `<head>` tags are known before the first byte is sent.
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

/// The routes, made inside the `Router` (a `Routes` needs its context).
#[component]
fn AppRoutes() -> impl IntoView {
    // The public pages hydrate with the public bundle, which does not contain the private pages
    // (dashboard, account, console: their code would weigh on every shopper's phone); those are
    // hydrated by the private bundle (`frontend-private`, feature `private`), which holds every
    // page. Links from public pages to private ones are full page loads (`rel="external"`).
    #[cfg(any(feature = "ssr", feature = "private"))]
    let routes = view! {
        <Routes fallback=NotFoundPage>
            <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
            <Route path=StaticSegment("commerces") view=DirectoryPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("commerces"), ParamSegment("slug"))
                view=BusinessPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("nl") view=HomePage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("nl"), StaticSegment("commerces"))
                view=DirectoryPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("commerces"), ParamSegment("slug"))
                view=BusinessPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("en") view=HomePage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("en"), StaticSegment("commerces"))
                view=DirectoryPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("commerces"), ParamSegment("slug"))
                view=BusinessPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("connexion") view=LoginPage ssr=SsrMode::Async/>
            <Route path=StaticSegment("tableau-de-bord") view=DashboardPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("tableau-de-bord"), ParamSegment("id"))
                view=BusinessDashboardPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("profil"))
                view=ProfilePage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("photos"))
                view=PhotosPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("offres"))
                view=MerchantOffersPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("offres"), ParamSegment("offer"))
                view=OfferEditorPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("statistiques"))
                view=StatsPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("compte") view=AccountPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("nl"), StaticSegment("connexion")) view=LoginPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("nl"), StaticSegment("tableau-de-bord"))
                view=DashboardPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("tableau-de-bord"), ParamSegment("id"))
                view=BusinessDashboardPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("profil"))
                view=ProfilePage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("photos"))
                view=PhotosPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("offres"))
                view=MerchantOffersPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("offres"), ParamSegment("offer"))
                view=OfferEditorPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("statistiques"))
                view=StatsPage
                ssr=SsrMode::Async
            />
            <Route path=(StaticSegment("nl"), StaticSegment("compte")) view=AccountPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("en"), StaticSegment("connexion")) view=LoginPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("en"), StaticSegment("tableau-de-bord"))
                view=DashboardPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("tableau-de-bord"), ParamSegment("id"))
                view=BusinessDashboardPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("profil"))
                view=ProfilePage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("photos"))
                view=PhotosPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("offres"))
                view=MerchantOffersPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("offres"), ParamSegment("offer"))
                view=OfferEditorPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("statistiques"))
                view=StatsPage
                ssr=SsrMode::Async
            />
            <Route path=(StaticSegment("en"), StaticSegment("compte")) view=AccountPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("invitation"), ParamSegment("token"))
                view=InvitationPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("mot-de-passe-oublie") view=ForgotPasswordPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("reinitialiser"), ParamSegment("token"))
                view=ResetPasswordPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("confirmer-adresse"), ParamSegment("token"))
                view=ConfirmEmailPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("invitation"), ParamSegment("token"))
                view=InvitationPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("mot-de-passe-oublie"))
                view=ForgotPasswordPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("reinitialiser"), ParamSegment("token"))
                view=ResetPasswordPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("confirmer-adresse"), ParamSegment("token"))
                view=ConfirmEmailPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("invitation"), ParamSegment("token"))
                view=InvitationPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("mot-de-passe-oublie"))
                view=ForgotPasswordPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("reinitialiser"), ParamSegment("token"))
                view=ResetPasswordPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("confirmer-adresse"), ParamSegment("token"))
                view=ConfirmEmailPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("console") view=ConsolePage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("console"), StaticSegment("offres")) view=ConsoleOffersPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("nl"), StaticSegment("console"), StaticSegment("offres")) view=ConsoleOffersPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("en"), StaticSegment("console"), StaticSegment("offres")) view=ConsoleOffersPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("console"), StaticSegment("nouveau"))
                view=NewBusinessPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("console"), StaticSegment("commerce"), ParamSegment("id"))
                view=ConsoleBusinessPage
                ssr=SsrMode::Async
            />
            <Route path=(StaticSegment("nl"), StaticSegment("console")) view=ConsolePage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("nl"), StaticSegment("console"), StaticSegment("nouveau"))
                view=NewBusinessPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("console"), StaticSegment("commerce"), ParamSegment("id"))
                view=ConsoleBusinessPage
                ssr=SsrMode::Async
            />
            <Route path=(StaticSegment("en"), StaticSegment("console")) view=ConsolePage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("en"), StaticSegment("console"), StaticSegment("nouveau"))
                view=NewBusinessPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("console"), StaticSegment("commerce"), ParamSegment("id"))
                view=ConsoleBusinessPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("equipe"))
                view=TeamPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("equipe"))
                view=TeamPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("tableau-de-bord"), ParamSegment("id"), StaticSegment("equipe"))
                view=TeamPage
                ssr=SsrMode::Async
            />
            // Following offers by e-mail (pages::follow): before `/offres/{id}`.
            <Route path=(StaticSegment("offres"), StaticSegment("suivre")) view=FollowPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("offres"), StaticSegment("confirmer")) view=ConfirmFollowPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("offres"), StaticSegment("desabonnement")) view=UnsubscribePage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("nl"), StaticSegment("offres"), StaticSegment("suivre")) view=FollowPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("nl"), StaticSegment("offres"), StaticSegment("confirmer")) view=ConfirmFollowPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("nl"), StaticSegment("offres"), StaticSegment("desabonnement")) view=UnsubscribePage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("en"), StaticSegment("offres"), StaticSegment("suivre")) view=FollowPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("en"), StaticSegment("offres"), StaticSegment("confirmer")) view=ConfirmFollowPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("en"), StaticSegment("offres"), StaticSegment("desabonnement")) view=UnsubscribePage ssr=SsrMode::Async/>
            // The offers pages (issue 8): server-rendered and not hydrated, so only in this set
            // (pages::offers explains why). Last, so that the static `/offres/…` pages above
            // (following by e-mail) win over `/offres/{id}`.
            <Route path=StaticSegment("offres") view=OffersPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("offres"), ParamSegment("id")) view=OfferPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("nl"), StaticSegment("offres")) view=OffersPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("nl"), StaticSegment("offres"), ParamSegment("id")) view=OfferPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("en"), StaticSegment("offres")) view=OffersPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("en"), StaticSegment("offres"), ParamSegment("id")) view=OfferPage ssr=SsrMode::Async/>
        </Routes>
    }
    .into_any();
    #[cfg(not(any(feature = "ssr", feature = "private")))]
    let routes = view! {
        <Routes fallback=NotFoundPage>
            <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
            <Route path=StaticSegment("commerces") view=DirectoryPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("commerces"), ParamSegment("slug"))
                view=BusinessPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("nl") view=HomePage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("nl"), StaticSegment("commerces"))
                view=DirectoryPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("nl"), StaticSegment("commerces"), ParamSegment("slug"))
                view=BusinessPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("en") view=HomePage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("en"), StaticSegment("commerces"))
                view=DirectoryPage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("en"), StaticSegment("commerces"), ParamSegment("slug"))
                view=BusinessPage
                ssr=SsrMode::Async
            />
        </Routes>
    }
    .into_any();
    routes
}
