/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The session page's form: the parts of a draft in the order of the work,
 * the live dose calculator, the due bar, vitals and rating scales. */
#define G_LOG_DOMAIN "tonic-session-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tonic-scale-group.h"
#include "tonic-session-page-private.h"
#include "tonic-sessions-private.h"
#include "tonic-text.h"
#include "tonic-time.h"
#include "tonic-vitals-row.h"

/* The due bar is brought up to date twice a minute. */
#define TIMER_SECONDS   30
/* A due check is "overdue" this long after its time. */
#define OVERDUE_SECONDS (5 * 60)

static void recalculate (TonicSessionPage *self);

/* The planned length of an IV infusion (0 for the other routes). */
static int
infusion_minutes (TonicSessionPage *self)
{
  if (!_tonic_session_page_is_iv (self))
    return 0;

  return gtk_spin_button_get_value_as_int (self->minutes_spin);
}

/* Fields and their messages */

static void
replace_string (char       **slot,
                const char  *value)
{
  char *copy = value != NULL && *value != '\0' ? g_strdup (value) : NULL;

  g_free (*slot);
  *slot = copy;
}

/* The part of the page that shows @field: its message label and the row
 * to mark and bring into view. */
static void
field_widgets (TonicSessionPage  *self,
               TonicSessionField  field,
               GtkLabel         **label,
               GtkWidget        **row)
{
  switch (field)
    {
    case TONIC_SESSION_FIELD_PRECHECKS:
      *label = self->prechecks_error;
      *row = self->prechecks_group;
      break;
    case TONIC_SESSION_FIELD_WEIGHT:
      *label = self->weight_error;
      *row = self->weight_row;
      break;
    case TONIC_SESSION_FIELD_DOSE:
      *label = self->dose_error;
      *row = self->amount_row;
      break;
    case TONIC_SESSION_FIELD_GIVEN:
      *label = self->given_error;
      *row = GTK_WIDGET (self->given_row);
      break;
    case TONIC_SESSION_FIELD_CHANGE_REASON:
      *label = self->reason_error;
      *row = self->reason_row;
      break;
    case TONIC_SESSION_FIELD_LOT:
      *label = self->lot_error;
      *row = self->lot_row;
      break;
    case TONIC_SESSION_FIELD_TIMES:
      *label = self->times_error;
      *row = self->start_row;
      break;
    case TONIC_SESSION_FIELD_VITALS:
      *label = self->vitals_error;
      *row = self->vitals_group;
      break;
    case TONIC_SESSION_FIELD_SIDE_EFFECTS:
      *label = self->side_effects_error;
      *row = self->other_row;
      break;
    case TONIC_SESSION_FIELD_SCORES:
      *label = self->scores_error;
      *row = GTK_WIDGET (self->scales_box);
      break;
    case TONIC_SESSION_FIELD_REMS:
      *label = self->rems_error;
      *row = self->observation_row;
      break;
    case TONIC_SESSION_FIELD_DISCHARGE:
      *label = self->discharge_error;
      *row = GTK_WIDGET (self->discharge_group);
      break;
    case TONIC_SESSION_FIELD_NOTE:
    default:
      *label = self->note_error;
      *row = self->note_frame;
      break;
    }
}

void
_tonic_session_page_clear_field_errors (TonicSessionPage *self)
{
  for (int field = TONIC_SESSION_FIELD_PRECHECKS; field <= TONIC_SESSION_FIELD_NOTE; field++)
    {
      GtkLabel *label;
      GtkWidget *row;

      /* The given dose and the dose keep their live checks. */
      if (field == TONIC_SESSION_FIELD_GIVEN || field == TONIC_SESSION_FIELD_DOSE)
        continue;
      field_widgets (self, field, &label, &row);
      _tonic_today_set_field_error (label, row, NULL);
    }
}

static void
scroll_to (TonicSessionPage *self,
           GtkWidget        *widget)
{
  graphene_point_t point;
  GtkAdjustment *adjustment;

  if (widget == NULL ||
      !gtk_widget_compute_point (widget, self->form_box, &GRAPHENE_POINT_INIT (0, 0), &point))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (self->form_scroller);
  gtk_adjustment_set_value (adjustment, MAX (0, point.y - 24));
}

/* Shows @message next to @field, and brings it into view. */
void
_tonic_session_page_show_field_error (TonicSessionPage  *self,
                                      TonicSessionField  field,
                                      const char        *message)
{
  GtkLabel *label;
  GtkWidget *row;

  field_widgets (self, field, &label, &row);
  if (field == TONIC_SESSION_FIELD_CHANGE_REASON)
    gtk_widget_set_visible (self->reason_row, TRUE);
  _tonic_today_set_field_error (label, row, message);
  scroll_to (self, row);
  gtk_widget_grab_focus (row);
}


/* Times */

static char *
session_day (TonicSessionPage *self)
{
  const char *held_at = tonic_session_get_held_at (self->session);

  return held_at != NULL ? g_strdup (held_at) : tonic_text_now_utc ();
}

typedef struct
{
  GtkEditable *entry;
  char       **value;
  GtkLabel    *error;
  GtkWidget   *row;
} TimeField;

static gboolean
find_time_field (TonicSessionPage *self,
                 GtkEditable      *entry,
                 TimeField        *out)
{
  const TimeField fields[] = {
    { self->checkin_entry, &self->checked_in_at, self->prechecks_error, self->checkin_row },
    { self->start_entry, &self->started_at, self->times_error, self->start_row },
    { self->end_entry, &self->ended_at, self->times_error, self->end_row },
    { self->ready_entry, &self->ready_at, self->discharge_error, self->ready_row },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].entry == entry)
      {
        *out = fields[i];
        return TRUE;
      }

  return FALSE;
}

static void
set_time_text (TonicSessionPage *self,
               GtkEditable      *entry,
               const char       *utc)
{
  g_autofree char *text = _tonic_sessions_format_time (utc);
  gboolean populating = self->populating;

  self->populating = TRUE;
  gtk_editable_set_text (entry, text);
  self->populating = populating;
}

static void
update_phase (TonicSessionPage *self)
{
  TonicVitalsPhase phase = TONIC_VITALS_PHASE_PRE;
  g_autofree char *text = NULL;

  if (self->started_at != NULL)
    phase = self->ended_at != NULL ? TONIC_VITALS_PHASE_RECOVERY : TONIC_VITALS_PHASE_DURING;

  /* Translators: beside the heading of a session's vitals: the phase a
   * reading taken now belongs to, such as "Now: during the dose" */
  text = g_strdup_printf (_("Now: %s"), tonic_vitals_phase_get_label (phase));
  gtk_label_set_label (self->phase_label, text);
  self->pending_phase = phase;
}

/* The dose calculator */

