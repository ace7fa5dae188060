/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Plan tab driven as the practice's staff would: a clinician starts a
 * plan from the IV depression template, is refused with a message next to
 * a wrong field, saves a draft, is refused signing while consent and an
 * override reason are missing, signs, revises the dose and signs version
 * 2, reads the history and ends the course; a draft continued, re-filled
 * from another template and discarded; a nurse reads the plan and cannot
 * change it; the front desk has no Plan or Sessions tab at all; and the
 * list's course tags and filters. What the window shows is checked against
 * the store. */
#define G_LOG_DOMAIN "test-plans-ui"

#include "config.h"

#include <string.h>

#include "sessions-test-helpers.h"
#include "tonic-outcome-chart.h"
#include "tonic-outcomes-page.h"
#include "tonic-patient-record.h"
#include "tonic-patient-row.h"
#include "tonic-patients-private.h"
#include "tonic-patients-view.h"
#include "tonic-plan-editor.h"
#include "tonic-plan-view.h"
#include "tonic-plans-private.h"
#include "tonic-test-ui.h"

#define PRACTICE_NAME   "Riverside Ketamine Clinic"
#define ADMIN_NAME      "Dana Whitfield"
#define ADMIN_USER      "dana.whitfield"
#define PASSWORD        "lantern-orbit-meadow-42"
#define CLINICIAN_USER  "sam.clinician"
#define CLINICIAN_NAME  "Sam Okonkwo"
#define NURSE_USER      "noor.nurse"
#define DESK_USER       "frankie.desk"

#define PATIENT_NAME    "Mira Castellanos-Øberg"
#define CONSENT_DATE    "2025-01-15"
#define OVERRIDE_REASON "Obstetric review: not pregnant, test negative today"
#define CHANGE_NOTE     "Partial response after four infusions: titrating up"
#define END_REASON      "Course complete: remission"

typedef struct
{
  char              *home;
  TonicTestPractice  practice;
  TonicStore        *store;     /* the practice's */
  TonicStaff        *actor;
  gint64             clinician_id;
  gint64             patient_id;
  GtkWindow         *window;
  GtkWidget         *view;      /* the Patients view */
} Fixture;

/* The store, read and written directly */

static void
store_sign_in (Fixture    *fixture,
               const char *username)
{
  g_autoptr(GError) error = NULL;
  TonicStaff *staff = store_test_sign_in (fixture->store, username, PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_nonnull (staff);
  g_clear_object (&fixture->actor);
  fixture->actor = staff;
}

static gint64
store_add_patient (Fixture         *fixture,
                   const char      *name,
                   TonicIndication  indications)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  TonicPatientFields fields = { 0 };

  fields.legal_name = name;
  fields.date_of_birth = "1984-09-21";
  fields.indications = indications;
  patient = patients_test_create_patient (fixture->store, &fields, &error);
  g_assert_no_error (error);

  return tonic_patient_get_id (patient);
}

static TonicPatient *
store_open_patient (Fixture *fixture,
                    gint64   patient_id)
{
  g_autoptr(GError) error = NULL;
  TonicPatient *patient = patients_test_open_patient (fixture->store, patient_id, &error);

  g_assert_no_error (error);
  return patient;
}

static GPtrArray *
store_list_plans (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *plans;

  tonic_store_list_plans_async (fixture->store, fixture->patient_id, NULL, store_test_on_ready,
                                &result);
  plans = tonic_store_list_plans_finish (fixture->store, store_test_wait_for (&result), &error);
  g_assert_no_error (error);

  return plans;
}

static TonicPlan *
store_active_plan (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TonicPlan *plan;

  tonic_store_get_active_plan_async (fixture->store, fixture->patient_id, NULL,
                                     store_test_on_ready, &result);
  plan = tonic_store_get_active_plan_finish (fixture->store, store_test_wait_for (&result),
                                             &error);
  g_assert_no_error (error);

  return plan;
}

/* A signed IV depression plan for @patient_id, as the clinician. */
static void
store_add_signed_plan (Fixture *fixture,
                       gint64   patient_id)
{
  g_autoptr(TonicPlan) plan = sessions_test_new_plan (patient_id, TONIC_PROTOCOL_IV_DEPRESSION,
                                                      TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
  g_autoptr(TonicPlan) signed_plan = NULL;

  store_sign_in (fixture, CLINICIAN_USER);
  signed_plan = sessions_test_add_signed_plan (fixture->store, plan);
}

/* Waiting */

static gboolean
marked_wrong (gpointer widget)
{
  return gtk_widget_has_css_class (GTK_WIDGET (widget), "error");
}

/* The window */

#define VIEW(fixture, name) \
  tonic_test_ui_child ((fixture)->view, TONIC_TYPE_PATIENTS_VIEW, name)
#define RECORD(fixture, name) \
  tonic_test_ui_child (VIEW (fixture, "record"), TONIC_TYPE_PATIENT_RECORD, name)
#define PLAN(view, name) \
  tonic_test_ui_child ((view), TONIC_TYPE_PLAN_VIEW, name)
#define EDITOR(editor, name) \
  tonic_test_ui_child ((editor), TONIC_TYPE_PLAN_EDITOR, name)

typedef struct
{
  Fixture *fixture;
  gint64   id;
} IdWait;

static gboolean
record_shows (gpointer data)
{
  IdWait *wait = data;
  GtkStack *stack = VIEW (wait->fixture, "detail_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "record") == 0 &&
         _tonic_patients_view_get_shown_id (TONIC_PATIENTS_VIEW (wait->fixture->view)) == wait->id;
}

/* Signs @username in and shows their Patients view, with the patient's
 * record open, in a window with a toast overlay as in the workspace. */
static void
open_record (Fixture    *fixture,
             const char *username)
{
  IdWait wait = { fixture, fixture->patient_id };
  GtkWidget *overlay;

  store_sign_in (fixture, username);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 1200, 900);
  overlay = adw_toast_overlay_new ();
  fixture->view = tonic_patients_view_new (fixture->store, fixture->actor);
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->view);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  tonic_test_ui_wait_until (tonic_test_ui_widget_is_mapped, fixture->view, "the view on screen");

  tonic_patients_view_show_patient (TONIC_PATIENTS_VIEW (fixture->view), fixture->patient_id);
  tonic_test_ui_wait_until (record_shows, &wait, "the patient's record");
}

