//! Factuality: is an event asserted, possible, planned or negated?
//!
//! This is where "may meet" becomes `possible`, "will meet" and "plans to
//! visit" `planned`, and "will not be meeting", "did not meet" or "refused to
//! meet" `negated`. Cues come from `data/lexicon/cues.tsv`; their reach:
//! - verb cues: in the verb group before the trigger (up to its subject), or
//!   modifying a noun trigger ("planned talks"), or after a noun trigger
//!   ("the meeting will take place", "talks were cancelled");
//! - clause cues ("if", "whether"): from the cue to the end of its clause;
//! - sentence cues ("speculation that"): the whole sentence after them.
//!
//! Relative clauses set off by commas ("Lavrov, who met Tillerson on
//! Wednesday, ...") are clauses of their own, so a conditional around them
//! does not reach them.

use super::mentions::{Item, ItemKind};
use crate::lexicon::{CueEffect, CueScope, Entry, Lexicon, TokenMatches};
use crate::model::Factuality;
use crate::text::Analysis;
use crate::text::WordList;

/// Words that open a clause: a conditional or complement before them does
/// not reach past them.
const CLAUSE_OPENERS: WordList = WordList::new(&[
    "who", "which", "whose", "whom", "that", "if", "unless", "whether", "because", "while",
    "whereas", "although", "though", "but", "when", "after", "before", "as", "since", "where",
]);

/// The factuality of a trigger at tokens `[t0, t1)`, or `None` when the
/// trigger names something prevented or avoided ("to avoid more airstrikes"),
/// which is no event at all.
pub fn factuality(
    a: &Analysis,
    lex: &Lexicon,
    tm: &TokenMatches,
    items: &[Item],
    sentence: (usize, usize),
    (t0, t1): (usize, usize),
    noun: bool,
) -> Option<Factuality> {
    let clause = clause_start(a, sentence.0, t0);
    let mut effects: Vec<CueEffect> = Vec::new();
    // sentence-wide speculation before the trigger
    for i in sentence.0..t0 {
        if let Some((_, c)) = cue_at(tm, lex, i) {
            if c.scope == CueScope::Sentence && c.effect == CueEffect::Speculation {
                return Some(Factuality::Possible);
            }
        }
    }
    // a conditional opening the trigger's clause
    if let Some((_, c)) = cue_at(tm, lex, clause) {
        if c.scope == CueScope::Clause && c.effect == CueEffect::Condition {
            effects.push(CueEffect::Possible);
        }
    }
    // the verb group (or noun modifiers) before the trigger, up to its subject
    let mut i = t0;
    let mut steps = 0;
    while i > clause && steps < 8 {
        i -= 1;
        steps += 1;
        if is_actor_token(items, i) {
            // the noun's own modifier is no subject: "rejected a U.S. request"
            let mut j = i;
            while j > sentence.0 && is_actor_token(items, j - 1) {
                j -= 1;
            }
            if noun && j > sentence.0 && matches!(a.norm(j - 1), "a" | "an" | "the") {
                i = j;
                continue;
            }
            break;
        }
        if let Some((len, c)) = cue_at(tm, lex, i) {
            if c.scope == CueScope::Verb && i + len <= t0 {
                effects.push(c.effect);
            }
        }
    }
    let realized = effects.contains(&CueEffect::Realized);
    effects.retain(|e| *e != CueEffect::Realized);
    if !noun && !realized && i < t0 && t0 > 0 && a.is(t0 - 1, "to") && effects.is_empty() {
        // an infinitive of purpose: "flew to Moscow to meet Putin"
        effects.push(CueEffect::Planned);
    }
    // after a noun trigger: "the meeting will take place", "talks were cancelled"
    if noun {
        let mut j = t1;
        let end = sentence.1.min(t1 + 6);
        while j < end {
            if matches!(a.norm(j), "," | ";" | "." | "that" | "and" | "but")
                || is_actor_token(items, j)
            {
                break;
            }
            if let Some((len, c)) = cue_at(tm, lex, j) {
                if c.scope == CueScope::Verb && c.effect != CueEffect::Prevent {
                    effects.push(c.effect);
                }
                j += len;
            } else {
                j += 1;
            }
        }
    }
    if effects.contains(&CueEffect::Prevent) {
        return if noun {
            None
        } else {
            Some(Factuality::Negated)
        };
    }
    if effects.contains(&CueEffect::Negated) {
        return Some(Factuality::Negated);
    }
    if effects.contains(&CueEffect::Possible) {
        return Some(Factuality::Possible);
    }
    if effects.contains(&CueEffect::Planned) {
        return Some(Factuality::Planned);
    }
    Some(Factuality::Asserted)
}

