/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-search"

#include "config.h"

#include <langinfo.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tonic-mrn.h"
#include "tonic-search.h"
#include "tonic-time.h"

#define MAX_DATE_TOKENS 12
#define MAX_NUMBER_DIGITS 8

typedef struct
{
  guint value;
  guint n_digits;
} Number;

typedef enum
{
  TOKEN_NUMBER,
  TOKEN_WORD,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char       digits[MAX_NUMBER_DIGITS + 1];  /* ASCII, for numbers */
  char      *word;                           /* folded, for words */
  gboolean   attached;                       /* a word right after a number */
} Token;

/* Letters that case folding and decomposition leave alone but that people
 * type plainly when searching. Keys are already case-folded. */
static const struct
{
  gunichar    c;
  const char *plain;
} plain_letters[] = {
  { 0x00E6, "ae" },  /* æ */
  { 0x00F0, "d" },   /* ð */
  { 0x00F8, "o" },   /* ø */
  { 0x00FE, "th" },  /* þ */
  { 0x0111, "d" },   /* đ */
  { 0x0127, "h" },   /* ħ */
  { 0x0131, "i" },   /* ı, Turkish dotless i */
  { 0x0142, "l" },   /* ł */
  { 0x0153, "oe" },  /* œ */
  { 0x0167, "t" },   /* ŧ */
  { 0x0640, "" },    /* Arabic tatweel, a stretch */
};

static const char *english_months[12][2] = {
  { "january", "jan" }, { "february", "feb" }, { "march", "mar" },
  { "april", "apr" }, { "may", "may" }, { "june", "jun" },
  { "july", "jul" }, { "august", "aug" }, { "september", "sep" },
  { "october", "oct" }, { "november", "nov" }, { "december", "dec" },
};

/* Words that may sit between the parts of a date and mean nothing. */
static const char *date_filler_words[] = {
  "de", "del", "of", "the", "le", "el", "der", "den", "г",
  "年", "月", "日", "년", "월", "일",
};

static const char *ordinal_suffixes[] = { "st", "nd", "rd", "th" };

static gboolean
script_drops_marks (GUnicodeScript script)
{
  return script == G_UNICODE_SCRIPT_LATIN ||
         script == G_UNICODE_SCRIPT_GREEK ||
         script == G_UNICODE_SCRIPT_CYRILLIC ||
         script == G_UNICODE_SCRIPT_ARMENIAN ||
         script == G_UNICODE_SCRIPT_HEBREW ||
         script == G_UNICODE_SCRIPT_ARABIC ||
         script == G_UNICODE_SCRIPT_SYRIAC ||
         script == G_UNICODE_SCRIPT_COMMON ||
         script == G_UNICODE_SCRIPT_INHERITED;
}

static const char *
plain_letter (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (plain_letters); i++)
    if (plain_letters[i].c == c)
      return plain_letters[i].plain;

  return NULL;
}

static gboolean
is_space_like (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
         type == G_UNICODE_SPACE_SEPARATOR ||
         type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
str_in (const char        *str,
        const char *const *list,
        guint              n)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (str, list[i]))
      return TRUE;

  return FALSE;
}

char *
tonic_search_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  GUnicodeScript base_script = G_UNICODE_SCRIPT_COMMON;
  gboolean pending_space = FALSE;
  GString *out;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);
      const char *plain;

      if (type == G_UNICODE_NON_SPACING_MARK)
        {
          if (!script_drops_marks (base_script))
            g_string_append_unichar (out, c);
          continue;
        }

      if (g_unichar_ismark (c))
        {
          g_string_append_unichar (out, c);
          continue;
        }

      if (is_space_like (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (type == G_UNICODE_FORMAT)
        continue;

      base_script = g_unichar_get_script (c);

      plain = plain_letter (c);
      if (plain != NULL && *plain == '\0')
        continue;

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;

      if (plain != NULL)
        g_string_append (out, plain);
      else
        g_string_append_unichar (out, c);
    }

  {
    g_autofree char *decomposed_out = g_string_free (out, FALSE);

    return g_utf8_normalize (decomposed_out, -1, G_NORMALIZE_NFC);
  }
}

