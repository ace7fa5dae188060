/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-mrn"

#include "config.h"

#include <string.h>

#include "tonic-mrn.h"

#define SEQUENCE_DIGITS 7

/* Damm's weakly totally anti-symmetric quasigroup of order 10 (H. M. Damm,
 * "Totally anti-symmetric quasigroups for all orders n ≠ 2, 6", 2007). */
static const guint8 damm_table[10][10] = {
  { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
  { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
  { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
  { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
  { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
  { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
  { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
  { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
  { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
  { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
};

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) ||
         g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION ||
         c == 0x2212;  /* minus sign */
}

/* Reads @text into its ASCII digits (at most @max_digits), noting whether
 * it began with "TN". FALSE when anything else is in it. */
static gboolean
read_mrn (const char *text,
          char       *digits,
          guint       max_digits,
          gboolean   *has_prefix)
{
  guint n = 0;
  const char *p;

  *has_prefix = FALSE;
  digits[0] = '\0';

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  p = text;
  while (*p && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  if (g_ascii_strncasecmp (p, TONIC_MRN_PREFIX, strlen (TONIC_MRN_PREFIX)) == 0)
    {
      *has_prefix = TRUE;
      p += strlen (TONIC_MRN_PREFIX);
    }

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int value = g_unichar_digit_value (c);

      if (value >= 0)
        {
          if (n == max_digits)
            return FALSE;
          digits[n++] = (char) ('0' + value);
          digits[n] = '\0';
        }
      else if (!is_separator (c))
        return FALSE;
    }

  return TRUE;
}

guint
tonic_mrn_check_digit (const char *digits)
{
  guint interim = 0;

  g_return_val_if_fail (digits != NULL, 0);

  for (const char *p = digits; *p; p++)
    {
      g_return_val_if_fail (g_ascii_isdigit (*p), 0);
      interim = damm_table[interim][*p - '0'];
    }

  return interim;
}

char *
tonic_mrn_format (guint64 sequence)
{
  char digits[SEQUENCE_DIGITS + 1];

  g_return_val_if_fail (sequence >= 1 && sequence <= TONIC_MRN_SEQUENCE_MAX, NULL);

  g_snprintf (digits, sizeof digits, "%07" G_GUINT64_FORMAT, sequence);
  return g_strdup_printf (TONIC_MRN_PREFIX "-%s-%u", digits, tonic_mrn_check_digit (digits));
}

gboolean
tonic_mrn_parse (const char *text,
                 guint64    *sequence)
{
  char digits[SEQUENCE_DIGITS + 2];
  gboolean has_prefix;
  guint64 value;

  if (!read_mrn (text, digits, SEQUENCE_DIGITS + 1, &has_prefix) ||
      strlen (digits) != SEQUENCE_DIGITS + 1)
    return FALSE;

  /* All eight digits, check digit included, run to 0. */
  if (tonic_mrn_check_digit (digits) != 0)
    return FALSE;

  digits[SEQUENCE_DIGITS] = '\0';
  value = g_ascii_strtoull (digits, NULL, 10);
  if (value < 1)
    return FALSE;

  if (sequence != NULL)
    *sequence = value;
  return TRUE;
}

gboolean
tonic_mrn_is_valid (const char *text)
{
  return tonic_mrn_parse (text, NULL);
}

char *
tonic_mrn_normalize (const char *text)
{
  guint64 sequence;

  if (!tonic_mrn_parse (text, &sequence))
    return NULL;

  return tonic_mrn_format (sequence);
}

char *
tonic_mrn_normalize_partial (const char *text)
{
  char digits[SEQUENCE_DIGITS + 2];
  gboolean has_prefix;
  GString *out;
  gsize n;

  if (!read_mrn (text, digits, SEQUENCE_DIGITS + 1, &has_prefix) || !has_prefix)
    return NULL;

  n = strlen (digits);
  if (n == 0)
    return NULL;

  out = g_string_new (TONIC_MRN_PREFIX "-");
  g_string_append_len (out, digits, MIN (n, SEQUENCE_DIGITS));
  if (n > SEQUENCE_DIGITS)
    {
      g_string_append_c (out, '-');
      g_string_append_c (out, digits[SEQUENCE_DIGITS]);
    }

  return g_string_free (out, FALSE);
}
