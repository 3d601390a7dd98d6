//! Entity recognition and coreference: a sentence's tokens become [`Item`]s
//! (actors, places, dates, triggers, media, words), and each actor mention is
//! resolved to one actor of the document.
//!
//! Actors come from dictionary names, from titles ("Kremlin spokesman Dmitry
//! Peskov" gives an unknown person with role and country), from titles alone
//! resolved by date ("the Russian foreign minister"), from surnames and
//! pronouns resolved within the document, and from country words used for a
//! state ("Russian forces", "the Kremlin", "Moscow said").

use super::dates::{self, DateExpr};
use crate::lexicon::{Entry, Lexicon, Match, TokenMatches};
use crate::model::{Actor, ActorType, Place};
use crate::text::WordList;
use crate::text::{Analysis, Sentence, TokenKind};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    /// An actor of the document (index into [`ActorTable`]).
    Actor(usize),
    /// A country word used as an adjective ("a Syrian base").
    Modifier(usize),
    /// A place of the document ([`Recognizer::place_of`]): items are made
    /// for every token, so no variant owns memory and a sentence's items
    /// are freed without a look at each.
    Place(u32),
    /// A news medium (index into the lexicon's media).
    Media(u32),
    /// A trigger entry, read as a noun (`true`) or a verb.
    Trigger {
        entry: u32,
        noun: bool,
    },
    Cue(u32),
    Date(DateExpr),
    Word,
    Punct,
}

/// A run of tokens `[start, end)` and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub start: usize,
    pub end: usize,
    pub kind: ItemKind,
    /// An actor written as a possessor ("Trump's", "his").
    pub possessive: bool,
}

#[derive(Debug, Clone)]
pub struct ActorRec {
    pub actor: Actor,
    pub female: Option<bool>,
    /// Role key from the lexicon (`foreign_minister`) when known.
    pub role_key: Option<String>,
}

/// The actors of one document, each once.
#[derive(Debug, Default)]
pub struct ActorTable {
    pub actors: Vec<ActorRec>,
    by_id: FxHashMap<String, usize>,
}

impl ActorTable {
    fn add(&mut self, rec: ActorRec) -> usize {
        if let Some(&i) = self.by_id.get(&rec.actor.id) {
            let a = &mut self.actors[i];
            if a.actor.role.is_none() {
                a.actor.role = rec.actor.role;
                a.role_key = rec.role_key;
            }
            if a.actor.country.is_none() {
                a.actor.country = rec.actor.country;
            }
            return i;
        }
        self.by_id.insert(rec.actor.id.clone(), self.actors.len());
        self.actors.push(rec);
        self.actors.len() - 1
    }

    fn mention(&mut self, i: usize, span: [usize; 2]) {
        // mentions arrive in text order: a repeat can only be the last one
        let m = &mut self.actors[i].actor.mentions;
        if m.last() != Some(&span) {
            if m.capacity() == 0 {
                // most actors are mentioned more than the four a first
                // push makes room for
                m.reserve_exact(8);
            }
            m.push(span);
        }
    }

    pub fn get(&self, i: usize) -> &ActorRec {
        &self.actors[i]
    }

    /// Id of a person nobody listed: the name with the country of their
    /// title ("anton-vaino-rus"), so that two people who share a name but
    /// serve different states stay apart across documents; within a
    /// document, a mention with and one without the title are one person.
    fn unknown_person_id(&self, name: &str, country: Option<&str>) -> String {
        let base = slug(name);
        if self.by_id.contains_key(&base) {
            return base;
        }
        // the same name already met with its country ("ali" is not "ali-abu"
        // unless that actor is an Ali of ABU)
        let same_person = self.actors.iter().find(|r| {
            r.actor.actor_type == ActorType::Person
                && r.actor
                    .country
                    .as_ref()
                    .is_some_and(|c| is_name_with_country(&r.actor.id, &base, c))
                && slug(&r.actor.name) == base
        });
        if let Some(r) = same_person {
            return r.actor.id.clone();
        }
        match country {
            Some(c) if !c.is_empty() => format!("{base}-{}", c.to_ascii_lowercase()),
            _ => base,
        }
    }
}

/// Is `id` the name slug `base` with `country` ("ali-abu" for "ali", ABU)?
fn is_name_with_country(id: &str, base: &str, country: &str) -> bool {
    id.strip_prefix(base)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|c| {
            c.len() == country.len()
                && c.bytes()
                    .eq(country.bytes().map(|b| b.to_ascii_lowercase()))
        })
}

/// Lower-case id from a name: "Rex Tillerson" -> "rex-tillerson".
pub fn slug(name: &str) -> String {
    let mut norm = String::with_capacity(name.len() + 8);
    crate::text::normalize_into(name, &mut norm);
    let mut out = String::with_capacity(norm.len());
    for c in norm.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let kept = out.trim_end_matches('-').len();
    out.truncate(kept);
    out
}

const DETERMINERS: WordList = WordList::new(&[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "any",
    "no",
    "more",
    "further",
    "new",
    "fresh",
    "first",
    "second",
    "third",
    "two",
    "three",
    "several",
    "many",
    "such",
    "another",
    "each",
    "every",
    "'s",
    "latest",
    "recent",
    "last",
    "next",
    "previous",
    "rare",
    "historic",
    "surprise",
    "planned",
    "proposed",
    "possible",
    "upcoming",
    "scheduled",
    "joint",
    "bilateral",
    "direct",
    "brief",
    "formal",
    "informal",
    "private",
    "official",
    "high-level",
    "deadly",
    "fresh",
    "massive",
    "major",
    "of",
    "for",
    "all",
    "some",
    "renewed",
    "continued",
]);

/// Adjectives that end like adverbs: the word after them is a noun ("a
/// deadly attack"), not a verb.
const LY_ADJECTIVES: WordList = WordList::new(&[
    "deadly",
    "early",
    "friendly",
    "unfriendly",
    "elderly",
    "costly",
    "likely",
    "unlikely",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "holy",
    "lonely",
    "lovely",
    "ugly",
    "orderly",
    "timely",
    "bloody",
    "hourly",
    "nightly",
    "lively",
    "kindly",
    "manly",
    "worldly",
]);

const VERB_CONTEXT: WordList = WordList::new(&[
    "to",
    "will",
    "would",
    "may",
    "might",
    "could",
    "can",
    "should",
    "must",
    "shall",
    "not",
    "n't",
    "did",
    "does",
    "do",
    "also",
    "then",
    "who",
    "which",
    "that",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "never",
    "later",
    "reportedly",
    "jointly",
    "repeatedly",
    "had",
    "has",
    "have",
    "be",
    "been",
    "being",
    "is",
    "are",
    "was",
    "were",
    "'ll",
    "and",
    "or",
    "once",
    "again",
    "already",
    "still",
    "just",
    "recently",
    "previously",
    "first",
    "yesterday",
]);

