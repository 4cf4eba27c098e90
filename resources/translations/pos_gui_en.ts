<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="de_DE">
<context>
    <name>ArticleSearch</name>
    <message>
        <location filename="../../pos_gui/ui/catalog/article_input.py" line="78"/>
        <source>„{code}“ ist nicht im Katalog. Namen tippen, um den Artikel zu suchen.</source>
        <translation>“{code}” is not in the catalogue. Type a name to search for the article.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/article_input.py" line="82"/>
        <source>Namen tippen, um den Artikel zu suchen.</source>
        <translation>Type a name to search for the article.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/search_popup.py" line="46"/>
        <source>Artikelsuche</source>
        <translation>Article search</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/search_popup.py" line="83"/>
        <source>Kein Artikel gefunden.</source>
        <translation>No article found.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/search_popup.py" line="90"/>
        <source>Preis eingeben</source>
        <translation>Enter price</translation>
    </message>
</context>
<context>
    <name>Backoffice</name>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="211"/>
        <source>Die Einstellungen konnten nicht gespeichert werden.</source>
        <translation>The settings could not be saved.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="221"/>
        <source>Druckereinstellungen gespeichert.</source>
        <translation>Printer settings saved.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="225"/>
        <source>Testdruck läuft …</source>
        <translation>Test print running …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="233"/>
        <source>Testdruck fehlgeschlagen: {reason}</source>
        <translation>Test print failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="237"/>
        <source>Testdruck gesendet.</source>
        <translation>Test print sent.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="251"/>
        <source>Support-Paket wird erstellt …</source>
        <translation>Creating support bundle …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="257"/>
        <source>Das Support-Paket konnte nicht erstellt werden.</source>
        <translation>The support bundle could not be created.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="265"/>
        <source>Support-Paket gespeichert: {path}</source>
        <translation>Support bundle saved: {path}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="332"/>
        <source>Letzten Beleg drucken</source>
        <translation>Reprint last receipt</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="341"/>
        <source>Schublade öffnen</source>
        <translation>Open cash drawer</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="351"/>
        <source>Heutige Verkäufe</source>
        <translation>Today&apos;s sales</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="359"/>
        <source>Drucker …</source>
        <translation>Printer …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="369"/>
        <source>Support-Paket erstellen</source>
        <translation>Create support bundle</translation>
    </message>
</context>
<context>
    <name>BasketTableModel</name>
    <message>
        <location filename="../../pos_gui/ui/itemmodels/basket_model.py" line="37"/>
        <source>Artikel</source>
        <translation>Article</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/itemmodels/basket_model.py" line="38"/>
        <source>Menge</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/itemmodels/basket_model.py" line="39"/>
        <source>Einzelpreis</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/itemmodels/basket_model.py" line="40"/>
        <source>MwSt.</source>
        <translation>VAT</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/itemmodels/basket_model.py" line="41"/>
        <source>Summe</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>BasketView</name>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="76"/>
        <source>Artikel: EAN, Artikelnummer oder Name (F2)</source>
        <translation>Article: EAN, article number or name (F2)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="78"/>
        <source>&amp;Artikel</source>
        <translation>&amp;Article</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="81"/>
        <source>Artikel suchen</source>
        <translation>Search article</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="122"/>
        <source>Warenkorb leeren</source>
        <translation>Clear basket</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="126"/>
        <source>Position stornieren (Entf)</source>
        <translation>Void line (Del)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="131"/>
        <source>Menge verringern</source>
        <translation>Decrease quantity</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="134"/>
        <source>Menge erhöhen</source>
        <translation>Increase quantity</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="138"/>
        <source>Summe</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="218"/>
        <source>Der Artikelkatalog ist leer. Artikel importieren: Einstellungen → Artikel importieren … oder auf der Kommandozeile: {command}</source>
        <translation>The article catalogue is empty. Import articles: Settings → Import articles … or on the command line: {command}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/basket_view.py" line="238"/>
        <source>MwSt. {rate} %: {vat} (netto {net})</source>
        <translation>VAT {rate} %: {vat} (net {net})</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="20"/>
        <source>Karte</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="24"/>
        <source>Karte scannen (F4)</source>
        <translation>Scan card (F4)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="26"/>
        <source>Karte entfernen</source>
        <translation>Remove card</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="32"/>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="67"/>
        <source>Keine Karte</source>
        <translation>No card</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="71"/>
        <source>Anonyme Karte</source>
        <translation>Anonymous card</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="74"/>
        <source>Guthaben {balance} (Bar {cash} · Bonus {bonus})</source>
        <translation>Balance {balance} (cash {cash} · bonus {bonus})</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="81"/>
        <source>gesperrt</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="83"/>
        <source>aktiv</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/card_panel.py" line="86"/>
        <source>Karte {number} · {points} Punkte · {state}</source>
        <translation>Card {number} · {points} points · {state}</translation>
    </message>
</context>
<context>
    <name>CashDialogs</name>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="36"/>
        <source>Freigabe durch die Marktleitung</source>
        <translation>Manager approval</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="37"/>
        <source>Für „{action}“ ist die PIN einer Marktleitung nötig:</source>
        <translation>“{action}” needs a manager’s PIN:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="41"/>
        <source>Das war keine PIN einer Marktleitung. </source>
        <translation>That was not a manager’s PIN. </translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="75"/>
        <source>Geld entnehmen</source>
        <translation>Take cash out</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="77"/>
        <source>Geld einlegen</source>
        <translation>Put cash in</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="87"/>
        <source>Betrag, z. B. 20,00</source>
        <translation>Amount, e.g. 20,00</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="97"/>
        <source>Buchen</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="100"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="103"/>
        <source>Art:</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="104"/>
        <source>Betrag:</source>
        <translation>Amount:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="105"/>
        <source>Grund:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="124"/>
        <source>Soll-Bestand in der Kasse: {amount}</source>
        <translation>Cash expected in the drawer: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="150"/>
        <source>Einlage</source>
        <translation>Cash in</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="151"/>
        <source>Entnahme</source>
        <translation>Cash out</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="152"/>
        <source>Geldtransit (Bank/Tresor)</source>
        <translation>Cash transit (bank/safe)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="153"/>
        <source>Privateinlage</source>
        <translation>Owner’s deposit</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="154"/>
        <source>Privatentnahme</source>
        <translation>Owner’s withdrawal</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/cash_dialogs.py" line="155"/>
        <source>Trinkgeld ausgezahlt</source>
        <translation>Tips paid out</translation>
    </message>
</context>
<context>
    <name>CashierMessages</name>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="58"/>
        <source>Ungültige Kartennummer: {number}</source>
        <translation>Invalid card number: {number}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="62"/>
        <source>Karte unbekannt: {number}</source>
        <translation>Unknown card: {number}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="66"/>
        <source>Karte gesperrt: {number}. Bitte eine andere Zahlungsart wählen.</source>
        <translation>Card locked: {number}. Please choose another payment method.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="70"/>
        <source>Karte nicht aktiviert: {number}</source>
        <translation>Card not activated: {number}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="73"/>
        <source>Karte kann nicht verwendet werden: {number}</source>
        <translation>Card cannot be used: {number}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="94"/>
        <source>Die Zahlung kann nicht gespeichert werden (Datenträger voll oder schreibgeschützt). Nicht erneut kassieren! Bitte Support rufen: {folder}</source>
        <translation>The payment cannot be saved (disk full or read-only). Do not collect it again! Please call support: {folder}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="100"/>
        <source>Der Verkauf kann nicht gespeichert werden (Datenträger voll oder schreibgeschützt). Es wurde nichts bezahlt. Bitte Support rufen: {folder}</source>
        <translation>The sale cannot be saved (disk full or read-only). Nothing was paid. Please call support: {folder}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="117"/>
        <source>Dieser Verkauf war schon bezahlt: Die Zahlung von vor dem Neustart ist doch angekommen. Der Beleg zeigt, was gebucht wurde.</source>
        <translation>This sale was already paid: the payment from before the restart did arrive. The receipt shows what was booked.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="122"/>
        <source>Danach hinzugefügte Artikel bitte als neuen Verkauf kassieren.</source>
        <translation>Please ring up articles added after that as a new sale.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="130"/>
        <source>Bitte die PIN der Karte eingeben.</source>
        <translation>Please enter the card&apos;s PIN.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="135"/>
        <source>Die PIN ist falsch. Das Kartenguthaben wurde nicht verwendet.</source>
        <translation>Wrong PIN. The card balance was not used.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="141"/>
        <source>Bitte warten, die Kasse arbeitet noch …</source>
        <translation>Please wait, the till is still working …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="146"/>
        <source>Zahlung wird geprüft …</source>
        <translation>Checking payment …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="147"/>
        <source>Keine Antwort auf {action}</source>
        <translation>No answer to {action}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="154"/>
        <source>Anmeldung am Server fehlgeschlagen. Bitte die Zugangsdaten prüfen.</source>
        <translation>Signing in to the server failed. Please check the credentials.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="160"/>
        <source>Der Server hat die Anfrage abgelehnt (Fehler {status}).</source>
        <translation>The server refused the request (error {status}).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="167"/>
        <source>Der Server antwortet nicht. Warenkorb und Karte bleiben erhalten – bitte erneut versuchen.</source>
        <translation>The server does not answer. Basket and card are kept – please try again.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="175"/>
        <source>Keine Verbindung zum Server. Warenkorb und Karte bleiben erhalten – bitte erneut versuchen.</source>
        <translation>No connection to the server. Basket and card are kept – please try again.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="183"/>
        <source>Ungültige Antwort vom Server. Bitte erneut versuchen.</source>
        <translation>Invalid answer from the server. Please try again.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="196"/>
        <source>Support-ID: {support_id}</source>
        <translation>Support ID: {support_id}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/error_text.py" line="202"/>
        <source>Code {code}</source>
        <translation>Code {code}</translation>
    </message>
