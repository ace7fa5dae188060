/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The recovery key: 130 random bits written as 26 Crockford base-32
 * characters plus 2 check characters, shown in 7 groups of 4
 * ("7KQ2-M9XD-…"). The check characters are the two parity symbols of a
 * Reed–Solomon code over GF(32), so every mistake in at most two of the 28
 * characters is detected: one wrong character, two swapped neighbours, any
 * two wrong characters. Parsing is forgiving the way people type: any case,
 * spaces or dashes anywhere, O read as 0, I and L read as 1. */

#define TONIC_RECOVERY_KEY_GROUPS 7

/* A new random recovery key in its display form (groups joined by '-').
 * The string is in sodium-guarded memory: free with tonic_recovery_key_free(). */
char      *tonic_recovery_key_generate  (void);

/* Returns the canonical 28-character form (no dashes, upper case), or NULL
 * with TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY when the length, a
 * character or a check character is wrong. Free with tonic_recovery_key_free(). */
char      *tonic_recovery_key_normalize (const char  *typed,
                                         GError     **error);

/* Whether two typed keys denote the same recovery key. */
gboolean   tonic_recovery_key_equal     (const char  *a,
                                         const char  *b);

void       tonic_recovery_key_free      (char        *key);

G_END_DECLS
