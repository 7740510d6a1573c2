import { abjadKey, phoneticFold } from './phonetic-fold.ts';

/**
 * Words that many unrelated companies share ("Positive Technologies", "Paragon Solutions", "Circles Group"). They
 * still count, but far less than a distinctive word, so two companies sharing only such words do not match.
 */
const GENERIC = new Set(
  [
    'technologies technology tech technik technika tekhnologii teknolodzhiz',
    'solutions solution systems system services service software soft labs lab laboratories laboratory',
    'group groups holding holdings international intl global worldwide world',
    'consulting consultancy consultants consultant advisory partners partner associates',
    'security cyber cybersecurity intelligence digital data networks network communications telecom',
    'research development innovations innovation industries industry enterprises enterprise ventures',
    'management trading capital investments investment finance financial bank banking',
    'media information info it computer computing electronics engineering',
    'the and of for de la le del der und et',
    'north south east west new first united general national',
  ]
    .join(' ')
    .split(' '),
);

const FOLDED = new Set([...GENERIC].map(phoneticFold));
// The same words as Hebrew spells them ("קונסולטינג" comes back as "qvnsvltyng", not "consulting").
const ABJAD = new Set([...GENERIC].filter((w) => w.length > 3).map(abjadKey));

/**
 * A generic word, also when spelled from another script: "sekuriti" (секурити) folds to "security"'s sound, and a
 * Hebrew or Arabic one (`abjad`) is compared as Hebrew spells it.
 */
export function isGeneric(token: string, folded = phoneticFold(token), abjad = false): boolean {
  return GENERIC.has(token) || FOLDED.has(folded) || (abjad && ABJAD.has(abjadKey(token)));
}

/**
 * How much a word counts when names are compared: 1 for a distinctive word, 0.5 for a generic one. Half, not less:
 * a generic word one name has and the other lacks must still cost enough that "Paragon" does not match "Paragon
 * Solutions", nor "Kiosen Technologies" an entry called "Kiosen".
 */
export const genericWeight = (generic: boolean): number => (generic ? 0.5 : 1);
