//! Human messages as values: a [`Key`] and its typed arguments, made where
//! something happens and said in English or French by `render::words`,
//! which holds every word. A key is a name, not a sentence: a message is
//! never matched back from its English text, and a key without its French
//! does not compile (`render::words::texts` matches every key).

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;

/// One message: what to say, and what fills its holes, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub key: Key,
    pub args: Vec<Arg>,
}

/// What fills a hole of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A name, a path, a code, a value read or typed: as it is, in every
    /// language.
    Text(String),
    /// A whole number, written the language's way (13 427 in French).
    Count(i64),
    /// A number with this many decimals (241,0 in French).
    Decimal(f64, usize),
    /// A day: `2022-02-10` in English, `10/02/2022` in French.
    Day(NaiveDate),
    /// A day and time: `2022-03-04 18:00`, `04/03/2022 18:00` in French.
    DayTime(chrono::NaiveDateTime),
    /// A share of 0 to 1 as a whole percentage: `44%`, `44 %` in French.
    Percent(f64),
    /// A message said inside this one, in the same language.
    Said(Box<Message>),
    /// A problem of a file, said as `check` says it.
    Diagnostic(Box<Diagnostic>),
    /// A mandate, named in a sentence: `mayor`, `maire` in French.
    Mandate(crate::rules::Mandate),
    /// A status, named in a sentence: `claimed`, `promis` in French.
    Status(crate::rules::Status),
    /// An official as messages name one: `DUPONT Jean, mayor (Verdun), 55
    /// Meuse`, the mandate named in the language.
    Official(Box<Official>),
    /// Items one a line, then how many more were left out ("… and 3
    /// more").
    Lines(Vec<Arg>, usize),
}

impl Message {
    pub fn new(key: Key) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// The message with one more argument.
    pub fn with(mut self, arg: impl Into<Arg>) -> Message {
        self.args.push(arg.into());
        self
    }

    /// A text said as it is: what the tool passes on without making it (an
    /// operating system's error, a library's).
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message::new(Key::Verbatim).with(Arg::Text(text.into()))
    }

    /// `parts` said one after the other, each joined to the rest by
    /// `joint`, a key of two holes (`{}, {}`); `None` when there are none.
    pub fn joined(parts: impl IntoIterator<Item = Message>, joint: Key) -> Option<Message> {
        let parts: Vec<Message> = parts.into_iter().collect();
        parts
            .into_iter()
            .rev()
            .reduce(|rest, part| Message::new(joint).with(part).with(rest))
    }
}

/// An official as a message names one.
#[derive(Debug, Clone, PartialEq)]
pub struct Official {
    pub last_name: String,
    pub first_name: String,
    pub mandate: crate::rules::Mandate,
    pub circonscription: String,
    pub department: &'static crate::rules::Department,
}

impl<S: AsRef<str>> From<&crate::sponsorship::Sponsorship<S>> for Arg {
    fn from(entry: &crate::sponsorship::Sponsorship<S>) -> Arg {
        Arg::Official(Box::new(Official {
            last_name: entry.last_name.as_ref().to_string(),
            first_name: entry.first_name.as_ref().to_string(),
            mandate: entry.mandate,
            circonscription: entry.circonscription.as_ref().to_string(),
            department: entry.department,
        }))
    }
}

impl Arg {
    /// The first `shown` of `items`, one a line, and how many more.
    pub fn lines<T: Into<Arg>>(items: impl IntoIterator<Item = T>, shown: usize) -> Arg {
        let mut lines = Vec::new();
        let mut more = 0;
        for item in items {
            if lines.len() < shown {
                lines.push(item.into());
            } else {
                more += 1;
            }
        }
        Arg::Lines(lines, more)
    }
}