const LOCATIVE: WordList = WordList::new(&[
    "in",
    "at",
    "near",
    "to",
    "into",
    "from",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "toward",
    "towards",
    "via",
    "over",
    "within",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
]);

/// Words after "it"/"they" that make it a subject standing for a state.
const SUBJECT_PRONOUN_NEXT: WordList = WordList::new(&[
    "will", "would", "could", "may", "might", "has", "had", "have", "said", "says", "wants",
    "plans", "agreed", "offered", "must", "should", "can", "also", "did", "does", "do", "'ll",
    "hoped", "hopes", "intends", "expects", "accused", "denied", "rejected", "pledged", "promised",
    "vowed", "proposed", "urged", "called", "insisted", "warned", "stressed",
]);

/// Words after a capital that make it its government, acting or speaking.
const CAPITAL_AS_ACTOR_NEXT: WordList = WordList::new(&[
    "'s",
    "said",
    "says",
    "has",
    "had",
    "have",
    "is",
    "was",
    "will",
    "would",
    "could",
    "may",
    "might",
    "must",
    "should",
    "wants",
    "wanted",
    "insists",
    "insisted",
    "accused",
    "warned",
    "denied",
    "denies",
    "rejected",
    "welcomed",
    "responded",
    "hopes",
    "believes",
    "sees",
    "considers",
    "regards",
    "views",
    "expects",
    "plans",
    "intends",
    "did",
    "does",
    "also",
]);

const PRONOUNS: &[(&str, Option<bool>, bool)] = &[
    ("he", Some(false), false),
    ("him", Some(false), false),
    ("his", Some(false), true),
    ("she", Some(true), false),
    ("her", Some(true), true),
];

/// Recognition state for one document.
pub struct Recognizer<'a> {
    lex: &'a Lexicon,
    a: &'a Analysis<'a>,
    date: Option<NaiveDate>,
    pub actors: ActorTable,
    /// Person mentions in text order, for pronouns.
    persons_seen: Vec<usize>,
    /// Folded surname -> actor, for later surname-only mentions.
    surnames: FxHashMap<String, usize>,
    /// The country each person's surname keys were made with.
    surnames_keyed: FxHashMap<usize, Option<String>>,
    /// Actors of lexicon countries and organisations, by table index.
    country_actors: FxHashMap<usize, usize>,
    org_actors: FxHashMap<usize, usize>,
    /// Role key -> last actor with that role ("the foreign minister").
    by_role: FxHashMap<String, usize>,
    /// Person mentions of the current sentence so far.
    sentence_persons: Vec<usize>,
    /// Country and organisation mentions: this sentence's so far, and the
    /// previous sentence's (for "it" and "they").
    sentence_states: Vec<usize>,
    previous_states: Vec<usize>,
    /// The date offices are resolved on in the current sentence: the date
    /// the sentence names ("in 2003, the Russian foreign minister ..."),
    /// else the document's.
    when: Option<NaiveDate>,
    /// Dictionary matches at every token, looked up once per document.
    token_matches: &'a TokenMatches,
    /// The places the document names, in the order recognised.
    places: Vec<Place>,
    /// The trigger items of the last sentence ([`Recognizer::sentence`]):
    /// (item index, trigger entry, read as a noun), in text order.
    pub triggers: Vec<(usize, u32, bool)>,
    /// Whether the last sentence has a media item.
    pub names_media: bool,
    /// The date expressions of the current sentence, parsed once per
    /// sentence: (first token, length in tokens, expression), in text order.
    sentence_dates: Vec<(usize, usize, DateExpr)>,
    /// The person the text is about: the speaker or actor of the last
    /// sentence's events, set by extraction after each sentence.
    pub focus: Option<usize>,
    /// What scopes groups nobody identified ("police") to one story.
    pub scope: Option<String>,
    /// Token after the last actor mention: a trigger there follows its
    /// subject ("a Russian official offered"), whatever the word before.
    actor_end: usize,
    /// Token after a state, organisation or group named after "a"/"an": the
    /// name modifies the next word ("an Islamic State target"), no subject.
    modifier_end: usize,
}

impl<'a> Recognizer<'a> {
    pub fn new(
        lex: &'a Lexicon,
        a: &'a Analysis<'a>,
        token_matches: &'a TokenMatches,
        date: Option<NaiveDate>,
    ) -> Self {
        Recognizer {
            lex,
            a,
            date,
            actors: ActorTable::default(),
            // what most documents need, so that they are not grown from 4
            persons_seen: Vec::with_capacity(32),
            surnames: FxHashMap::default(),
            surnames_keyed: FxHashMap::default(),
            country_actors: FxHashMap::default(),
            org_actors: FxHashMap::default(),
            by_role: FxHashMap::default(),
            sentence_persons: Vec::with_capacity(8),
            token_matches,
            sentence_dates: Vec::with_capacity(8),
            places: Vec::new(),
            triggers: Vec::with_capacity(8),
            names_media: false,
            when: date,
            sentence_states: Vec::with_capacity(8),
            previous_states: Vec::with_capacity(8),
            focus: None,
            scope: None,
            actor_end: usize::MAX,
            modifier_end: usize::MAX,
        }
    }

    /// The items of one sentence, left to right, covering every token. Its
    /// triggers and whether it names a medium or a date are kept
    /// ([`Recognizer::triggers`], [`Recognizer::names_media`],
    /// [`Recognizer::may_name_dates`]), so that later stages need not
    /// look at every item for them.
    pub fn sentence(&mut self, s: &Sentence) -> Vec<Item> {
        let mut items = Vec::new();
        self.sentence_into(s, &mut items);
        items
    }

    /// [`Recognizer::sentence`] into `items`, which is cleared first: a
    /// document's sentences reuse one list instead of allocating their own.
    pub fn sentence_into(&mut self, s: &Sentence, items: &mut Vec<Item>) {
        items.clear();
        items.reserve(s.tok_end - s.tok_start);
        self.triggers.clear();
        self.names_media = false;
        self.sentence_persons.clear();
        self.parse_sentence_dates(s);
        self.when = self.sentence_date().or(self.date);
        if !self.sentence_states.is_empty() {
            // a swap, not a take, so that neither list is grown anew
            std::mem::swap(&mut self.previous_states, &mut self.sentence_states);
            self.sentence_states.clear();
        }
        let mut i = s.tok_start;
        let end = s.tok_end;
        while i < end {
            let (len, kind, possessive) = match self.simple_item_at(i) {
                Some((len, kind)) => (len, kind, false),
                None => self.item_at(i, end),
            };
            let len = len.max(1);
            let stop = (i + len).min(end);
            if let ItemKind::Actor(x) = kind {
                self.actor_end = stop;
                // a name, not a common noun ("an Israeli soldier fired")
                if i > s.tok_start
                    && matches!(self.a.norm(i - 1), "a" | "an")
                    && self.a.tokens[stop - 1].cap
                    && self.actors.get(x).actor.actor_type != ActorType::Person
                {
                    self.modifier_end = stop;
                }
                let span = self.a.byte_span(i, stop);
                self.actors.mention(x, span);
                if self.actors.get(x).actor.actor_type != ActorType::Person {
                    self.sentence_states.push(x);
                }
            }
            match kind {
                ItemKind::Trigger { entry, noun } => self.triggers.push((items.len(), entry, noun)),
                ItemKind::Media(_) => self.names_media = true,
                _ => {}
            }
            let poss = possessive || (stop < end && self.is_possessive_mark(stop));
            items.push(Item {
                start: i,
                end: stop,
                kind,
                possessive: poss,
            });
            i = stop;
        }
    }

