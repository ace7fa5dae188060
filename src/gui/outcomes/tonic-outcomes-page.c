/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-outcomes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-outcome-chart.h"
#include "tonic-outcomes-page.h"
#include "tonic-patients-private.h"
#include "tonic-progress-report.h"
#include "tonic-toast.h"

/* A course of treatment, as its plan versions tell it. */
typedef struct
{
  gint64     course_id;
  TonicPlan *plan;       /* in plans: its newest signed version */
  char      *from;       /* UTC moment of its first session, else of the signing */
  guint      n_sessions;
} Course;

struct _TonicOutcomesPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *error_status;
  GtkLabel            *course_title;
  GtkLabel            *course_subtitle;
  GtkDropDown         *course_dropdown;
  GtkFlowBox          *charts_box;
  AdwPreferencesGroup *flags_group;

  TonicStore   *store;
  TonicStaff   *actor;
  TonicPatient *patient;
  GCancellable *cancellable;

  /* What the last load read. */
  GPtrArray    *plans;          /* TonicPlan */
  GPtrArray    *sessions;       /* TonicSession, whole */
  char         *practice_name;
  GError       *load_error;
  guint         n_loading;
  gboolean      loaded;

  GArray       *courses;        /* Course, the open one first */
  gint64        course_id;      /* the one shown (kept across reloads) */
  GPtrArray    *charts;         /* TonicOutcomeChart, shown */
  GPtrArray    *flag_rows;      /* rows in flags_group */
  gboolean      filling;        /* the dropdown is being set, not by a person */
  GtkNativeDialog *chooser;     /* the file chooser open, if any */
};

G_DEFINE_FINAL_TYPE (TonicOutcomesPage, tonic_outcomes_page, ADW_TYPE_BIN)

#define CHART_INDEX_KEY "tonic-chart-index"

static void load (TonicOutcomesPage *self);

/* Helpers */

static void
clear_course (gpointer data)
{
  Course *course = data;

  g_free (course->from);
}

static char *
format_day (const char *utc)
{
  g_autoptr(GDateTime) time = utc != NULL ? g_date_time_new_from_iso8601 (utc, NULL) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return g_strdup ("");

  /* Translators: the day a course began, in strftime() format, such as
   * "3 March 2026" */
  return g_date_time_format (local, _("%-d %B %Y"));
}

static gboolean
is_open (const Course *course)
{
  return course->plan->status != TONIC_PLAN_STATUS_ENDED;
}

static int
compare_courses (gconstpointer a,
                 gconstpointer b)
{
  const Course *x = a;
  const Course *y = b;

  /* The open course first, then the newest. */
  if (is_open (x) != is_open (y))
    return is_open (x) ? -1 : 1;
  return -g_strcmp0 (x->from, y->from);
}

/* The courses of the plans read, each with its newest signed version and
 * the sessions documented in it. */
static void
build_courses (TonicOutcomesPage *self)
{
  g_array_set_size (self->courses, 0);

  for (guint i = 0; i < self->plans->len; i++)
    {
      TonicPlan *plan = g_ptr_array_index (self->plans, i);
      Course *found = NULL;

      if (plan->status == TONIC_PLAN_STATUS_DRAFT)
        continue;

      for (guint c = 0; c < self->courses->len && found == NULL; c++)
        if (g_array_index (self->courses, Course, c).course_id == plan->course_id)
          found = &g_array_index (self->courses, Course, c);

      if (found == NULL)
        {
          Course course = { plan->course_id, plan, g_strdup (plan->signed_at), 0 };

          g_array_append_val (self->courses, course);
        }
      else if (plan->version > found->plan->version)
        {
          found->plan = plan;
        }
    }

  for (guint c = 0; c < self->courses->len; c++)
    {
      Course *course = &g_array_index (self->courses, Course, c);

      for (guint i = 0; i < self->sessions->len; i++)
        {
          TonicSession *session = g_ptr_array_index (self->sessions, i);
          const char *held_at = tonic_session_get_held_at (session);

          if (session->course_id != course->course_id)
            continue;

          course->n_sessions++;
          if (held_at != NULL && g_strcmp0 (held_at, course->from) < 0)
            {
              g_free (course->from);
              course->from = g_strdup (held_at);
            }
        }
    }

  g_array_sort (self->courses, compare_courses);
}