static void
set_result_labels (TonicSessionPage *self,
                   const char       *mg,
                   const char       *concentration,
                   const char       *volume,
                   const char       *rate)
{
  gtk_label_set_label (self->result_mg, mg);
  gtk_label_set_label (self->result_concentration, concentration);
  gtk_label_set_label (self->result_volume, volume);
  gtk_label_set_label (self->result_rate, rate);
}

static TonicDoseMode
chosen_mode (TonicSessionPage *self)
{
  return adw_combo_row_get_selected (self->mode_row) == 1 ? TONIC_DOSE_MODE_FIXED
                                                          : TONIC_DOSE_MODE_PER_KG;
}

static void
update_mode_rows (TonicSessionPage *self)
{
  TonicDoseMode mode = chosen_mode (self);

  gtk_label_set_label (self->amount_unit, mode == TONIC_DOSE_MODE_PER_KG ? _("mg/kg") : _("mg"));
  gtk_spin_button_set_digits (self->amount_spin, mode == TONIC_DOSE_MODE_PER_KG ? 2 : 1);
  gtk_spin_button_set_increments (self->amount_spin, mode == TONIC_DOSE_MODE_PER_KG ? 0.05 : 1,
                                  mode == TONIC_DOSE_MODE_PER_KG ? 0.5 : 10);
}

/* The given dose against the plan's maximum, and the change from the
 * previous session that asks for a reason. */
static void
update_given_checks (TonicSessionPage *self)
{
  double given = gtk_spin_button_get_value (self->given_spin);
  double dose = given > 0 ? given : self->result_ok ? self->result.dose_mg : 0;
  double previous = self->session->previous_mg;
  g_autofree char *given_message = NULL;
  gboolean needs_reason;

  if (given > 0)
    given_message = tonic_dose_check_given (given, self->plan->max_dose_mg);
  _tonic_today_set_field_error (self->given_error, GTK_WIDGET (self->given_row),
                                given_message);

  needs_reason = dose > 0 &&
                 tonic_dose_change_needs_reason (previous, dose,
                                                 tonic_session_get_change_limit (self->session));
  gtk_widget_set_visible (self->reason_row,
                          needs_reason ||
                            *gtk_editable_get_text (GTK_EDITABLE (self->reason_row)) != '\0');
  if (needs_reason)
    {
      double change = tonic_dose_percent_change (previous, dose);
      g_autofree char *percent = _tonic_sessions_format_number (fabs (change), 0);
      g_autofree char *before = _tonic_sessions_format_number (previous, 1);
      g_autofree char *hint = NULL;

      if (change > 0)
        /* Translators: under the given dose; the first %s is a percentage,
         * the second a dose in mg */
        hint = g_strdup_printf (_("This is %s %% more than the previous session’s %s mg: "
                                  "give the reason for the change."), percent, before);
      else
        /* Translators: under the given dose; the first %s is a percentage,
         * the second a dose in mg */
        hint = g_strdup_printf (_("This is %s %% less than the previous session’s %s mg: "
                                  "give the reason for the change."), percent, before);
      gtk_label_set_label (self->reason_hint, hint);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reason_hint), needs_reason);

  /* Above the plan's maximum, nothing is signed. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.sign",
                                 given_message == NULL &&
                                   !(self->result_ok && self->result.over_max));
}

static void
set_given (TonicSessionPage *self,
           double            mg)
{
  gboolean populating = self->populating;

  self->populating = TRUE;
  gtk_spin_button_set_value (self->given_spin, mg);
  self->populating = populating;
}

static void
recalculate (TonicSessionPage *self)
{
  TonicDoseInput input = { 0 };
  g_autofree char *message = NULL;

  if (self->session == NULL || self->plan == NULL)
    return;

  tonic_dose_result_clear (&self->result);
  input.route = self->session->route;
  input.mode = chosen_mode (self);
  if (input.mode == TONIC_DOSE_MODE_PER_KG)
    input.mg_per_kg = gtk_spin_button_get_value (self->amount_spin);
  else
    input.fixed_mg = gtk_spin_button_get_value (self->amount_spin);
  input.weight_kg = gtk_spin_button_get_value (self->weight_spin);
  if (_tonic_session_page_is_iv (self))
    input.bag_ml = gtk_spin_button_get_value (self->bag_spin);
  if (!_tonic_session_page_is_nasal (self))
    input.concentration_mg_per_ml = gtk_spin_button_get_value (self->concentration_spin);
  input.minutes = infusion_minutes (self);
  input.max_mg = self->plan->max_dose_mg;

  message = tonic_dose_calculate (&input, &self->result);
  self->result_ok = message == NULL;

  if (!self->result_ok)
    {
      set_result_labels (self, "—", "—", "—", "—");
      gtk_label_set_label (self->working_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->working_label), "dim-label");
      gtk_widget_remove_css_class (self->result_box, "over-max");
      _tonic_today_set_field_error (self->dose_error, self->amount_row, NULL);
    }
  else
    {
      g_autofree char *mg = _tonic_sessions_format_number (self->result.dose_mg, 1);
      g_autofree char *concentration = _tonic_sessions_format_number (
        self->result.concentration_mg_per_ml, 2);
      g_autofree char *volume = _tonic_sessions_format_number (self->result.volume_ml, 1);
      g_autofree char *rate = _tonic_sessions_format_number (self->result.rate_ml_per_hour, 1);
      /* Translators: results of the dose calculator: a dose */
      g_autofree char *mg_text = g_strdup_printf (_("%s mg"), mg);
      /* Translators: results of the dose calculator: a concentration */
      g_autofree char *concentration_text = g_strdup_printf (_("%s mg/mL"), concentration);
      /* Translators: results of the dose calculator: a volume */
      g_autofree char *volume_text = g_strdup_printf (_("%s mL"), volume);
      /* Translators: results of the dose calculator: a pump rate */
      g_autofree char *rate_text = g_strdup_printf (_("%s mL/h"), rate);
      g_autofree char *devices_text = NULL;

      if (_tonic_session_page_is_nasal (self))
        {
          /* Translators: esketamine nasal spray devices for a dose */
          devices_text = g_strdup_printf (ngettext ("%u device", "%u devices",
                                                    self->result.devices),
                                          self->result.devices);
          set_result_labels (self, mg_text, "—", devices_text, "—");
          gtk_label_set_label (self->result_volume_caption, _("Nasal spray"));
        }
      else
        {
          set_result_labels (self, mg_text, concentration_text, volume_text, rate_text);
          gtk_label_set_label (self->result_volume_caption, _("Volume"));
        }
      gtk_label_set_label (self->working_label, self->result.working);
      gtk_widget_remove_css_class (GTK_WIDGET (self->working_label), "dim-label");

      if (self->result.over_max)
        {
          g_autofree char *maximum = _tonic_sessions_format_number (self->plan->max_dose_mg, 1);
          g_autofree char *error = NULL;

          /* Translators: next to the dose; both %s are doses in mg */
          error = g_strdup_printf (_("%s mg is above the plan’s maximum of %s mg. Signing is "
                                     "blocked until the dose is within it."), mg, maximum);
          _tonic_today_set_field_error (self->dose_error, self->amount_row, error);
          gtk_widget_add_css_class (self->result_box, "over-max");
        }
      else
        {
          _tonic_today_set_field_error (self->dose_error, self->amount_row, NULL);
          gtk_widget_remove_css_class (self->result_box, "over-max");
        }

      if (self->given_follows)
        set_given (self, self->result.dose_mg);
    }

  gtk_widget_set_visible (self->result_rate_box, _tonic_session_page_is_iv (self));
  update_given_checks (self);
}

