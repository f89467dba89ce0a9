//! The per-block parser. A draft is cut into blocks at blank lines and at lines that are blocks of
//! their own (page breaks, headings, code fences, standalone comments, `[^label]:` definitions).
//! Each block is parsed on its own, knowing nothing of its neighbours: that is what lets an edit
//! re-parse only the blocks it touches. Everything that needs context (which part of the draft a
//! paragraph is in, whether it continues another across a page break, which footnote an Ibid.
//! follows) is worked out later in [`crate::analysis`] from these summaries.

mod block;
mod footnote_body;
mod inline;
mod lines;
mod paragraph;
mod tally;

pub use block::{
    Block, BlockKind, Directive, DirectiveKind, Directives, Ending, FootnoteDef, FootnoteKey,
    FootnoteRef, Heading, ItalicRun, MarkerSyntax, Numbering, OrganLine, Paragraph, RelOffset,
    SubLabel,
};
pub use footnote_body::{CitationKind, FootnoteBody, IbidToken};
pub use lines::{parse_blocks, parse_blocks_tallied};
pub use tally::Tally;