    /// The first date the sentence names absolutely (a full date, a month
    /// and year, or a year), as its first day: who held an office then is
    /// who the sentence's titles mean.
    fn sentence_date(&self) -> Option<NaiveDate> {
        self.sentence_dates.iter().find_map(|d| match d.2 {
            e @ (DateExpr::Full(_) | DateExpr::MonthYear(..) | DateExpr::Year(_)) => {
                dates::resolve(e, self.date, None, dates::Tense::Past).map(|d| d.start)
            }
            _ => None,
        })
    }

    /// A date starts at a number or at one of the words the dictionary
    /// pass marked ([`TokenMatches::date_words`]); only those tokens reach
    /// the date grammar.
    fn parse_sentence_dates(&mut self, s: &Sentence) {
        let a = self.a;
        self.sentence_dates.clear();
        let words = self.token_matches.date_words();
        let first_word = words.partition_point(|&k| (k as usize) < s.tok_start);
        // the sentence's date words, then a stop no token reaches
        let mut words = words[first_word..].iter().map(|&k| k as usize);
        let mut next_word = words.next().unwrap_or(usize::MAX);
        let tokens = a.tokens.get(s.tok_start..s.tok_end).unwrap_or_default();
        for (i, t) in (s.tok_start..).zip(tokens) {
            let is_word = i == next_word;
            if is_word {
                next_word = words.next().unwrap_or(usize::MAX);
            } else if t.kind != TokenKind::Number {
                continue;
            }
            if let Some((len, e)) = dates::parse_at(a, i, s.tok_end) {
                self.sentence_dates.push((i, len, e));
            }
        }
    }

    /// False when the last sentence has no date item.
    pub fn may_name_dates(&self) -> bool {
        !self.sentence_dates.is_empty()
    }

    /// The date expression starting at token `i` of the current sentence.
    fn date_at(&self, i: usize) -> Option<(usize, DateExpr)> {
        // most sentences have no date: skip the search
        if self.sentence_dates.is_empty() {
            return None;
        }
        let k = self.sentence_dates.binary_search_by_key(&i, |d| d.0).ok()?;
        let (_, len, e) = self.sentence_dates[k];
        Some((len, e))
    }

    /// "'s", or a bare apostrophe attached to a word ending in s or a dot
    /// ("the U.S.' attack", "the allies' plan").
    fn is_possessive_mark(&self, k: usize) -> bool {
        let a = self.a;
        if a.norm_first(k) != b'\'' {
            return false;
        }
        match a.norm(k) {
            "'s" => true,
            "'" => {
                k > 0
                    && !a.tokens[k].space_before
                    && a.tokens.get(k + 1).is_none_or(|t| t.space_before)
                    && (a.surface(k - 1).ends_with('s') || a.surface(k - 1).ends_with('.'))
            }
            _ => false,
        }
    }

    /// The item at token `i` when it is a date, a punctuation mark or a
    /// plain word, the cheap cases most tokens are; else `None`.
    #[inline(always)]
    fn simple_item_at(&self, i: usize) -> Option<(usize, ItemKind)> {
        let a = self.a;
        if let Some((len, expr)) = self.date_at(i) {
            return Some((len, ItemKind::Date(expr)));
        }
        let tok = &a.tokens[i];
        if tok.kind == TokenKind::Punct {
            return Some((1, ItemKind::Punct));
        }
        // a lower-case word no dictionary knows and no pronoun, determiner
        // or "counterpart" that could start a mention
        let plain = !tok.cap
            && self.matches(i).is_empty()
            && !(may_open_reference(a.norm_first(i)) && may_refer(a.norm(i)));
        plain.then_some((1, ItemKind::Word))
    }

    /// The item at token `i` that [`Recognizer::simple_item_at`] left:
    /// mentions, places, triggers, cues, pronouns and names.
    fn item_at(&mut self, i: usize, end: usize) -> (usize, ItemKind, bool) {
        let matches = self.matches(i);
        if let Some((len, kind)) = self.actor_phrase_at(i, end, matches) {
            return (len, kind, false);
        }
        if let Some(m) = best(matches, |e| matches!(e, Entry::Place(_))) {
            if let Entry::Place(p) = m.entry {
                let place = self.place(p);
                return (
                    self.place_len(i, m.len, end),
                    ItemKind::Place(self.add_place(place)),
                    false,
                );
            }
        }
        if let Some(m) = best(matches, |e| matches!(e, Entry::Media(_))) {
            if let Entry::Media(x) = m.entry {
                return (m.len, ItemKind::Media(x), false);
            }
        }
        if let Some((len, kind)) = self.trigger_at(i, matches) {
            return (len, kind, false);
        }
        if let Some(m) = best(matches, |e| matches!(e, Entry::Cue(_))) {
            if let Entry::Cue(c) = m.entry {
                return (m.len, ItemKind::Cue(c), false);
            }
        }
        if let Some((x, possessive)) = self.pronoun_at(i) {
            return (1, ItemKind::Actor(x), possessive);
        }
        if let Some(x) = self.state_pronoun_at(i, end) {
            return (1, ItemKind::Actor(x), false);
        }
        if let Some(x) = self.surname_at(i) {
            return (1, ItemKind::Actor(x), false);
        }
        (1, ItemKind::Word, false)
    }

