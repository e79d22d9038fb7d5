package answer

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Aspect is the part of a topic a message asks for.
type Aspect string

const (
	AspectNone      Aspect = ""
	AspectWho       Aspect = "who"       // who may get it
	AspectWhat      Aspect = "what"      // what there is
	AspectHow       Aspect = "how"       // how to apply
	AspectBring     Aspect = "bring"     // papers to bring
	AspectCosts     Aspect = "costs"     // costs and amounts
	AspectDeadlines Aspect = "deadlines" // deadlines
	AspectLegal     Aspect = "legal"     // legal basis
	AspectWhere     Aspect = "where"     // address, hours, phone of the office
)

// Aspects are all aspects, in the order their buttons are shown.
var Aspects = []Aspect{AspectWho, AspectWhat, AspectHow, AspectBring, AspectCosts, AspectDeadlines, AspectLegal, AspectWhere}

// ParseAspect reads an aspect's name; ok is false for anything else.
func ParseAspect(s string) (Aspect, bool) {
	for _, a := range Aspects {
		if string(a) == s {
			return a, true
		}
	}
	return AspectNone, false
}

// A cue is a pattern of words that says something about a message. Words
// are folded (lower case, umlauts as a/o/u, ß as ss); a word ending in "*"
// matches every word that starts with it, one beginning with "*" every word
// that ends with it (a compound: "Faxnummer"), "*" alone any one word. A
// cue beginning with "=" matches the word as written: "=zahlt" is not
// "zählt".
type cue struct {
	words  []string
	aspect Aspect
	weight int
	// amount: the cue asks how much ("wie viel", "сколько"), which is
	// costs unless it asks an age or a limit on one's own money.
	amount bool
	// when: the cue asks a time of the week or day (whenCues).
	when bool
	// keep: the cue's words name the need too ("kalacak yer", a place to
	// sleep, asks where and names the shelter): they stay in the query.
	keep bool
}

