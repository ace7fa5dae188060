/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-session-record"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-sessions-private.h"
#include "tonic-vitals-chart.h"
#include "tonic-vitals-row.h"

/* The read-only rendering of a session: a signed one, or a draft someone
 * may only read. Every value is plain text in rows; nothing is editable. */

static AdwPreferencesGroup *
add_group (GtkBox     *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);

  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
add_value (AdwPreferencesGroup *group,
           const char          *title,
           const char          *value)
{
  GtkWidget *row = _tonic_sessions_value_row_new (title, value != NULL && *value != '\0'
                                                           ? value : _("Not recorded"));

  adw_preferences_group_add (group, row);
  return row;
}

/* @value in @unit ("40 mg"), or "Not recorded" when it is 0. */
static void
add_number (AdwPreferencesGroup *group,
            const char          *title,
            double               value,
            guint                digits,
            const char          *unit)
{
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  if (value <= 0)
    {
      add_value (group, title, NULL);
      return;
    }

  number = _tonic_sessions_format_number (value, digits);
  /* Translators: a number and its unit, such as "40 mg" */
  text = g_strdup_printf (_("%s %s"), number, unit);
  add_value (group, title, text);
}

static void
add_time (AdwPreferencesGroup *group,
          const char          *title,
          const char          *utc)
{
  g_autofree char *time = _tonic_sessions_format_time (utc);

  add_value (group, title, time);
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

/* Parts */

static void
add_status (GtkBox             *box,
            const TonicSession *session)
{
  AdwPreferencesGroup *group = add_group (box, _("Record"), NULL);

  if (session->status == TONIC_SESSION_STATUS_SIGNED)
    {
      g_autofree char *when = _tonic_sessions_format_moment (session->signed_at);
      g_autofree char *title = NULL;
      GtkWidget *row;

      /* Translators: on a signed session; %s is the clinician's name */
      title = g_strdup_printf (_("Signed by %s"),
                               session->signed_by_name != NULL ? session->signed_by_name : "");
      row = add_value (group, title, when);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
    }
  else
    {
      add_value (group, _("Draft"), _("Not signed yet: a clinician signs the session."));
    }
}

static void
add_amendments (GtkBox             *box,
                const TonicSession *session)
{
  AdwPreferencesGroup *group;

  if (session->amendments->len == 0)
    return;

  group = add_group (box, _("Amendments"),
                     _("Corrections written after signing. The signed record below is "
                       "unchanged."));
  gtk_widget_add_css_class (GTK_WIDGET (group), "amendments");

  for (guint i = 0; i < session->amendments->len; i++)
    {
      const TonicAmendment *amendment = g_ptr_array_index (session->amendments, i);
      g_autofree char *when = _tonic_sessions_format_moment (amendment->created_at);
      g_autofree char *by = NULL;
      GtkWidget *row;

      /* Translators: under an amendment: who wrote it and when */
      by = g_strdup_printf (_("%s · %s"),
                            amendment->created_by_name != NULL ? amendment->created_by_name : "",
                            when);
      row = _tonic_sessions_value_row_new (amendment->text, by);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("document-edit-symbolic"));
      gtk_widget_add_css_class (row, "amendment");
      adw_preferences_group_add (group, row);
    }
}

static void
add_prechecks (GtkBox             *box,
               const TonicSession *session)
{
  AdwPreferencesGroup *group = add_group (box, _("Pre-checks"), NULL);

  add_time (group, _("Checked in at"), session->checked_in_at);
  add_value (group, _("Fasted as instructed"), yes_no (session->fasting));
  add_value (group, _("A driver takes them home"), yes_no (session->driver));
  add_value (group, _("Consent is current"), yes_no (session->consent_current));
  if (session->route == TONIC_ROUTE_NASAL)
    add_value (group, _("Enrolled in the esketamine REMS"), yes_no (session->rems_enrolled));
}

static void
add_weight (GtkBox             *box,
            const TonicSession *session)
{
  AdwPreferencesGroup *group = add_group (box, _("Weight"), NULL);
  g_autofree char *kg = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (session->weight_kg <= 0)
    {
      add_value (group, _("Weight for the dose"), NULL);
      return;
    }

  kg = _tonic_sessions_format_number (session->weight_kg, 1);
  when = _tonic_sessions_format_moment (session->weight_measured_at);
  /* Translators: a weight and when it was measured, such as "80 kg,
   * measured 12 March 2026, 09:58" */
  text = g_strdup_printf (_("%s kg, measured %s"), kg, when);
  add_value (group, _("Weight for the dose"), text);
}

