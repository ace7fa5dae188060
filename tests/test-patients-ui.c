/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Patients view driven as the practice's staff would: registering a
 * patient through the form (refused while a field is wrong, nothing saved
 * meanwhile), finding them by name, MRN, date of birth and phone, the
 * duplicate warning, editing, archiving with Undo; what the front desk does
 * not see; a clinician's medications and weights; and a list of hundreds
 * of patients that never reads them all. */
#define G_LOG_DOMAIN "test-patients-ui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tonic-patient-editor.h"
#include "tonic-patient-list.h"
#include "tonic-patient-record.h"
#include "tonic-patients-private.h"
#include "tonic-patients-view.h"
#include "tonic-test-ui.h"

#define PRACTICE_NAME   "Riverside Ketamine Clinic"
#define ADMIN_NAME      "Dana Whitfield"
#define ADMIN_USER      "dana.whitfield"
#define PASSWORD        "lantern-orbit-meadow-42"
#define CLINICIAN_USER  "sam.clinician"
#define DESK_USER       "frankie.desk"

/* The patient registered through the form. */
#define LEGAL_NAME      "Zoë Ångström-Núñez"
#define PREFERRED_NAME  "Zoë"
#define BIRTH_DATE      "1980-04-03"
#define MOBILE          "+44 7700 900123"
#define ALLERGY_CANARY  "Penicillin: hives ZQXALLERGY"

typedef struct
{
  char              *home;
  TonicTestPractice  practice;
  TonicStore        *store;     /* the practice's */
  TonicStaff        *actor;
  GtkWindow         *window;
  GtkWidget         *view;
} Fixture;

#define WAIT(wait, what) tonic_test_wait (&(wait), what)

/* The store, read and written directly */

