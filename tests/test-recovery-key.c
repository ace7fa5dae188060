/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-recovery-key"

#include "config.h"

#include <string.h>

#include "tonic-recovery-key.h"
#include "tonic-vault-error.h"

#define ALPHABET "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#define KEY_CHARS 28

/* The canonical form of a display key, by hand: drop the dashes. */
static char *
strip_dashes (const char *display)
{
  GString *s = g_string_new (NULL);

  for (const char *p = display; *p; p++)
    if (*p != '-')
      g_string_append_c (s, *p);

  return g_string_free (s, FALSE);
}

static gboolean
is_malformed (const char *typed)
{
  g_autoptr(GError) error = NULL;
  char *canonical = tonic_recovery_key_normalize (typed, &error);

  if (canonical != NULL)
    {
      tonic_recovery_key_free (canonical);
      return FALSE;
    }

  g_assert_error (error, TONIC_VAULT_ERROR, TONIC_VAULT_ERROR_MALFORMED_RECOVERY_KEY);
  g_assert_nonnull (error->message);
  return TRUE;
}

/* GF(32) = GF(2)[x] / (x^5 + x^2 + 1), done here the slow way (shift and
 * add, no tables) as a reference independent of the library's tables. */
#define GF_POLYNOMIAL 0x25

static guint
gf_mul (guint a,
        guint b)
{
  guint product = 0;

  g_assert_cmpuint (a, <, 32);
  g_assert_cmpuint (b, <, 32);

  for (guint bit = 0; bit < 5; bit++)
    {
      if (b & (1u << bit))
        product ^= a;
      a <<= 1;
      if (a & 0x20)
        a ^= GF_POLYNOMIAL;
    }

  return product;
}

static guint
gf_pow (guint a,
        guint n)
{
  guint result = 1;

  while (n-- > 0)
    result = gf_mul (result, a);

  return result;
}

/* α^i for i = 0…30 with α = x = 2: each is x times the one before, with
 * x^5 replaced by x^2 + 1. */
static const guint8 alpha_powers[31] = {
  1, 2, 4, 8, 16, 5, 10, 20, 13, 26, 17, 7, 14, 28, 29, 31,
  27, 19, 3, 6, 12, 24, 21, 15, 30, 25, 23, 11, 22, 9, 18,
};

/* The multiplicative inverse of each element (0 has none). */
static const guint8 inverses[32] = {
  0, 1, 18, 28, 9, 23, 14, 12, 22, 4, 25, 16, 7, 15, 6, 13,
  11, 24, 2, 29, 30, 26, 8, 5, 17, 10, 21, 31, 3, 19, 20, 27,
};

static guint
symbol_value (char c)
{
  const char *found;

  g_assert_cmpint (c, !=, '\0');
  found = strchr (ALPHABET, c);
  g_assert_nonnull (found);

  return (guint) (found - ALPHABET);
}

/* C(α^power) for a canonical key, C(x) = x^28 + k[0]·x^27 + … + k[27]
 * (the leading 1 is the version symbol that is never written down). */
static guint
syndrome (const char *canonical,
          guint       power)
{
  guint point = gf_pow (2, power);
  guint value = 1;

  g_assert_cmpuint (strlen (canonical), ==, KEY_CHARS);
  for (guint i = 0; i < KEY_CHARS; i++)
    value = gf_mul (value, point) ^ symbol_value (canonical[i]);

  return value;
}

