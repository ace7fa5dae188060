/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The first run and every later start, driven through real windows under
 * Xvfb against whatever keyring tonic-test-session provides
 * ($TONIC_TEST_KEYRING: gnome, none, file or locked). */
#define G_LOG_DOMAIN "test-setup-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "tonic-keyring.h"
#include "tonic-setup-assistant.h"
#include "tonic-sign-in-page.h"
#include "tonic-test-ui.h"
#include "tonic-unlock-page.h"

#define CANARY_PRACTICE "Canary Clinic Qzxv"
#define CANARY_STAFF    "Canary Person Wyjk"
#define PASSWORD        "lantern-orbit-meadow-42"

typedef struct
{
  char             *home;
  char             *data_dir;
  TonicApplication *app; /* shared by the tests: one per process */
  TonicWindow      *window;
  char             *recovery_key;
} Fixture;

static const char *
keyring_mode (void)
{
  const char *mode = g_getenv ("TONIC_TEST_KEYRING");

  return mode ? mode : "none";
}

static gboolean
keyring_works (void)
{
  return g_str_equal (keyring_mode (), "gnome") || g_str_equal (keyring_mode (), "file");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->home = g_dir_make_tmp ("tonic-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->home, "data", NULL);
  fixture->app = tonic_test_ui_app_get (fixture->data_dir);
}

static void
close_window (Fixture *fixture)
{
  if (fixture->window == NULL)
    return;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  tonic_test_ui_spin (50);
}

static void
open_window (Fixture *fixture)
{
  close_window (fixture);
  fixture->window = g_object_ref (tonic_window_new (fixture->app));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_window (fixture);
  tonic_test_ui_remove_tree (fixture->home);
  g_free (fixture->home);
  g_free (fixture->data_dir);
  g_free (fixture->recovery_key);
}

static GtkWidget *
setup_page (Fixture *fixture)
{
  return _tonic_window_get_page_widget (fixture->window, "setup");
}

#define SETUP(fixture, name) \
  tonic_test_ui_child (setup_page (fixture), TONIC_TYPE_SETUP_ASSISTANT, name)

static const char *
visible_step (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (SETUP (fixture, "steps"));
}

/* Goes through the assistant up to the confirmation step, checking the
 * validation of each step on the way. */
static void
drive_setup_to_confirm (Fixture *fixture)
{
  tonic_test_ui_wait_for_page (fixture->window, "setup");
  g_assert_cmpstr (visible_step (fixture), ==, "practice");

  /* An empty practice name is refused next to the field. */
  tonic_test_ui_click (SETUP (fixture, "next_button"));
  g_assert_cmpstr (visible_step (fixture), ==, "practice");
  g_assert_true (tonic_test_ui_label_shown (SETUP (fixture, "practice_error")));

  tonic_test_ui_type (SETUP (fixture, "practice_row"), CANARY_PRACTICE);
  tonic_test_ui_click (SETUP (fixture, "next_button"));
  g_assert_cmpstr (visible_step (fixture), ==, "admin");
  g_assert_false (gtk_widget_get_visible (SETUP (fixture, "practice_error")));

  /* The username follows the name until typed. */
  tonic_test_ui_type (SETUP (fixture, "name_row"), CANARY_STAFF);
  g_assert_cmpstr (gtk_editable_get_text (SETUP (fixture, "username_row")), ==,
                   "canary.person.wyjk");

  /* A short password and a mismatch are both refused. */
  tonic_test_ui_type (SETUP (fixture, "password_row"), "short");
  tonic_test_ui_type (SETUP (fixture, "confirm_row"), "short");
  tonic_test_ui_click (SETUP (fixture, "next_button"));
  g_assert_cmpstr (visible_step (fixture), ==, "admin");
  g_assert_true (tonic_test_ui_label_shown (SETUP (fixture, "password_error")));

  tonic_test_ui_type (SETUP (fixture, "password_row"), PASSWORD);
  tonic_test_ui_type (SETUP (fixture, "confirm_row"), PASSWORD "x");
  tonic_test_ui_click (SETUP (fixture, "next_button"));
  g_assert_cmpstr (visible_step (fixture), ==, "admin");
  g_assert_true (tonic_test_ui_label_shown (SETUP (fixture, "password_error")));
  g_assert_true (gtk_widget_has_css_class (SETUP (fixture, "confirm_row"), "error"));

  tonic_test_ui_type (SETUP (fixture, "confirm_row"), PASSWORD);
  tonic_test_ui_click (SETUP (fixture, "next_button"));
  g_assert_cmpstr (visible_step (fixture), ==, "recovery");

  g_free (fixture->recovery_key);
  fixture->recovery_key = g_strdup (gtk_label_get_label (SETUP (fixture, "recovery_label")));
  /* Seven groups of four. */
  g_assert_cmpuint (strlen (fixture->recovery_key), ==, 7 * 4 + 6);

  /* Back and forth keeps the same key. */
  tonic_test_ui_click (SETUP (fixture, "back_button"));
  g_assert_cmpstr (visible_step (fixture), ==, "admin");
  tonic_test_ui_click (SETUP (fixture, "next_button"));
  g_assert_cmpstr (gtk_label_get_label (SETUP (fixture, "recovery_label")), ==,
                   fixture->recovery_key);

  tonic_test_ui_click (SETUP (fixture, "next_button"));
  g_assert_cmpstr (visible_step (fixture), ==, "confirm");

  /* Nothing is on disk before the last step. */
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
}

static char *
typed_back (const char *key)
{
  /* Typed the way people type: lower case, spaces for dashes. */
  g_autofree char *lower = g_ascii_strdown (key, -1);

  return g_strdelimit (g_steal_pointer (&lower), "-", ' ');
}

static gboolean
step_is_done (gpointer data)
{
  return g_strcmp0 (visible_step (data), "done") == 0;
}

static void
drive_setup_to_done (Fixture *fixture)
{
  g_autofree char *typed = NULL;
  g_autofree char *wrong = NULL;

  drive_setup_to_confirm (fixture);

  /* A key that is not the one shown is refused. */
  wrong = g_strdup (fixture->recovery_key);
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  tonic_test_ui_type (SETUP (fixture, "confirm_key_row"), wrong);
  tonic_test_ui_click (SETUP (fixture, "next_button"));
  g_assert_cmpstr (visible_step (fixture), ==, "confirm");
  g_assert_true (tonic_test_ui_label_shown (SETUP (fixture, "confirm_error")));

  typed = typed_back (fixture->recovery_key);
  tonic_test_ui_type (SETUP (fixture, "confirm_key_row"), typed);
  tonic_test_ui_click (SETUP (fixture, "next_button"));
  tonic_test_ui_wait_until (step_is_done, fixture, "the practice to be created");
}

static char *
find_practice_dir (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->data_dir, 0, NULL);
  const char *name;
  char *found = NULL;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_assert_null (found); /* exactly one practice */
      found = g_build_filename (fixture->data_dir, name, NULL);
    }

  g_assert_nonnull (found);
  return found;
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
sign_in (Fixture    *fixture,
         const char *username,
         const char *password)
{
  GtkWidget *page = _tonic_window_get_page_widget (fixture->window, "sign-in");

  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "username_row"),
                      username);
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "password_row"),
                      password);
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "sign_in_button"));
}