static void
store_sign_in (Fixture    *fixture,
               const char *username)
{
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };
  TonicStaff *staff;

  tonic_store_sign_in_async (fixture->store, username, PASSWORD, NULL, tonic_test_wait_ready,
                             &wait);
  staff = tonic_store_sign_in_finish (fixture->store, WAIT (wait, "the sign-in"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
  tonic_test_wait_clear (&wait);
  g_clear_object (&fixture->actor);
  fixture->actor = staff;
}

static void
store_add_staff (Fixture    *fixture,
                 const char *username,
                 const char *name,
                 TonicRole   role)
{
  g_autoptr(TonicStaff) staff = tonic_test_practice_add_staff (&fixture->practice, username, name,
                                                               role, PASSWORD);

  g_assert_nonnull (staff);
}

static guint
store_count (Fixture            *fixture,
             TonicPatientStatus  status)
{
  g_autoptr(GError) error = NULL;
  TonicPatientQuery query = { 0 };
  TonicTestWait wait = { NULL };
  guint count;

  query.status = status;
  tonic_store_count_patients_async (fixture->store, &query, NULL, tonic_test_wait_ready, &wait);
  count = tonic_store_count_patients_finish (fixture->store, WAIT (wait, "the count"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return count;
}

/* The patients matching @text, of any status. */
static GPtrArray *
store_find (Fixture    *fixture,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  TonicPatientQuery query = { 0 };
  TonicTestWait wait = { NULL };
  GPtrArray *patients;

  query.text = text;
  query.status = TONIC_PATIENT_STATUS_ANY;
  tonic_store_list_patients_async (fixture->store, &query, 0, 50, NULL, tonic_test_wait_ready,
                                   &wait);
  patients = tonic_store_list_patients_finish (fixture->store, WAIT (wait, "the patients"),
                                               &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return patients;
}

/* A new reference to the only patient matching @text. */
static TonicPatient *
store_find_one (Fixture    *fixture,
                const char *text)
{
  g_autoptr(GPtrArray) patients = store_find (fixture, text);

  g_assert_cmpuint (patients->len, ==, 1);
  return g_object_ref (g_ptr_array_index (patients, 0));
}

static TonicPatient *
store_create (Fixture                  *fixture,
              const TonicPatientFields *fields)
{
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };
  TonicPatient *patient;

  tonic_store_create_patient_async (fixture->store, fields, NULL, tonic_test_wait_ready, &wait);
  patient = tonic_store_create_patient_finish (fixture->store, WAIT (wait, "a new patient"),
                                               &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return patient;
}

static TonicPatient *
store_add_patient (Fixture    *fixture,
                   const char *legal_name,
                   const char *date_of_birth,
                   const char *phone)
{
  TonicPatientFields fields = { 0 };

  fields.legal_name = legal_name;
  fields.date_of_birth = date_of_birth;
  fields.phone_mobile = phone;
  return store_create (fixture, &fields);
}

static GPtrArray *
store_medications (Fixture *fixture,
                   gint64   patient_id)
{
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };
  GPtrArray *medications;

  tonic_store_list_medications_async (fixture->store, patient_id, NULL, tonic_test_wait_ready,
                                      &wait);
  medications = tonic_store_list_medications_finish (fixture->store,
                                                     WAIT (wait, "the medications"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return medications;
}

static GPtrArray *
store_weights (Fixture *fixture,
               gint64   patient_id)
{
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };
  GPtrArray *weights;

  tonic_store_list_weights_async (fixture->store, patient_id, NULL, tonic_test_wait_ready, &wait);
  weights = tonic_store_list_weights_finish (fixture->store, WAIT (wait, "the weights"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  return weights;
}

static void
store_add_weight (Fixture    *fixture,
                  gint64      patient_id,
                  double      kilograms,
                  const char *measured_at)
{
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };

  tonic_store_add_weight_async (fixture->store, patient_id, kilograms, measured_at, NULL,
                                tonic_test_wait_ready, &wait);
  tonic_store_add_weight_finish (fixture->store, WAIT (wait, "a weight"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);
}

/* Widgets */

#define VIEW(fixture, name) \
  tonic_test_ui_child ((fixture)->view, TONIC_TYPE_PATIENTS_VIEW, name)
#define EDITOR(fixture, name) \
  tonic_test_ui_child (VIEW (fixture, "editor"), TONIC_TYPE_PATIENT_EDITOR, name)
#define RECORD(fixture, name) \
  tonic_test_ui_child (VIEW (fixture, "record"), TONIC_TYPE_PATIENT_RECORD, name)

static void
activate (Fixture    *fixture,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (fixture->view, action, NULL));
  g_main_context_iteration (NULL, FALSE);
}

static gboolean
revealed (gpointer revealer)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static gboolean
marked_wrong (gpointer widget)
{
  return gtk_widget_has_css_class (GTK_WIDGET (widget), "error");
}

/* The list */

static TonicPatientList *
view_list (Fixture *fixture)
{
  return _tonic_patients_view_get_list (TONIC_PATIENTS_VIEW (fixture->view));
}

typedef struct
{
  Fixture *fixture;
  guint    n_items;
} CountWait;

static gboolean
list_settled_at (gpointer data)
{
  CountWait *wait = data;
  TonicPatientList *list = view_list (wait->fixture);

  return !tonic_patient_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == wait->n_items;
}

static void
wait_for_count (Fixture *fixture,
                guint    n_items)
{
  CountWait wait = { fixture, n_items };
  g_autofree char *what = g_strdup_printf ("the list to show %u patients", n_items);

  tonic_test_ui_wait_until (list_settled_at, &wait, what);
}

/* Types @text into the search entry and waits for the list to settle at
 * @n_items (the entry waits ~150 ms before searching). */
static void
search (Fixture    *fixture,
        const char *text,
        guint       n_items)
{
  tonic_test_ui_type (VIEW (fixture, "search_entry"), text);
  tonic_test_ui_spin (300);
  wait_for_count (fixture, n_items);
}

/* The patient of the list's row @position, or NULL while it is read. */
static TonicPatient *
list_patient (Fixture *fixture,
              guint    position)
{
  g_autoptr(TonicPatientItem) item =
    g_list_model_get_item (G_LIST_MODEL (view_list (fixture)), position);

  return item != NULL ? tonic_patient_item_get_patient (item) : NULL;
}

static gboolean
first_row_read (gpointer data)
{
  return list_patient (data, 0) != NULL;
}

static gint64
selected_id (Fixture *fixture)
{
  GtkSingleSelection *selection =
    GTK_SINGLE_SELECTION (gtk_list_view_get_model (VIEW (fixture, "list_view")));
  TonicPatientItem *item = gtk_single_selection_get_selected_item (selection);
  TonicPatient *patient = item != NULL ? tonic_patient_item_get_patient (item) : NULL;

  return patient != NULL ? tonic_patient_get_id (patient) : 0;
}

typedef struct
{
  Fixture *fixture;
  gint64   id;
} IdWait;

static gboolean
row_selected (gpointer data)
{
  IdWait *wait = data;

  return selected_id (wait->fixture) == wait->id;
}

static gboolean
record_shows (gpointer data)
{
  IdWait *wait = data;
  GtkStack *stack = VIEW (wait->fixture, "detail_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "record") == 0 &&
         _tonic_patients_view_get_shown_id (TONIC_PATIENTS_VIEW (wait->fixture->view)) == wait->id;
}

static void
wait_for_record (Fixture *fixture,
                 gint64   patient_id)
{
  IdWait wait = { fixture, patient_id };

  tonic_test_ui_wait_until (record_shows, &wait, "the patient's record");
}

static GMenuModel *
filter_menu (Fixture *fixture)
{
  return _tonic_patients_view_get_filter_menu (TONIC_PATIENTS_VIEW (fixture->view));
}

/* Whether a menu (or any of its sections and submenus) offers @action. */
static gboolean
menu_offers (GMenuModel *menu,
             const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;

      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_offers (linked, action))
            return TRUE;
        }
    }

  return FALSE;
}

/* The fixture: a practice with an administrator, a clinician and a
 * receptionist, made directly; the view comes later, for whoever signs in. */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;

  fixture->home = g_dir_make_tmp ("tonic-patients-ui-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (fixture->home, "data", NULL);

  tonic_test_practice_create (&fixture->practice, data_dir, PRACTICE_NAME, ADMIN_NAME, ADMIN_USER,
                              PASSWORD, FALSE);
  fixture->store = fixture->practice.store;
  store_add_staff (fixture, CLINICIAN_USER, "Sam Okonkwo", TONIC_ROLE_CLINICIAN);
  store_add_staff (fixture, DESK_USER, "Frankie Desk", TONIC_ROLE_FRONT_DESK);
}

/* Signs @username in and shows their Patients view in a window with a
 * toast overlay, as the workspace does. */
static void
open_view (Fixture    *fixture,
           const char *username)
{
  GtkWidget *overlay;

  store_sign_in (fixture, username);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (fixture->window, 1100, 760);
  overlay = adw_toast_overlay_new ();
  fixture->view = tonic_patients_view_new (fixture->store, fixture->actor);
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->view);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  tonic_test_ui_wait_until (tonic_test_ui_widget_is_mapped, fixture->view, "the view on screen");
}

static gboolean
view_finalized (gpointer data)
{
  return ((Fixture *) data)->view == NULL;
}

/* Destroys the window the way a lock destroys the workspace: the view and
 * everything it made go, once the store has answered what was on its way. */
static void
close_view (Fixture *fixture)
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

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    close_view (fixture);

  g_clear_object (&fixture->actor);
  fixture->store = NULL;
  tonic_test_practice_clear (&fixture->practice);
  tonic_test_ui_remove_tree (fixture->home);
  g_free (fixture->home);
}

/* The form */

static void
fill_valid_form (Fixture *fixture)
{
  tonic_test_ui_type (EDITOR (fixture, "legal_name_row"), LEGAL_NAME);
  tonic_test_ui_type (EDITOR (fixture, "preferred_name_row"), PREFERRED_NAME);
  tonic_test_ui_type (EDITOR (fixture, "pronouns_row"), "she/her");
  tonic_test_ui_type (EDITOR (fixture, "date_of_birth_row"), BIRTH_DATE);
  tonic_test_ui_type (EDITOR (fixture, "phone_mobile_row"), MOBILE);
  tonic_test_ui_type (EDITOR (fixture, "email_row"), "zoe@example.org");
}

static void
save_form (Fixture *fixture)
{
  tonic_test_ui_click_when_mapped (VIEW (fixture, "save_button"));
}

static gboolean
editor_idle (gpointer data)
{
  Fixture *fixture = data;

  return !tonic_patient_editor_get_busy (VIEW (fixture, "editor"));
}

/* Saves a form that must be refused: the row is marked, its group's label
 * says why, and the store has no more patients than before. */
static void
assert_refused (Fixture    *fixture,
                const char *row,
                const char *label,
                guint       n_before)
{
  save_form (fixture);
  tonic_test_ui_wait_until (tonic_test_ui_label_shown, EDITOR (fixture, label),
                            "the problem to be shown");
  tonic_test_ui_wait_until (editor_idle, fixture, "the form to be idle");
  g_assert_true (marked_wrong (EDITOR (fixture, row)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (VIEW (fixture, "detail_stack")), ==,
                   "editor");
  g_assert_cmpuint (store_count (fixture, TONIC_PATIENT_STATUS_ANY), ==, n_before);
}

static void
test_empty_practice (Fixture       *fixture,
                     gconstpointer  data)
{
  AdwStatusPage *status;

  open_view (fixture, DESK_USER);
  wait_for_count (fixture, 0);

  /* No patient yet: say so, and offer the first. */
  tonic_test_ui_wait_for_stack (VIEW (fixture, "list_stack"), "empty");
  g_assert_cmpstr (gtk_label_get_label (VIEW (fixture, "count_label")), ==, "0 patients");
  g_assert_true (gtk_widget_get_visible (VIEW (fixture, "empty_new_button")));
  tonic_test_ui_click_when_mapped (VIEW (fixture, "empty_new_button"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (VIEW (fixture, "detail_stack")), ==,
                   "editor");

  /* A search with no match says what was searched. */
  search (fixture, "Nobody", 0);
  status = VIEW (fixture, "no_matches_status");
  tonic_test_ui_wait_until (tonic_test_ui_widget_is_mapped, status, "the no-match page");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No patients match “Nobody”");
}

/* Registering a patient through the form, as the front desk does. */
static void
test_register (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TonicPatient) saved = NULL;
  GtkWidget *editor;
  gint64 id;

  open_view (fixture, DESK_USER);
  wait_for_count (fixture, 0);

  tonic_test_ui_click_when_mapped (VIEW (fixture, "new_button"));
  editor = VIEW (fixture, "editor");
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_cmpstr (adw_window_title_get_title (VIEW (fixture, "detail_title")), ==,
                   "New Patient");

  /* Nothing typed: the legal name is asked for, and nothing is saved. */
  assert_refused (fixture, "legal_name_row", "name_error", 0);
  g_assert_true (marked_wrong (EDITOR (fixture, "date_of_birth_row")));
  g_assert_true (tonic_test_ui_label_shown (EDITOR (fixture, "birth_error")));

  /* Typing clears the field's mark. */
  fill_valid_form (fixture);
  g_assert_false (marked_wrong (EDITOR (fixture, "legal_name_row")));
  g_assert_cmpstr (gtk_label_get_label (EDITOR (fixture, "dob_hint")), ==, "3 April 1980");

  /* A birth date in the future. */
  tonic_test_ui_type (EDITOR (fixture, "date_of_birth_row"), "2999-01-01");
  assert_refused (fixture, "date_of_birth_row", "birth_error", 0);
  tonic_test_ui_type (EDITOR (fixture, "date_of_birth_row"), BIRTH_DATE);

  /* An e-mail address that cannot be one. */
  tonic_test_ui_type (EDITOR (fixture, "email_row"), "zoe at example");
  assert_refused (fixture, "email_row", "contact_error", 0);
  g_assert_false (marked_wrong (EDITOR (fixture, "date_of_birth_row")));
  tonic_test_ui_type (EDITOR (fixture, "email_row"), "zoe@example.org");

  /* A date that reads two ways is asked about, not guessed. */
  tonic_test_ui_type (EDITOR (fixture, "date_of_birth_row"), "03/04/1980");
  g_assert_true (gtk_widget_get_visible (EDITOR (fixture, "dob_choice")));
  assert_refused (fixture, "date_of_birth_row", "birth_error", 0);
  {
    GtkToggleButton *a = EDITOR (fixture, "dob_choice_a");
    GtkToggleButton *b = EDITOR (fixture, "dob_choice_b");
    GtkToggleButton *april = g_str_equal (gtk_button_get_label (GTK_BUTTON (a)), "3 April 1980")
                               ? a : b;

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (april)), ==, "3 April 1980");
    gtk_toggle_button_set_active (april, TRUE);
  }

  /* Everything acceptable: saved, opened and selected. */
  save_form (fixture);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Patient registered");
  saved = store_find_one (fixture, "angstrom");
  id = tonic_patient_get_id (saved);
  g_assert_cmpstr (tonic_patient_get_legal_name (saved), ==, LEGAL_NAME);
  g_assert_cmpstr (tonic_patient_get_date_of_birth (saved), ==, BIRTH_DATE);
  g_assert_cmpstr (tonic_patient_get_email (saved), ==, "zoe@example.org");
  wait_for_record (fixture, id);
  {
    IdWait wait = { fixture, id };

    tonic_test_ui_wait_until (row_selected, &wait, "the new patient's row to be selected");
  }
  tonic_test_ui_wait_for_text (VIEW (fixture, "record"), "Zoë (Zoë Ångström-Núñez)");
  tonic_test_ui_wait_for_text (VIEW (fixture, "record"), tonic_patient_get_mrn (saved));
  g_assert_cmpuint (store_count (fixture, TONIC_PATIENT_STATUS_ANY), ==, 1);

  /* The same legal name and date of birth again: a warning naming the
   * other patient's MRN; "Open Existing" opens them and saves nothing. */
  activate (fixture, "patients.new");
  tonic_test_ui_type (EDITOR (fixture, "legal_name_row"), "ZOE ANGSTROM-NUNEZ");
  tonic_test_ui_type (EDITOR (fixture, "date_of_birth_row"), BIRTH_DATE);
  tonic_test_ui_wait_until (editor_idle, fixture, "the form");
  save_form (fixture);
  tonic_test_ui_wait_until (revealed, EDITOR (fixture, "duplicate_revealer"),
                            "the duplicate warning");
  g_assert_nonnull (strstr (gtk_label_get_label (EDITOR (fixture, "duplicate_label")),
                            tonic_patient_get_mrn (saved)));
  g_assert_cmpuint (store_count (fixture, TONIC_PATIENT_STATUS_ANY), ==, 1);
  tonic_test_ui_click_when_mapped (EDITOR (fixture, "open_existing_button"));
  wait_for_record (fixture, id);
  g_assert_cmpuint (store_count (fixture, TONIC_PATIENT_STATUS_ANY), ==, 1);

  /* "Save Anyway" does save (twins exist). */
  activate (fixture, "patients.new");
  tonic_test_ui_type (EDITOR (fixture, "legal_name_row"), LEGAL_NAME);
  tonic_test_ui_type (EDITOR (fixture, "date_of_birth_row"), BIRTH_DATE);
  save_form (fixture);
  tonic_test_ui_wait_until (revealed, EDITOR (fixture, "duplicate_revealer"),
                            "the duplicate warning");
  tonic_test_ui_click_when_mapped (EDITOR (fixture, "save_anyway_button"));
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Patient registered");
  tonic_test_ui_wait_until (editor_idle, fixture, "the form");
  g_assert_cmpuint (store_count (fixture, TONIC_PATIENT_STATUS_ANY), ==, 2);

  /* Leaving a changed form asks first. */
  activate (fixture, "patients.new");
  tonic_test_ui_type (EDITOR (fixture, "legal_name_row"), "Someone Unsaved");
  activate (fixture, "patients.cancel");
  {
    GtkWidget *dialog = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (window))
          dialog = window;
      }
    g_assert_nonnull (dialog);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (VIEW (fixture, "detail_stack")), !=,
                   "editor");
  g_assert_false (tonic_test_ui_widgets_contain (fixture->view, "Someone Unsaved", NULL));
  g_assert_cmpuint (store_count (fixture, TONIC_PATIENT_STATUS_ANY), ==, 2);
}

