/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tonic-key.h"

G_BEGIN_DECLS

#define TONIC_TYPE_KEY_SLOTS (tonic_key_slots_get_type ())
G_DECLARE_FINAL_TYPE (TonicKeySlots, tonic_key_slots, TONIC, KEY_SLOTS, GObject)

/* The key-slot file practice.keys beside the database (GKeyFile):
 *   [Tonic]      format version, practice id
 *   [Check]      key-check value = keyed BLAKE2b of a constant under the DEK
 *   [Recovery]   DEK wrapped (secretbox) under a key derived from the recovery key
 *   [Staff <id>] DEK wrapped under a key derived (Argon2id) from that staff
 *                member's password, with the Argon2id parameters; the
 *                username is kept to find the slot
 *   [Audit]      newest audit sequence number and hash (set by the store)
 *   [Integrity]  BLAKE2b of every byte before it, so a truncated or damaged
 *                file is refused as CORRUPT_SLOT_FILE rather than half-read
 * Saved atomically (temporary file + rename) with the previous version kept
 * as practice.keys.bak, mode 0600. Groups a newer Tonic adds without a new
 * format version are kept as they are. Reading functions may run on any
 * thread; do not change the slots while another thread reads them
 * (tonic_key_slots_unlock_async() works on its own copy). */

#define TONIC_KEY_SLOTS_FORMAT_VERSION 1

/* A new slot file for @practice_id holding the check value of @key. */
TonicKeySlots *tonic_key_slots_new              (const char     *practice_id,
                                                 TonicKey       *key);
/* CORRUPT_SLOT_FILE when the file is not a slot file, NEWER_SLOT_FILE when
 * written by a newer Tonic, IO when it cannot be read. */
TonicKeySlots *tonic_key_slots_load             (GFile          *file,
                                                 GError        **error);
gboolean       tonic_key_slots_save             (TonicKeySlots  *self,
                                                 GFile          *file,
                                                 GError        **error);

const char    *tonic_key_slots_get_practice_id  (TonicKeySlots  *self);

/* WRONG_KEY when @key is not the practice's key. */
gboolean       tonic_key_slots_check_key        (TonicKeySlots  *self,
                                                 TonicKey       *key,
                                                 GError        **error);

/* @key must pass the check. @recovery_key is the typed or display form. */
gboolean       tonic_key_slots_set_recovery     (TonicKeySlots  *self,
                                                 TonicKey       *key,
                                                 const char     *recovery_key,
                                                 GError        **error);
gboolean       tonic_key_slots_has_recovery     (TonicKeySlots  *self);
/* MALFORMED_RECOVERY_KEY or WRONG_RECOVERY_KEY. */
TonicKey      *tonic_key_slots_unlock_recovery  (TonicKeySlots  *self,
                                                 const char     *recovery_key,
                                                 GError        **error);

/* Adds or replaces the slot of a staff member (slow: Argon2id). */
gboolean       tonic_key_slots_set_staff        (TonicKeySlots  *self,
                                                 TonicKey       *key,
                                                 const char     *staff_id,
                                                 const char     *username,
                                                 const char     *password,
                                                 GError        **error);
void           tonic_key_slots_remove_staff     (TonicKeySlots  *self,
                                                 const char     *staff_id);
gboolean       tonic_key_slots_has_staff        (TonicKeySlots  *self,
                                                 const char     *staff_id);
/* WRONG_PASSWORD for an unknown username and for a wrong password alike. */
TonicKey      *tonic_key_slots_unlock_password  (TonicKeySlots  *self,
                                                 const char     *username,
                                                 const char     *password,
                                                 GError        **error);

/* Runs unlock_password (@username set) or unlock_recovery (@username
 * NULL) on a thread, since Argon2id takes a noticeable moment. */
void           tonic_key_slots_unlock_async     (TonicKeySlots       *self,
                                                 const char          *username,
                                                 const char          *secret,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TonicKey      *tonic_key_slots_unlock_finish    (TonicKeySlots       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void           tonic_key_slots_set_audit_head   (TonicKeySlots  *self,
                                                 gint64          sequence,
                                                 const char     *hash);
gboolean       tonic_key_slots_get_audit_head   (TonicKeySlots  *self,
                                                 gint64         *sequence,
                                                 const char    **hash);

G_END_DECLS
