//! The lessons of the built-in cases: the story for the room and the teaching notes, in
//! Swedish. Names are the cases' invented ones; people, units and rules are named as staff
//! know them, never by the ids of the case file. Every claim about who sees what and every
//! quoted line is checked by the tests in `training_cases.rs`.

use chrono::NaiveDate;
use insyn_engine::decision::Concern;
use insyn_engine::rule_set::ParameterId as Rule;
use insyn_engine::OutcomeKind;
use insyn_engine::OutcomeKind::{Allowed, Denied, Grantable};

use super::{Claim, Lesson, Quote, TeachingNote, What, Who};
use What::{Account, Journal, Proxy};
use Who::{Child, Guardian, Representative};

/// A date written in a note; a wrong one fails the build.
const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a date"),
    }
}

/// Who sees what on the note's date, and what they saw the day before.
const fn changed(who: Who, what: What, was: OutcomeKind, is: OutcomeKind) -> Claim {
    Claim {
        who,
        what,
        is,
        was: Some(was),
    }
}

/// The same on the note's date as the day before.
const fn kept(who: Who, what: What, is: OutcomeKind) -> Claim {
    Claim {
        who,
        what,
        is,
        was: Some(is),
    }
}

/// Who sees what on the note's date (the first day the rules answer: nothing before it).
const fn now(who: Who, what: What, is: OutcomeKind) -> Claim {
    Claim {
        who,
        what,
        is,
        was: None,
    }
}

const fn quote(rule: Rule, excerpt: &'static str) -> Quote {
    Quote { rule, excerpt }
}

pub const NORMAL_FAMILY: Lesson = Lesson {
    story_sv: &[
        "Alva bor med sina föräldrar Sara och Johan, som båda är vårdnadshavare. Hon går på \
         Vårdcentralen Lunden och har kontakt med BUP Centrum. Hon har egen e-legitimation.",
        "Ingen skyddsåtgärd behövs. Fallet visar grunden: hur åtkomsten till Alvas konto och \
         journal ändras med åldern och med regionens riktlinjer.",
    ],
    notes: &[
        TeachingNote {
            on: day(2019, 11, 1),
            event_sv: "Västra Götalandsregionen ansluter barns journaler till 1177 Journal.",
            ask_sv: Some("Ser Sara och Johan nu allt i Alvas journal?"),
            concerns: &[],
            claims: &[
                changed(Guardian("vh1"), Journal("vc-lunden"), Denied, Allowed),
                kept(Guardian("vh1"), Journal("bup-centrum"), Denied),
            ],
            quotes: &[
                quote(
                    Rule::ChildrenJournalConnectedOn,
                    "skjuter upp anslutningen av barns journal via nätet en månad till 1 november 2019",
                ),
                quote(Rule::ExcludedUnitKinds, "BUP är undantagen"),
                quote(Rule::DisplayStartDate, "(ingen retroaktiv visning)"),
            ],
            discuss_sv: &[
                "Varför syns inte BUP Centrum? Riktlinjen från 2019 undantar BUP från visning.",
                "Anteckningar från före anslutningen visas inte: ingen retroaktiv visning.",
            ],
        },
        TeachingNote {
            on: day(2026, 3, 26),
            event_sv: "VGR:s nya vägledning (RS 2026-01475) börjar gälla.",
            ask_sv: Some("Ändras något för Alvas familj?"),
            concerns: &[],
            claims: &[
                kept(Guardian("vh1"), Journal("vc-lunden"), Allowed),
                kept(Guardian("vh2"), Proxy, Allowed),
                kept(Child, Account, Allowed),
            ],
            quotes: &[quote(
                Rule::GuardianAccessUntilAge,
                "Vårdnadshavare har tillgång till barnets konto på 1177.se och kan ta del av \
                 barnets 1177 Journal till den dagen barnet fyller 13 år.",
            )],
            discuss_sv: &[
                "Nej: för en familj utan skyddsåtgärder ger den nya vägledningen samma svar.",
                "Skillnaderna märks först när det finns en blockering eller en försegling.",
            ],
        },
        TeachingNote {
            on: day(2028, 5, 10),
            event_sv: "Alva fyller 13 år.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Guardian("vh1"), Proxy, Allowed, Denied),
                changed(Guardian("vh1"), Journal("vc-lunden"), Allowed, Grantable),
                changed(Child, Journal("vc-lunden"), Denied, Grantable),
                kept(Child, Account, Allowed),
            ],
            quotes: &[
                quote(
                    Rule::GuardianAccessUntilAge,
                    "till den dagen barnet fyller 13 år",
                ),
                quote(
                    Rule::ExtendedAccessChild,
                    "kan få tillgång till valda enheter efter godkännande av hälso- och sjukvårdspersonal",
                ),
            ],
            discuss_sv: &[
                "”Kan beviljas”: utökad direktåtkomst för en vårdenhet i taget, efter beslut av \
                 verksamhetschefen och menprövning.",
                "Vad vill Alva själv? Hennes vilja väger tyngre med stigande ålder.",
            ],
        },
        TeachingNote {
            on: day(2031, 5, 10),
            event_sv: "Alva fyller 16 år.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Child, Journal("vc-lunden"), Grantable, Allowed),
                changed(Child, Journal("bup-centrum"), Denied, Allowed),
                changed(Guardian("vh1"), Journal("vc-lunden"), Grantable, Denied),
            ],
            quotes: &[
                quote(
                    Rule::ChildJournalFromAge,
                    "16 år: Barnet får läsa sin egen 1177 Journal.",
                ),
                quote(
                    Rule::LegalRepresentativeFromAge,
                    "Vårdnadshavare kan inte tilldelas 1177 Journal.",
                ),
            ],
            discuss_sv: &[
                "Från 16 år läser Alva sin journal själv, även journalen från BUP Centrum.",
                "Föräldrarna kan inte längre beviljas åtkomst till journalen.",
            ],
        },
    ],
};

