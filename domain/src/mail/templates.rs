//! The e-mails Vitrine writes, each in the recipient's language: a subject, a plain-text body and
//! an HTML body made from one list of blocks, so the two bodies always say the same thing.
//!
//! Every sentence lives in `locales/{fr,nl,en}.json`, embedded in the binary and parsed once;
//! the unit tests check that the three files have the same keys and the same placeholders.
//! Sentences are plain text with `{name}` placeholders, filled in one pass (a value containing
//! `{days}` stays as typed). In the HTML body every piece of text, translated or interpolated, is
//! escaped, and links become `href`s only when they are `http`/`https`.
//!
//! The HTML is deliberately plain: a `lang` attribute, a heading, real text, one link styled as a
//! button with its address repeated in clear for mail clients that hide buttons, no image and no
//! external resource (nothing is fetched when the e-mail is opened), inline styles only (mail
//! clients drop `<style>` blocks), colours with a contrast ratio above 7:1.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use common::html::escape;
use common::Lang;

use crate::hours::TOWN_TZ;

/// What an e-mail says, with the values it needs. Text values (names) come from users: they are
/// reduced to one line and escaped in HTML; links are written by Vitrine itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Template {
    /// An invitation to create an account, to manage a business when one is named.
    Invitation {
        business: Option<String>,
        link: String,
        /// Who invites: a person's name or the town's administration.
        inviter: String,
        expiry_days: u32,
    },
    PasswordReset {
        link: String,
        minutes_valid: u32,
    },
    /// Sent to the new address, which becomes the account's once the link is followed.
    ConfirmEmailChange {
        link: String,
    },
    /// A notice to the account's address after its password changed.
    PasswordChanged {
        at: DateTime<Utc>,
    },
    /// A notice to the *old* address after the account's address changed.
    EmailChanged {
        at: DateTime<Utc>,
    },
    /// A merchant's listing has not been confirmed for a while.
    FreshnessReminder {
        business: String,
        days_since_confirmation: u32,
        dashboard_link: String,
    },
    /// The double opt-in of following offers by e-mail (issue 8); `change` when the address
    /// already follows offers and asked for other choices.
    FollowConfirm {
        link: String,
        change: bool,
        hours_valid: u32,
    },
    /// The weekly digest of new offers (issue 8), with its one-click unsubscribe link.
    OfferDigest {
        offers: Vec<DigestOffer>,
        all_offers_link: String,
        unsubscribe_link: String,
        /// The e-mail of a follower who chose to hear as soon as offers are published (at most
        /// one a day), rather than the Monday digest.
        daily: bool,
    },
    /// To the shopper after a checkout or a question: each shop's order and the order page.
    OrderPlaced {
        orders: Vec<OrderMail>,
        link: String,
    },
    /// To the shopper whose address left orders uncollected at a shop: confirm this one.
    OrderConfirm {
        business: String,
        link: String,
        hours_valid: u32,
    },
    /// To the shopper: an order changed status.
    OrderStatus {
        business: String,
        address: String,
        status: common::orders::OrderStatus,
        ask: bool,
        pickup: Option<DateTime<Utc>>,
        collect_by: chrono::NaiveDate,
        reason: Option<String>,
        link: String,
    },
    /// To the members of a shop: a shopper asks whether a product is available.
    AskToShop {
        business: String,
        product: String,
        quantity: u32,
        shopper: String,
        date: chrono::NaiveDate,
        message: String,
        link: String,
    },
    /// To the people of a shop: a new order (or one the shopper just confirmed), or an order the
    /// shopper `cancelled`. The lines' names are the shop's own.
    OrderToShop {
        business: String,
        order_id: i32,
        shopper: String,
        pickup: Option<DateTime<Utc>>,
        collect_by: chrono::NaiveDate,
        /// Names and quantities.
        lines: Vec<(String, u32)>,
        total_cents: i64,
        has_unpriced: bool,
        cancelled: bool,
        /// The shop's inbox, at the order.
        link: String,
    },
}

