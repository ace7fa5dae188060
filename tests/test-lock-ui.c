/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Roles, the idle lock and emergency access, driven through the real
 * window under Xvfb with a real gnome-keyring. */
#define G_LOG_DOMAIN "test-lock-ui"

#include "config.h"

#include <glib/gstdio.h>

#include "tonic-sign-in-page.h"
#include "tonic-test-ui.h"
#include "tonic-workspace.h"

#define PRACTICE       "Harbour Infusion Clinic"
#define PASSWORD       "lantern-orbit-meadow-42"
#define ADMIN_USER     "morgan.admin"
#define DESK_USER      "frankie.desk"
#define DESK_NAME      "Frankie Deskworth"
#define CANARY_STAFF   "Canary Clinician Zqvx"

typedef struct
{
  char             *home;
  char             *data_dir;
  TonicApplication *app;
  TonicWindow      *window;
} Fixture;

/* A practice with an administrator, a front-desk receptionist and a
 * clinician, its key in the keyring, and emergency access enabled. */
static void
make_practice (Fixture *fixture)
{
  TonicTestPractice practice;
  g_autoptr(TonicStaff) desk = NULL;
  g_autoptr(TonicStaff) clinician = NULL;
  g_autoptr(GError) error = NULL;
  TonicTestWait wait = { NULL };

  tonic_test_practice_create (&practice, fixture->data_dir, PRACTICE, "Morgan Admin", ADMIN_USER,
                              PASSWORD, TRUE);
  desk = tonic_test_practice_add_staff (&practice, DESK_USER, DESK_NAME, TONIC_ROLE_FRONT_DESK,
                                        PASSWORD);
  clinician = tonic_test_practice_add_staff (&practice, "canary.clinician", CANARY_STAFF,
                                             TONIC_ROLE_CLINICIAN, PASSWORD);

  tonic_store_set_setting_async (practice.store, TONIC_SETTING_EMERGENCY_ACCESS, "true", NULL,
                                 tonic_test_wait_ready, &wait);
  tonic_store_set_setting_finish (practice.store, tonic_test_wait (&wait, "the setting"), &error);
  g_assert_no_error (error);
  tonic_test_wait_clear (&wait);

  tonic_test_practice_clear (&practice);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->home = g_dir_make_tmp ("tonic-lock-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->home, "data", NULL);
  fixture->app = tonic_test_ui_app_get (fixture->data_dir);
  make_practice (fixture);

  fixture->window = g_object_ref (tonic_window_new (fixture->app));
  gtk_window_present (GTK_WINDOW (fixture->window));
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  tonic_test_ui_spin (50);
  tonic_test_ui_remove_tree (fixture->home);
  g_free (fixture->home);
  g_free (fixture->data_dir);
}

static GtkWidget *
sign_in_page (Fixture *fixture)
{
  return _tonic_window_get_page_widget (fixture->window, "sign-in");
}

#define SIGN_IN(fixture, name) \
  tonic_test_ui_child (sign_in_page (fixture), TONIC_TYPE_SIGN_IN_PAGE, name)

static void
sign_in (Fixture    *fixture,
         const char *username,
         const char *password)
{
  tonic_test_ui_type (SIGN_IN (fixture, "username_row"), username);
  tonic_test_ui_type (SIGN_IN (fixture, "password_row"), password);
  tonic_test_ui_click (SIGN_IN (fixture, "sign_in_button"));
}

static GtkWidget *
workspace (Fixture *fixture)
{
  return _tonic_window_get_page_widget (fixture->window, "main");
}

/* Front desk: none of the views of other roles is even built. */
static void
test_front_desk_sees_no_admin (Fixture       *fixture,
                               gconstpointer  data)
{
  AdwViewStack *views;

  sign_in (fixture, DESK_USER, PASSWORD);
  tonic_test_ui_wait_for_page (fixture->window, "main");
  g_assert_cmpint (tonic_staff_get_role (_tonic_window_get_staff (fixture->window)), ==,
                   TONIC_ROLE_FRONT_DESK);

  views = tonic_test_ui_child (workspace (fixture), TONIC_TYPE_WORKSPACE, "views");
  g_assert_nonnull (adw_view_stack_get_child_by_name (views, "today"));
  g_assert_nonnull (adw_view_stack_get_child_by_name (views, "patients"));
  g_assert_null (adw_view_stack_get_child_by_name (views, "admin"));
  g_assert_false (tonic_test_ui_widgets_contain (GTK_WIDGET (fixture->window), CANARY_STAFF,
                                                 NULL));
}

/* The administrator's view lists staff; the idle lock destroys it, and no
 * widget anywhere still holds what it showed. */
static void
test_idle_lock_clears_everything (Fixture       *fixture,
                                  gconstpointer  data)
{
  AdwViewStack *views;
  char *where = NULL;
  GtkWidget *status;

  sign_in (fixture, ADMIN_USER, PASSWORD);
  tonic_test_ui_wait_for_page (fixture->window, "main");

  views = tonic_test_ui_child (workspace (fixture), TONIC_TYPE_WORKSPACE, "views");
  g_assert_nonnull (adw_view_stack_get_child_by_name (views, "admin"));
  adw_view_stack_set_visible_child_name (views, "admin");
  tonic_test_ui_wait_for_text (GTK_WIDGET (fixture->window), CANARY_STAFF);

  _tonic_window_set_idle_timeout_ms (fixture->window, 300);
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");

  g_assert_null (workspace (fixture));
  g_assert_null (_tonic_window_get_staff (fixture->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Tonic");
  if (tonic_test_ui_widgets_contain (NULL, CANARY_STAFF, &where))
    g_error ("A %s still shows a name from the locked workspace", where);
  g_assert_null (tonic_store_dup_actor (_tonic_window_get_store (fixture->window)));

  /* The lock screen says who locked it. */
  status = SIGN_IN (fixture, "status");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "Locked");

  /* Anyone can sign in on it; the other person gets their own view. */
  sign_in (fixture, DESK_USER, PASSWORD);
  tonic_test_ui_wait_for_page (fixture->window, "main");
  views = tonic_test_ui_child (workspace (fixture), TONIC_TYPE_WORKSPACE, "views");
  g_assert_null (adw_view_stack_get_child_by_name (views, "admin"));
}

static gboolean
error_label_shown (gpointer data)
{
  Fixture *fixture = data;

  return tonic_test_ui_label_shown (SIGN_IN (fixture, "error_label"));
}

/* Failed sign-ins slow down, and say so. */
static void
test_sign_in_backoff (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *message;

  for (int i = 0; i < 4; i++)
    {
      GtkWidget *label = SIGN_IN (fixture, "error_label");

      gtk_label_set_label (GTK_LABEL (label), "");
      tonic_test_ui_type (SIGN_IN (fixture, "username_row"), DESK_USER);
      tonic_test_ui_type (SIGN_IN (fixture, "password_row"), "wrong-password-1234");
      if (!gtk_widget_get_sensitive (SIGN_IN (fixture, "sign_in_button")))
        break;
      tonic_test_ui_click (SIGN_IN (fixture, "sign_in_button"));
      tonic_test_ui_wait_until (error_label_shown, fixture, "the sign-in error");
    }

  message = gtk_label_get_label (SIGN_IN (fixture, "error_label"));
  g_assert_nonnull (strstr (message, "Try again in"));
  g_assert_false (gtk_widget_get_sensitive (SIGN_IN (fixture, "sign_in_button")));
  g_assert_cmpuint (tonic_store_get_sign_in_wait (_tonic_window_get_store (fixture->window),
                                                  DESK_USER), >, 0);
}

static gboolean
banner_revealed (gpointer data)
{
  Fixture *fixture = data;

  return gtk_revealer_get_reveal_child (tonic_test_ui_child (workspace (fixture),
                                                             TONIC_TYPE_WORKSPACE,
                                                             "emergency_revealer"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/* Break-glass: front desk opens emergency access with a typed reason. */
static void
test_emergency_access (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  sign_in (fixture, DESK_USER, PASSWORD);
  tonic_test_ui_wait_for_page (fixture->window, "main");
  tonic_test_ui_spin (200); /* the setting is read */

  g_assert_true (gtk_widget_activate_action (workspace (fixture),
                                             "workspace.emergency-access", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);

  /* A reason too short keeps the button off. */
  entry = adw_message_dialog_get_extra_child (dialog);
  tonic_test_ui_type (entry, "urgent");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "open"));
  tonic_test_ui_type (entry, "Patient fainted in recovery, clinician away");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "open"));
  adw_message_dialog_response (dialog, "open");

  tonic_test_ui_wait_until (banner_revealed, fixture, "the emergency banner");
  g_assert_true (tonic_store_get_emergency (_tonic_window_get_store (fixture->window)));

  /* Signing out ends it. */
  tonic_window_sign_out (fixture->window);
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
  tonic_test_ui_spin (200);
  g_assert_false (tonic_store_get_emergency (_tonic_window_get_store (fixture->window)));
}

static char *
practice_path (Fixture    *fixture,
               const char *file)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->data_dir, 0, NULL);
  const char *name = g_dir_read_name (dir);

  return g_build_filename (fixture->data_dir, name, file, NULL);
}

