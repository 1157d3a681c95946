//! The data versions: one counter per area of the data (a row of the `data_version` table),
//! bumped by triggers in the same transaction as every write to that area's tables (migrations
//! `m20261128_000002_data_version` for the directory, `m20261220_000001_offers` for the offers
//! feed). Instances compare them to know when what they keep (the directory index, cached pages)
//! is stale.
//!
//! A new area (the catalogue, orders) is a new row and an [`Area`] constant: readers get every
//! row in one query, so the page cache needs no new code for it, only the pages that show the
//! area say so. Versions are compared for equality, never for order: a restored backup can bring
//! a counter back below a value already seen.

use std::fmt;

use sea_orm::ConnectionTrait;

use crate::error::DomainError;

/// An area of the data with its own version: the id of its row in `data_version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Area(pub i32);

impl Area {
    /// Businesses, categories, hours, photos, accessibility (row 1).
    pub const DIRECTORY: Area = Area(1);
    /// Offers (row 2).
    pub const OFFERS: Area = Area(2);
    /// Products and their photos (row 3).
    pub const CATALOGUE: Area = Area(3);
    /// Orders (issue 14): what the merchants' live inboxes poll.
    pub const ORDERS: Area = Area(4);
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Every area's version as read together, ordered by area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataVersions(Vec<(Area, i64)>);

impl DataVersions {
    /// Versions from `(area, version)` pairs in any order.
    pub fn new(mut versions: Vec<(Area, i64)>) -> Self {
        versions.sort_unstable();
        versions.dedup_by_key(|(area, _)| *area);
        DataVersions(versions)
    }

    /// The version of `area`, if it has a row.
    pub fn get(&self, area: Area) -> Option<i64> {
        self.0.binary_search_by_key(&area, |(a, _)| *a).ok().map(|i| self.0[i].1)
    }

    /// The versions of `areas`, in their order; `None` if one has no row.
    pub fn of(&self, areas: &[Area]) -> Option<Vec<(Area, i64)>> {
        areas.iter().map(|area| self.get(*area).map(|version| (*area, version))).collect()
    }
}

/// Reads every area's version in one query.
pub async fn read(db: &impl ConnectionTrait) -> Result<DataVersions, DomainError> {
    let statement = sea_orm::Statement::from_string(db.get_database_backend(), "SELECT id, version FROM data_version");
    let mut versions = Vec::new();
    for row in db.query_all_raw(statement).await? {
        let id: i32 = row.try_get("", "id")?;
        let version: i64 = row.try_get("", "version")?;
        versions.push((Area(id), version));
    }
    let versions = DataVersions::new(versions);
    match versions.get(Area::DIRECTORY) {
        Some(_) => Ok(versions),
        None => Err(DomainError::InvalidData("the directory's data_version row is missing".into())),
    }
}

/// Takes the catalogue's version row until the transaction ends, before any product row: on
/// PostgreSQL every write to `products` bumps that row in a statement trigger, which holds it
/// until the commit. A transaction writing several products (a checkout, an order's stock coming
/// back, an import) would otherwise hold the version row while waiting for a product row that
/// another writer holds while waiting for the version row: a deadlock, which PostgreSQL breaks
/// after a second by failing one of them. Taken first, the row makes such writers queue at their
/// start instead (they queued on it at their first product anyway). SQLite: nothing to do, its
/// write transaction already excludes other writers.
pub async fn lock_catalogue(txn: &impl ConnectionTrait) -> Result<(), sea_orm::DbErr> {
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        let statement = sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT version FROM data_version WHERE id = $1 FOR UPDATE",
            [Area::CATALOGUE.0.into()],
        );
        txn.query_one_raw(statement).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_found_by_area_whatever_the_order_read() {
        let versions = DataVersions::new(vec![(Area(3), 9), (Area::DIRECTORY, 4), (Area::OFFERS, 7)]);
        assert_eq!(versions.get(Area::OFFERS), Some(7));
        assert_eq!(versions.get(Area(5)), None);
        assert_eq!(versions.of(&[Area::OFFERS, Area::DIRECTORY]), Some(vec![(Area::OFFERS, 7), (Area::DIRECTORY, 4)]));
        assert_eq!(versions.of(&[Area::DIRECTORY, Area(5)]), None, "a page of an area without a row");
    }
}