</context>
<context>
    <name>CatalogImport</name>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="61"/>
        <source>Artikel importieren</source>
        <translation>Import articles</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="68"/>
        <source>Eine CSV-Datei mit Artikelnummer, Name, Preis und MwSt-Satz (Trennzeichen ; , oder Tab). Artikel mit gleicher Artikelnummer werden ersetzt, andere bleiben.</source>
        <translation>A CSV file with article number, name, price and VAT rate (separated by ; , or Tab). Articles with the same article number are replaced, the others stay.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="76"/>
        <source>Datei wählen …</source>
        <translation>Choose file …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="79"/>
        <source>Letzten Import rückgängig</source>
        <translation>Undo last import</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="82"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="95"/>
        <source>Zeile</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="96"/>
        <source>Spalte</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="97"/>
        <source>Grund</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="132"/>
        <source>Artikeldatei wählen</source>
        <translation>Choose article file</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="147"/>
        <source>{name} wird importiert …</source>
        <translation>Importing {name} …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="156"/>
        <source>Nichts importiert: {reason}</source>
        <translation>Nothing imported: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="175"/>
        <source>{imported} Artikel importiert.</source>
        <translation>{imported} articles imported.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="179"/>
        <source>Ausgelassene Zeilen: {count} (unten, mit Grund).</source>
        <translation>Lines left out: {count} (below, with the reason).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="202"/>
        <source>Import rückgängig gemacht: {count} Artikel wie vorher.</source>
        <translation>Import undone: {count} articles as before.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="208"/>
        <source>Der letzte Import kann nicht mehr rückgängig gemacht werden (seitdem wurde verkauft).</source>
        <translation>The last import can no longer be undone (there has been a sale since).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="226"/>
        <source>Artikel exportieren</source>
        <translation>Export articles</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="237"/>
        <source>Export fehlgeschlagen: {reason}</source>
        <translation>Export failed: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="244"/>
        <source>{count} Artikel exportiert: {path}</source>
        <translation>{count} articles exported: {path}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="315"/>
        <source>Artikel importieren …</source>
        <translation>Import articles …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/import_dialog.py" line="323"/>
        <source>Artikel exportieren …</source>
        <translation>Export articles …</translation>
    </message>
</context>
<context>
    <name>CatalogProblem</name>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="144"/>
        <source>Zeile {line}: {reason}</source>
        <translation>line {line}: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="145"/>
        <source>Zeile {line}, Spalte {column}: {reason}</source>
        <translation>line {line}, column {column}: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="146"/>
        <source>{source}: {reason}</source>
        <translation>{source}: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="147"/>
        <source>{source}, Zeile {line}: {reason}</source>
        <translation>{source}, line {line}: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="148"/>
        <source>{source}, Zeile {line}, Spalte {column}: {reason}</source>
        <translation>{source}, line {line}, column {column}: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="154"/>
        <source>Die Datei gibt es nicht.</source>
        <translation>The file does not exist.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="155"/>
        <source>Keine Berechtigung, die Datei zu lesen.</source>
        <translation>No permission to read the file.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="156"/>
        <source>Das ist ein Ordner, keine Datei.</source>
        <translation>This is a folder, not a file.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="157"/>
        <source>Die Datei kann nicht gelesen werden: {reason}</source>
        <translation>The file cannot be read: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="158"/>
        <source>Die Datei ist leer (keine Kopfzeile).</source>
        <translation>The file is empty (no header line).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="159"/>
        <source>Die Kopfzeile hat keine Spalte für {missing}. Gefunden: {found}. Die bekannten Spaltennamen stehen in docs/catalog.md.</source>
        <translation>The header line has no column for {missing}. Found: {found}. The known column names are listed in docs/catalog.md.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="164"/>
        <source>„{name}“</source>
        <translation>“{name}”</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="168"/>
        <source>Artikelnummer</source>
        <translation>article number</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="169"/>
        <source>Name</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="170"/>
        <source>MwSt-Satz</source>
        <translation>VAT rate</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="171"/>
        <source>Preis</source>
        <translation>price</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="176"/>
        <source>Die Zeile ist kein lesbares CSV ({detail}). Ist ein Anführungszeichen (&quot;) geöffnet und nicht geschlossen? Der Rest der Datei wurde nicht gelesen.</source>
        <translation>This line cannot be read as CSV ({detail}). Is a quote (&quot;) opened and not closed? The rest of the file was not read.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="181"/>
        <source>Die Zeile hat {found} Felder statt {expected} (getrennt durch {separator}).</source>
        <translation>The line has {found} fields instead of {expected} (separated by {separator}).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="184"/>
        <source>„{character}“</source>
        <translation>“{character}”</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="185"/>
        <source>Tabulator</source>
        <translation>tab</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="186"/>
        <source>Die Artikelnummer fehlt.</source>
        <translation>The article number is missing.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="187"/>
        <source>Artikelnummer „{number}“ enthält Leer- oder Steuerzeichen.</source>
        <translation>Article number “{number}” contains spaces or control characters.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="190"/>
        <source>Der Name fehlt.</source>
        <translation>The name is missing.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="191"/>
        <source>Der Preis fehlt.</source>
        <translation>The price is missing.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="192"/>
        <source>„{text}“ ist kein Preis in ganzen Cent (z. B. 349 für 3,49 €).</source>
        <translation>“{text}” is not a price in whole cents (e.g. 349 for 3.49 €).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="195"/>
        <source>„{text}“ ist kein Betrag in Euro (z. B. 3,49).</source>
        <translation>“{text}” is not an amount in euros (e.g. 3,49 or 3.49).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="196"/>
        <source>Der Preis „{text}“ ist negativ.</source>
        <translation>The price “{text}” is negative.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="197"/>
        <source>Der MwSt-Satz fehlt (erlaubt: {allowed}).</source>
        <translation>The VAT rate is missing (allowed: {allowed}).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="198"/>
        <source>„{text}“ ist kein MwSt-Satz (erlaubt: {allowed}).</source>
        <translation>“{text}” is not a VAT rate (allowed: {allowed}).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="201"/>
        <source>MwSt-Satz „{text}“ gibt es nicht (erlaubt: {allowed}).</source>
        <translation>There is no VAT rate “{text}” (allowed: {allowed}).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="204"/>
        <source>EAN „{text}“ in wissenschaftlicher Schreibweise (Tabellenkalkulation): bitte die Spalte als Text speichern.</source>
        <translation>EAN “{text}” in scientific notation (spreadsheet): please save the column as text.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="209"/>
        <source>EAN „{ean}“ enthält andere Zeichen als Ziffern (erlaubt: {lengths} Ziffern).</source>
        <translation>EAN “{ean}” contains characters other than digits (allowed: {lengths} digits).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="212"/>
        <source>EAN „{ean}“ hat {digits} Ziffern (erlaubt: {lengths}).</source>
        <translation>EAN “{ean}” has {digits} digits (allowed: {lengths}).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="215"/>
        <source>„{text}“ ist weder ja noch nein (erlaubt: ja/nein, 1/0).</source>
        <translation>“{text}” is neither yes nor no (allowed: ja/nein, yes/no, 1/0).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="218"/>
        <source>Artikelnummer {number} steht schon in Zeile {line}.</source>
        <translation>Article number {number} is already on line {line}.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/catalog_problems.py" line="221"/>
        <source>EAN {ean} steht schon in Zeile {line}.</source>
        <translation>EAN {ean} is already on line {line}.</translation>
    </message>
