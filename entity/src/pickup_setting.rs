//! A shop's click & collect settings (issue 14); no row means the defaults
//! (`domain::orders::PickupSettings::default`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pickup_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub business_id: i32,
    /// Minutes between an order and its first possible collection.
    pub prep_minutes: i32,
    /// The length of a collection slot.
    pub slot_minutes: i32,
    /// Days after the collection day an order waits before it lapses.
    pub grace_days: i32,
    /// The shop's people get an e-mail at each new order and each cancellation.
    pub notify_orders: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
