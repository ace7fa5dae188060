/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal API of the store layer, shared by its repositories
 * (tonic-store-*.c) and its tests. Nothing outside src/store and tests/
 * includes this header: the rest of Tonic sees no sqlite3 type. */

#ifndef SQLITE_HAS_CODEC
# define SQLITE_HAS_CODEC 1
#endif
#include <sqlcipher/sqlite3.h>

#include "tonic-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The SQLCipher page size (cipher_compatibility 4): a healthy database file
 * is a whole number of pages. */
#define TONIC_STORE_PAGE_SIZE 4096

/* -- The worker ---------------------------------------------------------- */

/**
 * TonicStoreJobFunc:
 * @self: the store
 * @db: the store's only connection; valid on the worker thread, during
 *   this call only
 * @task: the task to finish, exactly once, with g_task_return_*()
 * @data: the data given to _tonic_store_run_async() (also the task data)
 *
 * A piece of database work. Runs on the store's worker thread, one job at
 * a time, in the order the jobs were queued. It must not touch widgets or
 * anything owned by the main thread, and must not keep @db.
 *
 * While it runs, cancelling the task's cancellable interrupts the SQL
 * statement being stepped (sqlite3_progress_handler): that statement fails
 * with SQLITE_INTERRUPT, which _tonic_store_set_error() turns into
 * G_IO_ERROR_CANCELLED. Roll back what the job started (the transaction
 * helpers below do).
 */
typedef void (*TonicStoreJobFunc) (TonicStore *self,
                                   sqlite3    *db,
                                   GTask      *task,
                                   gpointer    data);

/* Queues @func on the worker. A GTask whose source object is @self is
 * created here, with @data as its task data (freed with @data_destroy when
 * the task is finalized) and @source_tag as its source tag; @callback runs
 * in the thread-default main context of the caller, as usual for GTask.
 *
 * When the store is closed, the task fails with TONIC_STORE_ERROR_CLOSED.
 * When @cancellable is cancelled before the job starts, the job is skipped;
 * while it runs, its statement is interrupted (see TonicStoreJobFunc). As
 * with any GTask, a cancelled task's _finish() returns G_IO_ERROR_CANCELLED
 * even when the job had already finished, so a widget that cancels in its
 * dispose never sees a late result; a write whose transaction committed
 * before the cancellation stays committed. */
void      _tonic_store_run_async    (TonicStore          *self,
                                     TonicStoreJobFunc    func,
                                     gpointer             data,
                                     GDestroyNotify       data_destroy,
                                     gpointer             source_tag,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);

/* TRUE when @result is a task of @self made by _tonic_store_run_async()
 * with @source_tag: for g_return_val_if_fail() in _finish functions. */
gboolean  _tonic_store_is_result    (TonicStore          *self,
                                     GAsyncResult        *result,
                                     gpointer             source_tag);

/* -- Errors ---------------------------------------------------------------- */

/* The TonicStoreError for a SQLite (extended) result code:
 * FULL → FULL; IOERR*, CANTOPEN, READONLY*, PERM, NOLFS, PROTOCOL → IO;
 * CORRUPT*, NOTADB → CORRUPT; CONSTRAINT_UNIQUE/PRIMARYKEY → EXISTS; other
 * CONSTRAINT*, TOOBIG, MISMATCH → INVALID; AUTH → DENIED; anything else
 * (ERROR, BUSY, LOCKED, NOMEM, MISUSE…) → FAILED. The store's connection
 * returns extended result codes. SQLITE_INTERRUPT has no TonicStoreError:
 * see _tonic_store_set_error(). */
TonicStoreError _tonic_store_error_from_sqlite (int rc);

/* Sets @error for the failed SQLite call that returned @rc on @db (may be
 * NULL): TONIC_STORE_ERROR with the code above, or G_IO_ERROR_CANCELLED for
 * SQLITE_INTERRUPT. The message is @what (a sentence saying what failed, may
 * be NULL) followed by SQLite's own message in parentheses. Never pass SQL
 * values in @what: messages are logged. */
void      _tonic_store_set_error    (GError             **error,
                                     sqlite3             *db,
                                     int                  rc,
                                     const char          *what);

/* For the check_*() functions of src/core, which return a new message
 * (g_free()) saying what is wrong, or NULL: takes @message and, when it is
 * not NULL, sets @error to TONIC_STORE_ERROR_INVALID with it and returns
 * %TRUE (refused). */
gboolean  _tonic_store_refuse_invalid (GError            **error,
                                       char               *message);

/* -- Statements and transactions (worker thread only) ---------------------- */

/* Runs constant SQL (one or more statements, no values from outside:
 * those are always bound with _tonic_store_prepare() and sqlite3_bind_*). */
gboolean      _tonic_store_exec     (sqlite3             *db,
                                     const char          *sql,
                                     GError             **error);
