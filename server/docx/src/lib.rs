//! Word drafts for resolution-ls: `.docx` to the Markdown draft format ([`import()`]) and back
//! ([`export()`]), and a checked draft's fixes written back into its document ([`write_fixed()`]). The container is read with `zip` and the XML with `quick-xml`, within limits
//! (see [`container`]); nothing here runs another program.

pub mod container;
mod export;
mod fix;
mod import;
mod word;

pub use export::{export, Exported};
pub use fix::write_fixed;
pub use import::{import, Imported, Place, Warning};

use std::fmt;

/// Why a file could not be read or written as a Word document: one line, for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocxError(String);

impl DocxError {
    pub fn new(message: impl Into<String>) -> DocxError {
        DocxError(message.into())
    }
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocxError {}
