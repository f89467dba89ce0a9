//! The engine of resolution-ls: everything that reads, checks and fixes a draft, on byte offsets and
//! plain types. It knows nothing of the Language Server Protocol; the `resolution-ls` crate converts
//! at its edge.

pub mod syntax;
pub mod text;
pub mod document;

pub use document::Document;
pub mod diagnostic;
pub mod fix;
pub mod lang;

pub use diagnostic::{Diagnostic, Edit, Fix, Level, Related, Severity};
