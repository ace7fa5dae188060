/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-store-private.h"
#include "tonic-text.h"

/* The practice row and its setup. */

typedef struct
{
  TonicStore    *store;      /* set by the job, which the store outlives */
  TonicPractice *practice;
  TonicStaff    *admin;
} CreatePracticeData;

static void
create_practice_data_free (gpointer data)
{
  CreatePracticeData *create = data;

  g_clear_object (&create->practice);
  g_clear_object (&create->admin);
  g_free (create);
}

/* The same checks the setup wizard makes next to its fields, again here:
 * the store is where a rule holds, whatever the caller. */
static gboolean
validate_practice (TonicPractice  *practice,
                   TonicStaff     *admin,
                   GError        **error)
{
  const char *hash;

  if (_tonic_store_refuse_invalid (error,
                                   tonic_practice_check_name (tonic_practice_get_name (practice))) ||
      _tonic_store_refuse_invalid (error,
                                   tonic_staff_check_username (tonic_staff_get_username (admin))) ||
      _tonic_store_refuse_invalid (error,
                                   tonic_staff_check_display_name (tonic_staff_get_display_name (admin))))
    return FALSE;

  if (!g_uuid_string_is_valid (tonic_practice_get_uuid (practice)) ||
      !g_uuid_string_is_valid (tonic_staff_get_uuid (admin)))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("A record’s identifier is not a UUID"));
      return FALSE;
    }

  if (tonic_staff_get_role (admin) != TONIC_ROLE_ADMIN || !tonic_staff_get_active (admin))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("The practice’s first account must be an active administrator"));
      return FALSE;
    }

  hash = tonic_staff_get_password_hash (admin);
  if (hash == NULL || *hash == '\0')
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                           _("The administrator needs a password"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_practice (sqlite3   *db,
                 gpointer   user_data,
                 GError   **error)
{
  CreatePracticeData *create = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = tonic_text_now_utc ();
  g_autofree char *name = tonic_text_strip (tonic_practice_get_name (create->practice));
  g_autofree char *username = tonic_staff_normalize_username (tonic_staff_get_username (create->admin));
  g_autofree char *display_name = tonic_text_strip (tonic_staff_get_display_name (create->admin));
  const char *created_at = tonic_practice_get_created_at (create->practice);
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT count(*) FROM practice", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return FALSE;
    }

  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_EXISTS,
                           _("This database already holds a practice"));
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO practice (id, uuid, name, created_at)"
                               " VALUES (1, ?1, ?2, ?3)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, tonic_practice_get_uuid (create->practice), error) ||
      !_tonic_store_bind_text (db, stmt, 2, name, error) ||
      !_tonic_store_bind_text (db, stmt, 3, created_at != NULL ? created_at : now, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO staff (uuid, username, display_name, role,"
                               "                   password_hash, active, created_at, updated_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_text (db, stmt, 1, tonic_staff_get_uuid (create->admin), error) ||
      !_tonic_store_bind_text (db, stmt, 2, username, error) ||
      !_tonic_store_bind_text (db, stmt, 3, display_name, error) ||
      !_tonic_store_bind_text (db, stmt, 4, tonic_role_to_string (TONIC_ROLE_ADMIN), error) ||
      !_tonic_store_bind_text (db, stmt, 5, tonic_staff_get_password_hash (create->admin), error) ||
      !_tonic_store_bind_text (db, stmt, 6, now, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  /* The trail starts with the practice, by its first administrator. */
  return _tonic_store_append_audit (create->store, db, sqlite3_last_insert_rowid (db),
                                    "practice.create", 0, "practice",
                                    tonic_practice_get_uuid (create->practice), TONIC_AUDIT_OK,
                                    NULL, FALSE, error);
}

static void
create_practice_job (TonicStore *self,
                     sqlite3    *db,
                     GTask      *task,
                     gpointer    data)
{
  CreatePracticeData *create = data;
  g_autoptr(GError) error = NULL;

  create->store = self;

  if (!validate_practice (create->practice, create->admin, &error) ||
      !_tonic_store_transaction (db, insert_practice, create, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Practice %s created", tonic_practice_get_uuid (create->practice));
  g_task_return_boolean (task, TRUE);
}

static void
get_practice_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;
  g_autofree char *created_at = NULL;
  int rc;

  stmt = _tonic_store_prepare (db, "SELECT uuid, name, created_at FROM practice ORDER BY id",
                               &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_NOT_FOUND,
                               _("This database holds no practice yet"));
      return;
    }
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (&error, db, rc, _("Could not read the practice"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  uuid = _tonic_store_dup_text (stmt, 0);
  name = _tonic_store_dup_text (stmt, 1);
  created_at = _tonic_store_dup_text (stmt, 2);

  g_task_return_pointer (task, tonic_practice_new (uuid, name, created_at), g_object_unref);
}

void
tonic_store_create_practice_async (TonicStore          *self,
                                   TonicPractice       *practice,
                                   TonicStaff          *admin,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CreatePracticeData *create;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (TONIC_IS_PRACTICE (practice));
  g_return_if_fail (TONIC_IS_STAFF (admin));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  create = g_new0 (CreatePracticeData, 1);
  create->practice = g_object_ref (practice);
  create->admin = g_object_ref (admin);

  _tonic_store_run_async (self, create_practice_job, create, create_practice_data_free,
                          tonic_store_create_practice_async,
                          cancellable, callback, user_data);
}

gboolean
tonic_store_create_practice_finish (TonicStore    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_create_practice_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_get_practice_async (TonicStore          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, get_practice_job, NULL, NULL,
                          tonic_store_get_practice_async,
                          cancellable, callback, user_data);
}

TonicPractice *
tonic_store_get_practice_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_get_practice_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
