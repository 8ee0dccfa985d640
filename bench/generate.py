#!/usr/bin/env python3
"""Deterministic benchmark data for parrainage.

Writes, into bench/data/:
  official-N.csv   a publication in the Conseil constitutionnel's 2022 format
                   (';', dd/mm/yyyy), N rows, with realistic mandate types,
                   départements, candidates and dates, mayors of real communes
                   (the project's src/official/communes.tsv), accents, homonyms
                   (same name and département, another mandate), a candidate
                   spelled with and without an accent, and a few officials
                   listed twice (which count once);
  official-N.json  what a correct tool must find in it;
  campaign-N.csv   a campaign ledger of N distinct officials for one candidate
                   (and campaign-N.json, its count of each status);
  claims-N.csv     a campaign ledger of N claims for the import benchmark,
                   built from official-M.csv: some published for the candidate,
                   some for another, some not published;
  register/        a register of elected officials shaped like the RNE files of
                   April-May 2026 (the same ten files, their forms and sizes:
                   32,475 mayors, quoted and unquoted files, ISO and dd/mm/yyyy
                   dates, Corsica and the Alsace section with no unit), with
                   history-2017.csv and history-2022.csv, past publications in
                   the 2017 and 2022 formats of which about half the rows are
                   persons of the register (under fewer first names, another
                   mandate), and register.json, what a correct tool finds
                   (persons, and each file's rows matched and ambiguous, by
                   RULES.md section 7).

Only the standard library: same seed, same bytes, on any machine.
Usage: generate.py official N | campaign N | claims N M | register
"""

import json
import random
import sys
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# (label masculine, label feminine, weight) from the 2022 publication.
MANDATES = [
    ("Maire", "Maire", 8713),
    ("Conseiller départemental", "Conseillère départementale", 1594),
    ("Conseiller régional", "Conseillère régionale", 1092),
    ("Maire délégué d'une commune associée ou d'une commune déléguée",
     "Maire déléguée d'une commune associée ou d'une commune déléguée", 468),
    ("Député", "Députée", 530),
    ("Sénateur", "Sénatrice", 296),
    ("Membre d'une assemblée d'une collectivité territoriale d'outre-mer à statut particulier",
     "Membre d'une assemblée d'une collectivité territoriale d'outre-mer à statut particulier", 150),
    ("Conseiller de Paris", "Conseillère de Paris", 131),
    ("Conseiller métropolitain de Lyon", "Conseillère métropolitaine de Lyon", 106),
    ("Président d'un EPCI à fiscalité propre", "Présidente d'un EPCI à fiscalité propre", 74),
    ("Président du conseil consulaire", "Présidente du conseil consulaire", 81),
    ("Conseiller à l'Assemblée des Français de l'étranger",
     "Conseillère à l'Assemblée des Français de l'étranger", 69),
    ("Représentant français au Parlement européen", "Représentante française au Parlement européen", 66),
    ("Membre de l'Assemblée de Corse", "Membre de l'Assemblée de Corse", 28),
    ("Maire d'arrondissement", "Maire d'arrondissement", 27),
]
CODES = {
    "Maire": "mayor", "Conseiller départemental": "departmental-councillor",
    "Conseiller régional": "regional-councillor", "Député": "deputy", "Sénateur": "senator",
    "Conseiller de Paris": "paris-councillor", "Conseiller métropolitain de Lyon": "lyon-councillor",
    "Président d'un EPCI à fiscalité propre": "epci-president",
    "Président du conseil consulaire": "consular-president",
    "Conseiller à l'Assemblée des Français de l'étranger": "afe-councillor",
    "Représentant français au Parlement européen": "mep",
    "Membre de l'Assemblée de Corse": "corsica-councillor", "Maire d'arrondissement": "arrondissement-mayor",
    "Maire délégué d'une commune associée ou d'une commune déléguée": "delegate-mayor",
    "Membre d'une assemblée d'une collectivité territoriale d'outre-mer à statut particulier":
        "overseas-councillor",
}
DEPARTMENTS = [
    ("01", "Ain"), ("02", "Aisne"), ("03", "Allier"), ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"), ("06", "Alpes-Maritimes"), ("07", "Ardèche"), ("08", "Ardennes"),
    ("09", "Ariège"), ("10", "Aube"), ("11", "Aude"), ("12", "Aveyron"), ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"), ("15", "Cantal"), ("16", "Charente"), ("17", "Charente-Maritime"),
    ("18", "Cher"), ("19", "Corrèze"), ("21", "Côte-d'Or"), ("22", "Côtes-d'Armor"), ("23", "Creuse"),
    ("24", "Dordogne"), ("25", "Doubs"), ("26", "Drôme"), ("27", "Eure"), ("28", "Eure-et-Loir"),
    ("29", "Finistère"), ("30", "Gard"), ("31", "Haute-Garonne"), ("32", "Gers"), ("33", "Gironde"),
    ("34", "Hérault"), ("35", "Ille-et-Vilaine"), ("36", "Indre"), ("37", "Indre-et-Loire"),
    ("38", "Isère"), ("39", "Jura"), ("40", "Landes"), ("41", "Loir-et-Cher"), ("42", "Loire"),
    ("43", "Haute-Loire"), ("44", "Loire-Atlantique"), ("45", "Loiret"), ("46", "Lot"),
    ("47", "Lot-et-Garonne"), ("48", "Lozère"), ("49", "Maine-et-Loire"), ("50", "Manche"),
    ("51", "Marne"), ("52", "Haute-Marne"), ("53", "Mayenne"), ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"), ("56", "Morbihan"), ("57", "Moselle"), ("58", "Nièvre"), ("59", "Nord"),
    ("60", "Oise"), ("61", "Orne"), ("62", "Pas-de-Calais"), ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"), ("65", "Hautes-Pyrénées"), ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"), ("68", "Haut-Rhin"), ("69", "Rhône"), ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"), ("72", "Sarthe"), ("73", "Savoie"), ("74", "Haute-Savoie"),
    ("75", "Paris"), ("76", "Seine-Maritime"), ("77", "Seine-et-Marne"), ("78", "Yvelines"),
    ("79", "Deux-Sèvres"), ("80", "Somme"), ("81", "Tarn"), ("82", "Tarn-et-Garonne"), ("83", "Var"),
    ("84", "Vaucluse"), ("85", "Vendée"), ("86", "Vienne"), ("87", "Haute-Vienne"), ("88", "Vosges"),
    ("89", "Yonne"), ("90", "Territoire de Belfort"), ("91", "Essonne"), ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"), ("94", "Val-de-Marne"), ("95", "Val-d'Oise"), ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"), ("971", "Guadeloupe"), ("972", "Martinique"), ("973", "Guyane"),
    ("974", "La Réunion"), ("976", "Mayotte"),
]
OVERSEAS_UNITS = [("987", "Polynésie française"), ("988", "Nouvelle-Calédonie"),
                  ("975", "Saint-Pierre-et-Miquelon"), ("986", "Wallis et Futuna")]