    /// Country, organisation, title and name words forming one actor
    /// mention, e.g. "Britain's Foreign Secretary Boris Johnson".
    fn actor_phrase_at(
        &mut self,
        i: usize,
        end: usize,
        matches: &[Match],
    ) -> Option<(usize, ItemKind)> {
        let a = self.a;
        let mut j = i;
        let mut anchor: Option<usize> = None;
        let mut matches = matches;
        // a determiner or possessive pronoun opening a title phrase
        if a.norm_in(i, &TITLE_OPENERS) && i + 1 < end {
            let next = self.matches(i + 1);
            let opens = next
                .iter()
                .any(|m| matches!(m.entry, Entry::Title(_)) || is_state_word(&m.entry))
                || a.is(i + 1, "counterpart");
            if !opens {
                return None;
            }
            if a.norm(i) != "the" {
                anchor = self.pronoun_at(i).map(|x| x.0);
            }
            j = i + 1;
            matches = next;
        }
        // 1. a modifier: country, demonym, metonym, capital or organisation
        let mut modifier: Option<(Entry, usize, usize)> = None; // entry, start, end
        let person_len = best(matches, |e| matches!(e, Entry::Person(_)))
            .map(|m| m.len)
            .unwrap_or(0);
        if let Some(m) = best(matches, is_state_word) {
            let place_len = best(matches, |e| matches!(e, Entry::Place(_)))
                .map(|p| p.len)
                .unwrap_or(0);
            if m.len > person_len && m.len >= place_len {
                modifier = Some((m.entry, j, j + m.len));
                j += m.len;
                if j < end && a.is(j, "'s") {
                    j += 1;
                }
            }
        }
        // 2. titles
        let mut title: Option<u32> = None;
        let mut counterpart = false;
        let mut honorific = false;
        while j < end {
            if a.is(j, "counterpart") || a.is(j, "counterparts") {
                counterpart = true;
                j += 1;
                continue;
            }
            let tm = self.matches(j);
            let tp = best(tm, |e| matches!(e, Entry::Title(_)));
            let pp = best(tm, |e| matches!(e, Entry::Person(_)));
            match tp {
                Some(t) if pp.is_none_or(|p| p.len <= t.len) => {
                    if let Entry::Title(x) = t.entry {
                        if self.lex.titles[x as usize].role == "honorific" {
                            honorific = true;
                        } else {
                            title = Some(x);
                        }
                    }
                    j += t.len;
                    if j < end && a.is(j, ".") {
                        j += 1;
                    }
                    // "Secretary of State Rex Tillerson", "Foreign Minister, Sergei Lavrov"
                    if j + 1 < end && a.is(j, ",") && modifier.is_none() {
                        break;
                    }
                }
                _ => break,
            }
        }
        // "the President of France", "leaders of Romania's government"
        if title.is_some() && modifier.is_none() && j + 1 < end && a.is(j, "of") {
            let om = self.matches(j + 1);
            if let Some(m) = best(om, is_state_word) {
                modifier = Some((m.entry, j + 1, j + 1 + m.len));
                j += 1 + m.len;
                if j < end && a.is(j, "'s") {
                    j += 1;
                }
                // "Romania's new government": the institution word goes too
                let mut k = j;
                while k < end && k < j + 3 {
                    let im = self.matches(k);
                    if let Some(inst) = best(im, |e| matches!(e, Entry::Institution(_))) {
                        j = k + inst.len;
                        break;
                    }
                    k += 1;
                }
            }
        }
        // an institution after a country word: "Russian forces", "Syria's government"
        if title.is_none() && !counterpart && !honorific {
            if let Some((m_entry, _, _)) = modifier {
                if let Some(country) = self.country_of_entry(m_entry) {
                    let im = self.matches(j);
                    if let Some(inst) = best(im, |e| matches!(e, Entry::Institution(_))) {
                        if let Entry::Institution(x) = inst.entry {
                            let idx = self.institution_actor(country, x);
                            return Some((j + inst.len - i, ItemKind::Actor(idx)));
                        }
                    }
                }
            }
        }
        // 3. a name
        let mut name_end = j;
        let mut person: Option<usize> = None;
        if j < end {
            let nm = if j == i { matches } else { self.matches(j) };
            if let Some(p) = best(nm, |e| matches!(e, Entry::Person(_))) {
                if let Entry::Person(x) = p.entry {
                    name_end = j + p.len;
                    person = Some(self.lex_person_actor(x as usize, title));
                }
            } else if title.is_some() || honorific || counterpart {
                if let Some(x) = self.known_surname_actor(j) {
                    name_end = j + 1;
                    person = Some(x);
                } else {
                    let n = self.unknown_name_len(j, end);
                    if n > 0 {
                        name_end = j + n;
                        let country = modifier.and_then(|(e, _, _)| self.country_of_entry(e));
                        person = Some(self.unknown_person(j, name_end, title, country));
                    }
                }
            } else if modifier.is_none() && j == i {
                let n = self.unknown_name_len(j, end);
                let given = n >= 2 && self.lex.is_given_name(a.norm(j));
                // "Chuchart Kanpai said": two or three capitalised words
                // right before a verb are a name
                let before_verb = (2..=3).contains(&n) && self.verb_at(j + n, end);
                if given || before_verb {
                    name_end = j + n;
                    person = Some(self.unknown_person(j, name_end, None, None));
                }
            }
        }
        if let Some(x) = person {
            self.note_person(x);
            return Some((name_end - i, ItemKind::Actor(x)));
        }
        // 4. a title without a name: resolve by country and date, or by
        // the last actor with that role
        if title.is_some() || counterpart {
            let country = modifier
                .and_then(|(e, _, _)| self.country_of_entry(e))
                .or_else(|| {
                    title.and_then(|t| self.lex.titles[t as usize].default_country.clone())
                });
            let role = match (title, counterpart) {
                (Some(t), _) => Some(self.lex.titles[t as usize].role.clone()),
                (None, true) => anchor
                    .or_else(|| self.persons_seen.last().copied())
                    .and_then(|x| self.actors.get(x).role_key.clone()),
                _ => None,
            };
            let role = role?;
            if let Some(c) = &country {
                if let Some(d) = self.when {
                    if let Some(p) = self.lex.role_holder(c, &role, d) {
                        let idx = self.lex.person_index(&p.id)?;
                        let x = self.lex_person_actor(idx, title);
                        self.note_person(x);
                        return Some((j - i, ItemKind::Actor(x)));
                    }
                }
                if let Some(t) = title {
                    let x = self.official_actor(c, t);
                    self.note_person(x);
                    return Some((j - i, ItemKind::Actor(x)));
                }
                return None;
            }
            if let Some(&x) = self.by_role.get(&role) {
                return Some((j - i, ItemKind::Actor(x)));
            }
            return None;
        }
        // 5. a country word on its own
        let (entry, m_start, m_end) = modifier?;
        let locative = m_start > 0 && LOCATIVE.contains(a.norm(m_start - 1));
        match entry {
            Entry::Demonym(c) => {
                let x = self.country_actor(c as usize);
                // "the Russians" act as a state; "a Syrian base" only qualifies
                let plural = a.surface(m_end - 1).ends_with('s');
                let kind = if plural {
                    ItemKind::Actor(x)
                } else {
                    ItemKind::Modifier(x)
                };
                Some((m_end - i, kind))
            }
            Entry::Capital(c) if !self.capital_acts(m_start, m_end, end) => {
                let place = self.country_place(c as usize, true);
                let len = self.place_len(m_start, m_end - m_start, end) + (m_start - i);
                Some((len, ItemKind::Place(self.add_place(place))))
            }
            Entry::Country(c) | Entry::Capital(c) if locative => {
                let place = self.country_place(c as usize, matches!(entry, Entry::Capital(_)));
                let len = self.place_len(m_start, m_end - m_start, end) + (m_start - i);
                Some((len, ItemKind::Place(self.add_place(place))))
            }
            Entry::Country(c) | Entry::Capital(c) => {
                // "U.S.-Russia relations", "the Moscow talks": a modifier
                let hyphenated = m_end < end && a.is(m_end, "-") && !a.tokens[m_end].space_before;
                let x = self.country_actor(c as usize);
                let kind = if hyphenated {
                    ItemKind::Modifier(x)
                } else {
                    ItemKind::Actor(x)
                };
                Some((j - i, kind))
            }
            Entry::Metonym(x) => {
                let r = self.lex.metonyms[x as usize].refers_to.clone();
                let idx = self.actor_for_code(&r)?;
                Some((j - i, ItemKind::Actor(idx)))
            }
            Entry::Org(o) => {
                let x = self.org_actor(o as usize);
                Some((j - i, ItemKind::Actor(x)))
            }
            _ => None,
        }
    }