// aspectCues are the ways people ask for an aspect, in German and English,
// colloquial included, and in the eight translated languages (their first
// lines). Where two aspects are found, the heavier wins, then
// the earlier in this list.
var aspectCues = parseCues(map[Aspect][]string{
	AspectBring: {
		// which certificate ("welche Geburtsurkunde", "which birth certificate", "какое свидетельство"); a
		// certificate alone may be another office's ("wo krieg ich die Sterbeurkunde")
		"welche* *urkunde", "welche* urkunde*", "which * certificate", "which certificate", "what certificate", "what * certificate",
		"какое свидетельство", "какое * свидетельство", "яке свідоцтво", "яке * свідоцтво", "jaki akt", "ktory akt", "ce certificat", "какъв акт", "چه شناسنامه*", "کدوم شناسنامه*",
		// papers named by their kind, and how old they may be ("wie alt dürfen die Arztberichte sein")
		"arztbericht*:2", "arztbrief*:2", "originale:2", "originalen:2", "оригінал*:2", "оригинал*:2", "oryginal*:2", "originalele:2",
		"довід*", "przynies*", "ze soba", "zabrac:2", "reports:2", "medical report*:2", "doctor's report*:2",
		// what to bring: ar fa bg colloquial, Dari, Latin letters (vocab, issue #11)
		"شنو الاوراق", "شو الاوراق", "ايش الاوراق", "ايه الورق", "الورق المطلوب", "شو بدي جيب", "شو لازم جيب", "ايش احتاج", "شو بحتاج", "شنو احتاج", "چی لازمه", "چه چیزهایی لازم", "چه کاغذی", "کاغذها", "کاغذ", "اسناد", "مدارکش", "مدرکش", "madarek*", "madarak", "kaghaz", "какво да нося", "какво трябва да нося", "какви книжа", "какво ми трябва", "dokumenti", "kakvi dokumenti", "bumagi", "spravk*", "کاغذهایی", "کاغذ*", "باید ببرم", "همراه ببرم", "با خودم ببرم",
		// what to bring or attach: uk ru tr ar fa
		"принест*", "принес*", "взяти з собою", "взять с собой", "kagit*", "ekle*:2", "rapor*:1", "getir*", "yanimda",
		"جيب*:2", "اجيب", "احضر",
		"ne gerekli", "neler gerekli", "شو لازم", "المطلوب", "папер*", "довідк*", "бумаг*", "справк*", "papier*",
		"zaświadczen*", "ce acte", "hârtii", "книжа", "удостоверени*", "مدارکی", "مدرکی", "چه مدارکی",
		// tr ar uk ru pl ro bg fa
		"belge*", "evrak*", "ne lazım", "وثائق", "الوثائق", "أوراق", "الأوراق", "مستندات", "المستندات",
		"документ*", "dokument*", "document*", "acte", "actele", "مدارک", "مدرک",
		"brauchen die:2", "wollen die:2",
		"mitbring*", "mitbrin*", "mitbrng*", "mitnehm*", "mitnem*", "mitschick*", "mitsend*", "beileg*", "unterlage*", "dokument*", "nachweis*",
		"papiere", "papieren", "belege", "bescheinigung*", "brauch* ich dafur", "brauch* ich dazu", "was brauch*", "ausfull*",
		"was muss ich vorlegen", "vorlegen", "einreich*", "bring", "documents", "document", "papers", "paperwork",
		"proof", "what do i need", "brauche ich:1", "brauch ich:1", "brauch ma:1", "notig:1", "erforderlich:1",
		"befund*:1", "arztbericht*:1", "atteste:1", "attest:1", "do i need:1", "need to submit", "hand in",
		// round 7, tr ar fa: what to take along, papers in Arabizi, "which papers" without a noun
		"neler lazim", "neler gerek*", "gotur*:2", "yanima", "ne goturmem", "war2", "wara2", "awra2", "el war2", "matlub", "el matlub", "mustanadat",
		"اخد معي", "اخذ معي", "اجيب معي", "جيب معي", "ناخد معنا", "همراهم", "همراه خودم", "همراهمون", "همراه خودمون", "ببرم:2", "ببریم:2", "bebaram:2", "hamrahe khodam", "hamraham", "مدرک*", "مدارک*", "اسنادی", "چه اسنادی", "کدوم کاغذ*", "کدام کاغذ*",
	},
	AspectCosts: {
		// how much is it: Finglish, Arabizi
		"chande:2", "chand mishe", "cheghad",
		// price in Latin letters (fa, ar), colloquial paying ("was muss ich hinlegen")
		"gheymat*", "ghimat*", "qeymat*", "chande", "hinlegen", "blechen", "berappen",
		// price, free: ar fa bg colloquial, Latin letters (vocab, issue #11)
		"ب كام", "قديش حقها", "شكد حقها", "قديش سعر", "kam se3r", "2addesh", "چند میشه", "چقدر میشه", "مجانیه", "رایگانه", "مفت", "هزینش", "هزینه اش", "gheymat", "cheghadr", "chaghadr", "cheqadr", "kolko struva", "kolko pari", "bezplatn*", "струва ли", "платено ли",
		"kaç para", "fiyat*", "كم السعر", "سعر", "السعر", "بكم", "مجاني*", "ببلاش", "ціна", "ціну", "платн*", "цена",
		"цену", "cena", "cenę", "koszt*", "płatn*", "preț*", "pretul", "cost", "costă", "costuri", "цената", "струва",
		"قیمت", "چنده", "چند است",
		"ücret*", "ne kadar tutar", "تكلفة", "كم يكلف", "رسوم", "скільки коштує", "вартість", "безкоштовн*",
		"сколько стоит", "стоимость", "бесплатн*", "ile kosztuje", "bezpłatn*", "cât costă", "gratuit*",
		"колко струва", "безплатн*", "هزینه", "رایگان",
		"ne kadar tut*", "tutuyor", "odemem", "odeme*", "كم يكلف", "تكلف", "يكلف", "كم سعر",
		"коштує", "коштуватиме", "платити", "стоит", "платить", "kosztuje", "płacić", "zapłacić", "plati*",
		"плащ*", "چقدر هزینه", "پرداخت",
		"darmow*", "ucretsiz*", "bedava", "مجانا",
		"zahlt man", "bezahlt man", "zahlen wir", "bezahlen wir",
		// without paying; what an adult or a child pays ("was zahlt ein Erwachsener im Zoo")
		// paying without diacritics, a fee: pl ro
		"zaplac*", "placi", "placic", "placa", "oplac*", "doplac*", "dopłac*", "taxa", "taxe", "taxă",
		"ohne ** zahlen", "ohne ** bezahlen", "without paying", "zahlt ein", "zahlt eine", "zahlen erwachsene", "zahlen kinder", "does an adult pay", "does a child pay",
		"kost*", "teuer*", "preis*", "eigenanteil*", "gebuhr*", "€", "frei", "kostenfrei",
		"zuzahl*", "freifahrt*", "*freifahrt", "*freifahrten", "free rides", "free trips", "selbst zahlen", "selbst bezahlen", "zahlen muss", "bezahlen muss", "zahl ich", "zahle ich", "bezahl ich", "bezahle ich",
		"was zahlen", "was bezahlen", "etwas zahlen", "etwas bezahlen", "was dazu*", "was zuzahlen", "umsonst", "gratis", "kostenlos*",
		"cost*", "price*", "fee*", "free", "free of charge", "pay for it", "charge*", "do i pay", "do i have to pay",
		"have to pay anything", "pay anything", "need to pay",
		// round 7, ar fa: paying something, free or not
		"ادفع:2", "لازم ادفع", "بدفع:2", "ندفع:2", "بمصاري", "ببلاش", "majani*", "مجانی", "پولیه", "پول بدم", "پول بدیم", "پول باید بدم", "pul bedam", "pool bedam", "puli*:2", "pooli*:2",
	},
	AspectDeadlines: {
		// how far back, missed, still something after a late application: de en tr ar uk ru pl ro bg fa
		"how far back", "wie weit zuruck", "backdat*", "retroactiv*", "back pay:2", "задним числом", "заднім числом", "wstecz",
		"със задна дата", "باثر رجعي", "بأثر رجعي", "geriye donuk", "با تاریخ گذشته", "عطف به ماسبق",
		"verpass*:2", "versaum*:2", "verpenn*:2", "missed:2", "forgot to:2", "пропуст*:2", "przegap*:2", "am ratat:2", "изпусна*:2", "kacird*:2",
		"از دست داد*:2", "kriegen wir noch", "bekommen wir noch", "krieg* ich noch", "bekomm* ich noch", "noch was:2", "noch geld:2",
		"anything back:2", "antrag ** vergessen:3", "vergessen ** antrag*:3", "forgot ** apply*:3", "son ** tarih*:3", "son basvuru tarih*:3", "jakis termin", "jaki termin", "jest termin", "termin na", "czy jest termin",
		// until when, how long after: ar (Levantine, Egyptian, Iraqi, Gulf) fa (Iranian, Dari) bg, Latin letters (vocab, issue #11)
		"لحد امتى", "لحد متى", "لغاية امتى", "لغاية متى", "الى متى", "حتى متى", "لامتى", "لوقتيش", "امتى لازم", "متى لازم", "ايمتى لازم", "امتى اخر", "متى اخر", "اخر يوم", "اخر مهلة", "قديش عندي وقت", "كم عندي وقت", "شكد عندي وقت", "قديش * وقت", "كم * وقت", "قبل قديش", "بعد قديش", "خلال قديش", "la2emta", "lemta", "la emta", "2ade sh wa2t", "2addesh wa2t", "kam wa2t", "تا چند وقت", "چند وقت", "تا چه وقت", "تا چه زمانی", "تا چه موقع", "چه موقع باید", "تا چند روز", "تا چند ماه", "چند روز بعد", "چند ماه بعد", "فرصت دارم", "مهلتش", "ta key", "ta kei", "mohlat", "che moghe", "докога", "кога трябва", "колко време имам", "след колко време", "краен срок", "крайният срок", "kolko vreme", "do koga", "srok*", "فات الوقت", "فاتني", "فاتت المدة", "راحت علي",
		// too late, still in time, time after an event: de en tr ar uk ru pl ro bg fa
		"има ли срок", "от кой месец", "ab welchem monat", "from which month", "с какого месяца", "з якого місяця", "od ktorego miesiaca",
		"zu spaet", "rueckwirkend*", "noch rechtzeitig", "noch beantragen", "nachtraglich*", "nachtraeglich*", "hab* ich zeit", "hab* ich noch zeit",
		// how long it takes to be decided
		"wie lange dauert", "wie lang dauert", "dauert es", "dauert das", "bearbeitungszeit*", "bearbeitungsdauer", "how long does * take", "how long does * * take",
		"how long ** take*", "how long will it take", "processing time",
		"wie lange nach", "wie lang nach", "still apply", "can i still", "still get", "how long after", "how long do i have", "time limit",
		"gec mi", "gec kal*", "gecikti*", "kac ay", "ne kadar sure", "ne kadar zaman",
		"متاخر", "تاخرت", "تاخر*", "فات الاوان", "لسه:2", "لسا:2", "لسة:2", "كم وقت", "قديش وقت", "خلال كم",
		"не пізно", "пізно", "запізн*", "протягом", "є часу", "не поздно", "поздно", "опозда*", "есть времени", "в течение",
		"za pozno", "spozni*", "ile mam czasu", "mam czasu", "w ciagu", "prea tarziu", "intarzi*", "cat dureaza",
		"закъсн*", "късно", "دیر", "دیره", "دیرم", "دیر شده", "هنوز:2", "وقت دارم", "چقدر وقت", "چقد وقت",
		"en geç", "ne kadar sürer", "ne kadar sürüyor", "kaç gün", "kaç hafta", "كم تستغرق", "كم يستغرق",
		"كم من الوقت", "آخر موعد", "скільки чекати", "в який строк", "строк*", "як довго", "скільки часу",
		"сколько ждать", "как долго", "сколько времени", "в какой срок", "jak długo", "ile czeka*", "ile trwa",
		"ile sie czeka", "ile ** czekac", "колко се чака", "колко ще чакам", "колко чакам", "kolko se chaka", "cat se asteapta", "cat astept", "довго чекати", "долго ждать",
		"w jakim terminie", "ile czasu", "cât durează", "cât timp", "până când", "колко време", "колко дълго",
		"срок*", "в какъв срок", "چقدر طول", "چه مدت", "چند روز", "طول میکشد",
		"ne zamana kadar", "son tarih*", "süre*", "موعد", "مهلة", "термін*", "до якого", "срок*", "до какого",
		"do kiedy", "terminu", "termen*", "până când", "до кога", "مهلت", "تا کی",
		"*frist", "fristen", "fristablauf", "fristverlanger*", "bis wann", "wie lange:1", "wie lang:1", "rechtzeitig", "spatestens", "zu spat", "ruckwirkend*",
		"verjahr*", "wann muss", "wie viel zeit", "wieviel zeit", "zeit hab*", "zeit habe*", "how much time", "deadline*", "by when", "how long:1", "too late", "in time", "how soon", "at the latest",
		"latest", "when do i have to", "when must",
		// forgot or missed applying: how far back it is paid
		"vergessen zu beantragen", "vergessen * zu beantragen", "vergessen * beantragen", "verpennt", "verpasst", "versaumt",
		"nie beantragt", "noch nicht beantragt", "nicht beantragt", "never applied", "forgot to apply", "how far back", "far back", "backdate*", "back pay",
		"monate nach der geburt", "wochen nach der geburt", "months after the birth", "months after birth",
		// round 7, tr ar fa: until when, the last date, how many weeks to a decision, Arabizi and Finglish
		"لايمتى", "لايمتا", "لايمته", "ايمتى اخر", "ayemta", "aymta", "emta akher", "akher maw3ed", "a5er maw3ed", "akher yom", "لحد كم:3", "لغاية كم:3", "شهر بعد الولادة", "اشهر بعد الولادة",
		"son basvuru", "kac haftada", "kac gunde", "kac ayda", "ne kadar surede", "ne zaman cevap", "cevabi ne zaman", "cevap ne zaman", "ne zaman sonuc*", "kac gun*", "مدة:3", "المدة المحددة",
		"mohlat*", "مهلت*", "آخرین مهلت", "تا کی وقت", "ta kei vaght", "ta key vaght", "چقدر طول میکشه", "چقد طول میکشه", "chand vaght tool",
		// when the answer comes: tr ar fa
		"cevap gelir", "sonuc gelir", "امتى بيردوا", "متى يردون", "امتى يردوا", "ايمتى بيردوا", "امتى بيجي الرد", "متى يأتي الرد", "كم بياخد وقت", "emta byruddo", "emta birodo",
		"کی جواب:3", "جواب میدن:2", "جواب بدن:2", "جواب میاد:2", "جوابش کی", "javab midan:2", "key javab", "kei javab",
	},
	AspectWho: {
		// from which percentage one counts as it ("yüzde kaç engelli olunca")
		"yuzde kac:3", "sayil*:2", "which area:3", "what area:3",
		// for whom, the income limit: fa (Finglish) uk ru ar fa
		"che kasani", "che kasi", "baraye ki", "baraye kia", "кому дають", "кому видають", "межа доходу:3", "межа доходів:3", "ліміт доходу:3", "граница дохода:3", "лимит дохода:3", "حد الدخل:3", "سقف درآمد:3",
		// which mark, grade or degree one must have ("welches Merkzeichen braucht man", "what disability mark do I need")
		// (kept in the query: the mark may be all that names the topic)
		"+welch* merkzeichen ** brauch*:3", "+welch* merkzeichen muss*:3", "+merkzeichen ** brauch*:3", "+merkzeichen brauch*:3",
		"+which mark ** need:3", "+what mark ** need:3", "+what * mark ** need:3", "+which * mark ** need:3", "+mark do i need:3", "+mark does * need:3",
		"+welch* pflegegrad ** brauch*:3", "+care level ** need:3",
		// who may get it: inflections, gaps, income and savings checked, year of birth: de en uk ru bg pl fa
		"qualif*", "who counts as:3", "counts as:2", "count as:2", "gilt als:2", "can ** get:1", "kann ** bekommen:1", "kann ** kriegen:1",
		"konnen ** bekommen:1", "kann ** erhalten:1", "gilt ** auch fur:3", "auch fur:1", "nur fur:1",
		"depend* on:2", "abhangig von:2", "hangt ** ab:2", "check ** savings:3", "check ** income:3", "check ** assets:3", "means test*:3",
		"=zählt ** einkommen*:3", "=zählt ** verm*:3", "=zählt ** rente:3", "jahrgang:2", "geburtsjahr:2", "born in:2",
		"лимит дохода:3", "лимит доходов:3", "межа доходу:3", "межа доходів:3", "ліміт доходу:3", "limit dochodu:3", "granica dochodu:3",
		"prog dochodowy:3", "limita de venit:3", "plafon* de venit:3", "праг на доход*:3", "таван на доход*:3", "سقف الدخل:3", "حد الدخل:3",
		"سقف درآمد:3", "حد درآمد:3", "income cap:3", "дають:1", "дают:1", "дадуть:1",
		"може ли ** да получи:2", "может ли ** получить:2", "чи може ** отримати:2", "czy ** moze dostac:2", "che kasani:3", "baraye ki:3",
		"be che kasi:3", "ab wie viel:3", "ab wieviel:3", "darf ich als:2", "kann ich als:2", "bekomm* ich als:2", "can i as:2",
		"krieg* ich als:2", "hab* ich als:2", "durfen auch:2", "darf auch:2", "darf man auch:2", "veriliyor mu:2", "alabiliyor mu:2", "auch wenn:2", "selbst wenn:2", "even if:2", "even though:2",
		// who may get it, do I get it too: ar (Levantine, Iraqi, Egyptian, Gulf) fa (Iranian, Dari) bg, Latin letters (vocab, issue #11)
		"مين بيستاهل", "بيستاهل*", "يستاهل*", "بيستحق*", "يستحق*", "بستحق", "مستحق*", "مين بياخد*", "منو ياخذ", "منو ياخذها", "منو يستاهل", "مين الو حق", "مين اله حق", "منو يحق", "بقدر اخد:1", "فيني اخد:1", "اقدر اخذ:1", "ممكن اخد:1", "ينفع اخد:1", "بياخدوا:1", "بضل اخد:1", "byst7a2*", "yesta7e2*", "byesta7e2*", "besta7e2", "min byekhod", "min bye5od", "bi7a2li", "b7a2li", "ye7a2li", "بهش میدن", "بهش میرسه", "بهم میرسه", "میرسه:1", "به ما میدن", "به کی", "به کیا", "کیا میتونن", "چه کسی میتونه", "شامل حالم", "شامل حال", "واجد شرایط", "مستحق", "میتونه بگیره", "میتونیم بگیریم", "میتانم بگیرم", "میتانیم بگیریم", "برای کی", "تعلق میگیرد", "تعلق می گیرد", "taalogh", "be ki", "shamel", "sharayet", "mitunam begiram", "koi moje", "koi mozhe", "koy mozhe", "ima li pravo", "imam li pravo", "polaga li", "полага ли", "на кого се полага", "дават ли:1", "ще ми дадат ли:1", "получават ли", "могат ли да получат", "moga li:1",
		// "do I get it too", "with housing benefit", "for whom": de en ar (Levantine, Egyptian) ro pl uk ru bg fa tr
		"darf ich * auch", "darf ich auch", "bekommt man * auch", "bekommt man * * auch", "bekommt man * * * auch", "bekomme ich * auch",
		"bekomme ich * * auch", "kriegt man * auch", "krieg* ich * auch", "einkommensgrenze*", "*einkommensgrenze", "bis zu welchem einkommen",
		"income limit*", "gelir sinir*", "bekommt man * auch", "auch mit:1", "if i receive:1", "also get:1", "who is allowed", "allowed to use",
		// "gilt das auch für Kinder?": whether it is for them too
		"gilt das auch fur:3", "gilt das auch bei:3", "gilt das fur:3", "does that apply to:3", "does it apply to:3", "also for:2",
		"لمين", "مين:2", "بيحق*", "يحق*", "بيحقلي", "يحقلي", "هل يحق", "مين بيقدر", "مين يقدر",
		"primesc si", "primes*:1", "pot primi", "pot sa primesc", "se acorda", "czy dostane", "dostan*:1", "zeby dostac", "dostac:1", "dochod*:1",
		"чи можна отримати", "чи отримаю", "чи дадуть", "чи дають", "чи належить", "дадут ли", "дают ли", "получу ли", "могу ли я получить",
		"могу ли получить", "можно ли * получить", "можно ли получить", "может ли * получить", "может ли получить", "чи може * отримати",
		"чи можу я отримати", "може ли да получи", "може ли * да получи", "мога ли да имам", "мога ли да получа", "мога ли да взема", "получавам ли", "ще получа ли",
		"بهم میدن", "به من میدن", "میدن:1", "میتونم بگیرم", "میشه بگیرم", "تعلق میگیره", "شامل من",
		"de alabilir miyim", "verirler mi", "verilir mi", "yararlanabilir*", "faydalanabilir*", "alir miyim", "alabilir mi",
		"kimlere", "kim alabilir", "hakkımız var", "hak sahibi", "له حق", "لها حق", "لي حق", "من يستحق",
		"кому належить", "кому положено", "кому положен*", "кому дают", "кто получает", "положено ли",
		"положен ли", "положена ли", "dla kogo", "komu przysługuje", "kto dostaje", "kto może dostać", "am drept",
		"cine primește", "cine poate primi", "pentru cine", "au dreptul", "за кого", "кой получава",
		"چه کسانی", "به چه کسی",
		"kimler", "hakkım var", "hak kazan*", "alabilir miyim:1", "من يحق", "يحق", "شروط", "хто може",
		"хто має право", "чи маю право", "умови", "кто может", "кто имеет право", "имею ли я право", "условия",
		"kto może", "czy przysługuje", "czy mam prawo", "warunki", "cine poate", "am dreptul", "cine are dreptul",
		// who pays (the rest), who gets it, only for them or also for others, as a father: uk ru pl ro bg, Latin letters
		"кой плаща:3", "кой ще плати:3", "кой доплаща:3", "кто платит:3", "кто заплатит:3", "кто доплачивает:3", "кто оплачивает:3", "кто оплатит:3",
		"хто платить:3", "хто заплатить:3", "хто доплачує:3", "хто оплачує:3", "kto placi:3", "kto zaplaci:3", "kto doplaca:3", "kto płaci:3",
		"kto zapłaci:3", "kto dopłaca:3", "cine plateste:3", "cine plătește:3", "cine platește:3", "cine achita:3",
		"koi go poluchava", "koi poluchava", "koi ima pravo", "koi mozhe da poluchi", "cine ** poate primi:2", "se da ** si la:3",
		"tylko dla:2", "nie tylko:2", "tez dla:2", "też dla:2", "doar pe:2", "doar pentru:2", "только для:2", "не только:2",
		"тільки для:2", "не тільки:2", "само за:2", "не само:2", "ja jako:2", "jako ** moge:2",
		"condiții", "кой може", "имам ли право", "кой има право", "چه کسی", "حق دارم", "شرایط",
		"wer bekommt", "wer kann", "wer darf", "wer hat anspruch",
		// who pays ("wer zahlt die Schulbegleitung", "which sozialamt pays"): whose it is, weakly; a section that
		// names what is paid still answers "wer zahlt den Rest im Heim"
		"wer zahlt:1", "wer bezahlt:1", "who pays:1", "which ** pays:1", "anspruch*", "berechtigt*", "voraussetzung*",
		"bedingung*", "steht mir", "steht uns", "bekomme ich das", "kriege ich das", "habe ich anspruch",
		"konnen wir das bekommen", "kann ich das bekommen", "who can", "who gets", "eligib*",
		"entitled", "qualify", "requirements", "am i allowed", "bekomme ich:1", "bekommen auch:1", "krieg ich:1",
		"kriege ich:1", "kriegt man:1", "welchem alter", "wie alt", "what age", "ab wann:1", "fur wen", "fur welche", "for whom",
		"can i get:1", "do i get:1", "wer kriegt", "wer erhalt*", "wer bekommt", "kriegen:1", "bekommen:1", "erhalten:1",
		"fur mich:1", "for me:1", "+zustandig:1", "+zustaendig:1", "+responsible:1", "welche gegend", "welches gebiet", "einzugsgebiet",
		"who is * for", "who is * * for", "who is * * * for", "aimed at", "work with", "arbeitet mit", "is it for", "who may",
		"wer gilt", "wem steht", "wem stehen", "steht * zu", "zusteht", "zustehen",
		// old enough, the right office for me, do we get it too
		"alt genug", "old enough", "how old", "age limit", "bin ich * richtig", "bin ich * * richtig", "bin ich * * * richtig", "bin ich richtig", "am i in the right",
		"can we have:1", "can we get:1", "do we get:1", "could we get:1", "kriegen wir:1", "bekommen wir:1",
		// from what age: tr ar uk ru pl ro bg fa
		"kac yas*", "hangi yas*", "yasindan itibaren", "kim alir",
		"من عمر", "عمر كم", "كم عمر", "في أي عمر", "أي عمر", "في أي سن", "من سن",
		"з якого віку", "якого віку", "з скількох років", "зі скількох років",
		"с какого возраста", "какого возраста", "со скольки лет", "во сколько лет",
		"od ilu lat", "w jakim wieku", "od jakiego wieku", "komu",
		"ce varsta", "ce vârstă", "de la ce varst*",
		"от каква възраст", "на каква възраст", "от колко години", "на колко години",
		"چند سالگی", "چند سال", "چه سنی", "از چه سنی", "کی میتونه", "کی می تونه", "ki mitune",
		// round 7, tr ar fa: the conditions, for whom, "may I get it too" with the topic between, Arabizi and Finglish
		"sart*", "kimin icin", "kimler icin", "kime veril*", "hakki var", "hakki var mi", "hakkimiz var", "hak eder*", "hak ediyor*", "hangi durumda", "kimler yararlan*", "bana da veril*", "bize de veril*", "alabilir miyiz:1",
		"بيعطوني:1", "بيعطونا:1", "هل بتستفيد", "هل بستفيد", "هل بيستفيد", "هل يستفيد", "هل تستفيد", "هل استفيد", "هل نستفيد", "مسموحله", "مسموح له", "مسموحلي", "مسموحلنا", "الحد الاعلى للدخل:3", "الحد الاقصى للدخل:3", "للدخل:2",
		"min ye2dar", "min bi2dar", "min ya2dar", "min bye2dar", "shurut", "shorut", "shroot", "shurot", "el shurut",
		"شامل ** میشه:2", "شامل ** میشم:2", "شامل ** می شود:2", "شامل ** میشوم:2", "شامل ** میشیم:2", "میتونم ** بگیرم:2", "میتونیم ** بگیریم:2", "میتونه ** بگیره:2", "میتونن ** بگیرن:2", "می تونم ** بگیرم:2", "می تونه ** بگیره:2", "میتوانم ** بگیرم:2", "می توانم ** بگیرم:2",
		"mitunam ** begiram:2", "mitoonam ** begiram:2", "mitonam ** begiram:2", "mitune ** begire:2", "mitoone ** begire:2", "mitone ** begire:2", "ki mitoone", "ki mitone", "ki mitoonan", "ki mitunan", "kia mitunan", "sharayet*",
		// whether one can have it, "can a student …": ar fa
		"هل يستطيع", "هل تستطيع", "هل استطيع", "هل نستطيع", "هل يمكنني الحصول:2", "يستطيع ** الحصول:2", "يمكن ** الحصول:2", "بقدر ** اخد:2", "فيني ** اخد:2",
		"میتونه ** داشته باشه:2", "میتونم ** داشته باشم:2", "میتونیم ** داشته باشیم:2", "می تونه ** داشته باشه:2", "میشه ** داشته باشم:2", "mitune ** dashte bashe:2", "mitunam ** dashte basham:2",
	},
	AspectLegal: {
		// the law named: what is asked, whatever it says ("welcher Paragraph regelt die Frist", "wo steht die
		// Altersgrenze im Gesetz", "which law says the deadline"): heavier than the deadline, age or place
		"gesetz:4", "gesetze:4", "gesetzes:4", "paragraph*:4", "paragraf*:4", "rechtsgrundlage*:4", "*gesetzbuch:4", "gesetzbuch*:4",
		"which law:4", "what law:4", "the law:4", "law says:4", "legal basis:4", "закон*:4", "ustaw*:4", "kanun*:4", "lege:4", "legea:4",
		"قانون*:4", "القانون:4", "параграф*:4", "paragrafie:4", "paragrafu:4",
		// which law: ar fa bg colloquial, Latin letters (vocab, issue #11)
		"اي قانون", "بأي قانون", "ياتو قانون", "شو القانون", "كدوم قانون", "کدوم قانون", "طبق کدوم", "بر اساس کدوم", "بر اساس قانون", "قانونش", "ghanoon", "ghanun", "qanun", "po koi zakon", "zakon",
		// "according to which law", suffixed forms: ar fa
		"طبق:1", "بموجب",
		"yasa*", "hukuki", "dayanağ*", "dayanak*", "قانوني", "القانوني", "قوانين", "правов*", "кодекс*",
		"на підставі", "prawn*", "legii", "legal*", "temei*", "reglement*", "правн*",
		"yasal", "przepis*", "قانونی",
		"hangi kanun*", "hangi yasa*", "أي قانون", "який закон", "якому закон*", "какой закон", "какому закон*", "jaka ustawa",
		"jakiej ustawy", "ce lege", "pe ce lege", "кой закон", "какъв закон", "کدام قانون", "چه قانونی",
		"پایه قانونی", "مبنای قانونی", "الأساس القانوني", "правова основа", "правовая основа", "podstawa prawna", "baza legala",
		"gesetzlich*", "§", "rechtlich*",
		"sgb", "law", "laws", "legal", "section", "welchem recht", "welches recht",
		// round 7, tr fa: the article of a law, the legal basis
		"hangi madde*:4", "maddesi:3", "sgb'*:3", "حقوقی:3", "اساس حقوقی", "مبنای حقوقی", "پایه حقوقی", "کدوم ماده:4", "کدام ماده:4", "ماده قانونی:4", "hoghooghi",
	},
	AspectWhere: {
		// the nearest office, whom to call: tr ar uk ru fa, Latin letters
		"en yakin*", "en yakın*", "kimi aray*", "اقرب", "أقرب", "a2rab", "aqrab", "найближч*", "ближайш*", "نزدیکترین", "نزدیک ترین",
		"дзвони*", "подзвони*", "зателефону*", "звонит*", "позвонит*", "اتصل", "بتصل", "زنگ بزنم", "زنگ بزنیم", "ساعت کار",
		// its number, until what time open: Finglish, Arabizi, fa ar uk ru
		"shomar*", "ra2m*", "تا ساعت چند", "ساعت چند باز*", "بازه", "لاي ساعة", "لأي ساعة", "فاتح", "فاتحين", "بيفتح*",
		// a place to sleep asked: tr ar fa uk ru; "+": its words name the need as well
		"+kalinacak yer", "+kalacak yer", "+yatacak yer", "+مكان ننام", "+مكان نام", "+مكان للنوم", "+مكان ينامو", "+جای خواب",
		"де переночувати", "де ночувати", "где переночевать",
		"до котрої", "о котрій", "до скількох", "до скольки", "до которого часа",
		// calling, still there, days, Latin letters (ru fa); the bus or the train alone is weak ("ein günstiges Ticket für Bus und Bahn")
		"dzwoni*:3", "zadzwoni*:3", "дзвони*:3", "подзвони*:3", "звони*:3", "позвони*:3", "звъня:3", "звънн*:3", "obadi*:3",
		"arayayim:3", "aramam:3", "aramaliyim:3", "arayabilir*:3", "اتصل*:3", "بتصل:3", "تماس:3", "زنگ:3",
		"hala orada:3", "still there:3", "noch dort:3", "umgezogen:3", "moved:2", "noch im:1", "noch in der:1", "noch am:1",
		// to call, free food where: uk ru pl ro bg
		"suna*:3", "sun la:3", "къде ** безплатн*:4", "де ** безкоштовн*:4", "где ** бесплатн*:4", "gdzie ** darmo*:4", "gdzie ** za darmo:4", "unde ** gratis:4",
		"до скольки:3", "до скількох:3", "do ktorej:3", "pana la ce ora:3", "تا ساعت چند:3", "ساعت چند:3", "ساعت کار:3", "kaca kadar:3", "لحد الساعة كم:3",
		"wann hat ** auf:3", "ab wann hat ** auf:3", "wann haben ** auf:3", "wann macht ** auf:3", "wann machen ** auf:3",
		"gde:3", "nakhodit*:3", "hauptadresse", "gleis:2", "saatler*:2",
		// where, phone, address: ar fa bg colloquial, Latin letters (vocab, issue #11)
		"لوين", "وينو", "وينه", "وينها", "wein", "3enwan", "3onwan", "anwan", "ra2am", "ra2m", "mawa3eed", "dawam", "کجان", "کجاس", "کجای", "آدرسش", "نشونی", "تلفنش", "شمارش", "koja", "kojast", "adres", "address", "shomare", "адреса", "адресът", "телефона", "телефонът", "номера", "работното време", "кога работят", "до колко часа", "kade", "kude se namira", "telefon", "nomer", "ايميل", "الايميل", "ايميلهم", "بريد الكتروني", "البريد الالكتروني",
		"nereye", "nereden", "فين", "kude", "kade",
		"nerede", "nerde", "adres*", "açık", "أين", "اين", "وين", "عنوان", "العنوان", "هاتف", "де", "адрес*",
		"куди", "где", "куда", "gdzie", "unde", "къде", "کجا", "کجاست", "آدرس", "نشانی", "تلفن",
		"wo", "wohin", "adresse*", "anschrift*", "offnungszeit*", "sprechzeit*", "sprechstunde*", "telefon*",
		"nummer", "anrufen", "erreich*", "geoffnet", "offen", "auf hat", "hat auf",
		// the phone typed short or wrong ("tel nr?", "telfon seniorenbuero"), open on a day with
		// words between ("hat das am sonntag auf?"), an appointment needed ("muss ich da nen termin machen")
		"telfon*", "telefn*", "tel", "tel nr", "telnr*", "tel-nr", "handynummer", "nr:2",
		"hat das ** auf", "hat der ** auf", "hat die ** auf", "haben die ** auf", "ist das ** offen", "ist der ** offen", "ist die ** offen", "sind die ** offen",
		"termin machen:1", "termin ausmachen:1", "termin vereinbaren:1", "termin brauch*:1", "brauch* ** termin:1",
		"appointment*:1", "randevu*:1", "wann sind die da", "wann sind sie da", "wen ruf*:3", "ruf ich ** an:3", "ruf ich an:3", "rufe ich ** an:3", "rufe ich an:3", "wann ist jemand da", "wann ist da jemand",
		"when are they there", "when is someone there", "haben * auf", "hat * auf", "haben auf", "auf haben", "aufhaben", "macht * auf", "machen * auf", "offn*", "hinkommen", "bus:1", "bahn:1",
		// which street, how to find it, where it is
		"welche strasse:4", "welcher strasse:4", "which street:4", "what street:4", "how do i find:4", "how can i find:4", "wo ist:4", "wo sind:4",
		"where is:4", "where's:4", "wheres:4", "where are:4",
		// coming by at the office ("kann ich einfach vorbeikommen", "drop in"): its hours
		"vorbeikomm*", "vorbeischau*", "vorbeigeh*", "vorbei kommen", "drop in", "drop by", "walk in", "walk-in", "ohne termin:2", "without appointment:2", "without an appointment:2",
		"anfahrt", "komme ich zum", "komme ich zur", "internetseite", "webseite", "website",
		"kontakt*", "e-mail", "email", "mail", "where", "address", "opening", "hours", "phone", "call", "open",
		"contact", "map", "*nummer:2", "*mailadresse", "*mail-adresse", "mailadresse", "fax*", "*fax", "telefonnr*",
		"homepage", "link", "internetseite*", "internetadresse", "internet address", "*haltestelle*", "welche* stadtteil", "in welche* stadtteil", "welche* bus", "welche* linie",
		"tagsuber", "erreichbar", "wie komm* ich hin", "wie komm* ich dahin", "wie komm* ich dort", "number", "bus stop",
		"which bus", "get there", "reach", "located",
		// phone, number, hours, bus, e-mail: tr ar uk ru pl ro bg fa
		"numara*", "iletisim", "calisma saat*", "acilis saat*", "kacta", "otobus*:1", "hangi saat*",
		"رقم", "الرقم", "تلفون", "التلفون", "تليفون", "الهاتف", "مواعيد", "الدوام", "دوام", "ساعات العمل", "باص:1", "الباص:1", "حافلة:1",
		"телефон*", "номер*", "години роботи", "графік*", "коли працю*", "автобус*:1",
		"часы работы", "часы приема", "когда работает", "когда открыт*", "почта", "куда",
		"numer*", "godziny", "otwart*", "czynne", "autobus*:1",
		"numar*", "programul", "program", "orar*", "deschis*", "autobuz*:1",
		"работно време", "кога работи", "кога е отворен*", "къде е", "къде се намира",
		"شماره", "ساعت کاری", "ساعات کاری", "اتوبوس:1", "ایمیل", "کجا هست", "کجاست",
		// when it opens: tr ar uk ru pl ro bg fa
		"saat kacta", "kacta acil*", "متى يفتح", "يفتح", "تفتح", "відкрива*", "відкрит*", "открыва*", "открыт*",
		"otwiera*", "deschide*", "la ce ora", "отваря*", "отворен*", "имейл", "باز است", "باز میشه", "باز می شود",
	},
	AspectHow: {
		// done online, how early to book: tr ar uk ru fa ("internetten mi", "چند روز قبل")
		"internetten:4", "internet uzerinden:4", "online mi:4", "онлайн", "اونلاين", "أونلاين", "اون لاين", "آنلاین", "انلاین",
		"چند روز قبل:4", "چند روز زودتر:4", "چقدر قبل:4", "kac gun once*:4", "kac gun evvel*:4",
		"наперед:4", "заздалегідь:4", "заранее:4", "onceden:4", "مسبقا:4", "قبل كم يوم:4",
		// who files the application: uk ru ar tr
		"хто подає:3", "кто подает:3", "مين بيقدم:3", "مين يقدم:3", "منو يقدم:3", "kim yapar:3", "kim basvurur:3",
		// where to go or turn to, where to get it, who applies, booking, in advance, by mail: de en uk ru pl ro bg tr ar fa
		"wo muss ich ** hin:4", "wo muss man ** hin:4", "wohin muss ich:4", "wo geh* ich ** hin:4", "where do i go:4", "where should i go:4",
		"where do i have to go:4", "where can i get:3", "wo bekomm* ich:3", "wo bekommt man:3", "wo krieg* ich:3", "wo kriegt man:3",
		"куди звертатися:4", "куди звернутися:4", "куди йти:4", "куда обращаться:4", "куда обратиться:4", "куда идти:4",
		"gdzie ** zglosic:4", "gdzie ** zalatwic:4", "unde ma adresez:4", "къде да се обърна:4", "къде да отида:4",
		"nereye gitmem:4", "nereye gidece*:4", "وين لازم روح:4", "لوين بروح:4", "وين بقدم:4", "کجا برم:4", "کجا باید برم:4", "کجا مراجعه:4",
		"where ** hand in:4", "where ** send:4", "wohin ** schick*:4", "wo ** abgeben:4", "wo ** einreichen:4",
		"где взять:3", "де взяти:3", "gdzie dostan*:3", "gdzie wziac:3", "къде да взема:3", "unde gasesc:3", "unde primesc:3", "از کجا بگیرم:3",
		"nereden alabilirim:3", "nereden al*:3", "من وين بجيب:3", "وين بلاقي:3", "бланк*:1", "formularz*:1",
		// whom to turn to ("an wen wende ich mich", "bei wem melde ich mich", "who do I contact"): how to apply
		"an wen:3", "bei wem:3", "wende* ich mich:3", "wende* mich:3", "who do i contact:4", "who to contact:4", "who should i contact:4",
		"get in touch:3", "turn to:3", "zu wem:3", "ansprechpartner*:3", "ansprechperson*:3", "who should i speak to:4", "who do i speak to:4",
		"who should i talk to:4", "who do i talk to:4", "who can i talk to:4", "kime basvur*:3", "kime gitme*:3", "kime gide*:3", "kiminle gorus*:3",
		"لازم احكي:3", "احكي مع:3", "بحكي مع:3", "مع مين:3", "به کی باید:3", "مراجعه کنم:3", "مراجعه کنیم:3", "do kogo:3", "към кого:3", "до кого звернутися:4", "к кому обратиться:4", "do kogo sie zwrocic:4", "към кого да се обърна:4",
		// booking, colloquial ("bei welcher Firma buch ich die Fahrten")
		"buch ich:3", "buch man:3", "bucht man:3",
		// the account an online application needs ("brauch ich da so ein Bund-Konto"), getting into a measure
		// heavier than "was brauch ich" ("was brauch ich für ein Konto"): the account is what is needed
		"bundid:4", "bund-id:4", "bund id:4", "bund konto:4", "bundkonto:4", "servicekonto:4", "nutzerkonto:4", "ein konto:4", "konto anlegen:4",
		"what account:4", "which account:4", "an account:4", "user account:4", "welches konto:4", "was fur ein konto:4", "was fuer ein konto:4",
		"wie komm* ich ** rein:3", "wie komm* man ** rein:3", "meld* ** an:2",
		// where to go: ro pl bg tr ar
		"unde ma duc:4", "unde sa ma duc:4", "gdzie mam isc:4", "gdzie isc:4", "къде да ходя:4", "nereye gideyim:4", "وين بروح:4", "لوين لازم روح:4",
		"wer stellt:3", "who applies:3", "stell* ** antrag:2", "wie stell* ich:2", "wie stellt man:2", "bestell*:2", "buchen:3", "buche:3", "book:3", "booking:3", "reserv*:3", "رزرو:3", "حجز:3",
		"заброн*:3", "бронир*:3", "rezerw*:3", "rezerv*:3", "запаз*:3", "zamow*:3", "замов*:3", "заказ*:2",
		"im voraus:2", "beforehand:2", "onceden:2", "заранее:2", "заздалегідь:2", "dinainte:2", "предварително:2", "از قبل:2", "مسبقا:2", "قبل:1",
		"per mail:3", "per e-mail:3", "per email:3", "by email:3", "by e-mail:3", "via email:3", "per fax:3", "per post:2",
		"ubers internet:3", "uber das internet:3", "internetten:3", "internet:1",
		// how to apply or get it: ar fa bg colloquial, Dari, Latin letters (vocab, issue #11)
		"كيف بقدم:2", "كيف اقدم:2", "كيف نقدم:2", "كيف منقدم:2", "كيف بطلع:2", "شلون اقدم:2", "شلون اطلع:2", "ازاي اقدم:2", "ازاي اطلع:2", "كيف احصل:2", "كيف بجيب:2", "كيف منطلب:2", "كيف بطلب:2", "كيف اطلب:2", "شلون اطلب:2", "ازاي اطلب:2", "وكيف:1", "وشلون:1", "وازاي:1", "kif b2adem:2", "kif a2adem:2", "keef:1", "shlon:1", "ezay:1", "izzay:1", "چطوری درخواست", "چجوری درخواست", "چطوری تمدید", "تمدید", "چطوری اقدام", "اقدام کنم", "چطو درخواست", "چطور بگیرم", "chetori begiram", "chejoori:1", "che joori:1", "darkhast bedam", "как се вади", "как да извадя", "как се прави", "как се взима", "как да взема", "как да кандидатствам", "kak se:1", "kak da:1", "kak se vadi", "كيف بن*:2", "كيف من*:2", "شلون نطلع:2", "ازاي نطلع:2", "چطور بگیر*:2", "چطوری بگیر*:2", "چجوری بگیر*:2", "как да изв*:2", "как се изв*:2", "как да взем*:2",
		// "how" in Egyptian, Iraqi and colloquial Farsi; "get it issued"
		"ازاي:1", "ازاى:1", "شلون:1", "كيفية", "اطلع:1", "بطلع*:1", "چجوری:1", "چطو:1", "inscri*:2",
		"nasıl alırım", "nasıl yapılır", "nasıl yaparım", "كيف أحصل", "كيف نقدم", "كيف اقدم", "كيف بقدم",
		"طريقة التقديم", "كيف أطلب", "як оформити", "як податися", "как оформить", "как оформлять", "jak się ubiegać",
		"jak otrzymać", "jak załatwić", "jak wystąpić", "cum se cere", "cum se face", "cum îl obțin", "cum o obțin",
		"cum fac cerere", "cum aplic", "cum se depune", "как се подава", "как се кандидатства", "кандидатств*",
		"как се получава", "چطور درخواست", "چگونه درخواست", "چطوری بگیرم",
		"başvur*", "nasıl alınır", "nasıl alabilirim", "تقديم", "كيف أقدم", "як отримати", "як подати", "заяв*",
		"как получить", "как подать", "заявлен*", "jak złożyć", "wniosek", "wniosku", "jak dostać", "jak uzyskać",
		"cum depun", "cerere", "cererea", "cum obțin", "cum primesc", "как да подам", "заявление", "как да получа",
		"درخواست", "چطور بگیرم",
		// "how" alone, weak: tr ar uk ru pl ro bg fa, Latin transliterations
		"nasil:1", "كيف:1", "як:1", "как:1", "jak:1", "cum:1", "چطور:1", "چطوری:1", "چگونه:1", "chetori:1", "chetor:1",
		"kif:1", "keef:1", "kak:1", "yak:1", "darkhast",
		"beantrag*", "antrag", "antrage", "antragstell*",
		// which office handles it ("welches amt macht das pflegewohngeld", "who handles Pflegewohngeld")
		"welches amt:2", "welche behorde:2", "wo schick* ** hin:4", "wo ** hinschick*:4",
		"how do i apply:3", "how do we apply:3", "how can i apply:3", "how can we apply:3", "how to apply:3", "how do we:2", "personlich hin:3", "personlich vorbei*:2", "personlich:1", "in person:2", "schriftlich:2", "who handles:3", "which office handles:3", "which department:2", "formular*", "wie bekomme:2", "wie kriege:2", "wie komme ich", "wie komm*", "dran", "rankomm*", "online",
		"wie geht", "wie lauft", "ablauf", "anmeld*", "apply*", "application", "how do i get", "how to get",
		"how do i", "form", "register", "wer hilft:2", "wer berat*:2", "hilft mir beim:2", "helps me:2", "who helps:2",
		"wie lange vorher:2", "wie fruh", "vorher buchen", "vorher bestellen", "in advance:2", "wait*:2",
		// round 7, tr ar fa: the steps, the process, "what must I do" to get it
		"ne yapmam lazim:3", "ne yapmam gerek*:3", "ne yapmaliyim:3", "ne yapmak lazim:3", "ne yapmak gerek*:3", "ne yapayim:2", "adimlar*:2", "hangi adim*:2", "surec*:2",
		"الخطوات:2", "خطوات:2", "شو لازم اعمل:3", "شو لازم نعمل:3", "شو بدي اعمل:3", "شو اعمل:2", "ماذا يجب ان افعل:3", "ماذا افعل:2", "shu lazem a3mel:3", "shu a3mel:2", "اعمل ايه:2", "a3mel eh:2",
		"چیکار کنم:2", "چکار کنم:2", "چه کار کنم:2", "چی کار کنم:2", "چکار باید بکنم:2", "چیکار باید بکنم:2", "چه کار باید بکنم:2", "چی کار باید بکنم:2", "چکار باید کنم:2", "چیکار باید کنم:2",
		"chikar konam:2", "chi kar konam:2", "che kar konam:2", "chekar konam:2", "chikar bayad bokonam:2", "che kar bayad bokonam:2", "روند*:2", "مراحل*:2", "marahel*:2",
		// "what must we do": tr, all persons
		"ne yapmal*:3", "ne yapmamiz lazim:3", "ne yapmamiz gerek*:3", "چکار باید بکنیم:2", "چه کار باید بکنیم:2", "چیکار باید بکنیم:2", "چیکار کنیم:2", "چکار کنیم:2", "چه کار کنیم:2", "شو بدنا نعمل:3",
	},
	AspectWhat: {
		// what they do, a word between: uk ru ("що вони роблять")
		"що * роблять", "що * робить", "что * делают", "что * делает", "чим * займа*", "чем * занима*",
		// still valid, how many, cheaper, is there: de en tr uk ru pl ro bg ar fa
		"gilt ** noch:3", "noch gultig:3", "gultig*:2", "still valid:3", "valid*:2", "expire*:2", "ablaufdatum:2", "abgelaufen:2",
		"gecerli*:3", "дійсн*:2", "чинн*:2", "действителен:3", "действительн*:2", "действует ли:3", "wazn*:2", "valabil*:3", "валид*:3",
		"صالح*:2", "ساري*:2", "معتبر*:2", "wie viele:2", "wieviele:2", "how many:2", "gunstig*:2", "billiger:2", "cheaper:2", "ermassig*:2",
		"rabatt*:2", "discount*:2",
		// where the service takes one ("fährt der ihn auch zur Dialyse", "take me to my physio")
		"fahrt der ** zur:2", "fahrt der ** zum:2", "fahren die ** zur:2", "fahren die ** zum:2", "take me to:3", "take him to:3", "take her to:3",
		"drive me to:3", "drive him to:3", "drive her to:3",
		// from which degree one counts as disabled: what the GdB gives ("ab welchem GdB ist man schwerbehindert")
		"ab welchem gdb:3", "ab welchem grad:3", "from what degree:3", "from which degree:3", "what degree:2", "с какой степени:3", "з якого ступеня:3", "od jakiego stopnia:3",
		// more as someone ("bekomm ich als Schwangere mehr"): what there is, not whether one gets it
		"bekomm* ich als ** mehr:3", "bekommt man als ** mehr:3", "krieg* ich als ** mehr:3", "kriegt man als ** mehr:3", "do i get more:3", "get more as:3", "was bringt:2", "bus und bahn:2", "bus and train:2", "bus or train:2", "vergunstig*:2", "reduced:2", "is there:1", "are there:1", "що ** робл*:2", "что ** делают:2", "какво ** правят:2",
		"شو بيقدم*:2", "شو بتقدم:2", "ايش يقدم:2", "ايش بيقدم*:2",
		// what it is and gives: ar fa bg colloquial, Latin letters (vocab, issue #11)
		"شو بيعطي*", "امتيازات", "الامتيازات", "مزايا", "المزايا", "شو الفايدة", "شو بستفيد", "شو بيستفيد", "شو بتغطي", "شو بيغطي", "شنو هو", "شنو هي", "شنو يعني", "ايش يعني", "ايه ده", "shu ya3ni", "ya3ni shu", "shu hiye", "shu huwe", "چی هست", "چی میده", "چه چیزهایی میده", "مزایا", "مزایای", "چه مزایایی", "چه فایده", "یعنی چی", "chie", "chi hast", "yani chi", "kakvo e", "kakvo dava", "какви права", "какви облекчения", "какви отстъпки", "какво включва", "какво покрива", "какво получавам", "за какво е",
		"nedir", "ne demek", "ne iş yapar", "ne yapar", "ne yapıyor", "ne verir", "ne sağlar", "ما هو:2", "ما هي:2",
		"شو هو:2", "شو هي:2", "شو بيعطي", "شو بيعملوا", "شو بيعمل", "ماذا يقدم", "ماذا يعطي", "що це", "що таке",
		"що роблять", "що робить", "що дає", "что это", "что такое", "что делает", "что делают", "что дает",
		"co to", "co robi", "co robią", "co daje", "czym jest", "ce este", "ce e", "ce face", "ce oferă",
		"ce înseamnă", "какво е", "какво прави", "какво правят", "какво дава", "какво представлява", "چیست",
		"چیه", "یعنی چه", "چه کار میکند", "چکار میکنند", "چه میکند",
		"was gibt es", "was bekomme ich", "was bekommt:1", "was kriegt:1", "was bekommen:1", "was kriegen:1", "was zahlt", "was ubernimmt", "was bietet", "welche leistung*",
		"welche hilfe*", "was macht", "leistungen", "what do i get", "what does", "what is covered", "what help",
		"how long is:2", "wie lange gilt:2", "gilt", "wie viel uhr:3", "wieviel uhr:3", "bedeutet", "mean", "means",
		"=zahlt", "ubernimmt", "bezahlt", "ubernehmen", "seit wann", "unterschied*", "anders", "was heisst",
		"pay", "pays", "cover", "covers", "difference", "since when",
		// what it is and does: tr ar (Levantine, Egyptian) fa
		"berechn*:3", "richtet sich:3", "calculat*:3", "hesaplan*:3", "розрахов*:3", "рассчитыва*:3", "oblicza*:3", "calculeaz*:3",
		"ne ise yarar", "ne işe yarar", "شو هاد", "ايش هو:2", "ايه هو:2", "يعني ايه", "يعني شو", "چیکار میکنه", "چه کار میکنه",
		// round 7, tr ar fa: what it means, gives or covers, its discounts, the difference
		"neleri karsil*:2", "neyi karsil*:2", "ne karsil*:2", "ise yar*:2", "indirim*:2", "arasindaki fark*:2", "farki ne:2", "fark ne:2", "farki nedir:2",
		"شو يعني", "يعني ايش", "ya3ni eh", "ya3ni esh", "shu bi3malo", "shu bya3mlo", "shu bi3mlu", "shu bi3mel", "الخصومات:2", "خصومات:2", "تخفيضات:2", "الفرق بين:2", "el far2", "shu el far2",
		"چه کمکی هست", "چه کمکی میکنه", "چه کمکهایی", "تخفیف*:2", "takhfif*:2", "chi kar mikone", "chi kar mikonan", "chikar mikone", "chikar mikonan", "che kar mikone", "شامل چی:3", "شامل چه:3", "پوشش میده:2", "چی رو پوشش", "فرقش:2", "تفاوت*:2",
	},
}, map[Aspect]int{AspectBring: 3, AspectCosts: 3, AspectDeadlines: 3, AspectWhere: 3, AspectWho: 2, AspectLegal: 3, AspectHow: 1, AspectWhat: 1},
	amountCues, whenCues)