static void
test_format (void)
{
  for (guint n = 0; n < 200; n++)
    {
      char *key = tonic_recovery_key_generate ();
      g_auto(GStrv) groups = g_strsplit (key, "-", -1);
      g_autofree char *stripped = strip_dashes (key);
      g_autoptr(GError) error = NULL;
      char *canonical;

      g_assert_cmpuint (strlen (key), ==, KEY_CHARS + TONIC_RECOVERY_KEY_GROUPS - 1);
      g_assert_cmpuint (g_strv_length (groups), ==, TONIC_RECOVERY_KEY_GROUPS);
      for (guint i = 0; groups[i] != NULL; i++)
        {
          g_assert_cmpuint (strlen (groups[i]), ==, 4);
          for (const char *p = groups[i]; *p; p++)
            g_assert_nonnull (strchr (ALPHABET, *p));
        }

      canonical = tonic_recovery_key_normalize (key, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (canonical, ==, stripped);
      g_assert_true (tonic_recovery_key_equal (key, canonical));

      tonic_recovery_key_free (canonical);
      tonic_recovery_key_free (key);
    }
}

/* Generates keys until one holds each of 0, 1 (so O/I/L can be typed for
 * them); returns its display form. */
static char *
generate_key_with_0_and_1 (void)
{
  for (;;)
    {
      char *key = tonic_recovery_key_generate ();

      if (strchr (key, '0') && strchr (key, '1'))
        return key;
      tonic_recovery_key_free (key);
    }
}

static void
test_forgiving_parse (void)
{
  char *key = generate_key_with_0_and_1 ();
  g_autofree char *canonical = strip_dashes (key);
  g_autofree char *lower = g_ascii_strdown (key, -1);
  g_autofree char *spaced = g_strdelimit (g_strdup (key), "-", ' ');
  g_autofree char *padded = g_strdup_printf ("  \t%s \n", key);
  g_autofree char *o_for_0 = g_strdup (canonical);
  g_autofree char *i_for_1 = g_strdup (canonical);
  g_autofree char *l_for_1 = g_strdup (lower);
  g_autofree char *unicode_dashes = NULL;
  g_autofree char *odd_breaks = NULL;
  GString *s;

  /* Dashes and spaces in odd places, a missing group separator. */
  s = g_string_new (NULL);
  for (guint i = 0; canonical[i]; i++)
    {
      g_string_append_c (s, canonical[i]);
      if (i % 3 == 1)
        g_string_append (s, i % 2 ? " - " : "--");
    }
  odd_breaks = g_string_free (s, FALSE);

  /* Dashes a PDF viewer may copy: U+2010 and U+2013, and a no-break space. */
  s = g_string_new (NULL);
  for (guint i = 0; canonical[i]; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append (s, i % 8 ? "\xe2\x80\x90" : "\xe2\x80\x93\xc2\xa0");
      g_string_append_c (s, canonical[i]);
    }
  unicode_dashes = g_string_free (s, FALSE);

  for (char *p = o_for_0; *p; p++)
    if (*p == '0')
      *p = 'O';
  for (char *p = i_for_1; *p; p++)
    if (*p == '1')
      *p = 'i';
  for (char *p = l_for_1; *p; p++)
    if (*p == '1')
      *p = 'l';

  {
    const char *typed[] = { key, canonical, lower, spaced, padded, o_for_0, i_for_1,
                            l_for_1, odd_breaks, unicode_dashes };

    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        g_autoptr(GError) error = NULL;
        char *normalized = tonic_recovery_key_normalize (typed[i], &error);

        g_test_message ("typed: %s", typed[i]);
        g_assert_no_error (error);
        g_assert_cmpstr (normalized, ==, canonical);
        g_assert_true (tonic_recovery_key_equal (typed[i], key));
        tonic_recovery_key_free (normalized);
      }
  }

  tonic_recovery_key_free (key);
}