/* Every file of the practice, as bytes, to compare after failures. */
static GHashTable *
snapshot_tree (const char *dir)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_hash_table_insert (files, g_strdup (name), g_bytes_new_take (contents, length));
    }

  return files;
}

static void
assert_tree_unchanged (const char *dir,
                       GHashTable *before)
{
  g_autoptr(GHashTable) after = snapshot_tree (dir);
  GHashTableIter iter;
  gpointer name, bytes;

  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      GBytes *now = g_hash_table_lookup (after, name);

      g_assert_nonnull (now);
      if (!g_bytes_equal (now, bytes))
        g_error ("%s changed", (const char *) name);
    }
}

static void
test_first_run_and_second_start (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *practice_dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *where = NULL;
  const char *description;
  TonicStaff *staff;

  open_window (fixture);
  drive_setup_to_done (fixture);

  /* The done page tells whether the keyring took the key. */
  description = adw_status_page_get_description (SETUP (fixture, "done_status"));
  if (keyring_works ())
    g_assert_nonnull (strstr (description, "keyring, so Tonic opens"));
  else
    g_assert_nonnull (strstr (description, "could not keep"));

  tonic_test_ui_click (SETUP (fixture, "start_button"));
  tonic_test_ui_wait_for_page (fixture->window, "main");
  staff = _tonic_window_get_staff (fixture->window);
  g_assert_nonnull (staff);
  g_assert_cmpstr (tonic_staff_get_display_name (staff), ==, CANARY_STAFF);
  g_assert_cmpint (tonic_staff_get_role (staff), ==, TONIC_ROLE_ADMIN);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, CANARY_PRACTICE);

  /* The files: 0600 in a 0700 directory, nothing readable in plain text. */
  practice_dir = find_practice_dir (fixture);
  db = g_build_filename (practice_dir, "practice.db", NULL);
  keys = g_build_filename (practice_dir, "practice.keys", NULL);
  assert_mode (fixture->data_dir, 0700);
  assert_mode (practice_dir, 0700);
  assert_mode (db, 0600);
  assert_mode (keys, 0600);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    if (g_file_test (wal, G_FILE_TEST_EXISTS))
      assert_mode (wal, 0600);
  }

  /* Lock: the workspace goes, the title forgets the practice. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "lock", NULL);
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
  g_assert_null (_tonic_window_get_page_widget (fixture->window, "main"));
  g_assert_null (_tonic_window_get_staff (fixture->window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Tonic");

  close_window (fixture);

  /* Not a byte of the canary names anywhere under HOME. */
  g_assert_false (tonic_test_ui_tree_contains (g_get_home_dir (), CANARY_PRACTICE, &where));
  g_assert_false (tonic_test_ui_tree_contains (g_get_home_dir (), CANARY_STAFF, &where));
  g_assert_false (tonic_test_ui_tree_contains (fixture->home, CANARY_PRACTICE, &where));
  g_assert_false (tonic_test_ui_tree_contains (fixture->home, CANARY_STAFF, &where));

  /* The second start. */
  open_window (fixture);
  if (keyring_works ())
    {
      GtkWidget *page;

      tonic_test_ui_wait_for_page (fixture->window, "sign-in");
      g_assert_cmpint (_tonic_window_get_unlock_method (fixture->window), ==,
                       TONIC_UNLOCK_KEYRING);

      /* A wrong password and an unknown user read the same. */
      page = _tonic_window_get_page_widget (fixture->window, "sign-in");
      sign_in (fixture, "canary.person.wyjk", "not-the-password");
      tonic_test_ui_wait_until (tonic_test_ui_label_shown,
                                tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE, "error_label"),
                                "the sign-in error");
      {
        g_autofree char *wrong_password_text =
          g_strdup (gtk_label_get_label (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE,
                                                              "error_label")));
        sign_in (fixture, "nobody.here", "not-the-password");
        tonic_test_ui_spin (100);
        tonic_test_ui_wait_until (tonic_test_ui_label_shown,
                                  tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE,
                                                       "error_label"),
                                  "the sign-in error");
        g_assert_cmpstr (gtk_label_get_label (tonic_test_ui_child (page, TONIC_TYPE_SIGN_IN_PAGE,
                                                                   "error_label")),
                         ==, wrong_password_text);
      }

      /* Usernames are not case-sensitive. */
      sign_in (fixture, "Canary.Person.WYJK", PASSWORD);
      tonic_test_ui_wait_for_page (fixture->window, "main");
      g_assert_cmpstr (tonic_staff_get_username (_tonic_window_get_staff (fixture->window)), ==,
                       "canary.person.wyjk");
    }
  else
    {
      tonic_test_ui_wait_for_page (fixture->window, "unlock");
    }
}