static const Course *
shown_course (TonicOutcomesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->course_dropdown);

  if (self->courses->len == 0)
    return NULL;

  return &g_array_index (self->courses, Course, MIN (selected, self->courses->len - 1));
}

static gboolean
allowed (TonicOutcomesPage *self,
         TonicAction        action)
{
  return self->actor != NULL && tonic_permission_allows (tonic_staff_get_role (self->actor), action);
}

/* Showing a course */

static GtkWidget *
new_chart_card (TonicOutcomesPage  *self,
                TonicOutcomeSeries *series,
                const TonicPlan    *plan,
                guint               index)
{
  TonicInstrument instrument = tonic_outcome_series_get_instrument (series);
  TonicOutcomeStatus status = tonic_outcome_series_get_status (series);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (tonic_instrument_get_label (instrument));
  GtkWidget *subtitle = gtk_label_new (tonic_instrument_get_title (instrument));
  GtkWidget *status_label = gtk_label_new (tonic_outcome_status_get_label (status));
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *chart = tonic_outcome_chart_new ();
  GtkWidget *summary = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *png = g_strdup_printf ("outcomes.export-png(uint32 %u)", index);
  g_autofree char *svg = g_strdup_printf ("outcomes.export-svg(uint32 %u)", index);
  g_autofree char *menu_label = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "outcome-card");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (titles), title);
  gtk_box_append (GTK_BOX (titles), subtitle);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (header), titles);

  gtk_widget_set_valign (status_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status_label, "outcome-status");
  switch (status)
    {
    case TONIC_OUTCOME_RESPONSE:
    case TONIC_OUTCOME_SUSTAINED_RESPONSE:
    case TONIC_OUTCOME_REMISSION:
      gtk_widget_add_css_class (status_label, "success");
      break;
    case TONIC_OUTCOME_WORSE:
      gtk_widget_add_css_class (status_label, "warning");
      break;
    case TONIC_OUTCOME_NO_BASELINE:
    case TONIC_OUTCOME_BASELINE:
    case TONIC_OUTCOME_UNCHANGED:
    case TONIC_OUTCOME_IMPROVING:
    default:
      gtk_widget_add_css_class (status_label, "dim-label");
      break;
    }
  gtk_box_append (GTK_BOX (header), status_label);

  g_menu_append (menu, _("Export as _PNG…"), png);
  g_menu_append (menu, _("Export as _SVG…"), svg);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  /* Translators: the tooltip of a chart's menu; %s is a rating scale ("PHQ-9") */
  menu_label = g_strdup_printf (_("Export the %s chart"), tonic_instrument_get_label (instrument));
  gtk_widget_set_tooltip_text (menu_button, menu_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_label, -1);
  gtk_box_append (GTK_BOX (header), menu_button);
  gtk_box_append (GTK_BOX (card), header);

  tonic_outcome_chart_set_series (TONIC_OUTCOME_CHART (chart), series);
  if (plan->maintenance_max_weeks > 0)
    tonic_outcome_chart_set_booster_gap_days (TONIC_OUTCOME_CHART (chart),
                                              (guint) plan->maintenance_max_weeks * 7);
  gtk_widget_set_size_request (chart, 320, 260);
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_box_append (GTK_BOX (card), chart);
  g_ptr_array_add (self->charts, chart);

  summary = gtk_label_new (tonic_chart_get_summary (TONIC_CHART (chart)));
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_box_append (GTK_BOX (card), summary);

  return card;
}

static void
clear_shown (TonicOutcomesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->charts_box))) != NULL)
    gtk_flow_box_remove (self->charts_box, child);
  g_ptr_array_set_size (self->charts, 0);

  for (guint i = 0; i < self->flag_rows->len; i++)
    adw_preferences_group_remove (self->flags_group, g_ptr_array_index (self->flag_rows, i));
  g_ptr_array_set_size (self->flag_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->flags_group), FALSE);
}

