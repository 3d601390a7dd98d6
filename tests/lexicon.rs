//! The lexicon through the public API: titles resolved by date, spelling
//! variants of one person, a user overlay, and country short forms — both by
//! direct look-up and end to end through extraction.

use chrono::NaiveDate;
use diplograph::extract::extract;
use diplograph::lexicon::{Entry, Lexicon};
use diplograph::model::{ActorType, Document, Extraction};
use diplograph::text::analyze;
use std::path::PathBuf;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::embedded().expect("embedded lexicon loads"))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn run(lex: &Lexicon, text: &str, date: NaiveDate) -> Extraction {
    let mut doc = Document::new("t", text);
    doc.date = Some(date);
    extract(&doc, lex)
}

fn names(x: &Extraction) -> Vec<&str> {
    x.actors.iter().map(|a| a.name.as_str()).collect()
}

fn ids(x: &Extraction) -> Vec<&str> {
    x.actors.iter().map(|a| a.id.as_str()).collect()
}

/// Person ids of every person entry matching at token `i` of `text`.
fn people_at(lex: &Lexicon, text: &str, i: usize) -> Vec<String> {
    let a = analyze(text);
    lex.matches_at(&a, i)
        .into_iter()
        .filter_map(|m| match m.entry {
            Entry::Person(x) => Some(lex.people[x as usize].id.clone()),
            _ => None,
        })
        .collect()
}

