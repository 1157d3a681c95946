//! Click & collect (issue 14), the types the server and the pages share: an order's status and
//! kind, the limits of what a shopper may send, and what the basket, the order page and the
//! merchant's inbox show.

use serde::{Deserialize, Serialize};

use crate::time::Day;

/// Products of one basket (all shops together).
pub const LINES_MAX: usize = 30;
/// Units of one product in one order.
pub const QUANTITY_MAX: u32 = 20;
/// The shopper's name on an order.
pub const NAME_MAX: usize = 100;
/// A question to a shop ("ask if available") or a note.
pub const MESSAGE_MAX: usize = 1000;
/// A shop's reason for declining.
pub const REASON_MAX: usize = 500;
/// Days ahead a shopper may pick a collection slot (today included).
pub const SLOT_DAYS: i64 = 7;
/// Days ahead a shopper may say they would come, when asking if a product is available.
pub const ASK_DAYS: i64 = 14;

/// Where an order stands. The flow is new → accepted → ready → collected; a shop may decline
/// (with a reason) or mark an order not collected; the shopper may cancel until it is ready;
/// an order left uncollected past its last day lapses. `Unconfirmed` waits for the shopper's
/// e-mailed confirmation (after no-shows at that shop), `Asked` for the shop's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderStatus {
    Unconfirmed,
    Asked,
    New,
    Accepted,
    Ready,
    Collected,
    Declined,
    NotCollected,
    Cancelled,
    Lapsed,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 10] = [
        OrderStatus::Unconfirmed,
        OrderStatus::Asked,
        OrderStatus::New,
        OrderStatus::Accepted,
        OrderStatus::Ready,
        OrderStatus::Collected,
        OrderStatus::Declined,
        OrderStatus::NotCollected,
        OrderStatus::Cancelled,
        OrderStatus::Lapsed,
    ];
    /// The statuses in which an order still holds stock and waits for someone.
    pub const OPEN: [OrderStatus; 5] =
        [OrderStatus::Unconfirmed, OrderStatus::Asked, OrderStatus::New, OrderStatus::Accepted, OrderStatus::Ready];

    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            OrderStatus::Unconfirmed => "unconfirmed",
            OrderStatus::Asked => "asked",
            OrderStatus::New => "new",
            OrderStatus::Accepted => "accepted",
            OrderStatus::Ready => "ready",
            OrderStatus::Collected => "collected",
            OrderStatus::Declined => "declined",
            OrderStatus::NotCollected => "not_collected",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Lapsed => "lapsed",
        }
    }

    pub fn from_code(code: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_open(self) -> bool {
        OrderStatus::OPEN.contains(&self)
    }

    /// Whether the shopper may still cancel (the shop has not prepared it yet).
    pub fn cancellable(self) -> bool {
        matches!(self, OrderStatus::Unconfirmed | OrderStatus::Asked | OrderStatus::New | OrderStatus::Accepted)
    }
}

/// What the merchant does to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MerchantAction {
    Accept,
    Ready,
    Collected,
    Decline,
    NotCollected,
}

impl MerchantAction {
    pub const ALL: [MerchantAction; 5] = [
        MerchantAction::Accept,
        MerchantAction::Ready,
        MerchantAction::Collected,
        MerchantAction::Decline,
        MerchantAction::NotCollected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MerchantAction::Accept => "accept",
            MerchantAction::Ready => "ready",
            MerchantAction::Collected => "collected",
            MerchantAction::Decline => "decline",
            MerchantAction::NotCollected => "not_collected",
        }
    }

    pub fn from_code(code: &str) -> Option<MerchantAction> {
        MerchantAction::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The statuses it applies to, and the status it leads to.
    pub fn transition(self) -> (&'static [OrderStatus], OrderStatus) {
        use OrderStatus::*;
        match self {
            MerchantAction::Accept => (&[New], Accepted),
            MerchantAction::Ready => (&[New, Accepted], Ready),
            MerchantAction::Collected => (&[New, Accepted, Ready], Collected),
            MerchantAction::Decline => (&[Asked, New, Accepted], Declined),
            MerchantAction::NotCollected => (&[Accepted, Ready], NotCollected),
        }
    }

    /// The actions possible on an order in `status`, in the order the inbox shows them.
    pub fn available(status: OrderStatus) -> Vec<MerchantAction> {
        MerchantAction::ALL.into_iter().filter(|a| a.transition().0.contains(&status)).collect()
    }
}

/// A shop's click & collect settings, as the dashboard shows and edits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupSettings {
    pub prep_minutes: u32,
    pub slot_minutes: u32,
    pub grace_days: u32,
    /// An e-mail to the shop's people at each new order and each cancellation by a shopper.
    pub notify_orders: bool,
}

impl Default for PickupSettings {
    fn default() -> Self {
        PickupSettings { prep_minutes: 120, slot_minutes: 30, grace_days: 2, notify_orders: true }
    }
}

/// A collection slot: its value in a form (`2026-12-07T10:30`, local time) and its times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub value: String,
    /// Minutes after midnight of the slot's day.
    pub starts: u16,
    pub ends: u16,
}

/// The slots of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotDay {
    pub day: Day,
    pub slots: Vec<Slot>,
}

/// A line of the basket, with what changed since it was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasketLine {
    pub product_id: i32,
    pub name: String,
    pub href: String,
    pub quantity: u32,
    /// What may be taken now (stock, capped by [`QUANTITY_MAX`]); 0: no longer available.
    pub available: u32,
    pub unit_price_cents: Option<i64>,
    /// The price when it was added, when it differs from now.
    pub price_was_cents: Option<Option<i64>>,
}

/// One shop's part of the basket, with the slots it can be collected in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasketShop {
    pub business_id: i32,
    pub name: String,
    pub address: String,
    pub lines: Vec<BasketLine>,
    pub total_cents: i64,
    pub has_unpriced: bool,
    pub slot_days: Vec<SlotDay>,
}

/// The basket as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BasketView {
    pub shops: Vec<BasketShop>,
    /// Some line changed (price, or less stock than asked) since it was added.
    pub changed: bool,
}

impl BasketView {
    pub fn is_empty(&self) -> bool {
        self.shops.is_empty()
    }

    pub fn count(&self) -> u32 {
        self.shops.iter().flat_map(|s| &s.lines).map(|l| l.quantity).sum()
    }
}

/// A line of an order as ordered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineView {
    pub name: String,
    pub quantity: u32,
    pub unit_price_cents: Option<i64>,
}

/// One order, for the shopper's page and the merchant's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub id: i32,
    pub business_id: i32,
    pub business_name: String,
    pub business_address: String,
    pub ask: bool,
    pub status: OrderStatus,
    /// The slot, local: its day and minutes.
    pub pickup_day: Option<Day>,
    pub pickup_starts: Option<u16>,
    pub pickup_ends: Option<u16>,
    /// The last day it waits.
    pub collect_by: Day,
    pub lines: Vec<OrderLineView>,
    pub total_cents: i64,
    pub has_unpriced: bool,
    pub message: String,
    pub decline_reason: Option<String>,
    /// Local time of the order: its day and minutes.
    pub created_day: Day,
    pub created_minutes: u16,
    /// For the merchant only; empty on the shopper's page.
    pub shopper_name: String,
    pub shopper_email: String,
    pub shopper_phone: Option<String>,
}