static void
add_dose (GtkBox             *box,
          const TonicSession *session)
{
  AdwPreferencesGroup *group = add_group (box, _("Dose"), NULL);
  g_autofree char *dose = _tonic_sessions_format_number (session->dose, 2);
  g_autofree char *dose_text = NULL;

  add_value (group, _("Route"), tonic_route_get_label (session->route));
  if (session->dose_mode == TONIC_DOSE_MODE_PER_KG)
    /* Translators: a dose by weight, such as "0.5 mg/kg" */
    dose_text = g_strdup_printf (_("%s mg/kg"), dose);
  else
    /* Translators: a fixed dose, such as "56 mg" */
    dose_text = g_strdup_printf (_("%s mg"), dose);
  add_value (group, _("Planned dose"), session->dose > 0 ? dose_text : NULL);

  if (session->route == TONIC_ROUTE_IV)
    {
      add_number (group, _("Diluted in a bag of"), session->bag_ml, 0, _("mL"));
      add_number (group, _("Infused over"), session->infusion_minutes, 0, _("min"));
    }
  add_number (group, _("Calculated dose"), session->calculated_mg, 1, _("mg"));
  if (session->route != TONIC_ROUTE_NASAL)
    {
      add_number (group, _("Concentration"), session->concentration_mg_per_ml, 2, _("mg/mL"));
      add_number (group, _("Volume"), session->volume_ml, 1, _("mL"));
    }
  if (session->route == TONIC_ROUTE_IV)
    add_number (group, _("Pump rate"), session->rate_ml_per_hour, 1, _("mL/h"));

  group = add_group (box, _("Given"), NULL);
  add_number (group, _("Dose given"), session->given_mg, 1, _("mg"));
  if (session->change_reason != NULL && *session->change_reason != '\0')
    add_value (group, _("Reason for the change of dose"), session->change_reason);
  add_value (group, _("Second check by"),
             session->checked_by != 0 ? session->checked_by_name : _("No one"));
  add_value (group, _("Lot number"), session->lot_number);

  group = add_group (box, _("Dosing Times"), NULL);
  add_time (group, _("Started at"), session->started_at);
  add_time (group, _("Ended at"), session->ended_at);
}

static void
add_vitals (GtkBox             *box,
            const TonicSession *session,
            const TonicPlan    *plan)
{
  AdwPreferencesGroup *group = add_group (box, _("Vitals"), NULL);
  GtkWidget *chart;
  GtkWidget *list;

  if (session->vitals->len == 0)
    {
      add_value (group, _("Readings"), _("No vitals recorded"));
      return;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Vitals taken"), -1);
  for (guint i = 0; i < session->vitals->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         tonic_vitals_row_new (g_ptr_array_index (session->vitals, i), FALSE));
  adw_preferences_group_add (group, list);

  /* The readings against the minutes from the dose, with the plan's
   * thresholds and the warnings as they were acknowledged. */
  chart = tonic_vitals_chart_new ();
  tonic_vitals_chart_set_session (TONIC_VITALS_CHART (chart), session,
                                  plan != NULL ? &plan->thresholds : NULL);
  gtk_widget_set_size_request (chart, -1, 260);
  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_add_css_class (chart, "card");
  adw_preferences_group_add (group, chart);
}

static void
add_side_effects (GtkBox             *box,
                  const TonicSession *session)
{
  AdwPreferencesGroup *group = add_group (box, _("Side Effects"), NULL);
  g_autofree char *labels = tonic_side_effect_format_labels (session->side_effects);

  add_value (group, _("Reported"), *labels != '\0' ? labels : _("None"));
  if (session->side_effects_other != NULL && *session->side_effects_other != '\0')
    add_value (group, _("Other side effects"), session->side_effects_other);
  if (session->route == TONIC_ROUTE_NASAL)
    add_value (group, _("Serious adverse events"),
               session->serious_adverse_event != NULL && *session->serious_adverse_event != '\0'
                 ? session->serious_adverse_event : _("None"));
}

static void
add_score (AdwPreferencesGroup     *group,
           const TonicSessionScore *score)
{
  TonicInstrument instrument = score->score.instrument;
  g_autofree char *total = _tonic_sessions_format_score (&score->score);
  g_autofree char *title = NULL;
  GtkWidget *expander = adw_expander_row_new ();

  if (score->timing == TONIC_SCORE_TIMING_POST)
    /* Translators: a rating scale taken after the dose, such as "CADSS ·
     * after the dose" */
    title = g_strdup_printf (_("%s · after the dose"), tonic_instrument_get_label (instrument));
  else
    title = g_strdup (tonic_instrument_get_label (instrument));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), total);

  for (guint i = 0; i < score->n_answers && i < tonic_instrument_get_n_items (instrument); i++)
    {
      const TonicInstrumentItem *item = tonic_instrument_get_item (instrument, i);
      int answer = score->answers[i];
      g_autofree char *item_title = NULL;
      g_autofree char *value = NULL;

      /* Translators: an item of a rating scale: its number and text */
      item_title = g_strdup_printf (_("%u. %s"), i + 1, _(item->text));
      if (answer == TONIC_ANSWER_SKIPPED)
        value = g_strdup (_("Skipped"));
      else if (answer < item->min || answer > item->max)
        value = g_strdup (_("Not answered"));
      else if (item->anchors != NULL)
        /* Translators: an answer to a rating scale's item: its value and
         * what it means, such as "2 · More than half the days" */
        value = g_strdup_printf (_("%d · %s"), answer, _(item->anchors[answer - item->min]));
      else
        value = g_strdup_printf ("%d", answer);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                _tonic_sessions_value_row_new (item_title, value));
    }
  adw_preferences_group_add (group, expander);

  if (score->score.safety != TONIC_SAFETY_NONE)
    {
      gboolean acknowledged = score->acknowledged_at != NULL && *score->acknowledged_at != '\0';
      g_autofree char *detail = NULL;
      GtkWidget *row;

      if (acknowledged)
        {
          g_autofree char *when = _tonic_sessions_format_moment (score->acknowledged_at);

          /* Translators: under a safety alert; the first %s is a staff
           * member's name, the second a day and time, the third their note */
          detail = g_strdup_printf (_("Acknowledged by %s, %s: %s"),
                                    score->acknowledged_by_name != NULL
                                      ? score->acknowledged_by_name : "",
                                    when,
                                    score->acknowledgement != NULL ? score->acknowledgement : "");
        }
      else
        {
          detail = g_strdup (_("Not acknowledged"));
        }

      row = _tonic_sessions_value_row_new (tonic_safety_flag_get_message (score->score.safety),
                                           detail);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (row, "safety-row");
      adw_preferences_group_add (group, row);
    }
}

