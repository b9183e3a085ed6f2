//! Words one edit away from a word, for correcting short misspellings: trigram overlap
//! says little about a word of three or four letters (كاب and كوب share one trigram of
//! seven), an edit distance of one says what a slip of the finger does.

/// Every word one substitution, insertion, deletion or swap of neighbours away from
/// `word`, over the letters of its own script (Arabic or Latin and digits).
pub fn one_edit(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    let alphabet: Vec<char> = if chars.iter().any(|c| ('\u{0600}'..='\u{06FF}').contains(c)) {
        // The letters normalized Arabic text can hold.
        "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect()
    } else {
        ('a'..='z').chain('0'..='9').collect()
    };
    let mut out = Vec::with_capacity(chars.len() * alphabet.len() * 2 + chars.len() * 2);
    let collect = |v: Vec<char>, out: &mut Vec<String>| {
        let s: String = v.into_iter().collect();
        if s != word {
            out.push(s);
        }
    };
    for i in 0..chars.len() {
        let mut deleted = chars.clone();
        deleted.remove(i);
        if !deleted.is_empty() {
            collect(deleted, &mut out);
        }
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            collect(swapped, &mut out);
        }
        for &c in &alphabet {
            if c != chars[i] {
                let mut changed = chars.clone();
                changed[i] = c;
                collect(changed, &mut out);
            }
        }
    }
    for i in 0..=chars.len() {
        for &c in &alphabet {
            let mut inserted = chars.clone();
            inserted.insert(i, c);
            collect(inserted, &mut out);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::one_edit;

    #[test]
    fn one_slip_of_the_finger() {
        let near = one_edit("كاب");
        for word in ["كوب", "كتاب", "اب", "اكب"] {
            assert!(near.contains(&word.to_string()), "{word}");
        }
        assert!(!near.contains(&"كاب".to_string()));
        assert!(!near.contains(&"كتيب".to_string()));
        let latin = one_edit("sneeker");
        assert!(latin.contains(&"sneaker".to_string()));
        assert!(latin.contains(&"sneekers".to_string()));
        assert!(!latin.contains(&"speaker".to_string()));
        assert!(one_edit("").is_empty());
    }
}