/* The record's tab @name, or NULL when it has none. */
static GtkWidget *
record_tab (Fixture    *fixture,
            const char *name)
{
  return adw_view_stack_get_child_by_name (RECORD (fixture, "stack"), name);
}

/* Shows the Plan tab and waits for it to show @page. */
static TonicPlanView *
show_plan_tab (Fixture    *fixture,
               const char *page)
{
  GtkWidget *tab = record_tab (fixture, "plan");

  g_assert_nonnull (tab);
  g_assert_true (TONIC_IS_PLAN_VIEW (tab));
  adw_view_stack_set_visible_child_name (RECORD (fixture, "stack"), "plan");
  tonic_test_ui_wait_for_stack (PLAN (tab, "stack"), page);

  return TONIC_PLAN_VIEW (tab);
}

static gboolean
view_finalized (gpointer data)
{
  return ((Fixture *) data)->view == NULL;
}

/* Destroys the window as a lock destroys the workspace: the view, its
 * forms and questions go, once the store has answered what was on its
 * way. */
static void
close_record (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WIDGET (fixture->window))
        gtk_window_destroy (GTK_WINDOW (window));
    }

  gtk_window_destroy (fixture->window);
  tonic_test_ui_spin (100);
  g_assert_finalize_object (fixture->window);
  fixture->window = NULL;
  tonic_test_ui_wait_until (view_finalized, fixture, "the view to be finalized");
}

/* Writes the window holding @widget to $TONIC_TEST_SCREENSHOTS/@name.png
 * when that variable names a directory. */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("TONIC_TEST_SCREENSHOTS");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  tonic_test_ui_save_png (GTK_WIDGET (gtk_widget_get_root (widget)), path);
}

/* The form */

static gboolean
editor_shown (gpointer view)
{
  TonicPlanEditor *editor = _tonic_plan_view_get_editor (view);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

static gboolean
editor_gone (gpointer view)
{
  return _tonic_plan_view_get_editor (view) == NULL;
}

static TonicPlanEditor *
wait_for_editor (TonicPlanView *view)
{
  tonic_test_ui_wait_until (editor_shown, view, "the plan form");
  return _tonic_plan_view_get_editor (view);
}

static gboolean
editor_idle (gpointer editor)
{
  return !_tonic_plan_editor_get_busy (editor);
}

static gboolean
editor_question (gpointer editor)
{
  AdwMessageDialog *dialog = _tonic_plan_editor_get_dialog (editor);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
view_question (gpointer view)
{
  AdwMessageDialog *dialog = _tonic_plan_view_get_dialog (view);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static AdwMessageDialog *
wait_for_view_question (TonicPlanView *view)
{
  tonic_test_ui_wait_until (view_question, view, "a question");
  return _tonic_plan_view_get_dialog (view);
}

static void
set_number (TonicPlanEditor *editor,
            const char      *id,
            double           value)
{
  GtkSpinButton *spin = _tonic_plan_editor_get_spin (editor, id);

  g_assert_nonnull (spin);
  gtk_spin_button_set_value (spin, value);
  g_main_context_iteration (NULL, FALSE);
}

static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  g_main_context_iteration (NULL, FALSE);
}

/* Every screening item answered well: no contraindication, every
 * requirement met. */
static void
answer_screening_well (TonicPlanEditor *editor)
{
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    gtk_toggle_button_set_active (_tonic_plan_editor_get_screen_button (
                                    editor, i, tonic_screen_item_is_requirement (i)),
                                  TRUE);
  g_main_context_iteration (NULL, FALSE);
}

static void
assert_message (TonicPlanEditor *editor,
                TonicPlanField   field)
{
  GtkLabel *label = _tonic_plan_editor_get_message (editor, field);

  tonic_test_ui_wait_until (tonic_test_ui_label_shown, label, "the message next to the field");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (label))) ||
                 gtk_widget_get_visible (GTK_WIDGET (label)));
}

static gboolean
message_hidden (TonicPlanEditor *editor,
                TonicPlanField   field)
{
  GtkLabel *label = _tonic_plan_editor_get_message (editor, field);

  return !gtk_widget_get_visible (GTK_WIDGET (label)) ||
         !gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (label)));
}

/* Presses Sign and answers the confirmation with Sign; waits until the
 * form is gone (it closes once the version is signed). */
static void
sign_and_confirm (TonicPlanView   *view,
                  TonicPlanEditor *editor,
                  int              version)
{
  g_autofree char *heading = g_strdup_printf ("Sign Plan Version %d?", version);
  AdwMessageDialog *dialog;

  tonic_test_ui_click_when_mapped (EDITOR (editor, "sign_button"));
  tonic_test_ui_wait_until (editor_question, editor, "the question before signing");
  dialog = _tonic_plan_editor_get_dialog (editor);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  adw_message_dialog_response (dialog, "sign");
  tonic_test_ui_wait_until (editor_gone, view, "the form to close after signing");
}

