//! What `init` says it created: the ledger, the settings, the election
//! and its dates, and what to do next.

use chrono::NaiveDate;

use super::Lang;
use super::words::say;
use crate::message::{Arg, Message};
use crate::msg;
use crate::ops::init::Initialized;
use crate::rules::Election;
use crate::text::clean_path;

pub fn created(
    done: &Initialized,
    candidate: Option<&str>,
    election: &Election,
    chosen: bool,
    today: NaiveDate,
    lang: Lang,
) -> String {
    let mut lines: Vec<Message> = Vec::new();
    let ledger = clean_path(&done.ledger);
    lines.push(match done.delimiter {
        b',' => msg!(CreatedLedger, ledger.clone(), done.columns),
        other => msg!(
            CreatedLedgerSeparated,
            ledger.clone(),
            done.columns,
            format!("{:?}", other as char)
        ),
    });
    if done.kept_settings {
        lines.push(msg!(KeptSettings, &done.settings));
    } else {
        let created = match candidate {
            Some(name) => msg!(CreatedSettingsFor, &done.settings, name),
            None => msg!(CreatedSettings, &done.settings),
        };
        lines.push(match election.closes {
            Some(closes) => msg!(
                SettingsRules,
                created,
                election.threshold,
                election.min_departments,
                election.max_per_department(),
                Arg::DayTime(closes)
            ),
            None => msg!(SettingsNoClose, created),
        });
        if !chosen
            && let Some(year) = election.year
            && !Election::next_on(today).1
        {
            lines.push(msg!(ElectionChosen, year.to_string(), today));
        }
        if let Some(year) = election.year
            && let Some(dates) = Election::provenance(year)
            && Election::preset(year).as_ref() == Some(election)
        {
            lines.push(msg!(PresetIntro, year.to_string(), dates));
        }
        if candidate.is_none() {
            lines.push(msg!(NoCandidateNamed));
        }
    }
    let ledger_flag = if done.ledger.as_os_str() == "parrainages.csv" {
        String::new()
    } else {
        format!(" --ledger {ledger}")
    };
    lines.push(msg!(NextAdd, ledger_flag));
    let mut out = String::new();
    for line in lines {
        out.push_str(&say(&line, lang));
        out.push('\n');
    }
    out
}
