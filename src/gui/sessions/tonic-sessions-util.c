/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-sessions-util"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tonic-sessions-private.h"
#include "tonic-time.h"

void
_tonic_sessions_ensure_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkCssProvider *provider;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "tonic-sessions-style") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/sessions/tonic-sessions.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "tonic-sessions-style", provider, g_object_unref);
}

char *
_tonic_sessions_format_number (double value,
                               guint  digits)
{
  char *text = g_strdup_printf ("%.*f", (int) digits, value);
  char *end;

  if (digits == 0)
    return text;

  /* Trailing zeros, then a trailing decimal separator (any locale's). */
  end = text + strlen (text);
  while (end > text && end[-1] == '0')
    *--end = '\0';
  if (end > text && !g_ascii_isdigit (end[-1]))
    *--end = '\0';

  return text;
}

static GDateTime *
parse_local (const char *utc)
{
  g_autoptr(GDateTime) time = NULL;

  if (utc == NULL || *utc == '\0')
    return NULL;

  time = tonic_time_parse_utc (utc);
  return time != NULL ? g_date_time_to_local (time) : NULL;
}

char *
_tonic_sessions_format_time (const char *utc)
{
  g_autoptr(GDateTime) local = parse_local (utc);

  if (local == NULL)
    return g_strdup ("");

  /* Translators: a time of day in a session, in strftime() format, such
   * as "10:45" */
  return g_date_time_format (local, _("%H:%M"));
}

char *
_tonic_sessions_format_day (const char *utc)
{
  g_autoptr(GDateTime) local = parse_local (utc);

  if (local == NULL)
    return g_strdup ("");

  /* Translators: the day of a session, in strftime() format, such as
   * "12 March 2026" */
  return g_date_time_format (local, _("%-d %B %Y"));
}

char *
_tonic_sessions_format_moment (const char *utc)
{
  g_autofree char *day = _tonic_sessions_format_day (utc);
  g_autofree char *time = _tonic_sessions_format_time (utc);

  if (*day == '\0')
    return g_strdup ("");

  /* Translators: a day and a time of day, such as "12 March 2026, 14:05" */
  return g_strdup_printf (_("%s, %s"), day, time);
}

char *
_tonic_sessions_parse_time (const char *text,
                            const char *day_utc)
{
  g_autoptr(GDateTime) day = parse_local (day_utc);
  g_autoptr(GDateTime) moment = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *stripped = NULL;
  guint64 hour, minute;

  if (text == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  parts = g_strsplit (stripped, ":", -1);
  if (g_strv_length (parts) != 2 || strlen (parts[0]) < 1 || strlen (parts[0]) > 2 ||
      strlen (parts[1]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &hour, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &minute, NULL))
    return NULL;

  if (day == NULL)
    day = g_date_time_new_now_local ();

  moment = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day), (int) hour, (int) minute, 0);
  return moment != NULL ? tonic_time_format_utc (moment) : NULL;
}

int
_tonic_sessions_minutes_between (const char *from,
                                 const char *to)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GTimeSpan span;

  if (from == NULL || to == NULL || *from == '\0' || *to == '\0')
    return G_MININT;

  start = tonic_time_parse_utc (from);
  end = tonic_time_parse_utc (to);
  if (start == NULL || end == NULL)
    return G_MININT;

  span = g_date_time_difference (end, start);
  return (int) floor ((double) span / G_TIME_SPAN_MINUTE);
}

char *
_tonic_sessions_format_minute (int minute)
{
  if (minute < 0)
    /* Translators: minutes before the dose started, such as "−5 min"
     * (with a minus sign) */
    return g_strdup_printf (_("−%d min"), -minute);

  /* Translators: minutes from the start of the dose, such as "35 min" */
  return g_strdup_printf (_("%d min"), minute);
}

char *
_tonic_sessions_format_reading (const TonicVitalsReading *reading)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (reading != NULL, NULL);

  if (reading->systolic > 0 && reading->diastolic > 0)
    /* Translators: blood pressure in a list of vital signs */
    g_ptr_array_add (parts, g_strdup_printf (_("BP %d/%d mmHg"), reading->systolic,
                                             reading->diastolic));
  else if (reading->systolic > 0)
    /* Translators: in a list of vital signs */
    g_ptr_array_add (parts, g_strdup_printf (_("Systolic %d mmHg"), reading->systolic));
  else if (reading->diastolic > 0)
    /* Translators: in a list of vital signs */
    g_ptr_array_add (parts, g_strdup_printf (_("Diastolic %d mmHg"), reading->diastolic));

  if (reading->heart_rate > 0)
    /* Translators: heart rate in a list of vital signs */
    g_ptr_array_add (parts, g_strdup_printf (_("HR %d/min"), reading->heart_rate));
  if (reading->spo2 > 0)
    /* Translators: oxygen saturation in a list of vital signs */
    g_ptr_array_add (parts, g_strdup_printf (_("SpO₂ %d %%"), reading->spo2));
  if (reading->respiratory_rate > 0)
    /* Translators: respiratory rate in a list of vital signs */
    g_ptr_array_add (parts, g_strdup_printf (_("RR %d/min"), reading->respiratory_rate));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between vital signs in a list */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

char *
_tonic_sessions_format_score (const TonicScore *score)
{
  g_autofree char *total = NULL;
  const TonicInstrumentBand *band = NULL;

  g_return_val_if_fail (score != NULL, NULL);

  if (tonic_instrument_get_n_bands (score->instrument) > 0)
    band = tonic_instrument_get_band (score->instrument, score->band);

  if (score->instrument == TONIC_INSTRUMENT_CSSRS && band != NULL)
    /* Translators: the result of the C-SSRS screener, such as "Risk: High" */
    return g_strdup_printf (_("Risk: %s"), _(band->label));

  total = tonic_instrument_format_total (score->instrument, score->total);
  if (band != NULL)
    /* Translators: a rating scale's total and its severity, such as
     * "Total 12 · Moderate" */
    return g_strdup_printf (_("Total %s · %s"), total, _(band->label));

  /* Translators: a rating scale's total, such as "Total 8" */
  return g_strdup_printf (_("Total %s"), total);
}

GtkWidget *
_tonic_sessions_value_row_new (const char *title,
                               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}