/* The tests */

/* A whole course, as a clinician writes it. */
static void
test_clinician (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(TonicPlan) active = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *diff = NULL;
  guint n_opened;
  TonicPlanView *view;
  TonicPlanEditor *editor;
  AdwMessageDialog *dialog;
  const TonicPlan *v2;
  GtkWidget *entry;

  /* The practice's own defaults for new plans. */
  {
    g_autoptr(GError) error = NULL;

    store_sign_in (fixture, ADMIN_USER);
    g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_PLAN_THRESHOLDS,
                                           "warn-systolic=150;warn-diastolic=95", &error));
    g_assert_no_error (error);
    g_assert_true (store_test_set_setting (fixture->store, TONIC_SETTING_PLAN_WEIGHT_AGE, "14",
                                           &error));
    g_assert_no_error (error);
  }

  open_record (fixture, CLINICIAN_USER);
  view = show_plan_tab (fixture, "empty");
  g_assert_cmpstr (adw_status_page_get_title (PLAN (view, "empty_status")), ==,
                   "No Treatment Plan");
  g_assert_true (gtk_widget_get_visible (PLAN (view, "empty_new_button")));

  /* New Plan, from the IV depression template. */
  tonic_test_ui_click_when_mapped (PLAN (view, "empty_new_button"));
  dialog = wait_for_view_question (view);
  g_assert_true (gtk_check_button_get_active (
    _tonic_plan_view_get_protocol_check (view, TONIC_PROTOCOL_IV_DEPRESSION)));
  adw_message_dialog_response (dialog, "start");
  editor = wait_for_editor (view);
  g_assert_true (gtk_check_button_get_active (_tonic_plan_editor_get_indication_check (
    editor, TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION)));
  /* The measures follow the indication. */
  g_assert_true (gtk_check_button_get_active (
    _tonic_plan_editor_get_measure_check (editor, TONIC_INSTRUMENT_PHQ9)));
  g_assert_false (gtk_check_button_get_active (
    _tonic_plan_editor_get_measure_check (editor, TONIC_INSTRUMENT_PAIN_NRS)));
  gtk_check_button_set_active (_tonic_plan_editor_get_indication_check (
                                 editor, TONIC_INDICATION_CHRONIC_PAIN), TRUE);
  g_assert_true (gtk_check_button_get_active (
    _tonic_plan_editor_get_measure_check (editor, TONIC_INSTRUMENT_PAIN_NRS)));
  gtk_check_button_set_active (_tonic_plan_editor_get_indication_check (
                                 editor, TONIC_INDICATION_CHRONIC_PAIN), FALSE);
  g_assert_false (gtk_check_button_get_active (
    _tonic_plan_editor_get_measure_check (editor, TONIC_INSTRUMENT_PAIN_NRS)));
  g_assert_cmpfloat (gtk_spin_button_get_value (_tonic_plan_editor_get_spin (editor, "dose")),
                     ==, 0.5);
  /* The template's thresholds and weight age are the practice's. */
  g_assert_cmpint (tonic_plan_editor_get_plan (editor)->thresholds.warn_systolic_at, ==, 150);
  g_assert_cmpint (tonic_plan_editor_get_plan (editor)->thresholds.warn_diastolic_at, ==, 95);
  g_assert_cmpint (tonic_plan_editor_get_plan (editor)->thresholds.alarm_systolic_at, ==, 180);
  g_assert_cmpint (tonic_plan_editor_get_plan (editor)->weight_max_age_days, ==, 14);

  /* A dose of 0: named next to the field, and nothing is saved. */
  set_number (editor, "dose", 0);
  assert_message (editor, TONIC_PLAN_FIELD_DOSE);
  g_assert_true (marked_wrong (_tonic_plan_editor_get_field_row (editor, TONIC_PLAN_FIELD_DOSE)));
  tonic_test_ui_click_when_mapped (EDITOR (editor, "save_button"));
  tonic_test_ui_spin (300);
  /* The focus went to the field, in view. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                         GTK_WIDGET (_tonic_plan_editor_get_spin (editor,
                                                                                  "dose"))));
  maybe_screenshot (GTK_WIDGET (editor), "plan-editor-invalid");
  g_assert_true (editor_idle (editor));
  g_assert_cmpint (tonic_plan_editor_get_plan (editor)->id, ==, 0);
  plans = store_list_plans (fixture);
  g_assert_cmpuint (plans->len, ==, 0);
  g_clear_pointer (&plans, g_ptr_array_unref);

  /* Fixed, it saves as a draft; the form stays open. */
  set_number (editor, "dose", 0.5);
  g_assert_true (message_hidden (editor, TONIC_PLAN_FIELD_DOSE));
  g_assert_false (marked_wrong (_tonic_plan_editor_get_field_row (editor, TONIC_PLAN_FIELD_DOSE)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "plan.save", NULL));
  tonic_test_ui_wait_for_toast (GTK_WIDGET (editor), "Draft saved");
  tonic_test_ui_wait_until (editor_idle, editor, "the save to finish");
  plans = store_list_plans (fixture);
  g_assert_cmpuint (plans->len, ==, 1);
  {
    TonicPlan *draft = g_ptr_array_index (plans, 0);

    g_assert_cmpint (draft->status, ==, TONIC_PLAN_STATUS_DRAFT);
    g_assert_cmpint (draft->version, ==, 1);
    g_assert_cmpint (draft->protocol, ==, TONIC_PROTOCOL_IV_DEPRESSION);
    g_assert_cmpfloat (draft->dose, ==, 0.5);
    g_assert_cmpint (draft->indications, ==, TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
    g_assert_true (draft->measures & TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_PHQ9));
    g_assert_cmpint (tonic_plan_editor_get_plan (editor)->id, ==, draft->id);
  }
  g_clear_pointer (&plans, g_ptr_array_unref);

  /* Signing needs consent: refused, with the message next to the date. */
  answer_screening_well (editor);
  tonic_test_ui_click_when_mapped (EDITOR (editor, "sign_button"));
  assert_message (editor, TONIC_PLAN_FIELD_CONSENT_DATE);
  g_assert_true (marked_wrong (EDITOR (editor, "consent_row")));
  g_assert_null (_tonic_plan_editor_get_dialog (editor));

  tonic_test_ui_type (EDITOR (editor, "consent_row"), CONSENT_DATE);
  g_assert_true (message_hidden (editor, TONIC_PLAN_FIELD_CONSENT_DATE));

  /* A hard contraindication blocks signing until a reason is given. */
  g_assert_false (gtk_widget_get_visible (EDITOR (editor, "override_group")));
  gtk_toggle_button_set_active (_tonic_plan_editor_get_screen_button (
                                  editor, TONIC_SCREEN_PREGNANCY, TRUE), TRUE);
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_visible (EDITOR (editor, "override_group")));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (EDITOR (editor, "screening_group")),
                                                "Blocks signing", NULL));
  tonic_test_ui_click_when_mapped (EDITOR (editor, "sign_button"));
  assert_message (editor, TONIC_PLAN_FIELD_OVERRIDE_REASON);
  g_assert_null (_tonic_plan_editor_get_dialog (editor));
  maybe_screenshot (GTK_WIDGET (editor), "plan-editor");

  set_text (EDITOR (editor, "override_view"), OVERRIDE_REASON);
  n_opened = store_test_count_audit (fixture->store, "chart.open", "ok", fixture->clinician_id);
  sign_and_confirm (view, editor, 1);

  /* Read-only now, with who signed it. */
  tonic_test_ui_wait_for_text (GTK_WIDGET (view), "Signed by " CLINICIAN_NAME);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Plan version 1 signed");
  active = store_active_plan (fixture);
  g_assert_nonnull (active);
  g_assert_cmpint (active->version, ==, 1);
  g_assert_cmpint (active->status, ==, TONIC_PLAN_STATUS_SIGNED);
  g_assert_cmpint (active->signed_by, ==, fixture->clinician_id);
  g_assert_cmpstr (active->consent_date, ==, CONSENT_DATE);
  g_assert_cmpstr (active->override_reason, ==, OVERRIDE_REASON);
  g_assert_cmpint (active->screening[TONIC_SCREEN_PREGNANCY], ==, TONIC_SCREEN_ANSWER_YES);
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (view), OVERRIDE_REASON, NULL));
  g_assert_true (gtk_widget_get_visible (PLAN (view, "revise_button")));
  g_assert_false (gtk_widget_get_visible (PLAN (view, "draft_group")));
  /* The patient is in induction now: the header says so. */
  tonic_test_ui_wait_for_text (RECORD (fixture, "tags_box"), "Induction");
  /* Read again for that, not opened again: one chart.open in the trail. */
  g_assert_cmpuint (store_test_count_audit (fixture->store, "chart.open", "ok",
                                            fixture->clinician_id), ==, n_opened);
  patient = store_open_patient (fixture, fixture->patient_id);
  g_assert_cmpint (tonic_patient_get_course_phase (patient), ==, TONIC_COURSE_PHASE_INDUCTION);
  g_clear_object (&patient);
  maybe_screenshot (GTK_WIDGET (view), "plan-view");
  if (g_getenv ("TONIC_TEST_SCREENSHOTS") != NULL)
    {
      GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (
        gtk_widget_get_ancestor (PLAN (view, "summary_box"), GTK_TYPE_SCROLLED_WINDOW));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

      gtk_adjustment_set_value (adjustment, 700);
      maybe_screenshot (GTK_WIDGET (view), "plan-view-dosing");
      gtk_adjustment_set_value (adjustment, 0);
    }

  /* Revise: a new version of the course, signed with a change note. */
  tonic_test_ui_click_when_mapped (PLAN (view, "revise_button"));
  editor = wait_for_editor (view);
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (editor), "Plan Version 2 (Draft)",
                                                NULL));
  g_assert_true (gtk_widget_get_visible (EDITOR (editor, "change_group")));
  set_number (editor, "dose", 0.75);
  tonic_test_ui_click_when_mapped (EDITOR (editor, "sign_button"));
  tonic_test_ui_wait_until (tonic_test_ui_label_shown, EDITOR (editor, "change_error"),
                            "the change note to be asked for");
  g_assert_null (_tonic_plan_editor_get_dialog (editor));
  set_text (EDITOR (editor, "change_view"), CHANGE_NOTE);
  sign_and_confirm (view, editor, 2);
  tonic_test_ui_wait_for_text (GTK_WIDGET (view), "Version 2 · Signed by " CLINICIAN_NAME);

  /* Both versions kept, the second naming what changed. */
  plans = store_list_plans (fixture);
  g_assert_cmpuint (plans->len, ==, 2);
  v2 = g_ptr_array_index (plans, 0);
  g_assert_cmpint (v2->version, ==, 2);
  g_assert_cmpint (v2->status, ==, TONIC_PLAN_STATUS_SIGNED);
  g_assert_cmpfloat (v2->dose, ==, 0.75);
  g_assert_cmpstr (v2->change_note, ==, CHANGE_NOTE);
  g_assert_cmpuint (v2->changed_fields, ==, 1u << TONIC_PLAN_FIELD_DOSE);
  g_assert_cmpint (((TonicPlan *) g_ptr_array_index (plans, 1))->status, ==,
                   TONIC_PLAN_STATUS_SUPERSEDED);
  diff = tonic_plan_format_diff (v2->changed_fields);
  g_assert_cmpstr (diff, ==, "Dose");
  changed = g_strdup_printf ("Changed: %s", diff);
  tonic_test_ui_wait_for_text (PLAN (view, "history_box"), changed);
  g_assert_true (tonic_test_ui_widgets_contain (PLAN (view, "history_box"), "Version 1", NULL));
  g_assert_true (tonic_test_ui_widgets_contain (PLAN (view, "history_box"), "Version 2", NULL));
  g_assert_true (tonic_test_ui_widgets_contain (PLAN (view, "history_box"), CHANGE_NOTE, NULL));
  g_assert_true (tonic_test_ui_widgets_contain (PLAN (view, "history_box"), "Superseded", NULL));
  g_clear_pointer (&plans, g_ptr_array_unref);
  if (g_getenv ("TONIC_TEST_SCREENSHOTS") != NULL)
    {
      GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (
        gtk_widget_get_ancestor (PLAN (view, "history_box"), GTK_TYPE_SCROLLED_WINDOW));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

      tonic_test_ui_spin (300);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      maybe_screenshot (GTK_WIDGET (view), "plan-history");
    }

  /* Ending the course needs a reason. */
  tonic_test_ui_click_when_mapped (PLAN (view, "end_button"));
  dialog = wait_for_view_question (view);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "end"));
  entry = tonic_test_ui_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (entry);
  tonic_test_ui_type (entry, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "end"));
  tonic_test_ui_type (entry, END_REASON);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "end"));
  adw_message_dialog_response (dialog, "end");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Course ended");
  tonic_test_ui_wait_for_stack (PLAN (view, "stack"), "empty");
  tonic_test_ui_wait_for_text (PLAN (view, "empty_history_box"), "Version 2");
  g_clear_pointer (&active, tonic_plan_free);
  active = store_active_plan (fixture);
  g_assert_null (active);
  patient = store_open_patient (fixture, fixture->patient_id);
  g_assert_cmpint (tonic_patient_get_course_phase (patient), ==, TONIC_COURSE_PHASE_ENDED);
}

