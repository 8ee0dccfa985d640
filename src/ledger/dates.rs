//! The dates a ledger's own rows give, which choose the election when
//! neither the settings nor `--election` do (SPEC.md, Settings).

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::columns::Format;
use super::read::{LedgerReader, ReadOptions, expand};
use crate::rules::Election;

/// What the files say of their election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dated {
    /// Every file is an official publication, and they agree: the year of
    /// their first publication date (or their format's), and a file.
    Publication { year: u16, file: String },
    /// The latest `published_on` of the rows, and its file.
    Published { day: NaiveDate, file: String },
    /// No row is published: the latest `claimed_on`, and its file.
    Claimed { day: NaiveDate, file: String },
    /// No row gives a date (or the files cannot be read).
    Undated,
}

/// What the rows of `paths` say of their election. Publications are read
/// for their first dated row (a publication is one election's); campaign
/// ledgers whole, for their latest dates. Rows that cannot be read are
/// passed over: the commands that read them say so.
pub fn dated(paths: &[PathBuf], options: &ReadOptions) -> Dated {
    let Ok(files) = expand(paths) else {
        return Dated::Undated;
    };
    // Regular files only: a pipe read here would be read no more.
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|file| std::fs::metadata(file).is_ok_and(|m| m.is_file()))
        .collect();
    // The rows are read for their dates only: no window may refuse them,
    // and no day is too late.
    let mut options = options.clone();
    options.election.opens = None;
    options.election.first_round = None;
    options.today = None;
    options.as_of = None;
    let name = |file: &PathBuf| {
        file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let readers: Vec<(&PathBuf, LedgerReader)> = files
        .iter()
        .filter_map(|file| LedgerReader::open(file, &options).ok().map(|r| (file, r)))
        .collect();
    let mut ignored = Vec::new();
    if !readers.is_empty() && readers.iter().all(|(_, r)| r.format.is_official()) {
        let mut years = Vec::new();
        for (file, mut reader) in readers {
            let Format::Official(publication) = reader.format else {
                continue;
            };
            let mut year = publication.election;
            // The first few rows are enough: a publication is one election's.
            for _ in 0..100 {
                match reader.next_entry(&mut ignored) {
                    Some((_, Some(entry))) if entry.published_on.is_some() => {
                        let day = entry.published_on.map(|d| d.year()).unwrap_or_default();
                        if let Ok(day_year) = u16::try_from(day)
                            && Election::preset(day_year).is_some()
                        {
                            year = day_year;
                        }
                        break;
                    }
                    Some(_) => ignored.clear(),
                    None => break,
                }
            }
            years.push((year, name(file)));
        }
        if years.iter().all(|(year, _)| *year == years[0].0) {
            let (year, file) = years.swap_remove(0);
            return Dated::Publication { year, file };
        }
        // Publications of two elections: their rows' dates decide, as a
        // ledger's would.
        return latest(&files, &options);
    }
    latest(&files, &options)
}

/// The latest `published_on` of the rows of `files`, else their latest
/// `claimed_on`.
fn latest(files: &[PathBuf], options: &ReadOptions) -> Dated {
    let name = |file: &PathBuf| {
        file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let mut published: Option<(NaiveDate, String)> = None;
    let mut claimed: Option<(NaiveDate, String)> = None;
    let mut ignored = Vec::new();
    for file in files {
        let Ok(mut reader) = LedgerReader::open(file, options) else {
            continue;
        };
        while let Some((_, entry)) = reader.next_entry(&mut ignored) {
            ignored.clear();
            let Some(entry) = entry else { continue };
            let later = |latest: &Option<(NaiveDate, String)>, day: NaiveDate| {
                latest.as_ref().is_none_or(|(seen, _)| day > *seen)
            };
            if let Some(day) = entry.published_on
                && later(&published, day)
            {
                published = Some((day, name(file)));
            }
            if let Some(day) = entry.claimed_on
                && later(&claimed, day)
            {
                claimed = Some((day, name(file)));
            }
        }
    }
    match (published, claimed) {
        (Some((day, file)), _) => Dated::Published { day, file },
        (None, Some((day, file))) => Dated::Claimed { day, file },
        _ => Dated::Undated,
    }
}