// whenCues ask at what time of the week or day ("samstags", "abends", "on
// weekends", "у вихідні"): the hours of an office, a weak cue of where;
// of a service that runs at hours of its own (the Fahrdienst, "täglich von
// 7 bis 24 Uhr"), what it gives (aspectFor).
var whenCues = []string{
	"sonntag*", "samstag*", "wochenende*", "feiertag*", "abends", "nachts", "spatabends", "welche tage", "an welchen tagen",
	"weekend*", "evening*", "at night", "saturday*", "sunday*", "holiday*", "which days", "what days",
	"какие дни", "в какие дни", "які дні", "в які дні", "jakie dni", "w jakie dni", "hangi gunler*", "in ce zile", "кои дни", "в кои дни",
	"hafta sonu*", "haftasonu*", "aksam*", "gece", "geceleri", "cumartesi*", "pazar gun*", "pazarlari",
	"вихідн*", "ввечері", "вночі", "субот*", "неділ*", "выходн*", "вечер*", "ночью", "воскресень*",
	"wieczor*", "sobot*", "niedziel*", "w nocy", "seara", "noaptea", "sambata", "duminica", "sfarsit de saptamana",
	"събота", "неделя", "почивни дни", "уикенд*", "нощем", "يوم الاحد", "الاحد", "يوم السبت", "السبت", "بالليل", "المسا", "الويكند", "عطلة نهاية الاسبوع",
	"آخر هفته", "اخر هفته", "جمعه ها", "شبها", "شب ها", "عصرها",
}

