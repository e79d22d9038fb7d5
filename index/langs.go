package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	regexpchar "github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/bg"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/analysis/token/apostrophe"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
)

// nLangs is the number of Languages; language i of the index is Languages[i],
// so langDE and langEN are 0 and 1.
const nLangs = 10

// langIndex returns the index of a language code in Languages, or -1.
func langIndex(code string) int {
	for i, l := range Languages {
		if l == code {
			return i
		}
	}
	return -1
}

// Analyzers of the translated languages. bleve has analyzers for Turkish,
// Arabic, Russian and Romanian (Snowball stemmers; Arabic with its light
// stemmer). Polish, Bulgarian, Ukrainian and Farsi are built here:
//   - pl: lower case, bleve's stop words (also without diacritics, "sie"),
//     bleve's Stempel stemmer (loaded once), whose stems are then written
//     without diacritics (foldPL): "zasilek" meets "zasiłek";
//   - bg: lower case, bleve's stop words, a light stemmer (stemBG);
//   - uk: lower case, our stop words, a light stemmer (stemUK);
//   - fa: bleve's Persian normalisation and stop words, a light stemmer (stemFA);
//   - tr: bleve's Turkish analyzer with the diacritics folded (foldTR) before
//     its stemmer, as people often write Turkish without them;
//   - ro: bleve's Romanian analyzer likewise (foldRO): "batrani" meets
//     "bătrâni", and "in", "si" are stop words as "în", "și" are.
const (
	analyzerPL = "kb_pl"
	analyzerBG = "kb_bg"
	analyzerUK = "kb_uk"
	analyzerFA = "kb_fa"
	analyzerTR = "kb_tr"
	analyzerRO = "kb_ro"
	// stopTRFolded drops the Turkish stop words written without
	// diacritics ("için" as "icin"), which bleve's list does not know.
	stopTRFolded = "kb_stop_tr_folded"
	stopROFolded = "kb_stop_ro_folded"
	stopPLFolded = "kb_stop_pl_folded"
	stopMapUK    = "kb_stop_uk"
	stopUK       = "kb_stop_uk"
	// joinZWNJ removes the zero-width non-joiner inside Farsi words, as
	// Clean does in questions: "می‌خواهم" and "میخواهم" are one word.
	joinZWNJ = "kb_join_zwnj"
)

// analyzerOf names each language's analyzer.
var analyzerOf = [nLangs]string{analyzerDE, analyzerEN, analyzerTR, ar.AnalyzerName, analyzerUK, ru.AnalyzerName, analyzerPL, analyzerRO, analyzerBG, analyzerFA}

// ukrainianStopWords are the function words of Ukrainian.
var ukrainianStopWords = strings.Fields(`і й та а але або бо в у на з із зі до від що як де це я ти він вона воно ми ви
	вони мені мене мій моя моє мої наш наша не чи для по при про за над під без є був була було були буде
	будь ласка ще вже так ні дуже там тут цей ця ці той те того який яка яке які хто коли куди скільки
	чому його її їх нам вам їм себе собі свій своя своє свої щоб якщо тому також`)

