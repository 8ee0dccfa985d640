//! Départements and overseas collectivities, the units of the distribution
//! rule (RULES.md §1 and §5).
//!
//! Codes are INSEE codes, plus two codes of ours for the fictitious units the
//! law creates: `ZZ` for the French living abroad and `EU` for the European
//! Parliament.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use super::fold::fold;
use crate::message::Message;
use crate::msg;

/// A département, an overseas collectivity or one of the two fictitious units.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Department {
    pub code: &'static str,
    pub name: &'static str,
}

impl fmt::Display for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

macro_rules! departments {
    ($($code:literal => $name:literal),* $(,)?) => {
        /// Every unit, in code order (metropolitan, overseas, then ZZ and EU).
        pub static ALL: &[Department] = &[$(Department { code: $code, name: $name }),*];
    };
}

departments! {
    "01" => "Ain", "02" => "Aisne", "03" => "Allier", "04" => "Alpes-de-Haute-Provence",
    "05" => "Hautes-Alpes", "06" => "Alpes-Maritimes", "07" => "Ardèche", "08" => "Ardennes",
    "09" => "Ariège", "10" => "Aube", "11" => "Aude", "12" => "Aveyron",
    "13" => "Bouches-du-Rhône", "14" => "Calvados", "15" => "Cantal", "16" => "Charente",
    "17" => "Charente-Maritime", "18" => "Cher", "19" => "Corrèze", "2A" => "Corse-du-Sud",
    "2B" => "Haute-Corse", "21" => "Côte-d'Or", "22" => "Côtes-d'Armor", "23" => "Creuse",
    "24" => "Dordogne", "25" => "Doubs", "26" => "Drôme", "27" => "Eure",
    "28" => "Eure-et-Loir", "29" => "Finistère", "30" => "Gard", "31" => "Haute-Garonne",
    "32" => "Gers", "33" => "Gironde", "34" => "Hérault", "35" => "Ille-et-Vilaine",
    "36" => "Indre", "37" => "Indre-et-Loire", "38" => "Isère", "39" => "Jura",
    "40" => "Landes", "41" => "Loir-et-Cher", "42" => "Loire", "43" => "Haute-Loire",
    "44" => "Loire-Atlantique", "45" => "Loiret", "46" => "Lot", "47" => "Lot-et-Garonne",
    "48" => "Lozère", "49" => "Maine-et-Loire", "50" => "Manche", "51" => "Marne",
    "52" => "Haute-Marne", "53" => "Mayenne", "54" => "Meurthe-et-Moselle", "55" => "Meuse",
    "56" => "Morbihan", "57" => "Moselle", "58" => "Nièvre", "59" => "Nord",
    "60" => "Oise", "61" => "Orne", "62" => "Pas-de-Calais", "63" => "Puy-de-Dôme",
    "64" => "Pyrénées-Atlantiques", "65" => "Hautes-Pyrénées", "66" => "Pyrénées-Orientales",
    "67" => "Bas-Rhin", "68" => "Haut-Rhin", "69" => "Rhône", "70" => "Haute-Saône",
    "71" => "Saône-et-Loire", "72" => "Sarthe", "73" => "Savoie", "74" => "Haute-Savoie",
    "75" => "Paris", "76" => "Seine-Maritime", "77" => "Seine-et-Marne", "78" => "Yvelines",
    "79" => "Deux-Sèvres", "80" => "Somme", "81" => "Tarn", "82" => "Tarn-et-Garonne",
    "83" => "Var", "84" => "Vaucluse", "85" => "Vendée", "86" => "Vienne",
    "87" => "Haute-Vienne", "88" => "Vosges", "89" => "Yonne", "90" => "Territoire de Belfort",
    "91" => "Essonne", "92" => "Hauts-de-Seine", "93" => "Seine-Saint-Denis",
    "94" => "Val-de-Marne", "95" => "Val-d'Oise",
    "971" => "Guadeloupe", "972" => "Martinique", "973" => "Guyane", "974" => "La Réunion",
    "975" => "Saint-Pierre-et-Miquelon", "976" => "Mayotte", "977" => "Saint-Barthélemy",
    "978" => "Saint-Martin", "986" => "Wallis-et-Futuna", "987" => "Polynésie française",
    "988" => "Nouvelle-Calédonie",
    "ZZ" => "Français de l'étranger", "EU" => "Parlement européen",
}