// amountCues ask how much: an amount of money is the aspect costs (prices,
// amounts, fees), "wie viel Elterngeld" as "was kostet". They weigh less
// than the cues of a price, a deadline or a place ("wie viel Zeit", "how
// much does it cost", "сколько времени" win), more than the weak cues of
// who and what. Counting ("wie viele Plätze") is not one of them.
var amountCues = []string{
	"wie viel", "wieviel", "wie hoch", "hohe", "betrag*", "*betrag", "maximal", "hochstens", "mindestens", "minimum", "maximum", "max", "summe",
	// the most or least there is ("das höchste Elterngeld", "the highest amount", "am wenigsten"); kept
	// in the query: "der höchste GdB" asks no money, and a section may name it
	"+hochste*", "+hoechste*", "+niedrigste*", "+geringste*", "+am meisten", "+am wenigsten", "+highest", "+lowest", "+the most", "+the least",
	"regelsatz*", "regelsatze", "regelbedarf*", "how much", "amount", "at most", "rate", "rates",
	// tr ar (with Levantine, Egyptian, Iraqi) uk ru pl ro bg fa
	"ne kadar", "kac euro", "kac lira", "en fazla", "en az", "miktar*",
	"كم", "مبلغ", "المبلغ", "بالشهر", "قديش", "قديه", "كام", "بكام", "اد ايه", "قد ايه", "شكد", "اقصى", "الحد الاقصى", "اقل", "الحد الادنى", "اكتر شي",
	"скільки", "максимум", "максимально", "мінімум", "мінімально", "сума", "суму", "розмір",
	"сколько", "максимально", "минимум", "минимально", "сумма", "сумму", "размер",
	// not "ile" alone, which is also Turkish "with"
	"ile mi", "ile nam", "ile dostaje*", "ile ** przysluguje", "ile ** przysługuje", "ile ** pieniedzy", "ile sie doplaca",
	"ile wynosi", "ile dosta*", "ile daja", "ile dadza", "ile kasy", "ile pieniedzy", "ile euro", "ile placa", "ile bed*", "maksymaln*",
	"minimaln*", "kwot*",
	"skolko", "skilky", "skilki", "kolko", "kam masari", "addesh", "chand",
	"cat", "cati bani", "maxim", "minim", "suma",
	"колко", "колко пари", "най-много", "най-малко", "сума*",
	"چقدر*", "چقد", "چه مقدار", "حداکثر", "حداقل", "مبلغ", "چند یورو",
	"b2adesh", "b2desh", "bi2adesh", "2desh", "kam masari", "kam fulus", "kam floos", "2adesh", "adesh", "addesh", "2adeh", "shgad", "shkad",
}