/* The safety flags raised in the course, oldest first. */
static void
show_flags (TonicOutcomesPage *self,
            const Course      *course)
{
  for (int i = (int) self->sessions->len - 1; i >= 0; i--)
    {
      TonicSession *session = g_ptr_array_index (self->sessions, i);
      g_autofree char *day = NULL;

      if (session->course_id != course->course_id)
        continue;

      day = format_day (tonic_session_get_held_at (session));
      for (guint s = 0; s < session->scores->len; s++)
        {
          TonicSessionScore *score = g_ptr_array_index (session->scores, s);
          g_autofree char *title = NULL;
          g_autofree char *subtitle = NULL;
          GtkWidget *row;
          GtkWidget *icon;
          gboolean seen;

          if (score->score.safety == TONIC_SAFETY_NONE)
            continue;

          seen = score->acknowledged_by != 0 || score->acknowledged_at != NULL;
          /* Translators: a safety flag on the Outcomes tab: the day, the
           * session's number, the flag ("PHQ-9 item 9: thoughts of
           * self-harm reported") */
          title = g_strdup_printf (_("%s · Session %d · %s"), day, session->number,
                                   tonic_safety_flag_get_message (score->score.safety));
          if (seen)
            /* Translators: under a safety flag: who acknowledged it, and
             * what they wrote */
            subtitle = g_strdup_printf (_("Acknowledged by %s: %s"),
                                        score->acknowledged_by_name != NULL
                                          ? score->acknowledged_by_name : "",
                                        score->acknowledgement != NULL
                                          ? score->acknowledgement : "");
          else
            subtitle = g_strdup (_("Waiting for a clinician’s acknowledgement"));

          row = _tonic_patients_value_row_new (title, subtitle);
          icon = gtk_image_new_from_icon_name (seen ? "object-select-symbolic"
                                                    : "dialog-warning-symbolic");
          if (!seen)
            gtk_widget_add_css_class (icon, "warning");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_preferences_group_add (self->flags_group, row);
          g_ptr_array_add (self->flag_rows, row);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->flags_group), self->flag_rows->len > 0);
}

static void
show_course (TonicOutcomesPage *self)
{
  const Course *course = shown_course (self);
  const TonicPlan *plan;
  g_autofree char *from = NULL;
  g_autofree char *subtitle = NULL;
  guint n_charts = 0;

  clear_shown (self);
  if (course == NULL)
    return;

  plan = course->plan;
  self->course_id = course->course_id;
  from = format_day (course->from);
  gtk_label_set_label (self->course_title,
                       is_open (course) ? _("Current Course") : _("Ended Course"));
  /* Translators: under the course's title: the protocol ("IV ketamine for
   * depression"), the day it began and how many sessions it has */
  subtitle = g_strdup_printf (ngettext ("%s · from %s · %u session",
                                        "%s · from %s · %u sessions", course->n_sessions),
                              tonic_protocol_get_label (plan->protocol), from,
                              course->n_sessions);
  gtk_label_set_label (self->course_subtitle, subtitle);

  for (guint i = 0; i < TONIC_N_INSTRUMENTS; i++)
    {
      g_autoptr(TonicOutcomeSeries) series = NULL;

      if ((plan->measures & TONIC_INSTRUMENT_BIT (i)) == 0 ||
          tonic_instrument_get_kind (i) != TONIC_INSTRUMENT_KIND_OUTCOME)
        continue;

      series = tonic_outcome_series_new_for_course (self->sessions, course->course_id, i, NULL);
      gtk_flow_box_append (self->charts_box, new_chart_card (self, series, plan, n_charts++));
    }

  show_flags (self, course);
}

static void
fill_courses (TonicOutcomesPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint c = 0; c < self->courses->len; c++)
    {
      const Course *course = &g_array_index (self->courses, Course, c);
      g_autofree char *from = format_day (course->from);
      g_autofree char *name = NULL;

      if (is_open (course))
        /* Translators: a choice of course; %s is the day it began */
        name = g_strdup_printf (_("Current course, from %s"), from);
      else
        /* Translators: a choice of course; %s is the day it began */
        name = g_strdup_printf (_("Ended course, from %s"), from);
      gtk_string_list_append (names, name);
      if (course->course_id == self->course_id)
        selected = c;
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->course_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->course_dropdown, selected);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->course_dropdown), self->courses->len > 1);
}

