/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tonic-store-private.h"
#include "tonic-text.h"

/* The audit trail: a hash chain in the table audit_log.
 *
 * Each row's hash is SHA-256 over the previous row's hash (64 lowercase hex
 * characters; 64 zeros before the first row) followed by the row's
 * canonical form: its fields in the order sequence, occurred_at, staff_id,
 * action_name, patient_id, object_type, object_id, outcome, detail,
 * emergency, each written as
 *   NULL     "-"
 *   integer  "i" <decimal> ";"
 *   text     "t" <length in bytes, decimal> ":" <the bytes>
 * so that no two different rows have the same canonical form. The hash is
 * written in lowercase hex. */

#define ACTION_MAX_CHARS      64
#define OBJECT_MAX_CHARS      128
#define DETAIL_MAX_CHARS      1000
#define DEFAULT_LIST_LIMIT    200

typedef struct
{
  gint64      sequence;
  const char *at;
  gboolean    has_staff_id;
  gint64      staff_id;
  const char *action;
  gboolean    has_patient_id;
  gint64      patient_id;
  const char *object_type;
  const char *object_id;
  const char *outcome;
  const char *detail;
  gint64      emergency;
} AuditFields;

typedef struct
{
  gint64  staff_id;
  gint64  patient_id;
  char   *action;
  char   *from;
  char   *until;
  gint64  before;
  guint   limit;
} ListData;

typedef struct
{
  char   *action;
  gint64  patient_id;
  char   *object_type;
  char   *object_id;
  char   *detail;
} AuditData;

typedef struct
{
  gint64  sequence;
  char   *hash;
} Head;

/* -- Helpers --------------------------------------------------------------- */

static void
list_data_free (gpointer data)
{
  ListData *list = data;

  g_free (list->action);
  g_free (list->from);
  g_free (list->until);
  g_free (list);
}

static void
audit_data_free (gpointer data)
{
  AuditData *audit = data;

  g_free (audit->action);
  g_free (audit->object_type);
  g_free (audit->object_id);
  g_free (audit->detail);
  g_free (audit);
}

static void
head_free (gpointer data)
{
  Head *head = data;

  g_free (head->hash);
  g_free (head);
}

static void
add_text (GString    *canonical,
          const char *text)
{
  if (text == NULL)
    {
      g_string_append_c (canonical, '-');
      return;
    }

  g_string_append_printf (canonical, "t%" G_GSIZE_FORMAT ":", strlen (text));
  g_string_append (canonical, text);
}

static void
add_integer (GString  *canonical,
             gboolean  present,
             gint64    value)
{
  if (!present)
    {
      g_string_append_c (canonical, '-');
      return;
    }

  g_string_append_printf (canonical, "i%" G_GINT64_FORMAT ";", value);
}

/* The row's hash, chained to @prev_hash (see the top of this file). */
static char *
compute_hash (const char        *prev_hash,
              const AuditFields *fields)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) canonical = g_string_new (NULL);

  add_integer (canonical, TRUE, fields->sequence);
  add_text (canonical, fields->at);
  add_integer (canonical, fields->has_staff_id, fields->staff_id);
  add_text (canonical, fields->action);
  add_integer (canonical, fields->has_patient_id, fields->patient_id);
  add_text (canonical, fields->object_type);
  add_text (canonical, fields->object_id);
  add_text (canonical, fields->outcome);
  add_text (canonical, fields->detail);
  add_integer (canonical, TRUE, fields->emergency);

  g_checksum_update (checksum, (const guchar *) prev_hash, strlen (prev_hash));
  g_checksum_update (checksum, (const guchar *) canonical->str, canonical->len);

  /* GChecksum writes lowercase hex. */
  return g_strdup (g_checksum_get_string (checksum));
}