// limitCues ask how much of one's own money may be kept or earned ("wie
// viel Erspartes darf ich behalten"): a limit of who may get something, not
// an amount paid.
var limitCues = foldCues("darf", "durfen", "behalten", "grenze", "*grenze", "limit*", "sinir*", "межа", "ліміт*", "лимит*", "предел*",
	"granic*", "limita", "границ*", "سقف", "erspart*", "ersparnis*", "schonvermogen", "verdien*", "keep", "savings", "earn*",
	"birikim*", "مدخرات", "заощадж*", "сбережен*", "oszczednosc*", "zarabia*", "economii", "castig*", "спестяван*", "печеля",
	"پس انداز") // with a zero-width non-joiner too: it splits words

// whereWords ask where, and nothing more: with a word of applying ("wo
// beantrage ich", "куди подавати") they ask how to apply, which the answer
// of how shows with its office.
var whereWords = set(strings.Fields(`koja kojast wein gde wo wohin where nereye nerede nerde nereden فين وين اين де куди где куда gdzie unde къде کجا کجاست kude kade لوين`))

// notMoney are the units after "how much" and "how many" that count time,
// a degree or places, not money ("wieviel Monate", "ab wie viel Stunden",
// "сколько месяцев", "wieviel Plätze").
var notMoney = set(foldWords(`gdb grad platze plaetze
	uhr tag tage tagen woche wochen monat monate monaten jahr jahre jahren stunde stunden
	hour hours day days week weeks month months year years ay gun hafta yil saat شهر شهور اشهر يوم ايام سنة سنين ساعة ساعات
	місяців місяці днів тижнів років годин месяцев месяца дней недель лет часов miesiecy dni tygodni lat godzin
	luni zile saptamani ani ore месеца дни седмици години часа ماه روز هفته سال ساعت`))

// applyWords begin the words of applying, in the ten languages.
var applyWords = foldCues("bestell", "kauf", "buy", "order", "beantrag", "antrag", "antrage", "apply", "application", "submit", "basvur", "تقديم", "اقدم", "بقدم",
	"نقدم", "قدم", "طلب", "الطلب", "заяв", "подава", "подат", "подам", "подаю", "wniosek", "wniosk", "zloz", "skladac", "cerer",
	// reporting, turning to, handing in: de en uk ru
	"meld", "anmeld", "wend", "sign", "regist", "abgeb", "einreich", "drop", "оформ", "oform",
	"depun", "aplic", "sklad", "podava", "podam", "запис", "zapis", "zayav", "zajav", "darkhast", "befrest", "ارسال", "молба", "молбата", "заявлени", "кандидатств", "درخواست",
	// sending it: fa (Finglish) tr ar uk ru
	"ferest", "بفرست", "فرست", "gonder", "ابعت", "بعت", "ارسل", "надісл", "відправ", "отправ")

// A shape is the kind of fact a question asks for, whatever its aspect: an
// amount ("wie viel", "maximal", "сколько") or an age ("ab welchem Alter",
// "с какого возраста"). The excerpt of a section leads with the sentences
// that hold one.
type shape uint8

const (
	shapeNone shape = iota
	shapeAmount
	shapeAge
	// shapeSpan is a span of time or a time of day ("14 Tagen", "bis 24
	// Uhr").
	shapeSpan
	// shapeMoney is an amount of money, not "free of charge": what a
	// benefit pays.
	shapeMoney
	// shapeFree is an amount, or "free" ("frei: Westfalenpark"), asked by
	// a question whether something is free.
	shapeFree
	// shapePercent is a share ("50 % günstiger"), asked by "wie viel
	// Prozent", "Rabatt", "sparen".
	shapePercent
	// shapeCount is a number of things ("70 Plätze", "rund 600
	// Beschäftigungsmaßnahmen"), asked by "wie viele".
	shapeCount
)

