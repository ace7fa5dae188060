/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-plan-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tonic-patients-private.h"
#include "tonic-plan-editor.h"
#include "tonic-plan-view.h"
#include "tonic-plans-private.h"
#include "tonic-text.h"
#include "tonic-toast.h"

struct _TonicPlanView
{
  AdwBin parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *error_status;
  AdwStatusPage       *empty_status;
  GtkWidget           *empty_new_button;
  GtkBox              *empty_history_box;
  AdwPreferencesGroup *draft_group;
  AdwActionRow        *draft_row;
  GtkWidget           *discard_button;
  GtkWidget           *continue_button;
  AdwPreferencesGroup *plan_group;
  GtkWidget           *end_button;
  GtkWidget           *revise_button;
  GtkBox              *summary_box;
  GtkBox              *history_box;

  TonicStore   *store;
  TonicStaff   *actor;
  TonicPatient *patient;
  /* The reads and changes for the patient shown: a new patient cancels
   * them. */
  GCancellable *cancellable;
  GPtrArray    *plans;     /* TonicPlan, as listed; NULL until read */
  TonicPlan    *active;    /* in plans: the open course's signed version */
  TonicPlan    *draft;     /* in plans: the open course's draft */
  GtkWindow    *dialog;    /* weak: the form or question open */
  /* While New Plan asks which template. */
  GtkCheckButton *protocol_checks[TONIC_N_PROTOCOLS];
  GtkEditable    *reason_entry;
};

