/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tonic-appointment.h"
#include "tonic-audit-event.h"
#include "tonic-indication.h"
#include "tonic-key.h"
#include "tonic-medication.h"
#include "tonic-patient.h"
#include "tonic-plan.h"
#include "tonic-session.h"
#include "tonic-permission.h"
#include "tonic-practice.h"
#include "tonic-staff.h"
#include "tonic-store-error.h"

G_BEGIN_DECLS

#define TONIC_TYPE_STORE (tonic_store_get_type ())
G_DECLARE_FINAL_TYPE (TonicStore, tonic_store, TONIC, STORE, GObject)

/* The schema version this build writes (PRAGMA user_version). */
#define TONIC_STORE_SCHEMA_VERSION 4

typedef enum
{
  TONIC_STORE_OPEN_NONE         = 0,
  /* Create a new database; the file must not exist. */
  TONIC_STORE_OPEN_CREATE       = 1 << 0,
  /* The key passed its check in the key-slot file, so a file the key does
   * not decrypt is damaged rather than "another key". */
  TONIC_STORE_OPEN_KEY_VERIFIED = 1 << 1,
} TonicStoreOpenFlags;

/* Opens (or creates) the encrypted database at @path with the raw @key on
 * the store's own worker thread, classifies a bad file (WRONG_KEY, CORRUPT,
 * NOT_A_DATABASE, FROM_NEWER_VERSION) without writing to it, then applies
 * the pragmas of ARCHITECTURE.md and the migrations up to
 * TONIC_STORE_SCHEMA_VERSION, each in one transaction.
 * The database file and its -wal/-shm are created 0600.
 *
 * Also: NOT_FOUND when there is no file at @path (never created without
 * TONIC_STORE_OPEN_CREATE); EXISTS with TONIC_STORE_OPEN_CREATE when there
 * is one; NETWORK_FS; G_IO_ERROR_CANCELLED when cancelled before it is done.
 * A file whose first page does not decrypt is WRONG_KEY, or CORRUPT with
 * TONIC_STORE_OPEN_KEY_VERIFIED: SQLCipher cannot tell a wrong key from a
 * damaged first page or random bytes.
 *
 * The store's "audit-appended" signal is emitted in the thread-default
 * main context of the caller (of either function). Nobody is signed in
 * after opening. */
void        tonic_store_open_async          (const char          *path,
                                             TonicKey            *key,
                                             TonicStoreOpenFlags  flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
TonicStore *tonic_store_open_finish         (GAsyncResult        *result,
                                             GError             **error);
/* The same, blocking the calling thread (tests, command-line tools). */
TonicStore *tonic_store_open                (const char          *path,
                                             TonicKey            *key,
                                             TonicStoreOpenFlags  flags,
                                             GCancellable        *cancellable,
                                             GError             **error);

const char *tonic_store_get_path            (TonicStore          *self);
int         tonic_store_get_schema_version  (TonicStore          *self);

/* Waits for queued work, checkpoints the WAL and closes the connection.
 * Later calls fail with TONIC_STORE_ERROR_CLOSED. */
void        tonic_store_close               (TonicStore          *self);

/* Practice setup: in one transaction, the practice row, its first
 * administrator (the staff row with @password_hash from
 * tonic_password_hash()) and the first audit row, "practice.create" by that
 * administrator. Fails with EXISTS when a practice row exists. Signs nobody
 * in: tonic_store_sign_in_async() does. */
void        tonic_store_create_practice_async  (TonicStore          *self,
                                                TonicPractice       *practice,
                                                TonicStaff          *admin,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    tonic_store_create_practice_finish (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* The practice row (NOT_FOUND when the database has none). */
void           tonic_store_get_practice_async  (TonicStore          *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
TonicPractice *tonic_store_get_practice_finish (TonicStore          *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS

#include "tonic-store-audit.h"
#include "tonic-store-clinical.h"
#include "tonic-store-outcomes.h"
#include "tonic-store-patients.h"
#include "tonic-store-staff.h"