char **
tonic_search_tokens (const char *text)
{
  g_autofree char *folded = tonic_search_fold (text);
  GPtrArray *tokens = g_ptr_array_new ();
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_word_char (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }

      if (start != NULL)
        g_ptr_array_add (tokens, g_strndup (start, p - start));
      start = NULL;

      if (c == 0)
        break;
    }

  g_ptr_array_add (tokens, NULL);
  return (char **) g_ptr_array_free (tokens, FALSE);
}

char *
tonic_search_phone_digits (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int value = g_unichar_digit_value (g_utf8_get_char (p));

      if (value >= 0)
        g_string_append_c (out, (char) ('0' + value));
    }

  return g_string_free (out, FALSE);
}

TonicDateOrder
tonic_date_order_from_format (const char *format)
{
  char order[4] = { 0 };
  guint n = 0;

  if (format == NULL)
    return TONIC_DATE_ORDER_DMY;

  for (const char *p = format; *p && n < 3; p++)
    {
      char part = 0;

      if (*p != '%')
        continue;

      p++;
      /* Modifiers and flags: %Ey, %Od, %-d, %_m, %0e, %^b … */
      while (*p == 'E' || *p == 'O' || *p == '-' || *p == '_' || *p == '0' || *p == '^' || *p == '#')
        p++;

      switch (*p)
        {
        case 'd': case 'e':
          part = 'D';
          break;
        case 'm': case 'b': case 'B': case 'h':
          part = 'M';
          break;
        case 'y': case 'Y': case 'C': case 'G': case 'g':
          part = 'Y';
          break;
        case 'D':
          return TONIC_DATE_ORDER_MDY;  /* %m/%d/%y */
        case 'F':
          return TONIC_DATE_ORDER_YMD;  /* %Y-%m-%d */
        case '\0':
          p--;
          break;
        default:
          break;
        }

      if (part != 0 && strchr (order, part) == NULL)
        order[n++] = part;
    }

  if (g_str_equal (order, "MDY"))
    return TONIC_DATE_ORDER_MDY;
  if (g_str_has_prefix (order, "Y"))
    return TONIC_DATE_ORDER_YMD;

  return TONIC_DATE_ORDER_DMY;
}

TonicDateOrder
tonic_date_order_from_locale (void)
{
  return tonic_date_order_from_format (nl_langinfo (D_FMT));
}

/* Strips dots and folds a month name from the locale. */
static char *
fold_month_name (const char *name)
{
  g_autofree char *folded = tonic_search_fold (name);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p++)
    if (*p != '.' && *p != ' ')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static gboolean
month_name_matches (const char *word,
                    const char *full,
                    const char *abbreviation)
{
  if (g_str_equal (word, full) || (abbreviation != NULL && g_str_equal (word, abbreviation)))
    return TRUE;

  /* A prefix of three or more characters: "sept", "apr", "dec". */
  return g_utf8_strlen (word, -1) >= 3 && g_str_has_prefix (full, word);
}

/* The month @word names: 1-12, 0 for none, -1 when it could be several.
 * The locale's names are tried first, then English. */
static int
match_month (const char *word)
{
  int found = 0;

  for (guint month = 1; month <= 12; month++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2000, month, 1, 0, 0, 0);
      const char *formats[] = { "%B", "%OB" };
      g_autofree char *abbreviation = NULL;
      g_autofree char *abbreviation_raw = g_date_time_format (dt, "%b");

      if (abbreviation_raw != NULL)
        abbreviation = fold_month_name (abbreviation_raw);

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *raw = g_date_time_format (dt, formats[f]);
          g_autofree char *full = NULL;

          if (raw == NULL)
            continue;

          full = fold_month_name (raw);
          if (*full != '\0' && month_name_matches (word, full, abbreviation))
            {
              if (found != 0 && found != (int) month)
                return -1;
              found = (int) month;
            }
        }
    }

  if (found != 0)
    return found;

  for (guint month = 1; month <= 12; month++)
    {
      if (month_name_matches (word, english_months[month - 1][0], english_months[month - 1][1]))
        {
          if (found != 0 && found != (int) month)
            return -1;
          found = (int) month;
        }
    }

  return found;
}