G_DEFINE_FINAL_TYPE (TonicPlanView, tonic_plan_view, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (TonicPlanView *self);

static gboolean
role_allows (TonicPlanView *self,
             TonicAction    action)
{
  return self->actor != NULL &&
         tonic_permission_allows (tonic_staff_get_role (self->actor), action);
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
forget_dialog (TonicPlanView *self)
{
  if (self->dialog != NULL)
    {
      GtkWindow *dialog = self->dialog;

      g_clear_weak_pointer (&self->dialog);
      g_signal_handlers_disconnect_by_data (dialog, self);
      gtk_window_destroy (dialog);
    }

  memset (self->protocol_checks, 0, sizeof self->protocol_checks);
  self->reason_entry = NULL;
}

static void
remember_dialog (TonicPlanView *self,
                 GtkWindow     *dialog)
{
  forget_dialog (self);
  g_set_weak_pointer (&self->dialog, dialog);
}

/* The summary */

static GtkWidget *
add_group (GtkBox     *box,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (box, group);

  return group;
}

/* A row naming a value: the name, and the value beside it. */
static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *value)
{
  GtkWidget *row = _tonic_patients_value_row_new (title, NULL);
  GtkWidget *label = gtk_label_new (value);

  /* Short values on one line; long ones wrap, from a readable width. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (value, -1), 36));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

/* A row for text that may run to several lines: the name, and the text
 * under it. */
static void
add_text_row (GtkWidget  *group,
              const char *title,
              const char *text)
{
  g_autofree char *stripped = tonic_text_strip (text);
  GtkWidget *row = _tonic_patients_value_row_new (title, *stripped != '\0' ? stripped
                                                                            : _("Not recorded"));

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
build_protocol (TonicPlanView   *self,
                const TonicPlan *plan)
{
  g_autofree char *indications = tonic_indication_format_labels (plan->indications);
  g_autofree char *measures = tonic_instrument_format_set_labels (plan->measures);
  GtkWidget *group = add_group (self->summary_box, _("Protocol"));

  add_row (group, _("Template"), tonic_protocol_get_label (plan->protocol));
  add_row (group, _("Indications"), *indications != '\0' ? indications : _("Not recorded"));
  add_row (group, _("Measures"), *measures != '\0' ? measures : _("None"));
}

static char *
format_weeks_range (int from,
                    int to)
{
  if (from == 0 && to == 0)
    return g_strdup (_("None planned"));

  if (from == to)
    /* Translators: how often boosters are given */
    return g_strdup_printf (ngettext ("Every %d week", "Every %d weeks", to), to);

  /* Translators: how often boosters are given, such as "Every 2–6 weeks" */
  return g_strdup_printf (ngettext ("Every %d–%d week", "Every %d–%d weeks", to), from, to);
}

static void
build_phases (TonicPlanView   *self,
              const TonicPlan *plan)
{
  GtkWidget *group = add_group (self->summary_box, _("Phases"));
  g_autofree char *count = NULL;
  g_autofree char *weeks = NULL;
  g_autofree char *boosters = NULL;

  /* Translators: the number of infusions in a plan's induction */
  count = g_strdup_printf (ngettext ("%d infusion", "%d infusions", plan->induction_count),
                           plan->induction_count);
  /* Translators: how long a plan's induction lasts */
  weeks = g_strdup_printf (ngettext ("%d week", "%d weeks", plan->induction_weeks),
                           plan->induction_weeks);
  boosters = format_weeks_range (plan->maintenance_min_weeks, plan->maintenance_max_weeks);

  add_row (group, _("Induction infusions"), count);
  add_row (group, _("Induction length"), weeks);
  add_row (group, _("Boosters"), boosters);
}

static void
build_dosing (TonicPlanView   *self,
              const TonicPlan *plan)
{
  GtkWidget *group = add_group (self->summary_box, _("Dosing"));
  const char *unit = _tonic_plans_dose_unit (plan->dose_mode);
  g_autofree char *dose = tonic_plan_format_dose (plan);
  g_autofree char *weight = NULL;

  add_row (group, _("Dose"), dose);

  if (plan->titration_min > 0 || plan->titration_max > 0)
    {
      g_autofree char *from = _tonic_plans_format_amount (plan->titration_min);
      g_autofree char *to = _tonic_plans_format_amount (plan->titration_max);
      g_autofree char *range = NULL;

      /* Translators: a titration range, such as "0.5–1 mg/kg"; the last
       * %s is the unit */
      range = g_strdup_printf (_("%s–%s %s"), from, to, unit);
      add_row (group, _("Titration range"), range);
    }

  if (plan->max_dose_mg > 0)
    {
      g_autofree char *amount = _tonic_plans_format_amount (plan->max_dose_mg);
      g_autofree char *text = NULL;

      /* Translators: a dose in milligrams, such as "84 mg" */
      text = g_strdup_printf (_("%s mg"), amount);
      add_row (group, _("Maximum dose"), text);
    }
  else
    {
      add_row (group, _("Maximum dose"), _("None set"));
    }

  if (plan->bag_ml > 0)
    {
      g_autofree char *amount = _tonic_plans_format_amount (plan->bag_ml);
      g_autofree char *text = NULL;

      /* Translators: the bag a dose is diluted in, such as "100 mL bag" */
      text = g_strdup_printf (_("%s mL bag"), amount);
      add_row (group, _("Dilution"), text);
    }
  else if (plan->concentration_mg_per_ml > 0)
    {
      g_autofree char *amount = _tonic_plans_format_amount (plan->concentration_mg_per_ml);
      g_autofree char *text = NULL;

      /* Translators: a concentration, such as "50 mg/mL" */
      text = g_strdup_printf (_("%s mg/mL"), amount);
      add_row (group, _("Concentration"), text);
    }

  /* Translators: how recent the weight used for the dose must be */
  weight = g_strdup_printf (ngettext ("Recorded within %d day", "Recorded within %d days",
                                      plan->weight_max_age_days),
                            plan->weight_max_age_days);
  add_row (group, _("Weight"), weight);
}

static void
build_vitals (TonicPlanView   *self,
              const TonicPlan *plan)
{
  const TonicVitalsSchedule *s = &plan->vitals_schedule;
  const TonicVitalsThresholds *t = &plan->thresholds;
  GtkWidget *group = add_group (self->summary_box, _("Vitals"));
  g_autofree char *schedule = NULL;
  g_autofree char *pre = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *alarm = NULL;
  g_autofree char *heart = NULL;
  g_autofree char *spo2 = NULL;
  g_autofree char *breathing = NULL;

  if (s->rems)
    /* Translators: the esketamine (REMS) vitals schedule; %d is minutes */
    schedule = g_strdup_printf (_("Before dosing, %d min after it, and before discharge"),
                                s->rems_check_minute);
  else
    /* Translators: a vitals schedule; both are minutes */
    schedule = g_strdup_printf (_("Baseline, every %d min during dosing, every %d min in "
                                  "recovery"), s->during_every, s->recovery_every);
  add_row (group, _("Schedule"), schedule);

  /* Translators: blood pressure thresholds, such as "Above 140/90 mmHg" */
  pre = g_strdup_printf (_("Above %d/%d mmHg"), t->pre_systolic_above, t->pre_diastolic_above);
  /* Translators: blood pressure thresholds, such as "At 160/100 mmHg or above" */
  warning = g_strdup_printf (_("At %d/%d mmHg or above"), t->warn_systolic_at,
                             t->warn_diastolic_at);
  alarm = g_strdup_printf (_("At %d/%d mmHg or above"), t->alarm_systolic_at,
                           t->alarm_diastolic_at);
  /* Translators: a heart or respiratory rate threshold, such as "Above 110/min" */
  heart = g_strdup_printf (_("Above %d/min"), t->heart_rate_above);
  /* Translators: an oxygen saturation threshold, such as "Below 92 %" */
  spo2 = g_strdup_printf (_("Below %d %%"), t->spo2_below);
  /* Translators: a respiratory rate threshold, such as "Below 10/min" */
  breathing = g_strdup_printf (_("Below %d/min"), t->respiratory_rate_below);

  add_row (group, _("Reassess before dosing"), pre);
  add_row (group, _("Blood pressure warning"), warning);
  add_row (group, _("Blood pressure alarm"), alarm);
  add_row (group, _("Heart rate alarm"), heart);
  add_row (group, _("SpO₂ alarm"), spo2);
  add_row (group, _("Respiratory rate alarm"), breathing);
}

static const char *
answer_label (TonicScreenAnswer answer)
{
  switch (answer)
    {
    case TONIC_SCREEN_ANSWER_YES: return _("Yes");
    case TONIC_SCREEN_ANSWER_NO: return _("No");
    case TONIC_SCREEN_ANSWER_UNANSWERED:
    default: return _("Not answered");
    }
}

static void
build_screening (TonicPlanView   *self,
                 const TonicPlan *plan)
{
  GtkWidget *group = add_group (self->summary_box, _("Screening"));
  guint blocking = tonic_plan_get_blocking_items (plan);
  guint warnings = tonic_plan_get_warning_items (plan);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    {
      GtkWidget *row = add_row (group, tonic_screen_item_get_label (i),
                                answer_label (plan->screening[i]));

      /* A signed plan with a blocking item was signed over it. */
      if (blocking & (1u << i))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   _tonic_patients_alert_tag_new (_("Overridden")));
      else if (warnings & (1u << i))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   _tonic_patients_tag_new (_("Warning"), TRUE));
    }

  if (plan->override_reason != NULL && *plan->override_reason != '\0')
    add_text_row (group, _("Override reason"), plan->override_reason);
}

static void
build_consent (TonicPlanView   *self,
               const TonicPlan *plan)
{
  GtkWidget *group = add_group (self->summary_box, _("Consent and Goals"));
  g_autofree char *consent = _tonic_patients_format_iso_date (plan->consent_date, TRUE);

  add_row (group, _("Consent date"), *consent != '\0' ? consent : _("Not recorded"));
  add_text_row (group, _("Goals"), plan->goals);
}

static void
build_summary (TonicPlanView   *self,
               const TonicPlan *plan)
{
  g_autofree char *signature = _tonic_plans_format_signature (plan);
  g_autofree char *description = NULL;

  /* Translators: under "Treatment Plan": the version shown and who signed
   * it, such as "Version 2 · Signed by Sam Okonkwo on 3 Apr 2026, 14:05" */
  description = g_strdup_printf (_("Version %d · %s"), plan->version, signature);
  adw_preferences_group_set_description (self->plan_group, description);

  build_protocol (self, plan);
  build_phases (self, plan);
  build_dosing (self, plan);
  build_vitals (self, plan);
  build_screening (self, plan);
  build_consent (self, plan);
}

/* The history */

static GtkWidget *
build_version_row (const TonicPlan *plan)
{
  g_autofree char *title = NULL;
  g_autofree char *signature = _tonic_plans_format_signature (plan);
  g_autoptr(GString) details = g_string_new (signature);
  g_autofree char *note = tonic_text_strip (plan->change_note);
  GtkWidget *row;

  g_string_append_c (details, '\n');
  if (plan->version <= 1)
    {
      g_string_append (details, _("First version"));
    }
  else if (plan->status == TONIC_PLAN_STATUS_DRAFT)
    {
      g_string_append (details, _("Not signed yet"));
    }
  else if (plan->changed_fields != 0)
    {
      g_autofree char *fields = tonic_plan_format_diff (plan->changed_fields);

      /* Translators: what changed in a plan version, such as "Changed: Dose" */
      g_string_append_printf (details, _("Changed: %s"), fields);
    }
  else
    {
      g_string_append (details, _("Nothing changed in the plan itself"));
    }

  if (*note != '\0')
    {
      g_string_append_c (details, '\n');
      /* Translators: why a plan version was made; %s is the note */
      g_string_append_printf (details, _("Note: %s"), note);
    }

  /* Translators: a plan version in the history */
  title = g_strdup_printf (_("Version %d"), plan->version);
  row = _tonic_patients_value_row_new (title, details->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             _tonic_patients_tag_new (tonic_plan_status_get_label (plan->status),
                                                      plan->status == TONIC_PLAN_STATUS_DRAFT));
  if (plan->status == TONIC_PLAN_STATUS_SUPERSEDED || plan->status == TONIC_PLAN_STATUS_ENDED)
    gtk_widget_add_css_class (row, "dim-label");

  return row;
}

/* One group per course, the newest first (as listed). */
static void
build_history (TonicPlanView *self,
               GtkBox        *box)
{
  GtkWidget *group = NULL;
  gint64 course = -1;

  remove_children (box);
  for (guint i = 0; i < self->plans->len; i++)
    {
      const TonicPlan *plan = g_ptr_array_index (self->plans, i);

      if (plan->course_id != course)
        {
          course = plan->course_id;
          group = add_group (box, group == NULL ? _("Version History") : _("Earlier Course"));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), build_version_row (plan));
    }
}

