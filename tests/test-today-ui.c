/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Today board driven as the front desk and a nurse would: booking
 * through the form (a bad length, an overlap and Book Anyway), checking a
 * patient in, the moves each role is offered, cancelling with Undo, no-show,
 * the day picker and the timers; each step checked on the widgets and in
 * the store. */
#define G_LOG_DOMAIN "test-today-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tonic-appointment-card.h"
#include "tonic-appointment-dialog.h"
#include "tonic-check-in-dialog.h"
#include "tonic-test-ui.h"
#include "tonic-time.h"
#include "tonic-today-private.h"
#include "tonic-today-view.h"

#define PRACTICE_NAME  "Riverside Ketamine Clinic"
#define ADMIN_NAME     "Dana Whitfield"
#define ADMIN_USER     "dana.whitfield"
#define DESK_USER      "sam.lindqvist"
#define DESK_NAME      "Sam Lindqvist"
#define NURSE_USER     "riley.okafor"
#define NURSE_NAME     "Riley Okafor"
#define PASSWORD       "lantern-orbit-meadow-42"

#define ANA_NAME       "Ana María Núñez"
#define BEN_LEGAL      "Benjamin Okoro"
#define BEN_DISPLAY    "Ben (Benjamin Okoro)"
#define CLEO_NAME      "Cleo Park"

typedef struct
{
  char              *home;
  TonicTestPractice  practice;
  TonicStaff        *desk;
  TonicStaff        *nurse;
  TonicStaff        *actor;  /* whom the view is for */
  gint64             ana;
  gint64             ben;
  gint64             cleo;
  GtkWindow         *window;
  GtkWidget         *view;
} Fixture;

#define VIEW(fixture, name) \
  tonic_test_ui_child ((fixture)->view, TONIC_TYPE_TODAY_VIEW, name)
#define CARD(card, name) \
  tonic_test_ui_child (card, TONIC_TYPE_APPOINTMENT_CARD, name)
#define BOOKING(dialog, name) \
  tonic_test_ui_child (dialog, TONIC_TYPE_APPOINTMENT_DIALOG, name)
#define CHECK_IN(dialog, name) \
  tonic_test_ui_child (dialog, TONIC_TYPE_CHECK_IN_DIALOG, name)

/* The store, read and written directly (as the signed-in staff member) */

static TonicStaff *
store_sign_in (Fixture    *fixture,
               const char *username)
{
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };
  TonicStaff *staff;

  tonic_store_sign_in_async (fixture->practice.store, username, PASSWORD, NULL,
                             tonic_test_wait_ready, &wait);
  staff = tonic_store_sign_in_finish (fixture->practice.store, tonic_test_wait (&wait, "sign-in"),
                                      &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return staff;
}

static gint64
store_create_patient (Fixture    *fixture,
                      const char *legal_name,
                      const char *preferred_name,
                      const char *date_of_birth,
                      const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  TonicPatientFields fields = { 0 };
  TonicTestWait wait = { NULL };

  fields.legal_name = legal_name;
  fields.preferred_name = preferred_name;
  fields.date_of_birth = date_of_birth;
  fields.phone_mobile = phone;
  fields.address_line1 = "12 Harbour Road";
  fields.city = "Bristol";
  fields.postcode = "BS1 4DJ";

  tonic_store_create_patient_async (fixture->practice.store, &fields, NULL, tonic_test_wait_ready,
                                    &wait);
  patient = tonic_store_create_patient_finish (fixture->practice.store,
                                               tonic_test_wait (&wait, "a new patient"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return tonic_patient_get_id (patient);
}

static TonicPatient *
store_open_patient (Fixture *fixture,
                    gint64   id)
{
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };
  TonicPatient *patient;

  tonic_store_open_patient_async (fixture->practice.store, id, NULL, tonic_test_wait_ready, &wait);
  patient = tonic_store_open_patient_finish (fixture->practice.store,
                                             tonic_test_wait (&wait, "the patient"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return patient;
}

/* @days from today at @hour:@minute, local time. */
static GDateTime *
day_at (int days,
        int hour,
        int minute)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, days);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), hour, minute, 0);
}

static TonicAppointment *
store_book_type (Fixture              *fixture,
                 gint64                patient_id,
                 TonicAppointmentType  type,
                 int                   days,
                 int                   hour,
                 int                   chair)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = day_at (days, hour, 0);
  TonicAppointmentFields fields = { 0 };
  TonicTestWait wait = { NULL };
  TonicAppointment *appointment;

  fields.patient_id = patient_id;
  fields.type = type;
  fields.start = start;
  fields.minutes = tonic_appointment_type_get_default_minutes (type);
  fields.chair = chair;
  fields.state = TONIC_APPOINTMENT_STATE_SCHEDULED;

  tonic_store_save_appointment_async (fixture->practice.store, &fields, NULL,
                                      tonic_test_wait_ready, &wait);
  appointment = tonic_store_save_appointment_finish (fixture->practice.store,
                                                     tonic_test_wait (&wait, "a booking"),
                                                     &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return appointment;
}

/* An IV infusion. */
static TonicAppointment *
store_book (Fixture *fixture,
            gint64   patient_id,
            int      days,
            int      hour,
            int      chair)
{
  return store_book_type (fixture, patient_id, TONIC_APPOINTMENT_TYPE_IV_INFUSION, days, hour,
                          chair);
}

static void
store_move (Fixture               *fixture,
            gint64                 id,
            TonicAppointmentState  state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicAppointment) moved = NULL;
  TonicCheckIn check_in = { TRUE, TRUE, FALSE };
  TonicTestWait wait = { NULL };

  tonic_store_move_appointment_async (fixture->practice.store, id, state, &check_in, NULL,
                                      tonic_test_wait_ready, &wait);
  moved = tonic_store_move_appointment_finish (fixture->practice.store,
                                               tonic_test_wait (&wait, "a move"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);
}

