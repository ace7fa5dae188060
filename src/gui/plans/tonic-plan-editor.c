/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-plan-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tonic-patients-private.h"
#include "tonic-plan-editor.h"
#include "tonic-plans-private.h"
#include "tonic-search.h"
#include "tonic-text.h"
#include "tonic-time.h"
#include "tonic-toast.h"

/* The form's numbers, in form order. */
typedef enum
{
  NUMBER_INDUCTION_COUNT,
  NUMBER_INDUCTION_WEEKS,
  NUMBER_MAINTENANCE_MIN,
  NUMBER_MAINTENANCE_MAX,
  NUMBER_DOSE,
  NUMBER_TITRATION_MIN,
  NUMBER_TITRATION_MAX,
  NUMBER_MAX_DOSE,
  NUMBER_INFUSION_MINUTES,
  NUMBER_BAG,
  NUMBER_CONCENTRATION,
  NUMBER_WEIGHT_AGE,
  NUMBER_DURING_EVERY,
  NUMBER_RECOVERY_EVERY,
  NUMBER_REMS_MINUTE,
  NUMBER_PRE_SYSTOLIC,
  NUMBER_PRE_DIASTOLIC,
  NUMBER_WARN_SYSTOLIC,
  NUMBER_WARN_DIASTOLIC,
  NUMBER_ALARM_SYSTOLIC,
  NUMBER_ALARM_DIASTOLIC,
  NUMBER_HEART_RATE,
  NUMBER_SPO2,
  NUMBER_RESPIRATORY_RATE,
  N_NUMBERS
} Number;

typedef enum
{
  SECTION_PHASES,
  SECTION_DOSING,
  SECTION_SCHEDULE,
  SECTION_THRESHOLDS,
} Section;

/* Each spin button takes more than the plan accepts, so that a value out
 * of range is named next to it rather than silently clamped. */
static const struct
{
  const char     *id;
  const char     *title;
  const char     *subtitle;
  const char     *unit;      /* NULL: none, or the dose's unit */
  Section         section;
  TonicPlanField  field;
  double          upper;
  double          step;
  guint           digits;
} numbers[N_NUMBERS] = {
  { "induction-count", N_("Induction infusions"), NULL, NULL, SECTION_PHASES,
    TONIC_PLAN_FIELD_INDUCTION, 99, 1, 0 },
  { "induction-weeks", N_("Induction length"), NULL, N_("weeks"), SECTION_PHASES,
    TONIC_PLAN_FIELD_INDUCTION, 99, 1, 0 },
  { "maintenance-min", N_("Boosters at the earliest every"), N_("0 when no boosters are planned"),
    N_("weeks"), SECTION_PHASES, TONIC_PLAN_FIELD_MAINTENANCE, 99, 1, 0 },
  { "maintenance-max", N_("Boosters at the latest every"), NULL, N_("weeks"), SECTION_PHASES,
    TONIC_PLAN_FIELD_MAINTENANCE, 99, 1, 0 },
  { "dose", N_("Dose"), NULL, NULL, SECTION_DOSING, TONIC_PLAN_FIELD_DOSE, 2000, 0.05, 2 },
  { "titration-min", N_("Titration from"), N_("0 for no titration range"), NULL, SECTION_DOSING,
    TONIC_PLAN_FIELD_TITRATION, 2000, 0.05, 2 },
  { "titration-max", N_("Titration up to"), NULL, NULL, SECTION_DOSING,
    TONIC_PLAN_FIELD_TITRATION, 2000, 0.05, 2 },
  { "max-dose", N_("Maximum dose"), N_("Never exceeded in a session; 0 for none"), N_("mg"),
    SECTION_DOSING, TONIC_PLAN_FIELD_MAX_DOSE, 5000, 1, 1 },
  { "infusion-minutes", N_("Infusion length"), NULL, N_("min"), SECTION_DOSING,
    TONIC_PLAN_FIELD_INFUSION_MINUTES, 3000, 5, 0 },
  { "bag", N_("Bag volume"), N_("The bag the dose is diluted in; 0 for none"), N_("mL"),
    SECTION_DOSING, TONIC_PLAN_FIELD_DILUTION, 5000, 10, 0 },
  { "concentration", N_("Concentration"), N_("As stocked, when not diluted in a bag; 0 for none"),
    N_("mg/mL"), SECTION_DOSING, TONIC_PLAN_FIELD_DILUTION, 500, 0.5, 2 },
  { "weight-age", N_("Weight recorded within"), N_("An older weight is asked for again"),
    N_("days"), SECTION_DOSING, TONIC_PLAN_FIELD_WEIGHT_AGE, 999, 1, 0 },
  { "during-every", N_("During dosing, every"), NULL, N_("min"), SECTION_SCHEDULE,
    TONIC_PLAN_FIELD_VITALS_SCHEDULE, 600, 1, 0 },
  { "recovery-every", N_("In recovery, every"), N_("Until discharge"), N_("min"),
    SECTION_SCHEDULE, TONIC_PLAN_FIELD_VITALS_SCHEDULE, 600, 1, 0 },
  { "rems-minute", N_("Check after the dose at"), N_("Besides before dosing and before discharge"),
    N_("min"), SECTION_SCHEDULE, TONIC_PLAN_FIELD_VITALS_SCHEDULE, 600, 1, 0 },
  { "pre-systolic", N_("Before dosing, systolic above"), N_("Reassess before dosing"), N_("mmHg"),
    SECTION_THRESHOLDS, TONIC_PLAN_FIELD_THRESHOLDS, 400, 1, 0 },
  { "pre-diastolic", N_("Before dosing, diastolic above"), NULL, N_("mmHg"), SECTION_THRESHOLDS,
    TONIC_PLAN_FIELD_THRESHOLDS, 400, 1, 0 },
  { "warn-systolic", N_("Warning at systolic"), NULL, N_("mmHg"), SECTION_THRESHOLDS,
    TONIC_PLAN_FIELD_THRESHOLDS, 400, 1, 0 },
  { "warn-diastolic", N_("Warning at diastolic"), NULL, N_("mmHg"), SECTION_THRESHOLDS,
    TONIC_PLAN_FIELD_THRESHOLDS, 400, 1, 0 },
  { "alarm-systolic", N_("Alarm at systolic"), NULL, N_("mmHg"), SECTION_THRESHOLDS,
    TONIC_PLAN_FIELD_THRESHOLDS, 400, 1, 0 },
  { "alarm-diastolic", N_("Alarm at diastolic"), NULL, N_("mmHg"), SECTION_THRESHOLDS,
    TONIC_PLAN_FIELD_THRESHOLDS, 400, 1, 0 },
  { "heart-rate", N_("Heart rate above"), NULL, N_("/min"), SECTION_THRESHOLDS,
    TONIC_PLAN_FIELD_THRESHOLDS, 400, 1, 0 },
  { "spo2", N_("SpO₂ below"), NULL, N_("%"), SECTION_THRESHOLDS, TONIC_PLAN_FIELD_THRESHOLDS,
    100, 1, 0 },
  { "respiratory-rate", N_("Respiratory rate below"), NULL, N_("/min"), SECTION_THRESHOLDS,
    TONIC_PLAN_FIELD_THRESHOLDS, 400, 1, 0 },
};

/* Fields whose value is typed as text: their message waits for a save
 * rather than showing while the text is being written. */
#define TYPED_FIELDS ((1u << TONIC_PLAN_FIELD_CONSENT_DATE) | \
                      (1u << TONIC_PLAN_FIELD_GOALS) | \
                      (1u << TONIC_PLAN_FIELD_OVERRIDE_REASON))

