//! Cutting a long reply into messages a channel accepts.

/// A text's length as the channels' limits count it: UTF-16 code units. Telegram counts
/// "characters after entities parsing" in UTF-16 (its entity offsets are UTF-16), and
/// Meta's limits are JavaScript string lengths. It is never less than the number of
/// `char`s: Arabic and Latin letters are one unit each, an emoji outside the BMP two — so a
/// part that fits by this count fits by any count, and bytes (two per Arabic letter in
/// UTF-8) are never what is counted.
pub fn text_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Splits `text` into parts of at most `max` [`text_len`] units each, in order, cutting
/// at the last paragraph break, else line break, else whitespace in the second half of
/// each window, and in the middle of a word only when the window's second half has no
/// space at all. Parts are trimmed; an empty or blank text gives no parts.
///
/// The result depends only on `text` and `max`, so a delivery that stopped after some
/// parts can resume by index (the outbox stores how many went out).
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    // One character can take two units; a smaller limit could never make progress.
    let max = max.max(2);
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if text_len(rest) <= max {
            parts.push(rest.to_owned());
            break;
        }
        let (end, half) = window(rest, max);
        let window = &rest[..end];
        let cut = window
            .rfind("\n\n")
            .filter(|&i| i >= half)
            .or_else(|| window.rfind('\n').filter(|&i| i >= half))
            .or_else(|| {
                window
                    .char_indices()
                    .rev()
                    .find(|&(i, c)| c.is_whitespace() && i >= half)
                    .map(|(i, _)| i)
            })
            .unwrap_or(end);
        let (head, tail) = rest.split_at(cut);
        parts.push(head.trim_end().to_owned());
        rest = tail.trim_start();
    }
    parts
}

/// Byte offsets in `text` of the end of the longest prefix within `max` units, and of
/// the point where that prefix reaches half of `max` (cuts before it waste too much).
fn window(text: &str, max: usize) -> (usize, usize) {
    let mut units = 0;
    let mut end = 0;
    let mut half = None;
    for (i, c) in text.char_indices() {
        if units + c.len_utf16() > max {
            break;
        }
        units += c.len_utf16();
        end = i + c.len_utf8();
        if half.is_none() && units >= max / 2 {
            half = Some(end);
        }
    }
    (end, half.unwrap_or(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn short_texts_are_one_part_and_blank_texts_none() {
        assert_eq!(split_text("  hello  ", 10), ["hello"]);
        assert_eq!(split_text(&"a".repeat(10), 10), ["a".repeat(10)]);
        assert!(split_text("", 10).is_empty());
        assert!(split_text(" \n\t ", 10).is_empty());
    }

    #[test]
    fn arabic_is_counted_in_characters_and_cut_between_words() {
        let sentence = "مرحبا بك في متجرنا، هل تبحث عن فستان سهرة أم حذاء رياضي؟ ";
        let text = sentence.repeat(40);
        // Two bytes per letter in UTF-8: counting bytes would cut twice as often.
        assert!(text.len() > text_len(&text) * 3 / 2);
        let parts = split_text(&text, 200);
        assert!(parts.len() >= text_len(&text) / 200);
        assert!(parts.len() <= 2 * text_len(&text) / 200 + 1);
        for (i, part) in parts.iter().enumerate() {
            assert!(text_len(part) <= 200, "{}", text_len(part));
            if i + 1 < parts.len() {
                assert!(text_len(part) >= 100, "a part wastes its window");
            }
            assert_eq!(part.trim(), part);
        }
        // Every word is kept whole and in order.
        let rejoined = parts.join(" ");
        assert_eq!(words(&rejoined), words(&text));
    }

    #[test]
    fn paragraphs_then_lines_are_preferred() {
        let text = format!(
            "{}\n\n{} {}",
            "a ".repeat(30).trim(),
            "b".repeat(20),
            "c".repeat(20)
        );
        let parts = split_text(&text, 80);
        assert_eq!(parts[0], "a ".repeat(30).trim());
        let text = format!(
            "{}\n{} {}",
            "x ".repeat(30).trim(),
            "y".repeat(5),
            "z".repeat(40)
        );
        assert_eq!(split_text(&text, 70)[0], "x ".repeat(30).trim());
    }

    #[test]
    fn a_break_too_early_is_not_taken() {
        // The only newline is in the first tenth: cutting there would leave a tiny part.
        let text = format!("ab\n{}", "word ".repeat(40));
        let parts = split_text(&text, 100);
        assert!(text_len(&parts[0]) > 50, "{:?}", parts[0]);
    }

    #[test]
    fn a_word_longer_than_the_limit_is_cut_hard() {
        let text = "ح".repeat(25);
        let parts = split_text(&text, 10);
        assert_eq!(parts, ["ح".repeat(10), "ح".repeat(10), "ح".repeat(5)]);
    }

    #[test]
    fn emoji_outside_the_bmp_count_two_and_are_never_split() {
        let text = "😀".repeat(7);
        assert_eq!(text_len(&text), 14);
        let parts = split_text(&text, 5);
        assert_eq!(parts, ["😀😀", "😀😀", "😀😀", "😀"]);
        // A limit below one character still makes progress.
        assert_eq!(split_text("😀😀", 1), ["😀", "😀"]);
    }

    #[test]
    fn the_split_is_deterministic() {
        let text = "كلمة ".repeat(1000);
        assert_eq!(split_text(&text, 2000), split_text(&text, 2000));
    }
}
