/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A whole infusion session documented through the real window under Xvfb:
 * checked in and seated on the Today board, documented by a nurse (pre-
 * checks, weight, the dose calculator, vitals with an alarm acknowledged,
 * rating scales item by item with a safety flag, discharge), then — after
 * a lock — acknowledged, signed and amended by a clinician; each step
 * checked on the widgets and in the store. Also the patient's list of
 * sessions, and what the front desk is (not) offered. Set
 * TONIC_TEST_SCREENSHOT_DIR to keep pictures of the session pages. */
#define G_LOG_DOMAIN "test-session-ui"

#include "config.h"

#include <string.h>

#include "sessions-test-helpers.h"
#include "tonic-appointment-card.h"
#include "tonic-check-in-dialog.h"
#include "tonic-sessions-private.h"
#include "tonic-sign-in-page.h"
#include "tonic-test-ui.h"
#include "tonic-time.h"
#include "tonic-today-private.h"
#include "tonic-vitals-chart.h"
#include "tonic-workspace.h"

#define PRACTICE        "Harbour Infusion Clinic"
#define ADMIN_USER      "morgan.admin"
#define CLINICIAN_USER  "dr.amara.osei"
#define CLINICIAN_NAME  "Dr Amara Osei"
#define NURSE_USER      "riley.okafor"
#define NURSE_NAME      "Riley Okafor"
#define DESK_USER       "sam.lindqvist"
#define PASSWORD        STORE_TEST_PASSWORD
#define PATIENT_NAME    "Ingrid Solveig Haraldsdóttir"

#define LOT_NUMBER      "KX-2291-B"
#define DRIVER_NAME     "Jonas Haraldsson"
#define ACK_NOTE        "Infusion slowed, BP rechecked in 5 minutes"
#define SAFETY_NOTE     "Safety plan reviewed with the patient; no intent or plan"
#define NOTE_TEXT       "Tolerated well; mild nausea settled with rest."
#define AMENDMENT_TEXT  "Lot number confirmed against the pharmacy log after signing."

typedef struct
{
  char             *home;
  char             *data_dir;
  TonicApplication *app;
  TonicWindow      *window;
  /* The practice's store on a connection of its own, beside the window's:
   * what the test sets up and reads back. */
  TonicTestPractice practice;
  gint64            patient_id;
  gint64            appointment_id;
  gint64            plan_id;
  gint64            clinician_id;
  gint64            nurse_id;
} Fixture;

#define PAGE(page, name) tonic_test_ui_child (page, TONIC_TYPE_SESSION_PAGE, name)
#define CARD(card, name) tonic_test_ui_child (card, TONIC_TYPE_APPOINTMENT_CARD, name)
#define CHECK_IN(dialog, name) tonic_test_ui_child (dialog, TONIC_TYPE_CHECK_IN_DIALOG, name)
#define ACK_BUTTON(row) GTK_WIDGET (_tonic_vitals_row_get_acknowledge_button (row))
#define SAFETY_BUTTON(group) GTK_WIDGET (_tonic_scale_group_get_acknowledge_button (group))

/* The store, read beside the window */

static TonicStore *
store (Fixture    *fixture,
       const char *username)
{
  g_autoptr(TonicStaff) actor = tonic_store_dup_actor (fixture->practice.store);

  if (actor == NULL || g_strcmp0 (tonic_staff_get_username (actor), username) != 0)
    patients_test_sign_in_as (fixture->practice.store, username);
  return fixture->practice.store;
}

/* The session as stored, read by the clinician. */
static TonicSession *
stored_session (Fixture *fixture,
                gint64   session_id)
{
  g_autoptr(GError) error = NULL;
  TonicSession *session = sessions_test_open_session (store (fixture, CLINICIAN_USER), session_id,
                                                      &error);

  g_assert_no_error (error);
  return session;
}

static const TonicSessionScore *
find_score (const TonicSession *session,
            TonicInstrument     instrument)
{
  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);

      if (score->score.instrument == instrument)
        return score;
    }

  return NULL;
}

/* The practice: an administrator, a clinician, a nurse and a receptionist;
 * a patient treated for depression with a signed IV plan (PHQ-9 and the
 * C-SSRS screen), and an appointment today. */
static void
make_practice (Fixture *fixture)
{
  g_autoptr(TonicStaff) clinician = NULL;
  g_autoptr(TonicStaff) nurse = NULL;
  g_autoptr(TonicStaff) desk = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(TonicPlan) signed_plan = NULL;
  g_autoptr(TonicAppointment) appointment = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  TonicPatientFields fields = { 0 };
  TonicAppointmentFields booking = { 0 };
  TonicTestPractice *practice = &fixture->practice;

  tonic_test_practice_create (practice, fixture->data_dir, PRACTICE, "Morgan Admin", ADMIN_USER,
                              PASSWORD, TRUE);
  clinician = tonic_test_practice_add_staff (practice, CLINICIAN_USER, CLINICIAN_NAME,
                                             TONIC_ROLE_CLINICIAN, PASSWORD);
  nurse = tonic_test_practice_add_staff (practice, NURSE_USER, NURSE_NAME, TONIC_ROLE_NURSE,
                                         PASSWORD);
  desk = tonic_test_practice_add_staff (practice, DESK_USER, "Sam Lindqvist",
                                        TONIC_ROLE_FRONT_DESK, PASSWORD);
  fixture->clinician_id = tonic_staff_get_id (clinician);
  fixture->nurse_id = tonic_staff_get_id (nurse);

  /* Indications are clinical: the clinician registers the patient. */
  patients_test_sign_in_as (practice->store, CLINICIAN_USER);
  patients_test_fields (&fields, PATIENT_NAME, "1979-05-14");
  fields.indications = TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION;
  fields.phone_mobile = "+44 7700 900321";
  patient = patients_test_create_patient (practice->store, &fields, &error);
  g_assert_no_error (error);
  fixture->patient_id = tonic_patient_get_id (patient);

  plan = sessions_test_new_plan (fixture->patient_id, TONIC_PROTOCOL_IV_DEPRESSION,
                                 TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
  plan->measures = TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_PHQ9) |
                   TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_CSSRS);
  signed_plan = sessions_test_add_signed_plan (practice->store, plan);
  fixture->plan_id = signed_plan->id;

  /* Today, in the hour that has begun. */
  start = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                                 0, 0);
  booking.patient_id = fixture->patient_id;
  booking.type = TONIC_APPOINTMENT_TYPE_IV_INFUSION;
  booking.start = start;
  booking.minutes = 100;
  booking.chair = 1;
  booking.state = TONIC_APPOINTMENT_STATE_SCHEDULED;
  appointment = patients_test_save_appointment (practice->store, &booking, &error);
  g_assert_no_error (error);
  fixture->appointment_id = tonic_appointment_get_id (appointment);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->home = g_dir_make_tmp ("tonic-session-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->home, "data", NULL);
  fixture->app = tonic_test_ui_app_get (fixture->data_dir);
  make_practice (fixture);

  fixture->window = g_object_ref (tonic_window_new (fixture->app));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1180, 780);
  gtk_window_present (GTK_WINDOW (fixture->window));
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  tonic_test_ui_spin (100);
  tonic_test_practice_clear (&fixture->practice);
  tonic_test_ui_remove_tree (fixture->home);
  g_free (fixture->home);
  g_free (fixture->data_dir);
}