struct _TonicPlanEditor
{
  AdwWindow parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *cancel_button;
  GtkButton           *save_button;
  GtkButton           *sign_button;
  GtkSpinner          *spinner;
  GtkScrolledWindow   *scrolled;
  GtkWidget           *form_box;
  GtkLabel            *error_label;
  AdwPreferencesGroup *protocol_group;
  AdwPreferencesGroup *indications_group;
  AdwPreferencesGroup *measures_group;
  AdwPreferencesGroup *phases_group;
  AdwPreferencesGroup *dosing_group;
  AdwPreferencesGroup *schedule_group;
  AdwPreferencesGroup *thresholds_group;
  AdwPreferencesGroup *screening_group;
  GtkWidget           *override_group;
  GtkWidget           *override_frame;
  GtkTextView         *override_view;
  GtkLabel            *override_error;
  AdwPreferencesGroup *consent_group;
  AdwEntryRow         *consent_row;
  GtkWidget           *goals_frame;
  GtkTextView         *goals_view;
  GtkLabel            *goals_error;
  GtkWidget           *change_group;
  GtkWidget           *change_frame;
  GtkTextView         *change_view;
  GtkLabel            *change_error;

  /* Built from the tables. */
  AdwComboRow     *protocol_row;
  AdwComboRow     *route_row;
  AdwComboRow     *mode_row;
  AdwActionRow    *rems_row;
  GtkSwitch       *rems_switch;
  GtkCheckButton  *indication_checks[TONIC_N_INDICATIONS];
  GtkCheckButton  *measure_checks[TONIC_N_INSTRUMENTS];
  GtkWidget       *number_rows[N_NUMBERS];
  GtkSpinButton   *spins[N_NUMBERS];
  GtkLabel        *units[N_NUMBERS];
  AdwActionRow    *screen_rows[TONIC_N_SCREEN_ITEMS];
  GtkToggleButton *screen_no[TONIC_N_SCREEN_ITEMS];
  GtkToggleButton *screen_yes[TONIC_N_SCREEN_ITEMS];
  GtkWidget       *screen_tags[TONIC_N_SCREEN_ITEMS];
  /* Where each field's message goes: a label, inside the widget that is
   * shown with it (a row under the field's rows, or the label itself). */
  GtkLabel        *messages[TONIC_N_PLAN_FIELDS];
  GtkWidget       *message_holders[TONIC_N_PLAN_FIELDS];
  GtkLabel        *consent_hint;
  GtkWidget       *consent_hint_row;

  TonicStore      *store;
  TonicStaff      *actor;
  TonicPatient    *patient;
  GCancellable    *cancellable;
  /* The version edited, as last saved: ids and what the form does not
   * show. */
  TonicPlan       *plan;
  /* What is being saved or signed. */
  TonicPlan       *pending;
  TonicProtocol    protocol;
  /* The indications the measures were last chosen for. */
  TonicIndication  indications;
  AdwMessageDialog *dialog;  /* weak: the question open */
  /* The field to bring into view once the form is laid out (weak). */
  GtkWidget       *scroll_target;
  guint            scroll_tick;
  guint            scroll_frames;

  gboolean filling;         /* values are put in, not chosen */
  gboolean changed;         /* since the last save */
  gboolean template_edited; /* a value the template sets was changed */
  gboolean busy;
  gboolean sign_after_save;
  gboolean close_confirmed;
  gboolean disposed;
};