/* Showing what was read */

static void
update_actions (TonicPlanView *self)
{
  gboolean can_edit = role_allows (self, TONIC_ACTION_PLAN_EDIT);
  gboolean can_sign = role_allows (self, TONIC_ACTION_PLAN_SIGN);
  gboolean read = self->plans != NULL && self->patient != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "plan.new",
                                 can_edit && read && self->active == NULL && self->draft == NULL);
  gtk_widget_action_set_enabled (widget, "plan.revise",
                                 can_edit && self->active != NULL && self->draft == NULL);
  gtk_widget_action_set_enabled (widget, "plan.continue-draft", can_edit && self->draft != NULL);
  gtk_widget_action_set_enabled (widget, "plan.discard-draft", can_edit && self->draft != NULL);
  gtk_widget_action_set_enabled (widget, "plan.end-course", can_sign && self->active != NULL);

  /* A role that cannot use them does not see them. */
  gtk_widget_set_visible (self->empty_new_button, can_edit);
  gtk_widget_set_visible (self->continue_button, can_edit);
  gtk_widget_set_visible (self->discard_button, can_edit);
  gtk_widget_set_visible (self->revise_button, can_edit && self->draft == NULL);
  gtk_widget_set_visible (self->end_button, can_sign);
}

/* Finds the open course's signed version and draft. Courses are listed
 * newest first; a course with an ended version is over. */