LAST = ("MARTIN BERNARD THOMAS PETIT ROBERT RICHARD DURAND DUBOIS MOREAU LAURENT SIMON MICHEL "
        "LEFÈBVRE LEROY ROUX DAVID BERTRAND MOREL FOURNIER GIRARD BONNET DUPONT LAMBERT FONTAINE "
        "ROUSSEAU VINCENT MULLER LEFÈVRE FAURE ANDRÉ MERCIER BLANC GUÉRIN BOYER GARNIER CHEVALIER "
        "FRANÇOIS LEGRAND GAUTHIER GARCIA PERRIN ROBIN CLÉMENT MORIN NICOLAS HENRY ROUSSEL MATHIEU "
        "GAUTIER MASSON MARCHAND DUVAL DENIS DUMONT MARIE LEMAIRE NOËL MEYER DUFOUR MEUNIER BRUN "
        "BLANCHARD GIRAUD JOLY RIVIÈRE LUCAS BRUNET GAILLARD BARBIER ARNAUD MARTINEZ GÉRARD ROCHE "
        "RENARD SCHMITT ROY LEROUX COLIN VIDAL CARON PICARD ROGER FABRE AUBERT LEMOINE RENAUD DUMAS "
        "LACROIX OLIVIER PHILIPPE BOURGEOIS PIERRE BENOÎT REY LECLERC PAYET ROLLAND LECLERCQ GUILLAUME "
        "LECOMTE LOPEZ JEAN DUPUY GUILLOT HUBERT BERGER CARPENTIER SANCHEZ DUPUIS MOULIN LOUIS "
        "DESCHAMPS HUET VASSEUR PEREZ BOUCHER FLEURY ROYER KLEIN JACQUET ADAM PARIS POIRIER MARTY "
        "AUBRY GUYOT CARRÉ CHARLES RENAULT CHARPENTIER MÉNARD MAILLARD BARON BERTIN BAILLY HERVÉ "
        "SCHNEIDER FERNANDEZ LE GALL COLLET LÉGER BOUVIER JULIEN PRÉVOST MILLET PERROT DANIEL LE ROUX "
        "COUSIN GERMAIN BRETON BESSON LANGLOIS RÉMY LE GOFF PELLETIER LÉVÊQUE PERRIER LEBLANC BARRÉ "
        "LEBRUN MARCHAL WEBER MALLET HAMON BOULANGER JACOB MONNIER MICHAUD RODRIGUEZ GUICHARD GILLET "
        "ÉTIENNE GRONDIN POULAIN TESSIER CHEVALLIER COLLIN CHAUVIN DA SILVA BOUCHET GAY LEMAÎTRE "
        "BENARD MARÉCHAL HUMBERT REYNAUD ANTOINE HOARAU PERRET BARTHÉLEMY CORDIER PICHON LEJEUNE "
        "GILBERT LAMY DELAUNAY PASQUIER CARLIER LAPORTE").split()