/// Other spellings met in official data and typed by users, folded.
const ALIASES: &[(&str, &str)] = &[
    // The deputy of the constituency of both islands (RULES.md §5).
    ("Saint-Martin / Saint-Barthélémy", "978"),
    ("Saint-Martin et Saint-Barthélemy", "978"),
    ("Réunion", "974"),
    ("Ile de la Réunion", "974"),
    ("Corse du Sud", "2A"),
    ("Guyane française", "973"),
    ("Belfort", "90"),
    ("Polynésie", "987"),
    ("Nouvelle Calédonie", "988"),
    ("Français établis hors de France", "ZZ"),
    ("Étranger", "ZZ"),
    ("Français de l'étranger", "ZZ"),
    ("Européen", "EU"),
    ("Parlement européen", "EU"),
    ("Europe", "EU"),
];

fn index() -> &'static HashMap<String, &'static Department> {
    static INDEX: OnceLock<HashMap<String, &'static Department>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        for department in ALL {
            map.insert(fold(department.code), department);
            map.insert(fold(department.name), department);
        }
        for (alias, code) in ALIASES {
            let department = ALL
                .iter()
                .find(|d| d.code == *code)
                .expect("alias to a known code");
            map.insert(fold(alias), department);
        }
        map
    })
}

impl Department {
    /// Finds a unit by code or name, case-, accent-, hyphen- and
    /// apostrophe-insensitively. One-digit codes are read with their zero
    /// ("1" is Ain); "20" is not a code since 1976 and is not accepted.
    pub fn lookup(text: &str) -> Option<&'static Department> {
        let text = text.trim();
        if text.len() == 1 && text.as_bytes()[0].is_ascii_digit() {
            return index().get(&format!("0{text}")).copied();
        }
        index().get(&fold(text)).copied()
    }

    /// The name nearest to `text`, if one is close: "Aisn" gives "Aisne".
    pub fn suggestion(text: &str) -> Option<&'static str> {
        crate::rules::identity::did_you_mean(text, ALL.iter().map(|d| d.name))
    }

    /// The unit `text` names, or why it names none.
    pub fn typed(text: &str) -> Result<&'static Department, Message> {
        Department::lookup(text).ok_or_else(|| Department::refusal(text))
    }

    /// What to write instead of `text`, which names no unit.
    pub fn hint(text: &str) -> Message {
        match Department::suggestion(text) {
            Some(name) => msg!(DepartementHintMeant, name),
            None => msg!(DepartementHint),
        }
    }

    /// Why `text` is refused as a département, with the one meant.
    pub fn refusal(text: &str) -> Message {
        match Department::suggestion(text) {
            Some(name) => msg!(NotADepartementMeant, text, name),
            None => msg!(NotADepartement, text),
        }
    }

    /// Looks up a unit by its exact code.
    pub fn by_code(code: &str) -> &'static Department {
        ALL.iter()
            .find(|d| d.code == code)
            .expect("a code from the table")
    }

    /// The unit's position in [`ALL`], a compact key for tallies.
    pub fn index(&self) -> usize {
        // Every `Department` lives in `ALL`, so its address gives its index.
        (std::ptr::from_ref(self).addr() - ALL.as_ptr().addr()) / std::mem::size_of::<Department>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<&'static str> {
        Department::lookup(text).map(|d| d.code)
    }

    #[test]
    fn looks_up_codes_and_names() {
        assert_eq!(code("22"), Some("22"));
        assert_eq!(code("cotes d armor"), Some("22"));
        assert_eq!(code("Côtes-d'Armor"), Some("22"));
        assert_eq!(code("2a"), Some("2A"));
        assert_eq!(code("1"), Some("01"));
        assert_eq!(code("Wallis et Futuna"), Some("986"));
        assert_eq!(code("Saint-Martin / Saint-Barthélémy"), Some("978"));
        assert_eq!(code("Français de l'étranger"), Some("ZZ"));
        assert_eq!(code("parlement europeen"), Some("EU"));
        assert_eq!(code("la reunion"), Some("974"));
        assert_eq!(code("territoire de belfort"), Some("90"));
    }

    #[test]
    fn refuses_what_is_not_a_unit() {
        assert_eq!(code("20"), None);
        assert_eq!(code("Corse"), None);
        assert_eq!(code("99"), None);
        assert_eq!(code(""), None);
        assert_eq!(code("Bretagne"), None);
    }

    #[test]
    fn table_is_complete() {
        // 96 metropolitan départements, 11 overseas units, 2 fictitious ones.
        assert_eq!(ALL.len(), 96 + 11 + 2);
        let codes: std::collections::HashSet<_> = ALL.iter().map(|d| d.code).collect();
        assert_eq!(codes.len(), ALL.len());
    }
}
