//! Reading the lexicon's TSV files, embedded or from a user's folder.
//!
//! Every file: UTF-8, tab-separated, a header line naming the columns, `#`
//! comment lines, `;` between the items of a list field. README.md documents
//! each file's columns.

use super::*;
use crate::model::EventKind;
use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use serde::de::DeserializeOwned;
use serde::Deserialize;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data/lexicon");

/// The lexicon's files, as named inside a lexicon folder.
pub const FILES: &[&str] = &[
    "countries.tsv",
    "organizations.tsv",
    "metonyms.tsv",
    "titles.tsv",
    "media.tsv",
    "places.tsv",
    "triggers.tsv",
    "cues.tsv",
    "institutions.tsv",
    "people/*.tsv",
];

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}:{line}: {message}")]
    Malformed {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}: {message}")]
    Unreadable { file: String, message: String },
}

#[derive(Debug, Deserialize)]
struct CountryRow {
    iso3: String,
    #[allow(dead_code)]
    iso2: String,
    name: String,
    aliases: String,
    adjectives: String,
    capital: String,
    capital_lat: String,
    capital_lon: String,
    capital_aliases: String,
}

#[derive(Debug, Deserialize)]
struct OrgRow {
    id: String,
    code: String,
    #[serde(rename = "type")]
    org_type: String,
    name: String,
    aliases: String,
    #[allow(dead_code)]
    #[serde(default)]
    country: String,
}

#[derive(Debug, Deserialize)]
struct MetonymRow {
    phrase: String,
    refers_to: String,
}

#[derive(Debug, Deserialize)]
struct TitleRow {
    phrase: String,
    role: String,
    default_country: String,
    display: String,
}

#[derive(Debug, Deserialize)]
struct MediaRow {
    name: String,
    aliases: String,
}

#[derive(Debug, Deserialize)]
struct PlaceRow {
    name: String,
    aliases: String,
    country: String,
    lat: String,
    lon: String,
    kind: String,
}

#[derive(Debug, Deserialize)]
struct TriggerRow {
    kind: String,
    cameo: String,
    pos: String,
    lemma: String,
    forms: String,
    #[serde(default)]
    requires: String,
}

#[derive(Debug, Deserialize)]
struct CueRow {
    phrase: String,
    effect: String,
    scope: String,
}

#[derive(Debug, Deserialize)]
struct InstitutionRow {
    phrase: String,
    kind: String,
    name: String,
}

#[derive(Debug, Deserialize, Clone)]
struct PersonRow {
    id: String,
    name: String,
    aliases: String,
    gender: String,
    country: String,
    role: String,
    title: String,
    start: String,
    end: String,
}

/// Validated rows of every file read so far, before indexing.
#[derive(Debug, Default)]
pub struct RawLexicon {
    countries: Vec<(CountryRow, Option<(f64, f64)>)>,
    orgs: Vec<OrgRow>,
    metonyms: Vec<MetonymRow>,
    titles: Vec<TitleRow>,
    media: Vec<MediaRow>,
    places: Vec<(PlaceRow, Option<(f64, f64)>)>,
    triggers: Vec<(TriggerRow, EventKind)>,
    cues: Vec<(CueRow, CueEffect, CueScope)>,
    institutions: Vec<InstitutionRow>,
    people: Vec<(PersonRow, NaiveDate, NaiveDate)>,
    /// The keys already in `countries`, `orgs` and `people`: a later file
    /// replaces an entry by its key, and only a key seen before needs the
    /// scan that removes the old entry.
    country_codes: FxHashSet<String>,
    org_ids: FxHashSet<String>,
    people_ids: FxHashSet<String>,
}

pub fn read_embedded(raw: &mut RawLexicon) -> Result<usize, LexiconError> {
    let mut sources = Vec::new();
    for name in FILES {
        if let Some(dir) = name.strip_suffix("/*.tsv") {
            let mut files: Vec<_> = EMBEDDED
                .get_dir(dir)
                .map(|d| d.files().collect())
                .unwrap_or_default();
            files.sort_by_key(|f| f.path());
            for f in files {
                let label = format!("data/lexicon/{}", f.path().display());
                sources.push((*name, label, Bytes::Embedded(f.contents())));
            }
        } else if let Some(f) = EMBEDDED.get_file(name) {
            let label = format!("data/lexicon/{name}");
            sources.push((*name, label, Bytes::Embedded(f.contents())));
        }
    }
    raw.read_all(sources)
}

