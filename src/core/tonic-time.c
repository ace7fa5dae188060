/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-time"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tonic-time.h"

static gboolean
parse_digits (const char *text,
              guint       n,
              guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint) (text[i] - '0');
    }

  *value = v;
  return TRUE;
}

gboolean
tonic_date_parse_iso (const char *text,
                      GDate      *out)
{
  guint year, month, day;

  g_return_val_if_fail (out != NULL, FALSE);

  g_date_clear (out, 1);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  if (!parse_digits (text, 4, &year) ||
      !parse_digits (text + 5, 2, &month) ||
      !parse_digits (text + 8, 2, &day))
    return FALSE;

  if (year < 1000 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

char *
tonic_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

void
tonic_date_set_today (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (out != NULL);

  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

int
tonic_date_years_between (const GDate *birth,
                          const GDate *on)
{
  int years;

  g_return_val_if_fail (birth != NULL && g_date_valid (birth), -1);
  g_return_val_if_fail (on != NULL && g_date_valid (on), -1);

  if (g_date_compare (on, birth) < 0)
    return -1;

  years = g_date_get_year (on) - g_date_get_year (birth);
  if (g_date_get_month (on) < g_date_get_month (birth) ||
      (g_date_get_month (on) == g_date_get_month (birth) &&
       g_date_get_day (on) < g_date_get_day (birth)))
    years--;

  return years;
}

GDateTime *
tonic_time_parse_utc (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL)
    return NULL;

  /* No default zone: text without one is refused rather than guessed. */
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_utc (parsed);
}

char *
tonic_time_format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
tonic_format_duration_short (gint64 seconds)
{
  gint64 minutes = MAX (seconds, 0) / 60;
  gint64 hours = minutes / 60;
  g_autofree char *hours_text = NULL;
  g_autofree char *minutes_text = NULL;

  minutes %= 60;

  if (hours == 0)
    /* Translators: a short elapsed time on the Today board, such as
     * "12 min"; %d is a number of minutes. */
    return g_strdup_printf (ngettext ("%d min", "%d min", (gulong) minutes),
                            (int) minutes);

  /* Translators: the hours part of a short elapsed time such as
   * "1 h 05 min"; %d is a number of hours. */
  hours_text = g_strdup_printf (ngettext ("%d h", "%d h", (gulong) hours),
                                (int) MIN (hours, G_MAXINT));
  /* Translators: the minutes part of a short elapsed time such as
   * "1 h 05 min", always two digits; %02d is a number of minutes. */
  minutes_text = g_strdup_printf (ngettext ("%02d min", "%02d min", (gulong) minutes),
                                  (int) minutes);

  /* Translators: a short elapsed time: the hours part ("1 h") then the
   * minutes part ("05 min"), as in "1 h 05 min". Reorder with %2$s and
   * %1$s if your language needs it. */
  return g_strdup_printf (C_("duration", "%1$s %2$s"), hours_text, minutes_text);
}
