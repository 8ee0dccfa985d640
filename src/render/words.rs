//! The words of human output, in English and in French: each message key's
//! two texts, side by side, and how a message's arguments are written in
//! each language (counts grouped by thousands and dates day first in
//! French). A key holds `{}` holes, filled in order, and `{one|many}`
//! plurals that agree with the count before them; a test holds every key's
//! French to the holes of its English. JSON, CSV and diagnostic codes never
//! go through here.

use super::Lang;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Action, Failure};
use crate::message::{Arg, Key, Message};
use crate::rules::{Mandate, Status};
use crate::text::{clean, clean_path};

/// `message` in `lang`: its key's words, its holes filled in order, each
/// argument written the language's way.
pub fn say(message: &Message, lang: Lang) -> String {
    let (english, french) = texts(message.key);
    let template = match lang {
        Lang::En => english,
        Lang::Fr => french,
    };
    let mut out = String::with_capacity(template.len() + 16 * message.args.len());
    let mut args = message.args.iter();
    // The last count said, for the plural of the words after it.
    let mut last_count = None;
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('}').map_or(rest.len(), |i| i + 1);
        let hole = &rest[1..end.saturating_sub(1)];
        match hole.split_once('|') {
            // `{one|many}`: as the last count asks (`error{|s}`).
            Some((one, many)) => out.push_str(if last_count == Some(1) { one } else { many }),
            None => {
                if let Some(arg) = args.next() {
                    if let Arg::Count(n) = arg {
                        last_count = Some(*n);
                    }
                    out.push_str(&argument(arg, lang));
                }
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The words of a key that has no holes (a label, a table's header), in
/// `lang`.
pub fn word(key: Key, lang: Lang) -> &'static str {
    let (english, french) = texts(key);
    match lang {
        Lang::En => english,
        Lang::Fr => french,
    }
}

/// An argument written in `lang`.
fn argument(arg: &Arg, lang: Lang) -> String {
    match arg {
        Arg::Text(text) => text.clone(),
        Arg::Count(n) => count(lang, *n),
        Arg::Decimal(x, places) => {
            let text = format!("{x:.places$}");
            match lang {
                Lang::En => text,
                Lang::Fr => text.replace('.', ","),
            }
        }
        Arg::Day(day) => match lang {
            Lang::En => day.to_string(),
            Lang::Fr => day.format("%d/%m/%Y").to_string(),
        },
        Arg::DayTime(at) => match lang {
            Lang::En => at.format("%Y-%m-%d %H:%M").to_string(),
            Lang::Fr => at.format("%d/%m/%Y %H:%M").to_string(),
        },
        Arg::Percent(share) => percent(lang, *share),
        Arg::Mandate(mandate) => mandate_named(*mandate, lang).to_string(),
        Arg::Status(status) => status_named(*status, lang).to_string(),
        // Names read from files: a control character is shown, not sent.
        Arg::Official(o) => clean(&format!(
            "{} {}, {}{}, {}",
            o.last_name,
            o.first_name,
            mandate_named(o.mandate, lang),
            crate::sponsorship::in_brackets(&o.circonscription),
            o.department
        ))
        .into_owned(),
        Arg::Said(message) => say(message, lang),
        Arg::Diagnostic(d) => diagnostic(d, lang),
        Arg::Lines(items, more) => {
            let mut lines: Vec<String> = items.iter().map(|item| argument(item, lang)).collect();
            if *more > 0 {
                lines.push(say(&crate::msg!(AndMore, *more), lang));
            }
            lines.join("\n")
        }
    }
}

/// The words of a key: English, then French. Every key has both, or this
/// does not compile.
fn texts(key: Key) -> (&'static str, &'static str) {
    match key {
        Key::Verbatim => ("{}", "{}"),
        Key::AndMore => ("… and {} more", "… et {} de plus"),
        Key::LedgerErrorsFirst => (
            "{}: {} error(s) in the ledger; fix them first (`parrainage check` lists them), nothing was written:\n{}",
            "{} : {} erreur(s) dans le registre ; corrigez-les d'abord (`parrainage check` les liste), rien n'a été écrit :\n{}",
        ),
        Key::PublicationCutShort => (
            "{}: cannot be read to its end, nothing was written:\n{}",
            "{} : illisible jusqu'au bout, rien n'a été écrit :\n{}",
        ),
        Key::PublicationRowsUnreadable => (
            "{}: {} row(s) cannot be read, so nothing was written (`--skip-unreadable` imports the rest and lists them):\n{}",
            "{} : {} ligne(s) illisible(s), donc rien n'a été écrit (`--skip-unreadable` importe le reste et les liste) :\n{}",
        ),
        Key::NotAPublication => (
            "{} is not an official publication of the Conseil constitutionnel:\n{}",
            "{} n'est pas une publication officielle du Conseil constitutionnel :\n{}",
        ),
        Key::NotAPublicationHeader => (
            "{} is not an official publication of the Conseil constitutionnel: its header should be `Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication` (2022) or name the candidate `Candidat-e parrainé-e` (2017)",
            "{} n'est pas une publication officielle du Conseil constitutionnel : son en-tête devrait être `Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication` (2022) ou nommer le candidat `Candidat-e parrainé-e` (2017)",
        ),
        Key::ImportRowsRefused => (
            "nothing was written: {} problem(s) in the rows the import would write:\n{}",
            "rien n'a été écrit : {} problème(s) dans les lignes que l'import écrirait :\n{}",
        ),
        Key::RowsToAddUnkept => (
            "cannot keep the rows to add: {}",
            "impossible de garder les lignes à ajouter : {}",
        ),
        Key::NewRowRefused => (
            "new row at line {} (publication line {}): {}",
            "nouvelle ligne {} (ligne {} de la publication) : {}",
        ),
        Key::CodeSaid => ("{}: {}", "{} : {}"),
        Key::FormulaInPublication => ("{} line {}: {}", "{} ligne {} : {}"),
        Key::InTheRegister => ("in the register: {}", "dans le répertoire : {}"),
        Key::RegisterRowsUnreadable => (
            "{} row(s) of the register cannot be read (`--skip-unreadable` goes on without them):\n{}",
            "{} ligne(s) du répertoire illisible(s) (`--skip-unreadable` continue sans elles) :\n{}",
        ),
        Key::RegisterRowsSkipped => (
            "{} row(s) of the register cannot be read and were skipped",
            "{} ligne(s) du répertoire illisible(s), passée(s)",
        ),
        Key::RowsNotListed => (
            "{} row(s) cannot be read and are not listed; `parrainage check` says why\n{}",
            "{} ligne(s) illisible(s), non listée(s) ; `parrainage check` dit pourquoi\n{}",
        ),
        Key::ReportRowsUnreadable => (
            "{} error{|s} in the ledger: some rows cannot be counted, so the report would be wrong\n{}\nrun `parrainage check` to see every problem and how to fix it",
            "{} erreur{|s} dans le registre : des lignes ne peuvent pas être comptées, le rapport serait faux\n{}\nlancez `parrainage check` pour voir chaque problème et comment le corriger",
        ),
        Key::Indented => ("  {}", "  {}"),
        Key::TakenRowsUnreadable => (
            "{} row(s) of {} cannot be read: whoever they name stays on the list:\n{}",
            "{} ligne(s) de {} illisible(s) : qui qu'elles nomment reste sur la liste :\n{}",
        ),
        Key::TakenRowsRefused => (
            "{} row(s) of {} cannot be read, so the list could call officials who are taken (`parrainage check` says how to fix them; `--skip-unreadable` goes on without them):\n{}",
            "{} ligne(s) de {} illisible(s), donc la liste pourrait appeler des élus déjà pris (`parrainage check` dit comment les corriger ; `--skip-unreadable` continue sans elles) :\n{}",
        ),
        Key::TheLedger => ("the ledger", "le registre"),
        // prospects, and who sponsored before.
        // add and update: the register of elected officials.
        Key::HeldInUnit => ("{}{} in {}", "{}{} dans le {}"),
        Key::InRegisterUnderOtherMandates => (
            "{} is in the register of elected officials as {}, not as {}{} in {}",
            "{} est dans le répertoire des élus comme {}, pas comme {}{} dans le {}",
        ),
        Key::SignWithMandateHeld => (
            "check which mandate the official will sign with: a form under a mandate they do not hold is rejected",
            "vérifiez sous quel mandat l'élu signera : un formulaire sous un mandat qu'il ne détient pas est rejeté",
        ),
        Key::NotInRegisterAs => (
            "no {}{} named {} in {} in the register of elected officials",
            "aucun {}{} nommé {} dans le {} au répertoire des élus",
        ),
        Key::NearestInRegister => ("{}; nearest there: {}", "{} ; les plus proches là : {}"),
        Key::NamedInUnit => ("{} as {}", "{} comme {}"),
        Key::ElsewhereInRegister => ("{}; the register has {}", "{} ; le répertoire a {}"),
        Key::RegisterLagsEntryWritten => (
            "the register lags and has gaps: check the name, the mandate and the département before the form is sent; the entry is written all the same",
            "le répertoire a du retard et des trous : vérifiez le nom, le mandat et le département avant l'envoi du formulaire ; l'entrée est écrite quand même",
        ),
        Key::FilledFromRegister => (
            "From the register of elected officials: {}.",
            "D'après le répertoire des élus : {}.",
        ),
        Key::FilledSpelling => ("{} `{}` (typed `{}`)", "{} `{}` (saisi `{}`)"),
        Key::FilledGiven => ("{} `{}` (not typed)", "{} `{}` (non saisi)"),
        Key::AddTornLastRow => (
            "{}:{}: the last row is torn (a write that did not finish, or a quote never closed); `parrainage repair` sets it aside; the entry was not recorded",
            "{}:{} : la dernière ligne est coupée (une écriture inachevée, ou un guillemet jamais fermé) ; `parrainage repair` la met de côté ; l'entrée n'a pas été enregistrée",
        ),
        Key::EntryStands => (
            "the entry at {} stands; to change it: `{}` (or --set-mandate, --notes…)",
            "l'entrée en {} reste ; pour la changer : `{}` (ou --set-mandate, --notes…)",
        ),
        Key::PreferNeedsHistory => (
            "--prefer ranks first the past sponsors of candidates: give the past publications with --history FILE…, or set `history` in parrainage.toml",
            "--prefer classe d'abord les anciens parrains de candidats : donnez les publications passées avec --history FICHIER…, ou réglez `history` dans parrainage.toml",
        ),
        Key::PreferredNotInHistory => (
            "--prefer `{}`: no person of the register sponsored this candidate in the history files; {}",
            "--prefer `{}` : aucune personne du répertoire n'a parrainé ce candidat dans les fichiers d'historique ; {}",
        ),
        Key::HistoryRowsUnreadable => (
            "{} row(s) of {} cannot be read: whoever they name is ranked as if they had not sponsored then:\n{}",
            "{} ligne(s) de {} illisible(s) : qui qu'elles nomment est classé comme s'il n'avait pas parrainé cette fois-là :\n{}",
        ),
        Key::HistoryRowsRefused => (
            "{} row(s) of {} cannot be read, so the list could rank past sponsors as if they had not sponsored (`parrainage check` says how to fix them; `--skip-unreadable` goes on without them):\n{}",
            "{} ligne(s) de {} illisible(s), donc la liste pourrait classer d'anciens parrains comme s'ils n'avaient pas parrainé (`parrainage check` dit comment les corriger ; `--skip-unreadable` continue sans elles) :\n{}",
        ),
        Key::HistoryInForce => (
            "{}: its publications (the latest on {}) are of the {} election, the one in force: it is a publication of this election, to give with --publication, not history",
            "{} : ses publications (la dernière le {}) sont de l'élection de {}, celle en cours : c'est une publication de cette élection, à donner avec --publication, pas un historique",
        ),
        Key::HistoryNotPast => (
            "{}: its publications (the latest on {}) are of no election before the one in force: --history takes the publications of past elections",
            "{} : ses publications (la dernière le {}) ne sont d'aucune élection antérieure à celle en cours : --history prend les publications des élections passées",
        ),
        Key::HistoryUndated => (
            "{}: no row has a publication date: --history takes the publications of past elections",
            "{} : aucune ligne n'a de date de publication : --history prend les publications des élections passées",
        ),
        Key::ProspectsFor => (
            "Prospects for {}: {} person{|s}",
            "Élus à solliciter pour {} : {} personne{|s}",
        ),
        Key::ProspectsOf => ("Prospects: {} person{|s}", "Élus à solliciter : {} personne{|s}"),
        Key::ProspectsRegister => (
            "Register: {} files, {} rows, {} eligible (held by {} persons), {} not eligible, {} skipped, {} with no known unit.",
            "Répertoire : {} fichiers, {} lignes, {} éligibles (tenues par {} personnes), {} non éligibles, {} ignorées, {} sans collectivité connue.",
        ),
        Key::ProspectsTaken => (
            "Taken: {} in the ledger (any status), {} published. Reached and under the cap count the candidate's live entries (claimed, sent, validated): {} départements reached, {} needed.",
            "Déjà pris : {} dans le registre (tout statut), {} publiés. Atteints et sous le plafond comptent les entrées vivantes du candidat (promises, envoyées, validées) : {} départements atteints, {} nécessaires.",
        ),
        Key::HistoryFile => (
            "Sponsored before, {} ({}): {} row(s) found in the register, {} ambiguous (given to nobody).",
            "Ont déjà parrainé, {} ({}) : {} ligne(s) trouvée(s) dans le répertoire, {} ambiguë(s) (attribuées à personne).",
        ),
        Key::ProspectsMandates => ("Mandates", "Mandats"),
        Key::DepartementShort => ("Dépt", "Dépt"),
        Key::ProspectsWhy => ("Why", "Pourquoi"),
        Key::SponsoredBefore => ("Sponsored before", "A déjà parrainé"),
        Key::SponsoredIn => ("{}: {}", "{} : {}"),
        Key::WhyNotReached => ("{} not reached yet", "{} pas encore atteint"),
        Key::WhyUnderCap => ("{} under the cap: {} of {}", "{} sous le plafond : {} sur {}"),
        Key::WhyAtCap => ("at the cap", "au plafond"),
        Key::WhyMaybeTaken => (
            "maybe taken (a homonym is in the ledger or published)",
            "peut-être déjà pris (un homonyme est dans le registre ou publié)",
        ),
        Key::WhyNoMayorInRegister => (
            "the register has no mayor here",
            "le répertoire n'a aucun maire ici",
        ),
        Key::WhyRegisterIncomplete => (
            "the register is incomplete here",
            "le répertoire est incomplet ici",
        ),
        Key::NotASponsoringMandate => (
            "`{}` is not a mandate that may sponsor",
            "`{}` n'est pas un mandat qui peut parrainer",
        ),
        Key::LedgerThreadFailed => (
            "a thread reading the ledger failed",
            "un fil de lecture du registre a échoué",
        ),
        Key::ThreadReadingFailed => (
            "{}: the thread reading it failed",
            "{} : le fil qui le lisait a échoué",
        ),
        Key::SayWhoseProspects => (
            "the ledger names several candidates: say whose prospects with --candidate 'NOM Prénom'",
            "le registre nomme plusieurs candidats : dites de qui chercher les soutiens avec --candidate 'NOM Prénom'",
        ),
        Key::ProspectsMore => (
            "… and {} more: --limit N shows more, --format csv gives them all as a call list",
            "… et {} de plus : --limit N en montre davantage, --format csv les donne tous comme liste d'appels",
        ),
        Key::ProspectsOfNoKnownUnit => (
            "{} person{|s} of the list hold{s|} only mandates whose unit the register does not say (Assemblée de Corse, the Alsace section): ranked by the best of the units they may count in, written 2A|2B or 67|68; --format json lists the register's rows under `unknown_unit`.",
            "{} personne{|s} de la liste n'{a|ont} que des mandats dont le répertoire ne dit pas la collectivité (Assemblée de Corse, section Alsace) : classée{|s} selon la meilleure des collectivités où elle{|s} peu{t|vent} compter, écrites 2A|2B ou 67|68 ; --format json liste les lignes du répertoire sous `unknown_unit`.",
        ),
        // The report's summary.
        Key::Validated => ("Validated", "Validés"),
        Key::Claimed => ("Claimed", "Revendiqués"),
        Key::Pending => ("Pending", "En attente"),
        Key::Lost => ("Lost", "Perdus"),
        Key::Declined => ("Declined", "Refus"),
        Key::Usable => ("Usable", "Utilisables"),
        Key::Departements => ("Départements", "Départements"),
        Key::NearestCap => ("Nearest cap", "Plafond le plus proche"),
        Key::AtTheCap => ("At the cap", "Au plafond"),
        Key::Qualified => ("Qualified", "Qualifié"),
        Key::Window => ("Window", "Période"),
        Key::Pace => ("Pace", "Rythme"),
        Key::Forecast => ("Forecast", "Prévision"),
        Key::OfGoal => ("{} / {}", "{} / {}"),
        Key::PendingFact => (
            "{} claimed or sent, unpublished (Claimed = Validated + Pending)",
            "{} promis ou envoyés, non publiés (Revendiqués = Validés + En attente)",
        ),
        Key::LostFact => (
            "{} rejected, withdrawn or published for another",
            "{} rejetés, retirés ou publiés pour un autre",
        ),
        Key::DeclinedFact => ("{} said no", "{} ont dit non"),
        Key::UsableFact => (
            "{} / {} (at most {} per département; {} if all claims are validated)",
            "{} / {} (au plus {} par département ; {} si toutes les promesses sont validées)",
        ),
        Key::DepartementsFact => ("{} / {} ({} with claims)", "{} / {} ({} avec les promesses)"),
        Key::NearestCapFact => ("{} {}: {} / {}", "{} {} : {} / {}"),
        Key::NoneYet => ("none yet", "aucun pour l'instant"),
        Key::Yes => ("yes", "oui"),
        Key::No => ("no", "non"),
        Key::MissingDepartements => ("no: {} départements missing", "non : il manque {} départements"),
        Key::MissingSponsorships => (
            "no: {} usable sponsorships missing",
            "non : il manque {} parrainages utilisables",
        ),
        Key::MissingBoth => (
            "no: {} usable sponsorships and {} départements missing",
            "non : il manque {} parrainages utilisables et {} départements",
        ),
        Key::PaceBoth => (
            "{} a day needed, {} a day so far",
            "{} par jour nécessaires, {} par jour jusqu'ici",
        ),
        Key::PaceNeeded => ("{} a day needed", "{} par jour nécessaires"),
        Key::PaceSoFar => ("{} a day so far", "{} par jour jusqu'ici"),
        Key::Unknown => ("unknown", "inconnu"),
        Key::ForecastFact => (
            "about {} validated at the current rate, if the pending claims ({}) fare as the decided ones did ({} validated); not a promise",
            "environ {} validés au rythme actuel, si les promesses en attente ({}) suivent les décidées ({} validées) ; ce n'est pas une promesse",
        ),
        Key::WindowNotOpen => (
            "opens: not yet known (the convening decree is not published); forms can be sent only from then; closes {}",
            "ouverture : pas encore connue (le décret de convocation n'est pas publié) ; les formulaires ne peuvent être envoyés qu'à partir de là ; clôture le {}",
        ),
        Key::WindowCloses => (
            "closes {}: {} day{|s} left",
            "clôture le {} : {} jour{|s} restant{|s}",
        ),
        Key::WindowClosed => ("closed {}", "clos le {}"),
        Key::NoCloseDate => (
            "no close date: set first_round in parrainage.toml or pass --first-round",
            "pas de date de clôture : indiquez first_round dans parrainage.toml ou --first-round",
        ),
        Key::NotReachedNone => ("Not yet reached: none", "Pas encore atteints : aucun"),
        Key::NotReachedNothing => (
            "Not yet reached ({}), nothing there yet: {}",
            "Pas encore atteints ({}), rien encore : {}",
        ),
        Key::NotReachedClaims => (
            "Not yet reached ({}), each with claims: {}",
            "Pas encore atteints ({}), chacun avec des promesses : {}",
        ),
        Key::NotReachedSplit => (
            "Not yet reached ({}): with claims ({}): {}; nothing yet ({}): {}",
            "Pas encore atteints ({}) : avec des promesses ({}) : {} ; rien encore ({}) : {}",
        ),
        Key::CommandLineNamesPastElection => (
            "The command line names an election whose close is past ({}): this is a past campaign.",
            "La ligne de commande désigne une élection dont la clôture est passée ({}) : c'est une campagne passée.",
        ),
        Key::SettingsNamePastElection => (
            "The settings name an election whose close is past ({}): this is a past campaign; for the next election, set `election` in parrainage.toml.",
            "Les réglages désignent une élection dont la clôture est passée ({}) : c'est une campagne passée ; pour la prochaine élection, réglez `election` dans parrainage.toml.",
        ),
        // The report's tables.
        Key::CandidatesAsOf => ("Candidates as of {}", "Candidats au {}"),
        Key::NoSponsorshipYet => (
            "No sponsorship in the ledger yet.",
            "Aucun parrainage dans le registre pour l'instant.",
        ),
        Key::RulesSentence => ("Rules: {}.", "Règles : {}."),
        Key::CandidateAsOf => ("{} as of {}", "{} au {}"),
        Key::Publications => ("Publications", "Publications"),
        Key::PublicationsFact => ("{} new validated, {} to {}", "{} nouveaux validés, du {} au {}"),
        Key::ByMandate => ("By mandate", "Par mandat"),
        Key::ByDepartementCap => (
            "By département (cap: {} each)",
            "Par département (plafond : {} chacun)",
        ),
        Key::AtCap => ("at cap", "au plafond"),
        Key::ByPublicationDate => ("By publication date", "Par date de publication"),
        Key::ByPublicationDateSteady => (
            "By publication date (steady pace: the count needed by that day)",
            "Par date de publication (rythme régulier : le nombre nécessaire à ce jour)",
        ),
        Key::PublishedAfterNew => (
            "Published after {}: {} new validated",
            "Publiés après le {} : {} nouveaux validés",
        ),
        Key::PublishedAfter => ("Published after {}", "Publiés après le {}"),
        Key::InAll => ("in all", "en tout"),
        Key::QualifiedOf => (
            "{} of {} candidates qualified; {} validated sponsorships in all",
            "{} candidats qualifiés sur {} ; {} parrainages validés en tout",
        ),
        Key::NumberSign => ("#", "#"),
        Key::Candidate => ("Candidate", "Candidat"),
        Key::Mandate => ("Mandate", "Mandat"),
        Key::Share => ("Share", "Part"),
        Key::Code => ("Code", "Code"),
        Key::Departement => ("Département", "Département"),
        Key::Cap => ("Cap", "Plafond"),
        Key::Date => ("Date", "Date"),
        Key::New => ("New", "Nouveaux"),
        Key::Cumulative => ("Cumulative", "Cumul"),
        Key::SteadyPace => ("Steady pace", "Rythme régulier"),
        Key::NewValidated => ("New validated", "Nouveaux validés"),
        Key::Published => ("Published", "Publié"),
        Key::Name => ("Name", "Nom"),
        Key::Place => ("Place", "Lieu"),
        Key::Where => ("Where", "Où"),
        Key::Status => ("Status", "Statut"),
        Key::Held => ("Held", "Détenus"),
        Key::Mayors => ("Mayors", "Maires"),
        Key::Communes => ("Communes", "Communes"),
        Key::EpciPresidents => ("EPCI presidents", "Présidents d'EPCI"),
        Key::Epcis => ("EPCIs", "EPCI"),
        Key::Register => ("Register", "Répertoire"),
        Key::Complete => ("complete", "complet"),
        Key::Incomplete => ("incomplete", "incomplet"),
        Key::Missing => ("missing", "manquant"),
        Key::NoFile => ("no file", "pas de fichier"),
        Key::RegisterSummary => (
            "Register: {} files, {} rows, {} eligible (held by {} persons), {} not eligible, {} skipped, {} with no known unit.",
            "Répertoire : {} fichiers, {} lignes, {} éligibles (tenues par {} personnes), {} non éligibles, {} ignorées, {} sans collectivité connue.",
        ),
        Key::DeptShort => ("Dépt", "Dépt"),
        Key::ClaimedOn => ("Claimed on", "Promis le"),
        Key::PublishedOn => ("Published on", "Publié le"),
        Key::EntriesCounted => ("{} entr{y|ies}", "{} entrée{|s}"),
        Key::MoreNotShown => (
            "{} more not shown: --format csv or json lists them all",
            "{} de plus non affichées : --format csv ou json les liste toutes",
        ),
        Key::Severity => ("Severity", "Gravité"),
        Key::Problems => ("Problems", "Problèmes"),
        Key::FirstAt => ("First at", "Premier en"),
        Key::Problem => ("Problem", "Problème"),
        Key::Error => ("error", "erreur"),
        Key::Warning => ("warning", "avertissement"),
        Key::CheckSummary => (
            "{} error{|s}, {} warning{|s} in {} file{|s} ({} row{|s})",
            "{} erreur{|s}, {} avertissement{|s} dans {} fichier{|s} ({} ligne{|s})",
        ),
        Key::MoreProblems => (
            "{} more: `parrainage check` lists them all.",
            "{} de plus : `parrainage check` les liste tous.",
        ),
        // diff.
        Key::Added => ("Added", "Ajoutés"),
        Key::Removed => ("Removed", "Retirés"),
        Key::NewDepartements => ("New départements", "Nouveaux départements"),
        Key::LatestPublication => ("{} (latest publication {})", "{} (dernière publication le {})"),
        Key::PublicationsCompared => (
            "Publications compared: {} and {}",
            "Publications comparées : {} et {}",
        ),
        Key::AddedList => ("Added ({})", "Ajoutés ({})"),
        Key::RemovedList => ("Removed ({})", "Retirés ({})"),
        Key::AddedListColon => ("Added ({}):", "Ajoutés ({}) :"),
        Key::RemovedListColon => ("Removed ({}):", "Retirés ({}) :"),
        Key::NoChange => ("No change.", "Aucun changement."),
        // init.
        Key::LedgerAlreadyThere => (
            "{}: a ledger is already there; init never overwrites one",
            "{} : un registre est déjà là ; init n'en écrase jamais",
        ),
        Key::EveryClosePast => (
            "every preset's close is past on {}: the settings name {}, the latest; give --first-round (or set first_round) for a later election",
            "la clôture de chaque préréglage est passée le {} : les réglages nomment {}, le dernier ; donnez --first-round (ou réglez first_round) pour une élection plus tardive",
        ),
        Key::CreatedLedger => ("Created {} ({} columns).", "{} créé ({} colonnes)."),
        Key::CreatedLedgerSeparated => (
            "Created {} ({} columns, separated by {}).",
            "{} créé ({} colonnes, séparées par {}).",
        ),
        Key::KeptSettings => ("Kept the existing {}.", "Le {} existant est gardé."),
        Key::CreatedSettings => ("Created {}", "{} créé"),
        Key::CreatedSettingsFor => ("Created {} for {}", "{} créé pour {}"),
        Key::SettingsRules => (
            "{}: {} sponsorships from {} départements, at most {} from one, by {} (Paris time).",
            "{} : {} parrainages de {} départements, au plus {} d'un seul, avant le {} (heure de Paris).",
        ),
        Key::SettingsNoClose => (
            "{}: no close date yet; set first_round in the settings or pass --first-round.",
            "{} : pas encore de date de clôture ; réglez first_round dans les réglages ou donnez --first-round.",
        ),
        Key::ElectionChosen => (
            "Election: {}, the next whose close is not past on {} (--election chooses another).",
            "Élection : {}, la prochaine dont la clôture n'est pas passée le {} (--election en choisit une autre).",
        ),
        Key::PresetIntro => ("The {} preset: {}.", "Le préréglage {} : {}."),
        Key::NoCandidateNamed => (
            "No candidate named: give one with --candidate, or set `candidate` in the settings.",
            "Aucun candidat nommé : donnez-en un avec --candidate, ou réglez `candidate` dans les réglages.",
        ),
        Key::NextAdd => (
            "Next: parrainage{} add --last-name … --first-name … --mandate … --department …",
            "Ensuite : parrainage{} add --last-name … --first-name … --mandate … --department …",
        ),
        // Writing a ledger.
        Key::WaitingForLock => (
            "waiting for {}: another parrainage is writing to it…",
            "en attente de {} : un autre parrainage y écrit…",
        ),
        Key::LockHeldTooLong => (
            "another parrainage still holds the lock after {} s (--lock-timeout); nothing was written",
            "un autre parrainage tient encore le verrou après {} s (--lock-timeout) ; rien n'a été écrit",
        ),
        Key::RemovedStaleTemporary => (
            "removed {}, left by a write that was interrupted",
            "{} supprimé, laissé par une écriture interrompue",
        ),
        Key::StaleTemporaryStays => (
            "{} was left by a write that was interrupted, and cannot be removed: {}",
            "{} a été laissé par une écriture interrompue, et ne peut pas être supprimé : {}",
        ),
        Key::AppendedShort => (
            "the file should have grown from {} to {} bytes but has {}: this file system may not support appending safely",
            "le fichier aurait dû passer de {} à {} octets mais en a {} : ce système de fichiers ne permet peut-être pas d'ajouter sans risque",
        ),
        Key::HardLinks => (
            "the file has {} hard links, and rewriting it would split them: the other names would keep the old rows. Keep one name (remove the other links, or use a symlink) and try again",
            "le fichier a {} liens physiques, et le réécrire les séparerait : les autres noms garderaient les anciennes lignes. Gardez un seul nom (supprimez les autres liens, ou utilisez un lien symbolique) et réessayez",
        ),
        Key::OwnerWouldChange => (
            "a rewrite would change the file's owner and group from {} to {}, and keeping them failed ({}). Run this as the file's owner",
            "une réécriture changerait le propriétaire et le groupe du fichier de {} à {}, et les garder a échoué ({}). Lancez ceci en tant que propriétaire du fichier",
        ),
        // repair.
        Key::TornNotUtf8 => (
            "{}:{}: the last row is torn, but the file is not UTF-8: cut it by hand, or save it as CSV UTF-8 first",
            "{}:{} : la dernière ligne est déchirée, mais le fichier n'est pas en UTF-8 : coupez-la à la main, ou enregistrez-le d'abord en CSV UTF-8",
        ),
        Key::NothingToRepair => (
            "Nothing to repair: {} ends on a complete row.",
            "Rien à réparer : {} se termine sur une ligne complète.",
        ),
        Key::MovedTornRow => (
            "Moved the torn row of {} (line {}, {} bytes) to {}; the ledger now ends on its last complete row.",
            "La ligne déchirée de {} (ligne {}, {} octets) est déplacée vers {} ; le registre se termine maintenant sur sa dernière ligne complète.",
        ),
        // report.
        Key::SharedConstituencyCounted => (
            "{} row(s) give the constituency of Saint-Martin / Saint-Barthélemy as their département: counted under 978 Saint-Martin (RULES.md §5)",
            "{} ligne(s) donnent la circonscription de Saint-Martin / Saint-Barthélemy pour département : comptée(s) sous 978 Saint-Martin (RULES.md §5)",
        ),
        Key::RepeatedCountedOnce => (
            "{} row(s) repeat an official already listed for the same candidate: counted once (`parrainage check` lists them)",
            "{} ligne(s) répètent un élu déjà inscrit pour le même candidat : compté une fois (`parrainage check` les liste)",
        ),
        Key::WarningsCountedAsWritten => (
            "{} warning(s) in the ledger, counted as written (`parrainage check` lists them)",
            "{} avertissement(s) dans le registre, compté(s) tel(s) qu'écrit(s) (`parrainage check` les liste)",
        ),
        // check --register.
        Key::HeldMandate => ("{} ({})", "{} ({})"),
        Key::HeldMandateOf => ("{} of {} ({})", "{} de {} ({})"),
        Key::RegisterPerson => ("{} {}, born {} ({})", "{} {}, né(e) le {} ({})"),
        Key::SeveralInRegister => (
            "{}, {} in {}: {} officials of the register fit: {}",
            "{}, {} dans {} : {} élus du répertoire correspondent : {}",
        ),
        Key::SeveralInRegisterOf => (
            "{}, {} of {} in {}: {} officials of the register fit: {}",
            "{}, {} de {} dans {} : {} élus du répertoire correspondent : {}",
        ),
        Key::TellThemApart => (
            "write the circonscription, or every first name, to tell them apart",
            "écrivez la circonscription, ou tous les prénoms, pour les distinguer",
        ),
        Key::InRegisterAs => (
            "{} is in the register as {}, not as {} in {}",
            "{} est au répertoire comme {}, pas comme {} dans {}",
        ),
        Key::InRegisterAsOf => (
            "{} is in the register as {}, not as {} of {} in {}",
            "{} est au répertoire comme {}, pas comme {} de {} dans {}",
        ),
        Key::WhichMandate => (
            "check which mandate the official will sign with: a form under a mandate they do not hold is rejected",
            "vérifiez sous quel mandat l'élu signera : un formulaire sous un mandat qu'il n'a pas est rejeté",
        ),
        Key::NotInRegister => (
            "no {} named {} in {} in the register{}",
            "pas de {} du nom de {} dans {} au répertoire{}",
        ),
        Key::NotInRegisterOf => (
            "no {} of {} named {} in {} in the register{}",
            "pas de {} de {} du nom de {} dans {} au répertoire{}",
        ),
        Key::NearestOfficials => ("; nearest: {}", " ; les plus proches : {}"),
        Key::RegisterLags => (
            "the register lags and has gaps: check the spelling and the mandate before the form is sent",
            "le répertoire a du retard et des trous : vérifiez l'orthographe et le mandat avant l'envoi du formulaire",
        ),
        // update and remove: the entry to change.
        Key::NoEntryMatches => (
            "{}: no entry for {} matches; `{}` shows the entries of that name, `parrainage check` the rows that cannot be read; nothing was changed",
            "{} : aucune entrée ne correspond à {} ; `{}` montre les entrées de ce nom, `parrainage check` les lignes illisibles ; rien n'a été modifié",
        ),
        Key::SeveralEntriesMatch => (
            "{}: {} entries match {}; narrow with --mandate, --department, --circonscription, --candidate or --line; nothing was changed:\n{}",
            "{} : {} entrées correspondent à {} ; précisez avec --mandate, --department, --circonscription, --candidate ou --line ; rien n'a été modifié :\n{}",
        ),
        Key::EntryAtLine => ("  line {}: {} for {}", "  ligne {} : {} pour {}"),
        Key::UpdateNeedsAChange => (
            "nothing to change: give --status, --claimed-on, --published-on, --source, --notes or a --set-… flag",
            "rien à changer : donnez --status, --claimed-on, --published-on, --source, --notes ou une option --set-…",
        ),
        Key::NoColumnToChange => (
            "{} has no `{}` column to change",
            "{} n'a pas de colonne `{}` à changer",
        ),
        Key::AlreadyHoldsOfficial => (
            "{} already holds this official: change the entry otherwise, or remove one of the two (this one: `{}`)",
            "{} tient déjà cet élu : changez l'entrée autrement, ou retirez l'une des deux (celle-ci : `{}`)",
        ),
        // diff.
        Key::SinceWithTwoPublications => (
            "with --since, name one archive (or none: the `archive` setting, else publications/ beside the ledger), not two publications",
            "avec --since, nommez une archive (ou aucune : le réglage `archive`, sinon publications/ à côté du registre), pas deux publications",
        ),
        Key::SinceNeedsAnArchive => (
            "{}: --since needs an archive, a directory of publications (as `parrainage fetch` keeps one)",
            "{} : --since demande une archive, un dossier de publications (comme celui que tient `parrainage fetch`)",
        ),
        Key::NoPublicationBefore => (
            "no publication of {} is dated on or before {}: the earliest is dated {}",
            "aucune publication de {} n'est datée du {} ou d'avant : la plus ancienne est datée du {}",
        ),
        Key::DiffNeedsTwo => (
            "diff compares two publications: give OLD and NEW, or --since DATE and an archive",
            "diff compare deux publications : donnez OLD et NEW, ou --since DATE et une archive",
        ),
        Key::DiffNotAPublication => (
            "{}: not a publication of the Conseil constitutionnel (diff compares two of them)",
            "{} : pas une publication du Conseil constitutionnel (diff en compare deux)",
        ),
        // Commands' own refusals.
        Key::MaxAnnotationsForGithub => (
            "--max-annotations is for --format github: the other formats write every problem",
            "--max-annotations est pour --format github : les autres formats écrivent chaque problème",
        ),
        Key::CannotWriteManual => (
            "cannot write the manual page: {}",
            "impossible d'écrire la page de manuel : {}",
        ),
        Key::NotACommand => (
            "`{}` is not a command: the commands are {}",
            "`{}` n'est pas une commande : les commandes sont {}",
        ),
        Key::CannotWriteJson => ("cannot write the JSON: {}", "impossible d'écrire le JSON : {}"),
        Key::SinceAfterAsOf => (
            "--since {} is after the day the report is made ({}, --as-of or today): nothing can have been published between them",
            "--since {} est après le jour du rapport ({}, --as-of ou aujourd'hui) : rien n'a pu être publié entre les deux",
        ),
        // fetch, import.
        Key::NoCandidateToImport => (
            "no candidate to import for: {} names none; pass --candidate 'NOM Prénom' or set `candidate` in parrainage.toml",
            "aucun candidat pour qui importer : {} n'en nomme aucun ; indiquez --candidate 'NOM Prénom' ou réglez `candidate` dans parrainage.toml",
        ),
        Key::SeveralCandidatesToImport => (
            "{} names {} candidates ({}): say which with --candidate",
            "{} nomme {} candidats ({}) : dites lequel avec --candidate",
        ),
        Key::NoRegister => (
            "no register of elected officials: pass --register DIR (the RNE's CSV files from data.gouv.fr), or set `register` in parrainage.toml",
            "pas de répertoire des élus : indiquez --register DOSSIER (les fichiers CSV du RNE, sur data.gouv.fr), ou réglez `register` dans parrainage.toml",
        ),
        Key::NoAddressToFetch => (
            "no address to fetch: give one (`parrainage fetch URL`) or set `publication_url` in parrainage.toml",
            "aucune adresse à télécharger : donnez-en une (`parrainage fetch URL`) ou indiquez `publication_url` dans parrainage.toml",
        ),
        Key::CannotFetch => (
            "cannot fetch {}: {}{}; nothing was stored{}",
            "impossible de télécharger {} : {}{} ; rien n'a été gardé{}",
        ),
        Key::Attempts => (" ({} attempts)", " ({} tentatives)"),
        Key::AddressGuessed => (
            "; this address is the {} preset's guess, until the Conseil's site is open: set `publication_url` in parrainage.toml once it is known",
            " ; cette adresse est celle que l'on suppose pour {}, tant que le site du Conseil n'est pas ouvert : indiquez `publication_url` dans parrainage.toml dès qu'elle est connue",
        ),
        Key::ServerAnswered => ("the server answered {} {}", "le serveur a répondu {} {}"),
        Key::BodyStopped => (
            "the body stopped after {} bytes: {}",
            "la réponse s'est arrêtée après {} octets : {}",
        ),
        Key::BodyEmpty => ("the body is empty", "la réponse est vide"),
        Key::ServerSentHtml => (
            "the server sent an HTML page, not a publication (the site may be down, or the address moved)",
            "le serveur a envoyé une page HTML, pas une publication (le site est peut-être en panne, ou l'adresse a changé)",
        ),
        Key::HostNotFound => (
            "the host name cannot be resolved (DNS)",
            "le nom de l'hôte ne peut pas être résolu (DNS)",
        ),
        Key::ConnectionFailed => ("the connection failed", "la connexion a échoué"),
        Key::NotHttp => (
            "the server's answer is not HTTP: {}",
            "la réponse du serveur n'est pas du HTTP : {}",
        ),
        Key::RedirectLoop => (
            "more than {} redirects: a redirect loop",
            "plus de {} redirections : une boucle de redirections",
        ),
        Key::NotAnAddress => ("not an address: {}", "pas une adresse : {}"),
        Key::ConnectionRefused => (
            "the connection was refused (no server at that address?)",
            "la connexion a été refusée (pas de serveur à cette adresse ?)",
        ),
        Key::NetworkUnreachable => (
            "the network is unreachable (is this machine connected?)",
            "le réseau est injoignable (cette machine est-elle connectée ?)",
        ),
        Key::ClosedBeforeTheEnd => (
            "the connection closed before the end of the body",
            "la connexion s'est fermée avant la fin de la réponse",
        ),
        Key::TimedOut => (
            "no complete answer within {} s (--timeout)",
            "pas de réponse complète en {} s (--timeout)",
        ),
        Key::CannotKeepBody => (
            "cannot keep the body in a temporary file: {}",
            "impossible de garder la réponse dans un fichier temporaire : {}",
        ),
        Key::UnknownDate => ("an unknown date", "une date inconnue"),
        Key::LineNote => ("line {}: {}: {}", "ligne {} : {} : {}"),
        Key::TangledLines => (
            "{}: ledger line(s) {} and publication line(s) {} cannot be told apart; left as they are",
            "{} : ligne(s) du registre {} et ligne(s) de la publication {} impossibles à distinguer ; laissées telles quelles",
        ),
        Key::ImportTitlePublished => (
            "Import of {} ({} rows, published up to {}) into {} for {}",
            "Import de {} ({} lignes, publiées jusqu'au {}) dans {} pour {}",
        ),
        Key::ImportTitle => (
            "Import of {} ({} rows) into {} for {}",
            "Import de {} ({} lignes) dans {} pour {}",
        ),
        Key::Outcome => ("outcome", "résultat"),
        Key::EntriesHeader => ("entries", "entrées"),
        Key::Who => ("who", "qui"),
        Key::OtherFilesNotWritten => (
            "Entries in other files of the ledger keep the publication from adding them twice, but only the file imported into is written: import into each of them to update it.",
            "Les entrées des autres fichiers du registre empêchent la publication de les ajouter deux fois, mais seul le fichier où l'on importe est écrit : importez dans chacun d'eux pour le mettre à jour.",
        ),
        Key::Anomalies => ("Anomalies", "Anomalies"),
        Key::ToReview => ("To review", "À vérifier"),
        Key::Ambiguous => ("Ambiguous", "Ambigus"),
        Key::SkippedUnreadable => ("Skipped, unreadable", "Passées, illisibles"),
        Key::RepeatedInPublication => (
            "Repeated in the publication, counted once: line(s) {}",
            "Répétées dans la publication, comptées une fois : ligne(s) {}",
        ),
        Key::WroteImport => (
            "Wrote {}: {} row(s) changed, {} added.",
            "{} écrit : {} ligne(s) modifiée(s), {} ajoutée(s).",
        ),
        Key::DryRunImport => (
            "Dry run, nothing written: {} row(s) would change, {} would be added.",
            "Simulation, rien n'est écrit : {} ligne(s) changeraient, {} seraient ajoutées.",
        ),
        Key::NothingToChange => (
            "Nothing to change: {} is untouched.",
            "Rien à changer : {} n'est pas modifié.",
        ),
        Key::NoDate => ("no date", "aucune date"),
        Key::MissingFromPublication => (
            "validated on {} in the ledger, but this publication (up to {}) does not list it",
            "validé le {} dans le registre, mais cette publication (jusqu'au {}) ne le liste pas",
        ),
        Key::PublishedUnderOtherMandate => (
            "published as {}{} for {} on {}, the ledger says {}: the same person with two mandates, or a homonym?",
            "publié comme {}{} pour {} le {}, le registre dit {} : une personne à deux mandats, ou un homonyme ?",
        ),
        Key::PublishedInOtherPlace => (
            "published as {}{} for {} on {}, the ledger says {}: a place typed wrong, or a homonym?",
            "publié comme {}{} pour {} le {}, le registre dit {} : un lieu mal tapé, ou un homonyme ?",
        ),
        Key::PublishedOnAnotherDay => (
            "published on {}, the ledger says {}; kept as it is",
            "publié le {}, le registre dit {} ; gardé tel quel",
        ),
        Key::ValidatedForAnotherCandidate => (
            "validated for {} in the ledger, but published for {} on {}; kept as it is",
            "validé pour {} dans le registre, mais publié pour {} le {} ; gardé tel quel",
        ),
        Key::PublishedDespiteStatus => (
            "{} in the ledger, but published as validated for {} on {}; kept as {}: a présentation is irrevocable, so if it is this official, set it to validated with `{}`",
            "{} dans le registre, mais publié comme validé pour {} le {} ; gardé {} : une présentation est irrévocable, donc si c'est cet élu, passez-le à validé avec `{}`",
        ),
        Key::PublicationStored => (
            "New publication stored: {}",
            "Nouvelle publication enregistrée : {}",
        ),
        Key::PublicationDetails => (
            "{} rows, latest publication {}, {} bytes, from {}",
            "{} lignes, dernière publication le {}, {} octets, depuis {}",
        ),
        Key::NoNewPublication => (
            "No new publication since {} (latest publication {}, {} rows).",
            "Pas de nouvelle publication depuis {} (dernière publication le {}, {} lignes).",
        ),
        Key::SaysNothingChanged => ("{} says nothing changed", "{} répond que rien n'a changé"),
        Key::SendsTheSameBytes => ("{} sends the same {} bytes", "{} envoie les mêmes {} octets"),
        Key::DownloadingOf => ("downloading {} of {} MB", "téléchargement {} sur {} Mo"),
        Key::Downloading => ("downloading {} MB", "téléchargement {} Mo"),
        Key::GuessedAddress => (
            "the address is the {} preset's guess, until the Conseil's site is open; `publication_url` in parrainage.toml sets another",
            "l'adresse est celle que l'on suppose pour {}, tant que le site du Conseil n'est pas ouvert ; `publication_url` dans parrainage.toml en donne une autre",
        ),
        Key::OlderThanLatest => (
            "{} is older than {}, which stays the archive's latest: the server sent an earlier list",
            "{} est plus ancienne que {}, qui reste la dernière de l'archive : le serveur a envoyé une liste antérieure",
        ),
        Key::SetAside => (
            "{}: the publication imported is in a directory of the ledger: read as the publication only, not read as a ledger file",
            "{} : la publication importée est dans un répertoire du registre : lue comme publication seulement, pas comme fichier du registre",
        ),
        // add.
        Key::Recorded => ("Recorded {}:{}: {} {} for {}", "Enregistré {}:{} : {} {} pour {}"),
        Key::Respelled => (
            "`{}` stored as the official list of communes writes it: `{}`",
            "`{}` enregistré comme l'écrit la liste officielle des communes : `{}`",
        ),
        // update, remove.
        Key::UpdatedEntry => ("Updated {}:{}: {}", "Modifié {}:{}\u{a0}: {}"),
        Key::StatusChanged => ("{}, {} → {}", "{}, {} → {}"),
        Key::WithPublication => ("{}, published {}", "{}, publié le {}"),
        Key::RemovedEntry => ("Removed {}:{}: {} {} for {}", "Retiré {}:{}\u{a0}: {} {} pour {}"),
        Key::ReplacedWhileWritten => (
            "{} was replaced by another program while the entry was written; writing it again",
            "{} a été remplacé par un autre programme pendant l'écriture de l'entrée ; nouvelle écriture",
        ),
        Key::ReplacedTwice => (
            "{}: the file was replaced by another program twice while the entry was written (an editor saving its copy?): the entry was not recorded. Close that program and add it again",
            "{} : le fichier a été remplacé deux fois par un autre programme pendant l'écriture de l'entrée (un éditeur qui enregistre sa copie ?) : l'entrée n'a pas été enregistrée. Fermez ce programme et ajoutez-la à nouveau",
        ),
        Key::OthersUnchanged => (
            "{} other candidate(s) unchanged.",
            "{} autre(s) candidat(s) sans changement.",
        ),
        Key::RowProblem => ("  {}:{}: {}: {}", "  {}:{} : {} : {}"),
        Key::EntryNotRecorded => ("the entry was not recorded", "l'entrée n'a pas été enregistrée"),
        Key::EntryNotChanged => ("the entry was not changed", "l'entrée n'a pas été modifiée"),
        Key::FileLine => ("{} line {}: {}", "{} ligne {} : {}"),
        Key::LineSaid => ("line {}: {}", "ligne {} : {}"),
        Key::ACampaignLedger => (
            "a campaign ledger, not a publication of the Conseil constitutionnel",
            "un registre de campagne, pas une publication du Conseil constitutionnel",
        ),
        Key::NoSponsorship => ("it holds no sponsorship", "elle ne contient aucun parrainage"),
        Key::NothingChangedUnreadable => (
            "{} answered that nothing changed since {}, which cannot be read as a publication:\n{}",
            "{} a répondu que rien n'avait changé depuis {}, qui ne peut pas être lu comme une publication :\n{}",
        ),
        Key::BodyNotAPublication => (
            "{}: the body is not a publication that can be read, so nothing was stored:\n{}",
            "{} : la réponse n'est pas une publication lisible, donc rien n'a été gardé :\n{}",
        ),
        // The election: its dates, its settings, days read (rules::election).
        Key::Comma => ("{}, {}", "{}, {}"),
        Key::PresetDates => (
            "opened {} ({}), closed {}, first round {}",
            "ouverte le {} ({}), close le {}, premier tour le {}",
        ),
        Key::Preset2027Dates => (
            "first round {} as public sources reported the government's choice in July 2026 (the convening decree is not yet published); close derived from it: Friday {}; opening unknown until `opens` is set",
            "premier tour le {}, selon le choix du gouvernement rapporté en juillet 2026 (le décret de convocation n'est pas encore publié) ; clôture qui s'en déduit : vendredi {} ; ouverture inconnue tant que `opens` n'est pas indiquée",
        ),
        Key::DatesOpens => ("opens {}", "ouverture le {}"),
        Key::DatesCloses => ("closes {}", "clôture le {}"),
        Key::DatesFirstRound => ("first round {}", "premier tour le {}"),
        Key::NoDatesYet => ("no dates known yet", "aucune date connue pour l'instant"),
        Key::CapOfZero => (
            "`max_share` = {} leaves a cap of 0 sponsorships per département: no one could qualify",
            "`max_share` = {} laisse un plafond de 0 parrainage par département : personne ne pourrait se qualifier",
        ),
        Key::ThresholdOutOfReach => (
            "at most {} sponsorships from each of {} units can never reach the threshold of {}",
            "au plus {} parrainages de chacune des {} collectivités ne peuvent jamais atteindre le seuil de {}",
        ),
        Key::MoreDepartementsThanUnits => (
            "`min_departments` = {} is more than the {} units there are",
            "`min_departments` = {} dépasse les {} collectivités qui existent",
        ),
        Key::ClosesBeforeOpening => (
            "the window would close ({}) before it opens ({})",
            "la période se fermerait ({}) avant de s'ouvrir ({})",
        ),
        Key::NotADate => (
            "`{}` is not a date: write YYYY-MM-DD or dd/mm/yyyy",
            "`{}` n'est pas une date : écrivez AAAA-MM-JJ ou jj/mm/aaaa",
        ),
        Key::YearOfFourDigits => (
            "`{}` is not a date: the year takes four digits",
            "`{}` n'est pas une date : l'année s'écrit en quatre chiffres",
        ),
        Key::NoSuchMonth => (
            "`{}` is not a date: there is no month {}",
            "`{}` n'est pas une date : il n'y a pas de mois {}",
        ),
        Key::NoSuchDay => (
            "`{}` is not a date: there is no day {} in month {} of {}",
            "`{}` n'est pas une date : il n'y a pas de jour {} au mois {} de {}",
        ),
        // An entry's status and dates against the election (rules::checks).
        Key::ValidatedWithoutPublication => (
            "a validated entry needs the date of the Conseil constitutionnel's publication",
            "une entrée validée demande la date de publication du Conseil constitutionnel",
        ),
        Key::WritePublicationDateOrSent => (
            "write the publication date as YYYY-MM-DD, or set status to sent until it is published",
            "écrivez la date de publication en AAAA-MM-JJ, ou mettez le statut à sent jusqu'à sa publication",
        ),
        Key::StatusButPublished => (
            "status is {} but the entry has a publication date ({})",
            "le statut est {} mais l'entrée a une date de publication ({})",
        ),
        Key::SetValidatedIfPublished => (
            "if the Conseil published it for this candidate, set status to validated",
            "si le Conseil l'a publié pour ce candidat, mettez le statut à validated",
        ),
        Key::PublishedInTheFuture => (
            "published on {}: in the future (today is {})",
            "publié le {} : dans le futur (nous sommes le {})",
        ),
        Key::WritePublicationDate => (
            "write the date of the Conseil constitutionnel's publication, as YYYY-MM-DD",
            "écrivez la date de publication du Conseil constitutionnel, en AAAA-MM-JJ",
        ),
        Key::PromisedInTheFuture => (
            "promised on {}: in the future (today is {})",
            "promis le {} : dans le futur (nous sommes le {})",
        ),
        Key::WritePromiseDay => (
            "a promise is dated the day it was made: write that day, as YYYY-MM-DD",
            "une promesse est datée du jour où elle a été faite : écrivez ce jour, en AAAA-MM-JJ",
        ),
        Key::PromisedAfterPublication => (
            "promised on {}, after its own publication on {}",
            "promis le {}, après sa propre publication le {}",
        ),
        Key::CheckBothDates => (
            "check both dates: a promise comes before the form is sent and published",
            "vérifiez les deux dates : la promesse vient avant l'envoi et la publication du formulaire",
        ),
        Key::BeforeTheWindow => (
            "before the window opened on {}",
            "avant l'ouverture de la période le {}",
        ),
        Key::OnOrAfterFirstRound => (
            "on or after the first round ({})",
            "le jour du premier tour ou après ({})",
        ),
        Key::OutsideTheWindow => (
            "outside the election's window",
            "hors de la période de l'élection",
        ),
        Key::PublicationOfAnotherElection => (
            "a publication of the {} election? pass --election {}, or set `election` in parrainage.toml",
            "une publication de l'élection de {} ? indiquez --election {}, ou réglez `election` dans parrainage.toml",
        ),
        Key::CheckDateAndSettings => (
            "check the date, and the election settings (--election, parrainage.toml)",
            "vérifiez la date, et les réglages de l'élection (--election, parrainage.toml)",
        ),
        Key::PublishedOutsideWindow => ("published on {}, {}", "publié le {}, {}"),
        Key::PromisedAfterClose => (
            "promised on {}, after the close ({}): a form that reaches the Conseil after the close does not count",
            "promis le {}, après la clôture ({}) : un formulaire reçu par le Conseil après la clôture ne compte pas",
        ),
        // Départements, mandates and statuses as typed (rules::department, mandate, status).
        Key::DepartementHint => (
            "write an INSEE code (01-95, 2A, 2B, 971-988), ZZ for the French abroad, EU for MEPs, or the official name",
            "écrivez un code INSEE (01-95, 2A, 2B, 971-988), ZZ pour les Français de l'étranger, EU pour les députés européens, ou le nom officiel",
        ),
        Key::DepartementHintMeant => (
            "did you mean `{}`? write an INSEE code (01-95, 2A, 2B, 971-988), ZZ for the French abroad, EU for MEPs, or the official name",
            "vouliez-vous dire `{}` ? écrivez un code INSEE (01-95, 2A, 2B, 971-988), ZZ pour les Français de l'étranger, EU pour les députés européens, ou le nom officiel",
        ),
        Key::NotADepartement => (
            "`{}` is not a département (write its INSEE code or its name, e.g. 22, 2A, 971, Côtes-d'Armor; ZZ for the French abroad, EU for MEPs)",
            "`{}` n'est pas un département (écrivez son code INSEE ou son nom, par exemple 22, 2A, 971, Côtes-d'Armor ; ZZ pour les Français de l'étranger, EU pour les députés européens)",
        ),
        Key::NotADepartementMeant => (
            "`{}` is not a département: did you mean `{}`? (write its INSEE code or its name, e.g. 22, 2A, 971, Côtes-d'Armor; ZZ for the French abroad, EU for MEPs)",
            "`{}` n'est pas un département : vouliez-vous dire `{}` ? (écrivez son code INSEE ou son nom, par exemple 22, 2A, 971, Côtes-d'Armor ; ZZ pour les Français de l'étranger, EU pour les députés européens)",
        ),
        Key::ParisCountsInParis => (
            "a Paris councillor counts in Paris (75)",
            "un conseiller de Paris compte à Paris (75)",
        ),
        Key::LyonCountsInRhone => (
            "a Lyon metropolitan councillor counts in the Rhône (69)",
            "un conseiller métropolitain de Lyon compte dans le Rhône (69)",
        ),
        Key::CorsicaCountsInCorsica => (
            "a member of the Assemblée de Corse counts in Corse-du-Sud (2A) or Haute-Corse (2B)",
            "un membre de l'Assemblée de Corse compte en Corse-du-Sud (2A) ou en Haute-Corse (2B)",
        ),
        Key::AbroadAndEuropeUnits => (
            "ZZ is for deputies, senators, AFE members and consular presidents of the French abroad; EU for MEPs",
            "ZZ est pour les députés, sénateurs, membres de l'AFE et présidents de conseil consulaire des Français de l'étranger ; EU pour les députés européens",
        ),
        Key::IneligibleMunicipalCouncillor => (
            "ordinary municipal councillors may not sponsor; only the mayor (or a delegate or arrondissement mayor) of a commune may",
            "les conseillers municipaux ne peuvent pas parrainer ; seul le maire (ou un maire délégué ou d'arrondissement) le peut",
        ),
        Key::IneligibleDeputyMayor => (
            "deputy mayors (adjoints au maire) may not sponsor; only the mayor may",
            "les adjoints au maire ne peuvent pas parrainer ; seul le maire le peut",
        ),
        Key::IneligibleCommunityCouncillor => (
            "community councillors may not sponsor; only the president of an EPCI à fiscalité propre may (epci-president)",
            "les conseillers communautaires ne peuvent pas parrainer ; seul le président d'un EPCI à fiscalité propre le peut (epci-president)",
        ),
        Key::IneligibleVicePresident => (
            "vice-presidents may not sponsor as such; if the person is also e.g. a departmental councillor, record that mandate",
            "les vice-présidents ne peuvent pas parrainer à ce titre ; si la personne est aussi, par exemple, conseiller départemental, inscrivez ce mandat",
        ),
        Key::IneligibleGovernment => (
            "members of the Government may not sponsor as such; record the elective mandate they hold, if any",
            "les membres du Gouvernement ne peuvent pas parrainer à ce titre ; inscrivez le mandat électif qu'ils détiennent, s'il y en a un",
        ),
        Key::IneligibleCityCouncillor => (
            "ordinary municipal councillors may not sponsor (press reports sometimes say 'city councillor' for departmental-councillor)",
            "les conseillers municipaux ne peuvent pas parrainer (la presse dit parfois « city councillor » pour departmental-councillor)",
        ),
        Key::IneligibleMunicipalCouncillorTyped => (
            "ordinary municipal councillors may not sponsor; only the mayor of a commune may",
            "les conseillers municipaux ne peuvent pas parrainer ; seul le maire d'une commune le peut",
        ),
        Key::IneligibleDeputyMayorTyped => (
            "deputy mayors (adjoints au maire) may not sponsor; only the mayor may (did you mean delegate-mayor?)",
            "les adjoints au maire ne peuvent pas parrainer ; seul le maire le peut (vouliez-vous dire delegate-mayor ?)",
        ),
        Key::IneligibleGeneralCouncillor => (
            "conseillers généraux became departmental councillors in 2015: write departmental-councillor",
            "les conseillers généraux sont devenus conseillers départementaux en 2015 : écrivez departmental-councillor",
        ),
        Key::CannotSponsor => ("`{}` cannot sponsor: {}", "`{}` ne peut pas parrainer : {}"),
        Key::NotAMandateTypeHint => (
            "`{}` is not a mandate type: {}",
            "`{}` n'est pas un type de mandat : {}",
        ),
        Key::MandateHint => (
            "write one of: {} (or the official French label)",
            "écrivez l'un de : {} (ou le libellé officiel)",
        ),
        Key::MandateHintMeant => (
            "did you mean `{}`? write one of: {} (or the official French label)",
            "vouliez-vous dire `{}` ? écrivez l'un de : {} (ou le libellé officiel)",
        ),
        Key::StatusHint => ("write one of: {}", "écrivez l'un de : {}"),
        Key::StatusHintMeant => (
            "did you mean `{}`? write one of: {}",
            "vouliez-vous dire `{}` ? écrivez l'un de : {}",
        ),
        Key::NotAStatus => (
            "`{}` is not a status: the statuses are {}",
            "`{}` n'est pas un statut : les statuts sont {}",
        ),
        Key::NotAStatusMeant => (
            "`{}` is not a status: did you mean `{}`? the statuses are {}",
            "`{}` n'est pas un statut : vouliez-vous dire `{}` ? les statuts sont {}",
        ),
        // Settings, and which election's rules apply (settings, context).
        Key::FileSaid => ("{}: {}", "{} : {}"),
        Key::HowFound => ("{} ({})", "{} ({})"),
        Key::GivenWithConfig => ("given with --config", "donné par --config"),
        Key::NamedByEnvironment => ("named by PARRAINAGE_CONFIG", "nommé par PARRAINAGE_CONFIG"),
        Key::FoundBeside => ("found beside the ledger", "trouvé à côté du registre"),
        Key::FoundAbove => (
            "found in a parent directory of the ledger",
            "trouvé dans un dossier parent du registre",
        ),
        Key::FoundHere => ("found in the current directory", "trouvé dans le dossier courant"),
        Key::NoSuchSettingsFile => (
            "{}: no such settings file ({})",
            "{} : ce fichier de réglages n'existe pas ({})",
        ),
        Key::BadLangSetting => (
            "{}: lang = \"{}\": write \"fr\" or \"en\"",
            "{} : lang = \"{}\" : écrivez \"fr\" ou \"en\"",
        ),
        Key::BadSetting => ("{}: `{}`: {}", "{} : `{}` : {}"),
        Key::NoSuchPreset => (
            "no preset for the {} election (known: {}); set opens and first_round instead",
            "pas de préréglage pour l'élection de {} (connus : {}) ; indiquez plutôt opens et first_round",
        ),
        Key::AtLeastOne => ("must be at least 1", "doit valoir au moins 1"),
        Key::NotAShare => (
            "{} is not a share between 0 and 1",
            "{} n'est pas une part entre 0 et 1",
        ),
        Key::NotADateAndTime => (
            "`{}` is not a date and time (YYYY-MM-DD HH:MM)",
            "`{}` n'est pas une date et une heure (AAAA-MM-JJ HH:MM)",
        ),
        Key::ChosenOnCommandLine => ("chosen on the command line", "choisie en ligne de commande"),
        Key::SetIn => ("set in {}", "fixée dans {}"),
        Key::ChosenByPublicationDates => (
            "chosen by the publication's own dates ({})",
            "choisie par les dates de la publication ({})",
        ),
        Key::ChosenByLatestPublication => (
            "chosen by the ledger's latest publication date ({}, {})",
            "choisie par la dernière date de publication du registre ({}, {})",
        ),
        Key::ChosenByLatestClaim => (
            "chosen by the ledger's latest claim date ({}, {})",
            "choisie par la dernière date de promesse du registre ({}, {})",
        ),
        Key::NextElection => (
            "the next election whose close is not past on {}, with no settings, no --election and no date in the files",
            "la prochaine élection dont la clôture n'est pas passée le {}, sans réglages, sans --election et sans date dans les fichiers",
        ),
        Key::LatestPresetPast => (
            "the latest preset, with no settings, no --election and no date in the files; its close is past on {}: give --first-round for a later election",
            "le dernier préréglage, sans réglages, sans --election et sans date dans les fichiers ; sa clôture est passée le {} : donnez --first-round pour une élection plus tardive",
        ),
        Key::ElectionRules => ("the {} election, {}: {}", "l'élection de {}, {} : {}"),
        Key::CustomElectionRules => ("the custom election, {}: {}", "l'élection sur mesure, {} : {}"),
        Key::NoSettings => ("no settings", "sans réglages"),
        Key::CustomElection => ("custom", "sur mesure"),
        Key::SettingsDisagree => (
            "{} ({}: the {} election) and {} ({}: the {} election) are under settings that disagree; one count cannot mix two elections' rules: name one settings file with --config, or give each its own run",
            "{} ({} : élection {}) et {} ({} : élection {}) relèvent de réglages qui divergent ; un décompte ne peut pas mêler les règles de deux élections : nommez un seul fichier de réglages avec --config, ou lancez chacun séparément",
        ),
        Key::LockTimeoutRange => (
            "--lock-timeout {}: give a number of seconds from 0 to {}",
            "--lock-timeout {} : donnez un nombre de secondes de 0 à {}",
        ),
        // Opening a ledger and reading its rows (ledger::read).
        Key::IsADirectory => (
            "{}: is a directory, not a ledger file",
            "{} : est un dossier, pas un fichier de registre",
        ),
        Key::NoSuchFile => ("no such file", "fichier introuvable"),
        Key::PermissionDenied => ("permission denied", "permission refusée"),
        Key::Utf16File => (
            "the file is UTF-16 text (it starts with a UTF-16 byte order mark), which this tool does not read",
            "le fichier est du texte UTF-16 (il commence par une marque d'ordre des octets UTF-16), que l'outil ne lit pas",
        ),
        Key::SaveAsCsvUtf8InExcel => (
            "save it as \"CSV UTF-8\" (Excel: File › Save As › CSV UTF-8)",
            "enregistrez-le en « CSV UTF-8 » (Excel : Fichier › Enregistrer sous › CSV UTF-8)",
        ),
        Key::NulByte => (
            "the file holds a NUL byte: binary data, not CSV text",
            "le fichier contient un octet NUL : des données binaires, pas du texte CSV",
        ),
        Key::ExportAsCsvUtf8 => (
            "export the spreadsheet as CSV UTF-8",
            "exportez la feuille de calcul en CSV UTF-8",
        ),
        Key::ReadAsWindows1252 => (
            "the file is not UTF-8: read as Windows-1252 (French Excel's \"CSV\")",
            "le fichier n'est pas en UTF-8 : lu en Windows-1252 (le « CSV » d'Excel en français)",
        ),
        Key::SaveAsCsvUtf8OrSayEncoding => (
            "save it as \"CSV UTF-8\", or say --encoding windows-1252 to silence this",
            "enregistrez-le en « CSV UTF-8 », ou indiquez --encoding windows-1252 pour taire ce message",
        ),
        Key::CannotReadHeader => ("cannot read the header: {}", "impossible de lire l'en-tête : {}"),
        Key::EmptyLedger => (
            "the file is empty: a ledger starts with a header row",
            "le fichier est vide : un registre commence par une ligne d'en-tête",
        ),
        Key::NewLedgerHeader => (
            "the header of a new ledger is: {}",
            "l'en-tête d'un nouveau registre est : {}",
        ),
        Key::HeaderNotUtf8 => (
            "the header is not valid UTF-8",
            "l'en-tête n'est pas de l'UTF-8 valide",
        ),
        Key::SaveAsCsvUtf8 => (
            "save the file as CSV UTF-8",
            "enregistrez le fichier en CSV UTF-8",
        ),
        Key::NoSuchColumn => (
            "the header has no `{}` column",
            "l'en-tête n'a pas de colonne `{}`",
        ),
        Key::AddCandidateColumn => (
            "add a candidate column, or name the candidate in parrainage.toml or with --candidate",
            "ajoutez une colonne candidate, ou nommez le candidat dans parrainage.toml ou avec --candidate",
        ),
        Key::UnknownKeysIgnored => (
            "{} key(s) that the format does not know were ignored (the first: `{}`)",
            "{} clé(s) que le format ne connaît pas ignorée(s) (la première : `{}`)",
        ),
        Key::FormatMayHaveChanged => (
            "the publication may have changed its format: check that every column still reads",
            "la publication a peut-être changé de format : vérifiez que chaque colonne se lit encore",
        ),
        Key::QuoteNeverClosed => (
            "a quote opened on this row is never closed: the {} line(s) after it were read as one value",
            "un guillemet ouvert sur cette ligne n'est jamais fermé : les {} ligne(s) suivantes ont été lues comme une seule valeur",
        ),
        Key::RowStopsHalfWay => (
            "the last row stops half-way ({} of {} fields, no line end): a write that did not finish",
            "la dernière ligne s'arrête à mi-chemin ({} champs sur {}, pas de fin de ligne) : une écriture inachevée",
        ),
        Key::RepairMovesTornRow => (
            "`parrainage repair` moves it to a side file and keeps every complete row",
            "`parrainage repair` la met dans un fichier à part et garde toutes les lignes complètes",
        ),
        Key::CannotReadFurther => ("cannot read further: {}", "impossible de lire plus loin : {}"),
        Key::StartsLikeFormula => (
            "`{}` starts with `{}`: a spreadsheet would run it as a formula",
            "`{}` commence par `{}` : un tableur l'exécuterait comme une formule",
        ),
        Key::RemoveLeadingCharacter => (
            "remove the leading character, or prefix the value with an apostrophe",
            "retirez le premier caractère, ou faites précéder la valeur d'une apostrophe",
        ),
        Key::ValueTooLong => (
            "the value is {} bytes long; no ledger value needs more than {}",
            "la valeur fait {} octets ; aucune valeur d'un registre n'en demande plus de {}",
        ),
        Key::QuoteLeftOpen => (
            "a quote left open swallows the rows after it: check the quotes above this line",
            "un guillemet resté ouvert avale les lignes qui le suivent : vérifiez les guillemets au-dessus de cette ligne",
        ),
        Key::ControlCharacter => (
            "the value holds the control character {}",
            "la valeur contient le caractère de contrôle {}",
        ),
        Key::BinaryOrCorrupted => (
            "binary data or a corrupted export: re-export the file as CSV",
            "des données binaires ou un export corrompu : exportez de nouveau le fichier en CSV",
        ),
        Key::ValueNotUtf8 => (
            "the value is not valid UTF-8 (bad byte at position {})",
            "la valeur n'est pas de l'UTF-8 valide (octet invalide en position {})",
        ),
        Key::SaveAsCsvUtf8OrReadWindows1252 => (
            "save the file as CSV UTF-8, or read it with --encoding windows-1252",
            "enregistrez le fichier en CSV UTF-8, ou lisez-le avec --encoding windows-1252",
        ),
        Key::FieldCount => (
            "the row has {} fields but the header has {}",
            "la ligne a {} champs mais l'en-tête en a {}",
        ),
        Key::QuoteTheSeparator => (
            "a value that contains the separator or a quote must be quoted",
            "une valeur qui contient le séparateur ou un guillemet doit être entre guillemets",
        ),
        Key::NoCandidate => ("no candidate", "pas de candidat"),
        Key::WriteTheCandidate => (
            "write the candidate as `NOM Prénom`, or name one in parrainage.toml",
            "écrivez le candidat `NOM Prénom`, ou nommez-le dans parrainage.toml",
        ),
        Key::NoLastName => ("no last name", "pas de nom"),
        Key::NoFirstName => ("no first name", "pas de prénom"),
        Key::NoStatus => ("no status", "pas de statut"),
        Key::UnknownStatus => ("`{}` is not a status", "`{}` n'est pas un statut"),
        Key::NoMandate => ("no mandate", "pas de mandat"),
        Key::CannotSponsorACandidate => (
            "`{}` cannot sponsor a candidate: {}",
            "`{}` ne peut pas parrainer de candidat : {}",
        ),
        Key::OnlyTheLawsMandates => (
            "only the mandates of the law (loi du 6 novembre 1962, art. 3) count; see `parrainage add --help`",
            "seuls comptent les mandats de la loi (loi du 6 novembre 1962, art. 3) ; voir `parrainage add --help`",
        ),
        Key::UnknownOfficialLabel => (
            "`{}` is not a mandate label of {}: this tool does not know it yet, so the row cannot be counted",
            "`{}` n'est pas un libellé de mandat dans {} : l'outil ne le connaît pas encore, la ligne ne peut donc pas être comptée",
        ),
        Key::ReportTheLabel => (
            "the file is not at fault: report the label to the tool's maintainers",
            "le fichier n'y est pour rien : signalez le libellé aux mainteneurs de l'outil",
        ),
        Key::UnknownMandate => ("`{}` is not a mandate type", "`{}` n'est pas un type de mandat"),
        Key::UnknownDepartement => (
            "`{}` is not a département or collectivity",
            "`{}` n'est ni un département ni une collectivité",
        ),
        Key::UnknownCivility => ("`{}` is not a civility", "`{}` n'est pas une civilité"),
        Key::WriteCivility => ("write M. or Mme", "écrivez M. ou Mme"),
        Key::NotADateAsWritten => (
            "`{}` is not a date as {} writes them",
            "`{}` n'est pas une date telle que l'écrit {}",
        ),
        Key::ItWritesDates => ("it writes {}", "ce format écrit les dates {}"),
        Key::CountsInFixedUnit => (
            "a {} counts in {} whatever the département written (`{}`)",
            "un {} compte dans {} quel que soit le département écrit (`{}`)",
        ),
        Key::WriteUnitCode => (
            "write {} in the department column",
            "écrivez {} dans la colonne department",
        ),
        Key::NoDepartement => ("no département", "pas de département"),
        Key::WriteTheDepartement => (
            "write the INSEE code or the name of the département the official was elected in",
            "écrivez le code INSEE ou le nom du département où l'élu a été élu",
        ),
        Key::CannotBeElectedIn => (
            "a {} cannot be elected in {}",
            "un {} ne peut pas être élu dans {}",
        ),
        Key::ColumnNamedTwice => (
            "the header names `{}` more than once (column {}, then {}): the first is read, the others kept as they are",
            "l'en-tête nomme `{}` plus d'une fois (colonne {}, puis {}) : la première est lue, les autres gardées telles quelles",
        ),
        Key::ColumnNamedTwiceAndMore => (
            "the header names `{}` more than once (column {}, then {} and {} more): the first is read, the others kept as they are",
            "l'en-tête nomme `{}` plus d'une fois (colonne {}, puis {} et {} de plus) : la première est lue, les autres gardées telles quelles",
        ),
        Key::RenameTheOthers => ("rename or remove the others", "renommez ou retirez les autres"),
        Key::NotALedgerHeader => (
            "the header is neither a campaign ledger's (it has no `status` column) nor that of a publication this tool reads",
            "l'en-tête n'est ni celui d'un registre de campagne (il n'a pas de colonne `status`) ni celui d'une publication que l'outil lit",
        ),
        Key::NotAPublicationsKeys => (
            "the JSON's keys are not those of a publication this tool reads",
            "les clés du JSON ne sont pas celles d'une publication que l'outil lit",
        ),
        Key::KnownFormatsAre => (
            "{}; the publications it reads are: {}",
            "{} ; les publications qu'il lit sont : {}",
        ),
        Key::NewCampaignLedgerHeader => (
            "the header of a new campaign ledger is: {}",
            "l'en-tête d'un nouveau registre de campagne est : {}",
        ),
        Key::MixedEncodings => (
            "the file mixes two encodings: line {} is UTF-8, this line is not (likely Windows-1252)",
            "le fichier mêle deux encodages : la ligne {} est en UTF-8, celle-ci non (sans doute Windows-1252)",
        ),
        Key::SaveWholeAsUtf8 => (
            "open the file in an editor that shows its encoding and save it whole as UTF-8",
            "ouvrez le fichier dans un éditeur qui montre son encodage et enregistrez-le entier en UTF-8",
        ),
        Key::WrittenDayFirst => ("`{}` is written dd/mm/yyyy", "`{}` est écrite jj/mm/aaaa"),
        Key::WriteItIso => ("write it as YYYY-MM-DD: {}", "écrivez-la en AAAA-MM-JJ : {}"),
        Key::WriteDatesIso => (
            "write dates as YYYY-MM-DD, e.g. 2022-02-03",
            "écrivez les dates en AAAA-MM-JJ, par exemple 2022-02-03",
        ),
        // The published formats, and JSON publications read as rows (official).
        Key::ConseilCsv => (
            "the Conseil constitutionnel's {} CSV",
            "le CSV {} du Conseil constitutionnel",
        ),
        Key::ConseilJson => (
            "the Conseil constitutionnel's {} JSON",
            "le JSON {} du Conseil constitutionnel",
        ),
        Key::FormatColumns => ("{} (columns: {})", "{} (colonnes : {})"),
        Key::FormatKeys => ("{} (keys: {})", "{} (clés : {})"),
        Key::Semicolon => ("{}; {}", "{} ; {}"),
        Key::EndsInsideObject => (
            "the file ends inside an object: it was cut short (a download that did not finish?)",
            "le fichier s'arrête au milieu d'un objet : il a été coupé (un téléchargement inachevé ?)",
        ),
        Key::ObjectTooLarge => (
            "an object of more than {} MiB: not a publication's row",
            "un objet de plus de {} Mio : pas une ligne de publication",
        ),
        Key::NotAnArrayOfObjects => (
            "the JSON is not an array of objects",
            "le JSON n'est pas un tableau d'objets",
        ),
        Key::EndsInsideArray => (
            "the file ends inside the array: it was cut short (a download that did not finish?)",
            "le fichier s'arrête au milieu du tableau : il a été coupé (un téléchargement inachevé ?)",
        ),
        Key::ElementNotAnObject => (
            "element {} of the array is not an object",
            "l'élément {} du tableau n'est pas un objet",
        ),
        Key::CommaExpected => (
            "not valid JSON: `{}` where a comma or the array's end should be",
            "JSON invalide : `{}` là où devrait se trouver une virgule ou la fin du tableau",
        ),
        Key::TextAfterArray => (
            "not valid JSON: text after the array's end",
            "JSON invalide : du texte après la fin du tableau",
        ),
        Key::NotValidJson => ("not valid JSON: {}", "JSON invalide : {}"),
        Key::KeyGivenTwice => (
            "the key `{}` is given twice in this object: which value is meant is unknown",
            "la clé `{}` figure deux fois dans cet objet : on ne sait pas quelle valeur compte",
        ),
        Key::ValueNotText => (
            "the value of `{}` is {} ({}), not text",
            "la valeur de `{}` est {} ({}), pas du texte",
        ),
        Key::JsonNull => ("null", "null"),
        Key::JsonBoolean => ("a boolean", "un booléen"),
        Key::JsonNumber => ("a number", "un nombre"),
        Key::JsonText => ("text", "du texte"),
        Key::JsonList => ("a list", "une liste"),
        Key::JsonObject => ("an object", "un objet"),
        // Directories of ledgers and archives, a whole scan, writes (ledger::archive, scan, edit).
        Key::CannotReadDirectory => (
            "{}: cannot read directory: {}",
            "{} : impossible de lire le dossier : {}",
        ),
        Key::LedgersAndPublication => (
            "{}: {} is a publication of the Conseil constitutionnel, not a campaign ledger, and the directory holds campaign ledgers too; its rows would count as the campaign's. Move it out: a directory holds campaign ledgers or publications (an archive), not both",
            "{} : {} est une publication du Conseil constitutionnel, pas un registre de campagne, et le dossier contient aussi des registres de campagne ; ses lignes compteraient comme celles de la campagne. Sortez-la du dossier : un dossier contient des registres de campagne ou des publications (une archive), pas les deux",
        ),
        Key::NoLedgerFile => (
            "{}: the directory holds no .csv ledger file",
            "{} : le dossier ne contient aucun fichier de registre .csv",
        ),
        Key::NotAnArchive => (
            "{}: not an archive of publications: {} is not a publication of the Conseil constitutionnel",
            "{} : pas une archive de publications : {} n'est pas une publication du Conseil constitutionnel",
        ),
        Key::EmptyArchive => (
            "{}: the archive holds no publication yet",
            "{} : l'archive ne contient encore aucune publication",
        ),
        Key::PassedOver => ("passed over: {}", "ignoré : {}"),
        Key::LinkToNothing => ("a link to nothing", "un lien vers rien"),
        Key::LinkToDirectory => ("a link to a directory", "un lien vers un dossier"),
        Key::LinkToDirectoryAt => ("a link to a directory, {}", "un lien vers un dossier, {}"),
        Key::LinkToSpecial => (
            "a link to something that is not a regular file (a pipe or a device)",
            "un lien vers autre chose qu'un fichier ordinaire (un tube ou un périphérique)",
        ),
        Key::LinkToSpecialAt => (
            "a link to something that is not a regular file (a pipe or a device), {}",
            "un lien vers autre chose qu'un fichier ordinaire (un tube ou un périphérique), {}",
        ),
        Key::ADirectory => ("a directory", "un dossier"),
        Key::NotARegularFile => (
            "not a regular file (a pipe or a device)",
            "pas un fichier ordinaire (un tube ou un périphérique)",
        ),
        Key::FixThisEntry => (
            "a ledger directory reads its *.csv files; remove or fix this entry",
            "un dossier de registres lit ses fichiers *.csv ; retirez ou corrigez cette entrée",
        ),
        Key::TooManyLedgerFiles => (
            "{}: too many ledger files in one run",
            "{} : trop de fichiers de registre en une fois",
        ),
        Key::PublicationReadOnly => (
            "a publication of the Conseil constitutionnel, read-only: the official counts once",
            "une publication du Conseil constitutionnel, en lecture seule : l'élu compte une fois",
        ),
        Key::AlreadyInTheLedger => (
            "{} is already in the ledger for {} at {}",
            "{} est déjà dans le registre pour {} en {}",
        ),
        Key::RemoveThisRow => (
            "an official counts once: remove this row with `{}`",
            "un élu compte une fois : retirez cette ligne avec `{}`",
        ),
        Key::SponsorsTwoCandidates => (
            "{} sponsors {} here and {} at {}: an official may sponsor only one candidate",
            "{} parraine {} ici et {} en {} : un élu ne peut parrainer qu'un candidat",
        ),
        Key::WithdrawTheOlder => (
            "if the official changed their mind, set the older entry's status: `{}`",
            "si l'élu a changé d'avis, changez le statut de l'entrée la plus ancienne : `{}`",
        ),
        Key::AlsoTheMandate => (
            "{} {} in {} is also the {} at {}: one person with two mandates, or a homonym?",
            "{} {} dans {} est aussi le {} en {} : une personne à deux mandats, ou un homonyme ?",
        ),
        Key::AlsoTheMandateOf => (
            "{} {} in {} is also the {} of {} at {}: one person with two mandates, or a homonym?",
            "{} {} dans {} est aussi le {} de {} en {} : une personne à deux mandats, ou un homonyme ?",
        ),
        Key::KeepTheSignedMandate => (
            "one person sponsors once: if this is the same official, keep only the mandate they signed with (`{}` removes this row)",
            "une personne parraine une fois : si c'est le même élu, ne gardez que le mandat sous lequel il a signé (`{}` retire cette ligne)",
        ),
        Key::WriteToADirectory => (
            "{} is a directory: name the file to write with --ledger (e.g. --ledger {}/mine.csv --ledger {})",
            "{} est un dossier : nommez le fichier où écrire avec --ledger (par exemple --ledger {}/mine.csv --ledger {})",
        ),
        Key::NoSuchLedger => (
            "{}: no such ledger; create it with `parrainage init`",
            "{} : ce registre n'existe pas ; créez-le avec `parrainage init`",
        ),
        Key::PublicationIsReadOnly => (
            "{} is an official publication of the Conseil constitutionnel: it is read-only; write to a campaign ledger and use `parrainage import` to reconcile",
            "{} est une publication officielle du Conseil constitutionnel : elle est en lecture seule ; écrivez dans un registre de campagne et utilisez `parrainage import` pour rapprocher",
        ),
        // The register of elected officials (official::rne).
        Key::CannotReadRegisterDirectory => (
            "{}: cannot read the register's directory: {}",
            "{} : impossible de lire le dossier du répertoire : {}",
        ),
        Key::RegisterThreadFailed => (
            "a thread reading the register failed",
            "un fil de lecture du répertoire a échoué",
        ),
        Key::NoRegisterFile => (
            "{}: no file of the register of elected officials (RNE) found there",
            "{} : aucun fichier du répertoire national des élus (RNE) n'y a été trouvé",
        ),
        Key::EmptyFile => ("the file is empty", "le fichier est vide"),
        Key::NotText => (
            "the file is not text this tool can read",
            "le fichier n'est pas du texte que l'outil sait lire",
        ),
        Key::NotARegisterHeader => (
            "its header is not that of a file of the register of elected officials",
            "son en-tête n'est pas celui d'un fichier du répertoire national des élus",
        ),
        Key::RegisterFiles => (
            "the register's directory should hold the RNE's CSV files (elus-maires-mai.csv, …)",
            "le dossier du répertoire doit contenir les fichiers CSV du RNE (elus-maires-mai.csv, …)",
        ),
        Key::CannotReadRow => ("cannot read the row: {}", "impossible de lire la ligne : {}"),
        Key::FieldCountBroken => (
            "the row has {} fields but the header has {}: a truncated or broken file",
            "la ligne a {} champs mais l'en-tête en a {} : un fichier tronqué ou abîmé",
        ),
        Key::NoName => ("no name", "pas de nom"),
        Key::NotABirthDate => (
            "`{}` is not a date of birth (dd/mm/yyyy or yyyy-mm-dd)",
            "`{}` n'est pas une date de naissance (jj/mm/aaaa ou aaaa-mm-jj)",
        ),
        Key::DownloadAgain => (
            "download the file again from data.gouv.fr, or pass --skip-unreadable to go on without it",
            "téléchargez de nouveau le fichier depuis data.gouv.fr, ou passez --skip-unreadable pour continuer sans lui",
        ),
        Key::NoDepartementInRow => (
            "the row names no département",
            "la ligne ne nomme aucun département",
        ),
        Key::AlsaceCanton => (
            "an Alsace canton whose code names neither 67 nor 68",
            "un canton d'Alsace dont le code ne nomme ni 67 ni 68",
        ),
        Key::AlsaceSection => (
            "the Alsace section does not say Bas-Rhin or Haut-Rhin",
            "la section Alsace ne dit pas Bas-Rhin ou Haut-Rhin",
        ),
        Key::NoSectionInRow => (
            "the row names no section départementale",
            "la ligne ne nomme aucune section départementale",
        ),
        Key::CorsicaUnsaid => (
            "the Assemblée de Corse: the file does not say Corse-du-Sud or Haute-Corse",
            "l'Assemblée de Corse : le fichier ne dit pas Corse-du-Sud ou Haute-Corse",
        ),
        Key::NoCollectivityInRow => (
            "the row names no collectivity",
            "la ligne ne nomme aucune collectivité",
        ),
        // Where the output goes (output).
        Key::OutputIsRead => (
            "-o {}: this command reads that file, and its output would replace it; nothing was done (write the output to another file)",
            "-o {} : cette commande lit ce fichier, et sa sortie le remplacerait ; rien n'a été fait (écrivez la sortie dans un autre fichier)",
        ),
        Key::OutputIsReadAs => (
            "-o {}: this command reads that file ({}), and its output would replace it; nothing was done (write the output to another file)",
            "-o {} : cette commande lit ce fichier ({}), et sa sortie le remplacerait ; rien n'a été fait (écrivez la sortie dans un autre fichier)",
        ),
        // Rows split by the engine (engine::records).
        Key::RowTooLong => (
            "a row is over {} MiB long: a quote left open, or not a ledger",
            "une ligne dépasse {} Mio : un guillemet resté ouvert, ou pas un registre",
        ),
        // A place against the official list of communes (rules::place).
        Key::ACommune => ("a commune", "une commune"),
        Key::AnArrondissement => ("an arrondissement municipal", "un arrondissement municipal"),
        Key::ACommuneOfAnyKind => (
            "a commune, commune déléguée or commune associée",
            "une commune, commune déléguée ou commune associée",
        ),
        Key::ACommuneDeleguee => ("a commune déléguée", "une commune déléguée"),
        Key::ACommuneAssociee => ("a commune associée", "une commune associée"),
        Key::FitsPlaces => (
            "`{}` fits {} places of {}: {}",
            "`{}` correspond à {} lieux de {} : {}",
        ),
        Key::WritePlaceInFull => (
            "write the place's official name in full, so that one is meant",
            "écrivez le nom officiel du lieu en entier, pour n'en désigner qu'un",
        ),
        Key::NotAPlaceInList => (
            "`{}` is not {} of {} in the official list of communes",
            "`{}` n'est pas {} de {} dans la liste officielle des communes",
        ),
        Key::NotAPlaceInListBut => (
            "`{}` is not {} of {} in the official list of communes{}",
            "`{}` n'est pas {} de {} dans la liste officielle des communes{}",
        ),
        Key::NearestPlaces => ("; nearest: {}", " ; les plus proches : {}"),
        Key::ThatNameIsIn => ("; that name is in {}", " ; ce nom est dans {}"),
        Key::ThatNameIsInNearest => (
            "; that name is in {}; nearest: {}",
            " ; ce nom est dans {} ; les plus proches : {}",
        ),
        Key::MergedInto => (
            "`{}` is {} of {} in the official list: its mayor sponsors as a delegate mayor",
            "`{}` est {} de {} dans la liste officielle : son maire parraine comme maire délégué",
        ),
        Key::CheckPlaceSpelling => (
            "check the spelling against INSEE's official list of communes, which the Conseil constitutionnel writes",
            "vérifiez l'orthographe dans la liste officielle des communes de l'Insee, que suit le Conseil constitutionnel",
        ),
        Key::RightPlaceWrongDepartement => (
            "the right place in the wrong département? correct the département, or the place",
            "le bon lieu dans le mauvais département ? corrigez le département, ou le lieu",
        ),
        // Candidates' names (rules::identity), and the messages above that quote the nearest.
        Key::ClosestNames => ("closest names: {}", "noms les plus proches : {}"),
        Key::CandidatesAre => ("candidates: {}", "candidats : {}"),
        Key::NotWrittenNomPrenom => (
            "the candidate `{}` is not written `NOM Prénom`, the last name in capitals first, as the Conseil constitutionnel writes it: `{}`? (it is the same candidate either way)",
            "le candidat `{}` n'est pas écrit `NOM Prénom`, le nom en capitales d'abord, comme l'écrit le Conseil constitutionnel : `{}` ? (c'est le même candidat dans les deux cas)",
        ),
        Key::NoEntryFor => (
            "the ledger holds no entry for `{}`; {}",
            "le registre ne contient aucune entrée pour `{}` ; {}",
        ),
        Key::NoCandidateInEither => (
            "no candidate `{}` in {} nor in {}; {}",
            "pas de candidat `{}` dans {} ni dans {} ; {}",
        ),
        Key::NoCandidateInLedger => (
            "no candidate `{}` in the ledger ({} candidate{|s}); {}",
            "pas de candidat `{}` dans le registre ({} candidat{|s}) ; {}",
        ),
        Key::NoSponsorshipFor => (
            "{}: the publication holds no sponsorship for `{}` ({} candidate(s)); {}; nothing was written",
            "{} : la publication ne contient aucun parrainage pour `{}` ({} candidat(s)) ; {} ; rien n'a été écrit",
        ),
        // A ledger's encoding (ledger::encoding), and the writes it stops.
        Key::NotInWindows1252 => (
            "`{}` cannot be written in this Windows-1252 file; save the ledger as CSV UTF-8 first",
            "`{}` ne peut pas s'écrire dans ce fichier en Windows-1252 ; enregistrez d'abord le registre en CSV UTF-8",
        ),
        Key::NotRecordedBecause => (
            "{}: the entry was not recorded: {}",
            "{} : l'entrée n'a pas été enregistrée : {}",
        ),
        Key::NothingChangedBecause => ("{}: nothing was changed: {}", "{} : rien n'a été modifié : {}"),
        Key::LedgerNotChangedBecause => (
            "{}: the ledger was not changed: {}",
            "{} : le registre n'a pas été modifié : {}",
        ),
        // The HTML page.
        Key::PageTitle => ("Parrainages: {}", "Parrainages : {}"),
        Key::PageTitleAll => ("Parrainages: every candidate", "Parrainages : tous les candidats"),
        Key::PageHeadTitle => ("{} — {}", "{} — {}"),
        Key::PageAsOf => ("As of {}. Rules: {}.", "Au {}. Règles : {}."),
        Key::PageClaimedLabel => (
            "Claimed (validated and pending)",
            "Revendiqués (validés et en attente)",
        ),
        Key::PageUsableLabel => ("Usable under the cap", "Utilisables sous le plafond"),
        Key::PageDaysLeftLabel => ("Days left to the close", "Jours restants avant la clôture"),
        Key::PageWithClaims => ("{} with claims", "{} avec des promesses"),
        Key::PageNotYet => ("not yet", "pas encore"),
        Key::PageClosed => ("closed", "clos"),
        Key::PageNoCloseDate => ("no close date", "pas de date de clôture"),
        Key::PageClaimsOverTime => (
            "Claims and validated sponsorships over time",
            "Promesses et parrainages validés au fil du temps",
        ),
        Key::PageValidatedByPublication => (
            "Validated sponsorships, publication by publication",
            "Parrainages validés, publication après publication",
        ),
        Key::PagePerPublication => (
            "New validated sponsorships per publication: {}.",
            "Nouveaux parrainages validés par publication : {}.",
        ),
        Key::PagePerWeek => (
            "New claims per week, from Monday: {}.",
            "Nouvelles promesses par semaine, à partir du lundi : {}.",
        ),
        Key::PageLineValidated => ("validated, by publication", "validés, par publication"),
        Key::PageLineClaimed => (
            "claims (validated and pending), by the day they were made",
            "promesses (validées et en attente), au jour où elles ont été faites",
        ),
        Key::PageNeeded => ("{} needed", "{} nécessaires"),
        Key::PageClose => ("close", "clôture"),
        Key::PageCurveTitle => (
            "{} validated sponsorships over time",
            "{} : parrainages validés au fil du temps",
        ),
        Key::PageCurveTitleClaims => (
            "{} claims and validated sponsorships over time",
            "{} : promesses et parrainages validés au fil du temps",
        ),
        Key::PageCurveDesc => (
            "{} validated as of {}, against {} needed{}; {} publication(s) drawn{}.",
            "{} validés au {}, pour {} nécessaires{} ; {} publication(s) tracée(s){}.",
        ),
        Key::PageCurveByTheClose => (" by the close on {}", " d'ici la clôture le {}"),
        Key::PageCurveAndClaims => (
            ", and {} claims by the day they were made",
            ", et {} promesses au jour où elles ont été faites",
        ),
        Key::PagePoint => ("{}: {} validated ({} new)", "{} : {} validés ({} nouveaux)"),
        Key::PagePointOneNew => ("{}: {} validated (1 new)", "{} : {} validés (1 nouveau)"),
        Key::PagePointFirst => ("{}: 1 validated (1 new)", "{} : 1 validé (1 nouveau)"),
        Key::PageTilesTitle => ("Sponsorships by département", "Parrainages par département"),
        Key::PageTilesDesc => (
            "{} of {} départements and collectivities reached ({} needed), {} more with claims only, {} at the cap of {}; the last two rows hold the overseas units, the French abroad (ZZ) and the European Parliament (EU).",
            "{} départements et collectivités atteints sur {} ({} nécessaires), {} de plus avec des promesses seulement, {} au plafond de {} ; les deux dernières rangées tiennent les collectivités d'outre-mer, les Français de l'étranger (ZZ) et le Parlement européen (EU).",
        ),
        Key::PageTileNothingYet => ("nothing yet", "rien encore"),
        Key::PageTileClaimsOnly => ("claims, none validated", "promesses, aucune validée"),
        Key::PageTileAtTheCap => ("at the cap ({})", "au plafond ({})"),
        Key::PageTileKey => (
            "In each tile: its code, then its validated sponsorships, and after a slash its claims (validated and pending) where they differ.",
            "Dans chaque case : son code, puis ses parrainages validés et, après la barre oblique, ses promesses (validées et en attente) quand elles diffèrent.",
        ),
        Key::PageNotReached => ("Not yet reached ({})", "Pas encore atteints ({})"),
        Key::PageNotReachedWithClaims => (
            "With claims ({}), their number in brackets",
            "Avec des promesses ({}), leur nombre entre parenthèses",
        ),
        Key::PageNotReachedNothing => ("Nothing yet ({})", "Rien encore ({})"),
        Key::PageNewValidated => (
            "{} new validated sponsorship(s).",
            "{} nouveau(x) parrainage(s) validé(s).",
        ),
        Key::PageRanking => ("Ranking", "Classement"),
        Key::PageQualifiedOf => (
            "{} of {} candidates qualified; {} validated sponsorships in all.",
            "{} candidats qualifiés sur {} ; {} parrainages validés en tout.",
        ),
        Key::PageAgainst => ("Against {}", "Sur {}"),
        Key::PageDepartementsShort => ("Dép.", "Dép."),
        Key::PageQualifiedShort => ("Qual.", "Qual."),
        Key::PageShareOf => ("{}% of {}", "{}\u{202f}% de {}"),
        Key::PageQualifiedCurves => (
            "The qualified, publication by publication",
            "Les qualifiés, publication après publication",
        ),
        Key::PageEachOnItsScale => (
            "Each on its own scale; the dashed line is the {} needed, the dotted line the close.",
            "Chacun à son échelle ; la ligne en tirets marque les {} nécessaires, la ligne pointillée la clôture.",
        ),
    }
}

/// A mandate as a table heads it: `Mayor`, `Maire` in French.
pub fn mandate_label(mandate: Mandate, lang: Lang) -> &'static str {
    match lang {
        Lang::En => mandate.label(),
        Lang::Fr => match mandate {
            Mandate::Mayor => "Maire",
            Mandate::DelegateMayor => "Maire délégué",
            Mandate::ArrondissementMayor => "Maire d'arrondissement",
            Mandate::ParisCouncillor => "Conseiller de Paris",
            Mandate::LyonCouncillor => "Conseiller métropolitain de Lyon",
            Mandate::DepartmentalCouncillor => "Conseiller départemental",
            Mandate::RegionalCouncillor => "Conseiller régional",
            Mandate::CorsicaCouncillor => "Membre de l'Assemblée de Corse",
            Mandate::OverseasCouncillor => "Membre d'une assemblée d'outre-mer",
            Mandate::OverseasExecutive => "Exécutif d'outre-mer",
            Mandate::Deputy => "Député",
            Mandate::Senator => "Sénateur",
            Mandate::Mep => "Député européen",
            Mandate::EpciPresident => "Président d'EPCI",
            Mandate::AfeCouncillor => "Conseiller AFE",
            Mandate::ConsularPresident => "Président de conseil consulaire",
        },
    }
}

/// A mandate as a sentence names it: its code, `maire` in French.
pub fn mandate_named(mandate: Mandate, lang: Lang) -> &'static str {
    match lang {
        Lang::En => mandate.code(),
        Lang::Fr => match mandate {
            Mandate::Mayor => "maire",
            Mandate::DelegateMayor => "maire délégué",
            Mandate::ArrondissementMayor => "maire d'arrondissement",
            Mandate::ParisCouncillor => "conseiller de Paris",
            Mandate::LyonCouncillor => "conseiller métropolitain de Lyon",
            Mandate::DepartmentalCouncillor => "conseiller départemental",
            Mandate::RegionalCouncillor => "conseiller régional",
            Mandate::CorsicaCouncillor => "membre de l'Assemblée de Corse",
            Mandate::OverseasCouncillor => "membre d'une assemblée d'outre-mer",
            Mandate::OverseasExecutive => "exécutif d'outre-mer",
            Mandate::Deputy => "député",
            Mandate::Senator => "sénateur",
            Mandate::Mep => "député européen",
            Mandate::EpciPresident => "président d'EPCI",
            Mandate::AfeCouncillor => "conseiller AFE",
            Mandate::ConsularPresident => "président de conseil consulaire",
        },
    }
}

/// A status as a table or a sentence names it: its code, `promis` in
/// French.
pub fn status_named(status: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::En => status.code(),
        Lang::Fr => match status {
            Status::Claimed => "promis",
            Status::Sent => "envoyé",
            Status::Validated => "validé",
            Status::Rejected => "rejeté",
            Status::Withdrawn => "retiré",
            Status::Lost => "perdu",
            Status::Declined => "refusé",
        },
    }
}