FIRST_M = ("Jean Pierre Michel André Philippe René Louis Alain Jacques Bernard Marcel Daniel Roger "
           "Robert Paul Claude Christian Henri Georges Nicolas François Patrick Gérard Christophe "
           "Joseph Julien Maurice Raymond Pascal Frédéric Éric Stéphane Hervé Thierry Jérôme Gilles "
           "Jean-Paul Jean-Claude Jean-Pierre Jean-Luc Jean-François Xavier Sébastien Olivier Benoît "
           "Yves Guy Noël Lucien Émile Rémi Hugues").split()
FIRST_F = ("Marie Jeanne Françoise Monique Catherine Nathalie Isabelle Sylvie Anne Martine Christine "
           "Valérie Sandrine Sophie Véronique Nicole Chantal Brigitte Céline Hélène Patricia Laurence "
           "Élisabeth Dominique Agnès Béatrice Émilie Odile Geneviève Josiane Marie-Claude Anne-Marie "
           "Marie-Hélène Mélanie Aurélie Corinne Régine Thérèse Cécile Inès").split()
# Candidates with weights: a few large campaigns, many small ones, as in 2022.
CANDIDATES = [
    ("DUPRÉ Amélie", 2636), ("MARCHAND Étienne", 2098), ("HUGO Anne", 1440), ("MÉLIÈS Jean-Luc", 906),
    ("ZOLA Éric", 741), ("JAURÈS Yannick", 712), ("LASSERRE Jean", 642), ("ROUSSET Fabien", 626),
    ("LE BRAS Marine", 622), ("DUPONT-AUBERT Nicolas", 600), ("POULET Philippe", 596),
    ("ARTAUD Nathalie", 576), ("ASSELIN François", 293), ("TAUPIN Christiane", 274),
    ("KAZAN Anasse", 160), ("THOURET Hélène", 139), ("KŒNIG Gaspard", 107),
] + [(f"PETITCANDIDAT{i:02d} Léa", max(1, 49 - i)) for i in range(40)]
# A candidate the publication spells two ways (BÉKAERT / BEKAERT in 2022).
ACCENT_VARIANT = ("BÉRARD Corinne", "BERARD Corinne")
DATES = ["01/02/2022", "03/02/2022", "08/02/2022", "10/02/2022", "15/02/2022", "17/02/2022",
         "22/02/2022", "24/02/2022", "01/03/2022", "03/03/2022", "07/03/2022"]
DATE_WEIGHTS = [313, 1756, 3018, 1139, 1851, 593, 948, 648, 1523, 963, 676]


