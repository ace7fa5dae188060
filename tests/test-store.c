/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "store-test-helpers.h"

static void
assert_mode (const char *path,
             guint       mode)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 07777, ==, mode);
}

/* -- Lifecycle ------------------------------------------------------------ */

static void
test_create_reopen (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicPractice) practice = store_test_new_practice ();
  g_autoptr(TonicStaff) admin = store_test_new_admin ();
  g_autoptr(TonicPractice) read = NULL;
  g_autoptr(TonicStaff) staff = NULL;
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = tonic_store_open (path, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (TONIC_IS_STORE (store));
  g_assert_cmpstr (tonic_store_get_path (store), ==, path);
  g_assert_cmpint (tonic_store_get_schema_version (store), ==, TONIC_STORE_SCHEMA_VERSION);

  /* A new database holds no practice yet. */
  read = store_test_get_practice (store, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_assert_null (read);
  g_clear_error (&error);

  g_assert_true (store_test_create_practice (store, practice, admin, &error));
  g_assert_no_error (error);

  tonic_store_close (store);
  g_clear_object (&store);

  /* Reopened with the same key: everything is there. */
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_KEY_VERIFIED, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_store_get_schema_version (store), ==, TONIC_STORE_SCHEMA_VERSION);

  read = store_test_get_practice (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_practice_get_uuid (read), ==, tonic_practice_get_uuid (practice));
  g_assert_cmpstr (tonic_practice_get_name (read), ==, STORE_TEST_PRACTICE_NAME);
  g_assert_cmpstr (tonic_practice_get_created_at (read), ==, "2026-01-05T09:30:00Z");

  staff = store_test_find_staff (store, STORE_TEST_ADMIN_USER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_staff_get_id (staff), >, 0);
  g_assert_cmpstr (tonic_staff_get_uuid (staff), ==, tonic_staff_get_uuid (admin));
  g_assert_cmpstr (tonic_staff_get_username (staff), ==, "ada.admin");
  g_assert_cmpstr (tonic_staff_get_display_name (staff), ==, STORE_TEST_ADMIN_NAME);
  g_assert_cmpint (tonic_staff_get_role (staff), ==, TONIC_ROLE_ADMIN);
  g_assert_cmpstr (tonic_staff_get_password_hash (staff), ==, STORE_TEST_ADMIN_HASH);
  g_assert_true (tonic_staff_get_active (staff));

  store_test_assert_query (store, "PRAGMA user_version", G_STRINGIFY (TONIC_STORE_SCHEMA_VERSION));

  /* The trail starts with the practice, by its first administrator, in
   * the same transaction. */
  store_test_assert_query (store, "SELECT count(*) FROM audit_log", "1");
  store_test_assert_query (store,
                           "SELECT action_name || ' ' || outcome || ' ' || object_type"
                           " || ' ' || sequence || ' ' || prev_hash FROM audit_log",
                           "practice.create ok practice 1 " TONIC_AUDIT_GENESIS_HASH);
  {
    g_autofree char *staff_id = g_strdup_printf ("%" G_GINT64_FORMAT, tonic_staff_get_id (staff));

    store_test_assert_query (store, "SELECT staff_id FROM audit_log", staff_id);
    store_test_assert_query (store, "SELECT object_id FROM audit_log",
                             tonic_practice_get_uuid (practice));
  }

  tonic_store_close (store);
  g_clear_object (&store);

  store_test_remove_dir (dir);
}

