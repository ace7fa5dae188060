/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-key"

#include "config.h"

#include <sodium.h>

#include "tonic-key.h"
#include "tonic-vault-private.h"

struct _TonicKey
{
  gatomicrefcount  ref_count;
  /* TONIC_KEY_SIZE bytes from sodium_malloc(), read-only once written. */
  guint8          *data;
};

G_DEFINE_BOXED_TYPE (TonicKey, tonic_key, tonic_key_ref, tonic_key_unref)

/* x ' 64 hex digits ' NUL */
G_STATIC_ASSERT (TONIC_KEY_SQL_LITERAL_SIZE == 2 + 2 * TONIC_KEY_SIZE + 1 + 1);

void
_tonic_vault_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* 0: first call, 1: already initialised elsewhere, -1: failure. */
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialized, 1);
    }
}

static TonicKey *
key_new_uninitialized (void)
{
  TonicKey *key;

  _tonic_vault_init ();

  key = g_new0 (TonicKey, 1);
  g_atomic_ref_count_init (&key->ref_count);
  key->data = sodium_malloc (TONIC_KEY_SIZE);
  if (key->data == NULL)
    g_error ("Could not allocate %d bytes of guarded memory", TONIC_KEY_SIZE);

  return key;
}

static TonicKey *
key_seal (TonicKey *key)
{
  /* Nothing writes to a key after this: a stray write faults. */
  sodium_mprotect_readonly (key->data);
  return key;
}

/**
 * tonic_key_new_random:
 *
 * Returns: (transfer full): a new key of TONIC_KEY_SIZE bytes from the
 *   operating system's CSPRNG.
 */
TonicKey *
tonic_key_new_random (void)
{
  TonicKey *key = key_new_uninitialized ();

  randombytes_buf (key->data, TONIC_KEY_SIZE);

  return key_seal (key);
}

/**
 * tonic_key_new_from_data:
 * @data: (array length=len): the key bytes, which the caller wipes
 * @len: must be TONIC_KEY_SIZE
 *
 * Returns: (transfer full): a key holding a copy of @data
 */
TonicKey *
tonic_key_new_from_data (const guint8 *data,
                         gsize         len)
{
  TonicKey *key;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (len == TONIC_KEY_SIZE, NULL);

  key = key_new_uninitialized ();
  memcpy (key->data, data, TONIC_KEY_SIZE);

  return key_seal (key);
}

TonicKey *
tonic_key_ref (TonicKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_ref_count_inc (&key->ref_count);

  return key;
}

void
tonic_key_unref (TonicKey *key)
{
  g_return_if_fail (key != NULL);

  if (g_atomic_ref_count_dec (&key->ref_count))
    {
      /* sodium_free() makes the pages writable again, wipes and unlocks them. */
      sodium_free (key->data);
      key->data = NULL;
      g_free (key);
    }
}

/**
 * tonic_key_get_data:
 *
 * Returns: (array fixed-size=32): the TONIC_KEY_SIZE key bytes, valid while
 *   the caller holds a reference; never copy them into ordinary memory.
 */
const guint8 *
tonic_key_get_data (const TonicKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->data;
}

/* Constant time: comparing keys must not leak where they differ. */
gboolean
tonic_key_equal (const TonicKey *a,
                 const TonicKey *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a == b)
    return TRUE;

  return sodium_memcmp (a->data, b->data, TONIC_KEY_SIZE) == 0;
}

void
tonic_key_write_sql_literal (const TonicKey *key,
                             char           *out)
{
  g_return_if_fail (key != NULL);
  g_return_if_fail (out != NULL);

  out[0] = 'x';
  out[1] = '\'';
  /* sodium_bin2hex() is constant time and writes lower-case hex + NUL. */
  sodium_bin2hex (out + 2, 2 * TONIC_KEY_SIZE + 1, key->data, TONIC_KEY_SIZE);
  out[2 + 2 * TONIC_KEY_SIZE] = '\'';
  out[TONIC_KEY_SQL_LITERAL_SIZE - 1] = '\0';
}