/* The appointments starting on the day @days from today. */
static GPtrArray *
store_list_day (Fixture *fixture,
                int      days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = day_at (days, 0, 0);
  g_autoptr(GDateTime) until = day_at (days + 1, 0, 0);
  g_autofree char *from_text = tonic_time_format_utc (from);
  g_autofree char *until_text = tonic_time_format_utc (until);
  TonicTestWait wait = { NULL };
  GPtrArray *appointments;

  tonic_store_list_appointments_async (fixture->practice.store, from_text, until_text, NULL,
                                       tonic_test_wait_ready, &wait);
  appointments = tonic_store_list_appointments_finish (fixture->practice.store,
                                                      tonic_test_wait (&wait, "the day"),
                                                      &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return appointments;
}

/* A new reference to appointment @id as the store has it now. */
static TonicAppointment *
store_get (Fixture *fixture,
           gint64   id)
{
  for (int days = -1; days <= 1; days++)
    {
      g_autoptr(GPtrArray) day = store_list_day (fixture, days);

      for (guint i = 0; i < day->len; i++)
        if (tonic_appointment_get_id (g_ptr_array_index (day, i)) == id)
          return g_object_ref (g_ptr_array_index (day, i));
    }

  g_assert_not_reached ();
}

static TonicAppointmentState
store_state (Fixture *fixture,
             gint64   id)
{
  g_autoptr(TonicAppointment) appointment = store_get (fixture, id);

  return tonic_appointment_get_state (appointment);
}

/* Widgets */

static gboolean
stack_shows (gpointer data)
{
  Fixture *fixture = data;
  const char *page = g_object_get_data (G_OBJECT (fixture->view), "test-page");

  return g_strcmp0 (gtk_stack_get_visible_child_name (VIEW (fixture, "state_stack")), page) == 0;
}

static void
wait_for_stack (Fixture    *fixture,
                const char *page)
{
  g_autofree char *what = g_strdup_printf ("the board's “%s” page", page);

  g_object_set_data (G_OBJECT (fixture->view), "test-page", (gpointer) page);
  tonic_test_ui_wait_until (stack_shows, fixture, what);
}

static TonicAppointmentCard *
find_card (Fixture *fixture,
           gint64   id)
{
  return _tonic_today_view_find_card (TONIC_TODAY_VIEW (fixture->view), id);
}

typedef struct
{
  Fixture               *fixture;
  gint64                 id;
  TonicAppointmentState  state;
  gboolean               gone;
} CardWait;

static gboolean
card_reads (gpointer data)
{
  CardWait *wait = data;
  TonicAppointmentCard *card = find_card (wait->fixture, wait->id);

  if (wait->gone)
    return card == NULL;

  return card != NULL &&
         tonic_appointment_get_state (tonic_appointment_card_get_appointment (card)) ==
           wait->state &&
         g_strcmp0 (gtk_label_get_label (CARD (card, "state_label")),
                    tonic_appointment_state_get_label (wait->state)) == 0;
}

/* The card of appointment @id once it shows @state. */
static TonicAppointmentCard *
wait_for_card (Fixture               *fixture,
               gint64                 id,
               TonicAppointmentState  state)
{
  CardWait wait = { fixture, id, state, FALSE };
  g_autofree char *what = g_strdup_printf ("the card of appointment %" G_GINT64_FORMAT " to show %s",
                                           id, tonic_appointment_state_to_string (state));

  tonic_test_ui_wait_until (card_reads, &wait, what);
  return find_card (fixture, id);
}

static void
wait_for_no_card (Fixture *fixture,
                  gint64   id)
{
  CardWait wait = { fixture, id, 0, TRUE };

  tonic_test_ui_wait_until (card_reads, &wait, "a card to leave the board");
}

typedef struct
{
  Fixture               *fixture;
  gint64                 id;
  TonicAppointmentState  state;
} StoreWait;

static gboolean
store_reads (gpointer data)
{
  StoreWait *wait = data;

  return store_state (wait->fixture, wait->id) == wait->state;
}

static void
wait_for_store (Fixture               *fixture,
                gint64                 id,
                TonicAppointmentState  state)
{
  StoreWait wait = { fixture, id, state };
  g_autofree char *what = g_strdup_printf ("the store to hold %s",
                                           tonic_appointment_state_to_string (state));

  tonic_test_ui_wait_until (store_reads, &wait, what);
}

/* Whether the card's menu has an item activating @action with @target. */
static gboolean
model_offers (GMenuModel *model,
              const char *action,
              GVariant   *target)
{
  gboolean found = FALSE;

  for (int i = 0; !found && i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autofree char *item_action = NULL;
      g_autoptr(GVariant) item_target = NULL;

      if (section != NULL)
        {
          found = model_offers (section, action, target);
          continue;
        }

      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action);
      item_target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET,
                                                           NULL);
      found = g_strcmp0 (item_action, action) == 0 && item_target != NULL &&
              g_variant_equal (item_target, target);
    }

  return found;
}

static gboolean
card_offers_move (TonicAppointmentCard  *card,
                  TonicAppointmentState  to)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (CARD (card, "menu_button"));
  gint64 id = tonic_appointment_get_id (tonic_appointment_card_get_appointment (card));
  g_autoptr(GVariant) target = NULL;

  if (to == TONIC_APPOINTMENT_STATE_ARRIVED)
    {
      target = g_variant_ref_sink (g_variant_new_int64 (id));
      return model_offers (menu, "today.check-in", target);
    }

  target = g_variant_ref_sink (g_variant_new ("(xs)", id, tonic_appointment_state_to_string (to)));
  return model_offers (menu, "today.move", target);
}

/* Chooses a menu item of the card, as a click on it does. */
static void
choose_move (TonicAppointmentCard  *card,
             TonicAppointmentState  to)
{
  gint64 id = tonic_appointment_get_id (tonic_appointment_card_get_appointment (card));

  g_assert_true (card_offers_move (card, to));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "today.move", "(xs)", id,
                                             tonic_appointment_state_to_string (to)));
}

static GtkButton *
primary_button (TonicAppointmentCard *card)
{
  GtkButton *button = CARD (card, "primary_button");

  return gtk_widget_get_visible (GTK_WIDGET (button)) ? button : NULL;
}

/* Dialogs */

static gboolean
dialog_open (gpointer data)
{
  GtkWindow *dialog = _tonic_today_view_get_dialog (TONIC_TODAY_VIEW (((Fixture *) data)->view));

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return _tonic_today_view_get_dialog (TONIC_TODAY_VIEW (((Fixture *) data)->view)) == NULL;
}

static GtkWindow *
wait_for_dialog (Fixture *fixture,
                 GType    type)
{
  GtkWindow *dialog;

  tonic_test_ui_wait_until (dialog_open, fixture, "a dialog");
  dialog = _tonic_today_view_get_dialog (TONIC_TODAY_VIEW (fixture->view));
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (dialog, type));

  return dialog;
}

static gboolean
has_results (gpointer data)
{
  return gtk_list_box_get_row_at_index (BOOKING (data, "results_list"), 0) != NULL &&
         gtk_widget_get_visible (BOOKING (data, "results_list"));
}

/* Finds a patient in the booking form by typing, and picks the first match. */
static void
choose_patient (GtkWindow  *dialog,
                const char *search,
                const char *expected_title)
{
  GtkListBoxRow *row;

  tonic_test_ui_type (BOOKING (dialog, "patient_search"), search);
  tonic_test_ui_wait_until (has_results, dialog, "patients matching the search");
  row = gtk_list_box_get_row_at_index (BOOKING (dialog, "results_list"), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, expected_title);
  g_signal_emit_by_name (row, "activate");
  g_main_context_iteration (NULL, FALSE);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (BOOKING (dialog, "patient_stack")), ==,
                   "chosen");
  g_assert_cmpstr (adw_preferences_row_get_title (BOOKING (dialog, "patient_row")), ==,
                   expected_title);
}

