/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tonic-mrn.h"
#include "tonic-search.h"

#define DMY TONIC_DATE_ORDER_DMY
#define MDY TONIC_DATE_ORDER_MDY
#define YMD TONIC_DATE_ORDER_YMD

/* --- folding -------------------------------------------------------------- */

static const struct
{
  const char *text;
  const char *folded;
} fold_cases[] = {
  /* Latin: accents, case, spacing */
  { "José Ñúñez", "jose nunez" },
  { "JOSE  NUNEZ", "jose nunez" },
  { "  jose\t\tnunez \n", "jose nunez" },
  { "Jose\u0301 Nu\u0301n\u0303ez", "jose nunez" },      /* already decomposed */
  { "Zoë Brontë", "zoe bronte" },
  { "Nguyễn Thị Minh Khai", "nguyen thi minh khai" },  /* stacked diacritics */
  { "François Çelik", "francois celik" },
  { "Dvořák Škoda Żółw", "dvorak skoda zolw" },
  { "Ångström", "angstrom" },
  /* Letters with no decomposition, typed plainly */
  { "Søren Kierkegaard", "soren kierkegaard" },
  { "Łukasz Żuławski", "lukasz zulawski" },
  { "Đorđe Balašević", "dorde balasevic" },
  { "Æsir Œuvre", "aesir oeuvre" },
  { "Þór Guðmundsson", "thor gudmundsson" },
  /* German ß */
  { "Straße", "strasse" },
  { "STRASSE", "strasse" },
  { "Weiß", "weiss" },
  /* Turkish dotted and dotless i */
  { "İstanbul", "istanbul" },
  { "IŞIK", "isik" },
  { "ışık", "isik" },
  { "Iğdır", "igdir" },
  /* Greek: accents and final sigma */
  { "Σίσυφος", "σισυφοσ" },
  { "ΣΊΣΥΦΟΣ", "σισυφοσ" },
  { "Ελευθέριος", "ελευθεριοσ" },
  { "Ἀθῆναι", "αθηναι" },
  /* Cyrillic */
  { "Анна Каренина", "анна каренина" },
  { "Ёлка", "елка" },
  { "Йосип", "иосип" },
  /* Arabic harakat, hamza seat and tatweel; Hebrew niqqud */
  { "مُحَمَّد", "محمد" },
  { "أحمد", "احمد" },
  { "محـــمد", "محمد" },
  { "שָׁלוֹם", "שלום" },
  /* Scripts whose marks carry meaning stay as they are (NFC). */
  { "山田 太郎", "山田 太郎" },
  { "王小明", "王小明" },
  { "ガギグ ぱぴぷ", "ガギグ ぱぴぷ" },
  { "김민준", "김민준" },
  { "नमस्ते देवनागरी", "नमस्ते देवनागरी" },
  { "ராமானுஜன்", "ராமானுஜன்" },
  { "สมชาย ใจดี", "สมชาย ใจดี" },
  { "ნინო", "ნინო" },
  /* Compatibility forms */
  { "Ｊｏｓｅ", "jose" },
  { "ﬁnn", "finn" },
  { "ｶﾞｷﾞ", "ガギ" },                                   /* half-width kana */
  /* Invisible characters */
  { "Ärz\u200Dte", "arzte" },
  { "Kie\u00ADrke", "kierke" },                          /* soft hyphen */
  { "\u200Fدانا", "دانا" },                              /* right-to-left mark */
  /* Punctuation stays; white space of any kind collapses. */
  { "O’Brien-Smith", "o’brien-smith" },
  { "a\u00A0b\u3000c\u2003d", "a b c d" },
  { "", "" },
  { "   ", "" },
  { NULL, "" },
  { "\xff invalid", "" },
};

static void
test_fold (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fold_cases); i++)
    {
      g_autofree char *folded = tonic_search_fold (fold_cases[i].text);
      g_autofree char *again = tonic_search_fold (folded);

      if (g_strcmp0 (folded, fold_cases[i].folded) != 0)
        g_error ("fold “%s” = “%s”, expected “%s”",
                 fold_cases[i].text, folded, fold_cases[i].folded);
      /* Folding is idempotent and yields NFC. */
      g_assert_cmpstr (again, ==, folded);
      {
        g_autofree char *nfc = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);

        g_assert_cmpstr (nfc, ==, folded);
      }
    }
}

