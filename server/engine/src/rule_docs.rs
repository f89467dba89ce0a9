//! Each rule's documentation, gathered by `build.rs` from the `//!` comment of its file in
//! `rules/`: a leaf that the configuration reads to know the rule ids, without the rules.

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// Whether `id` names a rule (one with a file in `rules/`; each of those is in `rules::RULES`).
pub fn is_rule_id(id: &str) -> bool {
    RULE_DOCS.iter().any(|(rule, _)| *rule == id)
}
