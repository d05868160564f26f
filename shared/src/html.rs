//! Text made safe inside HTML and its attribute values: the app's markup-text screens and the
//! Worker's link previews both put players' names there.

/// `text` with `&`, `<`, `>`, `"` and `'` written as entities; everything else as it is.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_stays_text_and_other_characters_stay_as_they_are() {
        assert_eq!(super::escape(r#"<b a="1">&'"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
        assert_eq!(super::escape("שלום \u{202E}x"), "שלום \u{202E}x");
    }
}