static void
clear_tokens (Token *tokens,
              guint  n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&tokens[i].word, g_free);
}

/* Splits folded @text into numbers and words, dropping separators.
 * FALSE when there are too many parts or too long a number. */
static gboolean
tokenize_date (const char *text,
               Token      *tokens,
               guint      *n_tokens)
{
  guint n = 0;
  const char *word_start = NULL;
  gboolean in_number = FALSE;
  gboolean after_number = FALSE;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = c != 0 ? g_unichar_digit_value (c) : -1;
      gboolean letter = c != 0 && digit < 0 && (g_unichar_isalpha (c) || g_unichar_ismark (c));

      if (word_start != NULL && !letter)
        {
          tokens[n - 1].word = g_strndup (word_start, p - word_start);
          word_start = NULL;
        }

      if (digit >= 0)
        {
          if (!in_number)
            {
              if (n == MAX_DATE_TOKENS)
                {
                  *n_tokens = n;
                  return FALSE;
                }
              tokens[n].kind = TOKEN_NUMBER;
              tokens[n].digits[0] = '\0';
              n++;
              in_number = TRUE;
            }

          {
            gsize len = strlen (tokens[n - 1].digits);

            if (len == MAX_NUMBER_DIGITS)
              {
                *n_tokens = n;
                return FALSE;
              }
            tokens[n - 1].digits[len] = (char) ('0' + digit);
            tokens[n - 1].digits[len + 1] = '\0';
          }
          after_number = TRUE;
          continue;
        }

      in_number = FALSE;

      if (letter)
        {
          if (word_start == NULL)
            {
              if (n == MAX_DATE_TOKENS)
                {
                  *n_tokens = n;
                  return FALSE;
                }
              tokens[n].kind = TOKEN_WORD;
              tokens[n].attached = after_number;
              n++;
              word_start = p;
            }
          after_number = FALSE;
          continue;
        }

      after_number = FALSE;
      *n_tokens = n;

      if (c == 0)
        break;
    }

  *n_tokens = n;
  return TRUE;
}

static Number
number_from_digits (const char *digits,
                    guint       n_digits)
{
  Number number = { 0, n_digits };

  for (guint i = 0; i < n_digits; i++)
    number.value = number.value * 10 + (guint) (digits[i] - '0');

  return number;
}

static gboolean
make_date (Number       day,
           Number       month,
           Number       year,
           const GDate *today,
           GDate       *out)
{
  guint y;

  if (day.n_digits < 1 || day.n_digits > 2 || month.n_digits < 1 || month.n_digits > 2)
    return FALSE;

  if (year.n_digits == 4)
    {
      if (year.value < 1000)
        return FALSE;
      y = year.value;
    }
  else if (year.n_digits == 1 || year.n_digits == 2)
    {
      guint this_year = g_date_get_year (today);

      y = this_year - this_year % 100 + year.value;
      if (y > this_year)
        y -= 100;
    }
  else
    return FALSE;

  if (day.value > 31 || month.value > 12 || !g_date_valid_dmy (day.value, month.value, y))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day.value, month.value, y);
  return TRUE;
}

static void
add_candidate (GDate       *candidates,
               guint       *n,
               const GDate *date)
{
  for (guint i = 0; i < *n; i++)
    if (g_date_compare (&candidates[i], date) == 0)
      return;

  if (*n < 2)
    candidates[(*n)++] = *date;
}

/* The readings to try for three numbers, best first: @first has the year
 * where the locale writes it; @fallback, tried only when @first gives no
 * date, puts it at the other end ("80-04-03" in a DMY locale). */
