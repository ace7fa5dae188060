/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-recovery-key"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "tonic-recovery-key.h"
#include "tonic-vault-error.h"
#include "tonic-vault-private.h"

/* 26 data characters carry 130 random bits; 2 more carry a 10-bit checksum
 * (the first bits of BLAKE2b over the 26 data characters). */
#define DATA_CHARS     26
#define CHECK_CHARS    2
#define KEY_CHARS      (DATA_CHARS + CHECK_CHARS)
#define GROUP_CHARS    4
#define DISPLAY_CHARS  (KEY_CHARS + TONIC_RECOVERY_KEY_GROUPS - 1)

G_STATIC_ASSERT (KEY_CHARS == GROUP_CHARS * TONIC_RECOVERY_KEY_GROUPS);

/* Crockford's base 32: no I, L, O or U. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static char *
secure_string_new (gsize len)
{
  char *s;

  _tonic_vault_init ();

  s = sodium_malloc (len + 1);
  if (s == NULL)
    g_error ("Could not allocate %" G_GSIZE_FORMAT " bytes of guarded memory", len + 1);
  memset (s, 0, len + 1);

  return s;
}

/* The value of a character as typed, -1 when it is not a key character. */
static int
decode_char (gunichar c)
{
  const char *found;

  if (c >= 0x80)
    return -1;

  c = g_ascii_toupper ((char) c);
  switch (c)
    {
    case 'O':
      c = '0';
      break;
    case 'I':
    case 'L':
      c = '1';
      break;
    default:
      break;
    }

  if (c == '\0')
    return -1;

  found = strchr (alphabet, (int) c);
  return found != NULL ? (int) (found - alphabet) : -1;
}

/* What people put between groups: spaces, tabs, line breaks and dashes of
 * any kind (a PDF viewer may copy "‐" or "–" instead of "-"). */
static gboolean
is_separator (gunichar c)
{
  return c == '-' || g_unichar_isspace (c) ||
         g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION ||
         g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

static void
compute_checksum (const char *data,
                  char       *check)
{
  guint8 digest[crypto_generichash_BYTES_MIN];
  guint bits;

  crypto_generichash (digest, sizeof digest, (const guint8 *) data, DATA_CHARS, NULL, 0);
  bits = ((guint) digest[0] << 2) | ((guint) digest[1] >> 6);
  check[0] = alphabet[(bits >> 5) & 31];
  check[1] = alphabet[bits & 31];
  sodium_memzero (digest, sizeof digest);
}

/**
 * tonic_recovery_key_generate:
 *
 * Returns: (transfer full): a new recovery key in its display form, in
 *   guarded memory; free with tonic_recovery_key_free()
 */
char *
tonic_recovery_key_generate (void)
{
  guint8 random[DATA_CHARS];
  char canonical[KEY_CHARS];
  char *display;
  gsize out = 0;

  _tonic_vault_init ();

  /* 256 is a multiple of 32, so the low 5 bits of each byte are uniform. */
  randombytes_buf (random, sizeof random);
  for (guint i = 0; i < DATA_CHARS; i++)
    canonical[i] = alphabet[random[i] & 31];
  compute_checksum (canonical, canonical + DATA_CHARS);

  display = secure_string_new (DISPLAY_CHARS);
  for (guint i = 0; i < KEY_CHARS; i++)
    {
      if (i > 0 && i % GROUP_CHARS == 0)
        display[out++] = '-';
      display[out++] = canonical[i];
    }
  g_assert (out == DISPLAY_CHARS);

  sodium_memzero (random, sizeof random);
  sodium_memzero (canonical, sizeof canonical);

  return display;
}

/**
 * tonic_recovery_key_normalize:
 * @typed: a recovery key as a person typed it
 * @error: return location for a #TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY
 *
 * Returns: (transfer full) (nullable): the canonical 28-character form in
 *   guarded memory; free with tonic_recovery_key_free()
 */
char *
tonic_recovery_key_normalize (const char  *typed,
                              GError     **error)
{
  char canonical[KEY_CHARS];
  char check[CHECK_CHARS];
  char *result;
  guint n_chars = 0;
  gboolean bad_char = FALSE;
  gboolean matches;

  g_return_val_if_fail (typed != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _tonic_vault_init ();

  if (!g_utf8_validate (typed, -1, NULL))
    {
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY,
                           _("The recovery key contains characters that are not part "
                             "of any recovery key."));
      return NULL;
    }

  for (const char *p = typed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int value;

      if (is_separator (c))
        continue;

      value = decode_char (c);
      if (value < 0)
        {
          bad_char = TRUE;
          break;
        }

      if (n_chars < KEY_CHARS)
        canonical[n_chars] = alphabet[value];
      n_chars++;
    }

  if (bad_char)
    {
      sodium_memzero (canonical, sizeof canonical);
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY,
                           _("The recovery key contains a character that is not used in "
                             "recovery keys. Recovery keys use the digits 0–9 and the "
                             "letters A–Z except I, L, O and U."));
      return NULL;
    }

  if (n_chars != KEY_CHARS)
    {
      sodium_memzero (canonical, sizeof canonical);
      g_set_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY,
                   /* Translators: %u is the number of characters typed; a recovery key has 28. */
                   ngettext ("A recovery key has 28 letters and digits, but %u was typed.",
                             "A recovery key has 28 letters and digits, but %u were typed.",
                             n_chars),
                   n_chars);
      return NULL;
    }

  compute_checksum (canonical, check);
  matches = sodium_memcmp (check, canonical + DATA_CHARS, CHECK_CHARS) == 0;
  sodium_memzero (check, sizeof check);
  if (!matches)
    {
      sodium_memzero (canonical, sizeof canonical);
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY,
                           _("The recovery key has a typing mistake. Check each group "
                             "against the recovery sheet."));
      return NULL;
    }

  result = secure_string_new (KEY_CHARS);
  memcpy (result, canonical, KEY_CHARS);
  sodium_memzero (canonical, sizeof canonical);

  return result;
}

gboolean
tonic_recovery_key_equal (const char *a,
                          const char *b)
{
  char *na;
  char *nb;
  gboolean equal;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  na = tonic_recovery_key_normalize (a, NULL);
  nb = tonic_recovery_key_normalize (b, NULL);
  equal = na != NULL && nb != NULL && sodium_memcmp (na, nb, KEY_CHARS) == 0;
  tonic_recovery_key_free (na);
  tonic_recovery_key_free (nb);

  return equal;
}

/* Wipes and frees a string from tonic_recovery_key_generate() or
 * tonic_recovery_key_normalize(). NULL is allowed. */
void
tonic_recovery_key_free (char *key)
{
  if (key != NULL)
    sodium_free (key);
}