    /// Is a capital at `[s, e)` its state's government ("Moscow said",
    /// "Moscow's readiness", "between Moscow and Washington") rather than
    /// a place ("flew to Moscow", "talks in Moscow")?
    fn capital_acts(&self, s: usize, e: usize, end: usize) -> bool {
        let a = self.a;
        let next = if e < end { a.norm(e) } else { "" };
        let prev = a.prev_norm(s);
        if CAPITAL_AS_ACTOR_NEXT.contains(next) {
            return true;
        }
        if e < end && !matches!(next, "and" | "," | "-") {
            let m = self.matches(e);
            let verb = m.iter().any(|m| match m.entry {
                Entry::Trigger(t) => {
                    self.lex.triggers[t as usize].form != crate::lexicon::VerbForm::Noun
                }
                _ => false,
            });
            if verb {
                return true;
            }
        }
        matches!(prev, "between" | "and") && !LOCATIVE.contains(a.prev_norm(s.saturating_sub(2)))
            || (next == "and" && matches!(prev, "" | "that" | "," | "between" | "\"" | "and"))
    }

    /// Tokens of a place name, with ", Country" after it ("Lucca, Italy").
    fn place_len(&self, i: usize, len: usize, end: usize) -> usize {
        let j = i + len;
        if j + 1 < end && self.a.is(j, ",") {
            let m = self.matches(j + 1);
            if let Some(c) = best(m, |e| matches!(e, Entry::Country(_))) {
                return len + 1 + c.len;
            }
        }
        len
    }

    fn place(&self, p: u32) -> Place {
        let e = &self.lex.places[p as usize];
        Place {
            name: e.name.clone(),
            country: e.country.clone(),
            lat: e.lat,
            lon: e.lon,
        }
    }

    fn country_place(&self, c: usize, capital: bool) -> Place {
        let k = &self.lex.countries[c];
        if capital {
            Place {
                name: k.capital.clone().unwrap_or_else(|| k.name.clone()),
                country: Some(k.iso3.clone()),
                lat: k.capital_lat,
                lon: k.capital_lon,
            }
        } else {
            Place {
                name: k.name.clone(),
                country: Some(k.iso3.clone()),
                lat: None,
                lon: None,
            }
        }
    }

    fn trigger_at(&self, i: usize, matches: &[Match]) -> Option<(usize, ItemKind)> {
        let a = self.a;
        let trigger_of = |m: &Match| match m.entry {
            Entry::Trigger(t) => Some((m.len, t)),
            _ => None,
        };
        let longest = matches
            .iter()
            .filter_map(trigger_of)
            .map(|(len, _)| len)
            .max()?;
        // "West Darfur State", "Strike Group": capitalised mid-sentence, a name
        let tok = a.tokens[i];
        let sentence_initial =
            i == 0 || a.tokens[i].para_before || matches!(a.prev_norm(i), "." | "\"" | ":" | "-");
        if tok.cap && !tok.upper && !sentence_initial {
            return None;
        }
        let cue_len = best(matches, |e| matches!(e, Entry::Cue(_)))
            .map(|m| m.len)
            .unwrap_or(0);
        if cue_len > longest {
            return None;
        }
        let mut cands = matches
            .iter()
            .filter_map(trigger_of)
            .filter(|&(len, _)| len == longest)
            .map(|(_, t)| t);
        let prev = a.prev_norm(i);
        let prev_is_det = (DETERMINERS.contains(prev)
            || (i > 0 && a.tokens[i - 1].kind == TokenKind::Number))
            && self.actor_end != i
            || self.modifier_end == i;
        // an adverb before the word makes it a verb: "to unconditionally pledge"
        let prev_is_verb_ctx = VERB_CONTEXT.contains(prev)
            || (prev.len() > 4 && prev.ends_with("ly") && !LY_ADJECTIVES.contains(prev));
        let is_noun = |t: u32| self.lex.triggers[t as usize].form == crate::lexicon::VerbForm::Noun;
        let noun = cands.clone().find(|&t| is_noun(t));
        let verb = cands.find(|&t| !is_noun(t));
        let after_preposition = matches!(
            prev,
            "on" | "in"
                | "at"
                | "of"
                | "for"
                | "with"
                | "by"
                | "from"
                | "against"
                | "into"
                | "about"
                | "over"
                | "across"
        );
        let verb = verb.filter(|&v| {
            !after_preposition
                || self.lex.triggers[v as usize].form == crate::lexicon::VerbForm::Gerund
        });
        if noun.is_none() && verb.is_none() {
            return None;
        }
        let pick = match (noun, verb) {
            (Some(n), Some(v)) => {
                if prev_is_det && !prev_is_verb_ctx {
                    (n, true)
                } else if prev_is_verb_ctx || self.prev_is_actor(i) || self.actor_end == i {
                    (v, false)
                } else {
                    (n, true)
                }
            }
            (Some(n), None) => (n, true),
            (None, Some(v)) => {
                // a verb form after a determiner is an adjective or a noun
                // ("the proposed plan", "the state"): no verb trigger here
                if prev_is_det && !prev_is_verb_ctx {
                    return None;
                }
                (v, false)
            }
            (None, None) => return None,
        };
        Some((
            longest,
            ItemKind::Trigger {
                entry: pick.0,
                noun: pick.1,
            },
        ))
    }