/// One shop's order as the shopper's e-mail lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderMail {
    pub business: String,
    pub address: String,
    pub ask: bool,
    pub status: common::orders::OrderStatus,
    pub pickup: Option<DateTime<Utc>>,
    pub collect_by: chrono::NaiveDate,
    /// Names and quantities.
    pub lines: Vec<(String, u32)>,
    pub total_cents: i64,
    pub has_unpriced: bool,
}

/// The title of a collection in the shopper's calendar.
pub fn calendar_summary(lang: Lang, business: &str) -> String {
    Translations { lang }.fill("order.calendar", &[("business", &one_line(business))])
}

/// One offer of the weekly digest, its texts already in the recipient's language (or French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestOffer {
    pub title: String,
    pub business: String,
    /// The offer's first and last day; `starts_on` after the digest's day means "scheduled".
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    /// Whether it starts later than the digest's day.
    pub scheduled: bool,
    /// Whether it is over by the digest's day (`ends_on` is then its last day).
    pub ended: bool,
    pub link: String,
}

impl Template {
    /// The name stored with the e-mail, for administrators (`email_outbox.kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Template::Invitation { .. } => "invitation",
            Template::PasswordReset { .. } => "password_reset",
            Template::ConfirmEmailChange { .. } => "confirm_email_change",
            Template::PasswordChanged { .. } => "password_changed",
            Template::EmailChanged { .. } => "email_changed",
            Template::FreshnessReminder { .. } => "freshness_reminder",
            Template::FollowConfirm { .. } => "follow_confirm",
            Template::OfferDigest { daily: false, .. } => "offer_digest",
            Template::OfferDigest { daily: true, .. } => "offer_daily",
            Template::OrderPlaced { .. } => "order_placed",
            Template::OrderConfirm { .. } => "order_confirm",
            Template::OrderStatus { .. } => "order_status",
            Template::AskToShop { .. } => "order_ask",
            Template::OrderToShop { cancelled: false, .. } => "order_to_shop",
            Template::OrderToShop { cancelled: true, .. } => "order_cancelled_to_shop",
        }
    }
}

