/*
 * currency.c - the ISO 4217 currency table behind wm_currency_find().
 *
 * The loader checks an engagement's `currency` against this table and the
 * document stage uses an entry's symbol, separators and minor units to print
 * money.  Codes, names and minor units are ISO 4217 list one (current
 * currencies, funds and precious metals) as maintained by SIX Financial
 * Information, the standard's maintenance agency, without XTS (testing) and
 * XXX (no currency); minor units ISO gives as "N.A." are 0.  Symbols, symbol
 * placement and separators are not part of ISO 4217: they are this
 * project's choice for English-language reports.
 */
#include "../waymark.h"

#include <stdlib.h>
#include <string.h>

/* U+00A0 NO-BREAK SPACE, the thousands separator where locals use a space. */
#define NBSP " "

/* clang-format off */
/* No widely used distinct symbol: "AED 1,234.56". */
#define CODE_ONLY(code, minor, name) {code, code, false, true, ",", ".", minor, name}

/* A symbol written straight before the amount: "£1,234.56". */
#define SYMBOL_BEFORE(code, sym, minor, name) {code, sym, false, false, ",", ".", minor, name}
/* clang-format on */

/* Sorted by code in strcmp() order, which wm_currency_find() relies on. */
static const wm_currency currencies[] = {
    CODE_ONLY("AED", 2, "UAE Dirham"),
    CODE_ONLY("AFN", 2, "Afghani"),
    CODE_ONLY("ALL", 2, "Lek"),
    CODE_ONLY("AMD", 2, "Armenian Dram"),
    CODE_ONLY("AOA", 2, "Kwanza"),
    CODE_ONLY("ARS", 2, "Argentine Peso"),
    SYMBOL_BEFORE("AUD", "A$", 2, "Australian Dollar"),
    CODE_ONLY("AWG", 2, "Aruban Florin"),
    CODE_ONLY("AZN", 2, "Azerbaijan Manat"),
    CODE_ONLY("BAM", 2, "Convertible Mark"),
    CODE_ONLY("BBD", 2, "Barbados Dollar"),
    CODE_ONLY("BDT", 2, "Taka"),
    CODE_ONLY("BHD", 3, "Bahraini Dinar"),
    CODE_ONLY("BIF", 0, "Burundi Franc"),
    CODE_ONLY("BMD", 2, "Bermudian Dollar"),
    CODE_ONLY("BND", 2, "Brunei Dollar"),
    CODE_ONLY("BOB", 2, "Boliviano"),
    CODE_ONLY("BOV", 2, "Mvdol"),
    {"BRL", "R$", false, true, ".", ",", 2, "Brazilian Real"},
    CODE_ONLY("BSD", 2, "Bahamian Dollar"),
    CODE_ONLY("BTN", 2, "Ngultrum"),
    CODE_ONLY("BWP", 2, "Pula"),
    CODE_ONLY("BYN", 2, "Belarusian Ruble"),
    CODE_ONLY("BZD", 2, "Belize Dollar"),
    SYMBOL_BEFORE("CAD", "CA$", 2, "Canadian Dollar"),
    CODE_ONLY("CDF", 2, "Congolese Franc"),
    CODE_ONLY("CHE", 2, "WIR Euro"),
    {"CHF", "CHF", false, true, "’", ".", 2, "Swiss Franc"},
    CODE_ONLY("CHW", 2, "WIR Franc"),
    CODE_ONLY("CLF", 4, "Unidad de Fomento"),
    CODE_ONLY("CLP", 0, "Chilean Peso"),
    SYMBOL_BEFORE("CNY", "CN¥", 2, "Yuan Renminbi"),
    CODE_ONLY("COP", 2, "Colombian Peso"),
    CODE_ONLY("COU", 2, "Unidad de Valor Real"),
    CODE_ONLY("CRC", 2, "Costa Rican Colon"),
    CODE_ONLY("CUP", 2, "Cuban Peso"),
    CODE_ONLY("CVE", 2, "Cabo Verde Escudo"),
    {"CZK", "Kč", true, true, NBSP, ",", 2, "Czech Koruna"},
    CODE_ONLY("DJF", 0, "Djibouti Franc"),
    {"DKK", "kr", true, true, NBSP, ",", 2, "Danish Krone"},
    CODE_ONLY("DOP", 2, "Dominican Peso"),
    CODE_ONLY("DZD", 2, "Algerian Dinar"),
    CODE_ONLY("EGP", 2, "Egyptian Pound"),
    CODE_ONLY("ERN", 2, "Nakfa"),
    CODE_ONLY("ETB", 2, "Ethiopian Birr"),
    SYMBOL_BEFORE("EUR", "€", 2, "Euro"),
    CODE_ONLY("FJD", 2, "Fiji Dollar"),
    CODE_ONLY("FKP", 2, "Falkland Islands Pound"),
    SYMBOL_BEFORE("GBP", "£", 2, "Pound Sterling"),
    CODE_ONLY("GEL", 2, "Lari"),
    CODE_ONLY("GHS", 2, "Ghana Cedi"),
    CODE_ONLY("GIP", 2, "Gibraltar Pound"),
    CODE_ONLY("GMD", 2, "Dalasi"),
    CODE_ONLY("GNF", 0, "Guinean Franc"),
    CODE_ONLY("GTQ", 2, "Quetzal"),
    CODE_ONLY("GYD", 2, "Guyana Dollar"),
    SYMBOL_BEFORE("HKD", "HK$", 2, "Hong Kong Dollar"),
    CODE_ONLY("HNL", 2, "Lempira"),
    CODE_ONLY("HTG", 2, "Gourde"),
    {"HUF", "Ft", true, true, NBSP, ",", 2, "Forint"},
    SYMBOL_BEFORE("IDR", "Rp", 2, "Rupiah"),
    SYMBOL_BEFORE("ILS", "₪", 2, "New Israeli Sheqel"),
    SYMBOL_BEFORE("INR", "₹", 2, "Indian Rupee"),
    CODE_ONLY("IQD", 3, "Iraqi Dinar"),
    CODE_ONLY("IRR", 2, "Iranian Rial"),
    CODE_ONLY("ISK", 0, "Iceland Krona"),
    CODE_ONLY("JMD", 2, "Jamaican Dollar"),
    CODE_ONLY("JOD", 3, "Jordanian Dinar"),
    SYMBOL_BEFORE("JPY", "¥", 0, "Yen"),
    CODE_ONLY("KES", 2, "Kenyan Shilling"),
    CODE_ONLY("KGS", 2, "Som"),
    CODE_ONLY("KHR", 2, "Riel"),
    CODE_ONLY("KMF", 0, "Comorian Franc"),
    CODE_ONLY("KPW", 2, "North Korean Won"),
    SYMBOL_BEFORE("KRW", "₩", 0, "Won"),
    CODE_ONLY("KWD", 3, "Kuwaiti Dinar"),
    CODE_ONLY("KYD", 2, "Cayman Islands Dollar"),
    CODE_ONLY("KZT", 2, "Tenge"),
    CODE_ONLY("LAK", 2, "Lao Kip"),
    CODE_ONLY("LBP", 2, "Lebanese Pound"),
    CODE_ONLY("LKR", 2, "Sri Lanka Rupee"),
    CODE_ONLY("LRD", 2, "Liberian Dollar"),
    CODE_ONLY("LSL", 2, "Loti"),
    CODE_ONLY("LYD", 3, "Libyan Dinar"),
    CODE_ONLY("MAD", 2, "Moroccan Dirham"),
    CODE_ONLY("MDL", 2, "Moldovan Leu"),
    CODE_ONLY("MGA", 2, "Malagasy Ariary"),
    CODE_ONLY("MKD", 2, "Denar"),
    CODE_ONLY("MMK", 2, "Kyat"),
    CODE_ONLY("MNT", 2, "Tugrik"),
    CODE_ONLY("MOP", 2, "Pataca"),
    CODE_ONLY("MRU", 2, "Ouguiya"),
    CODE_ONLY("MUR", 2, "Mauritius Rupee"),
    CODE_ONLY("MVR", 2, "Rufiyaa"),
    CODE_ONLY("MWK", 2, "Malawi Kwacha"),
    SYMBOL_BEFORE("MXN", "MX$", 2, "Mexican Peso"),
    CODE_ONLY("MXV", 2, "Mexican Unidad de Inversion (UDI)"),
    SYMBOL_BEFORE("MYR", "RM", 2, "Malaysian Ringgit"),
    CODE_ONLY("MZN", 2, "Mozambique Metical"),
    CODE_ONLY("NAD", 2, "Namibia Dollar"),
    SYMBOL_BEFORE("NGN", "₦", 2, "Naira"),
    CODE_ONLY("NIO", 2, "Cordoba Oro"),
    {"NOK", "kr", true, true, NBSP, ",", 2, "Norwegian Krone"},
    CODE_ONLY("NPR", 2, "Nepalese Rupee"),
    SYMBOL_BEFORE("NZD", "NZ$", 2, "New Zealand Dollar"),
    CODE_ONLY("OMR", 3, "Rial Omani"),
    CODE_ONLY("PAB", 2, "Balboa"),
    CODE_ONLY("PEN", 2, "Sol"),
    CODE_ONLY("PGK", 2, "Kina"),
    SYMBOL_BEFORE("PHP", "₱", 2, "Philippine Peso"),
    CODE_ONLY("PKR", 2, "Pakistan Rupee"),
    {"PLN", "zł", true, true, NBSP, ",", 2, "Zloty"},
    CODE_ONLY("PYG", 0, "Guarani"),
    CODE_ONLY("QAR", 2, "Qatari Rial"),
    CODE_ONLY("RON", 2, "Romanian Leu"),
    CODE_ONLY("RSD", 2, "Serbian Dinar"),
    {"RUB", "₽", true, true, NBSP, ",", 2, "Russian Ruble"},
    CODE_ONLY("RWF", 0, "Rwanda Franc"),
    CODE_ONLY("SAR", 2, "Saudi Riyal"),
    CODE_ONLY("SBD", 2, "Solomon Islands Dollar"),
    CODE_ONLY("SCR", 2, "Seychelles Rupee"),
    CODE_ONLY("SDG", 2, "Sudanese Pound"),
    {"SEK", "kr", true, true, NBSP, ",", 2, "Swedish Krona"},
    SYMBOL_BEFORE("SGD", "S$", 2, "Singapore Dollar"),
    CODE_ONLY("SHP", 2, "Saint Helena Pound"),
    CODE_ONLY("SLE", 2, "Leone"),
    CODE_ONLY("SOS", 2, "Somali Shilling"),
    CODE_ONLY("SRD", 2, "Surinam Dollar"),
    CODE_ONLY("SSP", 2, "South Sudanese Pound"),
    CODE_ONLY("STN", 2, "Dobra"),
    CODE_ONLY("SVC", 2, "El Salvador Colon"),
    CODE_ONLY("SYP", 2, "Syrian Pound"),
    CODE_ONLY("SZL", 2, "Lilangeni"),
    SYMBOL_BEFORE("THB", "฿", 2, "Baht"),
    CODE_ONLY("TJS", 2, "Somoni"),
    CODE_ONLY("TMT", 2, "Turkmenistan New Manat"),
    CODE_ONLY("TND", 3, "Tunisian Dinar"),
    CODE_ONLY("TOP", 2, "Pa’anga"),
    SYMBOL_BEFORE("TRY", "₺", 2, "Turkish Lira"),
    CODE_ONLY("TTD", 2, "Trinidad and Tobago Dollar"),
    SYMBOL_BEFORE("TWD", "NT$", 2, "New Taiwan Dollar"),
    CODE_ONLY("TZS", 2, "Tanzanian Shilling"),
    SYMBOL_BEFORE("UAH", "₴", 2, "Hryvnia"),
    CODE_ONLY("UGX", 0, "Uganda Shilling"),
    SYMBOL_BEFORE("USD", "$", 2, "US Dollar"),
    CODE_ONLY("USN", 2, "US Dollar (Next day)"),
    CODE_ONLY("UYI", 0, "Uruguay Peso en Unidades Indexadas (UI)"),
    CODE_ONLY("UYU", 2, "Peso Uruguayo"),
    CODE_ONLY("UYW", 4, "Unidad Previsional"),
    CODE_ONLY("UZS", 2, "Uzbekistan Sum"),
    CODE_ONLY("VED", 2, "Bolívar Soberano"),
    CODE_ONLY("VES", 2, "Bolívar Soberano"),
    {"VND", "₫", true, true, ".", ",", 0, "Dong"},
    CODE_ONLY("VUV", 0, "Vatu"),
    CODE_ONLY("WST", 2, "Tala"),
    CODE_ONLY("XAD", 2, "Arab Accounting Dinar"),
    CODE_ONLY("XAF", 0, "CFA Franc BEAC"),
    CODE_ONLY("XAG", 0, "Silver"),
    CODE_ONLY("XAU", 0, "Gold"),
    CODE_ONLY("XBA", 0, "Bond Markets Unit European Composite Unit (EURCO)"),
    CODE_ONLY("XBB", 0, "Bond Markets Unit European Monetary Unit (E.M.U.-6)"),
    CODE_ONLY("XBC", 0, "Bond Markets Unit European Unit of Account 9 (E.U.A.-9)"),
    CODE_ONLY("XBD", 0, "Bond Markets Unit European Unit of Account 17 (E.U.A.-17)"),
    SYMBOL_BEFORE("XCD", "EC$", 2, "East Caribbean Dollar"),
    CODE_ONLY("XCG", 2, "Caribbean Guilder"),
    CODE_ONLY("XDR", 0, "SDR (Special Drawing Right)"),
    CODE_ONLY("XOF", 0, "CFA Franc BCEAO"),
    CODE_ONLY("XPD", 0, "Palladium"),
    CODE_ONLY("XPF", 0, "CFP Franc"),
    CODE_ONLY("XPT", 0, "Platinum"),
    CODE_ONLY("XSU", 0, "Sucre"),
    CODE_ONLY("XUA", 0, "ADB Unit of Account"),
    CODE_ONLY("YER", 2, "Yemeni Rial"),
    {"ZAR", "R", false, true, ",", ".", 2, "Rand"},
    CODE_ONLY("ZMW", 2, "Zambian Kwacha"),
    CODE_ONLY("ZWG", 2, "Zimbabwe Gold"),
};

static const size_t n_currencies = sizeof currencies / sizeof currencies[0];

#undef CODE_ONLY
#undef SYMBOL_BEFORE
#undef NBSP

static int compare_code(const void *key, const void *entry)
{
    return strcmp(key, ((const wm_currency *)entry)->code);
}

const wm_currency *wm_currency_find(const char *code)
{
    if (code == NULL)
        return NULL;
    return bsearch(code, currencies, n_currencies, sizeof currencies[0], compare_code);
}

const wm_currency *wm_currency_table(size_t *n)
{
    if (n != NULL)
        *n = n_currencies;
    return currencies;
}