</context>
<context>
    <name>CentralStatus</name>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="47"/>
        <source>Zentrale nicht erreichbar seit {time}</source>
        <translation>Head office unreachable since {time}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="50"/>
        <source>Zentrale nicht erreichbar seit {time}, {count} Ereignisse ausstehend</source>
        <translation>Head office unreachable since {time}, {count} events pending</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="54"/>
        <source>Zentrale: verbinde …</source>
        <translation>Head office: connecting …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="56"/>
        <source>Zentrale: synchron</source>
        <translation>Head office: in sync</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="57"/>
        <source>Zentrale: {count} Ereignisse ausstehend</source>
        <translation>Head office: {count} events pending</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="86"/>
        <source>Zuletzt abgeglichen: {time}</source>
        <translation>Last in sync: {time}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="92"/>
        <source>Letzter Fehler: {error}</source>
        <translation>Last error: {error}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="107"/>
        <source>Zentrale …</source>
        <translation>Head office …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/central_status.py" line="111"/>
        <source>Zentrale</source>
        <translation>Head office</translation>
    </message>
</context>
<context>
    <name>CheckoutPresenter</name>
    <message>
        <location filename="../../pos_gui/ui/presenters/basket_editing.py" line="91"/>
        <source>Artikel nicht gefunden: {code}</source>
        <translation>Article not found: {code}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/basket_editing.py" line="165"/>
        <source>Ungültige Menge: {quantity}</source>
        <translation>Invalid quantity: {quantity}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/checkout_presenter.py" line="372"/>
        <source>Bitte warten, die Zahlung ist noch nicht abgeschlossen.</source>
        <translation>Please wait, the payment is not finished yet.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/checkout_presenter.py" line="232"/>
        <source>Kasse startet noch … Der letzte Verkauf wird abgeglichen, bitte gleich noch einmal.</source>
        <translation>The till is still starting … The last sale is being reconciled, please try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/basket_editing.py" line="86"/>
        <source>Menge zu groß: höchstens {maximum}</source>
        <translation>Quantity too large: at most {maximum}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/checkout_presenter.py" line="243"/>
        <location filename="../../pos_gui/ui/presenters/service_calls.py" line="70"/>
        <source>Bitte warten, die Kasse arbeitet noch …</source>
        <translation>Please wait, the till is still working …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/payment_actions.py" line="84"/>
        <source>Es fehlen noch {amount}.</source>
        <translation>{amount} still missing.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/payment_actions.py" line="107"/>
        <source>Ohne PIN zahlt die Karte nicht. Bar bezahlen geht weiterhin.</source>
        <translation>Without the PIN the card does not pay. Paying in cash still works.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/payment_actions.py" line="132"/>
        <source>Die Zahlung ist angekommen. Der Beleg wird angezeigt.</source>
        <translation>The payment went through. Showing the receipt.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/payment_actions.py" line="138"/>
        <source>Die Zahlung wurde nicht ausgeführt. Bitte erneut bezahlen.</source>
        <translation>The payment was not carried out. Please pay again.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/journal_recovery.py" line="141"/>
        <source>{count} Verkauf/Verkäufe waren schon bezahlt und wurden abgeschlossen.</source>
        <translation>{count} sale(s) had already been paid and were completed.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/journal_recovery.py" line="154"/>
        <source>Der letzte Warenkorb wurde wiederhergestellt.</source>
        <translation>The last basket was restored.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/journal_recovery.py" line="165"/>
        <source>{count} offene Verkäufe konnten nicht mit dem Server abgeglichen werden.</source>
        <translation>{count} open sales could not be checked with the server.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/connection_status.py" line="61"/>
        <source>Anmeldung am Server fehlgeschlagen. Bitte die Zugangsdaten prüfen.</source>
        <translation>Signing in to the server failed. Please check the credentials.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/connection_status.py" line="70"/>
        <source>Der Server ist nicht erreichbar.</source>
        <translation>The server cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/journal_recovery.py" line="126"/>
        <source>Verkauf {number} war doch bezahlt: Die Zahlung von vor dem Neustart ist angekommen. Er steht mit Beleg unter „Verkäufe → Heutige Verkäufe“.</source>
        <translation>Sale {number} was paid after all: the payment from before the restart did arrive. It is listed with its receipt under “Sales → Today&apos;s sales”.</translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <location filename="../../pos_gui/ui/crash.py" line="80"/>
        <source>Unerwarteter Fehler</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/crash.py" line="82"/>
        <source>In der Kasse ist ein unerwarteter Fehler aufgetreten. Warenkorb und Journal bleiben erhalten. Bitte den Support informieren.</source>
        <translation>An unexpected error occurred in the till. Basket and journal are kept. Please inform support.</translation>
    </message>
</context>
<context>
    <name>DayPresenter</name>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="59"/>
        <source>Storno</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="60"/>
        <source>Geld entnehmen</source>
        <translation>Take cash out</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="61"/>
        <source>Schublade ohne Verkauf</source>
        <translation>Drawer without a sale</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="62"/>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="280"/>
        <source>X-Bericht</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="63"/>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="314"/>
        <source>Z-Abschluss</source>
        <translation>Z closing</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="64"/>
        <source>Rabatt</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="65"/>
        <source>Einstellungen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="66"/>
        <source>Trainingsmodus</source>
        <translation>Training mode</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="73"/>
        <source>Marktleitung</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="75"/>
        <source>Kasse</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="149"/>
        <source>Bitte einen Namen eingeben.</source>
        <translation>Please enter a name.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="151"/>
        <source>Die beiden PINs sind verschieden.</source>
        <translation>The two PINs differ.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="153"/>
        <source>Die PIN hat 4 bis 6 Ziffern.</source>
        <translation>The PIN has 4 to 6 digits.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="161"/>
        <source>Falsche PIN.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="164"/>
        <source>Angemeldet: {name}</source>
        <translation>Logged in: {name}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="191"/>
        <source>Bitte zuerst anmelden.</source>
        <translation>Please log in first.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="336"/>
        <source>Den Trainingsmodus bitte zwischen zwei Verkäufen umschalten.</source>
        <translation>Please switch training mode between two sales.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="212"/>
        <source>Freigegeben von {name}</source>
        <translation>Approved by {name}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="228"/>
        <source>Bitte einen Betrag eingeben, z. B. 150,00.</source>
        <translation>Please enter an amount, e.g. 150,00.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="233"/>
        <source>Anfangsbestand gezählt: {amount}</source>
        <translation>Opening float counted: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="249"/>
        <source>Bitte einen Betrag eingeben, z. B. 20,00.</source>
        <translation>Please enter an amount, e.g. 20,00.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="253"/>
        <source>Bitte einen Grund angeben.</source>
        <translation>Please give a reason.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="266"/>
        <source>{what} gebucht: {amount}</source>
        <translation>{what} booked: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="284"/>
        <source>Z-Abschluss (Vorschau)</source>
        <translation>Z closing (preview)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="304"/>
        <source>Z-Abschluss Nr. {number} gebucht.</source>
        <translation>Z closing no. {number} booked.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="324"/>
        <source>Es gibt noch keinen Z-Abschluss.</source>
        <translation>There is no Z closing yet.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/day_presenter.py" line="362"/>
        <source>Nicht gedruckt: {reason}</source>
        <translation>Not printed: {reason}</translation>
    </message>
