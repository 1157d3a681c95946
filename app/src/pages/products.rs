//! What shoppers see of a shop's products (issue 13):
//! - `/commerces/{slug}/produits`: all of the shop's visible products, paged;
//! - `/commerces/{slug}/produits/{product}`: one product: photos, price or "price in the shop",
//!   what is there and how recently that was checked ("ask the shop" once a statement is older
//!   than 21 days), the shop's live status, address and the way there; schema.org `Product`
//!   with its `Offer`, link-preview tags, canonical and alternate languages.
//!
//! **Not hydrated**, like the offers pages (`pages::offers` says why): complete as server HTML,
//! outside the public bundle, which is at its budget. Links from hydrated pages to these are
//! full page loads (`rel="external"`).

use common::catalogue::{ProductPage as Product, ProductResults};
use common::{AppError, Lang};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::JsonAnswer;
use crate::components::problem::Problem;
use crate::components::product_card::{availability_class, availability_text, price_text};
use crate::format;
use crate::components::pagination::pagination;
use crate::i18n::*;
use crate::lang::{current_lang, href, locale, use_lang};
use crate::pages::not_found::NotFoundMessage;
use crate::pages::PageMeta;

/// The width a product's photo takes (style/main.css `.product__photo`), for `srcset`.
const PHOTO_SIZES: &str = "(max-width: 42rem) 100vw, 40rem";

/// A shop's products and its name, with the cards as HTML (`components::product_card`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ShopProducts {
    pub business_name: String,
    pub results: ProductResults,
    pub cards_html: String,
}

/// Only plain positive numbers name a page or a product: anything else is not found.
fn positive(text: &str) -> Result<i32, AppError> {
    match text.parse::<i32>() {
        Ok(n) if n > 0 && !text.starts_with('0') && !text.starts_with('+') => Ok(n),
        _ => Err(AppError::NotFound),
    }
}

/// A page of the shop's visible products.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "shop_products")]
pub async fn get_shop_products(lang: Lang, slug: String, page: Option<String>) -> Result<ShopProducts, AppError> {
    let state = crate::api::state()?;
    let page = match page.as_deref() {
        None | Some("") => 1,
        Some(text) => positive(text)? as u32,
    };
    let (business_name, results) =
        domain::catalogue::public::window(&state.db, &state.directory, lang, &slug, page, state.clock.now()).await?;
    let cards_html = crate::components::product_card::cards_html(lang, &results.items, false);
    Ok(ShopProducts { business_name, results, cards_html })
}

/// One product's page.
#[server(input = GetUrl, output = JsonAnswer, endpoint = "product")]
pub async fn get_product(lang: Lang, slug: String, id: String) -> Result<Product, AppError> {
    let state = crate::api::state()?;
    let id = positive(&id)?;
    Ok(domain::catalogue::public::product_page(
        &state.db,
        &state.directory,
        lang,
        &slug,
        id,
        state.clock.now(),
        &state.base_url,
    )
    .await?)
}

fn not_found(lang: Lang) -> AnyView {
    #[cfg(feature = "ssr")]
    crate::status::set_status(404);
    let loc = locale(lang);
    view! {
        <NotFoundMessage
            title=td_string!(loc, catalogue.not_found_title).to_string()
            text=td_string!(loc, catalogue.not_found_text).to_string()
        />
    }
    .into_any()
}