static void
show_loaded (TonicOutcomesPage *self)
{
  if (self->load_error != NULL)
    {
      adw_status_page_set_description (self->error_status, self->load_error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  self->loaded = TRUE;
  build_courses (self);
  if (self->courses->len == 0)
    {
      clear_shown (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  fill_courses (self);
  show_course (self);
  gtk_stack_set_visible_child_name (self->stack, "charts");
}

/* Loading */

static gboolean
finish_one (TonicOutcomesPage *self,
            GError            *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->patient == NULL)
    return FALSE;

  if (error != NULL && self->load_error == NULL)
    self->load_error = g_error_copy (error);

  return --self->n_loading == 0;
}

static void
on_plans_listed (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TonicOutcomesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *plans = tonic_store_list_plans_finish (TONIC_STORE (object), result, &error);

  if (plans != NULL)
    {
      g_clear_pointer (&self->plans, g_ptr_array_unref);
      self->plans = plans;
    }
  if (finish_one (self, error))
    show_loaded (self);
}

static void
on_sessions_listed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TonicOutcomesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *sessions = tonic_store_list_sessions_finish (TONIC_STORE (object), result, &error);

  if (sessions != NULL)
    {
      g_clear_pointer (&self->sessions, g_ptr_array_unref);
      self->sessions = sessions;
    }
  if (finish_one (self, error))
    show_loaded (self);
}

static void
on_practice_read (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TonicOutcomesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicPractice) practice = tonic_store_get_practice_finish (TONIC_STORE (object),
                                                                       result, &error);

  if (practice != NULL)
    {
      g_free (self->practice_name);
      self->practice_name = g_strdup (tonic_practice_get_name (practice));
    }
  if (finish_one (self, error))
    show_loaded (self);
}

static void
load (TonicOutcomesPage *self)
{
  gint64 patient_id;

  if (self->patient == NULL || self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_error (&self->load_error);

  if (!allowed (self, TONIC_ACTION_CLINICAL_VIEW))
    {
      gtk_stack_set_visible_child_name (self->stack, "nothing");
      return;
    }

  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  patient_id = tonic_patient_get_id (self->patient);
  self->n_loading = 3;
  tonic_store_list_plans_async (self->store, patient_id, self->cancellable, on_plans_listed,
                                g_object_ref (self));
  tonic_store_list_sessions_async (self->store, patient_id, self->cancellable,
                                   on_sessions_listed, g_object_ref (self));
  tonic_store_get_practice_async (self->store, self->cancellable, on_practice_read,
                                  g_object_ref (self));
}

/* Saving, exporting and printing: each audited once done. */

static void
on_audited (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* What was saved or printed stays so; the trail says it could not be
   * written (the store logs the cause). */
  if (!tonic_store_audit_finish (TONIC_STORE (object), result, &error))
    g_warning ("Could not audit a report: %s", error->message);
}

static void
audit (TonicOutcomesPage *self,
       const char        *action,
       const char        *detail)
{
  gint64 patient_id = tonic_patient_get_id (self->patient);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, patient_id);

  tonic_store_audit_async (self->store, action, patient_id, "patient", id, detail, NULL,
                           on_audited, NULL);
}

static TonicProgressReport *
new_report (TonicOutcomesPage *self)
{
  const Course *course = shown_course (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (course == NULL || self->patient == NULL)
    return NULL;

  /* The report draws its own series from the signed sessions. */
  return tonic_progress_report_new (self->practice_name != NULL ? self->practice_name : "",
                                    self->patient, course->plan, self->sessions, NULL,
                                    tonic_staff_get_display_name (self->actor), now);
}

static void
save_report (TonicOutcomesPage *self,
             GFile             *file)
{
  g_autoptr(TonicProgressReport) report = new_report (self);
  g_autoptr(GError) error = NULL;

  if (report == NULL)
    return;

  if (!tonic_progress_report_write_pdf (report, file, &error))
    {
      _tonic_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  audit (self, "report.export", "progress report, PDF");
  _tonic_toast_show_text (GTK_WIDGET (self), _("Progress report saved"));
}

static void
export_chart (TonicOutcomesPage *self,
              guint              index,
              GFile             *file)
{
  TonicChartFormat format = TONIC_CHART_FORMAT_PNG;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  TonicChart *chart;
  TonicInstrument instrument;

  if (index >= self->charts->len)
    return;

  chart = g_ptr_array_index (self->charts, index);
  instrument = tonic_outcome_series_get_instrument (
    tonic_outcome_chart_get_series (TONIC_OUTCOME_CHART (chart)));
  tonic_chart_format_from_filename (name, &format);
  if (!tonic_chart_export (chart, file, format, 900, 360, &error))
    {
      _tonic_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  detail = g_strdup_printf ("chart %s, %s", tonic_instrument_to_string (instrument),
                            format == TONIC_CHART_FORMAT_SVG ? "SVG" : "PNG");
  audit (self, "report.export", detail);
  _tonic_toast_show_text (GTK_WIDGET (self), _("Chart exported"));
}

typedef struct
{
  TonicOutcomesPage *self;
  int                chart;    /* -1: the report */
} Choosing;

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autofree Choosing *choosing = user_data;
  g_autoptr(TonicOutcomesPage) self = choosing->self;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (self->chooser == dialog)
    g_clear_object (&self->chooser);

  if (file == NULL || self->patient == NULL)
    return;

  if (choosing->chart < 0)
    save_report (self, file);
  else
    export_chart (self, (guint) choosing->chart, file);
}

static void
choose_file (TonicOutcomesPage *self,
             const char        *title,
             const char        *name,
             int                chart)
{
  GtkFileChooserNative *chooser;
  Choosing *choosing = g_new0 (Choosing, 1);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  chooser = gtk_file_chooser_native_new (title, _tonic_patients_get_parent_window (GTK_WIDGET (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  choosing->self = g_object_ref (self);
  choosing->chart = chart;
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), choosing);
  gtk_native_dialog_show (self->chooser);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TonicOutcomesPage *self = TONIC_OUTCOMES_PAGE (widget);
  g_autoptr(TonicProgressReport) report = new_report (self);
  g_autofree char *name = NULL;

  if (report == NULL)
    return;

  name = tonic_progress_report_dup_file_name (report);
  choose_file (self, _("Save Progress Report"), name, -1);
}

static void
on_printed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TonicOutcomesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tonic_progress_report_print_finish (TONIC_PROGRESS_REPORT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->patient != NULL)
        _tonic_toast_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (self->patient != NULL)
    audit (self, "report.print", "progress report");
}

static void
print_report_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TonicOutcomesPage *self = TONIC_OUTCOMES_PAGE (widget);
  g_autoptr(TonicProgressReport) report = new_report (self);

  if (report == NULL)
    return;

  tonic_progress_report_print_async (report, _tonic_patients_get_parent_window (widget),
                                     self->cancellable, on_printed, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TonicOutcomesPage *self = TONIC_OUTCOMES_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);
  gboolean svg = g_str_equal (action_name, "outcomes.export-svg");
  g_autofree char *name = NULL;
  TonicInstrument instrument;

  if (index >= self->charts->len || self->patient == NULL)
    return;

  instrument = tonic_outcome_series_get_instrument (
    tonic_outcome_chart_get_series (g_ptr_array_index (self->charts, index)));
  /* A name that names no one: the scale and the MRN. */
  name = g_strdup_printf ("%s-%s.%s", tonic_instrument_to_string (instrument),
                          tonic_patient_get_mrn (self->patient), svg ? "svg" : "png");
  choose_file (self, _("Export Chart"), name, (int) index);
}

/* Callbacks */

static void
on_course_selected (TonicOutcomesPage *self)
{
  if (self->filling || !self->loaded)
    return;

  show_course (self);
}

/* GObject and GtkWidget */

static void
tonic_outcomes_page_map (GtkWidget *widget)
{
  TonicOutcomesPage *self = TONIC_OUTCOMES_PAGE (widget);

  GTK_WIDGET_CLASS (tonic_outcomes_page_parent_class)->map (widget);

  /* Back from a session: what changed meanwhile. */
  if (self->loaded)
    load (self);
}

static void
tonic_outcomes_page_dispose (GObject *object)
{
  TonicOutcomesPage *self = TONIC_OUTCOMES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->charts != NULL)
    g_ptr_array_set_size (self->charts, 0);
  if (self->flag_rows != NULL)
    g_ptr_array_set_size (self->flag_rows, 0);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TONIC_TYPE_OUTCOMES_PAGE);

  g_clear_object (&self->store);
  g_clear_object (&self->actor);
  g_clear_object (&self->patient);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tonic_outcomes_page_parent_class)->dispose (object);
}