static gint64
recorded_head (Fixture *fixture)
{
  g_autofree char *path = practice_path (fixture, "practice.keys");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TonicKeySlots) slots = tonic_key_slots_load (file, NULL);
  gint64 sequence = 0;
  const char *hash = NULL;

  if (slots != NULL)
    tonic_key_slots_get_audit_head (slots, &sequence, &hash);

  return sequence;
}

typedef struct
{
  Fixture *fixture;
  gint64   above;
} HeadWait;

static gboolean
head_recorded_above (gpointer data)
{
  HeadWait *wait = data;

  return recorded_head (wait->fixture) > wait->above;
}

static void
reopen_window (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  tonic_test_ui_spin (100);
  fixture->window = g_object_ref (tonic_window_new (fixture->app));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* The window writes the audit trail's head into the key-slot file as it
 * grows; an older copy of the database put back in place is refused. */
static void
test_rolled_back_database_refused (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *db = practice_path (fixture, "practice.db");
  g_autofree char *old = g_strconcat (db, ".old", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  HeadWait wait = { fixture, 0 };
  const char *text;

  /* A copy of the database as it is now, closed. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  tonic_test_ui_spin (100);
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (old, contents, length, NULL));

  /* More work, recorded beside the database. */
  fixture->window = g_object_ref (tonic_window_new (fixture->app));
  gtk_window_present (GTK_WINDOW (fixture->window));
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
  sign_in (fixture, ADMIN_USER, PASSWORD);
  tonic_test_ui_wait_for_page (fixture->window, "main");
  tonic_window_sign_out (fixture->window);
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
  tonic_test_ui_wait_until (head_recorded_above, &wait, "the audit head in the key-slot file");
  reopen_window (fixture);
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");

  /* The old copy put back. */
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  tonic_test_ui_spin (100);
  g_assert_cmpint (g_rename (old, db), ==, 0);

  fixture->window = g_object_ref (tonic_window_new (fixture->app));
  gtk_window_present (GTK_WINDOW (fixture->window));
  tonic_test_ui_wait_for_page (fixture->window, "error");
  text = _tonic_window_get_error_text (fixture->window);
  g_assert_nonnull (strstr (text, "old copy"));
  g_assert_nonnull (strstr (text, "did not open it"));
}

int
main (int   argc,
      char *argv[])
{
  tonic_test_ui_init (&argc, &argv);

  g_test_add ("/lock-ui/front-desk-sees-no-admin", Fixture, NULL,
              fixture_set_up, test_front_desk_sees_no_admin, fixture_tear_down);
  g_test_add ("/lock-ui/idle-lock-clears-everything", Fixture, NULL,
              fixture_set_up, test_idle_lock_clears_everything, fixture_tear_down);
  g_test_add ("/lock-ui/sign-in-backoff", Fixture, NULL,
              fixture_set_up, test_sign_in_backoff, fixture_tear_down);
  g_test_add ("/lock-ui/rolled-back-database-refused", Fixture, NULL,
              fixture_set_up, test_rolled_back_database_refused, fixture_tear_down);
  g_test_add ("/lock-ui/emergency-access", Fixture, NULL,
              fixture_set_up, test_emergency_access, fixture_tear_down);

  return g_test_run ();
}