/* Names that should find each other, in pairs. */
static void
test_fold_matches (void)
{
  static const char *pairs[][2] = {
    { "José Ñúñez", "jose nunez" },
    { "MÜLLER", "muller" },
    { "Dvořák", "DVORAK" },
    { "Ørsted", "orsted" },
    { "Kıvanç", "kivanc" },
    { "ΟΔΥΣΣΕΥΣ", "οδυσσευς" },
    { "Straße", "STRASSE" },
    { "Ｔａｒｏ", "taro" },
    { "Cañón", "canon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *a = tonic_search_fold (pairs[i][0]);
      g_autofree char *b = tonic_search_fold (pairs[i][1]);

      g_assert_cmpstr (a, ==, b);
    }
}

static void
test_tokens (void)
{
  static const struct
  {
    const char *text;
    const char *joined;   /* tokens joined by "|" */
  } cases[] = {
    { "José Ñúñez", "jose|nunez" },
    { "  O'Brien-Smith, Dana  ", "o|brien|smith|dana" },
    { "O’Brien", "o|brien" },
    { "Smith, J. (Dr)", "smith|j|dr" },
    { "Jean-Luc Picard", "jean|luc|picard" },
    { "山田 太郎", "山田|太郎" },
    { "नमस्ते देवनागरी", "नमस्ते|देवनागरी" },  /* marks stay in the word */
    { "سلام، دنیا", "سلام|دنیا" },
    { "TN-0000012-5", "tn|0000012|5" },
    { "1980-04-03", "1980|04|03" },
    { "", "" },
    { " ,.;- ", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) tokens = tonic_search_tokens (cases[i].text);
      g_autofree char *joined = g_strjoinv ("|", tokens);

      if (!g_str_equal (joined, cases[i].joined))
        g_error ("tokens of “%s” = “%s”, expected “%s”", cases[i].text, joined, cases[i].joined);
      for (guint k = 0; tokens[k] != NULL; k++)
        g_assert_cmpstr (tokens[k], !=, "");
    }
}

static void
test_phone_digits (void)
{
  static const struct
  {
    const char *text;
    const char *digits;
  } cases[] = {
    { "+44 (0)20 7946 0958", "4402079460958" },
    { "020-7946-0958", "02079460958" },
    { "(555) 123.4567", "5551234567" },
    { "٠١٢٣٤٥٦٧٨٩", "0123456789" },
    { "०१२३", "0123" },
    { "０９０－１２３４", "0901234" },
    { "call 555 1234 after 6", "55512346" },
    { "no digits", "" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *digits = tonic_search_phone_digits (cases[i].text);

      g_assert_cmpstr (digits, ==, cases[i].digits);
    }
}

/* --- dates ---------------------------------------------------------------- */

static void
test_date_order_from_format (void)
{
  static const struct
  {
    const char     *format;
    TonicDateOrder  order;
  } cases[] = {
    { "%m/%d/%y", MDY },      /* C, en_US */
    { "%m/%d/%Y", MDY },
    { "%d/%m/%Y", DMY },      /* en_GB, fr_FR */
    { "%d/%m/%y", DMY },
    { "%d.%m.%Y", DMY },      /* de_DE, ru_RU */
    { "%d-%m-%Y", DMY },      /* nl_NL */
    { "%e.%m.%Y", DMY },
    { "%Y-%m-%d", YMD },      /* sv_SE, lt_LT */
    { "%Y年%m月%d日", YMD },  /* ja_JP, zh_CN */
    { "%Y. %m. %d.", YMD },   /* hu_HU, ko_KR */
    { "%Ey年%m月%d日", YMD },
    { "%-d/%-m/%Y", DMY },
    { "%D", MDY },
    { "%F", YMD },
    { "%d %b %Y", DMY },
    { "%b %d, %Y", MDY },
    { "", DMY },
    { "%", DMY },
    { "nonsense", DMY },
    { NULL, DMY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (tonic_date_order_from_format (cases[i].format), ==, cases[i].order);

  /* The C locale writes %m/%d/%y. */
  g_assert_cmpint (tonic_date_order_from_locale (), ==, MDY);
}

typedef struct
{
  const char     *typed;
  TonicDateOrder  order;
  const char     *a;   /* "YYYY-MM-DD", NULL: not a date */
  const char     *b;   /* the other reading, or NULL */
} DateCase;

static void
check_date_case (const DateCase *c,
                 const GDate    *today)
{
  GDate a, b;
  char a_text[16] = "", b_text[16] = "";
  gboolean ok = tonic_search_parse_date_full (c->typed, c->order, today, &a, &b);

  if (g_date_valid (&a))
    g_date_strftime (a_text, sizeof a_text, "%Y-%m-%d", &a);
  if (g_date_valid (&b))
    g_date_strftime (b_text, sizeof b_text, "%Y-%m-%d", &b);

  if (ok != (c->a != NULL) ||
      g_strcmp0 (c->a ? c->a : "", a_text) != 0 ||
      g_strcmp0 (c->b ? c->b : "", b_text) != 0)
    g_error ("“%s” (order %d): got %s “%s” “%s”, expected “%s” “%s”",
             c->typed, c->order, ok ? "TRUE" : "FALSE", a_text, b_text,
             c->a ? c->a : "", c->b ? c->b : "");

  if (!ok)
    {
      g_assert_false (g_date_valid (&a));
      g_assert_false (g_date_valid (&b));
    }
}

static void
test_parse_date_formats (void)
{
  static const DateCase cases[] = {
    /* ISO and other year-first forms: one reading whatever the locale. */
    { "1980-04-03", DMY, "1980-04-03", NULL },
    { "1980-04-03", MDY, "1980-04-03", NULL },
    { "1980-04-03", YMD, "1980-04-03", NULL },
    { "1980/4/3", MDY, "1980-04-03", NULL },
    { "1980.04.03", DMY, "1980-04-03", NULL },
    { " 1980 - 04 - 03 ", DMY, "1980-04-03", NULL },
    { "80-04-03", DMY, "1980-04-03", NULL },        /* 80 cannot be a day */
    { "1980年4月3日", DMY, "1980-04-03", NULL },
    { "1980년 4월 3일", MDY, "1980-04-03", NULL },
    /* Day and month both ≤ 12: two readings, the locale's first. */
    { "3/4/1980", DMY, "1980-04-03", "1980-03-04" },
    { "3/4/1980", MDY, "1980-03-04", "1980-04-03" },
    { "3/4/1980", YMD, "1980-04-03", "1980-03-04" },
    { "03.04.1980", DMY, "1980-04-03", "1980-03-04" },
    { "03.04.1980", MDY, "1980-03-04", "1980-04-03" },
    { "3-4-80", DMY, "1980-04-03", "1980-03-04" },
    { "3-4-80", MDY, "1980-03-04", "1980-04-03" },
    { "03 04 1980", DMY, "1980-04-03", "1980-03-04" },
    { "03041980", DMY, "1980-04-03", "1980-03-04" },
    { "03041980", MDY, "1980-03-04", "1980-04-03" },
    { "030480", DMY, "1980-04-03", "1980-03-04" },
    { "٣/٤/١٩٨٠", DMY, "1980-04-03", "1980-03-04" },   /* Arabic-Indic digits */
    { "３/４/１９８０", MDY, "1980-03-04", "1980-04-03" },   /* full-width */
    /* Same day and month: one reading. */
    { "4/4/1980", DMY, "1980-04-04", NULL },
    { "12/12/1980", MDY, "1980-12-12", NULL },
    { "12121980", DMY, "1980-12-12", NULL },
    /* One reading impossible: the other, whatever the locale prefers. */
    { "13/4/1980", DMY, "1980-04-13", NULL },
    { "13/4/1980", MDY, "1980-04-13", NULL },
    { "4/13/1980", DMY, "1980-04-13", NULL },
    { "4/13/1980", MDY, "1980-04-13", NULL },
    { "31.12.1999", MDY, "1999-12-31", NULL },
    { "29/2/2000", DMY, "2000-02-29", NULL },
    { "2/29/2000", DMY, "2000-02-29", NULL },
    { "13041980", MDY, "1980-04-13", NULL },
    { "19800403", DMY, "1980-04-03", NULL },
    { "19800403", MDY, "1980-04-03", NULL },
    { "800403", DMY, "1980-04-03", NULL },           /* YYMMDD is the only reading */
    /* All three numbers small: the locale decides where the year is. */
    { "03-04-05", DMY, "2005-04-03", "2005-03-04" },
    { "03-04-05", MDY, "2005-03-04", "2005-04-03" },
    { "03-04-05", YMD, "2003-04-05", NULL },
    { "030405", YMD, "2003-04-05", NULL },
    { "13/4/25", DMY, "2025-04-13", NULL },          /* not 2013-04-25 */
    /* Month names: English everywhere, with ordinals and commas. */
    { "3 Apr 1980", DMY, "1980-04-03", NULL },
    { "3 Apr 1980", MDY, "1980-04-03", NULL },
    { "3 apr 1980", YMD, "1980-04-03", NULL },
    { "April 3 1980", DMY, "1980-04-03", NULL },
    { "April 3, 1980", MDY, "1980-04-03", NULL },
    { "3rd April 1980", DMY, "1980-04-03", NULL },
    { "April 3rd, 1980", MDY, "1980-04-03", NULL },
    { "1st of May, 1980", DMY, "1980-05-01", NULL },
    { "3-Apr-1980", DMY, "1980-04-03", NULL },
    { "03-APR-80", DMY, "1980-04-03", NULL },
    { "1980 Apr 3", YMD, "1980-04-03", NULL },
    { "1980 April 3", DMY, "1980-04-03", NULL },
    { "3 Sept 1980", DMY, "1980-09-03", NULL },
    { "3 sep. 1980", DMY, "1980-09-03", NULL },
    { "3 Decem 1980", DMY, "1980-12-03", NULL },
    { "22 June 2000", MDY, "2000-06-22", NULL },
    { "22 Jul 2000", MDY, "2000-07-22", NULL },
    { "5 Apr 03", DMY, "2003-04-05", NULL },          /* year where the locale has it */
    { "5 Apr 03", YMD, "2005-04-03", NULL },
    { "5 Apr 1980", YMD, "1980-04-05", NULL },
  };
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 22, 11, 2026);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_date_case (&cases[i], &today);
}

static void
test_parse_date_pivot (void)
{
  static const struct
  {
    guint          year;     /* today is 22 November of this year */
    DateCase       c;
  } cases[] = {
    { 2026, { "3/4/26", DMY, "2026-04-03", "2026-03-04" } },
    { 2026, { "3/4/27", DMY, "1927-04-03", "1927-03-04" } },
    { 2026, { "13/4/25", DMY, "2025-04-13", NULL } },
    { 2026, { "13/4/99", DMY, "1999-04-13", NULL } },
    { 2026, { "13/4/00", DMY, "2000-04-13", NULL } },
    { 2026, { "13/4/0", DMY, "2000-04-13", NULL } },
    { 2026, { "130426", DMY, "2026-04-13", NULL } },
    { 2026, { "130427", DMY, "1927-04-13", NULL } },
    { 2000, { "13/4/00", DMY, "2000-04-13", NULL } },
    { 2000, { "13/4/01", DMY, "1901-04-13", NULL } },
    { 2000, { "13/4/99", DMY, "1999-04-13", NULL } },
    { 2099, { "13/4/99", DMY, "2099-04-13", NULL } },
    { 1999, { "13/4/99", DMY, "1999-04-13", NULL } },
    { 1999, { "13/4/00", DMY, "1900-04-13", NULL } },
    /* Four-digit years are taken as typed. */
    { 2026, { "13/4/2030", DMY, "2030-04-13", NULL } },
    { 2026, { "13/4/1899", DMY, "1899-04-13", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 22, 11, cases[i].year);
      check_date_case (&cases[i].c, &today);
    }

  /* Without a date, today is the real date: a two-digit year is never
   * after this year. */
  {
    GDate a, b;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_assert_true (tonic_search_parse_date ("13/4/99", DMY, &a, &b));
    g_assert_cmpint (g_date_get_year (&a), <=, g_date_time_get_year (now));
    g_assert_cmpint (g_date_get_year (&a) % 100, ==, 99);
    g_assert_false (g_date_valid (&b));
  }
}

static void
test_parse_date_rejects (void)
{
  static const char *rejects[] = {
    NULL, "", "   ", "1980", "04/1980", "Apr 1980", "April", "3 April", "3/4",
    "32/13/1980", "31/02/1980", "29/2/1999", "0/0/1980", "0/4/1980", "3/0/1980",
    "3/4/198", "3/4/19800", "1980-04-32", "1980-13-03", "1980-00-03", "0980-04-03",
    "3 Foo 1980", "3 ma 1980", "3 ju 1980", "3 Apr May 1980", "3 4 Apr 1980",
    "hello", "Dana Whitfield", "1980-04-03 extra", "3/4/1980/5", "123456789",
    "1234567", "12345", "3/4/1980 10:30", "TN-0000012-5", "+44 20 7946 0958",
    "99999999", "00000000", "3.4.", "1980--", "\xff\xfe",
    /* More parts than a date can have (and nothing leaks on the way out). */
    "a b c d e f g h i j k l m n o p", "a 1 b 2 c 3 d 4 e 5 f 6 g 7 h 8",
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rejects); i++)
    {
      for (guint order = 0; order < 3; order++)
        {
          DateCase c = { rejects[i], order, NULL, NULL };
          GDate today;

          g_date_clear (&today, 1);
          g_date_set_dmy (&today, 22, 11, 2026);
          check_date_case (&c, &today);
        }
    }
}

/* Month names in the locale's own language, when such a locale exists
 * here (generated locales are optional on build machines). */
static void
test_parse_date_locale_months (void)
{
  static const struct
  {
    const char *locale;
    const char *typed;
    const char *expected;
  } cases[] = {
    { "de_DE.UTF-8", "3. März 1980", "1980-03-03" },
    { "de_DE.UTF-8", "3 Mär 1980", "1980-03-03" },
    { "de_DE.UTF-8", "3 marz 1980", "1980-03-03" },
    { "de_DE.UTF-8", "24. Dezember 1980", "1980-12-24" },
    { "de_DE.UTF-8", "1. Mai 1980", "1980-05-01" },
    { "de_DE.UTF-8", "3 Dec 1980", "1980-12-03" },       /* English still works */
    { "fr_FR.UTF-8", "3 avril 1980", "1980-04-03" },
    { "fr_FR.UTF-8", "3 févr. 1980", "1980-02-03" },
    { "fr_FR.UTF-8", "3 fevrier 1980", "1980-02-03" },
    { "fr_FR.UTF-8", "14 juillet 1980", "1980-07-14" },
    { "fr_FR.UTF-8", "3 jui 1980", NULL },               /* juin or juillet */
    { "ru_RU.UTF-8", "3 апреля 1980", "1980-04-03" },    /* genitive */
    { "ru_RU.UTF-8", "3 апрель 1980", "1980-04-03" },    /* nominative */
    { "ru_RU.UTF-8", "3 апр 1980 г.", "1980-04-03" },
    { "es_ES.UTF-8", "3 de abril de 1980", "1980-04-03" },
  };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  guint tried = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today;

      if (setlocale (LC_ALL, cases[i].locale) == NULL)
        continue;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 22, 11, 2026);
      {
        DateCase c = { cases[i].typed, tonic_date_order_from_locale (), cases[i].expected, NULL };

        g_test_message ("%s: %s", cases[i].locale, cases[i].typed);
        check_date_case (&c, &today);
      }
      tried++;
    }

  setlocale (LC_ALL, saved);

  if (tried == 0)
    g_test_skip ("no de_DE, fr_FR, ru_RU or es_ES UTF-8 locale installed");
}

/* --- classification ------------------------------------------------------- */

static void
test_classify (void)
{
#define NAME  TONIC_QUERY_NAME
#define MRN   TONIC_QUERY_MRN
#define DATE  TONIC_QUERY_DATE
#define PHONE TONIC_QUERY_PHONE
  static const struct
  {
    const char     *typed;
    TonicQueryKind  kind;
  } cases[] = {
    { "smith", NAME },
    { "José Ñúñez", NAME },
    { "山田", NAME },
    { "O'Brien", NAME },
    { "TN-0000012-5", MRN },
    { "tn 0000012 5", MRN },
    { "tn00001", MRN },                     /* a beginning */
    { "TN-0000012-4", MRN },                /* wrong check digit: still MRN-shaped */
    { "tn", NAME },
    { "tnx", NAME },
    { "1980-04-03", DATE },
    { "3/4/1980", DATE },
    { "03 04 1980", DATE },
    { "12 34 56", PHONE },                  /* not a date */
    { "3 Apr 1980", NAME | DATE },
    { "03041980", DATE | PHONE },
    { "19800403", DATE | PHONE },
    { "00000125", MRN | PHONE },            /* an MRN typed without TN */
    { "+44 20 7946 0958", PHONE },
    { "(555) 123-4567", PHONE },
    { "123456", PHONE },
    { "12345", TONIC_QUERY_NONE },
    { "٠٥٥٥ ١٢٣ ٤٥٦٧", PHONE },            /* Arabic-Indic digits */
    { "smith 1980", NAME },
    { "", TONIC_QUERY_NONE },
    { "   ", TONIC_QUERY_NONE },
    { NULL, TONIC_QUERY_NONE },
    { "- / .", TONIC_QUERY_NONE },
  };
#undef NAME
#undef MRN
#undef DATE
#undef PHONE

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicQueryKind kind = tonic_search_classify (cases[i].typed);

      if (kind != cases[i].kind)
        g_error ("classify “%s” = %#x, expected %#x", cases[i].typed, kind, cases[i].kind);
    }

  {
    GFlagsClass *klass = g_type_class_ref (TONIC_TYPE_QUERY_KIND);

    g_assert_nonnull (g_flags_get_first_value (klass, TONIC_QUERY_PHONE));
    g_type_class_unref (klass);
  }
}

