//! Generates drafts in the format of `tests/fixtures/drafts/ccpcj-21-3.md`: a title, an organ
//! line, a preamble, numbered operative paragraphs, a page break every few paragraphs followed by
//! the footnotes of that page (full citations, Ibid. chains, notes), and a meeting line.

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The size to reach, in bytes (the draft ends at the first paragraph past it).
    pub bytes: usize,
    /// The share of paragraphs given one defect (0.0: a clean draft).
    pub defect_rate: f64,
    pub seed: u64,
}

const PREAMBULAR: &[&str] = &[
    "Recalling",
    "Reaffirming",
    "Noting with concern",
    "Taking into account",
    "Bearing in mind",
    "Recognizing",
    "Deeply concerned",
    "Welcoming",
    "Emphasizing",
    "Mindful",
];
const OPERATIVE: &[&str] = &[
    "Decides",
    "Requests",
    "Calls upon",
    "Encourages",
    "Invites",
    "Urges",
    "Also requests",
    "Welcomes",
    "Stresses",
    "Recommends",
];
const FILLER: &[&str] = &[
    "the links that in some cases may exist between transnational organized crime and terrorism",
    "the commitments entered into by the parties to the United Nations Convention against Transnational Organized Crime",
    "the need to strengthen international, regional and national cooperation in criminal matters",
    "the work of the United Nations Office on Drugs and Crime in providing technical assistance",
    "the importance of mutual legal assistance and extradition in tackling serious crime",
    "the sophistication, diversity and transnational aspects of organized crime",
];

/// A deterministic generator (xorshift64*), so that a generated draft or session replays; the
/// seed must not be zero.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() % 1_000_000) as f64 / 1_000_000.0 < p
    }
}

/// Generates a draft of about `spec.bytes` bytes.
pub fn generate(spec: Spec) -> String {
    generate_with(spec.bytes, spec.seed, Defects::Rate(spec.defect_rate))
}

/// Generates a draft of about `bytes` bytes with one finding every `every` bytes, evenly spread:
/// the paragraph that crosses each multiple of `every` gets one defect of a kind that gives one
/// finding (an opener not in italics, a wrong closing mark, a skipped paragraph number).
pub fn generate_with_finding_every(bytes: usize, every: usize, seed: u64) -> String {
    generate_with(bytes, seed, Defects::Every(every.max(1)))
}

enum Defects {
    Rate(f64),
    Every(usize),
}

fn generate_with(bytes: usize, seed: u64, defects: Defects) -> String {
    let mut rng = Rng(seed.max(1));
    let mut next_spaced_defect = match defects {
        Defects::Every(every) => every,
        Defects::Rate(_) => usize::MAX,
    };
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("## **Resolution 99/1**\n\n### **Strengthening international cooperation against transnational organized crime**\n\n*The General Assembly*,\n\n");
    let mut footnote = 0u32;
    let mut page_footnotes: Vec<String> = Vec::new();
    let mut operative = 0u32;
    let mut paragraphs_on_page = 0;
    let mut treaty_head = false; // the last footnote is a Treaty Series citation
    let preamble_share = 0.3;
    loop {
        let in_preamble = (out.len() as f64) < bytes as f64 * preamble_share;
        // Paragraphs run to about 300 bytes: this one is the last when it reaches the size.
        let last = !in_preamble && out.len() + 300 >= bytes;
        let (defect, defect_kind) = match defects {
            Defects::Rate(rate) => (rng.chance(rate), rng.below(5)),
            Defects::Every(every) => {
                // Drawn all the same, so that the text around the defects is the clean draft's.
                let (_, kind) = (rng.chance(0.0), rng.below(5));
                if out.len() >= next_spaced_defect {
                    next_spaced_defect += every;
                    // Kinds that always apply: a skipped number only in the operative part.
                    (true, if in_preamble { kind % 2 } else { kind % 3 })
                } else {
                    (false, kind)
                }
            }
        };
        let filler = FILLER[rng.below(FILLER.len())];
        let filler2 = FILLER[rng.below(FILLER.len())];
        let mut marker = String::new();
        if rng.chance(0.4) {
            footnote += 1;
            marker = format!("<sup>{footnote}</sup>");
            if defect && defect_kind == 3 {
                // An undefined footnote: referenced, never defined.
            } else {
                page_footnotes.push(footnote_text(
                    &mut rng,
                    footnote,
                    &mut treaty_head,
                    defect && defect_kind == 4,
                ));
            }
        }
        if in_preamble {
            let opener = PREAMBULAR[rng.below(PREAMBULAR.len())];
            let opener = if defect && defect_kind == 0 {
                opener.to_owned()
            } else {
                format!("*{opener}*")
            };
            let mark = if defect && defect_kind == 1 { ';' } else { ',' };
            out.push_str(&format!(
                "{opener} {filler}, and {filler2}{mark}{marker}\n\n"
            ));
        } else {
            operative += 1;
            if defect && defect_kind == 2 {
                operative += 1; // a skipped number
            }
            let opener = OPERATIVE[rng.below(OPERATIVE.len())];
            let opener = if defect && defect_kind == 0 {
                opener.to_owned()
            } else {
                format!("*{opener}*")
            };
            let mark = match (defect && defect_kind == 1, last) {
                (true, _) => ',',
                (false, true) => '.',
                (false, false) => ';',
            };
            out.push_str(&format!("{operative}. {opener} States to consider {filler}, including {filler2}{mark}{marker}\n\n"));
        }
        paragraphs_on_page += 1;
        let done = last;
        if paragraphs_on_page >= 8 || done {
            out.push_str("---\n\n");
            for text in page_footnotes.drain(..) {
                out.push_str(&text);
                out.push_str("\n\n");
            }
            paragraphs_on_page = 0;
        }
        if done {
            break;
        }
    }
    out.push_str("99th plenary meeting\n1 December 2026\n");
    out
}