/// An e-mail ready to be queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The e-mail `template` in `lang`.
pub fn render(lang: Lang, template: &Template) -> Rendered {
    let t = Translations { lang };
    let (subject, blocks) = match template {
        Template::Invitation { business, link, inviter, expiry_days } => {
            let inviter = one_line(inviter);
            let days = expiry_days.to_string();
            let (subject, intro) = match business.as_deref().map(one_line).filter(|name| !name.is_empty()) {
                Some(business) => (
                    t.fill("invitation.subject_business", &[("business", &business)]),
                    t.fill("invitation.intro_business", &[("inviter", &inviter), ("business", &business)]),
                ),
                None => (t.get("invitation.subject").to_string(), t.fill("invitation.intro", &[("inviter", &inviter)])),
            };
            let expiry = t.fill(&t.plural("invitation.expiry", *expiry_days), &[("days", &days)]);
            (
                subject,
                vec![
                    Block::Paragraph(intro),
                    Block::Action { label: t.get("invitation.action").into(), link: one_line(link) },
                    Block::Paragraph(expiry),
                    Block::Note(t.get("invitation.ignore").into()),
                ],
            )
        }
        Template::PasswordReset { link, minutes_valid } => {
            let minutes = minutes_valid.to_string();
            (
                t.get("password_reset.subject").into(),
                vec![
                    Block::Paragraph(t.get("password_reset.intro").into()),
                    Block::Action { label: t.get("password_reset.action").into(), link: one_line(link) },
                    Block::Paragraph(
                        t.fill(&t.plural("password_reset.validity", *minutes_valid), &[("minutes", &minutes)]),
                    ),
                    Block::Note(t.get("password_reset.ignore").into()),
                ],
            )
        }
        Template::ConfirmEmailChange { link } => (
            t.get("confirm_email_change.subject").into(),
            vec![
                Block::Paragraph(t.get("confirm_email_change.intro").into()),
                Block::Action { label: t.get("confirm_email_change.action").into(), link: one_line(link) },
                Block::Note(t.get("confirm_email_change.ignore").into()),
            ],
        ),
        Template::PasswordChanged { at } => {
            let (date, time) = local_date_time(*at);
            (
                t.get("password_changed.subject").into(),
                vec![
                    Block::Paragraph(t.fill("password_changed.intro", &[("date", &date), ("time", &time)])),
                    Block::Paragraph(t.get("password_changed.warning").into()),
                ],
            )
        }
        Template::EmailChanged { at } => {
            let (date, time) = local_date_time(*at);
            (
                t.get("email_changed.subject").into(),
                vec![
                    Block::Paragraph(t.fill("email_changed.intro", &[("date", &date), ("time", &time)])),
                    Block::Paragraph(t.get("email_changed.warning").into()),
                ],
            )
        }
        Template::FreshnessReminder { business, days_since_confirmation, dashboard_link } => {
            let business = one_line(business);
            let days = days_since_confirmation.to_string();
            (
                t.fill("freshness_reminder.subject", &[("business", &business)]),
                vec![
                    Block::Paragraph(t.fill(
                        &t.plural("freshness_reminder.intro", *days_since_confirmation),
                        &[("business", &business), ("days", &days)],
                    )),
                    Block::Paragraph(t.get("freshness_reminder.ask").into()),
                    Block::Action { label: t.get("freshness_reminder.action").into(), link: one_line(dashboard_link) },
                ],
            )
        }
        Template::FollowConfirm { link, change, hours_valid } => {
            let hours = hours_valid.to_string();
            let intro = if *change { "follow_confirm.intro_change" } else { "follow_confirm.intro" };
            (
                t.get("follow_confirm.subject").into(),
                vec![
                    Block::Paragraph(t.get(intro).into()),
                    Block::Action { label: t.get("follow_confirm.action").into(), link: one_line(link) },
                    Block::Paragraph(t.fill(&t.plural("follow_confirm.validity", *hours_valid), &[("hours", &hours)])),
                    Block::Note(t.get("follow_confirm.ignore").into()),
                ],
            )
        }
        Template::OfferDigest { offers, all_offers_link, unsubscribe_link, daily } => {
            let count = offers.len() as u32;
            let n = count.to_string();
            let (intro, subject) = if *daily {
                ("offer_daily.intro", "offer_daily.subject")
            } else {
                ("offer_digest.intro", "offer_digest.subject")
            };
            let mut blocks = vec![Block::Paragraph(t.fill(&t.plural(intro, count), &[("count", &n)]))];
            for offer in offers {
                let (start, end) =
                    (offer.starts_on.format("%d/%m/%Y").to_string(), offer.ends_on.format("%d/%m/%Y").to_string());
                let dates = if offer.ended {
                    t.fill("offer_digest.ended", &[("end", &end)])
                } else if offer.scheduled {
                    t.fill("offer_digest.from_to", &[("start", &start), ("end", &end)])
                } else {
                    t.fill("offer_digest.until", &[("end", &end)])
                };
                blocks.push(Block::Item {
                    title: one_line(&offer.title),
                    detail: format!("{} — {dates}", one_line(&offer.business)),
                    link: one_line(&offer.link),
                });
            }
            blocks.push(Block::Action { label: t.get("offer_digest.all").into(), link: one_line(all_offers_link) });
            blocks.push(Block::Note(t.get("offer_digest.why").into()));
            blocks.push(Block::Action {
                label: t.get("offer_digest.unsubscribe").into(),
                link: one_line(unsubscribe_link),
            });
            (t.fill(&t.plural(subject, count), &[("count", &n)]), blocks)
        }
        Template::OrderPlaced { orders, link } => {
            let asks = orders.iter().all(|o| o.ask);
            let mut blocks = vec![Block::Paragraph(t.get(if asks { "order.asked_intro" } else { "order.placed_intro" }).into())];
            for order in orders {
                let what = order.lines.iter().map(|(name, n)| format!("{n} × {}", one_line(name))).collect::<Vec<_>>().join(", ");
                let when = when_text(&t, order.ask, order.pickup, order.collect_by);
                let total = total_text(&t, order.total_cents, order.has_unpriced);
                blocks.push(Block::Item {
                    title: one_line(&order.business),
                    detail: format!("{what} — {total}. {when} — {}", one_line(&order.address)),
                    link: one_line(link),
                });
            }
            blocks.push(Block::Paragraph(t.get("order.pay_in_shop").into()));
            blocks.push(Block::Action { label: t.get("order.see").into(), link: one_line(link) });
            blocks.push(Block::Note(t.get("order.keep_link").into()));
            let subject = if asks { "order.asked_subject" } else { "order.placed_subject" };
            (t.get(subject).into(), blocks)
        }
        Template::OrderConfirm { business, link, hours_valid } => {
            let business = one_line(business);
            let hours = hours_valid.to_string();
            (
                t.fill("order.confirm_subject", &[("business", &business)]),
                vec![
                    Block::Paragraph(t.fill("order.confirm_intro", &[("business", &business)])),
                    Block::Action { label: t.get("order.confirm_action").into(), link: one_line(link) },
                    Block::Paragraph(t.fill(&t.plural("order.confirm_validity", *hours_valid), &[("hours", &hours)])),
                ],
            )
        }
        Template::OrderStatus { business, address, status, ask, pickup, collect_by, reason, link } => {
            use common::orders::OrderStatus as S;
            let business = one_line(business);
            let key = match (status, ask) {
                (S::Accepted, true) => "order.status_kept",
                (S::Accepted, false) => "order.status_accepted",
                (S::Ready, _) => "order.status_ready",
                (S::Collected, _) => "order.status_collected",
                (S::Declined, true) => "order.status_unavailable",
                (S::Declined, false) => "order.status_declined",
                (S::NotCollected, _) => "order.status_not_collected",
                (S::Cancelled, _) => "order.status_cancelled",
                (S::Lapsed, _) => "order.status_lapsed",
                (S::New | S::Unconfirmed | S::Asked, _) => "order.status_new",
            };
            let until = collect_by.format("%d/%m/%Y").to_string();
            let mut blocks = vec![Block::Paragraph(t.fill(&format!("{key}_text"), &[("business", &business), ("until", &until)]))];
            if let Some(reason) = reason.as_deref().filter(|r| !r.trim().is_empty()) {
                blocks.push(Block::Paragraph(t.fill("order.reason", &[("reason", &one_line(reason))])));
            }
            if matches!(status, S::Accepted | S::Ready) {
                blocks.push(Block::Paragraph(format!(
                    "{} — {}",
                    when_text(&t, *ask, *pickup, *collect_by),
                    one_line(address)
                )));
            }
            blocks.push(Block::Action { label: t.get("order.see").into(), link: one_line(link) });
            (t.fill(&format!("{key}_subject"), &[("business", &business)]), blocks)
        }
        Template::AskToShop { business, product, quantity, shopper, date, message, link } => {
            let (business, product, shopper) = (one_line(business), one_line(product), one_line(shopper));
            let n = quantity.to_string();
            let day = date.format("%d/%m/%Y").to_string();
            let mut blocks = vec![Block::Paragraph(t.fill(
                "order.ask_intro",
                &[("shopper", &shopper), ("quantity", &n), ("product", &product), ("date", &day)],
            ))];
            if !message.trim().is_empty() {
                blocks.push(Block::Paragraph(t.fill("order.ask_message", &[("message", &one_line(message))])));
            }
            blocks.push(Block::Action { label: t.get("order.ask_action").into(), link: one_line(link) });
            blocks.push(Block::Note(t.get("order.ask_note").into()));
            (t.fill("order.ask_subject", &[("business", &business), ("product", &product)]), blocks)
        }
        Template::OrderToShop { business, order_id, shopper, pickup, collect_by, lines, total_cents, has_unpriced, cancelled, link } => {
            let (business, shopper, number) = (one_line(business), one_line(shopper), order_id.to_string());
            let (subject, intro) =
                if *cancelled { ("order.shop_cancelled_subject", "order.shop_cancelled_intro") } else { ("order.shop_new_subject", "order.shop_new_intro") };
            let what = lines.iter().map(|(name, n)| format!("{n} × {}", one_line(name))).collect::<Vec<_>>().join(", ");
            let mut blocks = vec![
                Block::Paragraph(t.fill(intro, &[("shopper", &shopper), ("business", &business)])),
                Block::Paragraph(format!("{what} — {}", total_text(&t, *total_cents, *has_unpriced))),
                Block::Paragraph(when_text(&t, false, *pickup, *collect_by)),
            ];
            blocks.push(Block::Action { label: t.get("order.shop_action").into(), link: one_line(link) });
            blocks.push(Block::Note(t.get("order.shop_note").into()));
            (t.fill(subject, &[("number", &number), ("shopper", &shopper)]), blocks)
        }
    };
    Rendered { text: text_body(&t, &subject, &blocks), html: html_body(&t, &subject, &blocks), subject }
}