static void
set_spin (GtkWindow  *dialog,
          const char *name,
          int         value)
{
  gtk_spin_button_set_value (BOOKING (dialog, name), value);
  g_main_context_iteration (NULL, FALSE);
}

static int
get_spin (GtkWindow  *dialog,
          const char *name)
{
  return gtk_spin_button_get_value_as_int (BOOKING (dialog, name));
}

static gboolean
conflict_shown (gpointer data)
{
  return gtk_widget_get_visible (BOOKING (data, "conflict_box"));
}

static gboolean
check_in_form_shown (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (CHECK_IN (data, "content_stack")),
                    "form") == 0;
}

static gboolean
patient_named (gpointer data)
{
  return g_strcmp0 (adw_preferences_row_get_title (BOOKING (data, "patient_row")),
                    BEN_DISPLAY) == 0;
}

/* The fixture: a practice with a front desk receptionist and a nurse,
 * three patients, and the Today view of the staff member whose username
 * the test passes, in a window with a toast overlay as in the workspace. */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *username = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  GtkWidget *overlay;

  fixture->home = g_dir_make_tmp ("tonic-today-ui-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (fixture->home, "data", NULL);

  tonic_test_practice_create (&fixture->practice, data_dir, PRACTICE_NAME, ADMIN_NAME, ADMIN_USER,
                              PASSWORD, FALSE);
  fixture->desk = tonic_test_practice_add_staff (&fixture->practice, DESK_USER, DESK_NAME,
                                                 TONIC_ROLE_FRONT_DESK, PASSWORD);
  fixture->nurse = tonic_test_practice_add_staff (&fixture->practice, NURSE_USER, NURSE_NAME,
                                                  TONIC_ROLE_NURSE, PASSWORD);
  fixture->ana = store_create_patient (fixture, ANA_NAME, NULL, "1985-03-12", "+44 7700 900123");
  fixture->ben = store_create_patient (fixture, BEN_LEGAL, "Ben", "1979-11-02", "+44 7700 900456");
  fixture->cleo = store_create_patient (fixture, CLEO_NAME, NULL, "1992-06-30", NULL);

  fixture->actor = store_sign_in (fixture, username);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 1100, 760);
  overlay = adw_toast_overlay_new ();
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
}

/* The view, made once the store holds what the test put there first. */
static void
show_view (Fixture *fixture)
{
  GtkWidget *overlay = gtk_window_get_child (fixture->window);

  fixture->view = tonic_today_view_new (fixture->practice.store, fixture->actor);
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->view);
}

static gboolean
view_finalized (gpointer data)
{
  return ((Fixture *) data)->view == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  tonic_test_ui_spin (100);
  /* The view and its dialogs are gone with the window, once the store
   * has answered what was still on its way. */
  g_assert_finalize_object (fixture->window);
  tonic_test_ui_wait_until (view_finalized, fixture, "the view to be finalized");

  g_clear_object (&fixture->desk);
  g_clear_object (&fixture->nurse);
  g_clear_object (&fixture->actor);
  tonic_test_practice_clear (&fixture->practice);
  tonic_test_ui_remove_tree (fixture->home);
  g_free (fixture->home);
}

/* Booking */