/// Where a workflow says what it notices as it works, its notes and
/// warnings, which render says in the language (as cargo's ops report
/// through the shell they are handed).
pub trait Notes: Send + Sync {
    fn note(&self, message: Message);
    fn warn(&self, message: Message);
    /// A problem of an entry, said as `check` says it (`add` and `update`
    /// say the warnings of what they write).
    fn problem(&self, diagnostic: &Diagnostic);
    /// What the run is doing while it waits (for a lock), said as it
    /// happens, neither a note nor a warning.
    fn progress(&self, message: Message) {
        self.note(message);
    }
}

/// A message carried by an `io::Error`: what the tool itself refuses while
/// writing (a lock held too long, a file with hard links), said in the
/// run's language wherever the error is said, through `Arg::from`.
#[derive(Debug)]
pub struct IoMessage(pub Message);

impl std::fmt::Display for IoMessage {
    // Only a fallback: the error's words are said by `render::words`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for IoMessage {}

impl Message {
    /// An `io::Error` of `kind` that says this message.
    pub fn into_io_error(self, kind: std::io::ErrorKind) -> std::io::Error {
        std::io::Error::new(kind, IoMessage(self))
    }
}

/// An input or output error: the tool's own message if it carries one,
/// else the operating system's words, as they are.
impl From<&std::io::Error> for Arg {
    fn from(error: &std::io::Error) -> Arg {
        match error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<IoMessage>())
        {
            Some(IoMessage(message)) => Arg::Said(Box::new(message.clone())),
            None => Arg::Text(error.to_string()),
        }
    }
}

