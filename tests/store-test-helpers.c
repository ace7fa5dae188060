/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "store-test-helpers.h"

char *
store_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;

  dir = g_dir_make_tmp ("tonic-store-XXXXXX", &error);
  g_assert_no_error (error);
  /* As the data directory of a practice: 0700. */
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);

  return dir;
}

void
store_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  handle = g_dir_open (dir, 0, NULL);
  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        store_test_remove_dir (path);
      else
        g_assert_cmpint (g_unlink (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

TonicKey *
store_test_key (guint8 seed)
{
  guint8 data[TONIC_KEY_SIZE];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (seed + i);

  return tonic_key_new_from_data (data, sizeof data);
}

static void
on_ready (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

TonicStore *
store_test_open (const char          *path,
                 TonicKey            *key,
                 TonicStoreOpenFlags  flags,
                 GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_open_async (path, key, flags, NULL, on_ready, &result);

  return tonic_store_open_finish (wait_for (&result), error);
}

gboolean
store_test_create_practice (TonicStore     *store,
                            TonicPractice  *practice,
                            TonicStaff     *admin,
                            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_create_practice_async (store, practice, admin, NULL, on_ready, &result);

  return tonic_store_create_practice_finish (store, wait_for (&result), error);
}

TonicPractice *
store_test_get_practice (TonicStore  *store,
                         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_get_practice_async (store, NULL, on_ready, &result);

  return tonic_store_get_practice_finish (store, wait_for (&result), error);
}

TonicStaff *
store_test_find_staff (TonicStore  *store,
                       const char  *username,
                       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_find_staff_async (store, username, NULL, on_ready, &result);

  return tonic_store_find_staff_finish (store, wait_for (&result), error);
}

static void
query_job (TonicStore *self,
           sqlite3    *db,
           GTask      *task,
           gpointer    data)
{
  const char *sql = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, sql, &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_task_return_pointer (task, _tonic_store_dup_text (stmt, 0), g_free);
      return;
    }
  if (rc == SQLITE_DONE)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  _tonic_store_set_error (&error, db, rc, NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

char *
store_test_query (TonicStore  *store,
                  const char  *sql,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _tonic_store_run_async (store, query_job, g_strdup (sql), g_free, store_test_query,
                          NULL, on_ready, &result);
  wait_for (&result);
  g_assert_true (_tonic_store_is_result (store, result, store_test_query));

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
store_test_assert_query (TonicStore *store,
                         const char *sql,
                         const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = store_test_query (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, expected);
}

void
store_test_assert_query_error (TonicStore *store,
                               const char *sql,
                               GQuark      domain,
                               int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = store_test_query (store, sql, &error);

  g_assert_error (error, domain, code);
  g_assert_null (value);
}

TonicPractice *
store_test_new_practice (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return tonic_practice_new (uuid, STORE_TEST_PRACTICE_NAME, "2026-01-05T09:30:00Z");
}

TonicStaff *
store_test_new_admin (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return tonic_staff_new (0, uuid, STORE_TEST_ADMIN_USER, STORE_TEST_ADMIN_NAME,
                          TONIC_ROLE_ADMIN, STORE_TEST_ADMIN_HASH, TRUE);
}

void
store_test_make_practice_db (const char *path,
                             TonicKey   *key)
{
  g_autoptr(TonicPractice) practice = store_test_new_practice ();
  g_autoptr(TonicStaff) admin = store_test_new_admin ();
  g_autoptr(TonicStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = store_test_open (path, key, TONIC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (store_test_create_practice (store, practice, admin, &error));
  g_assert_no_error (error);
  tonic_store_close (store);
}

sqlite3 *
store_test_raw_open (const char *path,
                     TonicKey   *key)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);

  if (key != NULL)
    {
      char literal[TONIC_KEY_SQL_LITERAL_SIZE];

      tonic_key_write_sql_literal (key, literal);
      rc = sqlite3_key (db, literal, (int) strlen (literal));
      memset (literal, 0, sizeof literal);
      g_assert_cmpint (rc, ==, SQLITE_OK);
    }

  return db;
}

void
store_test_raw_exec (sqlite3    *db,
                     const char *sql)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

char *
store_test_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char *
store_test_list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = NULL;
  const char *name;

  handle = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (handle);

  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

void
store_test_assert_dir (const char *dir,
                       const char *expected)
{
  g_autofree char *listing = store_test_list_dir (dir);

  g_assert_cmpstr (listing, ==, expected);
}

void
store_test_copy_file (const char *from,
                      const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (to, contents, len, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}