static void
test_create_refuses_existing_file (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicKey) other_key = store_test_key (2);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store_test_make_practice_db (path, key);
  before = store_test_checksum (path);

  /* Never a new database over an existing practice, whatever the key. */
  store = tonic_store_open (path, other_key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS);
  g_assert_null (store);

  after = store_test_checksum (path);
  g_assert_cmpstr (before, ==, after);
  store_test_assert_dir (dir, "practice.db");

  store_test_remove_dir (dir);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *no_dir = g_build_filename (dir, "nowhere", "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Opening never creates. */
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_assert_null (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Creating in a folder that does not exist. */
  store = tonic_store_open (no_dir, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_IO);
  g_assert_null (store);

  store_test_assert_dir (dir, "");
  store_test_remove_dir (dir);
}

static void
test_file_modes (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicPractice) practice = store_test_new_practice ();
  g_autoptr(TonicStaff) admin = store_test_new_admin ();
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask;

  /* With no umask at all, anything not made 0600 on purpose would show. */
  old_umask = umask (0);

  store = tonic_store_open (path, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (store_test_create_practice (store, practice, admin, &error));
  g_assert_no_error (error);

  /* While open, in WAL mode, all three files exist, all 0600. */
  assert_mode (dir, 0700);
  assert_mode (path, 0600);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);

  tonic_store_close (store);
  g_clear_object (&store);

  /* Closed: the WAL was folded back; the practice is one file. */
  store_test_assert_dir (dir, "practice.db");
  assert_mode (path, 0600);

  /* Reopened (no create): the recreated -wal and -shm are 0600 too. */
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_no_error (error);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);
  tonic_store_close (store);
  g_clear_object (&store);

  umask (old_umask);
  store_test_remove_dir (dir);
}

static void
test_pragmas (void)
{
  static const struct
  {
    const char *pragma;
    const char *value;
  } expected[] = {
    { "PRAGMA journal_mode", "wal" },
    { "PRAGMA synchronous", "2" },   /* FULL */
    { "PRAGMA foreign_keys", "1" },
    { "PRAGMA secure_delete", "1" },
    { "PRAGMA temp_store", "2" },    /* MEMORY */
    { "PRAGMA cipher_memory_security", "1" },
    { "PRAGMA cipher_page_size", "4096" },
  };
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store_test_make_practice_db (path, key);
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = store_test_query (store, expected[i].pragma, &error);

      g_assert_no_error (error);
      g_test_message ("%s = %s", expected[i].pragma, value);
      g_assert_cmpstr (value, ==, expected[i].value);
    }

  tonic_store_close (store);
  store_test_remove_dir (dir);
}