/* --- MRN ------------------------------------------------------------------ */

static void
test_mrn_format (void)
{
  static const struct
  {
    guint64     sequence;
    const char *mrn;
  } cases[] = {
    /* Damm check digits; 572 → 4 is the published worked example. */
    { 572, "TN-0000572-4" },
    { 12, "TN-0000012-5" },
    { 1, "TN-0000001-3" },
    { 9999999, "TN-9999999-2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *mrn = tonic_mrn_format (cases[i].sequence);
      guint64 sequence = 0;

      g_assert_cmpstr (mrn, ==, cases[i].mrn);
      g_assert_cmpint (strlen (mrn), ==, TONIC_MRN_LENGTH);
      g_assert_true (tonic_mrn_is_valid (mrn));
      g_assert_true (tonic_mrn_parse (mrn, &sequence));
      g_assert_cmpuint (sequence, ==, cases[i].sequence);
    }

  g_assert_cmpuint (tonic_mrn_check_digit ("572"), ==, 4);
  g_assert_cmpuint (tonic_mrn_check_digit ("5724"), ==, 0);
  g_assert_cmpuint (tonic_mrn_check_digit (""), ==, 0);

  /* Out of range: refused loudly. */
  g_test_expect_message ("tonic-mrn", G_LOG_LEVEL_CRITICAL, "*sequence*");
  g_assert_null (tonic_mrn_format (0));
  g_test_assert_expected_messages ();
  g_test_expect_message ("tonic-mrn", G_LOG_LEVEL_CRITICAL, "*sequence*");
  g_assert_null (tonic_mrn_format (TONIC_MRN_SEQUENCE_MAX + 1));
  g_test_assert_expected_messages ();

  /* Every sequence number in a sample formats, validates and parses back. */
  for (guint64 sequence = 1; sequence <= TONIC_MRN_SEQUENCE_MAX; sequence += 997)
    {
      g_autofree char *mrn = tonic_mrn_format (sequence);
      guint64 back = 0;

      g_assert_true (tonic_mrn_parse (mrn, &back));
      g_assert_cmpuint (back, ==, sequence);
    }
}

static void
test_mrn_forgiving (void)
{
  static const char *same[] = {
    "TN-0000012-5", "tn-0000012-5", "Tn 0000012 5", " TN0000012-5 ", "TN00000125",
    "tn 000 0012 5", "0000012-5", "00000125", "TN–0000012–5", "TN—0000012—5",
    "TN‐0000012‐5", "TN−0000012−5", "TN-０００００１２-５", "\tTN-0000012-5\n",
  };
  static const char *invalid[] = {
    NULL, "", "TN", "TN-", "TN-0000012-4", "TN-0000021-5", "TN-000012-5",
    "TN-00000125-0", "TX-0000012-5", "NT-0000012-5", "TN-0000012-5x", "TN.0000012.5",
    "TN_0000012_5", "TN-0000000-0", "00000000", "T N-0000012-5", "TN-00000l2-5",
    "TN-0000012-5 TN", "Smith", "\xff",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *normalized = tonic_mrn_normalize (same[i]);

      if (g_strcmp0 (normalized, "TN-0000012-5") != 0)
        g_error ("“%s” normalized to “%s”", same[i], normalized);
      g_assert_true (tonic_mrn_is_valid (same[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      guint64 sequence = 77;

      if (tonic_mrn_is_valid (invalid[i]))
        g_error ("“%s” accepted", invalid[i]);
      g_assert_null (tonic_mrn_normalize (invalid[i]));
      g_assert_false (tonic_mrn_parse (invalid[i], &sequence));
      g_assert_cmpuint (sequence, ==, 77);
    }
}

static void
test_mrn_partial (void)
{
  static const struct
  {
    const char *typed;
    const char *prefix;
  } cases[] = {
    { "tn 00000", "TN-00000" },
    { "TN-0", "TN-0" },
    { "tn0000012", "TN-0000012" },
    { "tn000001 25", "TN-0000012-5" },
    { "TN-0000012-5", "TN-0000012-5" },
    { "TN-0000012-4", "TN-0000012-4" },   /* check digit not verified */
    { "TN", NULL },
    { "TN-", NULL },
    { "0000012", NULL },                  /* needs the TN */
    { "TN-000001234", NULL },             /* too many digits */
    { "TN-00x", NULL },
    { "Tnguyen", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *prefix = tonic_mrn_normalize_partial (cases[i].typed);

      g_assert_cmpstr (prefix, ==, cases[i].prefix);
    }
}

/* A sample of MRNs: edge values and random ones. */
static GArray *
sample_sequences (guint n_random)
{
  GArray *sequences = g_array_new (FALSE, FALSE, sizeof (guint64));
  static const guint64 edges[] = {
    1, 2, 9, 10, 12, 99, 100, 572, 909, 9090, 90909, 1234567, 7654321,
    9000000, 9090909, 9999998, 9999999,
  };

  g_array_append_vals (sequences, edges, G_N_ELEMENTS (edges));
  for (guint i = 0; i < n_random; i++)
    {
      guint64 sequence = (guint64) g_test_rand_int_range (1, (gint32) TONIC_MRN_SEQUENCE_MAX + 1);

      g_array_append_val (sequences, sequence);
    }

  return sequences;
}

/* The eight digits of an MRN with one changed must never validate. */
static void
test_mrn_single_errors (void)
{
  g_autoptr(GArray) sequences = sample_sequences (g_test_thorough () ? 20000 : 2000);
  guint tried = 0;

  for (guint s = 0; s < sequences->len; s++)
    {
      g_autofree char *mrn = tonic_mrn_format (g_array_index (sequences, guint64, s));
      /* Digit positions in "TN-dddddddd-c". */
      static const guint positions[] = { 3, 4, 5, 6, 7, 8, 9, 11 };

      for (guint p = 0; p < G_N_ELEMENTS (positions); p++)
        {
          for (char digit = '0'; digit <= '9'; digit++)
            {
              g_autofree char *typo = g_strdup (mrn);

              if (typo[positions[p]] == digit)
                continue;
              typo[positions[p]] = digit;
              if (tonic_mrn_is_valid (typo))
                g_error ("%s with a typo, %s, was accepted", mrn, typo);
              tried++;
            }
        }
    }

  g_test_message ("single-digit errors: all %u caught", tried);
}

/* Swapping any two neighbouring, different digits must never validate —
 * including the pair across the dash before the check digit, since the
 * dashes are ignored when typing. */
static void
test_mrn_transpositions (void)
{
  g_autoptr(GArray) sequences = sample_sequences (g_test_thorough () ? 20000 : 2000);
  guint tried = 0;
  guint tried_09 = 0;

  /* Every ordered pair of digits in every place, exhaustively. */
  for (guint place = 0; place < 7; place++)
    {
      for (guint x = 0; x < 10; x++)
        {
          for (guint y = 0; y < 10; y++)
            {
              char digits[8] = "1234567";
              g_autofree char *mrn = NULL;
              char swapped[16];
              guint64 sequence;

              if (x == y)
                continue;

              digits[place] = (char) ('0' + x);
              if (place + 1 < 7)
                digits[place + 1] = (char) ('0' + y);
              sequence = g_ascii_strtoull (digits, NULL, 10);
              if (sequence == 0)
                continue;
              mrn = tonic_mrn_format (sequence);

              /* Swap sequence digits place and place+1, or the last one and
               * the check digit. */
              {
                char eight[9];
                char tmp;

                memcpy (eight, mrn + 3, 7);
                eight[7] = mrn[11];
                eight[8] = '\0';
                if (eight[place] == eight[place + 1])
                  continue;
                tmp = eight[place];
                eight[place] = eight[place + 1];
                eight[place + 1] = tmp;
                g_snprintf (swapped, sizeof swapped, "TN-%.7s-%c", eight, eight[7]);
              }

              if (tonic_mrn_is_valid (swapped))
                g_error ("%s with neighbours swapped, %s, was accepted", mrn, swapped);
              tried++;
              if (x + y == 9 && (x == 0 || y == 0))
                tried_09++;
            }
        }
    }

  for (guint s = 0; s < sequences->len; s++)
    {
      g_autofree char *mrn = tonic_mrn_format (g_array_index (sequences, guint64, s));
      char eight[9];

      memcpy (eight, mrn + 3, 7);
      eight[7] = mrn[11];
      eight[8] = '\0';

      for (guint i = 0; i + 1 < 8; i++)
        {
          char swapped[16];
          char copy[9];

          if (eight[i] == eight[i + 1])
            continue;
          memcpy (copy, eight, sizeof copy);
          copy[i] = eight[i + 1];
          copy[i + 1] = eight[i];
          g_snprintf (swapped, sizeof swapped, "TN-%.7s-%c", copy, copy[7]);

          if (tonic_mrn_is_valid (swapped))
            g_error ("%s with neighbours swapped, %s, was accepted", mrn, swapped);
          tried++;
        }
    }

  /* 09 ↔ 90 (Luhn's blind spot) is among them. */
  g_assert_cmpuint (tried_09, >, 0);
  g_test_message ("adjacent transpositions: all %u caught", tried);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/fold/matches", test_fold_matches);
  g_test_add_func ("/search/tokens", test_tokens);
  g_test_add_func ("/search/phone-digits", test_phone_digits);
  g_test_add_func ("/search/date/order", test_date_order_from_format);
  g_test_add_func ("/search/date/formats", test_parse_date_formats);
  g_test_add_func ("/search/date/two-digit-years", test_parse_date_pivot);
  g_test_add_func ("/search/date/rejects", test_parse_date_rejects);
  g_test_add_func ("/search/date/locale-months", test_parse_date_locale_months);
  g_test_add_func ("/search/classify", test_classify);
  g_test_add_func ("/mrn/format", test_mrn_format);
  g_test_add_func ("/mrn/forgiving", test_mrn_forgiving);
  g_test_add_func ("/mrn/partial", test_mrn_partial);
  g_test_add_func ("/mrn/single-errors", test_mrn_single_errors);
  g_test_add_func ("/mrn/transpositions", test_mrn_transpositions);

  return g_test_run ();
}