    /// A lower-case verb trigger (or a comma and one: "X, a lawyer, said"
    /// is left alone) at token `k`.
    fn verb_at(&self, k: usize, end: usize) -> bool {
        if k >= end || self.a.tokens[k].cap {
            return false;
        }
        self.token_matches.at(k).iter().any(|m| match m.entry {
            Entry::Trigger(t) => {
                let form = self.lex.triggers[t as usize].form;
                !matches!(
                    form,
                    crate::lexicon::VerbForm::Noun | crate::lexicon::VerbForm::Weapon
                )
            }
            _ => false,
        })
    }

    fn prev_is_actor(&self, i: usize) -> bool {
        i > 0 && {
            let p = self.a.tokens[i - 1];
            p.cap && p.is_word()
        }
    }

    /// A personal pronoun resolved to a person: a possessive ("his") to the
    /// nearest person before it in the sentence, a subject ("he") to the
    /// sentence's first person; else to the focus of the text, else to the
    /// last person mentioned.
    fn pronoun_at(&self, i: usize) -> Option<(usize, bool)> {
        // a first byte no pronoun has turns most words away unsliced
        let first = self.a.norm_first(i);
        if !PRONOUNS.iter().any(|(w, _, _)| w.as_bytes()[0] == first) {
            return None;
        }
        let n = self.a.norm(i);
        let (_, female, possessive) = PRONOUNS.iter().find(|(w, _, _)| *w == n)?;
        let fits = |x: &usize| match (self.actors.get(*x).female, female) {
            (Some(g), Some(want)) => g == *want,
            _ => true,
        };
        let in_sentence = if *possessive {
            self.sentence_persons.iter().rev().find(|x| fits(x))
        } else {
            self.sentence_persons.iter().find(|x| fits(x))
        };
        let x = in_sentence
            .copied()
            .or(self.focus.filter(fits))
            .or_else(|| self.persons_seen.iter().rev().find(|x| fits(x)).copied())?;
        Some((x, *possessive))
    }

    /// "it" or "they" as the subject of a verb ("Hungary said it will
    /// support"), resolved to the last country or organisation mentioned;
    /// the expletive "it is" is left alone.
    fn state_pronoun_at(&self, i: usize, end: usize) -> Option<usize> {
        if i + 1 >= end || !self.a.norm_in(i, &STATE_PRONOUNS) {
            return None;
        }
        if !SUBJECT_PRONOUN_NEXT.contains(self.a.norm(i + 1)) {
            return None;
        }
        self.sentence_states
            .last()
            .or_else(|| self.previous_states.first())
            .copied()
    }

    /// A capitalised word naming a person already met in the document, or a
    /// known person's surname.
    fn surname_at(&mut self, i: usize) -> Option<usize> {
        let x = self.known_surname_actor(i)?;
        self.note_person(x);
        Some(x)
    }

    fn known_surname_actor(&mut self, i: usize) -> Option<usize> {
        let t = self.a.tokens[i];
        if !t.cap || !t.is_word() {
            return None;
        }
        let n = self.a.norm(i);
        if let Some(&x) = self.surnames.get(n) {
            return Some(x);
        }
        let p = self.lex.person_by_surname(n, self.when)?;
        let idx = self.lex.person_index(&p.id)?;
        Some(self.lex_person_actor(idx, None))
    }

    /// Length of a capitalised name nobody listed: 1–4 capitalised words
    /// (with name particles), none of them a dictionary entry of another sort.
    fn unknown_name_len(&self, j: usize, end: usize) -> usize {
        let a = self.a;
        let mut k = j;
        let mut words = 0;
        while k < end && words < 4 {
            let t = a.tokens[k];
            if t.kind == TokenKind::Punct {
                if a.is(k, "-") && !t.space_before && words > 0 {
                    k += 1;
                    continue;
                }
                break;
            }
            let particle = || {
                matches!(
                    a.norm(k),
                    "al" | "el"
                        | "bin"
                        | "ibn"
                        | "de"
                        | "van"
                        | "von"
                        | "da"
                        | "di"
                        | "abu"
                        | "ben"
                )
            };
            if !(t.cap || (words > 0 && particle())) || t.kind == TokenKind::Number {
                break;
            }
            if self.date_at(k).is_some() {
                break;
            }
            let m = self.matches(k);
            let other = m.iter().any(|m| {
                let capitalised_trigger =
                    matches!(m.entry, Entry::Trigger(_)) && t.cap && words > 0;
                !(matches!(m.entry, Entry::Person(_) | Entry::Cue(_)) || capitalised_trigger)
            });
            if other {
                break;
            }
            words += 1;
            k += 1;
        }
        // drop a trailing particle
        while k > j
            && matches!(
                a.norm(k - 1),
                "al" | "el" | "bin" | "de" | "van" | "von" | "da" | "-"
            )
        {
            k -= 1;
        }
        k - j
    }

    fn note_person(&mut self, x: usize) {
        self.persons_seen.push(x);
        self.sentence_persons.push(x);
        let rec = self.actors.get(x);
        if rec.actor.actor_type == ActorType::Person {
            // a person's surname keys change only when their country does
            let country = rec.actor.country.as_deref();
            if self.surnames_keyed.get(&x).map(Option::as_deref) != Some(country) {
                self.surnames_keyed.insert(x, country.map(str::to_string));
                for s in crate::lexicon::surname_keys(&rec.actor.name, country) {
                    self.surnames.entry(s).or_insert(x);
                }
            }
            if let Some(r) = rec.role_key.clone() {
                self.by_role.insert(r, x);
            }
        }
    }

    fn country_of_entry(&self, e: Entry) -> Option<String> {
        match e {
            Entry::Country(c) | Entry::Demonym(c) | Entry::Capital(c) => {
                Some(self.lex.countries[c as usize].iso3.clone())
            }
            Entry::Metonym(m) => {
                let r = &self.lex.metonyms[m as usize].refers_to;
                if self.lex.country(r).is_some() {
                    Some(r.clone())
                } else {
                    self.lex.org(r).and_then(|o| o.code.clone())
                }
            }
            Entry::Org(o) => self.lex.orgs[o as usize].code.clone(),
            _ => None,
        }
    }

    fn actor_for_code(&mut self, code: &str) -> Option<usize> {
        if let Some(i) = self.lex.country_index(code) {
            return Some(self.country_actor(i));
        }
        let o = self.lex.org_index(code)?;
        Some(self.org_actor(o))
    }

