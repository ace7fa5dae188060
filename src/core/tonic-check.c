/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tonic-check.h"
#include "tonic-text.h"

/* Bidirectional embeddings, overrides and isolates can make a name display
 * as something else; marks (LRM, RLM, ALM) and joiners stay allowed. */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029 ||
         c == 0x0B || c == 0x0C;
}

static char *
too_long_message (guint max_chars)
{
  return g_strdup_printf (ngettext ("Use at most %u character",
                                    "Use at most %u characters", max_chars),
                          max_chars);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = tonic_text_strip (text);

  return *stripped == '\0';
}

/* The line rules on a non-blank, valid @text. */
static char *
check_line (const char *text,
            guint       max_chars)
{
  g_autofree char *stripped = tonic_text_strip (text);

  for (const char *p = stripped; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || is_line_break (c) || is_bidi_control (c))
        return g_strdup (_("Use a single line without special control characters"));
    }

  if (g_utf8_strlen (stripped, -1) > max_chars)
    return too_long_message (max_chars);

  return NULL;
}

char *
tonic_check_required_name (const char *text,
                           guint       max_chars,
                           const char *empty_message)
{
  g_autofree char *message = NULL;
  gboolean has_letter = FALSE;

  g_return_val_if_fail (empty_message != NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || is_blank (text))
    return g_strdup (empty_message);

  message = check_line (text, max_chars);
  if (message != NULL)
    return g_steal_pointer (&message);

  for (const char *p = text; *p && !has_letter; p = g_utf8_next_char (p))
    has_letter = g_unichar_isalpha (g_utf8_get_char (p));

  if (!has_letter)
    return g_strdup (empty_message);

  return NULL;
}

char *
tonic_check_optional_line (const char *text,
                           guint       max_chars)
{
  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup (_("This text is not valid; type it again"));

  if (is_blank (text))
    return NULL;

  return check_line (text, max_chars);
}

char *
tonic_check_multiline (const char *text,
                       guint       max_chars)
{
  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup (_("This text is not valid; type it again"));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029)
        continue;

      if (g_unichar_iscntrl (c) || is_bidi_control (c))
        return g_strdup (_("Remove the special control characters"));
    }

  if (g_utf8_strlen (text, -1) > max_chars)
    return too_long_message (max_chars);

  return NULL;
}

static gboolean
is_email_label_char (gunichar c)
{
  /* Letters and digits of any script (internationalised domains) and '-'. */
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '-';
}

char *
tonic_check_email (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *message = NULL;
  const char *at;
  const char *domain;
  gboolean saw_dot = FALSE;
  const char *label = NULL;

  message = tonic_check_optional_line (text, TONIC_EMAIL_MAX);
  if (message != NULL)
    return g_steal_pointer (&message);

  if (text == NULL || is_blank (text))
    return NULL;

  stripped = tonic_text_strip (text);
  at = strchr (stripped, '@');

  if (at == NULL || at == stripped || strchr (at + 1, '@') != NULL)
    goto invalid;

  /* The local part: no white space, no leading, trailing or double dots. */
  if (stripped[0] == '.' || at[-1] == '.' || g_strstr_len (stripped, at - stripped, "..") != NULL)
    goto invalid;
  if (at - stripped > 64)
    goto invalid;
  for (const char *p = stripped; p < at; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '"' || c == '(' || c == ')' || c == ',' ||
          c == ':' || c == ';' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\')
        goto invalid;
    }

  /* The domain: labels of letters, digits and inner dashes, joined by
   * single dots, at least two labels, the last not all digits. */
  domain = at + 1;
  if (*domain == '\0')
    goto invalid;

  label = domain;
  for (const char *p = domain;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.' || c == '\0')
        {
          gboolean all_digits = TRUE;

          if (p == label || *label == '-' || p[-1] == '-')
            goto invalid;

          for (const char *q = label; q < p; q = g_utf8_next_char (q))
            if (!g_unichar_isdigit (g_utf8_get_char (q)))
              all_digits = FALSE;

          if (c == '\0')
            {
              if (!saw_dot || all_digits)
                goto invalid;
              break;
            }

          saw_dot = TRUE;
          label = p + 1;
        }
      else if (!is_email_label_char (c))
        goto invalid;
    }

  return NULL;

invalid:
  return g_strdup (_("Enter an e-mail address such as name@example.com"));
}

char *
tonic_check_phone (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *message = NULL;
  gboolean seen_anything = FALSE;
  guint digits = 0;

  message = tonic_check_optional_line (text, 40);
  if (message != NULL)
    return g_steal_pointer (&message);

  if (text == NULL || is_blank (text))
    return NULL;

  stripped = tonic_text_strip (text);
  for (const char *p = stripped; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      gboolean leading_plus = c == '+' && !seen_anything;

      if (g_unichar_isdigit (c))
        digits++;
      else if (!leading_plus &&
               (c == '+' || !(g_unichar_ispunct (c) || g_unichar_isspace (c))))
        return g_strdup (_("Use only digits, spaces, punctuation and a leading +"));

      seen_anything = TRUE;
    }

  if (digits < TONIC_PHONE_DIGITS_MIN || digits > TONIC_PHONE_DIGITS_MAX)
    return g_strdup_printf (_("Enter a phone number of %d to %d digits"),
                            TONIC_PHONE_DIGITS_MIN, TONIC_PHONE_DIGITS_MAX);

  return NULL;
}