#[component]
pub fn ShopProductsPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    let data = Resource::new(
        move || (lang.get(), slug.get(), query.with(|q| q.get("page"))),
        |(lang, slug, page)| get_shop_products(lang, slug, page),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(shop) => view! { <ShopProductsList shop slug=slug.get_untracked()/> }.into_any(),
                    Err(AppError::NotFound) => not_found(lang.get_untracked()),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ShopProductsList(shop: ShopProducts, slug: String) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let r = &shop.results;
    let base = href(lang, &format!("/commerces/{slug}/produits"));
    let shop_link = href(lang, &format!("/commerces/{slug}"));
    let title = td_string!(loc, catalogue.shop_title, shop = shop.business_name.clone());
    let pagination = pagination(loc, r.page, r.page_count, |n| if n == 1 { base.clone() } else { format!("{base}?page={n}") });
    let path = if r.page > 1 { format!("/commerces/{slug}/produits?page={}", r.page) } else { format!("/commerces/{slug}/produits") };
    let count = td_string!(loc, catalogue.count, count = r.total);
    view! {
        <PageMeta title=title.clone() description=title.clone() path=path/>
        <section class="page shop-products">
            <p><a href=shop_link>{shop.business_name.clone()}</a></p>
            <h1>{title.clone()}</h1>
            <p class="results-count">{count}</p>
            <h2 class="visually-hidden">{td_string!(loc, directory.results_heading)}</h2>
            {if shop.cards_html.is_empty() {
                view! { <p>{td_string!(loc, catalogue.none)}</p> }.into_any()
            } else {
                view! { <ul class="product-cards" inner_html=shop.cards_html.clone()></ul> }.into_any()
            }}
            {pagination}
        </section>
    }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|p| (p.get("slug").unwrap_or_default(), p.get("product").unwrap_or_default())));
    let data = Resource::new(move || (lang.get(), key.get()), |(lang, (slug, id))| get_product(lang, slug, id));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{td_string!(locale(lang.get_untracked()), error.loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(product) => view! { <ProductView product/> }.into_any(),
                    Err(AppError::NotFound) => not_found(lang.get_untracked()),
                    Err(error) => view! { <Problem error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProductView(product: Product) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let p = product;
    let c = &p.card;
    let path = format!("/commerces/{}/produits/{}", c.business_slug, c.id);
    let shop_link = href(lang, &format!("/commerces/{}", c.business_slug));
    let all_link = href(lang, &format!("/commerces/{}/produits", c.business_slug));
    let description_short: String = match p.description.trim() {
        "" => td_string!(loc, catalogue.meta_description, product = c.name.clone(), shop = c.business_name.clone()),
        text => text.chars().take(200).collect(),
    };
    let name_lang = (c.name_lang != lang).then_some(c.name_lang.code());
    let description_lang = (p.description_lang != lang).then_some(p.description_lang.code());
    let image = p.photos.first().map(|photo| photo.url.clone());
    let photos = p
        .photos
        .iter()
        .enumerate()
        .map(|(i, photo)| {
            let (width, height) = photo.width.zip(photo.height).unwrap_or((960, 600));
            view! {
                <img
                    class="product__photo"
                    src=photo.url.clone()
                    srcset=photo.srcset.clone()
                    sizes=PHOTO_SIZES
                    alt=photo.alt.clone()
                    width=width
                    height=height
                    loading=if i == 0 { "eager" } else { "lazy" }
                />
            }
        })
        .collect_view();
    let status_class = if c.business_status.is_open() { "status status--open" } else { "status status--closed" };
    let address = format!("{}, {} {}", p.street, p.postcode, p.locality);
    let description = (!p.description.trim().is_empty())
        .then(|| view! { <p class="product__text" lang=description_lang>{p.description.clone()}</p> });
    let category = c.category.clone().map(|name| view! { <p class="product__category">{name}</p> });
    view! {
        <PageMeta title=format!("{} · {}", c.name, c.business_name) description=description_short path=path image=image/>
        <script type="application/ld+json" inner_html=p.json_ld.clone()></script>
        <article class="page product">
            <p><a href=shop_link.clone()>{c.business_name.clone()}</a></p>
            {category}
            <h1 lang=name_lang>{c.name.clone()}</h1>
            <p class="product__price">{price_text(loc, c.price_cents)}</p>
            <p class=availability_class(c.availability)>{availability_text(loc, c.availability)}</p>
            {photos}
            {description}
            {p.reservable.map(|available| view! {
                <section class="panel product__reserve" aria-labelledby="product-reserve">
                    <h2 id="product-reserve">{td_string!(loc, orders.reserve_title)}</h2>
                    <p>{td_string!(loc, orders.reserve_text)}</p>
                    <form method="post" action=href(lang, crate::pages::orders::ADD_PATH) class="product__reserve-form">
                        <input type="hidden" name="produit" value=c.id.to_string()/>
                        <label for="reserve-quantity">{td_string!(loc, orders.quantity)}</label>
                        <input id="reserve-quantity" name="quantite" type="number" min="1" max=available.to_string() value="1" inputmode="numeric"/>
                        <button type="submit" class="button">{td_string!(loc, orders.reserve)}</button>
                    </form>
                    <p><a href=href(lang, crate::pages::orders::BASKET_PATH)>{td_string!(loc, orders.see_basket)}</a></p>
                </section>
            })}
            {p.askable.then(|| view! {
                <p><a class="button button--secondary" href=format!("{}?produit={}", href(lang, crate::pages::order_links::ASK_PATH), c.id)>{td_string!(loc, orders.ask_link)}</a></p>
            })}
            <section class="panel product__shop" aria-labelledby="product-shop">
                <h2 id="product-shop">{td_string!(loc, catalogue.where_title)}</h2>
                <p class="product__shop-name"><a href=shop_link>{c.business_name.clone()}</a></p>
                <address>{address}</address>
                <p class=status_class>{format::status(loc, &c.business_status)}</p>
                <p><a href=p.map_url.clone()>{td_string!(loc, catalogue.directions)}</a></p>
            </section>
            <ul class="link-list">
                <li><a href=all_link>{td_string!(loc, catalogue.all_of_shop, shop = c.business_name.clone())}</a></li>
            </ul>
        </article>
    }
}
