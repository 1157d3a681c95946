//! The directory: categories, businesses, their weekly hours, date exceptions, photos and
//! accessibility attributes.
//!
//! Times of day are stored as minutes since local midnight (Europe/Brussels wall-clock time, the
//! way shops publish their hours); a span whose `closes` is not after its `opens` runs past
//! midnight into the next day. Dates are local calendar dates.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .if_not_exists()
                    .col(pk_auto(Categories::Id))
                    // URL-safe identifier, used in `?categorie=` filters.
                    .col(string_len_uniq(Categories::Slug, 64))
                    .col(string(Categories::NameFr))
                    .col(string(Categories::NameNl))
                    .col(string(Categories::NameEn))
                    // Name of the icon file in /media (`icon-<icon>.svg`).
                    .col(string(Categories::Icon))
                    // Display order on the home page.
                    .col(integer(Categories::Position))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Businesses::Table)
                    .if_not_exists()
                    .col(pk_auto(Businesses::Id))
                    .col(string_len_uniq(Businesses::Slug, 120))
                    .col(string(Businesses::Name))
                    // The name without accents or case, so that "Épicerie" sorts among the E.
                    .col(string(Businesses::SortName))
                    .col(integer(Businesses::CategoryId))
                    .col(text(Businesses::Description))
                    .col(string(Businesses::Street))
                    .col(string_len(Businesses::Postcode, 8))
                    .col(string(Businesses::Locality))
                    .col(double(Businesses::Latitude))
                    .col(double(Businesses::Longitude))
                    .col(string_null(Businesses::Phone))
                    .col(string_null(Businesses::Email))
                    .col(string_null(Businesses::Website))
                    .col(string_null(Businesses::Facebook))
                    .col(string_null(Businesses::Instagram))
                    // A stored copy of the searchable text. No longer read: the directory index
                    // builds the text from the current rows when it loads, and
                    // m20261206_000002_drop_search_text drops the column.
                    .col(text(Businesses::SearchText))
                    // The day the merchant last confirmed that the listing is correct.
                    .col(date(Businesses::ConfirmedOn))
                    .col(timestamp_with_time_zone(Businesses::CreatedAt))
                    .col(timestamp_with_time_zone(Businesses::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_businesses_category")
                            .from(Businesses::Table, Businesses::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_businesses_category_sort_name")
                    .table(Businesses::Table)
                    .col(Businesses::CategoryId)
                    .col(Businesses::SortName)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_businesses_sort_name")
                    .table(Businesses::Table)
                    .col(Businesses::SortName)
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                // Served the first data version (`MAX(updated_at)`), which the counter of
                // m20261128_000002_data_version replaced; m20261206_000001 drops it.
                Index::create()
                    .name("idx_businesses_updated_at")
                    .table(Businesses::Table)
                    .col(Businesses::UpdatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OpeningHours::Table)
                    .if_not_exists()
                    .col(pk_auto(OpeningHours::Id))
                    .col(integer(OpeningHours::BusinessId))
                    // 0 = Monday … 6 = Sunday.
                    .col(small_integer(OpeningHours::Weekday))
                    // Minutes since local midnight.
                    .col(small_integer(OpeningHours::Opens))
                    .col(small_integer(OpeningHours::Closes))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_opening_hours_business")
                            .from(OpeningHours::Table, OpeningHours::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_opening_hours_lookup")
                    .table(OpeningHours::Table)
                    .col(OpeningHours::Weekday)
                    .col(OpeningHours::BusinessId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_opening_hours_business")
                    .table(OpeningHours::Table)
                    .col(OpeningHours::BusinessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HoursExceptions::Table)
                    .if_not_exists()
                    .col(pk_auto(HoursExceptions::Id))
                    .col(integer(HoursExceptions::BusinessId))
                    // Inclusive range of local dates.
                    .col(date(HoursExceptions::StartsOn))
                    .col(date(HoursExceptions::EndsOn))
                    // Closed all day; otherwise the spans of `exception_spans` replace the week's hours.
                    .col(boolean(HoursExceptions::Closed))
                    .col(string_null(HoursExceptions::NoteFr))
                    .col(string_null(HoursExceptions::NoteNl))
                    .col(string_null(HoursExceptions::NoteEn))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_hours_exceptions_business")
                            .from(HoursExceptions::Table, HoursExceptions::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_hours_exceptions_dates")
                    .table(HoursExceptions::Table)
                    .col(HoursExceptions::StartsOn)
                    .col(HoursExceptions::EndsOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_hours_exceptions_business")
                    .table(HoursExceptions::Table)
                    .col(HoursExceptions::BusinessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ExceptionSpans::Table)
                    .if_not_exists()
                    .col(pk_auto(ExceptionSpans::Id))
                    .col(integer(ExceptionSpans::ExceptionId))
                    .col(small_integer(ExceptionSpans::Opens))
                    .col(small_integer(ExceptionSpans::Closes))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_exception_spans_exception")
                            .from(ExceptionSpans::Table, ExceptionSpans::ExceptionId)
                            .to(HoursExceptions::Table, HoursExceptions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_exception_spans_exception")
                    .table(ExceptionSpans::Table)
                    .col(ExceptionSpans::ExceptionId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BusinessPhotos::Table)
                    .if_not_exists()
                    .col(pk_auto(BusinessPhotos::Id))
                    .col(integer(BusinessPhotos::BusinessId))
                    // File name inside the media directory.
                    .col(string(BusinessPhotos::File))
                    .col(string(BusinessPhotos::AltFr))
                    .col(string(BusinessPhotos::AltNl))
                    .col(string(BusinessPhotos::AltEn))
                    .col(integer(BusinessPhotos::Position))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_business_photos_business")
                            .from(BusinessPhotos::Table, BusinessPhotos::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_business_photos_business")
                    .table(BusinessPhotos::Table)
                    .col(BusinessPhotos::BusinessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BusinessAccessibility::Table)
                    .if_not_exists()
                    .col(pk_auto(BusinessAccessibility::Id))
                    .col(integer(BusinessAccessibility::BusinessId))
                    // A key of `common::directory::ACCESSIBILITY_FEATURES`.
                    .col(string_len(BusinessAccessibility::Feature, 40))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_business_accessibility_business")
                            .from(BusinessAccessibility::Table, BusinessAccessibility::BusinessId)
                            .to(Businesses::Table, Businesses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_business_accessibility_unique")
                    .table(BusinessAccessibility::Table)
                    .col(BusinessAccessibility::BusinessId)
                    .col(BusinessAccessibility::Feature)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BusinessAccessibility::Table.into_iden(),
            BusinessPhotos::Table.into_iden(),
            ExceptionSpans::Table.into_iden(),
            HoursExceptions::Table.into_iden(),
            OpeningHours::Table.into_iden(),
            Businesses::Table.into_iden(),
            Categories::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    Slug,
    NameFr,
    NameNl,
    NameEn,
    Icon,
    Position,
}

#[derive(DeriveIden)]
enum Businesses {
    Table,
    Id,
    Slug,
    Name,
    SortName,
    CategoryId,
    Description,
    Street,
    Postcode,
    Locality,
    Latitude,
    Longitude,
    Phone,
    Email,
    Website,
    Facebook,
    Instagram,
    SearchText,
    ConfirmedOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OpeningHours {
    Table,
    Id,
    BusinessId,
    Weekday,
    Opens,
    Closes,
}

#[derive(DeriveIden)]
enum HoursExceptions {
    Table,
    Id,
    BusinessId,
    StartsOn,
    EndsOn,
    Closed,
    NoteFr,
    NoteNl,
    NoteEn,
}

#[derive(DeriveIden)]
enum ExceptionSpans {
    Table,
    Id,
    ExceptionId,
    Opens,
    Closes,
}

#[derive(DeriveIden)]
enum BusinessPhotos {
    Table,
    Id,
    BusinessId,
    File,
    AltFr,
    AltNl,
    AltEn,
    Position,
}

#[derive(DeriveIden)]
enum BusinessAccessibility {
    Table,
    Id,
    BusinessId,
    Feature,
}