static void
test_book (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GPtrArray) tomorrow = NULL;
  g_autoptr(GDateTime) ten = day_at (0, 10, 0);
  g_autoptr(GDateTime) next_day = day_at (1, 12, 0);
  TonicAppointment *booked;
  TonicAppointmentCard *card;
  TonicAppointmentCard *other;
  GtkWindow *dialog;
  gint64 first_id;
  gint64 second_id;

  show_view (fixture);
  wait_for_stack (fixture, "empty");
  g_assert_cmpstr (adw_status_page_get_title (VIEW (fixture, "empty_status")), ==,
                   "No Appointments Today");

  /* From the empty board's own button. */
  tonic_test_ui_click_when_mapped (VIEW (fixture, "empty_new_button"));
  dialog = wait_for_dialog (fixture, TONIC_TYPE_APPOINTMENT_DIALOG);
  g_assert_cmpstr (gtk_label_get_label (BOOKING (dialog, "save_label")), ==, "_Book");

  choose_patient (dialog, "nunez", ANA_NAME);

  /* The type sets the usual length. */
  g_assert_cmpint (get_spin (dialog, "length_spin"), ==, 100);
  adw_combo_row_set_selected (BOOKING (dialog, "type_row"), TONIC_APPOINTMENT_TYPE_ESKETAMINE);
  g_assert_cmpint (get_spin (dialog, "length_spin"), ==, 135);
  adw_combo_row_set_selected (BOOKING (dialog, "type_row"), TONIC_APPOINTMENT_TYPE_IV_INFUSION);
  g_assert_cmpint (get_spin (dialog, "length_spin"), ==, 100);

  /* A length the practice cannot book: told next to the field. */
  set_spin (dialog, "hour_spin", 10);
  set_spin (dialog, "minute_spin", 0);
  set_spin (dialog, "chair_spin", 2);
  set_spin (dialog, "length_spin", 3);
  tonic_test_ui_click_when_mapped (BOOKING (dialog, "save_button"));
  g_assert_true (tonic_test_ui_label_shown (BOOKING (dialog, "minutes_error")));
  g_assert_cmpstr (gtk_label_get_label (BOOKING (dialog, "minutes_error")), ==,
                   "Enter a length from 5 to 720 minutes");
  g_assert_true (gtk_widget_has_css_class (BOOKING (dialog, "length_row"), "error"));
  g_assert_false (tonic_test_ui_label_shown (BOOKING (dialog, "patient_error")));
  tonic_test_ui_spin (100);
  today = store_list_day (fixture, 0);
  g_assert_cmpuint (today->len, ==, 0);
  g_clear_pointer (&today, g_ptr_array_unref);

  set_spin (dialog, "length_spin", 100);
  g_assert_false (tonic_test_ui_label_shown (BOOKING (dialog, "minutes_error")));
  /* Only who may list the staff chooses one. */
  g_assert_false (gtk_widget_get_visible (BOOKING (dialog, "staff_row")));
  tonic_test_ui_click_when_mapped (BOOKING (dialog, "save_button"));
  tonic_test_ui_wait_until (dialog_gone, fixture, "the booking form to close");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), ANA_NAME " is booked at 10:00");

  today = store_list_day (fixture, 0);
  g_assert_cmpuint (today->len, ==, 1);
  booked = g_ptr_array_index (today, 0);
  first_id = tonic_appointment_get_id (booked);
  g_assert_cmpint (tonic_appointment_get_patient_id (booked), ==, fixture->ana);
  g_assert_cmpint (tonic_appointment_get_chair (booked), ==, 2);
  g_assert_cmpint (tonic_appointment_get_minutes (booked), ==, 100);
  g_assert_cmpint (tonic_appointment_get_appointment_type (booked), ==,
                   TONIC_APPOINTMENT_TYPE_IV_INFUSION);
  g_assert_cmpint (tonic_appointment_get_state (booked), ==, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_true (g_date_time_equal (tonic_appointment_get_start (booked), ten));
  /* The desk cannot list the staff: the booking is theirs. */
  g_assert_cmpint (tonic_appointment_get_staff_id (booked), ==,
                   tonic_staff_get_id (fixture->desk));
  g_clear_pointer (&today, g_ptr_array_unref);

  card = wait_for_card (fixture, first_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_cmpint (_tonic_today_view_get_card_chair (TONIC_TODAY_VIEW (fixture->view), card), ==,
                   2);
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "time_label")), ==, "10:00–11:40");
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "name_label")), ==, ANA_NAME);
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "type_label")), ==, "IV infusion · 100 min");
  g_assert_false (gtk_widget_get_visible (CARD (card, "conflict_image")));
  g_assert_cmpstr (gtk_label_get_label (VIEW (fixture, "summary_label")), ==, "1 appointment");

  /* The same chair, overlapping: a warning naming the other booking, and
   * a second press to book anyway. */
  tonic_test_ui_click_when_mapped (VIEW (fixture, "new_button"));
  dialog = wait_for_dialog (fixture, TONIC_TYPE_APPOINTMENT_DIALOG);
  choose_patient (dialog, "okoro", BEN_DISPLAY);
  set_spin (dialog, "hour_spin", 10);
  set_spin (dialog, "minute_spin", 30);
  set_spin (dialog, "chair_spin", 2);
  tonic_test_ui_click_when_mapped (BOOKING (dialog, "save_button"));
  tonic_test_ui_wait_until (conflict_shown, dialog, "the overlap warning");
  g_assert_cmpstr (gtk_label_get_label (BOOKING (dialog, "conflict_label")), ==,
                   "Chair 2 is booked 10:00–11:40 for " ANA_NAME);
  g_assert_cmpstr (gtk_label_get_label (BOOKING (dialog, "conflict_title")), ==,
                   "This overlaps 1 appointment in the same chair");
  g_assert_cmpstr (gtk_label_get_label (BOOKING (dialog, "save_label")), ==, "Book _Anyway");
  today = store_list_day (fixture, 0);
  g_assert_cmpuint (today->len, ==, 1);
  g_clear_pointer (&today, g_ptr_array_unref);

  /* Changing a field asks again; putting it back warns again. */
  set_spin (dialog, "chair_spin", 3);
  g_assert_false (gtk_widget_get_visible (BOOKING (dialog, "conflict_box")));
  g_assert_cmpstr (gtk_label_get_label (BOOKING (dialog, "save_label")), ==, "_Book");
  set_spin (dialog, "chair_spin", 2);
  tonic_test_ui_click_when_mapped (BOOKING (dialog, "save_button"));
  tonic_test_ui_wait_until (conflict_shown, dialog, "the overlap warning again");

  tonic_test_ui_click_when_mapped (BOOKING (dialog, "save_button"));
  tonic_test_ui_wait_until (dialog_gone, fixture, "the booking form to close");
  today = store_list_day (fixture, 0);
  g_assert_cmpuint (today->len, ==, 2);
  second_id = tonic_appointment_get_id (g_ptr_array_index (today, 1));
  g_assert_cmpint (tonic_appointment_get_patient_id (g_ptr_array_index (today, 1)), ==,
                   fixture->ben);
  g_clear_pointer (&today, g_ptr_array_unref);

  /* Both overlapping cards carry the warning mark. */
  other = wait_for_card (fixture, second_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  card = find_card (fixture, first_id);
  g_assert_true (gtk_widget_get_visible (CARD (card, "conflict_image")));
  g_assert_true (gtk_widget_get_visible (CARD (other, "conflict_image")));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (other), "conflict"));
  g_assert_cmpstr (gtk_label_get_label (CARD (other, "name_label")), ==, BEN_DISPLAY);

  /* Another day through the form's calendar: a toast offers to show it. */
  tonic_test_ui_click_when_mapped (VIEW (fixture, "new_button"));
  dialog = wait_for_dialog (fixture, TONIC_TYPE_APPOINTMENT_DIALOG);
  choose_patient (dialog, "cleo", CLEO_NAME);
  gtk_calendar_select_day (BOOKING (dialog, "calendar"), next_day);
  g_signal_emit_by_name (BOOKING (dialog, "calendar"), "day-selected");
  set_spin (dialog, "hour_spin", 9);
  set_spin (dialog, "minute_spin", 15);
  set_spin (dialog, "chair_spin", 1);
  tonic_test_ui_click_when_mapped (BOOKING (dialog, "save_button"));
  tonic_test_ui_wait_until (dialog_gone, fixture, "the booking form to close");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), CLEO_NAME " is booked on ");
  tomorrow = store_list_day (fixture, 1);
  g_assert_cmpuint (tomorrow->len, ==, 1);
  {
    g_autoptr(GDateTime) start = g_date_time_to_local (
      tonic_appointment_get_start (g_ptr_array_index (tomorrow, 0)));

    g_assert_cmpint (g_date_time_get_hour (start), ==, 9);
    g_assert_cmpint (g_date_time_get_minute (start), ==, 15);
  }
  tonic_test_ui_click_when_mapped (tonic_test_ui_find_widget (GTK_WIDGET (fixture->window),
                                                              GTK_TYPE_BUTTON, "_Show Day"));
  wait_for_card (fixture, tonic_appointment_get_id (g_ptr_array_index (tomorrow, 0)),
                 TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_null (find_card (fixture, first_id));
}

/* Booking for a patient chosen elsewhere (the Patients view), and what a
 * destroyed view (the lock) leaves behind: nothing. */
static void
test_book_for_patient (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWindow *dialog;
  GtkWindow *weak_dialog;

  show_view (fixture);
  wait_for_stack (fixture, "empty");

  tonic_today_view_new_appointment (TONIC_TODAY_VIEW (fixture->view), fixture->ben);
  dialog = wait_for_dialog (fixture, TONIC_TYPE_APPOINTMENT_DIALOG);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (BOOKING (dialog, "patient_stack")), ==,
                   "chosen");
  tonic_test_ui_wait_until (patient_named, dialog, "the patient's name in the form");
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (dialog), "MRN", NULL));

  weak_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (weak_dialog), (gpointer *) &weak_dialog);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (gtk_window_get_child (fixture->window)), NULL);
  tonic_test_ui_wait_until (view_finalized, fixture, "the view to be finalized");
  tonic_test_ui_spin (50);
  g_assert_null (weak_dialog);
  g_assert_false (tonic_test_ui_widgets_contain (NULL, BEN_LEGAL, NULL));
}