static const char *
column_text_or_null (sqlite3_stmt *stmt,
                     int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static gboolean
is_action_name (const char *action)
{
  gsize len;

  if (action == NULL)
    return FALSE;

  len = strlen (action);
  if (len == 0 || len > ACTION_MAX_CHARS)
    return FALSE;

  for (const char *p = action; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '.' && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_short_text (const char *text,
               guint       max_chars)
{
  return text == NULL ||
         (g_utf8_validate (text, -1, NULL) && g_utf8_strlen (text, -1) <= max_chars);
}

static TonicAuditEvent *
event_from_row (sqlite3_stmt  *stmt,
                GError       **error)
{
  const char *outcome_name = column_text_or_null (stmt, 8);
  TonicAuditOutcome outcome;

  if (!tonic_audit_outcome_from_string (outcome_name, &outcome))
    {
      g_set_error_literal (error, TONIC_STORE_ERROR, TONIC_STORE_ERROR_CORRUPT,
                           _("The database file is damaged: an audit entry has an "
                             "unknown outcome"));
      return NULL;
    }

  return tonic_audit_event_new (sqlite3_column_int64 (stmt, 0),
                                column_text_or_null (stmt, 1) != NULL
                                  ? column_text_or_null (stmt, 1) : "",
                                sqlite3_column_int64 (stmt, 2),
                                column_text_or_null (stmt, 3),
                                column_text_or_null (stmt, 4) != NULL
                                  ? column_text_or_null (stmt, 4) : "",
                                sqlite3_column_int64 (stmt, 5),
                                column_text_or_null (stmt, 6),
                                column_text_or_null (stmt, 7),
                                outcome,
                                column_text_or_null (stmt, 9),
                                sqlite3_column_int64 (stmt, 10) != 0);
}

/* Walks the chain; returns the first broken sequence number, or 0. */
static gboolean
walk_chain (sqlite3  *db,
            gint64   *broken,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *prev_hash = g_strdup (TONIC_AUDIT_GENESIS_HASH);
  gint64 expected = 1;
  int rc;

  *broken = 0;

  stmt = _tonic_store_prepare (db,
                               "SELECT sequence, occurred_at, staff_id, action_name, patient_id,"
                               "       object_type, object_id, outcome, detail, emergency,"
                               "       prev_hash, hash"
                               " FROM audit_log ORDER BY sequence",
                               error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuditFields fields = { 0 };
      g_autofree char *computed = NULL;
      const char *stored_prev;
      const char *stored_hash;

      fields.sequence = sqlite3_column_int64 (stmt, 0);

      /* A gap: the missing number is where the chain breaks. */
      if (fields.sequence != expected)
        {
          *broken = expected;
          return TRUE;
        }

      fields.at = column_text_or_null (stmt, 1);
      fields.has_staff_id = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      fields.staff_id = sqlite3_column_int64 (stmt, 2);
      fields.action = column_text_or_null (stmt, 3);
      fields.has_patient_id = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      fields.patient_id = sqlite3_column_int64 (stmt, 4);
      fields.object_type = column_text_or_null (stmt, 5);
      fields.object_id = column_text_or_null (stmt, 6);
      fields.outcome = column_text_or_null (stmt, 7);
      fields.detail = column_text_or_null (stmt, 8);
      fields.emergency = sqlite3_column_int64 (stmt, 9);
      stored_prev = column_text_or_null (stmt, 10);
      stored_hash = column_text_or_null (stmt, 11);

      if (stored_prev == NULL || stored_hash == NULL ||
          g_ascii_strcasecmp (stored_prev, prev_hash) != 0)
        {
          *broken = expected;
          return TRUE;
        }

      computed = compute_hash (prev_hash, &fields);
      if (g_ascii_strcasecmp (computed, stored_hash) != 0)
        {
          *broken = expected;
          return TRUE;
        }

      g_free (prev_hash);
      prev_hash = g_ascii_strdown (stored_hash, -1);
      expected++;
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the audit trail"));
      return FALSE;
    }

  return TRUE;
}

/* -- Jobs ---------------------------------------------------------------------- */

typedef struct
{
  TonicStore *store;
  AuditData  *audit;
  gboolean    emergency;
  gint64      staff_id;
} AppendTxn;

static gboolean
append_event_txn (sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  AppendTxn *txn = user_data;

  return _tonic_store_append_audit (txn->store, db, txn->staff_id, txn->audit->action,
                                    txn->audit->patient_id, txn->audit->object_type,
                                    txn->audit->object_id, TONIC_AUDIT_OK, txn->audit->detail,
                                    txn->emergency, error);
}

static void
audit_job (TonicStore *self,
           sqlite3    *db,
           GTask      *task,
           gpointer    data)
{
  AuditData *audit = data;
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;
  AppendTxn txn = { self, audit, FALSE, 0 };

  if (!_tonic_store_require_actor (self, db,
                                   is_action_name (audit->action) ? audit->action : "audit",
                                   &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!is_action_name (audit->action) ||
      !is_short_text (audit->object_type, OBJECT_MAX_CHARS) ||
      !is_short_text (audit->object_id, OBJECT_MAX_CHARS) ||
      !is_short_text (audit->detail, DETAIL_MAX_CHARS) ||
      audit->patient_id < 0)
    {
      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_INVALID,
                               _("This event cannot be recorded in the audit trail: "
                                 "its name or details are not acceptable"));
      return;
    }

  /* Whatever happens under emergency access is flagged: the store cannot
   * tell what this event needed. */
  actor = tonic_store_dup_actor (self);
  txn.staff_id = tonic_staff_get_id (actor);
  txn.emergency = tonic_store_get_emergency (self);

  if (!_tonic_store_transaction (db, append_event_txn, &txn, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
list_audit_job (TonicStore *self,
                sqlite3    *db,
                GTask      *task,
                gpointer    data)
{
  ListData *list = data;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int param = 0;
  int rc;

  if (!_tonic_store_require (self, db, TONIC_ACTION_AUDIT_VIEW, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Constant pieces only, chosen by which filters are set; every value is
   * bound below in the same order. */
  sql = g_string_new ("SELECT a.sequence, a.occurred_at, a.staff_id, s.display_name,"
                      "       a.action_name, a.patient_id, a.object_type, a.object_id,"
                      "       a.outcome, a.detail, a.emergency"
                      " FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id"
                      " WHERE 1 = 1");
  if (list->staff_id != 0)
    g_string_append (sql, " AND a.staff_id = ?");
  if (list->patient_id != 0)
    g_string_append (sql, " AND a.patient_id = ?");
  if (list->action != NULL)
    g_string_append (sql, " AND a.action_name = ?");
  if (list->from != NULL)
    g_string_append (sql, " AND a.occurred_at >= ?");
  if (list->until != NULL)
    g_string_append (sql, " AND a.occurred_at < ?");
  if (list->before != 0)
    g_string_append (sql, " AND a.sequence < ?");
  g_string_append (sql, " ORDER BY a.sequence DESC LIMIT ?");

  stmt = _tonic_store_prepare (db, sql->str, &error);
  if (stmt == NULL ||
      (list->staff_id != 0 && !_tonic_store_bind_int64 (db, stmt, ++param, list->staff_id, &error)) ||
      (list->patient_id != 0 &&
       !_tonic_store_bind_int64 (db, stmt, ++param, list->patient_id, &error)) ||
      (list->action != NULL && !_tonic_store_bind_text (db, stmt, ++param, list->action, &error)) ||
      (list->from != NULL && !_tonic_store_bind_text (db, stmt, ++param, list->from, &error)) ||
      (list->until != NULL && !_tonic_store_bind_text (db, stmt, ++param, list->until, &error)) ||
      (list->before != 0 && !_tonic_store_bind_int64 (db, stmt, ++param, list->before, &error)) ||
      !_tonic_store_bind_int64 (db, stmt, ++param,
                                list->limit != 0 ? list->limit : DEFAULT_LIST_LIMIT, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TonicAuditEvent *event = event_from_row (stmt, &error);

      if (event == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      g_ptr_array_add (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (&error, db, rc, _("Could not read the audit trail"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&events), (GDestroyNotify) g_ptr_array_unref);
}

static void
verify_audit_job (TonicStore *self,
                  sqlite3    *db,
                  GTask      *task,
                  gpointer    data)
{
  g_autoptr(TonicStaff) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  gint64 broken = 0;

  if (!_tonic_store_require (self, db, TONIC_ACTION_AUDIT_VIEW, NULL, &error) ||
      !walk_chain (db, &broken, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (broken == 0)
    detail = g_strdup ("intact");
  else
    detail = g_strdup_printf ("broken at %" G_GINT64_FORMAT, broken);

  actor = tonic_store_dup_actor (self);
  if (!_tonic_store_record_audit (self, db, tonic_staff_get_id (actor), "audit.verify",
                                  TONIC_AUDIT_OK, detail, FALSE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Boxed: a gssize may be too small for a sequence number. */
  g_task_return_pointer (task, g_memdup2 (&broken, sizeof broken), g_free);
}

static void
get_audit_head_job (TonicStore *self,
                    sqlite3    *db,
                    GTask      *task,
                    gpointer    data)
{
  g_autoptr(GError) error = NULL;
  Head *head = g_new0 (Head, 1);

  if (!_tonic_store_read_audit_head (db, &head->sequence, &head->hash, &error))
    {
      head_free (head);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, head, head_free);
}

static void
check_audit_head_job (TonicStore *self,
                      sqlite3    *db,
                      GTask      *task,
                      gpointer    data)
{
  Head *recorded = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 head = 0;
  int rc;

  if (recorded->sequence == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!_tonic_store_read_audit_head (db, &head, &head_hash, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (head < recorded->sequence)
    {
      gint64 missing = recorded->sequence - head;
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, missing);

      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_ROLLED_BACK,
                               /* Translators: %s is a number of entries */
                               ngettext ("This database is older than the practice’s last "
                                         "saved state: %s audit entry is missing. It may have "
                                         "been restored from an old copy or cut short.",
                                         "This database is older than the practice’s last "
                                         "saved state: %s audit entries are missing. It may "
                                         "have been restored from an old copy or cut short.",
                                         (gulong) MIN (missing, (gint64) G_MAXLONG)),
                               count);
      return;
    }

  stmt = _tonic_store_prepare (db, "SELECT hash FROM audit_log WHERE sequence = ?1", &error);
  if (stmt == NULL || !_tonic_store_bind_int64 (db, stmt, 1, recorded->sequence, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    hash = _tonic_store_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (&error, db, rc, _("Could not read the audit trail"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (hash == NULL || g_ascii_strcasecmp (hash, recorded->hash) != 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, recorded->sequence);

      g_task_return_new_error (task, TONIC_STORE_ERROR, TONIC_STORE_ERROR_ROLLED_BACK,
                               /* Translators: %s is the number of an entry */
                               _("Audit entry %s of this database differs from the "
                                 "practice’s last saved state: the database may have been "
                                 "replaced by another copy."),
                               number);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* -- Internal API ------------------------------------------------------------------ */

gboolean
_tonic_store_read_audit_head (sqlite3  *db,
                              gint64   *sequence,
                              char    **hash,
                              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_assert (db != NULL);
  g_assert (sequence != NULL);
  g_assert (hash != NULL);

  *sequence = 0;
  *hash = NULL;

  stmt = _tonic_store_prepare (db,
                               "SELECT sequence, hash FROM audit_log"
                               " WHERE sequence = (SELECT MAX(sequence) FROM audit_log)",
                               error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *sequence = sqlite3_column_int64 (stmt, 0);
      *hash = _tonic_store_dup_text (stmt, 1);
      return TRUE;
    }

  if (rc != SQLITE_DONE)
    {
      _tonic_store_set_error (error, db, rc, _("Could not read the audit trail"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_tonic_store_append_audit (TonicStore         *self,
                           sqlite3            *db,
                           gint64              staff_id,
                           const char         *action,
                           gint64              patient_id,
                           const char         *object_type,
                           const char         *object_id,
                           TonicAuditOutcome   outcome,
                           const char         *detail,
                           gboolean            emergency,
                           GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *at = tonic_text_now_utc ();
  g_autofree char *last_hash = NULL;
  g_autofree char *hash = NULL;
  AuditFields fields = { 0 };
  const char *prev_hash;
  gint64 last = 0;

  g_assert (TONIC_IS_STORE (self));
  g_assert (db != NULL);
  g_assert (action != NULL);
  g_assert (staff_id >= 0 && patient_id >= 0);
  /* Never on its own: in the transaction of what it records. */
  g_assert (!sqlite3_get_autocommit (db));

  if (!_tonic_store_read_audit_head (db, &last, &last_hash, error))
    return FALSE;

  prev_hash = last_hash != NULL ? last_hash : TONIC_AUDIT_GENESIS_HASH;

  fields.sequence = last + 1;
  fields.at = at;
  fields.has_staff_id = staff_id != 0;
  fields.staff_id = staff_id;
  fields.action = action;
  fields.has_patient_id = patient_id != 0;
  fields.patient_id = patient_id;
  fields.object_type = object_type;
  fields.object_id = object_id;
  fields.outcome = tonic_audit_outcome_to_string (outcome);
  fields.detail = detail;
  fields.emergency = emergency ? 1 : 0;

  hash = compute_hash (prev_hash, &fields);

  stmt = _tonic_store_prepare (db,
                               "INSERT INTO audit_log (sequence, occurred_at, staff_id,"
                               "                       action_name, patient_id, object_type,"
                               "                       object_id, outcome, detail, emergency,"
                               "                       prev_hash, hash)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                               error);
  if (stmt == NULL ||
      !_tonic_store_bind_int64 (db, stmt, 1, fields.sequence, error) ||
      !_tonic_store_bind_text (db, stmt, 2, fields.at, error) ||
      !_tonic_store_bind_id (db, stmt, 3, staff_id, error) ||
      !_tonic_store_bind_text (db, stmt, 4, action, error) ||
      !_tonic_store_bind_id (db, stmt, 5, patient_id, error) ||
      !_tonic_store_bind_text (db, stmt, 6, object_type, error) ||
      !_tonic_store_bind_text (db, stmt, 7, object_id, error) ||
      !_tonic_store_bind_text (db, stmt, 8, fields.outcome, error) ||
      !_tonic_store_bind_text (db, stmt, 9, detail, error) ||
      !_tonic_store_bind_int64 (db, stmt, 10, fields.emergency, error) ||
      !_tonic_store_bind_text (db, stmt, 11, prev_hash, error) ||
      !_tonic_store_bind_text (db, stmt, 12, hash, error) ||
      !_tonic_store_step_done (db, stmt, error))
    return FALSE;

  _tonic_store_note_audit_appended (self);

  return TRUE;
}

typedef struct
{
  TonicStore        *store;
  gint64             staff_id;
  const char        *action;
  TonicAuditOutcome  outcome;
  const char        *detail;
  gboolean           emergency;
} RecordTxn;

static gboolean
record_txn (sqlite3  *db,
            gpointer  user_data,
            GError  **error)
{
  RecordTxn *txn = user_data;

  return _tonic_store_append_audit (txn->store, db, txn->staff_id, txn->action, 0, NULL, NULL,
                                    txn->outcome, txn->detail, txn->emergency, error);
}

gboolean
_tonic_store_record_audit (TonicStore         *self,
                           sqlite3            *db,
                           gint64              staff_id,
                           const char         *action,
                           TonicAuditOutcome   outcome,
                           const char         *detail,
                           gboolean            emergency,
                           GError            **error)
{
  RecordTxn txn = { self, staff_id, action, outcome, detail, emergency };

  g_assert (sqlite3_get_autocommit (db));

  return _tonic_store_transaction (db, record_txn, &txn, error);
}

/* -- Public API -------------------------------------------------------------------- */

void
tonic_store_audit_async (TonicStore          *self,
                         const char          *action,
                         gint64               patient_id,
                         const char          *object_type,
                         const char          *object_id,
                         const char          *detail,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  AuditData *audit;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (action != NULL);
  g_return_if_fail (patient_id >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  audit = g_new0 (AuditData, 1);
  audit->action = g_strdup (action);
  audit->patient_id = patient_id;
  audit->object_type = g_strdup (object_type);
  audit->object_id = g_strdup (object_id);
  audit->detail = g_strdup (detail);

  _tonic_store_run_async (self, audit_job, audit, audit_data_free, tonic_store_audit_async,
                          cancellable, callback, user_data);
}

gboolean
tonic_store_audit_finish (TonicStore    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_audit_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
tonic_store_list_audit_async (TonicStore            *self,
                              const TonicAuditQuery *query,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  ListData *list;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (query->staff_id >= 0 && query->patient_id >= 0 && query->before >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  list = g_new0 (ListData, 1);
  list->staff_id = query->staff_id;
  list->patient_id = query->patient_id;
  list->action = g_strdup (query->action);
  list->from = g_strdup (query->from);
  list->until = g_strdup (query->until);
  list->before = query->before;
  list->limit = query->limit;

  _tonic_store_run_async (self, list_audit_job, list, list_data_free,
                          tonic_store_list_audit_async, cancellable, callback, user_data);
}

GPtrArray *
tonic_store_list_audit_finish (TonicStore    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), NULL);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_list_audit_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
tonic_store_verify_audit_async (TonicStore          *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, verify_audit_job, NULL, NULL, tonic_store_verify_audit_async,
                          cancellable, callback, user_data);
}

gint64
tonic_store_verify_audit_finish (TonicStore    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autofree gint64 *broken = NULL;

  g_return_val_if_fail (TONIC_IS_STORE (self), -1);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_verify_audit_async),
                        -1);

  broken = g_task_propagate_pointer (G_TASK (result), error);

  return broken != NULL ? *broken : -1;
}

void
tonic_store_get_audit_head_async (TonicStore          *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _tonic_store_run_async (self, get_audit_head_job, NULL, NULL, tonic_store_get_audit_head_async,
                          cancellable, callback, user_data);
}

gboolean
tonic_store_get_audit_head_finish (TonicStore    *self,
                                   GAsyncResult  *result,
                                   gint64        *sequence,
                                   char         **hash,
                                   GError       **error)
{
  Head *head;

  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_get_audit_head_async),
                        FALSE);

  if (sequence != NULL)
    *sequence = 0;
  if (hash != NULL)
    *hash = NULL;

  head = g_task_propagate_pointer (G_TASK (result), error);
  if (head == NULL)
    return FALSE;

  if (sequence != NULL)
    *sequence = head->sequence;
  if (hash != NULL)
    *hash = g_steal_pointer (&head->hash);

  head_free (head);

  return TRUE;
}

void
tonic_store_check_audit_head_async (TonicStore          *self,
                                    gint64               sequence,
                                    const char          *hash,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Head *recorded;

  g_return_if_fail (TONIC_IS_STORE (self));
  g_return_if_fail (sequence >= 0);
  g_return_if_fail (sequence == 0 || hash != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  recorded = g_new0 (Head, 1);
  recorded->sequence = sequence;
  recorded->hash = g_strdup (hash);

  _tonic_store_run_async (self, check_audit_head_job, recorded, head_free,
                          tonic_store_check_audit_head_async, cancellable, callback, user_data);
}

gboolean
tonic_store_check_audit_head_finish (TonicStore    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (TONIC_IS_STORE (self), FALSE);
  g_return_val_if_fail (_tonic_store_is_result (self, result, tonic_store_check_audit_head_async),
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