// addLanguageAnalyzers adds the analyzers that bleve does not register itself.
func addLanguageAnalyzers(m *mapping.IndexMappingImpl) error {
	tokens := make([]any, len(ukrainianStopWords))
	for i, w := range ukrainianStopWords {
		tokens[i] = w
	}
	if err := m.AddCustomTokenMap(stopMapUK, map[string]any{"type": tokenmap.Name, "tokens": tokens}); err != nil {
		return err
	}
	if err := m.AddCustomTokenFilter(stopUK, map[string]any{"type": stop.Name, "stop_token_map": stopMapUK}); err != nil {
		return err
	}
	for _, f := range []struct {
		name  string
		words []byte
		fold  *strings.Replacer
	}{{stopTRFolded, tr.TurkishStopWords, turkishFold}, {stopROFolded, ro.RomanianStopWords, romanianFold}, {stopPLFolded, pl.PolishStopWords, polishFold}} {
		var folded []any
		for _, line := range strings.Split(string(f.words), "\n") {
			// One word a line, maybe followed by a comment after "|".
			if fs := strings.Fields(line); len(fs) > 0 && !strings.HasPrefix(fs[0], "#") && !strings.HasPrefix(fs[0], "|") {
				w := fs[0]
				if fw := f.fold.Replace(w); fw != w {
					folded = append(folded, fw)
				}
			}
		}
		if err := m.AddCustomTokenMap(f.name, map[string]any{"type": tokenmap.Name, "tokens": folded}); err != nil {
			return err
		}
		if err := m.AddCustomTokenFilter(f.name, map[string]any{"type": stop.Name, "stop_token_map": f.name}); err != nil {
			return err
		}
	}
	if err := m.AddCustomCharFilter(joinZWNJ, map[string]any{"type": regexpchar.Name, "regexp": "\u200c", "replace": ""}); err != nil {
		return err
	}
	for name, filters := range map[string][]any{
		analyzerPL: {lowercase.Name, pl.StopName, stopPLFolded, stemPL, foldPL},
		analyzerBG: {lowercase.Name, bg.StopName, stemBG},
		analyzerUK: {lowercase.Name, stopUK, stemUK},
		analyzerFA: {lowercase.Name, ar.NormalizeName, fa.NormalizeName, fa.StopName, stemFA},
		analyzerTR: {apostrophe.Name, lowercase.Name, tr.StopName, foldTR, stopTRFolded, tr.SnowballStemmerName},
		analyzerRO: {lowercase.Name, ro.StopName, foldRO, stopROFolded, ro.SnowballStemmerName},
	} {
		a := map[string]any{"type": custom.Name, "tokenizer": unicode.Name, "token_filters": filters}
		if name == analyzerFA {
			a["char_filters"] = []any{joinZWNJ}
		}
		if err := m.AddCustomAnalyzer(name, a); err != nil {
			return err
		}
	}
	return nil
}

