/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TONIC_KEY_SIZE 32

#define TONIC_TYPE_KEY (tonic_key_get_type ())

/**
 * TonicKey:
 *
 * The practice's 256-bit database key (DEK). The bytes live in locked,
 * guarded memory (sodium_malloc) and are wiped when the last reference
 * goes. Immutable and safe to share between threads.
 */
typedef struct _TonicKey TonicKey;

GType        tonic_key_get_type        (void) G_GNUC_CONST;
TonicKey    *tonic_key_new_random      (void);
TonicKey    *tonic_key_new_from_data   (const guint8 *data,
                                        gsize         len);
TonicKey    *tonic_key_ref             (TonicKey     *key);
void         tonic_key_unref           (TonicKey     *key);
const guint8*tonic_key_get_data        (const TonicKey *key);
gboolean     tonic_key_equal           (const TonicKey *a,
                                        const TonicKey *b);
/* Writes the SQLCipher raw-key literal x'<64 hex>' (67 bytes + NUL) into
 * @out, which must hold TONIC_KEY_SQL_LITERAL_SIZE bytes of memory the
 * caller wipes (sodium_memzero) after use. */
#define TONIC_KEY_SQL_LITERAL_SIZE 68
void         tonic_key_write_sql_literal (const TonicKey *key,
                                          char           *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicKey, tonic_key_unref)

G_END_DECLS