/// First token of the clause holding token `t`: after the nearest clause
/// punctuation or at the nearest clause-opening word.
pub fn clause_start(a: &Analysis, sentence_start: usize, t: usize) -> usize {
    let mut i = t;
    while i > sentence_start {
        let n = a.norm(i - 1);
        if matches!(n, ";" | ":" | "," | "(" | ")" | "\"" | "\u{2014}") {
            return i;
        }
        if CLAUSE_OPENERS.contains(n) {
            return i - 1;
        }
        i -= 1;
    }
    sentence_start
}

fn cue_at<'l>(
    tm: &TokenMatches,
    lex: &'l Lexicon,
    i: usize,
) -> Option<(usize, &'l crate::lexicon::Cue)> {
    tm.at(i)
        .iter()
        .filter_map(|m| match m.entry {
            Entry::Cue(c) => Some((m.len, &lex.cues[c as usize])),
            _ => None,
        })
        .max_by_key(|(len, _)| *len)
}

fn is_actor_token(items: &[Item], tok: usize) -> bool {
    items.iter().any(|it| {
        it.start <= tok && tok < it.end && matches!(it.kind, ItemKind::Actor(_)) && !it.possessive
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mentions::Recognizer;
    use crate::text::analyze;

    fn lex() -> &'static Lexicon {
        use std::sync::OnceLock;
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::embedded().expect("lexicon"))
    }

    /// Factuality of the first token equal to `word`.
    fn fact(text: &str, word: &str, noun: bool) -> Option<Factuality> {
        let a = analyze(text);
        let s = a.sentences[0];
        let tm = lex().token_matches(&a);
        let mut r = Recognizer::new(lex(), &a, &tm, None);
        let items = r.sentence(&s);
        let t = (0..a.tokens.len())
            .find(|&i| a.surface(i) == word)
            .expect("word");
        factuality(
            &a,
            lex(),
            &tm,
            &items,
            (s.tok_start, s.tok_end),
            (t, t + 1),
            noun,
        )
    }

    #[test]
    fn modals_plans_and_negations() {
        assert_eq!(
            fact("Putin may meet Tillerson later.", "meet", false),
            Some(Factuality::Possible)
        );
        assert_eq!(
            fact("Putin will meet Tillerson.", "meet", false),
            Some(Factuality::Planned)
        );
        assert_eq!(
            fact("Putin plans to visit Paris.", "visit", false),
            Some(Factuality::Planned)
        );
        assert_eq!(
            fact(
                "Tillerson will not be meeting with Putin.",
                "meeting",
                false
            ),
            Some(Factuality::Negated)
        );
        assert_eq!(
            fact("Lavrov did not meet Kerry.", "meet", false),
            Some(Factuality::Negated)
        );
        assert_eq!(
            fact("Lavrov refused to meet Kerry.", "meet", false),
            Some(Factuality::Negated)
        );
        assert_eq!(
            fact("Lavrov met Kerry.", "met", false),
            Some(Factuality::Asserted)
        );
    }

    #[test]
    fn speculation_conditionals_and_relative_clauses() {
        assert_eq!(
            fact(
                "Speculation was rife that Blinken will not be meeting with Wang Yi.",
                "meeting",
                false
            ),
            Some(Factuality::Possible)
        );
        let s = "It may happen, Kirby said, if Blinken and Wang Yi, who met Monday morning, agree.";
        assert_eq!(fact(s, "met", false), Some(Factuality::Asserted));
        assert_eq!(
            fact("If Russia attacks Kyiv, we respond.", "attacks", false),
            Some(Factuality::Possible)
        );
    }

    #[test]
    fn nouns_take_modifiers_and_what_follows() {
        assert_eq!(
            fact("A scheduled visit to Moscow.", "visit", true),
            Some(Factuality::Planned)
        );
        assert_eq!(
            fact("The meeting will take place.", "meeting", true),
            Some(Factuality::Planned)
        );
        assert_eq!(
            fact(
                "It is important to avoid more airstrikes on Syria.",
                "airstrikes",
                true
            ),
            None
        );
    }
}