static void
tonic_outcomes_page_finalize (GObject *object)
{
  TonicOutcomesPage *self = TONIC_OUTCOMES_PAGE (object);

  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->courses, g_array_unref);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->flag_rows, g_ptr_array_unref);
  g_clear_pointer (&self->practice_name, g_free);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (tonic_outcomes_page_parent_class)->finalize (object);
}

static void
tonic_outcomes_page_class_init (TonicOutcomesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tonic_outcomes_page_dispose;
  object_class->finalize = tonic_outcomes_page_finalize;
  widget_class->map = tonic_outcomes_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/outcomes/tonic-outcomes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TonicOutcomesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TonicOutcomesPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, TonicOutcomesPage, course_title);
  gtk_widget_class_bind_template_child (widget_class, TonicOutcomesPage, course_subtitle);
  gtk_widget_class_bind_template_child (widget_class, TonicOutcomesPage, course_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TonicOutcomesPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, TonicOutcomesPage, flags_group);

  gtk_widget_class_install_action (widget_class, "outcomes.save-report", NULL,
                                   save_report_action);
  gtk_widget_class_install_action (widget_class, "outcomes.print-report", NULL,
                                   print_report_action);
  gtk_widget_class_install_action (widget_class, "outcomes.export-png", "u", export_action);
  gtk_widget_class_install_action (widget_class, "outcomes.export-svg", "u", export_action);
}