static void
test_malformed (void)
{
  char *key = tonic_recovery_key_generate ();
  char *other = tonic_recovery_key_generate ();
  g_autofree char *canonical = strip_dashes (key);
  g_autofree char *short_key = g_strndup (canonical, KEY_CHARS - 1);
  g_autofree char *long_key = g_strconcat (canonical, "0", NULL);
  g_autofree char *with_u = g_strdup (canonical);
  g_autofree char *with_star = g_strdup (canonical);
  g_autofree char *bad_check = g_strdup (canonical);
  g_autofree char *accented = g_strconcat ("É", canonical + 1, NULL);
  const char invalid_utf8[] = "7KQ2-M9XD-\xff\xfe";

  with_u[5] = 'U';
  with_star[9] = '*';
  /* The last character is a check symbol only: any other value is wrong. */
  bad_check[KEY_CHARS - 1] = bad_check[KEY_CHARS - 1] == 'Z' ? 'Y' : 'Z';

  g_assert_true (is_malformed (""));
  /* The unwritten version symbol keeps 28 zeros from being a key. */
  g_assert_true (is_malformed ("0000-0000-0000-0000-0000-0000-0000"));
  g_assert_true (is_malformed ("----  "));
  g_assert_true (is_malformed (short_key));
  g_assert_true (is_malformed (long_key));
  g_assert_true (is_malformed (with_u));
  g_assert_true (is_malformed (with_star));
  g_assert_true (is_malformed (bad_check));
  g_assert_true (is_malformed (accented));
  g_assert_true (is_malformed (invalid_utf8));

  g_assert_false (tonic_recovery_key_equal (key, other));
  g_assert_false (tonic_recovery_key_equal (key, bad_check));
  g_assert_false (tonic_recovery_key_equal (bad_check, bad_check));

  tonic_recovery_key_free (key);
  tonic_recovery_key_free (other);
  tonic_recovery_key_free (NULL);
}

static void
test_gf_arithmetic (void)
{
  guint log_of[32] = { 0 };
  gboolean seen[32] = { FALSE };

  /* The defining relation, and α^31 = 1. */
  g_assert_cmpuint (gf_pow (2, 5), ==, 4 ^ 1);
  g_assert_cmpuint (gf_pow (2, 31), ==, 1);
  g_assert_cmpuint (gf_mul (alpha_powers[30], 2), ==, 1);

  /* α is primitive: its powers are the 31 non-zero elements, each once. */
  for (guint i = 0; i < 31; i++)
    {
      g_assert_cmpuint (gf_pow (2, i), ==, alpha_powers[i]);
      g_assert_cmpuint (alpha_powers[i], !=, 0);
      g_assert_false (seen[alpha_powers[i]]);
      seen[alpha_powers[i]] = TRUE;
      log_of[alpha_powers[i]] = i;
    }

  for (guint a = 0; a < 32; a++)
    {
      g_assert_cmpuint (gf_mul (a, 0), ==, 0);
      g_assert_cmpuint (gf_mul (a, 1), ==, a);
      /* Addition is XOR: every element is its own negative. */
      g_assert_cmpuint (a ^ a, ==, 0);

      for (guint b = 0; b < 32; b++)
        {
          guint ab = gf_mul (a, b);

          g_assert_cmpuint (ab, <, 32);
          g_assert_cmpuint (ab, ==, gf_mul (b, a));
          /* No zero divisors. */
          g_assert_true ((ab == 0) == (a == 0 || b == 0));
          /* Log/antilog tables give the same products. */
          if (a != 0 && b != 0)
            g_assert_cmpuint (ab, ==, alpha_powers[(log_of[a] + log_of[b]) % 31]);

          for (guint c = 0; c < 32; c++)
            {
              g_assert_cmpuint (gf_mul (ab, c), ==, gf_mul (a, gf_mul (b, c)));
              g_assert_cmpuint (gf_mul (a, b ^ c), ==, ab ^ gf_mul (a, c));
            }
        }
    }

  /* Every non-zero element has exactly one inverse, a^30. */
  for (guint a = 1; a < 32; a++)
    {
      guint n_inverses = 0;

      for (guint b = 1; b < 32; b++)
        n_inverses += gf_mul (a, b) == 1;
      g_assert_cmpuint (n_inverses, ==, 1);
      g_assert_cmpuint (gf_mul (a, inverses[a]), ==, 1);
      g_assert_cmpuint (gf_pow (a, 30), ==, inverses[a]);
    }

  /* A few products by hand: α^4·α^4 = α^8 = x^3 + x^2 + 1, (x + 1)^2 = x^2 + 1. */
  g_assert_cmpuint (gf_mul (16, 16), ==, 13);
  g_assert_cmpuint (gf_mul (3, 3), ==, 5);
  g_assert_cmpuint (gf_mul (31, 31), ==, alpha_powers[(2 * 15) % 31]);
  g_assert_cmpuint (inverses[2], ==, 16 ^ 2);
}