/// A piece of an e-mail's body.
enum Block {
    Paragraph(String),
    /// The one thing to do, as a button-like link.
    Action {
        label: String,
        link: String,
    },
    /// Secondary text ("ignore this e-mail if…").
    Note(String),
    /// One entry of a list (an offer of the digest): a linked title and a line under it.
    Item {
        title: String,
        detail: String,
        link: String,
    },
}

fn text_body(t: &Translations, subject: &str, blocks: &[Block]) -> String {
    let mut out = format!("{subject}\n");
    for block in blocks {
        out.push('\n');
        match block {
            Block::Paragraph(text) | Block::Note(text) => out.push_str(text),
            Block::Action { label, link } => out.push_str(&format!("{label}:\n{link}")),
            Block::Item { title, detail, link } => out.push_str(&format!("* {title}\n  {detail}\n  {link}")),
        }
        out.push('\n');
    }
    // "-- " is the signature separator mail clients recognise (RFC 3676 §4.3).
    out.push_str(&format!("\n-- \n{}\n", t.get("footer")));
    out
}

const BODY_STYLE: &str = "margin:0;padding:24px 16px;background:#ffffff;color:#1a1a1a;\
font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5";
const BUTTON_STYLE: &str = "display:inline-block;padding:12px 20px;background:#0b4f8a;color:#ffffff;\
font-weight:bold;text-decoration:underline;border-radius:6px";
const SMALL_STYLE: &str = "font-size:14px;color:#444444";
/// The address in clear: long links wrap anywhere rather than widen the message.
const LINK_STYLE: &str = "color:#0b4f8a;word-break:break-all";