/* A draft continued, re-filled from another template, and discarded. */
static void
test_draft (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) plans = NULL;
  TonicPlanView *view;
  TonicPlanEditor *editor;
  AdwMessageDialog *dialog;

  open_record (fixture, CLINICIAN_USER);
  view = show_plan_tab (fixture, "empty");

  gtk_widget_activate_action (GTK_WIDGET (view), "plan.new", NULL);
  dialog = wait_for_view_question (view);
  gtk_check_button_set_active (_tonic_plan_view_get_protocol_check (view, TONIC_PROTOCOL_IM),
                               TRUE);
  adw_message_dialog_response (dialog, "start");
  editor = wait_for_editor (view);
  g_assert_cmpuint (adw_combo_row_get_selected (_tonic_plan_editor_get_protocol_row (editor)),
                    ==, TONIC_PROTOCOL_IM);
  g_assert_false (gtk_widget_get_visible (EDITOR (editor, "change_group")));
  /* IM: no infusion length, a concentration. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    GTK_WIDGET (_tonic_plan_editor_get_spin (editor, "infusion-minutes")), ADW_TYPE_ACTION_ROW)));
  g_assert_cmpfloat (gtk_spin_button_get_value (_tonic_plan_editor_get_spin (editor,
                                                                             "concentration")),
                     ==, 50);

  /* A value changed by hand is not lost to another template unasked. */
  set_number (editor, "weight-age", 14);
  adw_combo_row_set_selected (_tonic_plan_editor_get_protocol_row (editor),
                              TONIC_PROTOCOL_ESKETAMINE);
  tonic_test_ui_wait_until (editor_question, editor, "the question about the template");
  adw_message_dialog_response (_tonic_plan_editor_get_dialog (editor), "cancel");
  g_assert_cmpuint (adw_combo_row_get_selected (_tonic_plan_editor_get_protocol_row (editor)),
                    ==, TONIC_PROTOCOL_IM);
  g_assert_cmpfloat (gtk_spin_button_get_value (_tonic_plan_editor_get_spin (editor,
                                                                             "weight-age")),
                     ==, 14);
  adw_combo_row_set_selected (_tonic_plan_editor_get_protocol_row (editor),
                              TONIC_PROTOCOL_ESKETAMINE);
  tonic_test_ui_wait_until (editor_question, editor, "the question about the template");
  adw_message_dialog_response (_tonic_plan_editor_get_dialog (editor), "template");
  g_assert_cmpfloat (gtk_spin_button_get_value (_tonic_plan_editor_get_spin (editor, "dose")),
                     ==, 56);
  g_assert_cmpfloat (gtk_spin_button_get_value (_tonic_plan_editor_get_spin (editor,
                                                                             "weight-age")),
                     ==, 30);

  tonic_plan_editor_save (editor);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (editor), "Draft saved");
  tonic_test_ui_wait_until (editor_idle, editor, "the save to finish");
  g_assert_false (tonic_plan_editor_get_changed (editor));
  tonic_test_ui_click_when_mapped (EDITOR (editor, "cancel_button"));
  tonic_test_ui_wait_until (editor_gone, view, "the form to close");

  /* The draft waits in the tab, unsigned. */
  tonic_test_ui_wait_for_stack (PLAN (view, "stack"), "plan");
  tonic_test_ui_wait_for_text (PLAN (view, "draft_group"), "Draft Version 1");
  g_assert_false (gtk_widget_get_visible (PLAN (view, "plan_group")));
  plans = store_list_plans (fixture);
  g_assert_cmpuint (plans->len, ==, 1);
  g_assert_cmpint (((TonicPlan *) g_ptr_array_index (plans, 0))->protocol, ==,
                   TONIC_PROTOCOL_ESKETAMINE);
  g_assert_cmpint (((TonicPlan *) g_ptr_array_index (plans, 0))->route, ==, TONIC_ROUTE_NASAL);
  g_clear_pointer (&plans, g_ptr_array_unref);

  /* Continued: the form has what was saved; a change asks before it is
   * dropped. */
  tonic_test_ui_click_when_mapped (PLAN (view, "continue_button"));
  editor = wait_for_editor (view);
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (editor), "Plan Version 1 (Draft)",
                                                NULL));
  g_assert_cmpfloat (gtk_spin_button_get_value (_tonic_plan_editor_get_spin (editor, "dose")),
                     ==, 56);
  set_text (EDITOR (editor, "goals_view"), "Return to work");
  tonic_test_ui_click_when_mapped (EDITOR (editor, "cancel_button"));
  tonic_test_ui_wait_until (editor_question, editor, "the question about unsaved changes");
  adw_message_dialog_response (_tonic_plan_editor_get_dialog (editor), "discard");
  tonic_test_ui_wait_until (editor_gone, view, "the form to close");

  /* Discarded, after confirmation. */
  tonic_test_ui_click_when_mapped (PLAN (view, "discard_button"));
  dialog = wait_for_view_question (view);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Draft Version 1?");
  adw_message_dialog_response (dialog, "discard");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Draft discarded");
  tonic_test_ui_wait_for_stack (PLAN (view, "stack"), "empty");
  plans = store_list_plans (fixture);
  g_assert_cmpuint (plans->len, ==, 0);
}