pub const ONE_GUARDIAN_RISK: Lesson = Lesson {
    story_sv: &[
        "Elsa är 9 år och bor med sin mamma Maria. Pappan Peter bor på annat håll. Båda är \
         vårdnadshavare.",
        "I juni 2026 berättar Maria på Barnmottagningen Centrum att Peter har hotat att ta \
         Elsa ifrån henne, och att han läser Elsas journal för att se var hon får vård.",
    ],
    notes: &[
        TeachingNote {
            on: day(2026, 6, 15),
            event_sv: "Maria berättar om hoten. Elsa har inte själv berättat om våld, och Maria \
                       är ingen risk för henne.",
            ask_sv: None,
            concerns: &[Concern::OneGuardianRisk],
            claims: &[
                changed(Guardian("vh2"), Proxy, Allowed, Denied),
                changed(
                    Guardian("vh2"),
                    Journal("barnmottagningen"),
                    Allowed,
                    Denied,
                ),
                kept(Guardian("vh1"), Journal("barnmottagningen"), Allowed),
                kept(Guardian("vh1"), Proxy, Allowed),
            ],
            quotes: &[
                quote(
                    Rule::BlockingCoversJournal,
                    "Tillfällig åtkomstbegränsning för en eller båda vårdnadshavare till barnets \
                     konto på 1177.se och 1177 Journal.",
                ),
                quote(
                    Rule::GuardianAlwaysInformed,
                    "Observera att vårdnadshavare inte alltid informeras om att en försegling \
                     eller blockering har genomförts.",
                ),
            ],
            discuss_sv: &[
                "Blockeringen gäller bara Peter: Maria ser allt som förut.",
                "Ska Peter få veta? Om det inte är lämpligt får han ett standardsvar.",
                "Vad mer ska göras? Särskild anteckning om beslutet, och tänk på Elsas syskon.",
            ],
        },
        TeachingNote {
            on: day(2030, 1, 1),
            event_sv: "Elsa fyller 13 år.",
            ask_sv: Some("Gäller blockeringen av Peter fortfarande?"),
            concerns: &[],
            claims: &[
                changed(
                    Guardian("vh2"),
                    Journal("barnmottagningen"),
                    Denied,
                    Grantable,
                ),
                changed(Guardian("vh1"), Proxy, Allowed, Denied),
                changed(Child, Account, Denied, Allowed),
            ],
            quotes: &[quote(
                Rule::BlockingEndsAtAge,
                "Upphör automatiskt den dag barnet fyller 13 år.",
            )],
            discuss_sv: &[
                "Nej: enligt VGR 2026 upphör blockeringen av sig själv på 13-årsdagen.",
                "Peter kan nu, liksom Maria, ansöka om utökad direktåtkomst. Då görs en ny \
                 menprövning.",
                "Behöver Elsa skydd även efter 13 år? Då är försegling åtgärden: den gäller till \
                 18 år.",
            ],
        },
    ],
};

pub const HARM_AT_HOME: Lesson = Lesson {
    story_sv: &[
        "Noah, 10 år, kommer till Barnakuten Östra med blåmärken. Han berättar att pappan \
         Omar slår honom och att mamman Lina inte vågar säga emot. Båda är vårdnadshavare.",
        "Vårdcentralen Ekbacken har sedan tidigare samma oro för Noah.",
    ],
    notes: &[
        TeachingNote {
            on: day(2026, 5, 4),
            event_sv: "Noah berättar om våldet för personalen på Barnakuten. Barnakuten och \
                       Vårdcentralen Ekbacken begär en åtgärd tillsammans.",
            ask_sv: None,
            concerns: &[Concern::ChildTellsOfViolence, Concern::BothGuardiansRisk],
            claims: &[
                changed(Guardian("vh1"), Proxy, Allowed, Denied),
                changed(Guardian("vh1"), Journal("vc-ekbacken"), Allowed, Denied),
                changed(Guardian("vh2"), Journal("akuten"), Allowed, Denied),
                kept(Child, Account, Denied),
            ],
            quotes: &[quote(
                Rule::SealingCoversJournal,
                "Åtkomstbegränsning för båda vårdnadshavare samt barnet (i takt med stigande \
                 ålder) till barnets konto på 1177.se och 1177 Journal.",
            )],
            discuss_sv: &[
                "Försegling stänger för båda vårdnadshavarna, även för Lina.",
                "Båda enheterna står som initierande. Det får betydelse när någon vill häva \
                 förseglingen.",
            ],
        },
        TeachingNote {
            on: day(2026, 10, 1),
            event_sv: "Barnakuten bedömer att Noah inte längre behöver skyddet och begär \
                       upplåsning.",
            ask_sv: Some("Häver Barnakutens begäran förseglingen?"),
            concerns: &[],
            claims: &[
                kept(Guardian("vh1"), Journal("akuten"), Denied),
                kept(Guardian("vh2"), Proxy, Denied),
            ],
            quotes: &[quote(
                Rule::SealingUnlockRule,
                "Om samtliga enheter är eniga om att försegling eller blockering kan hävas, \
                 genomförs åtgärden. I de fall där någon vårdenhet bedömer att skyddet bör \
                 kvarstå sker ingen upplåsning.",
            )],
            discuss_sv: &[
                "Nej: Vårdcentralen Ekbacken initierade också förseglingen och har inte begärt \
                 upplåsning.",
                "Begäran skickas vidare till de enheter som initierade förseglingen.",
            ],
        },
        TeachingNote {
            on: day(2029, 4, 12),
            event_sv: "Noah fyller 13 år.",
            ask_sv: Some("Får Noah sitt eget konto på 1177.se nu?"),
            concerns: &[],
            claims: &[
                kept(Child, Account, Denied),
                kept(Guardian("vh1"), Proxy, Denied),
            ],
            quotes: &[quote(
                Rule::SealingCoversChildAccount,
                "samt barnet (i takt med stigande ålder)",
            )],
            discuss_sv: &[
                "Nej: förseglingen stänger även Noahs egen åtkomst, både vid 13 och vid 16 år.",
                "Vem kan begära upplåsning, och vad behöver vara utrett först?",
            ],
        },
        TeachingNote {
            on: day(2034, 4, 12),
            event_sv: "Noah fyller 18 år.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Child, Account, Denied, Allowed),
                changed(Child, Journal("akuten"), Denied, Allowed),
                kept(Guardian("vh1"), Journal("akuten"), Denied),
            ],
            quotes: &[quote(
                Rule::SealingEndsAtAge,
                "Gäller till barnet fyller 18 år",
            )],
            discuss_sv: &[
                "Förseglingen upphör av sig själv när Noah blir myndig.",
                "Finns det något att prata med Noah om före 18-årsdagen?",
            ],
        },
    ],
};

