/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Staff password hashing: Argon2id via libsodium crypto_pwhash_str. Hashing
 * and verifying cost on purpose (~0.1-0.5 s), so the GUI uses the _async
 * forms, which run on a thread of their own. */

char      *tonic_password_hash          (const char          *password,
                                         GError             **error);
gboolean   tonic_password_verify        (const char          *hash,
                                         const char          *password);
/* Blocking, for a worker thread: as tonic_password_verify(), but @hash may
 * be NULL (an unknown username), and then a decoy hash is verified at the
 * same cost and FALSE returned, so the time taken does not tell whether the
 * username exists. */
gboolean   tonic_password_verify_or_decoy (const char        *hash,
                                           const char        *password);

/* Verifies on a thread. @hash may be NULL (an unknown username): the call
 * then spends the same time as a real check and returns FALSE, so the
 * answer's timing does not tell whether the username exists. Returns FALSE
 * with no error for a wrong password; an error only when cancelled. */
void       tonic_password_verify_async  (const char          *hash,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   tonic_password_verify_finish (GAsyncResult        *result,
                                         GError             **error);

void       tonic_password_hash_async    (const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char      *tonic_password_hash_finish   (GAsyncResult        *result,
                                         GError             **error);

typedef enum
{
  TONIC_PASSWORD_TOO_SHORT, /* fewer than TONIC_PASSWORD_MIN_LENGTH characters: refused */
  TONIC_PASSWORD_WEAK,
  TONIC_PASSWORD_FAIR,
  TONIC_PASSWORD_GOOD,
  TONIC_PASSWORD_STRONG,
} TonicPasswordStrength;

#define TONIC_PASSWORD_MIN_LENGTH 10

/* A quick estimate for the strength hint under the password field:
 * length, character classes, repeats and sequences, and whether it contains
 * @username. @hint receives a short translated sentence (may be NULL). */
TonicPasswordStrength tonic_password_strength (const char  *password,
                                               const char  *username,
                                               char       **hint);

G_END_DECLS
