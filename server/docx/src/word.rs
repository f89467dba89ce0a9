//! What the importer needs from `styles.xml` and `numbering.xml`: which paragraph styles are
//! headings, what character styles add (italic, bold, superscript), which styles carry automatic
//! numbering, and how each list level writes its number.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

/// A run's formatting as the importer writes it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Format {
    pub italic: bool,
    pub bold: bool,
    pub sup: bool,
}

/// Formatting a style sets or clears; `None` leaves it to the style it is based on.
#[derive(Clone, Copy, Debug, Default)]
pub struct FormatChange {
    pub italic: Option<bool>,
    pub bold: Option<bool>,
    pub sup: Option<bool>,
}

impl FormatChange {
    pub fn apply(&self, mut format: Format) -> Format {
        if let Some(v) = self.italic {
            format.italic = v;
        }
        if let Some(v) = self.bold {
            format.bold = v;
        }
        if let Some(v) = self.sup {
            format.sup = v;
        }
        format
    }

    /// Reads one child of a `w:rPr`; returns whether it was a property this type knows.
    pub fn read(&mut self, e: &BytesStart) -> bool {
        match e.local_name().as_ref() {
            // Word formats right-to-left and complex-script text with the *Cs twins.
            b"i" | b"iCs" => self.italic = Some(self.italic.unwrap_or(false) || on(e)),
            b"b" | b"bCs" => self.bold = Some(self.bold.unwrap_or(false) || on(e)),
            b"vertAlign" => self.sup = Some(attr(e, b"val").as_deref() == Some("superscript")),
            _ => return false,
        }
        true
    }
}

/// A toggle property is on unless its `w:val` says otherwise.
pub fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// The attribute with this local name (`w:val` is asked for as `val`).
pub fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    format: FormatChange,
    numbering: Option<(String, usize)>,
}

/// The styles of a document.
#[derive(Debug, Default)]
pub struct Styles(HashMap<String, Style>);