pub const HONOUR_CONTROL: Lesson = Lesson {
    story_sv: &[
        "Amira går på Ungdomsmottagningen Väster och på Vårdcentralen Torget. Hon har egen \
         e-legitimation. Föräldrarna Nadia och Karim är båda vårdnadshavare.",
        "I september 2026, när Amira är 14 år, berättar hon att familjen läser hennes \
         meddelanden, använder hennes BankID och straffar henne för vårdbesök som de inte \
         känner till.",
    ],
    notes: &[
        TeachingNote {
            on: day(2025, 8, 20),
            event_sv: "Amira fyller 13 år.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Guardian("vh1"), Proxy, Allowed, Denied),
                changed(
                    Guardian("vh1"),
                    Journal("ungdomsmottagningen"),
                    Allowed,
                    Grantable,
                ),
                changed(Child, Journal("ungdomsmottagningen"), Denied, Grantable),
            ],
            quotes: &[quote(
                Rule::GuardianAccessUntilAge,
                "När barnet fyller 13 år avslutas den automatiska tillgången för vårdnadshavare.",
            )],
            discuss_sv: &[
                "Mellan 13 och 15 år ser varken föräldrarna eller Amira journalen utan ett \
                 beslut om utökad direktåtkomst.",
            ],
        },
        TeachingNote {
            on: day(2026, 2, 1),
            event_sv: "Amira ber att få läsa sin journal från Ungdomsmottagningen. \
                       Verksamhetschefen där beviljar utökad direktåtkomst.",
            ask_sv: Some("Ser Amira nu också journalen från Vårdcentralen Torget?"),
            concerns: &[],
            claims: &[
                changed(Child, Journal("ungdomsmottagningen"), Grantable, Allowed),
                kept(Child, Journal("vc-torget"), Grantable),
            ],
            quotes: &[quote(
                Rule::ExtendedAccessChild,
                "Beslutet gäller för verksamhetschefens vårdenhet",
            )],
            discuss_sv: &["Nej: beslutet gäller bara den enhet vars verksamhetschef fattade det."],
        },
        TeachingNote {
            on: day(2026, 9, 10),
            event_sv: "Amira berättar om kontrollen och om att föräldrarna använder hennes \
                       BankID. Vårdcentralen Torget gör en orosanmälan.",
            ask_sv: None,
            concerns: &[Concern::EIdControl],
            claims: &[
                changed(Child, Account, Allowed, Denied),
                changed(Child, Journal("ungdomsmottagningen"), Allowed, Denied),
                changed(
                    Guardian("vh2"),
                    Journal("ungdomsmottagningen"),
                    Grantable,
                    Denied,
                ),
            ],
            quotes: &[quote(
                Rule::SealingCoversChildAccount,
                "samt barnet (i takt med stigande ålder)",
            )],
            discuss_sv: &[
                "Försegling stänger också Amiras egen åtkomst: den som har hennes BankID kan \
                 annars läsa allt.",
                "Hur förklarar vi för Amira att hennes egen åtkomst stängs?",
            ],
        },
    ],
};

