"""Problems found in the content, worded for coordinators in Swedish and English.

Every problem names file, line and field, says what is wrong and what would be
right. The texts live here, in one table, so that the editing guide can list
them all (see `catalogue()`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

# code: (Swedish, English). Placeholders come from Problem.args.
MESSAGES: dict[str, tuple[str, str]] = {
    "yaml-tab": (
        "tabbtecken i indraget; YAML tillåter bara mellanslag – ersätt tabben med mellanslag",
        "tab character in the indentation; YAML allows only spaces – replace the tab with spaces",
    ),
    "yaml-quote": (
        "citattecknet {value} på den här raden öppnar en text som aldrig stängs – avsluta texten med samma citattecken",
        "the quotation mark {value} on this line opens a text that is never closed – end the text with the same quote",
    ),
    "yaml-syntax": (
        "filen går inte att läsa som YAML från den här raden – kontrollera indrag, kolon och citattecken",
        "the file cannot be read as YAML from this line on – check indentation, colons and quotes (the YAML reader says: {detail})",
    ),
    "yaml-indent": (
        "raden är fel indragen ('{value}') – ett fält ska ha lika många mellanslag före sig som fälten bredvid, t.ex. 'sv:' och 'en:' rakt under varandra",
        "the line is indented wrongly ('{value}') – a field must have as many spaces before it as the fields beside it, e.g. 'sv:' and 'en:' straight below each other",
    ),
    "yaml-colon": (
        "texten på raden innehåller ett kolon följt av mellanslag ('{value}') – sätt hela texten inom citattecken",
        "the text on this line holds a colon followed by a space ('{value}') – put the whole text in quotes",
    ),
    "yaml-after-quote": (
        "texten fortsätter efter citattecknet som avslutar den – sätt hela texten inom citattecken",
        "the text goes on after the quote that ends it – put the whole text in quotes",
    ),
    "yaml-bracket": (
        "en lista inom hakparentes [ ] öppnas här men stängs inte – avsluta den med ] på samma rad, med komma mellan värdena",
        "a list in brackets [ ] opens here but is not closed – end it with ] on the same line, with commas between the values",
    ),
    "yaml-documents": (
        "filen har mer än ett dokument (en rad med ---) – ta bort raden så att filen blir ett dokument",
        "the file holds more than one document (a line with ---) – remove the line so the file is one document",
    ),
    "yaml-char": (
        "filen innehåller ett otillåtet styrtecken ({value}) – ta bort det (det syns ofta inte i editorn; skriv om raden)",
        "the file contains a control character that is not allowed ({value}) – remove it (editors often do not show it; retype the line)",
    ),
    # --- the loader's limits (handbok/loader.py): what no coordinator needs and an attacker would use
    "yaml-anchor": (
        "ankaret {value} är inte tillåtet – skriv ut värdet där det behövs i stället för att hänvisa till det",
        "the anchor {value} is not allowed – write the value out where it is needed instead of referring to it",
    ),
    "yaml-alias": (
        "hänvisningen {value} (alias) är inte tillåten – skriv ut värdet här",
        "the reference {value} (alias) is not allowed – write the value out here",
    ),
    "yaml-merge": (
        "sammanslagning med '<<' är inte tillåten – skriv ut fälten här",
        "merging with '<<' is not allowed – write the fields out here",
    ),
    "yaml-tag": (
        "typmärket {value} är inte tillåtet – ta bort det; sätt texten inom citattecken om den ska läsas som text",
        "the type tag {value} is not allowed – remove it; put the text in quotes if it is meant as text",
    ),
    "too-deep": (
        "fälten ligger mer än {limit} nivåer djupt – ingen handboksfil behöver det; kontrollera indraget",
        "the fields are nested more than {limit} levels deep – no handbook file needs that; check the indentation",
    ),
    "too-many-values": (
        "filen har fler än {limit} värden – dela upp den i flera filer",
        "the file has more than {limit} values – split it into several files",
    ),
    "text-too-long": (
        "texten är {value} tecken lång, högst {limit} är tillåtet – korta den eller dela upp den",
        "the text is {value} characters long, at most {limit} are allowed – shorten it or split it",
    ),
    "file-too-big": (
        "filen är {value}, högst {limit} är tillåtet – dela upp den i flera filer",
        "the file is {value}, at most {limit} is allowed – split it into several files",
    ),
    "check-limit": (
        "kontrollen avbröts: den tog mer än {limit_sv} – filen är för stor eller för invecklad; dela upp den",
        "the check was stopped: it took more than {limit_en} – the file is too large or too involved; split it",
    ),
    "not-utf8": (
        "filen är inte sparad som UTF-8 – spara den som UTF-8 i din editor",
        "the file is not saved as UTF-8 – save it as UTF-8 in your editor",
    ),
    "not-readable": (
        "filen gick inte att läsa (den sparades eller flyttades just då, eller saknar läsrättighet) – spara den igen",
        "the file could not be read (it was being saved or moved, or may not be read) – save it again",
    ),
    "empty-file": ("filen är tom – fyll i fälten eller ta bort filen", "the file is empty – fill in the fields or delete the file"),
    "bad-key": ("fältnamnet måste vara text", "the field name must be text"),
    "bool-key": (
        "fältnamnet {value} läses som ja/nej – skriv det inom citattecken: \"{value}\":",
        "the field name {value} is read as yes/no – put it in quotes: \"{value}\":",
    ),
    "duplicate-key": (
        "fältet finns två gånger (första gången på rad {first_line}) – ta bort det ena",
        "the field appears twice (first on line {first_line}) – remove one of them",
    ),
    "duplicate-also": (
        "'{value}' står redan under also hos en annan term ({other}) – ett ord får leda till en term; ta bort det ena",
        "'{value}' is already listed under also of another term ({other}) – a word may lead to one term; remove one of them",
    ),
    "also-is-term": (
        "'{value}' är redan en term i ordlistan ('{term}', {other}) – ett ord får leda till en term; ta bort det här",
        "'{value}' is already a term of the glossary ('{term}', {other}) – a word may lead to one term; remove it here",
    ),
    "duplicate-id": (
        "id '{value}' används redan i {other} – välj ett annat id",
        "id '{value}' is already used in {other} – choose another id",
    ),
    "bad-filename": (
        "filnamnet '{value}' är inte ett giltigt id – använd små bokstäver a–z, siffror och bindestreck, t.ex. '{suggestion}.yml'",
        "the file name '{value}' is not a valid id – use lower-case a–z, digits and hyphens, e.g. '{suggestion}.yml'",
    ),
    "missing": ("fältet saknas – lägg till det{hint_sv}", "the field is missing – add it{hint_en}"),
    "missing-language": (
        "texten på {language_sv} saknas – lägg till '{lang}:' med texten",
        "the {language_en} text is missing – add '{lang}:' with the text",
    ),
    "unknown-field": (
        "okänt fält '{value}'{suggestion_sv} – tillåtna fält: {allowed}",
        "unknown field '{value}'{suggestion_en} – allowed fields: {allowed}",
    ),
    "empty-text": ("texten är tom – skriv en text", "the text is empty – write a text"),
    "html": (
        "texten innehåller HTML ('{value}') – HTML och <script> är inte tillåtna; skriv vanlig text{md_sv}",
        "the text contains HTML ('{value}') – HTML and <script> are not allowed; write plain text{md_en}",
    ),
    "wrong-type": ("fel typ: {got_sv} – här ska stå {expected_sv}", "wrong type: {got_en} – this must be {expected_en}"),
    "not-allowed-value": (
        "värdet '{value}' är inte tillåtet – välj ett av: {allowed}",
        "the value '{value}' is not allowed – choose one of: {allowed}",
    ),
    "bad-date": (
        "'{value}' är inte ett datum – skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2026-11-22",
        "'{value}' is not a date – write dates as YYYY-MM-DD, e.g. 2026-11-22",
    ),
    "bad-id": (
        "'{value}' är inte ett giltigt id – använd små bokstäver a–z, siffror och bindestreck",
        "'{value}' is not a valid id – use lower-case a–z, digits and hyphens",
    ),
    "bad-email": (
        "'{value}' är inte en e-postadress – skriv den som namn@domän.se, med @ och utan mellanslag",
        "'{value}' is not an e-mail address – write it as name@domain.se, with @ and no spaces",
    ),
    "bad-phone": (
        "'{value}' är inte ett svenskt telefonnummer – skriv t.ex. 070-174 06 10, 08-123 456 78 eller +46 70 174 06 10",
        "'{value}' is not a Swedish phone number – write e.g. 070-174 06 10, 08-123 456 78 or +46 70 174 06 10",
    ),
    "bad-url": (
        "'{value}' är inte en webbadress som börjar med https:// – skriv hela adressen, t.ex. https://www.kommun.se/",
        "'{value}' is not a web address starting with https:// – write the whole address, e.g. https://www.kommun.se/",
    ),
    "bad-contact": (
        "'{value}' är varken en e-postadress eller en webbadress med https:// – skriv t.ex. handboken@kommun.se",
        "'{value}' is neither an e-mail address nor a web address with https:// – write e.g. handboken@kommun.se",
    ),
    "unsafe-markup": (
        "'{value}' är inte tillåtet i en text – bilder, {{…}}-attribut och länkar som inte börjar med https://, "
        "mailto:, tel: eller går till en sida i handboken kan hämta från andra webbplatser eller köra skript",
        "'{value}' is not allowed in a text – images, {{…}} attributes and links that do not start with https://, "
        "mailto:, tel: or lead to a page of the handbook could fetch from other sites or run script",
    ),
    "too-short": ("listan är tom – ange minst {min} värde", "the list is empty – give at least {min} value"),
    "unknown-ref": (
        "'{value}' finns inte bland {kind_sv}{suggestion_sv} – ange ett id som finns i {folder}",
        "'{value}' is not one of the {kind_en}{suggestion_en} – give an id that exists in {folder}",
    ),
    "placeholder": (
        "platshållaren {value} står kvar – ersätt den med id:n för {kind_sv} ur {folder}",
        "the placeholder {value} is still here – replace it with ids of {kind_en} from {folder}",
    ),
    "url-removed": (
        "adressen {value} är publicerad men försvinner – behåll id:t eller lägg det gamla id:t i 'aliases' hos den nya posten",
        "the address {value} is published but would disappear – keep the id or put the old id in 'aliases' of the new item",
    ),
    "change-in-future": (
        "ändringen är daterad {value}, efter i dag ({today}) – skriv dagen då ändringen gjordes",
        "the change is dated {value}, after today ({today}) – write the day the change was made",
    ),
    "changes-order": (
        "ändringen {value} är nyare än den ovanför ({other}) – ändringshistoriken ska stå med nyast först; flytta upp den",
        "the change of {value} is newer than the one above it ({other}) – the change history must be newest first; move it up",
    ),
    "guide-cycle": (
        "frågan '{value}' leder tillbaka till sig själv ({detail}) – varje väg ska sluta i ett utfall",
        "question '{value}' leads back to itself ({detail}) – every path must end in an outcome",
    ),
    "guide-unreachable": (
        "'{value}' går inte att nå från första frågan – länka till den med yes/no eller ta bort den",
        "'{value}' cannot be reached from the first question – link to it with yes/no or remove it",
    ),
    "stale-lagrum": (
        "lagrummet kontrollerades senast {value}, för mer än 12 månader sedan – kontrollera mot gällande lag och uppdatera 'checked'",
        "the provision was last checked {value}, more than 12 months ago – check it against the law in force and update 'checked'",
    ),
    "uncovered-legal-ref": (
        "texten hänvisar till '{value}' men inget lagrum i postens 'lagrum' täcker hänvisningen{suggestion_sv} – "
        "lägg till lagrummets id i 'lagrum' (finns det inte, lägg först till det i lagrum.yml med confidence och "
        "checked_against) eller skriv om meningen",
        "the text cites '{value}' but no provision in the item's 'lagrum' covers it{suggestion_en} – add the "
        "provision's id to 'lagrum' (if it does not exist, first add it to lagrum.yml with confidence and "
        "checked_against) or reword the sentence",
    ),
    "family-abbreviation": (
        "förkortningen '{value}' förklaras inte i familjetexten – skriv ut den i samma text, t.ex. '{expansion} ({value})', eller skriv bara orden",
        "the abbreviation '{value}' is not explained in the family text – write it out in the same text, e.g. '{expansion} ({value})', or use only the words",
    ),
    "family-lix": (
        "familjetexten är för svår att läsa: LIX {value}, högst {limit} är tillåtet – skriv kortare meningar och byt långa ord mot korta",
        "the family text is too hard to read: LIX {value}, at most {limit} is allowed – write shorter sentences and swap long words for short ones",
    ),
    "todo-left": (
        "platshållaren TODO står kvar ('{value}') – skriv den riktiga texten; make build och make publish stoppar på den",
        "the placeholder TODO is still here ('{value}') – write the real text; make build and make publish stop on it",
    ),
    "invalid": ("ogiltigt värde: {detail}", "invalid value: {detail}"),
    # --- statements said once (statements.yml)
    "wording-anonymous": (
        "texten kallar något anonymt ('{value}') – en uppgift utan namn kan ändå peka ut eleven: skriv vad som "
        "utelämnas (till exempel 'utan namn och personnummer') och att den ändå kan peka ut eleven. Rapportens "
        "eget ord står i källcitatet",
        "the text calls something anonymous ('{value}') – information without a name can still point to the "
        "student: say what is left out (for example 'without name or personal identity number') and that it can "
        "still identify the student. The report's own word stays in the source passage"),
    "wording-employer": (
        "texten säger var personalen är anställd utan att säga var det gäller ('{value}') – på en del håll är "
        "skolsocionomen anställd av skolan: skriv var (till exempel 'i Stockholms ESF-projekt') eller att det "
        "kan vara ordnat på ett annat sätt",
        "the text says where staff are employed without saying where that applies ('{value}') – in some places "
        "the school social worker is employed by the school: say where (for example 'in Stockholm's ESF "
        "project') or that it may be arranged differently"),
    "family-topic": (
        "familjetexten skriver själv om {topic_sv} ('{value}') – det sägs bara en gång, i statements.yml: "
        "ta bort meningen och ange påståendets id i {where}",
        "the family text speaks of {topic_en} itself ('{value}') – that is said once only, in statements.yml: "
        "remove the sentence and give the statement's id in {where}",
    ),
    "role-duty-to-report": (
        "rollsidan ska visa vad som gäller vad familjen än svarar: lägg till '{other}' i statements",
        "the role page must show what applies whatever the family answers: add '{other}' to statements",
    ),
    "part-empty": (
        "delen saknar innehåll – skriv 'text' eller ange 'statements' (id i statements.yml)",
        "the part has no content – write 'text' or give 'statements' (ids in statements.yml)",
    ),
    "statement-confidence": (
        "confidence '{value}' är säkrare än lagrummet {other} ({detail}) – ett påstående är aldrig säkrare än sitt svagaste lagrum",
        "confidence '{value}' is surer than the provision {other} ({detail}) – a statement is never surer than its weakest provision",
    ),
    # --- local editions
    "edition-reuses-id": (
        "utgåvan använder id '{value}' som redan finns i kärnan ({other}) – en utgåva lägger bara till; välj ett eget id",
        "the edition reuses the id '{value}' that the core already has ({other}) – an edition only adds; choose an id of its own",
    ),
    "edition-unknown-ref": (
        "'{value}' finns inte bland {kind_sv}: kärnans fil {folder} finns inte (längre){suggestion_sv} – ändra hänvisningen i utgåvan",
        "'{value}' is not one of the {kind_en}: the core file {folder} does not exist (any more){suggestion_en} – change the reference in the edition",
    ),
    "edition-logo": (
        "logotypen '{value}' finns inte i utgåvans mapp – lägg SVG-filen bredvid edition.yml",
        "the logo '{value}' is not in the edition folder – put the SVG file next to edition.yml",
    ),
    "logo-unsafe": (
        "logotypen innehåller {value}, som kan köra skript eller hämta från en annan webbplats – spara logotypen som enkel SVG "
        "utan skript, händelser (on…=), länkar, inbäddade bilder eller foreignObject",
        "the logo contains {value}, which could run script or fetch from another site – save the logo as plain SVG "
        "without scripts, event handlers (on…=), links, embedded images or foreignObject",
    ),
    "logo-not-svg": (
        "logotypen går inte att läsa som SVG (XML) – spara den på nytt som SVG",
        "the logo cannot be read as SVG (XML) – save it again as SVG",
    ),
    "edition-url-removed": (
        "adressen {value} är publicerad men försvinner – behåll id:t eller lägg det gamla id:t i "
        "'aliases'; är utgåvan inte publicerad än (listan kommer från exemplet du kopierade), ta bort filen och kör "
        "make urls EDITION=… när du publicerar",
        "the address {value} is published but would disappear – keep the id or put the old id "
        "in 'aliases'; if the edition is not published yet (the list came with the example you copied), delete the file "
        "and run make urls EDITION=… when you publish",
    ),
    "routine-target": (
        "en rutin hör till ett steg eller en insats – ange precis ett av 'step' och 'toolbox'",
        "a routine belongs to a step or an insats – give exactly one of 'step' and 'toolbox'",
    ),
    "not-offered-local": (
        "'{value}' är utgåvans egen insats – ta bort filen i stället för att markera den som inte erbjuden",
        "'{value}' is the edition's own insats – remove its file instead of marking it as not offered",
    ),
    "not-offered-alternative": (
        "alternativet '{value}' erbjuds inte heller här – välj en insats som erbjuds",
        "the alternative '{value}' is not offered here either – choose an insats that is offered",
    ),
}

LANG_NAMES = {"sv": ("svenska", "Swedish"), "en": ("engelska", "English")}


@dataclass
class Problem:
    file: str
    line: int
    field: str
    code: str
    args: dict = field(default_factory=dict)

    def __init__(self, file: str, line: int, field: str, code: str, **args):
        self.file, self.line, self.field, self.code, self.args = file, line, field, code, args

    def texts(self) -> tuple[str, str]:
        sv, en = MESSAGES[self.code]
        values = _Defaults(self.args)
        return sv.format_map(values), en.format_map(values)

    def __str__(self) -> str:
        sv, en = self.texts()
        where = f"{self.file}:{self.line}: {self.field or '(filen/file)'}"
        return f"{where}: {sv}\n{' ' * 4}(en) {en}"


class _Defaults(dict):
    def __missing__(self, key):
        return ""


class ContentError(Exception):
    """Raised with every problem found, so a coordinator sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.field))
        super().__init__(self.report())

    def __reduce__(self):  # raised in a forked renderer, it reaches the build whole
        return ContentError, (self.problems,)

    def report(self) -> str:
        n = len(self.problems)
        head = f"Innehållet har {n} fel / The content has {n} problem(s):"
        return "\n".join([head, *(str(p) for p in self.problems)])


def catalogue() -> list[tuple[str, str, str]]:
    """(code, Swedish, English) for every message, for the editing guide."""
    return [(code, sv, en) for code, (sv, en) in MESSAGES.items()]
