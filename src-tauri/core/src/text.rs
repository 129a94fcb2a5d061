//! Checks for free text a user types (or a file brings): invisible and bidi-control
//! characters removed, line breaks handled, trimmed, bounded. The one free-text checker for
//! lines, events, carriers and imported files.
//!
//! What is removed, everywhere (see [`is_invisible`]): control characters (Unicode `Cc`) other
//! than the line breaks and tabs a multi-line text keeps, format characters (`Cf`: zero-width
//! space, joiners, left-to-right and right-to-left marks, the bidi embeddings, overrides and
//! isolates U+202A–202E and U+2066–2069, the byte order mark, …), the Hangul filler letters
//! that render as nothing, and Unicode noncharacters. A zero-width joiner and the tag
//! characters survive only inside an emoji sequence (👨‍👩‍👧, 🏴󠁧󠁢󠁳󠁣󠁴󠁿), where they are what makes the
//! emoji. Line and paragraph separators (U+2028, U+2029, U+0085) and every line break become a
//! space in single-line text and `\n` in multi-line text.
//!
//! Emoji, RTL text and SQL-looking text are fine: they are stored as they are, through bound
//! parameters.

use crate::error::{CoreError, Field, Result};

/// Whether `c` is a character no stored text keeps (outside an emoji sequence): `Cc` control
/// characters, `Cf` format characters, Hangul fillers and noncharacters.
pub fn is_invisible(c: char) -> bool {
    let u = u32::from(c);
    c.is_control()
        || matches!(
            u,
            0x00AD
                | 0x0600..=0x0605
                | 0x061C
                | 0x06DD
                | 0x070F
                | 0x0890..=0x0891
                | 0x08E2
                | 0x115F..=0x1160
                | 0x180E
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0x3164
                | 0xFDD0..=0xFDEF
                | 0xFEFF
                | 0xFFA0
                | 0xFFF9..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0001
                | 0xE0020..=0xE007F
        )
        || (u & 0xFFFE) == 0xFFFE
}

/// A character that starts or continues an emoji, for the zero-width joiner rule: the
/// pictographic blocks, variation selector 16 and the skin-tone modifiers.
fn is_emoji_part(c: char) -> bool {
    matches!(
        u32::from(c),
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139
            | 0x2194..=0x21AA
            | 0x2300..=0x23FF
            | 0x25A0..=0x27BF
            | 0x2900..=0x297F
            | 0x2B00..=0x2BFF
            | 0x3030 | 0x303D | 0x3297 | 0x3299
            | 0xFE0F
            | 0x1F000..=0x1FAFF
    )
}

fn is_tag(c: char) -> bool {
    matches!(u32::from(c), 0xE0020..=0xE007F)
}

/// A line break of any kind (including U+2028/2029 and NEL).
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Removes invisible characters from `value` and turns line breaks into a space (single-line)
/// or `\n` (`multiline`, where tabs stay too; `\r\n` is one break). Not trimmed.
pub fn clean(value: &str, multiline: bool) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        i += 1;
        if is_break(c) {
            if c == '\r' && next == Some('\n') {
                continue; // the '\n' that follows stands for both
            }
            out.push(if multiline { '\n' } else { ' ' });
            continue;
        }
        if c == '\t' {
            out.push(if multiline { '\t' } else { ' ' });
            continue;
        }
        if !is_invisible(c) {
            out.push(c);
            continue;
        }
        let prev = out.chars().next_back();
        let keep = match c {
            // A joiner between two parts of an emoji (👨‍👩‍👧, ❤️‍🔥).
            '\u{200D}' => prev.is_some_and(is_emoji_part) && next.is_some_and(is_emoji_part),
            // Tag characters after a flag or another tag (the flags of England, Scotland, …).
            _ if is_tag(c) => prev.is_some_and(|p| p == '\u{1F3F4}' || is_tag(p)),
            _ => false,
        };
        if keep {
            out.push(c);
        }
    }
    out
}

/// Cleans `value` (see [`clean`]), trims it and checks it is at most `max` characters.
/// Returns the text to store. Whether empty text is allowed is the caller's call, and an
/// empty result means the user typed nothing visible.
pub fn check_text(field: Field, value: &str, max: usize, multiline: bool) -> Result<String> {
    // Refuse absurd input before walking it (a pasted megabyte in a label).
    if value.len() > max.saturating_mul(16).max(1024) {
        return Err(CoreError::TooLong { field, max });
    }
    let cleaned = clean(value, multiline);
    let value = cleaned.trim();
    if value.chars().count() > max {
        return Err(CoreError::TooLong { field, max });
    }
    Ok(value.to_owned())
}