pub const PRESSURE_TO_SHOW: Lesson = Lesson {
    story_sv: &[
        "Leo har kontakt med Barn- och ungdomspsykiatrin Söder och Vårdcentralen Hamnen. Hans \
         mamma Anna är ensam vårdnadshavare. Leo har egen e-legitimation.",
        "I oktober 2026, när Leo är 16 år, berättar han att hans pojkvän kräver att få se vad \
         som står i journalen och tar hans telefon för att läsa den.",
    ],
    notes: &[
        TeachingNote {
            on: day(2026, 3, 3),
            event_sv: "Leo fyller 16 år.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Child, Journal("vc-hamnen"), Grantable, Allowed),
                changed(Child, Journal("psykiatri"), Denied, Allowed),
                changed(Guardian("vh1"), Journal("vc-hamnen"), Grantable, Denied),
            ],
            quotes: &[quote(
                Rule::ChildJournalFromAge,
                "När barnet fyller 16 år är det enbart barnet själv som har tillgång till att \
                 läsa sin journal.",
            )],
            discuss_sv: &["Leo ser nu också journalen från psykiatrin."],
        },
        TeachingNote {
            on: day(2026, 10, 5),
            event_sv: "Leo berättar att pojkvännen kräver att få läsa hans journal.",
            ask_sv: None,
            concerns: &[Concern::JournalDemanded],
            claims: &[
                changed(Child, Account, Allowed, Denied),
                changed(Child, Journal("psykiatri"), Allowed, Denied),
                kept(Guardian("vh1"), Journal("vc-hamnen"), Denied),
            ],
            quotes: &[quote(
                Rule::SealingCoversJournal,
                "Åtkomstbegränsning för båda vårdnadshavare samt barnet (i takt med stigande \
                 ålder)",
            )],
            discuss_sv: &[
                "Förseglingen skyddar Leo genom att stänga hans egen åtkomst: journalen går \
                 inte att öppna, hur mycket någon än kräver.",
                "Båda enheterna initierade förseglingen. Båda måste vara eniga om den ska hävas \
                 före 18 år.",
            ],
        },
        TeachingNote {
            on: day(2028, 3, 3),
            event_sv: "Leo fyller 18 år.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Child, Journal("psykiatri"), Denied, Allowed),
                changed(Child, Account, Denied, Allowed),
            ],
            quotes: &[quote(
                Rule::SealingEndsAtAge,
                "Gäller till barnet fyller 18 år",
            )],
            discuss_sv: &["Förseglingen upphör av sig själv när Leo blir myndig."],
        },
    ],
};

pub const PROTECTED_IDENTITY: Lesson = Lesson {
    story_sv: &[
        "Barnet är 6 år och har två vårdnadshavare. Efter hot mot familjen får barnet \
         skyddade personuppgifter hos Skatteverket.",
        "Barnet går på Vårdcentralen Dalen. Ingen där har ännu begärt någon åtgärd i 1177.",
    ],
    notes: &[
        TeachingNote {
            on: day(2026, 4, 20),
            event_sv: "Skatteverket registrerar barnets skyddade personuppgifter.",
            ask_sv: None,
            concerns: &[Concern::ProtectedIdentity],
            claims: &[
                changed(Guardian("vh1"), Proxy, Allowed, Denied),
                changed(Guardian("vh1"), Journal("vc-dalen"), Allowed, Denied),
                changed(Guardian("vh2"), Journal("vc-dalen"), Allowed, Denied),
            ],
            quotes: &[],
            discuss_sv: &[
                "1177 bryter ombudskopplingen av sig själv, men vägledningen kräver ändå \
                 försegling. Insyn visar det som en åtgärd för personalen.",
                "Varför räcker det inte att ombudskopplingen bryts? Tänk på barnets eget konto \
                 från 13 år.",
            ],
        },
        TeachingNote {
            on: day(2032, 11, 30),
            event_sv: "Barnet fyller 13 år. Ingen försegling har begärts.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Child, Account, Denied, Allowed),
                kept(Guardian("vh1"), Journal("vc-dalen"), Denied),
            ],
            quotes: &[quote(
                Rule::ChildAccountFromAge,
                "Barnet får tillgång till konto på 1177.se från och med 13 år.",
            )],
            discuss_sv: &[
                "Utan försegling öppnas barnets konto. Vem kan komma åt barnets \
                 e-legitimation?",
                "Kravet på försegling står kvar till 18 år.",
            ],
        },
    ],
};

pub const EXTENDED_ACCESS: Lesson = Lesson {
    story_sv: &[
        "Vera har haft diabetes sedan hon var liten och går på Barndiabetesmottagningen. \
         Hennes mamma Eva sköter mycket av behandlingen. Pappa Adam är också vårdnadshavare.",
        "Inför 13-årsdagen ansöker Vera och Eva tillsammans med mottagningen om att Eva ska få \
         fortsätta läsa journalen där, och senare om att Vera själv ska få läsa den.",
    ],
    notes: &[
        TeachingNote {
            on: day(2025, 6, 1),
            event_sv: "Vera fyller 13 år. Samma dag börjar beslutet om utökad direktåtkomst för \
                       Eva på Barndiabetesmottagningen att gälla.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                kept(Guardian("vh1"), Journal("diabetes"), Allowed),
                changed(Guardian("vh1"), Journal("vc-linne"), Allowed, Grantable),
                changed(Guardian("vh2"), Journal("diabetes"), Allowed, Grantable),
                changed(Guardian("vh1"), Proxy, Allowed, Denied),
            ],
            quotes: &[quote(
                Rule::ExtendedAccessGuardian,
                "Om det finns behov av att tillgängliggöra 1177 journal för ungdom (13–15 år) \
                 eller dess vårdnadshavare.",
            )],
            discuss_sv: &[
                "Beslutet gäller en vårdenhet: Eva ser inte längre journalen från Vårdcentralen \
                 Linné.",
                "Adam har inte ansökt. Han kan göra det på samma sätt.",
            ],
        },
        TeachingNote {
            on: day(2025, 9, 1),
            event_sv: "Vera får utökad direktåtkomst till journalen på Barndiabetesmottagningen.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Child, Journal("diabetes"), Grantable, Allowed),
                kept(Child, Journal("vc-linne"), Grantable),
            ],
            quotes: &[quote(
                Rule::ExtendedAccessChild,
                "Tillgängliggöra information i 1177 journal för ungdom (13-15 år) - blankett",
            )],
            discuss_sv: &["Region Östergötland har en egen blankett för beslutet."],
        },
        TeachingNote {
            on: day(2028, 6, 1),
            event_sv: "Vera fyller 16 år. Evas beslut gällde till och med dagen före.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Guardian("vh1"), Journal("diabetes"), Allowed, Denied),
                changed(Child, Journal("vc-linne"), Grantable, Allowed),
            ],
            quotes: &[quote(
                Rule::ChildJournalFromAge,
                "man som ungdom får ta del av sin digitala journal från 16 års ålder",
            )],
            discuss_sv: &[
                "Från 16 år kan en vårdnadshavare inte få utökad åtkomst: Eva ser inte längre \
                 journalen.",
            ],
        },
    ],
};