/* A nurse reads the plan and cannot change it. */
static void
test_nurse (Fixture       *fixture,
            gconstpointer  data)
{
  TonicPlanView *view;

  store_add_signed_plan (fixture, fixture->patient_id);
  open_record (fixture, NURSE_USER);
  g_assert_nonnull (record_tab (fixture, "sessions"));
  g_assert_nonnull (record_tab (fixture, "outcomes"));
  view = show_plan_tab (fixture, "plan");
  tonic_test_ui_wait_for_text (GTK_WIDGET (view), "Signed by " CLINICIAN_NAME);
  tonic_test_ui_wait_for_text (RECORD (fixture, "tags_box"), "Induction");

  g_assert_false (gtk_widget_get_visible (PLAN (view, "revise_button")));
  g_assert_false (gtk_widget_get_visible (PLAN (view, "end_button")));
  g_assert_false (gtk_widget_get_visible (PLAN (view, "empty_new_button")));
  g_assert_false (gtk_widget_get_visible (PLAN (view, "continue_button")));
  g_assert_false (gtk_widget_get_visible (PLAN (view, "discard_button")));
  gtk_widget_activate_action (GTK_WIDGET (view), "plan.revise", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "plan.new", NULL);
  tonic_test_ui_spin (200);
  g_assert_null (_tonic_plan_view_get_editor (view));
  g_assert_null (_tonic_plan_view_get_dialog (view));
}

