/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-text"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-text.h"

char *
tonic_text_strip (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  return g_strstrip (g_strdup (text));
}

char *
tonic_text_check_line (const char *text,
                       guint       max_chars,
                       const char *empty_message)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (empty_message != NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup (empty_message);

  stripped = tonic_text_strip (text);
  if (*stripped == '\0')
    return g_strdup (empty_message);

  for (const char *p = stripped; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return g_strdup (_("Use a single line without special control characters"));
    }

  if (g_utf8_strlen (stripped, -1) > max_chars)
    return g_strdup_printf (ngettext ("Use at most %u character",
                                      "Use at most %u characters", max_chars),
                            max_chars);

  return NULL;
}

char *
tonic_text_now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}
