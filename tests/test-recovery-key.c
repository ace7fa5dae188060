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
  /* The last character is checksum only: any other value is wrong. */
  bad_check[KEY_CHARS - 1] = bad_check[KEY_CHARS - 1] == 'Z' ? 'Y' : 'Z';

  g_assert_true (is_malformed (""));
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

/* Every single-character substitution (31 other characters at each of the
 * 28 places) of a sample of keys. A change to one of the two checksum
 * characters is always caught; a change to a data character is missed only
 * when the 10-bit checksum of the changed data happens to match, about 1
 * time in 1024. */
static void
test_checksum_substitutions (void)
{
  guint tried = 0, caught = 0, check_tried = 0, check_caught = 0;
  guint n_keys = g_test_thorough () ? 1000 : 200;

  for (guint n = 0; n < n_keys; n++)
    {
      char *key = tonic_recovery_key_generate ();
      g_autofree char *canonical = strip_dashes (key);

      for (guint pos = 0; pos < KEY_CHARS; pos++)
        for (const char *c = ALPHABET; *c; c++)
          {
            char saved = canonical[pos];
            gboolean malformed;

            if (*c == saved)
              continue;

            canonical[pos] = *c;
            malformed = is_malformed (canonical);
            canonical[pos] = saved;

            tried++;
            caught += malformed;
            if (pos >= KEY_CHARS - 2)
              {
                check_tried++;
                check_caught += malformed;
              }
          }

      tonic_recovery_key_free (key);
    }

  g_test_message ("substitutions: %u of %u caught (%.3f%%)", caught, tried,
                  100.0 * caught / tried);
  g_assert_cmpuint (check_caught, ==, check_tried);
  /* Expected miss rate about 0.09%; 0.5% leaves room for chance. */
  g_assert_cmpfloat ((double) caught / tried, >=, 0.995);
}

/* Every adjacent transposition of two different characters. */
static void
test_checksum_transpositions (void)
{
  guint tried = 0, caught = 0;
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
          tried++;
          caught += is_malformed (canonical);
          canonical[pos] = a;
          canonical[pos + 1] = b;
        }

      tonic_recovery_key_free (key);
    }

  g_test_message ("transpositions: %u of %u caught (%.3f%%)", caught, tried,
                  100.0 * caught / tried);
  g_assert_cmpfloat ((double) caught / tried, >=, 0.995);
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
  g_test_add_func ("/recovery-key/checksum/substitutions", test_checksum_substitutions);
  g_test_add_func ("/recovery-key/checksum/transpositions", test_checksum_transpositions);
  g_test_add_func ("/recovery-key/uniqueness", test_uniqueness);

  return g_test_run ();
}
