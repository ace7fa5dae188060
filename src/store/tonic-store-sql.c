/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-store-private.h"

/* The sentence used when a caller gives none, by error code. */
static const char *
describe_error (TonicStoreError code)
{
  switch (code)
    {
    case TONIC_STORE_ERROR_FULL:
      return _("The disk is full");
    case TONIC_STORE_ERROR_IO:
      return _("Reading or writing the database failed");
    case TONIC_STORE_ERROR_CORRUPT:
      return _("The database file is damaged");
    case TONIC_STORE_ERROR_EXISTS:
      return _("A record with this value already exists");
    case TONIC_STORE_ERROR_INVALID:
      return _("A value was refused");
    case TONIC_STORE_ERROR_DENIED:
      return _("This is not allowed");
    case TONIC_STORE_ERROR_WRONG_KEY:
    case TONIC_STORE_ERROR_NOT_A_DATABASE:
    case TONIC_STORE_ERROR_FROM_NEWER_VERSION:
    case TONIC_STORE_ERROR_NETWORK_FS:
    case TONIC_STORE_ERROR_NOT_FOUND:
    case TONIC_STORE_ERROR_CLOSED:
    case TONIC_STORE_ERROR_THROTTLED:
    case TONIC_STORE_ERROR_ROLLED_BACK:
    case TONIC_STORE_ERROR_FAILED:
    default:
      return _("The database reported an error");
    }
}

TonicStoreError
_tonic_store_error_from_sqlite (int rc)
{
  /* Extended codes that decide the error on their own. */
  switch (rc)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return TONIC_STORE_ERROR_EXISTS;
    default:
      break;
    }

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return TONIC_STORE_ERROR_FULL;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOLFS:
    case SQLITE_PROTOCOL:
      return TONIC_STORE_ERROR_IO;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return TONIC_STORE_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
      return TONIC_STORE_ERROR_INVALID;
    case SQLITE_AUTH:
      return TONIC_STORE_ERROR_DENIED;
    default:
      return TONIC_STORE_ERROR_FAILED;
    }
}

void
_tonic_store_set_error (GError     **error,
                        sqlite3     *db,
                        int          rc,
                        const char  *what)
{
  TonicStoreError code;
  const char *detail;

  g_assert (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE);

  if ((rc & 0xff) == SQLITE_INTERRUPT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The operation was cancelled"));
      return;
    }

  code = _tonic_store_error_from_sqlite (rc);

  /* SQLite's message names tables and columns, never values: values are
   * always bound, so it is safe to keep for the log. */
  if (db != NULL && sqlite3_extended_errcode (db) == rc)
    detail = sqlite3_errmsg (db);
  else
    detail = sqlite3_errstr (rc);

  g_set_error (error, TONIC_STORE_ERROR, code, "%s (%s)",
               what != NULL ? what : describe_error (code), detail);
}

gboolean
_tonic_store_exec (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  int rc;

  g_assert (db != NULL);
  g_assert (sql != NULL);

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_tonic_store_prepare (sqlite3     *db,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert (db != NULL);
  g_assert (sql != NULL);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

gboolean
_tonic_store_bind_text (sqlite3       *db,
                        sqlite3_stmt  *stmt,
                        int            index,
                        const char    *text,
                        GError       **error)
{
  int rc;

  g_assert (db != NULL);
  g_assert (stmt != NULL);

  if (text != NULL)
    rc = sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    rc = sqlite3_bind_null (stmt, index);

  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_bind_int64 (sqlite3       *db,
                         sqlite3_stmt  *stmt,
                         int            index,
                         gint64         value,
                         GError       **error)
{
  int rc;

  g_assert (db != NULL);
  g_assert (stmt != NULL);

  rc = sqlite3_bind_int64 (stmt, index, value);
  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_bind_id (sqlite3       *db,
                      sqlite3_stmt  *stmt,
                      int            index,
                      gint64         id,
                      GError       **error)
{
  int rc;

  g_assert (db != NULL);
  g_assert (stmt != NULL);

  if (id != 0)
    rc = sqlite3_bind_int64 (stmt, index, id);
  else
    rc = sqlite3_bind_null (stmt, index);

  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_step_done (sqlite3       *db,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc;

  g_assert (db != NULL);
  g_assert (stmt != NULL);

  do
    rc = sqlite3_step (stmt);
  while (rc == SQLITE_ROW);

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_bind_double (sqlite3       *db,
                          sqlite3_stmt  *stmt,
                          int            index,
                          double         value,
                          GError       **error)
{
  int rc;

  g_assert (db != NULL);
  g_assert (stmt != NULL);

  rc = sqlite3_bind_double (stmt, index, value);
  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, _("Could not prepare a database query"));
      return FALSE;
    }

  return TRUE;
}

char *
_tonic_store_format_id (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

char *
_tonic_store_dup_text (sqlite3_stmt *stmt,
                       int           col)
{
  const unsigned char *text;

  g_assert (stmt != NULL);

  text = sqlite3_column_text (stmt, col);

  return g_strdup (text != NULL ? (const char *) text : "");
}

gboolean
_tonic_store_refuse_invalid (GError **error,
                             char    *message)
{
  g_autofree char *owned = message;

  if (owned == NULL)
    return FALSE;

  g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID, owned);
  return TRUE;
}

gboolean
_tonic_store_begin (sqlite3  *db,
                    GError  **error)
{
  int rc;

  g_assert (db != NULL);

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _tonic_store_set_error (error, db, rc, _("Could not start a transaction"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_commit (sqlite3  *db,
                     GError  **error)
{
  int rc;

  g_assert (db != NULL);

  rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      /* Take SQLite's message before the rollback replaces it. */
      _tonic_store_set_error (error, db, rc, _("Could not save the changes"));
      _tonic_store_rollback (db);
      return FALSE;
    }

  return TRUE;
}

void
_tonic_store_rollback (sqlite3 *db)
{
  int rc;

  g_assert (db != NULL);

  /* SQLite may already have rolled back by itself (after an I/O error, a
   * full disk or an interrupt). */
  if (sqlite3_get_autocommit (db))
    return;

  rc = sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_warning ("Could not roll back a transaction: %s", sqlite3_errmsg (db));
}

gboolean
_tonic_store_transaction (sqlite3                    *db,
                          TonicStoreTransactionFunc   func,
                          gpointer                    data,
                          GError                    **error)
{
  g_assert (db != NULL);
  g_assert (func != NULL);

  if (!_tonic_store_begin (db, error))
    return FALSE;

  if (!func (db, data, error))
    {
      _tonic_store_rollback (db);
      return FALSE;
    }

  return _tonic_store_commit (db, error);
}