pub fn read_dir(dir: &Path, raw: &mut RawLexicon) -> Result<usize, LexiconError> {
    if !dir.is_dir() {
        return Err(LexiconError::Unreadable {
            file: dir.display().to_string(),
            message: "not a folder".into(),
        });
    }
    let mut sources = Vec::new();
    for name in FILES {
        let paths: Vec<PathBuf> = if let Some(sub) = name.strip_suffix("/*.tsv") {
            let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v
        } else {
            let p = dir.join(name);
            if p.exists() {
                vec![p]
            } else {
                vec![]
            }
        };
        for p in paths {
            sources.push((*name, p.display().to_string(), Bytes::File(p)));
        }
    }
    if sources.is_empty() {
        return Err(LexiconError::Unreadable {
            file: dir.display().to_string(),
            message: format!("no lexicon files (expected any of {})", FILES.join(", ")),
        });
    }
    raw.read_all(sources)
}

/// Where a lexicon file's bytes are: built into the binary, or in a file
/// not read yet.
enum Bytes {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// One lexicon file: its name as [`FILES`] gives it, its label for
/// messages, and its bytes.
type Source = (&'static str, String, Bytes);

/// Read and parse one file (a file on disk is read here, so that reading
/// runs in parallel too).
fn parse_source((name, label, bytes): &Source) -> Result<Parsed, LexiconError> {
    let bytes = match bytes {
        Bytes::Embedded(b) => std::borrow::Cow::Borrowed(*b),
        Bytes::File(path) => std::fs::read(path)
            .map_err(|e| LexiconError::Unreadable {
                file: label.clone(),
                message: e.to_string(),
            })?
            .into(),
    };
    parse_file(name, label, &bytes)
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty())
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn malformed(file: &str, line: u64, message: impl Into<String>) -> LexiconError {
    LexiconError::Malformed {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Append one file's rows; returns how many it had.
fn extend_count<T>(v: &mut Vec<T>, rows: Vec<T>) -> usize {
    let n = rows.len();
    v.extend(rows);
    n
}

/// Rows of one TSV file, each with its line number.
fn rows<T: DeserializeOwned>(label: &str, bytes: &[u8]) -> Result<Vec<(T, u64)>, LexiconError> {
    let text = std::str::from_utf8(bytes).map_err(|e| LexiconError::Unreadable {
        file: label.to_string(),
        message: format!("not UTF-8: {e}"),
    })?;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .comment(Some(b'#'))
        .quoting(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| malformed(label, 1, e.to_string()))?
        .clone();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            malformed(label, line, e.to_string())
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() > headers.len() {
            return Err(malformed(
                label,
                line,
                format!(
                    "{} fields, but the header names {}",
                    rec.len(),
                    headers.len()
                ),
            ));
        }
        // short rows (flexible files) get empty trailing fields
        let row: Result<T, _> = if rec.len() < headers.len() {
            let mut padded = rec.clone();
            while padded.len() < headers.len() {
                padded.push_field("");
            }
            padded.deserialize(Some(&headers))
        } else {
            rec.deserialize(Some(&headers))
        };
        let row = row.map_err(|e| malformed(label, line, e.to_string()))?;
        out.push((row, line));
    }
    Ok(out)
}

fn coords(
    label: &str,
    line: u64,
    lat: &str,
    lon: &str,
) -> Result<Option<(f64, f64)>, LexiconError> {
    if lat.trim().is_empty() && lon.trim().is_empty() {
        return Ok(None);
    }
    let parse = |s: &str, max: f64| s.trim().parse::<f64>().ok().filter(|v| v.abs() <= max);
    match (parse(lat, 90.0), parse(lon, 180.0)) {
        (Some(a), Some(b)) => Ok(Some((a, b))),
        _ => Err(malformed(
            label,
            line,
            format!("bad coordinates {lat:?}, {lon:?}"),
        )),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a start is its first day, an end its
/// last. An empty end means "still in office".
fn role_date(s: &str, is_end: bool) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return is_end.then_some(NaiveDate::MAX);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => {
            if is_end {
                NaiveDate::from_ymd_opt(y, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1)
            }
        }
        2 => {
            let m: u32 = parts[1].parse().ok()?;
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            if is_end {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)?
                };
                next.pred_opt()
            } else {
                Some(first)
            }
        }
        3 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// The validated rows of one file, not yet added: parsing needs nothing
/// but the file, so the files of a folder are parsed in parallel, then
/// added in order (a later file replaces an earlier one's entries).
enum Parsed {
    Countries(Vec<(CountryRow, Option<(f64, f64)>)>),
    Orgs(Vec<OrgRow>),
    Metonyms(Vec<MetonymRow>),
    Titles(Vec<TitleRow>),
    Media(Vec<MediaRow>),
    Places(Vec<(PlaceRow, Option<(f64, f64)>)>),
    Triggers(Vec<(TriggerRow, EventKind)>),
    Cues(Vec<(CueRow, CueEffect, CueScope)>),
    Institutions(Vec<InstitutionRow>),
    People(Vec<(PersonRow, NaiveDate, NaiveDate)>),
}

/// Parse and validate lexicon file `name` (as [`FILES`] names it), read
/// from `label`; a malformed line is an error naming `label` and the line.
fn parse_file(name: &str, label: &str, bytes: &[u8]) -> Result<Parsed, LexiconError> {
    Ok(match name {
        "countries.tsv" => {
            Parsed::Countries(mapped(rows(label, bytes)?, |r: CountryRow, line| {
                if r.iso3.trim().len() != 3 {
                    return Err(malformed(
                        label,
                        line,
                        format!("iso3 {:?} is not 3 letters", r.iso3),
                    ));
                }
                let c = coords(label, line, &r.capital_lat, &r.capital_lon)?;
                Ok((r, c))
            })?)
        }
        "organizations.tsv" => Parsed::Orgs(checked(rows(label, bytes)?, |r: &OrgRow, line| {
            if !matches!(r.org_type.trim(), "organization" | "group") {
                return Err(malformed(
                    label,
                    line,
                    format!("type {:?}: use organization or group", r.org_type),
                ));
            }
            if r.id.trim().is_empty() || r.name.trim().is_empty() {
                return Err(malformed(label, line, "id and name are required"));
            }
            Ok(())
        })?),
        "metonyms.tsv" => {
            Parsed::Metonyms(checked(rows(label, bytes)?, |r: &MetonymRow, line| {
                if r.refers_to.trim().is_empty() {
                    return Err(malformed(label, line, "refers_to is required"));
                }
                Ok(())
            })?)
        }
        "titles.tsv" => Parsed::Titles(checked(rows(label, bytes)?, |r: &TitleRow, line| {
            if r.phrase.trim().is_empty() || r.role.trim().is_empty() {
                return Err(malformed(label, line, "phrase and role are required"));
            }
            Ok(())
        })?),
        "media.tsv" => Parsed::Media(checked(rows(label, bytes)?, |_: &MediaRow, _| Ok(()))?),
        "places.tsv" => Parsed::Places(mapped(rows(label, bytes)?, |r: PlaceRow, line| {
            if r.name.trim().is_empty() {
                return Err(malformed(label, line, "name is required"));
            }
            let c = coords(label, line, &r.lat, &r.lon)?;
            Ok((r, c))
        })?),
        "triggers.tsv" => Parsed::Triggers(mapped(rows(label, bytes)?, |r: TriggerRow, line| {
            let kind = EventKind::parse(&r.kind)
                .ok_or_else(|| malformed(label, line, format!("kind {:?}", r.kind)))?;
            if !matches!(r.pos.trim(), "verb" | "noun" | "weapon") {
                return Err(malformed(
                    label,
                    line,
                    format!("pos {:?}: use verb, noun or weapon", r.pos),
                ));
            }
            if !matches!(r.requires.trim(), "" | "object" | "weapon" | "intent") {
                return Err(malformed(
                    label,
                    line,
                    format!(
                        "requires {:?}: use object, weapon, intent or nothing",
                        r.requires
                    ),
                ));
            }
            Ok((r, kind))
        })?),
        "cues.tsv" => Parsed::Cues(mapped(rows(label, bytes)?, |r: CueRow, line| {
            let effect = match r.effect.trim() {
                "possible" => CueEffect::Possible,
                "planned" => CueEffect::Planned,
                "negated" => CueEffect::Negated,
                "speculation" => CueEffect::Speculation,
                "condition" => CueEffect::Condition,
                "prevent" => CueEffect::Prevent,
                "realized" => CueEffect::Realized,
                other => return Err(malformed(label, line, format!("effect {other:?}"))),
            };
            let scope = match r.scope.trim() {
                "verb" => CueScope::Verb,
                "clause" => CueScope::Clause,
                "sentence" => CueScope::Sentence,
                other => return Err(malformed(label, line, format!("scope {other:?}"))),
            };
            Ok((r, effect, scope))
        })?),
        "institutions.tsv" => {
            Parsed::Institutions(checked(rows(label, bytes)?, |r: &InstitutionRow, line| {
                if !matches!(r.kind.trim(), "state" | "organization" | "group") {
                    return Err(malformed(
                        label,
                        line,
                        format!("kind {:?}: use state, organization or group", r.kind),
                    ));
                }
                Ok(())
            })?)
        }
        _ => Parsed::People(mapped(rows(label, bytes)?, |r: PersonRow, line| {
            if r.id.trim().is_empty() || r.name.trim().is_empty() {
                return Err(malformed(label, line, "id and name are required"));
            }
            let start = role_date(&r.start, false);
            let end = role_date(&r.end, true);
            let (Some(start), Some(end)) = (start, end) else {
                return Err(malformed(
                    label,
                    line,
                    format!(
                        "bad dates {:?}..{:?} (use YYYY, YYYY-MM or YYYY-MM-DD)",
                        r.start, r.end
                    ),
                ));
            };
            if !r.role.trim().is_empty() && end < start {
                return Err(malformed(label, line, "term ends before it starts"));
            }
            Ok((r, start, end))
        })?),
    })
}

/// Each row (with its line number) turned into a validated entry by `f`,
/// in order; the first failure ends it.
fn mapped<T, U>(
    rows: Vec<(T, u64)>,
    f: impl Fn(T, u64) -> Result<U, LexiconError>,
) -> Result<Vec<U>, LexiconError> {
    rows.into_iter().map(|(r, line)| f(r, line)).collect()
}

/// The rows, each checked by `check` in order; the first failure ends it.
fn checked<T>(
    rows: Vec<(T, u64)>,
    check: impl Fn(&T, u64) -> Result<(), LexiconError>,
) -> Result<Vec<T>, LexiconError> {
    mapped(rows, |r, line| check(&r, line).map(|()| r))
}

impl RawLexicon {
    /// Parse the files in parallel (the lexicon is loaded by every
    /// command), then add their rows in order; the first malformed file in
    /// that order is the error. Returns how many rows the files had.
    fn read_all(&mut self, sources: Vec<Source>) -> Result<usize, LexiconError> {
        let parsed: Vec<_> = sources.par_iter().map(parse_source).collect();
        let mut n = 0;
        for p in parsed {
            n += self.add(p?);
        }
        Ok(n)
    }

    /// Add one file's rows after those of the files before it: an entry
    /// whose key (country code, organisation or person id) is known
    /// replaces the earlier one. Returns the file's row count.
    fn add(&mut self, parsed: Parsed) -> usize {
        match parsed {
            Parsed::Countries(rows) => {
                let n = rows.len();
                for (r, c) in rows {
                    if !self.country_codes.insert(r.iso3.clone()) {
                        self.countries.retain(|(o, _)| o.iso3 != r.iso3);
                    }
                    self.countries.push((r, c));
                }
                n
            }
            Parsed::Orgs(rows) => {
                let n = rows.len();
                for r in rows {
                    if !self.org_ids.insert(r.id.clone()) {
                        self.orgs.retain(|o| o.id != r.id);
                    }
                    self.orgs.push(r);
                }
                n
            }
            Parsed::Metonyms(rows) => extend_count(&mut self.metonyms, rows),
            Parsed::Titles(rows) => extend_count(&mut self.titles, rows),
            Parsed::Media(rows) => extend_count(&mut self.media, rows),
            Parsed::Places(rows) => extend_count(&mut self.places, rows),
            Parsed::Triggers(rows) => extend_count(&mut self.triggers, rows),
            Parsed::Cues(rows) => extend_count(&mut self.cues, rows),
            Parsed::Institutions(rows) => extend_count(&mut self.institutions, rows),
            Parsed::People(rows) => {
                let n = rows.len();
                let mut replaced = std::collections::HashSet::new();
                for (r, start, end) in rows {
                    // a person the overlay mentions is replaced as a whole
                    // first seen in this file, and known from an earlier one
                    if replaced.insert(r.id.clone()) && !self.people_ids.insert(r.id.clone()) {
                        self.people.retain(|(p, _, _)| p.id != r.id);
                    }
                    self.people.push((r, start, end));
                }
                n
            }
        }
    }

    /// Turn rows into the lexicon's tables and phrase index.
    pub fn install(self, lex: &mut Lexicon) {
        for (r, c) in self.countries {
            let idx = lex.countries.len() as u32;
            let iso3 = r.iso3.trim().to_string();
            lex.add_phrase(&r.name, Entry::Country(idx), true);
            for a in list(&r.aliases) {
                lex.add_phrase(a, Entry::Country(idx), has_upper(a));
            }
            for a in list(&r.adjectives) {
                lex.add_phrase(a, Entry::Demonym(idx), true);
            }
            let capital = opt(&r.capital);
            if let Some(cap) = &capital {
                lex.add_phrase(cap, Entry::Capital(idx), true);
                for a in list(&r.capital_aliases) {
                    lex.add_phrase(a, Entry::Capital(idx), true);
                }
            }
            lex.countries.push(Country {
                iso3,
                name: r.name.trim().to_string(),
                capital,
                capital_lat: c.map(|c| c.0),
                capital_lon: c.map(|c| c.1),
            });
        }
        for r in self.orgs {
            let idx = lex.orgs.len() as u32;
            lex.add_phrase(&r.name, Entry::Org(idx), has_upper(&r.name));
            for a in list(&r.aliases) {
                lex.add_phrase(a, Entry::Org(idx), has_upper(a));
            }
            lex.orgs.push(Org {
                id: r.id.trim().to_string(),
                code: opt(&r.code),
                group: r.org_type.trim() == "group",
                name: r.name.trim().to_string(),
            });
        }
        for r in self.metonyms {
            let idx = lex.metonyms.len() as u32;
            for p in list(&r.phrase) {
                lex.add_phrase(p, Entry::Metonym(idx), has_upper(p));
            }
            lex.metonyms.push(Metonym {
                refers_to: r.refers_to.trim().to_string(),
            });
        }
        for r in self.titles {
            let idx = lex.titles.len() as u32;
            for p in list(&r.phrase) {
                lex.add_phrase(p, Entry::Title(idx), false);
            }
            lex.titles.push(Title {
                role: r.role.trim().to_string(),
                default_country: opt(&r.default_country),
                display: opt(&r.display).unwrap_or_else(|| r.phrase.trim().to_string()),
            });
        }
        for r in self.media {
            let idx = lex.media.len() as u32;
            lex.add_phrase(&r.name, Entry::Media(idx), true);
            for a in list(&r.aliases) {
                lex.add_phrase(a, Entry::Media(idx), true);
            }
            lex.media.push(Media {
                name: r.name.trim().to_string(),
            });
        }
        for (r, c) in self.places {
            let idx = lex.places.len() as u32;
            lex.add_phrase(&r.name, Entry::Place(idx), true);
            for a in list(&r.aliases) {
                lex.add_phrase(a, Entry::Place(idx), true);
            }
            lex.places.push(PlaceEntry {
                name: r.name.trim().to_string(),
                country: opt(&r.country),
                lat: c.map(|c| c.0),
                lon: c.map(|c| c.1),
                kind: r.kind.trim().to_string(),
            });
        }
        for (r, kind) in self.triggers {
            let slots: &[VerbForm] = if r.pos.trim() == "noun" {
                &[VerbForm::Noun, VerbForm::Noun]
            } else if r.pos.trim() == "weapon" {
                &[VerbForm::Weapon, VerbForm::Weapon]
            } else {
                &[
                    VerbForm::Base,
                    VerbForm::Third,
                    VerbForm::Past,
                    VerbForm::Participle,
                    VerbForm::Gerund,
                ]
            };
            let mut seen = std::collections::HashSet::new();
            for (form, slot) in r.forms.split(';').zip(slots) {
                let form = form.trim();
                if form.is_empty() || !seen.insert(form.to_string()) {
                    continue;
                }
                let idx = lex.triggers.len() as u32;
                lex.add_phrase(form, Entry::Trigger(idx), false);
                lex.triggers.push(Trigger {
                    kind,
                    cameo: r.cameo.trim().to_string(),
                    lemma: r.lemma.trim().to_string(),
                    form: *slot,
                    requires: match r.requires.trim() {
                        "object" => Requires::Object,
                        "weapon" => Requires::Weapon,
                        "intent" => Requires::Intent,
                        _ => Requires::Nothing,
                    },
                });
            }
        }
        for (r, effect, scope) in self.cues {
            let idx = lex.cues.len() as u32;
            lex.add_phrase(&r.phrase, Entry::Cue(idx), false);
            lex.cues.push(Cue { effect, scope });
        }
        for r in self.institutions {
            let idx = lex.institutions.len() as u32;
            lex.add_phrase(&r.phrase, Entry::Institution(idx), false);
            lex.institutions.push(Institution {
                name: matches!(r.kind.trim(), "organization" | "group")
                    .then(|| r.name.trim().to_string()),
                group: r.kind.trim() == "group",
            });
        }
        install_people(self.people, lex);
    }
}

fn install_people(rows: Vec<(PersonRow, NaiveDate, NaiveDate)>, lex: &mut Lexicon) {
    let mut by_id: FxHashMap<String, usize> = FxHashMap::default();
    for (r, start, end) in rows {
        let id = r.id.trim().to_string();
        let idx = *by_id.entry(id.clone()).or_insert_with(|| {
            lex.people.push(Person {
                id: id.clone(),
                name: r.name.trim().to_string(),
                female: None,
                roles: Vec::new(),
            });
            lex.people.len() - 1
        });
        let phrase_idx = idx as u32;
        lex.add_phrase(&r.name, Entry::Person(phrase_idx), true);
        for a in list(&r.aliases) {
            lex.add_phrase(a, Entry::Person(phrase_idx), has_upper(a));
        }
        let p = &mut lex.people[idx];
        match r.gender.trim() {
            "f" | "F" => p.female = Some(true),
            "m" | "M" => p.female = Some(false),
            _ => {}
        }
        if !r.role.trim().is_empty() {
            p.roles.push(Role {
                country: r.country.trim().to_string(),
                role: r.role.trim().to_string(),
                title: r.title.trim().to_string(),
                start,
                end,
            });
        }
    }
}

fn has_upper(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_role_dates_widen_to_the_whole_period() {
        assert_eq!(
            role_date("2017", false),
            NaiveDate::from_ymd_opt(2017, 1, 1)
        );
        assert_eq!(
            role_date("2017", true),
            NaiveDate::from_ymd_opt(2017, 12, 31)
        );
        assert_eq!(
            role_date("2016-02", true),
            NaiveDate::from_ymd_opt(2016, 2, 29)
        );
        assert_eq!(role_date("", true), Some(NaiveDate::MAX));
        assert_eq!(role_date("April", false), None);
    }

    /// The message `lexicon check` gives for a folder that must fail.
    fn check_error(dir: &Path) -> String {
        Lexicon::check_dir(dir).unwrap_err().to_string()
    }

    #[test]
    fn a_malformed_overlay_line_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("places.tsv"),
            "name\taliases\tcountry\tlat\tlon\tkind\nGoodtown\t\tFRA\t1\t2\tcity\nBadtown\t\tFRA\tnorth\t2\tcity\n",
        )
        .unwrap();
        let err = check_error(dir.path());
        assert!(err.contains("places.tsv:3"), "{err}");
        assert!(err.contains("coordinates"), "{err}");
    }

    #[test]
    fn of_several_malformed_files_the_first_in_reading_order_is_named() {
        // files are parsed in parallel; the error must not depend on which
        // parse ends first
        let dir = tempfile::tempdir().unwrap();
        let people = "id\tname\taliases\tgender\tcountry\trole\ttitle\tstart\tend\n";
        std::fs::create_dir(dir.path().join("people")).unwrap();
        for f in ["people/b.tsv", "people/a.tsv"] {
            let bad = format!("{people}x\tX Y\t\tm\tFRA\trole\tT\tsoon\t\n");
            std::fs::write(dir.path().join(f), bad).unwrap();
        }
        let err = check_error(dir.path());
        assert!(err.contains("a.tsv:2"), "{err}");
        std::fs::write(
            dir.path().join("triggers.tsv"),
            "kind\tcameo\tpos\tlemma\tforms\nvisit\t040\tverb\tx\tx\n",
        )
        .unwrap();
        let err = check_error(dir.path());
        assert!(err.contains("triggers.tsv:2"), "{err}");
        let err = Lexicon::load(&[dir.path().to_path_buf()])
            .unwrap_err()
            .to_string();
        assert!(err.contains("triggers.tsv:2"), "{err}");
    }

    #[test]
    fn a_check_counts_each_file_s_own_rows() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("people")).unwrap();
        let header = "id\tname\taliases\tgender\tcountry\trole\ttitle\tstart\tend\n";
        let person = |id: &str| format!("{id}\t{id} Roe\t\tf\tFRA\tminister\tMinister\t2030\t\n");
        std::fs::write(
            dir.path().join("people/a.tsv"),
            header.to_string() + &person("ann"),
        )
        .unwrap();
        let two = header.to_string() + &person("bea") + &person("cat");
        std::fs::write(dir.path().join("people/b.tsv"), two).unwrap();
        std::fs::write(
            dir.path().join("cues.tsv"),
            "phrase\teffect\tscope\nmay\tpossible\tverb\n",
        )
        .unwrap();
        // one row, two rows, one row: not the running totals 1 + 3 + 1
        assert_eq!(Lexicon::check_dir(dir.path()).unwrap(), 4);
    }

    #[test]
    fn an_overlay_adds_people_and_replaces_a_known_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("people")).unwrap();
        std::fs::write(
            dir.path().join("people/mine.tsv"),
            "id\tname\taliases\tgender\tcountry\trole\ttitle\tstart\tend\n\
             jane-roe\tJane Roe\t\tf\tFRA\tforeign_minister\tForeign Minister\t2030\t\n\
             rex-tillerson\tRex W. Tillerson\t\tm\tUSA\tforeign_minister\tSecretary of State\t2017-02-01\t2018-03-31\n",
        )
        .unwrap();
        let lex = Lexicon::load(&[dir.path().to_path_buf()]).unwrap();
        let d = NaiveDate::from_ymd_opt(2031, 1, 1).unwrap();
        assert_eq!(
            lex.role_holder("FRA", "foreign_minister", d).unwrap().name,
            "Jane Roe"
        );
        assert_eq!(
            lex.person("rex-tillerson").unwrap().name,
            "Rex W. Tillerson"
        );
    }

    #[test]
    fn an_overlay_replaces_an_organisation_by_id() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("organizations.tsv"),
            "id\tcode\ttype\tname\taliases\tcountry\n\
             nato\tNATO\torganization\tThe Atlantic Alliance\t\t\n",
        )
        .unwrap();
        let lex = Lexicon::load(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(lex.org("nato").unwrap().name, "The Atlantic Alliance");
        assert_eq!(lex.orgs.iter().filter(|o| o.id == "nato").count(), 1);
    }
}