fn html_body(t: &Translations, subject: &str, blocks: &[Block]) -> String {
    let mut out = String::with_capacity(2048);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n</head>\n\
         <body style=\"{BODY_STYLE}\">\n<div style=\"max-width:560px;margin:0 auto\">\n\
         <h1 style=\"font-size:22px;line-height:1.3;margin:0 0 16px\">{title}</h1>\n",
        lang = t.lang.code(),
        title = escape(subject),
    ));
    for block in blocks {
        match block {
            Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", escape(text))),
            Block::Note(text) => out.push_str(&format!("<p style=\"{SMALL_STYLE}\">{}</p>\n", escape(text))),
            Block::Action { label, link } => match web_link(link) {
                Some(href) => {
                    let href = escape(href);
                    out.push_str(&format!(
                        "<p style=\"margin:24px 0\"><a href=\"{href}\" style=\"{BUTTON_STYLE}\">{}</a></p>\n\
                         <p style=\"{SMALL_STYLE}\">{}<br><a href=\"{href}\" style=\"{LINK_STYLE}\">{href}</a></p>\n",
                        escape(label),
                        escape(t.get("link_fallback")),
                    ));
                }
                // Not a web address: shown, never made clickable.
                None => out.push_str(&format!("<p>{}<br>{}</p>\n", escape(label), escape(link))),
            },
            Block::Item { title, detail, link } => {
                let title = match web_link(link) {
                    Some(href) => format!("<a href=\"{}\" style=\"{LINK_STYLE}\">{}</a>", escape(href), escape(title)),
                    None => escape(title).into_owned(),
                };
                out.push_str(&format!(
                    "<h2 style=\"font-size:18px;margin:24px 0 4px\">{title}</h2>\n<p style=\"margin:0\">{}</p>\n",
                    escape(detail)
                ));
            }
        }
    }
    out.push_str(&format!(
        "<hr style=\"border:0;border-top:1px solid #cccccc;margin:32px 0 16px\">\n<p style=\"{SMALL_STYLE}\">{}</p>\n\
         </div>\n</body>\n</html>\n",
        escape(t.get("footer"))
    ));
    out
}