G_DEFINE_FINAL_TYPE (TonicPlanEditor, tonic_plan_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (TonicPlanEditor *self);

/* Values in the plan */

static double
get_number (const TonicPlan *plan,
            Number           number)
{
  const TonicVitalsThresholds *t = &plan->thresholds;

  switch (number)
    {
    case NUMBER_INDUCTION_COUNT: return plan->induction_count;
    case NUMBER_INDUCTION_WEEKS: return plan->induction_weeks;
    case NUMBER_MAINTENANCE_MIN: return plan->maintenance_min_weeks;
    case NUMBER_MAINTENANCE_MAX: return plan->maintenance_max_weeks;
    case NUMBER_DOSE: return plan->dose;
    case NUMBER_TITRATION_MIN: return plan->titration_min;
    case NUMBER_TITRATION_MAX: return plan->titration_max;
    case NUMBER_MAX_DOSE: return plan->max_dose_mg;
    case NUMBER_INFUSION_MINUTES: return plan->infusion_minutes;
    case NUMBER_BAG: return plan->bag_ml;
    case NUMBER_CONCENTRATION: return plan->concentration_mg_per_ml;
    case NUMBER_WEIGHT_AGE: return plan->weight_max_age_days;
    case NUMBER_DURING_EVERY: return plan->vitals_schedule.during_every;
    case NUMBER_RECOVERY_EVERY: return plan->vitals_schedule.recovery_every;
    case NUMBER_REMS_MINUTE: return plan->vitals_schedule.rems_check_minute;
    case NUMBER_PRE_SYSTOLIC: return t->pre_systolic_above;
    case NUMBER_PRE_DIASTOLIC: return t->pre_diastolic_above;
    case NUMBER_WARN_SYSTOLIC: return t->warn_systolic_at;
    case NUMBER_WARN_DIASTOLIC: return t->warn_diastolic_at;
    case NUMBER_ALARM_SYSTOLIC: return t->alarm_systolic_at;
    case NUMBER_ALARM_DIASTOLIC: return t->alarm_diastolic_at;
    case NUMBER_HEART_RATE: return t->heart_rate_above;
    case NUMBER_SPO2: return t->spo2_below;
    case NUMBER_RESPIRATORY_RATE: return t->respiratory_rate_below;
    case N_NUMBERS:
    default:
      g_assert_not_reached ();
    }
}

static void
set_number (TonicPlan *plan,
            Number     number,
            double     value)
{
  TonicVitalsThresholds *t = &plan->thresholds;
  int whole = (int) lround (value);

  switch (number)
    {
    case NUMBER_INDUCTION_COUNT: plan->induction_count = whole; break;
    case NUMBER_INDUCTION_WEEKS: plan->induction_weeks = whole; break;
    case NUMBER_MAINTENANCE_MIN: plan->maintenance_min_weeks = whole; break;
    case NUMBER_MAINTENANCE_MAX: plan->maintenance_max_weeks = whole; break;
    case NUMBER_DOSE: plan->dose = value; break;
    case NUMBER_TITRATION_MIN: plan->titration_min = value; break;
    case NUMBER_TITRATION_MAX: plan->titration_max = value; break;
    case NUMBER_MAX_DOSE: plan->max_dose_mg = value; break;
    case NUMBER_INFUSION_MINUTES: plan->infusion_minutes = whole; break;
    case NUMBER_BAG: plan->bag_ml = value; break;
    case NUMBER_CONCENTRATION: plan->concentration_mg_per_ml = value; break;
    case NUMBER_WEIGHT_AGE: plan->weight_max_age_days = whole; break;
    case NUMBER_DURING_EVERY: plan->vitals_schedule.during_every = whole; break;
    case NUMBER_RECOVERY_EVERY: plan->vitals_schedule.recovery_every = whole; break;
    case NUMBER_REMS_MINUTE: plan->vitals_schedule.rems_check_minute = whole; break;
    case NUMBER_PRE_SYSTOLIC: t->pre_systolic_above = whole; break;
    case NUMBER_PRE_DIASTOLIC: t->pre_diastolic_above = whole; break;
    case NUMBER_WARN_SYSTOLIC: t->warn_systolic_at = whole; break;
    case NUMBER_WARN_DIASTOLIC: t->warn_diastolic_at = whole; break;
    case NUMBER_ALARM_SYSTOLIC: t->alarm_systolic_at = whole; break;
    case NUMBER_ALARM_DIASTOLIC: t->alarm_diastolic_at = whole; break;
    case NUMBER_HEART_RATE: t->heart_rate_above = whole; break;
    case NUMBER_SPO2: t->spo2_below = whole; break;
    case NUMBER_RESPIRATORY_RATE: t->respiratory_rate_below = whole; break;
    case N_NUMBERS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
in_dose_unit (Number number)
{
  return number == NUMBER_DOSE || number == NUMBER_TITRATION_MIN ||
         number == NUMBER_TITRATION_MAX;
}

/* Whether @number means anything for a plan given by @route on a @rems
 * schedule: hidden otherwise, and saved as 0 when it belongs to another
 * route. */
static gboolean
number_applies (Number     number,
                TonicRoute route,
                gboolean   rems)
{
  if (number == NUMBER_INFUSION_MINUTES || number == NUMBER_BAG)
    return route == TONIC_ROUTE_IV;
  if (number == NUMBER_CONCENTRATION)
    return route != TONIC_ROUTE_NASAL;
  if (number == NUMBER_DURING_EVERY || number == NUMBER_RECOVERY_EVERY)
    return !rems;
  if (number == NUMBER_REMS_MINUTE)
    return rems;

  return TRUE;
}

static void
replace_text (char       **field,
              const char  *text)
{
  g_free (*field);
  *field = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char *
text_view_dup (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return tonic_text_strip (text);
}

static void
text_view_set (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* The consent date typed: ISO as it is, or a date typed the way people
 * type them (in the locale's order); NULL when blank, the text itself when
 * it is no date (the check then names it). Fills @date when it is one. */
static char *
read_consent (TonicPlanEditor *self,
              GDate           *date)
{
  g_autofree char *typed = tonic_text_strip (gtk_editable_get_text (GTK_EDITABLE (
                                                                      self->consent_row)));
  GDate other;

  g_date_clear (date, 1);
  if (*typed == '\0')
    return NULL;

  if (tonic_date_parse_iso (typed, date))
    return tonic_date_format_iso (date);

  g_date_clear (&other, 1);
  if (tonic_search_parse_date (typed, tonic_date_order_from_locale (), date, &other))
    return tonic_date_format_iso (date);

  return g_steal_pointer (&typed);
}

/* The plan the form holds, over the version edited. With @commit, what is
 * typed in a spin button counts even before it took it. */
static TonicPlan *
collect (TonicPlanEditor *self,
         gboolean         commit)
{
  TonicPlan *plan = tonic_plan_copy (self->plan);
  guint route = adw_combo_row_get_selected (self->route_row);
  guint mode = adw_combo_row_get_selected (self->mode_row);
  g_autofree char *override = text_view_dup (self->override_view);
  g_autofree char *goals = text_view_dup (self->goals_view);
  g_autofree char *note = text_view_dup (self->change_view);
  g_autofree char *consent = NULL;
  GDate date;

  plan->protocol = self->protocol;
  plan->route = route < TONIC_N_ROUTES ? (TonicRoute) route : TONIC_ROUTE_IV;
  plan->dose_mode = mode == TONIC_DOSE_MODE_FIXED ? TONIC_DOSE_MODE_FIXED : TONIC_DOSE_MODE_PER_KG;
  plan->vitals_schedule.rems = gtk_switch_get_active (self->rems_switch);

  plan->indications = TONIC_INDICATION_NONE;
  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    if (gtk_check_button_get_active (self->indication_checks[i]))
      plan->indications |= tonic_indication_nth (i);

  plan->measures = 0;
  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    if (gtk_check_button_get_active (self->measure_checks[i]))
      plan->measures |= TONIC_INSTRUMENT_BIT (i);

  for (guint i = 0; i < N_NUMBERS; i++)
    {
      if (commit)
        gtk_spin_button_update (self->spins[i]);

      if (number_applies (i, plan->route, plan->vitals_schedule.rems) ||
          numbers[i].section == SECTION_SCHEDULE)
        set_number (plan, i, gtk_spin_button_get_value (self->spins[i]));
      else
        set_number (plan, i, 0);
    }

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    {
      if (gtk_toggle_button_get_active (self->screen_yes[i]))
        plan->screening[i] = TONIC_SCREEN_ANSWER_YES;
      else if (gtk_toggle_button_get_active (self->screen_no[i]))
        plan->screening[i] = TONIC_SCREEN_ANSWER_NO;
      else
        plan->screening[i] = TONIC_SCREEN_ANSWER_UNANSWERED;
    }

  consent = read_consent (self, &date);
  replace_text (&plan->consent_date, consent);
  replace_text (&plan->override_reason, override);
  replace_text (&plan->goals, goals);
  replace_text (&plan->change_note, note);

  return plan;
}

/* Whether this is a later version of a course (a change note is asked). */
static gboolean
is_revision (TonicPlanEditor *self)
{
  return self->plan->course_id != 0 && self->plan->version != 1;
}

/* The version number this draft has or will have. */
static int
version_of (TonicPlanEditor *self)
{
  return MAX (self->plan->version, 1);
}

/* Putting values in */

static void
set_answer (TonicPlanEditor   *self,
            TonicScreenItem    item,
            TonicScreenAnswer  answer)
{
  gtk_toggle_button_set_active (self->screen_yes[item], answer == TONIC_SCREEN_ANSWER_YES);
  gtk_toggle_button_set_active (self->screen_no[item], answer == TONIC_SCREEN_ANSWER_NO);
}

/* What a protocol template sets: measures, phases, dosing and vitals. */
static void
fill_template_fields (TonicPlanEditor *self,
                      const TonicPlan *plan)
{
  gboolean filling = self->filling;

  self->filling = TRUE;

  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    gtk_check_button_set_active (self->measure_checks[i],
                                 (plan->measures & TONIC_INSTRUMENT_BIT (i)) != 0);

  adw_combo_row_set_selected (self->route_row, plan->route);
  adw_combo_row_set_selected (self->mode_row, plan->dose_mode);
  gtk_switch_set_active (self->rems_switch, plan->vitals_schedule.rems);
  for (guint i = 0; i < N_NUMBERS; i++)
    gtk_spin_button_set_value (self->spins[i], get_number (plan, i));

  self->filling = filling;
}

static void
fill (TonicPlanEditor *self,
      const TonicPlan *plan)
{
  self->filling = TRUE;

  self->protocol = plan->protocol;
  adw_combo_row_set_selected (self->protocol_row, plan->protocol);

  self->indications = plan->indications;
  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    gtk_check_button_set_active (self->indication_checks[i],
                                 (plan->indications & tonic_indication_nth (i)) != 0);

  fill_template_fields (self, plan);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    set_answer (self, i, plan->screening[i]);

  gtk_editable_set_text (GTK_EDITABLE (self->consent_row),
                         plan->consent_date != NULL ? plan->consent_date : "");
  text_view_set (self->override_view, plan->override_reason);
  text_view_set (self->goals_view, plan->goals);
  text_view_set (self->change_view, plan->change_note);

  self->filling = FALSE;
}

/* Messages next to the fields */

/* The row @field marks besides its numbers (NULL for none), and in
 * @focus where the focus goes to fix it when it has no number on show. */
static GtkWidget *
field_row (TonicPlanEditor *self,
           TonicPlanField   field,
           GtkWidget      **focus)
{
  GtkWidget *row = NULL;
  GtkWidget *target = NULL;

  switch (field)
    {
    case TONIC_PLAN_FIELD_PROTOCOL:
      row = target = GTK_WIDGET (self->protocol_row);
      break;
    case TONIC_PLAN_FIELD_INDICATIONS:
      target = GTK_WIDGET (self->indication_checks[0]);
      break;
    case TONIC_PLAN_FIELD_MEASURES:
      target = GTK_WIDGET (self->measure_checks[0]);
      break;
    case TONIC_PLAN_FIELD_ROUTE:
      row = target = GTK_WIDGET (self->route_row);
      break;
    case TONIC_PLAN_FIELD_DOSE:
      target = GTK_WIDGET (self->mode_row);
      break;
    case TONIC_PLAN_FIELD_VITALS_SCHEDULE:
      row = GTK_WIDGET (self->rems_row);
      target = GTK_WIDGET (self->rems_switch);
      break;
    case TONIC_PLAN_FIELD_SCREENING:
      target = GTK_WIDGET (self->screen_no[0]);
      break;
    case TONIC_PLAN_FIELD_OVERRIDE_REASON:
      row = self->override_frame;
      target = GTK_WIDGET (self->override_view);
      break;
    case TONIC_PLAN_FIELD_CONSENT_DATE:
      row = target = GTK_WIDGET (self->consent_row);
      break;
    case TONIC_PLAN_FIELD_GOALS:
      row = self->goals_frame;
      target = GTK_WIDGET (self->goals_view);
      break;
    case TONIC_PLAN_FIELD_INDUCTION:
    case TONIC_PLAN_FIELD_MAINTENANCE:
    case TONIC_PLAN_FIELD_TITRATION:
    case TONIC_PLAN_FIELD_MAX_DOSE:
    case TONIC_PLAN_FIELD_INFUSION_MINUTES:
    case TONIC_PLAN_FIELD_DILUTION:
    case TONIC_PLAN_FIELD_WEIGHT_AGE:
    case TONIC_PLAN_FIELD_THRESHOLDS:
      /* Numbers only. */
      break;
    default:
      g_assert_not_reached ();
    }

  if (focus != NULL)
    *focus = target;

  return row;
}

static void
set_marked (GtkWidget *widget,
            gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* Marks the rows of @field (or unmarks them). */
static void
mark_field (TonicPlanEditor *self,
            TonicPlanField   field,
            gboolean         wrong)
{
  GtkWidget *row = field_row (self, field, NULL);

  for (guint i = 0; i < N_NUMBERS; i++)
    if (numbers[i].field == field)
      set_marked (self->number_rows[i], wrong);

  if (row != NULL)
    set_marked (row, wrong);
}

static gboolean
message_shown (TonicPlanEditor *self,
               TonicPlanField   field)
{
  return gtk_widget_get_visible (self->message_holders[field]);
}

static void
show_message (TonicPlanEditor *self,
              TonicPlanField   field,
              const char      *message)
{
  gtk_label_set_label (self->messages[field], message != NULL ? message : "");
  gtk_widget_set_visible (self->message_holders[field], message != NULL);
  mark_field (self, field, message != NULL);
}

static void
show_change_error (TonicPlanEditor *self,
                   const char      *message)
{
  gtk_label_set_label (self->change_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->change_error), message != NULL);
  set_marked (self->change_frame, message != NULL);
}

static void
show_error (TonicPlanEditor *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Scrolls the form to @widget, leaving room for the message under it. */
static void
scroll_now (TonicPlanEditor *self,
            GtkWidget       *widget)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled);
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, content, &bounds))
    return;

  gtk_adjustment_clamp_page (adjustment, bounds.origin.y - 48,
                             bounds.origin.y + bounds.size.height + 96);
}

static gboolean
on_scroll_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TonicPlanEditor *self = TONIC_PLAN_EDITOR (widget);

  /* The first frame lays out the messages just shown; the next one knows
   * where the field is. */
  if (self->scroll_frames++ == 0)
    return G_SOURCE_CONTINUE;

  if (self->scroll_target != NULL)
    scroll_now (self, self->scroll_target);
  g_clear_weak_pointer (&self->scroll_target);
  self->scroll_tick = 0;

  return G_SOURCE_REMOVE;
}

static void
scroll_to (TonicPlanEditor *self,
           GtkWidget       *widget)
{
  g_set_weak_pointer (&self->scroll_target, widget);
  self->scroll_frames = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_scroll_tick, NULL,
                                                      NULL);
}

static void
focus_widget (TonicPlanEditor *self,
              GtkWidget       *widget)
{
  gtk_widget_grab_focus (widget);
  scroll_to (self, widget);
}

/* The form keeps the focused field in view, with the line under it where
 * its message goes (the viewport's own scrolling would go by where the
 * field was before the messages moved it). */
static void
on_focus_changed (TonicPlanEditor *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && gtk_widget_is_ancestor (focus, self->form_box))
    scroll_to (self, focus);
}

