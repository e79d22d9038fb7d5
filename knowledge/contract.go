package knowledge

// ContractTopics are the topic ids that kb-contract.md fixes: outside checks
// and the bot's own menus rely on them, so a reload that would remove one
// waits for staff to confirm it.
var ContractTopics = []string{
	"sozialamt-kontakt", "hilfe-zum-lebensunterhalt", "grundsicherung", "hilfe-zur-pflege",
	"bestattungskosten", "asylbewerberleistungen", "dortmund-pass", "lokal-willkommen",
	"seniorenbueros", "behindertenfahrdienst", "regionalbuero-alter-pflege-demenz",
	"beschaeftigungsfoerderung", "wohnungslosenhilfe", "unterbringung",
	"schwerbehindertenausweis", "elterngeld", "buergergeld", "wohngeld", "benchmarking",
}