var shapeCues = map[shape][][]string{
	shapeAmount: foldCues("wie viel", "wieviel", "wie hoch", "hohe", "betrag*", "maximal", "hochstens", "mindestens", "minimum",
		"hochste*", "hoechste*", "niedrigste*", "highest", "lowest",
		"maximum", "max", "kost*", "preis*", "how much", "amount", "ne kadar", "kac euro", "kac para", "en az", "en fazla", "كم",
		"مبلغ", "أقصى", "أقل", "скільки", "максимум", "мінімум", "сколько", "минимум", "ile wynosi", "ile dosta*", "ile kosztuje", "najwyżej", "co najmniej",
		"minimaln*", "maksymaln*", "cat", "maxim", "minim", "колко", "най-много", "най-малко", "چقدر", "حداکثر", "حداقل", "چند"),
	shapeAge: foldCues("wie alt", "welchem alter", "welches alter", "altersgrenze", "how old", "what age", "age limit", "kac yas*",
		"hangi yas*", "عمر", "سن", "віку", "вік", "возраст*", "скольки лет", "ilu lat", "wieku", "varsta", "възраст", "колко години",
		"سالگی", "سنی"),
	shapeSpan: foldCues("wie lange", "bis wann", "ab wann", "uhrzeit*", "how long", "until when", "what time", "cat timp", "cât timp"),
	shapePercent: foldCues("%", "prozent", "rabatt*", "ermassig*", "ermaessig*", "sparen", "spart", "gunstiger", "guenstiger",
		"percent", "discount*", "cheaper", "reduction", "reduced", "indirim*", "скидк*", "знижк*", "zniżk*", "znizk*", "reducere",
		"reduceri", "намален*", "отстъпк*", "تخفيض", "خصم", "تخفیف"),
	shapeCount: foldCues("wie viele", "wieviele", "anzahl", "ab welchem", "ab welcher", "ab wie viel prozent", "ab wieviel prozent", "how many", "number of", "from what", "at what", "kac tane", "kaç tane",
		"сколько мест", "скільки місць", "ile miejsc", "cate locuri", "câte locuri", "колко места", "چند تا", "كم عدد"),
}

// asksPrice reports whether the words ask a price or a fee ("was kostet",
// "gebührenfrei?", "сколько стоит"), not only how much.
func asksPrice(words []string) bool {
	for _, c := range aspectCues {
		if c.aspect == AspectCosts && !c.amount && find(words, c.words) >= 0 {
			return true
		}
	}
	return false
}

// asksAmount reports whether the words ask how much, as an amount of
// money: not an age, a span of time or a limit on one's own money.
func asksAmount(words []string) bool {
	if asksLimit(words) || askedShape(words) == shapeAge {
		return false
	}
	for _, c := range aspectCues {
		if !c.amount {
			continue
		}
		if i := find(words, c.words); i >= 0 && (i+len(c.words) == len(words) || !notMoney[words[i+len(c.words)]]) {
			return true
		}
	}
	return false
}

// askedShape is the shape of fact the words ask for, if any.
func askedShape(words []string) shape {
	// A span before an amount: "cât timp" is how long, not "cât" how much.
	for _, sh := range []shape{shapeAge, shapeCount, shapePercent, shapeSpan, shapeAmount} {
		for _, c := range shapeCues[sh] {
			if find(words, c) >= 0 {
				return sh
			}
		}
	}
	return shapeNone
}

// limitWeight is what an amount cue counts for when it asks a limit on
// one's own money: what there is, above a word of applying ("wie viel
// Erspartes darf ich haben, wenn ich Grundsicherung beantrage").
const limitWeight = 2

// amountWeight is what an amount cue counts for.
const amountWeight = 2

// aspectOrder breaks ties between aspects of the same weight.
var aspectOrder = []Aspect{AspectBring, AspectCosts, AspectDeadlines, AspectWhere, AspectWho, AspectLegal, AspectHow, AspectWhat}

// Words that say nothing about the topic in a follow-up: pronouns, particles,
// question words. A message made of them and of cues has no topic word.
var followupWords = set(strings.Fields(`
	und aber also denn dann noch auch nur mal eigentlich oder da dort hier das dafur dazu davon damit
	es er sie ihr ich wir man mir mich uns mein meine meiner meinem meinen wie was wer wann warum welche welchem welchen
	welcher welches ist sind bin bist war gibt gab habe hat haben muss musst mussen kann konnen darf soll
	sollte wurde werden wird ein eine einen einem einer der die den dem des im in am an auf bei zu zum zur
	fur mit von vom nach uber ja nein bitte danke ok okay gut genau so noch jetzt denn bekomme bekommt
	brauche braucht geht gehen hilfe helfen frage fragen problem infos info information informationen
	hab hatte mal ne nen anliegen brief post amt amtes behorde sowas irgendwas unterstutzung rat auskunft
	weiterhelfen jemanden sprechen reden erklaren verstehe verstehen kompliziert dringend schnell bescheid
	sagt sagen gesagt support someone anyone talk speak explain understand letter urgent questions problem
	problems assist assistance hin hingehen hinwenden wenden office offices authority
	jemand etwas sagen wissen weiss hallo hi moin guten tag and but so then also only the a an is are
	it this that there here i we me my our you your he she they him her them his their us what who how when which do does did can could
	have has need get please thanks thank for to of in at on with about any some help question
	info information go going come gibts gibt's gehts geht's
	whats wheres hows whos whens thats theres its ive dont cant isnt doesnt under over btw ubrigens`))

// chatWords open a conversation without saying what it is about: being
// new, having been sent, excusing oneself ("hallo ich bin neu hier und kenne
// mich nicht aus", "mein Nachbar meinte, ich soll mich hier melden",
// "Entschuldigung, dass ich störe"). They name no topic, however a keyword
// may use them ("neu in Dortmund"): the search still reads them.
var chatWords = set(strings.Fields(`
	neu neue neuer ersten erste erstes erstmal zuerst kenne kennen kennt auskennen
	meinte meint meinten meinen gemeint melden meldet gemeldet schreiben schreibe geschrieben
	funktioniert funktionieren klappt hatte hatten haette haetten stehe weiter weiterwissen
	store stoere storen stoeren entschuldigung entschuldigen entschuldige sorry verzeihung
	geschickt geschick schickt geraten empfohlen hergeschickt
	hello hallo hey anybody anyone somebody someone there new first sent told`))

// fillerWords carry feeling, not a topic ("Verdammt nochmal, wo ist das
// Sozialamt?"): they are read as nothing, so that the search without them
// can find the topic.
var fillerWords = set(strings.Fields(`verdammt verflucht nochmal mist scheisse scheiss scheiß kacke blod bloed
	echt ey eh digga krass damn damned bloody fucking hell`))

// helpCues ask what the bot can do ("was kann ich hier fragen?").
var helpCues = [][]string{
	strings.Fields("was kann ich hier fragen"), strings.Fields("was kann ich fragen"), strings.Fields("was kann man hier fragen"),
	strings.Fields("kann man was fragen"), strings.Fields("kann man hier was fragen"), strings.Fields("kann ich hier was fragen"),
	strings.Fields("wie funktioniert das hier"), strings.Fields("wie geht das hier"), strings.Fields("was kannst du"),
	strings.Fields("wie geht das"), strings.Fields("what can i ask"), strings.Fields("how does this work"),
	strings.Fields("what can you do"),
}

// stopWords say nothing about which sentence answers a question.
var stopWords = set(strings.Fields(`
	wenn weil ob dass aber oder nicht kein keine keinen noch schon auch sehr mehr alle alles wird
	wurde werden sein seine ihr ihre ihren sich sie ihm ihn ihnen uns unser unsere euch dann denn
	doch nur mal bei beim vom zum zur aus nach vor uber unter ohne gegen durch bis seit wie was
	viel viele einem einen einer eines diese dieser dieses jetzt immer wieder gibt geben
	when because whether that not any more all also very only from with without after before
	about into have been will would should could does there their they them this these those`))

// whatIfCues begin a message that asks the conversation's topic for another
// case.
var whatIfCues = [][]string{
	strings.Fields("was ist wenn"), strings.Fields("was wenn"), strings.Fields("wie ist das wenn"), strings.Fields("wie ist es wenn"),
	strings.Fields("what if"), strings.Fields("what happens if"),
}

// pointers are words that point back to what was said before.
var pointers = set(strings.Fields(`da dafur dazu davon damit dort dahin dorthin it that there them`))

// articles point back only when no noun follows them.
var articles = set(strings.Fields(`das die den dem der this`))

// genderCues tell whether the person speaks of a woman or a man.
var genderCues = []genderCue{
	{strings.Fields("ich bin eine frau"), "frau"}, {strings.Fields("als frau"), "frau"},
	{strings.Fields("fur frauen"), "frau"}, {strings.Fields("konnen frauen"), "frau"}, {strings.Fields("can women"), "frau"},
	{strings.Fields("for women"), "frau"}, {strings.Fields("obdachlose frauen"), "frau"}, {strings.Fields("wohnungslose frauen"), "frau"}, {strings.Fields("homeless women"), "frau"}, {strings.Fields("fur eine frau"), "frau"},
	{strings.Fields("i am a woman"), "frau"}, {strings.Fields("i'm a woman"), "frau"}, {strings.Fields("as a woman"), "frau"},
	{strings.Fields("ich bin die mutter"), "frau"}, {strings.Fields("ich bin mutter"), "frau"}, {strings.Fields("als mutter"), "frau"},
	{strings.Fields("ich bin der vater"), "mann"}, {strings.Fields("ich bin vater"), "mann"}, {strings.Fields("als vater"), "mann"},
	{strings.Fields("ich bin ein mann"), "mann"}, {strings.Fields("als mann"), "mann"},
	{strings.Fields("fur manner"), "mann"}, {strings.Fields("fur einen mann"), "mann"},
	{strings.Fields("i am a man"), "mann"}, {strings.Fields("i'm a man"), "mann"}, {strings.Fields("as a man"), "mann"},
	{strings.Fields("ich bin weiblich"), "frau"}, {strings.Fields("bin weiblich"), "frau"}, {strings.Fields("ich bin mannlich"), "mann"},
	{strings.Fields("bin mannlich"), "mann"}, {strings.Fields("bin n typ"), "mann"}, {strings.Fields("bin ein typ"), "mann"},
	{strings.Fields("bin ein kerl"), "mann"}, {strings.Fields("bin n kerl"), "mann"}, {strings.Fields("i am female"), "frau"},
	{strings.Fields("i'm female"), "frau"}, {strings.Fields("i am male"), "mann"}, {strings.Fields("i'm male"), "mann"},
	{strings.Fields("i am a guy"), "mann"}, {strings.Fields("i'm a guy"), "mann"},
	{strings.Fields("bin die mama"), "frau"}, {strings.Fields("bin mama"), "frau"}, {strings.Fields("als mama"), "frau"},
	{strings.Fields("bin der papa"), "mann"}, {strings.Fields("bin papa"), "mann"}, {strings.Fields("als papa"), "mann"},
	// Without an article ("bin mann, 45"), and a person described ("where
	// can a man sleep", "a homeless woman"): not "mein Mann", "my wife".
	{strings.Fields("bin mann"), "mann"}, {strings.Fields("bin frau"), "frau"}, {strings.Fields("bin ne frau"), "frau"},
	{strings.Fields("for men"), "mann"}, {strings.Fields("for a man"), "mann"}, {strings.Fields("homeless men"), "mann"},
	{strings.Fields("mannlich"), "mann"}, {strings.Fields("maennlich"), "mann"}, {strings.Fields("weiblich"), "frau"},
	{strings.Fields("bin n mann"), "mann"}, {strings.Fields("bin ein mann"), "mann"}, {strings.Fields("bin eine frau"), "frau"},
	{strings.Fields("obdachloser mann"), "mann"}, {strings.Fields("obdachlose frau"), "frau"},
	{strings.Fields("a man"), "mann"}, {strings.Fields("a woman"), "frau"}, {strings.Fields("homeless man"), "mann"},
	{strings.Fields("homeless woman"), "frau"}, {strings.Fields("single man"), "mann"}, {strings.Fields("single woman"), "frau"},
}

