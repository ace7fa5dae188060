/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-patients-util"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-patients-private.h"
#include "tonic-time.h"

#define SETTINGS_SCHEMA_ID "io.github.tonicrecords.Tonic"
#define STYLE_LOADED_KEY   "tonic-patients-style"

GtkWindow *
_tonic_patients_get_parent_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

char *
_tonic_patients_format_date (const GDate *date,
                             gboolean     long_form)
{
  g_autoptr(GDateTime) time = NULL;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 12, 0, 0);
  if (time == NULL)
    return g_strdup ("");

  if (long_form)
    /* Translators: a date written out, in strftime() format, such as
     * "3 April 1980" */
    return g_date_time_format (time, _("%-d %B %Y"));

  /* Translators: a short date, in strftime() format, such as "3 Apr 1980" */
  return g_date_time_format (time, _("%-d %b %Y"));
}

char *
_tonic_patients_format_iso_date (const char *iso,
                                 gboolean    long_form)
{
  GDate date;

  if (iso == NULL)
    return g_strdup ("");

  if (!tonic_date_parse_iso (iso, &date))
    return g_strdup (iso);

  return _tonic_patients_format_date (&date, long_form);
}

char *
_tonic_patients_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);
  /* Translators: a day and time, in strftime() format, such as
   * "Tue 3 Mar 2026, 14:05" */
  return g_date_time_format (local, _("%a %-d %b %Y, %H:%M"));
}

char *
_tonic_patients_format_moment (const char *utc)
{
  g_autoptr(GDateTime) time = NULL;

  time = utc != NULL ? tonic_time_parse_utc (utc) : NULL;
  if (time == NULL)
    return g_strdup (utc != NULL ? utc : "");

  return _tonic_patients_format_date_time (time);
}

char *
_tonic_patients_format_age (TonicPatient *patient)
{
  int age;

  g_return_val_if_fail (TONIC_IS_PATIENT (patient), NULL);

  age = tonic_patient_get_age (patient, NULL);
  if (age < 0)
    return g_strdup ("");

  /* Translators: a patient's age */
  return g_strdup_printf (ngettext ("%d year", "%d years", age), age);
}

char *
_tonic_patients_format_summary (TonicPatient *patient)
{
  g_autofree char *born = NULL;
  const char *mrn;
  int age;

  g_return_val_if_fail (TONIC_IS_PATIENT (patient), NULL);

  mrn = tonic_patient_get_mrn (patient);
  born = _tonic_patients_format_iso_date (tonic_patient_get_date_of_birth (patient), FALSE);
  age = tonic_patient_get_age (patient, NULL);

  if (age >= 0)
    /* Translators: under a patient's name in the list: the medical record
     * number, date of birth and age, such as "TN-0000012-5 · 3 Apr 1980 · 45 years" */
    return g_strdup_printf (ngettext ("%s · %s · %d year", "%s · %s · %d years", age),
                            mrn, born, age);

  if (*born != '\0')
    /* Translators: under a patient's name in the list: the medical record
     * number and date of birth, such as "TN-0000012-5 · 3 Apr 1980" */
    return g_strdup_printf (_("%s · %s"), mrn, born);

  return g_strdup (mrn);
}

GSettings *
_tonic_patients_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "weight-unit"))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

gboolean
_tonic_patients_weight_in_pounds (GSettings *settings)
{
  g_autofree char *unit = NULL;

  if (settings == NULL)
    return FALSE;

  unit = g_settings_get_string (settings, "weight-unit");
  return g_strcmp0 (unit, "lb") == 0;
}

char *
_tonic_patients_format_weight (double   kilograms,
                               gboolean pounds)
{
  if (pounds)
    /* Translators: a weight in pounds, such as "175.9 lb" */
    return g_strdup_printf (_("%.1f lb"), kilograms / TONIC_KG_PER_LB);

  /* Translators: a weight in kilograms, such as "79.8 kg" */
  return g_strdup_printf (_("%.1f kg"), kilograms);
}

GtkWidget *
_tonic_patients_tag_new (const char *text,
                         gboolean    warning)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "tonic-tag");
  gtk_widget_add_css_class (label, "caption-heading");
  if (warning)
    gtk_widget_add_css_class (label, "warning");

  return label;
}

GtkWidget *
_tonic_patients_alert_tag_new (const char *text)
{
  GtkWidget *label = _tonic_patients_tag_new (text, FALSE);

  gtk_widget_add_css_class (label, "error");

  return label;
}

void
_tonic_patients_add_course_tags (GtkBox       *box,
                                 TonicPatient *patient)
{
  TonicCoursePhase phase;

  g_return_if_fail (GTK_IS_BOX (box));
  g_return_if_fail (TONIC_IS_PATIENT (patient));

  if (tonic_patient_get_safety_alert (patient))
    gtk_box_append (box, _tonic_patients_alert_tag_new (_("Safety alert")));

  phase = tonic_patient_get_course_phase (patient);
  if (phase == TONIC_COURSE_PHASE_INDUCTION || phase == TONIC_COURSE_PHASE_MAINTENANCE)
    gtk_box_append (box, _tonic_patients_tag_new (tonic_course_phase_get_label (phase), FALSE));

  if (tonic_patient_is_scale_overdue (patient, NULL))
    gtk_box_append (box, _tonic_patients_tag_new (_("Overdue rating scale"), TRUE));
}

void
_tonic_patients_ensure_style (GtkWidget *widget)
{
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  display = gtk_widget_get_display (widget);
  if (display == NULL || g_object_get_data (G_OBJECT (display), STYLE_LOADED_KEY) != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/patients/tonic-patients.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data (G_OBJECT (display), STYLE_LOADED_KEY, GINT_TO_POINTER (TRUE));
}

GtkWidget *
_tonic_patients_value_row_new (const char *title,
                               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}