static void
tonic_outcomes_page_init (TonicOutcomesPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->courses = g_array_new (FALSE, TRUE, sizeof (Course));
  g_array_set_clear_func (self->courses, clear_course);
  self->charts = g_ptr_array_new ();
  self->flag_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->course_dropdown, "notify::selected",
                           G_CALLBACK (on_course_selected), self, G_CONNECT_SWAPPED);
}

/* Public API */

TonicOutcomesPage *
tonic_outcomes_page_new (void)
{
  return g_object_new (TONIC_TYPE_OUTCOMES_PAGE, NULL);
}

void
tonic_outcomes_page_set_session (TonicOutcomesPage *self,
                                 TonicStore        *store,
                                 TonicStaff        *actor)
{
  g_return_if_fail (TONIC_IS_OUTCOMES_PAGE (self));
  g_return_if_fail (TONIC_IS_STORE (store));
  g_return_if_fail (TONIC_IS_STAFF (actor));

  g_set_object (&self->store, store);
  g_set_object (&self->actor, actor);
}

void
tonic_outcomes_page_show (TonicOutcomesPage *self,
                          TonicPatient      *patient)
{
  g_return_if_fail (TONIC_IS_OUTCOMES_PAGE (self));
  g_return_if_fail (TONIC_IS_PATIENT (patient));

  if (self->patient == NULL ||
      tonic_patient_get_id (self->patient) != tonic_patient_get_id (patient))
    tonic_outcomes_page_clear (self);

  g_set_object (&self->patient, patient);
  load (self);
}

void
tonic_outcomes_page_clear (TonicOutcomesPage *self)
{
  g_return_if_fail (TONIC_IS_OUTCOMES_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->patient);
  self->loaded = FALSE;
  self->course_id = 0;
  clear_shown (self);
  g_array_set_size (self->courses, 0);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->stack, "nothing");
}

GPtrArray *
_tonic_outcomes_page_get_charts (TonicOutcomesPage *self)
{
  g_return_val_if_fail (TONIC_IS_OUTCOMES_PAGE (self), NULL);

  return self->charts;
}

void
_tonic_outcomes_page_save_report (TonicOutcomesPage *self,
                                  GFile             *file)
{
  g_return_if_fail (TONIC_IS_OUTCOMES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  save_report (self, file);
}

void
_tonic_outcomes_page_export_chart (TonicOutcomesPage *self,
                                   guint              index,
                                   GFile             *file)
{
  g_return_if_fail (TONIC_IS_OUTCOMES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  export_chart (self, index, file);
}