static void
patterns_for_order (TonicDateOrder       order,
                    const char *const  **first,
                    const char *const  **fallback)
{
  static const char *const dmy[] = { "DMY", "MDY", NULL };
  static const char *const mdy[] = { "MDY", "DMY", NULL };
  static const char *const ymd[] = { "YMD", NULL };

  switch (order)
    {
    case TONIC_DATE_ORDER_MDY:
      *first = mdy;
      *fallback = ymd;
      break;
    case TONIC_DATE_ORDER_YMD:
      *first = ymd;
      *fallback = dmy;
      break;
    case TONIC_DATE_ORDER_DMY:
    default:
      *first = dmy;
      *fallback = ymd;
      break;
    }
}

/* Tries @numbers[0..2] as the parts named by each pattern in turn. */
static void
try_three (const Number       *numbers,
           const char *const  *patterns,
           const GDate        *today,
           GDate              *candidates,
           guint              *n)
{
  for (guint i = 0; patterns[i] != NULL; i++)
    {
      Number day = { 0 }, month = { 0 }, year = { 0 };
      GDate date;

      for (guint k = 0; k < 3; k++)
        {
          if (patterns[i][k] == 'D')
            day = numbers[k];
          else if (patterns[i][k] == 'M')
            month = numbers[k];
          else
            year = numbers[k];
        }

      if (make_date (day, month, year, today, &date))
        add_candidate (candidates, n, &date);
    }
}

/* One run of 6 or 8 digits: split as each pattern says (the year takes
 * four digits of eight, two of six). */
static void
try_digits (const char         *digits,
            const char *const  *patterns,
            const GDate        *today,
            GDate              *candidates,
            guint              *n)
{
  guint len = strlen (digits);

  for (guint i = 0; patterns[i] != NULL; i++)
    {
      Number numbers[3];
      guint offset = 0;

      for (guint k = 0; k < 3; k++)
        {
          guint width = (patterns[i][k] == 'Y' && len == 8) ? 4 : 2;

          numbers[k] = number_from_digits (digits + offset, width);
          offset += width;
        }

      {
        const char *pattern[] = { patterns[i], NULL };

        try_three (numbers, pattern, today, candidates, n);
      }
    }
}

gboolean
tonic_search_parse_date_full (const char     *typed,
                              TonicDateOrder  order,
                              const GDate    *today,
                              GDate          *out_a,
                              GDate          *out_b)
{
  g_autofree char *folded = NULL;
  Token tokens[MAX_DATE_TOKENS] = { 0 };
  guint n_tokens = 0;
  Number numbers[3];
  const char *lone_digits = NULL;
  guint n_numbers = 0;
  int month = 0;
  GDate candidates[2];
  guint n_candidates = 0;
  GDate today_local;
  const char *const *first;
  const char *const *fallback;
  gboolean ok = FALSE;

  g_return_val_if_fail (out_a != NULL, FALSE);
  g_return_val_if_fail (out_b != NULL, FALSE);

  g_date_clear (out_a, 1);
  g_date_clear (out_b, 1);

  if (today == NULL || !g_date_valid (today))
    {
      tonic_date_set_today (&today_local);
      today = &today_local;
    }

  folded = tonic_search_fold (typed);
  if (*folded == '\0')
    return FALSE;

  if (!tokenize_date (folded, tokens, &n_tokens))
    goto out;

  for (guint i = 0; i < n_tokens; i++)
    {
      if (tokens[i].kind == TOKEN_NUMBER)
        {
          guint len = strlen (tokens[i].digits);

          if (n_numbers == 3)
            goto out;
          if (len == 6 || len == 8)
            lone_digits = tokens[i].digits;
          numbers[n_numbers++] = number_from_digits (tokens[i].digits, len);
          continue;
        }

      if (tokens[i].attached &&
          str_in (tokens[i].word, ordinal_suffixes, G_N_ELEMENTS (ordinal_suffixes)))
        continue;

      if (str_in (tokens[i].word, date_filler_words, G_N_ELEMENTS (date_filler_words)))
        continue;

      {
        int m = match_month (tokens[i].word);

        if (m <= 0 || month != 0)
          goto out;
        month = m;
      }
    }

  patterns_for_order (order, &first, &fallback);

  if (month == 0 && n_numbers == 3)
    {
      try_three (numbers, first, today, candidates, &n_candidates);
      if (n_candidates == 0)
        try_three (numbers, fallback, today, candidates, &n_candidates);
    }
  else if (month == 0 && n_numbers == 1 && lone_digits != NULL)
    {
      try_digits (lone_digits, first, today, candidates, &n_candidates);
      if (n_candidates == 0)
        try_digits (lone_digits, fallback, today, candidates, &n_candidates);
    }
  else if (month != 0 && n_numbers == 2)
    {
      Number month_number = { (guint) month, 2 };
      Number three[3];
      const char *day_first[] = { "DMY", NULL };
      const char *year_first[] = { "YMD", NULL };
      gboolean ymd = order == TONIC_DATE_ORDER_YMD;

      /* The two numbers in the order typed, around the month. */
      three[0] = numbers[0];
      three[1] = month_number;
      three[2] = numbers[1];
      try_three (three, ymd ? year_first : day_first, today, candidates, &n_candidates);
      if (n_candidates == 0)
        try_three (three, ymd ? day_first : year_first, today, candidates, &n_candidates);
    }

  ok = n_candidates > 0;
  if (ok)
    {
      *out_a = candidates[0];
      if (n_candidates > 1)
        *out_b = candidates[1];
    }

out:
  clear_tokens (tokens, n_tokens);
  return ok;
}