/* Weight */

static void
update_weight_hint (TonicSessionPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int max_age = self->plan->weight_max_age_days > 0 ? self->plan->weight_max_age_days
                                                    : TONIC_WEIGHT_MAX_AGE_DAYS;
  g_autofree char *hint = NULL;
  g_autofree char *subtitle = NULL;

  if (self->weight_entered)
    {
      subtitle = g_strdup (_("Measured today"));
    }
  else if (self->session->weight_kg <= 0 || self->session->weight_measured_at == NULL)
    {
      hint = g_strdup (_("No current weight is recorded: weigh the patient and enter it "
                         "before the dose is worked out."));
    }
  else if (!tonic_dose_weight_is_current (self->session->weight_measured_at, now, max_age))
    {
      g_autofree char *kg = _tonic_sessions_format_number (self->session->weight_kg, 1);
      g_autofree char *day = _tonic_sessions_format_day (self->session->weight_measured_at);

      /* Translators: under the weight of a session; the first %s is a
       * weight in kg, the second a day; %d is a number of days */
      hint = g_strdup_printf (ngettext ("The last weight, %s kg on %s, is older than %d day: "
                                        "weigh the patient again.",
                                        "The last weight, %s kg on %s, is older than %d days: "
                                        "weigh the patient again.",
                                        max_age),
                              kg, day, max_age);
    }
  else
    {
      g_autofree char *day = _tonic_sessions_format_day (self->session->weight_measured_at);

      /* Translators: under the weight of a session; %s is a day */
      subtitle = g_strdup_printf (_("Measured on %s"), day);
    }

  gtk_label_set_label (self->weight_hint, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->weight_hint), hint != NULL);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->weight_row), subtitle != NULL ? subtitle : "");
}

/* Collecting the form */

static TonicSideEffect
side_effects_mask (TonicSessionPage *self)
{
  TonicSideEffect mask = TONIC_SIDE_EFFECT_NONE;

  for (guint i = 0; i < TONIC_N_SIDE_EFFECTS; i++)
    if (gtk_check_button_get_active (self->side_effect_checks[i]))
      mask |= tonic_side_effect_nth (i);

  return mask;
}

static TonicComedication
comedications_mask (TonicSessionPage *self)
{
  TonicComedication mask = TONIC_COMEDICATION_NONE;

  for (guint i = 0; i < TONIC_N_COMEDICATIONS; i++)
    if (gtk_check_button_get_active (self->comedication_checks[i]))
      mask |= tonic_comedication_nth (i);

  return mask;
}

static char *
entry_text (GtkWidget *editable)
{
  return tonic_text_strip (gtk_editable_get_text (GTK_EDITABLE (editable)));
}

static char *
note_text (TonicSessionPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (g_steal_pointer (&text));
}

/* Puts @value (taken) in @slot; an empty text is no text. */
static void
take_string (char **slot,
             char  *value)
{
  g_free (*slot);
  *slot = value;
  if (value != NULL && *value == '\0')
    g_clear_pointer (slot, g_free);
}

/* The session as stored, with the form's fields over it. */
TonicSession *
_tonic_session_page_collect (TonicSessionPage *self)
{
  TonicSession *session = tonic_session_copy (self->session);
  guint checker = adw_combo_row_get_selected (self->checker_row);
  gboolean nasal = _tonic_session_page_is_nasal (self);

  replace_string (&session->checked_in_at, self->checked_in_at);
  session->fasting = gtk_check_button_get_active (self->fasting_check);
  session->driver = gtk_check_button_get_active (self->driver_check);
  session->consent_current = gtk_check_button_get_active (self->consent_check);
  session->rems_enrolled = nasal && gtk_check_button_get_active (self->rems_check);

  session->weight_kg = gtk_spin_button_get_value (self->weight_spin);
  replace_string (&session->weight_measured_at,
                  session->weight_kg > 0 ? self->weight_measured_at : NULL);

  session->dose_mode = chosen_mode (self);
  session->dose = gtk_spin_button_get_value (self->amount_spin);
  session->bag_ml = _tonic_session_page_is_iv (self) ? gtk_spin_button_get_value (self->bag_spin)
                                                      : 0;
  session->concentration_mg_per_ml = nasal ? 0
                                           : gtk_spin_button_get_value (self->concentration_spin);
  session->infusion_minutes = infusion_minutes (self);
  session->calculated_mg = self->result_ok ? self->result.dose_mg : 0;
  session->volume_ml = self->result_ok ? self->result.volume_ml : 0;
  session->rate_ml_per_hour = self->result_ok ? self->result.rate_ml_per_hour : 0;
  session->given_mg = gtk_spin_button_get_value (self->given_spin);
  take_string (&session->change_reason, entry_text (self->reason_row));
  take_string (&session->lot_number, entry_text (self->lot_row));
  session->checked_by = checker < self->checker_ids->len
                          ? g_array_index (self->checker_ids, gint64, checker) : 0;
  replace_string (&session->checked_by_name,
                  session->checked_by != 0 ? gtk_string_list_get_string (self->checker_names,
                                                                         checker)
                                           : NULL);
  replace_string (&session->started_at, self->started_at);
  replace_string (&session->ended_at, self->ended_at);

  session->side_effects = side_effects_mask (self);
  take_string (&session->side_effects_other, entry_text (self->other_row));
  if (nasal)
    take_string (&session->serious_adverse_event, entry_text (self->sae_row));

  session->comedications = nasal ? comedications_mask (self) : TONIC_COMEDICATION_NONE;
  session->observation_minutes = nasal ? gtk_spin_button_get_value_as_int (self->observation_spin)
                                       : 0;

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    {
      guint position = adw_combo_row_get_selected (self->aldrete_rows[i]);

      session->aldrete[i] = position == 0 || position == GTK_INVALID_LIST_POSITION
                              ? -1 : (int) position - 1;
    }
  replace_string (&session->ready_at, self->ready_at);
  take_string (&session->driver_name, entry_text (self->driver_name_row));
  take_string (&session->note, note_text (self));

  return session;
}