/// A diagnostic as `check` prints it: `FILE:LINE: error[CODE]: message`,
/// then the hint on its own line. The prefix is the same in every
/// language, since tools parse it; the message and the hint are said in
/// `lang`, every value from a file written out safe (`crate::text`).
pub fn diagnostic(diagnostic: &Diagnostic, lang: Lang) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!(
        "{}:{}: {}[{}]: ",
        clean_path(&diagnostic.file),
        diagnostic.line,
        severity,
        diagnostic.code
    );
    let (message, hint) = said(diagnostic, lang);
    out.push_str(&message);
    if let Some(hint) = hint {
        out.push_str(&format!("\n  = {} {hint}", hint_label(lang)));
    }
    out
}

/// "hint:", or in French "aide :".
pub fn hint_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "hint:",
        Lang::Fr => "aide :",
    }
}

/// What a diagnostic says in `lang`, written out safe: its message (after
/// its column, if any) and its hint.
pub fn said(diagnostic: &Diagnostic, lang: Lang) -> (String, Option<String>) {
    let mut message = String::new();
    if let Some(name) = &diagnostic.column {
        let (column, colon) = match lang {
            Lang::En => ("column", ":"),
            Lang::Fr => ("colonne", " :"),
        };
        message.push_str(&format!("{column} `{}`{colon} ", clean(name)));
    }
    message.push_str(&clean(&say(&diagnostic.message, lang)));
    let hint = diagnostic
        .hint
        .as_ref()
        .map(|hint| clean(&say(hint, lang)).into_owned());
    (message, hint)
}