/* Keys whose check characters were worked out separately (by solving
 * C(α) = C(α^2) = 0 for k[26], k[27]); for each data part, exactly one of
 * the 1024 possible check pairs is accepted. */
static void
test_check_known_answers (void)
{
  const char *keys[] = {
    "00000000000000000000000000GK",
    "11111111111111111111111111BE",
    "ZZZZZZZZZZZZZZZZZZZZZZZZZZHT",
    "0123456789ABCDEFGHJKMNPQRSW9",
    "TVWXYZ0123456789ABCDEFGHJKDY",
    "7KQ2M9XD000000000000000000WW",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *candidate = g_strdup (keys[i]);
      guint n_accepted = 0;

      g_assert_cmpuint (syndrome (keys[i], 1), ==, 0);
      g_assert_cmpuint (syndrome (keys[i], 2), ==, 0);

      for (const char *a = ALPHABET; *a; a++)
        for (const char *b = ALPHABET; *b; b++)
          {
            candidate[KEY_CHARS - 2] = *a;
            candidate[KEY_CHARS - 1] = *b;
            if (!is_malformed (candidate))
              {
                g_autoptr(GError) error = NULL;
                char *normalized = tonic_recovery_key_normalize (candidate, &error);

                g_assert_no_error (error);
                g_assert_cmpstr (normalized, ==, keys[i]);
                tonic_recovery_key_free (normalized);
                n_accepted++;
              }
          }
      g_assert_cmpuint (n_accepted, ==, 1);
    }
}

/* Generated keys satisfy both syndrome equations of the reference arithmetic. */
static void
test_check_syndromes (void)
{
  for (guint n = 0; n < 1000; n++)
    {
      char *key = tonic_recovery_key_generate ();
      g_autofree char *canonical = strip_dashes (key);

      g_assert_cmpuint (syndrome (canonical, 1), ==, 0);
      g_assert_cmpuint (syndrome (canonical, 2), ==, 0);
      tonic_recovery_key_free (key);
    }
}

/* Every single-character substitution (31 other characters at each of the
 * 28 places) of a sample of keys: a code of minimum distance 3 catches all. */
static void
test_checksum_substitutions (void)
{
  guint tried = 0;
  guint n_keys = g_test_thorough () ? 1000 : 200;

  for (guint n = 0; n < n_keys; n++)
    {
      char *key = tonic_recovery_key_generate ();
      g_autofree char *canonical = strip_dashes (key);

      for (guint pos = 0; pos < KEY_CHARS; pos++)
        for (const char *c = ALPHABET; *c; c++)
          {
            char saved = canonical[pos];

            if (*c == saved)
              continue;

            canonical[pos] = *c;
            if (!is_malformed (canonical))
              g_error ("Substitution at %u not caught: %s", pos, canonical);
            canonical[pos] = saved;
            tried++;
          }

      tonic_recovery_key_free (key);
    }

  g_test_message ("substitutions: all %u caught", tried);
  g_assert_cmpuint (tried, ==, n_keys * KEY_CHARS * 31);
}