pub const LEGAL_REPRESENTATIVE: Lesson = Lesson {
    story_sv: &[
        "Sam har en intellektuell funktionsnedsättning och har kontakt med Habiliteringen \
         Norr. Mamma Lisa är vårdnadshavare.",
        "I februari 2026 förordnar tingsrätten Ulf som god man för Sam. Ulf ansöker om att få \
         läsa Sams journal.",
    ],
    notes: &[
        TeachingNote {
            on: day(2026, 1, 15),
            event_sv: "Sam fyller 16 år.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Child, Journal("habilitering"), Grantable, Allowed),
                changed(Guardian("vh1"), Journal("habilitering"), Grantable, Denied),
                changed(
                    Representative("godman"),
                    Journal("habilitering"),
                    Denied,
                    Grantable,
                ),
            ],
            quotes: &[quote(
                Rule::ChildJournalFromAge,
                "Först när barnet fyller 16 år kan hen läsa sin journal.",
            )],
            discuss_sv: &[
                "Lisa kan inte längre få utökad åtkomst. En legal ställföreträdare kan däremot \
                 få åtkomst från 16 år.",
            ],
        },
        TeachingNote {
            on: day(2026, 3, 1),
            event_sv: "Vårdgivaren beslutar att Ulf får läsa Sams journal.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(
                    Representative("godman"),
                    Journal("habilitering"),
                    Grantable,
                    Allowed,
                ),
                kept(Guardian("vh1"), Journal("habilitering"), Denied),
            ],
            quotes: &[quote(
                Rule::LegalRepresentativeFromAge,
                "restriktivitet råder och tingsrättsbeslut på förordnandet ska uppvisas",
            )],
            discuss_sv: &[
                "Restriktivitet: tingsrättens beslut om förordnandet ska visas.",
                "Vad vill Sam själv?",
            ],
        },
    ],
};

pub const CHANGE_OF_CUSTODY: Lesson = Lesson {
    story_sv: &[
        "Ida, 7 år, bor sedan en tid i ett familjehem och går på Vårdcentralen Lund. \
         Tingsrätten flyttar vårdnaden från föräldrarna till en särskilt förordnad \
         vårdnadshavare.",
        "Skatteverket registrerar den nya vårdnadshavaren från den 1 januari 2026.",
    ],
    notes: &[
        TeachingNote {
            on: day(2026, 1, 1),
            event_sv: "Skatteverket registrerar ändringen av vårdnaden.",
            ask_sv: Some("Behöver vården göra något i 1177?"),
            concerns: &[],
            claims: &[
                changed(Guardian("vh1"), Journal("vc-lund"), Allowed, Denied),
                changed(Guardian("vh1"), Proxy, Allowed, Denied),
                changed(Guardian("sfv"), Journal("vc-lund"), Denied, Allowed),
                changed(Guardian("sfv"), Proxy, Denied, Allowed),
            ],
            quotes: &[quote(
                Rule::GuardianAccessFollowsCustody,
                "Du som är registrerad som vårdnadshavare hos Skatteverket kan läsa ditt barns \
                 journal via nätet.",
            )],
            discuss_sv: &[
                "Nej: åtkomsten följer folkbokföringen. Föräldrarna förlorar den och den nya \
                 vårdnadshavaren får den samma dag.",
                "Vad gäller innan ändringen är registrerad? Behövs en blockering i väntan?",
            ],
        },
        TeachingNote {
            on: day(2031, 9, 9),
            event_sv: "Ida fyller 13 år.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Guardian("sfv"), Journal("vc-lund"), Allowed, Grantable),
                changed(Child, Account, Denied, Allowed),
            ],
            quotes: &[quote(
                Rule::GuardianAccessUntilAge,
                "journaler till dess att de fyller 13 år",
            )],
            discuss_sv: &[
                "Samma åldersgränser gäller för en särskilt förordnad vårdnadshavare som för en \
                 förälder.",
            ],
        },
    ],
};

