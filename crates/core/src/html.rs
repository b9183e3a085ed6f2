//! Escaping for the few places where text is written into markup by hand rather than
//! through Leptos' views (which escape by themselves).

/// `text` made safe as HTML/XML text or as a quoted attribute value: the five characters
/// that can end a text run, an attribute or an element become character references.
/// The parser turns them back, so the reader sees exactly `text`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape(r#"</title><a href="x">&'</a>"#),
            "&lt;/title&gt;&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("كنبة «زرقاء»"), "كنبة «زرقاء»");
    }
}
