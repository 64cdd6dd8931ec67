"""Everything Qt asks ICU for, printed, so the full and the trimmed ICU data can be compared.

build-linux.sh runs this with the build environment's PySide6 twice: as it is, and
with the bundle's trimmed libicudata preloaded; the two outputs must be the same.
It covers each ICU family Qt calls (installers/icu_trim.py): collation with
tailored locales, time-zone display names, locale-specific case mapping, and
legacy text converters.
"""

from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone

NAMES = [
    "Zoë",
    "Zoe",
    "Åsa",
    "Ängel",
    "Łukasz",
    "Lukas",
    "Öz",
    "Oz",
    "ñandu",
    "nube",
    "Ærø",
    "Aaron",
    "Siân",
    "Sian",
    "Llŷr",
    "Lloyd",
    "张伟",
    "王芳",
    "Ψ",
    "Dmitriy",
    "Дмитрий",
]

for locale in ["en_GB", "cy_GB", "de_DE", "sv_SE", "pl_PL", "es_ES", "zh_CN", "ru_RU"]:
    collator = QCollator(QLocale(locale))
    print(locale, sorted(NAMES, key=collator.sortKey))

london = QTimeZone(b"Europe/London")
for locale in ["en_GB", "cy_GB", "fr_FR", "ja_JP", "ur_PK"]:
    where = QLocale(locale)
    print(
        locale,
        london.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, where),
        london.displayName(QTimeZone.TimeType.DaylightTime, QTimeZone.NameType.ShortName, where),
    )
print(len(QTimeZone.availableTimeZoneIds()))

print(
    QLocale("tr_TR").toUpper("istanbul"),
    QLocale("en_GB").toUpper("straße"),
    QLocale("lt_LT").toLower("ĮĖ"),
    QLocale("el_GR").toUpper("άλφα"),
)

for name in ["Shift-JIS", "windows-1252", "ISO-8859-15", "GB18030", "KOI8-R"]:
    decoder = QStringDecoder(name)
    print(name, decoder.isValid(), decoder.name())
print(len(QStringDecoder.availableCodecs()))