pub const RJL_BLOCKING: Lesson = Lesson {
    story_sv: &[
        "Tove, 12 år, har egen e-legitimation och går på Barn- och ungdomskliniken Ryhov i \
         Jönköping. Båda föräldrarna är vårdnadshavare.",
        "I november 2025 berättar Tove att hennes mamma har hotat henne efter vårdbesöken. \
         Pappan är ingen risk.",
    ],
    notes: &[
        TeachingNote {
            on: day(2025, 11, 3),
            event_sv: "Tove berättar om hoten från mamman.",
            ask_sv: None,
            concerns: &[Concern::OneGuardianRisk],
            claims: &[
                changed(Guardian("vh1"), Journal("barnkliniken"), Allowed, Denied),
                changed(Child, Account, Allowed, Denied),
                changed(Guardian("vh2"), Proxy, Allowed, Denied),
                kept(Guardian("vh2"), Journal("barnkliniken"), Allowed),
            ],
            quotes: &[quote(
                Rule::BlockingLocksChildLogin,
                "När en vårdnadshavare blockeras låses även barnets inloggning till 1177 \
                 e-tjänster av säkerhetsskäl.",
            )],
            discuss_sv: &[
                "I Jönköping låser blockeringen också Toves inloggning, och därmed pappans \
                 ombudsroll.",
                "Pappan ser fortfarande journalen med sin egen inloggning.",
            ],
        },
        TeachingNote {
            on: day(2026, 2, 10),
            event_sv: "Tove fyller 13 år.",
            ask_sv: Some("Upphör blockeringen av mamman nu?"),
            concerns: &[],
            claims: &[
                kept(Guardian("vh1"), Journal("barnkliniken"), Denied),
                kept(Child, Account, Denied),
                changed(Guardian("vh2"), Journal("barnkliniken"), Allowed, Grantable),
            ],
            quotes: &[quote(
                Rule::BlockingEndsAtAge,
                "ligger kvar fram tills det att vårdpersonal begär att blockeringen ska tas bort",
            )],
            discuss_sv: &[
                "Nej: i Jönköping ligger blockeringen kvar tills vårdpersonal begär att den tas \
                 bort. Jämför VGR 2026, där den upphör vid 13 år.",
            ],
        },
        TeachingNote {
            on: day(2026, 8, 20),
            event_sv: "Verksamhetschefen beslutar att bryta blockeringen av mamman.",
            ask_sv: Some("Kan Tove logga in igen?"),
            concerns: &[],
            claims: &[
                changed(Guardian("vh1"), Journal("barnkliniken"), Denied, Grantable),
                kept(Child, Account, Denied),
            ],
            quotes: &[quote(
                Rule::LiftingExtraActions,
                "När behovet av låsning inte längre kvarstår ska vårdpersonal begära att kontot \
                 låses upp",
            )],
            discuss_sv: &[
                "Nej: inloggningen är fortfarande låst. Insyn visar upplåsningen som en åtgärd \
                 för personalen.",
                "Innan blockeringen bryts kontrollerar verksamhetschefen hotbilden hos andra \
                 verksamheter och hos socialtjänsten.",
            ],
        },
        TeachingNote {
            on: day(2026, 9, 15),
            event_sv: "Personalen begär att Toves inloggning låses upp.",
            ask_sv: Some("Vad kan Tove se nu, och kan hon själv be om en ny låsning?"),
            concerns: &[],
            claims: &[
                changed(Child, Account, Denied, Allowed),
                kept(Guardian("vh1"), Journal("barnkliniken"), Grantable),
                kept(Guardian("vh2"), Journal("barnkliniken"), Grantable),
            ],
            quotes: &[quote(
                Rule::LoginLockRequest,
                "När barnet fyllt 13 år kan låsning av inloggning till 1177 e-tjänster \
                 begäras, antingen på individens eller vårdgivarens initiativ.",
            )],
            discuss_sv: &[
                "Först nu kan Tove logga in igen: upplåsningen är en egen begäran, inte en \
                 följd av att blockeringen bröts.",
                "Tove är 13: hon kan själv begära en ny låsning om hon behöver den.",
            ],
        },
    ],
};

pub const LEAP_DAY: Lesson = Lesson {
    story_sv: &[
        "Skott föddes den 29 februari 2012, ett skottår. Hen har en vårdnadshavare och egen \
         e-legitimation.",
        "När fyller Skott år, de år som inte har någon 29 februari?",
    ],
    notes: &[
        TeachingNote {
            on: day(2025, 2, 28),
            event_sv: "Det är den 28 februari 2025.",
            ask_sv: Some(
                "Skott är född den 29 februari. Har hen fyllt 13 i dag, eller först \
                          den 1 mars?",
            ),
            concerns: &[],
            claims: &[
                changed(Guardian("vh1"), Proxy, Allowed, Denied),
                changed(Guardian("vh1"), Journal("vc"), Allowed, Grantable),
                changed(Child, Journal("vc"), Denied, Grantable),
            ],
            quotes: &[quote(
                Rule::GuardianAccessUntilAge,
                "journaler till dess att de fyller 13 år",
            )],
            discuss_sv: &[
                "I dag: den som är född den 29 februari fyller år den 28 februari ett vanligt \
                 år (lagen om beräkning av lagstadgad tid).",
                "Insyn visar den regeln i förklaringen när den avgör.",
            ],
        },
        TeachingNote {
            on: day(2028, 2, 29),
            event_sv: "Det är den 29 februari 2028, ett skottår.",
            ask_sv: Some("När fyller Skott 16?"),
            concerns: &[],
            claims: &[
                changed(Child, Journal("vc"), Grantable, Allowed),
                changed(Guardian("vh1"), Journal("vc"), Grantable, Denied),
            ],
            quotes: &[quote(
                Rule::ChildJournalFromAge,
                "får ta del av sin digitala journal från 16 års ålder",
            )],
            discuss_sv: &["Ett skottår fyller Skott år på sin riktiga födelsedag."],
        },
    ],
};

