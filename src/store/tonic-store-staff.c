/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-store-private.h"

/* Staff accounts. */

static void
find_staff_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  const char *typed = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *username = tonic_staff_normalize_username (typed);
  g_autofree char *uuid = NULL;
  g_autofree char *stored_username = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *password_hash = NULL;
  TonicRole role;
  int rc;

  /* Usernames are stored normalized, so equality is case-insensitive. */
  stmt = _tonic_store_prepare (db,
                               "SELECT id, uuid, username, display_name, role, password_hash"
                               " FROM staff WHERE username = ?1 AND active = 1",
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
                               _("No active staff member has this username"));
      return;
    }
  if (rc != SQLITE_ROW)
    {
      _tonic_store_set_error (&error, db, rc, _("Could not read the staff list"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  uuid = _tonic_store_dup_text (stmt, 1);
  stored_username = _tonic_store_dup_text (stmt, 2);
  display_name = _tonic_store_dup_text (stmt, 3);
  role_name = _tonic_store_dup_text (stmt, 4);
  password_hash = _tonic_store_dup_text (stmt, 5);

  if (!tonic_role_from_string (role_name, &role))
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                               _("The database file is damaged: a staff member has an "
                                 "unknown role"));
      return;
    }

  g_task_return_pointer (task,
                         tonic_staff_new (sqlite3_column_int64 (stmt, 0), uuid, stored_username,
                                          display_name, role, password_hash, TRUE),
                         g_object_unref);
}

void
tonic_store_find_staff_async (TonicStore          *self,
                              const char          *username,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, find_staff_job, g_strdup (username), g_free,
                          tonic_store_find_staff_async,
                          cancellable, callback, user_data);
}

TonicStaff *
tonic_store_find_staff_finish (TonicStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_find_staff_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