/* The due bar */

void
_tonic_session_page_update_due (TonicSessionPage *self)
{
  g_autoptr(GArray) taken = NULL;
  g_autofree char *text = NULL;
  const char *style = NULL;
  TonicVitalsPhase phase;
  int ended_minute = -1;
  int minute;

  if (self->session == NULL || self->plan == NULL || !self->editable || self->ready_at != NULL)
    {
      gtk_revealer_set_reveal_child (self->due_revealer, FALSE);
      return;
    }

  taken = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < self->session->vitals->len; i++)
    {
      TonicSessionVitals *vitals = g_ptr_array_index (self->session->vitals, i);

      g_array_append_val (taken, vitals->minute);
    }
  if (self->started_at != NULL && self->ended_at != NULL)
    ended_minute = MAX (0, _tonic_sessions_minutes_between (self->started_at, self->ended_at));

  minute = tonic_vitals_next_due (&self->plan->vitals_schedule, infusion_minutes (self),
                                  self->started_at != NULL, ended_minute,
                                  (const int *) (gpointer) taken->data, taken->len, &phase);

  if (minute == G_MININT)
    {
      text = g_strdup (_("Baseline vitals are due before the dose"));
      style = "due";
    }
  else if (minute == G_MAXINT || self->started_at == NULL)
    {
      text = g_strdup (_("Baseline vitals taken: the next check is due once the dose starts"));
    }
  else
    {
      g_autoptr(GDateTime) start = tonic_time_parse_utc (self->started_at);
      g_autoptr(GDateTime) due = start != NULL ? g_date_time_add_minutes (start, minute) : NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *due_utc = due != NULL ? tonic_time_format_utc (due) : NULL;
      g_autofree char *time = _tonic_sessions_format_time (due_utc);
      gint64 seconds;

      if (due == NULL)
        {
          gtk_revealer_set_reveal_child (self->due_revealer, FALSE);
          return;
        }

      seconds = g_date_time_difference (due, now) / G_TIME_SPAN_SECOND;
      if (seconds > 0)
        {
          g_autofree char *left = tonic_format_duration_short (seconds + 59);

          /* Translators: the bar at the top of a session; the first %s is
           * a time of day, the second how long until then ("15 min") */
          text = g_strdup_printf (_("Next vitals due at %s (in %s)"), time, left);
        }
      else if (seconds > -OVERDUE_SECONDS)
        {
          /* Translators: the bar at the top of a session; %s is a time of day */
          text = g_strdup_printf (_("Vitals due now (%s)"), time);
          style = "due";
        }
      else
        {
          g_autofree char *late = tonic_format_duration_short (-seconds);

          /* Translators: the bar at the top of a session; the first %s is
           * a time of day, the second how late it is ("7 min") */
          text = g_strdup_printf (_("Vitals overdue since %s (%s late)"), time, late);
          style = "overdue";
        }
    }

  gtk_label_set_label (self->due_label, text);
  gtk_widget_remove_css_class (self->due_bar, "due");
  gtk_widget_remove_css_class (self->due_bar, "overdue");
  if (style != NULL)
    gtk_widget_add_css_class (self->due_bar, style);
  gtk_revealer_set_reveal_child (self->due_revealer, TRUE);
}

static gboolean
on_tick (gpointer user_data)
{
  _tonic_session_page_update_due (user_data);
  return G_SOURCE_CONTINUE;
}

void
_tonic_session_page_start_timer (TonicSessionPage *self)
{
  if (self->timer_id == 0 && !self->disposed)
    self->timer_id = g_timeout_add_seconds (TIMER_SECONDS, on_tick, self);
}

void
_tonic_session_page_stop_timer (TonicSessionPage *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

/* Vitals */

static void on_vitals_acknowledge (TonicSessionPage *self,
                                   int               action,
                                   const char       *note,
                                   TonicVitalsRow   *row);

static void
rebuild_vitals (TonicSessionPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->vitals_list))) != NULL)
    gtk_list_box_remove (self->vitals_list, child);

  for (guint i = 0; i < self->session->vitals->len; i++)
    {
      GtkWidget *row = tonic_vitals_row_new (g_ptr_array_index (self->session->vitals, i),
                                             self->editable);

      g_signal_connect_object (row, "acknowledge", G_CALLBACK (on_vitals_acknowledge), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->vitals_list, row);
    }

  /* The readings so far against the minutes from the dose, with the
   * plan's thresholds. */
  tonic_vitals_chart_set_session (self->vitals_chart, self->session,
                                  self->plan != NULL ? &self->plan->thresholds : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->vitals_chart), self->session->vitals->len > 0);
}

static void
replace_vitals (TonicSessionPage   *self,
                TonicSessionVitals *vitals)
{
  for (guint i = 0; i < self->session->vitals->len; i++)
    {
      TonicSessionVitals *old = g_ptr_array_index (self->session->vitals, i);

      if (old->id == vitals->id)
        {
          g_ptr_array_remove_index (self->session->vitals, i);
          g_ptr_array_insert (self->session->vitals, (int) i, vitals);
          return;
        }
    }

  g_ptr_array_add (self->session->vitals, vitals);
}

static void
on_vitals_acknowledged (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicSessionVitals *vitals;

  vitals = tonic_store_acknowledge_vitals_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&vitals, tonic_session_vitals_free);
      return;
    }

  if (vitals == NULL)
    {
      _tonic_today_set_field_error (self->vitals_error, NULL, error->message);
      return;
    }

  _tonic_today_set_field_error (self->vitals_error, NULL, NULL);
  replace_vitals (self, vitals);
  rebuild_vitals (self);
}

static void
on_vitals_acknowledge (TonicSessionPage *self,
                       int               action,
                       const char       *note,
                       TonicVitalsRow   *row)
{
  if (self->disposed || !self->editable)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
  tonic_store_acknowledge_vitals_async (self->store, tonic_vitals_row_get_id (row),
                                        (TonicVitalsAction) action, note, self->cancellable,
                                        on_vitals_acknowledged, g_object_ref (self));
}

