//! Player names: cleaned once on the way in, unique within a game.

/// Longest name, in characters, after trimming.
pub const MAX_NAME_CHARS: usize = 24;

/// Trims, drops control characters and checks the length (1 – 24 characters).
/// Escaping is the renderer's job: the name is kept as text, never as markup.
pub fn clean_name(raw: &str) -> Option<String> {
    let cleaned: String = raw.chars().filter(|c| !c.is_control()).collect();
    let trimmed = cleaned.trim();
    let len = trimmed.chars().count();
    (1..=MAX_NAME_CHARS).contains(&len).then(|| trimmed.to_string())
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