/* Checking in */

static void
test_check_in (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TonicAppointment) booked = store_book (fixture, fixture->ana, 0, 10, 1);
  g_autoptr(TonicAppointment) stored = NULL;
  g_autoptr(TonicPatient) patient = NULL;
  gint64 id = tonic_appointment_get_id (booked);
  TonicAppointmentCard *card;
  GtkWindow *dialog;
  GtkButton *primary;
  GtkWidget *check_in_button;
  g_autofree char *since = NULL;

  show_view (fixture);
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_SCHEDULED);

  /* The desk's moves for a scheduled appointment, and nothing else. */
  g_assert_true (card_offers_move (card, TONIC_APPOINTMENT_STATE_ARRIVED));
  g_assert_true (card_offers_move (card, TONIC_APPOINTMENT_STATE_NO_SHOW));
  g_assert_true (card_offers_move (card, TONIC_APPOINTMENT_STATE_CANCELLED));
  g_assert_false (card_offers_move (card, TONIC_APPOINTMENT_STATE_IN_CHAIR));
  g_assert_false (card_offers_move (card, TONIC_APPOINTMENT_STATE_DISCHARGED));
  g_assert_false (gtk_widget_get_visible (CARD (card, "checks_box")));

  primary = primary_button (card);
  g_assert_nonnull (primary);
  g_assert_cmpstr (gtk_button_get_label (primary), ==, "Check _In…");
  tonic_test_ui_click_when_mapped (primary);
  dialog = wait_for_dialog (fixture, TONIC_TYPE_CHECK_IN_DIALOG);
  tonic_test_ui_wait_until (check_in_form_shown, dialog, "the patient in the check-in form");
  check_in_button = CHECK_IN (dialog, "check_in_button");

  /* What to read back with the patient. */
  g_assert_cmpstr (adw_preferences_row_get_title (CHECK_IN (dialog, "legal_name_row")), ==,
                   ANA_NAME);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (CHECK_IN (dialog, "birth_row")),
                            "12 March 1985"));
  g_assert_cmpstr (gtk_editable_get_text (CHECK_IN (dialog, "phone_row")), ==, "+44 7700 900123");

  /* Nothing checks in before identity is confirmed. */
  g_assert_false (gtk_widget_get_sensitive (check_in_button));
  gtk_check_button_set_active (CHECK_IN (dialog, "driver_check"), TRUE);
  gtk_check_button_set_active (CHECK_IN (dialog, "fasting_check"), TRUE);
  g_assert_false (gtk_widget_get_sensitive (check_in_button));
  gtk_check_button_set_active (CHECK_IN (dialog, "identity_check"), TRUE);
  g_assert_true (gtk_widget_get_sensitive (check_in_button));

  /* A phone number that is not one: told next to it, nothing moves. */
  tonic_test_ui_type (CHECK_IN (dialog, "phone_row"), "12");
  tonic_test_ui_click_when_mapped (check_in_button);
  g_assert_true (tonic_test_ui_label_shown (CHECK_IN (dialog, "phone_error")));
  g_assert_true (gtk_widget_has_css_class (CHECK_IN (dialog, "phone_row"), "error"));
  tonic_test_ui_spin (100);
  g_assert_cmpint (store_state (fixture, id), ==, TONIC_APPOINTMENT_STATE_SCHEDULED);

  tonic_test_ui_type (CHECK_IN (dialog, "phone_row"), "+44 7700 900999");
  g_assert_false (gtk_widget_has_css_class (CHECK_IN (dialog, "phone_row"), "error"));
  tonic_test_ui_click_when_mapped (check_in_button);
  tonic_test_ui_wait_until (dialog_gone, fixture, "the check-in form to close");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), ANA_NAME " checked in");

  /* In the store: arrived, when, and what the desk confirmed; the new
   * phone number saved on the patient. */
  stored = store_get (fixture, id);
  g_assert_cmpint (tonic_appointment_get_state (stored), ==, TONIC_APPOINTMENT_STATE_ARRIVED);
  g_assert_nonnull (tonic_appointment_get_arrived_at (stored));
  g_assert_true (tonic_appointment_get_identity_confirmed (stored));
  g_assert_true (tonic_appointment_get_driver_confirmed (stored));
  g_assert_true (tonic_appointment_get_fasting_confirmed (stored));
  patient = store_open_patient (fixture, fixture->ana);
  g_assert_cmpstr (tonic_patient_get_phone_mobile (patient), ==, "+44 7700 900999");
  g_assert_cmpstr (tonic_patient_get_address_line1 (patient), ==, "12 Harbour Road");

  /* On the board: Arrived, at what time, the timer, the confirmations. */
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_ARRIVED);
  {
    g_autofree char *time = _tonic_today_format_time (tonic_appointment_get_arrived_at (stored));

    since = g_strdup_printf ("Arrived at %s", time);
  }
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "since_label")), ==, since);
  g_assert_true (gtk_widget_get_visible (CARD (card, "timer_label")));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (CARD (card, "timer_label")), "waiting "));
  g_assert_true (gtk_widget_get_visible (CARD (card, "checks_box")));
  g_assert_cmpstr (gtk_image_get_icon_name (CARD (card, "driver_image")), ==,
                   "object-select-symbolic");
  g_assert_cmpstr (gtk_image_get_icon_name (CARD (card, "fasting_image")), ==,
                   "object-select-symbolic");

  /* The front desk is not offered the clinical step. */
  g_assert_null (primary_button (card));
  g_assert_false (card_offers_move (card, TONIC_APPOINTMENT_STATE_IN_CHAIR));
  g_assert_true (card_offers_move (card, TONIC_APPOINTMENT_STATE_SCHEDULED));

  /* Undo Check-In. */
  choose_move (card, TONIC_APPOINTMENT_STATE_SCHEDULED);
  wait_for_store (fixture, id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Check-in of " ANA_NAME " undone");
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_false (gtk_widget_get_visible (CARD (card, "timer_label")));

  /* Checked in again without a driver: the card says so to the nurse. */
  tonic_test_ui_click_when_mapped (primary_button (card));
  dialog = wait_for_dialog (fixture, TONIC_TYPE_CHECK_IN_DIALOG);
  tonic_test_ui_wait_until (check_in_form_shown, dialog, "the check-in form again");
  gtk_check_button_set_active (CHECK_IN (dialog, "identity_check"), TRUE);
  gtk_check_button_set_active (CHECK_IN (dialog, "fasting_check"), TRUE);
  tonic_test_ui_click_when_mapped (CHECK_IN (dialog, "check_in_button"));
  tonic_test_ui_wait_until (dialog_gone, fixture, "the check-in form to close");
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_ARRIVED);
  g_assert_cmpstr (gtk_image_get_icon_name (CARD (card, "driver_image")), ==,
                   "dialog-warning-symbolic");
  g_clear_object (&stored);
  stored = store_get (fixture, id);
  g_assert_false (tonic_appointment_get_driver_confirmed (stored));
  g_assert_true (tonic_appointment_get_fasting_confirmed (stored));
}