static void
focus_field (TonicPlanEditor *self,
             TonicPlanField   field)
{
  GtkWidget *target = NULL;

  for (guint i = 0; i < N_NUMBERS; i++)
    {
      if (numbers[i].field == field && gtk_widget_get_visible (self->number_rows[i]))
        {
          focus_widget (self, GTK_WIDGET (self->spins[i]));
          return;
        }
    }

  field_row (self, field, &target);
  if (target != NULL)
    focus_widget (self, target);
}

/* Checks every field of @plan for a draft. With @all, each message is
 * shown next to its field; otherwise (while the form is filled in) only
 * the fields that are not typed as text get a new message, and the others
 * only lose theirs once fixed. Returns the first field at fault, or -1. */
static int
check_fields (TonicPlanEditor *self,
              const TonicPlan *plan,
              gboolean         all)
{
  int first = -1;

  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    {
      g_autofree char *message = tonic_plan_check_field (plan, i, NULL);

      if (message != NULL && first < 0)
        first = (int) i;

      if (message == NULL || all || message_shown (self, i) || !(TYPED_FIELDS & (1u << i)))
        show_message (self, i, message);
    }

  return first;
}

/* The same, with the change note's length. */
static gboolean
check_draft (TonicPlanEditor *self,
             const TonicPlan *plan)
{
  int first = check_fields (self, plan, TRUE);
  gboolean note_ok = TRUE;

  if (plan->change_note != NULL && g_utf8_strlen (plan->change_note, -1) > TONIC_PLAN_TEXT_MAX)
    {
      g_autofree char *message = NULL;

      /* Translators: %d is the most characters a note may have */
      message = g_strdup_printf (_("Keep the note under %d characters"), TONIC_PLAN_TEXT_MAX);
      show_change_error (self, message);
      note_ok = FALSE;
    }
  else
    {
      show_change_error (self, NULL);
    }

  if (first >= 0)
    focus_field (self, first);
  else if (!note_ok)
    focus_widget (self, GTK_WIDGET (self->change_view));

  return first < 0 && note_ok;
}

/* What signing needs beyond a draft, each message next to its field. */
static gboolean
check_signable (TonicPlanEditor *self,
                const TonicPlan *plan)
{
  TonicPlanField field = TONIC_PLAN_FIELD_PROTOCOL;
  g_autofree char *message = tonic_plan_check_signable (plan, NULL, &field);

  if (message != NULL)
    {
      show_message (self, field, message);
      focus_field (self, field);
      return FALSE;
    }

  if (is_revision (self) && plan->change_note == NULL)
    {
      show_change_error (self, _("Say what changes in this version and why"));
      focus_widget (self, GTK_WIDGET (self->change_view));
      return FALSE;
    }

  return TRUE;
}

/* Following the form */

static void
update_title (TonicPlanEditor *self)
{
  g_autofree char *title = NULL;

  if (self->plan->id == 0 && !is_revision (self))
    title = g_strdup (_("New Treatment Plan"));
  else
    /* Translators: the plan form's title; %d is the version number */
    title = g_strdup_printf (_("Plan Version %d (Draft)"), version_of (self));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, tonic_patient_get_mrn (self->patient));
}