static void
find_current (TonicPlanView *self)
{
  gint64 course;

  self->active = NULL;
  self->draft = NULL;
  if (self->plans->len == 0)
    return;

  course = ((TonicPlan *) g_ptr_array_index (self->plans, 0))->course_id;
  for (guint i = 0; i < self->plans->len; i++)
    {
      TonicPlan *plan = g_ptr_array_index (self->plans, i);

      if (plan->course_id != course)
        break;

      if (plan->status == TONIC_PLAN_STATUS_ENDED)
        {
          self->active = NULL;
          self->draft = NULL;
          return;
        }
      if (plan->status == TONIC_PLAN_STATUS_SIGNED && self->active == NULL)
        self->active = plan;
      else if (plan->status == TONIC_PLAN_STATUS_DRAFT && self->draft == NULL)
        self->draft = plan;
    }
}

static void
show_draft (TonicPlanView *self)
{
  const TonicPlan *draft = self->draft;
  g_autofree char *title = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *note = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->draft_group), draft != NULL);
  if (draft == NULL)
    return;

  /* Translators: the heading of an unsigned plan version */
  title = g_strdup_printf (_("Draft Version %d"), draft->version);
  adw_preferences_group_set_title (self->draft_group, title);
  adw_preferences_group_set_description (self->draft_group,
                                         self->active != NULL
                                         ? _("Not signed: sessions follow the signed version "
                                             "below until this one is signed.")
                                         : _("Not signed yet: no session can start until a "
                                             "clinician signs the plan."));

  signature = _tonic_plans_format_signature (draft);
  note = tonic_text_strip (draft->change_note);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->draft_row), signature);
  adw_action_row_set_subtitle (self->draft_row, note);
}