/* The window */

static void
sign_in (Fixture    *fixture,
         const char *username)
{
  GtkWidget *page = _tonic_window_get_page_widget (fixture->window, "sign-in");

  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "username_row"),
                      username);
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "password_row"),
                      PASSWORD);
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "sign_in_button"));
  tonic_test_ui_wait_for_page (fixture->window, "main");
}

static GtkWidget *
workspace (Fixture *fixture)
{
  return _tonic_window_get_page_widget (fixture->window, "main");
}

static TonicTodayView *
today_view (Fixture *fixture)
{
  AdwViewStack *views = tonic_test_ui_child (workspace (fixture), TONIC_TYPE_WORKSPACE, "views");

  adw_view_stack_set_visible_child_name (views, "today");
  return TONIC_TODAY_VIEW (adw_view_stack_get_child_by_name (views, "today"));
}

typedef struct
{
  Fixture               *fixture;
  TonicAppointmentState  state;
} CardWait;

static gboolean
card_in_state (gpointer data)
{
  CardWait *wait = data;
  TonicAppointmentCard *card = _tonic_today_view_find_card (today_view (wait->fixture),
                                                            wait->fixture->appointment_id);

  return card != NULL &&
         tonic_appointment_get_state (tonic_appointment_card_get_appointment (card)) ==
           wait->state;
}

static TonicAppointmentCard *
wait_for_card (Fixture               *fixture,
               TonicAppointmentState  state)
{
  CardWait wait = { fixture, state };

  tonic_test_ui_wait_until (card_in_state, &wait, "the appointment's card");
  return _tonic_today_view_find_card (today_view (fixture), fixture->appointment_id);
}

static gboolean
dialog_open (gpointer data)
{
  GtkWindow *dialog = _tonic_today_view_get_dialog (today_view (data));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return _tonic_today_view_get_dialog (today_view (data)) == NULL;
}

static gboolean
check_in_form_shown (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (CHECK_IN (data, "content_stack")),
                    "form") == 0;
}

/* The session page */

static TonicSessionPage *
session_page (Fixture *fixture)
{
  GtkWidget *main_page = workspace (fixture);
  AdwBin *bin;

  if (main_page == NULL)
    return NULL;

  bin = tonic_test_ui_child (main_page, TONIC_TYPE_WORKSPACE, "session_bin");
  return adw_bin_get_child (bin) != NULL ? TONIC_SESSION_PAGE (adw_bin_get_child (bin)) : NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *content;
} PageWait;

static gboolean
page_shows (gpointer data)
{
  PageWait *wait = data;
  TonicSessionPage *page = session_page (wait->fixture);

  return page != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (PAGE (page, "content_stack")),
                    wait->content) == 0 &&
         gtk_widget_get_mapped (GTK_WIDGET (page));
}

static TonicSessionPage *
wait_for_page (Fixture    *fixture,
               const char *content)
{
  PageWait wait = { fixture, content };
  g_autofree char *what = g_strdup_printf ("the session page's “%s”", content);

  tonic_test_ui_wait_until (page_shows, &wait, what);
  return session_page (fixture);
}

static gboolean
page_idle (gpointer page)
{
  return !_tonic_session_page_is_busy (page);
}

/* Ctrl+S, then the store has it all. */
static void
save_page (TonicSessionPage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "session.save", NULL));
  tonic_test_ui_wait_until (page_idle, page, "the session to be saved");
}

static void
set_spin (TonicSessionPage *page,
          const char       *name,
          double            value)
{
  gtk_spin_button_set_value (PAGE (page, name), value);
  g_main_context_iteration (NULL, FALSE);
}

static void
set_check (GtkCheckButton *check,
           gboolean        active)
{
  gtk_check_button_set_active (check, active);
  g_main_context_iteration (NULL, FALSE);
}

static const char *
label_text (TonicSessionPage *page,
            const char       *name)
{
  return gtk_label_get_label (PAGE (page, name));
}

typedef struct
{
  TonicSessionPage *page;
  guint             n;
} RowsWait;

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return _tonic_session_page_get_vitals_row (wait->page, wait->n - 1) != NULL &&
         page_idle (wait->page);
}

/* Types a set of vitals and records it; waits for its row. */
static TonicVitalsRow *
record_vitals (TonicSessionPage *page,
               guint             n_before,
               int               systolic,
               int               diastolic,
               int               heart_rate,
               int               spo2,
               int               respiratory_rate)
{
  const char *spins[] = { "systolic_spin", "diastolic_spin", "heart_rate_spin", "spo2_spin",
                          "respiratory_spin" };
  RowsWait wait = { page, n_before + 1 };

  /* Nothing measured yet reads as empty fields, not as zeros. */
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_assert_cmpstr (gtk_editable_get_text (PAGE (page, spins[i])), ==, "");

  set_spin (page, "systolic_spin", systolic);
  set_spin (page, "diastolic_spin", diastolic);
  set_spin (page, "heart_rate_spin", heart_rate);
  set_spin (page, "spo2_spin", spo2);
  set_spin (page, "respiratory_spin", respiratory_rate);
  tonic_test_ui_click_when_mapped (PAGE (page, "record_vitals_button"));
  tonic_test_ui_wait_until (has_rows, &wait, "the new vitals row");

  /* The entry is cleared for the next reading. */
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      g_assert_cmpint (gtk_spin_button_get_value_as_int (PAGE (page, spins[i])), ==, 0);
      g_assert_cmpstr (gtk_editable_get_text (PAGE (page, spins[i])), ==, "");
    }
  return _tonic_session_page_get_vitals_row (page, n_before);
}

static TonicScaleGroup *
scale (TonicSessionPage *page,
       TonicInstrument   instrument,
       TonicScoreTiming  timing)
{
  GtkWidget *group = _tonic_session_page_get_scale_group (page, instrument, timing);

  g_assert_nonnull (group);
  return TONIC_SCALE_GROUP (group);
}

/* Chooses @value for item @index in its row, as a person picks it. */
static void
answer (TonicScaleGroup *group,
        guint            index,
        int              value)
{
  AdwComboRow *row = _tonic_scale_group_get_item_row (group, index);
  const TonicInstrumentItem *item = tonic_instrument_get_item (
    tonic_scale_group_get_instrument (group), index);

  adw_combo_row_set_selected (row, (guint) (value - item->min) + 1);
  g_main_context_iteration (NULL, FALSE);
}

static const char *
total_text (TonicScaleGroup *group)
{
  return gtk_label_get_label (_tonic_scale_group_get_total_label (group));
}