/* Finding patients by what people type at the desk. */
static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TonicPatient) zoe = NULL;
  g_autoptr(TonicPatient) bjorn = NULL;
  g_autoptr(TonicPatient) mei = NULL;
  g_autoptr(TonicPatient) march = NULL;

  open_view (fixture, DESK_USER);
  zoe = store_add_patient (fixture, LEGAL_NAME, BIRTH_DATE, MOBILE);
  bjorn = store_add_patient (fixture, "Björn Halvorsen", "1975-11-30", "020 7946 0958");
  mei = store_add_patient (fixture, "陈美玲", "1992-07-15", NULL);
  /* The other reading of 3/4/1980. */
  march = store_add_patient (fixture, "Marta Kowalska", "1980-03-04", NULL);

  /* Patients made elsewhere appear once the list reads again. */
  activate (fixture, "patients.retry");
  wait_for_count (fixture, 4);
  g_assert_cmpstr (gtk_label_get_label (VIEW (fixture, "count_label")), ==, "4 patients");

  /* Part of a name, without its accents, in any case. */
  search (fixture, "angst", 1);
  g_assert_cmpint (tonic_patient_get_id (list_patient (fixture, 0)), ==,
                   tonic_patient_get_id (zoe));
  search (fixture, "BJORN", 1);
  search (fixture, "陈", 1);

  /* The MRN, whole or typed loosely. */
  search (fixture, tonic_patient_get_mrn (bjorn), 1);
  g_assert_cmpint (tonic_patient_get_id (list_patient (fixture, 0)), ==,
                   tonic_patient_get_id (bjorn));

  /* A date of birth as people type it: both readings. */
  search (fixture, "3/4/1980", 2);
  search (fixture, "1980-04-03", 1);

  /* Phone digits: the end of the number. */
  search (fixture, "900123", 1);
  g_assert_cmpint (tonic_patient_get_id (list_patient (fixture, 0)), ==,
                   tonic_patient_get_id (zoe));

  /* Enter opens the first match; Escape empties the search. */
  tonic_test_ui_wait_until (first_row_read, fixture, "the row to be read");
  g_signal_emit_by_name (VIEW (fixture, "search_entry"), "activate");
  wait_for_record (fixture, tonic_patient_get_id (zoe));
  g_signal_emit_by_name (VIEW (fixture, "search_entry"), "stop-search");
  tonic_test_ui_spin (300);
  wait_for_count (fixture, 4);

  /* Ctrl+F's action focuses the search; Down's moves into the list. */
  activate (fixture, "patients.focus-search");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, VIEW (fixture, "search_entry")));
  }
  activate (fixture, "patients.focus-list");
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, VIEW (fixture, "list_view")));
  }
}