/// An import's outcome category (`already_validated`) as its table names it.
pub fn outcome(lang: Lang, category: &str) -> String {
    match (lang, category) {
        (Lang::En, _) => category.replace('_', " "),
        (Lang::Fr, "confirmed") => "confirmés".into(),
        (Lang::Fr, "added") => "ajoutés".into(),
        (Lang::Fr, "lost") => "perdus".into(),
        (Lang::Fr, "pending") => "en attente".into(),
        (Lang::Fr, "already_validated") => "déjà validés".into(),
        (Lang::Fr, "unchanged") => "inchangés".into(),
        (Lang::Fr, "in_other_files") => "dans d'autres fichiers".into(),
        (Lang::Fr, other) => other.replace('_', " "),
    }
}

/// What a command's failure says, in `lang`, one error a line.
pub fn failure(failure: &Failure, lang: Lang) -> Vec<String> {
    match failure {
        Failure::Usage(message) | Failure::Data(message) => vec![say(message, lang)],
        Failure::Refused { what, reasons } => {
            let reasons: Vec<String> = reasons.iter().map(|d| diagnostic(d, lang)).collect();
            let colon = match lang {
                Lang::En => ":",
                Lang::Fr => " :",
            };
            vec![format!("{}{colon}\n{}", say(what, lang), reasons.join("\n"))]
        }
        Failure::Unreadable(each) => each.iter().map(|m| say(m, lang)).collect(),
        Failure::Io { action, path, source } => {
            let action = match (lang, action) {
                (Lang::En, Action::Read) => "read",
                (Lang::En, Action::Write) => "write",
                (Lang::En, Action::Create) => "create",
                (Lang::En, Action::Lock) => "lock",
                (Lang::Fr, Action::Read) => "lire",
                (Lang::Fr, Action::Write) => "écrire",
                (Lang::Fr, Action::Create) => "créer",
                (Lang::Fr, Action::Lock) => "verrouiller",
            };
            let source = argument(&Arg::from(source), lang);
            vec![match lang {
                Lang::En => format!("cannot {action} {}: {source}", clean_path(path)),
                Lang::Fr => format!("impossible de {action} {} : {source}", clean_path(path)),
            }]
        }
    }
}