// The same in the eight translated languages: "for women", "I am a woman"
// and the like ("для жінок", "dla kobiet", "للنساء", "برای زنان").
var translatedGenderCues = slices.Concat(
	genderFamily("frau", "для жінок", "для жінки", "я жінка", "для женщин", "для женщины", "я женщина", "dla kobiet", "dla kobiety",
		"jestem kobietą", "jestem kobieta", "kadınlar için", "kadinlar icin", "kadın için", "kadin icin", "ben kadınım", "ben kadinim",
		"pentru femei", "sunt femeie", "за жени", "за жена", "аз съм жена", "للنساء", "للسيدات", "أنا امرأة", "انا امراة", "انا ست",
		"زنان", "برای زن", "من زن هستم", "من یک زن هستم"),
	genderFamily("mann", "для чоловіків", "для чоловіка", "я чоловік", "для мужчин", "для мужчины", "я мужчина", "dla mężczyzn", "dla mezczyzn",
		"jestem mężczyzną", "jestem mezczyzna", "erkekler için", "erkekler icin", "erkek için", "erkek icin", "ben erkeğim", "ben erkegim",
		"pentru bărbați", "pentru barbati", "sunt bărbat", "sunt barbat", "за мъже", "аз съм мъж", "للرجال", "أنا رجل", "انا رجل", "انا زلمة",
		"مردان", "برای مرد", "من مرد هستم", "من یک مرد هستم"),
	// tr ar fa colloquial, Arabizi and Finglish: women or men as a group,
	// "a woman", "I am a man". Not the words that also say "my wife",
	// "once" or "died" ("karım", "مرة", "مرد").
	genderFamily("frau", "kadınlara", "kadinlara", "kadınlar", "kadinlar", "kadın", "kadin", "bayanlar", "bayanlara", "bayan için", "bayan icin",
		"النساء", "نساء", "للنسوان", "النسوان", "نسوان", "الستات", "ستات", "للستات", "امرأة", "امراة", "إمرأة", "سيدة", "بنت لحالها",
		"nisa2", "niswan", "lel niswan", "zan", "zanha", "zanan", "zan hastam", "baraye zanan", "زن", "زنها", "زن ها", "یه زن", "یک زن",
		"زن هستم", "خانمها", "خانم ها", "یه خانم", "یک خانم", "زنانه"),
	// uk ru pl ro bg: women or men as a group or a person, in the forms a
	// question about a shelter uses ("для жінок", "мужику переночевать");
	// not the words that also say wife or husband ("жена", "чоловік", "soț").
	genderFamily("frau", strings.Fields(`жінки жінок жінці жінкам жіноча жіночий жіноче жіночу женщина женщины женщин женщине
		женщинам женская женский женскую kobieta kobiety kobiet kobiecie kobietom femeie femei femeile femeilor femeia жени жените`)...),
	genderFamily("mann", strings.Fields(`чоловіків чоловікам чоловіча чоловічий мужиків мужик мужика мужику мужики мужиков мужикам мужчина мужчины
		мужчин мужчине мужчинам мужская мужской мужскую mezczyzna mezczyzny mezczyzn mezczyzni facet faceta facetow barbat barbati barbatii
		barbatilor мъж мъже мъжете мъжа`)...),
	genderFamily("mann", "erkeklere", "erkekler", "erkek", "bir adam", "bi adam", "adamlar",
		"الرجال", "رجال", "رجّال", "للزلام", "زلام", "زلمة", "رجل", "شب لحالو", "rjal", "rijal", "lel rjal", "zalame",
		"mardha", "mardan", "mard hastam", "baraye mardha", "baraye mardan", "مردها", "مرد ها", "یه مرد", "یک مرد", "مرد هستم", "آقایان", "مردانه"),
)

// allGenderCues are read for every message: built once.
var allGenderCues = slices.Concat(genderCues, translatedGenderCues)

type genderCue struct {
	words  []string
	gender string
}

func genderFamily(gender string, ps ...string) []genderCue {
	out := make([]genderCue, 0, len(ps))
	for _, c := range foldCues(ps...) {
		out = append(out, genderCue{c, gender})
	}
	return out
}

// shortGenderCues count only in a message of a few words ("Frau", "als
// Mann?") or as its first word ("Frau mit kleinem Kind"): elsewhere in a
// longer one "mein Mann" speaks of someone else.
var shortGenderCues = map[string]string{"frau": "frau", "mann": "mann", "woman": "frau", "man": "mann", "frauen": "frau", "manner": "mann",
	"weiblich": "frau", "mannlich": "mann", "female": "frau", "male": "mann"}

// possessives say that a "Mann" or "Frau" is someone else's.
var possessives = set(strings.Fields(`mein meine meinen meinem meiner dein deine ihr ihre ihren sein seine unser unsere my your her his our`))

// tonightCues say that help is needed now, not at office hours.
var tonightCues = [][]string{
	strings.Fields("heute nacht"), strings.Fields("heute abend"), strings.Fields("diese nacht"), {"jetzt"}, {"sofort"},
	{"gerade"}, {"heute"}, {"tonight"}, {"today"}, {"now"}, strings.Fields("right now"), strings.Fields("this night"), {"nachts"},
	strings.Fields("auf der strasse"), strings.Fields("on the street"),
}

// liveCues introduce a place: "ich wohne in Brackel", "I live in Eving".
var liveCues = [][]string{
	{"wohne"}, {"wohn"}, {"wohnen"}, {"wohnt"}, {"wohnhaft"}, {"lebe"}, {"leben"}, {"lebt"}, {"live"}, {"lives"}, {"living"}, {"stadtteil"}, {"bezirk"},
	{"stadtbezirk"}, {"district"},
	// tr ar uk ru pl ro bg fa: "I live (in)"
	{"oturuyorum"}, {"yasiyorum"}, {"اسكن"}, {"ساكن"}, {"мешкаю"}, {"живу"}, {"живем"}, {"живемо"}, {"проживаю"},
	{"mieszkam"}, {"locuiesc"}, {"живея"}, {"ساکن"}, {"زندگی"},
	// a move: the place named is where the person will live ("wir ziehen
	// nächsten Monat nach Hombruch", "we're moving to Hörde")
	{"ziehe"}, {"ziehen"}, {"zieht"}, {"umziehen"}, {"umgezogen"}, {"gezogen"}, {"moving"}, {"move", "to"}, {"moved", "to"}, {"relocating"},
	{"tasiniyoruz"}, {"tasiniyorum"}, {"tasindik"}, {"tasindim"}, {"переїжджаємо"}, {"переїжджаю"}, {"переїхали"}, {"переезжаем"},
	{"переезжаю"}, {"переехали"}, {"przeprowadzamy"}, {"przeprowadzam"}, {"ننتقل"}, {"انتقلنا"}, {"سننتقل"},
}

// cueMatch is a cue found in a message.
type cueMatch struct {
	aspect Aspect
	weight int
	words  []string
	when   bool
}

// signals is what a message says besides its topic.
type signals struct {
	aspect  Aspect
	gender  string // "frau", "mann" or ""
	tonight bool
	thanks  bool
	// and: the message begins with "und", "and", "aber" (a follow-up).
	and bool
	// lives: the message says where the person lives ("ich wohne in").
	lives bool
	// help: the message asks what the bot can do.
	help bool
	// refers: a short message that points back ("geht das online?").
	refers bool
	// rest are the folded words no cue and no follow-up word explains: the
	// words that may name a topic or a place.
	rest []string
	// words are all folded words of the message.
	words []string
	// query is the message without the words of cues, for the search:
	// "Welche Unterlagen brauche ich für Elterngeld" searches "Elterngeld".
	query string
	// cues are the weights of the aspects the cues found; matches are the
	// cues found, with their words.
	cues    map[Aspect]int
	matches []cueMatch
}

// readSignals reads aspect, gender, urgency and the remaining words.
func readSignals(text string) signals {
	var s signals
	orig, words := splitWords(text)
	s.words = words
	spelt := umlautsSpelt(words)
	used := make([]bool, len(words))
	score := map[Aspect]int{}
	lower := make([]string, len(orig))
	for i, w := range orig {
		lower[i] = strings.ToLower(w)
	}
	// An amount asked counts once, not at all for an age ("колко
	// години"), and for a limit on one's own money ("wie viel Erspartes
	// darf ich behalten") as a cue of what there is.
	age, limit := askedShape(words) == shapeAge, asksLimit(words)
	amounted := false
	// The cues found, in the order of the cue list; each with the
	// positions of its own words ("bekommt man * auch": the word in
	// between may name the topic, and stays in the query).
	type found struct {
		c    *cue
		i, n int
		own  []int
	}
	var all []found
	// The spelt words too: a cue may begin with the form the umlaut is
	// written in; and the words without their Arabic or Persian clitics
	// ("سعرها" is "سعر", its price).
	stripped := cliticsStripped(words)
	cands := cueStarts.candidates(words, spelt, stripped)
	forms := [][]string{words}
	for _, f := range [][]string{spelt, stripped} {
		if f != nil {
			forms = append(forms, f)
		}
	}
	for _, k := range cands {
		c := &cueStarts.cues[k]
		for i := range words {
			own := matchForms(forms, i, c.words)
			if own == nil && c.words[0][0] == '=' {
				own = matchWords(lower, i, append([]string{c.words[0][1:]}, c.words[1:]...))
			}
			if own == nil {
				continue
			}
			for _, k := range own {
				used[k] = used[k] || !c.keep
			}
			all = append(all, found{c, i, own[len(own)-1] + 1 - i, own})
		}
	}
	// Competing cues: a cue whose words are words of a longer one of
	// another aspect, at least as heavy, is that one's word ("wo" in "wo
	// muss ich hin", "wie viel" in "wie viel Zeit", "mail" in "per Mail"),
	// not a cue of its own.
	// And the words a gap stands for must not ask something else: "wann
	// hat ** auf" asks the hours in "wann hat das Gast-Haus auf", not in
	// "ab wann hat man Anspruch auf".
	inside := func(f found) bool {
		return slices.ContainsFunc(all, func(g found) bool {
			if g.c.aspect == f.c.aspect {
				return false
			}
			if len(f.own) < f.n && !slices.ContainsFunc(g.own, func(k int) bool { return k <= f.i || k >= f.i+f.n-1 || slices.Contains(f.own, k) }) {
				return true
			}
			return len(g.own) > len(f.own) && g.c.weight >= f.c.weight &&
				!slices.ContainsFunc(f.own, func(k int) bool { return !slices.Contains(g.own, k) })
		})
	}
	// One word counts once for an aspect: "cost" and "cost*" are one cue.
	type at struct {
		a    Aspect
		i, n int
	}
	seen := map[at]bool{}
	money := false
	for _, f := range all {
		c, i := f.c, f.i
		unit := i+f.n < len(words) && notMoney[words[i+f.n]]
		if inside(f) || c.amount && (age || amounted || unit) || unit && counts(c.words) || seen[at{c.aspect, i, f.n}] {
			continue
		}
		seen[at{c.aspect, i, f.n}] = true
		amounted = amounted || c.amount
		a, w := c.aspect, c.weight
		if len(c.words) == 1 && c.words[0] == "§" && i+1 < len(words) && isDigits(words[i+1]) {
			// "bin Geflüchtete nach § 24": a paragraph named is a status
			// more often than a question of law.
			w = 1
		}
		if c.amount && limit {
			a, w = AspectWhat, limitWeight
		}
		money = money || c.amount && !limit
		score[a] += w
		s.matches = append(s.matches, cueMatch{aspect: a, weight: w, words: words[i : i+f.n], when: c.when})
	}
	if money && score[AspectWho] > 0 {
		// "wie viel Blindengeld steht mir zu?", "how much can I get?": the
		// amount is asked, not whether one gets it.
		delete(score, AspectWho)
		s.matches = slices.DeleteFunc(s.matches, func(m cueMatch) bool { return m.aspect == AspectWho })
	}
	applyingWhere(words, score, s.matches)
	s.cues = score
	best := 0
	for _, a := range aspectOrder {
		if score[a] > best {
			s.aspect, best = a, score[a]
		}
	}
	for _, g := range allGenderCues {
		if i := find(words, g.words); i >= 0 {
			s.gender = g.gender
			mark(used, i, len(g.words))
			break
		}
	}
	if s.gender == "" {
		for i, w := range words {
			// Beside an age ("bin 52, mann", "Mann, 45"), not after "mein".
			aged := i > 0 && isDigits(words[i-1]) || i+1 < len(words) && isDigits(words[i+1]) && (i == 0 || !possessives[words[i-1]])
			if g := shortGenderCues[w]; g != "" && (len(words) <= 3 || i == 0 || aged) {
				s.gender = g
				used[i] = true
			}
		}
	}
	for _, t := range tonightCues {
		if i := find(words, t); i >= 0 {
			s.tonight = true
			mark(used, i, len(t))
		}
	}
	for i, w := range words {
		if fillerWords[w] {
			used[i] = true
		}
	}
	for _, h := range helpCues {
		if find(words, h) >= 0 {
			s.help = true
		}
	}
	for _, l := range liveCues {
		if i := find(words, l); i >= 0 {
			mark(used, i, len(l))
			s.lives = true
		}
	}
	if len(words) <= 6 {
		for i, w := range words {
			// "das", "die" point back when no noun follows: "wer bekommt
			// den?", "geht das online?", but not "wie wird das Wetter?".
			article := articles[w] && (i == len(words)-1 || unicode.IsLower([]rune(orig[i+1])[0]))
			s.refers = s.refers || pointers[w] || article
		}
	}
	s.and = len(words) > 0 && (words[0] == "und" || words[0] == "and" || words[0] == "aber" || words[0] == "what" && len(words) > 1 && words[1] == "about") ||
		// "was ist, wenn ich ein Auto habe?", "what if I have savings?": the same question for another case
		slices.ContainsFunc(whatIfCues, func(c []string) bool { return matchAt(words, 0, c) })
	s.query = text
	if slices.Contains(used, true) {
		var q []string
		for i, w := range orig {
			if !used[i] {
				q = append(q, w)
			}
		}
		s.query = strings.Join(q, " ")
	}
	lead := leadingAssent(words) // "super danke, und …" names nothing
	for i, w := range words {
		if w == "danke" || w == "thanks" || w == "dank" || w == "thank" {
			s.thanks = true
		}
		if i < lead {
			continue
		}
		// A short number is an age or an amount, not a topic (a postcode
		// has five digits and names a place).
		// "what's", "it's" are "whats", "its".
		bare := strings.ReplaceAll(strings.ReplaceAll(w, "'", ""), "’", "")
		if !used[i] && !followupWords[w] && !followupWords[bare] && !stopWords[w] && !chatWords[w] && !(isDigits(w) && len(w) < 5) {
			s.rest = append(s.rest, w)
		}
	}
	return s
}