/* A vital not yet measured reads as an empty field, not as 0. */
static gboolean
on_vitals_spin_output (GtkSpinButton *spin)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;

  if (*gtk_editable_get_text (GTK_EDITABLE (spin)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

static void
reset_vitals_entry (TonicSessionPage *self)
{
  GtkSpinButton *spins[] = { self->systolic_spin, self->diastolic_spin, self->heart_rate_spin,
                             self->spo2_spin, self->respiratory_spin };

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      gtk_spin_button_set_value (spins[i], 0);
      /* set_value() does not show an unchanged value again. */
      on_vitals_spin_output (spins[i]);
    }
}

static void
on_vitals_added (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TonicSessionVitals *vitals;

  vitals = tonic_store_add_vitals_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&vitals, tonic_session_vitals_free);
      return;
    }

  self->recording_vitals = FALSE;
  gtk_widget_set_sensitive (self->record_vitals_button, TRUE);

  if (vitals == NULL)
    {
      _tonic_today_set_field_error (self->vitals_error, NULL, error->message);
      return;
    }

  _tonic_today_set_field_error (self->vitals_error, NULL, NULL);
  g_ptr_array_add (self->session->vitals, vitals);
  rebuild_vitals (self);
  reset_vitals_entry (self);
  _tonic_session_page_update_due (self);
}

static void
record_vitals_after_save (TonicSessionPage *self)
{
  tonic_store_add_vitals_async (self->store, self->session->id, NULL, self->pending_phase,
                                &self->pending_reading, self->cancellable, on_vitals_added,
                                g_object_ref (self));
}

static void
on_record_vitals_clicked (TonicSessionPage *self)
{
  TonicVitalsReading reading = { 0 };
  g_autofree char *message = NULL;

  if (self->recording_vitals || !self->editable)
    return;

  reading.systolic = gtk_spin_button_get_value_as_int (self->systolic_spin);
  reading.diastolic = gtk_spin_button_get_value_as_int (self->diastolic_spin);
  reading.heart_rate = gtk_spin_button_get_value_as_int (self->heart_rate_spin);
  reading.spo2 = gtk_spin_button_get_value_as_int (self->spo2_spin);
  reading.respiratory_rate = gtk_spin_button_get_value_as_int (self->respiratory_spin);

  message = tonic_vitals_reading_check (&reading);
  _tonic_today_set_field_error (self->vitals_error, NULL, message);
  if (message != NULL)
    return;

  /* The store counts the minute from the start it holds: save first. */
  update_phase (self);
  self->pending_reading = reading;
  self->recording_vitals = TRUE;
  gtk_widget_set_sensitive (self->record_vitals_button, FALSE);
  _tonic_session_page_save_then (self, record_vitals_after_save);
}

/* Rating scales */

typedef struct
{
  TonicSessionPage *self;
  TonicScaleGroup  *group;
} ScoreSave;

static void
score_save_free (ScoreSave *save)
{
  g_object_unref (save->self);
  g_object_unref (save->group);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScoreSave, score_save_free)

static ScoreSave *
score_save_new (TonicSessionPage *self,
                TonicScaleGroup  *group)
{
  ScoreSave *save = g_new0 (ScoreSave, 1);

  save->self = g_object_ref (self);
  save->group = g_object_ref (group);
  return save;
}

/* The stored score of @group's instrument and timing replaced by @score
 * (taken). */
static TonicSessionScore *
replace_score (TonicSessionPage  *self,
               TonicSessionScore *score)
{
  for (guint i = 0; i < self->session->scores->len; i++)
    {
      TonicSessionScore *old = g_ptr_array_index (self->session->scores, i);

      if (old->id == score->id ||
          (old->score.instrument == score->score.instrument && old->timing == score->timing))
        {
          g_ptr_array_remove_index (self->session->scores, i);
          g_ptr_array_insert (self->session->scores, (int) i, score);
          return score;
        }
    }

  g_ptr_array_add (self->session->scores, score);
  return score;
}

static void save_score (TonicSessionPage *self,
                        TonicScaleGroup  *group);

static void
on_score_saved (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ScoreSave) save = user_data;
  TonicSessionPage *self = save->self;
  g_autoptr(GError) error = NULL;
  TonicSessionScore *score;

  score = tonic_store_save_score_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&score, tonic_session_score_free);
      return;
    }

  tonic_scale_group_set_saving (save->group, FALSE);
  if (score == NULL)
    {
      tonic_scale_group_set_error (save->group, error->message);
      return;
    }

  tonic_scale_group_set_error (save->group, NULL);
  score = replace_score (self, score);

  /* Answers changed meanwhile: those are saved next, and shown as they are. */
  if (g_object_steal_data (G_OBJECT (save->group), "tonic-save-again") != NULL &&
      tonic_scale_group_needs_saving (save->group))
    {
      save_score (self, save->group);
      return;
    }

  tonic_scale_group_set_score (save->group, score);
}

static void
save_score (TonicSessionPage *self,
            TonicScaleGroup  *group)
{
  const int *answers;
  guint n;

  if (tonic_scale_group_get_saving (group))
    {
      g_object_set_data (G_OBJECT (group), "tonic-save-again", GINT_TO_POINTER (1));
      return;
    }

  if (!tonic_scale_group_needs_saving (group))
    return;

  answers = tonic_scale_group_get_answers (group, &n);
  tonic_scale_group_set_saving (group, TRUE);
  tonic_store_save_score_async (self->store, self->session->id,
                                tonic_scale_group_get_instrument (group),
                                tonic_scale_group_get_timing (group), answers, n,
                                self->cancellable, on_score_saved, score_save_new (self, group));
}

static void
on_scale_changed (TonicSessionPage *self,
                  TonicScaleGroup  *group)
{
  if (self->populating || !self->editable)
    return;

  save_score (self, group);
}

static void
on_safety_acknowledged (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ScoreSave) save = user_data;
  TonicSessionPage *self = save->self;
  g_autoptr(GError) error = NULL;
  TonicSessionScore *score;

  score = tonic_store_acknowledge_safety_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&score, tonic_session_score_free);
      return;
    }

  if (score == NULL)
    {
      tonic_scale_group_set_error (save->group, error->message);
      return;
    }

  tonic_scale_group_set_error (save->group, NULL);
  tonic_scale_group_set_score (save->group, replace_score (self, score));
}

static void
on_scale_acknowledge (TonicSessionPage *self,
                      const char       *note,
                      TonicScaleGroup  *group)
{
  if (self->disposed || !_tonic_session_page_allowed (self, TONIC_ACTION_SAFETY_ACKNOWLEDGE))
    return;

  tonic_store_acknowledge_safety_async (self->store, tonic_scale_group_get_score_id (group), note,
                                        self->cancellable, on_safety_acknowledged,
                                        score_save_new (self, group));
}

static const TonicSessionScore *
find_score (TonicSessionPage *self,
            TonicInstrument   instrument,
            TonicScoreTiming  timing)
{
  for (guint i = 0; i < self->session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (self->session->scores, i);

      if (score->score.instrument == instrument && score->timing == timing)
        return score;
    }

  return NULL;
}