pub const RESERVNUMMER: Lesson = Lesson {
    story_sv: &[
        "Barnet kom nyligen till Sverige och har ännu inget personnummer. Vården har gett \
         barnet ett reservnummer.",
        "Barnet har en vårdnadshavare och går på Vårdcentralen Exempel.",
    ],
    notes: &[
        TeachingNote {
            on: day(2017, 11, 1),
            event_sv: "Barnet är patient på Vårdcentralen Exempel.",
            ask_sv: Some("Kan vårdnadshavaren läsa barnets journal i 1177?"),
            concerns: &[],
            claims: &[
                now(Guardian("vh1"), Journal("vc"), Denied),
                now(Guardian("vh1"), Proxy, Denied),
                now(Child, Account, Denied),
            ],
            quotes: &[quote(
                Rule::UnusableIdentityNumber,
                "Invånare med reservnummer eller samordningsnummer kan inte logga in på 1177.",
            )],
            discuss_sv: &[
                "Med reservnummer kan ingen logga in för barnets räkning: varken barnet eller \
                 vårdnadshavaren som ombud.",
            ],
        },
        TeachingNote {
            on: day(2030, 1, 1),
            event_sv: "Barnet fyller 13 år och har fortfarande reservnummer.",
            ask_sv: Some("Får barnet ett eget konto på 1177.se nu?"),
            concerns: &[],
            claims: &[
                kept(Child, Account, Denied),
                kept(Guardian("vh1"), Journal("vc"), Denied),
            ],
            quotes: &[],
            discuss_sv: &[
                "Nej: åldern spelar ingen roll utan ett personnummer som fungerar i 1177.",
                "Hur kan barnet och vårdnadshavaren ta del av journalen på annat sätt?",
            ],
        },
    ],
};

pub const RJL_LOGIN_LOCK: Lesson = Lesson {
    story_sv: &[
        "Ebba är 15 år och bor i Jönköping med sina föräldrar Karin och Jonas, som båda är \
         vårdnadshavare. Hon har egen e-legitimation och går på Ungdomsmottagningen Jönköping.",
        "I mars 2027 berättar Ebba att hennes pojkvän har tagit reda på koden till hennes \
         BankID. Han loggar in som henne på 1177.se och kräver att få se vad som står om henne \
         där. Ebba vill själv att hennes inloggning låses.",
    ],
    notes: &[
        TeachingNote {
            on: day(2027, 3, 8),
            event_sv: "Ebba ber personalen på Ungdomsmottagningen att låsa hennes inloggning till \
                       1177 e-tjänster.",
            ask_sv: Some("Får Ebba själv begära låsningen?"),
            concerns: &[Concern::JournalDemanded],
            claims: &[
                changed(Child, Account, Allowed, Denied),
                kept(Child, Journal("ungdomsmottagningen"), Grantable),
                kept(Guardian("vh1"), Proxy, Denied),
            ],
            quotes: &[quote(
                Rule::LoginLockRequest,
                "När barnet fyllt 13 år kan låsning av inloggning till 1177 e-tjänster \
                 begäras, antingen på individens eller vårdgivarens initiativ.",
            )],
            discuss_sv: &[
                "Ja: i Jönköping kan den som fyllt 13 år själv begära låsning. Det är ingen \
                 blockering, och föräldrarna berörs inte: de har inte varit ombud sedan Ebba \
                 fyllde 13.",
                "Låsningen stänger Ebbas konto på 1177.se. Journalen kan hon ännu inte läsa \
                 själv, men vad händer när hon fyller 16?",
            ],
        },
        TeachingNote {
            on: day(2027, 11, 2),
            event_sv: "Ebba fyller 16 år. Hennes inloggning är fortfarande låst.",
            ask_sv: Some("Kan den som har Ebbas e-legitimation nu läsa hennes journal?"),
            concerns: &[],
            claims: &[
                changed(Child, Journal("ungdomsmottagningen"), Grantable, Allowed),
                kept(Child, Account, Denied),
                changed(
                    Guardian("vh1"),
                    Journal("ungdomsmottagningen"),
                    Grantable,
                    Denied,
                ),
            ],
            quotes: &[
                quote(
                    Rule::LoginLockCoversJournal,
                    "en låsning av invånares inloggning till 1177 e-tjänster inte påverkar \
                     invånarens tillgång till 1177 journal",
                ),
                quote(
                    Rule::ScenarioJournalDemanded,
                    "måste både inloggningen i 1177 låsas samt att 1177 journalen förseglas",
                ),
            ],
            discuss_sv: &[
                "Ja: låsningen gäller bara e-tjänsterna. Från 16 år läser Ebba sin journal, och \
                 det kan den som har hennes BankID också.",
                "Ska journalen också stängas krävs en försegling. Vad vill Ebba, och vad väger \
                 tyngst?",
            ],
        },
        TeachingNote {
            on: day(2028, 1, 17),
            event_sv: "Ebba har gjort slut med pojkvännen och har fått ett nytt BankID. \
                       Personalen begär att hennes inloggning låses upp.",
            ask_sv: None,
            concerns: &[],
            claims: &[
                changed(Child, Account, Denied, Allowed),
                kept(Child, Journal("ungdomsmottagningen"), Allowed),
            ],
            quotes: &[
                quote(
                    Rule::LiftingExtraActions,
                    "När behovet av låsning inte längre kvarstår ska vårdpersonal begära att \
                     kontot låses upp, så att ungdomen åter får tillgång till sin inloggning.",
                ),
                quote(
                    Rule::EarlierMeasuresStand,
                    "Om en låsning har gjorts av en annan region än sin egna, ska en kontroll \
                     ske i samråd med den andra regionen",
                ),
            ],
            discuss_sv: &[
                "Låsningen upphör inte av sig själv: den står kvar tills vårdpersonal begär \
                 upplåsning.",
                "Hade en annan region låst inloggningen skulle den regionen tillfrågas först.",
            ],
        },
    ],
};