static void
update_units (TonicPlanEditor *self,
              const TonicPlan *plan)
{
  const char *dose_unit = _tonic_plans_dose_unit (plan->dose_mode);
  g_autofree char *dose = tonic_plan_format_dose (plan);

  for (guint i = 0; i < N_NUMBERS; i++)
    {
      gtk_widget_set_visible (self->number_rows[i],
                              number_applies (i, plan->route, plan->vitals_schedule.rems));
      if (in_dose_unit (i))
        gtk_label_set_label (self->units[i], dose_unit);
    }

  /* Translators: under "Dosing" in the plan form: the dose in words, such
   * as "0.5 mg/kg IV over 40 min" */
  {
    g_autofree char *description = g_strdup_printf (_("Planned: %s"), dose);

    adw_preferences_group_set_description (self->dosing_group, description);
  }
}

static void
update_screening (TonicPlanEditor *self,
                  const TonicPlan *plan)
{
  guint blocking = 0;
  guint warnings = tonic_plan_get_warning_items (plan);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *override = text_view_dup (self->override_view);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    {
      gboolean hard = tonic_screen_item_is_hard (i, plan->protocol);
      gboolean requirement = tonic_screen_item_is_requirement (i);
      gboolean answered = plan->screening[i] != TONIC_SCREEN_ANSWER_UNANSWERED;
      GtkWidget *tag = self->screen_tags[i];
      const char *subtitle;

      if (hard)
        subtitle = requirement ? _("Required: blocks signing when not done")
                               : _("Hard contraindication: blocks signing when present");
      else
        subtitle = requirement ? _("A warning when not done") : _("A warning when present");
      adw_action_row_set_subtitle (self->screen_rows[i], subtitle);

      gtk_widget_remove_css_class (tag, "error");
      gtk_widget_remove_css_class (tag, "warning");
      if (hard && answered && tonic_screen_item_blocks (i, plan->protocol, plan->screening[i]))
        {
          blocking |= 1u << i;
          gtk_label_set_label (GTK_LABEL (tag), _("Blocks signing"));
          gtk_widget_add_css_class (tag, "error");
          gtk_widget_set_visible (tag, TRUE);
          if (names->len > 0)
            /* Translators: between the names of screening items in a list */
            g_string_append (names, C_("list", ", "));
          g_string_append (names, tonic_screen_item_get_label (i));
        }
      else if (warnings & (1u << i))
        {
          gtk_label_set_label (GTK_LABEL (tag), _("Warning"));
          gtk_widget_add_css_class (tag, "warning");
          gtk_widget_set_visible (tag, TRUE);
        }
      else
        {
          gtk_widget_set_visible (tag, FALSE);
        }
    }

  /* The reason is asked while something blocks (and kept in view while it
   * holds any text). */
  gtk_widget_set_visible (self->override_group, blocking != 0 || *override != '\0');
  if (blocking != 0)
    {
      g_autofree char *description = NULL;

      /* Translators: above the override reason; %s lists screening items */
      description = g_strdup_printf (_("Signing despite: %s. Say why it is safe to go ahead."),
                                     names->str);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->override_group),
                                             description);
    }
  else
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->override_group),
                                             _("No hard contraindication blocks signing now."));
    }
}

static void
update_consent_hint (TonicPlanEditor *self)
{
  g_autofree char *iso = NULL;
  g_autofree char *typed = tonic_text_strip (gtk_editable_get_text (GTK_EDITABLE (
                                                                      self->consent_row)));
  GDate date;

  iso = read_consent (self, &date);
  /* How a date typed some other way was read. */
  if (g_date_valid (&date) && g_strcmp0 (iso, typed) != 0)
    {
      g_autofree char *shown = _tonic_patients_format_date (&date, TRUE);
      g_autofree char *hint = NULL;

      /* Translators: under the consent date; %s is a date, such as "3 April 2026" */
      hint = g_strdup_printf (_("Read as %s"), shown);
      gtk_label_set_label (self->consent_hint, hint);
      gtk_widget_set_visible (self->consent_hint_row, TRUE);
    }
  else
    {
      gtk_widget_set_visible (self->consent_hint_row, FALSE);
    }
}

static void
update_actions (TonicPlanEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.save", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.sign",
                                 !self->busy && gtk_widget_get_visible (GTK_WIDGET (
                                                                          self->sign_button)));
}

/* The whole form follows a change. */
static void
refresh (TonicPlanEditor *self)
{
  g_autoptr(TonicPlan) plan = collect (self, FALSE);

  update_units (self, plan);
  update_screening (self, plan);
  update_consent_hint (self);
  gtk_widget_set_visible (self->change_group, is_revision (self));
  check_fields (self, plan, FALSE);
}

static void
set_busy (TonicPlanEditor *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Read-only rather than insensitive: the focused field keeps its focus
   * while we wait. */
  gtk_widget_set_can_target (self->form_box, !busy);
  for (guint i = 0; i < N_NUMBERS; i++)
    gtk_editable_set_editable (GTK_EDITABLE (self->spins[i]), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->consent_row), !busy);
  gtk_text_view_set_editable (self->override_view, !busy);
  gtk_text_view_set_editable (self->goals_view, !busy);
  gtk_text_view_set_editable (self->change_view, !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
  update_actions (self);
}

static void
form_changed (TonicPlanEditor *self,
              gboolean         template_value)
{
  if (self->filling)
    return;

  self->changed = TRUE;
  if (template_value)
    self->template_edited = TRUE;
  show_error (self, NULL);
  refresh (self);
}

/* Questions */

