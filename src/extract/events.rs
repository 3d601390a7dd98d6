//! Events of one sentence: each trigger with its arguments (source, target,
//! participants), found by shallow patterns over the sentence's items:
//! subjects to the left (over lists, appositions and relative clauses),
//! objects and prepositional phrases to the right, "between X and Y",
//! possessors and country adjectives of noun triggers ("Israeli
//! airstrikes"), passives ("was struck by X") and reported speech in both
//! orders ("X said" / "said X").

use super::mentions::{Item, ItemKind, Recognizer};
use crate::lexicon::{Lexicon, Requires, Trigger, VerbForm};
use crate::model::{ActorType, EventKind, Place};
use crate::text::Analysis;
use crate::text::WordList;

/// An argument: an actor of the document or a place (a strike's target).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Actor(usize),
    Place(Place),
}

/// An event before dates, factuality and ids are settled.
#[derive(Debug, Clone)]
pub struct Found {
    pub kind: EventKind,
    pub cameo: String,
    /// Item index of the trigger.
    pub item: usize,
    /// Token range of the trigger words.
    pub trigger: (usize, usize),
    pub noun: bool,
    pub source: Option<Arg>,
    pub target: Option<Arg>,
    pub participants: Vec<usize>,
    pub place: Option<Place>,
    /// An expressed intent ("will support"): the proposal itself is made,
    /// so it is asserted though its content lies ahead.
    pub intent: bool,
    /// A noun trigger governed by a light or travel verb ("held talks"):
    /// as much an act of the sentence as a verb.
    pub governed: bool,
    /// Further speakers of a statement by a compound subject ("X and Y
    /// said"): each made it, so each gets the statement.
    pub co_sources: Vec<usize>,
}

/// Roles whose holder's military orders are the state's acts.
const COMMANDERS: WordList = WordList::new(&[
    "president",
    "prime_minister",
    "defense_minister",
    "monarch",
    "supreme_leader",
    "military",
]);

/// Verbs that make a noun trigger their subject's act ("held talks",
/// "launched an offensive", "issued a statement").
const LIGHT_VERBS: WordList = WordList::new(&[
    "hold",
    "holds",
    "held",
    "holding",
    "attend",
    "attends",
    "attended",
    "attending",
    "have",
    "has",
    "had",
    "having",
    "begin",
    "began",
    "begun",
    "begins",
    "start",
    "started",
    "starts",
    "conduct",
    "conducted",
    "conducts",
    "join",
    "joined",
    "joins",
    "open",
    "opened",
    "resume",
    "resumed",
    "host",
    "hosted",
    "hosts",
    "launch",
    "launched",
    "launches",
    "carry",
    "carried",
    "carries",
    "out",
    "mount",
    "mounted",
    "stage",
    "staged",
    "issue",
    "issued",
    "issues",
    "make",
    "made",
    "makes",
    "give",
    "gave",
    "gives",
    "put",
    "puts",
    "forward",
    "present",
    "presented",
    "presents",
    "submit",
    "submitted",
    "unveil",
    "unveiled",
    "announce",
    "announced",
    "table",
    "tabled",
    "accept",
    "accepted",
    "backed",
    "back",
    "reject",
    "rejected",
    "welcomed",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "its",
    "their",
    "his",
    "her",
    "a",
    "an",
    "the",
    "new",
    "fresh",
    "first",
    "two-day",
    "three-day",
    "roundtable",
    "face-to-face",
]);

/// Verbs of travel: "flew to Moscow for talks with Lavrov" makes the
/// traveller a participant.
const MOVEMENT_VERBS: WordList = WordList::new(&[
    "fly",
    "flies",
    "flew",
    "flown",
    "travel",
    "travels",
    "travelled",
    "traveled",
    "arrive",
    "arrives",
    "arrived",
    "head",
    "heads",
    "headed",
    "go",
    "goes",
    "went",
    "come",
    "comes",
    "came",
    "return",
    "returns",
    "returned",
    "set",
    "due",
]);

/// Words between a light verb and its noun ("held a first round of talks",
/// "arrived in Amman on a visit").
const NOUN_PHRASE_WORDS: WordList = WordList::new(&[
    "in",
    "a",
    "an",
    "the",
    "its",
    "their",
    "his",
    "her",
    "new",
    "fresh",
    "first",
    "second",
    "roundtable",
    "face-to-face",
    "two-day",
    "three-day",
    "round",
    "of",
    "for",
    "to",
    "on",
    "later",
    "earlier",
    "expanded",
    "direct",
    "lengthy",
    "several",
    "hours",
    "more",
    "further",
    "formal",
    "high-level",
    "closed-door",
    "bilateral",
    "private",
    "about",
    "three",
    "two",
]);

/// Words that are prepositions or open a clause ("after talks" /
/// "after Russia struck").
const CONJUNCTIONS: WordList = WordList::new(&[
    "after", "before", "since", "as", "until", "when", "once", "while", "because",
]);

/// Nouns whose "of" phrase is the real subject ("a group of diplomats").
const QUANTITY_HEADS: WordList = WordList::new(&[
    "group",
    "delegation",
    "team",
    "number",
    "members",
    "member",
    "dozens",
    "hundreds",
    "thousands",
    "couple",
    "pair",
    "some",
    "many",
    "several",
    "most",
    "all",
    "each",
    "one",
    "two",
    "three",
    "both",
    "leaders",
    "representatives",
    "envoys",
    "officials",
]);

const PREPOSITIONS: WordList = WordList::new(&[
    "with", "to", "on", "at", "against", "into", "by", "between", "for", "from", "in", "of",
    "over", "about", "among", "toward", "towards", "near", "upon", "across", "after", "before",
    "during", "under", "than", "like", "via", "amid", "without",
]);

const SKIPPABLE: WordList = WordList::new(&[
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "also",
    "then",
    "later",
    "earlier",
    "first",
    "again",
    "jointly",
    "separately",
    "briefly",
    "reportedly",
    "once",
    "more",
    "several",
    "some",
    "two",
    "three",
    "fresh",
    "new",
    "further",
    "sites",
    "targets",
    "positions",
    "base",
    "bases",
    "air",
    "military",
    "airbase",
    "airfield",
    "facility",
    "facilities",
    "city",
    "town",
    "village",
    "areas",
    "area",
    "region",
    "its",
    "key",
    "main",
    "oil",
]);

/// Words between a subject and its verb ("police have already said").
const VERB_GROUP_WORDS: WordList = WordList::new(&[
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "should", "can",
    "may", "might", "must", "did", "does", "do", "also", "already", "then", "later", "now", "soon",
    "first", "again", "never", "not", "n't", "quickly", "once", "still",
]);

/// Verbs whose subject receives what their object names ("received
/// assurances from X").
const RECEIVING_VERBS: WordList = WordList::new(&[
    "receive",
    "receives",
    "received",
    "receiving",
    "get",
    "got",
    "obtain",
    "obtained",
    "won",
    "secured",
    "accepted",
    "welcomed",
]);

/// Capitalised words that open sentences but name nobody.
const NOT_NAMES: WordList = WordList::new(&[
    "it", "this", "that", "these", "those", "there", "they", "he", "she", "we", "i", "you", "what",
    "which", "who", "nobody", "everyone", "someone", "many", "some", "others", "one", "both",
    "all", "each", "none", "such", "here", "now", "then", "but", "and", "so", "yet",
]);