impl Styles {
    pub fn parse(xml: &str) -> Styles {
        let mut styles = HashMap::new();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut in_rpr = false;
        let mut num_id: Option<String> = None;
        let mut ilvl = 0usize;
        loop {
            let (event, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"style" => {
                            if let Some((id, style)) = current.take() {
                                styles.insert(id, style);
                            }
                        }
                        b"rPr" => in_rpr = false,
                        b"numPr" => {
                            if let (Some((_, style)), Some(id)) = (&mut current, num_id.take()) {
                                style.numbering = Some((id, ilvl));
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let name = event.local_name();
            match name.as_ref() {
                b"style" if !empty => {
                    current = attr(&event, b"styleId").map(|id| (id, Style::default()));
                    ilvl = 0;
                }
                b"rPr" if !empty => in_rpr = true,
                _ => {}
            }
            let Some((_, style)) = &mut current else {
                continue;
            };
            match name.as_ref() {
                b"name" => style.name = attr(&event, b"val").unwrap_or_default(),
                b"basedOn" => style.based_on = attr(&event, b"val"),
                b"outlineLvl" => {
                    style.outline_level = attr(&event, b"val").and_then(|v| v.parse().ok())
                }
                b"numId" => num_id = attr(&event, b"val"),
                b"ilvl" => {
                    ilvl = attr(&event, b"val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                }
                _ if in_rpr => {
                    style.format.read(&event);
                }
                _ => {}
            }
        }
        Styles(styles)
    }

    /// The chain of a style and those it is based on, nearest first (at most 10 deep, against
    /// cycles).
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            let Some(style) = self.0.get(id) else { break };
            out.push(style);
            if out.len() >= 10 {
                break;
            }
            next = style.based_on.as_deref();
        }
        out
    }

    /// The heading level (1 to 6) of a paragraph style, from its name (`heading 2`) or its
    /// outline level.
    pub fn heading_level(&self, id: &str) -> Option<u8> {
        let from_name = |name: &str| {
            let lower = name.to_ascii_lowercase();
            let digits = lower
                .strip_prefix("heading")
                .map(|rest| rest.trim())
                .filter(|rest| !rest.is_empty())?;
            digits.parse::<u8>().ok().filter(|n| (1..=6).contains(n))
        };
        for style in self.chain(id) {
            if let Some(level) = from_name(&style.name) {
                return Some(level);
            }
            if let Some(level) = style.outline_level.filter(|l| *l < 6) {
                return Some(level + 1);
            }
        }
        if self.0.is_empty() || !self.0.contains_key(id) {
            return from_name(id);
        }
        None
    }

    /// What a character style adds to a run.
    pub fn run_format(&self, id: &str, format: Format) -> Format {
        self.chain(id)
            .iter()
            .rev()
            .fold(format, |format, style| style.format.apply(format))
    }

    /// The automatic numbering a paragraph style carries (`List Number`).
    pub fn numbering(&self, id: &str) -> Option<(String, usize)> {
        self.chain(id).iter().find_map(|s| s.numbering.clone())
    }
}

#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    start_overrides: HashMap<usize, u32>,
}

/// `numbering.xml`, and the counters of a walk through the document.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<u32>; 9]>,
    /// The lists and levels used so far.
    seen: std::collections::HashSet<(String, usize)>,
}

impl Numbering {
    pub fn parse(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => e,
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        b"lvl" => {
                            if let (Some(id), Some((ilvl, lvl))) = (&abstract_id, level.take()) {
                                let levels = numbering.abstracts.entry(id.clone()).or_default();
                                if levels.len() <= ilvl {
                                    levels.resize(ilvl + 1, Level::default());
                                }
                                levels[ilvl] = lvl;
                            }
                        }
                        b"abstractNum" => abstract_id = None,
                        b"num" => num_id = None,
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            match event.local_name().as_ref() {
                b"abstractNum" => abstract_id = attr(&event, b"abstractNumId"),
                b"num" => {
                    num_id = attr(&event, b"numId");
                    if let Some(id) = &num_id {
                        numbering.nums.insert(id.clone(), Num::default());
                    }
                }
                b"abstractNumId" => {
                    if let (Some(id), Some(value)) = (&num_id, attr(&event, b"val")) {
                        if let Some(num) = numbering.nums.get_mut(id) {
                            num.abstract_id = value;
                        }
                    }
                }
                b"lvlOverride" => {
                    override_level = attr(&event, b"ilvl").and_then(|v| v.parse().ok())
                }
                b"startOverride" => {
                    if let (Some(id), Some(ilvl), Some(start)) = (
                        &num_id,
                        override_level,
                        attr(&event, b"val").and_then(|v| v.parse().ok()),
                    ) {
                        if let Some(num) = numbering.nums.get_mut(id) {
                            num.start_overrides.insert(ilvl, start);
                        }
                    }
                }
                b"lvl" if abstract_id.is_some() => {
                    let ilvl = attr(&event, b"ilvl")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0usize)
                        .min(8);
                    level = Some((
                        ilvl,
                        Level {
                            start: 1,
                            format: "decimal".to_owned(),
                            text: format!("%{}.", ilvl + 1),
                        },
                    ));
                }
                b"start" => {
                    if let Some((_, lvl)) = &mut level {
                        lvl.start = attr(&event, b"val")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(1);
                    }
                }
                b"numFmt" => {
                    if let Some((_, lvl)) = &mut level {
                        lvl.format = attr(&event, b"val").unwrap_or_default();
                    }
                }
                b"lvlText" => {
                    if let Some((_, lvl)) = &mut level {
                        lvl.text = attr(&event, b"val").unwrap_or_default();
                    }
                }
                _ => {}
            }
        }
        numbering
    }

    /// The label a reader sees on the next paragraph numbered with `num_id` at `ilvl` (`4.`,
    /// `(b)`), counting it; `None` for a list without a visible number (numbering removed, a
    /// bullet).
    pub fn next_label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(8);
        let num = self.nums.get(num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        // Lists that share an abstract definition share their counters, as in Word; a list
        // with a start override restarts the count where it is first used.
        let first_use = self.seen.insert((num_id.to_owned(), ilvl));
        let start_of = |level: usize| {
            num.start_overrides
                .get(&level)
                .copied()
                .or_else(|| levels.get(level).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self
            .counters
            .entry(num.abstract_id.clone())
            .or_insert([None; 9]);
        counters[ilvl] = Some(
            match (first_use, num.start_overrides.get(&ilvl), counters[ilvl]) {
                (true, Some(start), _) => *start,
                (_, _, Some(n)) => n.saturating_add(1),
                (_, _, None) => start_of(ilvl),
            },
        );
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let level = levels.get(ilvl)?;
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let at = d as usize - 1;
                    let value = counters[at].unwrap_or_else(|| start_of(at));
                    let format = levels.get(at).map_or("decimal", |l| l.format.as_str());
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_owned();
        (!label.is_empty()).then_some(label)
    }
}

/// A list number as Word writes it in the formats drafts use; others fall back to digits, and so
/// do numbers too large for letters or Roman numerals (a document may set any start).
fn format_number(n: u32, format: &str) -> String {
    let format = match format {
        "lowerLetter" | "upperLetter" if n > 26 * 4 => "decimal",
        "lowerRoman" | "upperRoman" if n >= 4000 => "decimal",
        format => format,
    };
    match format {
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "arabicAlpha" => ARABIC_LETTERS
            .get((n as usize).saturating_sub(1) % ARABIC_LETTERS.len())
            .map_or_else(|| n.to_string(), |c| c.to_string()),
        "hindiNumbers" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(0x0660 + d.to_digit(10).unwrap_or(0)).unwrap_or(d))
            .collect(),
        _ => n.to_string(),
    }
}

const ARABIC_LETTERS: [char; 28] = [
    'أ', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ',
    'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
];

/// `a`, …, `z`, `aa`, `bb`, … as Word counts letters.
fn letters(n: u32, base: u8) -> String {
    let n = n.max(1) - 1;
    let letter = (base + (n % 26) as u8) as char;
    std::iter::repeat_n(letter, (n / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_numbers_in_the_formats_drafts_use() {
        assert_eq!(format_number(4, "decimal"), "4");
        assert_eq!(format_number(2, "lowerLetter"), "b");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(12, "hindiNumbers"), "١٢");
    }
}