// cueStarts indexes aspectCues by how their first word begins, so that
// readSignals tries only the cues that can match somewhere in a message:
// a thousand cues at each word of a long story cost more than its search.
var cueStarts = indexCues(aspectCues)

type cueIndex struct {
	cues []cue
	// exact holds the cues whose first word is a word, by that word;
	// prefix those whose first word is a beginning ("kost*"), by that
	// beginning ("kost"), longest the longest such beginning in bytes;
	// other the rest ("*nummer", "=zahlt"), which are always tried.
	exact   map[string][]int
	prefix  map[string][]int
	longest int
	other   []int
}

func indexCues(cues []cue) *cueIndex {
	x := &cueIndex{cues: cues, exact: map[string][]int{}, prefix: map[string][]int{}}
	for i, c := range cues {
		w := c.words[0]
		switch {
		case !strings.ContainsAny(w, "*="):
			x.exact[w] = append(x.exact[w], i)
		case len(w) > 1 && w[0] != '*' && w[0] != '=' && strings.IndexByte(w, '*') == len(w)-1:
			begin := w[:len(w)-1]
			x.prefix[begin] = append(x.prefix[begin], i)
			x.longest = max(x.longest, len(begin))
		default:
			x.other = append(x.other, i)
		}
	}
	return x
}

// candidates are the positions in x.cues, in order, of the cues whose
// first word may match one of the words of the forms: each word's
// beginnings are looked up, not every cue of its first letter tried (the
// cues of ten languages share a few first bytes).
func (x *cueIndex) candidates(forms ...[]string) []int {
	out := slices.Clone(x.other)
	for _, words := range forms {
		for _, w := range words {
			out = append(out, x.exact[w]...)
			for n := 1; n <= len(w) && n <= x.longest; n++ {
				out = append(out, x.prefix[w[:n]]...)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// counts reports whether a cue asks how many ("wie viele", "how many"):
// what there is, unless it counts time ("wie viele Monate").
func counts(cue []string) bool {
	return len(cue) == 1 && cue[0] == "wieviele" || len(cue) == 2 && (cue[0] == "wie" && cue[1] == "viele" || cue[0] == "how" && cue[1] == "many")
}

// asksLimit reports whether the words ask a limit on one's own money.
func asksLimit(words []string) bool {
	for _, c := range limitCues {
		if find(words, c) >= 0 {
			return true
		}
	}
	return false
}

// applyingWhere turns "where" into "how" when the only cues of a place
// are question words and the message speaks of applying ("wo beantrage
// ich Elterngeld?", "куди подавати заяву"): people ask how to apply, and
// the answer of how shows the office too. An address, a phone or hours
// asked stay "where".
func applyingWhere(words []string, score map[Aspect]int, matches []cueMatch) {
	if score[AspectWhere] == 0 || !slices.ContainsFunc(words, isApplyWord) || slices.ContainsFunc(words, func(w string) bool { return goingWords[w] }) {
		return
	}
	for _, m := range matches {
		// A weak cue of where ("Bus" in "das billige Bus-Ticket, wo bestell
		// ich das?") names the thing, not a place asked.
		if m.aspect == AspectWhere && m.weight > 1 && (len(m.words) > 1 || !whereWords[m.words[0]]) {
			return
		}
	}
	for i := range matches {
		if matches[i].aspect == AspectWhere {
			matches[i].aspect = AspectHow
		}
	}
	score[AspectHow] += score[AspectWhere]
	delete(score, AspectWhere)
}

// goingWords say the person goes there ("wo muss ich hin mit dem
// Antrag?"): that asks where the office is.
var goingWords = set(strings.Fields(`hingehen hinkommen hinfahren go`))

func isApplyWord(w string) bool {
	return slices.ContainsFunc(applyWords, func(p []string) bool { return strings.HasPrefix(w, p[0]) })
}

// umlautsSpelt reads the umlauts that a message writes as "ae", "oe", "ue"
// as the folded vowels the cues are written with ("oeffnungszeiten",
// "gebuehr", "hoechstbetrag"): the words once more, or nil when no word has
// such a pair. Only a second reading: "teuer" and "neue" still match as
// written.
func umlautsSpelt(words []string) []string { return reread(words, umlautSpelt) }

// reread is the words with each read by f, or nil when f changes none.
func reread(words []string, f func(string) string) []string {
	var out []string
	for i, w := range words {
		if v := f(w); v != w {
			if out == nil {
				out = slices.Clone(words)
			}
			out[i] = v
		}
	}
	return out
}

var umlautPairs = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

func umlautSpelt(w string) string {
	if !strings.Contains(w, "e") {
		return w
	}
	return umlautPairs.Replace(w)
}

func mark(used []bool, i, n int) {
	for k := i; k < i+n; k++ {
		used[k] = true
	}
}

func find(words, pattern []string) int {
	// The common case, without a gap, looked at once, not at every word:
	// find runs for every cue of a list.
	gap := slices.Contains(pattern, "**")
	for i := range words {
		if gap && matchWords(words, i, pattern) != nil || !gap && matchPlain(words, i, pattern) {
			return i
		}
	}
	return -1
}

func matchAt(words []string, i int, pattern []string) bool {
	if !slices.Contains(pattern, "**") {
		return matchPlain(words, i, pattern)
	}
	return matchWords(words, i, pattern) != nil
}

// matchPlain is matchAt of a pattern without "**", without allocations.
func matchPlain(words []string, i int, pattern []string) bool {
	if i+len(pattern) > len(words) {
		return false
	}
	for k, p := range pattern {
		if !matchWord(words[i+k], p) {
			return false
		}
	}
	return true
}

// maxGap is how many words "**" in a cue stands for at most: "gilt ** auch
// für" is "gilt das auch für" and "gilt das Blindengeld auch für".
const maxGap = 4

// matchWords reports where pattern matches the words from i on: the
// positions of the words its own words matched (not those "*" and "**"
// stand for), or nil.
func matchWords(words []string, i int, pattern []string) []int {
	return matchForms([][]string{words}, i, pattern)
}

// matchForms is matchWords where a word matches in any of its forms: the
// message's words, and the same words read another way, position by
// position ("oeffnungszeiten" as "offnungszeiten", "سعرها" as "سعر").
func matchForms(forms [][]string, i int, pattern []string) []int {
	if slices.Contains(pattern, "**") {
		return matchGap(forms, i, pattern, nil)
	}
	if i+len(pattern) > len(forms[0]) {
		return nil
	}
	for k, p := range pattern {
		if !matchAny(forms, i+k, p) {
			return nil
		}
	}
	var own []int
	for k, p := range pattern {
		if p != "*" {
			own = append(own, i+k)
		}
	}
	return own
}

// matchGap matches a pattern with "**" gaps from i on, own the positions
// matched so far.
func matchGap(forms [][]string, i int, pattern []string, own []int) []int {
	if len(pattern) == 0 {
		return own
	}
	if pattern[0] == "**" {
		for skip := 0; skip <= maxGap && i+skip <= len(forms[0]); skip++ {
			if m := matchGap(forms, i+skip, pattern[1:], own); m != nil {
				return m
			}
		}
		return nil
	}
	if i >= len(forms[0]) || !matchAny(forms, i, pattern[0]) {
		return nil
	}
	if pattern[0] != "*" {
		own = append(own, i)
	}
	return matchGap(forms, i+1, pattern[1:], own)
}

// matchAny reports whether the word at k, in any of its forms, matches p.
func matchAny(forms [][]string, k int, p string) bool {
	for _, f := range forms {
		if matchWord(f[k], p) {
			return true
		}
	}
	return false
}

func matchWord(w, p string) bool {
	if p == "*" {
		return true // any one word: "who is * for"
	}
	if prefix, ok := strings.CutSuffix(p, "*"); ok {
		if suffix, ok := strings.CutPrefix(prefix, "*"); ok {
			return strings.Contains(w, suffix)
		}
		return strings.HasPrefix(w, prefix)
	}
	if suffix, ok := strings.CutPrefix(p, "*"); ok {
		// "*nummer": the end of a compound ("Faxnummer").
		return strings.HasSuffix(w, suffix)
	}
	return w == p
}

// cliticsStripped reads the Arabic and Persian words of a message without
// the particles and pronouns written onto them ("والسعر", "سعرها",
// "آدرسش", "مدارکشو"; Finglish "gheymatesh"), so that the cue of the bare
// word matches: the words once more, or nil when no word has one. A word
// keeps at least three letters.
func cliticsStripped(words []string) []string { return reread(words, stripClitics) }

var (
	arabicPrefixes = []string{"وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ف"}
	arabicSuffixes = []string{"هایش", "هاشون", "هاش", "های", "شون", "هم", "ها", "كم", "نا", "اش", "ش", "ه", "ك", "ي", "ی", "م", "ت", "رو"}
)

func stripClitics(w string) string {
	r, _ := utf8.DecodeRuneInString(w)
	if r < 0x0600 || r > 0x06FF {
		// Finglish writes the Farsi "-esh" (its): "gheymatesh".
		for _, e := range []string{"esh", "ash"} {
			if stem, ok := strings.CutSuffix(w, e); ok && len(w) >= 7 {
				return stem
			}
		}
		return w
	}
	v := w
	for _, p := range arabicPrefixes {
		if rest, ok := strings.CutPrefix(v, p); ok && utf8.RuneCountInString(rest) >= 3 {
			v = rest
			break
		}
	}
	for _, x := range arabicSuffixes {
		if rest, ok := strings.CutSuffix(v, x); ok && utf8.RuneCountInString(rest) >= 3 {
			v = rest
			break
		}
	}
	return v
}

// letterFold folds umlauts and the diacritics of Turkish, Polish and
// Romanian as people leave them out ("cat costa", "basvuru"), Russian ё
// and Arabic alef with hamza the same way.
var letterFold = func() map[rune]rune {
	m := map[rune]rune{}
	for _, p := range strings.Fields("äa öo üu ıi şs çc ğg ąa ćc ęe łl ńn óo śs źz żz ăa âa îi șs ţt țt ёе أا إا آا") {
		r := []rune(p)
		m[r[0]] = r[1]
	}
	return m
}()

// parseCues reads the cue lists and the amount cues; "wie lange:1" gives a
// cue its own weight. Cues are folded as messages are.
func parseCues(lists map[Aspect][]string, weights map[Aspect]int, amounts, whens []string) []cue {
	var out []cue
	for _, p := range amounts {
		keep := strings.HasPrefix(p, "+")
		out = append(out, cue{words: foldCue(strings.TrimPrefix(p, "+")), aspect: AspectCosts, weight: amountWeight, amount: true, keep: keep})
	}
	for _, p := range whens {
		out = append(out, cue{words: foldCue(p), aspect: AspectWhere, weight: 1, when: true})
	}
	for _, a := range aspectOrder {
		for _, p := range lists[a] {
			w := weights[a]
			keep := strings.HasPrefix(p, "+")
			p = strings.TrimPrefix(p, "+")
			if i := strings.LastIndexByte(p, ':'); i > 0 {
				w = int(p[i+1] - '0')
				p = p[:i]
			}
			out = append(out, cue{words: foldCue(p), aspect: a, weight: w, keep: keep})
		}
	}
	return out
}

// foldCue folds a cue as messages are folded and splits it into words.
func foldCue(p string) []string {
	return strings.Fields(strings.Map(func(r rune) rune {
		if f := letterFold[r]; f != 0 {
			return f
		}
		return r
	}, p))
}

func foldCues(ps ...string) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = foldCue(p)
	}
	return out
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// foldWords splits a text into lower-case words with umlauts folded; "€"
// and "§" are words of their own.
func foldWords(s string) []string {
	_, folded := splitWords(s)
	return folded
}

// splitWords splits a text into words, as written and folded (lower case,
// umlauts as a/o/u, ß as ss), position by position.
func splitWords(s string) (orig, folded []string) {
	var o, f strings.Builder
	flush := func() {
		if f.Len() > 0 {
			orig, folded = append(orig, o.String()), append(folded, f.String())
		}
		o.Reset()
		f.Reset()
	}
	for _, r := range s {
		lr := unicode.ToLower(r)
		// letterFold holds no ASCII letter: most letters need no look-up.
		var fold rune
		if lr >= utf8.RuneSelf {
			fold = letterFold[lr]
		}
		switch {
		case r == '€' || r == '§' || r == '%':
			flush()
			orig, folded = append(orig, string(r)), append(folded, string(r))
		case fold != 0:
			o.WriteRune(r)
			f.WriteRune(fold)
		case r == 'ß':
			o.WriteRune(r)
			f.WriteString("ss")
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' && f.Len() > 0:
			o.WriteRune(r)
			f.WriteRune(lr)
		default:
			flush()
		}
	}
	flush()
	return orig, folded
}