static gboolean
unlock_error_shown (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *page = _tonic_window_get_page_widget (fixture->window, "unlock");

  return tonic_test_ui_label_shown (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE,
                                                        "recovery_error")) ||
         tonic_test_ui_label_shown (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE,
                                                        "password_error"));
}

/* With no keyring to give the key: the unlock page says why; wrong keys and
 * passwords are refused without touching a file; the recovery key and a
 * staff password both open the practice. */
static void
test_unlock_without_keyring (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *practice_dir = NULL;
  g_autoptr(GHashTable) before = NULL;
  GtkWidget *page;
  const char *reason;

  open_window (fixture);
  drive_setup_to_done (fixture);
  tonic_test_ui_click (SETUP (fixture, "start_button"));
  tonic_test_ui_wait_for_page (fixture->window, "main");
  close_window (fixture);

  practice_dir = find_practice_dir (fixture);
  before = snapshot_tree (practice_dir);

  open_window (fixture);
  tonic_test_ui_wait_for_page (fixture->window, "unlock");
  page = _tonic_window_get_page_widget (fixture->window, "unlock");
  reason = adw_status_page_get_description (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE,
                                                                 "status"));
  if (g_str_equal (keyring_mode (), "none"))
    g_assert_nonnull (strstr (reason, "no keyring service"));
  else if (g_str_equal (keyring_mode (), "locked"))
    g_assert_nonnull (strstr (reason, "locked"));

  /* A typo in the recovery key. */
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "recovery_row"),
                      "ABCD-EFGH");
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "recovery_button"));
  tonic_test_ui_wait_until (unlock_error_shown, fixture, "the recovery key error");
  g_assert_nonnull (strstr (gtk_label_get_label (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE,
                                                                      "recovery_error")),
                            "typing mistake"));

  /* A wrong password. */
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "username_row"),
                      "canary.person.wyjk");
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "password_row"),
                      "wrong-password-here");
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "password_button"));
  tonic_test_ui_wait_until (unlock_error_shown, fixture, "the password error");
  g_assert_cmpstr (_tonic_window_get_page (fixture->window), ==, "unlock");

  close_window (fixture);
  assert_tree_unchanged (practice_dir, before);

  /* The recovery key opens it and leads to the sign-in page. */
  open_window (fixture);
  tonic_test_ui_wait_for_page (fixture->window, "unlock");
  page = _tonic_window_get_page_widget (fixture->window, "unlock");
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "recovery_row"),
                      fixture->recovery_key);
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "recovery_button"));
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
  g_assert_cmpint (_tonic_window_get_unlock_method (fixture->window), ==,
                   TONIC_UNLOCK_RECOVERY_KEY);
  close_window (fixture);

  /* A staff password opens it and signs that person in. */
  open_window (fixture);
  tonic_test_ui_wait_for_page (fixture->window, "unlock");
  page = _tonic_window_get_page_widget (fixture->window, "unlock");
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "username_row"),
                      "canary.person.wyjk");
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "password_row"),
                      PASSWORD);
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "password_button"));
  tonic_test_ui_wait_for_page (fixture->window, "main");
  g_assert_cmpint (_tonic_window_get_unlock_method (fixture->window), ==, TONIC_UNLOCK_PASSWORD);
  g_assert_cmpstr (tonic_staff_get_display_name (_tonic_window_get_staff (fixture->window)), ==,
                   CANARY_STAFF);
}

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tonic_keyring_clear_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A keyring that lost the key: the unlock page says so, and after the
 * recovery key opens the practice the key is back in the keyring, so the
 * next start needs nothing but a sign-in. */