/// A count in `lang`: as is in English; grouped by thousands from five
/// digits on in French (13 427), as French typography writes it.
pub fn count(lang: Lang, n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    match lang {
        Lang::Fr if n.unsigned_abs() >= 10_000 => lang.number(n),
        _ => n.to_string(),
    }
}

/// A share of 0 to 1 as a whole percentage: `44%`, or `44 %` in French.
pub fn percent(lang: Lang, share: f64) -> String {
    match lang {
        Lang::En => format!("{:.0}%", share * 100.0),
        Lang::Fr => lang.percent(share),
    }
}

/// A day written `YYYY-MM-DD`, in `lang`: `dd/mm/yyyy` in French.
pub fn day(lang: Lang, iso: &str) -> String {
    match (lang, iso.as_bytes()) {
        (Lang::Fr, [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, rest @ ..])
            if [y0, y1, y2, y3, m0, m1, d0, d1]
                .iter()
                .all(|b| b.is_ascii_digit()) =>
        {
            let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
            format!(
                "{}/{}/{}{}",
                text(&[*d0, *d1]),
                text(&[*m0, *m1]),
                text(&[*y0, *y1, *y2, *y3]),
                text(rest)
            )
        }
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_each_language() {
        assert_eq!(day(Lang::Fr, "2022-03-04 18:00"), "04/03/2022 18:00");
        assert_eq!(day(Lang::En, "2022-03-04"), "2022-03-04");
        assert_eq!(count(Lang::Fr, 13427), "13\u{202f}427");
        assert_eq!(count(Lang::Fr, 1342), "1342");
    }

    /// The holes of a text: how many `{}`, and after how many of them
    /// each `{one|many}` stands (it agrees with the count before it).
    fn holes(text: &str) -> (usize, Vec<usize>) {
        let (mut filled, mut plurals) = (0, Vec::new());
        let mut rest = text;
        while let Some(at) = rest.find('{') {
            let end = rest[at..].find('}').map_or(rest.len(), |i| at + i + 1);
            match &rest[at..end] {
                "{}" => filled += 1,
                plural if plural.contains('|') => plurals.push(filled),
                other => panic!("`{other}` in {text:?} is neither `{{}}` nor `{{one|many}}`"),
            }
            rest = &rest[end..];
        }
        plurals.dedup();
        (filled, plurals)
    }

    /// Texts that are the same in both languages: holes and marks, and
    /// words French and English share.
    const SAME_IN_BOTH: &[Key] = &[
        Key::Verbatim,
        Key::Indented,
        Key::Comma,
        Key::HowFound,
        Key::OfGoal,
        Key::StatusChanged,
        Key::NumberSign,
        Key::DepartementShort,
        Key::Code,
        Key::Date,
        Key::Departement,
        Key::Departements,
        Key::Publications,
        Key::JsonNull,
        Key::DeptShort,
        Key::Anomalies,
        Key::Communes,
        Key::HeldMandate,
        Key::PageHeadTitle,
        Key::PageDepartementsShort,
        Key::PageQualifiedShort,
    ];

    /// Every key has its French: the same holes as its English, and
    /// words of its own unless it is one of the few texts both share.
    #[test]
    fn every_key_has_its_holes_in_french_and_french_words() {
        for key in Key::ALL {
            let (english, french) = texts(*key);
            assert_eq!(holes(english), holes(french), "{key:?}: {english:?} / {french:?}");
            if SAME_IN_BOTH.contains(key) {
                assert_eq!(english, french, "{key:?} is said to be the same in both");
            } else {
                assert_ne!(english, french, "{key:?}: the French is the English");
            }
        }
    }
}
