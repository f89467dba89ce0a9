//! The engine of resolution-ls: everything that reads, checks and fixes a draft, on byte offsets and
//! plain types. It knows nothing of the Language Server Protocol; the `resolution-ls` crate converts
//! at its edge.
//!
//! The flow: [`Document`] holds the text ([`text`]) and its blocks ([`syntax`]), re-parsing only
//! what an edit touches; [`analysis`] works out the draft's structure from the blocks;
//! [`rules`] find problems in it; [`check()`] puts them together under a [`config::Config`].

pub mod analysis;
pub mod autofix;
pub mod check;
pub mod check_cache;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod lang;
pub mod query;
pub mod refactor;
pub mod rule_docs;
pub mod rules;
pub mod syntax;
pub mod text;

pub use autofix::{fix_all, fix_all_with, FixSelection, Fixed};
pub use check::check;
pub use check_cache::CheckCache;
pub use config::Config;
pub use diagnostic::{Diagnostic, Edit, Fix, FixEdits, Level, Related, Safety, Severity};
pub use document::Document;
pub use text::{Encoding, LineCol, SourceText};
