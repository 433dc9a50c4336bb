/**
 * Month names and zone abbreviations as `date` prints them in the locales we meet.
 * Keys are lower case, without dots or accents (see normalizeWord).
 */
const MONTHS: Record<string, number> = {}
const monthLists: string[][] = [
  // en (C, en_US, en_GB): abbreviated and full
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  // de_DE
  ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'],
  ['januar', 'februar', 'marz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  ['jan', 'feb', 'mrz', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'],
  ['jan', 'feb', 'maer', 'apr', 'mai', 'jun', 'jul', 'aug', 'sept', 'okt', 'nov', 'dez'],
  // fr_FR
  ['janv', 'fevr', 'mars', 'avr', 'mai', 'juin', 'juil', 'aout', 'sept', 'oct', 'nov', 'dec'],
  ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'],
  // es_ES
  ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
  ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  // nl_NL
  ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  // it_IT, pt_PT/pt_BR
  ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
]
for (const list of monthLists) list.forEach((name, i) => (MONTHS[name] ??= i + 1))

/** Lower case, accents and dots removed: "Févr." → "fevr", "Mär" → "mar". */
export function normalizeWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[.,]/g, '')
    .toLowerCase()
}

/** 1-12, or undefined when the word names no month. */
export function monthNumber(word: string): number | undefined {
  return MONTHS[normalizeWord(word)]
}

/**
 * UTC offsets (minutes) an abbreviation can stand for. Some are ambiguous (CST is also
 * China, IST is Ireland, Israel and India): we only use them to pick between the two
 * readings of a wall time the configured zone allows, so a list is enough.
 */
const ZONE_OFFSETS: Record<string, number[]> = {
  UTC: [0], UT: [0], GMT: [0], Z: [0], WET: [0], WEST: [60], BST: [60], IST: [60, 120, 330],
  CET: [60], CEST: [120], MET: [60], MEST: [120], MEZ: [60], MESZ: [120], EET: [120], EEST: [180], MSK: [180],
  EST: [-300], EDT: [-240], CST: [-360, 480, -300], CDT: [-300, -240], MST: [-420], MDT: [-360],
  PST: [-480], PDT: [-420], AKST: [-540], AKDT: [-480], HST: [-600], HDT: [-540],
  AST: [-240], ADT: [-180], NST: [-210], NDT: [-150],
  AEST: [600], AEDT: [660], ACST: [570], ACDT: [630], AWST: [480], NZST: [720], NZDT: [780],
  JST: [540], KST: [540], HKT: [480], SGT: [480], SAST: [120], WIB: [420],
}

/** Offsets for a zone token: an abbreviation from the table or a numeric one (`+03`, `-0530`). */
export function zoneOffsets(token: string): number[] | undefined {
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(token)
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0)
    return [numeric[1] === '-' ? -minutes : minutes]
  }
  return ZONE_OFFSETS[token.toUpperCase()]
}

/** True for a token that looks like a zone abbreviation (upper-case letters or a numeric offset). */
export function isZoneToken(token: string): boolean {
  return /^[A-Z]{1,5}$/.test(token) || /^[+-]\d{2}(:?\d{2})?$/.test(token)
}