</context>
<context>
    <name>DemoCardsDialog</name>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="34"/>
        <source>Passcode (PIN {pin})</source>
        <translation>Passcode (PIN {pin})</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="38"/>
        <source>deckt den Beispielkorb</source>
        <translation>covers the sample basket</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="39"/>
        <source>Bonus und Guthaben</source>
        <translation>bonus and balance</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="40"/>
        <source>nur Bonus</source>
        <translation>bonus only</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="54"/>
        <source>Bonus</source>
        <translation>Bonus</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="41"/>
        <source>zu wenig Guthaben</source>
        <translation>balance too low</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="42"/>
        <source>leer</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="43"/>
        <source>gesperrt</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="44"/>
        <source>unbekannt</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="51"/>
        <source>Kartennummer</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="52"/>
        <source>Inhaber</source>
        <translation>Holder</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="53"/>
        <source>Guthaben</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="55"/>
        <source>Zeigt</source>
        <translation>Shows</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="75"/>
        <source>Demokarten</source>
        <translation>Demo cards</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="78"/>
        <source>Doppelklick oder „Übernehmen“ scannt die Karte in die Kasse.</source>
        <translation>Double-click or “Use card” scans the card into the till.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="95"/>
        <source>Übernehmen</source>
        <translation>Use card</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_cards_dialog.py" line="98"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DemoMenu</name>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="88"/>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="97"/>
        <source>Demo zurücksetzen …</source>
        <translation>Reset demo …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="100"/>
        <source>Demokarten …</source>
        <translation>Demo cards …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="104"/>
        <source>Antwort geht verloren</source>
        <translation>Answer gets lost</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="109"/>
        <source>Karte gesperrt</source>
        <translation>Card locked</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="114"/>
        <source>Server nicht erreichbar</source>
        <translation>Server unreachable</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="119"/>
        <source>Drucker aus</source>
        <translation>Printer off</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="135"/>
        <source>Demo zurücksetzen</source>
        <translation>Reset demo</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="136"/>
        <source>Demo zurücksetzen?</source>
        <translation>Reset the demo?</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="138"/>
        <source>Alle Kartenguthaben wie am Anfang, die Buchungen des Servers gelöscht, ein neuer leerer Verkauf; die Liste „Heutige Verkäufe“ beginnt neu.</source>
        <translation>All card balances as at the start, the server&apos;s bookings deleted, a new empty sale; the “Today&apos;s sales” list starts afresh.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="145"/>
        <source>Zurücksetzen</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="148"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="168"/>
        <source>Bitte warten, die Kasse arbeitet noch …</source>
        <translation>Please wait, the till is still working …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="182"/>
        <source>Demo zurückgesetzt: Guthaben wie am Anfang, neuer Verkauf, Verkaufsliste neu.</source>
        <translation>Demo reset: balances as at the start, new sale, sales list afresh.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="246"/>
        <source>Szenario: Die Antwort auf die nächste Barzahlung geht verloren (F12).</source>
        <translation>Scenario: the answer to the next cash payment gets lost (F12).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="262"/>
        <source>Szenario: Der Server antwortet auf die nächsten Anfragen nicht.</source>
        <translation>Scenario: the server does not answer the next requests.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="272"/>
        <source>Szenario: Drucker aus – bis die Demo zurückgesetzt wird.</source>
        <translation>Scenario: printer off – until the demo is reset.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/demo_menu.py" line="283"/>
        <source>Der Demo-Server hat nicht reagiert.</source>
        <translation>The demo server did not respond.</translation>
    </message>
</context>
<context>
    <name>DiscardQuestion</name>
    <message>
        <location filename="../../pos_gui/ui/views/discard_question.py" line="51"/>
        <source>{count} Artikel, Summe {total}</source>
        <translation>{count} items, total {total}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/discard_question.py" line="55"/>
        <source>, Kartenguthaben angerechnet</source>
        <translation>, card balance applied</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/discard_question.py" line="57"/>
        <source>Verkauf verwerfen und die Kasse beenden? ({details})</source>
        <translation>Discard the sale and quit the till? ({details})</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/discard_question.py" line="61"/>
        <source>Verkauf verwerfen? ({details})</source>
        <translation>Discard the sale? ({details})</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/discard_question.py" line="67"/>
        <source>Verkauf verwerfen?</source>
        <translation>Discard the sale?</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/discard_question.py" line="70"/>
        <source>Ja</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/discard_question.py" line="73"/>
        <source>Nein</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>FavouritesDialog</name>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="73"/>
        <source>Favoriten für das Produktraster</source>
        <translation>Favourites for the product grid</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="80"/>
        <source>Name, Artikelnummer oder EAN</source>
        <translation>Name, article number or EAN</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="86"/>
        <source>Hinzufügen →</source>
        <translation>Add →</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="87"/>
        <source>Entfernen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="88"/>
        <source>Nach oben</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="89"/>
        <source>Nach unten</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="91"/>
        <source>Produktraster beim Start der Kasse zeigen</source>
        <translation>Show the product grid when the till starts</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="98"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="100"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="110"/>
        <source>Artikel suchen:</source>
        <translation>Search articles:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="112"/>
        <source>Favoriten:</source>
        <translation>Favourites:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="182"/>
        <source>{number} (nicht im Katalog)</source>
        <translation>{number} (not in the catalogue)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="205"/>
        <source>Favoriten …</source>
        <translation>Favourites …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="244"/>
        <source>Die Favoriten konnten nicht gespeichert werden.</source>
        <translation>The favourites could not be saved.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/favourites_dialog.py" line="255"/>
        <source>Favoriten gespeichert: {count} Artikel.</source>
        <translation>Favourites saved: {count} articles.</translation>
    </message>