pub const BLOCKING_EXTENSION: Lesson = Lesson {
    story_sv: &[
        "Hugo är 9 år och bor med sina föräldrar Linda och Mikael, som båda är \
         vårdnadshavare. Han går på Barnmottagningen Solbacken.",
        "I september 2024 berättar Hugo att pappan slår honom och att mamman har sagt åt honom \
         att inte berätta det för någon. Socialtjänsten inleder en utredning.",
    ],
    notes: &[
        TeachingNote {
            on: day(2024, 9, 16),
            event_sv: "Hugo berättar om våldet. Verksamhetschefen på Barnmottagningen beslutar \
                       om en åtgärd för båda föräldrarna.",
            ask_sv: None,
            concerns: &[Concern::ChildTellsOfViolence],
            claims: &[
                changed(
                    Guardian("vh1"),
                    Journal("barnmottagningen"),
                    Allowed,
                    Denied,
                ),
                changed(
                    Guardian("vh2"),
                    Journal("barnmottagningen"),
                    Allowed,
                    Denied,
                ),
                kept(Guardian("vh1"), Proxy, Allowed),
                kept(Guardian("vh2"), Proxy, Allowed),
            ],
            quotes: &[
                quote(
                    Rule::ScenarioChildTellsOfViolence,
                    "Redan vid misstanke om att barn far illa bör blockering av \
                     vårdnadshavares direktåtkomst övervägas i syfte att skydda barnet.",
                ),
                quote(
                    Rule::BlockingCoversProxy,
                    "Blockering innebär att vårdnadshavare inte får tillgång till att läsa i \
                     journal via nätet men kan göra övriga e-tjänster på 1177.se för sitt barn.",
                ),
            ],
            discuss_sv: &[
                "Enligt VGR:s rutin från 2019 stänger blockeringen bara journalen: båda \
                 föräldrarna kan fortfarande använda e-tjänsterna för Hugo.",
                "Med VGR:s vägledning från 2026 hade svaret blivit försegling, när barnet \
                 berättar om våld.",
            ],
        },
        TeachingNote {
            on: day(2025, 3, 17),
            event_sv: "Socialtjänstens utredning är klar: Mikael är fortfarande en risk för Hugo, \
                       Linda inte. Verksamhetschefen tar ställning till blockeringen på nytt.",
            ask_sv: Some("Vad händer med blockeringen av Linda och av Mikael?"),
            concerns: &[],
            claims: &[
                changed(
                    Guardian("vh1"),
                    Journal("barnmottagningen"),
                    Denied,
                    Allowed,
                ),
                kept(Guardian("vh2"), Journal("barnmottagningen"), Denied),
                kept(Guardian("vh2"), Proxy, Allowed),
            ],
            quotes: &[quote(
                Rule::BlockingExtensionRequest,
                "Vid behov av fortsatt blockering endast för en av vårdnadshavarna kan \
                 blockeringen förlängas för en och brytas för den andra vårdnadshavaren.",
            )],
            discuss_sv: &[
                "Blockeringen förlängs för Mikael och bryts för Linda, som åter ser Hugos \
                 journal.",
                "Förlängningen beslutas av verksamhetschefen, med blanketten Förlängning \
                 blockering av vårdnadshavares direktåtkomst, och dokumenteras i journalen.",
            ],
        },
        TeachingNote {
            on: day(2026, 3, 26),
            event_sv: "VGR:s nya vägledning (RS 2026-01475) börjar gälla.",
            ask_sv: Some("Står förlängningen för Mikael kvar?"),
            concerns: &[],
            claims: &[
                kept(Guardian("vh2"), Journal("barnmottagningen"), Denied),
                changed(Guardian("vh2"), Proxy, Allowed, Denied),
                kept(Guardian("vh1"), Proxy, Allowed),
            ],
            quotes: &[quote(
                Rule::BlockingCoversProxy,
                "Vårdnadshavare kan inte agera ombud för barnet.",
            )],
            discuss_sv: &[
                "Insyn låter den stå kvar som den beslutades. Vägledningen säger inte vad som \
                 gäller för beslut enligt rutinen från 2019: kontrollera med Spärr- och \
                 loggfunktionen.",
                "Enligt den nya vägledningen stänger en blockering också barnets konto: Mikael \
                 kan inte längre vara ombud för Hugo.",
            ],
        },
        TeachingNote {
            on: day(2028, 8, 24),
            event_sv: "Hugo fyller 13 år.",
            ask_sv: Some("Upphör blockeringen av Mikael nu?"),
            concerns: &[],
            claims: &[
                kept(Guardian("vh2"), Journal("barnmottagningen"), Denied),
                changed(
                    Guardian("vh1"),
                    Journal("barnmottagningen"),
                    Allowed,
                    Grantable,
                ),
                changed(Child, Account, Denied, Allowed),
            ],
            quotes: &[quote(
                Rule::BlockingEndsAtAge,
                "Upphör automatiskt den dag barnet fyller 13 år.",
            )],
            discuss_sv: &[
                "En blockering enligt den nya vägledningen upphör på 13-årsdagen. Den här \
                 beslutades och förlängdes enligt rutinen från 2019, där en blockering gäller \
                 tills vidare, och Insyn låter den stå kvar.",
                "Behöver Hugo skyddet efter 13 år? Då bör någon ta ställning till det på nytt, \
                 i stället för att lita på ett äldre beslut.",
            ],
        },
    ],
};