static gboolean
contains_bytes (const char *haystack,
              gsize       haystack_len,
              const char *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; i + needle_len <= haystack_len; i++)
    {
      if (memcmp (haystack + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_encrypted_at_rest (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  store_test_make_practice_db (path, key);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len % TONIC_STORE_PAGE_SIZE, ==, 0);
  g_assert_false (contains_bytes (contents, len, "SQLite format 3"));
  g_assert_false (contains_bytes (contents, len, "Lovelace"));
  g_assert_false (contains_bytes (contents, len, "ada.admin"));
  g_assert_false (contains_bytes (contents, len, "argon2id"));
  g_assert_false (contains_bytes (contents, len, "CREATE TABLE"));

  store_test_remove_dir (dir);
}

/* -- Repositories ------------------------------------------------------------ */

static void
assert_refused (TonicStore    *store,
                TonicPractice *practice,
                TonicStaff    *admin,
                const char    *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (store_test_create_practice (store, practice, admin, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_create_practice_validation (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicPractice) good = store_test_new_practice ();
  g_autoptr(TonicStaff) admin = store_test_new_admin ();
  g_autoptr(TonicPractice) second = store_test_new_practice ();
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicPractice) read = NULL;

  store = tonic_store_open (path, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);

  {
    g_autoptr(TonicPractice) blank = tonic_practice_new (uuid, "   ", NULL);
    g_autofree char *message = tonic_practice_check_name ("   ");

    assert_refused (store, blank, admin, message);
  }
  {
    g_autoptr(TonicPractice) two_lines = tonic_practice_new (uuid, "Tonic\nClinic", NULL);
    g_autofree char *message = tonic_practice_check_name ("Tonic\nClinic");

    assert_refused (store, two_lines, admin, message);
  }
  {
    g_autoptr(TonicStaff) bad = tonic_staff_new (0, uuid, "a", "Al", TONIC_ROLE_ADMIN, "h", TRUE);
    g_autofree char *message = tonic_staff_check_username ("a");

    assert_refused (store, good, bad, message);
  }
  {
    g_autoptr(TonicStaff) bad = tonic_staff_new (0, uuid, "al b", "Al", TONIC_ROLE_ADMIN, "h",
                                                 TRUE);
    g_autofree char *message = tonic_staff_check_username ("al b");

    assert_refused (store, good, bad, message);
  }
  {
    g_autoptr(TonicStaff) bad = tonic_staff_new (0, uuid, "al", "", TONIC_ROLE_ADMIN, "h", TRUE);
    g_autofree char *message = tonic_staff_check_display_name ("");

    assert_refused (store, good, bad, message);
  }
  {
    g_autoptr(TonicStaff) nurse = tonic_staff_new (0, uuid, "al", "Al", TONIC_ROLE_NURSE, "h",
                                                   TRUE);

    assert_refused (store, good, nurse, NULL);
  }
  {
    g_autoptr(TonicStaff) inactive = tonic_staff_new (0, uuid, "al", "Al", TONIC_ROLE_ADMIN, "h",
                                                      FALSE);

    assert_refused (store, good, inactive, NULL);
  }
  {
    g_autoptr(TonicStaff) no_hash = tonic_staff_new (0, uuid, "al", "Al", TONIC_ROLE_ADMIN, "",
                                                     TRUE);

    assert_refused (store, good, no_hash, NULL);
  }
  {
    g_autoptr(TonicStaff) bad_uuid = tonic_staff_new (0, "staff-1", "al", "Al", TONIC_ROLE_ADMIN,
                                                      "h", TRUE);

    assert_refused (store, good, bad_uuid, NULL);
  }

  /* A refused save changes nothing. */
  read = store_test_get_practice (store, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  store_test_assert_query (store, "SELECT count(*) FROM staff", "0");

  g_assert_true (store_test_create_practice (store, good, admin, &error));
  g_assert_no_error (error);

  /* One practice per database. */
  g_assert_false (store_test_create_practice (store, second, admin, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  read = store_test_get_practice (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_practice_get_uuid (read), ==, tonic_practice_get_uuid (good));
  store_test_assert_query (store, "SELECT count(*) FROM staff", "1");

  tonic_store_close (store);
  store_test_remove_dir (dir);
}

static void
test_staff_usernames (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicPractice) practice = store_test_new_practice ();
  g_autoptr(TonicStaff) admin = NULL;
  g_autoptr(TonicStaff) found = NULL;
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();

  /* Any script; typed with spaces and capitals. */
  admin = tonic_staff_new (0, uuid, "  Zoë.Ångström ", "Zoë Ångström", TONIC_ROLE_ADMIN,
                           store_test_hash (STORE_TEST_PASSWORD), TRUE);

  store = tonic_store_open (path, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (store_test_create_practice (store, practice, admin, &error));
  g_assert_no_error (error);

  /* Stored normalized. */
  store_test_assert_query (store, "SELECT username FROM staff", "zoë.ångström");

  /* Signing in compares usernames case-insensitively. */
  found = store_test_sign_in (store, "ZOË.ÅNGSTRÖM", STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_staff_get_uuid (found), ==, uuid);
  /* What is handed out carries no password hash. */
  g_assert_null (tonic_staff_get_password_hash (found));
  g_clear_object (&found);

  found = store_test_sign_in (store, "zoë.ångström", STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_clear_object (&found);

  found = store_test_sign_in (store, "zoe.angstrom", STORE_TEST_PASSWORD, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_assert_null (found);
  g_clear_error (&error);

  found = store_test_sign_in (store, "", STORE_TEST_PASSWORD, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* A value that would break a concatenated query is just a username. */
  found = store_test_sign_in (store, "x' OR '1'='1", STORE_TEST_PASSWORD, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_DENIED);
  g_clear_error (&error);

  /* The schema refuses a second account with the same (normalized) name
   * and a role that is not one of the four. */
  g_free (store_test_query (store,
                            "INSERT INTO staff (uuid, username, display_name, role, password_hash,"
                            " created_at, updated_at) VALUES ('u2', 'zoë.ångström', 'Z', 'nurse',"
                            " 'h', 't', 't')",
                            &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_free (store_test_query (store,
                            "INSERT INTO staff (uuid, username, display_name, role, password_hash,"
                            " created_at, updated_at) VALUES ('u3', 'bob', 'B', 'janitor',"
                            " 'h', 't', 't')",
                            &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  tonic_store_close (store);
  store_test_remove_dir (dir);
}

/* -- Async, cancellation, closing ---------------------------------------------- */

typedef struct
{
  GMainLoop     *loop;
  GThread       *main_thread;
  char          *path;
  TonicKey      *key;
  TonicStore    *store;
  TonicPractice *practice;
  TonicStaff    *admin;
  TonicStaff    *found;
  guint          steps;
} AsyncState;

static void
on_signed_in (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_thread_self () == state->main_thread);
  state->found = tonic_store_sign_in_finish (TONIC_STORE (source_object), result, &error);
  g_assert_no_error (error);
  state->steps++;
  g_main_loop_quit (state->loop);
}

static void
on_got_practice (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(TonicPractice) practice = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_thread_self () == state->main_thread);
  practice = tonic_store_get_practice_finish (TONIC_STORE (source_object), result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_practice_get_name (practice), ==, STORE_TEST_PRACTICE_NAME);
  state->steps++;

  tonic_store_sign_in_async (state->store, "ada.ADMIN", STORE_TEST_PASSWORD, NULL, on_signed_in,
                             state);
}

static void
on_created (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_true (tonic_store_create_practice_finish (TONIC_STORE (source_object), result,
                                                     &error));
  g_assert_no_error (error);
  state->steps++;

  tonic_store_get_practice_async (state->store, NULL, on_got_practice, state);
}

static void
on_opened (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_null (source_object);
  state->store = tonic_store_open_finish (result, &error);
  g_assert_no_error (error);
  state->steps++;

  tonic_store_create_practice_async (state->store, state->practice, state->admin, NULL,
                                     on_created, state);
}

static gboolean
on_timeout_fail (gpointer user_data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

static void
test_async_main_loop (void)
{
  g_autofree char *dir = store_test_make_dir ();
  AsyncState state = { 0 };
  guint timeout_id;

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  state.path = g_build_filename (dir, "practice.db", NULL);
  state.key = store_test_key (3);
  state.practice = store_test_new_practice ();
  state.admin = store_test_new_signable_admin ();

  tonic_store_open_async (state.path, state.key, TONIC_STORE_OPEN_CREATE, NULL, on_opened, &state);
  /* Nothing ran yet: callbacks come from the main loop. */
  g_assert_cmpuint (state.steps, ==, 0);

  timeout_id = g_timeout_add_seconds (60, on_timeout_fail, NULL);
  g_main_loop_run (state.loop);
  g_source_remove (timeout_id);

  g_assert_cmpuint (state.steps, ==, 4);
  g_assert_cmpstr (tonic_staff_get_username (state.found), ==, "ada.admin");

  tonic_store_close (state.store);
  g_clear_object (&state.store);
  g_clear_object (&state.found);
  g_clear_object (&state.practice);
  g_clear_object (&state.admin);
  g_clear_pointer (&state.key, tonic_key_unref);
  g_clear_pointer (&state.loop, g_main_loop_unref);
  g_clear_pointer (&state.path, g_free);
  store_test_remove_dir (dir);
}

static void
endless_job (TonicStore *self,
             sqlite3    *db,
             GTask      *task,
             gpointer    data)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint *started = data;
  int rc;

  g_atomic_int_set (started, 1);

  stmt = _tonic_store_prepare (db,
                               "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                               " SELECT count(*) FROM n",
                               &error);
  g_assert_no_error (error);

  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc, !=, SQLITE_ROW);
  _tonic_store_set_error (&error, db, rc, NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_result (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
cancel_when_started (gpointer user_data)
{
  gpointer *pair = user_data;

  if (!g_atomic_int_get ((gint *) pair[0]))
    return G_SOURCE_CONTINUE;

  g_cancellable_cancel (pair[1]);
  return G_SOURCE_REMOVE;
}

static void
mark_job (TonicStore *self,
          sqlite3    *db,
          GTask      *task,
          gpointer    data)
{
  g_task_return_boolean (task, TRUE);
  g_atomic_int_set ((gint *) data, 1);
}

static void
test_cancel (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(TonicPractice) practice = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) endless = g_cancellable_new ();
  g_autoptr(GCancellable) queued = g_cancellable_new ();
  g_autoptr(GAsyncResult) endless_result = NULL;
  g_autoptr(GAsyncResult) queued_result = NULL;
  g_autoptr(GAsyncResult) after_result = NULL;
  g_autoptr(GError) error = NULL;
  gpointer pair[2];
  gint started = 0;

  g_cancellable_cancel (cancelled);

  /* Open, cancelled first: nothing is created. */
  store = tonic_store_open (other, key, TONIC_STORE_OPEN_CREATE, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store_test_make_practice_db (path, key);
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_no_error (error);

  /* A job cancelled before it starts does not run. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    tonic_store_get_practice_async (store, cancelled, on_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    practice = tonic_store_get_practice_finish (store, result, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (practice);
    g_clear_error (&error);
  }

  /* A running statement is interrupted; a job queued behind it whose
   * cancellable is cancelled meanwhile is skipped; the next one runs. */
  _tonic_store_run_async (store, endless_job, &started, NULL, endless_job, endless,
                          on_result, &endless_result);
  tonic_store_get_practice_async (store, queued, on_result, &queued_result);
  tonic_store_get_practice_async (store, NULL, on_result, &after_result);

  g_cancellable_cancel (queued);
  pair[0] = &started;
  pair[1] = endless;
  g_timeout_add (10, cancel_when_started, pair);

  while (endless_result == NULL || queued_result == NULL || after_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (g_task_propagate_boolean (G_TASK (endless_result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  practice = tonic_store_get_practice_finish (store, queued_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  practice = tonic_store_get_practice_finish (store, after_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tonic_practice_get_name (practice), ==, STORE_TEST_PRACTICE_NAME);

  /* Cancelled after the job is done but before its callback: the caller
   * (a widget being disposed) sees CANCELLED, never the late result. */
  {
    g_autoptr(GCancellable) late = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GAsyncResult) mark_result = NULL;
    gint marked = 0;

    g_clear_object (&practice);
    tonic_store_get_practice_async (store, late, on_result, &result);
    _tonic_store_run_async (store, mark_job, &marked, NULL, mark_job, NULL, on_result,
                            &mark_result);
    /* Without iterating: the job behind it has run, so it has too. */
    while (!g_atomic_int_get (&marked))
      g_usleep (1000);
    g_assert_null (result);
    g_cancellable_cancel (late);

    while (result == NULL || mark_result == NULL)
      g_main_context_iteration (NULL, TRUE);
    practice = tonic_store_get_practice_finish (store, result, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (practice);
    g_clear_error (&error);
  }

  tonic_store_close (store);
  store_test_remove_dir (dir);
}

static void
test_closed (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicPractice) practice = store_test_new_practice ();
  g_autoptr(TonicStaff) admin = store_test_new_admin ();
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending[8] = { NULL, };
  char *listing = NULL;
  gint64 deadline;
  TonicPractice *read;
  TonicStaff *staff;

  store_test_make_practice_db (path, key);
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_no_error (error);

  /* Work queued before close() is done, not dropped. */
  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    tonic_store_get_practice_async (store, NULL, on_result, &pending[i]);
  tonic_store_close (store);
  for (guint i = 0; i < G_N_ELEMENTS (pending); i++)
    {
      while (pending[i] == NULL)
        g_main_context_iteration (NULL, TRUE);
      read = tonic_store_get_practice_finish (store, pending[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (read);
      g_object_unref (read);
      g_object_unref (pending[i]);
    }

  /* After it, everything fails with CLOSED. */
  read = store_test_get_practice (store, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CLOSED);
  g_assert_null (read);
  g_clear_error (&error);

  staff = store_test_find_staff (store, STORE_TEST_ADMIN_USER, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CLOSED);
  g_assert_null (staff);
  g_clear_error (&error);

  g_assert_false (store_test_create_practice (store, practice, admin, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CLOSED);
  g_clear_error (&error);

  /* Closing twice is harmless; the path and version stay readable. */
  tonic_store_close (store);
  g_assert_cmpstr (tonic_store_get_path (store), ==, path);
  g_assert_cmpint (tonic_store_get_schema_version (store), ==, TONIC_STORE_SCHEMA_VERSION);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Dropping the last reference closes too (checkpointed: one file left).
   * The worker may hold the last reference for a moment after a job (its
   * task's), and then closes on its own: wait for that. */
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (store_test_create_practice (store, practice, admin, &error));
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_unref (store);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (store != NULL || !g_str_equal (listing = store_test_list_dir (dir), "practice.db"))
    {
      g_clear_pointer (&listing, g_free);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_clear_pointer (&listing, g_free);

  store_test_remove_dir (dir);
}

/* -- Migrations -------------------------------------------------------------- */

static const TonicStoreMigration migrations_v1[] = {
  { 1, "CREATE TABLE note (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, body TEXT);" },
};

static const TonicStoreMigration migrations_v3[] = {
  { 1, "CREATE TABLE note (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, body TEXT);" },
  { 2, "ALTER TABLE note ADD COLUMN written_at TEXT;"
       "UPDATE note SET written_at = '2026-01-01T00:00:00Z';" },
  { 3, "CREATE TABLE tag (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, label TEXT);"
       "INSERT INTO tag (uuid, label) VALUES ('t1', 'first');" },
};

static const TonicStoreMigration migrations_broken_v3[] = {
  { 1, "CREATE TABLE note (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, body TEXT);" },
  { 2, "ALTER TABLE note ADD COLUMN written_at TEXT;"
       "UPDATE note SET written_at = '2026-01-01T00:00:00Z';" },
  /* Its first statements work, its last one fails. */
  { 3, "CREATE TABLE tag (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, label TEXT);"
       "INSERT INTO tag (uuid, label) VALUES ('t1', 'first');"
       "UPDATE note SET body = 'changed';"
       "INSERT INTO no_such_table VALUES (1);" },
};

static void
test_migrations_from_older (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  /* A database made by an older build (schema 1). */
  _tonic_store_set_migrations_for_testing (migrations_v1, G_N_ELEMENTS (migrations_v1));
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_store_get_schema_version (store), ==, 1);
  g_free (store_test_query (store, "INSERT INTO note (uuid, body) VALUES ('n1', 'kept')", &error));
  g_assert_no_error (error);
  tonic_store_close (store);
  g_clear_object (&store);

  /* This build knows schema 3: steps 2 and 3 run, the data stays. */
  _tonic_store_set_migrations_for_testing (migrations_v3, G_N_ELEMENTS (migrations_v3));
  g_assert_cmpint (_tonic_store_schema_target_version (), ==, 3);
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_store_get_schema_version (store), ==, 3);

  value = store_test_query (store, "SELECT body || ' ' || written_at FROM note", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "kept 2026-01-01T00:00:00Z");
  g_clear_pointer (&value, g_free);
  value = store_test_query (store, "SELECT label FROM tag", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "first");
  g_clear_pointer (&value, g_free);
  value = store_test_query (store, "PRAGMA user_version", &error);
  g_assert_cmpstr (value, ==, "3");

  tonic_store_close (store);
  g_clear_object (&store);

  /* Opened again: nothing more to do. */
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_store_get_schema_version (store), ==, 3);
  tonic_store_close (store);
  g_clear_object (&store);

  /* And an older build refuses it. */
  _tonic_store_set_migrations_for_testing (migrations_v1, G_N_ELEMENTS (migrations_v1));
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FROM_NEWER_VERSION);
  g_assert_null (store);

  _tonic_store_set_migrations_for_testing (NULL, 0);
  g_assert_cmpint (_tonic_store_schema_target_version (), ==, TONIC_STORE_SCHEMA_VERSION);
  store_test_remove_dir (dir);
}

static void
test_migrations_rollback (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  _tonic_store_set_migrations_for_testing (migrations_v1, G_N_ELEMENTS (migrations_v1));
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_free (store_test_query (store, "INSERT INTO note (uuid, body) VALUES ('n1', 'kept')", &error));
  g_assert_no_error (error);
  tonic_store_close (store);
  g_clear_object (&store);

  /* Step 2 applies, step 3 fails: step 3 is undone wholly, step 2 stays. */
  _tonic_store_set_migrations_for_testing (migrations_broken_v3,
                                           G_N_ELEMENTS (migrations_broken_v3));
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "version 3"));
  g_assert_null (store);
  g_clear_error (&error);
  store_test_assert_dir (dir, "practice.db");

  _tonic_store_set_migrations_for_testing (migrations_v3, 2);
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tonic_store_get_schema_version (store), ==, 2);
  value = store_test_query (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'tag'", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);
  value = store_test_query (store, "SELECT body || ' ' || written_at FROM note", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "kept 2026-01-01T00:00:00Z");
  tonic_store_close (store);
  g_clear_object (&store);

  /* A new database whose migration fails is not left behind half made. */
  _tonic_store_set_migrations_for_testing (migrations_broken_v3,
                                           G_N_ELEMENTS (migrations_broken_v3));
  store = tonic_store_open (fresh, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FAILED);
  g_assert_null (store);
  store_test_assert_dir (dir, "practice.db");

  _tonic_store_set_migrations_for_testing (NULL, 0);
  store_test_remove_dir (dir);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *raw;

  store_test_make_practice_db (path, key);

  raw = store_test_raw_open (path, key);
  store_test_raw_exec (raw, "PRAGMA user_version = 99");
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  store_test_assert_dir (dir, "practice.db");

  before = store_test_checksum (path);
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_KEY_VERIFIED, NULL, &error);
  g_assert_error (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_FROM_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, "99"));
  g_assert_null (store);

  after = store_test_checksum (path);
  g_assert_cmpstr (before, ==, after);
  store_test_assert_dir (dir, "practice.db");

  store_test_remove_dir (dir);
}

static void
test_network_fs (void)
{
  g_autofree char *dir = store_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "practice.db", NULL);
  g_autoptr(TonicKey) key = store_test_key (1);
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (_tonic_store_is_network_fs (0x6969, "nfs4"));
  g_assert_true (_tonic_store_is_network_fs (0x517b, "smbfs"));
  g_assert_true (_tonic_store_is_network_fs (0xff534d42, "cifs"));
  g_assert_true (_tonic_store_is_network_fs (0xfe534d42, "smb3"));
  g_assert_true (_tonic_store_is_network_fs (0x01021997, "9p"));
  g_assert_true (_tonic_store_is_network_fs (0x00c36400, "ceph"));
  g_assert_true (_tonic_store_is_network_fs (0x65735546, "fuse.sshfs"));
  g_assert_true (_tonic_store_is_network_fs (0x65735546, "fuse.rclone"));
  g_assert_true (_tonic_store_is_network_fs (0x65735546, "fuse.gvfsd-fuse"));
  g_assert_true (_tonic_store_is_network_fs (0x65735546, "fuse"));
  g_assert_true (_tonic_store_is_network_fs (0x65735546, NULL));
  g_assert_false (_tonic_store_is_network_fs (0x65735546, "fuseblk"));
  g_assert_false (_tonic_store_is_network_fs (0x65735546, "fuse.gocryptfs"));
  g_assert_false (_tonic_store_is_network_fs (0xef53, "ext4"));
  g_assert_false (_tonic_store_is_network_fs (0x9123683e, "btrfs"));
  g_assert_false (_tonic_store_is_network_fs (0x58465342, "xfs"));
  g_assert_false (_tonic_store_is_network_fs (0x01021994, "tmpfs"));

  /* The test's own temporary folder is local. */
  store = tonic_store_open (path, key, TONIC_STORE_OPEN_CREATE, NULL, &error);
  g_assert_no_error (error);
  tonic_store_close (store);

  store_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/create-reopen", test_create_reopen);
  g_test_add_func ("/store/create-refuses-existing-file", test_create_refuses_existing_file);
  g_test_add_func ("/store/missing-file", test_missing_file);
  g_test_add_func ("/store/file-modes", test_file_modes);
  g_test_add_func ("/store/pragmas", test_pragmas);
  g_test_add_func ("/store/encrypted-at-rest", test_encrypted_at_rest);
  g_test_add_func ("/store/create-practice/validation", test_create_practice_validation);
  g_test_add_func ("/store/staff-usernames", test_staff_usernames);
  g_test_add_func ("/store/async-main-loop", test_async_main_loop);
  g_test_add_func ("/store/cancel", test_cancel);
  g_test_add_func ("/store/closed", test_closed);
  g_test_add_func ("/store/migrations/from-older", test_migrations_from_older);
  g_test_add_func ("/store/migrations/rollback", test_migrations_rollback);
  g_test_add_func ("/store/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/store/network-fs", test_network_fs);

  return g_test_run ();
}
