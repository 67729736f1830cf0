"""The sample letter of SPD and GRÜNE to B2 (15 April 2021), part by part, as the browser
tests type it and read it back."""

TITLE = "Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel"
REQUEST_TEXT = (
    "wir bitten Sie, nachfolgenden Antrag in der nächsten Sitzung des Betriebsausschuss 2 "
    "behandeln zu lassen:"
)
RESOLUTION = (
    "Die Verwaltung wird aufgefordert, schriftlich sowie in der Sitzung des B2 am 15.4.21, zum "
    "„Stand der Umsetzung des Kommunalen Integrationsmanagements in Castrop-Rauxel“ Bericht zu "
    "erstatten."
)
QUESTIONS_INTRO = "Daher soll insbesondere auf folgende Aspekte eingegangen werden:"
QUESTIONS = [
    "wie wird der Beschluss des Kreis Recklinghausen aus März 2020 zur Umsetzung des KIM bzw. zur "
    "Unterstützung der kreisangehörigen Städte in Castrop-Rauxel umgesetzt?",
    "wie werden in Castrop-Rauxel bewährte Träger der Freien Wohlfahrtspflege an der Umsetzung "
    "des Kommunalen Integrationsmanagements eingebunden?",
]
LINK = (
    "http://www.kfi.nrw.de/Foerderprogramme/Kommunales-Integrationsmanagement/"
    "2020-06-30-Handlungskonzept-FINAL.docx"
)
JUSTIFICATION = (
    "Das Land NRW möchte mit der flächendeckenden Implementierung des Kommunalen "
    "Integrationsmanagements (KIM) als Landesförderung, die komplexen Herausforderungen der "
    "Integration bündeln und Kommunen in Nordrhein-Westfalen dabei zu unterstützen. Dazu fördert "
    "das Land die Kreise und Städte im Rahmen des Kommunalen Integrationsmanagements (KIM) bei der "
    "Vernetzung, verschiedener Ämter und Akteur:innen, um Menschen zielgerichtet bei der "
    "Integration zu unterstützen. Das Ziel des KIM ist die Integration in Städten wie "
    "Castrop-Rauxel zu verstärken und weitere Angebote zum Thema Integration von Geflüchteten, "
    "EU-Bürger:innen und anderen Personenkreisen zu schaffen und anzubieten.\n"
    "\n"
    "Das Land NRW hat für die Umsetzung des KIM ein Handlungskonzept erstellt:\n"
    "\n"
    f"<{LINK}>. In dem Konzept heißt es, dass Träger der Freien Wohlfahrtspflege bei der "
    "Umsetzung des KIM durch Weitergabe von Fördermitteln (z.B. für das Casemanagement) "
    "einbezogen werden sollen. In Castrop-Rauxel würde sich für diesen Einbezug beispielsweise "
    "die Caritas und auch das Kultur- und Bildungszentrum AGORA anbieten, die seit vielen Jahren "
    "in vielen Feldern der Integrationsarbeit unserer Stadt wertvolle Beiträge leistet."
)
SIGNATORIES = ["Daniel Molloisch", "Bert Wagener"]
