//! A product's photos on its page of the dashboard (issue 13): up to four, each with its
//! description in three languages (French required), the first one shown on the product's card.
//! Add one (a plain `multipart/form-data` form posted to `…/produits/{product}/photos`, handled by
//! `server::http::products_merchant`), make one the first, edit its description, delete it
//! (`api::product_photos`). Everything works without JavaScript; a refused upload comes back with
//! each message and the descriptions as typed (kept for the session, `domain::form_echo`).

use common::catalogue::MAX_PHOTOS;
use common::error::FieldProblem;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::photos::{alt_field, PhotoRow};
use crate::api::product_photos::{DeleteProductPhoto, FirstProductPhoto, SaveProductPhotoAlt};
use crate::components::form::{problem_text, problems_of, FormAlert, Typed};
use crate::i18n::*;
use crate::lang::{current_lang, href, locale};
use crate::pages::dashboard::lang_field;
use crate::pages::products_merchant::editor_path;

/// The upload form's route segment, under the product's page.
pub const UPLOAD_SEGMENT: &str = "photos";
/// The upload form's name for the values kept after a refusal (`domain::form_echo`).
pub const UPLOAD_FORM: &str = "product_photo_upload";
/// The parameter that brings a refused upload's problems back (`pages::photos::encode_problems`).
pub const REFUSAL_PARAMETER: &str = "refus_photo";

/// Where the upload form posts, without language prefix.
pub fn upload_path(business_id: i32, product_id: i32) -> String {
    format!("{}/{UPLOAD_SEGMENT}", editor_path(business_id, Some(product_id)))
}

/// The width a photo takes in the list (style/main.css `.product-photos img`), for `srcset`.
const PHOTO_SIZES: &str = "12rem";

