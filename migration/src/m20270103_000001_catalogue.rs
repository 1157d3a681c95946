//! The catalogue (issue 13): what each shop sells, in a town-wide list of product categories.
//!
//! - `product_categories`: the town's list (about 30, three languages), seeded here so that every
//!   installation has it; `position` orders it in forms and filters.
//! - `products`: one product of a business. Name and description in French (required) and
//!   optionally Dutch and English; `price_cents` in integer euro cents, null for "price in the
//!   shop"; an optional GTIN (the domain checks its check digit) and an optional SKU, unique
//!   within the business (two null SKUs do not collide, on either database).
//!   What is there (`stock`) is one of:
//!   - `window`: shown, no stock claim ("ask the shop");
//!   - `in_stock` / `out_of_stock`;
//!   - `quantity`: a count in `quantity` (never negative: a CHECK), which the orders of the next
//!     issue reserve from when `reservable` is set.
//!
//!   `stock_confirmed_at` is when a person last said the stock statement was true (set by every
//!   stock write and by the dashboard's "Tout est correct"); the shop window shows a statement
//!   older than 21 days as "ask the shop" (`domain::catalogue`). `version` is the
//!   optimistic-concurrency token of the merchant's edits.
//! - `product_photos`: up to 4 photos a product, from the upload pipeline (as `business_photos`).
//!
//! The catalogue's pages are keyed by a data version of their own, row 3 of `data_version`,
//! bumped by triggers on `products` and `product_photos` in the writing transaction (see
//! `m20261128_000002_data_version`): a product write leaves the directory's and the offers'
//! cached pages alone.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The row of `data_version` that the catalogue's pages read.
pub const CATALOGUE_VERSION_ROW: i32 = 3;

/// The town-wide product categories: slug, French, Dutch and English names, in display order.
const CATEGORIES: [(&str, &str, &str, &str); 34] = [
    ("epicerie", "Épicerie", "Kruidenierswaren", "Groceries"),
    ("pain-patisserie", "Pain et pâtisserie", "Brood en gebak", "Bread and pastry"),
    ("viande-charcuterie", "Viande et charcuterie", "Vlees en charcuterie", "Meat and cold cuts"),
    ("fromages-cremerie", "Fromages et crèmerie", "Kaas en zuivel", "Cheese and dairy"),
    ("fruits-legumes", "Fruits et légumes", "Groenten en fruit", "Fruit and vegetables"),
    ("boissons", "Boissons", "Dranken", "Drinks"),
    ("bieres", "Bières", "Bieren", "Beers"),
    ("vins-spiritueux", "Vins et spiritueux", "Wijn en sterke drank", "Wine and spirits"),
    ("chocolat-confiserie", "Chocolat et confiserie", "Chocolade en snoep", "Chocolate and sweets"),
    ("vetements-femme", "Vêtements femme", "Dameskleding", "Women's clothing"),
    ("vetements-homme", "Vêtements homme", "Herenkleding", "Men's clothing"),
    ("vetements-enfant", "Vêtements enfant", "Kinderkleding", "Children's clothing"),
    ("chaussures", "Chaussures", "Schoenen", "Shoes"),
    ("accessoires-maroquinerie", "Accessoires et maroquinerie", "Accessoires en lederwaren", "Accessories and leather goods"),
    ("bijoux-montres", "Bijoux et montres", "Juwelen en horloges", "Jewellery and watches"),
    ("beaute-soins", "Beauté et soins", "Schoonheid en verzorging", "Beauty and care"),
    ("sante", "Santé et parapharmacie", "Gezondheid en parafarmacie", "Health and pharmacy"),
    ("livres", "Livres", "Boeken", "Books"),
    ("papeterie", "Papeterie et fournitures", "Papier- en kantoorwaren", "Stationery"),
    ("jeux-jouets", "Jeux et jouets", "Spellen en speelgoed", "Games and toys"),
    ("maison-decoration", "Maison et décoration", "Huis en decoratie", "Home and decoration"),
    ("cuisine-table", "Cuisine et art de la table", "Keuken en tafelgerei", "Kitchen and tableware"),
    ("bricolage-quincaillerie", "Bricolage et quincaillerie", "Doe-het-zelf en ijzerwaren", "DIY and hardware"),
    ("electricite-eclairage", "Électricité et éclairage", "Elektriciteit en verlichting", "Electrical and lighting"),
    ("jardin-fleurs", "Jardin, plantes et fleurs", "Tuin, planten en bloemen", "Garden, plants and flowers"),
    ("animaux", "Animaux", "Dieren", "Pets"),
    ("sport-loisirs", "Sport et loisirs", "Sport en vrije tijd", "Sport and leisure"),
    ("velo", "Vélo", "Fiets", "Bicycles"),
    ("electronique-informatique", "Électronique et informatique", "Elektronica en informatica", "Electronics and computers"),
    ("optique", "Optique", "Optiek", "Optics"),
    ("loisirs-creatifs-musique", "Loisirs créatifs et musique", "Creatieve hobby's en muziek", "Crafts and music"),
    ("cadeaux-souvenirs", "Cadeaux et souvenirs", "Geschenken en souvenirs", "Gifts and souvenirs"),
    ("seconde-main", "Seconde main", "Tweedehands", "Second hand"),
    ("autres", "Autres", "Overige", "Other"),
];