def read_places():
    """The project's official list of communes (src/official/communes.tsv):
    mayors sit in real communes, so that `check` looks each one up and
    finds it, as it does a real ledger's."""
    places = {}
    table = Path(__file__).resolve().parent.parent / "src" / "official" / "communes.tsv"
    with open(table, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            kind, _code, department, name = line.rstrip("\n").split("\t")[:4]
            kind = "DA" if kind in ("D", "A") else kind
            places.setdefault((kind, department), []).append(name)
    return places


PLACES = read_places()


def fold(text):
    """The tool's folding: lower case, no accents, letters and digits only."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c.lower() for c in decomposed if not unicodedata.combining(c) and c.isalnum())


class Officials:
    """Draws distinct officials with realistic attributes."""

    def __init__(self, rng):
        self.rng = rng
        self.mandates = [m for m in MANDATES]
        self.mandate_weights = [m[2] for m in MANDATES]
        self.seen = set()

    def draw(self):
        rng = self.rng
        while True:
            masculine, feminine, _ = rng.choices(self.mandates, self.mandate_weights)[0]
            woman = rng.random() < 0.3
            civility = "Mme" if woman else "M."
            label = feminine if woman else masculine
            first = rng.choice(FIRST_F if woman else FIRST_M)
            last = rng.choice(LAST)
            # A second word makes most names distinct at a million rows.
            if rng.random() < 0.9:
                last = f"{last}-{rng.choice(LAST)}"
            circ = ""
            if masculine == "Représentant français au Parlement européen":
                dept = ("EU", "Parlement européen")
            elif masculine in ("Président du conseil consulaire",
                               "Conseiller à l'Assemblée des Français de l'étranger"):
                dept = ("ZZ", "Français de l'étranger")
                circ = f"Circonscription {rng.randint(1, 15)}, {rng.choice(['Allemagne', 'Suisse', 'Canada'])}"
            elif masculine.startswith("Membre d'une assemblée"):
                dept = rng.choice(OVERSEAS_UNITS)
            elif masculine == "Membre de l'Assemblée de Corse":
                dept = rng.choice([("2A", "Corse-du-Sud"), ("2B", "Haute-Corse")])
            elif masculine == "Conseiller de Paris":
                dept = ("75", "Paris")
            elif masculine == "Conseiller métropolitain de Lyon":
                dept = ("69", "Rhône")
            elif masculine in ("Député", "Sénateur") and rng.random() < 0.03:
                dept = ("ZZ", "Français de l'étranger")
            else:
                dept = rng.choice(DEPARTMENTS)
            if masculine == "Maire":
                circ = rng.choice(PLACES[("C", dept[0])])
            elif masculine == "Maire délégué d'une commune associée ou d'une commune déléguée":
                circ = rng.choice(PLACES.get(("DA", dept[0])) or PLACES[("C", dept[0])])
            elif masculine == "Maire d'arrondissement":
                dept = rng.choice([("13", "Bouches-du-Rhône"), ("69", "Rhône"), ("75", "Paris")])
                circ = rng.choice(PLACES[("M", dept[0])])
            elif masculine == "Président d'un EPCI à fiscalité propre":
                circ = f"CC {rng.choice(['du Pays de', 'de la Vallée de', 'des Monts de'])} " \
                       f"{rng.choice(LAST).capitalize()}-{rng.randint(1, 999)}"
            elif masculine == "Conseiller régional":
                circ = rng.choice(["Hauts-de-France", "Grand Est", "Occitanie", "Bretagne", "Normandie"])
            key = (fold(last), fold(first), dept[0], masculine, fold(circ))
            if key in self.seen:
                continue
            self.seen.add(key)
            return {"civility": civility, "last": last, "first": first, "label": label,
                    "code": CODES[masculine], "circ": circ, "dept": dept, "key": key}


def official(rows):
    rng = random.Random(2022 + rows)
    officials = Officials(rng)
    names = [c[0] for c in CANDIDATES] + [ACCENT_VARIANT[0]]
    weights = [c[1] for c in CANDIDATES] + [6]
    out_path = DATA / f"official-{rows}.csv"
    validated = {}       # folded candidate -> distinct officials
    raw = {}             # candidate as written -> rows
    written = []         # a sample of rows, to repeat as duplicates
    duplicates = 0
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        out.write("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\r\n")
        for i in range(rows):
            if written and rng.random() < 0.0005:
                # The same official listed again, sometimes under the other
                # spelling of the candidate: counts once.
                row = rng.choice(written)
                candidate = row["candidate"]
                if candidate == ACCENT_VARIANT[0]:
                    candidate = ACCENT_VARIANT[1]
                person = row
                duplicates += 1
            else:
                person = officials.draw()
                candidate = rng.choices(names, weights)[0]
                validated[fold(candidate)] = validated.get(fold(candidate), 0) + 1
                if len(written) < 10_000:
                    written.append(dict(person, candidate=candidate))
            raw[candidate] = raw.get(candidate, 0) + 1
            date = rng.choices(DATES, DATE_WEIGHTS)[0]
            circ = person["circ"]
            # Quoted only where ';' needs it, as the Conseil's files are.
            if ";" in circ or '"' in circ:
                circ = '"' + circ.replace('"', '""') + '"'
            out.write(f"{person['civility']};{person['last']};{person['first']};{person['label']};"
                      f"{circ};{person['dept'][1]};{candidate};{date}\r\n")
    expected = {"rows": rows, "duplicates": duplicates, "validated_total": sum(validated.values()),
                "validated_by_folded_candidate": validated, "rows_by_candidate": raw}
    (DATA / f"official-{rows}.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1))


def campaign(rows):
    rng = random.Random(7 + rows)
    officials = Officials(rng)
    by_status = {"claimed": 0, "sent": 0, "validated": 0, "withdrawn": 0}
    with open(DATA / f"campaign-{rows}.csv", "w", encoding="utf-8", newline="") as out:
        out.write("status,candidate,civility,last_name,first_name,mandate,circonscription,department,"
                  "claimed_on,published_on,source,notes\n")
        for i in range(rows):
            person = officials.draw()
            status = rng.choices(["claimed", "sent", "validated", "withdrawn"], [50, 15, 30, 5])[0]
            by_status[status] += 1
            published = ""
            if status == "validated":
                d, m, y = rng.choices(DATES, DATE_WEIGHTS)[0].split("/")
                published = f"{y}-{m}-{d}"
            circ = person["circ"]
            if "," in circ:
                circ = f'"{circ}"'
            out.write(f"{status},DUPRÉ Amélie,{person['civility']},{person['last']},{person['first']},"
                      f"{person['code']},{circ},{person['dept'][0]},2021-{rng.randint(9, 12):02d}-"
                      f"{rng.randint(1, 28):02d},{published},bench,\n")
    (DATA / f"campaign-{rows}.json").write_text(json.dumps({"rows": rows, "by_status": by_status}, indent=1))


def claims(rows, publication_rows):
    """A ledger of `rows` claims for DUPRÉ Amélie against official-M.csv:
    40% published for her, 10% published for someone else, 50% unpublished."""
    rng = random.Random(11 + rows)
    import csv
    mine, others = [], []
    with open(DATA / f"official-{publication_rows}.csv", encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        seen = set()
        for row in reader:
            key = (fold(row[1]), fold(row[2]), fold(row[5]), fold(row[3]), fold(row[4]))
            if key in seen:
                continue
            seen.add(key)
            target = mine if fold(row[6]) == fold("DUPRÉ Amélie") else others
            if len(target) < rows:
                target.append(row)
    published_mine = rng.sample(mine, int(rows * 0.4))
    published_other = rng.sample(others, int(rows * 0.1))
    officials = Officials(rng)
    officials.seen = {(fold(r[1]), fold(r[2])) for r in mine + others}
    with open(DATA / f"claims-{rows}.csv", "w", encoding="utf-8", newline="") as out:
        out.write("status,candidate,civility,last_name,first_name,mandate,circonscription,department,"
                  "claimed_on,published_on,source,notes\n")
        def line(civility, last, first, mandate, circ, dept):
            if "," in circ:
                circ = f'"{circ}"'
            out.write(f"claimed,DUPRÉ Amélie,{civility},{last},{first},{mandate},{circ},{dept},"
                      f"2021-11-{rng.randint(1, 28):02d},,bench,\n")
        for row in published_mine + published_other:
            # Volunteers type without accents, in other cases.
            last = fold_accents(row[1]) if rng.random() < 0.3 else row[1]
            line(row[0], last, row[2], row[3], row[4], row[5])
        for _ in range(rows - len(published_mine) - len(published_other)):
            p = officials.draw()
            line(p["civility"], p["last"] + "-INEDIT", p["first"], p["code"], p["circ"], p["dept"][0])
    expected = {"claims": rows, "confirmed": len(published_mine), "lost": len(published_other),
                "pending": rows - len(published_mine) - len(published_other),
                "added": len(mine_all(publication_rows)) - len(published_mine)}
    (DATA / f"claims-{rows}.json").write_text(json.dumps(expected, indent=1))


def mine_all(publication_rows):
    import csv
    seen = set()
    with open(DATA / f"official-{publication_rows}.csv", encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        for row in reader:
            if fold(row[6]) == fold("DUPRÉ Amélie"):
                seen.add((fold(row[1]), fold(row[2]), fold(row[5]), fold(row[3]), fold(row[4])))
    return seen


# The register of elected officials (RULES.md section 6), as the April-May 2026
# files are: (file, rows).
REGISTER_FILES = {
    "mayors": ("elus-maires-mai.csv", 32_475),
    "cd": ("elus-conseillers-departementaux-cd.csv", 4_037),
    "cr": ("elus-conseillers-regionaux-cr.csv", 1_744),
    "ma": ("elus-membres-dune-assemblee-ma.csv", 588),
    "dep": ("elus-deputes-dep.csv", 577),
    "sen": ("elus-senateurs-sen.csv", 348),
    "rpe": ("elus-representant-parlement-europeen-rpe.csv", 81),
    "afe": ("elus-assemblee-des-francais-de-letranger-afe.csv", 89),
    "cons": ("elus-conseillers-des-francais-de-letranger-cons.csv", 441),
    "ca": ("elus-conseillers-arrondissements-ca.csv", 1_027),
}
CSP = '38;"Ingénieur et cadre technique d\'entreprise"'
# Labels of each mandate type in the two publication formats.
PUBLISHED_LABELS = {
    "mayor": ("Maire", "Maire"),
    "departmental-councillor": ("Conseiller/ère départemental-e", "Conseiller départemental"),
    "regional-councillor": ("Conseiller/ère régional-e", "Conseiller régional"),
    "corsica-councillor": ("Membre de l'assemblée de Corse", "Membre de l'Assemblée de Corse"),
    "lyon-councillor": ("Conseiller/ère métropolitain-e de Lyon", "Conseiller métropolitain de Lyon"),
    "overseas-councillor": ("Membre de l'assemblée de Guyane",
                            "Membre d'une assemblée d'une collectivité territoriale d'outre-mer à statut particulier"),
    "deputy": ("Député-e", "Député"),
    "senator": ("Sénateur/trice", "Sénateur"),
    "mep": ("Représentant-e français-e au Parlement européen", "Représentant français au Parlement européen"),
    "afe-councillor": ("Membre élu-e de l'assemblée des Français de l'étranger",
                       "Conseiller à l'Assemblée des Français de l'étranger"),
    "arrondissement-mayor": ("Maire d'arrondissement", "Maire d'arrondissement"),
}
UNIT_NAMES = dict(DEPARTMENTS + OVERSEAS_UNITS + [("ZZ", "Français de l'étranger"), ("EU", "Parlement européen"),
                                                   ("67", "Bas-Rhin"), ("68", "Haut-Rhin")])


def loose_first_names(a, b):
    """RULES.md section 1's looser rule, either way: the fewer first names,
    folded, are the first words of the others."""
    def words(text):
        return [fold(w) for w in text.split() if fold(w)]
    def leads(claim, published):
        ours, leading = fold(claim), ""
        if not ours:
            return False
        for word in words(published):
            leading += word
            if leading == ours:
                return True
            if len(leading) >= len(ours):
                return False
        return False
    return leads(a, b) or leads(b, a)


def register():
    rng = random.Random(2026)
    out_dir = DATA / "register"
    out_dir.mkdir(parents=True, exist_ok=True)
    persons = {}      # (folded last, folded first, birth) -> {"last", "first", "units", "mandates"}

    def person(units):
        woman = rng.random() < 0.4
        first = rng.choice(FIRST_F if woman else FIRST_M)
        if rng.random() < 0.15:
            first += " " + rng.choice(FIRST_F if woman else FIRST_M)
        last = rng.choice(LAST)
        if rng.random() < 0.7:
            last += rng.choice([" ", "-"]) + rng.choice(LAST)
        birth = f"{rng.randint(1940, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return {"last": last, "first": first, "sex": "F" if woman else "M", "birth": birth}

    def held(p, mandate, units):
        key = (fold(p["last"]), fold(p["first"]), p["birth"])
        entry = persons.setdefault(key, {"last": p["last"], "first": p["first"], "units": set(), "mandates": []})
        entry["units"] |= set(units)
        entry["mandates"].append((mandate, tuple(units)))

    def iso(p):
        return p["birth"]

    def french(p):
        y, m, d = p["birth"].split("-")
        return f"{d}/{m}/{y}"

    mayors_by_unit = {}
    units = [code for code, _ in DEPARTMENTS]
    # Mayors: most communes of each unit (the register lags), unquoted,
    # dd/mm/yyyy, as the mayors' file is.
    path, rows = REGISTER_FILES["mayors"]
    communes = [(code, name) for code in units for name in PLACES.get(("C", code), [])]
    kept = sorted(rng.sample(range(len(communes)), rows))
    with open(out_dir / path, "w", encoding="utf-8", newline="") as out:
        out.write("Code du département;Libellé du département;Code de la collectivité à statut particulier;"
                  "Libellé de la collectivité à statut particulier;Code de la commune;Libellé de la commune;"
                  "Nom de l'élu;Prénom de l'élu;Code sexe;Date de naissance;"
                  "Code de la catégorie socio-professionnelle;Libellé de la catégorie socio-professionnelle;"
                  "Date de début du mandat;Date de début de la fonction\n")
        for k in kept:
            code, name = communes[k]
            p = person([code])
            mayors_by_unit.setdefault(code, []).append(p)
            held(p, "mayor", [code])
            out.write(f"{code};{UNIT_NAMES[code]};;;{code}{k % 1000:03d};{name};{p['last']};{p['first']};"
                      f"{p['sex']};{french(p)};38;Ingénieur;15/03/2026;23/03/2026\n")

    def quoted(path, header, lines):
        with open(out_dir / path, "w", encoding="utf-8", newline="") as out:
            out.write(";".join(f'"{h}"' for h in header) + "\r\n")
            for line in lines:
                out.write(line + "\r\n")

    def someone(code):
        # A tenth of the councillors are mayors too: one person, two mandates.
        if code in mayors_by_unit and rng.random() < 0.1:
            return rng.choice(mayors_by_unit[code])
        return person([code])

    name_cols = ["Nom de l'élu", "Prénom de l'élu", "Code sexe", "Date de naissance",
                 "Code de la catégorie socio-professionnelle", "Libellé de la catégorie socio-professionnelle",
                 "Date de début du mandat"]
    # Departmental councillors: quoted, ISO dates, unpadded codes; the
    # Collectivité européenne d'Alsace by its cantons (67xx, 68xx).
    path, rows = REGISTER_FILES["cd"]
    lines = []
    for i in range(rows):
        code = "6AE" if i < 80 else rng.choice([u for u in units if u not in ("67", "68", "75")])
        if code == "6AE":
            canton = f"{rng.choice(['67', '68'])}{rng.randint(1, 20):02d}"
        else:
            canton = f"{code}{rng.randint(1, 30):02d}"
        unit = canton[:2] if code == "6AE" else code
        p = someone(unit)
        held(p, "departmental-councillor", [unit])
        lines.append(f'{code.lstrip("0")};"{UNIT_NAMES.get(unit)}";{canton};"Canton {canton}";"{p["last"]}";'
                     f'"{p["first"]}";"{p["sex"]}";{iso(p)};{CSP};2021-07-01;;')
    quoted(path, ["Code du département", "Libellé du département", "Code du canton", "Libellé du canton"]
           + name_cols + ["Libellé de la fonction", "Date de début de la fonction"], lines)
    # Regional councillors by section; the Alsace section says no unit.
    path, rows = REGISTER_FILES["cr"]
    lines = []
    for i in range(rows):
        section = "6AE" if i < 61 else ("69M" if i < 120 else rng.choice(units))
        unit = {"6AE": None, "69M": "69"}.get(section, section)
        p = someone(unit) if unit else person([])
        held(p, "regional-councillor", [unit] if unit else ["67", "68"])
        lines.append(f'"{rng.randint(1, 94)}";"Région";"{section}";"Section {section}";"{p["last"]}";"{p["first"]}";'
                     f'"{p["sex"]}";{iso(p)};{CSP};2021-07-02;;')
    quoted(path, ["Code de la région", "Libellé de la région", "Code de la section départementale",
                  "Libellé de la section départementale"] + name_cols
           + ["Libellé de la fonction", "Date de début de la fonction"], lines)
    # Members of an assembly: Corsica (no unit), Lyon, the overseas ones.
    path, rows = REGISTER_FILES["ma"]
    lines = []
    for i in range(rows):
        p = person([])
        if i < 62:
            held(p, "corsica-councillor", ["2A", "2B"])
            lines.append(f';;;;94;"Corse";;;;;"{p["last"]}";"{p["first"]}";"{p["sex"]}";{iso(p)};{CSP};2021-07-02;;')
        elif i < 212:
            held(p, "lyon-councillor", ["69"])
            lines.append(f'"84";"Auvergne-Rhône-Alpes";"69";"Rhône";"69M";"Métropole De Lyon";;;"69001";"Lyon";'
                         f'"{p["last"]}";"{p["first"]}";"{p["sex"]}";{iso(p)};{CSP};2020-07-02;;')
        else:
            code = rng.choice(["972", "973", "987", "988", "975"])
            held(p, "overseas-councillor", [code])
            lines.append(f';;"{code}";"{UNIT_NAMES.get(code, code)}";"{code}";"{UNIT_NAMES.get(code, code)}";;;;;'
                         f'"{p["last"]}";"{p["first"]}";"{p["sex"]}";{iso(p)};{CSP};2021-07-02;;')
    quoted(path, ["Code de la région", "Libellé de la région", "Code du département", "Libellé du  département",
                  "Code de la collectivité à statut particulier", "Libellé de la collectivité à statut particulier",
                  "Code de la section - collectivité à statut particulier",
                  "Libellé de la section - collectivité à statut particulier",
                  "Code de la circonscription métropolitaine", "Libellé de la circonscription métropolitaine"]
           + name_cols + ["Libellé de la fonction", "Date de début de la fonction"], lines)
    # Deputies, by constituency; the French abroad under ZZ.
    path, rows = REGISTER_FILES["dep"]
    lines = []
    for i in range(rows):
        code = "ZZ" if i < 11 else rng.choice(units)
        n = rng.randint(1, 12)
        p = someone(code)
        held(p, "deputy", [code])
        label = "1Ère Circonscription" if n == 1 else f"{n}Ème Circonscription"
        lines.append(f'"{code}";"{UNIT_NAMES[code]}";;;{code}{n:02d};"{label}";"{p["last"]}";"{p["first"]}";'
                     f'"{p["sex"]}";{iso(p)};{CSP};2024-07-08')
    quoted(path, ["Code du département", "Libellé du département", "Code de la collectivité à statut particulier",
                  "Libellé de la collectivité à statut particulier", "Code de la circonscription législative",
                  "Libellé de la circonscription législative"] + name_cols, lines)
    path, rows = REGISTER_FILES["sen"]
    lines = []
    for _ in range(rows):
        code = rng.choice(units)
        p = someone(code)
        held(p, "senator", [code])
        lines.append(f'"{code}";"{UNIT_NAMES[code]}";;;"{p["last"]}";"{p["first"]}";"{p["sex"]}";{iso(p)};{CSP};'
                     '2020-10-01')
    quoted(path, ["Code du département", "Libellé du département", "Code de la collectivité à statut particulier",
                  "Libellé de la collectivité à statut particulier"] + name_cols, lines)
    path, rows = REGISTER_FILES["rpe"]
    lines = []
    for _ in range(rows):
        p = person(["EU"])
        held(p, "mep", ["EU"])
        lines.append(f'"{p["last"]}";"{p["first"]}";"{p["sex"]}";{iso(p)};{CSP};2024-07-16')
    quoted(path, name_cols, lines)
    path, rows = REGISTER_FILES["afe"]
    lines = []
    for _ in range(rows):
        p = person(["ZZ"])
        held(p, "afe-councillor", ["ZZ"])
        lines.append(f'{rng.randint(1, 15)};"Canada";"{p["last"]}";"{p["first"]}";"{p["sex"]}";{iso(p)};{CSP};'
                     f'2021-12-06;;')
    quoted(path, ["Code de la circ. AFE", "Libellé la circ. AFE"] + name_cols
           + ["Libellé de la fonction", "Date de début de la fonction"], lines)
    # Consular councillors: their presidents only may sponsor.
    path, rows = REGISTER_FILES["cons"]
    lines = []
    for i in range(rows):
        p = person(["ZZ"])
        president = i % 3 == 0
        if president:
            held(p, "consular-president", ["ZZ"])
        function = '"Président du conseil consulaire"' if president else ""
        lines.append(f'1;"Canada";101;"Canada - 1re circonscription";"{p["last"]}";"{p["first"]}";"{p["sex"]}";'
                     f'{iso(p)};"Rouen";{CSP};2021-05-31;{function};2021-05-31')
    quoted(path, ["Code de la circonscription AFE", "Libellé la circonscription AFE",
                  "Code de la circonscription consulaire", "Libellé de la circonscription consulaire",
                  "Nom de l'élu", "Prénom de l'élu", "Code sexe", "Date de naissance", "Lieu de naissance",
                  "Code de la catégorie socio-professionnelle", "Libellé de la catégorie socio-professionnelle",
                  "Date de début du mandat", "Libellé de la fonction", "Date de début de la fonction"], lines)
    # Arrondissement councillors: their mayors only may sponsor.
    path, rows = REGISTER_FILES["ca"]
    lines = []
    for i in range(rows):
        code = rng.choice(["13", "69", "75"])
        p = person([code])
        mayor = i % 23 == 0
        if mayor:
            held(p, "arrondissement-mayor", [code])
        function = "\"Maire d'arrondissement\"" if mayor else ""
        lines.append(f'{code};"{UNIT_NAMES[code]}";{code}055;"Ville";"Secteur {i % 8 + 1}";"{p["last"]}";'
                     f'"{p["first"]}";"{p["sex"]}";{iso(p)};{CSP};2026-03-22;{function};2026-03-22')
    quoted(path, ["Code du département", "Libellé du département", "Code de la commune", "Libellé de la commune",
                  "Libellé du secteur"] + name_cols + ["Libellé de la fonction", "Date de début de la fonction"],
           lines)

    # Past publications: about half their rows are persons of the register
    # (sometimes under their first first name only, or under a mandate they
    # held then and no longer), the rest officials it does not hold.
    everyone = list(persons.values())
    expected_history = []
    for year, rows, dates in ((2017, 14_296, ["01/03/2017", "03/03/2017", "07/03/2017", "10/03/2017",
                                               "14/03/2017", "18/03/2017"]),
                              (2022, 13_428, DATES)):
        name = f"history-{year}.csv"
        published = []
        # Each person once: an official sponsors once an election.
        ours = iter(rng.sample(everyone, rows // 2 + 1))
        for _ in range(rows):
            if rng.random() < 0.5:
                p = next(ours, None) or rng.choice(everyone)
                mandate, mandate_units = rng.choice(p["mandates"])
                unit = rng.choice(sorted(mandate_units))
                if mandate not in PUBLISHED_LABELS:
                    # A consular president then sat at the AFE.
                    mandate = "afe-councillor"
                elif rng.random() < 0.2 and ("C", unit) in PLACES:
                    # Mayor then, another mandate now.
                    mandate = "mayor"
                first = p["first"].split()[0] if rng.random() < 0.3 else p["first"]
                published.append((p["last"], first, mandate, unit))
            else:
                q = person([])
                unit = rng.choice(units)
                published.append((q["last"] + "-Passé", q["first"], "mayor", unit))
        with open(DATA / name, "w", encoding="utf-8", newline="") as out:
            if year == 2017:
                out.write("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat-e parrainé-e;"
                          "Date de publication\r\n")
            else:
                out.write("Civilité;Nom;Prénom;Mandat;Circonscription;Département;Candidat;Date de publication\n")
            for last, first, mandate, unit in published:
                label = PUBLISHED_LABELS[mandate][0 if year == 2017 else 1]
                unit_name = "Corse du Sud" if year == 2017 and unit == "2A" else UNIT_NAMES[unit]
                candidate = rng.choices([c[0] for c in CANDIDATES], [c[1] for c in CANDIDATES])[0]
                if year == 2017:
                    candidate = fold_accents(candidate.split()[0]) + " " + " ".join(candidate.split()[1:])
                civility = ("M" if year == 2017 else "M.") if rng.random() < 0.6 else "Mme"
                place = rng.choice(PLACES.get(("C", unit), [""])) if mandate == "mayor" else ""
                end = "\r\n" if year == 2017 else "\n"
                out.write(f"{civility};{last};{first};{label};{place};{unit_name};{candidate};"
                          f"{rng.choice(dates)}{end}")
        # What a correct tool finds: each row's persons, then one fit or none
        # (RULES.md section 7).
        by_family = {}
        for key, p in persons.items():
            for unit in p["units"]:
                by_family.setdefault((key[0], unit), []).append(key)
        fits = []
        with open(DATA / name, encoding="utf-8", newline="") as f:
            next(f)
            for line in f:
                _, last, first, label, place, unit_name, _, _ = line.rstrip("\r\n").split(";")
                unit = {"Corse du Sud": "2A"}.get(unit_name) or next(c for c, n in UNIT_NAMES.items() if n == unit_name)
                keys = sorted({k for k in by_family.get((fold(last), unit), [])
                               if loose_first_names(first, persons[k]["first"])})
                fits.append((keys, (fold(last), fold(first), unit, fold(label), fold(place))))
        officials = {}
        for keys, official in fits:
            for k in keys:
                officials.setdefault(k, set()).add(official)
        matched = sum(1 for keys, _ in fits if len(keys) == 1 and len(officials[keys[0]]) == 1)
        ambiguous = sum(1 for keys, _ in fits if keys) - matched
        expected_history.append({"year": year, "rows": len(fits), "matched": matched, "ambiguous": ambiguous})
    (DATA / "register.json").write_text(json.dumps({"persons": len(persons), "history": expected_history},
                                                  indent=1))


def fold_accents(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


if __name__ == "__main__":
    DATA.mkdir(exist_ok=True)
    kind = sys.argv[1]
    if kind == "official":
        official(int(sys.argv[2]))
    elif kind == "campaign":
        campaign(int(sys.argv[2]))
    elif kind == "claims":
        claims(int(sys.argv[2]), int(sys.argv[3]))
    elif kind == "register":
        register()
    else:
        sys.exit(__doc__)