static void
on_book_appointment (TonicPatientsView *view,
                     gint64             patient_id,
                     gint64            *booked)
{
  *booked = patient_id;
}

/* Booking, editing a phone number, archiving, and Undo. */
static void
test_edit_and_archive (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TonicPatient) zoe = NULL;
  g_autoptr(TonicPatient) after = NULL;
  GtkWidget *undo;
  gint64 booked = 0;
  gint64 id;

  open_view (fixture, DESK_USER);
  zoe = store_add_patient (fixture, LEGAL_NAME, BIRTH_DATE, MOBILE);
  id = tonic_patient_get_id (zoe);
  activate (fixture, "patients.retry");
  wait_for_count (fixture, 1);

  tonic_patients_view_show_patient (TONIC_PATIENTS_VIEW (fixture->view), id);
  wait_for_record (fixture, id);
  tonic_test_ui_wait_for_text (VIEW (fixture, "record"), MOBILE);

  /* Booking is the workspace's: the view says for whom. */
  g_signal_connect (fixture->view, "book-appointment", G_CALLBACK (on_book_appointment), &booked);
  adw_view_stack_set_visible_child_name (RECORD (fixture, "stack"), "appointments");
  tonic_test_ui_click_when_mapped (RECORD (fixture, "book_button"));
  g_assert_cmpint (booked, ==, id);

  /* Edit: the form starts from the record; only the phone changes. */
  tonic_test_ui_click_when_mapped (VIEW (fixture, "edit_button"));
  g_assert_cmpstr (adw_window_title_get_title (VIEW (fixture, "detail_title")), ==,
                   "Edit Patient");
  g_assert_cmpstr (gtk_editable_get_text (EDITOR (fixture, "legal_name_row")), ==, LEGAL_NAME);
  g_assert_false (tonic_patient_editor_get_changed (VIEW (fixture, "editor")));
  tonic_test_ui_type (EDITOR (fixture, "phone_mobile_row"), "+44 7700 900456");
  g_assert_true (tonic_patient_editor_get_changed (VIEW (fixture, "editor")));
  activate (fixture, "patients.save");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Changes saved");
  wait_for_record (fixture, id);
  after = store_find_one (fixture, tonic_patient_get_mrn (zoe));
  g_assert_cmpstr (tonic_patient_get_phone_mobile (after), ==, "+44 7700 900456");
  g_assert_cmpstr (tonic_patient_get_legal_name (after), ==, LEGAL_NAME);
  tonic_test_ui_wait_for_text (VIEW (fixture, "record"), "+44 7700 900456");
  g_clear_object (&after);

  /* Archive: not confirmed but undoable. */
  activate (fixture, "patient.archive");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Patient archived");
  after = store_find_one (fixture, tonic_patient_get_mrn (zoe));
  g_assert_true (tonic_patient_get_archived (after));
  g_clear_object (&after);
  /* Gone from the active list, tagged in the record. */
  wait_for_count (fixture, 0);
  tonic_test_ui_wait_for_text (RECORD (fixture, "tags_box"), "Archived");
  /* No booking for an archived patient. */
  g_assert_false (gtk_widget_get_sensitive (RECORD (fixture, "book_button")));

  undo = tonic_test_ui_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  tonic_test_ui_click_when_mapped (undo);
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Patient restored");
  after = store_find_one (fixture, tonic_patient_get_mrn (zoe));
  g_assert_false (tonic_patient_get_archived (after));
  wait_for_count (fixture, 1);
}