/* Prepares one statement; NULL and @error set on failure. */
sqlite3_stmt *_tonic_store_prepare  (sqlite3             *db,
                                     const char          *sql,
                                     GError             **error);
/* Binds @text (copied; NULL binds SQL NULL) to parameter @index (from 1). */
gboolean      _tonic_store_bind_text (sqlite3            *db,
                                      sqlite3_stmt       *stmt,
                                      int                 index,
                                      const char         *text,
                                      GError            **error);
/* Steps @stmt to completion, for statements that return no rows. */
gboolean      _tonic_store_step_done (sqlite3            *db,
                                      sqlite3_stmt       *stmt,
                                      GError            **error);
/* Binds @value to parameter @index. */
gboolean      _tonic_store_bind_int64 (sqlite3           *db,
                                       sqlite3_stmt      *stmt,
                                       int                index,
                                       gint64             value,
                                       GError           **error);
/* Binds @value to parameter @index. */
gboolean      _tonic_store_bind_double (sqlite3          *db,
                                        sqlite3_stmt     *stmt,
                                        int               index,
                                        double            value,
                                        GError          **error);
/* Binds a row id, or SQL NULL when @id is 0 (no row). */
gboolean      _tonic_store_bind_id  (sqlite3             *db,
                                     sqlite3_stmt        *stmt,
                                     int                  index,
                                     gint64               id,
                                     GError             **error);
/* A row id as the audit trail's object id. */
char         *_tonic_store_format_id (gint64              id);
/* Column @col of the current row as a new string ("" for NULL). */
char         *_tonic_store_dup_text (sqlite3_stmt        *stmt,
                                     int                  col);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. A failed COMMIT rolls back. */
gboolean  _tonic_store_begin        (sqlite3             *db,
                                     GError             **error);
gboolean  _tonic_store_commit       (sqlite3             *db,
                                     GError             **error);
/* Rolls back the open transaction, if any; never fails. */
void      _tonic_store_rollback     (sqlite3             *db);

typedef gboolean (*TonicStoreTransactionFunc) (sqlite3  *db,
                                               gpointer  data,
                                               GError  **error);

/* Runs @func in one BEGIN IMMEDIATE … COMMIT transaction: all of it is
 * kept, or (when @func or the COMMIT fails) none of it. */
gboolean  _tonic_store_transaction  (sqlite3                   *db,
                                     TonicStoreTransactionFunc  func,
                                     gpointer                   data,
                                     GError                   **error);

/* -- Schema (tonic-store-schema.c) ----------------------------------------- */

/**
 * TonicStoreMigration:
 * @version: the user_version the database has after this step (1, 2, …)
 * @sql: the SQL of the step: constant text, one or more statements
 *
 * Each step runs in its own transaction together with its
 * `PRAGMA user_version` bump, so a step is applied wholly or not at all.
 */
typedef struct
{
  int         version;
  const char *sql;
} TonicStoreMigration;

/* The schema version this build upgrades to: TONIC_STORE_SCHEMA_VERSION,
 * or the last version of the migrations set for testing. */
int       _tonic_store_schema_target_version (void);

/* Fails with FROM_NEWER_VERSION when @version (a database's user_version)
 * is above the target version, with CORRUPT when it is negative. */
gboolean  _tonic_store_check_version (int                 version,
                                      GError            **error);

/* Applies the migrations above the database's user_version, in order.
 * @version gets the user_version reached (also on failure). Fails with
 * FROM_NEWER_VERSION when the database is newer than the target. */
gboolean  _tonic_store_migrate      (sqlite3             *db,
                                     int                 *version,
                                     GError             **error);

/* Tests only: replaces the built-in migrations with @migrations (which must
 * stay valid until this is called again), or restores them when
 * @migrations is NULL. Affects stores opened afterwards. */
void      _tonic_store_set_migrations_for_testing (const TonicStoreMigration *migrations,
                                                   guint                      n_migrations);

/* -- The signed-in staff member (tonic-store.c) ----------------------------- */

/* Makes @actor (NULL: nobody) the store's actor and ends any emergency
 * access. Worker thread: sign-in and sign-out jobs. @actor carries no
 * password hash. */
void      _tonic_store_set_actor    (TonicStore          *self,
                                     TonicStaff          *actor);
/* Replaces the actor's object by @actor (a newer copy of the same row),
 * keeping emergency access; does nothing when @actor is someone else. */
void      _tonic_store_update_actor (TonicStore          *self,
                                     TonicStaff          *actor);
void      _tonic_store_set_emergency (TonicStore         *self,
                                      gboolean            emergency);

/* The sign-in throttling table (normalized username → the throttle entry
 * of tonic-store-staff.c, freed with g_free()), locked until
 * _tonic_store_unlock_throttle(). */
GHashTable *_tonic_store_lock_throttle   (TonicStore     *self);
void        _tonic_store_unlock_throttle (TonicStore     *self);