/* The front desk: no Plan or Sessions tab, no course tags, no course
 * filters. */
static void
test_front_desk (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *where = NULL;

  store_add_signed_plan (fixture, fixture->patient_id);
  open_record (fixture, DESK_USER);
  tonic_test_ui_wait_for_text (GTK_WIDGET (VIEW (fixture, "record")), "Personal Details");
  tonic_test_ui_spin (300);

  g_assert_null (record_tab (fixture, "plan"));
  g_assert_null (record_tab (fixture, "sessions"));
  g_assert_null (record_tab (fixture, "outcomes"));
  g_assert_null (tonic_test_ui_find_widget (GTK_WIDGET (fixture->window), TONIC_TYPE_PLAN_VIEW,
                                            NULL));
  g_assert_false (tonic_test_ui_widgets_contain (GTK_WIDGET (fixture->window), "Induction",
                                                 &where));
  g_assert_false (tonic_test_ui_widgets_contain (GTK_WIDGET (fixture->window), "Signed by",
                                                 &where));

  /* The status filter is there; the course filters are not. */
  g_assert_true (gtk_widget_activate_action (fixture->view, "filter.status", "s", "active"));
  g_assert_false (gtk_widget_activate_action (fixture->view, "filter.phase", "s", "induction"));
  g_assert_false (gtk_widget_activate_action (fixture->view, "filter.safety-alert", NULL));
  g_assert_false (gtk_widget_activate_action (fixture->view, "filter.overdue-scale", NULL));
}

/* The list's course tags and filters, for a clinician. */

typedef struct
{
  Fixture *fixture;
  guint    n_items;
} CountWait;

static gboolean
list_settled_at (gpointer data)
{
  CountWait *wait = data;
  TonicPatientList *list = _tonic_patients_view_get_list (TONIC_PATIENTS_VIEW (wait->fixture->view));

  return !tonic_patient_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == wait->n_items;
}