static void
add_scale_group (TonicSessionPage *self,
                 TonicInstrument   instrument,
                 TonicScoreTiming  timing)
{
  gboolean can_acknowledge = _tonic_session_page_allowed (self, TONIC_ACTION_SAFETY_ACKNOWLEDGE);
  GtkWidget *group = tonic_scale_group_new (instrument, timing, can_acknowledge);

  tonic_scale_group_set_score (TONIC_SCALE_GROUP (group), find_score (self, instrument, timing));
  g_signal_connect_object (group, "changed", G_CALLBACK (on_scale_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (group, "acknowledge", G_CALLBACK (on_scale_acknowledge), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (self->scales_box, group,
                              self->scale_groups->len > 0
                                ? g_ptr_array_index (self->scale_groups,
                                                     self->scale_groups->len - 1)
                                : NULL);
  g_ptr_array_add (self->scale_groups, group);
}

/* Before the dose: the plan's measures (and the suicide-risk screen the
 * patient's indications ask for); after it: CADSS and MOAA/S. */
static void
build_scales (TonicSessionPage *self)
{
  TonicInstrumentSet measures = self->plan->measures;

  if (self->needs_screen)
    measures |= TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_CSSRS);

  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    if ((measures & TONIC_INSTRUMENT_BIT (i)) != 0 &&
        tonic_instrument_get_kind (i) != TONIC_INSTRUMENT_KIND_POST_DOSE)
      add_scale_group (self, i, TONIC_SCORE_TIMING_PRE);

  add_scale_group (self, TONIC_INSTRUMENT_CADSS, TONIC_SCORE_TIMING_POST);
  add_scale_group (self, TONIC_INSTRUMENT_MOAAS, TONIC_SCORE_TIMING_POST);
}

/* Discharge */

static void
update_aldrete (TonicSessionPage *self)
{
  int scores[TONIC_N_ALDRETE_ITEMS];
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;
  gboolean ready = FALSE;
  guint n_scored = 0;
  int total = 0;

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    {
      guint position = adw_combo_row_get_selected (self->aldrete_rows[i]);

      scores[i] = position == 0 || position == GTK_INVALID_LIST_POSITION ? -1 : (int) position - 1;
      if (scores[i] >= 0)
        n_scored++;
    }

  message = tonic_aldrete_score (scores, &total, &ready);
  gtk_widget_remove_css_class (GTK_WIDGET (self->aldrete_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->aldrete_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->aldrete_label), "dim-label");

  if (message != NULL)
    {
      /* Translators: beside the Aldrete score while it is incomplete */
      text = g_strdup_printf (_("%u of %u scored"), n_scored, TONIC_N_ALDRETE_ITEMS);
      gtk_widget_add_css_class (GTK_WIDGET (self->aldrete_label), "dim-label");
    }
  else if (ready)
    {
      /* Translators: the Aldrete total out of 10 when the patient may leave */
      text = g_strdup_printf (_("%d of 10 · Ready to leave"), total);
      gtk_widget_add_css_class (GTK_WIDGET (self->aldrete_label), "success");
    }
  else
    {
      /* Translators: the Aldrete total out of 10 below the discharge level */
      text = g_strdup_printf (_("%d of 10 · Not ready"), total);
      gtk_widget_add_css_class (GTK_WIDGET (self->aldrete_label), "warning");
    }

  gtk_label_set_label (self->aldrete_label, text);
}

/* Callbacks */

static void
on_changed (TonicSessionPage *self)
{
  _tonic_session_page_schedule_save (self);
}

static void
on_dose_input_changed (TonicSessionPage *self)
{
  if (self->session == NULL)
    return;

  update_mode_rows (self);
  recalculate (self);
  _tonic_session_page_update_due (self);
  _tonic_session_page_schedule_save (self);
}

static void
on_weight_changed (TonicSessionPage *self)
{
  if (self->populating || self->session == NULL)
    return;

  /* A weight typed in the session is measured now. */
  self->weight_entered = TRUE;
  g_free (self->weight_measured_at);
  self->weight_measured_at = tonic_text_now_utc ();
  update_weight_hint (self);
  recalculate (self);
  _tonic_session_page_schedule_save (self);
}

static void
on_given_changed (TonicSessionPage *self)
{
  double given;

  if (self->populating || self->session == NULL)
    return;

  given = gtk_spin_button_get_value (self->given_spin);
  self->given_follows = given <= 0 ||
                        (self->result_ok && fabs (given - self->result.dose_mg) < 0.05);
  update_given_checks (self);
  _tonic_session_page_schedule_save (self);
}

/* Leaving a field saves what it holds. */
static void
on_field_left (TonicSessionPage *self)
{
  if (self->dirty && !self->saving)
    _tonic_session_page_save_now (self);
}

static void
on_aldrete_changed (TonicSessionPage *self)
{
  update_aldrete (self);
  _tonic_session_page_schedule_save (self);
}

static void
on_side_effect_toggled (TonicSessionPage *self)
{
  gboolean other = (side_effects_mask (self) & TONIC_SIDE_EFFECT_OTHER) != 0;

  gtk_widget_set_visible (self->other_row,
                          other || *gtk_editable_get_text (GTK_EDITABLE (self->other_row)) != '\0');
  _tonic_session_page_schedule_save (self);
}

static void
on_time_changed (TonicSessionPage *self,
                 GtkEditable      *entry)
{
  g_autofree char *day = NULL;
  g_autofree char *parsed = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;
  TimeField field;

  if (self->populating || self->session == NULL || !find_time_field (self, entry, &field))
    return;

  /* Unchanged from the value held (set by "Now", seconds and all). */
  text = tonic_text_strip (gtk_editable_get_text (entry));
  shown = _tonic_sessions_format_time (*field.value);
  if (g_strcmp0 (shown, text) == 0 && *field.value != NULL)
    return;

  if (*text == '\0')
    {
      g_clear_pointer (field.value, g_free);
    }
  else
    {
      day = session_day (self);
      parsed = _tonic_sessions_parse_time (text, day);
      if (parsed == NULL)
        {
          _tonic_today_set_field_error (field.error, field.row,
                                        _("Type a time as hours and minutes, such as 09:45"));
          return;
        }
      g_free (*field.value);
      *field.value = g_steal_pointer (&parsed);
    }

  _tonic_today_set_field_error (field.error, field.row, NULL);
  update_phase (self);
  _tonic_session_page_update_due (self);
  _tonic_session_page_schedule_save (self);
}

static void
set_time_now (TonicSessionPage *self,
              GtkEditable      *entry)
{
  TimeField field;

  if (self->session == NULL || !find_time_field (self, entry, &field))
    return;

  g_free (*field.value);
  *field.value = tonic_text_now_utc ();
  set_time_text (self, entry, *field.value);
  _tonic_today_set_field_error (field.error, field.row, NULL);
  update_phase (self);
  _tonic_session_page_update_due (self);
  _tonic_session_page_schedule_save (self);
}

static void
on_checkin_now_clicked (TonicSessionPage *self)
{
  set_time_now (self, self->checkin_entry);
}

static void
on_start_now_clicked (TonicSessionPage *self)
{
  set_time_now (self, self->start_entry);
}

static void
on_end_now_clicked (TonicSessionPage *self)
{
  set_time_now (self, self->end_entry);
}

static void
on_ready_now_clicked (TonicSessionPage *self)
{
  set_time_now (self, self->ready_entry);
}

/* Building the form's rows */

static GtkWidget *
check_row_new (const char      *title,
               GtkCheckButton **check)
{
  GtkWidget *row = adw_action_row_new ();

  *check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (*check), GTK_ALIGN_CENTER);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (*check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (*check));

  return row;
}

static GtkLabel *
error_label_new (AdwPreferencesGroup *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (group, label);

  return GTK_LABEL (label);
}

static void
build_side_effects (TonicSessionPage *self)
{
  for (guint i = 0; i < TONIC_N_SIDE_EFFECTS; i++)
    {
      GtkWidget *row = check_row_new (tonic_side_effect_get_label (tonic_side_effect_nth (i)),
                                      &self->side_effect_checks[i]);

      g_signal_connect_object (self->side_effect_checks[i], "toggled",
                               G_CALLBACK (on_side_effect_toggled), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->side_effects_group, row);
    }

  self->other_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->other_row),
                                 _("Other side effects"));
  gtk_widget_set_visible (self->other_row, FALSE);
  g_signal_connect_object (self->other_row, "changed", G_CALLBACK (on_changed), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->side_effects_group, self->other_row);

  self->sae_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sae_row),
                                 _("Serious adverse events (REMS), if any"));
  gtk_widget_set_visible (self->sae_row, FALSE);
  g_signal_connect_object (self->sae_row, "changed", G_CALLBACK (on_changed), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->side_effects_group, self->sae_row);

  self->side_effects_error = error_label_new (self->side_effects_group);
}