/// The ISO3 codes of country entries (names, not adjectives) matching at token `i`.
fn countries_at(lex: &Lexicon, text: &str, i: usize) -> Vec<String> {
    let a = analyze(text);
    lex.matches_at(&a, i)
        .into_iter()
        .filter_map(|m| match m.entry {
            Entry::Country(x) => Some(lex.countries[x as usize].iso3.clone()),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// 1. Titles resolved by date
// ---------------------------------------------------------------------------

/// A day as (year, month, day).
type Ymd = (i32, u32, u32);

/// (country, role, date, holder) — each checked against data/lexicon/people.
const HOLDERS: &[(&str, &str, Ymd, &str)] = &[
    // USA
    ("USA", "president", (1995, 6, 1), "Bill Clinton"),
    ("USA", "president", (2022, 3, 1), "Joe Biden"),
    ("USA", "president", (2025, 3, 1), "Donald Trump"),
    ("USA", "foreign_minister", (2018, 2, 15), "Rex Tillerson"),
    ("USA", "foreign_minister", (2018, 6, 12), "Mike Pompeo"),
    ("USA", "foreign_minister", (2010, 1, 1), "Hillary Clinton"),
    ("USA", "foreign_minister", (2025, 3, 1), "Marco Rubio"),
    ("USA", "defense_minister", (2003, 3, 20), "Donald Rumsfeld"),
    // United Kingdom: two changes in 2016, three holders in 2022
    ("GBR", "prime_minister", (1992, 4, 1), "John Major"),
    ("GBR", "prime_minister", (2016, 6, 24), "David Cameron"),
    ("GBR", "prime_minister", (2016, 9, 1), "Theresa May"),
    ("GBR", "prime_minister", (2022, 8, 15), "Boris Johnson"),
    ("GBR", "prime_minister", (2022, 10, 1), "Liz Truss"),
    ("GBR", "prime_minister", (2022, 11, 15), "Rishi Sunak"),
    ("GBR", "prime_minister", (2025, 1, 1), "Keir Starmer"),
    ("GBR", "foreign_minister", (2017, 1, 10), "Boris Johnson"),
    ("GBR", "monarch", (2021, 1, 1), "Elizabeth II"),
    ("GBR", "monarch", (2023, 5, 6), "Charles III"),
    // Japan 2020: Abe resigned, Suga took over in September
    ("JPN", "prime_minister", (2020, 8, 1), "Shinzo Abe"),
    ("JPN", "prime_minister", (2020, 10, 1), "Yoshihide Suga"),
    ("JPN", "prime_minister", (2022, 1, 1), "Fumio Kishida"),
    // Italy 2021: Conte to Draghi in February
    ("ITA", "prime_minister", (2021, 1, 15), "Giuseppe Conte"),
    ("ITA", "prime_minister", (2021, 3, 15), "Mario Draghi"),
    ("ITA", "prime_minister", (2023, 6, 1), "Giorgia Meloni"),
    // Russia
    ("RUS", "president", (1996, 7, 1), "Boris Yeltsin"),
    ("RUS", "president", (2010, 1, 1), "Dmitry Medvedev"),
    ("RUS", "president", (2015, 1, 1), "Vladimir Putin"),
    ("RUS", "foreign_minister", (1995, 1, 1), "Andrei Kozyrev"),
    ("RUS", "foreign_minister", (2015, 1, 1), "Sergey Lavrov"),
    // France
    ("FRA", "president", (2003, 2, 14), "Jacques Chirac"),
    ("FRA", "president", (2014, 1, 1), "François Hollande"),
    ("FRA", "president", (2019, 1, 1), "Emmanuel Macron"),
    // Germany
    ("DEU", "prime_minister", (1995, 1, 1), "Helmut Kohl"),
    ("DEU", "prime_minister", (2010, 1, 1), "Angela Merkel"),
    ("DEU", "prime_minister", (2023, 1, 1), "Olaf Scholz"),
    ("DEU", "foreign_minister", (2022, 6, 1), "Annalena Baerbock"),
    // China: Wang Yi, Qin Gang, Wang Yi again within 2023
    ("CHN", "president", (2000, 1, 1), "Jiang Zemin"),
    ("CHN", "president", (2020, 1, 1), "Xi Jinping"),
    ("CHN", "foreign_minister", (2023, 3, 15), "Qin Gang"),
    ("CHN", "foreign_minister", (2023, 10, 1), "Wang Yi"),
    // India
    ("IND", "prime_minister", (2010, 1, 1), "Manmohan Singh"),
    ("IND", "prime_minister", (2020, 1, 1), "Narendra Modi"),
    // Turkey: Erdoğan as prime minister, then president
    (
        "TUR",
        "prime_minister",
        (2010, 1, 1),
        "Recep Tayyip Erdoğan",
    ),
    ("TUR", "president", (2020, 1, 1), "Recep Tayyip Erdoğan"),
    // Ukraine
    ("UKR", "president", (2015, 1, 1), "Petro Poroshenko"),
    ("UKR", "president", (2022, 3, 1), "Volodymyr Zelenskyy"),
    // Others
    ("CAN", "prime_minister", (2020, 1, 1), "Justin Trudeau"),
    ("AUS", "prime_minister", (2019, 1, 1), "Scott Morrison"),
    ("ISR", "prime_minister", (2021, 9, 1), "Naftali Bennett"),
    ("BRA", "president", (2020, 1, 1), "Jair Bolsonaro"),
];

#[test]
fn role_holders_resolve_by_date() {
    let l = lex();
    let mut failures = Vec::new();
    for &(country, role, (y, m, day), want) in HOLDERS {
        let got = l
            .role_holder(country, role, d(y, m, day))
            .map(|p| p.name.as_str());
        if got != Some(want) {
            failures.push(format!(
                "{country} {role} {y}-{m:02}-{day:02}: want {want}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(HOLDERS.len() >= 20);
}

#[test]
fn role_holder_is_none_before_any_known_term_and_for_unknown_roles() {
    let l = lex();
    assert!(l
        .role_holder("USA", "no_such_role", d(2020, 1, 1))
        .is_none());
    assert!(l.role_holder("ZZZ", "president", d(2020, 1, 1)).is_none());
}

#[test]
fn a_hand_over_day_goes_to_the_incoming_holder() {
    // Truss's term ends and Sunak's starts on 2022-10-25.
    let got = lex().role_holder("GBR", "prime_minister", d(2022, 10, 25));
    assert_eq!(got.map(|p| p.name.as_str()), Some("Rishi Sunak"));
}

/// `text` on `date` yields actors named `want` and none named `not`.
fn assert_actors(text: &str, date: NaiveDate, want: &[&str], not: &[&str]) {
    let x = run(lex(), text, date);
    let got = names(&x);
    for w in want {
        assert!(got.contains(w), "{text:?} on {date}: want {w}, got {got:?}");
    }
    for n in not {
        assert!(
            !got.contains(n),
            "{text:?} on {date}: unexpected {n} in {got:?}"
        );
    }
}

#[test]
fn extraction_resolves_titles_by_the_story_date() {
    let s = "The Russian foreign minister met the French president on Tuesday.";
    assert_actors(
        s,
        d(2019, 3, 12),
        &["Sergey Lavrov", "Emmanuel Macron"],
        &["François Hollande"],
    );
    assert_actors(
        s,
        d(2003, 2, 11),
        &["Igor Ivanov", "Jacques Chirac"],
        &["Sergey Lavrov"],
    );
}

#[test]
fn extraction_follows_the_2016_change_of_uk_prime_minister() {
    let s = "The British prime minister met the German chancellor in Berlin.";
    assert_actors(
        s,
        d(2016, 6, 20),
        &["David Cameron", "Angela Merkel"],
        &["Theresa May"],
    );
    assert_actors(
        s,
        d(2016, 9, 5),
        &["Theresa May", "Angela Merkel"],
        &["David Cameron"],
    );
}

#[test]
fn extraction_follows_the_three_uk_prime_ministers_of_2022() {
    let s = "The British prime minister met the German chancellor in Berlin.";
    assert_actors(
        s,
        d(2022, 8, 15),
        &["Boris Johnson", "Olaf Scholz"],
        &["Liz Truss", "Rishi Sunak"],
    );
    assert_actors(
        s,
        d(2022, 10, 5),
        &["Liz Truss", "Olaf Scholz"],
        &["Boris Johnson", "Rishi Sunak"],
    );
    assert_actors(
        s,
        d(2022, 11, 20),
        &["Rishi Sunak", "Olaf Scholz"],
        &["Boris Johnson", "Liz Truss"],
    );
}

#[test]
fn extraction_follows_the_2018_change_of_us_secretary_of_state() {
    let s = "The U.S. Secretary of State met the Italian prime minister in Rome.";
    assert_actors(
        s,
        d(2018, 2, 15),
        &["Rex Tillerson", "Paolo Gentiloni"],
        &["Mike Pompeo"],
    );
    assert_actors(
        s,
        d(2018, 6, 12),
        &["Mike Pompeo", "Giuseppe Conte"],
        &["Rex Tillerson"],
    );
}

#[test]
fn extraction_follows_the_2020_change_of_japanese_prime_minister() {
    let s = "The Japanese prime minister met the Indian prime minister in Tokyo.";
    assert_actors(
        s,
        d(2020, 8, 1),
        &["Shinzo Abe", "Narendra Modi"],
        &["Yoshihide Suga"],
    );
    assert_actors(
        s,
        d(2020, 10, 20),
        &["Yoshihide Suga", "Narendra Modi"],
        &["Shinzo Abe"],
    );
}

#[test]
fn extraction_follows_the_2021_change_of_italian_prime_minister() {
    let s = "The Italian prime minister met the French president in Paris.";
    assert_actors(
        s,
        d(2021, 1, 15),
        &["Giuseppe Conte", "Emmanuel Macron"],
        &["Mario Draghi"],
    );
    assert_actors(
        s,
        d(2021, 3, 15),
        &["Mario Draghi", "Emmanuel Macron"],
        &["Giuseppe Conte"],
    );
}

#[test]
fn resolved_title_actors_carry_country_and_role() {
    let x = run(
        lex(),
        "The Russian foreign minister met the French president on Tuesday.",
        d(2019, 3, 12),
    );
    let lavrov = x.actor("sergey-lavrov").expect("Lavrov is an actor");
    assert_eq!(lavrov.country.as_deref(), Some("RUS"));
    assert_eq!(lavrov.actor_type, ActorType::Person);
    assert!(lavrov.role.is_some(), "{lavrov:?}");
    let macron = x.actor("emmanuel-macron").expect("Macron is an actor");
    assert_eq!(macron.country.as_deref(), Some("FRA"));
}

// ---------------------------------------------------------------------------
// 2. Spelling variants of one person, and of one place
// ---------------------------------------------------------------------------

fn assert_person_at(text: &str, i: usize, id: &str) {
    let got = people_at(lex(), text, i);
    assert!(
        got.first().map(String::as_str) == Some(id),
        "{text:?} at token {i}: want {id} first, got {got:?}"
    );
}

#[test]
fn transliterations_name_one_person() {
    for s in ["Sergei Lavrov", "Sergey Lavrov", "SERGEI LAVROV"] {
        assert_person_at(s, 0, "sergey-lavrov");
    }
    for s in [
        "Volodymyr Zelensky",
        "Volodymyr Zelenskiy",
        "Volodymyr Zelenskyy",
        "Zelensky",
        "Zelenskiy",
        "Zelenskyy",
    ] {
        assert_person_at(s, 0, "volodymyr-zelenskyy");
    }
    for s in [
        "Recep Tayyip Erdogan",
        "Recep Tayyip Erdoğan",
        "Tayyip Erdogan",
        "Tayyip Erdoğan",
    ] {
        assert_person_at(s, 0, "recep-tayyip-erdogan");
    }
    for s in [
        "Muammar Gaddafi",
        "Muammar Qaddafi",
        "Moammar Gadhafi",
        "Gaddafi",
        "Qaddafi",
        "Gadhafi",
    ] {
        assert_person_at(s, 0, "muammar-gaddafi");
    }
}

#[test]
fn names_match_with_or_without_diacritics() {
    for (with, without, id) in [
        (
            "François Hollande",
            "Francois Hollande",
            "francois-hollande",
        ),
        ("Gerhard Schröder", "Gerhard Schroder", "gerhard-schroder"),
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "mevlut-cavusoglu"),
        ("Jean-Noël Barrot", "Jean-Noel Barrot", "jean-noel-barrot"),
        ("Tarō Asō", "Taro Aso", "taro-aso"),
    ] {
        assert_person_at(with, 0, id);
        assert_person_at(without, 0, id);
    }
}

#[test]
fn surnames_resolve_with_or_without_diacritics() {
    let l = lex();
    let on = Some(d(2020, 1, 1));
    for (surname, id) in [
        ("lavrov", "sergey-lavrov"),
        ("erdogan", "recep-tayyip-erdogan"),
        ("zelenskyy", "volodymyr-zelenskyy"),
        ("gaddafi", "muammar-gaddafi"),
    ] {
        let p = l.person_by_surname(surname, on);
        assert_eq!(p.map(|p| p.id.as_str()), Some(id), "{surname}");
    }
}

#[test]
fn variant_spellings_in_one_story_are_one_actor() {
    let x = run(
        lex(),
        "Sergei Lavrov met Recep Tayyip Erdogan in Ankara on Monday. \
         Sergey Lavrov later called Volodymyr Zelensky. \
         Erdoğan also spoke with Zelenskiy.",
        d(2022, 3, 7),
    );
    let got = ids(&x);
    for id in [
        "sergey-lavrov",
        "recep-tayyip-erdogan",
        "volodymyr-zelenskyy",
    ] {
        assert_eq!(
            got.iter().filter(|&&i| i == id).count(),
            1,
            "{id} once in {got:?}"
        );
    }
    let lavrov = x.actor("sergey-lavrov").unwrap();
    assert_eq!(lavrov.name, "Sergey Lavrov");
    assert!(lavrov.mentions.len() >= 2, "{lavrov:?}");
    let erdogan = x.actor("recep-tayyip-erdogan").unwrap();
    assert_eq!(erdogan.name, "Recep Tayyip Erdoğan");
    assert!(erdogan.mentions.len() >= 2, "{erdogan:?}");
    let zelenskyy = x.actor("volodymyr-zelenskyy").unwrap();
    assert_eq!(zelenskyy.name, "Volodymyr Zelenskyy");
    assert!(zelenskyy.mentions.len() >= 2, "{zelenskyy:?}");
}

#[test]
fn gaddafi_spellings_in_one_story_are_one_actor() {
    let x = run(
        lex(),
        "Qaddafi met Silvio Berlusconi in Rome on Monday. \
         Gadhafi later spoke with Nicolas Sarkozy. \
         Gaddafi then flew home.",
        d(2010, 8, 30),
    );
    let got = ids(&x);
    assert_eq!(
        got.iter().filter(|&&i| i == "muammar-gaddafi").count(),
        1,
        "{got:?}"
    );
    let g = x.actor("muammar-gaddafi").unwrap();
    assert_eq!(g.name, "Muammar Gaddafi");
    assert_eq!(g.country.as_deref(), Some("LBY"));
    assert_eq!(g.mentions.len(), 3, "{g:?}");
}

#[test]
fn honorific_and_possessive_surnames_resolve_in_extraction() {
    let x = run(
        lex(),
        "Mr. Lavrov met Mr. Blinken in Geneva on Friday.",
        d(2022, 1, 21),
    );
    let got = ids(&x);
    assert!(got.contains(&"sergey-lavrov"), "{got:?}");
    assert!(got.contains(&"antony-blinken"), "{got:?}");

    let x = run(
        lex(),
        "Lavrov's visit to Ankara was welcomed by Turkey.",
        d(2022, 3, 10),
    );
    let got = ids(&x);
    assert!(got.contains(&"sergey-lavrov"), "{got:?}");
}

fn places_at(lex: &Lexicon, text: &str, i: usize) -> Vec<String> {
    let a = analyze(text);
    lex.matches_at(&a, i)
        .into_iter()
        .filter_map(|m| match m.entry {
            Entry::Place(x) => Some(lex.places[x as usize].name.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn kiev_and_kyiv_are_one_place() {
    let l = lex();
    assert_eq!(places_at(l, "Kyiv", 0), vec!["Kyiv".to_string()]);
    assert_eq!(places_at(l, "Kiev", 0), vec!["Kyiv".to_string()]);
    let place = |text: &str| {
        let x = run(l, text, d(2021, 4, 13));
        x.events.iter().find_map(|e| {
            e.place
                .as_ref()
                .map(|p| (p.name.clone(), p.country.clone()))
        })
    };
    let kyiv = place("Lavrov met Kuleba in Kyiv on Tuesday.");
    let kiev = place("Lavrov met Kuleba in Kiev on Tuesday.");
    assert_eq!(kyiv, Some(("Kyiv".to_string(), Some("UKR".to_string()))));
    assert_eq!(kiev, kyiv);
}

// ---------------------------------------------------------------------------
// 3. A user overlay
// ---------------------------------------------------------------------------

const HEADER: &str = "id\tname\taliases\tgender\tcountry\trole\ttitle\tstart\tend\n";

fn overlay() -> (tempfile::TempDir, Lexicon) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("people")).unwrap();
    let rows = format!(
        "{HEADER}\
         # a new actor\n\
         jane-roe\tJane Roe\tJ. Roe\tf\tFRA\tforeign_minister\tForeign Minister\t2030-01-15\t\n\
         # an existing actor renamed: same id, new name\n\
         sergey-lavrov\tSergei V. Lavrov\tSergey Lavrov;Sergei Lavrov\tm\tRUS\tforeign_minister\tForeign Minister\t2004-03-09\t\n"
    );
    std::fs::write(dir.path().join("people/extra.tsv"), rows).unwrap();
    let lex = Lexicon::load(&[PathBuf::from(dir.path())]).expect("overlay loads");
    (dir, lex)
}

#[test]
fn overlay_adds_a_person_and_renames_one() {
    let (_dir, l) = overlay();
    assert_eq!(
        l.role_holder("FRA", "foreign_minister", d(2031, 1, 1))
            .map(|p| p.name.as_str()),
        Some("Jane Roe")
    );
    // the embedded holder still holds the office before the new term
    assert_eq!(
        l.role_holder("FRA", "foreign_minister", d(2029, 1, 1))
            .map(|p| p.name.as_str()),
        Some("Jean-Noël Barrot")
    );
    assert_eq!(
        l.role_holder("RUS", "foreign_minister", d(2020, 1, 1))
            .map(|p| p.name.as_str()),
        Some("Sergei V. Lavrov")
    );
    let renamed = l.person("sergey-lavrov").unwrap();
    assert_eq!(renamed.name, "Sergei V. Lavrov");
    assert_eq!(renamed.roles.len(), 1);
    assert_eq!(
        l.people.iter().filter(|p| p.id == "sergey-lavrov").count(),
        1
    );
    assert_eq!(l.people.len(), lex().people.len() + 1);
    // the alias column works for both
    assert_eq!(people_at(&l, "J. Roe", 0), vec!["jane-roe".to_string()]);
    assert_eq!(
        people_at(&l, "Sergei Lavrov", 0),
        vec!["sergey-lavrov".to_string()]
    );
    // the embedded lexicon is untouched
    assert_eq!(lex().person("sergey-lavrov").unwrap().name, "Sergey Lavrov");
    assert!(lex().person("jane-roe").is_none());
}

#[test]
fn overlay_people_reach_extraction() {
    let (_dir, l) = overlay();
    let x = run(
        &l,
        "The French foreign minister met the Russian foreign minister in Paris.",
        d(2031, 2, 3),
    );
    let got = names(&x);
    assert!(got.contains(&"Jane Roe"), "{got:?}");
    assert!(got.contains(&"Sergei V. Lavrov"), "{got:?}");
    let roe = x.actor("jane-roe").unwrap();
    assert_eq!(roe.country.as_deref(), Some("FRA"));

    let x = run(&l, "Jane Roe met Sergei Lavrov in Paris.", d(2031, 2, 3));
    let lavrov = x
        .actor("sergey-lavrov")
        .expect("renamed actor keeps its id");
    assert_eq!(lavrov.name, "Sergei V. Lavrov");
    assert!(x.actor("jane-roe").is_some(), "{:?}", names(&x));
}

#[test]
fn overlay_with_a_bad_date_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("people")).unwrap();
    std::fs::write(
        dir.path().join("people/extra.tsv"),
        format!(
            "{HEADER}jane-roe\tJane Roe\t\tf\tFRA\tforeign_minister\tForeign Minister\tsoon\t\n"
        ),
    )
    .unwrap();
    let err = Lexicon::load(&[dir.path().to_path_buf()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("extra.tsv:2"), "{err}");
}

// ---------------------------------------------------------------------------
// 4. Country short forms and adjectives
// ---------------------------------------------------------------------------

#[test]
fn short_forms_name_their_country() {
    let l = lex();
    for (text, i, iso3) in [
        ("U.S.", 0, "USA"),
        ("the U.S. said", 1, "USA"),
        ("US", 0, "USA"),
        ("UK", 0, "GBR"),
        ("U.K.", 0, "GBR"),
        ("Britain's", 0, "GBR"),
        ("Great Britain", 0, "GBR"),
        ("DPRK", 0, "PRK"),
        ("North Korea", 0, "PRK"),
    ] {
        let got = countries_at(l, text, i);
        assert!(
            got.first().map(String::as_str) == Some(iso3),
            "{text:?}: want {iso3}, got {got:?}"
        );
    }
}

#[test]
fn adjectives_name_their_country() {
    let l = lex();
    for (text, iso3) in [
        ("American", "USA"),
        ("British", "GBR"),
        ("North Korean", "PRK"),
    ] {
        let a = analyze(text);
        let got: Vec<&str> = l
            .matches_at(&a, 0)
            .into_iter()
            .filter_map(|m| match m.entry {
                Entry::Demonym(x) => Some(l.countries[x as usize].iso3.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(got.first().copied(), Some(iso3), "{text:?}: {got:?}");
    }
}

#[test]
fn short_forms_become_country_actors_in_extraction() {
    let x = run(
        lex(),
        "The U.S. and the UK condemned the DPRK on Monday.",
        d(2017, 9, 4),
    );
    let countries: Vec<&str> = x
        .actors
        .iter()
        .filter(|a| a.actor_type == ActorType::Country)
        .filter_map(|a| a.country.as_deref())
        .collect();
    for iso3 in ["USA", "GBR", "PRK"] {
        assert!(countries.contains(&iso3), "{iso3} in {countries:?}");
    }
}

#[test]
fn possessive_country_sets_the_country_of_a_title() {
    assert_actors(
        "Britain's prime minister met the U.S. president in Washington.",
        d(2016, 9, 5),
        &["Theresa May", "Barack Obama"],
        &["David Cameron"],
    );
    assert_actors(
        "Britain's foreign secretary met the DPRK foreign minister.",
        d(2017, 1, 10),
        &["Boris Johnson", "Ri Yong-ho"],
        &[],
    );
}