/* A follow-up gives no dose: the desk is not asked about fasting or a
 * driver, and the card shows no warning about them. */
static void
test_check_in_follow_up (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TonicAppointment) booked = store_book_type (fixture, fixture->ben,
                                                        TONIC_APPOINTMENT_TYPE_FOLLOW_UP, 0, 10,
                                                        2);
  gint64 id = tonic_appointment_get_id (booked);
  TonicAppointmentCard *card;
  GtkWindow *dialog;

  show_view (fixture);
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  tonic_test_ui_click_when_mapped (primary_button (card));
  dialog = wait_for_dialog (fixture, TONIC_TYPE_CHECK_IN_DIALOG);
  tonic_test_ui_wait_until (check_in_form_shown, dialog, "the patient in the check-in form");
  g_assert_false (gtk_widget_get_visible (CHECK_IN (dialog, "driver_row")));
  g_assert_false (gtk_widget_get_visible (CHECK_IN (dialog, "fasting_row")));
  gtk_check_button_set_active (CHECK_IN (dialog, "identity_check"), TRUE);
  tonic_test_ui_click_when_mapped (CHECK_IN (dialog, "check_in_button"));
  tonic_test_ui_wait_until (dialog_gone, fixture, "the check-in form to close");

  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_ARRIVED);
  g_assert_true (gtk_widget_get_visible (CARD (card, "checks_box")));
  g_assert_cmpstr (gtk_image_get_icon_name (CARD (card, "identity_image")), ==,
                   "object-select-symbolic");
  g_assert_false (gtk_widget_get_visible (CARD (card, "driver_image")));
  g_assert_false (gtk_widget_get_visible (CARD (card, "fasting_image")));
}

/* Cancelling (with Undo) and no-show */

static void
test_cancel_and_no_show (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TonicAppointment) early = store_book (fixture, fixture->ana, 0, 9, 1);
  g_autoptr(TonicAppointment) late = store_book (fixture, fixture->ben, 0, 12, 1);
  gint64 early_id = tonic_appointment_get_id (early);
  gint64 late_id = tonic_appointment_get_id (late);
  TonicAppointmentCard *card;
  TonicAppointmentCard *other;
  GtkWidget *undo;

  show_view (fixture);
  card = wait_for_card (fixture, early_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  other = find_card (fixture, late_id);
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (card)) == GTK_WIDGET (other));
  g_assert_cmpstr (gtk_label_get_label (VIEW (fixture, "summary_label")), ==, "2 appointments");

  choose_move (card, TONIC_APPOINTMENT_STATE_CANCELLED);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window),
                                "Appointment of " ANA_NAME " cancelled");
  g_assert_cmpint (store_state (fixture, early_id), ==, TONIC_APPOINTMENT_STATE_CANCELLED);
  card = wait_for_card (fixture, early_id, TONIC_APPOINTMENT_STATE_CANCELLED);
  other = find_card (fixture, late_id);
  /* Dimmed, after the rest of its chair, and restorable. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "inactive"));
  g_assert_true (gtk_widget_get_next_sibling (GTK_WIDGET (other)) == GTK_WIDGET (card));
  g_assert_true (card_offers_move (card, TONIC_APPOINTMENT_STATE_SCHEDULED));
  g_assert_false (card_offers_move (card, TONIC_APPOINTMENT_STATE_ARRIVED));
  g_assert_cmpstr (gtk_label_get_label (VIEW (fixture, "summary_label")), ==, "1 appointment");

  /* Undo in the toast restores it. */
  undo = tonic_test_ui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  tonic_test_ui_click_when_mapped (undo);
  wait_for_store (fixture, early_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  card = wait_for_card (fixture, early_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card), "inactive"));
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window),
                                "Appointment of " ANA_NAME " restored");

  /* No-show. */
  other = find_card (fixture, late_id);
  choose_move (other, TONIC_APPOINTMENT_STATE_NO_SHOW);
  wait_for_store (fixture, late_id, TONIC_APPOINTMENT_STATE_NO_SHOW);
  other = wait_for_card (fixture, late_id, TONIC_APPOINTMENT_STATE_NO_SHOW);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (CARD (other, "since_label")),
                                   "Marked no-show at "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (other), "inactive"));

  /* Moved meanwhile elsewhere (another desk): the store refuses the move,
   * the toast says why and the board shows what the store holds. */
  card = find_card (fixture, early_id);
  g_assert_true (card_offers_move (card, TONIC_APPOINTMENT_STATE_NO_SHOW));
  store_move (fixture, early_id, TONIC_APPOINTMENT_STATE_CANCELLED);
  choose_move (card, TONIC_APPOINTMENT_STATE_NO_SHOW);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window),
                                "Someone may have moved it meanwhile");
  wait_for_card (fixture, early_id, TONIC_APPOINTMENT_STATE_CANCELLED);
  g_assert_cmpint (store_state (fixture, early_id), ==, TONIC_APPOINTMENT_STATE_CANCELLED);

  /* Hidden on request. */
  g_assert_true (gtk_widget_activate_action (fixture->view, "today.show-cancelled", NULL));
  wait_for_no_card (fixture, late_id);
  g_assert_null (find_card (fixture, early_id));
  g_assert_true (gtk_widget_activate_action (fixture->view, "today.show-cancelled", NULL));
  wait_for_card (fixture, late_id, TONIC_APPOINTMENT_STATE_NO_SHOW);
  wait_for_card (fixture, early_id, TONIC_APPOINTMENT_STATE_CANCELLED);
}

/* A nurse along the board */

