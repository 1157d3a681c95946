//! The people of the authorisation tests: an owner and a staff member of one business, the owner
//! of another, and a town administrator (accounts without passwords: these tests never log in).

use common::Lang;
use domain::authz::Actor;
use entity::business;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set};

/// An account and, if given, its role in a business.
pub async fn person(db: &DatabaseConnection, email: &str, is_admin: bool, member_of: Option<(i32, &str)>) -> Actor {
    let now = super::saturday_morning();
    let account = entity::account::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set(String::new()),
        language: Set("fr".into()),
        is_admin: Set(is_admin),
        created_at: Set(now),
        sessions_valid_after: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    if let Some((business_id, role)) = member_of {
        entity::membership::ActiveModel {
            account_id: Set(account.id),
            business_id: Set(business_id),
            role: Set(role.into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    Actor { account_id: account.id, email: account.email, is_admin, language: Lang::Fr }
}

/// The first two businesses (by id) and the people around them.
pub struct People {
    pub shop: i32,
    pub other_shop: i32,
    pub owner: Actor,
    pub staff: Actor,
    pub other_owner: Actor,
    pub admin: Actor,
}

impl People {
    /// Each person who may edit `shop`.
    pub fn allowed(&self) -> [&Actor; 3] {
        [&self.owner, &self.staff, &self.admin]
    }
}

pub async fn people(db: &DatabaseConnection) -> People {
    let businesses = business::Entity::find().order_by_asc(business::Column::Id).all(db).await.unwrap();
    let (shop, other_shop) = (businesses[0].id, businesses[1].id);
    People {
        shop,
        other_shop,
        owner: person(db, "owner@example.be", false, Some((shop, "owner"))).await,
        staff: person(db, "staff@example.be", false, Some((shop, "staff"))).await,
        other_owner: person(db, "other@example.be", false, Some((other_shop, "owner"))).await,
        admin: person(db, "maire@soignies.be", true, None).await,
    }
}
