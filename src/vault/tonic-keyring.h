/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tonic-key.h"

G_BEGIN_DECLS

/* Stores, looks up and removes the database key in the user's default
 * (login) collection through libsecret, schema
 * io.github.tonicrecords.Tonic.DatabaseKey, attribute practice-id.
 * Every call is asynchronous: the keyring may show a prompt.
 * Errors are TONIC_VAULT_ERROR: NO_SERVICE, LOCKED, DISMISSED, NOT_FOUND,
 * FAILED. Cancelling gives G_IO_ERROR_CANCELLED at once; a keyring prompt
 * already on screen stays there for the person to answer (dismissing it
 * from here trips bugs in libsecret 0.20 and gnome-keyring 42). */

void       tonic_keyring_store_async   (const char          *practice_id,
                                        const char          *practice_name,
                                        TonicKey            *key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean   tonic_keyring_store_finish  (GAsyncResult        *result,
                                        GError             **error);

void       tonic_keyring_lookup_async  (const char          *practice_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
TonicKey  *tonic_keyring_lookup_finish (GAsyncResult        *result,
                                        GError             **error);

void       tonic_keyring_clear_async   (const char          *practice_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean   tonic_keyring_clear_finish  (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