static void
test_nurse_moves (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TonicAppointment) booked = store_book (fixture, fixture->cleo, 0, 8, 3);
  g_autoptr(TonicAppointment) stored = NULL;
  gint64 id = tonic_appointment_get_id (booked);
  TonicAppointmentCard *card;
  GtkButton *primary;

  store_move (fixture, id, TONIC_APPOINTMENT_STATE_ARRIVED);
  show_view (fixture);

  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_ARRIVED);
  g_assert_cmpint (_tonic_today_view_get_card_chair (TONIC_TODAY_VIEW (fixture->view), card), ==,
                   3);
  /* The desk did not confirm fasting: the nurse sees it. */
  g_assert_cmpstr (gtk_image_get_icon_name (CARD (card, "fasting_image")), ==,
                   "dialog-warning-symbolic");
  g_assert_true (card_offers_move (card, TONIC_APPOINTMENT_STATE_IN_CHAIR));
  primary = primary_button (card);
  g_assert_cmpstr (gtk_button_get_label (primary), ==, "_Seat in Chair");
  tonic_test_ui_click_when_mapped (primary);
  wait_for_store (fixture, id, TONIC_APPOINTMENT_STATE_IN_CHAIR);
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_IN_CHAIR);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (CARD (card, "since_label")),
                                   "Seated at "));
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "timer_label")), ==, "in chair 0 min");
  g_assert_false (card_offers_move (card, TONIC_APPOINTMENT_STATE_SCHEDULED));

  primary = primary_button (card);
  g_assert_cmpstr (gtk_button_get_label (primary), ==, "To _Recovery");
  tonic_test_ui_click_when_mapped (primary);
  wait_for_store (fixture, id, TONIC_APPOINTMENT_STATE_RECOVERY);
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_RECOVERY);
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "timer_label")), ==, "in recovery 0 min");

  primary = primary_button (card);
  g_assert_cmpstr (gtk_button_get_label (primary), ==, "_Discharge");
  tonic_test_ui_click_when_mapped (primary);
  wait_for_store (fixture, id, TONIC_APPOINTMENT_STATE_DISCHARGED);
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_DISCHARGED);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), CLEO_NAME " discharged");
  /* Final: no step left, no timer, only the record. */
  g_assert_null (primary_button (card));
  g_assert_false (gtk_widget_get_visible (CARD (card, "timer_label")));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (CARD (card, "since_label")),
                                   "Discharged at "));
  g_assert_false (card_offers_move (card, TONIC_APPOINTMENT_STATE_SCHEDULED));

  /* Each step stamped, in order. */
  stored = store_get (fixture, id);
  g_assert_nonnull (tonic_appointment_get_arrived_at (stored));
  g_assert_nonnull (tonic_appointment_get_in_chair_at (stored));
  g_assert_nonnull (tonic_appointment_get_recovery_at (stored));
  g_assert_nonnull (tonic_appointment_get_discharged_at (stored));
  g_assert_cmpint (g_date_time_compare (tonic_appointment_get_arrived_at (stored),
                                        tonic_appointment_get_in_chair_at (stored)), <=, 0);
  g_assert_cmpint (g_date_time_compare (tonic_appointment_get_in_chair_at (stored),
                                        tonic_appointment_get_recovery_at (stored)), <=, 0);
  g_assert_cmpint (g_date_time_compare (tonic_appointment_get_recovery_at (stored),
                                        tonic_appointment_get_discharged_at (stored)), <=, 0);
  g_assert_true (g_date_time_equal (tonic_appointment_get_state_changed_at (stored),
                                    tonic_appointment_get_discharged_at (stored)));
}

/* Editing from a card's menu, as the administrator: the only role that
 * may list the staff, so the only one offered to choose who sees them. */

static gboolean
card_in_chair_2 (gpointer data)
{
  Fixture *fixture = data;
  gint64 *id = g_object_get_data (G_OBJECT (fixture->view), "test-id");
  TonicAppointmentCard *card = find_card (fixture, *id);

  return card != NULL &&
         _tonic_today_view_get_card_chair (TONIC_TODAY_VIEW (fixture->view), card) == 2;
}

static gboolean
staff_listed (gpointer data)
{
  return gtk_widget_get_visible (BOOKING (data, "staff_row"));
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TonicAppointment) booked = store_book (fixture, fixture->ana, 0, 10, 1);
  g_autoptr(TonicAppointment) stored = NULL;
  g_autoptr(GDateTime) eleven = day_at (0, 11, 0);
  gint64 id = tonic_appointment_get_id (booked);
  TonicAppointmentCard *card;
  GtkWindow *dialog;
  AdwComboRow *staff_row;
  GListModel *names;
  guint nurse_index = G_MAXUINT;

  show_view (fixture);
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_cmpint (_tonic_today_view_get_card_chair (TONIC_TODAY_VIEW (fixture->view), card), ==,
                   1);

  {
    g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_int64 (id));

    g_assert_true (model_offers (gtk_menu_button_get_menu_model (CARD (card, "menu_button")),
                                 "today.edit", target));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "today.edit", "x", id));
  dialog = wait_for_dialog (fixture, TONIC_TYPE_APPOINTMENT_DIALOG);
  g_assert_true (tonic_test_ui_widgets_contain (GTK_WIDGET (dialog), "Edit Appointment", NULL));
  g_assert_cmpstr (gtk_label_get_label (BOOKING (dialog, "save_label")), ==, "_Save");
  g_assert_cmpstr (adw_preferences_row_get_title (BOOKING (dialog, "patient_row")), ==, ANA_NAME);
  g_assert_cmpint (get_spin (dialog, "hour_spin"), ==, 10);
  g_assert_cmpint (get_spin (dialog, "chair_spin"), ==, 1);
  g_assert_cmpint (get_spin (dialog, "length_spin"), ==, 100);

  /* Who sees them: the booking's own (booked through the store with no
   * one), then the nurse. */
  tonic_test_ui_wait_until (staff_listed, dialog, "the staff list in the form");
  staff_row = BOOKING (dialog, "staff_row");
  names = adw_combo_row_get_model (staff_row);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names),
                                               adw_combo_row_get_selected (staff_row)), ==,
                   "No one");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), NURSE_NAME) == 0)
      nurse_index = i;
  g_assert_cmpuint (nurse_index, !=, G_MAXUINT);
  adw_combo_row_set_selected (staff_row, nurse_index);

  /* Moved to another chair and hour. */
  set_spin (dialog, "hour_spin", 11);
  set_spin (dialog, "chair_spin", 2);
  tonic_test_ui_click_when_mapped (BOOKING (dialog, "save_button"));
  tonic_test_ui_wait_until (dialog_gone, fixture, "the form to close");

  stored = store_get (fixture, id);
  g_assert_cmpint (tonic_appointment_get_chair (stored), ==, 2);
  g_assert_true (g_date_time_equal (tonic_appointment_get_start (stored), eleven));
  g_assert_cmpint (tonic_appointment_get_staff_id (stored), ==, tonic_staff_get_id (fixture->nurse));
  g_assert_cmpint (tonic_appointment_get_state (stored), ==, TONIC_APPOINTMENT_STATE_SCHEDULED);

  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), ANA_NAME " is booked at 11:00");
  g_object_set_data (G_OBJECT (fixture->view), "test-id", &id);
  tonic_test_ui_wait_until (card_in_chair_2, fixture, "the card in chair 2");
  card = find_card (fixture, id);
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "time_label")), ==, "11:00–12:40");
}