static void
filter_and_count (Fixture    *fixture,
                  const char *action,
                  GVariant   *target,
                  guint       n_items)
{
  CountWait wait = { fixture, n_items };
  g_autofree char *what = g_strdup_printf ("the list to show %u patients", n_items);

  g_assert_true (gtk_widget_activate_action_variant (fixture->view, action, target));
  tonic_test_ui_wait_until (list_settled_at, &wait, what);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  static const int answers[9] = { 2, 2, 1, 1, 0, 1, 1, 0, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSessionScore) score = NULL;
  g_autoptr(TonicPatient) flagged = NULL;
  gint64 other_id;
  gint64 flagged_id;

  static const int calm[9] = { 1, 1, 1, 1, 0, 1, 1, 0, 0 };
  g_autoptr(TonicSession) earlier = NULL;
  g_autoptr(TonicSession) saved = NULL;
  g_autoptr(TonicSessionScore) earlier_score = NULL;

  /* One in induction whose weekly PHQ-9 was last given ten days ago, one
   * in induction with a safety flag waiting, one with no plan. */
  store_add_signed_plan (fixture, fixture->patient_id);
  earlier = sessions_test_start_session (fixture->store, fixture->patient_id, 0, &error);
  g_assert_no_error (error);
  g_free (earlier->checked_in_at);
  earlier->checked_in_at = sessions_test_time (-10 * 24 * 60);
  saved = sessions_test_save_session (fixture->store, earlier, &error);
  g_assert_no_error (error);
  earlier_score = sessions_test_save_score (fixture->store, earlier->id, TONIC_INSTRUMENT_PHQ9,
                                            TONIC_SCORE_TIMING_PRE, calm, G_N_ELEMENTS (calm),
                                            &error);
  g_assert_no_error (error);
  flagged_id = store_add_patient (fixture, "Teodor Lindqvist",
                                  TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER);
  store_add_signed_plan (fixture, flagged_id);
  session = sessions_test_start_session (fixture->store, flagged_id, 0, &error);
  g_assert_no_error (error);
  score = sessions_test_save_score (fixture->store, session->id, TONIC_INSTRUMENT_PHQ9,
                                    TONIC_SCORE_TIMING_PRE, answers, G_N_ELEMENTS (answers),
                                    &error);
  g_assert_no_error (error);
  flagged = store_open_patient (fixture, flagged_id);
  g_assert_true (tonic_patient_get_safety_alert (flagged));
  other_id = store_add_patient (fixture, "Amara Okafor", TONIC_INDICATION_ANXIETY);
  g_assert_cmpint (other_id, >, 0);

  open_record (fixture, CLINICIAN_USER);
  {
    CountWait wait = { fixture, 3 };

    tonic_test_ui_wait_until (list_settled_at, &wait, "the three patients");
  }
  /* The flagged patient's row says so. */
  tonic_test_ui_wait_for_text (GTK_WIDGET (VIEW (fixture, "list_view")), "Safety alert");
  tonic_test_ui_wait_for_text (GTK_WIDGET (VIEW (fixture, "list_view")), "Induction");

  filter_and_count (fixture, "filter.phase", g_variant_new_string ("induction"), 2);
  filter_and_count (fixture, "filter.safety-alert", NULL, 1);
  filter_and_count (fixture, "filter.safety-alert", NULL, 2);
  filter_and_count (fixture, "filter.phase", g_variant_new_string ("maintenance"), 0);
  filter_and_count (fixture, "filter.phase", g_variant_new_string (""), 3);
  /* Overdue: the scale due a week after that session; the flagged
   * patient was scored today and the third has no course. */
  filter_and_count (fixture, "filter.overdue-scale", NULL, 1);
  tonic_test_ui_wait_for_text (GTK_WIDGET (VIEW (fixture, "list_view")), "Overdue rating scale");
  filter_and_count (fixture, "filter.overdue-scale", NULL, 3);
}

/* The Outcomes tab: a course of four signed infusions whose PHQ-9 fell
 * from 20 to 8, one safety flag acknowledged on the way; a chart per
 * measure with its status and summary, a chart exported, the progress
 * report saved, each export in the audit trail. */

typedef struct
{
  Fixture *fixture;
  guint    n_rows;
} AuditWait;

static gboolean
exports_audited (gpointer data)
{
  AuditWait *wait = data;

  return store_test_count_audit (wait->fixture->store, "report.export", "ok",
                                 wait->fixture->clinician_id) == wait->n_rows;
}

