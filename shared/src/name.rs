//! Player names: cleaned once on the way in, unique within a game.

/// Longest name, in characters, after trimming.
pub const MAX_NAME_CHARS: usize = 24;

/// Trims, drops control and invisible format characters and checks the length (1 – 24
/// characters). Escaping is the renderer's job: the name is kept as text, never as markup.
///
/// A name is shown beside other text (standings, results), so nothing in it may reorder what
/// stands around it (bidirectional overrides and isolates) or hide in it (zero-width spaces,
/// blank fillers). The zero-width joiners stay: emoji sequences and several scripts need them,
/// and they reorder nothing; a name must still have something visible besides them.
pub fn clean_name(raw: &str) -> Option<String> {
    let cleaned: String = raw.chars().filter(|&c| !c.is_control() && !is_invisible_format(c)).collect();
    let trimmed = cleaned.trim();
    let len = trimmed.chars().count();
    let visible = trimmed.chars().any(|c| !c.is_whitespace() && !is_joiner(c));
    (visible && (1..=MAX_NAME_CHARS).contains(&len)).then(|| trimmed.to_string())
}

/// Zero-width non-joiner and joiner: kept, but not enough to make a name.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Characters of Unicode's format category (Cf) and the blank fillers that render as nothing,
/// the joiners excepted.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                    // soft hyphen
        | '\u{034F}'                  // combining grapheme joiner
        | '\u{061C}'                  // Arabic letter mark (bidirectional)
        | '\u{115F}' | '\u{1160}'     // Hangul choseong and jungseong fillers
        | '\u{17B4}' | '\u{17B5}'     // Khmer inherent vowels, invisible
        | '\u{180B}'..='\u{180F}'     // Mongolian variation selectors and vowel separator
        | '\u{200B}'                  // zero-width space
        | '\u{200E}' | '\u{200F}'     // left-to-right and right-to-left marks
        | '\u{2028}'..='\u{202E}'     // line and paragraph separators, embeddings and overrides
        | '\u{2060}'..='\u{206F}'     // word joiner, invisible operators, isolates, deprecated format
        | '\u{3164}'                  // Hangul filler
        | '\u{FE00}'..='\u{FE0E}'     // variation selectors, the emoji one (FE0F) kept
        | '\u{FEFF}'                  // zero-width no-break space, byte order mark
        | '\u{FFA0}'                  // half-width Hangul filler
        | '\u{FFF9}'..='\u{FFFB}'     // interlinear annotation
        | '\u{110BD}' | '\u{110CD}'   // Kaithi number signs
        | '\u{1BCA0}'..='\u{1BCA3}'   // shorthand format controls
        | '\u{1D173}'..='\u{1D17A}'   // musical format controls
        | '\u{E0000}'..='\u{E0FFF}'   // tags and supplementary variation selectors
    )
}

/// Makes `name` unique among `taken` by suffixing " 2", " 3", … and shortening it to keep the limit.
pub fn unique_name<'a>(name: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let clash = |candidate: &str| taken.clone().any(|t| t.eq_ignore_ascii_case(candidate));
    if !clash(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| {
            let suffix = format!(" {n}");
            let room = MAX_NAME_CHARS - suffix.chars().count();
            let base: String = name.chars().take(room).collect();
            format!("{}{suffix}", base.trim_end())
        })
        .find(|candidate| !clash(candidate))
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidirectional_controls_are_removed() {
        assert_eq!(clean_name("\u{202E}evil").as_deref(), Some("evil"));
        assert_eq!(clean_name("a\u{2066}b\u{2069}c").as_deref(), Some("abc"));
        assert_eq!(clean_name("\u{200F}Dana\u{200E}\u{061C}").as_deref(), Some("Dana"));
        assert_eq!(clean_name("x\u{202A}y\u{202B}z\u{202C}\u{202D}").as_deref(), Some("xyz"));
    }

    #[test]
    fn invisible_characters_are_removed_and_cannot_make_a_name() {
        assert_eq!(clean_name("zero\u{200B}width\u{FEFF}\u{2060}").as_deref(), Some("zerowidth"));
        assert_eq!(clean_name("\u{3164}\u{115F}\u{FFA0}"), None);
        assert_eq!(clean_name("\u{200D}\u{200C} "), None);
        assert_eq!(clean_name("tag\u{E0041}\u{E007F}").as_deref(), Some("tag"));
        assert_eq!(clean_name("\u{2028}line\u{2029}").as_deref(), Some("line"));
    }

    #[test]
    fn emoji_sequences_and_scripts_keep_their_joiners() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(clean_name(family).as_deref(), Some(family));
        assert_eq!(clean_name("\u{2764}\u{FE0F}").as_deref(), Some("\u{2764}\u{FE0F}"));
        assert_eq!(clean_name("می\u{200C}خواهم").as_deref(), Some("می\u{200C}خواهم"));
        assert_eq!(clean_name("שלום").as_deref(), Some("שלום"));
    }

    #[test]
    fn length_counts_what_is_left() {
        assert_eq!(clean_name(&format!("{}\u{202E}", "a".repeat(24))).map(|n| n.len()), Some(24));
        assert_eq!(clean_name(&"a".repeat(25)), None);
        assert_eq!(clean_name("  \t "), None);
    }
}
