"""The accessibility statement's hand-written limitations become the line where the website puts in the maintained list.

A stored statement that still holds the template's old section "Stand der Vereinbarkeit" and "Nicht barrierefreie
Inhalte" word for word (with "Diagramme und Karten", fixed since) gets the marker line of
``processes.site_texts.LIMITATIONS_MARKER`` in its place. A statement Administration has rewritten is left as it is;
the go-live checklist says when the line is missing.
"""

from django.db import migrations

OLD_SECTION = (
    "## Stand der Vereinbarkeit mit den Anforderungen\n"
    "\n"
    "Diese Website ist wegen der folgenden Unvereinbarkeiten **teilweise** mit §\xa010 Absatz 1 L-BGG\n"
    "vereinbar.\n"
    "\n"
    "## Nicht barrierefreie Inhalte\n"
    "\n"
    "Die nachstehend aufgeführten Inhalte sind aus folgenden Gründen nicht barrierefrei.\n"
    "\n"
    "### Unvereinbarkeiten mit §\xa010 Absatz 1 L-BGG\n"
    "\n"
    "- **Video in Deutscher Gebärdensprache:** Die Erklärung der Inhalte, der Navigation und\n"
    "  dieser Erklärung zur Barrierefreiheit in Deutscher Gebärdensprache (§\xa04 BITV 2.0) gibt es\n"
    "  noch nicht. Das Video wird erstellt.<br>\n"
    "  *Alternative:* Dieselben Informationen stehen in [Leichter Sprache](/leichte-sprache/) und\n"
    "  als Text auf dieser Seite. Fragen beantworten wir schriftlich, zum Beispiel über das\n"
    "  Formular [Barriere melden](/barriere-melden/).\n"
    "- **Diagramme und Karten:** Diagramme und Karten, die mit späteren Ausbaustufen hinzukommen\n"
    "  (zum Beispiel in der Standortanalyse), haben noch nicht überall eine gleichwertige\n"
    "  Beschreibung in Textform.<br>\n"
    "  *Alternative:* Wo eine Tabelle mit den Werten noch fehlt, senden wir Ihnen die Zahlen\n"
    "  auf Anfrage als Text oder Tabelle zu.\n"
    "- **Dokumente zum Herunterladen:** Dokumente, die nicht mit dieser Website erstellt wurden\n"
    "  (zum Beispiel PDF-Dateien von Partnern), sind möglicherweise nicht barrierefrei.<br>\n"
    "  *Alternative:* Auf Anfrage stellen wir Ihnen den Inhalt in zugänglicher Form bereit.\n"
    "\n"
)
MARKER = "<!-- Stand und bekannte Einschränkungen: fügt die Website selbst ein -->\n\n"


def replace_old_section(body: str) -> str:
    """The body with the old section replaced (line ends made LF, as a browser's form sends CRLF), else unchanged."""
    normalised = body.replace("\r\n", "\n")
    if OLD_SECTION not in normalised:
        return body
    return normalised.replace(OLD_SECTION, MARKER, 1)


def forwards(apps, schema_editor):
    SitePage = apps.get_model("processes", "SitePage")
    for page in SitePage.objects.filter(slug="barrierefreiheit"):
        body = replace_old_section(page.body)
        if body != page.body:
            page.body = body
            page.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("processes", "0003_english_versions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
