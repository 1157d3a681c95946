//! Types shared by the server and the browser (compiled to WASM too, so nothing heavy here):
//! the data transfer objects of the directory, the error that crosses the server-function
//! boundary, the language enum, and the validated directory query.

pub mod codec;
pub mod directory;
pub mod error;
pub mod lang;
pub mod query;
pub mod time;

pub use error::AppError;
pub use lang::Lang;