/* The front desk: no clinical content anywhere, not even the widgets. */
static void
test_front_desk (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TonicPatient) patient = NULL;
  TonicPatientFields fields = { 0 };
  TonicPatientEditor *editor;
  TonicPatientRecord *record;

  /* A clinician records the allergy. */
  store_sign_in (fixture, CLINICIAN_USER);
  fields.legal_name = LEGAL_NAME;
  fields.date_of_birth = BIRTH_DATE;
  fields.allergies = ALLERGY_CANARY;
  fields.indications = TONIC_INDICATION_PTSD;
  patient = store_create (fixture, &fields);
  store_add_weight (fixture, tonic_patient_get_id (patient), 81.0, "2026-01-05T09:30:00Z");

  open_view (fixture, DESK_USER);
  wait_for_count (fixture, 1);
  g_assert_false (menu_offers (filter_menu (fixture),
                               "filter.indication"));
  g_assert_true (menu_offers (filter_menu (fixture),
                              "filter.status"));

  tonic_patients_view_show_patient (TONIC_PATIENTS_VIEW (fixture->view),
                                    tonic_patient_get_id (patient));
  wait_for_record (fixture, tonic_patient_get_id (patient));
  record = VIEW (fixture, "record");
  tonic_test_ui_wait_for_text (GTK_WIDGET (record), "Personal Details");
  tonic_test_ui_spin (300);

  g_assert_false (tonic_test_ui_widgets_contain (GTK_WIDGET (fixture->window), "ZQXALLERGY", NULL));
  g_assert_false (tonic_test_ui_widgets_contain (GTK_WIDGET (record), "Allergies", NULL));
  g_assert_false (tonic_test_ui_widgets_contain (GTK_WIDGET (record), "Current Medications", NULL));
  g_assert_false (tonic_test_ui_widgets_contain (GTK_WIDGET (record), "PTSD", NULL));
  g_assert_null (_tonic_patient_record_get_weight_spin (record));

  /* Their form has no clinical fields either, and saving it keeps the
   * clinician's. */
  activate (fixture, "patient.edit");
  editor = VIEW (fixture, "editor");
  g_assert_null (_tonic_patient_editor_get_allergies_view (editor));
  g_assert_null (_tonic_patient_editor_get_indication_check (editor, TONIC_INDICATION_PTSD));
  tonic_test_ui_type (EDITOR (fixture, "pronouns_row"), "they/them");
  activate (fixture, "patients.save");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Changes saved");
  close_view (fixture);

  store_sign_in (fixture, CLINICIAN_USER);
  {
    g_autoptr(TonicPatient) after = store_find_one (fixture, tonic_patient_get_mrn (patient));

    g_assert_cmpstr (tonic_patient_get_pronouns (after), ==, "they/them");
    g_assert_cmpstr (tonic_patient_get_allergies (after), ==, ALLERGY_CANARY);
    g_assert_cmpint (tonic_patient_get_indications (after), ==, TONIC_INDICATION_PTSD);
  }
}