gboolean
tonic_search_parse_date (const char     *typed,
                         TonicDateOrder  order,
                         GDate          *out_a,
                         GDate          *out_b)
{
  return tonic_search_parse_date_full (typed, order, NULL, out_a, out_b);
}

GType
tonic_query_kind_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GFlagsValue values[] = {
        { TONIC_QUERY_NONE, "TONIC_QUERY_NONE", "none" },
        { TONIC_QUERY_NAME, "TONIC_QUERY_NAME", "name" },
        { TONIC_QUERY_MRN, "TONIC_QUERY_MRN", "mrn" },
        { TONIC_QUERY_DATE, "TONIC_QUERY_DATE", "date" },
        { TONIC_QUERY_PHONE, "TONIC_QUERY_PHONE", "phone" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_flags_register_static ("TonicQueryKind", values));
    }

  return type_id;
}

TonicQueryKind
tonic_search_classify (const char *typed)
{
  TonicQueryKind kind = TONIC_QUERY_NONE;
  g_autofree char *partial_mrn = NULL;
  g_autofree char *digits = NULL;
  gboolean has_letter = FALSE;
  gboolean phone_chars_only = TRUE;
  guint digit_groups = 0;
  gboolean in_digits = FALSE;
  GDate a, b;

  if (typed == NULL || !g_utf8_validate (typed, -1, NULL))
    return TONIC_QUERY_NONE;

  for (const char *p = typed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      gboolean is_digit = g_unichar_digit_value (c) >= 0;

      if (g_unichar_isalpha (c))
        has_letter = TRUE;
      if (!is_digit && !g_unichar_isspace (c) && !g_unichar_ispunct (c))
        phone_chars_only = FALSE;
      if (is_digit && !in_digits)
        digit_groups++;
      in_digits = is_digit;
    }

  partial_mrn = tonic_mrn_normalize_partial (typed);
  if (partial_mrn != NULL || tonic_mrn_is_valid (typed))
    kind |= TONIC_QUERY_MRN;
  else if (has_letter)
    kind |= TONIC_QUERY_NAME;

  if (tonic_search_parse_date (typed, tonic_date_order_from_locale (), &a, &b))
    kind |= TONIC_QUERY_DATE;

  /* A date typed with separators ("03/04/1980") is not also searched as
   * the digits of a phone number; one run of digits ("03041980") is both. */
  digits = tonic_search_phone_digits (typed);
  if (phone_chars_only && strlen (digits) >= TONIC_SEARCH_PHONE_DIGITS_MIN &&
      !((kind & TONIC_QUERY_DATE) && digit_groups > 1))
    kind |= TONIC_QUERY_PHONE;

  return kind;
}
