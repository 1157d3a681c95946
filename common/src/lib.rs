//! Types shared by the server and the browser (compiled to WASM too, so nothing heavy here):
//! the data transfer objects of the directory, the error that crosses the server-function
//! boundary, the language enum, the validated directory query, and the checked values merchants
//! type (e-mail, phone, links, slug, opening hours).

pub mod catalogue;
pub mod codec;
pub mod console;
pub mod dashboard;
pub mod directory;
pub mod error;
pub mod gtin;
pub mod html;
pub mod lang;
pub mod money;
pub mod offers;
pub mod orders;
pub mod product_search;
pub mod query;
pub mod stats;
pub mod time;
pub mod values;

pub use error::AppError;
pub use lang::Lang;