    /// The dictionary matches at every token of the document.
    pub fn token_matches(&self) -> &'a TokenMatches {
        self.token_matches
    }

    fn add_place(&mut self, p: Place) -> u32 {
        self.places.push(p);
        (self.places.len() - 1) as u32
    }

    /// The place an [`ItemKind::Place`] item names.
    pub fn place_of(&self, x: u32) -> &Place {
        &self.places[x as usize]
    }

    /// The dictionary matches at token `i` (none past the end), longest first.
    fn matches(&self, i: usize) -> &'a [Match] {
        self.token_matches.at(i)
    }

    /// A group of people named by a common noun at tokens `[s, e)` ("police",
    /// "the attackers"), of `country` when the text gives one. Without a
    /// country nothing identifies it beyond this document, so its id is
    /// scoped by [`Recognizer::scope`]: the police of two stories stay two.
    pub fn group_actor(
        &mut self,
        s: usize,
        e: usize,
        name: &str,
        country: Option<String>,
    ) -> usize {
        let id = match (&country, &self.scope) {
            (Some(c), _) => format!("{}-{}", slug(name), c.to_ascii_lowercase()),
            (None, Some(doc)) => format!("{}-in-{}", slug(name), slug(doc)),
            (None, None) => slug(name),
        };
        let x = self.actors.add(ActorRec {
            actor: Actor {
                id,
                name: name.to_string(),
                actor_type: ActorType::Group,
                country,
                role: None,
                mentions: Vec::new(),
            },
            female: None,
            role_key: None,
        });
        if s < e {
            let span = self.a.byte_span(s, e);
            self.actors.mention(x, span);
        }
        x
    }

    /// A person nobody listed, named by the capitalised words `[s, e)` that
    /// events found in a subject's place ("Comey said").
    pub fn named_actor(&mut self, s: usize, e: usize) -> usize {
        let x = self.unknown_person(s, e, None, None);
        let span = self.a.byte_span(s, e);
        self.actors.mention(x, span);
        x
    }

    /// An organisation nobody listed, named by an acronym at tokens `[s, e)`
    /// in a subject's place ("the IOC convened").
    pub fn acronym_actor(&mut self, s: usize, e: usize) -> usize {
        let name = self.a.slice(s, e).to_string();
        let x = self.actors.add(ActorRec {
            actor: Actor {
                id: slug(&name),
                name,
                actor_type: ActorType::Organization,
                country: None,
                role: None,
                mentions: Vec::new(),
            },
            female: None,
            role_key: None,
        });
        let span = self.a.byte_span(s, e);
        self.actors.mention(x, span);
        x
    }

    /// The actor for a country by ISO3, if the lexicon knows the country.
    pub fn country_actor_by_code(&mut self, iso3: &str) -> Option<usize> {
        let c = self.lex.country_index(iso3)?;
        Some(self.country_actor(c))
    }

    pub fn country_actor(&mut self, c: usize) -> usize {
        if let Some(&x) = self.country_actors.get(&c) {
            return x;
        }
        let k = &self.lex.countries[c];
        let x = self.actors.add(ActorRec {
            actor: Actor {
                id: slug(&k.name),
                name: k.name.clone(),
                actor_type: ActorType::Country,
                country: Some(k.iso3.clone()),
                role: None,
                mentions: Vec::new(),
            },
            female: None,
            role_key: None,
        });
        self.country_actors.insert(c, x);
        x
    }

    fn org_actor(&mut self, o: usize) -> usize {
        if let Some(&x) = self.org_actors.get(&o) {
            return x;
        }
        let org = &self.lex.orgs[o];
        let x = self.actors.add(ActorRec {
            actor: Actor {
                id: org.id.clone(),
                name: org.name.clone(),
                actor_type: if org.group {
                    ActorType::Group
                } else {
                    ActorType::Organization
                },
                country: org.code.clone(),
                role: None,
                mentions: Vec::new(),
            },
            female: None,
            role_key: None,
        });
        self.org_actors.insert(o, x);
        x
    }

    fn institution_actor(&mut self, country: String, inst: u32) -> usize {
        let group = self.lex.institutions[inst as usize].group;
        let Some(name) = self.lex.institutions[inst as usize].name.clone() else {
            return self
                .actor_for_code(&country)
                .unwrap_or_else(|| self.code_actor(&country));
        };
        let cname = self
            .lex
            .country(&country)
            .map(|c| c.name.clone())
            .unwrap_or(country.clone());
        let full = format!("{name} ({cname})");
        self.actors.add(ActorRec {
            actor: Actor {
                id: slug(&full),
                name: full,
                actor_type: if group {
                    ActorType::Group
                } else {
                    ActorType::Organization
                },
                country: Some(country),
                role: None,
                mentions: Vec::new(),
            },
            female: None,
            role_key: None,
        })
    }

    /// An actor for a bare code with no lexicon entry (an organisation's code).
    fn code_actor(&mut self, code: &str) -> usize {
        self.actors.add(ActorRec {
            actor: Actor {
                id: slug(code),
                name: code.to_string(),
                actor_type: ActorType::Organization,
                country: Some(code.to_string()),
                role: None,
                mentions: Vec::new(),
            },
            female: None,
            role_key: None,
        })
    }

    fn lex_person_actor(&mut self, p: usize, title: Option<u32>) -> usize {
        let person = &self.lex.people[p];
        let role = person.role_on(self.when);
        let title_role = title.map(|t| &self.lex.titles[t as usize]);
        self.actors.add(ActorRec {
            actor: Actor {
                id: person.id.clone(),
                name: person.name.clone(),
                actor_type: ActorType::Person,
                country: role
                    .map(|r| r.country.clone())
                    .or_else(|| person.country_on(self.when).map(str::to_string)),
                role: role
                    .map(|r| r.title.clone())
                    .or_else(|| title_role.map(|t| t.display.clone())),
                mentions: Vec::new(),
            },
            female: person.female,
            role_key: role
                .map(|r| r.role.clone())
                .or_else(|| title_role.map(|t| t.role.clone())),
        })
    }

    fn unknown_person(
        &mut self,
        a0: usize,
        a1: usize,
        title: Option<u32>,
        country: Option<String>,
    ) -> usize {
        let name = self.a.slice(a0, a1).to_string();
        let t = title.map(|t| &self.lex.titles[t as usize]);
        let country = country.or_else(|| t.and_then(|t| t.default_country.clone()));
        let id = self.actors.unknown_person_id(&name, country.as_deref());
        self.actors.add(ActorRec {
            actor: Actor {
                id,
                name,
                actor_type: ActorType::Person,
                country,
                role: t.map(|t| t.display.clone()),
                mentions: Vec::new(),
            },
            female: None,
            role_key: t.map(|t| t.role.clone()),
        })
    }

    /// "the Iraqi foreign minister" when the lexicon does not know who that
    /// was: an actor for the office itself.
    fn official_actor(&mut self, country: &str, title: u32) -> usize {
        let t = &self.lex.titles[title as usize];
        let cname = self
            .lex
            .country(country)
            .map(|c| c.name.clone())
            .unwrap_or(country.to_string());
        let name = format!("{} of {}", t.display, cname);
        self.actors.add(ActorRec {
            actor: Actor {
                id: slug(&name),
                name,
                actor_type: ActorType::Person,
                country: Some(country.to_string()),
                role: Some(t.display.clone()),
                mentions: Vec::new(),
            },
            female: None,
            role_key: Some(t.role.clone()),
        })
    }
}