/// `msg!(Key, a, b)`: the message `Key` with the arguments `a` and `b`.
#[macro_export]
macro_rules! msg {
    ($key:ident $(, $arg:expr)* $(,)?) => {
        $crate::message::Message::new($crate::message::Key::$key)$(.with($arg))*
    };
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<&Path> for Arg {
    fn from(path: &Path) -> Arg {
        Arg::Text(crate::text::clean_path(path))
    }
}

impl From<&std::path::PathBuf> for Arg {
    fn from(path: &std::path::PathBuf) -> Arg {
        Arg::from(path.as_path())
    }
}

impl From<NaiveDate> for Arg {
    fn from(day: NaiveDate) -> Arg {
        Arg::Day(day)
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Said(Box::new(message))
    }
}

impl From<Diagnostic> for Arg {
    fn from(diagnostic: Diagnostic) -> Arg {
        Arg::Diagnostic(Box::new(diagnostic))
    }
}

macro_rules! counts {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
counts!(u8, u16, u32, u64, usize, i32, i64);

macro_rules! keys {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// What a message says; its words are in `render::words`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key {
            $($(#[$doc])* $name),*
        }

        impl Key {
            /// Every key, for the tests that hold each to its words.
            pub const ALL: &'static [Key] = &[$(Key::$name),*];
        }
    };
}

keys! {
    /// A text passed on as it is (`{}`).
    Verbatim,
    AndMore,
    LedgerErrorsFirst,
    PublicationCutShort,
    PublicationRowsUnreadable,
    NotAPublication,
    NotAPublicationHeader,
    ImportRowsRefused,
    RowsToAddUnkept,
    NewRowRefused,
    CodeSaid,
    FormulaInPublication,
    InTheRegister,
    RegisterRowsUnreadable,
    RegisterRowsSkipped,
    RowsNotListed,
    ReportRowsUnreadable,
    RowProblem,
    EntryNotRecorded,
    EntryNotChanged,
    FileLine,
    LineSaid,
    ACampaignLedger,
    NoSponsorship,
    NothingChangedUnreadable,
    BodyNotAPublication,
    Indented,
    TakenRowsUnreadable,
    TakenRowsRefused,
    TheLedger,
    // prospects, and who sponsored before (ops::prospects, ops::history).
    PreferNeedsHistory,
    PreferredNotInHistory,
    HistoryRowsUnreadable,
    HistoryRowsRefused,
    HistoryInForce,
    HistoryNotPast,
    HistoryUndated,
    ProspectsFor,
    ProspectsOf,
    ProspectsRegister,
    ProspectsTaken,
    HistoryFile,
    ProspectsMandates,
    DepartementShort,
    ProspectsWhy,
    SponsoredBefore,
    SponsoredIn,
    WhyNotReached,
    WhyUnderCap,
    WhyAtCap,
    WhyMaybeTaken,
    WhyNoMayorInRegister,
    WhyRegisterIncomplete,
    ProspectsMore,
    NotASponsoringMandate,
    LedgerThreadFailed,
    ThreadReadingFailed,
    SayWhoseProspects,
    ProspectsOfNoKnownUnit,
    // The report's summary.
    Validated,
    Claimed,
    Pending,
    Lost,
    Declined,
    Usable,
    Departements,
    NearestCap,
    AtTheCap,
    Qualified,
    Window,
    Pace,
    Forecast,
    OfGoal,
    PendingFact,
    LostFact,
    DeclinedFact,
    UsableFact,
    DepartementsFact,
    NearestCapFact,
    NoneYet,
    Yes,
    No,
    MissingDepartements,
    MissingSponsorships,
    MissingBoth,
    PaceBoth,
    PaceNeeded,
    PaceSoFar,
    Unknown,
    ForecastFact,
    WindowNotOpen,
    WindowCloses,
    WindowClosed,
    NoCloseDate,
    NotReachedNone,
    NotReachedNothing,
    NotReachedClaims,
    NotReachedSplit,
    SettingsNamePastElection,
    CommandLineNamesPastElection,
    // The report's tables.
    CandidatesAsOf,
    NoSponsorshipYet,
    RulesSentence,
    CandidateAsOf,
    Publications,
    PublicationsFact,
    ByMandate,
    ByDepartementCap,
    AtCap,
    ByPublicationDate,
    ByPublicationDateSteady,
    PublishedAfterNew,
    PublishedAfter,
    InAll,
    QualifiedOf,
    NumberSign,
    Candidate,
    Mandate,
    Share,
    Code,
    Departement,
    Cap,
    Date,
    New,
    Cumulative,
    SteadyPace,
    NewValidated,
    Published,
    Name,
    Place,
    Where,
    Status,
    Held,
    Mayors,
    Communes,
    EpciPresidents,
    Epcis,
    Register,
    Complete,
    Incomplete,
    Missing,
    NoFile,
    RegisterSummary,
    DeptShort,
    ClaimedOn,
    PublishedOn,
    EntriesCounted,
    MoreNotShown,
    Severity,
    Problems,
    FirstAt,
    Problem,
    Error,
    Warning,
    CheckSummary,
    MoreProblems,
    // diff.
    Added,
    Removed,
    NewDepartements,
    LatestPublication,
    PublicationsCompared,
    AddedList,
    RemovedList,
    AddedListColon,
    RemovedListColon,
    NoChange,
    OthersUnchanged,
    // add.
    ReplacedWhileWritten,
    ReplacedTwice,
    Recorded,
    Respelled,
    // add and update: the register of elected officials (ops::register).
    HeldInUnit,
    InRegisterUnderOtherMandates,
    SignWithMandateHeld,
    NotInRegisterAs,
    NearestInRegister,
    NamedInUnit,
    ElsewhereInRegister,
    RegisterLagsEntryWritten,
    FilledFromRegister,
    FilledSpelling,
    FilledGiven,
    AddTornLastRow,
    EntryStands,
    // update, remove.
    UpdatedEntry,
    StatusChanged,
    WithPublication,
    RemovedEntry,
    // update and remove: the entry to change.
    NoEntryMatches,
    SeveralEntriesMatch,
    EntryAtLine,
    UpdateNeedsAChange,
    NoColumnToChange,
    AlreadyHoldsOfficial,
    // diff.
    SinceWithTwoPublications,
    SinceNeedsAnArchive,
    NoPublicationBefore,
    DiffNeedsTwo,
    DiffNotAPublication,
    // check --register.
    HeldMandate,
    HeldMandateOf,
    RegisterPerson,
    SeveralInRegister,
    SeveralInRegisterOf,
    TellThemApart,
    InRegisterAs,
    InRegisterAsOf,
    WhichMandate,
    NotInRegister,
    NotInRegisterOf,
    NearestOfficials,
    RegisterLags,
    // Commands' own refusals.
    MaxAnnotationsForGithub,
    CannotWriteManual,
    NotACommand,
    CannotWriteJson,
    SinceAfterAsOf,
    // fetch, import.
    NoCandidateToImport,
    SeveralCandidatesToImport,
    NoRegister,
    NoAddressToFetch,
    CannotFetch,
    Attempts,
    AddressGuessed,
    ServerAnswered,
    BodyStopped,
    BodyEmpty,
    ServerSentHtml,
    HostNotFound,
    ConnectionFailed,
    NotHttp,
    RedirectLoop,
    NotAnAddress,
    ConnectionRefused,
    NetworkUnreachable,
    ClosedBeforeTheEnd,
    TimedOut,
    CannotKeepBody,
    UnknownDate,
    LineNote,
    TangledLines,
    ImportTitlePublished,
    ImportTitle,
    Outcome,
    EntriesHeader,
    Who,
    OtherFilesNotWritten,
    Anomalies,
    ToReview,
    Ambiguous,
    SkippedUnreadable,
    RepeatedInPublication,
    WroteImport,
    DryRunImport,
    NothingToChange,
    NoDate,
    MissingFromPublication,
    PublishedUnderOtherMandate,
    PublishedInOtherPlace,
    PublishedOnAnotherDay,
    ValidatedForAnotherCandidate,
    PublishedDespiteStatus,
    PublicationStored,
    PublicationDetails,
    NoNewPublication,
    SaysNothingChanged,
    SendsTheSameBytes,
    DownloadingOf,
    Downloading,
    GuessedAddress,
    OlderThanLatest,
    SetAside,
    // report.
    SharedConstituencyCounted,
    RepeatedCountedOnce,
    WarningsCountedAsWritten,
    // init.
    LedgerAlreadyThere,
    EveryClosePast,
    CreatedLedger,
    CreatedLedgerSeparated,
    KeptSettings,
    CreatedSettings,
    CreatedSettingsFor,
    SettingsRules,
    SettingsNoClose,
    ElectionChosen,
    PresetIntro,
    NoCandidateNamed,
    NextAdd,
    // Writing a ledger.
    WaitingForLock,
    LockHeldTooLong,
    RemovedStaleTemporary,
    StaleTemporaryStays,
    AppendedShort,
    HardLinks,
    OwnerWouldChange,
    // repair.
    TornNotUtf8,
    NothingToRepair,
    MovedTornRow,
    // The election: its dates, its settings, days read (rules::election).
    Comma,
    PresetDates,
    Preset2027Dates,
    DatesOpens,
    DatesCloses,
    DatesFirstRound,
    NoDatesYet,
    CapOfZero,
    ThresholdOutOfReach,
    MoreDepartementsThanUnits,
    ClosesBeforeOpening,
    NotADate,
    YearOfFourDigits,
    NoSuchMonth,
    NoSuchDay,
    // An entry's status and dates against the election (rules::checks).
    ValidatedWithoutPublication,
    WritePublicationDateOrSent,
    StatusButPublished,
    SetValidatedIfPublished,
    PublishedInTheFuture,
    WritePublicationDate,
    PromisedInTheFuture,
    WritePromiseDay,
    PromisedAfterPublication,
    CheckBothDates,
    BeforeTheWindow,
    OnOrAfterFirstRound,
    OutsideTheWindow,
    PublicationOfAnotherElection,
    CheckDateAndSettings,
    PublishedOutsideWindow,
    PromisedAfterClose,
    // Départements, mandates and statuses as typed (rules::department, mandate, status).
    DepartementHint,
    DepartementHintMeant,
    NotADepartement,
    NotADepartementMeant,
    ParisCountsInParis,
    LyonCountsInRhone,
    CorsicaCountsInCorsica,
    AbroadAndEuropeUnits,
    IneligibleMunicipalCouncillor,
    IneligibleDeputyMayor,
    IneligibleCommunityCouncillor,
    IneligibleVicePresident,
    IneligibleGovernment,
    IneligibleCityCouncillor,
    IneligibleMunicipalCouncillorTyped,
    IneligibleDeputyMayorTyped,
    IneligibleGeneralCouncillor,
    CannotSponsor,
    NotAMandateTypeHint,
    MandateHint,
    MandateHintMeant,
    StatusHint,
    StatusHintMeant,
    NotAStatus,
    NotAStatusMeant,
    // Settings, and which election's rules apply (settings, context).
    FileSaid,
    HowFound,
    GivenWithConfig,
    NamedByEnvironment,
    FoundBeside,
    FoundAbove,
    FoundHere,
    NoSuchSettingsFile,
    BadLangSetting,
    BadSetting,
    NoSuchPreset,
    AtLeastOne,
    NotAShare,
    NotADateAndTime,
    ChosenOnCommandLine,
    SetIn,
    ChosenByPublicationDates,
    ChosenByLatestPublication,
    ChosenByLatestClaim,
    NextElection,
    LatestPresetPast,
    ElectionRules,
    CustomElectionRules,
    NoSettings,
    CustomElection,
    SettingsDisagree,
    LockTimeoutRange,
    // Opening a ledger and reading its rows (ledger::read).
    IsADirectory,
    NoSuchFile,
    PermissionDenied,
    Utf16File,
    SaveAsCsvUtf8InExcel,
    NulByte,
    ExportAsCsvUtf8,
    ReadAsWindows1252,
    SaveAsCsvUtf8OrSayEncoding,
    CannotReadHeader,
    EmptyLedger,
    NewLedgerHeader,
    HeaderNotUtf8,
    SaveAsCsvUtf8,
    NoSuchColumn,
    AddCandidateColumn,
    UnknownKeysIgnored,
    FormatMayHaveChanged,
    QuoteNeverClosed,
    RowStopsHalfWay,
    RepairMovesTornRow,
    CannotReadFurther,
    StartsLikeFormula,
    RemoveLeadingCharacter,
    ValueTooLong,
    QuoteLeftOpen,
    ControlCharacter,
    BinaryOrCorrupted,
    ValueNotUtf8,
    SaveAsCsvUtf8OrReadWindows1252,
    FieldCount,
    QuoteTheSeparator,
    NoCandidate,
    WriteTheCandidate,
    NoLastName,
    NoFirstName,
    NoStatus,
    UnknownStatus,
    NoMandate,
    CannotSponsorACandidate,
    OnlyTheLawsMandates,
    UnknownOfficialLabel,
    ReportTheLabel,
    UnknownMandate,
    UnknownDepartement,
    UnknownCivility,
    WriteCivility,
    NotADateAsWritten,
    ItWritesDates,
    CountsInFixedUnit,
    WriteUnitCode,
    NoDepartement,
    WriteTheDepartement,
    CannotBeElectedIn,
    ColumnNamedTwice,
    ColumnNamedTwiceAndMore,
    RenameTheOthers,
    NotALedgerHeader,
    NotAPublicationsKeys,
    KnownFormatsAre,
    NewCampaignLedgerHeader,
    MixedEncodings,
    SaveWholeAsUtf8,
    WrittenDayFirst,
    WriteItIso,
    WriteDatesIso,
    // The published formats, and JSON publications read as rows (official).
    ConseilCsv,
    ConseilJson,
    FormatColumns,
    FormatKeys,
    Semicolon,
    EndsInsideObject,
    ObjectTooLarge,
    NotAnArrayOfObjects,
    EndsInsideArray,
    ElementNotAnObject,
    CommaExpected,
    TextAfterArray,
    NotValidJson,
    KeyGivenTwice,
    ValueNotText,
    JsonNull,
    JsonBoolean,
    JsonNumber,
    JsonText,
    JsonList,
    JsonObject,
    // Directories of ledgers and archives, a whole scan, writes (ledger::archive, scan, edit).
    CannotReadDirectory,
    LedgersAndPublication,
    NoLedgerFile,
    NotAnArchive,
    EmptyArchive,
    PassedOver,
    LinkToNothing,
    LinkToDirectory,
    LinkToDirectoryAt,
    LinkToSpecial,
    LinkToSpecialAt,
    ADirectory,
    NotARegularFile,
    FixThisEntry,
    TooManyLedgerFiles,
    PublicationReadOnly,
    AlreadyInTheLedger,
    RemoveThisRow,
    SponsorsTwoCandidates,
    WithdrawTheOlder,
    AlsoTheMandate,
    AlsoTheMandateOf,
    KeepTheSignedMandate,
    WriteToADirectory,
    NoSuchLedger,
    PublicationIsReadOnly,
    // The register of elected officials (official::rne).
    CannotReadRegisterDirectory,
    RegisterThreadFailed,
    NoRegisterFile,
    EmptyFile,
    NotText,
    NotARegisterHeader,
    RegisterFiles,
    CannotReadRow,
    FieldCountBroken,
    NoName,
    NotABirthDate,
    DownloadAgain,
    NoDepartementInRow,
    AlsaceCanton,
    AlsaceSection,
    NoSectionInRow,
    CorsicaUnsaid,
    NoCollectivityInRow,
    // Where the output goes (output).
    OutputIsRead,
    OutputIsReadAs,
    // Rows split by the engine (engine::records).
    RowTooLong,
    // A place against the official list of communes (rules::place).
    ACommune,
    AnArrondissement,
    ACommuneOfAnyKind,
    ACommuneDeleguee,
    ACommuneAssociee,
    FitsPlaces,
    WritePlaceInFull,
    NotAPlaceInList,
    NotAPlaceInListBut,
    NearestPlaces,
    ThatNameIsIn,
    ThatNameIsInNearest,
    MergedInto,
    CheckPlaceSpelling,
    RightPlaceWrongDepartement,
    // Candidates' names (rules::identity), and the messages above that quote the nearest.
    ClosestNames,
    CandidatesAre,
    NotWrittenNomPrenom,
    NoEntryFor,
    NoCandidateInEither,
    NoCandidateInLedger,
    NoSponsorshipFor,
    // A ledger's encoding (ledger::encoding), and the writes it stops.
    NotInWindows1252,
    NotRecordedBecause,
    NothingChangedBecause,
    LedgerNotChangedBecause,
    // The HTML page.
    PageTitle,
    PageTitleAll,
    PageHeadTitle,
    PageAsOf,
    PageClaimedLabel,
    PageUsableLabel,
    PageDaysLeftLabel,
    PageWithClaims,
    PageNotYet,
    PageClosed,
    PageNoCloseDate,
    PageClaimsOverTime,
    PageValidatedByPublication,
    PagePerPublication,
    PagePerWeek,
    PageLineValidated,
    PageLineClaimed,
    PageNeeded,
    PageClose,
    PageCurveTitle,
    PageCurveTitleClaims,
    PageCurveDesc,
    PageCurveByTheClose,
    PageCurveAndClaims,
    PagePoint,
    PagePointOneNew,
    PagePointFirst,
    PageTilesTitle,
    PageTilesDesc,
    PageTileNothingYet,
    PageTileClaimsOnly,
    PageTileAtTheCap,
    PageTileKey,
    PageNotReached,
    PageNotReachedWithClaims,
    PageNotReachedNothing,
    PageNewValidated,
    PageRanking,
    PageQualifiedOf,
    PageAgainst,
    PageDepartementsShort,
    PageQualifiedShort,
    PageShareOf,
    PageQualifiedCurves,
    PageEachOnItsScale,
}
