/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-recovery-key"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "tonic-recovery-key.h"
#include "tonic-vault-error.h"
#include "tonic-vault-private.h"

/* 26 data characters carry 130 random bits; 2 check characters make the
 * whole key a codeword of a Reed–Solomon code over GF(32), so that any
 * mistake in at most two of the 28 characters is caught.
 *
 * A character stands for its place 0–31 in the alphabet, read as an element
 * of GF(32) = GF(2)[x] / (x^5 + x^2 + 1); α = x generates all 31 non-zero
 * elements. With k[0] the first character, a key is the polynomial
 *
 *   C(x) = V·x^28 + k[0]·x^27 + k[1]·x^26 + … + k[26]·x + k[27]
 *
 * and is valid when C(α) = C(α^2) = 0, that is when g(x) = (x + α)(x + α^2)
 * divides C(x); k[26] and k[27] are the remainder that makes it so. V is
 * VERSION_SYMBOL, a fixed leading symbol that is never written down: it keeps
 * 28 zeros from being a valid key, and a later format could use another one.
 *
 * A mistake adds an error polynomial E(x) to C(x), and the check sees
 * E(α) and E(α^2). Two check symbols give the code minimum distance 3
 * (every position is a distinct power of α, as 28 < 31), so E is non-zero at
 * α or α^2 whenever it touches one or two places: one wrong character, two
 * swapped neighbours and any two wrong characters are always detected. */
#define DATA_CHARS     26
#define CHECK_CHARS    2
#define KEY_CHARS      (DATA_CHARS + CHECK_CHARS)
#define GROUP_CHARS    4
#define DISPLAY_CHARS  (KEY_CHARS + TONIC_RECOVERY_KEY_GROUPS - 1)

/* x^5 + x^2 + 1 as a bit mask, and the number of non-zero elements of GF(32). */
#define GF_POLYNOMIAL  0x25
#define GF_UNITS       31
#define VERSION_SYMBOL 1

G_STATIC_ASSERT (KEY_CHARS == GROUP_CHARS * TONIC_RECOVERY_KEY_GROUPS);
/* The leading symbol and the 28 written ones need distinct powers of α. */
G_STATIC_ASSERT (KEY_CHARS + 1 <= GF_UNITS);

/* Crockford's base 32: no I, L, O or U. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* gf_exp[i] = α^i, written twice so that a sum of two logarithms needs no
 * reduction modulo 31; gf_log[α^i] = i (gf_log[0] is unused). Filled by
 * gf_init(). */
static guint8 gf_exp[2 * GF_UNITS];
static guint8 gf_log[GF_UNITS + 1];

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
gf_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      guint element = 1;

      for (guint i = 0; i < GF_UNITS; i++)
        {
          /* Back at 1 before α^31 would mean the polynomial is not primitive. */
          g_assert (i == 0 || element != 1);

          gf_exp[i] = (guint8) element;
          gf_exp[i + GF_UNITS] = (guint8) element;
          gf_log[element] = (guint8) i;

          /* Times x, then reduced by x^5 = x^2 + 1. */
          element <<= 1;
          if (element & 0x20)
            element ^= GF_POLYNOMIAL;
        }
      g_assert (element == 1);

      g_once_init_leave (&initialized, 1);
    }
}

static guint
gf_mul (guint a,
        guint b)
{
  g_assert (a <= GF_UNITS && b <= GF_UNITS);

  if (a == 0 || b == 0)
    return 0;

  return gf_exp[gf_log[a] + gf_log[b]];
}

/* One step of dividing by g(x) = x^2 + (α + α^2)·x + α^3: brings @symbol
 * into the remainder *high·x + *low. */
static void
divide_step (guint  symbol,
             guint *high,
             guint *low)
{
  guint feedback = symbol ^ *high;

  *high = *low ^ gf_mul (feedback, gf_exp[1] ^ gf_exp[2]);
  *low = gf_mul (feedback, gf_exp[3]);
}

/* Sets @check[0] and @check[1] (k[26] and k[27]) to the remainder of
 * (V·x^26 + data[0]·x^25 + … + data[25])·x^2 divided by g(x). */
static void
compute_check_symbols (const guint8 *data,
                       guint8       *check)
{
  guint high = 0;
  guint low = 0;

  gf_init ();

  divide_step (VERSION_SYMBOL, &high, &low);
  for (guint i = 0; i < DATA_CHARS; i++)
    divide_step (data[i], &high, &low);

  check[0] = (guint8) high;
  check[1] = (guint8) low;
}

/* C(α^power), by Horner's rule. */
static guint
evaluate (const guint8 *symbols,
          guint         power)
{
  guint point = gf_exp[power];
  guint value = VERSION_SYMBOL;

  for (guint i = 0; i < KEY_CHARS; i++)
    value = gf_mul (value, point) ^ symbols[i];

  return value;
}

/* Whether both syndromes, C(α) and C(α^2), are zero. */
static gboolean
is_codeword (const guint8 *symbols)
{
  gf_init ();

  return evaluate (symbols, 1) == 0 && evaluate (symbols, 2) == 0;
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
  guint8 symbols[KEY_CHARS];
  char *display;
  gsize out = 0;

  _tonic_vault_init ();

  /* 256 is a multiple of 32, so the low 5 bits of each byte are uniform. */
  randombytes_buf (symbols, DATA_CHARS);
  for (guint i = 0; i < DATA_CHARS; i++)
    symbols[i] &= 31;
  compute_check_symbols (symbols, symbols + DATA_CHARS);

  display = secure_string_new (DISPLAY_CHARS);
  for (guint i = 0; i < KEY_CHARS; i++)
    {
      if (i > 0 && i % GROUP_CHARS == 0)
        display[out++] = '-';
      display[out++] = alphabet[symbols[i]];
    }
  g_assert (out == DISPLAY_CHARS);

  sodium_memzero (symbols, sizeof symbols);

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
  guint8 symbols[KEY_CHARS];
  char *result;
  guint n_chars = 0;
  gboolean bad_char = FALSE;

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
        symbols[n_chars] = (guint8) value;
      n_chars++;
    }

  if (bad_char)
    {
      sodium_memzero (symbols, sizeof symbols);
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY,
                           _("The recovery key contains a character that is not used in "
                             "recovery keys. Recovery keys use the digits 0–9 and the "
                             "letters A–Z except I, L, O and U."));
      return NULL;
    }

  if (n_chars != KEY_CHARS)
    {
      sodium_memzero (symbols, sizeof symbols);
      g_set_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY,
                   /* Translators: %u is the number of characters typed; a recovery key has 28. */
                   ngettext ("A recovery key has 28 letters and digits, but %u was typed.",
                             "A recovery key has 28 letters and digits, but %u were typed.",
                             n_chars),
                   n_chars);
      return NULL;
    }

  if (!is_codeword (symbols))
    {
      sodium_memzero (symbols, sizeof symbols);
      g_set_error_literal (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY,
                           _("The recovery key has a typing mistake. Check each group "
                             "against the recovery sheet."));
      return NULL;
    }

  result = secure_string_new (KEY_CHARS);
  for (guint i = 0; i < KEY_CHARS; i++)
    result[i] = alphabet[symbols[i]];
  sodium_memzero (symbols, sizeof symbols);

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