#[component]
pub fn ProductPhotos(business_id: i32, product_id: i32, photos: Vec<PhotoRow>, typed: Typed) -> impl IntoView {
    let lang = current_lang();
    let loc = locale(lang);
    let first = ServerAction::<FirstProductPhoto>::new();
    let delete = ServerAction::<DeleteProductPhoto>::new();
    let alt = ServerAction::<SaveProductPhotoAlt>::new();
    let alt_problems = problems_of(alt.value());
    let alt_form = <SaveProductPhotoAlt as leptos::server_fn::ServerFn>::PATH;
    let (done, refused) = use_query_map().with_untracked(|q| {
        let done = q.get("photo").map(|what| match what.as_str() {
            "ajoutee" => td_string!(loc, product_photos.added).to_string(),
            "premiere" => td_string!(loc, product_photos.made_first).to_string(),
            "supprimee" => td_string!(loc, photos.deleted).to_string(),
            _ => td_string!(loc, photos.alt_saved).to_string(),
        });
        let refused = q.get(REFUSAL_PARAMETER).map(|text| crate::pages::photos::decode_problems(&text)).unwrap_or_default();
        (done, refused)
    });
    let upload_message = |field: &str| {
        refused.iter().find(|p| p.field == field).map(|p| {
            let id = format!("{field}-upload-error");
            view! { <p class="field-error" id=id>{problem_text(loc, p)}</p> }
        })
    };
    let upload_typed = |field: &str| typed.value(UPLOAD_FORM, field).unwrap_or_default();
    let count = photos.len();
    let upload_values = ["alt_fr", "alt_nl", "alt_en"].map(upload_typed);
    let items = photos
        .into_iter()
        .enumerate()
        .map(|(i, photo)| {
            let id = photo.id;
            let position = i + 1;
            let field = move |name: &str| alt_field(name, id);
            let typed_here = typed.value(alt_form, "photo_id").is_some_and(|p| p == id.to_string());
            let kept = typed.clone();
            let value = move |name: &str, saved: &str| {
                if typed_here { kept.value(alt_form, name).unwrap_or_default() } else { saved.to_string() }
            };
            let message = move |name: &'static str| {
                let wanted = alt_field(name, id);
                move || {
                    alt_problems.get().into_iter().find(|p: &FieldProblem| p.field == wanted).map(|p| {
                        let error_id = format!("{wanted}-error");
                        view! { <p class="field-error" id=error_id>{problem_text(loc, &p)}</p> }
                    })
                }
            };
            let (width, height) = photo.width.zip(photo.height).unwrap_or((480, 360));
            let make_first = (i > 0).then(|| {
                view! {
                    <ActionForm action=first attr:class="inline">
                        <input type="hidden" name="lang" value=lang_field(lang)/>
                        <input type="hidden" name="business_id" value=business_id.to_string()/>
                        <input type="hidden" name="product_id" value=product_id.to_string()/>
                        <input type="hidden" name="photo_id" value=id.to_string()/>
                        <button type="submit" class="button--secondary"
                            aria-label=td_string!(loc, product_photos.make_first_named, position = position)>
                            {td_string!(loc, product_photos.make_first)}
                        </button>
                    </ActionForm>
                }
            });
            view! {
                <li id=format!("photo-{id}") class="product-photo">
                    <img src=photo.url.clone() srcset=photo.srcset.clone() sizes=PHOTO_SIZES alt=photo.alt_in(lang).to_string()
                        width=width height=height loading="lazy"/>
                    <div class="stack">
                        <p>{td_string!(loc, photos.position, position = position, count = count)}</p>
                        <ActionForm action=alt attr:class="stack">
                            <input type="hidden" name="lang" value=lang_field(lang)/>
                            <input type="hidden" name="business_id" value=business_id.to_string()/>
                            <input type="hidden" name="product_id" value=product_id.to_string()/>
                            <input type="hidden" name="photo_id" value=id.to_string()/>
                            <label for=field("alt_fr")>{td_string!(loc, photos.alt_fr)}</label>
                            <input id=field("alt_fr") name="alt_fr" type="text" required maxlength=common::dashboard::ALT_MAX.to_string()
                                value=value("alt_fr", &photo.alt_fr) aria-describedby=format!("{}-error", field("alt_fr"))/>
                            {message("alt_fr")}
                            <label for=field("alt_nl")>{td_string!(loc, photos.alt_nl)}</label>
                            <input id=field("alt_nl") name="alt_nl" type="text" maxlength=common::dashboard::ALT_MAX.to_string()
                                value=value("alt_nl", &photo.alt_nl) aria-describedby=format!("{}-error", field("alt_nl"))/>
                            {message("alt_nl")}
                            <label for=field("alt_en")>{td_string!(loc, photos.alt_en)}</label>
                            <input id=field("alt_en") name="alt_en" type="text" maxlength=common::dashboard::ALT_MAX.to_string()
                                value=value("alt_en", &photo.alt_en) aria-describedby=format!("{}-error", field("alt_en"))/>
                            {message("alt_en")}
                            <p><button type="submit">{td_string!(loc, photos.save_alt_named, position = position)}</button></p>
                        </ActionForm>
                        <div class="button-row">
                            {make_first}
                            <ActionForm action=delete attr:class="inline">
                                <input type="hidden" name="lang" value=lang_field(lang)/>
                                <input type="hidden" name="business_id" value=business_id.to_string()/>
                                <input type="hidden" name="product_id" value=product_id.to_string()/>
                                <input type="hidden" name="photo_id" value=id.to_string()/>
                                <button type="submit" class="button--secondary"
                                    aria-label=td_string!(loc, product_photos.delete_named, position = position)>
                                    {td_string!(loc, product_photos.delete)}
                                </button>
                            </ActionForm>
                        </div>
                    </div>
                </li>
            }
        })
        .collect_view();
    let upload = if count >= MAX_PHOTOS {
        view! { <p>{td_string!(loc, product_photos.full, max = MAX_PHOTOS)}</p> }.into_any()
    } else {
        let invalid = |field: &str| refused.iter().any(|p| p.field == field).then_some("true");
        view! {
            <form class="stack card" method="post" enctype="multipart/form-data" action=href(lang, &upload_path(business_id, product_id))>
                <h3>{td_string!(loc, product_photos.add_title)}</h3>
                {(!refused.is_empty()).then(|| view! {
                    <div class="problem" role="alert">
                        <p>{td_string!(loc, dashboard.problems)}</p>
                        <p>{td_string!(loc, photos.choose_again)}</p>
                    </div>
                })}
                {upload_message("photos")}
                <label for="photo-file">{td_string!(loc, photos.file)}</label>
                <input id="photo-file" name="photo" type="file" accept="image/jpeg,image/png,image/webp,image/gif"
                    aria-describedby="photo-help photo-upload-error" aria-invalid=invalid("photo")/>
                <p class="help" id="photo-help">{td_string!(loc, product_photos.help, max = MAX_PHOTOS)}</p>
                {upload_message("photo")}
                <label for="photo-alt_fr">{td_string!(loc, photos.alt_fr)}</label>
                <input id="photo-alt_fr" name="alt_fr" type="text" maxlength=common::dashboard::ALT_MAX.to_string()
                    value=upload_values[0].clone() aria-describedby="photo-alt-help alt_fr-upload-error" aria-invalid=invalid("alt_fr")/>
                <p class="help" id="photo-alt-help">{td_string!(loc, photos.alt_help)}</p>
                {upload_message("alt_fr")}
                <label for="photo-alt_nl">{td_string!(loc, photos.alt_nl)}</label>
                <input id="photo-alt_nl" name="alt_nl" type="text" maxlength=common::dashboard::ALT_MAX.to_string()
                    value=upload_values[1].clone() aria-describedby="alt_nl-upload-error" aria-invalid=invalid("alt_nl")/>
                {upload_message("alt_nl")}
                <label for="photo-alt_en">{td_string!(loc, photos.alt_en)}</label>
                <input id="photo-alt_en" name="alt_en" type="text" maxlength=common::dashboard::ALT_MAX.to_string()
                    value=upload_values[2].clone() aria-describedby="alt_en-upload-error" aria-invalid=invalid("alt_en")/>
                {upload_message("alt_en")}
                <p><button type="submit">{td_string!(loc, product_photos.add)}</button></p>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="card product-photos" id="photos" aria-labelledby="photos-title">
            <h2 id="photos-title">{td_string!(loc, product_photos.title)}</h2>
            {done.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <FormAlert value=first.value()/>
            <FormAlert value=delete.value()/>
            <FormAlert value=alt.value()/>
            {if count == 0 {
                view! { <p>{td_string!(loc, product_photos.none)}</p> }.into_any()
            } else {
                view! { <ol class="product-photo-list">{items}</ol> }.into_any()
            }}
            {upload}
        </section>
    }
}