static void
add_scores (GtkBox             *box,
            const TonicSession *session)
{
  AdwPreferencesGroup *group = add_group (box, _("Rating Scales"), NULL);

  if (session->scores->len == 0)
    {
      add_value (group, _("Scores"), _("No rating scales recorded"));
      return;
    }

  for (guint i = 0; i < session->scores->len; i++)
    add_score (group, g_ptr_array_index (session->scores, i));
}

static void
add_rems (GtkBox             *box,
          const TonicSession *session)
{
  AdwPreferencesGroup *group;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *list = NULL;

  if (session->route != TONIC_ROUTE_NASAL)
    return;

  group = add_group (box, _("Esketamine REMS"), NULL);
  for (guint i = 0; i < TONIC_N_COMEDICATIONS; i++)
    if ((session->comedications & tonic_comedication_nth (i)) != 0)
      g_ptr_array_add (names, (gpointer) tonic_comedication_get_label (tonic_comedication_nth (i)));
  g_ptr_array_add (names, NULL);
  /* Translators: the separator in a list of co-medications */
  list = g_strjoinv (_(", "), (char **) names->pdata);

  add_value (group, _("Co-medications"), *list != '\0' ? list : _("None"));
  add_number (group, _("Observed after the dose for"), session->observation_minutes, 0, _("min"));
}

static void
add_discharge (GtkBox             *box,
               const TonicSession *session)
{
  AdwPreferencesGroup *group = add_group (box, _("Discharge"), NULL);
  g_autofree char *message = NULL;
  gboolean ready = FALSE;
  int total = 0;

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    {
      int value = session->aldrete[i];
      g_autofree char *text = NULL;

      if (value >= 0 && value <= 2)
        /* Translators: an Aldrete item's score and what it means */
        text = g_strdup_printf (_("%d · %s"), value, tonic_aldrete_item_get_anchor (i, value));
      add_value (group, tonic_aldrete_item_get_label (i), text);
    }

  message = tonic_aldrete_score (session->aldrete, &total, &ready);
  if (message == NULL)
    {
      g_autofree char *text = NULL;

      if (ready)
        /* Translators: the Aldrete total out of 10 when the patient may leave */
        text = g_strdup_printf (_("%d of 10 · Ready to leave"), total);
      else
        /* Translators: the Aldrete total out of 10 below the discharge level */
        text = g_strdup_printf (_("%d of 10 · Not ready"), total);
      add_value (group, _("Modified Aldrete score"), text);
    }
  else
    {
      add_value (group, _("Modified Aldrete score"), NULL);
    }

  add_time (group, _("Ready to leave at"), session->ready_at);
  add_value (group, _("Driver’s name"), session->driver_name);

  group = add_group (box, _("Note"), NULL);
  add_value (group, _("Note"), session->note);
}

void
_tonic_session_record_build (GtkBox             *box,
                             const TonicSession *session,
                             const TonicPlan    *plan)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (box));
  g_return_if_fail (session != NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);

  add_status (box, session);
  add_amendments (box, session);
  add_prechecks (box, session);
  add_weight (box, session);
  add_dose (box, session);
  add_vitals (box, session, plan);
  add_side_effects (box, session);
  add_scores (box, session);
  add_rems (box, session);
  add_discharge (box, session);

  if (plan != NULL && plan->max_dose_mg > 0)
    {
      g_autofree char *maximum = _tonic_sessions_format_number (plan->max_dose_mg, 1);
      g_autofree char *text = NULL;
      GtkWidget *label;

      /* Translators: at the end of a session's record; %s is a dose in mg */
      text = g_strdup_printf (_("The plan’s maximum dose was %s mg."), maximum);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (box, label);
    }
}