static void
show_plans (TonicPlanView *self)
{
  gboolean can_edit = role_allows (self, TONIC_ACTION_PLAN_EDIT);

  find_current (self);
  remove_children (self->summary_box);
  remove_children (self->history_box);
  remove_children (self->empty_history_box);

  if (self->active == NULL && self->draft == NULL)
    {
      const char *description;

      if (self->plans->len > 0)
        description = can_edit ? _("The last course has ended. A new plan starts a new course, "
                                   "with a new baseline.")
                               : _("The last course has ended.");
      else
        description = can_edit ? _("Start one from a protocol template. Sessions follow the "
                                   "signed plan.")
                               : _("A clinician writes the plan before the first session.");
      adw_status_page_set_description (self->empty_status, description);
      build_history (self, self->empty_history_box);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  show_draft (self);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_group), self->active != NULL);
  if (self->active != NULL)
    build_summary (self, self->active);
  build_history (self, self->history_box);
  gtk_stack_set_visible_child_name (self->stack, "plan");
  update_actions (self);
}

static void
on_plans_listed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicPlanView) self = user_data;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;

  plans = tonic_store_list_plans_finish (TONIC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->patient == NULL)
    return;

  g_clear_pointer (&self->plans, g_ptr_array_unref);
  self->active = NULL;
  self->draft = NULL;

  if (plans == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_status, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_actions (self);
      return;
    }

  self->plans = g_steal_pointer (&plans);
  show_plans (self);
}