static void
forget_dialog (TonicPlanEditor *self)
{
  if (self->dialog != NULL)
    {
      AdwMessageDialog *dialog = self->dialog;

      g_clear_weak_pointer (&self->dialog);
      g_signal_handlers_disconnect_by_data (dialog, self);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static AdwMessageDialog *
ask (TonicPlanEditor *self,
     const char      *heading,
     const char      *body,
     GCallback        on_response)
{
  AdwMessageDialog *dialog;

  forget_dialog (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect_swapped (dialog, "response", on_response, self);
  g_set_weak_pointer (&self->dialog, dialog);

  return dialog;
}

/* Saving and signing */

static void
show_store_error (TonicPlanEditor *self,
                  const GError    *error,
                  gboolean         signing)
{
  /* The store checks what the form checks: the field that fails here now
   * is named next to itself; the store's words go above the form too. */
  if (g_error_matches (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID) && self->pending != NULL)
    {
      if (check_draft (self, self->pending) && signing)
        check_signable (self, self->pending);
    }

  show_error (self, error->message);
}

static void
on_signed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TonicPlanEditor) self = user_data;
  g_autoptr(TonicPlan) signed_plan = NULL;
  g_autoptr(GError) error = NULL;

  signed_plan = tonic_store_sign_plan_finish (TONIC_STORE (object), result, &error);
  if (self->disposed)
    return;

  set_busy (self, FALSE);

  if (signed_plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_store_error (self, error, TRUE);
      return;
    }

  g_signal_emit (self, signals[SIGNED], 0, signed_plan);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_draft_saved (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TonicPlanEditor) self = user_data;
  g_autoptr(TonicPlan) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = tonic_store_save_plan_draft_finish (TONIC_STORE (object), result, &error);
  if (self->disposed)
    return;

  if (saved == NULL)
    {
      set_busy (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_store_error (self, error, FALSE);
      return;
    }

  tonic_plan_free (self->plan);
  self->plan = tonic_plan_copy (saved);
  self->changed = FALSE;
  update_title (self);
  g_signal_emit (self, signals[SAVED], 0, saved);

  if (self->sign_after_save)
    {
      tonic_store_sign_plan_async (self->store, saved->id, self->cancellable, on_signed,
                                   g_object_ref (self));
      return;
    }

  set_busy (self, FALSE);
  _tonic_toast_show_text (GTK_WIDGET (self->toast_overlay), _("Draft saved"));
}

/* Saves self->pending, then signs it when @sign. */
static void
save_pending (TonicPlanEditor *self,
              gboolean         sign)
{
  self->sign_after_save = sign;
  set_busy (self, TRUE);
  show_error (self, NULL);
  tonic_store_save_plan_draft_async (self->store, self->pending, self->cancellable,
                                     on_draft_saved, g_object_ref (self));
}

/* Takes the form for saving; FALSE (with the messages shown) when a field
 * is wrong. */
static gboolean
take_form (TonicPlanEditor *self)
{
  g_clear_pointer (&self->pending, tonic_plan_free);
  self->pending = collect (self, TRUE);
  show_error (self, NULL);

  return check_draft (self, self->pending);
}

static void
on_sign_response (TonicPlanEditor *self,
                  const char      *response)
{
  g_clear_weak_pointer (&self->dialog);

  if (g_str_equal (response, "sign") && !self->busy)
    save_pending (self, TRUE);
}

/* Template callbacks */

static void
on_save_clicked (TonicPlanEditor *self)
{
  tonic_plan_editor_save (self);
}

static void
on_sign_clicked (TonicPlanEditor *self)
{
  tonic_plan_editor_sign (self);
}

static void
on_cancel_clicked (TonicPlanEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_when_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
on_discard_response (TonicPlanEditor *self,
                     const char      *response)
{
  g_clear_weak_pointer (&self->dialog);

  if (!g_str_equal (response, "discard"))
    return;

  /* Once the question, which belongs to this window, has gone. */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle, g_object_ref (self), g_object_unref);
}

static gboolean
on_close_request (TonicPlanEditor *self)
{
  AdwMessageDialog *dialog;

  /* A save under way finishes first. */
  if (self->busy)
    return TRUE;

  if (!self->changed || self->close_confirmed)
    return FALSE;

  dialog = ask (self, _("Discard Changes?"),
                _("What was changed in the plan since it was last saved will be lost."),
                G_CALLBACK (on_discard_response));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
on_reset_clicked (TonicPlanEditor *self)
{
  TonicPlan defaults = { 0 };

  tonic_vitals_thresholds_init_default (&defaults.thresholds);
  self->filling = TRUE;
  for (guint i = 0; i < N_NUMBERS; i++)
    if (numbers[i].section == SECTION_THRESHOLDS)
      gtk_spin_button_set_value (self->spins[i], get_number (&defaults, i));
  self->filling = FALSE;

  form_changed (self, TRUE);
}

static void
on_today_clicked (TonicPlanEditor *self)
{
  GDate today;
  g_autofree char *iso = NULL;

  tonic_date_set_today (&today);
  iso = tonic_date_format_iso (&today);
  gtk_editable_set_text (GTK_EDITABLE (self->consent_row), iso);
}

static void
on_consent_changed (TonicPlanEditor *self)
{
  form_changed (self, FALSE);
}

static void
on_text_changed (TonicPlanEditor *self)
{
  form_changed (self, FALSE);
}

static void
on_template_value_changed (TonicPlanEditor *self)
{
  form_changed (self, TRUE);
}

/* New indications bring their measures and take away those only they
 * brought; measures chosen by hand stay. */
static void
on_indication_toggled (TonicPlanEditor *self)
{
  TonicIndication indications = TONIC_INDICATION_NONE;
  TonicInstrumentSet before;
  TonicInstrumentSet after;

  if (self->filling)
    return;

  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    if (gtk_check_button_get_active (self->indication_checks[i]))
      indications |= tonic_indication_nth (i);

  before = tonic_instrument_set_for_indications (self->indications);
  after = tonic_instrument_set_for_indications (indications);
  self->indications = indications;

  self->filling = TRUE;
  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    {
      TonicInstrumentSet bit = TONIC_INSTRUMENT_BIT (i);

      if ((after & bit) && !(before & bit))
        gtk_check_button_set_active (self->measure_checks[i], TRUE);
      else if ((before & bit) && !(after & bit))
        gtk_check_button_set_active (self->measure_checks[i], FALSE);
    }
  self->filling = FALSE;

  form_changed (self, FALSE);
}

/* Fills what @protocol's template sets, keeping the rest of the form. */
static void
apply_template (TonicPlanEditor *self,
                TonicProtocol    protocol)
{
  g_autoptr(TonicPlan) current = collect (self, FALSE);
  g_autoptr(TonicPlan) template = tonic_plan_new_from_protocol (protocol, current->indications);

  self->protocol = protocol;
  fill_template_fields (self, template);
  self->template_edited = FALSE;
  self->changed = TRUE;
  refresh (self);
}

static void
select_protocol (TonicPlanEditor *self,
                 TonicProtocol    protocol)
{
  self->filling = TRUE;
  adw_combo_row_set_selected (self->protocol_row, protocol);
  self->filling = FALSE;
}

static void
on_template_response (TonicPlanEditor  *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  TonicProtocol chosen = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog),
                                                             "tonic-protocol"));

  g_clear_weak_pointer (&self->dialog);

  if (g_str_equal (response, "template"))
    {
      select_protocol (self, chosen);
      apply_template (self, chosen);
    }
  else if (g_str_equal (response, "keep"))
    {
      select_protocol (self, chosen);
      self->protocol = chosen;
      form_changed (self, FALSE);
    }
  else
    {
      select_protocol (self, self->protocol);
    }
}

static void
on_protocol_selected (TonicPlanEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->protocol_row);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->filling || selected >= TONIC_N_PROTOCOLS || selected == self->protocol)
    return;

  if (!self->template_edited)
    {
      apply_template (self, selected);
      return;
    }

  /* Values changed by hand are not lost without asking. */
  /* Translators: %s is a protocol template, such as "IV pain" */
  body = g_strdup_printf (_("Measures, phases, dosing and vitals can be set from the “%s” "
                            "template; what was changed in them by hand is then lost. "
                            "Indications, screening, consent and goals stay."),
                          tonic_protocol_get_label (selected));
  dialog = ask (self, _("Use the Template’s Values?"), body, G_CALLBACK (on_template_response));
  g_object_set_data (G_OBJECT (dialog), "tonic-protocol", GINT_TO_POINTER (selected));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep My Values"),
                                    "template", _("_Use Template"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "template", ADW_RESPONSE_DESTRUCTIVE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_screen_toggled (GtkToggleButton *button,
                   TonicPlanEditor *self)
{
  /* Each answer reports twice (one button up, one down): once is enough. */
  if (gtk_toggle_button_get_active (button))
    form_changed (self, FALSE);
}

/* Building the form */

static GtkWidget *
message_row_new (AdwPreferencesGroup *group,
                 GtkLabel           **label_out,
                 gboolean             error)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_add_css_class (label, error ? "error" : "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_visible (row, FALSE);
  adw_preferences_group_add (group, row);

  *label_out = GTK_LABEL (label);
  return row;
}

/* The row under @field's rows that holds its message. */
static void
add_message_row (TonicPlanEditor     *self,
                 AdwPreferencesGroup *group,
                 TonicPlanField       field)
{
  self->message_holders[field] = message_row_new (group, &self->messages[field], TRUE);
}

static GtkWidget *
check_row_new (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle,
               GtkCheckButton     **check_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);

  *check_out = GTK_CHECK_BUTTON (check);
  return row;
}

static AdwComboRow *
combo_row_new (AdwPreferencesGroup *group,
               const char          *title,
               GtkStringList       *items)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (items));
  adw_preferences_group_add (group, row);

  return ADW_COMBO_ROW (row);
}

static void
build_number (TonicPlanEditor     *self,
              AdwPreferencesGroup *group,
              Number               number)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, numbers[number].upper,
                                                    numbers[number].step);
  GtkWidget *unit = gtk_label_new (numbers[number].unit != NULL ? _(numbers[number].unit) : NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(numbers[number].title));
  if (numbers[number].subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(numbers[number].subtitle));

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), numbers[number].digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(numbers[number].title), -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_template_value_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  /* Units line up in a column. */
  gtk_label_set_xalign (GTK_LABEL (unit), 0);
  gtk_label_set_width_chars (GTK_LABEL (unit), 5);
  gtk_widget_add_css_class (unit, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);

  self->number_rows[number] = row;
  self->spins[number] = GTK_SPIN_BUTTON (spin);
  self->units[number] = GTK_LABEL (unit);
}