/// Maps the full-width forms of ASCII (U+FF01–FF5E: `０`–`９`, `＋`, `－`, `（`, `）`, `Ａ`–`Ｚ`, …)
/// and the ideographic space (U+3000) to ASCII, and the minus sign (U+2212) to `-`, so
/// numbers, amounts and codes typed on a Chinese or Japanese keyboard read as typed. Invisible
/// characters are dropped. Everything else is kept.
pub fn normalize_width(value: &str) -> String {
    value
        .chars()
        .filter(|c| !is_invisible(*c) || *c == '\t')
        .map(|c| match u32::from(c) {
            u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFF01 + 0x21).unwrap_or(c),
            0x3000 => ' ',
            0x2212 => '-',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn invisible_and_bidi_characters_are_removed() {
        for bad in [
            "\u{200B}",
            "\u{200C}",
            "\u{200D}",
            "\u{200E}",
            "\u{200F}",
            "\u{202A}",
            "\u{202B}",
            "\u{202C}",
            "\u{202D}",
            "\u{202E}",
            "\u{2066}",
            "\u{2067}",
            "\u{2068}",
            "\u{2069}",
            "\u{FEFF}",
            "\u{2028}",
            "\u{2029}",
            "\u{0}",
            "\u{7}",
            "\u{1B}",
            "\u{7F}",
            "\u{9F}",
            "\u{AD}",
            "\u{2060}",
            "\u{3164}",
            "\u{FFFF}",
            "\u{E0001}",
        ] {
            let t = check_text(Field::Label, &format!("{bad}{bad}"), 80, false).unwrap();
            assert_eq!(t, "", "{:?} kept", bad.escape_unicode().to_string());
            let t = check_text(Field::Label, &format!("a{bad}b"), 80, false).unwrap();
            assert!(
                t == "ab" || t == "a b",
                "{:?}: {t:?}",
                bad.escape_unicode().to_string()
            );
        }
        assert_eq!(
            check_text(Field::Label, "\u{202E}evil\u{202C}.exe", 80, false).unwrap(),
            "evil.exe"
        );
    }

    #[test]
    fn line_breaks_become_spaces_or_newlines() {
        assert_eq!(clean("a\r\nb\u{2028}c\td", false), "a b c d");
        assert_eq!(clean("a\r\nb\u{2028}c\td\re", true), "a\nb\nc\td\ne");
        assert_eq!(
            check_text(Field::Notes, " x\u{0}y\n\u{2029}z ", 100, true).unwrap(),
            "xy\n\nz"
        );
    }

    #[test]
    fn emoji_sequences_keep_their_joiners_and_tags() {
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(clean(family, false), family);
        let heart_on_fire = "❤\u{FE0F}\u{200D}🔥";
        assert_eq!(clean(heart_on_fire, false), heart_on_fire);
        let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        assert_eq!(clean(scotland, false), scotland);
        // A joiner between letters, or alone, is not part of an emoji.
        assert_eq!(clean("a\u{200D}b", false), "ab");
        assert_eq!(clean("\u{200D}", false), "");
        assert_eq!(clean("x\u{E0067}", false), "x");
        // RTL text, CJK and emoji are kept as they are.
        let mixed = "📱 שלום مرحبا 旅行";
        assert_eq!(clean(mixed, false), mixed);
    }

    #[test]
    fn length_counts_what_is_stored() {
        let s = format!("{}{}", "a".repeat(80), "\u{200B}".repeat(10));
        assert_eq!(check_text(Field::Label, &s, 80, false).unwrap().len(), 80);
        let e = check_text(Field::Label, &"a".repeat(81), 80, false).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::TooLong, Some(Field::Label))
        );
        let e = check_text(Field::Label, &"\u{200B}".repeat(100_000), 80, false).unwrap_err();
        assert_eq!(e.code(), ErrorCode::TooLong);
    }

    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(
            normalize_width("＋６３\u{3000}（０９１２）３４５－６７８９"),
            "+63 (0912)345-6789"
        );
        assert_eq!(normalize_width("１０．５０"), "10.50");
        assert_eq!(normalize_width("ｇｂｐ\u{200B}"), "gbp");
        assert_eq!(normalize_width("\u{2212}5"), "-5");
        assert_eq!(normalize_width("旅行"), "旅行");
    }
}
