//! How each language writes numbers, percentages and dates: `13,427` or
//! `13 427`, `44%` or `44 %`, `8 February 2022` or `8 février 2022`.

use crate::lang::Lang;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

impl Lang {
    /// A whole number with its thousands grouped: `13,427`, or `13 427`
    /// (narrow no-break space) in French.
    pub fn number(self, n: impl Into<i64>) -> String {
        let n: i64 = n.into();
        let digits = n.unsigned_abs().to_string();
        let separator = match self {
            Lang::En => ",",
            Lang::Fr => "\u{202f}",
        };
        let mut out = String::with_capacity(digits.len() + 4);
        if n < 0 {
            out.push('-');
        }
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(separator);
            }
            out.push(digit);
        }
        out
    }

    /// A share of 0 to 1 as a whole percentage: `44%`, or `44 %`.
    pub fn percent(self, share: f64) -> String {
        let n = (share * 100.0).round() as i64;
        match self {
            Lang::En => format!("{n}%"),
            Lang::Fr => format!("{n}\u{202f}%"),
        }
    }

    /// `8 February 2022`, or `8 février 2022`.
    pub fn date(self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let months = match self {
            Lang::En => MONTHS_EN,
            Lang::Fr => MONTHS_FR,
        };
        format!(
            "{} {} {}",
            self.day_of_month(day),
            months[day.month0() as usize],
            day.year()
        )
    }

    /// `1`, or in French `1er` (the first of a month is written so).
    fn day_of_month(self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        match (self, day.day()) {
            (Lang::Fr, 1) => "1er".to_string(),
            (_, n) => n.to_string(),
        }
    }

    /// What separates a label from its value: `: `, or ` : ` in French.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::En => ": ",
            Lang::Fr => "\u{a0}: ",
        }
    }

    /// `8 Feb`, or `8 févr.`: for axes.
    pub fn short_date(self, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let month = match self {
            Lang::En => MONTHS_EN[day.month0() as usize]
                .chars()
                .take(3)
                .collect::<String>(),
            // The abbreviations of French typography.
            Lang::Fr => [
                "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
                "déc.",
            ][day.month0() as usize]
                .to_string(),
        };
        format!("{} {month}", self.day_of_month(day))
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;

    #[test]
    fn numbers_and_dates_in_either_language() {
        assert_eq!(Lang::En.number(13427), "13,427");
        assert_eq!(Lang::Fr.number(13427), "13\u{202f}427");
        assert_eq!(Lang::En.number(500), "500");
        assert_eq!(Lang::Fr.number(-1234567), "-1\u{202f}234\u{202f}567");
        assert_eq!(Lang::Fr.percent(0.44), "44\u{202f}%");
        let day = chrono::NaiveDate::from_ymd_opt(2022, 2, 8).unwrap();
        assert_eq!(Lang::En.date(day), "8 February 2022");
        assert_eq!(Lang::Fr.date(day), "8 février 2022");
        assert_eq!(Lang::Fr.short_date(day), "8 févr.");
        let october = chrono::NaiveDate::from_ymd_opt(2021, 10, 20).unwrap();
        assert_eq!(Lang::Fr.short_date(october), "20 oct.");
        assert_eq!(Lang::En.short_date(day), "8 Feb");
    }
}
