//! Every rule is documented in its own file (what it reports, why it matters, an example that
//! fires and one that does not), and docs/rules.md is generated from those comments. Run with
//! `UPDATE_DOCS=1` to rewrite docs/rules.md after changing a rule's documentation.

use resolution_engine::rules::{GUIDE, RULES};

const DOCS_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");

fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from the `//!` comment of each file in server/engine/src/rules/ by\n     server/engine/tests/rule_docs.rs; edit those, then run UPDATE_DOCS=1 cargo test -p resolution-engine --test rule_docs. -->\n\nThe draft format the rules check (blocks, footnotes, Ibid. chains, how the structure is read, the\nsix languages) is described in [format.md](format.md).\n\nEvery rule can be set to `off`, `hint`, `info`, `warning` or `error` in `resolution-ls.toml`\n(see [configuration.md](configuration.md)).\n\n{RECOVERY}\n\n| rule | default | reports |\n|---|---|---|\n",
    )
    .replace("{RECOVERY}", GUIDE);
    for rule in RULES {
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | {2} |\n",
            rule.id,
            rule.default_level.as_str(),
            rule.summary
        ));
    }
    for rule in RULES {
        out.push_str(&format!("\n<a id=\"{}\"></a>\n\n", rule.id));
        out.push_str(rule.docs().trim());
        out.push('\n');
    }
    out
}

#[test]
fn every_rule_documents_what_why_and_examples_both_ways() {
    for rule in RULES {
        let docs = rule.docs();
        assert!(
            docs.starts_with(&format!("## {} ({})", rule.id, rule.default_level.as_str())),
            "{}: {docs}",
            rule.id
        );
        for part in ["**Why it matters:**", "**Fires", "**Silent"] {
            assert!(docs.contains(part), "{} lacks {part}", rule.id);
        }
    }
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let expected = rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(DOCS_PATH, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(DOCS_PATH).unwrap_or_default();
    assert!(actual == expected, "docs/rules.md is stale: run UPDATE_DOCS=1 cargo test -p resolution-engine --test rule_docs");
}

/// The rule tests (`rules_*.rs`) show every rule in the table firing, by its id in an expected
/// diagnostic, and staying silent, in a test named after it: a new rule comes with both.
#[test]
fn the_rule_tests_cover_every_rule() {
    const RULE_TESTS: &[&str] = &[
        include_str!("rules_footnotes.rs"),
        include_str!("rules_ibid.rs"),
        include_str!("rules_openers.rs"),
        include_str!("rules_structure.rs"),
    ];
    let mut missing = Vec::new();
    for rule in RULES {
        let fired = format!(" {}: ", rule.id);
        if !RULE_TESTS.iter().any(|tests| tests.contains(&fired)) {
            missing.push(format!("{} never fires in an expected diagnostic", rule.id));
        }
        let silent = format!("fn {}_is_silent", rule.id.replace('-', "_"));
        if !RULE_TESTS.iter().any(|tests| tests.contains(&silent)) {
            missing.push(format!("no test `{silent}…`"));
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}