static void
build_rems (TonicSessionPage *self)
{
  GtkWidget *unit = gtk_label_new (_("min"));
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, 24 * 60, 5, 30, 0);

  for (guint i = 0; i < TONIC_N_COMEDICATIONS; i++)
    {
      GtkWidget *row = check_row_new (tonic_comedication_get_label (tonic_comedication_nth (i)),
                                      &self->comedication_checks[i]);

      g_signal_connect_object (self->comedication_checks[i], "toggled", G_CALLBACK (on_changed),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->rems_group, row);
    }

  self->observation_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->observation_row),
                                 _("Observed after the dose for"));
  {
    /* Translators: under the observation time of an esketamine session; %d
     * is the REMS minimum in minutes */
    g_autofree char *subtitle = g_strdup_printf (_("At least %d minutes"),
                                                 TONIC_REMS_OBSERVATION_MINUTES);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->observation_row), subtitle);
  }
  self->observation_spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 5, 0));
  gtk_spin_button_set_numeric (self->observation_spin, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->observation_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->observation_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Observation time in minutes"), -1);
  g_signal_connect_object (self->observation_spin, "value-changed", G_CALLBACK (on_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_css_class (unit, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->observation_row),
                             GTK_WIDGET (self->observation_spin));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->observation_row), unit);
  adw_preferences_group_add (self->rems_group, self->observation_row);

  self->rems_error = error_label_new (self->rems_group);
}

static void
build_aldrete (TonicSessionPage *self)
{
  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      GtkWidget *row = adw_combo_row_new ();

      gtk_string_list_append (choices, _("Not scored"));
      for (int value = 0; value <= 2; value++)
        {
          /* Translators: an Aldrete item's score and what it means, such
           * as "2 · Moves all four limbs" */
          g_autofree char *choice = g_strdup_printf (_("%d · %s"), value,
                                                     tonic_aldrete_item_get_anchor (i, value));

          gtk_string_list_append (choices, choice);
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tonic_aldrete_item_get_label (i));
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_aldrete_changed), self,
                               G_CONNECT_SWAPPED);
      self->aldrete_rows[i] = ADW_COMBO_ROW (row);
      adw_preferences_group_add (self->discharge_group, row);
    }
}

/* Second check */

static void
set_checker (TonicSessionPage *self)
{
  guint position = 0;

  for (guint i = 0; i < self->checker_ids->len; i++)
    if (g_array_index (self->checker_ids, gint64, i) == self->session->checked_by)
      position = i;

  /* Someone the list does not hold (inactive since, say) stays named. */
  if (position == 0 && self->session->checked_by != 0)
    {
      gtk_string_list_append (self->checker_names, self->session->checked_by_name != NULL
                                                     ? self->session->checked_by_name : "");
      g_array_append_val (self->checker_ids, self->session->checked_by);
      position = self->checker_ids->len - 1;
    }

  adw_combo_row_set_selected (self->checker_row, position);
  /* Offered when there is someone to choose. */
  gtk_widget_set_visible (GTK_WIDGET (self->checker_row), self->checker_ids->len > 1);
}