/* The numbers of @section, each field's message under its last row. */
static void
build_numbers (TonicPlanEditor     *self,
               AdwPreferencesGroup *group,
               Section              section,
               TonicPlanField       first_field)
{
  TonicPlanField field = first_field;

  for (guint i = 0; i < N_NUMBERS; i++)
    {
      if (numbers[i].section != section)
        continue;

      if (numbers[i].field != field)
        {
          if (self->message_holders[field] == NULL)
            add_message_row (self, group, field);
          field = numbers[i].field;
        }
      build_number (self, group, i);
    }

  if (self->message_holders[field] == NULL)
    add_message_row (self, group, field);
}

static void
build_protocol (TonicPlanEditor *self)
{
  g_autoptr(GtkStringList) protocols = gtk_string_list_new (NULL);

  for (guint i = 0; i < TONIC_N_PROTOCOLS; i++)
    gtk_string_list_append (protocols, tonic_protocol_get_label (i));

  self->protocol_row = combo_row_new (self->protocol_group, _("Template"), protocols);
  /* The template's name in full, under the title. */
  adw_combo_row_set_use_subtitle (self->protocol_row, TRUE);
  g_signal_connect_swapped (self->protocol_row, "notify::selected",
                            G_CALLBACK (on_protocol_selected), self);
  add_message_row (self, self->protocol_group, TONIC_PLAN_FIELD_PROTOCOL);
}

/* What the chosen template sets, above it. */
static void
update_protocol_description (TonicPlanEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->protocol_row);

  adw_preferences_group_set_description (self->protocol_group,
                                         selected < TONIC_N_PROTOCOLS
                                         ? tonic_protocol_get_description (selected) : NULL);
}

static void
build_lists (TonicPlanEditor *self)
{
  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    {
      check_row_new (self->indications_group, tonic_indication_get_label (tonic_indication_nth (i)),
                     NULL, &self->indication_checks[i]);
      g_signal_connect_swapped (self->indication_checks[i], "toggled",
                                G_CALLBACK (on_indication_toggled), self);
    }
  add_message_row (self, self->indications_group, TONIC_PLAN_FIELD_INDICATIONS);

  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    {
      check_row_new (self->measures_group, tonic_instrument_get_label (i),
                     tonic_instrument_get_title (i), &self->measure_checks[i]);
      g_signal_connect_swapped (self->measure_checks[i], "toggled",
                                G_CALLBACK (on_template_value_changed), self);
    }
  add_message_row (self, self->measures_group, TONIC_PLAN_FIELD_MEASURES);
}

static void
build_dosing (TonicPlanEditor *self)
{
  g_autoptr(GtkStringList) routes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);

  for (guint i = 0; i < TONIC_N_ROUTES; i++)
    gtk_string_list_append (routes, tonic_route_get_label (i));
  gtk_string_list_append (modes, _tonic_plans_dose_mode_label (TONIC_DOSE_MODE_PER_KG));
  gtk_string_list_append (modes, _tonic_plans_dose_mode_label (TONIC_DOSE_MODE_FIXED));

  self->route_row = combo_row_new (self->dosing_group, _("Route"), routes);
  g_signal_connect_swapped (self->route_row, "notify::selected",
                            G_CALLBACK (on_template_value_changed), self);
  add_message_row (self, self->dosing_group, TONIC_PLAN_FIELD_ROUTE);

  self->mode_row = combo_row_new (self->dosing_group, _("Dose by"), modes);
  g_signal_connect_swapped (self->mode_row, "notify::selected",
                            G_CALLBACK (on_template_value_changed), self);

  build_numbers (self, self->dosing_group, SECTION_DOSING, TONIC_PLAN_FIELD_DOSE);
}

static void
build_vitals (TonicPlanEditor *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("REMS schedule"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Esketamine: before dosing, once after the dose, and before "
                                 "discharge"));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (on_template_value_changed),
                            self);
  adw_preferences_group_add (self->schedule_group, row);
  self->rems_row = ADW_ACTION_ROW (row);
  self->rems_switch = GTK_SWITCH (toggle);

  build_numbers (self, self->schedule_group, SECTION_SCHEDULE,
                 TONIC_PLAN_FIELD_VITALS_SCHEDULE);
  build_numbers (self, self->thresholds_group, SECTION_THRESHOLDS, TONIC_PLAN_FIELD_THRESHOLDS);
}

static void
build_screening (TonicPlanEditor *self)
{
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *tag = _tonic_patients_tag_new ("", FALSE);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *no = gtk_toggle_button_new_with_mnemonic (_("No"));
      GtkWidget *yes = gtk_toggle_button_new_with_mnemonic (_("Yes"));
      g_autofree char *no_label = NULL;
      g_autofree char *yes_label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tonic_screen_item_get_label (i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

      gtk_widget_set_visible (tag, FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);

      /* Two linked buttons, one answer: neither is pressed until it is
       * answered. */
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (yes), GTK_TOGGLE_BUTTON (no));
      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      /* Translators: the accessible names of the answers to a screening
       * item; %s is the item, such as "Pregnancy or breastfeeding" */
      no_label = g_strdup_printf (_("%s: no"), tonic_screen_item_get_label (i));
      yes_label = g_strdup_printf (_("%s: yes"), tonic_screen_item_get_label (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (no), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      no_label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (yes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      yes_label, -1);
      g_signal_connect (no, "toggled", G_CALLBACK (on_screen_toggled), self);
      g_signal_connect (yes, "toggled", G_CALLBACK (on_screen_toggled), self);
      gtk_box_append (GTK_BOX (box), no);
      gtk_box_append (GTK_BOX (box), yes);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      adw_preferences_group_add (self->screening_group, row);

      self->screen_rows[i] = ADW_ACTION_ROW (row);
      self->screen_tags[i] = tag;
      self->screen_no[i] = GTK_TOGGLE_BUTTON (no);
      self->screen_yes[i] = GTK_TOGGLE_BUTTON (yes);
    }
  add_message_row (self, self->screening_group, TONIC_PLAN_FIELD_SCREENING);
}

static void
build_form (TonicPlanEditor *self)
{
  build_protocol (self);
  build_lists (self);
  build_numbers (self, self->phases_group, SECTION_PHASES, TONIC_PLAN_FIELD_INDUCTION);
  build_dosing (self);
  build_vitals (self);
  build_screening (self);

  add_message_row (self, self->consent_group, TONIC_PLAN_FIELD_CONSENT_DATE);
  self->consent_hint_row = message_row_new (self->consent_group, &self->consent_hint, FALSE);

  /* The text fields have their labels in the template. */
  self->messages[TONIC_PLAN_FIELD_OVERRIDE_REASON] = self->override_error;
  self->message_holders[TONIC_PLAN_FIELD_OVERRIDE_REASON] = GTK_WIDGET (self->override_error);
  self->messages[TONIC_PLAN_FIELD_GOALS] = self->goals_error;
  self->message_holders[TONIC_PLAN_FIELD_GOALS] = GTK_WIDGET (self->goals_error);

  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    g_assert (self->messages[i] != NULL);

  g_signal_connect_swapped (self->protocol_row, "notify::selected",
                            G_CALLBACK (update_protocol_description), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->override_view), "changed",
                            G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->goals_view), "changed",
                            G_CALLBACK (on_text_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->change_view), "changed",
                            G_CALLBACK (on_text_changed), self);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tonic_plan_editor_save (TONIC_PLAN_EDITOR (widget));
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tonic_plan_editor_sign (TONIC_PLAN_EDITOR (widget));
}