/// The link if it is an absolute `http`/`https` address (the only kind an `href` may hold).
fn web_link(link: &str) -> Option<&str> {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(link)
}

/// A value on one line: a line break in a name must not start a new header line in the subject,
/// nor a fake paragraph in the text body.
fn one_line(value: &str) -> String {
    value.split(char::is_control).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ").trim().to_string()
}

/// Day and time in the town's time zone: `13/12/2026`, `14:05`.
fn local_date_time(at: DateTime<Utc>) -> (String, String) {
    let local = at.with_timezone(&TOWN_TZ);
    (local.format("%d/%m/%Y").to_string(), local.format("%H:%M").to_string())
}

/// When an order is collected: its slot's day and times, or the last day a shop keeps a
/// product for a question it answered yes (or the day the shopper would come, unanswered).
fn when_text(t: &Translations, ask: bool, pickup: Option<DateTime<Utc>>, collect_by: chrono::NaiveDate) -> String {
    match pickup {
        Some(at) => {
            let (date, time) = local_date_time(at);
            t.fill("order.when_slot", &[("date", &date), ("time", &time)])
        }
        None => {
            let key = if ask { "order.when_until" } else { "order.when_day" };
            t.fill(key, &[("date", &collect_by.format("%d/%m/%Y").to_string())])
        }
    }
}

/// A total in euros, "from" when some line's price is given in the shop.
fn total_text(t: &Translations, cents: i64, has_unpriced: bool) -> String {
    let decimal_comma = t.lang != Lang::En;
    let amount = common::money::format_euros(cents, decimal_comma);
    match (cents, has_unpriced) {
        (0, true) => t.get("order.price_in_shop").into(),
        (_, true) => t.fill("order.total_from", &[("amount", &amount)]),
        _ => t.fill("order.total", &[("amount", &amount)]),
    }
}

/// The sentences of one language.
struct Translations {
    lang: Lang,
}

impl Translations {
    fn table(&self) -> &'static BTreeMap<String, String> {
        let [fr, nl, en] = tables();
        match self.lang {
            Lang::Fr => fr,
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// The sentence `key`; French if this language misses it (the unit tests make sure none
    /// does), the key itself as a last resort rather than a panic while sending.
    fn get<'a>(&self, key: &'a str) -> &'a str {
        self.table().get(key).or_else(|| tables()[0].get(key)).map(String::as_str).unwrap_or(key)
    }

    /// `key_one` or `key_other`, by this language's plural rule: French counts 0 and 1 as
    /// singular, Dutch and English only 1.
    fn plural(&self, key: &str, count: u32) -> String {
        let one = match self.lang {
            Lang::Fr => count <= 1,
            Lang::Nl | Lang::En => count == 1,
        };
        format!("{key}_{}", if one { "one" } else { "other" })
    }

    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }
}