static void
test_outcomes (Fixture       *fixture,
               gconstpointer  data)
{
  static const int answers[4][9] = {
    { 3, 3, 3, 3, 2, 2, 2, 2, 0 },   /* 20 */
    { 2, 2, 2, 2, 2, 2, 2, 2, 0 },   /* 16 */
    { 2, 2, 2, 2, 1, 1, 1, 0, 1 },   /* 12, item 9: a flag */
    { 1, 1, 1, 1, 1, 1, 1, 1, 0 },   /* 8 */
  };
  g_autofree char *dir = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *pdf_bytes = NULL;
  g_autoptr(GFile) png = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  TonicOutcomesPage *page;
  GPtrArray *charts;
  TonicOutcomeSeries *series;
  AuditWait wait = { fixture, 2 };
  gsize length = 0;

  store_add_signed_plan (fixture, fixture->patient_id);
  g_assert_true (patients_test_add_weight (fixture->store, fixture->patient_id, 80.0, NULL,
                                           &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(TonicSession) session = NULL;
      g_autoptr(TonicSession) documented = NULL;
      g_autoptr(TonicSession) signed_session = NULL;
      g_autoptr(TonicSessionScore) score = NULL;

      session = sessions_test_start_session (fixture->store, fixture->patient_id, 0, &error);
      g_assert_no_error (error);
      documented = sessions_test_document (fixture->store, session->id, 0);
      score = sessions_test_save_score (fixture->store, session->id, TONIC_INSTRUMENT_PHQ9,
                                        TONIC_SCORE_TIMING_PRE, answers[i], 9, &error);
      g_assert_no_error (error);
      if (score->score.safety != TONIC_SAFETY_NONE)
        {
          g_autoptr(TonicSessionScore) seen = NULL;

          seen = sessions_test_acknowledge_safety (fixture->store, score->id,
                                                   "Passive thoughts; safety plan reviewed",
                                                   &error);
          g_assert_no_error (error);
        }
      signed_session = sessions_test_sign_session (fixture->store, session->id, &error);
      g_assert_no_error (error);
    }

  open_record (fixture, CLINICIAN_USER);
  page = TONIC_OUTCOMES_PAGE (record_tab (fixture, "outcomes"));
  g_assert_nonnull (page);
  adw_view_stack_set_visible_child_name (RECORD (fixture, "stack"), "outcomes");
  tonic_test_ui_wait_for_stack (tonic_test_ui_child (page, TONIC_TYPE_OUTCOMES_PAGE, "stack"),
                                "charts");

  /* One chart per outcome measure of the plan, PHQ-9 first. */
  charts = _tonic_outcomes_page_get_charts (page);
  g_assert_cmpuint (charts->len, >=, 1);
  series = tonic_outcome_chart_get_series (g_ptr_array_index (charts, 0));
  g_assert_cmpint (tonic_outcome_series_get_instrument (series), ==, TONIC_INSTRUMENT_PHQ9);
  g_assert_cmpuint (tonic_outcome_series_get_n_points (series), ==, 4);
  g_assert_cmpint (tonic_outcome_series_get_status (series), ==, TONIC_OUTCOME_RESPONSE);
  g_assert_nonnull (strstr (tonic_chart_get_summary (g_ptr_array_index (charts, 0)),
                            "PHQ-9 fell from 20 to 8 over 4 infusions"));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (page), "Response", NULL));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (page), "Current Course", NULL));
  /* The flag, with who saw to it. */
  g_assert_true (gtk_widget_get_visible (tonic_test_ui_child (page, TONIC_TYPE_OUTCOMES_PAGE,
                                                              "flags_group")));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (page),
                                                "Acknowledged by " CLINICIAN_NAME, NULL));
  maybe_screenshot (GTK_WIDGET (page), "outcomes");

  /* A chart as PNG, the report as PDF: written, told, audited. */
  dir = g_dir_make_tmp ("tonic-outcomes-XXXXXX", &error);
  g_assert_no_error (error);
  png_path = g_build_filename (dir, "phq9.png", NULL);
  pdf_path = g_build_filename (dir, "report.pdf", NULL);
  png = g_file_new_for_path (png_path);
  pdf = g_file_new_for_path (pdf_path);

  _tonic_outcomes_page_export_chart (page, 0, png);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Chart exported");
  texture = gdk_texture_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 900);

  _tonic_outcomes_page_save_report (page, pdf);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Progress report saved");
  g_assert_true (g_file_get_contents (pdf_path, &pdf_bytes, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf_bytes, "%PDF"));

  tonic_test_ui_wait_until (exports_audited, &wait, "the two exports in the audit trail");
  tonic_test_ui_remove_tree (dir);
}

/* The fixture: a practice with a clinician, a nurse and a receptionist,
 * and a patient treated for treatment-resistant depression. */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(TonicStaff) clinician = NULL;
  g_autoptr(TonicStaff) nurse = NULL;
  g_autoptr(TonicStaff) desk = NULL;

  fixture->home = g_dir_make_tmp ("tonic-plans-ui-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (fixture->home, "data", NULL);

  tonic_test_practice_create (&fixture->practice, data_dir, PRACTICE_NAME, ADMIN_NAME, ADMIN_USER,
                              PASSWORD, FALSE);
  fixture->store = fixture->practice.store;
  clinician = tonic_test_practice_add_staff (&fixture->practice, CLINICIAN_USER, CLINICIAN_NAME,
                                             TONIC_ROLE_CLINICIAN, PASSWORD);
  nurse = tonic_test_practice_add_staff (&fixture->practice, NURSE_USER, "Noor Haddad",
                                         TONIC_ROLE_NURSE, PASSWORD);
  desk = tonic_test_practice_add_staff (&fixture->practice, DESK_USER, "Frankie Desk",
                                        TONIC_ROLE_FRONT_DESK, PASSWORD);
  fixture->clinician_id = tonic_staff_get_id (clinician);

  store_sign_in (fixture, CLINICIAN_USER);
  fixture->patient_id = store_add_patient (fixture, PATIENT_NAME,
                                           TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
  g_assert_true (patients_test_add_weight (fixture->store, fixture->patient_id, 80.0,
                                           "2026-01-05T09:30:00Z", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_record (fixture);

  g_clear_object (&fixture->actor);
  fixture->store = NULL;
  tonic_test_practice_clear (&fixture->practice);
  tonic_test_ui_remove_tree (fixture->home);
  g_free (fixture->home);
}

int
main (int   argc,
      char *argv[])
{
  /* Messages are checked as the C locale writes them. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  tonic_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/plans-ui/clinician", test_clinician);
  ADD ("/plans-ui/draft", test_draft);
  ADD ("/plans-ui/nurse", test_nurse);
  ADD ("/plans-ui/front-desk", test_front_desk);
  ADD ("/plans-ui/filters", test_filters);
  ADD ("/plans-ui/outcomes", test_outcomes);
#undef ADD

  return g_test_run ();
}
