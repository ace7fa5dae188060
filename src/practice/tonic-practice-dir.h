/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tonic-key.h"
#include "tonic-key-slots.h"
#include "tonic-store.h"

G_BEGIN_DECLS

/* How the practice's key was obtained this time (SECURITY.md: "record which
 * way the practice was unlocked"). */
typedef enum
{
  TONIC_UNLOCK_KEYRING,
  TONIC_UNLOCK_RECOVERY_KEY,
  TONIC_UNLOCK_PASSWORD,
  TONIC_UNLOCK_SETUP,
} TonicUnlockMethod;

#define TONIC_TYPE_PRACTICE_DIR (tonic_practice_dir_get_type ())
G_DECLARE_FINAL_TYPE (TonicPracticeDir, tonic_practice_dir, TONIC, PRACTICE_DIR, GObject)

/* One practice on disk: <data-dir>/<practice-id>/ holding practice.db and
 * practice.keys, the directory 0700 and every file 0600. */

/* $TONIC_DATA_DIR when set, else $XDG_DATA_HOME/tonic. */
char             *tonic_practice_dir_get_default_data_dir (void);

/* Finds the practice under @data_dir (the one named @preferred_id when
 * there are several) and reads its key-slot file. Leftovers of a setup that
 * never finished are removed. Returns NULL with no error when there is no
 * practice yet. */
void              tonic_practice_dir_locate_async  (const char          *data_dir,
                                                    const char          *preferred_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
TonicPracticeDir *tonic_practice_dir_locate_finish (GAsyncResult        *result,
                                                    GError             **error);

const char       *tonic_practice_dir_get_path      (TonicPracticeDir    *self);
const char       *tonic_practice_dir_get_id        (TonicPracticeDir    *self);
char             *tonic_practice_dir_get_db_path   (TonicPracticeDir    *self);
GFile            *tonic_practice_dir_get_slots_file(TonicPracticeDir    *self);
TonicKeySlots    *tonic_practice_dir_get_slots     (TonicPracticeDir    *self);

/* Checks @key against the key-check value, then opens the store with it. */
void              tonic_practice_dir_open_async    (TonicPracticeDir    *self,
                                                    TonicKey            *key,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
TonicStore       *tonic_practice_dir_open_finish   (TonicPracticeDir    *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Changes to the key-slot file, each saved before it reports back. They
 * run one at a time on a thread (Argon2id and fsync take a moment), in the
 * order they were asked for. */

/* Adds or replaces the slot of a staff member, so their password unlocks
 * the practice where the keyring cannot. */
void              tonic_practice_dir_set_staff_slot_async     (TonicPracticeDir    *self,
                                                               TonicKey            *key,
                                                               const char          *staff_uuid,
                                                               const char          *username,
                                                               const char          *password,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
/* Removes a staff member's slot (deactivation). */
void              tonic_practice_dir_remove_staff_slot_async  (TonicPracticeDir    *self,
                                                               const char          *staff_uuid,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
/* Keeps the audit trail's newest sequence number and hash outside the
 * database, so a rolled-back or truncated database is noticed. */
void              tonic_practice_dir_record_audit_head_async  (TonicPracticeDir    *self,
                                                               gint64               sequence,
                                                               const char          *hash,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
/* The result of any of the three. */
gboolean          tonic_practice_dir_update_finish            (TonicPracticeDir    *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

/* Creates a whole practice: a new random key, the database with the
 * practice and its first administrator, the key-slot file with the
 * recovery slot and the administrator's slot. Everything is built in a
 * hidden directory that is renamed into place only when complete, so a
 * failure or cancellation leaves nothing behind. Returns the open store;
 * the practice directory is then available from @out_dir. Storing the key
 * in the keyring is the caller's next step. */
typedef struct
{
  const char *practice_name;
  const char *admin_name;
  const char *admin_username;
  const char *admin_password;
  const char *recovery_key;
} TonicPracticeDraft;

void              tonic_practice_dir_create_async  (const char               *data_dir,
                                                    const TonicPracticeDraft *draft,
                                                    TonicKey                 *key,
                                                    GCancellable             *cancellable,
                                                    GAsyncReadyCallback       callback,
                                                    gpointer                  user_data);
TonicStore       *tonic_practice_dir_create_finish (GAsyncResult             *result,
                                                    TonicPracticeDir        **out_dir,
                                                    GError                  **error);

G_END_DECLS