/// Replaces each `{name}` of `sentence` by its value, in one pass.
fn fill(sentence: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(sentence.len() + 32);
    let mut rest = sentence;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| values.iter().find(|(name, _)| *name == &after[..close]).map(|v| (close, v.1)))
        {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

const SOURCES: [(&str, &str); 3] = [
    ("fr", include_str!("locales/fr.json")),
    ("nl", include_str!("locales/nl.json")),
    ("en", include_str!("locales/en.json")),
];

/// The three files, parsed on first use. They are part of the binary and checked by the unit
/// tests, so a parse failure is a build mistake, not something a user or a message can cause.
fn tables() -> &'static [BTreeMap<String, String>; 3] {
    static TABLES: OnceLock<[BTreeMap<String, String>; 3]> = OnceLock::new();
    TABLES.get_or_init(|| {
        SOURCES.map(|(code, json)| {
            serde_json::from_str(json).unwrap_or_else(|e| panic!("domain/src/mail/locales/{code}.json: {e}"))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(sentence: &str) -> Vec<String> {
        let mut names: Vec<String> = sentence
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        names.sort();
        names
    }

    fn every_template() -> Vec<Template> {
        let at = DateTime::parse_from_rfc3339("2026-12-13T13:05:00Z").unwrap().with_timezone(&Utc);
        vec![
            Template::Invitation {
                business: Some("Boulangerie Dupont".into()),
                link: "https://vitrine.example/invitation/abc".into(),
                inviter: "Ville de Soignies".into(),
                expiry_days: 7,
            },
            Template::Invitation {
                business: None,
                link: "https://vitrine.example/invitation/abc".into(),
                inviter: "Ville de Soignies".into(),
                expiry_days: 1,
            },
            Template::PasswordReset { link: "https://vitrine.example/reset/xyz".into(), minutes_valid: 30 },
            Template::ConfirmEmailChange { link: "https://vitrine.example/confirm/xyz".into() },
            Template::PasswordChanged { at },
            Template::EmailChanged { at },
            Template::FreshnessReminder {
                business: "Boulangerie Dupont".into(),
                days_since_confirmation: 183,
                dashboard_link: "https://vitrine.example/tableau-de-bord".into(),
            },
            Template::FollowConfirm {
                link: "https://vitrine.example/offres/confirmer?jeton=x".into(),
                change: false,
                hours_valid: 48,
            },
            Template::FollowConfirm {
                link: "https://vitrine.example/offres/confirmer?jeton=y".into(),
                change: true,
                hours_valid: 1,
            },
            Template::OfferDigest {
                offers: vec![DigestOffer {
                    title: "Galettes -20 %".into(),
                    business: "Boulangerie Dupont".into(),
                    starts_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 14).unwrap(),
                    ends_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap(),
                    scheduled: true,
                    ended: false,
                    link: "https://vitrine.example/offres/3".into(),
                }],
                all_offers_link: "https://vitrine.example/offres".into(),
                unsubscribe_link: "https://vitrine.example/offres/desabonnement?cle=k".into(),
                daily: false,
            },
            Template::OfferDigest {
                offers: vec![DigestOffer {
                    title: "Galettes -20 %".into(),
                    business: "Boulangerie Dupont".into(),
                    starts_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 9).unwrap(),
                    ends_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 12).unwrap(),
                    scheduled: false,
                    ended: true,
                    link: "https://vitrine.example/offres/4".into(),
                }],
                all_offers_link: "https://vitrine.example/offres".into(),
                unsubscribe_link: "https://vitrine.example/offres/desabonnement?cle=k".into(),
                daily: true,
            },
        ]
    }

    #[test]
    fn the_three_languages_have_the_same_sentences_and_placeholders() {
        let [fr, nl, en] = tables();
        for (name, other) in [("nl", nl), ("en", en)] {
            let missing: Vec<_> = fr.keys().filter(|k| !other.contains_key(*k)).collect();
            let extra: Vec<_> = other.keys().filter(|k| !fr.contains_key(*k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{name}.json: missing {missing:?}, extra {extra:?}");
            for (key, sentence) in fr {
                assert_eq!(placeholders(sentence), placeholders(&other[key]), "{name}.json: placeholders of {key}");
            }
        }
        for table in [fr, nl, en] {
            assert!(table.values().all(|s| !s.trim().is_empty()), "no empty sentence");
        }
    }

    #[test]
    fn every_template_renders_completely_in_every_language() {
        for lang in Lang::ALL {
            for template in every_template() {
                let mail = render(lang, &template);
                for (part, text) in [("subject", &mail.subject), ("text", &mail.text), ("html", &mail.html)] {
                    assert!(
                        !text.contains('{') && !text.contains('}'),
                        "{lang:?} {}: {part} left a placeholder",
                        template.kind()
                    );
                    assert!(
                        !text.contains(".subject") && !text.contains(".intro"),
                        "{lang:?}: a key instead of a sentence"
                    );
                }
                assert!(mail.html.contains(&format!("<html lang=\"{}\">", lang.code())));
                assert!(!mail.subject.contains('\n'));
                assert!(!mail.html.contains("<img") && !mail.html.contains("src="), "no image, nothing fetched");
                if let Template::Invitation { link, .. }
                | Template::PasswordReset { link, .. }
                | Template::ConfirmEmailChange { link }
                | Template::FreshnessReminder { dashboard_link: link, .. }
                | Template::FollowConfirm { link, .. }
                | Template::OfferDigest { unsubscribe_link: link, .. } = &template
                {
                    assert!(mail.text.contains(link.as_str()));
                    assert!(mail.html.contains(&format!("href=\"{link}\"")));
                }
            }
        }
    }

    #[test]
    fn the_recipients_language_is_used_and_french_is_the_default() {
        let reset = Template::PasswordReset { link: "https://v.example/r".into(), minutes_valid: 30 };
        assert_eq!(render(Lang::default(), &reset).subject, "Réinitialiser votre mot de passe Vitrine");
        assert_eq!(render(Lang::Nl, &reset).subject, "Uw wachtwoord voor Vitrine opnieuw instellen");
        assert_eq!(render(Lang::En, &reset).subject, "Reset your Vitrine password");
        assert!(render(Lang::Fr, &reset).text.contains("Ce lien est valable 30 minutes"));
    }

    #[test]
    fn interpolated_values_are_escaped_in_html_and_kept_on_one_line() {
        let mail = render(
            Lang::Fr,
            &Template::FreshnessReminder {
                business: "<script>alert(1)</script> & \"Fils\"\r\nBcc: x@evil.example".into(),
                days_since_confirmation: 90,
                dashboard_link: "https://v.example/d?a=1&b=\"2\"".into(),
            },
        );
        assert!(!mail.html.contains("<script>"));
        assert!(mail.html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Fils&quot; Bcc: x@evil.example"));
        assert!(mail.html.contains("href=\"https://v.example/d?a=1&amp;b=&quot;2&quot;\""));
        assert!(!mail.subject.contains('\r') && !mail.subject.contains('\n'));
        assert!(mail.text.contains("« <script>alert(1)</script> & \"Fils\" Bcc: x@evil.example »"));
    }

    #[test]
    fn links_that_are_not_web_addresses_are_never_clickable() {
        let mail = render(Lang::En, &Template::ConfirmEmailChange { link: "javascript:alert(1)".into() });
        assert!(!mail.html.contains("href"));
        assert!(mail.html.contains("javascript:alert(1)"), "shown as text");
    }

    #[test]
    fn plurals_follow_each_language() {
        let invite = |days| Template::Invitation {
            business: None,
            link: "https://v.example/i".into(),
            inviter: "Ville".into(),
            expiry_days: days,
        };
        assert!(render(Lang::Fr, &invite(1)).text.contains("valable 1 jour."));
        assert!(render(Lang::Fr, &invite(0)).text.contains("valable 0 jour."));
        assert!(render(Lang::Fr, &invite(7)).text.contains("valable 7 jours."));
        assert!(render(Lang::Nl, &invite(1)).text.contains("1 dag geldig"));
        assert!(render(Lang::En, &invite(0)).text.contains("0 days."));
    }

    #[test]
    fn times_are_shown_in_the_towns_time_zone() {
        // 13:05 UTC in December is 14:05 in Brussels.
        let at = DateTime::parse_from_rfc3339("2026-12-13T13:05:00Z").unwrap().with_timezone(&Utc);
        let mail = render(Lang::Fr, &Template::PasswordChanged { at });
        assert!(mail.text.contains("le 13/12/2026 à 14:05"), "{}", mail.text);
    }

    #[test]
    fn placeholders_are_filled_once() {
        assert_eq!(fill("{a} and {b}", &[("a", "{b}"), ("b", "x")]), "{b} and x");
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
        assert_eq!(one_line(" a\r\n\tb "), "a b");
    }
}