/* GObject */

static void
tonic_plan_editor_dispose (GObject *object)
{
  TonicPlanEditor *self = TONIC_PLAN_EDITOR (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  forget_dialog (self);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_weak_pointer (&self->scroll_target);

  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_PLAN_EDITOR);

  /* Nothing of the patient outlives the window. */
  g_clear_pointer (&self->plan, tonic_plan_free);
  g_clear_pointer (&self->pending, tonic_plan_free);
  g_clear_object (&self->patient);

  G_OBJECT_CLASS (tonic_plan_editor_parent_class)->dispose (object);
}

static void
tonic_plan_editor_finalize (GObject *object)
{
  TonicPlanEditor *self = TONIC_PLAN_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_plan_editor_parent_class)->finalize (object);
}

static void
tonic_plan_editor_class_init (TonicPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_plan_editor_dispose;
  object_class->finalize = tonic_plan_editor_finalize;

  /**
   * TonicPlanEditor::saved:
   * @plan: the draft as stored
   *
   * The draft was saved (also on the way to signing it).
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TONIC_TYPE_PLAN);
  /**
   * TonicPlanEditor::signed:
   * @plan: the signed version
   *
   * The version was signed; the window closes.
   */
  signals[SIGNED] =
    g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, TONIC_TYPE_PLAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/plans/tonic-plan-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TonicPlanEditor, name)
  BIND (toast_overlay);
  BIND (window_title);
  BIND (cancel_button);
  BIND (save_button);
  BIND (sign_button);
  BIND (spinner);
  BIND (scrolled);
  BIND (form_box);
  BIND (error_label);
  BIND (protocol_group);
  BIND (indications_group);
  BIND (measures_group);
  BIND (phases_group);
  BIND (dosing_group);
  BIND (schedule_group);
  BIND (thresholds_group);
  BIND (screening_group);
  BIND (override_group);
  BIND (override_frame);
  BIND (override_view);
  BIND (override_error);
  BIND (consent_group);
  BIND (consent_row);
  BIND (goals_frame);
  BIND (goals_view);
  BIND (goals_error);
  BIND (change_group);
  BIND (change_frame);
  BIND (change_view);
  BIND (change_error);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_consent_changed);

  gtk_widget_class_install_action (widget_class, "plan.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "plan.sign", NULL, sign_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "plan.save",
                                       NULL);
  /* Escape cancels, as in every dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tonic_plan_editor_init (TonicPlanEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _tonic_patients_ensure_style (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  build_form (self);

  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->scrolled)),
                                    FALSE);
  g_signal_connect_swapped (self, "notify::focus-widget", G_CALLBACK (on_focus_changed), self);
}

TonicPlanEditor *
tonic_plan_editor_new (GtkWindow       *parent,
                       TonicStore      *store,
                       TonicStaff      *actor,
                       TonicPatient    *patient,
                       const TonicPlan *plan)
{
  TonicPlanEditor *self;
  TonicRole role;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TONIC_IS_STORE (store), NULL);
  g_return_val_if_fail (TONIC_IS_STAFF (actor), NULL);
  g_return_val_if_fail (TONIC_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  self = g_object_new (TONIC_TYPE_PLAN_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->actor = g_object_ref (actor);
  self->patient = g_object_ref (patient);
  self->plan = tonic_plan_copy (plan);
  self->plan->patient_id = tonic_patient_get_id (patient);

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  /* Only what the role may use is there. */
  role = tonic_staff_get_role (actor);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_button),
                          tonic_permission_allows (role, TONIC_ACTION_PLAN_SIGN));
  gtk_widget_set_visible (GTK_WIDGET (self->save_button),
                          tonic_permission_allows (role, TONIC_ACTION_PLAN_EDIT));

  fill (self, self->plan);
  update_protocol_description (self);
  update_title (self);
  refresh (self);
  update_actions (self);

  return self;
}

const TonicPlan *
tonic_plan_editor_get_plan (TonicPlanEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);

  return self->plan;
}

gboolean
tonic_plan_editor_get_changed (TonicPlanEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), FALSE);

  return self->changed;
}

void
tonic_plan_editor_save (TonicPlanEditor *self)
{
  g_return_if_fail (TONIC_IS_PLAN_EDITOR (self));

  if (self->busy || !gtk_widget_get_visible (GTK_WIDGET (self->save_button)))
    return;

  if (take_form (self))
    save_pending (self, FALSE);
}

void
tonic_plan_editor_sign (TonicPlanEditor *self)
{
  g_autofree char *heading = NULL;
  GString *body;
  AdwMessageDialog *dialog;
  guint blocking;

  g_return_if_fail (TONIC_IS_PLAN_EDITOR (self));

  if (self->busy || !gtk_widget_get_visible (GTK_WIDGET (self->sign_button)))
    return;

  if (!take_form (self) || !check_signable (self, self->pending))
    return;

  /* Translators: %d is the plan's version number */
  heading = g_strdup_printf (_("Sign Plan Version %d?"), version_of (self));
  body = g_string_new (_("It is signed in your name now. A signed version is read-only: a later "
                         "change makes a new version."));

  blocking = tonic_plan_get_blocking_items (self->pending);
  if (blocking != 0)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("A hard contraindication is overridden, with the reason given."));
    }

  dialog = ask (self, heading, body->str, G_CALLBACK (on_sign_response));
  g_string_free (body, TRUE);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign", _("_Sign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign", ADW_RESPONSE_SUGGESTED);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkSpinButton *
_tonic_plan_editor_get_spin (TonicPlanEditor *self,
                             const char      *id)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);

  for (guint i = 0; i < N_NUMBERS; i++)
    if (g_str_equal (numbers[i].id, id))
      return self->spins[i];

  return NULL;
}

GtkLabel *
_tonic_plan_editor_get_message (TonicPlanEditor *self,
                                TonicPlanField   field)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);
  g_return_val_if_fail (field < TONIC_N_PLAN_FIELDS, NULL);

  return self->messages[field];
}

GtkWidget *
_tonic_plan_editor_get_field_row (TonicPlanEditor *self,
                                  TonicPlanField   field)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);
  g_return_val_if_fail (field < TONIC_N_PLAN_FIELDS, NULL);

  for (guint i = 0; i < N_NUMBERS; i++)
    if (numbers[i].field == field)
      return self->number_rows[i];

  return field_row (self, field, NULL);
}

GtkCheckButton *
_tonic_plan_editor_get_indication_check (TonicPlanEditor *self,
                                         TonicIndication  indication)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);

  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    if (tonic_indication_nth (i) == indication)
      return self->indication_checks[i];

  return NULL;
}

GtkCheckButton *
_tonic_plan_editor_get_measure_check (TonicPlanEditor *self,
                                      TonicInstrument  instrument)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);
  g_return_val_if_fail (instrument < TONIC_N_INSTRUMENTS, NULL);

  return self->measure_checks[instrument];
}

GtkToggleButton *
_tonic_plan_editor_get_screen_button (TonicPlanEditor *self,
                                      TonicScreenItem  item,
                                      gboolean         yes)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);
  g_return_val_if_fail (item < TONIC_N_SCREEN_ITEMS, NULL);

  return yes ? self->screen_yes[item] : self->screen_no[item];
}

AdwComboRow *
_tonic_plan_editor_get_protocol_row (TonicPlanEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);

  return self->protocol_row;
}

AdwMessageDialog *
_tonic_plan_editor_get_dialog (TonicPlanEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), NULL);

  return self->dialog;
}

gboolean
_tonic_plan_editor_get_busy (TonicPlanEditor *self)
{
  g_return_val_if_fail (TONIC_IS_PLAN_EDITOR (self), FALSE);

  return self->busy;
}