/* Scrolls @scroller_name so that @widget (in @content_name, the box that
 * scrolls) is at the top. */
static void
scroll_into_view (TonicSessionPage *page,
                  GtkWidget        *widget,
                  const char       *scroller_name,
                  const char       *content_name)
{
  graphene_point_t point;
  GtkScrolledWindow *scroller = PAGE (page, scroller_name);
  GtkWidget *content = PAGE (page, content_name);

  tonic_test_ui_spin (200);
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), point.y - 12);
}

static void
maybe_screenshot (Fixture    *fixture,
                  const char *name)
{
  const char *dir = g_getenv ("TONIC_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, name, NULL);
  tonic_test_ui_save_png (GTK_WIDGET (fixture->window), path);
}

typedef struct
{
  Fixture *fixture;
  gint64   session_id;
  gboolean (*check) (const TonicSession *session);
} StoreWait;

static gboolean
store_holds (gpointer data)
{
  StoreWait *wait = data;
  g_autoptr(TonicSession) session = stored_session (wait->fixture, wait->session_id);

  return wait->check (session);
}

static void
wait_for_store (Fixture  *fixture,
                gint64    session_id,
                gboolean (*check) (const TonicSession *session),
                const char *what)
{
  StoreWait wait = { fixture, session_id, check };

  tonic_test_ui_wait_until (store_holds, &wait, what);
}

static gboolean
phq9_stored (const TonicSession *session)
{
  const TonicSessionScore *score = find_score (session, TONIC_INSTRUMENT_PHQ9);

  return score != NULL && score->score.total == 11;
}

static gboolean
cssrs_stored (const TonicSession *session)
{
  return find_score (session, TONIC_INSTRUMENT_CSSRS) != NULL;
}

static gboolean
post_scores_stored (const TonicSession *session)
{
  return find_score (session, TONIC_INSTRUMENT_CADSS) != NULL &&
         find_score (session, TONIC_INSTRUMENT_MOAAS) != NULL;
}

static gboolean
safety_acknowledged (const TonicSession *session)
{
  const TonicSessionScore *score = find_score (session, TONIC_INSTRUMENT_PHQ9);

  return score != NULL && score->acknowledged_at != NULL;
}

static gboolean
note_stored (const TonicSession *session)
{
  return g_strcmp0 (session->note, NOTE_TEXT) == 0;
}

static gboolean
label_shows (gpointer label)
{
  return tonic_test_ui_label_shown (label);
}

static gboolean
acknowledged_row (gpointer page)
{
  TonicVitalsRow *row = _tonic_session_page_get_vitals_row (page, 1);

  return row != NULL && _tonic_vitals_row_get_acknowledged_label (row) != NULL;
}

static gboolean
page_dialog_open (gpointer page)
{
  GtkWindow *dialog = _tonic_session_page_get_dialog (page);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
page_finalized (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
name_gone (gpointer data)
{
  return !tonic_test_ui_widgets_contain (NULL, PATIENT_NAME, NULL);
}

/* The whole session */

static void
test_infusion_session (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TonicSession) stored = NULL;
  g_autoptr(TonicAppointment) arrived = NULL;
  TonicAppointmentCard *card;
  TonicSessionPage *page;
  TonicSessionPage *weak_page;
  TonicVitalsRow *row;
  TonicScaleGroup *phq9;
  TonicScaleGroup *cssrs;
  TonicScaleGroup *cadss;
  TonicScaleGroup *moaas;
  GtkWindow *dialog;
  gint64 session_id;
  static const int phq9_answers[] = { 2, 2, 1, 2, 1, 1, 1, 0, 1 };

  /* -- The nurse: check-in and seating on the Today board ------------------ */
  sign_in (fixture, NURSE_USER);
  card = wait_for_card (fixture, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_false (gtk_widget_get_visible (CARD (card, "document_button")));

  tonic_test_ui_click_when_mapped (CARD (card, "primary_button"));
  tonic_test_ui_wait_until (dialog_open, fixture, "the check-in window");
  dialog = _tonic_today_view_get_dialog (today_view (fixture));
  tonic_test_ui_wait_until (check_in_form_shown, dialog, "the patient in the check-in window");
  gtk_check_button_set_active (CHECK_IN (dialog, "identity_check"), TRUE);
  gtk_check_button_set_active (CHECK_IN (dialog, "driver_check"), TRUE);
  gtk_check_button_set_active (CHECK_IN (dialog, "fasting_check"), TRUE);
  tonic_test_ui_click_when_mapped (CHECK_IN (dialog, "check_in_button"));
  tonic_test_ui_wait_until (dialog_gone, fixture, "the check-in window to close");

  card = wait_for_card (fixture, TONIC_APPOINTMENT_STATE_ARRIVED);
  arrived = g_object_ref (tonic_appointment_card_get_appointment (card));
  g_assert_false (gtk_widget_get_visible (CARD (card, "document_button")));
  g_assert_cmpstr (gtk_button_get_label (CARD (card, "primary_button")), ==, "_Seat in Chair");
  tonic_test_ui_click_when_mapped (CARD (card, "primary_button"));
  card = wait_for_card (fixture, TONIC_APPOINTMENT_STATE_IN_CHAIR);

  /* In the chair: "Document Session" opens the session page over the board. */
  g_assert_true (gtk_widget_get_visible (CARD (card, "document_button")));
  tonic_test_ui_click_when_mapped (CARD (card, "document_button"));
  page = wait_for_page (fixture, "form");
  session_id = tonic_session_page_get_session_id (page);
  g_assert_cmpint (session_id, >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     tonic_test_ui_child (workspace (fixture), TONIC_TYPE_WORKSPACE, "pages")),
                   ==, "session");
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (page), "Session 1", NULL));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (page), PATIENT_NAME, NULL));

  stored = stored_session (fixture, session_id);
  g_assert_cmpint (stored->status, ==, TONIC_SESSION_STATUS_DRAFT);
  g_assert_cmpint (stored->appointment_id, ==, fixture->appointment_id);
  g_assert_cmpint (stored->plan_id, ==, fixture->plan_id);
  g_assert_cmpint (stored->number, ==, 1);
  g_clear_pointer (&stored, tonic_session_free);

  /* A nurse documents, and does not sign. */
  g_assert_false (gtk_widget_get_visible (PAGE (page, "sign_button")));
  g_assert_false (gtk_widget_get_visible (PAGE (page, "amend_button")));

  /* -- Pre-checks: the desk's confirmations and the arrival carried over --- */
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (tonic_appointment_get_arrived_at (arrived));
    g_autofree char *time = g_date_time_format (local, "%H:%M");

    g_assert_cmpstr (gtk_editable_get_text (PAGE (page, "checkin_entry")), ==, time);
  }
  g_assert_true (gtk_check_button_get_active (PAGE (page, "fasting_check")));
  g_assert_true (gtk_check_button_get_active (PAGE (page, "driver_check")));
  g_assert_false (gtk_widget_get_visible (PAGE (page, "rems_row")));
  set_check (PAGE (page, "consent_check"), TRUE);

  /* -- Weight: none recorded, so it is asked for -------------------------- */
  g_assert_true (tonic_test_ui_label_shown (PAGE (page, "weight_hint")));
  g_assert_cmpstr (label_text (page, "result_mg"), ==, "—");
  set_spin (page, "weight_spin", 80);
  g_assert_false (gtk_widget_get_visible (PAGE (page, "weight_hint")));

  /* -- The dose calculator: CLINICAL.md's example --------------------------- */
  g_assert_cmpfloat (gtk_spin_button_get_value (PAGE (page, "amount_spin")), ==, 0.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (PAGE (page, "bag_spin")), ==, 100);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (PAGE (page, "minutes_spin")), ==, 40);
  g_assert_cmpstr (label_text (page, "result_mg"), ==, "40 mg");
  g_assert_cmpstr (label_text (page, "result_concentration"), ==, "0.4 mg/mL");
  g_assert_cmpstr (label_text (page, "result_volume"), ==, "100 mL");
  g_assert_cmpstr (label_text (page, "result_rate"), ==, "150 mL/h");
  g_assert_nonnull (strstr (label_text (page, "working_label"), "80 kg"));
  g_assert_nonnull (strstr (label_text (page, "working_label"), "150 mL/h"));
  /* The given dose follows the calculated one. */
  g_assert_cmpfloat (gtk_spin_button_get_value (PAGE (page, "given_spin")), ==, 40);
  g_assert_false (gtk_widget_get_visible (PAGE (page, "reason_row")));

  /* Above the plan's maximum (1.0 mg/kg × 120 kg = 120 mg): told next to
   * the dose, and signing is blocked; back within it, all clear. */
  set_spin (page, "amount_spin", 2.0);
  g_assert_cmpstr (label_text (page, "result_mg"), ==, "160 mg");
  g_assert_true (tonic_test_ui_label_shown (PAGE (page, "dose_error")));
  g_assert_true (tonic_test_ui_label_shown (PAGE (page, "given_error")));
  g_assert_false (gtk_widget_is_sensitive (PAGE (page, "sign_button")));
  set_spin (page, "amount_spin", 0.5);
  g_assert_false (gtk_widget_get_visible (PAGE (page, "dose_error")));
  g_assert_false (gtk_widget_get_visible (PAGE (page, "given_error")));
  g_assert_cmpfloat (gtk_spin_button_get_value (PAGE (page, "given_spin")), ==, 40);

  /* The second person checking the dose: a colleague who may give one,
   * listed for a nurse without the staff list; nobody at first. */
  tonic_test_ui_wait_until (tonic_test_ui_widget_is_mapped, PAGE (page, "checker_row"), "the second-check picker");
  {
    AdwComboRow *checker = PAGE (page, "checker_row");
    GListModel *names = adw_combo_row_get_model (checker);

    g_assert_cmpuint (adw_combo_row_get_selected (checker), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==,
                     CLINICIAN_NAME);
    adw_combo_row_set_selected (checker, 1);
  }

  tonic_test_ui_type (PAGE (page, "lot_row"), LOT_NUMBER);
  save_page (page);
  scroll_into_view (page, PAGE (page, "weight_row"), "form_scroller", "form_box");
  maybe_screenshot (fixture, "session-dose.png");

  stored = stored_session (fixture, session_id);
  g_assert_cmpfloat (stored->weight_kg, ==, 80);
  g_assert_nonnull (stored->weight_measured_at);
  g_assert_true (stored->consent_current);
  g_assert_true (stored->fasting);
  g_assert_true (stored->driver);
  g_assert_cmpfloat (stored->calculated_mg, ==, 40);
  g_assert_cmpfloat (stored->given_mg, ==, 40);
  g_assert_cmpfloat (stored->concentration_mg_per_ml, ==, 0.4);
  g_assert_cmpfloat (stored->volume_ml, ==, 100);
  g_assert_cmpfloat (stored->rate_ml_per_hour, ==, 150);
  g_assert_cmpstr (stored->lot_number, ==, LOT_NUMBER);
  g_assert_cmpint (stored->checked_by, ==, fixture->clinician_id);
  g_assert_null (stored->started_at);
  g_clear_pointer (&stored, tonic_session_free);

  /* -- Vitals: baseline, the dose started, an alarm ---------------------- */
  g_assert_true (gtk_revealer_get_reveal_child (PAGE (page, "due_revealer")));
  g_assert_cmpstr (label_text (page, "due_label"), ==, "Baseline vitals are due before the dose");
  g_assert_true (gtk_widget_has_css_class (PAGE (page, "due_bar"), "due"));

  row = record_vitals (page, 0, 128, 82, 72, 98, 14);
  g_assert_null (_tonic_vitals_row_get_alert_label (row));
  g_assert_true (g_str_has_prefix (label_text (page, "due_label"), "Baseline vitals taken"));

  tonic_test_ui_click_when_mapped (PAGE (page, "start_now_button"));
  g_assert_cmpstr (gtk_editable_get_text (PAGE (page, "start_entry")), !=, "");
  g_assert_true (g_str_has_prefix (label_text (page, "phase_label"), "Now: "));
  g_assert_true (g_str_has_prefix (label_text (page, "due_label"), "Next vitals due at "));
  g_assert_false (gtk_widget_has_css_class (PAGE (page, "due_bar"), "due"));

  row = record_vitals (page, 1, 184, 112, 96, 97, 16);
  /* Charted as they come, against the minutes from the dose. */
  g_assert_true (gtk_widget_get_visible (PAGE (page, "vitals_chart")));
  g_assert_cmpuint (tonic_chart_get_n_points (PAGE (page, "vitals_chart")), ==, 2);
  g_assert_nonnull (strstr (tonic_chart_get_summary (PAGE (page, "vitals_chart")), "184"));
  g_assert_nonnull (_tonic_vitals_row_get_alert_label (row));
  g_assert_nonnull (strstr (gtk_label_get_label (_tonic_vitals_row_get_alert_label (row)), "184"));
  g_assert_true (tonic_vitals_row_needs_acknowledgement (row));
  /* The action taken must be chosen before acknowledging. */
  g_assert_false (gtk_widget_get_sensitive (ACK_BUTTON (row)));

  stored = stored_session (fixture, session_id);
  g_assert_cmpuint (stored->vitals->len, ==, 2);
  {
    TonicSessionVitals *baseline = g_ptr_array_index (stored->vitals, 0);
    TonicSessionVitals *high = g_ptr_array_index (stored->vitals, 1);

    g_assert_cmpint (baseline->phase, ==, TONIC_VITALS_PHASE_PRE);
    g_assert_cmpint (baseline->level, ==, TONIC_VITALS_LEVEL_NORMAL);
    g_assert_cmpint (high->phase, ==, TONIC_VITALS_PHASE_DURING);
    g_assert_cmpint (high->reading.systolic, ==, 184);
    g_assert_cmpint (high->level, ==, TONIC_VITALS_LEVEL_ALARM);
    g_assert_cmpint (high->action, ==, TONIC_VITALS_ACTION_NONE);
  }
  g_assert_nonnull (stored->started_at);
  g_clear_pointer (&stored, tonic_session_free);

  scroll_into_view (page, PAGE (page, "vitals_group"), "form_scroller", "form_box");
  maybe_screenshot (fixture, "session.png");

  gtk_drop_down_set_selected (_tonic_vitals_row_get_action_dropdown (row), 3);  /* slow */
  g_assert_true (gtk_widget_get_sensitive (ACK_BUTTON (row)));
  tonic_test_ui_type (_tonic_vitals_row_get_note_entry (row), ACK_NOTE);
  tonic_test_ui_click_when_mapped (_tonic_vitals_row_get_acknowledge_button (row));
  tonic_test_ui_wait_until (acknowledged_row, page, "the alert acknowledged");
  row = _tonic_session_page_get_vitals_row (page, 1);
  g_assert_nonnull (strstr (gtk_label_get_label (_tonic_vitals_row_get_acknowledged_label (row)),
                            NURSE_NAME));

  stored = stored_session (fixture, session_id);
  {
    TonicSessionVitals *high = g_ptr_array_index (stored->vitals, 1);

    g_assert_cmpint (high->action, ==, TONIC_VITALS_ACTION_SLOW);
    g_assert_cmpstr (high->action_note, ==, ACK_NOTE);
    g_assert_cmpint (high->acknowledged_by, ==, fixture->nurse_id);
  }
  g_clear_pointer (&stored, tonic_session_free);

  /* -- Rating scales, item by item, scored live ----------------------------- */
  phq9 = scale (page, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE);
  cssrs = scale (page, TONIC_INSTRUMENT_CSSRS, TONIC_SCORE_TIMING_PRE);
  cadss = scale (page, TONIC_INSTRUMENT_CADSS, TONIC_SCORE_TIMING_POST);
  moaas = scale (page, TONIC_INSTRUMENT_MOAAS, TONIC_SCORE_TIMING_POST);
  g_assert_null (_tonic_session_page_get_scale_group (page, TONIC_INSTRUMENT_MADRS,
                                                      TONIC_SCORE_TIMING_PRE));
  g_assert_cmpstr (total_text (phq9), ==, "0 of 9 items answered");

  for (guint i = 0; i < G_N_ELEMENTS (phq9_answers) - 1; i++)
    answer (phq9, i, phq9_answers[i]);
  g_assert_cmpstr (total_text (phq9), ==, "8 of 9 items answered");
  g_assert_false (gtk_widget_get_visible (_tonic_scale_group_get_safety_box (phq9)));
  answer (phq9, 8, phq9_answers[8]);
  g_assert_cmpstr (total_text (phq9), ==, "Total 11 · Moderate");

  /* Item 9 raises the safety flag; a nurse cannot acknowledge it. */
  g_assert_true (gtk_widget_get_visible (_tonic_scale_group_get_safety_box (phq9)));
  g_assert_true (tonic_test_ui_widgets_contain (_tonic_scale_group_get_safety_box (phq9),
                                                "A clinician must acknowledge", NULL));
  g_assert_false (gtk_widget_is_visible (SAFETY_BUTTON (phq9)));
  wait_for_store (fixture, session_id, phq9_stored, "the PHQ-9 in the store");

  /* C-SSRS: "no" to item 2 skips items 3–5. */
  answer (cssrs, 0, 0);
  answer (cssrs, 1, 0);
  g_assert_false (gtk_widget_get_sensitive (
    GTK_WIDGET (_tonic_scale_group_get_item_row (cssrs, 2))));
  answer (cssrs, 5, 0);
  answer (cssrs, 6, 0);
  g_assert_cmpstr (total_text (cssrs), ==, "Risk: None");
  wait_for_store (fixture, session_id, cssrs_stored, "the C-SSRS in the store");
  scroll_into_view (page, GTK_WIDGET (_tonic_scale_group_get_item_row (phq9, 5)),
                    "form_scroller", "form_box");
  maybe_screenshot (fixture, "session-scales.png");

  /* -- The end, recovery, after the dose ------------------------------------ */
  tonic_test_ui_click_when_mapped (PAGE (page, "end_now_button"));
  row = record_vitals (page, 2, 136, 84, 80, 98, 14);
  g_assert_null (_tonic_vitals_row_get_alert_label (row));

  set_check (_tonic_session_page_get_side_effect_check (page, TONIC_SIDE_EFFECT_DISSOCIATION),
             TRUE);
  set_check (_tonic_session_page_get_side_effect_check (page, TONIC_SIDE_EFFECT_NAUSEA), TRUE);

  for (guint i = 0; i < tonic_instrument_get_n_items (TONIC_INSTRUMENT_CADSS); i++)
    answer (cadss, i, i < 6 ? 1 : 0);
  g_assert_cmpstr (total_text (cadss), ==, "Total 6");
  answer (moaas, 0, 5);
  g_assert_cmpstr (total_text (moaas), ==, "Total 5");
  wait_for_store (fixture, session_id, post_scores_stored, "CADSS and MOAA/S in the store");

  /* -- Discharge ---------------------------------------------------------------- */
  g_assert_cmpstr (label_text (page, "aldrete_label"), ==, "0 of 5 scored");
  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    adw_combo_row_set_selected (_tonic_session_page_get_aldrete_row (page, i), i == 0 ? 2 : 3);
  g_assert_cmpstr (label_text (page, "aldrete_label"), ==, "9 of 10 · Ready to leave");
  tonic_test_ui_click_when_mapped (PAGE (page, "ready_now_button"));
  tonic_test_ui_type (PAGE (page, "driver_name_row"), DRIVER_NAME);
  save_page (page);
  scroll_into_view (page, GTK_WIDGET (_tonic_session_page_get_aldrete_row (page, 0)),
                    "form_scroller", "form_box");
  maybe_screenshot (fixture, "session-discharge.png");

  /* The due bar goes once the patient is ready to leave. */
  g_assert_false (gtk_revealer_get_reveal_child (PAGE (page, "due_revealer")));

  stored = stored_session (fixture, session_id);
  g_assert_cmpint (stored->status, ==, TONIC_SESSION_STATUS_DRAFT);
  g_assert_nonnull (stored->ended_at);
  g_assert_nonnull (stored->ready_at);
  g_assert_cmpstr (stored->driver_name, ==, DRIVER_NAME);
  g_assert_cmpint (stored->side_effects, ==,
                   TONIC_SIDE_EFFECT_DISSOCIATION | TONIC_SIDE_EFFECT_NAUSEA);
  g_assert_cmpint (stored->aldrete[0], ==, 1);
  for (guint i = 1; i < TONIC_N_ALDRETE_ITEMS; i++)
    g_assert_cmpint (stored->aldrete[i], ==, 2);
  g_assert_cmpuint (stored->vitals->len, ==, 3);
  g_assert_cmpint (((TonicSessionVitals *) g_ptr_array_index (stored->vitals, 2))->phase, ==,
                   TONIC_VITALS_PHASE_RECOVERY);
  g_assert_cmpfloat (find_score (stored, TONIC_INSTRUMENT_PHQ9)->score.total, ==, 11);
  g_assert_cmpint (find_score (stored, TONIC_INSTRUMENT_PHQ9)->score.safety, ==,
                   TONIC_SAFETY_PHQ9_ITEM9);
  g_assert_cmpfloat (find_score (stored, TONIC_INSTRUMENT_CADSS)->score.total, ==, 6);
  g_assert_cmpint (find_score (stored, TONIC_INSTRUMENT_MOAAS)->timing, ==,
                   TONIC_SCORE_TIMING_POST);
  g_clear_pointer (&stored, tonic_session_free);

  /* -- Locked: the page goes with the workspace, saving what it held ------ */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (PAGE (page, "note_view")), NOTE_TEXT, -1);
  g_assert_true (_tonic_session_page_is_busy (page));
  weak_page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &weak_page);
  tonic_window_lock (fixture->window);
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
  tonic_test_ui_wait_until (page_finalized, &weak_page, "the session page to be finalized");
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (fixture->window)), "Ingrid"));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), PATIENT_NAME));
  /* Nothing shows the patient (the board's last toast, dismissed on lock,
   * is gone once it has faded out). */
  tonic_test_ui_wait_until (name_gone, NULL, "the patient's name to leave the screen");

  /* Nothing typed was lost to the lock. */
  wait_for_store (fixture, session_id, note_stored, "the note typed before the lock");

  /* -- The clinician: acknowledge, sign, amend ------------------------------- */
  sign_in (fixture, CLINICIAN_USER);
  card = wait_for_card (fixture, TONIC_APPOINTMENT_STATE_IN_CHAIR);
  tonic_test_ui_click_when_mapped (CARD (card, "document_button"));
  page = wait_for_page (fixture, "form");
  g_assert_cmpint (tonic_session_page_get_session_id (page), ==, session_id);
  g_assert_true (gtk_widget_get_visible (PAGE (page, "sign_button")));
  g_assert_cmpstr (gtk_editable_get_text (PAGE (page, "lot_row")), ==, LOT_NUMBER);
  phq9 = scale (page, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE);
  g_assert_cmpstr (total_text (phq9), ==, "Total 11 · Moderate");

  /* Signing first: refused next to the scales, which come into view. */
  tonic_test_ui_click_when_mapped (PAGE (page, "sign_button"));
  tonic_test_ui_wait_until (label_shows, PAGE (page, "scores_error"), "why it cannot be signed");
  g_assert_nonnull (strstr (label_text (page, "scores_error"), "acknowledge"));
  g_assert_null (_tonic_session_page_get_dialog (page));

  g_assert_true (gtk_widget_is_visible (SAFETY_BUTTON (phq9)));
  g_assert_false (gtk_widget_get_sensitive (SAFETY_BUTTON (phq9)));
  tonic_test_ui_type (_tonic_scale_group_get_note_entry (phq9), SAFETY_NOTE);
  tonic_test_ui_click_when_mapped (_tonic_scale_group_get_acknowledge_button (phq9));
  wait_for_store (fixture, session_id, safety_acknowledged, "the safety flag acknowledged");
  tonic_test_ui_wait_for_text (_tonic_scale_group_get_safety_box (phq9), "Acknowledged by "
                               CLINICIAN_NAME);

  tonic_test_ui_click_when_mapped (PAGE (page, "sign_button"));
  tonic_test_ui_wait_until (page_dialog_open, page, "the question before signing");
  dialog = _tonic_session_page_get_dialog (page);
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (dialog), "Sign Session 1?", NULL));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  gtk_window_destroy (dialog);
  page = wait_for_page (fixture, "record");

  stored = stored_session (fixture, session_id);
  g_assert_cmpint (stored->status, ==, TONIC_SESSION_STATUS_SIGNED);
  g_assert_cmpint (stored->signed_by, ==, fixture->clinician_id);
  g_assert_nonnull (stored->signed_at);
  g_assert_cmpstr (find_score (stored, TONIC_INSTRUMENT_PHQ9)->acknowledgement, ==, SAFETY_NOTE);
  g_assert_cmpint (find_score (stored, TONIC_INSTRUMENT_PHQ9)->acknowledged_by, ==,
                   fixture->clinician_id);
  g_clear_pointer (&stored, tonic_session_free);

  /* Read-only: the record, no Sign, an amendment offered. */
  g_assert_false (gtk_widget_get_visible (PAGE (page, "sign_button")));
  g_assert_true (gtk_widget_get_visible (PAGE (page, "amend_button")));
  g_assert_false (gtk_revealer_get_reveal_child (PAGE (page, "due_revealer")));
  g_assert_false (_tonic_session_page_has_timer (page));
  g_assert_true (tonic_test_ui_widgets_contain (PAGE (page, "record_box"),
                                                "Signed by " CLINICIAN_NAME, NULL));
  g_assert_true (tonic_test_ui_widgets_contain (PAGE (page, "record_box"), LOT_NUMBER, NULL));
  g_assert_true (tonic_test_ui_widgets_contain (PAGE (page, "record_box"), ACK_NOTE, NULL));
  /* Its vitals charted, every reading a point. */
  {
    GtkWidget *chart = tonic_test_ui_find_widget (PAGE (page, "record_box"),
                                                  TONIC_TYPE_VITALS_CHART, NULL);

    g_assert_nonnull (chart);
    g_assert_cmpuint (tonic_chart_get_n_points (TONIC_CHART (chart)), ==, 3);
  }
  g_assert_null (tonic_test_ui_find_widget (PAGE (page, "record_box"), GTK_TYPE_SPIN_BUTTON,
                                            NULL));
  g_assert_null (tonic_test_ui_find_widget (PAGE (page, "record_box"), GTK_TYPE_ENTRY, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "session.add-amendment", NULL));
  tonic_test_ui_wait_until (page_dialog_open, page, "the amendment window");
  dialog = _tonic_session_page_get_dialog (page);
  gtk_text_buffer_set_text (
    gtk_text_view_get_buffer (_tonic_session_page_get_amendment_view (page)), AMENDMENT_TEXT, -1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  gtk_window_destroy (dialog);
  tonic_test_ui_wait_for_text (PAGE (page, "record_box"), AMENDMENT_TEXT);
  g_assert_true (tonic_test_ui_widgets_contain (PAGE (page, "record_box"), "Amendments", NULL));

  stored = stored_session (fixture, session_id);
  g_assert_cmpint (stored->status, ==, TONIC_SESSION_STATUS_SIGNED);
  g_assert_cmpuint (stored->amendments->len, ==, 1);
  g_assert_cmpstr (((TonicAmendment *) g_ptr_array_index (stored->amendments, 0))->text, ==,
                   AMENDMENT_TEXT);
  g_assert_cmpint (((TonicAmendment *) g_ptr_array_index (stored->amendments, 0))->created_by, ==,
                   fixture->clinician_id);
  /* The signed record itself is as it was. */
  g_assert_cmpstr (stored->lot_number, ==, LOT_NUMBER);
  g_assert_cmpfloat (stored->given_mg, ==, 40);
  g_clear_pointer (&stored, tonic_session_free);

  scroll_into_view (page, PAGE (page, "record_box"), "record_scroller", "record_box");
  maybe_screenshot (fixture, "signed-session.png");

  /* Back to the board, as it was; the page goes. */
  weak_page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &weak_page);
  tonic_test_ui_click_when_mapped (PAGE (page, "back_button"));
  tonic_test_ui_wait_until (page_finalized, &weak_page, "the session page to go");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     tonic_test_ui_child (workspace (fixture), TONIC_TYPE_WORKSPACE, "pages")),
                   ==, "main");
  g_assert_null (session_page (fixture));
  g_assert_nonnull (wait_for_card (fixture, TONIC_APPOINTMENT_STATE_IN_CHAIR));
}