static void
on_colleagues_listed (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TonicSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  gboolean populating;

  staff = tonic_store_list_colleagues_finish (TONIC_STORE (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (staff == NULL)
    {
      g_message ("Could not list the staff for the second check: %s", error->message);
      return;
    }

  populating = self->populating;
  self->populating = TRUE;
  for (guint i = 0; i < staff->len; i++)
    {
      TonicStaff *member = g_ptr_array_index (staff, i);
      gint64 id = tonic_staff_get_id (member);

      gtk_string_list_append (self->checker_names, tonic_staff_get_display_name (member));
      g_array_append_val (self->checker_ids, id);
    }

  if (self->session != NULL)
    set_checker (self);
  self->populating = populating;
}

/* Another person who may handle a dose: whoever may record a session. */
void
_tonic_session_page_load_colleagues (TonicSessionPage *self)
{
  tonic_store_list_colleagues_async (self->store, TONIC_ACTION_SESSION_RECORD, self->cancellable,
                                     on_colleagues_listed, g_object_ref (self));
}

/* Filling the form */

static void
set_check (GtkCheckButton *check,
           gboolean        active)
{
  gtk_check_button_set_active (check, active);
}

static void
set_entry (GtkWidget  *editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

void
_tonic_session_page_fill_form (TonicSessionPage *self)
{
  const TonicSession *session = self->session;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int max_age = self->plan->weight_max_age_days > 0 ? self->plan->weight_max_age_days
                                                    : TONIC_WEIGHT_MAX_AGE_DAYS;
  gboolean weight_current;
  gboolean iv = _tonic_session_page_is_iv (self);
  gboolean nasal = _tonic_session_page_is_nasal (self);

  self->populating = TRUE;

  replace_string (&self->checked_in_at, session->checked_in_at);
  replace_string (&self->started_at, session->started_at);
  replace_string (&self->ended_at, session->ended_at);
  replace_string (&self->ready_at, session->ready_at);
  set_time_text (self, self->checkin_entry, self->checked_in_at);
  set_time_text (self, self->start_entry, self->started_at);
  set_time_text (self, self->end_entry, self->ended_at);
  set_time_text (self, self->ready_entry, self->ready_at);

  set_check (self->fasting_check, session->fasting);
  set_check (self->driver_check, session->driver);
  set_check (self->consent_check, session->consent_current);
  set_check (self->rems_check, session->rems_enrolled);
  gtk_widget_set_visible (self->rems_row, nasal);

  /* A weight older than the plan allows is asked for again. */
  weight_current = session->weight_kg > 0 && session->weight_measured_at != NULL &&
                   tonic_dose_weight_is_current (session->weight_measured_at, now, max_age);
  replace_string (&self->weight_measured_at, weight_current ? session->weight_measured_at : NULL);
  gtk_spin_button_set_value (self->weight_spin, weight_current ? session->weight_kg : 0);
  update_weight_hint (self);

  adw_action_row_set_subtitle (self->route_row, tonic_route_get_label (session->route));
  adw_combo_row_set_selected (self->mode_row, session->dose_mode == TONIC_DOSE_MODE_FIXED);
  update_mode_rows (self);
  gtk_spin_button_set_value (self->amount_spin, session->dose);
  gtk_widget_set_visible (self->bag_row, iv);
  gtk_widget_set_visible (self->minutes_row, iv);
  gtk_widget_set_visible (GTK_WIDGET (self->concentration_row), !nasal);
  adw_action_row_set_subtitle (self->concentration_row,
                               iv ? _("When the dose is not diluted in a bag") : "");
  gtk_spin_button_set_value (self->bag_spin, session->bag_ml);
  gtk_spin_button_set_value (self->concentration_spin, session->concentration_mg_per_ml);
  gtk_spin_button_set_value (self->minutes_spin, session->infusion_minutes);

  gtk_spin_button_set_value (self->given_spin, session->given_mg);
  self->given_follows = session->given_mg <= 0 ||
                        fabs (session->given_mg - session->calculated_mg) < 0.05;
  set_entry (self->reason_row, session->change_reason);
  set_entry (self->lot_row, session->lot_number);
  set_checker (self);

  for (guint i = 0; i < TONIC_N_SIDE_EFFECTS; i++)
    set_check (self->side_effect_checks[i],
               (session->side_effects & tonic_side_effect_nth (i)) != 0);
  set_entry (self->other_row, session->side_effects_other);
  gtk_widget_set_visible (self->other_row,
                          (session->side_effects & TONIC_SIDE_EFFECT_OTHER) != 0 ||
                            (session->side_effects_other != NULL &&
                             *session->side_effects_other != '\0'));
  set_entry (self->sae_row, session->serious_adverse_event);
  gtk_widget_set_visible (self->sae_row, nasal);

  gtk_widget_set_visible (GTK_WIDGET (self->rems_group), nasal);
  for (guint i = 0; i < TONIC_N_COMEDICATIONS; i++)
    set_check (self->comedication_checks[i],
               (session->comedications & tonic_comedication_nth (i)) != 0);
  gtk_spin_button_set_value (self->observation_spin, session->observation_minutes);

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    adw_combo_row_set_selected (self->aldrete_rows[i],
                                session->aldrete[i] >= 0 && session->aldrete[i] <= 2
                                  ? (guint) session->aldrete[i] + 1 : 0);
  set_entry (self->driver_name_row, session->driver_name);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            session->note != NULL ? session->note : "", -1);

  rebuild_vitals (self);
  build_scales (self);

  self->populating = FALSE;

  update_phase (self);
  update_aldrete (self);
  recalculate (self);
  _tonic_session_page_update_due (self);
}

/* The form's signals, connected once (the rows exist from the start). */
static void
connect_form (TonicSessionPage *self)
{
  GtkEditable *times[] = { self->checkin_entry, self->start_entry, self->end_entry,
                           self->ready_entry };
  GtkCheckButton *checks[] = { self->fasting_check, self->driver_check, self->consent_check,
                               self->rems_check };
  GtkSpinButton *dose_spins[] = { self->amount_spin, self->bag_spin, self->concentration_spin,
                                  self->minutes_spin };
  GtkSpinButton *vitals_spins[] = { self->systolic_spin, self->diastolic_spin,
                                    self->heart_rate_spin, self->spo2_spin,
                                    self->respiratory_spin };

  GtkWidget *fields[] = { GTK_WIDGET (self->checkin_entry), GTK_WIDGET (self->start_entry),
                          GTK_WIDGET (self->end_entry), GTK_WIDGET (self->ready_entry),
                          GTK_WIDGET (self->weight_spin), GTK_WIDGET (self->amount_spin),
                          GTK_WIDGET (self->bag_spin), GTK_WIDGET (self->concentration_spin),
                          GTK_WIDGET (self->minutes_spin), GTK_WIDGET (self->given_spin),
                          self->reason_row, self->lot_row, self->driver_name_row,
                          self->other_row, self->sae_row, GTK_WIDGET (self->observation_spin),
                          GTK_WIDGET (self->note_view) };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    g_signal_connect_object (times[i], "changed", G_CALLBACK (on_time_changed), self,
                             G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave", G_CALLBACK (on_field_left), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (fields[i], focus);
    }
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_signal_connect_object (checks[i], "toggled", G_CALLBACK (on_changed), self,
                             G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (dose_spins); i++)
    g_signal_connect_object (dose_spins[i], "value-changed", G_CALLBACK (on_dose_input_changed),
                             self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (vitals_spins); i++)
    g_signal_connect (vitals_spins[i], "output", G_CALLBACK (on_vitals_spin_output), NULL);
  reset_vitals_entry (self);

  g_signal_connect_object (self->mode_row, "notify::selected", G_CALLBACK (on_dose_input_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->weight_spin, "value-changed", G_CALLBACK (on_weight_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->given_spin, "value-changed", G_CALLBACK (on_given_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reason_row, "changed", G_CALLBACK (on_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lot_row, "changed", G_CALLBACK (on_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checker_row, "notify::selected", G_CALLBACK (on_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->driver_name_row, "changed", G_CALLBACK (on_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
}


void
_tonic_session_page_class_init_form (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_checkin_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_start_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_end_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_ready_now_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_record_vitals_clicked);
}

void
_tonic_session_page_build_form (TonicSessionPage *self)
{
  build_side_effects (self);
  build_rems (self);
  build_aldrete (self);
  connect_form (self);
}