/// Words that may open a noun phrase naming a group ("the", "several", "two").
const GROUP_DETERMINERS: WordList = WordList::new(&[
    "the",
    "a",
    "an",
    "some",
    "several",
    "many",
    "most",
    "all",
    "both",
    "two",
    "three",
    "four",
    "five",
    "these",
    "those",
    "other",
    "local",
    "senior",
    "top",
    "armed",
    "suspected",
    "unidentified",
    "unknown",
    "foreign",
    "federal",
    "state",
    "government",
    "high-ranking",
]);

/// Clause breaks after which a speech verb is no longer reported speech.
const SPEECH_BREAKS: WordList = WordList::new(&[";", "while", "whereas", "meanwhile"]);

const STATEMENT_OBJECT_VERBS: WordList =
    WordList::new(&["tell", "brief", "warn", "inform", "assure"]);

pub struct SentenceEvents<'x, 'r> {
    pub a: &'x Analysis<'x>,
    pub lex: &'x Lexicon,
    pub items: &'x [Item],
    pub rec: &'x mut Recognizer<'r>,
    /// The document has reported a strike before this sentence: "the
    /// bombing" with nobody named then takes it up rather than naming an
    /// attack in passing.
    pub strike_reported: bool,
}

impl<'x, 'r> SentenceEvents<'x, 'r> {
    fn word(&self, k: usize) -> &str {
        match self.items.get(k) {
            Some(it) if it.end - it.start == 1 => self.a.norm(it.start),
            _ => "",
        }
    }

    /// A clause break after which a speech verb is no longer inside what
    /// the last speaker said.
    fn ends_reported_speech(&self, k: usize) -> bool {
        let it = &self.items[k];
        it.end - it.start == 1 && self.a.norm_in(it.start, &SPEECH_BREAKS)
    }

    fn is_word(&self, k: usize, ws: &[&str]) -> bool {
        k < self.items.len() && ws.contains(&self.word(k))
    }

    fn actor_at(&self, k: usize) -> Option<usize> {
        match self.items.get(k)?.kind {
            ItemKind::Actor(x) => Some(x),
            _ => None,
        }
    }