</context>
<context>
    <name>FiscalExport</name>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="52"/>
        <source>DSFinV-K-Export</source>
        <translation>DSFinV-K export</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="61"/>
        <source>Durchsuchen …</source>
        <translation>Browse …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="67"/>
        <source>Von (Geschäftstag)</source>
        <translation>From (business day)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="68"/>
        <source>Bis (Geschäftstag)</source>
        <translation>To (business day)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="69"/>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="94"/>
        <source>Zieldatei</source>
        <translation>Target file</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="73"/>
        <source>Exportiert werden die abgeschlossenen Z-Abschlüsse des Zeitraums.</source>
        <translation>The completed Z closings of the period are exported.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="81"/>
        <source>Exportieren</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="114"/>
        <source>Keine abgeschlossenen Z-Abschlüsse in diesem Zeitraum.</source>
        <translation>No completed Z closings in this period.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="131"/>
        <source>Export nicht möglich: {0}</source>
        <translation>Export not possible: {0}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="139"/>
        <source>Prüfung: {0} Befunde.</source>
        <translation>Check: {0} findings.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="147"/>
        <source>{0} Belege aus {1} Z-Abschlüssen exportiert. Prüfung bestanden.</source>
        <translation>{0} receipts from {1} Z closings exported. Check passed.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="169"/>
        <source>Kassendaten (ELSTER)</source>
        <translation>Till data (ELSTER)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="181"/>
        <source>Seriennummer der Kasse</source>
        <translation>Serial number of the till</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="182"/>
        <source>Hersteller der Kasse</source>
        <translation>Manufacturer of the till</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="183"/>
        <source>Modell der Kasse</source>
        <translation>Model of the till</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="184"/>
        <source>Anschaffungsdatum (JJJJ-MM-TT)</source>
        <translation>Date of purchase (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="185"/>
        <source>Ablauf des TSE-Zertifikats (JJJJ-MM-TT)</source>
        <translation>Expiry of the TSE certificate (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="198"/>
        <source>Angabe</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="199"/>
        <source>Wert</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="200"/>
        <source>Quelle</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="208"/>
        <source>Als Datei exportieren …</source>
        <translation>Export as file …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="255"/>
        <source>Kassendaten speichern</source>
        <translation>Save till data</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="283"/>
        <source>DSFinV-K-Export …</source>
        <translation>DSFinV-K export …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/fiscal_export.py" line="291"/>
        <source>Kassendaten (ELSTER) …</source>
        <translation>Till data (ELSTER) …</translation>
    </message>
</context>
<context>
    <name>FiscalSetup</name>
    <message>
        <location filename="../../pos_gui/services/fiscal_setup.py" line="25"/>
        <source>Verkauf gesperrt: Live-Betrieb ohne zertifizierte TSE. Store-IT: unter Einstellungen → TSE … den Signierer fiskaly wählen und einrichten.</source>
        <translation>Sales blocked: live mode without a certified TSE. Store IT: choose and set up the fiskaly signer under Settings → TSE ….</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/fiscal_setup.py" line="30"/>
        <source>Verkauf gesperrt: keine TSE eingerichtet. Store-IT: unter Einstellungen → TSE … eintragen: {missing}.</source>
        <translation>Sales blocked: no TSE set up. Store IT: enter under Settings → TSE …: {missing}.</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="27"/>
        <source>Diese Hilfe ein- und ausblenden</source>
        <translation>Show or hide this help</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="30"/>
        <source>Artikelfeld: EAN, Artikelnummer oder Name; 3* davor = Menge 3</source>
        <translation>Article field: EAN, article number or name; 3* before it = quantity 3</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="34"/>
        <source>Kartenfeld: Kartennummer eingeben</source>
        <translation>Card field: enter the card number</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="37"/>
        <source>Produktraster (Favoriten, Warengruppen) für Touch ein- und ausblenden</source>
        <translation>Show or hide the product grid (favourites, product groups) for touch</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="43"/>
        <source>Feld „Gegeben“: erhaltenes Bargeld eingeben</source>
        <translation>“Tendered” field: enter the cash received</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="45"/>
        <source>Guthaben der Karte einlösen</source>
        <translation>Apply the card balance</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="48"/>
        <source>Mit Karte bezahlen (wenn das Guthaben alles deckt)</source>
        <translation>Pay with card (when the balance covers everything)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="52"/>
        <source>Bar bezahlen (leeres Feld „Gegeben“ = passend)</source>
        <translation>Pay cash (empty “Tendered” field = exact amount)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="54"/>
        <source>Neuer Verkauf</source>
        <translation>New sale</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="55"/>
        <source>Markierte Position stornieren</source>
        <translation>Void the selected line</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="56"/>
        <source>Menge der markierten Position ändern</source>
        <translation>Change the quantity of the selected line</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="58"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="59"/>
        <source>Karten und Artikel werden in jedem Feld erkannt</source>
        <translation>Cards and articles are recognised in any field</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="74"/>
        <source>Tastenkürzel</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/help_overlay.py" line="80"/>
        <source>Schließen (F1)</source>
        <translation>Close (F1)</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <location filename="../../pos_gui/ui/language_dialog.py" line="49"/>
        <source>Sprache</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/language_dialog.py" line="52"/>
        <source>Sprache der Kasse:</source>
        <translation>Language of the till:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/language_dialog.py" line="63"/>
        <source>Wird beim nächsten Start übernommen.</source>
        <translation>Takes effect at the next start.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/language_dialog.py" line="71"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/language_dialog.py" line="73"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/language_dialog.py" line="95"/>
        <source>Sprache …</source>
        <translation>Language …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/language_dialog.py" line="125"/>
        <source>Die Einstellungen konnten nicht gespeichert werden.</source>
        <translation>The settings could not be saved.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/language_dialog.py" line="135"/>
        <source>Sprache gespeichert. Wird beim nächsten Start übernommen.</source>
        <translation>Language saved. Takes effect at the next start.</translation>
    </message>
</context>
<context>
    <name>LoginOverlay</name>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="72"/>
        <source>Erste Einrichtung: Marktleitung anlegen</source>
        <translation>First setup: create the manager</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="79"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="80"/>
        <source>PIN (4–6 Ziffern):</source>
        <translation>PIN (4–6 digits):</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="81"/>
        <source>PIN wiederholen:</source>
        <translation>Repeat the PIN:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="85"/>
        <source>Anlegen und anmelden</source>
        <translation>Create and log in</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="93"/>
        <source>Anmelden</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="99"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="103"/>
        <source>Anmelden (Enter)</source>
        <translation>Log in (Enter)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="116"/>
        <source>Anfangsbestand zählen</source>
        <translation>Count the opening float</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="118"/>
        <source>Erste Anmeldung seit dem letzten Z-Abschluss: Bitte das Wechselgeld in der Schublade zählen.</source>
        <translation>First login since the last Z closing: please count the change in the drawer.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="128"/>
        <source>Betrag, z. B. 150,00</source>
        <translation>Amount, e.g. 150,00</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="134"/>
        <source>Anfangsbestand buchen</source>
        <translation>Book the opening float</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="176"/>
        <source>Demo-Kassierer (PIN): {pins}</source>
        <translation>Demo cashiers (PIN): {pins}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/login_overlay.py" line="200"/>
        <source>Bitte einen Namen wählen.</source>
        <translation>Please choose a name.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_gui/ui/main_window.py" line="86"/>
        <source>Kasse – pos-gui</source>
        <translation>Till – pos-gui</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/main_window.py" line="94"/>
        <source>DEMO – Vorführmodus, keine echten Zahlungen</source>
        <translation>DEMO – demonstration mode, no real payments</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/main_window.py" line="195"/>
        <source>Neuer Verkauf (Strg+N)</source>
        <translation>New sale (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/main_window.py" line="191"/>
        <source>Bezahlt – Beleg</source>
        <translation>Paid – receipt</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/status_labels.py" line="22"/>
        <source>Profil: {profile}</source>
        <translation>Profile: {profile}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="63"/>
        <source>&amp;Kasse</source>
        <translation>&amp;Till</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="64"/>
        <source>&amp;Verkäufe</source>
        <translation>&amp;Sales</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="65"/>
        <source>&amp;Einstellungen</source>
        <translation>S&amp;ettings</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="66"/>
        <source>&amp;Hilfe</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="72"/>
        <source>Neuer Verkauf</source>
        <translation>New sale</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="81"/>
        <source>Artikelfeld</source>
        <translation>Article field</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="89"/>
        <source>Kartenfeld</source>
        <translation>Card field</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="97"/>
        <source>Feld „Gegeben“</source>
        <translation>Tendered field</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="105"/>
        <source>Produktraster (Touch)</source>
        <translation>Product grid (touch)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="114"/>
        <source>Guthaben einlösen</source>
        <translation>Apply balance</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="122"/>
        <source>Mit Karte bezahlen</source>
        <translation>Pay with card</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="130"/>
        <source>Bar bezahlen</source>
        <translation>Pay cash</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="139"/>
        <source>Position stornieren</source>
        <translation>Void line</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="147"/>
        <source>Warenkorb leeren</source>
        <translation>Clear basket</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="155"/>
        <source>Karte entfernen</source>
        <translation>Remove card</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="164"/>
        <source>Beenden</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/till_menus.py" line="172"/>
        <source>Tastenkürzel</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/status_labels.py" line="35"/>
        <source>Server: erreichbar</source>
        <translation>Server: reachable</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/status_labels.py" line="37"/>
        <source>Server: nicht erreichbar</source>
        <translation>Server: unreachable</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/status_labels.py" line="39"/>
        <source>Server: …</source>
        <translation>Server: …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/status_labels.py" line="43"/>
        <source>Angemeldet</source>
        <translation>Signed in</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/status_labels.py" line="45"/>
        <source>Nicht angemeldet</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/status_labels.py" line="47"/>
        <source>Anmeldung …</source>
        <translation>Signing in …</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../pos_gui/ui/widgets/message_bar.py" line="37"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>OpenPriceDialog</name>
    <message>
        <location filename="../../pos_gui/ui/catalog/open_price_dialog.py" line="39"/>
        <source>Preis eingeben</source>
        <translation>Enter price</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/open_price_dialog.py" line="45"/>
        <source>Preis für {name} (in €, z. B. 2,50):</source>
        <translation>Price for {name} (in €, e.g. 2.50):</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/open_price_dialog.py" line="47"/>
        <source>Preis je Stück für {quantity} × {name} (in €, z. B. 2,50):</source>
        <translation>Price per piece for {quantity} × {name} (in €, e.g. 2.50):</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/open_price_dialog.py" line="54"/>
        <source>Preis</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/open_price_dialog.py" line="69"/>
        <source>Hinzufügen</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/open_price_dialog.py" line="72"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/open_price_dialog.py" line="88"/>
        <source>Bitte einen Betrag über 0 € eingeben, höchstens {maximum}.</source>
        <translation>Please enter an amount above €0, at most {maximum}.</translation>
    </message>
</context>
<context>
    <name>PasscodeDialog</name>
    <message>
        <location filename="../../pos_gui/ui/views/passcode_dialog.py" line="18"/>
        <location filename="../../pos_gui/ui/views/passcode_dialog.py" line="19"/>
        <source>PIN der Kundenkarte</source>
        <translation>Customer card PIN</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/passcode_dialog.py" line="21"/>
        <source>Die PIN war falsch. Bitte die Kundin / den Kunden die PIN erneut eingeben lassen:</source>
        <translation>The PIN was wrong. Please let the customer enter the PIN again:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/passcode_dialog.py" line="26"/>
        <source>Diese Karte ist mit einer PIN geschützt. Bitte die Kundin / den Kunden die PIN eingeben lassen:</source>
        <translation>This card is protected by a PIN. Please let the customer enter the PIN:</translation>
    </message>
</context>
<context>
    <name>PaymentPanel</name>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="42"/>
        <source>Zu zahlen</source>
        <translation>To pay</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="52"/>
        <source>Guthaben einlösen (F9)</source>
        <translation>Apply balance (F9)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="62"/>
        <source>Gegeben (F8), leer = passend</source>
        <translation>Tendered (F8), empty = exact</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="66"/>
        <source>&amp;Gegeben</source>
        <translation>&amp;Tendered</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="70"/>
        <source>passend</source>
        <translation>exact</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="87"/>
        <source>Bar bezahlen (F12)</source>
        <translation>Pay cash (F12)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="92"/>
        <source>Mit Karte bezahlen (F11)</source>
        <translation>Pay with card (F11)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="101"/>
        <source>Zahlung wird geprüft …</source>
        <translation>Checking payment …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="106"/>
        <source>Die Kasse fragt den Server, ob die Zahlung angekommen ist. Bitte nicht erneut kassieren.</source>
        <translation>The till is asking the server whether the payment went through. Do not take the money again.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="114"/>
        <source>Erneut prüfen</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="186"/>
        <source>Karte hat {amount} bezahlt</source>
        <translation>Card paid {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="193"/>
        <source>Keine Karte gescannt</source>
        <translation>No card scanned</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="196"/>
        <source>Karte zahlt {amount} (eingelöst)</source>
        <translation>Card pays {amount} (applied)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="202"/>
        <source>Karte kann {amount} zahlen</source>
        <translation>Card can pay {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="209"/>
        <source>Bar bezahlt: {amount}</source>
        <translation>Paid in cash: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="215"/>
        <source>Bar zu zahlen: {amount} (wird bestätigt …)</source>
        <translation>Cash due: {amount} (confirming …)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="221"/>
        <source>Bar zu zahlen: {amount}</source>
        <translation>Cash due: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="239"/>
        <source>Rückgeld: {amount}</source>
        <translation>Change: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="228"/>
        <source>Betrag nicht lesbar, z. B. 20,00</source>
        <translation>Amount not readable, e.g. 20.00</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/payment_panel.py" line="232"/>
        <source>Es fehlen: {amount}</source>
        <translation>Missing: {amount}</translation>
    </message>
</context>
<context>
    <name>PrintFailureDialog</name>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="61"/>
        <source>Beleg nicht gedruckt</source>
        <translation>Receipt not printed</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="70"/>
        <source>Der Beleg konnte nicht gedruckt werden.</source>
        <translation>The receipt could not be printed.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="82"/>
        <source>Erneut versuchen</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="84"/>
        <source>Als PDF speichern</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="87"/>
        <source>Ohne Druck fortfahren</source>
        <translation>Continue without printing</translation>
    </message>
</context>
<context>
    <name>PrinterError</name>
    <message>
        <location filename="../../pos_gui/services/escpos_bytes.py" line="87"/>
        <source>Unbekannte Codepage des Druckers: {code_page}</source>
        <translation>Unknown printer code page: {code_page}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="31"/>
        <source>Drucker nicht erreichbar: keine Netzwerkadresse eingestellt</source>
        <translation>Printer not reachable: no network address set</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="38"/>
        <source>Drucker nicht erreichbar: ungültiger Port in „{address}“</source>
        <translation>Printer not reachable: invalid port in “{address}”</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="51"/>
        <source>Drucker nicht erreichbar: USB-Adresse „{address}“ ist nicht Hersteller:Produkt (hex)</source>
        <translation>Printer not reachable: USB address “{address}” is not vendor:product (hex)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="80"/>
        <source>Drucker nicht erreichbar: keine Datei eingestellt</source>
        <translation>Printer not reachable: no file set</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="104"/>
        <source>Drucker nicht erreichbar: keine serielle Schnittstelle eingestellt</source>
        <translation>Printer not reachable: no serial port set</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="111"/>
        <source>Drucker nicht erreichbar: Druckerart „{kind}“ druckt nicht direkt</source>
        <translation>Printer not reachable: printer type “{kind}” does not print directly</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="140"/>
        <source>Drucker nicht erreichbar: {address} lehnt die Verbindung ab. Ist der Drucker eingeschaltet und die Adresse richtig?</source>
        <translation>Printer not reachable: {address} refuses the connection. Is the printer switched on and the address right?</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="149"/>
        <source>Drucker nicht erreichbar: {address} antwortet nicht. Ist der Drucker eingeschaltet und im Netzwerk?</source>
        <translation>Printer not reachable: {address} does not answer. Is the printer switched on and on the network?</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="158"/>
        <source>Drucker nicht erreichbar: Adresse {address} ist unbekannt.</source>
        <translation>Printer not reachable: address {address} is unknown.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printer_devices.py" line="162"/>
        <source>Drucker nicht erreichbar: {reason}</source>
        <translation>Printer not reachable: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printing.py" line="161"/>
        <source>Drucker nicht erreichbar: kein Systemdrucker verfügbar</source>
        <translation>Printer not reachable: no system printer available</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printing.py" line="201"/>
        <source>Schublade nicht erreichbar: kein Bondrucker eingestellt</source>
        <translation>Cash drawer not reachable: no receipt printer set</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/printing.py" line="230"/>
        <source>Drucker nicht erreichbar: keine Antwort nach {seconds} s</source>
        <translation>Printer not reachable: no answer after {seconds} s</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/receipt_document.py" line="145"/>
        <location filename="../../pos_gui/ui/printing/receipt_document.py" line="166"/>
        <source>PDF konnte nicht gespeichert werden: {reason}</source>
        <translation>PDF could not be saved: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/receipt_document.py" line="222"/>
        <source>Drucker nicht erreichbar: kein Systemdrucker eingerichtet</source>
        <translation>Printer not reachable: no system printer set up</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/receipt_document.py" line="228"/>
        <source>Drucker nicht erreichbar: {name}</source>
        <translation>Printer not reachable: {name}</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsDialog</name>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="72"/>
        <source>Drucker einstellen</source>
        <translation>Printer settings</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="83"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/backoffice.py" line="86"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PrinterSettingsPage</name>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="29"/>
        <source>Kein Drucker (nur Vorschau)</source>
        <translation>No printer (preview only)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="30"/>
        <source>Bondrucker im Netzwerk</source>
        <translation>Receipt printer on the network</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="31"/>
        <source>Bondrucker an USB</source>
        <translation>Receipt printer on USB</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="34"/>
        <source>Bondrucker an serieller Schnittstelle</source>
        <translation>Receipt printer on a serial port</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="36"/>
        <source>Systemdrucker</source>
        <translation>System printer</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="37"/>
        <source>Datei (ESC/POS-Rohdaten)</source>
        <translation>File (raw ESC/POS data)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="43"/>
        <source>z. B. 192.168.1.50 oder 192.168.1.50:9100</source>
        <translation>e.g. 192.168.1.50 or 192.168.1.50:9100</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="46"/>
        <source>Hersteller:Produkt, z. B. 04b8:0202</source>
        <translation>vendor:product, e.g. 04b8:0202</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="47"/>
        <source>z. B. /dev/ttyUSB0 oder COM3</source>
        <translation>e.g. /dev/ttyUSB0 or COM3</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="48"/>
        <source>Pfad der Datei, z. B. /tmp/belege.bin</source>
        <translation>Path of the file, e.g. /tmp/receipts.bin</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="73"/>
        <source>{width} Zeichen ({paper})</source>
        <translation>{width} characters ({paper})</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="79"/>
        <source>Beleg nach jedem Verkauf drucken</source>
        <translation>Print a receipt after every sale</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="82"/>
        <source>Vor dem Drucken fragen</source>
        <translation>Ask before printing</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="85"/>
        <source>Schublade nach Barzahlung öffnen</source>
        <translation>Open the cash drawer after cash payment</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="87"/>
        <source>Testdruck</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="92"/>
        <source>Drucker:</source>
        <translation>Printer:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="93"/>
        <source>Adresse:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="94"/>
        <source>Papierbreite:</source>
        <translation>Paper width:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="95"/>
        <source>Codepage:</source>
        <translation>Code page:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/settings_page.py" line="154"/>
        <source>Bitte eine Adresse eingeben.</source>
        <translation>Please enter an address.</translation>
    </message>
</context>
<context>
    <name>ProductGrid</name>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid.py" line="94"/>
        <source>Preis eingeben</source>
        <translation>Enter price</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid.py" line="164"/>
        <source>Produktraster</source>
        <translation>Product grid</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid.py" line="188"/>
        <source>◀ Zurück</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid.py" line="190"/>
        <source>Weiter ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid.py" line="244"/>
        <source>Seite {number}</source>
        <translation>Page {number}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid.py" line="291"/>
        <source>★ Favoriten</source>
        <translation>★ Favourites</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid.py" line="333"/>
        <source>Noch keine Favoriten. Auswählen: Einstellungen → Favoriten …</source>
        <translation>No favourites yet. Choose them: Settings → Favourites …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid.py" line="337"/>
        <source>Diese Warengruppe hat keine Artikel.</source>
        <translation>This product group has no articles.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/catalog/product_grid_panel.py" line="62"/>
        <source>Das Produktraster braucht ein mindestens 1024 Pixel breites Fenster.</source>
        <translation>The product grid needs a window at least 1024 pixels wide.</translation>
    </message>
</context>
<context>
    <name>ReceiptOutputPresenter</name>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="190"/>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="191"/>
        <source>Beleg drucken?</source>
        <translation>Print receipt?</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="197"/>
        <source>Verkauf {number}</source>
        <translation>Sale {number}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="202"/>
        <source>Drucken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="205"/>
        <source>Kein Beleg</source>
        <translation>No receipt</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="234"/>
        <source>Für diesen Verkauf gibt es keinen Beleg.</source>
        <translation>This sale has no receipt.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="253"/>
        <source>Es gibt noch keinen Beleg zum Nachdrucken.</source>
        <translation>There is no receipt to reprint yet.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="269"/>
        <source>Keine Schublade angeschlossen: Es ist kein Bondrucker eingestellt.</source>
        <translation>No cash drawer connected: no receipt printer is set up.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="280"/>
        <source>Die Schublade ließ sich nicht öffnen.</source>
        <translation>The cash drawer did not open.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="287"/>
        <source>Schublade geöffnet.</source>
        <translation>Cash drawer opened.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="347"/>
        <source>Beleg von Verkauf {number} nicht gedruckt. Er kann unter „Verkäufe → Heutige Verkäufe“ gedruckt werden.</source>
        <translation>Receipt of sale {number} not printed. It can be printed from “Sales → Today&apos;s sales”.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="371"/>
        <source>Beleg-{number}.pdf</source>
        <translation>Receipt-{number}.pdf</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="381"/>
        <source>Beleg als PDF gespeichert.</source>
        <translation>Receipt saved as PDF.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/receipt_output_presenter.py" line="390"/>
        <source>Kein Drucker eingestellt (Einstellungen → Drucker …).</source>
        <translation>No printer set up (Settings → Printer …).</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinting</name>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="134"/>
        <source>Beleg drucken</source>
        <translation>Print receipt</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="149"/>
        <source>Belegvorschau</source>
        <translation>Receipt preview</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="172"/>
        <source>Beleg als PDF speichern</source>
        <translation>Save receipt as PDF</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/dialogs.py" line="174"/>
        <source>PDF-Dateien (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/printing/receipt_document.py" line="150"/>
        <source>Beleg</source>
        <translation>Receipt</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="61"/>
        <source>Z-Abschluss</source>
        <translation>Z closing</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="63"/>
        <source>X-Bericht</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="76"/>
        <source>Drucken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="77"/>
        <source>Als PDF speichern</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="78"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="110"/>
        <source>Zählung nach Stückelung</source>
        <translation>Count by denomination</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="147"/>
        <source>Z-Abschluss buchen</source>
        <translation>Book the Z closing</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="169"/>
        <source>Gezählt: {amount}</source>
        <translation>Counted: {amount}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="172"/>
        <source>Differenz zum Soll ({expected}): {difference}</source>
        <translation>Difference to expected ({expected}): {difference}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="186"/>
        <source>Gebucht und gedruckt. Der nächste Verkauf gehört zum nächsten Abschluss.</source>
        <translation>Booked and printed. The next sale belongs to the next closing.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/report_dialog.py" line="216"/>
        <source>PDF gespeichert: {path}</source>
        <translation>PDF saved: {path}</translation>
    </message>
</context>
<context>
    <name>SalesTodayDialog</name>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="39"/>
        <source>Zeit</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="40"/>
        <source>Nr.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="41"/>
        <source>Summe</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="42"/>
        <source>Karte</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="43"/>
        <source>Bar</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="44"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="64"/>
        <source>Heutige Verkäufe</source>
        <translation>Today&apos;s sales</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="70"/>
        <source>Verkäufe von heute</source>
        <translation>Today&apos;s sales</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="83"/>
        <source>Beleg des Verkaufs</source>
        <translation>Receipt of the sale</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="92"/>
        <source>&amp;Drucken</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="95"/>
        <source>Als &amp;PDF speichern</source>
        <translation>Save as &amp;PDF</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="99"/>
        <source>&amp;Aktualisieren</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="102"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="173"/>
        <source>{count} bezahlte Verkäufe · Summe {total} · Karte {card} · Bar {cash}</source>
        <translation>{count} paid sales · total {total} · card {card} · cash {cash}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="202"/>
        <source>Kein Beleg: Der Verkauf wurde nicht bezahlt.</source>
        <translation>No receipt: the sale was not paid.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="206"/>
        <source>Kein Verkauf ausgewählt.</source>
        <translation>No sale selected.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="244"/>
        <source>Beleg als PDF speichern</source>
        <translation>Save receipt as PDF</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/views/sales_today_view.py" line="246"/>
        <source>PDF-Dateien (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SalesTodayPresenter</name>
    <message>
        <location filename="../../pos_gui/ui/presenters/sales_today_presenter.py" line="31"/>
        <source>bezahlt – Beleg nicht gedruckt</source>
        <translation>paid – receipt not printed</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/sales_today_presenter.py" line="33"/>
        <source>bezahlt</source>
        <translation>paid</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/sales_today_presenter.py" line="36"/>
        <source>abgebrochen</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/sales_today_presenter.py" line="37"/>
        <source>fehlgeschlagen</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/sales_today_presenter.py" line="38"/>
        <source>ungeklärt – wird geprüft</source>
        <translation>unresolved – being checked</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/sales_today_presenter.py" line="39"/>
        <source>Zahlung läuft</source>
        <translation>payment in progress</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/sales_today_presenter.py" line="41"/>
        <source>offen</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/presenters/sales_today_presenter.py" line="188"/>
        <source>Für diesen Verkauf gibt es keinen Beleg.</source>
        <translation>This sale has no receipt.</translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="91"/>
        <source>pos-gui – Einrichtung</source>
        <translation>pos-gui – Setup</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="109"/>
        <source>Willkommen bei pos-gui</source>
        <translation>Welcome to pos-gui</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="110"/>
        <source>Wie soll diese Kasse arbeiten?</source>
        <translation>How should this till work?</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="112"/>
        <source>Demo – ohne Server, mit Beispieldaten (zum Ausprobieren und Vorführen)</source>
        <translation>Demo – no server, sample data (for trying out and demonstrating)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="117"/>
        <source>Testing – mit dem secuconnect-Testsystem koppeln</source>
        <translation>Testing – pair with the secuconnect test system</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="120"/>
        <source>Live – echter Betrieb, mit secuconnect koppeln</source>
        <translation>Live – real operation, pair with secuconnect</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="126"/>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="210"/>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="338"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="127"/>
        <source>Weiter</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="146"/>
        <source>Die Zugangsdaten (Client-ID und Client-Secret) erhalten Sie von secupay. Die Geräte-ID unterscheidet die Kassen einer Filiale.</source>
        <translation>secupay gives you the credentials (client ID and client secret). The device ID tells the tills of a shop apart.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="159"/>
        <source>Server-Adresse</source>
        <translation>Server address</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="160"/>
        <source>Client-ID</source>
        <translation>Client ID</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="161"/>
        <source>Client-Secret</source>
        <translation>Client secret</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="162"/>
        <source>Geräte-ID</source>
        <translation>Device ID</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="166"/>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="332"/>
        <source>Zurück</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="167"/>
        <source>Kasse koppeln</source>
        <translation>Pair till</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="184"/>
        <source>Bitte geben Sie diesen Code in SecuOffice ein, um die Kasse freizugeben:</source>
        <translation>Please enter this code in SecuOffice to approve the till:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="194"/>
        <source>unter der Adresse:</source>
        <translation>at the address:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="208"/>
        <source>Neu starten</source>
        <translation>Start again</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="227"/>
        <source>Die Kasse ist eingerichtet.</source>
        <translation>The till is set up.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="257"/>
        <source>Code wird angefordert …</source>
        <translation>Requesting code …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="280"/>
        <source>Mit dem Testsystem koppeln</source>
        <translation>Pair with the test system</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="282"/>
        <source>Für den Live-Betrieb koppeln</source>
        <translation>Pair for live operation</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="34"/>
        <source>Der Code ist abgelaufen, bevor die Kasse freigegeben wurde. Bitte starten Sie die Kopplung neu.</source>
        <translation>The code expired before the till was approved. Please start pairing again.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="308"/>
        <source>Warte auf die Freigabe …</source>
        <translation>Waiting for approval …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="319"/>
        <source>Server-Adresse: {url}</source>
        <translation>Server address: {url}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="320"/>
        <source>Bitte prüfen: Ist die Adresse richtig geschrieben? Hat die Kasse Netzwerk (Kabel, WLAN)? Lässt eine Firewall oder ein Proxy die Verbindung zu?</source>
        <translation>Please check: Is the address spelt correctly? Does the till have a network (cable, Wi-Fi)? Does a firewall or a proxy let the connection through?</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="330"/>
        <source>Erneut versuchen</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="343"/>
        <source>Der Code ist noch {minutes}:{seconds:02d} Minuten gültig.</source>
        <translation>The code is valid for another {minutes}:{seconds:02d} minutes.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="353"/>
        <source>Demo-Modus eingerichtet. Die Kasse startet …</source>
        <translation>Demo mode set up. Starting the till …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_window.py" line="357"/>
        <source>Kopplung erfolgreich. Die Kasse startet …</source>
        <translation>Pairing successful. Starting the till …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="17"/>
        <source>Bitte geben Sie die Server-Adresse mit https:// (oder http://) an.</source>
        <translation>Please enter the server address with https:// (or http://).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="21"/>
        <source>Bitte geben Sie die Client-ID ein.</source>
        <translation>Please enter the client ID.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="23"/>
        <source>Bitte geben Sie das Client-Secret ein.</source>
        <translation>Please enter the client secret.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="25"/>
        <source>Die Geräte-ID hat die Form /vendor/&lt;Name&gt;/cashier/&lt;Nummer&gt;.</source>
        <translation>The device ID has the form /vendor/&lt;name&gt;/cashier/&lt;number&gt;.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="39"/>
        <source>Client-ID oder Client-Secret ist falsch.</source>
        <translation>Client ID or client secret is wrong.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="41"/>
        <source>Diese Geräte-ID ist beim Server nicht eingerichtet. Bitte wenden Sie sich an secupay.</source>
        <translation>This device ID is not set up on the server. Please contact secupay.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="46"/>
        <source>Der Server hat die Kopplung abgelehnt ({error}).</source>
        <translation>The server refused the pairing ({error}).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="50"/>
        <source>Der Server ist nicht erreichbar. Bitte prüfen Sie die Server-Adresse und die Netzwerkverbindung.</source>
        <translation>The server cannot be reached. Please check the server address and the network connection.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/setup/setup_texts.py" line="54"/>
        <source>Die Kopplung ist fehlgeschlagen. Details stehen im Protokoll.</source>
        <translation>Pairing failed. See the log for details.</translation>
    </message>
</context>
<context>
    <name>ShopDay</name>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="101"/>
        <source>Kasse: {name}</source>
        <translation>Till: {name}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="103"/>
        <source>Kasse: gesperrt</source>
        <translation>Till: locked</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="132"/>
        <source>TRAININGSBON – KEIN VERKAUF (Trainingsmodus)</source>
        <translation>TRAINING RECEIPT – NO SALE (training mode)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="144"/>
        <source>Trainingsmodus</source>
        <translation>Training mode</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="160"/>
        <source>Kassierer wechseln</source>
        <translation>Switch cashier</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="169"/>
        <source>Geld einlegen …</source>
        <translation>Put cash in …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="178"/>
        <source>Geld entnehmen …</source>
        <translation>Take cash out …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="190"/>
        <source>Storno …</source>
        <translation>Void …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="198"/>
        <source>X-Bericht</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="206"/>
        <source>Z-Abschluss …</source>
        <translation>Z closing …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/install.py" line="214"/>
        <source>Z-Abschluss nachdrucken</source>
        <translation>Reprint the Z closing</translation>
    </message>
</context>
<context>
    <name>StornoDialog</name>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="103"/>
        <source>Bitte eine Bon-Nr. eingeben oder scannen.</source>
        <translation>Please enter or scan a receipt no.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="109"/>
        <source>Bon-Nr. {number} gibt es nicht.</source>
        <translation>There is no receipt no. {number}.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="119"/>
        <source>Bitte einen Grund angeben.</source>
        <translation>Please give a reason.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="143"/>
        <source>Keine Antwort vom Server: der Storno wird nachgefragt.</source>
        <translation>No answer from the server: the void is being checked.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="195"/>
        <source>Storno zu Bon-Nr. {original} nachträglich gebucht. Bar auszahlen: {cash}.</source>
        <translation>Void of receipt no. {original} booked after all. Pay out in cash: {cash}.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="203"/>
        <source>Storno von Bon-Nr. {original} nicht ausgeführt: der Server hat den Verkauf nicht storniert.</source>
        <translation>Void of receipt no. {original} not carried out: the server did not cancel the sale.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="228"/>
        <source>Storno</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="236"/>
        <source>Bon-Nr. scannen oder eingeben</source>
        <translation>Scan or enter the receipt no.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="241"/>
        <source>z. B. Kunde hat es sich anders überlegt</source>
        <translation>e.g. the customer changed their mind</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="244"/>
        <source>Stornieren</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="251"/>
        <source>Schließen</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="254"/>
        <source>Bon-Nr.:</source>
        <translation>Receipt no.:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="255"/>
        <source>Grund:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="260"/>
        <source>Heutige bezahlte Verkäufe:</source>
        <translation>Today&apos;s paid sales:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="298"/>
        <source>Bon-Nr. {number}  {time}  {total}</source>
        <translation>Receipt no. {number}  {time}  {total}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="330"/>
        <source>Storno läuft …</source>
        <translation>Voiding …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/day/storno_dialog.py" line="335"/>
        <source>Storno zu Bon-Nr. {original} gebucht (Bon-Nr. {number}). Bar auszahlen: {cash}. Zurück auf die Karte: {card}.</source>
        <translation>Void of receipt no. {original} booked (receipt no. {number}). Pay out in cash: {cash}. Back to the card: {card}.</translation>
    </message>
</context>
<context>
    <name>TseCheck</name>
    <message>
        <location filename="../../pos_gui/services/tse_check.py" line="26"/>
        <source>TSE bereit (TSS {tss}, Seriennummer {serial}).</source>
        <translation>TSE ready (TSS {tss}, serial number {serial}).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/tse_check.py" line="27"/>
        <source>TSE nicht bereit: Zustand {state} (erwartet INITIALIZED).</source>
        <translation>TSE not ready: state {state} (expected INITIALIZED).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/tse_check.py" line="28"/>
        <source>TSE lehnt ab: {reason}</source>
        <translation>TSE refuses: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/tse_check.py" line="29"/>
        <source>TSE nicht erreichbar: {reason}</source>
        <translation>TSE unreachable: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/services/tse_check.py" line="30"/>
        <source>Keine TSE eingerichtet: {missing} fehlt.</source>
        <translation>No TSE set up: {missing} missing.</translation>
    </message>
</context>
<context>
    <name>TseSettingsDialog</name>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="85"/>
        <source>TSE einrichten</source>
        <translation>Set up TSE</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="96"/>
        <source>keine (nur Demo)</source>
        <translation>none (demo only)</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="98"/>
        <source>Signierer:</source>
        <translation>Signer:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="108"/>
        <source>API-Adresse:</source>
        <translation>API address:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="109"/>
        <source>API-Key:</source>
        <translation>API key:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="110"/>
        <source>API-Secret:</source>
        <translation>API secret:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="111"/>
        <source>TSS-ID:</source>
        <translation>TSS ID:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="112"/>
        <source>Client-ID:</source>
        <translation>Client ID:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="113"/>
        <source>Client-Seriennummer:</source>
        <translation>Client serial number:</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="124"/>
        <source>TSE prüfen</source>
        <translation>Check TSE</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="138"/>
        <source>Speichern</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="140"/>
        <source>Abbrechen</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="180"/>
        <source>TSE wird geprüft …</source>
        <translation>Checking the TSE …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="214"/>
        <source>Zertifikat gültig bis {date} (noch {days} Tage).</source>
        <translation>Certificate valid until {date} ({days} days left).</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="222"/>
        <source>Achtung: Das Zertifikat der TSE läuft in {days} Tagen ab. Bitte rechtzeitig ein neues Zertifikat beim TSE-Anbieter bestellen.</source>
        <translation>Attention: the TSE&apos;s certificate expires in {days} days. Please order a new certificate from the TSE provider in time.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="264"/>
        <source>TSE …</source>
        <translation>TSE …</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="302"/>
        <source>Die TSE-Einstellungen konnten nicht gespeichert werden.</source>
        <translation>The TSE settings could not be saved.</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_dialog.py" line="314"/>
        <source>TSE-Einstellungen gespeichert. Werden beim nächsten Start übernommen.</source>
        <translation>TSE settings saved. They apply from the next start.</translation>
    </message>
</context>
<context>
    <name>TseStatus</name>
    <message>
        <location filename="../../pos_gui/ui/tse_status.py" line="29"/>
        <source>TSE: nicht eingerichtet</source>
        <translation>TSE: not set up</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_status.py" line="31"/>
        <source>TSE: ausgefallen seit {time}</source>
        <translation>TSE: down since {time}</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_status.py" line="35"/>
        <source>TSE: bereit</source>
        <translation>TSE: ready</translation>
    </message>
    <message>
        <location filename="../../pos_gui/ui/tse_status.py" line="36"/>
        <source>TSE: wird verbunden …</source>
        <translation>TSE: connecting …</translation>
    </message>
</context>
</TS>