/* The front desk is never offered a session, and the workspace refuses. */
static void
test_front_desk (Fixture       *fixture,
                 gconstpointer  data)
{
  TonicStore *nurse_store = store (fixture, NURSE_USER);
  g_autoptr(TonicAppointment) moved = NULL;
  g_autoptr(GError) error = NULL;
  TonicCheckIn check_in = { TRUE, TRUE, TRUE };
  TonicAppointmentCard *card;

  moved = patients_test_move_appointment (nurse_store, fixture->appointment_id,
                                          TONIC_APPOINTMENT_STATE_ARRIVED, &check_in, &error);
  g_assert_no_error (error);
  g_clear_object (&moved);
  moved = patients_test_move_appointment (nurse_store, fixture->appointment_id,
                                          TONIC_APPOINTMENT_STATE_IN_CHAIR, NULL, &error);
  g_assert_no_error (error);

  sign_in (fixture, DESK_USER);
  card = wait_for_card (fixture, TONIC_APPOINTMENT_STATE_IN_CHAIR);
  g_assert_false (gtk_widget_get_visible (CARD (card, "document_button")));
  /* Asked anyway (the actions are disabled for the desk): nothing opens,
   * and nothing is started in the store. */
  gtk_widget_activate_action (GTK_WIDGET (card), "workspace.start-session", "(xx)",
                              fixture->patient_id, fixture->appointment_id);
  gtk_widget_activate_action (GTK_WIDGET (card), "workspace.open-session", "x", (gint64) 1);
  tonic_test_ui_spin (300);
  g_assert_null (session_page (fixture));
  {
    g_autoptr(GPtrArray) sessions = sessions_test_list_sessions (store (fixture, CLINICIAN_USER),
                                                                 fixture->patient_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sessions->len, ==, 0);
  }
}