static void
load (TonicPlanView *self)
{
  if (self->store == NULL || self->patient == NULL)
    return;

  /* What is shown stays until the new answer replaces it. */
  if (self->plans == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  tonic_store_list_plans_async (self->store, tonic_patient_get_id (self->patient),
                                self->cancellable, on_plans_listed, g_object_ref (self));
}

static void
reset_reads (TonicPlanView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* The form */

static void
on_editor_saved (TonicPlanView   *self,
                 TonicPlan       *plan,
                 TonicPlanEditor *editor)
{
  load (self);
}

static void
on_editor_signed (TonicPlanView   *self,
                  TonicPlan       *plan,
                  TonicPlanEditor *editor)
{
  g_autofree char *title = NULL;

  /* Translators: a toast; %d is the plan's version number */
  title = g_strdup_printf (_("Plan version %d signed"), plan->version);
  _tonic_toast_show_text (GTK_WIDGET (self), title);
  load (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
open_editor (TonicPlanView   *self,
             const TonicPlan *plan)
{
  TonicPlanEditor *editor;

  editor = tonic_plan_editor_new (_tonic_patients_get_parent_window (GTK_WIDGET (self)),
                                  self->store, self->actor, self->patient, plan);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "signed", G_CALLBACK (on_editor_signed), self,
                           G_CONNECT_SWAPPED);
  remember_dialog (self, GTK_WINDOW (editor));
  gtk_window_present (GTK_WINDOW (editor));
}

/* New Plan */

static AdwMessageDialog *
ask (TonicPlanView *self,
     const char    *heading,
     const char    *body,
     GCallback      on_response)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (_tonic_patients_get_parent_window (GTK_WIDGET (self)),
                                   heading, body);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_swapped (dialog, "response", on_response, self);
  remember_dialog (self, GTK_WINDOW (dialog));

  return ADW_MESSAGE_DIALOG (dialog);
}

/* A new plan starts from its protocol's template and the practice's
 * clinical defaults (settings: the vitals thresholds, how long a weight
 * stays current), read when it is asked for. */
typedef struct
{
  TonicPlanView *self;
  TonicPlan     *plan;
} NewPlan;

static void
new_plan_free (NewPlan *new_plan)
{
  g_object_unref (new_plan->self);
  tonic_plan_free (new_plan->plan);
  g_free (new_plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewPlan, new_plan_free)

/* The value of a setting just read; NULL when unset, or the read failed
 * (the template's values stay: told in the log, the form still opens). */
static char *
finish_default (GObject      *object,
                GAsyncResult *result,
                gboolean     *cancelled)
{
  g_autoptr(GError) error = NULL;
  char *value = tonic_store_get_setting_finish (TONIC_STORE (object), result, &error);

  *cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (error != NULL && !*cancelled)
    g_message ("Could not read the practice's plan defaults: %s", error->message);

  return value;
}

static void
on_default_weight_age_read (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(NewPlan) new_plan = user_data;
  g_autofree char *value = NULL;
  gboolean cancelled;
  guint64 days;

  value = finish_default (object, result, &cancelled);
  if (cancelled)
    return;

  if (value != NULL &&
      g_ascii_string_to_unsigned (value, 10, 1, TONIC_PLAN_WEIGHT_AGE_MAX_DAYS, &days, NULL))
    new_plan->plan->weight_max_age_days = (int) days;
  open_editor (new_plan->self, new_plan->plan);
}

static void
on_default_thresholds_read (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(NewPlan) new_plan = user_data;
  g_autofree char *value = NULL;
  TonicVitalsThresholds thresholds;
  TonicPlanView *self;
  gboolean cancelled;

  value = finish_default (object, result, &cancelled);
  if (cancelled)
    return;

  if (value != NULL && tonic_vitals_thresholds_parse (value, &thresholds))
    new_plan->plan->thresholds = thresholds;
  self = new_plan->self;
  tonic_store_get_setting_async (self->store, TONIC_SETTING_PLAN_WEIGHT_AGE, self->cancellable,
                                 on_default_weight_age_read, g_steal_pointer (&new_plan));
}

static void
start_new_plan (TonicPlanView *self,
                TonicProtocol  protocol)
{
  NewPlan *new_plan = g_new0 (NewPlan, 1);

  new_plan->self = g_object_ref (self);
  new_plan->plan = tonic_plan_new_from_protocol (protocol,
                                                 tonic_patient_get_indications (self->patient));
  tonic_store_get_setting_async (self->store, TONIC_SETTING_PLAN_THRESHOLDS, self->cancellable,
                                 on_default_thresholds_read, new_plan);
}

static void
on_new_response (TonicPlanView *self,
                 const char    *response)
{
  TonicProtocol protocol = TONIC_PROTOCOL_IV_DEPRESSION;

  for (guint i = 0; i < TONIC_N_PROTOCOLS; i++)
    if (self->protocol_checks[i] != NULL && gtk_check_button_get_active (self->protocol_checks[i]))
      protocol = i;

  memset (self->protocol_checks, 0, sizeof self->protocol_checks);
  g_clear_weak_pointer (&self->dialog);

  if (!g_str_equal (response, "start") || self->patient == NULL || self->plans == NULL)
    return;

  start_new_plan (self, protocol);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TonicPlanView *self = TONIC_PLAN_VIEW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkCheckButton *first = NULL;

  dialog = ask (self, _("New Treatment Plan"),
                _("Start from a protocol template. Every value can be changed before the plan "
                  "is signed."),
                G_CALLBACK (on_new_response));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Protocol templates"), -1);
  for (guint i = 0; i < TONIC_N_PROTOCOLS; i++)
    {
      GtkWidget *row = _tonic_patients_value_row_new (tonic_protocol_get_label (i),
                                                      tonic_protocol_get_description (i));
      GtkWidget *check = gtk_check_button_new ();

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      else
        first = GTK_CHECK_BUTTON (check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      self->protocol_checks[i] = GTK_CHECK_BUTTON (check);
    }
  gtk_check_button_set_active (self->protocol_checks[TONIC_PROTOCOL_IV_DEPRESSION], TRUE);

  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "start", _("_Start Plan"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "start", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "start");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Revising and drafts */

static void
revise_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TonicPlanView *self = TONIC_PLAN_VIEW (widget);
  g_autoptr(TonicPlan) revision = NULL;

  if (self->active == NULL || self->draft != NULL)
    return;

  /* The signed version, as the start of the course's next one. */
  revision = tonic_plan_copy (self->active);
  revision->id = 0;
  revision->version = self->active->version + 1;
  revision->status = TONIC_PLAN_STATUS_DRAFT;
  revision->changed_fields = 0;
  g_clear_pointer (&revision->change_note, g_free);
  g_clear_pointer (&revision->created_at, g_free);
  g_clear_pointer (&revision->created_by_name, g_free);
  g_clear_pointer (&revision->signed_at, g_free);
  g_clear_pointer (&revision->signed_by_name, g_free);
  revision->created_by = 0;
  revision->signed_by = 0;
  open_editor (self, revision);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TonicPlanView *self = TONIC_PLAN_VIEW (widget);

  if (self->draft != NULL)
    open_editor (self, self->draft);
}

static void
on_discarded (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TonicPlanView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_store_discard_plan_draft_finish (TONIC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->patient != NULL)
        _tonic_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (self->patient == NULL)
    return;

  _tonic_toast_show_text (GTK_WIDGET (self), _("Draft discarded"));
  load (self);
}

static void
on_discard_response (TonicPlanView *self,
                     const char    *response)
{
  g_clear_weak_pointer (&self->dialog);

  if (!g_str_equal (response, "discard") || self->draft == NULL)
    return;

  tonic_store_discard_plan_draft_async (self->store, self->draft->id, self->cancellable,
                                        on_discarded, g_object_ref (self));
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TonicPlanView *self = TONIC_PLAN_VIEW (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->draft == NULL)
    return;

  /* Translators: %d is the draft's version number */
  heading = g_strdup_printf (_("Discard Draft Version %d?"), self->draft->version);
  dialog = ask (self, heading,
                self->active != NULL
                ? _("What it changes is lost. The signed version stays as it is.")
                : _("The plan was never signed: it is deleted."),
                G_CALLBACK (on_discard_response));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Draft"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ending a course */

static void
on_course_ended (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicPlanView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_store_end_course_finish (TONIC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->patient != NULL)
        _tonic_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (self->patient == NULL)
    return;

  _tonic_toast_show_text (GTK_WIDGET (self), _("Course ended"));
  load (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_end_response (TonicPlanView *self,
                 const char    *response)
{
  g_autofree char *reason = NULL;

  if (self->reason_entry != NULL)
    reason = tonic_text_strip (gtk_editable_get_text (self->reason_entry));
  self->reason_entry = NULL;
  g_clear_weak_pointer (&self->dialog);

  if (!g_str_equal (response, "end") || self->active == NULL || reason == NULL || *reason == '\0')
    return;

  tonic_store_end_course_async (self->store, self->active->course_id, reason, self->cancellable,
                                on_course_ended, g_object_ref (self));
}

static void
on_reason_changed (TonicPlanView *self)
{
  g_autofree char *reason = NULL;

  if (self->reason_entry == NULL || !ADW_IS_MESSAGE_DIALOG (self->dialog))
    return;

  reason = tonic_text_strip (gtk_editable_get_text (self->reason_entry));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self->dialog), "end",
                                           *reason != '\0');
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TonicPlanView *self = TONIC_PLAN_VIEW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();

  if (self->active == NULL)
    return;

  dialog = ask (self, _("End This Course?"),
                _("Its sessions stay in the record, but no new session can start on it. A new "
                  "plan then starts a new course, with a new baseline."),
                G_CALLBACK (on_end_response));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), entry);
  self->reason_entry = GTK_EDITABLE (entry);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_reason_changed), self);

  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "end", _("_End Course"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "end", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "end", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TonicPlanView *self = TONIC_PLAN_VIEW (widget);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  load (self);
}

/* GObject */

static void
tonic_plan_view_dispose (GObject *object)
{
  TonicPlanView *self = TONIC_PLAN_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  forget_dialog (self);

  /* The bin's child is a bound template child, which disposing the
   * template unparents: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_PLAN_VIEW);

  self->active = NULL;
  self->draft = NULL;
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_object (&self->patient);
  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_plan_view_parent_class)->dispose (object);
}

static void
tonic_plan_view_class_init (TonicPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_plan_view_dispose;

  /**
   * TonicPlanView::changed:
   *
   * A plan version was signed or a course ended: the patient's phase and
   * flags may have changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/plans/tonic-plan-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TonicPlanView, name)
  BIND (stack);
  BIND (error_status);
  BIND (empty_status);
  BIND (empty_new_button);
  BIND (empty_history_box);
  BIND (draft_group);
  BIND (draft_row);
  BIND (discard_button);
  BIND (continue_button);
  BIND (plan_group);
  BIND (end_button);
  BIND (revise_button);
  BIND (summary_box);
  BIND (history_box);
#undef BIND

  gtk_widget_class_install_action (widget_class, "plan.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "plan.revise", NULL, revise_action);
  gtk_widget_class_install_action (widget_class, "plan.continue-draft", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "plan.discard-draft", NULL, discard_action);
  gtk_widget_class_install_action (widget_class, "plan.end-course", NULL, end_action);
  gtk_widget_class_install_action (widget_class, "plan.reload", NULL, reload_action);
}

static void
tonic_plan_view_init (TonicPlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _tonic_patients_ensure_style (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

GtkWidget *
tonic_plan_view_new (void)
{
  return g_object_new (TONIC_TYPE_PLAN_VIEW, NULL);
}

void
tonic_plan_view_set_session (TonicPlanView *self,
                             TonicStore    *store,
                             TonicStaff    *actor)
{
  g_return_if_fail (TONIC_IS_PLAN_VIEW (self));
  g_return_if_fail (TONIC_IS_STORE (store));
  g_return_if_fail (TONIC_IS_STAFF (actor));

  g_set_object (&self->store, store);
  g_set_object (&self->actor, actor);
  update_actions (self);
}

void
tonic_plan_view_show (TonicPlanView *self,
                      TonicPatient  *patient)
{
  g_return_if_fail (TONIC_IS_PLAN_VIEW (self));
  g_return_if_fail (TONIC_IS_PATIENT (patient));
  g_return_if_fail (self->store != NULL);

  /* The same patient again (read anew): what is open about them stays. */
  if (self->patient != NULL &&
      tonic_patient_get_id (self->patient) == tonic_patient_get_id (patient))
    {
      g_set_object (&self->patient, patient);
      load (self);
      return;
    }

  tonic_plan_view_clear (self);
  self->patient = g_object_ref (patient);
  load (self);
}

void
tonic_plan_view_clear (TonicPlanView *self)
{
  g_return_if_fail (TONIC_IS_PLAN_VIEW (self));

  reset_reads (self);
  forget_dialog (self);
  self->active = NULL;
  self->draft = NULL;
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_object (&self->patient);
  remove_children (self->summary_box);
  remove_children (self->history_box);
  remove_children (self->empty_history_box);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_actions (self);
}

void
tonic_plan_view_reload (TonicPlanView *self)
{
  g_return_if_fail (TONIC_IS_PLAN_VIEW (self));

  load (self);
}

TonicPlanEditor *
_tonic_plan_view_get_editor (TonicPlanView *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_VIEW (self), NULL);

  return TONIC_IS_PLAN_EDITOR (self->dialog) ? TONIC_PLAN_EDITOR (self->dialog) : NULL;
}

AdwMessageDialog *
_tonic_plan_view_get_dialog (TonicPlanView *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_VIEW (self), NULL);

  return ADW_IS_MESSAGE_DIALOG (self->dialog) ? ADW_MESSAGE_DIALOG (self->dialog) : NULL;
}

GtkCheckButton *
_tonic_plan_view_get_protocol_check (TonicPlanView *self,
                                     TonicProtocol  protocol)
{
  g_return_val_if_fail (TONIC_IS_PLAN_VIEW (self), NULL);
  g_return_val_if_fail (protocol < TONIC_N_PROTOCOLS, NULL);

  return self->protocol_checks[protocol];
}

const TonicPlan *
_tonic_plan_view_get_active_plan (TonicPlanView *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_VIEW (self), NULL);

  return self->active;
}

const TonicPlan *
_tonic_plan_view_get_draft (TonicPlanView *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_VIEW (self), NULL);

  return self->draft;
}