static gboolean
weight_form_shown (gpointer record)
{
  GtkSpinButton *spin = _tonic_patient_record_get_weight_spin (record);

  return spin != NULL && gtk_widget_get_mapped (GTK_WIDGET (spin));
}

/* A clinician: indications, a medication with its suggested class, and a
 * weight typed in pounds (stored in kilograms). */
static void
test_clinician (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = _tonic_patients_settings_new ();
  g_autoptr(TonicPatient) patient = NULL;
  g_autoptr(GPtrArray) medications = NULL;
  g_autoptr(GPtrArray) weights = NULL;
  TonicPatientEditor *editor;
  TonicPatientRecord *record;
  GtkCheckButton *check;
  GtkTextView *allergies;
  GtkCheckButton *maoi;
  GtkSpinButton *spin;
  TonicWeight *newest;
  gint64 id;
  guint index;

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "weight-unit", "lb");

  store_sign_in (fixture, CLINICIAN_USER);
  patient = store_add_patient (fixture, LEGAL_NAME, BIRTH_DATE, MOBILE);
  id = tonic_patient_get_id (patient);
  store_add_weight (fixture, id, 80.0, "2026-01-05T09:30:00Z");

  open_view (fixture, CLINICIAN_USER);
  wait_for_count (fixture, 1);
  g_assert_true (menu_offers (filter_menu (fixture),
                              "filter.indication"));

  tonic_patients_view_show_patient (TONIC_PATIENTS_VIEW (fixture->view), id);
  wait_for_record (fixture, id);
  record = VIEW (fixture, "record");
  /* 80 kg, shown in pounds. */
  tonic_test_ui_wait_for_text (GTK_WIDGET (record), "176.4 lb");

  /* A medication: its class is ticked from the name as it is typed. */
  activate (fixture, "patient.edit");
  editor = VIEW (fixture, "editor");
  check = _tonic_patient_editor_get_indication_check (
    editor, TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
  gtk_check_button_set_active (check, TRUE);
  allergies = _tonic_patient_editor_get_allergies_view (editor);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (allergies), "No known drug allergies", -1);
  /* The medications are read before they can be changed. */
  tonic_test_ui_wait_for_text (GTK_WIDGET (editor), "No current medications");
  index = _tonic_patient_editor_add_medication (editor);
  maoi = _tonic_patient_editor_get_class_check (editor, index, TONIC_DRUG_CLASS_MAOI);
  g_assert_false (gtk_check_button_get_active (maoi));
  tonic_test_ui_type (_tonic_patient_editor_get_medication_row (editor, index, FALSE),
                      "Phenelzine");
  g_assert_true (gtk_check_button_get_active (maoi));
  g_assert_false (gtk_check_button_get_active (
    _tonic_patient_editor_get_class_check (editor, index, TONIC_DRUG_CLASS_STIMULANT)));
  tonic_test_ui_type (_tonic_patient_editor_get_medication_row (editor, index, TRUE),
                      "15 mg three times a day");
  activate (fixture, "patients.save");
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Changes saved");
  wait_for_record (fixture, id);

  medications = store_medications (fixture, id);
  g_assert_cmpuint (medications->len, ==, 1);
  g_assert_cmpstr (tonic_medication_get_name (g_ptr_array_index (medications, 0)), ==,
                   "Phenelzine");
  g_assert_cmpint (tonic_medication_get_classes (g_ptr_array_index (medications, 0)), ==,
                   TONIC_DRUG_CLASS_MAOI);
  {
    g_autoptr(TonicPatient) after = store_find_one (fixture, tonic_patient_get_mrn (patient));

    g_assert_cmpint (tonic_patient_get_indications (after), ==,
                     TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION);
    g_assert_cmpstr (tonic_patient_get_allergies (after), ==, "No known drug allergies");
  }
  /* The record shows it, with its class as a warning. */
  tonic_test_ui_wait_for_text (GTK_WIDGET (record), "Phenelzine");
  tonic_test_ui_wait_for_text (GTK_WIDGET (record), "MAOI");
  tonic_test_ui_wait_for_text (GTK_WIDGET (record), "No known drug allergies");

  /* A weight typed in pounds. */
  tonic_test_ui_wait_until (weight_form_shown, record, "the weight form");
  spin = _tonic_patient_record_get_weight_spin (record);
  gtk_editable_set_text (GTK_EDITABLE (spin), "165.0");
  tonic_test_ui_click_when_mapped (_tonic_patient_record_get_weight_button (record));
  tonic_test_ui_wait_for_toast (GTK_WIDGET (fixture->window), "Weight added");

  weights = store_weights (fixture, id);
  g_assert_cmpuint (weights->len, ==, 2);
  newest = g_ptr_array_index (weights, 0);
  /* 165 lb = 74.84 kg, kept to 0.1 kg. */
  g_assert_cmpfloat_with_epsilon (newest->kilograms, 74.8, 0.001);
  tonic_test_ui_wait_for_text (GTK_WIDGET (record), "164.9 lb");

  g_settings_set_string (settings, "weight-unit", "kg");
  tonic_test_ui_wait_for_text (GTK_WIDGET (record), "74.8 kg");
}