static void
test_keyring_restored (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *practice_dir = NULL;
  g_autofree char *practice_id = NULL;
  g_autoptr(GHashTable) before = NULL;
  GtkWidget *page;
  gboolean cleared = FALSE;

  open_window (fixture);
  drive_setup_to_done (fixture);
  tonic_test_ui_click (SETUP (fixture, "start_button"));
  tonic_test_ui_wait_for_page (fixture->window, "main");
  close_window (fixture);

  practice_dir = find_practice_dir (fixture);
  practice_id = g_path_get_basename (practice_dir);
  tonic_keyring_clear_async (practice_id, NULL, on_cleared, &cleared);
  tonic_test_ui_wait_until (flag_is_set, &cleared, "the keyring to forget the key");

  /* The failed lookup leaves every file as it was. */
  before = snapshot_tree (practice_dir);
  open_window (fixture);
  tonic_test_ui_wait_for_page (fixture->window, "unlock");
  close_window (fixture);
  assert_tree_unchanged (practice_dir, before);

  open_window (fixture);
  tonic_test_ui_wait_for_page (fixture->window, "unlock");
  page = _tonic_window_get_page_widget (fixture->window, "unlock");
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "status")),
                            "holds no key"));
  tonic_test_ui_type (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "recovery_row"),
                      fixture->recovery_key);
  tonic_test_ui_click (tonic_test_ui_child (page, TONIC_TYPE_UNLOCK_PAGE, "recovery_button"));
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
  /* The key goes back while the sign-in page waits. */
  tonic_test_ui_spin (500);
  close_window (fixture);

  open_window (fixture);
  tonic_test_ui_wait_for_page (fixture->window, "sign-in");
  g_assert_cmpint (_tonic_window_get_unlock_method (fixture->window), ==, TONIC_UNLOCK_KEYRING);
}

/* Leaving the assistant at any step leaves nothing behind. */
static void
test_cancel_leaves_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  open_window (fixture);
  drive_setup_to_confirm (fixture);
  close_window (fixture);
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));

  open_window (fixture);
  tonic_test_ui_wait_for_page (fixture->window, "setup");
  tonic_test_ui_type (SETUP (fixture, "practice_row"), CANARY_PRACTICE);
  tonic_test_ui_click (SETUP (fixture, "cancel_button"));
  tonic_test_ui_spin (100);
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  tonic_test_ui_init (&argc, &argv);

  g_test_add ("/setup-ui/first-run-and-second-start", Fixture, NULL,
              fixture_set_up, test_first_run_and_second_start, fixture_tear_down);
  if (keyring_works ())
    g_test_add ("/setup-ui/keyring-restored", Fixture, NULL,
                fixture_set_up, test_keyring_restored, fixture_tear_down);
  else
    g_test_add ("/setup-ui/unlock-without-keyring", Fixture, NULL,
                fixture_set_up, test_unlock_without_keyring, fixture_tear_down);
  g_test_add ("/setup-ui/cancel-leaves-nothing", Fixture, NULL,
              fixture_set_up, test_cancel_leaves_nothing, fixture_tear_down);

  return g_test_run ();
}