/* Every adjacent transposition of two different characters. */
static void
test_checksum_transpositions (void)
{
  guint tried = 0;
  guint n_keys = g_test_thorough () ? 5000 : 1000;

  for (guint n = 0; n < n_keys; n++)
    {
      char *key = tonic_recovery_key_generate ();
      g_autofree char *canonical = strip_dashes (key);

      for (guint pos = 0; pos + 1 < KEY_CHARS; pos++)
        {
          char a = canonical[pos];
          char b = canonical[pos + 1];

          if (a == b)
            continue;

          canonical[pos] = b;
          canonical[pos + 1] = a;
          if (!is_malformed (canonical))
            g_error ("Transposition at %u not caught: %s", pos, canonical);
          canonical[pos] = a;
          canonical[pos + 1] = b;
          tried++;
        }

      tonic_recovery_key_free (key);
    }

  g_test_message ("transpositions: all %u caught", tried);
  /* Neighbours are equal 1 time in 32: most of the 27 places per key count. */
  g_assert_cmpuint (tried, >, n_keys * 27 * 9 / 10);
}

/* Every pair of places, each changed to every other character, for a few
 * keys: 378 × 31 × 31 changes each. */
static void
test_checksum_double_substitutions (void)
{
  guint tried = 0;
  guint n_keys = g_test_thorough () ? 20 : 3;

  for (guint n = 0; n < n_keys; n++)
    {
      char *key = tonic_recovery_key_generate ();
      g_autofree char *canonical = strip_dashes (key);

      for (guint pos1 = 0; pos1 < KEY_CHARS; pos1++)
        for (guint pos2 = pos1 + 1; pos2 < KEY_CHARS; pos2++)
          {
            char saved1 = canonical[pos1];
            char saved2 = canonical[pos2];

            for (const char *c1 = ALPHABET; *c1; c1++)
              for (const char *c2 = ALPHABET; *c2; c2++)
                {
                  if (*c1 == saved1 || *c2 == saved2)
                    continue;

                  canonical[pos1] = *c1;
                  canonical[pos2] = *c2;
                  if (!is_malformed (canonical))
                    g_error ("Substitutions at %u and %u not caught: %s", pos1, pos2,
                             canonical);
                  tried++;
                }

            canonical[pos1] = saved1;
            canonical[pos2] = saved2;
          }

      tonic_recovery_key_free (key);
    }

  g_test_message ("double substitutions: all %u caught", tried);
  g_assert_cmpuint (tried, ==, n_keys * (KEY_CHARS * (KEY_CHARS - 1) / 2) * 31 * 31);
}

static void
test_uniqueness (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counts[32] = { 0 };
  guint n_keys = 20000;

  for (guint n = 0; n < n_keys; n++)
    {
      char *key = tonic_recovery_key_generate ();
      g_autofree char *canonical = strip_dashes (key);

      for (guint i = 0; i < 26; i++)
        counts[strchr (ALPHABET, canonical[i]) - ALPHABET]++;

      g_assert_true (g_hash_table_add (seen, g_steal_pointer (&canonical)));
      tonic_recovery_key_free (key);
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, n_keys);

  /* Each character about equally often in the data part: 16250 expected,
   * standard deviation about 125. */
  for (guint i = 0; i < 32; i++)
    {
      g_assert_cmpuint (counts[i], >, 15500);
      g_assert_cmpuint (counts[i], <, 17000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery-key/format", test_format);
  g_test_add_func ("/recovery-key/forgiving-parse", test_forgiving_parse);
  g_test_add_func ("/recovery-key/malformed", test_malformed);
  g_test_add_func ("/recovery-key/gf32", test_gf_arithmetic);
  g_test_add_func ("/recovery-key/checksum/known-answers", test_check_known_answers);
  g_test_add_func ("/recovery-key/checksum/syndromes", test_check_syndromes);
  g_test_add_func ("/recovery-key/checksum/substitutions", test_checksum_substitutions);
  g_test_add_func ("/recovery-key/checksum/transpositions", test_checksum_transpositions);
  g_test_add_func ("/recovery-key/checksum/double-substitutions",
                   test_checksum_double_substitutions);
  g_test_add_func ("/recovery-key/uniqueness", test_uniqueness);

  return g_test_run ();
}