    fn trigger_of(&self, k: usize) -> Option<&'x Trigger> {
        match self.items.get(k)?.kind {
            ItemKind::Trigger { entry, .. } => Some(&self.lex.triggers[entry as usize]),
            _ => None,
        }
    }

    /// Items `k` and the ones before it joined by ",", "and", "as well as"
    /// and parentheticals ("(R)") into one list of actors.
    fn group_ending_at(&self, k: usize) -> (usize, Vec<usize>) {
        let mut actors = vec![self.actor_at(k).unwrap_or_default()];
        let mut start = k;
        let mut j = k;
        loop {
            let mut p = j;
            // skip a parenthetical right before the connector: "Johnson (C),"
            let mut seen_connector = false;
            while p > 0 {
                let prev = p - 1;
                let w = self.word(prev);
                if matches!(w, "," | "and" | "&") {
                    seen_connector = true;
                    p = prev;
                } else if w == ")" {
                    match (0..prev).rev().take(4).find(|&q| self.word(q) == "(") {
                        Some(q) => p = q,
                        None => break,
                    }
                } else {
                    break;
                }
            }
            if !seen_connector || p == 0 {
                break;
            }
            match self.actor_at(p - 1) {
                Some(x) if !self.items[p - 1].possessive => {
                    actors.insert(0, x);
                    start = p - 1;
                    j = p - 1;
                }
                _ => break,
            }
        }
        (start, actors)
    }

    /// Actors starting at item `k`, joined as in [`group_ending_at`].
    fn group_starting_at(&self, k: usize) -> (usize, Vec<usize>) {
        let mut actors = vec![self.actor_at(k).unwrap_or_default()];
        let mut j = k;
        loop {
            let mut p = j + 1;
            let mut seen_connector = false;
            while p < self.items.len() {
                let w = self.word(p);
                if matches!(w, "," | "and" | "&") {
                    seen_connector = true;
                    p += 1;
                } else if w == "(" {
                    match (p + 1..self.items.len())
                        .take(4)
                        .find(|&q| self.word(q) == ")")
                    {
                        Some(q) => p = q + 1,
                        None => break,
                    }
                } else if w == "his" || w == "her" || w == "their" {
                    p += 1;
                } else {
                    break;
                }
            }
            if !seen_connector {
                break;
            }
            match self.actor_at(p) {
                Some(x) => {
                    if !actors.contains(&x) {
                        actors.push(x);
                    }
                    j = p;
                }
                None => break,
            }
        }
        (j, actors)
    }

    /// A group of people named by a common noun ending at item `k` ("police",
    /// "Irish nationalist guerrillas", "the attackers"), as an actor of the
    /// document. `None` when the noun is no group of the lexicon, is the
    /// object of a preposition, or, before a speech verb, follows a comma:
    /// ", police said" credits a source as "Reuters reported" does.
    fn group_at(&mut self, k: usize, speech: bool) -> Option<usize> {
        let head = self.items.get(k)?;
        if head.kind != ItemKind::Word {
            return None;
        }
        let (head_start, head_end) = (head.start, head.end);
        // the longest group phrase ending with the head ("suicide bombers")
        let (p0, inst) = (head_start.saturating_sub(2)..=head_start).find_map(|tok| {
            self.rec
                .token_matches()
                .at(tok)
                .iter()
                .find_map(|m| match m.entry {
                    crate::lexicon::Entry::Institution(x) if tok + m.len == head_end => {
                        Some((tok, x))
                    }
                    _ => None,
                })
        })?;
        let mut first = k;
        while first > 0 && self.items[first - 1].start >= p0 {
            first -= 1;
        }
        // what opens the noun phrase: a country word gives the group its
        // country, a preposition makes it an object
        let mut country = None;
        let mut q = first;
        let mut steps = 0;
        while q > 0 && steps < 3 {
            let prev = q - 1;
            let w = self.word(prev);
            match self.items[prev].kind {
                ItemKind::Modifier(x) | ItemKind::Actor(x) if country.is_none() => {
                    country = self.rec.actors.get(x).actor.country.clone();
                }
                ItemKind::Word
                    if GROUP_DETERMINERS.contains(w)
                        || (steps < 2
                            && w.chars().all(|c| c.is_ascii_lowercase())
                            && !PREPOSITIONS.contains(w)
                            && !VERB_GROUP_WORDS.contains(w)) => {}
                _ => break,
            }
            q = prev;
            steps += 1;
        }
        if q > 0 {
            let before = self.word(q - 1);
            if PREPOSITIONS.contains(before) || (speech && before == ",") {
                return None;
            }
        }
        let institution = &self.lex.institutions[inst as usize];
        let name = match &institution.name {
            Some(n) if institution.group => n.clone(),
            _ => self.a.slice(p0, head_end).to_lowercase(),
        };
        let start_tok = self.items[q].start;
        Some(self.rec.group_actor(start_tok, head_end, &name, country))
    }

    /// A group named right before the verb group of item `t`: the subject
    /// nobody identified ("Police said", "militants have attacked").
    fn group_subject(&mut self, t: usize, speech: bool) -> Option<usize> {
        let mut k = t;
        let mut steps = 0;
        loop {
            if k == 0 || steps > 4 {
                return None;
            }
            k -= 1;
            steps += 1;
            let w = self.word(k);
            match self.items[k].kind {
                ItemKind::Cue(_) => {}
                ItemKind::Word
                    if VERB_GROUP_WORDS.contains(w) || (w.len() > 4 && w.ends_with("ly")) => {}
                ItemKind::Date(_) => {}
                // a people's name as the subject: "Palestinians blamed Israel"
                ItemKind::Modifier(x) if self.is_plural_demonym(k) => return Some(x),
                ItemKind::Word if matches!(w, "on" | "in") && k + 1 < t => {}
                ItemKind::Word => {
                    return self.group_at(k, speech).or_else(|| self.name_at(k, speech));
                }
                _ => return None,
            }
        }
    }

    /// Is the country word at item `k` a people named in the plural
    /// ("Palestinians", "Israelis"), not an adjective before a noun?
    fn is_plural_demonym(&self, k: usize) -> bool {
        let it = &self.items[k];
        it.end == it.start + 1 && {
            let w = self.a.norm(it.start);
            w.len() > 3 && w.ends_with('s')
        }
    }

    /// A capitalised word nobody listed in a subject's place, right before
    /// the verb group ("Comey on Tuesday said"): a person's name, unless it
    /// is a function word opening the sentence ("It", "This").
    fn name_at(&mut self, k: usize, speech: bool) -> Option<usize> {
        let it = &self.items[k];
        let tok = self.a.tokens[it.start];
        let w = self.word(k);
        // a plural opening the sentence is a common noun ("Sources said")
        let plural_opener = k == 0 && w.len() > 3 && w.ends_with('s');
        if !tok.cap || NOT_NAMES.contains(w) || plural_opener {
            return None;
        }
        let acronym = tok.upper && (2..=6).contains(&w.len()) && it.end == it.start + 1;
        if k > 0 {
            let before = self.word(k - 1);
            // an acronym may follow its article: "the IOC convened"
            let opens =
                matches!(self.items[k - 1].kind, ItemKind::Punct) || (acronym && before == "the");
            if PREPOSITIONS.contains(before) || (speech && before == ",") || !opens {
                return None;
            }
        }
        if acronym {
            return Some(self.rec.acronym_actor(it.start, it.end));
        }
        if tok.upper {
            return None;
        }
        Some(self.rec.named_actor(it.start, it.end))
    }

    /// ", the ministry said." closing a sentence: an organisation or group
    /// credited with the news, as a medium is, rather than a statement of
    /// its own (a person or a state saying so still makes one).
    fn is_trailing_credit(&self, t: usize, speaker: usize) -> bool {
        let a = &self.rec.actors.get(speaker).actor;
        if !matches!(a.actor_type, ActorType::Organization | ActorType::Group) {
            return false;
        }
        let Some(k) = (0..t).rev().find(|&k| self.actor_at(k) == Some(speaker)) else {
            return false;
        };
        let opens_after_comma = (k.saturating_sub(3)..k)
            .rev()
            .find(|&q| !self.is_word(q, &["the", "a", "an"]))
            .is_some_and(|q| self.word(q) == ",");
        // up to the next comma: ", the ministry said Monday, adding ..."
        let nothing_follows = self.items[t + 1..]
            .iter()
            .take_while(|it| !(it.kind == ItemKind::Punct && self.a.is(it.start, ",")))
            .all(|it| {
                matches!(it.kind, ItemKind::Date(_) | ItemKind::Punct)
                    || (it.kind == ItemKind::Word && self.a.norm(it.start) != "that")
            });
        opens_after_comma && nothing_follows && k > 0
    }

    /// The first actor of the sentence that is not a possessor or the object
    /// of a preposition: the main clause's subject, for a participle after
    /// a comma.
    fn main_subject(&self, t: usize) -> Option<usize> {
        (0..t).find_map(|k| match self.items[k].kind {
            ItemKind::Actor(x) if !self.items[k].possessive && !self.preceded_by_preposition(k) => {
                Some(x)
            }
            _ => None,
        })
    }

    /// Is the subject of the verb at `t` a personal pronoun nobody could be
    /// found for ("he would not recommend")?
    fn pronoun_subject(&self, t: usize) -> bool {
        let mut k = t;
        while k > 0 && t - k < 5 {
            k -= 1;
            let w = self.word(k);
            match self.items[k].kind {
                ItemKind::Cue(_) => {}
                ItemKind::Word if VERB_GROUP_WORDS.contains(w) || w.ends_with("ly") => {}
                ItemKind::Word => return matches!(w, "he" | "she" | "they" | "we" | "i"),
                _ => return false,
            }
        }
        false
    }

    /// A group owning the noun trigger at `t` ("the administration's pledge").
    fn group_owner(&mut self, t: usize) -> Option<usize> {
        let k = (t.saturating_sub(4)..t)
            .rev()
            .find(|&q| self.items[q].possessive)?;
        if (k + 1..t).any(|q| self.items[q].kind != ItemKind::Word) {
            return None;
        }
        self.group_at(k, false)
    }

    /// Is the actor at `k` the object of a preposition? "A group of
    /// Moroccan diplomats" is still a subject: "of" after a quantity.
    fn preceded_by_preposition(&self, k: usize) -> bool {
        if k == 0 {
            return false;
        }
        let w = self.word(k - 1);
        if w == "of" && k >= 2 && QUANTITY_HEADS.contains(self.word(k - 2)) {
            return false;
        }
        PREPOSITIONS.contains(w) || w == "according"
    }

    /// The subject of the trigger at item `t`, looking left.
    fn subject_of(&self, t: usize) -> Option<Vec<usize>> {
        let mut k = t;
        let mut steps = 0;
        while k > 0 && steps < 16 {
            k -= 1;
            steps += 1;
            let it = &self.items[k];
            match &it.kind {
                ItemKind::Actor(_) => {
                    if it.possessive {
                        // "Trump's decision to launch": the possessor acts
                        let (from, to) = (self.items[k].end, self.items[t].start);
                        if (from..to).any(|tok| self.a.is(tok, "to")) {
                            return Some(vec![self.actor_at(k)?]);
                        }
                        continue;
                    }
                    let (gs, actors) = self.group_ending_at(k);
                    // "after the Russian army carried out": a clause, not a
                    // prepositional phrase, when the verb follows at once
                    let adjacent = t - k <= 3;
                    let conjunction = gs > 0 && CONJUNCTIONS.contains(self.word(gs - 1));
                    if self.preceded_by_preposition(gs) && !(adjacent && conjunction) {
                        k = gs;
                        continue;
                    }
                    return Some(actors);
                }
                ItemKind::Punct => {
                    let w = self.word(k);
                    if matches!(w, ";" | ":" | "\u{2014}") {
                        return None;
                    }
                    if w == "," {
                        match self.skip_inserted_segment(k) {
                            Some(k2) => k = k2,
                            None => return None,
                        }
                    }
                }
                ItemKind::Word => {
                    let w = self.word(k);
                    if matches!(w, "who" | "which") && k >= 2 && self.word(k - 1) == "," {
                        // "the NATO-Russia Council, which met": the nearest
                        // actor of the phrase before the comma
                        let antecedent = (k.saturating_sub(5)..k - 1)
                            .rev()
                            .take_while(|&q| self.word(q) != ",")
                            .find(|&q| self.actor_at(q).is_some());
                        if let Some(q) = antecedent {
                            return Some(self.group_ending_at(q).1);
                        }
                    }
                    if matches!(w, "that" | "if" | "whether" | "because" | "although") {
                        return None;
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// At a comma `k` met while looking left: the item before the segment
    /// it closes, if that segment is an aside ("Lavrov, who met X, said";
    /// "Russia, meanwhile, said"); `None` if the comma ends the clause.
    fn skip_inserted_segment(&self, k: usize) -> Option<usize> {
        let open = (k.saturating_sub(20)..k)
            .rev()
            .find(|&q| self.word(q) == ",");
        let Some(open) = open else {
            // a leading adverbial: "On Wednesday, Lavrov said" has no
            // subject left of the comma; nothing to skip
            return None;
        };
        let first = self.word(open + 1);
        let short_aside = k - open <= 3 && !(open + 1..k).any(|q| self.actor_at(q).is_some());
        let relative = matches!(
            first,
            "who"
                | "which"
                | "whose"
                | "a"
                | "an"
                | "the"
                | "also"
                | "meanwhile"
                | "however"
                | "now"
                | "then"
                | "once"
                | "himself"
                | "herself"
                | "itself"
        );
        // a participle phrase: "Kerry and Lavrov, addressing a news
        // conference after talks in Geneva, said"
        let participle = first.len() > 4 && (first.ends_with("ing") || first.ends_with("ed"));
        (short_aside || relative || participle).then_some(open)
    }

    /// "..., said Peskov": a speaker right after a statement trigger.
    fn inverted_speaker(&self, t: usize) -> Option<usize> {
        let k = t + 1;
        let x = self.actor_at(k)?;
        (k > 0 && (t == 0 || matches!(self.word(t - 1), "," | "\"" | "\u{201d}" | "'")))
            .then_some(x)
    }

    /// The first actor, place or country adjective after the trigger, with
    /// the preposition before it.
    fn object_after(
        &self,
        t: usize,
        stop_at_that: bool,
    ) -> Option<(Arg, Vec<usize>, Option<String>)> {
        let mut k = t + 1;
        let mut prep: Option<String> = None;
        let mut steps = 0;
        while k < self.items.len() && steps < 9 {
            steps += 1;
            let it = &self.items[k];
            match &it.kind {
                ItemKind::Actor(_) if it.possessive => {}
                ItemKind::Actor(_) => {
                    let (_, actors) = self.group_starting_at(k);
                    return Some((Arg::Actor(actors[0]), actors, prep));
                }
                ItemKind::Modifier(x) => {
                    return Some((Arg::Actor(*x), vec![*x], prep));
                }
                ItemKind::Place(p) => {
                    return Some((Arg::Place(self.rec.place_of(*p).clone()), vec![], prep))
                }
                ItemKind::Punct => {
                    if matches!(
                        self.word(k),
                        "," | ";" | ":" | "(" | "\"" | "\u{201c}" | "\u{2014}"
                    ) {
                        return None;
                    }
                    // "anti-aircraft batteries": a hyphen joins one word
                    if self.word(k) == "-" {
                        steps -= 1;
                    }
                }
                ItemKind::Word | ItemKind::Cue(_) => {
                    let w = self.word(k);
                    if matches!(w, "from" | "of") && prep.is_none() && self.is_people_noun(k - 1) {
                        // "received ministers from X", "talks with leaders
                        // of X": the people are X's, X is the object
                    } else if PREPOSITIONS.contains(w) {
                        if matches!(
                            w,
                            "in" | "for"
                                | "after"
                                | "before"
                                | "during"
                                | "amid"
                                | "over"
                                | "about"
                        ) && prep.is_none()
                            && !matches!(w, "in")
                        {
                            return None;
                        }
                        prep = Some(w.to_string());
                    } else if stop_at_that && matches!(w, "that" | "if" | "whether") {
                        return None;
                    } else if !SKIPPABLE.contains(w)
                        && it.kind == ItemKind::Word
                        && !self.items[k].possessive
                    {
                        let tok = self.a.tokens[it.start];
                        if !tok.cap && steps > 3 {
                            return None;
                        }
                    }
                }
                ItemKind::Trigger { entry, .. } => {
                    if self.lex.triggers[*entry as usize].form != VerbForm::Weapon && steps > 1 {
                        return None;
                    }
                }
                ItemKind::Date(_) | ItemKind::Media(_) => {}
            }
            k += 1;
        }
        None
    }

    /// Actors after "to"/"for" later in the clause of a proposal verb at `t`
    /// that takes an infinitive ("agreed to provide aid for X and Y").
    fn beneficiaries_after(&self, t: usize) -> Vec<usize> {
        let end = (t + 16).min(self.items.len());
        let mut infinitive = false;
        for k in t + 1..end {
            let w = self.word(k);
            if matches!(w, "," | ";" | ":" | "that" | "which" | "who" | "but") {
                break;
            }
            if matches!(self.items[k].kind, ItemKind::Cue(_)) || w == "to" {
                infinitive = true;
            }
            if infinitive && k > t + 2 && matches!(self.word(k - 1), "for" | "to") {
                if let Some(ItemKind::Actor(_) | ItemKind::Modifier(_)) =
                    self.items.get(k).map(|it| &it.kind)
                {
                    if self.items[k].possessive {
                        continue;
                    }
                    return match self.items[k].kind {
                        ItemKind::Modifier(x) => vec![x],
                        _ => self.group_starting_at(k).1,
                    };
                }
            }
        }
        Vec::new()
    }

    /// Is item `k` a noun for people the lexicon knows (a group, an
    /// institution or a title: "ministers", "leaders", "officials")?
    fn is_people_noun(&self, k: usize) -> bool {
        let Some(it) = self.items.get(k) else {
            return false;
        };
        it.kind == ItemKind::Word
            && (it.start.saturating_sub(1)..=it.start).any(|tok| {
                self.rec.token_matches().at(tok).iter().any(|m| {
                    tok + m.len == it.end
                        && matches!(
                            m.entry,
                            crate::lexicon::Entry::Institution(_) | crate::lexicon::Entry::Title(_)
                        )
                })
            })
    }

    /// "between X and Y" after a noun trigger.
    fn between_after(&self, t: usize) -> Option<Vec<usize>> {
        let k = t + 1;
        if self.word(k) != "between" && self.word(k) != "among" {
            return None;
        }
        self.actor_at(k + 1)?;
        Some(self.group_starting_at(k + 1).1)
    }

    /// A possessor or country adjective right before a noun trigger
    /// ("Tillerson's visit", "Israeli airstrikes", "U.S.-Russia talks").
    fn owners_before(&self, t: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut k = t;
        let mut steps = 0;
        while k > 0 && steps < 4 {
            k -= 1;
            steps += 1;
            match &self.items[k].kind {
                ItemKind::Actor(x)
                    if self.items[k].possessive
                        || self.a.norm(self.items[k].end).eq("-")
                        || self.items[k].end == self.items[t].start =>
                {
                    out.insert(0, *x);
                }
                ItemKind::Modifier(x) => out.insert(0, *x),
                ItemKind::Actor(_) => break,
                ItemKind::Punct if self.word(k) == "-" => {}
                ItemKind::Punct if matches!(self.word(k), "'s" | "'") => {}
                ItemKind::Word => {
                    let w = self.word(k);
                    if w == "'s" {
                        continue;
                    }
                    if !(SKIPPABLE.contains(w)
                        || w.chars().all(|c| c.is_ascii_lowercase() || c == '-') && steps <= 2)
                    {
                        break;
                    }
                }
                ItemKind::Trigger { noun: true, .. } | ItemKind::Cue(_) | ItemKind::Date(_) => {}
                _ => break,
            }
        }
        out
    }

    /// The subject of a light or travel verb governing the noun trigger at
    /// `t` ("Tillerson and Lavrov held talks", "Tillerson flies to Moscow
    /// for talks with Lavrov"), if there is one.
    fn light_verb_subject(&mut self, t: usize) -> Option<Vec<usize>> {
        let k = self.light_verb_before(t)?;
        self.subject_of(k)
            .or_else(|| self.group_subject(k, false).map(|g| vec![g]))
    }

    /// "X received an offer from Y": the giver Y (after "from") and the
    /// receiver X (the subject of the receiving verb) of the noun at `t`.
    fn received_from(&self, t: usize) -> Option<(usize, Option<usize>)> {
        let k = (t.saturating_sub(4)..t)
            .rev()
            .find(|&q| RECEIVING_VERBS.contains(self.word(q)))?;
        if (k + 1..t).any(|q| !matches!(self.items[q].kind, ItemKind::Word)) {
            return None;
        }
        if self.word(t + 1) != "from" {
            return None;
        }
        let giver = match self.items.get(t + 2)?.kind {
            ItemKind::Actor(x) | ItemKind::Modifier(x) => x,
            _ => match self.object_after(t, true)? {
                (Arg::Actor(x), _, Some(p)) if p == "from" => x,
                _ => return None,
            },
        };
        let receiver = self.subject_of(k).and_then(|s| s.first().copied());
        Some((giver, receiver))
    }

    /// Is the noun trigger at `t` the object of "host"?
    fn hosted(&self, t: usize) -> bool {
        self.light_verb_before(t)
            .is_some_and(|k| self.word(k).starts_with("host"))
    }

    /// The light or travel verb governing the noun trigger at `t`.
    fn light_verb_before(&self, t: usize) -> Option<usize> {
        let mut k = t;
        let mut steps = 0;
        while k > 0 && steps < 10 {
            k -= 1;
            steps += 1;
            let w = self.word(k);
            if self.items[k].kind == ItemKind::Word {
                let modifier = w.len() > 4
                    && (w.ends_with("ly") || w.ends_with("ed"))
                    && !LIGHT_VERBS.contains(w)
                    && !MOVEMENT_VERBS.contains(w);
                if NOUN_PHRASE_WORDS.contains(w) || modifier {
                    continue;
                }
                if LIGHT_VERBS.contains(w) || MOVEMENT_VERBS.contains(w) {
                    return Some(k);
                }
                return None;
            }
            match self.items[k].kind {
                // a light verb that is a trigger itself: "hosted talks"
                ItemKind::Trigger { noun: false, .. } if LIGHT_VERBS.contains(w) => return Some(k),
                ItemKind::Trigger { noun: true, .. }
                | ItemKind::Cue(_)
                | ItemKind::Date(_)
                | ItemKind::Place(_) => continue,
                // "made full-throated promises": the word before the hyphen
                // belongs to the modifier too
                ItemKind::Punct if w == "-" && k > 0 => k -= 1,
                _ => return None,
            }
        }
        None
    }

    fn is_passive(&self, t: usize) -> bool {
        let tr = self.trigger_of(t);
        let participle =
            tr.is_some_and(|tr| matches!(tr.form, VerbForm::Past | VerbForm::Participle));
        let auxiliary = (1..=3).any(|d| {
            t >= d
                && self.is_word(
                    t - d,
                    &["was", "were", "been", "being", "is", "are", "be", "got"],
                )
        });
        // "victims killed by the crash": a participle right before "by" is
        // passive without its auxiliary
        let reduced = t > 0 && self.word(t + 1) == "by" && self.actor_at(t - 1).is_none();
        participle
            && (reduced
                || auxiliary
                    && (t + 1..(t + 6).min(self.items.len())).any(|q| self.word(q) == "by"))
    }

    /// "was briefed", "were struck" with no "by" agent.
    fn is_agentless_passive(&self, t: usize) -> bool {
        let participle = self
            .trigger_of(t)
            .is_some_and(|tr| matches!(tr.form, VerbForm::Past | VerbForm::Participle));
        participle
            && t >= 1
            && self.is_word(
                t - 1,
                &["was", "were", "been", "being", "is", "are", "be", "got"],
            )
    }

    /// The agent of a passive: an actor after "by", else a group named
    /// there ("convened by pollsters", "attacked by gunmen").
    fn agent_or_group(&mut self, t: usize) -> Option<Arg> {
        if let Some(a) = self.by_agent(t) {
            return Some(a);
        }
        let by = (t + 1..(t + 6).min(self.items.len())).find(|&q| self.word(q) == "by")?;
        let head = (by + 1..(by + 4).min(self.items.len()))
            .take_while(|&q| self.items[q].kind == ItemKind::Word)
            .find(|&q| self.is_people_noun(q))?;
        self.group_after_by(head).map(Arg::Actor)
    }

    /// A group of people at item `k`, known to be an agent after "by".
    fn group_after_by(&mut self, k: usize) -> Option<usize> {
        let it = &self.items[k];
        let (s, e) = (it.start, it.end);
        let name = self.a.slice(s, e).to_lowercase();
        Some(self.rec.group_actor(s, e, &name, None))
    }

    /// The actor after "by" following a passive trigger.
    fn by_agent(&self, t: usize) -> Option<Arg> {
        let by = (t + 1..(t + 6).min(self.items.len())).find(|&q| self.word(q) == "by")?;
        for q in by + 1..(by + 5).min(self.items.len()) {
            match &self.items[q].kind {
                ItemKind::Actor(x) | ItemKind::Modifier(x) => return Some(Arg::Actor(*x)),
                ItemKind::Punct => return None,
                _ => {}
            }
        }
        None
    }

    fn place_of(&self, x: usize) -> Option<Place> {
        let a = &self.rec.actors.get(x).actor;
        (a.actor_type == ActorType::Country).then(|| Place {
            name: a.name.clone(),
            country: a.country.clone(),
            lat: None,
            lon: None,
        })
    }

    /// A place attached to the noun at `t`: right before it or one word
    /// before ("the Kabul bombing"), or after a preposition right after it
    /// ("the battle for Syria", "clashes in the north of X").
    fn place_attached(&self, t: usize) -> bool {
        let is_place = |k: usize| match self.items[k].kind {
            ItemKind::Place(_) => true,
            ItemKind::Actor(x) => self.rec.actors.get(x).actor.actor_type == ActorType::Country,
            _ => false,
        };
        (t.saturating_sub(2)..t).any(is_place)
            || (self.is_word(
                t + 1,
                &["in", "at", "near", "for", "on", "over", "outside", "with"],
            ) && (t + 2..(t + 4).min(self.items.len())).any(is_place))
    }

    /// Has a weapon or strike noun within a few items after `t`?
    fn weapon_after(&self, t: usize) -> Option<usize> {
        (t + 1..(t + 5).min(self.items.len())).find(|&q| match self.trigger_of(q) {
            Some(tr) => {
                tr.form == VerbForm::Weapon
                    || (tr.kind == EventKind::Strike && tr.form == VerbForm::Noun)
            }
            None => false,
        })
    }

    /// All events of the sentence.
    pub fn find(&mut self) -> Vec<Found> {
        // most sentences have no trigger
        if self.rec.triggers.is_empty() {
            return Vec::new();
        }
        let triggers = self.rec.triggers.clone();
        let mut out: Vec<Found> = Vec::with_capacity(4);
        let mut consumed = vec![false; self.items.len()];
        let mut last_subject: Option<Vec<usize>> = None;
        let mut speech_open = false;
        // items after the last trigger that may have closed reported speech
        let mut unchecked = 0;
        for (t, entry, noun) in triggers {
            if speech_open && (unchecked..=t).any(|k| self.ends_reported_speech(k)) {
                speech_open = false;
            }
            unchecked = t + 1;
            if consumed[t] {
                continue;
            }
            let tr = &self.lex.triggers[entry as usize];
            if tr.form == VerbForm::Weapon {
                continue;
            }
            // "roundtable talks": one event, headed by the last noun
            if noun {
                if let Some(next) = self.trigger_of(t + 1) {
                    if next.form == VerbForm::Noun && next.kind == tr.kind {
                        continue;
                    }
                }
            }
            if tr.kind == EventKind::Statement && !noun && speech_open {
                // a speech verb inside reported speech is its content
                continue;
            }
            if tr.kind == EventKind::Strike && !noun && speech_open && self.pluperfect(t) {
                // "X claimed that Y had attacked Z": an accusation, the
                // speaker's statement, not an attack the text reports
                continue;
            }
            let found = if noun {
                self.noun_event(t, tr)
            } else {
                let f = self.verb_event(t, tr, &mut consumed, &last_subject);
                if let Some(f) = &f {
                    if let Some(Arg::Actor(s)) = f.source {
                        last_subject = Some(vec![s]);
                    }
                }
                f
            };
            if let Some(mut f) = found {
                if f.kind == EventKind::Statement && !f.noun {
                    speech_open = true;
                }
                let co = std::mem::take(&mut f.co_sources);
                for &x in &co {
                    let mut g = f.clone();
                    g.source = Some(Arg::Actor(x));
                    g.participants = [Some(x), f.target.as_ref().and_then(actor_of)]
                        .into_iter()
                        .flatten()
                        .collect();
                    out.push(g);
                }
                out.insert(out.len() - co.len(), f);
            }
        }
        // "X said it will send aid": what X said is its own intent, coded as
        // X's proposal; a statement too would code the one act twice
        let intents: Vec<(usize, usize)> = out
            .iter()
            .filter(|f| f.kind == EventKind::Proposal && f.intent)
            .filter_map(|f| Some((f.item, f.source.as_ref().and_then(actor_of)?)))
            .collect();
        if !intents.is_empty() {
            out.retain(|f| {
                let speaker = f.source.as_ref().and_then(actor_of);
                !(f.kind == EventKind::Statement
                    && !f.noun
                    && speaker
                        .is_some_and(|s| intents.iter().any(|&(item, p)| p == s && item > f.item)))
            });
        }
        out
    }

    /// Is the noun at `t` the topic of a statement verb before it, in its
    /// "for"/"over" phrase ("claimed responsibility for the attack",
    /// "blamed X for the bombing")? The attack is what the statement is
    /// about, not an event the sentence reports.
    fn topic_of_statement(&self, t: usize) -> bool {
        let Some(k) = (t.saturating_sub(4)..t)
            .rev()
            .find(|&k| self.is_word(k, &["for", "over"]))
        else {
            return false;
        };
        let modifiers_only =
            (k + 1..t).all(|q| matches!(self.items[q].kind, ItemKind::Word | ItemKind::Actor(_)));
        // in the same clause: not "believed that X had to admit
        // responsibility for attacks"
        let from = (k.saturating_sub(8)..k)
            .rev()
            .find(|&j| self.is_word(j, &[",", "that", ";", "which", "who"]))
            .map_or(k.saturating_sub(8), |j| j + 1);
        modifiers_only
            && (from..k).any(|j| {
                matches!(self.items[j].kind, ItemKind::Trigger { noun: false, .. })
                    && self
                        .trigger_of(j)
                        .is_some_and(|tr| tr.kind == EventKind::Statement)
            })
    }

    /// "had" (or "had not", "had already") right before the verb at `t`.
    fn pluperfect(&self, t: usize) -> bool {
        let tok = self.items[t].start;
        (1..=2).any(|d| tok >= d && self.a.is(tok - d, "had"))
    }

    fn base(&self, t: usize, tr: &Trigger, noun: bool) -> Found {
        let it = &self.items[t];
        Found {
            kind: tr.kind,
            cameo: tr.cameo.clone(),
            item: t,
            trigger: (it.start, it.end),
            noun,
            source: None,
            target: None,
            participants: Vec::new(),
            place: None,
            intent: false,
            governed: false,
            co_sources: Vec::new(),
        }
    }

    fn verb_event(
        &mut self,
        t: usize,
        tr: &Trigger,
        consumed: &mut [bool],
        last_subject: &Option<Vec<usize>>,
    ) -> Option<Found> {
        let mut f = self.base(t, tr, false);
        let passive = self.is_passive(t);
        let agentless = !passive && self.is_agentless_passive(t);
        // "Putin must be briefed": the subject is not the actor; "the camp was
        // shelled" is still a strike, but "28 were killed" or "was hit" may
        // be no attack at all
        if agentless && (tr.kind != EventKind::Strike || tr.requires == Requires::Object) {
            return None;
        }
        let mut subject = if passive || agentless {
            None
        } else {
            self.subject_of(t)
        };
        if subject.is_none() && !passive && t > 0 && self.is_word(t - 1, &["and", "also"]) {
            subject = last_subject.clone();
        }
        if subject.is_none() && !passive && !agentless {
            let speech = tr.kind == EventKind::Statement;
            subject = self.group_subject(t, speech).map(|g| vec![g]);
        }
        if subject.is_none() && tr.form == VerbForm::Gerund && t > 0 && self.word(t - 1) == "," {
            // "X has taken a stand, vowing to ...": the participle's subject
            // is the main clause's
            subject = self.main_subject(t).map(|x| vec![x]);
        }
        let object = self.object_after(t, tr.kind == EventKind::Statement);
        match tr.kind {
            EventKind::Meeting => {
                let mut parts: Vec<usize> = subject.clone().unwrap_or_default();
                if passive {
                    if let Some(Arg::Actor(x)) = self.agent_or_group(t) {
                        parts.push(x);
                    }
                    if let Some(s) = self.subject_of_passive(t) {
                        parts.extend(s);
                    }
                }
                // who met: a meeting needs its subject (or agent); the place
                // visited alone is no side
                let named_side = !parts.is_empty();
                if let Some((arg, group, prep)) = &object {
                    let ok_prep = matches!(
                        prep.as_deref(),
                        None | Some("with") | Some("to") | Some("in") | Some("by")
                    );
                    if !ok_prep && tr.requires == Requires::Object {
                        // "received assurances from X" receives no visitor
                        return None;
                    }
                    if ok_prep {
                        match arg {
                            Arg::Actor(_) => parts.extend(group.iter().copied()),
                            Arg::Place(p) => {
                                if let Some(c) = p
                                    .country
                                    .as_deref()
                                    .and_then(|c| self.rec.country_actor_by_code(c))
                                {
                                    if matches!(prep.as_deref(), None | Some("to")) {
                                        parts.push(c);
                                    }
                                }
                                f.place = Some(p.clone());
                            }
                        }
                    }
                } else if tr.requires == Requires::Object {
                    return None;
                }
                dedup(&mut parts);
                // "the council convened", "X met with an unnamed envoy": a
                // meeting verb with its subject is a meeting though the
                // other side goes unnamed
                if !named_side || (parts.len() < 2 && tr.requires == Requires::Object) {
                    return None;
                }
                f.source = Some(Arg::Actor(parts[0]));
                f.target = parts.get(1).map(|&x| Arg::Actor(x));
                f.participants = parts;
            }
            EventKind::Statement => {
                let speaker = subject
                    .as_ref()
                    .and_then(|s| s.first().copied())
                    .or_else(|| self.inverted_speaker(t))?;
                if self.is_trailing_credit(t, speaker) {
                    return None;
                }
                f.source = Some(Arg::Actor(speaker));
                f.co_sources = subject
                    .as_ref()
                    .map(|s| s.iter().skip(1).copied().collect())
                    .unwrap_or_default();
                let lemma = tr.lemma.as_str();
                if tr.requires == Requires::Object
                    && !matches!(object, Some((Arg::Actor(_), _, None)))
                {
                    return None;
                }
                let target = match &object {
                    Some((Arg::Actor(x), _, None)) if STATEMENT_OBJECT_VERBS.contains(lemma) => {
                        Some(*x)
                    }
                    _ => self.first_other_actor_after(t, speaker),
                };
                f.target = target.map(Arg::Actor);
                f.participants = [Some(speaker), target].into_iter().flatten().collect();
            }
            EventKind::Strike => {
                if tr.requires == Requires::Weapon {
                    // "fired missiles", or "fired anti-aircraft batteries at Russia"
                    match self.weapon_after(t) {
                        Some(w) => consumed[w] = true,
                        None => match &object {
                            Some((Arg::Actor(_), _, Some(p)))
                                if matches!(p.as_str(), "at" | "on") => {}
                            _ => return None,
                        },
                    }
                }
                // "the camp was attacked (by X)": the subject is the target,
                // or whose it was ("a camp for Congolese refugees")
                let (mut source, target) = if passive || agentless {
                    (
                        self.agent_or_group(t),
                        self.subject_of_passive(t)
                            .and_then(|s| s.first().copied())
                            .or_else(|| self.owner_of_passive_subject(t))
                            .map(Arg::Actor),
                    )
                } else {
                    let src = subject
                        .as_ref()
                        .and_then(|s| s.first().copied())
                        .map(Arg::Actor);
                    let tgt = object.as_ref().map(|(a, _, _)| a.clone());
                    (src, tgt)
                };
                if tr.requires == Requires::Object && target.is_none() {
                    return None;
                }
                // "bombs exploded near the finish line": a strike even when
                // nobody is named as attacker; but an -s form with neither
                // attacker nor target is the plural noun ("car bombs")
                if source.is_none() && target.is_none() && tr.form == VerbForm::Third {
                    return None;
                }
                let mut parts = Vec::new();
                if let Some(Arg::Actor(s)) = source {
                    if let Some(state) = self.state_of_commander(s) {
                        parts.push(s);
                        source = Some(Arg::Actor(state));
                    }
                }
                self.fill_strike(&mut f, source, target, parts);
            }
            EventKind::Proposal => {
                // "as Putin and Trump agreed," proposes nothing: a proposal
                // verb needs a complement
                let next = self.items.get(t + 1);
                if next.is_none_or(|it| {
                    it.kind == ItemKind::Punct
                        && !matches!(
                            self.word(t + 1),
                            "\"" | "\u{201c}" | "$" | "\u{20ac}" | "\u{a3}"
                        )
                }) {
                    return None;
                }
                if tr.requires == Requires::Intent {
                    if !self.expresses_intent(t) {
                        return None;
                    }
                    f.intent = true;
                }
                let group = subject.clone().unwrap_or_default();
                // "he would recommend" with "he" unresolved: a proposal by
                // someone the text does not let us name
                let Some(proposer) = group.first().copied() else {
                    if self.pronoun_subject(t) {
                        return Some(f);
                    }
                    return None;
                };
                f.source = Some(Arg::Actor(proposer));
                // "Jordan and Britain agreed": each side to the other
                let partner = group.get(1).copied();
                let target = match &object {
                    Some((Arg::Actor(x), _, p))
                        if matches!(
                            p.as_deref(),
                            None | Some("to") | Some("on") | Some("upon")
                        ) && *x != proposer =>
                    {
                        Some(*x)
                    }
                    _ => None,
                };
                if tr.requires == Requires::Object && target.is_none() {
                    return None;
                }
                // "agreed to provide aid for Romania and Poland": those the
                // offer is for
                let beneficiaries = if target.is_none() && partner.is_none() {
                    self.beneficiaries_after(t)
                } else {
                    Vec::new()
                };
                let target = target.or(partner).or(beneficiaries.first().copied());
                f.target = target.map(Arg::Actor);
                let mut parts = group;
                parts.extend(target);
                parts.extend(beneficiaries);
                dedup(&mut parts);
                f.participants = parts;
            }
        }
        Some(f)
    }

    /// Is the verb at `t` promised, offered or readied ("will support",
    /// "is ready to send", "pledged to provide") and not denied?
    fn expresses_intent(&self, t: usize) -> bool {
        let (Some(first), Some(last)) = (self.items.first(), self.items.last()) else {
            return false;
        };
        let it = &self.items[t];
        let fact = super::factuality::factuality(
            self.a,
            self.lex,
            self.rec.token_matches(),
            self.items,
            (first.start, last.end),
            (it.start, it.end),
            false,
        );
        let infinitive = self.a.prev_norm(it.start) == "to" && self.intent_before_infinitive(t);
        matches!(
            fact,
            Some(crate::model::Factuality::Planned | crate::model::Factuality::Possible)
        ) && (infinitive || self.has_future_auxiliary(it.start))
    }

    /// Does a promise or readiness govern the infinitive at `t` ("ready to
    /// send", "pledged to provide")? An infinitive of purpose ("resigned to
    /// allow elections") expresses no intent to cooperate.
    fn intent_before_infinitive(&self, t: usize) -> bool {
        let Some(k) = t.checked_sub(1) else {
            return false;
        };
        match self.items[k].kind {
            // the cue holds the "to": "ready to", "agreed to"
            ItemKind::Cue(_) => true,
            _ => k
                .checked_sub(1)
                .and_then(|j| self.trigger_of(j))
                .is_some_and(|tr| tr.kind == EventKind::Proposal && tr.form != VerbForm::Noun),
        }
    }

    /// "will"/"would"/"'ll"/"shall" within the three tokens before `tok`.
    fn has_future_auxiliary(&self, tok: usize) -> bool {
        (1..=3)
            .any(|d| tok >= d && matches!(self.a.norm(tok - d), "will" | "would" | "'ll" | "shall"))
    }

    /// The actor in a "for"/"of" phrase of a passive's subject ("a camp for
    /// refugees was attacked"), up to the auxiliary.
    fn owner_of_passive_subject(&self, t: usize) -> Option<usize> {
        let aux =
            (1..=3).find(|&d| t >= d && self.is_word(t - d, &["was", "were", "is", "are"]))?;
        let end = t - aux;
        (end.saturating_sub(6)..end).find_map(|k| {
            let owned = k > 0 && self.is_word(k - 1, &["for", "of"]);
            match self.items[k].kind {
                ItemKind::Actor(x) if owned && !self.items[k].possessive => Some(x),
                _ => None,
            }
        })
    }

    fn subject_of_passive(&self, t: usize) -> Option<Vec<usize>> {
        // the subject sits before the auxiliary
        let aux = (1..=3).find(|&d| {
            t >= d
                && self.is_word(
                    t - d,
                    &["was", "were", "been", "being", "is", "are", "be", "got"],
                )
        })?;
        self.subject_of(t - aux)
    }

    fn fill_strike(
        &self,
        f: &mut Found,
        source: Option<Arg>,
        target: Option<Arg>,
        mut parts: Vec<usize>,
    ) {
        if let Some(Arg::Actor(s)) = &source {
            parts.insert(0, *s);
        }
        match &target {
            Some(Arg::Actor(x)) => {
                parts.push(*x);
                f.place = self.place_of(*x);
            }
            Some(Arg::Place(p)) => f.place = Some(p.clone()),
            None => {}
        }
        dedup(&mut parts);
        f.source = source;
        f.target = target;
        f.participants = parts;
    }

    /// The state whose leader or military ordered a strike.
    fn state_of_commander(&mut self, x: usize) -> Option<usize> {
        let rec = self.rec.actors.get(x);
        if rec.actor.actor_type != ActorType::Person {
            return None;
        }
        let role = rec.role_key.as_deref()?;
        if !COMMANDERS.contains(role) {
            return None;
        }
        let c = rec.actor.country.clone()?;
        self.rec.country_actor_by_code(&c)
    }

    fn first_other_actor_after(&self, t: usize, speaker: usize) -> Option<usize> {
        let own = self.rec.actors.get(speaker).actor.country.clone();
        for it in &self.items[t + 1..] {
            let x = match it.kind {
                ItemKind::Actor(x) | ItemKind::Modifier(x) => x,
                ItemKind::Punct if matches!(self.a.norm(it.start), ";") => return None,
                _ => continue,
            };
            let a = &self.rec.actors.get(x).actor;
            if x == speaker || (a.actor_type == ActorType::Country && a.country == own) {
                continue;
            }
            return Some(x);
        }
        None
    }

    fn noun_event(&mut self, t: usize, tr: &Trigger) -> Option<Found> {
        let mut f = self.base(t, tr, true);
        let owners = self.owners_before(t);
        let between = self.between_after(t);
        match tr.kind {
            EventKind::Meeting => {
                let mut parts = owners;
                if let Some(b) = between {
                    // "X hosted talks between Y and Z": the host takes part
                    if self.hosted(t) {
                        if let Some(h) = self.light_verb_subject(t) {
                            f.governed = true;
                            parts.extend(h);
                        }
                    }
                    parts.extend(b);
                }
                if parts.len() < 2 {
                    if let Some(s) = self.light_verb_subject(t) {
                        f.governed = true;
                        parts.extend(s);
                    }
                    if let Some((arg, group, prep)) = self.object_after(t, true) {
                        match (arg, prep.as_deref()) {
                            (Arg::Actor(_), Some("with")) => parts.extend(group),
                            (Arg::Place(p), Some("to")) => {
                                if let Some(c) = p
                                    .country
                                    .as_deref()
                                    .and_then(|c| self.rec.country_actor_by_code(c))
                                {
                                    parts.push(c);
                                }
                                f.place = Some(p);
                            }
                            (Arg::Actor(x), Some("to"))
                                if self.rec.actors.get(x).actor.actor_type
                                    == ActorType::Country =>
                            {
                                parts.push(x);
                            }
                            _ => {}
                        }
                    }
                }
                dedup(&mut parts);
                // "X arrived in Amman on a visit": a traveller and the
                // place they went make a meeting with the unnamed hosts
                let placed = self
                    .items
                    .iter()
                    .any(|it| matches!(it.kind, ItemKind::Place(_)));
                let visit = f.governed && parts.len() == 1 && (f.place.is_some() || placed);
                if parts.len() < 2 && !visit {
                    return None;
                }
                f.source = Some(Arg::Actor(parts[0]));
                f.target = parts.get(1).map(|&x| Arg::Actor(x));
                f.participants = parts;
            }
            EventKind::Strike => {
                if self.topic_of_statement(t) {
                    return None;
                }
                let mut source = owners.first().copied().map(Arg::Actor);
                if source.is_none() {
                    source = self.by_agent(t);
                }
                if source.is_none() {
                    source = self
                        .light_verb_subject(t)
                        .and_then(|s| s.first().copied())
                        .map(Arg::Actor);
                }
                let target = match self.object_after(t, true) {
                    Some((arg, _, Some(p)))
                        if matches!(p.as_str(), "on" | "against" | "at" | "in" | "into" | "of") =>
                    {
                        Some(arg)
                    }
                    _ => None,
                };
                // an attack nobody claimed still happened: "the bombing" is
                // a strike with no attacker named when the story is about
                // attacks, or when the noun names where it struck ("the
                // Kabul bombing"); a place elsewhere in the sentence belongs
                // to another phrase ("after clashes there", "forces from X")
                let placed = self.place_attached(t);
                if source.is_none() && target.is_none() && !placed && !self.strike_reported {
                    return None;
                }
                // an ambiguous noun ("strike": also a labour strike) is an
                // attack only with an attacker or a target
                if tr.requires == Requires::Object && source.is_none() && target.is_none() {
                    return None;
                }
                let mut parts = Vec::new();
                if let Some(Arg::Actor(s)) = source {
                    if let Some(state) = self.state_of_commander(s) {
                        parts.push(s);
                        source = Some(Arg::Actor(state));
                    }
                }
                self.fill_strike(&mut f, source, target, parts);
            }
            EventKind::Statement | EventKind::Proposal => {
                if let Some((giver, receiver)) = self.received_from(t) {
                    // "X received assurances from Y": Y's proposal to X
                    f.source = Some(Arg::Actor(giver));
                    f.target = receiver.map(Arg::Actor);
                    f.participants = [Some(giver), receiver].into_iter().flatten().collect();
                    return Some(f);
                }
                let source = owners
                    .first()
                    .copied()
                    .or_else(|| match self.by_agent(t) {
                        Some(Arg::Actor(x)) => Some(x),
                        _ => None,
                    })
                    .or_else(|| self.light_verb_subject(t).and_then(|s| s.first().copied()))
                    .or_else(|| self.group_owner(t));
                let Some(source) = source else {
                    // "He made promises" with "he" unresolved
                    let unnamed = tr.kind == EventKind::Proposal
                        && self
                            .light_verb_before(t)
                            .is_some_and(|k| self.pronoun_subject(k));
                    return unnamed.then_some(f);
                };
                f.source = Some(Arg::Actor(source));
                let target = match self.object_after(t, true) {
                    Some((Arg::Actor(x), _, Some(p))) if p == "to" && x != source => Some(x),
                    _ => None,
                };
                f.target = target.map(Arg::Actor);
                f.participants = [Some(source), target].into_iter().flatten().collect();
            }
        }
        Some(f)
    }
}

fn actor_of(a: &Arg) -> Option<usize> {
    match a {
        Arg::Actor(x) => Some(*x),
        Arg::Place(_) => None,
    }
}

fn dedup(v: &mut Vec<usize>) {
    let mut seen = Vec::new();
    v.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(*x);
            true
        }
    });
}