fn footnote_text(rng: &mut Rng, n: u32, treaty_head: &mut bool, roman_ibid: bool) -> String {
    let kind = rng.below(6);
    let body = if *treaty_head && kind < 3 {
        let ibid = if roman_ibid { "Ibid." } else { "*Ibid.*" };
        format!(
            "{ibid}, vol. {}, No. {}.",
            900 + rng.below(2000),
            10000 + rng.below(40000)
        )
    } else {
        match kind {
            0 | 1 => {
                *treaty_head = true;
                return format!("<sup>{n}</sup> United Nations, *Treaty Series*, vol. {}, No. {}.", 900 + rng.below(2000), 10000 + rng.below(40000));
            }
            2 => format!("General Assembly resolution {}/{}.", 50 + rng.below(30), 100 + rng.below(200)),
            3 => format!("See *Official Records of the Economic and Social Council, {}, Supplement No. 10* (E/{}/30), chap. I.", 2000 + rng.below(25), 2000 + rng.below(25)),
            4 => "Some countries have identified links in some cases between organized criminal groups and terrorist activities.".to_owned(),
            _ => format!("A/{}/{}.", 60 + rng.below(20), 100 + rng.below(800)),
        }
    };
    if !body.contains("Ibid") {
        *treaty_head = false;
    }
    format!("<sup>{n}</sup> {body}")
}

// Drafts of one shape, for the figures (and tests) of output and fixes at scale.

/// A draft whose `n` footnotes are cited in reverse order: every footnote is out of order, and
/// the one fix renumbers them all.
pub fn reversed_footnotes(n: usize) -> String {
    let mut text = String::from("*The General Assembly*,\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "*Recalling* its resolution {}/1,<sup>{}</sup>\n\n",
            i + 1,
            n - i
        ));
    }
    text.push_str("*Decides* to remain seized of the matter.\n\n---\n\n");
    for k in 1..=n {
        text.push_str(&format!("<sup>{k}</sup> A/RES/{k}/1.\n\n"));
    }
    text
}

/// A draft whose `n` operative paragraphs are numbered in reverse.
pub fn reversed_paragraphs(n: usize) -> String {
    let mut text =
        String::from("*The General Assembly*,\n\n*Recalling* its resolution 60/288,\n\n");
    for k in (1..=n).rev() {
        let mark = if k == 1 { '.' } else { ';' };
        text.push_str(&format!(
            "{k}. *Requests* the Secretary-General to report{mark}\n\n"
        ));
    }
    text
}

/// A draft of `n` operative paragraphs, each with its opener not in italics (a safe fix each).
pub fn fixable_paragraphs(n: usize) -> String {
    let mut text =
        String::from("*The General Assembly*,\n\n*Recalling* its resolution 60/288,\n\n");
    for k in 1..=n {
        let mark = if k == n { '.' } else { ';' };
        text.push_str(&format!(
            "{k}. Requests the Secretary-General to report{mark}\n\n"
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use resolution_engine::{check, Config, Document};

    #[test]
    fn a_clean_draft_gives_no_diagnostics() {
        let text = generate(Spec {
            bytes: 60_000,
            defect_rate: 0.0,
            seed: 7,
        });
        assert!(text.len() >= 60_000);
        let found = check(&Document::new(&text), &Config::default(), None);
        let rules: Vec<_> = found
            .iter()
            .map(|d| (d.rule, d.message.clone()))
            .take(5)
            .collect();
        assert!(
            found.is_empty(),
            "{} diagnostics, first: {rules:?}",
            found.len()
        );
    }

    #[test]
    fn spaced_defects_give_one_finding_every_so_many_bytes() {
        let text = generate_with_finding_every(400_000, 4_000, 42);
        let found = check(&Document::new(&text), &Config::default(), None);
        let expected = text.len() / 4_000;
        assert!(
            found.len().abs_diff(expected) <= expected / 20,
            "{} findings in {} bytes, expected about {expected}",
            found.len(),
            text.len()
        );
        // The same draft without its defects is clean: the defects are the only difference.
        let clean = generate(Spec {
            bytes: 400_000,
            defect_rate: 0.0,
            seed: 42,
        });
        assert!(check(&Document::new(&clean), &Config::default(), None).is_empty());
    }

    #[test]
    fn defects_give_diagnostics() {
        let text = generate(Spec {
            bytes: 60_000,
            defect_rate: 0.2,
            seed: 7,
        });
        let found = check(&Document::new(&text), &Config::default(), None);
        assert!(found.len() > 10, "{}", found.len());
    }
}