async fn run(manager: &SchemaManager<'_>, statements: &[String]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for sql in statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(())
}

const VERSIONED_TABLES: [&str; 2] = ["products", "product_photos"];

fn version_up(backend: DbBackend) -> Vec<String> {
    let start = format!("INSERT INTO data_version (id, version) VALUES ({CATALOGUE_VERSION_ROW}, 1)");
    let bump = format!("UPDATE data_version SET version = version + 1 WHERE id = {CATALOGUE_VERSION_ROW}");
    let mut statements = vec![start];
    match backend {
        DbBackend::Postgres => {
            statements.push(format!(
                "CREATE FUNCTION bump_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {bump}; RETURN NULL; END $$"
            ));
            for table in VERSIONED_TABLES {
                statements.push(format!(
                    "CREATE TRIGGER {table}_bumps_catalogue_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} \
                     FOR EACH STATEMENT EXECUTE FUNCTION bump_catalogue_version()"
                ));
            }
        }
        _ => {
            for table in VERSIONED_TABLES {
                for event in ["insert", "update", "delete"] {
                    statements.push(format!(
                        "CREATE TRIGGER {table}_{event}_bumps_catalogue_version AFTER {event} ON {table} BEGIN {bump}; END"
                    ));
                }
            }
        }
    }
    statements
}