/* A thousand patients: the list counts them and reads only the pages
 * that are looked at. */
static void
test_many_patients (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const given[] = {
    "Amara", "Björn", "Chloé", "Dmitri", "Eun-ji", "Farah", "Giorgos", "Hana", "Igor", "Jomo",
  };
  static const char * const family[] = {
    "Okafor", "Lindqvist", "Moreau", "Volkov", "Park", "Haddad", "Papadopoulos", "Novak",
    "Petrov", "Kamau", "Schmidt", "García",
  };
  const guint n_patients = 1000;
  g_autoptr(GPtrArray) patients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) appointments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  TonicPatientList *list;
  GtkAdjustment *adjustment;
  TonicTestWait wait = { NULL };

  for (guint i = 0; i < n_patients; i++)
    {
      guint family_index = (i / G_N_ELEMENTS (given)) % G_N_ELEMENTS (family);
      g_autofree char *name = g_strdup_printf ("%s %s %u", given[i % G_N_ELEMENTS (given)],
                                               family[family_index], i);
      g_autofree char *born = g_strdup_printf ("19%02u-%02u-%02u", 40 + i % 60, 1 + i % 12,
                                               1 + i % 28);
      TonicPatientFields fields = { 0 };

      fields.legal_name = name;
      fields.date_of_birth = born;
      g_ptr_array_add (patients, tonic_patient_new (&fields));
    }

  tonic_store_import_async (fixture->store, patients, appointments, NULL, tonic_test_wait_ready,
                            &wait);
  tonic_store_import_finish (fixture->store, WAIT (wait, "the import"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  open_view (fixture, ADMIN_USER);
  wait_for_count (fixture, n_patients);
  list = view_list (fixture);
  tonic_test_ui_wait_until (first_row_read, fixture, "the first rows");
  tonic_test_ui_spin (300);
  g_assert_nonnull (strstr (gtk_label_get_label (VIEW (fixture, "count_label")), "patients"));
  /* GTK 4.8's list view keeps up to 200 rows around what is on screen:
   * their pages, and no more. */
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), <=,
                    3 * TONIC_PATIENT_LIST_PAGE_SIZE);

  /* Scrolled to the end: the last rows are read, and still not all. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (VIEW (fixture, "list_view")));
  for (int i = 0; i < 20; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      tonic_test_ui_spin (50);
    }
  tonic_test_ui_spin (300);
  g_assert_nonnull (list_patient (fixture, n_patients - 1));
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), <, n_patients);

  /* A search narrows it in the store. */
  search (fixture, "Lindqvist", 90);
  g_assert_cmpuint (tonic_patient_list_get_peak_loaded (list), <=, 90);
}

int
main (int   argc,
      char *argv[])
{
  /* Dates and counts are checked as the C locale writes them (month names
   * in English, "3/4/1980" read month first); gtk_init() takes it from
   * here. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  tonic_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/patients-ui/empty-practice", test_empty_practice);
  ADD ("/patients-ui/register", test_register);
  ADD ("/patients-ui/search", test_search);
  ADD ("/patients-ui/edit-and-archive", test_edit_and_archive);
  ADD ("/patients-ui/front-desk", test_front_desk);
  ADD ("/patients-ui/clinician", test_clinician);
  ADD ("/patients-ui/many-patients", test_many_patients);
#undef ADD

  return g_test_run ();
}