/* -- Permissions (tonic-store-staff.c) ---------------------------------------- */

/**
 * _tonic_store_require:
 * @self: the store
 * @db: its connection (worker thread), outside any transaction
 * @action: what the caller is about to do
 * @emergency: (out) (optional): set to %TRUE when only emergency access
 *   allows @action to the actor: the audit row of the use then carries the
 *   emergency flag
 * @error: return location for a #GError
 *
 * The check every repository call makes first: the actor's role (read
 * again from the staff table, so a change of role counts at once) against
 * tonic_permission_allows(), or tonic_permission_allows_in_emergency()
 * under emergency access. Nobody signed in (or a deactivated actor) and a
 * refused role give %TONIC_STORE_ERROR_DENIED, and write a "denied" audit
 * row in a transaction of its own, named tonic_action_to_string(@action).
 */
gboolean  _tonic_store_require       (TonicStore         *self,
                                      sqlite3            *db,
                                      TonicAction         action,
                                      gboolean           *emergency,
                                      GError            **error);
/* The same for what any signed-in staff member may do (reading settings,
 * recording an event): only needs an active actor. @audit_action names the
 * denied audit row. */
gboolean  _tonic_store_require_actor (TonicStore         *self,
                                      sqlite3            *db,
                                      const char         *audit_action,
                                      GError            **error);

/* Tests only: the first wait after three failed sign-ins (doubling from
 * there, at most 30 times as long). 0 restores the normal 2000 ms. */
void      _tonic_store_set_throttle_base_ms_for_testing (guint base_ms);
/* Tests only: the clock of the throttling, in µs (NULL restores
 * g_get_monotonic_time()), so that waits are checked without sleeping. */
typedef gint64 (*TonicStoreClockFunc) (void);
void      _tonic_store_set_clock_for_testing (TonicStoreClockFunc clock);
/* How long @username must still wait before signing in, in milliseconds. */
guint64   _tonic_store_get_sign_in_wait_ms (TonicStore   *self,
                                            const char   *username);

/* -- The audit trail (tonic-store-audit.c) ------------------------------------- */

/* The prev_hash of the first row: 64 zeros. */
#define TONIC_AUDIT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

/**
 * _tonic_store_append_audit:
 * @self: the store
 * @db: its connection, inside the transaction of the change being recorded
 * @staff_id: who, or 0 (nobody signed in)
 * @action: what ("staff.add")
 * @patient_id: the patient concerned, or 0
 * @object_type: (nullable): the kind of record concerned ("staff")
 * @object_id: (nullable): its id
 * @outcome: done, refused or failed
 * @detail: (nullable): a short note: never a password or clinical content
 * @emergency: whether only emergency access allowed it
 * @error: return location for a #GError
 *
 * Appends one row to the hash chain: sequence = the last one + 1, read in
 * this transaction, and hash = SHA-256(prev_hash ‖ canonical row). It is
 * kept or rolled back with the caller's transaction; after a job whose
 * commit appended rows, the store emits "audit-appended" in its main
 * context.
 */
gboolean  _tonic_store_append_audit  (TonicStore         *self,
                                      sqlite3            *db,
                                      gint64              staff_id,
                                      const char         *action,
                                      gint64              patient_id,
                                      const char         *object_type,
                                      const char         *object_id,
                                      TonicAuditOutcome   outcome,
                                      const char         *detail,
                                      gboolean            emergency,
                                      GError            **error);
/* The same in a transaction of its own, for events that change nothing
 * else (signing in and out, a refused call). */
gboolean  _tonic_store_record_audit  (TonicStore         *self,
                                      sqlite3            *db,
                                      gint64              staff_id,
                                      const char         *action,
                                      TonicAuditOutcome   outcome,
                                      const char         *detail,
                                      gboolean            emergency,
                                      GError            **error);

/* The newest row's sequence and hash (0 and NULL for an empty trail). */
gboolean  _tonic_store_read_audit_head (sqlite3          *db,
                                        gint64           *sequence,
                                        char            **hash,
                                        GError          **error);

/* Called by _tonic_store_append_audit(): the running job appended rows,
 * so the worker looks at the head when the job is done. Worker thread. */
void      _tonic_store_note_audit_appended (TonicStore   *self);

/* -- Files ------------------------------------------------------------------ */

/* Whether a file system (statfs() f_type, and the mount's type name such as
 * "fuse.sshfs" when known) is a network or shared file system that must not
 * hold a SQLite database: NFS, SMB/CIFS/SMB2, AFS, Coda, 9p, Ceph, cluster
 * file systems, and FUSE file systems that reach over the network (sshfs,
 * rclone, s3fs, gvfs…) or whose kind cannot be told. */
gboolean  _tonic_store_is_network_fs (guint32             f_type,
                                      const char         *fs_type_name);

G_END_DECLS