// Words that carry no meaning for finding a topic in each translated
// language, like fillerWords in German and English: asking, wanting,
// needing, where and how, contact details, greetings.
var foreignFillers = [nLangs][]string{
	2: strings.Fields(`lütfen lutfen lazım lazim gerek gerekiyor istiyorum isterim ihtiyacım ihtiyacim alabilirim
		alırım alirim almak nasıl nasil nerede nereye zaman kim hangi neden niye bilgi adres adresi telefon
		numara numarası numarasi saatleri açılış acilis randevu iletişim iletisim merhaba selam teşekkür
		tesekkur dortmund şehir sehir yapabilirim yapmalıyım yapmaliyim yapılır yapilir yapmak yaparım yaparim
		yardım yardim olur mu mı
		gidebilirim gideceğim gidecegim gitmeliyim gidiyorum gitmem gitmek gideyim kime kimden kimin nereden
		nerden artık artik bile sadece hala hâlâ biraz falan filan yani işte iste dedi dediler diyor
		diyorlar söyledi soyledi söylediler soylediler olacak ediyorlar yapıyor yapiyor`),
	3: strings.Fields(`من فضلك أحتاج احتاج أريد اريد ممكن يمكن أستطيع استطيع كيف أين اين متى ماذا ما لماذا أي
		معلومات عنوان هاتف رقم مواعيد دوام تواصل موعد مرحبا السلام عليكم شكرا دورتموند مدينة أحصل احصل
		الحصول مساعدة
		ana ani w wa we ma ma3i 3ndi 3andi 3ndna badi baddi biddi bidi bdi bade biddo 3ayez 3awez ayez
		min mn men meen shu sho shou esh eish kif kef keef ezay izay wen wein fen fein mnen fi fe ya ya3ni
		lazem lazim lazmni bhtaj ma7tag mumkin momken mmkn 3an 3ala ala ma3 m3 hal li lil shi ishi
		musa3ade musa3ada mosa3ada mosa3ade msa3de msa3ade ysa3edni ysa3dni sa3edni sa3idni raqam ra2am
		3nwan marhaba salam shukran shokran
		بدي بدنا ابغى ابي عايز عاوز شو ايش إيش اكو أكو كلش مالتي لمين منين قديش قديه ازاي إزاي ليش
		وين فين هيك هاد هاي هذا هذه يعني لازم
		هلق هلأ هلا لهلق هلحين هسه هسة الحين دحين حاليا كتير كثير كتيير شي شيء اشي إشي هيك كذا كدا
		لسا لسه لساتني بس طيب والله كمان برضو برضه أيضا ايضا مشان عشان علشان لأن لان
		بدو بدها بعرف مابعرف بروح روح نروح اروح أروح لقيت مجبور مجبورة جنب صرلي صارلي
		حدا حدن رح حيلا ليش اللي يلي
		hala2 hal2 halla2 hassa hala ktir kteer kter shi ishi shwaye lessa lissa bas ya3ni tayeb wallah
		kaman kamen 3shan mshan msh mish 3ndo 3nda bdo bda
		lal lel lil bl bel bil fl fel fil 3al 3l la bdha bdhom 7ada 7ad`),
	4: strings.Fields(`будь ласка потрібно потрібна потрібен треба хочу можу можна отримати де коли як що хто
		який яка які чому інформація адреса телефон номер години контакт запис прийом привіт добрий день
		дякую дортмунд місто зробити робити допоможіть допомога підкажіть порадь порадьте хороший хороша хороше хорошо
		bud laska potribno potribna potriben treba khochu hochu mozhu mozhna otrymaty de koly yak shcho scho
		khto khro yakyi yaka chomu informatsiya adresa telefon nomer pryvit dyakuyu zrobyty robyty
		dopomozhit dopomoga dopomoha pidkazhit porad poradte dlya dlia na v u z do vid ya my meni nam
		звернутися звертатися звернутись звертатись зараз тепер дуже щось хтось ніхто нічого кажуть
		сказав сказала сказали отримувати піти йти іти
		zvernutysia zvernutysya zvernutys zaraz teper duzhe shchos khtos kazhut skazaly`),
	5: strings.Fields(`пожалуйста нужно нужна нужен надо хочу могу можно получить где когда как что кто какой
		какая какие почему информация адрес телефон номер часы контакт запись приём прием здравствуйте
		привет спасибо дортмунд город сделать делать помогите помощь подскажите посоветуй посоветуйте хороший хорошая хорошее хорошие хорошо
		pozhaluista pozhaluysta nuzhno nuzhna nuzhen nado hochu khochu mogu mozhno poluchit gde kogda kak
		chto shto kto kakoy kakaya pochemu informatsiya adres telefon nomer privet spasibo sdelat delat
		pomogite pomosh pomoshch podskazhite dlya na v u s k ot ya my mne nam
		обратиться обращаться обратится куда сейчас теперь очень что-то кто-то никто ничего говорят
		сказал сказала сказали получать пойти идти
		obratitsya obratitsa kuda seichas seychas teper ochen govoryat skazali`),
	6: strings.Fields(`proszę prosze potrzebuję potrzebuje chcę chce mogę moge muszę musze dostać dostac otrzymać
		otrzymac gdzie kiedy jak co kto który ktory dlaczego informacja informacje adres telefon numer
		godziny kontakt termin wizyta dzień dzien dobry cześć czesc dziękuję dziekuje dortmund miasto
		zrobić zrobic pomoc pomocy poradź poradz poradźcie poradzcie poleć polec polećcie poleccie
		zwrócić zwrocic zgłosić zglosic udać udac iść isc pójść pojsc teraz ktoś ktos coś cos nikt nic
		powiedzieli powiedział powiedzial mówią mowia`),
	7: strings.Fields(`vă va rog nevoie vreau pot trebuie primesc primi obține obtine unde când cand cum ce cine
		care informații informatii adresa telefon număr numar program contact programare bună buna ziua
		salut mulțumesc multumesc dortmund oraș oras fac ajutor
		merg mergem duc acum ceva cineva nimeni nimic zis spus spun adresez`),
	8: strings.Fields(`моля трябва нужда искам мога може получа получите къде кога как какво кой коя защо
		информация адрес телефон номер работно време контакт час записване здравейте здрасти благодаря
		дортмунд град направя помощ помогнете посъветвай посъветвайте препоръчай препоръчайте
		обърна обърнем обърнете отида отидем сега нещо някой никой нищо казаха каза казват`),
	9: strings.Fields(`لطفا لطفاً نیاز دارم میخواهم میخوام میتوانم چطور چگونه کجا کی چه چی چرا کدام اطلاعات آدرس
		تلفن شماره ساعت کاری تماس وقت نوبت سلام ممنون مرسی دورتموند شهر بگیرم دریافت کمک
		man ma lotfan mikham mikhaham mikhastam mitunam mitoonam mishe mishavad chetori chetor chejuri
		chegune koja kojast kei key chi che chera kodum kodam baraye bara bayad begiram begirim migiran
		migiram gereftan daryaft komak shomare telefon adres etelaat salam mamnun merci mersi
		میخوام میخواستم میشه میتونم چیکار چکار چطوری چجوری کجاست چنده چقدر باید بگیرم بکنم
		چیه کیه اینجا
		برم بریم میرم میریم برید beram berim miram
		va vali too tu dar az ba be ham hastam hasti hast shode shod lazem dare daram`),
}