fn version_down(backend: DbBackend) -> Vec<String> {
    let mut statements = Vec::new();
    match backend {
        DbBackend::Postgres => {
            for table in VERSIONED_TABLES {
                statements.push(format!("DROP TRIGGER {table}_bumps_catalogue_version ON {table}"));
            }
            statements.push("DROP FUNCTION bump_catalogue_version()".to_string());
        }
        _ => {
            for table in VERSIONED_TABLES {
                for event in ["insert", "update", "delete"] {
                    statements.push(format!("DROP TRIGGER {table}_{event}_bumps_catalogue_version"));
                }
            }
        }
    }
    statements.push(format!("DELETE FROM data_version WHERE id = {CATALOGUE_VERSION_ROW}"));
    statements
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProductCategories::Table)
                    .if_not_exists()
                    .col(pk_auto(ProductCategories::Id))
                    .col(string_len_uniq(ProductCategories::Slug, 64))
                    .col(string_len(ProductCategories::NameFr, 100))
                    .col(string_len(ProductCategories::NameNl, 100))
                    .col(string_len(ProductCategories::NameEn, 100))
                    .col(integer(ProductCategories::Position))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table(ProductCategories::Table)
            .columns([
                ProductCategories::Slug,
                ProductCategories::NameFr,
                ProductCategories::NameNl,
                ProductCategories::NameEn,
                ProductCategories::Position,
            ])
            .to_owned();
        for (position, (slug, fr, nl, en)) in CATEGORIES.iter().enumerate() {
            insert.values_panic([(*slug).into(), (*fr).into(), (*nl).into(), (*en).into(), (position as i32).into()]);
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
                Table::create()
                    .table(Products::Table)
                    .if_not_exists()
                    .col(pk_auto(Products::Id))
                    .col(integer(Products::BusinessId))
                    .col(integer_null(Products::CategoryId))
                    .col(string_len(Products::NameFr, 200))
                    // The French name folded (no case, no accents: `domain::search::normalize`),
                    // so "Éclair" sorts with the E's on both databases whatever their collation.
                    .col(string_len(Products::SortName, 200).default(""))
                    .col(string_len(Products::NameNl, 200).default(""))
                    .col(string_len(Products::NameEn, 200).default(""))
                    .col(text(Products::DescriptionFr).default(""))
                    .col(text(Products::DescriptionNl).default(""))
                    .col(text(Products::DescriptionEn).default(""))
                    .col(big_integer_null(Products::PriceCents))
                    .col(string_len_null(Products::Gtin, 14))
                    .col(string_len_null(Products::Sku, 64))
                    .col(boolean(Products::Visible).default(true))
                    .col(string_len(Products::Stock, 16).default("window"))
                    .col(integer_null(Products::Quantity))
                    .col(timestamp_with_time_zone_null(Products::StockConfirmedAt))
                    .col(boolean(Products::Reservable).default(false))
                    .col(timestamp_with_time_zone(Products::CreatedAt))
                    .col(timestamp_with_time_zone(Products::UpdatedAt))
                    .col(integer(Products::Version).default(1))
                    // The rules no code path may break, whatever writes the row.
                    .check(Expr::col(Products::Quantity).is_null().or(Expr::col(Products::Quantity).gte(0)))
                    .check(Expr::col(Products::PriceCents).is_null().or(Expr::col(Products::PriceCents).gte(0)))
                    .check(Expr::col(Products::Stock).is_in(["window", "in_stock", "out_of_stock", "quantity"]))
                    .check(
                        Expr::col(Products::Stock)
                            .eq("quantity")
                            .and(Expr::col(Products::Quantity).is_not_null())
                            .or(Expr::col(Products::Stock).ne("quantity").and(Expr::col(Products::Quantity).is_null())),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_products_business")
                            .from(Products::Table, Products::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_products_category")
                            .from(Products::Table, Products::CategoryId)
                            .to(ProductCategories::Table, ProductCategories::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // A shop's window: its products by name.
        manager
            .create_index(
                Index::create()
                    .name("idx_products_business_name")
                    .table(Products::Table)
                    .col(Products::BusinessId)
                    .col(Products::SortName)
                    .to_owned(),
            )
            .await?;
        // An SKU names one product of a business (NULLs are distinct: products without one).
        manager
            .create_index(
                Index::create()
                    .name("idx_products_business_sku")
                    .table(Products::Table)
                    .col(Products::BusinessId)
                    .col(Products::Sku)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Scan to find, and the import's second key.
        manager
            .create_index(
                Index::create()
                    .name("idx_products_business_gtin")
                    .table(Products::Table)
                    .col(Products::BusinessId)
                    .col(Products::Gtin)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProductPhotos::Table)
                    .if_not_exists()
                    .col(pk_auto(ProductPhotos::Id))
                    .col(integer(ProductPhotos::ProductId))
                    .col(string_len(ProductPhotos::File, 200))
                    .col(integer_null(ProductPhotos::Width))
                    .col(integer_null(ProductPhotos::Height))
                    .col(string_len_null(ProductPhotos::Variants, 64))
                    .col(string_len(ProductPhotos::AltFr, 1000).default(""))
                    .col(string_len(ProductPhotos::AltNl, 1000).default(""))
                    .col(string_len(ProductPhotos::AltEn, 1000).default(""))
                    .col(integer(ProductPhotos::Position))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_product_photos_product")
                            .from(ProductPhotos::Table, ProductPhotos::ProductId)
                            .to(Products::Table, Products::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_product_photos_product")
                    .table(ProductPhotos::Table)
                    .col(ProductPhotos::ProductId)
                    .col(ProductPhotos::Position)
                    .to_owned(),
            )
            .await?;
        let backend = manager.get_database_backend();
        run(manager, &version_up(backend)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        run(manager, &version_down(backend)).await?;
        for table in [ProductPhotos::Table.into_iden(), Products::Table.into_iden(), ProductCategories::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProductCategories {
    Table,
    Id,
    Slug,
    NameFr,
    NameNl,
    NameEn,
    Position,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    BusinessId,
    CategoryId,
    NameFr,
    SortName,
    NameNl,
    NameEn,
    DescriptionFr,
    DescriptionNl,
    DescriptionEn,
    PriceCents,
    Gtin,
    Sku,
    Visible,
    Stock,
    Quantity,
    StockConfirmedAt,
    Reservable,
    CreatedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum ProductPhotos {
    Table,
    Id,
    ProductId,
    File,
    Width,
    Height,
    Variants,
    AltFr,
    AltNl,
    AltEn,
    Position,
}