/* The start of a session from anywhere in the workspace (the patient's
 * Sessions tab activates the same action). */
static TonicSessionPage *
start_session (Fixture *fixture,
               gint64   patient_id)
{
  g_assert_true (gtk_widget_activate_action (workspace (fixture), "workspace.start-session", "(xx)",
                                             patient_id, (gint64) 0));
  return wait_for_page (fixture, "form");
}

static gboolean
reason_stored (const TonicSession *session)
{
  return g_strcmp0 (session->change_reason, "Partial response: titrating up") == 0;
}

/* A dose more than 20 % away from the previous session's asks for a reason. */
static void
test_dose_change (Fixture       *fixture,
                  gconstpointer  data)
{
  TonicStore *clinical = store (fixture, CLINICIAN_USER);
  g_autoptr(TonicSession) first = NULL;
  g_autoptr(TonicSession) documented = NULL;
  g_autoptr(TonicSession) signed_session = NULL;
  g_autoptr(GError) error = NULL;
  TonicSessionPage *page;
  gint64 session_id;

  g_assert_true (patients_test_add_weight (clinical, fixture->patient_id, 80, NULL, &error));
  g_assert_no_error (error);
  first = sessions_test_start_session (clinical, fixture->patient_id, 0, &error);
  g_assert_no_error (error);
  documented = sessions_test_document (clinical, first->id, 40);
  signed_session = sessions_test_sign_session (clinical, first->id, &error);
  g_assert_no_error (error);

  sign_in (fixture, CLINICIAN_USER);
  page = start_session (fixture, fixture->patient_id);
  session_id = tonic_session_page_get_session_id (page);
  g_assert_cmpint (session_id, !=, first->id);
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (page), "Session 2", NULL));

  /* The current weight was filled in from the record. */
  g_assert_cmpfloat (gtk_spin_button_get_value (PAGE (page, "weight_spin")), ==, 80);
  g_assert_false (gtk_widget_get_visible (PAGE (page, "weight_hint")));
  g_assert_cmpstr (label_text (page, "result_mg"), ==, "40 mg");
  g_assert_false (gtk_widget_get_visible (PAGE (page, "reason_row")));

  /* 0.75 mg/kg: 60 mg, 50 % more than last time. */
  set_spin (page, "amount_spin", 0.75);
  g_assert_cmpstr (label_text (page, "result_mg"), ==, "60 mg");
  g_assert_true (gtk_widget_get_visible (PAGE (page, "reason_row")));
  g_assert_true (tonic_test_ui_label_shown (PAGE (page, "reason_hint")));
  g_assert_nonnull (strstr (label_text (page, "reason_hint"), "50 % more"));
  g_assert_nonnull (strstr (label_text (page, "reason_hint"), "40 mg"));

  tonic_test_ui_type (PAGE (page, "reason_row"), "Partial response: titrating up");
  save_page (page);
  wait_for_store (fixture, session_id, reason_stored, "the reason in the store");

  /* Back within 20 %: no longer asked (the reason typed stays shown). */
  set_spin (page, "amount_spin", 0.55);
  g_assert_cmpstr (label_text (page, "result_mg"), ==, "44 mg");
  g_assert_false (gtk_widget_get_visible (PAGE (page, "reason_hint")));
}

