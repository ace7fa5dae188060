/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "store-test-helpers.h"
#include "tonic-password.h"

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

void
store_test_on_ready (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
store_test_wait_for (GAsyncResult **result)
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

  tonic_store_open_async (path, key, flags, NULL, store_test_on_ready, &result);

  return tonic_store_open_finish (store_test_wait_for (&result), error);
}

gboolean
store_test_create_practice (TonicStore     *store,
                            TonicPractice  *practice,
                            TonicStaff     *admin,
                            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_create_practice_async (store, practice, admin, NULL, store_test_on_ready, &result);

  return tonic_store_create_practice_finish (store, store_test_wait_for (&result), error);
}

TonicPractice *
store_test_get_practice (TonicStore  *store,
                         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_get_practice_async (store, NULL, store_test_on_ready, &result);

  return tonic_store_get_practice_finish (store, store_test_wait_for (&result), error);
}

static void
find_staff_job (TonicStore *self,
                 sqlite3    *db,
                 GTask      *task,
                 gpointer    data)
{
  g_autofree char *username = tonic_staff_normalize_username (data);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *hash = NULL;
  TonicRole role = TONIC_ROLE_FRONT_DESK;
  int rc;

  stmt = _tonic_store_prepare (db,
                               "SELECT id, uuid, username, display_name, role, password_hash,"
                               "       active"
                               " FROM staff WHERE username = ?1",
                               &error);
  if (stmt == NULL || !_tonic_store_bind_text (db, stmt, 1, username, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND,
                               "No staff member has this username");
      return;
    }
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (&error, db, rc, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  uuid = _tonic_store_dup_text (stmt, 1);
  stored = _tonic_store_dup_text (stmt, 2);
  display_name = _tonic_store_dup_text (stmt, 3);
  role_name = _tonic_store_dup_text (stmt, 4);
  hash = _tonic_store_dup_text (stmt, 5);
  g_assert_true (tonic_role_from_string (role_name, &role));

  g_task_return_pointer (task,
                         tonic_staff_new (sqlite3_column_int64 (stmt, 0), uuid, stored,
                                          display_name, role, hash,
                                          sqlite3_column_int (stmt, 6) != 0),
                         g_object_unref);
}

TonicStaff *
store_test_find_staff (TonicStore  *store,
                       const char  *username,
                       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _tonic_store_run_async (store, find_staff_job, g_strdup (username), g_free,
                          store_test_find_staff, NULL, store_test_on_ready, &result);
  store_test_wait_for (&result);
  g_assert_true (_tonic_store_is_result (store, result, store_test_find_staff));

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
store_test_hash (const char *password)
{
  static GMutex lock;
  static GHashTable *hashes;
  const char *hash;

  g_mutex_lock (&lock);

  if (hashes == NULL)
    hashes = g_hash_table_new (g_str_hash, g_str_equal);

  hash = g_hash_table_lookup (hashes, password);
  if (hash == NULL)
    {
      g_autoptr(GError) error = NULL;
      char *made = tonic_password_hash (password, &error);

      g_assert_no_error (error);
      g_hash_table_insert (hashes, g_strdup (password), made);
      hash = made;
    }

  g_mutex_unlock (&lock);

  return hash;
}

TonicStaff *
store_test_new_signable_admin (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return tonic_staff_new (0, uuid, STORE_TEST_ADMIN_USER, STORE_TEST_ADMIN_NAME,
                          TONIC_ROLE_ADMIN, store_test_hash (STORE_TEST_PASSWORD), TRUE);
}

TonicStore *
store_test_open_signed_in (const char *path,
                           TonicKey   *key)
{
  g_autoptr(TonicPractice) practice = store_test_new_practice ();
  g_autoptr(TonicStaff) admin = store_test_new_signable_admin ();
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;
  TonicStore *store;

  store = store_test_open (path, key, TONIC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (store_test_create_practice (store, practice, admin, &error));
  g_assert_no_error (error);

  actor = store_test_sign_in (store, STORE_TEST_ADMIN_USER, STORE_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (actor);

  return store;
}

TonicStaff *
store_test_sign_in (TonicStore  *store,
                    const char  *username,
                    const char  *password,
                    GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_sign_in_async (store, username, password, NULL, store_test_on_ready, &result);

  return tonic_store_sign_in_finish (store, store_test_wait_for (&result), error);
}

gboolean
store_test_sign_out (TonicStore          *store,
                     TonicSignOutReason   reason,
                     GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_sign_out_async (store, reason, NULL, store_test_on_ready, &result);

  return tonic_store_sign_out_finish (store, store_test_wait_for (&result), error);
}

gboolean
store_test_check (TonicStore   *store,
                  TonicAction   action,
                  GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_check_async (store, action, NULL, store_test_on_ready, &result);

  return tonic_store_check_finish (store, store_test_wait_for (&result), error);
}

gboolean
store_test_begin_emergency (TonicStore  *store,
                            const char  *reason,
                            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_begin_emergency_async (store, reason, NULL, store_test_on_ready, &result);

  return tonic_store_begin_emergency_finish (store, store_test_wait_for (&result), error);
}

char *
store_test_get_setting (TonicStore  *store,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_get_setting_async (store, name, NULL, store_test_on_ready, &result);

  return tonic_store_get_setting_finish (store, store_test_wait_for (&result), error);
}

gboolean
store_test_set_setting (TonicStore  *store,
                        const char  *name,
                        const char  *value,
                        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_set_setting_async (store, name, value, NULL, store_test_on_ready, &result);

  return tonic_store_set_setting_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
store_test_list_staff (TonicStore  *store,
                       gboolean     include_inactive,
                       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_staff_async (store, include_inactive, NULL, store_test_on_ready, &result);

  return tonic_store_list_staff_finish (store, store_test_wait_for (&result), error);
}

TonicStaff *
store_test_add_staff (TonicStore  *store,
                      const char  *username,
                      const char  *display_name,
                      TonicRole    role,
                      const char  *password_hash,
                      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_add_staff_async (store, username, display_name, role, password_hash, NULL,
                               store_test_on_ready, &result);

  return tonic_store_add_staff_finish (store, store_test_wait_for (&result), error);
}

TonicStaff *
store_test_update_staff (TonicStore  *store,
                         gint64       staff_id,
                         const char  *display_name,
                         TonicRole    role,
                         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_update_staff_async (store, staff_id, display_name, role, NULL, store_test_on_ready,
                                  &result);

  return tonic_store_update_staff_finish (store, store_test_wait_for (&result), error);
}

TonicStaff *
store_test_set_staff_active (TonicStore  *store,
                             gint64       staff_id,
                             gboolean     active,
                             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_set_staff_active_async (store, staff_id, active, NULL, store_test_on_ready, &result);

  return tonic_store_set_staff_active_finish (store, store_test_wait_for (&result), error);
}

gboolean
store_test_set_staff_password (TonicStore  *store,
                               gint64       staff_id,
                               const char  *password_hash,
                               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_set_staff_password_async (store, staff_id, password_hash, NULL, store_test_on_ready,
                                        &result);

  return tonic_store_set_staff_password_finish (store, store_test_wait_for (&result), error);
}

gboolean
store_test_audit (TonicStore  *store,
                  const char  *action,
                  gint64       patient_id,
                  const char  *object_type,
                  const char  *object_id,
                  const char  *detail,
                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_audit_async (store, action, patient_id, object_type, object_id, detail, NULL,
                           store_test_on_ready, &result);

  return tonic_store_audit_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
store_test_list_audit (TonicStore             *store,
                       const TonicAuditQuery  *query,
                       GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_audit_async (store, query, NULL, store_test_on_ready, &result);

  return tonic_store_list_audit_finish (store, store_test_wait_for (&result), error);
}

gint64
store_test_verify_audit (TonicStore  *store,
                         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_verify_audit_async (store, NULL, store_test_on_ready, &result);

  return tonic_store_verify_audit_finish (store, store_test_wait_for (&result), error);
}

gboolean
store_test_get_audit_head (TonicStore  *store,
                           gint64      *sequence,
                           char       **hash,
                           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_get_audit_head_async (store, NULL, store_test_on_ready, &result);

  return tonic_store_get_audit_head_finish (store, store_test_wait_for (&result), sequence, hash,
                                            error);
}

gboolean
store_test_check_audit_head (TonicStore  *store,
                             gint64       sequence,
                             const char  *hash,
                             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_check_audit_head_async (store, sequence, hash, NULL, store_test_on_ready, &result);

  return tonic_store_check_audit_head_finish (store, store_test_wait_for (&result), error);
}

typedef struct
{
  const char *action;
  const char *outcome;
  gint64      staff_id;
} CountData;

static void
count_audit_job (TonicStore *self,
                 sqlite3    *db,
                 GTask      *task,
                 gpointer    data)
{
  CountData *count = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = _tonic_store_prepare (db,
                               "SELECT count(*) FROM audit_log"
                               " WHERE (?1 IS NULL OR action_name = ?1)"
                               "   AND (?2 IS NULL OR outcome = ?2)"
                               "   AND (?3 = 0 OR (?3 = -1 AND staff_id IS NULL)"
                               "        OR staff_id = ?3)",
                               &error);
  g_assert_no_error (error);
  g_assert_true (_tonic_store_bind_text (db, stmt, 1, count->action, &error));
  g_assert_true (_tonic_store_bind_text (db, stmt, 2, count->outcome, &error));
  g_assert_true (_tonic_store_bind_int64 (db, stmt, 3, count->staff_id, &error));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  g_task_return_int (task, sqlite3_column_int64 (stmt, 0));
}

guint
store_test_count_audit (TonicStore *store,
                        const char *action,
                        const char *outcome,
                        gint64      staff_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CountData count = { action, outcome, staff_id };
  gssize n;

  _tonic_store_run_async (store, count_audit_job, &count, NULL, store_test_count_audit,
                          NULL, store_test_on_ready, &result);
  store_test_wait_for (&result);
  n = g_task_propagate_int (G_TASK (result), &error);
  g_assert_no_error (error);

  return (guint) n;
}

static void
dump_audit_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  GString *dump = g_string_new (NULL);
  int n_columns;

  stmt = _tonic_store_prepare (db, "SELECT * FROM audit_log ORDER BY sequence", &error);
  g_assert_no_error (error);
  n_columns = sqlite3_column_count (stmt);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < n_columns; i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (dump, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (dump, '\n');
    }

  g_task_return_pointer (task, g_string_free (dump, FALSE), g_free);
}

char *
store_test_dump_audit (TonicStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *dump;

  _tonic_store_run_async (store, dump_audit_job, NULL, NULL, store_test_dump_audit,
                          NULL, store_test_on_ready, &result);
  store_test_wait_for (&result);
  dump = g_task_propagate_pointer (G_TASK (result), &error);
  g_assert_no_error (error);

  return dump;
}

void
store_test_flush (TonicStore *store)
{
  g_autofree char *value = NULL;

  /* The worker runs jobs in order: when this one is back, every earlier
   * job has queued its announcement. */
  value = store_test_query (store, "SELECT 1", NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
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
                          NULL, store_test_on_ready, &result);
  store_test_wait_for (&result);
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

void
store_test_raw_refused (sqlite3    *db,
                        const char *sql,
                        const char *message)
{
  char *errmsg = NULL;
  int rc;

  rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (errmsg, ==, message);
  sqlite3_free (errmsg);
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