/* The day picker */

static void
test_day_picker (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TonicAppointment) today = store_book (fixture, fixture->ana, 0, 10, 1);
  g_autoptr(TonicAppointment) tomorrow = store_book (fixture, fixture->ben, 1, 10, 1);
  g_autoptr(TonicAppointment) yesterday = store_book (fixture, fixture->cleo, -1, 10, 2);
  g_autoptr(GDateTime) next_day = day_at (1, 12, 0);
  gint64 today_id = tonic_appointment_get_id (today);
  gint64 tomorrow_id = tonic_appointment_get_id (tomorrow);
  gint64 yesterday_id = tonic_appointment_get_id (yesterday);
  GtkMenuButton *day_button;

  show_view (fixture);
  day_button = VIEW (fixture, "day_button");
  wait_for_card (fixture, today_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_null (find_card (fixture, tomorrow_id));
  g_assert_cmpstr (gtk_menu_button_get_label (day_button), ==, "Today");

  tonic_test_ui_click_when_mapped (VIEW (fixture, "next_button"));
  wait_for_card (fixture, tomorrow_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_null (find_card (fixture, today_id));
  g_assert_cmpstr (gtk_menu_button_get_label (day_button), !=, "Today");

  tonic_test_ui_click_when_mapped (VIEW (fixture, "previous_button"));
  wait_for_card (fixture, today_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  tonic_test_ui_click_when_mapped (VIEW (fixture, "previous_button"));
  wait_for_card (fixture, yesterday_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_null (find_card (fixture, today_id));

  tonic_test_ui_click_when_mapped (VIEW (fixture, "today_button"));
  wait_for_card (fixture, today_id, TONIC_APPOINTMENT_STATE_SCHEDULED);
  g_assert_cmpstr (gtk_menu_button_get_label (day_button), ==, "Today");

  /* The calendar in the popover. */
  gtk_calendar_select_day (VIEW (fixture, "calendar"), next_day);
  g_signal_emit_by_name (VIEW (fixture, "calendar"), "day-selected");
  wait_for_card (fixture, tomorrow_id, TONIC_APPOINTMENT_STATE_SCHEDULED);

  /* A day with nothing booked. */
  tonic_test_ui_click_when_mapped (VIEW (fixture, "next_button"));
  wait_for_stack (fixture, "empty");
  g_assert_cmpstr (adw_status_page_get_title (VIEW (fixture, "empty_status")), ==,
                   "No Appointments");

  /* The calendar's arrows to the next month (the same day of the month,
   * which GtkCalendar reports only as a new month). */
  {
    GDate from, to;
    g_autoptr(TonicAppointment) later = NULL;
    g_autoptr(GDateTime) then = NULL;
    int days;

    _tonic_today_view_get_day (TONIC_TODAY_VIEW (fixture->view), &from);
    to = from;
    g_date_add_months (&to, 1);
    if (g_date_get_day (&to) != g_date_get_day (&from))
      return;  /* the 31st: no such day next month */
    tonic_date_set_today (&from);
    days = g_date_days_between (&from, &to);
    later = store_book (fixture, fixture->cleo, days, 10, 2);
    then = day_at (days, 12, 0);
    gtk_calendar_select_day (VIEW (fixture, "calendar"), then);
    wait_for_card (fixture, tonic_appointment_get_id (later), TONIC_APPOINTMENT_STATE_SCHEDULED);
  }
}

/* The timer and the patient's name */

static void
on_open_patient (GtkWidget *view,
                 gint64     patient_id,
                 gint64    *opened)
{
  *opened = patient_id;
}

static void
test_timer (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TonicAppointment) booked = store_book (fixture, fixture->ana, 0, 10, 1);
  gint64 id = tonic_appointment_get_id (booked);
  TonicAppointmentCard *card;
  gint64 opened = 0;

  store_move (fixture, id, TONIC_APPOINTMENT_STATE_ARRIVED);
  show_view (fixture);
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_ARRIVED);

  /* One timer for the view, while it is on screen. */
  g_assert_true (_tonic_today_view_has_timer (TONIC_TODAY_VIEW (fixture->view)));
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "timer_label")), ==, "waiting 0 min");
  _tonic_today_view_tick (TONIC_TODAY_VIEW (fixture->view));
  g_assert_cmpstr (gtk_label_get_label (CARD (card, "timer_label")), ==, "waiting 0 min");

  gtk_widget_set_visible (GTK_WIDGET (fixture->window), FALSE);
  g_assert_false (_tonic_today_view_has_timer (TONIC_TODAY_VIEW (fixture->view)));
  gtk_window_present (fixture->window);
  tonic_test_ui_wait_until (tonic_test_ui_widget_is_mapped, fixture->view,
                            "the view on screen again");
  g_assert_true (_tonic_today_view_has_timer (TONIC_TODAY_VIEW (fixture->view)));

  /* The patient's name opens their record. */
  card = wait_for_card (fixture, id, TONIC_APPOINTMENT_STATE_ARRIVED);
  g_signal_connect (fixture->view, "open-patient", G_CALLBACK (on_open_patient), &opened);
  tonic_test_ui_click_when_mapped (CARD (card, "name_button"));
  g_assert_cmpint (opened, ==, fixture->ana);
}

int
main (int   argc,
      char *argv[])
{
  tonic_test_ui_init (&argc, &argv);

  g_test_add ("/today-ui/book", Fixture, DESK_USER,
              fixture_set_up, test_book, fixture_tear_down);
  g_test_add ("/today-ui/book-for-patient", Fixture, DESK_USER,
              fixture_set_up, test_book_for_patient, fixture_tear_down);
  g_test_add ("/today-ui/check-in", Fixture, DESK_USER,
              fixture_set_up, test_check_in, fixture_tear_down);
  g_test_add ("/today-ui/check-in-follow-up", Fixture, DESK_USER,
              fixture_set_up, test_check_in_follow_up, fixture_tear_down);
  g_test_add ("/today-ui/cancel-and-no-show", Fixture, DESK_USER,
              fixture_set_up, test_cancel_and_no_show, fixture_tear_down);
  g_test_add ("/today-ui/nurse-moves", Fixture, NURSE_USER,
              fixture_set_up, test_nurse_moves, fixture_tear_down);
  g_test_add ("/today-ui/edit", Fixture, ADMIN_USER,
              fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/today-ui/day-picker", Fixture, DESK_USER,
              fixture_set_up, test_day_picker, fixture_tear_down);
  g_test_add ("/today-ui/timer", Fixture, DESK_USER,
              fixture_set_up, test_timer, fixture_tear_down);

  return g_test_run ();
}