/* An esketamine session: devices instead of a pump, and the REMS fields. */
static void
test_nasal_session (Fixture       *fixture,
                    gconstpointer  data)
{
  TonicStore *clinical = store (fixture, CLINICIAN_USER);
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(TonicPlan) plan = NULL;
  g_autoptr(TonicPlan) signed_plan = NULL;
  g_autoptr(TonicSession) stored = NULL;
  g_autoptr(GError) error = NULL;
  TonicPatientFields fields = { 0 };
  TonicSessionPage *page;

  patients_test_fields (&fields, "Tomasz Wiśniewski", "1968-02-29");
  fields.indications = TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER;
  patient = patients_test_create_patient (clinical, &fields, &error);
  g_assert_no_error (error);
  plan = sessions_test_new_plan (tonic_patient_get_id (patient), TONIC_PROTOCOL_ESKETAMINE,
                                 TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER);
  signed_plan = sessions_test_add_signed_plan (clinical, plan);

  sign_in (fixture, NURSE_USER);
  page = start_session (fixture, tonic_patient_get_id (patient));

  g_assert_true (gtk_widget_get_visible (PAGE (page, "rems_row")));
  g_assert_true (gtk_widget_get_visible (PAGE (page, "rems_group")));
  g_assert_false (gtk_widget_get_visible (PAGE (page, "bag_row")));
  g_assert_false (gtk_widget_get_visible (PAGE (page, "minutes_row")));
  g_assert_false (gtk_widget_get_visible (PAGE (page, "result_rate_box")));
  g_assert_cmpint (adw_combo_row_get_selected (PAGE (page, "mode_row")), ==, 1);
  /* A fixed dose needs no weight. */
  g_assert_cmpstr (label_text (page, "result_mg"), ==, "56 mg");
  g_assert_cmpstr (label_text (page, "result_volume"), ==, "2 devices");

  set_check (PAGE (page, "rems_check"), TRUE);
  set_check (_tonic_session_page_get_comedication_check (page, TONIC_COMEDICATION_BENZODIAZEPINES),
             TRUE);
  gtk_spin_button_set_value (_tonic_session_page_get_observation_spin (page), 125);
  save_page (page);

  stored = stored_session (fixture, tonic_session_page_get_session_id (page));
  g_assert_cmpint (stored->route, ==, TONIC_ROUTE_NASAL);
  g_assert_true (stored->rems_enrolled);
  g_assert_cmpint (stored->comedications, ==, TONIC_COMEDICATION_BENZODIAZEPINES);
  g_assert_cmpint (stored->observation_minutes, ==, 125);
  g_assert_cmpfloat (stored->given_mg, ==, 56);
}