/// Can this lower-case word, with no dictionary entry of its own, still
/// begin an actor mention? Pronouns, and the determiners that open a title
/// phrase ("the Russian foreign minister", "his counterpart"). Asked of
/// most tokens: a `match` beats a [`WordList`] scan on words as frequent
/// as "the".
fn may_refer(norm: &str) -> bool {
    matches!(
        norm,
        "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "he"
            | "him"
            | "she"
            | "it"
            | "they"
            | "counterpart"
            | "counterparts"
    )
}

/// Can a word with this first byte pass [`may_refer`]?
fn may_open_reference(first: u8) -> bool {
    matches!(first, b't' | b'h' | b'i' | b's' | b'c')
}

/// Determiners and possessives that can open a title phrase.
const TITLE_OPENERS: WordList = WordList::new(&["the", "his", "her", "their", "its"]);

/// "it" and "they", which can stand for a state or organisation.
const STATE_PRONOUNS: WordList = WordList::new(&["it", "they"]);

/// A word for a state or organisation that can modify a title or stand
/// for its government: country, demonym, metonym, capital, organisation.
fn is_state_word(e: &Entry) -> bool {
    matches!(
        e,
        Entry::Country(_)
            | Entry::Demonym(_)
            | Entry::Metonym(_)
            | Entry::Capital(_)
            | Entry::Org(_)
    )
}

/// The longest match whose entry passes `f`.
fn best(matches: &[Match], f: impl Fn(&Entry) -> bool) -> Option<Match> {
    matches
        .iter()
        .filter(|m| f(&m.entry))
        .max_by_key(|m| m.len)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyze;

    fn lex() -> &'static Lexicon {
        use std::sync::OnceLock;
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::embedded().expect("lexicon"))
    }

    fn actors_of(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let a = analyze(text);
        let tm = lex().token_matches(&a);
        let mut r = Recognizer::new(lex(), &a, &tm, NaiveDate::from_ymd_opt(2017, 4, 12));
        let mut out = Vec::new();
        for s in a.sentences.clone() {
            for it in r.sentence(&s) {
                if let ItemKind::Actor(x) = it.kind {
                    let act = &r.actors.get(x).actor;
                    out.push((act.name.clone(), act.country.clone(), act.role.clone()));
                }
            }
        }
        out
    }

    #[test]
    fn titles_give_unknown_people_their_role_and_country() {
        let got = actors_of("Kremlin spokesman Anton Vaino-Testov said so.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Anton Vaino-Testov");
        assert_eq!(got[0].1.as_deref(), Some("RUS"));
    }

    #[test]
    fn surnames_and_pronouns_resolve_to_the_full_name() {
        let got = actors_of(
            "U.S. Secretary of State Rex Tillerson arrived. Tillerson said he was ready.",
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Rex Tillerson", "Rex Tillerson", "Rex Tillerson"]);
        assert_eq!(got[0].1.as_deref(), Some("USA"));
    }

    #[test]
    fn country_words_become_states_institutions_or_places() {
        let got = actors_of(
            "Russian Ministry of Foreign Affairs said Russian forces left. The Kremlin agreed.",
        );
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            names,
            ["Ministry of Foreign Affairs (Russia)", "Russia", "Russia"]
        );
    }

    #[test]
    fn unknown_people_are_told_apart_by_the_country_of_their_title() {
        let a =
            analyze("Kremlin spokesman Anton Vaino-Testov spoke. Later Anton Vaino-Testov left.");
        let tm = lex().token_matches(&a);
        let mut r = Recognizer::new(lex(), &a, &tm, NaiveDate::from_ymd_opt(2017, 4, 12));
        let mut ids = Vec::new();
        for s in a.sentences.clone() {
            for it in r.sentence(&s) {
                if let ItemKind::Actor(x) = it.kind {
                    ids.push(r.actors.get(x).actor.id.clone());
                }
            }
        }
        assert_eq!(ids, ["anton-vaino-testov-rus", "anton-vaino-testov-rus"]);
    }

    #[test]
    fn a_date_in_the_sentence_decides_who_held_the_office() {
        let got = actors_of("In 2003, the Russian foreign minister met the French president.");
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(names, ["Igor Ivanov", "Jacques Chirac"]);
    }

    #[test]
    fn a_title_alone_resolves_by_date() {
        let got = actors_of("The U.S. Secretary of State flew in.");
        assert_eq!(got[0].0, "Rex Tillerson");
    }

    #[test]
    fn date_words_and_numbers_are_every_token_a_date_can_start_at() {
        let text = "On Monday, MONDAY and T.H.E. day before, the same day as last week's \
                    talks 3 days ago, Tuesday 5 March 2019 (yesterday) early Sept. 4, that \
                    morning; this year, one week ago, mid-March, 10 a.m. the next day. \
                    Fr\u{e9}d\u{e9}ric said Jan. 20 to the U.N., two years later.";
        let a = analyze(text);
        let tm = lex().token_matches(&a);
        let words = tm.date_words();
        let end = a.tokens.len();
        for i in 0..end {
            let candidate = words.contains(&(i as u32)) || a.tokens[i].kind == TokenKind::Number;
            let filtered = candidate.then(|| dates::parse_at(&a, i, end)).flatten();
            assert_eq!(filtered, dates::parse_at(&a, i, end), "{:?}", a.surface(i));
        }
        assert!(words.len() >= 10, "{words:?}");
    }

    #[test]
    fn the_first_byte_filter_keeps_every_referring_word() {
        let words = "the his her their its he him she it they counterpart counterparts";
        for w in words.split(' ') {
            assert!(may_refer(w) && may_open_reference(w.as_bytes()[0]), "{w}");
        }
        assert!(!may_refer("then") && !may_refer("a"));
        for (w, _, _) in PRONOUNS {
            assert!(may_refer(w), "{w}");
        }
        for w in TITLE_OPENERS.words().iter().chain(STATE_PRONOUNS.words()) {
            assert!(may_refer(w), "{w}");
        }
    }

    #[test]
    fn items_own_no_memory() {
        // freeing a sentence's items must not visit each of them
        assert!(!std::mem::needs_drop::<Item>());
        assert!(std::mem::size_of::<Item>() <= 40);
    }

    #[test]
    fn slugs_are_ascii_kebab_case() {
        assert_eq!(slug("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(
            slug("Ministry of Foreign Affairs (Russia)"),
            "ministry-of-foreign-affairs-russia"
        );
    }
}