/* The patient's list of sessions */

typedef struct
{
  gint64 opened;
  gint64 started_patient;
  gint64 started_appointment;
} Activated;

static void
on_open_session (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ((Activated *) user_data)->opened = g_variant_get_int64 (parameter);
}

static void
on_start_session (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Activated *activated = user_data;

  g_variant_get (parameter, "(xx)", &activated->started_patient, &activated->started_appointment);
}

static gboolean
list_shows (gpointer list)
{
  GtkStack *stack = tonic_test_ui_child (list, TONIC_TYPE_SESSION_LIST, "state_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "list") == 0 &&
         _tonic_session_list_get_row (list, 1) != NULL;
}

static gboolean
start_sensitive (gpointer list)
{
  return gtk_widget_get_sensitive (tonic_test_ui_child (list, TONIC_TYPE_SESSION_LIST,
                                                        "start_button"));
}

static void
test_session_list (Fixture       *fixture,
                   gconstpointer  data)
{
  TonicStore *clinical = store (fixture, CLINICIAN_USER);
  g_autoptr(TonicSession) first = NULL;
  g_autoptr(TonicSession) documented = NULL;
  g_autoptr(TonicSession) signed_session = NULL;
  g_autoptr(TonicSession) second = NULL;
  g_autoptr(TonicAmendment) amendment = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(TonicStaff) clinician = tonic_store_dup_actor (clinical);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GError) error = NULL;
  Activated activated = { 0 };
  const GActionEntry entries[] = {
    { "open-session", on_open_session, "x", NULL, NULL, { 0 } },
    { "start-session", on_start_session, "(xx)", NULL, NULL, { 0 } },
  };
  TonicSessionList *list;
  GtkWindow *window;
  GtkListBoxRow *row;

  /* One signed (and amended) session, and a draft after it. */
  g_assert_true (patients_test_add_weight (clinical, fixture->patient_id, 80, NULL, &error));
  g_assert_no_error (error);
  first = sessions_test_start_session (clinical, fixture->patient_id, 0, &error);
  g_assert_no_error (error);
  documented = sessions_test_document (clinical, first->id, 0);
  signed_session = sessions_test_sign_session (clinical, first->id, &error);
  g_assert_no_error (error);
  amendment = sessions_test_add_amendment (clinical, first->id, AMENDMENT_TEXT, &error);
  g_assert_no_error (error);
  second = sessions_test_start_session (clinical, fixture->patient_id, 0, &error);
  g_assert_no_error (error);
  patient = patients_test_open_patient (clinical, fixture->patient_id, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 800, 600);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries),
                                   &activated);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "workspace", G_ACTION_GROUP (group));
  list = tonic_session_list_new ();
  gtk_window_set_child (window, GTK_WIDGET (list));
  tonic_session_list_set_session (list, clinical, clinician);
  gtk_window_present (window);
  tonic_session_list_show (list, patient);
  tonic_test_ui_wait_until (list_shows, list, "the patient's sessions");
  tonic_test_ui_wait_until (start_sensitive, list, "Start Session");

  /* Newest first: the draft, then the signed one with its amendment. */
  row = _tonic_session_list_get_row (list, 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Session 2 · "));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (row), "Draft", NULL));
  row = _tonic_session_list_get_row (list, 1);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Session 1 · "));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (row), "Signed", NULL));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (row), "1 amendment", NULL));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "C-SSRS"));
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (list), "2 sessions, 1 signed", NULL));

  g_signal_emit_by_name (row, "activate");
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (activated.opened, ==, first->id);

  tonic_test_ui_click_when_mapped (tonic_test_ui_child (list, TONIC_TYPE_SESSION_LIST,
                                                        "start_button"));
  g_assert_cmpint (activated.started_patient, ==, fixture->patient_id);
  g_assert_cmpint (activated.started_appointment, ==, 0);

  /* Cleared: nothing of the patient stays. */
  tonic_session_list_clear (list);
  g_assert_null (_tonic_session_list_get_row (list, 0));
  g_assert_false (tonic_test_ui_widgets_contain (GTK_WIDGET (window), "Session 1", NULL));

  gtk_window_destroy (window);
  tonic_test_ui_spin (100);
}

int
main (int   argc,
      char *argv[])
{
  tonic_test_ui_init (&argc, &argv);

  g_test_add ("/session-ui/infusion-session", Fixture, NULL, fixture_set_up,
              test_infusion_session, fixture_tear_down);
  g_test_add ("/session-ui/front-desk", Fixture, NULL, fixture_set_up, test_front_desk,
              fixture_tear_down);
  g_test_add ("/session-ui/dose-change", Fixture, NULL, fixture_set_up, test_dose_change,
              fixture_tear_down);
  g_test_add ("/session-ui/nasal-session", Fixture, NULL, fixture_set_up, test_nasal_session,
              fixture_tear_down);
  g_test_add ("/session-ui/session-list", Fixture, NULL, fixture_set_up, test_session_list,
              fixture_tear_down);

  return g_test_run ();
}
